"""Writing files: catalogue writers take turns, links are followed, special files are never replaced,
a full disk or a closed pipe is one line and nothing half-written."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from sora_refs import Catalogue
from sora_refs.errors import SoraRefsError
from sora_refs.reading.loader import bundled_path
from sora_refs.writing import LockTimeout, WriteError, edit_catalogue, lock_path, write_output

BIB = Path(__file__).parent / "data" / "bibtex"
SORA = [sys.executable, "-m", "sora_refs"]


def _bib(count: int, prefix: str) -> str:
    return "".join(
        f"@article{{{prefix}{i},\n  title = {{Paper {prefix} number {i}}},\n  author = {{Ann Author}},\n"
        f"  journal = {{Journal}},\n  year = {{2020}}\n}}\n\n"
        for i in range(count)
    )


@pytest.fixture
def copy(tmp_path) -> Path:
    target = tmp_path / "refs.yaml"
    shutil.copyfile(bundled_path(), target)
    return target


# -- the lock -----------------------------------------------------------------------------------

_HOLDER = """
import sys, time
from sora_refs.writing import catalogue_lock
with catalogue_lock(sys.argv[1]):
    print("locked", flush=True)
    sys.stdin.readline()
"""


def _hold_lock(path: Path) -> subprocess.Popen:
    """Another process holding the catalogue's lock until its stdin gets a line."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    return holder


def test_a_second_writer_waits_then_fails_clearly_and_changes_nothing(copy, tmp_path):
    (tmp_path / "new.bib").write_text(_bib(3, "a"), encoding="utf-8")
    before = copy.read_bytes()
    holder = _hold_lock(copy)
    try:
        result = subprocess.run(
            [*SORA, "import", str(tmp_path / "new.bib"), "--into", str(copy)],
            capture_output=True,
            text=True,
            env={**os.environ, "SORA_REFS_LOCK_TIMEOUT": "0.3"},
        )
    finally:
        holder.communicate("\n")
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: {copy} is being written by another sora-refs command (waited 0.3 s); "
        "nothing was changed: try again when it has finished\n"
    )
    assert copy.read_bytes() == before


