"""Long output through a pager, on a terminal, only when it does not fit.

The output is drawn first into a buffer that looks like the terminal (same width, colours),
then shown directly if it fits on the screen or else through ``$PAGER``. With ``PAGER`` and
``LESS`` unset (a fresh account) that is ``less`` with ``LESS=-FRX``, as git runs it, so colour
shows as colour, ``q`` quits and the page stays on the screen; a pager that is not told to pass
colour through (``PAGER=more``, ``LESS`` without ``-R``) gets plain text; no pager at all (or
``PAGER=cat``) means the text is written directly.
``--no-pager`` (global or per command) or ``SORA_REFS_NO_PAGER=1`` turns paging off.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click


def no_pager_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--no-pager`` to a command (the global option does the same for every command)."""
    return click.option(
        "--no-pager", is_flag=True, help="Print everything at once, even when it does not fit on the screen."
    )(func)


class _Screen(io.StringIO):
    """A buffer that answers like the terminal it stands for, so that rich draws as it would there."""

    def __init__(self, real: Any) -> None:
        super().__init__()
        self.real = real

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.real.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.real, "encoding", None) or "utf-8"


def wanted(state: Any = None, no_pager: bool = False) -> bool:
    """True when output should go through a pager if it is long: both ends are a real terminal."""
    if no_pager or (state is not None and getattr(state, "no_pager", False)):
        return False
    if os.environ.get("SORA_REFS_NO_PAGER", "") not in ("", "0"):
        return False
    try:
        return sys.stdout.isatty() and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


@contextmanager
def paging(state: Any = None, no_pager: bool = False) -> Iterator[None]:
    """Page what the block prints to stdout when it is taller than the terminal."""
    if not wanted(state, no_pager):
        yield
        return
    real = sys.stdout
    screen = _Screen(real)
    sys.stdout = screen
    try:
        yield
    finally:
        sys.stdout = real
        import shutil

        text = screen.getvalue()
        rows = shutil.get_terminal_size((80, 24)).lines
        if text.count("\n") >= rows - 1 and _pager_exists():
            # color=None, not True: click then sets LESS=-R for a plain `less` (and keeps colour
            # for a `less -R` the user chose) but strips it for pagers that would show the codes
            # as text. color=True told click not to bother, and `less` showed `ESC[1m`.
            _keep_page_on_screen()
            click.echo_via_pager(text, color=None)
        else:
            real.write(text)
            real.flush()


def _keep_page_on_screen() -> None:
    """With ``LESS`` unset, run ``less`` as git does (``LESS=-FRX``): colour as colour, and the page
    stays on the screen after ``q`` instead of vanishing with less's alternate screen."""
    import shlex

    try:
        pager = shlex.split(os.environ.get("PAGER", "") or "less")
    except ValueError:
        return
    if "LESS" not in os.environ and pager and os.path.basename(pager[0]) == "less":
        os.environ["LESS"] = "-FRX"


def _pager_exists() -> bool:
    """False when paging would only copy the text: no ``less`` on the system, or ``PAGER=cat``."""
    import shlex
    import shutil

    try:
        command = shlex.split(os.environ.get("PAGER", ""))
    except ValueError:
        return True  # let click report on a PAGER it cannot parse either
    if not command:
        return shutil.which("less") is not None
    return os.path.basename(command[0]) != "cat" and shutil.which(command[0]) is not None


def paged(func: Callable[..., Any]) -> Callable[..., Any]:
    """Run a command body (whose first argument is the State) inside :func:`paging`."""
    import functools

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with paging(args[0] if args else None):
            return func(*args, **kwargs)

    return wrapper
