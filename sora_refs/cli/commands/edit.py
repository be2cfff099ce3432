"""``sora-refs edit``: one paper's entry in your editor, validated on save."""

from __future__ import annotations

from pathlib import Path

import click

from .. import output
from ..completion import complete_refs
from ..state import State

HEADER = """\
# Edit {label} of {path}; save and quit to apply, or quit without saving to change nothing.
# The catalogue is validated on save; lines starting with '#' at the top are ignored.
"""


@click.command("edit")
@click.argument("ref", metavar="REF", shell_complete=complete_refs)
@click.pass_obj
def edit(state: State, ref: str) -> None:
    """Edit one paper's entry in $VISUAL or $EDITOR, validated on save.

    Only that entry changes: the rest of the file, comments and layout included, stays byte for
    byte. If the result is not valid, the message is shown and (on a terminal) you are offered
    to edit again, as git commit and kubectl edit do; quitting without saving, or an editor that
    fails, changes nothing. The previous version is kept as PATH.bak.

    \b
    Examples:
      sora-refs --catalogue my-refs.yaml edit 26
      sora-refs --catalogue my-refs.yaml edit 2212.09748
    """
    import tempfile

    from ... import CatalogueError, CatalogueFile, UsageError, WriteError
    from ..editor import interactive, run_editor

    catalogue = state.catalogue
    file = CatalogueFile(catalogue.path, catalogue)
    target = file.path
    paper = catalogue.get(ref)
    file.check_can_write()  # before the editor: an edit that cannot be saved is wasted work
    original = file.entry_text(paper.key)
    header = HEADER.format(label=paper.label, path=target)
    with tempfile.TemporaryDirectory(prefix="sora-refs-edit-") as folder:
        draft = Path(folder) / f"{paper.key}.yaml"
        draft.write_text(header + original, encoding="utf-8")
        while True:
            before = draft.read_text(encoding="utf-8")
            run_editor(draft)
            after = draft.read_text(encoding="utf-8")
            edited = _strip_header(after)
            if after == before or edited == original:
                output.message(f"No change to {paper.label}.")
                return
            if not edited.strip():
                output.message(
                    f"The entry was emptied; nothing changed (use 'sora-refs remove {paper.key}' to remove a paper)."
                )
                raise click.exceptions.Exit(1)
            try:
                outcome = file.replace(paper.key, edited, expected=original)
            except (UsageError, CatalogueError, WriteError) as error:
                problem = str(error)
                output.message(f"Error: {problem}")
                if not interactive() or not click.confirm("Edit again?", default=True, err=True):
                    kept = _keep(Path(target), paper.key, edited)
                    output.message(
                        f"Nothing was changed; your edit is kept in {kept}." if kept else "Nothing was changed."
                    )
                    raise click.exceptions.Exit(1) from None
                comments = "".join(f"# ERROR: {line}\n" for line in problem.splitlines())
                draft.write_text(header + comments + edited, encoding="utf-8")
                continue
            break
    new = outcome.papers[0]
    renamed = f" (now {new.key})" if outcome.renamed else ""
    output.message(f"Saved {paper.label}{renamed} in {target}; previous version in {outcome.backup}.")


def _strip_header(text: str) -> str:
    """The edited entry without the leading comment lines the editor was given."""
    lines = text.splitlines(keepends=True)
    while lines and lines[0].lstrip().startswith("#"):
        lines.pop(0)
    return "".join(lines)


def _keep(catalogue: Path, key: str, text: str) -> str | None:
    """Save a rejected edit where the user can pick it up (nothing a user wrote is lost).

    Beside the catalogue, as patch leaves a ``.rej`` file, else in the temporary folder; the
    file is always new (never an earlier draft overwritten, never a planted link followed).
    """
    import os
    import tempfile

    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in key)
    for folder in (catalogue.parent, Path(tempfile.gettempdir())):
        for n in range(1, 100):
            path = folder / f"{catalogue.stem}.{safe}.rejected{'' if n == 1 else f'-{n}'}.yaml"
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                continue
            except OSError:  # a folder we may not write in: try the next one
                break
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            return str(path)
    return None
