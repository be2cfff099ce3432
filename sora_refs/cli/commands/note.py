"""``sora-refs note``: your notes on a paper, one Markdown file a paper."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from .. import output
from ..completion import complete_refs
from ..state import State

if TYPE_CHECKING:
    from ... import Paper, Personal


@click.command("note")
@click.argument("ref", metavar="REF", shell_complete=complete_refs)
@click.option("--print", "print_", is_flag=True, help="Print the note (for scripts); exit 1 if there is none.")
@click.option(
    "--message",
    "-m",
    metavar="TEXT",
    help="Replace the note with TEXT instead of opening the editor ('-': read it from stdin).",
)
@click.option("--append", metavar="TEXT", help="Add TEXT as a new paragraph at the end of the note.")
@click.option("--delete", is_flag=True, help="Delete the note.")
@click.option("--path", "path_only", is_flag=True, help="Print where the note file is (it may not exist yet).")
@click.pass_obj
def note(
    state: State, ref: str, print_: bool, message: str | None, append: str | None, delete: bool, path_only: bool
) -> None:
    """Write or read your note on a paper (Markdown, in your editor).

    Notes are yours: one Markdown file a paper in your personal layer (see 'sora-refs paths'),
    never in the catalogue. Without options the note opens in $VISUAL or $EDITOR; saving an
    empty note deletes it, and quitting without saving changes nothing.

    \b
    Examples:
      sora-refs note 26
      sora-refs note 26 --print
      echo "- ask about patch size" | sora-refs note 26 --append -
    """
    if sum(bool(x) for x in (print_, message is not None, append is not None, delete, path_only)) > 1:
        raise click.UsageError("give one of --print, --message, --append, --delete, --path")
    catalogue = state.catalogue
    paper = catalogue.get(ref)
    mine = catalogue.personal()
    current = mine.note(paper.key)
    if path_only:
        output.echo(str(mine.note_path(paper.key)))
        return
    if print_:
        if current is None:
            output.message(f"{paper.label} has no note; write one with 'sora-refs note {paper.key}'.")
            raise click.exceptions.Exit(1)
        click.echo(current, nl=not current.endswith("\n"))
        return
    if delete:
        if current is None:
            output.message(f"{paper.label} has no note.")
            return
        mine.write_note(paper.key, "")
        output.message(f"Deleted the note on {paper.label}.")
        return
    if message is not None or append is not None:
        text = message if message is not None else append
        assert text is not None
        if text == "-":
            text = sys.stdin.read()
        if append is not None and current:
            text = current.rstrip("\n") + "\n\n" + text
        mine.write_note(paper.key, text)
        output.message(f"Saved the note on {paper.label} ({mine.note_path(paper.key)}).")
        return
    _edit(mine, paper, current)


def _edit(mine: Personal, paper: Paper, current: str | None) -> None:
    import tempfile
    from pathlib import Path

    from ..editor import run_editor

    start = current if current is not None else f"# {paper.title}\n\n"
    # Edited in a temporary copy: quitting without saving, or an editor that fails, leaves the note as it was.
    with tempfile.TemporaryDirectory(prefix="sora-refs-note-") as folder:
        draft = Path(folder) / f"{mine.note_path(paper.key).name}"
        draft.write_text(start, encoding="utf-8")
        run_editor(draft)
        text = draft.read_text(encoding="utf-8")
    if text == start:
        output.message(f"No change to the note on {paper.label}.")
        return
    if current is None and text.strip() == start.strip():
        output.message(f"No note written on {paper.label}.")
        return
    mine.write_note(paper.key, text)
    if text.strip():
        output.message(f"Saved the note on {paper.label} ({mine.note_path(paper.key)}).")
    else:
        output.message(f"Deleted the note on {paper.label} (it was saved empty).")
