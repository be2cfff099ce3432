"""``sora-refs export``."""

from __future__ import annotations

import os

import click

from ... import Query, export_formats
from ..options import filter_options, format_option, select, sort_options
from ..state import State
from . import _write


@click.command("export")
@filter_options
@sort_options
@format_option(export_formats(), default="bibtex", help="Output format.")
@click.option(
    "--output",
    "-o",
    metavar="FILE",
    type=click.Path(dir_okay=False, writable=True),
    help="Write to FILE (atomically: a temporary name, then renamed) instead of stdout.",
)
@click.option(
    "--as-cited", is_flag=True, help="Venues and years as the report cites them: reproduces its own reference list."
)
@click.option(
    "--ascii",
    "ascii_only",
    is_flag=True,
    help='BibTeX/biblatex: LaTeX escapes (N{\\"U}WA) instead of UTF-8, for 8-bit bibtex.',
)
@click.option(
    "--style",
    type=click.Choice(["list", "table"]),
    default="list",
    show_default=True,
    help="Markdown: a numbered reference list, or a table with links.",
)
@click.pass_obj
def export(
    state: State,
    query: Query,
    sort: str,
    reverse: bool,
    limit: int | None,
    format_: str,
    output: str | None,
    as_cited: bool,
    ascii_only: bool,
    style: str,
) -> None:
    """Export papers as BibTeX, biblatex, CSL-JSON, RIS, Markdown, JSON, YAML, CSV or HTML.

    Takes the same filters as `list`. The same catalogue always gives byte-identical output.

    \b
    Examples:
      sora-refs export -o sora.bib
      sora-refs export -c diffusion --format biblatex --ascii
      sora-refs export --as-cited --format markdown --style list
    """
    papers = select(state, query, sort, reverse, limit)
    count = f"{len(papers)} paper{'' if len(papers) == 1 else 's'}"
    chunks = state.catalogue.export_chunks(
        format_,
        papers,
        as_cited=as_cited or query.cited,
        ascii_only=ascii_only,
        style=style,
        lang=state.lang,
        jobs=os.cpu_count() or 1,
    )
    _write.deliver(chunks, output, count)
