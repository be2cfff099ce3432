"""Run sora-refs in a real pseudo-terminal and read the screen a person would see (through pyte).

The environment is a fresh account's: ``PAGER`` and ``LESS`` unset, ``TERM=xterm-256color``, no
``COLUMNS``/``LINES``; the window size is set on the terminal itself, as a terminal emulator does.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pyte

_GUARD = 120.0
"""Seconds after which a run that never ends is killed (a hang guard, not a speed check)."""


@dataclass
class Screen:
    """What the terminal shows at the end of a run."""

    lines: list[str]
    """The rows of the screen, trailing spaces removed."""
    raw: bytes
    """Every byte the program wrote to the terminal."""
    stderr: str
    returncode: int
    paged: bool = False
    """True when a pager's prompt (``:`` or ``(END)``) was seen on the last row."""
    history: list[str] = field(default_factory=list)
    cells: list[list[Any]] = field(default_factory=list)
    """pyte's characters (with their colours) of the screen that :attr:`lines` shows."""
    title: str = ""
    """The window title, as escape sequences set it (a program must never do that)."""

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _pager_prompt(screen: pyte.Screen) -> bool:
    last = screen.display[-1].rstrip()
    return last == ":" or last.endswith("(END)") or (last.startswith(":") and len(last) < 3)


def run(
    args: list[str],
    columns: int = 80,
    rows: int = 24,
    keys: bytes = b"q",
    until: Callable[[pyte.Screen], bool] = _pager_prompt,
    cwd: str | os.PathLike[str] | None = None,
    stderr_on_terminal: bool = False,
    **env: str,
) -> Screen:
    """Run ``sora-refs ARGS`` on a ``columns`` x ``rows`` terminal; press ``keys`` once ``until`` holds.

    stdin and stdout are the terminal, stderr a pipe (so messages can be read apart), or the
    terminal too with ``stderr_on_terminal`` (to see what error lines do to a screen).
    """
    screen = pyte.Screen(columns, rows)
    stream = pyte.ByteStream(screen)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    environment = {
        k: v
        for k, v in os.environ.items()
        if k
        not in (
            "PAGER",
            "LESS",
            "COLUMNS",
            "LINES",
            "NO_COLOR",
            "SORA_REFS_TERMINAL",
            "SORA_REFS_NO_PAGER",
            "SORA_REFS_LANG",
            "MANPAGER",
            "LESSOPEN",
        )
    }
    environment.update(TERM="xterm-256color", **env)
    process = subprocess.Popen(
        [sys.executable, "-m", "sora_refs", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave if stderr_on_terminal else subprocess.PIPE,
        env=environment,
        cwd=cwd,
        close_fds=True,
        start_new_session=True,
        # The terminal becomes the controlling one, so that less reads q from /dev/tty.
        preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
    )  # noqa: PLW1509
    os.close(slave)
    chunks: list[bytes] = []
    pressed = False
    paged = False
    deadline = time.monotonic() + _GUARD
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the terminal closes when the program ends
                    break
                if not chunk:
                    break
                chunks.append(chunk)
                stream.feed(chunk)
            elif not pressed and until(screen):
                paged = paged or _pager_prompt(screen)
                shown = list(screen.display)
                shown_cells = _cells(screen)
                os.write(master, keys)
                pressed = True
                continue
            if process.poll() is not None and not ready:
                # The program has ended, but the kernel may not have passed its last bytes to
                # this side yet (under load): read until the terminal reports its end (EIO).
                while select.select([master], [], [], 10)[0]:
                    try:
                        chunk = os.read(master, 65536)
                    except OSError:
                        break
                    if not chunk:
                        break
                    chunks.append(chunk)
                    stream.feed(chunk)
                break
        else:
            process.kill()
            raise AssertionError(f"sora-refs {' '.join(args)} did not end; screen:\n" + "\n".join(screen.display))
        process.wait(timeout=30)
    finally:
        os.close(master)
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    lines = [line.rstrip() for line in (shown if pressed else screen.display)]
    return Screen(
        lines=lines,
        raw=b"".join(chunks),
        stderr=stderr,
        returncode=process.returncode,
        paged=paged,
        history=[line.rstrip() for line in screen.display],
        cells=shown_cells if pressed else _cells(screen),
        title=screen.title,
    )


def _cells(screen: pyte.Screen) -> list[list[Any]]:
    return [[screen.buffer[y][x] for x in range(screen.columns)] for y in range(screen.lines)]


ESCAPE_TEXT = re.compile(r"ESC\[|\x1b|\[\d+(;\d+)*m|\^\[")
"""Escape codes shown as text: ``ESC[1m`` (less without -R), a raw ``ESC``, ``[0m`` or ``^[``."""


def visible_escapes(lines: list[str]) -> list[str]:
    """The lines that show escape codes as text."""
    return [line for line in lines if ESCAPE_TEXT.search(line)]
