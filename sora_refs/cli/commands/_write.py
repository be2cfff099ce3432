"""Sending export text to stdout or, atomically, to a file (shared by export and cite)."""

from __future__ import annotations

from collections.abc import Iterable

import click

from ... import write_output
from .. import output


def deliver(text: str | Iterable[str], path: str | None, what: str) -> None:
    """Print ``text`` (a string or its pieces), or write it to ``path`` (see sora_refs.writing)."""
    pieces = [text] if isinstance(text, str) else text
    if path is None or path == "-":
        for piece in pieces:
            click.echo(piece, nl=False)
        return
    write_output(path, pieces)  # links followed, devices written directly, errors in one line
    output.message(f"Wrote {what} to {path}.")
