"""``sora-refs check``."""

from __future__ import annotations

import click

from ...catalogue import Catalogue
from ...errors import CatalogueError
from ...loader import bundled_path
from .. import output
from ..state import State


@click.command("check")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.option("--format", "-f", "format_", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="json: a machine-readable report for CI.")
@click.pass_obj
def check(state: State, file: str | None, format_: str) -> None:
    """Validate a catalogue file and report every problem.

    Checks keys, types, required fields, duplicates, categories and sections, arXiv ids, DOIs
    and years. FILE defaults to the catalogue in use. Exit status 0 when clean, 1 otherwise.

    \b
    Examples:
      sora-refs check
      sora-refs check my-reading-list.yaml
      sora-refs check my-reading-list.yaml --format json
    """
    path = file or state.catalogue_path or str(bundled_path())
    try:
        catalogue = Catalogue.load(path, use_cache=False)
        problems = []
    except CatalogueError as error:
        catalogue = None
        problems = error.problems
    if format_ == "json":
        output.write_json({
            "file": path,
            "ok": not problems,
            "papers": len(catalogue) if catalogue else None,
            "problems": [p.as_dict() for p in problems],
        })
    elif problems:
        for problem in problems:
            output.echo(str(problem))
        output.message(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found in {path}.")
    else:
        assert catalogue is not None
        output.echo(f"OK: {path}: {len(catalogue)} papers, {len(catalogue.categories)} categories, "
                    f"{len(catalogue.sections)} sections.")
    if problems:
        raise SystemExit(1)
