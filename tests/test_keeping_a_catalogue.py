"""Keeping a catalogue: add by id (local arXiv and Crossref servers), edit, remove, tag, set.

The rule every test checks in one way or another: outside the paper that changed, the file is
the same byte for byte, comments and layout included.
"""

from __future__ import annotations

import multiprocessing
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import parse_qs

import pytest
import yaml
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from sora_refs import Catalogue
from sora_refs.cli import cli
from sora_refs.editing.adding import parse_identifier
from sora_refs.errors import UsageError

NET = Path(__file__).parent / "data" / "net"
BUNDLED = Path(__file__).parent.parent / "data" / "refs.yaml"
FEED = (NET / "arxiv-add.xml").read_text(encoding="utf-8")
ATOM = "application/atom+xml; charset=utf-8"
CROSSREF = {
    "10.1109/iccv51070.2023.00387": NET / "crossref" / "dit.json",
    "10.1109/cvpr.2018.00165": NET / "crossref" / "mocogan.json",
    "10.1007/978-3-031-19787-1_41": NET / "crossref" / "nuwa.json",
}

HAND_KEPT = """\
# My reading list for the video-generation group.
# Keep it sorted by topic; ask Ana before removing anything.

catalogue:
  title: "Group reading list"
  schema: 1

categories:
  - id: diffusion
    name: "Diffusion"
  - id: transformers
    name: "Transformers"   # the attention papers

papers:
# --- diffusion -----------------------------------------------------------
- key: sohldickstein2015deep
  title: "Deep Unsupervised Learning using Nonequilibrium Thermodynamics"
  authors:
    - Jascha Sohl-Dickstein
    - Eric A. Weiss
  year: 2015
  venue: ICML
  type: inproceedings
  category: diffusion
  tags: [diffusion, theory]   # the first one
  notes: >-
    Read before DDPM.

# --- transformers ----------------------------------------------------------
- key: dosovitskiy2021image
  title: "An Image is Worth 16x16 Words"
  authors: [Alexey Dosovitskiy, Lucas Beyer]
  year: 2021
  venue: ICLR
  type: inproceedings
  category: transformers
"""


def feed_for(ids: list[str]) -> str:
    """The recorded feed, cut down to the entries asked for (as arXiv answers an id_list)."""
    head, rest = FEED.split("<entry>", 1)
    entries = ["<entry>" + part for part in ("<entry>" + rest).split("<entry>")[1:]]
    entries[-1] = entries[-1].replace("</feed>", "")
    kept = [e for e in entries if any(f"arxiv.org/abs/{i}v" in e for i in ids)]
    for ident in ids:  # an id arXiv does not know gets an entry with nothing in it
        if not any(f"arxiv.org/abs/{ident}v" in e for e in entries):
            kept.append(f"<entry>\n    <id>http://arxiv.org/abs/{ident}</id>\n    <title></title>\n  </entry>\n")
    total = re.sub(r"(totalResults[^>]*>)\d+", rf"\g<1>{len(kept)}", head)
    return total + "".join(kept) + "</feed>\n"


