"""``sora-refs mark``: your reading status of papers (kept in your personal layer, not the catalogue)."""

from __future__ import annotations

import click

from ... import Status, UsageError
from .. import output
from ..completion import complete_refs
from ..state import State

CLEAR = ("none", "clear", "unmark")


@click.command("mark")
@click.argument("args", nargs=-1, required=True, metavar="REF... STATUS", shell_complete=complete_refs)
@click.pass_obj
def mark(state: State, args: tuple[str, ...]) -> None:
    """Mark papers as to-read, reading or read (your personal layer).

    'none' as the status clears the mark.

    The status is yours: it lives in your personal layer (see 'sora-refs paths'), never in the
    catalogue, so it works with the bundled catalogue too. 'list --status', 'search status:' and
    'stats --by status' read it.

    \b
    Examples:
      sora-refs mark 22 26 read
      sora-refs mark 2212.09748 reading
      sora-refs mark 22 none
    """
    statuses = [s.value for s in Status]
    if len(args) < 2:
        raise click.UsageError(f"give the papers, then a status: REF... {'|'.join(statuses)}|none")
    *refs, word = args
    status: Status | None
    if word.lower() in CLEAR:
        status = None
    else:
        try:
            status = Status.parse(word)
        except UsageError:
            raise click.UsageError(
                f"the last argument must be a status: {', '.join(statuses)}, or none to clear; got {word!r}"
            ) from None
    catalogue = state.catalogue
    papers = catalogue.get_many(refs)
    catalogue.personal().set_status([p.key for p in papers], status)
    for paper in papers:
        output.message(f"Marked {paper.label} as {status.value}." if status else f"Cleared the mark of {paper.label}.")
