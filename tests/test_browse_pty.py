"""``sora-refs browse`` on a real pseudo-terminal: it draws the screen, answers keys, and quits cleanly."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

pyte = pytest.importorskip("pyte")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

LIMIT = 60.0
"""Seconds before a screen that never comes counts as a failure (a hang, not a speed check)."""


class Terminal:
    """A child process on an 80x24 pseudo-terminal, its output fed to a pyte screen."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sora_refs", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            close_fds=True,
            start_new_session=True,
        )
        os.close(slave)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def read_until(self, wanted: str) -> bool:
        """Read output until ``wanted`` is on the screen (False if it never comes or the program ends)."""
        deadline = time.monotonic() + LIMIT
        while wanted not in self.text():
            if time.monotonic() > deadline:
                return False
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    return wanted in self.text()
                if not chunk:
                    return wanted in self.text()
                self.stream.feed(chunk)
        return True

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode("utf-8"))

    def finish(self) -> int:
        try:
            while select.select([self.master], [], [], 0.2)[0]:
                if not os.read(self.master, 65536):
                    break
        except OSError:
            pass
        status = self.process.wait(timeout=LIMIT)
        os.close(self.master)
        return status


def test_starts_searches_and_quits_on_a_real_terminal(tmp_path: Path) -> None:
    env = dict(
        os.environ,
        TERM="xterm-256color",
        SORA_REFS_STATE_DIR=str(tmp_path / "state"),
        SORA_REFS_DATA_DIR=str(tmp_path / "data"),
    )
    for name in ("NO_COLOR", "SORA_REFS_TERMINAL", "LINES", "COLUMNS", "TEXTUAL"):
        env.pop(name, None)
    terminal = Terminal(["browse", "--fresh"], env)
    try:
        assert terminal.read_until("32/32"), terminal.text()
        terminal.send("/world modls")  # "/" as the footer says, then the query, in one write
        assert terminal.read_until("World Models"), terminal.text()
        terminal.send("\r")  # to the list, where the footer offers every key
        assert terminal.read_until("Quit"), terminal.text()
        terminal.send("q")
        assert terminal.finish() == 0
    finally:
        if terminal.process.poll() is None:
            terminal.process.kill()
    saved = (tmp_path / "state" / "browse" / "bundled.json").read_text(encoding="utf-8")
    assert '"world modls"' in saved
