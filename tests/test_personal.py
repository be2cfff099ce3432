"""The personal layer: reading status, personal tags and notes, apart from the catalogue."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import stat
import sys
from pathlib import Path

import pytest
import yaml

from sora_refs import Catalogue
from sora_refs.cli import cli
from sora_refs.personal import Personal, PersonalError, Status, data_dir

BUNDLED = Path(__file__).parent.parent / "data" / "refs.yaml"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the bundled catalogue, to show the layer never writes the catalogue."""
    target = tmp_path / "refs.yaml"
    shutil.copyfile(BUNDLED, target)
    return target


def run(runner, *args: str, input_: str | None = None):
    return runner.invoke(cli, list(args), input=input_, catch_exceptions=False)


def editor_script(tmp_path: Path, body: str, name: str = "editor.py") -> str:
    """An $EDITOR that runs ``body`` (Python, with ``path`` the file to edit); returns the command."""
    script = tmp_path / name
    script.write_text("import sys\nfrom pathlib import Path\npath = Path(sys.argv[1])\n" + body, encoding="utf-8")
    return f"{sys.executable} {script}"


# -- where it lives -------------------------------------------------------------------------


def test_file_lives_under_the_data_dir_override(copy: Path, _personal_dir: Path) -> None:
    assert data_dir() == _personal_dir
    bundled = Catalogue.load().personal()
    assert bundled.path == _personal_dir / "personal" / "bundled.yaml"
    mine = Catalogue.load(copy).personal()
    assert mine.path.parent == _personal_dir / "personal"
    assert mine.path.name.startswith("refs-") and mine.path.suffix == ".yaml"
    assert mine.notes_dir == mine.path.with_suffix(".notes")


def test_a_catalogue_built_in_memory_never_shares_the_bundled_file() -> None:
    built = Catalogue.from_data({"catalogue": {"title": "Scratch", "schema": 1}, "papers": []})
    assert built.personal().path.name.startswith("in-memory-")
    assert built.personal().path != Catalogue.load().personal().path


