"""``sora-refs tag``: add and remove a paper's tags."""

from __future__ import annotations

import click

from .. import output
from ..completion import complete_refs
from ..state import State


@click.command("tag", context_settings={"ignore_unknown_options": True, "help_option_names": ["--help"]})
@click.argument("ref", metavar="REF", shell_complete=complete_refs)
@click.argument("changes", nargs=-1, required=True, metavar="+TAG|-TAG...")
@click.option(
    "--personal",
    is_flag=True,
    help="Change your personal tags (kept apart from the catalogue; works on the bundled one).",
)
@click.pass_obj
def tag(state: State, ref: str, changes: tuple[str, ...], personal: bool) -> None:
    """Add (+tag) and remove (-tag) tags of a paper.

    Catalogue tags are written into the catalogue file (validated, locked, backed up); with
    --personal they are yours alone, in your personal layer.

    \b
    Examples:
      sora-refs --catalogue my-refs.yaml tag 26 +transformer -vit
      sora-refs tag 26 +to-discuss --personal
    """
    from ... import CatalogueFile, UsageError, check_tag

    add: list[str] = []
    remove: list[str] = []
    for change in changes:
        if len(change) < 2 or change[0] not in "+-":
            raise click.UsageError(f"write each change as +TAG or -TAG, got {change!r}")
        try:
            value = check_tag(change[1:])
        except UsageError as error:
            raise click.UsageError(str(error)) from None
        (add if change[0] == "+" else remove).append(value)
    catalogue = state.catalogue
    paper = catalogue.get(ref)
    if personal:
        tags = catalogue.personal().tag(paper.key, add=add, remove=remove)
        output.message(f"Your tags of {paper.label}: {', '.join(tags) or 'none'}.")
        return
    file = CatalogueFile(catalogue.path, catalogue)
    target = file.path
    outcome = file.tag(paper.key, add, remove)
    tags = outcome.papers[0].tags
    if outcome.backup is None:
        output.message(f"No change: {paper.label} has tags {', '.join(tags) or 'none'}.")
        return
    output.message(f"Tags of {paper.label}: {', '.join(tags) or 'none'} (in {target}).")
