"""Running the user's editor on a file: ``$VISUAL``, then ``$EDITOR``, then a sensible default."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from .. import SoraRefsError


class EditorError(SoraRefsError):
    """The editor could not be started or did not finish cleanly; nothing is saved."""


def editor_command() -> list[str]:
    """The editor as an argument list: ``$VISUAL`` or ``$EDITOR`` (split like a shell would), else vi/nano."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            try:
                return shlex.split(value, posix=os.name != "nt")
            except ValueError:
                raise EditorError(f"cannot read ${name} ({value!r}): unbalanced quotes") from None
    if os.name == "nt":
        return ["notepad"]
    for fallback in ("editor", "nano", "vi"):
        if shutil.which(fallback):
            return [fallback]
    raise EditorError("no editor found; set $EDITOR (e.g. export EDITOR=nano)")


def run_editor(path: Path) -> None:
    """Open ``path`` in the editor and wait; :class:`EditorError` if it cannot start or exits non-zero."""
    command = editor_command()
    try:
        result = subprocess.run([*command, str(path)], check=False)
    except FileNotFoundError:
        raise EditorError(f"cannot start the editor {command[0]!r}: no such program; check $VISUAL / $EDITOR") from None
    except PermissionError:
        raise EditorError(f"cannot start the editor {command[0]!r}: permission denied") from None
    if result.returncode != 0:
        raise EditorError(
            f"the editor ({' '.join(command)}) exited with status {result.returncode}; nothing was changed"
        )


def interactive() -> bool:
    """True when both stdin and stdout are terminals (prompts and confirmations make sense)."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False
