"""``sora-refs site``."""

from __future__ import annotations

import click

from ... import NotFoundError, Query, write_output
from .. import output
from ..options import filter_options, select
from ..state import State


@click.command("site")
@filter_options
@click.option(
    "--output",
    "-o",
    "output_path",
    metavar="FILE",
    default="sora-refs.html",
    show_default=True,
    type=click.Path(dir_okay=False, writable=True),
    help="Where to write the page (atomically: a temporary name, then renamed); '-' for stdout.",
)
@click.pass_obj
def site(state: State, query: Query, output_path: str) -> None:
    """Write a self-contained HTML page of the catalogue.

    One file with everything inline (no request to any other host): a searchable, sortable table
    with filters, each paper's details and BibTeX with a copy button, the mind map and the
    statistics, in English and Chinese. Takes the same filters as `list`; --lang picks the
    language it opens in.

    \b
    Examples:
      sora-refs site -o sora.html
      sora-refs site -c diffusion -c autoregressive-transformer -o generative.html
      sora-refs --lang zh site --year 2020- -o recent.html
    """
    papers = select(state, query)
    if not papers:
        raise NotFoundError("no paper matches these filters; no page written")
    html = state.catalogue.web_page(papers, lang=state.lang)
    if output_path == "-":
        click.echo(html, nl=False)
        return
    write_output(output_path, html)
    output.message(f"Wrote a page of {len(papers)} papers to {output_path}.")
