"""Sending export text to stdout or, atomically, to a file (shared by export and cite)."""

from __future__ import annotations

import click

from ...atomic import atomic_write
from ...errors import SoraRefsError
from .. import output


def deliver(text: str, path: str | None, what: str) -> None:
    """Print ``text``, or write it to ``path`` (temporary name, then renamed) and say so on stderr."""
    if path is None or path == "-":
        click.echo(text, nl=False)
        return
    try:
        atomic_write(path, text)
    except OSError as error:
        raise SoraRefsError(f"cannot write {path}: {error.strerror or error}") from None
    output.message(f"Wrote {what} to {path}.")