@pytest.fixture
def services(httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> HTTPServer:
    """arXiv and Crossref on one local server, answering from recorded data."""
    monkeypatch.setenv("SORA_REFS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SORA_REFS_ARXIV_API", httpserver.url_for("/api/query"))
    monkeypatch.setenv("SORA_REFS_CROSSREF_API", httpserver.url_for("/crossref"))
    monkeypatch.setattr("sora_refs.fetch.net.backoff_delay", lambda *args, **kwargs: 0.0)

    def arxiv(request: Request) -> Response:
        ids = request.args.get("id_list", "").split(",")
        return Response(feed_for(ids), content_type=ATOM)

    def crossref(request: Request) -> Response:
        doi = request.path.split("/works/", 1)[1].lower()
        if doi in CROSSREF:
            return Response(CROSSREF[doi].read_bytes(), content_type="application/json")
        return Response("Resource not found.", status=404)

    httpserver.expect_request("/api/query").respond_with_handler(arxiv)
    httpserver.expect_request(re.compile(r"^/crossref/works/.+")).respond_with_handler(crossref)
    return httpserver


def run(runner, *args: str, input_: str | None = None):
    return runner.invoke(cli, list(args), input=input_, catch_exceptions=False)


def outside(text: str, key: str) -> str:
    """The file's text with the paper ``key``'s entry cut out (what must not change)."""
    lines = text.splitlines(keepends=True)
    start = next(
        i
        for i, line in enumerate(lines)
        if line.startswith(("- key: " + key, "  key: " + key)) or line.strip() == f"key: {key}"
    )
    while not lines[start].lstrip().startswith("- "):
        start -= 1
    end = start + 1
    while end < len(lines) and not lines[end].startswith("- ") and not lines[end].startswith("#"):
        end += 1
    return "".join(lines[:start] + lines[end:])


def editor(tmp_path: Path, body: str, name: str = "editor.py") -> str:
    script = tmp_path / name
    script.write_text(
        "import sys\nfrom pathlib import Path\npath = Path(sys.argv[1])\ntext = path.read_text()\n" + body,
        encoding="utf-8",
    )
    return f"{sys.executable} {script}"


@pytest.fixture
def kept(tmp_path: Path) -> Path:
    path = tmp_path / "list.yaml"
    path.write_text(HAND_KEPT, encoding="utf-8")
    return path


# -- identifiers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "kind", "value"),
    [
        ("2212.09748", "arxiv", "2212.09748"),
        ("arXiv:2212.09748v2", "arxiv", "2212.09748"),
        ("https://arxiv.org/abs/2212.09748v1", "arxiv", "2212.09748"),
        ("https://arxiv.org/pdf/2212.09748.pdf", "arxiv", "2212.09748"),
        ("hep-th/9901001", "arxiv", "hep-th/9901001"),
        ("10.1109/CVPR.2018.00165", "doi", "10.1109/CVPR.2018.00165"),
        ("https://doi.org/10.1109/CVPR.2018.00165", "doi", "10.1109/CVPR.2018.00165"),
        ("doi:10.1007/978-3-031-19787-1_41", "doi", "10.1007/978-3-031-19787-1_41"),
        ("https://doi.org/10.48550/arXiv.2212.09748", "arxiv", "2212.09748"),
    ],
)
def test_identifiers(given: str, kind: str, value: str) -> None:
    wanted = parse_identifier(given)
    assert (wanted.kind, wanted.value) == (kind, value)


@pytest.mark.parametrize("bad", ["dit", "2212.097", "https://example.org/paper", "10.12/x", ""])
def test_bad_identifier_names_the_accepted_forms(bad: str) -> None:
    with pytest.raises(UsageError, match=r"is neither an arXiv id nor a DOI; give an arXiv id or URL \(2212.09748"):
        parse_identifier(bad)


# -- add ----------------------------------------------------------------------------------


def test_add_to_a_hand_kept_file_keeps_every_other_byte(runner, services, kept: Path) -> None:
    result = run(runner, "--catalogue", str(kept), "add", "2212.09748", "-c", "transformers", "-t", "dit")
    assert result.exit_code == 0, result.output
    assert result.stdout == ("Added peebles2023scalable: Scalable Diffusion Models with Transformers (ICCV 2023)\n")
    text = kept.read_text(encoding="utf-8")
    assert text.startswith(HAND_KEPT)  # appended after the last entry, nothing else touched
    added = text[len(HAND_KEPT) :]
    assert (
        added
        == """\

- key: peebles2023scalable
  title: "Scalable Diffusion Models with Transformers"
  authors:
    - William Peebles
    - Saining Xie
  year: 2023
  venue: ICCV
  venue_full: "IEEE/CVF International Conference on Computer Vision"
  type: inproceedings
  pages: "4172-4182"
  publisher: IEEE
  cited:
    venue: arXiv
    year: 2022
  ids:
    arxiv: "2212.09748"
    doi: "10.1109/iccv51070.2023.00387"
    arxiv_class: cs.CV
  url: "http://dx.doi.org/10.1109/iccv51070.2023.00387"
  pdf: "https://arxiv.org/pdf/2212.09748"
  category: transformers
  tags: [dit]
  abstract: We explore a new class of diffusion models based on the transformer architecture.
"""
    )
    assert (kept.with_name("list.yaml.bak")).read_text(encoding="utf-8") == HAND_KEPT
    # One arXiv request (batched), one Crossref request for the published version.
    paths = [entry[0].path for entry in services.log]
    assert paths == ["/api/query", "/crossref/works/10.1109/ICCV51070.2023.00387"]
    assert Catalogue.load(kept).personal().status("peebles2023scalable").value == "to-read"