def test_two_catalogues_with_one_name_keep_two_files(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copyfile(BUNDLED, tmp_path / folder / "refs.yaml")
    first = Catalogue.load(tmp_path / "a" / "refs.yaml").personal()
    second = Catalogue.load(tmp_path / "b" / "refs.yaml").personal()
    assert first.path != second.path


def test_paths_command_shows_the_files(runner, _personal_dir: Path) -> None:
    result = run(runner, "paths")
    assert result.exit_code == 0
    lines = dict(line.split(":", 1) for line in result.stdout.splitlines())
    assert lines["personal"].strip() == str(_personal_dir / "personal" / "bundled.yaml")
    assert lines["notes"].strip() == str(_personal_dir / "personal" / "bundled.notes")
    assert "read-only" in lines["catalogue"]
    assert lines["config"].strip() == str(_personal_dir / "config.yaml")  # SORA_REFS_CONFIG, as conftest sets it


# -- mark and what reads it -----------------------------------------------------------------


def test_mark_works_on_the_bundled_catalogue_without_writing_it(runner) -> None:
    before = BUNDLED.read_bytes()
    result = run(runner, "mark", "22", "peebles2023scalable", "read")
    assert result.exit_code == 0, result.output
    assert "Marked ref 22 (ho2020denoising) as read." in result.stderr
    assert BUNDLED.read_bytes() == before
    mine = Catalogue.load().personal()
    assert mine.status("ho2020denoising") is Status.READ
    assert mine.status("peebles2023scalable") is Status.READ
    assert mine.status("ho2022imagen") is None
    # The file is for people too: plain YAML, with a comment saying what it is.
    text = mine.path.read_text(encoding="utf-8")
    assert text.startswith("# sora-refs personal layer")
    assert yaml.safe_load(text)["papers"]["ho2020denoising"]["status"] == "read"


def test_mark_then_list_search_stats_show_tree(runner, copy: Path) -> None:
    before = copy.read_bytes()
    base = ("--catalogue", str(copy))
    assert run(runner, *base, "mark", "22", "26", "read").exit_code == 0
    assert run(runner, *base, "mark", "10", "reading").exit_code == 0
    assert run(runner, *base, "mark", "2212.09748", "read").exit_code == 0  # an arXiv id: 26 again
    assert run(runner, *base, "mark", "1", "to-read").exit_code == 0

    listed = run(runner, *base, "list", "--status", "read", "--format", "keys")
    assert listed.stdout.split() == ["ho2020denoising", "peebles2023scalable"]
    unmarked = run(runner, *base, "list", "--status", "unmarked", "--format", "keys").stdout.split()
    assert len(unmarked) == 28 and "ho2020denoising" not in unmarked

    rows = run(runner, *base, "list", "-c", "diffusion").stdout.splitlines()
    assert rows[0].split("\t")[-1] == "reading"  # ref 10, Imagen Video
    assert rows[1].split("\t")[-1] == ""
    assert "22\tho2020denoising\t2020\tNeurIPS\tdiffusion\tDenoising Diffusion Probabilistic Models\tread" in rows

    found = run(runner, *base, "search", "status:read", "--format", "keys")
    assert sorted(found.stdout.split()) == ["ho2020denoising", "peebles2023scalable"]
    found = run(runner, *base, "search", "diffusion -status:read", "--format", "keys")
    assert "ho2020denoising" not in found.stdout.split() and "ho2022imagen" in found.stdout.split()

    counts = run(runner, *base, "stats", "--by", "status")
    assert counts.stdout.splitlines()[-1] == "2 of 32 read (1 reading, 1 to-read)."
    data = run(runner, *base, "stats", "--by", "status", "--format", "json").stdout
    assert '"value": "unmarked"' in data

    shown = run(runner, *base, "show", "22").stdout
    assert "Status: read" in shown.splitlines()
    tree = run(runner, *base, "tree", "-c", "diffusion").stdout
    assert "[22] Denoising Diffusion Probabilistic Models (2020, NeurIPS) [read]" in tree
    assert "[23] Improved Denoising Diffusion Probabilistic Models (2021, ICML)\n" in tree

    cleared = run(runner, *base, "mark", "22", "none")
    assert cleared.exit_code == 0 and cleared.stderr == "Cleared the mark of ref 22 (ho2020denoising).\n"
    assert Catalogue.load(copy).personal().status("ho2020denoising") is None
    assert copy.read_bytes() == before


def test_without_marks_outputs_are_unchanged(runner) -> None:
    rows = run(runner, "list", "-c", "gan").stdout.splitlines()
    assert all(len(row.split("\t")) == 6 for row in rows)
    assert "Status" not in run(runner, "show", "4").stdout


def test_mark_bad_input(runner) -> None:
    result = run(runner, "mark", "22", "finished")
    assert result.exit_code == 2
    assert "the last argument must be a status: to-read, reading, read, or none" in result.stderr
    result = run(runner, "mark", "read")
    assert result.exit_code == 2 and "give the papers, then a status" in result.stderr
    result = run(runner, "mark", "99", "read")
    assert result.exit_code == 1 and "no paper with ref 99" in result.stderr
    result = run(runner, "list", "--status", "done-ish")
    assert result.exit_code == 2 and "unknown reading status 'done-ish'" in result.stderr
    result = run(runner, "search", "status:later")
    assert result.exit_code == 2 and "unknown reading status 'later'" in result.stderr
    assert not Catalogue.load().personal().path.exists()


def test_a_broken_personal_file_is_reported_not_overwritten(runner) -> None:
    mine = Catalogue.load().personal()
    mine.path.parent.mkdir(parents=True)
    mine.path.write_text("papers: [unclosed\n", encoding="utf-8")
    result = run(runner, "mark", "22", "read")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {mine.path}:")
    assert "is not valid YAML" in result.stderr
    assert mine.path.read_text(encoding="utf-8") == "papers: [unclosed\n"


def test_hand_edited_file_is_read(tmp_path: Path) -> None:
    mine = Personal(tmp_path / "p.yaml")
    (tmp_path / "p.yaml").write_text("papers:\n  a: {status: Reading, tags: [x]}\n  b: {status: nonsense}\n")
    assert mine.status("a") is Status.READING
    assert mine.status("b") is None
    assert mine.tags("a") == ("x",)


def test_personal_tags(tmp_path: Path) -> None:
    mine = Personal(tmp_path / "p.yaml")
    assert mine.tag("k", add=["Later", "group"]) == ("group", "later")
    assert mine.tag("k", remove=["group"]) == ("later",)
    assert mine.tag("k", remove=["later"]) == ()
    assert "k" not in yaml.safe_load((tmp_path / "p.yaml").read_text())["papers"]
    with pytest.raises(Exception, match="invalid tag 'two words'"):
        mine.tag("k", add=["two words"])


def test_personal_tags_select_like_the_catalogues_own(runner, copy: Path) -> None:
    base = ("--catalogue", str(copy))
    assert run(runner, *base, "tag", "26", "+to-discuss", "--personal").exit_code == 0
    assert run(runner, *base, "tag", "22", "+To-Discuss", "--personal").exit_code == 0
    listed = run(runner, *base, "list", "-t", "to-discuss", "--format", "keys")
    assert listed.stdout.split() == ["ho2020denoising", "peebles2023scalable"]
    # The catalogue's own tags select as before, and either kind of tag selects.
    own = run(runner, *base, "list", "-t", "dall-e", "--format", "keys").stdout.split()
    assert own and "peebles2023scalable" not in own
    both = run(runner, *base, "list", "-t", "dall-e", "-t", "to-discuss", "--format", "keys").stdout.split()
    assert set(both) == set(own) | {"ho2020denoising", "peebles2023scalable"}
    found = run(runner, *base, "search", "diffusion tag:to-discuss", "--format", "keys")
    assert sorted(found.stdout.split()) == ["ho2020denoising", "peebles2023scalable"]
    # A misspelt personal tag gets the same did-you-mean as a catalogue one.
    wrong = run(runner, *base, "search", "tag:to-discus")
    assert wrong.exit_code == 2 and "did you mean 'tag:to-discuss'?" in wrong.stderr
    # Someone else's personal layer (another data dir) knows nothing of them.
    assert run(runner, "list", "-t", "to-discuss", "--format", "keys").stdout == ""


def test_data_output_carries_what_the_reader_keeps(runner, copy: Path, tmp_path: Path, monkeypatch) -> None:
    import json

    base = ("--catalogue", str(copy))
    assert run(runner, *base, "mark", "26", "read").exit_code == 0
    assert run(runner, *base, "tag", "26", "+to-discuss", "--personal").exit_code == 0
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "path.write_text('Patchify, then a plain ViT.\\n')"))
    assert run(runner, *base, "note", "26").exit_code == 0
    listed = json.loads(run(runner, *base, "list", "-c", "diffusion", "--format", "json").stdout)
    mine = {paper["key"]: paper["personal"] for paper in listed}
    assert mine["peebles2023scalable"]["status"] == "read"
    assert mine["peebles2023scalable"]["tags"] == ["to-discuss"]
    assert mine["peebles2023scalable"]["note"] == "Patchify, then a plain ViT.\n"
    assert mine["peebles2023scalable"]["updated"]  # the day it was marked
    assert mine["ho2020denoising"] == {"status": None, "tags": [], "updated": None, "note": None}
    shown = yaml.safe_load(run(runner, *base, "show", "26", "--format", "yaml").stdout)
    assert shown[0]["personal"] == mine["peebles2023scalable"]
    assert shown[0]["title"] == "Scalable Diffusion Models with Transformers"  # the catalogue's fields stay


