"""``sora-refs check``."""

from __future__ import annotations

import click

from ... import Catalogue, CatalogueError
from .. import output
from ..options import REPORT_FORMATS, Seconds, format_option, service_options
from ..state import State


@click.command("check")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@format_option(REPORT_FORMATS, default="text", help="json: a machine-readable report for CI.")
@click.option(
    "--online",
    is_flag=True,
    help="Also compare titles, authors and years with arXiv, and DOIs with Crossref (answers cached for a week).",
)
@click.option("--refresh", is_flag=True, help="With --online: ask arXiv and Crossref again instead of using the cache.")
@service_options
@click.option("--no-crossref", is_flag=True, help="With --online: do not look the DOIs up in Crossref.")
@click.option(
    "--timeout",
    type=Seconds(0.001),
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help="With --online: limit for connecting and for each read.",
)
@click.pass_obj
def check(
    state: State,
    file: str | None,
    format_: str,
    online: bool,
    refresh: bool,
    arxiv_api: str | None,
    crossref_api: str | None,
    no_crossref: bool,
    timeout: float,
) -> None:
    """Validate a catalogue file and report every problem.

    Checks keys, types, required fields, duplicates, categories and sections, arXiv ids, DOIs
    and years. FILE defaults to the catalogue in use. Exit status 0 when clean, 1 otherwise.
    With --online, also compares titles, authors and first-version years with arXiv, and the
    papers with a DOI with what Crossref has (--no-crossref skips that).

    \b
    Examples:
      sora-refs check
      sora-refs check my-reading-list.yaml --format json
      sora-refs check --online
    """
    path = file or state.catalogue_path or str(Catalogue.bundled_path())
    try:
        catalogue = Catalogue.load(path, use_cache=False)
        problems = []
    except CatalogueError as error:
        catalogue = None
        problems = error.problems
    report = None
    if online and catalogue and any(p.ids.arxiv for p in catalogue.papers):
        from ._arxiv_report import online_check  # requests and XML only when asked for

        report = online_check(catalogue, arxiv_api, refresh, timeout, format_)
    crossref = None
    if online and catalogue and not no_crossref:
        from ._crossref_report import crossref_check

        crossref = crossref_check(catalogue, crossref_api, refresh, timeout)
    if format_ == "json":
        data = {
            "file": path,
            "ok": not problems,
            "papers": len(catalogue) if catalogue else None,
            "problems": [p.as_dict() for p in problems],
        }
        if report is not None:
            data["ok"] = data["ok"] and report.ok
            data["online"] = report.as_dict()
        if crossref is not None:
            data["ok"] = data["ok"] and crossref.ok
            data["crossref"] = crossref.as_dict()
        output.write_json(data)
    elif problems:
        for problem in problems:
            output.echo(str(problem))
        output.message(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found in {path}.")
    else:
        assert catalogue is not None
        counts = ", ".join(
            f"{n} {word if n == 1 else plural}"
            for n, word, plural in (
                (len(catalogue), "paper", "papers"),
                (len(catalogue.categories), "category", "categories"),
                (len(catalogue.sections), "section", "sections"),
            )
        )
        output.echo(f"OK: {path}: {counts}.")
    if report is not None and format_ != "json":
        report.print()
    if crossref is not None and format_ != "json":
        crossref.print()
    if problems or (report is not None and not report.ok) or (crossref is not None and not crossref.ok):
        raise SystemExit(1)