def test_add_batches_arxiv_and_reads_journal_refs(runner, services, kept: Path) -> None:
    result = run(runner, "--catalogue", str(kept), "add", "2006.11239", "1706.03762", "-c", "diffusion")
    assert result.exit_code == 0, result.output
    assert [e[0].path for e in services.log] == ["/api/query"]
    assert parse_qs(services.log[0][0].query_string.decode())["id_list"] == ["2006.11239,1706.03762"]
    papers = {p.key: p for p in Catalogue.load(kept).papers}
    ddpm = papers["ho2020denoising"]
    assert (ddpm.venue, ddpm.year) == ("NeurIPS", 2020)
    assert ddpm.venue_full == "Advances in Neural Information Processing Systems"
    assert ddpm.cited.venue == "arXiv" and ddpm.cited.year == 2020
    attention = papers["vaswani2017attention"]
    assert (attention.venue, attention.type.value, attention.cited) == ("arXiv", "preprint", None)
    assert attention.ids.arxiv_class == "cs.CL" and len(attention.authors) == 8


def test_add_by_doi_uses_crossref_and_a_mailto(runner, services, kept: Path, monkeypatch) -> None:
    monkeypatch.setenv("SORA_REFS_MAILTO", "group@example.org")
    result = run(
        runner,
        "--catalogue",
        str(kept),
        "add",
        "https://doi.org/10.1007/978-3-031-19787-1_41",
        "10.1109/CVPR.2018.00165",
        "-c",
        "transformers",
    )
    assert result.exit_code == 0, result.output
    assert all(parse_qs(e[0].query_string.decode())["mailto"] == ["group@example.org"] for e in services.log)
    papers = {p.key: p for p in Catalogue.load(kept).papers}
    mocogan = papers["tulyakov2018mocogan"]
    assert (mocogan.venue, mocogan.year, mocogan.pages, mocogan.type.value) == (
        "CVPR",
        2018,
        "1526-1535",
        "inproceedings",
    )
    nuwa = papers["wu2022nuwa"]
    assert nuwa.venue == "ECCV" and nuwa.type.value == "incollection"


def test_duplicates_are_reported_not_added(runner, services, kept: Path) -> None:
    run(runner, "--catalogue", str(kept), "add", "2212.09748", "-c", "transformers")
    before = kept.read_bytes()
    result = run(
        runner,
        "--catalogue",
        str(kept),
        "add",
        "arXiv:2212.09748v1",
        "https://doi.org/10.1109/ICCV51070.2023.00387",
        "-c",
        "transformers",
    )
    assert result.exit_code == 1
    assert (
        "Skipped arXiv:2212.09748v1: already in the catalogue (same arXiv id 2212.09748 as "
        "peebles2023scalable)." in result.stderr
    )
    assert "(same DOI 10.1109/iccv51070.2023.00387 as peebles2023scalable)" in result.stderr
    assert kept.read_bytes() == before


def test_dry_run_prints_the_entry_and_writes_nothing(runner, services, kept: Path) -> None:
    result = run(runner, "--catalogue", str(kept), "add", "1706.03762", "-c", "transformers", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith('- key: vaswani2017attention\n  title: "Attention Is All You Need"\n')
    assert "nothing written (dry run)" in result.stderr
    assert kept.read_text(encoding="utf-8") == HAND_KEPT
    assert not kept.with_name("list.yaml.bak").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "dit-paper", "-c", "diffusion"], "'dit-paper' is neither an arXiv id nor a DOI; give an arXiv id"),
        (["add", "2212.09748", "-c", "difusion"], "unknown category 'difusion'; did you mean 'diffusion'?"),
        (["add", "2212.09748"], "give --category: one of diffusion, transformers"),
        (["add", "2401.00001", "-c", "diffusion"], "arXiv has no paper 2401.00001; nothing was added"),
        (["add", "10.1234/unknown", "-c", "diffusion"], "Crossref does not know the DOI 10.1234/unknown"),
    ],
)
def test_bad_input_writes_nothing(runner, services, kept: Path, args: list[str], message: str) -> None:
    result = run(runner, "--catalogue", str(kept), *args)
    assert result.exit_code != 0
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert kept.read_text(encoding="utf-8") == HAND_KEPT


