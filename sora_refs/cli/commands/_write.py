"""Sending export text to stdout or, atomically, to a file (shared by export and cite)."""

from __future__ import annotations

from collections.abc import Iterable

import click

from ...atomic import atomic_open
from ...errors import SoraRefsError
from .. import output


def deliver(text: str | Iterable[str], path: str | None, what: str) -> None:
    """Print ``text`` (a string or its pieces), or write it to ``path`` (temporary name, then renamed)."""
    pieces = [text] if isinstance(text, str) else text
    if path is None or path == "-":
        for piece in pieces:
            click.echo(piece, nl=False)
        return
    try:
        with atomic_open(path, "w") as handle:
            for piece in pieces:
                handle.write(piece)
    except OSError as error:
        raise SoraRefsError(f"cannot write {path}: {error.strerror or error}") from None
    output.message(f"Wrote {what} to {path}.")
