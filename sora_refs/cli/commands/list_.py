"""``sora-refs list``."""

from __future__ import annotations

import click

from ... import Query
from .. import output
from ..options import PAPER_FORMATS, filter_options, format_option, select, sort_options
from ..pager import paging
from ..paperlist import render
from ..state import State


@click.command("list")
@filter_options
@sort_options
@format_option(
    PAPER_FORMATS,
    default="table",
    help="table: rich table on a terminal, tab-separated rows when piped; plain: one citation "
    "line each; keys: citekeys only.",
)
@click.pass_obj
def list_(state: State, query: Query, sort: str, reverse: bool, limit: int | None, format_: str) -> None:
    """List papers, filtered and sorted.

    Repeating an option means OR (-c gan -c rnn); different options AND. When no paper
    matches, a message on stderr and exit status 1 (with the empty form of --format on stdout).

    \b
    Examples:
      sora-refs list -c diffusion
      sora-refs list --year 2021- --venue NeurIPS --sort year
      sora-refs list --cited --venue arXiv --format json
    """
    papers = select(state, query, sort, reverse, limit)
    with paging(state):  # a no-op unless on a terminal and taller than it
        render(papers, state.catalogue, format_, state.lang, cited=query.cited)
    if not papers:
        output.nothing_found(state.lang)