# -- notes --------------------------------------------------------------------------------


def test_note_with_an_editor_script(runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "path.write_text(path.read_text() + 'Patches!\\n')"))
    result = run(runner, "note", "26")
    assert result.exit_code == 0, result.output
    mine = Catalogue.load().personal()
    assert mine.note("peebles2023scalable") == "# Scalable Diffusion Models with Transformers\n\nPatches!\n"
    assert run(runner, "note", "26", "--print").stdout == mine.note("peebles2023scalable")
    assert run(runner, "search", "note:patches", "--format", "keys").stdout.split() == ["peebles2023scalable"]
    assert "My note: # Scalable Diffusion Models with Transformers (+1 line" in run(runner, "show", "26").stdout


def test_note_editor_quit_without_saving_or_failing_changes_nothing(
    runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = Catalogue.load().personal()
    mine.write_note("peebles2023scalable", "kept\n")
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "pass\n"))
    result = run(runner, "note", "26")
    assert result.exit_code == 0 and "No change" in result.stderr
    monkeypatch.setenv("VISUAL", editor_script(tmp_path, "path.write_text('lost')\nsys.exit(3)\n", "bad.py"))
    result = run(runner, "note", "26")
    assert result.exit_code == 1
    assert "exited with status 3; nothing was changed" in result.stderr
    assert mine.note("peebles2023scalable") == "kept\n"
    monkeypatch.setenv("VISUAL", "/no/such/editor")
    result = run(runner, "note", "26")
    assert result.exit_code == 1 and "cannot start the editor '/no/such/editor'" in result.stderr


