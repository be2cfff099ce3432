"""Ctrl-C in a real terminal during the parallel export: it ends, exit 130, one line, no worker traceback,
no worker left running, no temporary file left."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from sora_refs.reading.loader import bundled_path
from sora_refs.writing import write_output

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc for the workers")
PAPERS = 12000  # above the parallel export's threshold (8,000)


def _big_catalogue(path: Path) -> None:
    text = bundled_path().read_text(encoding="utf-8")
    head = text[: text.index("\npapers:") + 1]
    blocks = [
        f"- key: paper{i}\n  title: Paper number {i} on video generation\n  authors:\n  - Ann Author\n"
        f"  - Bob Builder\n  year: 2020\n  venue: ICML\n  type: inproceedings\n  category: gan\n"
        for i in range(PAPERS)
    ]
    path.write_text(head + "papers:\n" + "".join(blocks), encoding="utf-8")


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][0] not in "ZX"
    except OSError:
        return False


def test_ctrl_c_during_the_parallel_export(tmp_path):
    catalogue = tmp_path / "big.yaml"
    _big_catalogue(catalogue)
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "SORA_REFS_NO_PAGER": "1"}
    # stdout is a pipe nobody reads yet: the export fills it and waits, with its workers started
    # (each blocked on its own full pipe). That is when a person would press Ctrl-C.
    process = subprocess.Popen(
        [sys.executable, "-m", "sora_refs", "--catalogue", str(catalogue), "export"],
        cwd=tmp_path,
        stdin=slave,
        stdout=subprocess.PIPE,
        stderr=slave,
        env=env,
        start_new_session=True,
        preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
    )  # noqa: PLW1509 - the terminal's ^C
    os.close(slave)
    terminal = b""
    guard = time.monotonic() + 120  # a hang guard, not a speed check
    workers: list[int] = []
    while time.monotonic() < guard and process.poll() is None:
        workers = _children(process.pid)
        if len(workers) >= 2:
            break
        if select.select([master], [], [], 0.1)[0]:
            terminal += os.read(master, 65536)  # a message must not fill the terminal and block it
    assert len(workers) >= 2, f"the parallel export never started its workers: {terminal[-2000:]!r}"
    time.sleep(0.5)  # let them fill their pipes
    os.write(master, b"\x03")  # Ctrl-C, through the terminal: SIGINT to the whole foreground group
    drained: list[bytes] = []
    drain = threading.Thread(target=lambda: drained.append(process.stdout.read()), daemon=True)
    drain.start()
    try:
        while time.monotonic() < guard:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                terminal += chunk
            elif process.poll() is not None:
                break
        status = process.wait(timeout=30)
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()
    drain.join(30)
    text = terminal.decode("utf-8", "replace").replace("\r\n", "\n")
    assert status == 130, text
    # The terminal echoes ^C; then one line from sora-refs, and no worker's traceback.
    assert text.strip().splitlines() == ["^C", "Interrupted."], text
    assert not [pid for pid in workers if _running(pid)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.yaml"]


def test_an_interrupted_output_file_leaves_nothing(tmp_path):
    def pieces():
        yield "@article{a,\n}\n"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_output(tmp_path / "out.bib", pieces())
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "out.bib").write_text("before\n")
    with pytest.raises(KeyboardInterrupt):
        write_output(tmp_path / "out.bib", pieces())
    assert [p.name for p in tmp_path.iterdir()] == ["out.bib"] and (tmp_path / "out.bib").read_text() == "before\n"
