"""``sora-refs browse``."""

from __future__ import annotations

import sys

import click

from ... import UsageError
from ..state import State


@click.command("browse")
@click.argument("words", nargs=-1, metavar="[QUERY]...")
@click.option("--fresh", is_flag=True, help="Start with no query or filters instead of where you left off.")
@click.pass_obj
def browse(state: State, words: tuple[str, ...], fresh: bool) -> None:
    """Search, filter, read and cite the papers in a full-screen terminal app.

    The search box takes the query language of 'sora-refs search' (typos forgiven); facets
    filter by category, section, venue, years, reading status and tag. Press ? in the app for
    every key. It reopens with the query and filters you left this catalogue with (a QUERY
    given here replaces them).

    \b
    Examples:
      sora-refs browse
      sora-refs browse difusion transformer
      sora-refs --lang zh browse --fresh
    """
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("browse needs a terminal; for output to a pipe use 'sora-refs search' or 'list'")
    catalogue = state.catalogue
    from ...browse import run

    run(catalogue, state.lang, query=" ".join(words) if words else None, fresh=fresh)
