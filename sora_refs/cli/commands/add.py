"""``sora-refs add``: papers into a catalogue by arXiv id or DOI."""

from __future__ import annotations

import os
from typing import Any

import click

from .. import output
from ..i18n import venue_year
from ..options import Seconds, service_options
from ..state import State


@click.command("add")
@click.argument("idents", nargs=-1, required=True, metavar="ID...")
@click.option("--category", "-c", metavar="ID", help="Category of the new papers (prompted for on a terminal).")
@click.option("--section", "-s", metavar="ID", help="Mind-map section of the new papers.")
@click.option(
    "--tag", "-t", "tags", multiple=True, metavar="TAG", help="A tag for the new papers (repeat for several)."
)
@click.option(
    "--status",
    default="to-read",
    show_default=True,
    metavar="STATUS",
    help="Your reading status of the new papers (to-read, reading, read, or none).",
)
@click.option(
    "--pdf", is_flag=True, help="Download the new papers' PDFs at once (to $SORA_REFS_PDF_DIR or ./sora-refs-pdfs)."
)
@click.option("--dry-run", is_flag=True, help="Print the entries it would write; write nothing.")
@service_options
@click.option(
    "--mailto",
    metavar="EMAIL",
    envvar="SORA_REFS_MAILTO",
    help="Your address for Crossref's polite pool [env: SORA_REFS_MAILTO; or mailto: in the config "
    "file, see 'sora-refs paths'].",
)
@click.option(
    "--timeout",
    type=Seconds(min=1),
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help="Seconds allowed for connecting and for each read.",
)
@click.option("--refresh", is_flag=True, help="Ask the services again instead of using cached answers.")
@click.pass_obj
def add(
    state: State,
    idents: tuple[str, ...],
    category: str | None,
    section: str | None,
    tags: tuple[str, ...],
    status: str,
    pdf: bool,
    dry_run: bool,
    arxiv_api: str | None,
    crossref_api: str | None,
    mailto: str | None,
    timeout: float,
    refresh: bool,
) -> None:
    """Add papers to the catalogue by arXiv id or DOI, with their metadata looked up.

    ID is an arXiv id or URL (2212.09748, arXiv:2212.09748v2, https://arxiv.org/abs/...) or a
    DOI or doi.org URL. arXiv is asked once for every id (politely, answers cached); where a
    preprint was published, Crossref gives the venue, and the arXiv version is kept as the one
    cited. A paper already in the catalogue (same arXiv id, DOI or title) is reported, not
    added. The file is validated, locked and backed up (PATH.bak); the rest of it is left as it
    was, comments included. The new papers are marked to-read for you (see 'sora-refs mark').

    \b
    Examples:
      sora-refs --catalogue my-refs.yaml add 2212.09748 -c diffusion
      sora-refs --catalogue my-refs.yaml add https://doi.org/10.1109/CVPR52688.2022.01042 --dry-run
      sora-refs --catalogue my-refs.yaml add 2006.11239 2112.10752 --tag to-discuss --pdf
    """
    from ... import CatalogueFile, Status, check_tag, fetch

    file = CatalogueFile(state.catalogue_path)
    target = file.path
    wanted = fetch.identifiers(idents)  # a bad id fails here, before any request
    for tag in tags:
        check_tag(tag)
    mark = None if status.strip().lower() in ("none", "") else Status.parse(status)
    current = file.current()
    if category is None and current is not None and current.categories and _interactive():
        category = _choose("Category", current.category_ids(), required=True)
        if section is None and current.sections:
            section = _choose("Section", [s.id for s in current.sections], required=False)
    count = len(wanted)
    output.message(f"Looking up {count} paper{'s' if count != 1 else ''}...")
    found = fetch.look_up(
        wanted,
        current,
        arxiv_api=arxiv_api,
        crossref_api=crossref_api,
        mailto=mailto,
        timeout=timeout,
        refresh=refresh,
    )
    outcome = file.add(
        found, category=category, section=section, tags=tags, dry_run=dry_run, asked=[w.given for w in wanted]
    )
    for given, reason in outcome.skipped:
        output.message(f"Skipped {given}: already in the catalogue ({reason}).")
    if dry_run:
        for entry in file.preview(outcome):
            output.echo(entry.rstrip("\n"))
        output.message(
            f"Would add {len(outcome.papers)} paper{'s' if len(outcome.papers) != 1 else ''} to "
            f"{target}; nothing written (dry run)."
        )
        return
    for paper in outcome.papers:
        output.echo(f"Added {paper.key}: {paper.title} ({venue_year(paper.venue, paper.year)})")
    if outcome.papers:
        where = "created" if outcome.created else "wrote"
        backup = f"; previous version in {outcome.backup}" if outcome.backup else ""
        output.message(f"{where.capitalize()} {target}{backup}.")
        catalogue = file.current()
        if mark is not None and catalogue is not None:
            catalogue.personal().set_status([p.key for p in outcome.papers], mark)
        if pdf and catalogue is not None:
            _download(catalogue, [p.key for p in outcome.papers], timeout)
    elif outcome.skipped:
        raise click.exceptions.Exit(1)


def _interactive() -> bool:
    from ..editor import interactive

    return interactive()


def _choose(what: str, choices: list[str], required: bool) -> str | None:
    for number, choice in enumerate(choices, start=1):
        output.message(f"  {number}. {choice}")
    while True:
        answer = click.prompt(
            f"{what} (number or id{'' if required else ', Enter for none'})",
            default="" if not required else None,
            show_default=False,
            err=True,
        ).strip()
        if not answer and not required:
            return None
        if answer.isdigit() and 1 <= int(answer) <= len(choices):
            return choices[int(answer) - 1]
        if answer in choices:
            return answer
        output.message(f"Not one of the choices: {answer!r}.")


def _download(catalogue: Any, keys: list[str], timeout: float) -> None:
    from ... import fetch

    directory = os.path.expanduser(os.environ.get("SORA_REFS_PDF_DIR") or "sora-refs-pdfs")
    papers = [catalogue.get(key) for key in keys]
    results = fetch.download_pdfs(papers, directory, timeout=timeout, arxiv_pdf=os.environ.get("SORA_REFS_ARXIV_PDF"))
    failed = 0
    for result in results:
        if result.present:
            output.message(f"PDF of {result.paper.key}: {result.path}")
        else:
            failed += 1
            output.message(f"PDF of {result.paper.key} not downloaded: {result.reason or result.status.value}")
    if failed:
        raise click.exceptions.Exit(1)
