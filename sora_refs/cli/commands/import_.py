"""``sora-refs import``."""

from __future__ import annotations

import click

from ...errors import UsageError
from ...importer import import_bib
from .. import output
from ..state import State


@click.command("import")
@click.argument("bib", metavar="FILE.bib", type=click.Path(dir_okay=False))
@click.option("--into", metavar="PATH", type=click.Path(dir_okay=False),
              help="Catalogue file to merge into (created if absent). Default: the catalogue in use; "
                   "the bundled one is never modified, so it needs --into.")
@click.option("--category", "-c", metavar="ID", help="Category of the new papers (default: uncategorised).")
@click.option("--section", "-s", metavar="ID", help="Mind-map section of the new papers.")
# No -n: it is --limit in list, search and export (`import -n` gets a hint saying so).
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--encoding", default="utf-8", show_default=True, metavar="NAME",
              help="Encoding of FILE.bib (e.g. latin-1 for old 8-bit files).")
@click.pass_obj
def import_(state: State, bib: str, into: str | None, category: str | None, section: str | None,
            dry_run: bool, encoding: str) -> None:
    """Merge a BibTeX file into a catalogue.

    Duplicates (same key, arXiv id, DOI or title) are reported, not added. The catalogue is
    validated before it is written, atomically, with a backup (PATH.bak) of the previous version.

    \b
    Examples:
      sora-refs import new.bib --into my-refs.yaml --category diffusion
      sora-refs import new.bib --into my-refs.yaml --dry-run
      sora-refs --catalogue my-refs.yaml import more.bib
    """
    target = into or state.catalogue_path
    if target is None:
        raise UsageError("the bundled catalogue is never modified; give --into PATH (a copy, or a new file)")
    result = import_bib(bib, target, category=category, section=section, dry_run=dry_run, encoding=encoding)
    for problem in result.problems:
        output.message(f"Warning: {problem}")
    for duplicate in result.duplicates:
        output.message(f"Skipped {duplicate.key}: already there as {duplicate.existing} ({duplicate.reason}).")
    verb = "Would add" if dry_run else "Added"
    for paper in result.added:
        output.echo(f"{verb} {paper.key}: {paper.title} ({paper.venue} {paper.year})")
    summary = (f"{verb} {len(result.added)} paper{'s' if len(result.added) != 1 else ''}, "
               f"{len(result.duplicates)} duplicate{'s' if len(result.duplicates) != 1 else ''}, "
               f"{len(result.problems)} problem{'s' if len(result.problems) != 1 else ''}")
    if dry_run:
        output.message(f"{summary}; nothing written (dry run).")
    elif result.added:
        backup = f"; previous version in {result.backup}" if result.backup else ""
        output.message(f"{summary}; {'created' if result.created else 'wrote'} {result.target}{backup}.")
    else:
        output.message(f"{summary}; {result.target} unchanged.")
    if not result.added and result.problems:
        raise click.exceptions.Exit(1)