def test_note_options(runner) -> None:
    assert run(runner, "note", "22", "--print").exit_code == 1
    assert run(runner, "note", "22", "-m", "first").exit_code == 0
    assert run(runner, "note", "22", "--append", "-", input_="second\n").exit_code == 0
    assert run(runner, "note", "22", "--print").stdout == "first\n\nsecond\n"
    path = run(runner, "note", "22", "--path").stdout.strip()
    assert Path(path).read_text() == "first\n\nsecond\n"
    assert run(runner, "note", "22", "--delete").exit_code == 0
    assert not Path(path).exists()
    result = run(runner, "note", "22", "--print", "--delete")
    assert result.exit_code == 2


# -- sharing ------------------------------------------------------------------------------


def test_progress_export_import_merges_without_loss(runner, tmp_path: Path, copy: Path) -> None:
    # Alice marks the bundled catalogue; Bob has a copy under another path (other keys are matched too).
    run(runner, "mark", "22", "26", "read")
    run(runner, "mark", "10", "reading")
    run(runner, "note", "26", "-m", "Alice: patches are 2x2.")
    Catalogue.load().personal().tag("ho2020denoising", add=["discuss"])
    exported = tmp_path / "alice.yaml"
    assert run(runner, "progress", "export", "--as", "alice", str(exported)).exit_code == 0
    data = yaml.safe_load(exported.read_text())
    assert data["member"] == "alice" and data["papers"]["peebles2023scalable"]["note"] == "Alice: patches are 2x2.\n"

    base = ("--catalogue", str(copy))
    run(runner, *base, "note", "26", "-m", "Bob: read the appendix.")
    run(runner, *base, "mark", "10", "read")
    result = run(runner, *base, "progress", "import", str(exported))
    assert result.exit_code == 0, result.output
    bob = Catalogue.load(copy).personal()
    assert bob.status("ho2020denoising") is Status.READ
    assert bob.tags("ho2020denoising") == ("discuss",)
    note = bob.note("peebles2023scalable")
    assert note is not None and note.startswith("Bob: read the appendix.") and "Alice: patches are 2x2." in note
    # Importing again changes nothing more.
    run(runner, *base, "progress", "import", str(exported))
    assert bob.note("peebles2023scalable") == note

    # Or kept apart, as a member's progress, for "who has read what".
    result = run(runner, *base, "progress", "import", str(exported), "--as", "alice")
    assert "Filed 3 statuses as alice's progress" in result.stderr
    group = run(runner, *base, "progress", "group").stdout.splitlines()
    assert group[0].split() == ["ref", "key", "me", "alice"]
    assert ["10", "ho2022imagen", "read", "reading"] in [line.split() for line in group]


def test_progress_import_rejects_other_files(runner, tmp_path: Path) -> None:
    other = tmp_path / "x.yaml"
    other.write_text("papers: []\n")
    result = run(runner, "progress", "import", str(other))
    assert result.exit_code == 1 and "not a sora-refs progress file" in result.stderr
    result = run(runner, "progress", "import", str(tmp_path / "missing.yaml"))
    assert result.exit_code == 1 and "cannot read" in result.stderr


# -- concurrency --------------------------------------------------------------------------


def _mark_many(path: str, keys: list[str], status: str) -> None:
    mine = Personal(path)
    for key in keys:
        mine.set_status([key], Status(status))
        mine.tag(key, add=[status])


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    path = str(tmp_path / "p.yaml")
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=_mark_many, args=(path, [f"{name}{i}" for i in range(15)], status))
        for name, status in (("a", "read"), ("b", "reading"), ("c", "to-read"))
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    mine = Personal(path)
    assert len(mine.keys()) == 45
    assert all(mine.status(f"b{i}") is Status.READING and mine.tags(f"b{i}") == ("reading",) for i in range(15))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions (not root)")
def test_unwritable_data_dir_is_one_message(runner, _personal_dir: Path) -> None:
    os.chmod(_personal_dir, stat.S_IRUSR | stat.S_IXUSR)
    try:
        result = run(runner, "mark", "22", "read")
    finally:
        os.chmod(_personal_dir, stat.S_IRWXU)
    assert result.exit_code == 1 and result.stderr.startswith("Error: cannot write")


def test_personal_error_is_a_sora_refs_error() -> None:
    from sora_refs.errors import SoraRefsError

    assert issubclass(PersonalError, SoraRefsError)
