"""``sora-refs timeline``."""

from __future__ import annotations

import click

from ... import Catalogue, Paper, Query
from ...text import cells as cell_width
from .. import output
from ..i18n import label
from ..options import REPORT_FORMATS, filter_options, format_option, select
from ..pager import paged
from ..state import State
from .tree import short_title

_CAPTION = {
    "en": "Numbers are refs: sora-refs show N for one.",
    "zh": "数字为参考文献编号；用 sora-refs show N 查看详情。",
}

Lanes = list[tuple[str, dict[int | None, list[Paper]]]]


def _mark(paper: Paper) -> str:
    return str(paper.ref) if paper.ref is not None else "●"


@click.command("timeline")
@filter_options
@format_option(REPORT_FORMATS, default="text", help="text: a lane chart on a terminal, a plain list when piped.")
@click.pass_obj
@paged
def timeline(state: State, query: Query, format_: str) -> None:
    """Papers by year, one lane per category.

    On a terminal each lane is a row and each year a column; a cell holds the ref numbers of
    the lane's papers of that year, one under the other (● for a paper without a ref). Years as published, or as
    cited with --cited. Piped, the same as a plain list, lane by lane.

    \b
    Examples:
      sora-refs timeline
      sora-refs timeline --cited -y 2020-
      sora-refs --lang zh timeline -s video-generation
    """
    catalogue = state.catalogue
    papers = select(state, query)
    lang, cited = state.lang, query.cited
    groups = catalogue.lanes(papers, cited=cited)
    if format_ == "json":
        output.write_json(
            [
                {
                    "category": ident,
                    "name": catalogue.category_label(ident, lang),
                    "years": [
                        {"year": year, "papers": [{"ref": p.ref, "key": p.key} for p in group]}
                        for year, group in years.items()
                    ],
                }
                for ident, years in groups
            ]
        )
    if not papers:
        output.nothing_found(lang)
    if format_ == "json":
        return
    if output.is_terminal():
        _lane_chart(groups, catalogue, lang, cited)
        return
    lines = []
    for ident, years in groups:
        lines.append(catalogue.category_label(ident, lang))
        for year, group in years.items():
            when = label("no_year", lang) if year is None else year
            for paper in group:
                ref = f"[{paper.ref}] " if paper.ref is not None else ""
                venue = paper.venue_as(cited)
                lines.append(f"  {when}  {ref}{short_title(paper.title)}" + (f" ({venue})" if venue else ""))
    output.echo("\n".join(lines))


def _lane_chart(groups: Lanes, catalogue: Catalogue, lang: str, cited: bool) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console = output.console()
    every = [y for _, years in groups for y in years if y is not None]
    undated = [(ident, years[None]) for ident, years in groups if None in years]
    if not every:  # no paper has a year: the list of those without is the whole chart
        _undated(undated, catalogue, lang)
        return
    span = range(min(every), max(every) + 1)
    has_refs = any(p.ref is not None for _, years in groups for group in years.values() for p in group)
    # No padding: the box's one-space separators part the columns, and a cell stacks its refs
    # one per line, so that "23 24" never runs into the next year's "10".
    table = Table(
        box=box.SIMPLE_HEAD,
        header_style="bold",
        pad_edge=False,
        padding=(0, 0),
    )
    names = [catalogue.category_label(ident, lang) for ident, _ in groups]
    header = label("category", lang)
    # The header is a word too: with short lane names ("RNN"), "Category" must not become "Ca…".
    whole = max(cell_width(header), *(cell_width(name) for name in names))
    word = max(cell_width(header), *(cell_width(w) for name in names for w in (name.split() or [""])))
    # Four-digit years and whole lane names where they fit; else '15 '16 ...; else lane names
    # wrapped between words; else 15 16 ... Years are never dropped: a decade fits 60 columns.
    lane_width, year_format = word, "{:02d}"
    for lane, form, year_width in ((whole, "{}", 4), (whole, "'{:02d}", 3), (word, "'{:02d}", 3)):
        if lane + 2 + len(span) * (year_width + 1) <= console.width:  # the two edges, a rule a year
            lane_width, year_format = lane, form
            break
    else:
        if word + 2 + len(span) * 3 > console.width:  # not even '15 columns fit: a year a line instead
            _year_lines(groups, span, catalogue, lang, has_refs)
            _undated(undated, catalogue, lang)
            return
    table.add_column(header, style="magenta", width=lane_width)
    for year in span:
        table.add_column(
            year_format.format(year if year_format == "{}" else year % 100), justify="center", min_width=2, no_wrap=True
        )
    for ident, years in groups:
        dated = [y for y in years if y is not None]
        if not dated:
            continue
        first, last = min(dated), max(dated)
        cells: list[Text] = []
        for year in span:
            if year in years:
                cells.append(Text("\n".join(_mark(p) for p in years[year]), style="bold cyan"))
            elif first < year < last:
                cells.append(Text("──", style="dim"))
            else:
                cells.append(Text(""))
        table.add_row(catalogue.category_label(ident, lang), *cells)
    console.print(table)
    if has_refs:  # below the chart at the screen's width (a caption would wrap at the chart's)
        console.print(Text(_CAPTION[lang]))
    _undated(undated, catalogue, lang)


def _year_lines(groups: Lanes, span: range, catalogue: Catalogue, lang: str, has_refs: bool) -> None:
    """The chart for a screen too narrow for a column a year: a line a year, its lanes' refs after it."""
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")  # wraps within what is left of the width; never cut
    for year in span:
        text = Text()
        for ident, years in groups:
            if year in years:
                if text:
                    text.append(" · ", style="dim")
                text.append(catalogue.category_label(ident, lang), style="magenta")
                text.append(" " + " ".join(_mark(p) for p in years[year]), style="bold cyan")
        grid.add_row(str(year), text if text else Text("–", style="dim"))
    console = output.console()
    console.print(Text(label("year", lang)) + Text("  ") + Text(label("category", lang)), style="bold")
    console.print(grid)
    if has_refs:
        console.print(Text(_CAPTION[lang]))


def _undated(undated: list[tuple[str, list[Paper]]], catalogue: Catalogue, lang: str) -> None:
    """Papers with no year, listed under the chart lane by lane (they have no column)."""
    if not undated:
        return
    lines = [label("no_year", lang).capitalize() + ("：" if lang == "zh" else ":")]
    for ident, papers in undated:
        marks = ", ".join(f"[{p.ref}] " * (p.ref is not None) + short_title(p.title) for p in papers)
        lines.append(f"  {catalogue.category_label(ident, lang)}: {marks}")
    output.echo("\n".join(lines))