def test_network_down_and_rate_limit(
    runner, httpserver: HTTPServer, kept: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SORA_REFS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr("sora_refs.fetch.net.backoff_delay", lambda *args, **kwargs: 0.0)
    monkeypatch.setenv("SORA_REFS_ARXIV_API", "http://127.0.0.1:9/api/query")  # nothing listens on port 9
    result = run(runner, "--catalogue", str(kept), "add", "2212.09748", "-c", "diffusion", "--timeout", "2")
    assert result.exit_code == 1
    assert "cannot get an answer from arXiv" in result.stderr and "nothing was added" in result.stderr
    httpserver.expect_request("/api/query").respond_with_data((NET / "rate-exceeded.txt").read_bytes(), status=503)
    monkeypatch.setenv("SORA_REFS_ARXIV_API", httpserver.url_for("/api/query"))
    result = run(runner, "--catalogue", str(kept), "add", "2212.09748", "-c", "diffusion")
    assert result.exit_code == 1 and "Rate exceeded" in result.stderr and "nothing was added" in result.stderr
    assert kept.read_text(encoding="utf-8") == HAND_KEPT


def test_the_bundled_catalogue_is_never_written(runner, services) -> None:
    result = run(runner, "add", "2212.09748")
    assert result.exit_code == 2
    assert "the bundled catalogue is never modified; give --catalogue PATH" in result.stderr


def test_answers_are_cached(runner, services, kept: Path, tmp_path: Path) -> None:
    run(runner, "--catalogue", str(kept), "add", "1706.03762", "-c", "transformers", "--dry-run")
    services.clear()  # any request now fails
    result = run(runner, "--catalogue", str(kept), "add", "1706.03762", "-c", "transformers")
    assert result.exit_code == 0, result.output
    assert not services.log


# -- edit ---------------------------------------------------------------------------------


def test_edit_changes_one_entry_and_nothing_else(runner, kept: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(
        "EDITOR", editor(tmp_path, "path.write_text(text.replace('venue: ICLR', 'venue: ICLR  # as published'))\n")
    )
    result = run(runner, "--catalogue", str(kept), "edit", "dosovitskiy2021image")
    assert result.exit_code == 0, result.output
    text = kept.read_text(encoding="utf-8")
    assert text == HAND_KEPT.replace("  venue: ICLR\n", "  venue: ICLR  # as published\n")
    assert outside(text, "dosovitskiy2021image") == outside(HAND_KEPT, "dosovitskiy2021image")


def test_edit_shows_the_entry_as_written(runner, kept: Path, tmp_path: Path, monkeypatch) -> None:
    seen = tmp_path / "seen.yaml"
    monkeypatch.setenv("EDITOR", editor(tmp_path, f"Path({str(seen)!r}).write_text(text)\n"))
    result = run(runner, "--catalogue", str(kept), "edit", "sohldickstein2015deep")
    assert result.exit_code == 0 and "No change" in result.stderr
    shown = seen.read_text()
    assert shown.startswith("# Edit sohldickstein2015deep of ")
    assert "key: sohldickstein2015deep\n" in shown and "tags: [diffusion, theory]   # the first one\n" in shown
    assert "notes: >-\n  Read before DDPM.\n" in shown
    assert kept.read_text(encoding="utf-8") == HAND_KEPT


def test_edit_invalid_then_quit_changes_nothing(runner, kept: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("EDITOR", editor(tmp_path, "path.write_text(text.replace('year: 2021', 'year: soon'))\n"))
    result = run(runner, "--catalogue", str(kept), "edit", "dosovitskiy2021image")
    assert result.exit_code == 1
    assert "field 'year'" in result.stderr and "Nothing was changed" in result.stderr
    assert kept.read_text(encoding="utf-8") == HAND_KEPT
    monkeypatch.setenv("EDITOR", editor(tmp_path, "path.write_text(text + '  bad: [\\n')\n", "broken.py"))
    result = run(runner, "--catalogue", str(kept), "edit", "dosovitskiy2021image")
    assert result.exit_code == 1 and "not valid YAML" in result.stderr
    assert kept.read_text(encoding="utf-8") == HAND_KEPT


def test_editor_that_fails_changes_nothing(runner, kept: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("VISUAL", editor(tmp_path, "path.write_text('key: x\\n')\nsys.exit(1)\n"))
    result = run(runner, "--catalogue", str(kept), "edit", "dosovitskiy2021image")
    assert result.exit_code == 1 and "exited with status 1; nothing was changed" in result.stderr
    assert kept.read_text(encoding="utf-8") == HAND_KEPT


def test_edit_renaming_a_key_carries_the_personal_layer(runner, kept: Path, tmp_path: Path, monkeypatch) -> None:
    run(runner, "--catalogue", str(kept), "mark", "dosovitskiy2021image", "read")
    monkeypatch.setenv(
        "EDITOR", editor(tmp_path, "path.write_text(text.replace('key: dosovitskiy2021image', 'key: vit2021'))\n")
    )
    result = run(runner, "--catalogue", str(kept), "edit", "dosovitskiy2021image")
    assert result.exit_code == 0, result.output
    catalogue = Catalogue.load(kept)
    assert catalogue.get("vit2021").title == "An Image is Worth 16x16 Words"
    assert catalogue.personal().status("vit2021").value == "read"


# -- remove, tag, set ---------------------------------------------------------------------


def test_remove_needs_yes_without_a_terminal(runner, kept: Path) -> None:
    result = run(runner, "--catalogue", str(kept), "remove", "sohldickstein2015deep")
    assert result.exit_code == 2 and "needs confirmation: add --yes (nothing was removed)" in result.stderr
    assert kept.read_text(encoding="utf-8") == HAND_KEPT
    result = run(runner, "--catalogue", str(kept), "remove", "sohldickstein2015deep", "--yes")
    assert result.exit_code == 0, result.output
    text = kept.read_text(encoding="utf-8")
    start = HAND_KEPT.index("- key: sohldickstein2015deep")
    end = HAND_KEPT.index("# --- transformers")
    assert text == HAND_KEPT[:start] + HAND_KEPT[end:]


def test_remove_the_last_paper(runner, kept: Path) -> None:
    assert run(runner, "--catalogue", str(kept), "remove", "dosovitskiy2021image", "--yes").exit_code == 0
    text = kept.read_text(encoding="utf-8")
    assert (
        text
        == HAND_KEPT[: HAND_KEPT.index("\n# --- transformers") + 1]
        + HAND_KEPT[HAND_KEPT.index("# --- transformers") : HAND_KEPT.index("- key: dosovitskiy2021image")]
    )


def test_tag_and_set_splice_one_field(runner, kept: Path) -> None:
    assert run(runner, "--catalogue", str(kept), "tag", "sohldickstein2015deep", "+classic", "-theory").exit_code == 0
    text = kept.read_text(encoding="utf-8")
    assert text == HAND_KEPT.replace(
        "  tags: [diffusion, theory]   # the first one\n", "  tags: [diffusion, classic]\n"
    )
    result = run(
        runner,
        "--catalogue",
        str(kept),
        "set",
        "dosovitskiy2021image",
        "venue_full=International Conference on Learning Representations",
        "cited.venue=arXiv",
        "cited.year=2020",
        "tags=vit,patches",
    )
    assert result.exit_code == 0, result.output
    entry = kept.read_text(encoding="utf-8").split("- key: dosovitskiy2021image\n")[1]
    assert (
        entry
        == """\
  title: "An Image is Worth 16x16 Words"
  authors: [Alexey Dosovitskiy, Lucas Beyer]
  year: 2021
  venue: ICLR
  venue_full: "International Conference on Learning Representations"
  type: inproceedings
  cited:
    venue: arXiv
    year: 2020
  category: transformers
  tags: [vit, patches]
"""
    )
    assert (
        run(
            runner,
            "--catalogue",
            str(kept),
            "set",
            "dosovitskiy2021image",
            "cited.venue=",
            "cited.year=",
            "venue_full=",
            "tags=",
        ).exit_code
        == 0
    )
    assert kept.read_text(encoding="utf-8") == HAND_KEPT.replace(
        "  tags: [diffusion, theory]   # the first one\n", "  tags: [diffusion, classic]\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["set", "dosovitskiy2021image", "yaer=2020"], "unknown field 'yaer'; did you mean 'year'?"),
        (["set", "dosovitskiy2021image", "year=soon"], "year must be a whole number, got 'soon'"),
        (["set", "dosovitskiy2021image", "type=poster"], "field 'type'"),
        (["set", "dosovitskiy2021image", "key=sohldickstein2015deep"], "duplicate"),
        (["set", "dosovitskiy2021image", "title"], "expected FIELD=VALUE, got 'title'"),
        (["tag", "dosovitskiy2021image", "+Two Words"], "invalid tag 'Two Words'"),
        (["tag", "dosovitskiy2021image", "plain"], "write each change as +TAG or -TAG"),
        (["set", "nobody2020x", "year=2020"], "no paper with key 'nobody2020x'"),
    ],
)
def test_set_and_tag_bad_input(runner, kept: Path, args: list[str], message: str) -> None:
    result = run(runner, "--catalogue", str(kept), *args)
    assert result.exit_code != 0
    assert message in result.stderr
    assert kept.read_text(encoding="utf-8") == HAND_KEPT


@pytest.mark.parametrize(
    "args",
    [
        ["set", "dosovitskiy2021image", "year=2020"],
        ["tag", "dosovitskiy2021image", "+classic"],
        ["remove", "dosovitskiy2021image", "--yes"],
        ["edit", "dosovitskiy2021image"],
        ["import", "BIB"],
    ],
    ids=lambda args: args[0],
)
def test_a_read_only_catalogue_is_left_alone(runner, kept: Path, tmp_path: Path, monkeypatch, args) -> None:
    """chmod a-w says "do not change me": every writer refuses, before any work, and says how to allow it."""
    bib = tmp_path / "one.bib"
    bib.write_text("@article{new2024x, title={A New Paper}, author={Doe, Jane}, journal={J}, year={2024}}\n")
    args = [str(bib) if a == "BIB" else a for a in args]
    monkeypatch.setenv("EDITOR", editor(tmp_path, "raise SystemExit('the editor was opened')\n"))
    kept.chmod(0o444)
    try:
        result = run(runner, "--catalogue", str(kept), *args)
    finally:
        kept.chmod(0o644)
    assert result.exit_code == 1, result.output
    assert f"{kept} is read-only; nothing was changed (to allow changes: chmod u+w {kept})" in result.stderr
    assert "the editor was opened" not in result.output
    assert kept.read_text(encoding="utf-8") == HAND_KEPT
    assert not kept.with_name(kept.name + ".bak").exists()
    # A dry run writes nothing, so it may look.
    if args[0] == "set":
        kept.chmod(0o444)
        try:
            assert run(runner, "--catalogue", str(kept), *args, "--dry-run").exit_code == 0
        finally:
            kept.chmod(0o644)


def test_personal_tags_need_no_writable_catalogue(runner) -> None:
    result = run(runner, "tag", "26", "+to-discuss", "--personal")
    assert result.exit_code == 0, result.output
    assert Catalogue.load().personal().tags("peebles2023scalable") == ("to-discuss",)


def test_every_bundled_paper_survives_a_set(runner, tmp_path: Path) -> None:
    """The real catalogue's layout (folded summaries, CJK, nested ids): one field changes, nothing else."""
    copy = tmp_path / "refs.yaml"
    shutil.copyfile(BUNDLED, copy)
    original = copy.read_text(encoding="utf-8")
    for key in ("srivastava2015unsupervised", "peebles2023scalable", "openai2024dalle3"):
        if key not in original:
            continue
        result = run(runner, "--catalogue", str(copy), "set", key, "publisher=Somebody & Co.")
        assert result.exit_code == 0, result.output
    after = copy.read_text(encoding="utf-8")
    changed = [line for line in after.splitlines() if line not in original.splitlines()]
    assert changed and all(line.strip() == 'publisher: "Somebody & Co."' for line in changed)
    assert len(after.splitlines()) - len(original.splitlines()) <= 3


# -- concurrency --------------------------------------------------------------------------


def _tagger(path: str, key: str, tags: list[str]) -> None:
    from sora_refs.editing.assignments import tag_changes
    from sora_refs.editing.changes import set_fields

    for tag in tags:
        set_fields(path, key, tag_changes([tag], []))


def test_concurrent_writers_lose_nothing(kept: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=_tagger, args=(str(kept), key, [f"{prefix}{i}" for i in range(8)]))
        for key, prefix in (("sohldickstein2015deep", "a"), ("dosovitskiy2021image", "b"))
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    papers = {p.key: p for p in Catalogue.load(kept, use_cache=False).papers}
    assert papers["sohldickstein2015deep"].tags == ("diffusion", "theory", *(f"a{i}" for i in range(8)))
    assert papers["dosovitskiy2021image"].tags == tuple(f"b{i}" for i in range(8))
    assert yaml.safe_load(kept.read_text())["catalogue"]["title"] == "Group reading list"
    assert kept.read_text(encoding="utf-8").startswith("# My reading list for the video-generation group.\n")


# -- the "done when" ----------------------------------------------------------------


def test_a_reading_list_from_an_empty_file(runner, services, tmp_path: Path, monkeypatch) -> None:
    """A new user builds a five-paper list with add (arXiv ids and DOIs), tags it, marks two papers
    read, writes a note, edits one entry and removes another; every step is validated, and the file
    still reads as a hand-kept catalogue with its comments."""
    path = tmp_path / "reading-group.yaml"
    path.write_text("", encoding="utf-8")
    base = ("--catalogue", str(path))

    def step(*args: str, input_: str | None = None) -> str:
        result = run(runner, *base, *args, input_=input_)
        assert result.exit_code == 0, (args, result.output)
        assert run(runner, *base, "check").exit_code == 0, args  # every step leaves a valid catalogue
        return result.stdout

    step("add", "2212.09748", "arXiv:2006.11239v2", "-c", "diffusion")
    # The user writes comments by hand between commands; they must survive every later write.
    text = path.read_text(encoding="utf-8")
    path.write_text(
        "# Reading group, autumn term. One paper a week.\n"
        + text.replace("- key: ho2020denoising", "# week 2\n- key: ho2020denoising"),
        encoding="utf-8",
    )
    step("add", "1706.03762", "-c", "transformers")
    step("add", "10.1109/CVPR.2018.00165", "https://doi.org/10.1007/978-3-031-19787-1_41", "-c", "video")
    assert len(Catalogue.load(path).papers) == 5

    step("tag", "peebles2023scalable", "+week1", "+dit")
    step("tag", "ho2020denoising", "+week2")
    step("mark", "peebles2023scalable", "ho2020denoising", "read")
    step("note", "peebles2023scalable", "-m", "Patches of latent space; compare with U-ViT.")
    monkeypatch.setenv(
        "EDITOR",
        editor(
            tmp_path,
            "path.write_text(text.replace('venue: arXiv\\n', "
            "'venue: NeurIPS\\n').replace('type: preprint', "
            "'type: inproceedings'))\n",
        ),
    )
    step("edit", "vaswani2017attention")
    step("remove", "wu2022nuwa", "--yes")

    catalogue = Catalogue.load(path)
    assert [p.key for p in catalogue.papers] == [
        "peebles2023scalable",
        "ho2020denoising",
        "vaswani2017attention",
        "tulyakov2018mocogan",
    ]
    assert catalogue.get("vaswani2017attention").venue == "NeurIPS"
    assert catalogue.get("peebles2023scalable").tags == ("week1", "dit")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Reading group, autumn term. One paper a week.\n")
    assert "# week 2\n- key: ho2020denoising\n" in text
    assert "wu2022nuwa" not in text
    assert run(runner, *base, "stats", "--by", "status").stdout.splitlines()[-1] == "2 of 4 read (2 to-read)."
    assert run(runner, *base, "list", "--status", "read", "--format", "keys").stdout.split() == [
        "peebles2023scalable",
        "ho2020denoising",
    ]
    assert (
        run(runner, *base, "note", "peebles2023scalable", "--print").stdout
        == "Patches of latent space; compare with U-ViT.\n"
    )
    # It reads as a catalogue a person keeps: the layout of the bundled one, one entry after another.
    assert (
        '\n- key: vaswani2017attention\n  title: "Attention Is All You Need"\n  authors:\n    - Ashish Vaswani\n'
        in text
    )


def test_add_with_pdf_downloads_it(runner, services, kept: Path, tmp_path: Path, monkeypatch) -> None:
    services.expect_request("/pdf/1706.03762").respond_with_data(
        (NET / "paper.pdf").read_bytes(), content_type="application/pdf"
    )
    monkeypatch.setenv("SORA_REFS_ARXIV_PDF", services.url_for("/pdf"))
    monkeypatch.setenv("SORA_REFS_PDF_DIR", str(tmp_path / "pdfs"))
    result = run(runner, "--catalogue", str(kept), "add", "1706.03762", "-c", "transformers", "--pdf")
    assert result.exit_code == 0, result.output
    saved = tmp_path / "pdfs" / "vaswani2017attention.pdf"
    assert saved.read_bytes() == (NET / "paper.pdf").read_bytes()
    assert f"PDF of vaswani2017attention: {saved}" in result.stderr
