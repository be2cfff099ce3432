"""``sora-refs set``: one or more fields of a paper, for scripts."""

from __future__ import annotations

import click

from .. import output
from ..completion import complete_refs
from ..state import State


@click.command("set")
@click.argument("ref", metavar="REF", shell_complete=complete_refs)
@click.argument("assignments", nargs=-1, required=True, metavar="FIELD=VALUE...")
@click.option("--dry-run", is_flag=True, help="Validate and show the result; write nothing.")
@click.pass_obj
def set_(state: State, ref: str, assignments: tuple[str, ...], dry_run: bool) -> None:
    """Set fields of a paper (FIELD=VALUE; an empty VALUE removes the field).

    Nested fields are set by their dotted name (cited.venue, cited.year, ids.doi, ids.arxiv,
    ids.arxiv_class); tags take a comma-separated list and authors a semicolon-separated one.
    Only those fields' lines change; the result is validated before it is written.

    \b
    Examples:
      sora-refs --catalogue my-refs.yaml set 26 venue=ICCV year=2023 cited.venue=arXiv cited.year=2022
      sora-refs --catalogue my-refs.yaml set peebles2023scalable ids.doi=10.1109/ICCV51070.2023.00387
      sora-refs --catalogue my-refs.yaml set 26 notes= --dry-run
    """
    from ... import CatalogueFile

    parsed = [CatalogueFile.parse_assignment(a) for a in assignments]  # a bad one fails before the file is read
    catalogue = state.catalogue
    file = CatalogueFile(catalogue.path, catalogue)
    target = file.path
    paper = catalogue.get(ref)
    outcome = file.set(paper.key, parsed, dry_run=dry_run)
    new = outcome.papers[0]
    if dry_run:
        output.message(f"Valid; would change {paper.label} in {target}; nothing written (dry run).")
        return
    if outcome.backup is None:
        output.message(f"No change to {paper.label}.")
        return
    renamed = f" (now {new.key})" if outcome.renamed else ""
    output.message(f"Changed {paper.label}{renamed} in {target}.")
