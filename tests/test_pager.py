"""The pager: used on a real terminal (a pseudo-terminal here) only when the output does not fit."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


def run_on_terminal(args: list[str], tmp_path: Path, rows: int = 12, **env: str) -> tuple[str, bool]:
    """Run sora-refs with stdin and stdout on a terminal of ``rows`` rows; (output, whether it was paged)."""
    marker = tmp_path / "paged"
    pager = tmp_path / "pager.sh"
    pager.write_text(f'#!/bin/sh\ntouch "{marker}"\ncat\n')
    pager.chmod(0o755)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 100, 0, 0))
    environment = dict(os.environ, PAGER=str(pager), TERM="xterm", **env)
    for name in ("SORA_REFS_TERMINAL", "NO_COLOR", "LINES", "COLUMNS"):
        environment.pop(name, None)
    process = subprocess.Popen(
        [sys.executable, "-m", "sora_refs", *args],
        stdin=slave,
        stdout=slave,
        stderr=subprocess.PIPE,
        env=environment,
        close_fds=True,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closes when the program ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(master)
    assert process.returncode == 0, process.stderr.read()
    return b"".join(chunks).decode("utf-8", "replace"), marker.exists()


def test_long_output_is_paged(tmp_path: Path) -> None:
    text, paged = run_on_terminal(["search", "diffusion", "--limit", "0"], tmp_path)
    assert paged
    assert "Scalable" in text and "papers" in text


def test_short_output_is_not_paged(tmp_path: Path) -> None:
    text, paged = run_on_terminal(["search", "schmidhuber"], tmp_path, rows=40)
    assert not paged
    assert "World Models" in text


@pytest.mark.parametrize(
    "args, env",
    [
        (["search", "diffusion", "--limit", "0", "--no-pager"], {}),
        (["--no-pager", "search", "diffusion", "--limit", "0"], {}),
        (["search", "diffusion", "--limit", "0"], {"SORA_REFS_NO_PAGER": "1"}),
    ],
)
def test_no_pager(tmp_path: Path, args: list[str], env: dict[str, str]) -> None:
    text, paged = run_on_terminal(args, tmp_path, **env)
    assert not paged
    assert "Scalable" in text and "papers" in text
