"""``sora-refs remove``: papers out of a catalogue."""

from __future__ import annotations

import click

from .. import output
from ..completion import complete_refs
from ..i18n import venue_year
from ..state import State


@click.command("remove")
@click.argument("refs", nargs=-1, required=True, metavar="REF...", shell_complete=complete_refs)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation (for scripts).")
@click.option("--dry-run", is_flag=True, help="Show what would be removed; write nothing.")
@click.pass_obj
def remove(state: State, refs: tuple[str, ...], yes: bool, dry_run: bool) -> None:
    """Remove papers from the catalogue (asks first on a terminal).

    The rest of the file stays byte for byte; the previous version is kept as PATH.bak.
    Without a terminal, --yes is required.

    \b
    Examples:
      sora-refs --catalogue my-refs.yaml remove 26
      sora-refs --catalogue my-refs.yaml remove ho2020denoising 2212.09748 --yes
    """
    from ... import CatalogueFile
    from ..editor import interactive

    file = CatalogueFile(state.catalogue.path, state.catalogue)
    target = file.path
    papers = state.catalogue.get_many(refs)
    for paper in papers:
        output.message(f"  {paper.label}: {paper.title} ({venue_year(paper.venue, paper.year)})")
    count = len(papers)
    noun = f"{count} paper{'s' if count != 1 else ''}"
    if not yes and not dry_run:
        if not interactive():
            raise click.UsageError(f"removing {noun} needs confirmation: add --yes (nothing was removed)")
        if not click.confirm(f"Remove {noun} from {target}?", default=False, err=True):
            output.message("Nothing was removed.")
            raise click.exceptions.Exit(1)
    outcome = file.remove([p.key for p in papers], dry_run=dry_run)
    if dry_run:
        output.message(f"Would remove {noun} from {target}; nothing written (dry run).")
        return
    output.message(f"Removed {noun} from {target}; previous version in {outcome.backup}.")
