"""``sora-refs progress``: share reading status, tags and notes with a reading group."""

from __future__ import annotations

import sys

import click

from ... import SoraRefsError
from .. import output
from ..state import State


@click.group("progress")
def progress() -> None:
    """Export, import and compare reading progress (status, personal tags, notes).

    \b
    Examples:
      sora-refs progress export --as alice alice.yaml
      sora-refs progress import bob.yaml --as bob
      sora-refs progress group
    """


@progress.command("export")
@click.argument("file", required=False, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--as", "member", metavar="NAME", help="Your name, recorded in the file for the group.")
@click.option("--no-notes", is_flag=True, help="Leave the notes out.")
@click.pass_obj
def export(state: State, file: str | None, member: str | None, no_notes: bool) -> None:
    """Write your progress as YAML (to FILE, or stdout)."""
    from ._write import deliver

    text = state.catalogue.personal().export_text(notes=not no_notes, member=member)
    deliver(text, file, "your reading progress")


@progress.command("import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--as",
    "member",
    metavar="NAME",
    help="File it as this group member's progress (shown by 'progress group'), not merged into yours.",
)
@click.pass_obj
def import_(state: State, file: str, member: str | None) -> None:
    """Merge an exported progress file into yours (or, with --as, keep it as a member's).

    Merging never loses what you wrote: a status is taken where yours is unset or older,
    tags are added, and a different note is appended below yours.
    """
    try:
        if file == "-":
            text = sys.stdin.read()
        else:
            with open(file, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as error:
        raise SoraRefsError(f"{file}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise SoraRefsError(f"{file}: is not UTF-8 text") from None
    summary = state.catalogue.personal().import_text(text, as_member=member, source=file)
    if summary.member:
        output.message(
            f"Filed {summary.statuses} statuses as {summary.member}'s progress ({summary.matched} papers matched)."
        )
    else:
        output.message(
            f"Merged {summary.matched} papers: {summary.statuses} statuses, {summary.tags} tags, "
            f"{summary.notes} notes taken over."
        )
    if summary.unmatched:
        shown = ", ".join(summary.unmatched[:5]) + (", ..." if len(summary.unmatched) > 5 else "")
        output.message(f"Not in this catalogue: {len(summary.unmatched)} ({shown}).")


@progress.command("group")
@click.pass_obj
def group(state: State) -> None:
    """Who has read what: your status and each imported member's, one row a paper."""
    catalogue = state.catalogue
    mine = catalogue.personal()
    members = mine.group()
    names = ["me", *members]
    header = ["ref", "key", *names]
    rows = []
    for paper in catalogue.papers:
        cells = [mine.status(paper.key), *(members[m].get(paper.key) for m in members)]
        if not any(cells):
            continue
        rows.append(
            [str(paper.ref) if paper.ref is not None else "", paper.key, *(str(c) if c else "-" for c in cells)]
        )
    if not rows:
        output.message(
            "Nobody has marked a paper yet: 'sora-refs mark REF read', or import a member's "
            "progress with 'sora-refs progress import FILE --as NAME'."
        )
        return
    from ..tables import aligned

    output.echo(aligned(header, rows))
    totals = [f"{name}: {sum(1 for r in rows if r[2 + i] == 'read')} read" for i, name in enumerate(names)]
    output.echo("; ".join(totals) + f" (of {len(catalogue)}).")