def test_a_writer_that_waits_gets_its_turn_and_loses_nothing(copy, tmp_path):
    (tmp_path / "one.bib").write_text(_bib(50, "one"), encoding="utf-8")
    (tmp_path / "two.bib").write_text(_bib(50, "two"), encoding="utf-8")
    holder = _hold_lock(copy)
    env = {**os.environ, "SORA_REFS_LOCK_TIMEOUT": "60"}
    waiting = [
        subprocess.Popen(
            [*SORA, "import", str(tmp_path / name), "--into", str(copy)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("one.bib", "two.bib")
    ]
    holder.communicate("\n")
    for process in waiting:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        assert "Added 50 papers" in err
    keys = {p.key for p in Catalogue.load(copy, use_cache=False).papers}
    assert len(keys) == 32 + 100
    assert {f"one{i}" for i in range(50)} | {f"two{i}" for i in range(50)} <= keys
    assert len(Catalogue.load(Path(str(copy) + ".bak"), use_cache=False).papers) == 32 + 50  # the one before the last


def test_lock_timeout_from_the_library(copy):
    holder = _hold_lock(copy)
    try:
        with pytest.raises(LockTimeout, match="being written by another sora-refs command"):
            with edit_catalogue(copy, timeout=0.1):
                pass
    finally:
        holder.communicate("\n")
    with edit_catalogue(copy, timeout=0.1) as edit:  # free again
        assert edit.old == copy.read_bytes()


def test_the_lock_is_taken_on_the_file_a_link_points_to(copy, tmp_path):
    link = tmp_path / "link.yaml"
    link.symlink_to(copy)
    holder = _hold_lock(link)
    try:
        with pytest.raises(LockTimeout):
            with edit_catalogue(copy, timeout=0.1):
                pass
    finally:
        holder.communicate("\n")
    assert lock_path(copy.resolve()).name == ".refs.yaml.lock"


# -- what a catalogue write refuses ---------------------------------------------------------------


def test_a_write_that_would_lose_papers_or_be_invalid_is_refused(copy):
    before = copy.read_bytes()
    text = before.decode()
    with edit_catalogue(copy) as edit:
        first = edit.catalogue.papers[0].key
        cut = text[: text.index("\n- ref: 2\n")] + "\n"
        with pytest.raises(WriteError, match=r"would lose 31 papers \(") as lost:
            edit.write(cut)
        assert str(lost.value).endswith("nothing was written")
        with pytest.raises(WriteError, match="would not be valid; nothing was written"):
            edit.write(text.replace("year: 2015", "year: soon", 1))
    assert copy.read_bytes() == before
    assert not Path(str(copy) + ".bak").exists()
    assert first == "srivastava2015unsupervised"


def test_a_removal_the_caller_names_is_allowed_and_the_old_file_is_kept(copy):
    before = copy.read_bytes()
    text = before.decode()
    start = text.index("\n- ref: 32\n")
    with edit_catalogue(copy) as edit:
        last = edit.catalogue.papers[-1].key
        written = edit.write(text[:start] + "\n", dropped=[last])
    assert len(written.loaded.papers) == 31
    assert written.backup == copy.with_name("refs.yaml.bak") and written.backup.read_bytes() == before
    assert len(Catalogue.load(copy, use_cache=False)) == 31


def test_a_change_made_by_another_program_meanwhile_is_kept(copy):
    with edit_catalogue(copy) as edit:
        copy.write_text(copy.read_text() + "# my edit, a few bytes longer\n")
        with pytest.raises(WriteError, match="was changed by another program while sora-refs worked on it"):
            edit.write(edit.old)
    assert copy.read_text().endswith("# my edit, a few bytes longer\n")


def test_a_full_disk_during_a_catalogue_write_leaves_the_file_and_no_temporary(copy, monkeypatch):
    before = copy.read_bytes()
    real_fsync = os.fsync

    def full(fd: int) -> None:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    with edit_catalogue(copy) as edit:
        monkeypatch.setattr(os, "fsync", full)
        with pytest.raises(WriteError, match=r"refs.yaml: no space left on device; the file is unchanged"):
            edit.write(before + b"# more\n")
    assert copy.read_bytes() == before
    assert sorted(p.name for p in copy.parent.iterdir() if not p.name.endswith(".lock")) == ["refs.yaml"]


def test_import_into_a_symlink_writes_its_target_and_keeps_the_link(copy, tmp_path):
    link = tmp_path / "link.yaml"
    link.symlink_to(copy.name)
    result = subprocess.run(
        [*SORA, "import", str(BIB / "awkward.bib"), "--into", str(link)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == "refs.yaml"
    assert len(Catalogue.load(copy, use_cache=False)) == 32 + 6
    assert (tmp_path / "refs.yaml.bak").is_file() and not (tmp_path / "link.yaml.bak").exists()


def test_import_into_a_special_file_is_refused(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = subprocess.run(
        [*SORA, "import", str(BIB / "awkward.bib"), "--into", str(fifo)], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 1
    assert result.stderr == f"Error: {fifo} is a named pipe (FIFO), not a catalogue file; nothing was changed\n"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


# -- output files -------------------------------------------------------------------------------------


def test_export_into_a_symlink_writes_where_it_points(tmp_path):
    (tmp_path / "real.bib").write_text("old\n")
    (tmp_path / "out.bib").symlink_to("real.bib")
    result = subprocess.run([*SORA, "export", "-o", str(tmp_path / "out.bib")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out.bib").is_symlink()
    assert (tmp_path / "real.bib").read_text().startswith("@inproceedings{srivastava2015unsupervised,")


def test_a_dangling_symlink_gets_its_target_created(tmp_path):
    (tmp_path / "out.html").symlink_to("site/page.html")
    (tmp_path / "site").mkdir()
    write_output(tmp_path / "out.html", "<p>hi</p>")
    assert (tmp_path / "out.html").is_symlink() and (tmp_path / "site" / "page.html").read_text() == "<p>hi</p>"


def test_export_onto_a_device_writes_it_and_leaves_the_node(tmp_path):
    result = subprocess.run([*SORA, "export", "-o", os.devnull], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    assert not list(Path("/dev").glob(".null.*.tmp"))


def test_export_onto_a_fifo_writes_through_it(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = subprocess.run([*SORA, "cite", "1", "-o", str(fifo)], capture_output=True, text=True, timeout=30)
    reader.join(30)
    assert result.returncode == 0, result.stderr
    assert received[0].startswith(b"@inproceedings{srivastava2015unsupervised,")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_export_onto_a_full_device_fails_in_one_line():
    result = subprocess.run([*SORA, "export", "-o", "/dev/full"], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr == "Error: cannot write /dev/full: no space left on device; the output may be incomplete\n"


def test_a_directory_or_socket_as_output_is_refused(tmp_path):
    import socket

    with pytest.raises(WriteError, match="it is a directory, not a file; nothing written"):
        write_output(tmp_path, "x")
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        with pytest.raises(WriteError, match="it is a socket, not a file"):
            write_output(path, "x")


def test_an_output_in_a_missing_directory_is_one_sentence(tmp_path):
    with pytest.raises(SoraRefsError, match=r"^cannot write .*/x.bib: no such file or directory; nothing written$"):
        write_output(tmp_path / "nowhere" / "x.bib", "x")


# -- standard output ------------------------------------------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["show", "1"],
        ["stats"],
        ["export"],
        ["site", "-o", "-"],
        ["tree"],
        ["timeline"],
        ["search", "diffusion"],
        ["cite", "1"],
    ],
)
def test_stdout_on_a_full_disk_is_one_line_and_exit_1(args):
    with open("/dev/full", "w") as full:
        result = subprocess.run([*SORA, *args], stdout=full, stderr=subprocess.PIPE, text=True)
    assert result.returncode == 1
    assert result.stderr == "Error: cannot write the output: no space left on device; it is incomplete\n"


def test_a_reader_that_leaves_early_ends_quietly():
    read, write = os.pipe()
    os.close(read)  # the reader has gone before the first byte (`| head` that already ended)
    try:
        result = subprocess.run([*SORA, "export"], stdout=write, stderr=subprocess.PIPE)
    finally:
        os.close(write)
    assert (result.returncode, result.stderr) == (1, b"")


def test_files_sora_refs_keeps_for_itself_are_written_through_links_too(tmp_path):
    from sora_refs.atomic import atomic_write

    (tmp_path / "notes").mkdir()
    (tmp_path / "real.md").write_text("old")
    (tmp_path / "notes" / "paper.md").symlink_to("../real.md")
    atomic_write(tmp_path / "notes" / "paper.md", "new")
    assert (tmp_path / "notes" / "paper.md").is_symlink() and (tmp_path / "real.md").read_text() == "new"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["notes", "paper.md", "real.md"]  # no temporary left
