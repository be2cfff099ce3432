"""``sora-refs import``."""

from __future__ import annotations

import click

from ... import CatalogueFile, OnDuplicate, UsageError
from .. import output
from ..i18n import venue_year
from ..state import State


@click.command("import")
@click.argument("files", metavar="FILE...", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--into",
    metavar="PATH",
    type=click.Path(dir_okay=False),
    help="Catalogue file to merge into (created if absent). Default: the catalogue in use; "
    "the bundled one is never modified, so it needs --into.",
)
@click.option(
    "--strings",
    "strings",
    metavar="FILE",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="A .bib file read first for its @string macros only (repeatable), as \\bibliography{strings,refs} does.",
)
@click.option(
    "--on-duplicate",
    type=click.Choice([p.value for p in OnDuplicate]),
    default="alias",
    show_default=True,
    help="An entry already in the catalogue (same DOI, arXiv id, or title, year and type): "
    "alias: keep its key as an alias of the paper, so that \\cite{its key} still works; skip: "
    "leave it out, key and all; merge: also fill the paper's empty fields (differing values are reported).",
)
@click.option("--category", "-c", metavar="ID", help="Category of the new papers (default: uncategorised).")
@click.option("--section", "-s", metavar="ID", help="Mind-map section of the new papers.")
# No -n: it is --limit in list, search and export (`import -n` gets a hint saying so).
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option(
    "--verbose",
    is_flag=True,
    help="List every duplicate and everything kept differently (moved to extra, truncated lists).",
)
@click.option(
    "--encoding",
    default="utf-8",
    show_default=True,
    metavar="NAME",
    help="Encoding of the files (e.g. latin-1 for old 8-bit .bib files).",
)
@click.pass_obj
def import_(
    state: State,
    files: tuple[str, ...],
    into: str | None,
    strings: tuple[str, ...],
    on_duplicate: str,
    category: str | None,
    section: str | None,
    dry_run: bool,
    verbose: bool,
    encoding: str,
) -> None:
    """Merge BibTeX, CSL-JSON or RIS files into a catalogue.

    The format is recognised from the content (or the extension): BibTeX (.bib), CSL-JSON
    (Zotero, Pandoc) or RIS (EndNote, Mendeley, Zotero). Several .bib files share their
    @string macros and cross-references. Every field is kept: those the catalogue has no
    place for travel in `extra` and come back on export. A key that must change keeps the
    old one as an alias. The catalogue is validated before it is written, atomically, with a
    backup (PATH.bak) of the previous version.

    \b
    Examples:
      sora-refs import refs.bib --into my-refs.yaml --category diffusion
      sora-refs import refs.bib --strings macros.bib --into my-refs.yaml --dry-run
      sora-refs import zotero.json --into my-refs.yaml --on-duplicate merge
    """
    bundled = "the bundled catalogue is never modified; give --into PATH (a copy, or a new file)"
    target = into or state.catalogue_path
    if target is None:
        raise UsageError(bundled)
    try:
        catalogue_file = CatalogueFile(target)
    except UsageError:  # the bundled catalogue: here the way out is --into
        raise UsageError(bundled) from None
    result = catalogue_file.import_files(
        list(files),
        category=category,
        section=section,
        dry_run=dry_run,
        encoding=encoding,
        strings=strings,
        on_duplicate=on_duplicate,
    )
    for problem in result.problems:
        output.message(f"Warning: {problem}")
    for lost in result.not_kept:
        output.message(f"Warning: {lost}")
    for change in result.keys_changed:
        if change.aliased:
            output.message(f"Key {change.old} is now {change.new} ({change.reason}); {change.old} stays as an alias.")
        elif not change.old:
            output.message(f"The entry at {change.where} has no key; its key is {change.new}.")
        else:
            output.message(f"Key {change.old} ({change.where}) is now {change.new} ({change.reason}).")
    for duplicate in result.duplicates:
        if duplicate.conflicts or verbose or on_duplicate in ("skip", "alias"):
            done = (
                "merged into"
                if duplicate.filled
                else "its key an alias of"
                if duplicate.aliased
                else "already there as"
            )
            verb = "Skipped" if on_duplicate == "skip" else "Matched"
            output.message(f"{verb} {duplicate.key or '(no key)'}: {done} {duplicate.existing} ({duplicate.reason}).")
        if duplicate.filled and verbose:
            output.message(f"  filled: {', '.join(duplicate.filled)}")
        for conflict in duplicate.conflicts:
            output.message(f"  differs: {conflict}")
    if verbose:
        for notice in result.notices:
            output.message(f"Note: {notice}")
    verb = "Would add" if dry_run else "Added"
    for paper in result.added:
        venue = venue_year(paper.venue, paper.year)
        output.echo(f"{verb} {paper.key}: {paper.title} ({venue})")
    summary = result.summary()
    if dry_run:
        output.message(f"{summary}; nothing written (dry run).")
    elif result.changed:
        backup = f"; previous version in {result.backup}" if result.backup else ""
        output.message(f"{summary}; {'created' if result.created else 'wrote'} {result.target}{backup}.")
    else:
        output.message(f"{summary}; {result.target} unchanged.")
    if not result.changed and not result.duplicates and result.problems:
        raise click.exceptions.Exit(1)
