"""``sora-refs stats``."""

from __future__ import annotations

from typing import Any

import click

from ... import Counts, Cross, Overview, Query, UsageError
from .. import output, tables
from ..i18n import message
from ..options import COUNT_FORMATS, check_filters, filter_options, format_option
from ..pager import paged
from ..state import State


@click.command("stats")
@filter_options
@click.option(
    "--by",
    "-b",
    "by",
    type=click.Choice(Counts.dimensions),
    metavar="DIMENSION",
    help="Count by venue, year, category, section, author, type or status (your reading status).",
)
@click.option(
    "--cross", "-x", "cross", metavar="ROWS,COLUMNS", help="A cross table of two dimensions, e.g. category,year."
)
@click.option(
    "--published",
    is_flag=True,
    help="Only the view as published (with --cited: only the view as cited; default: both).",
)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    metavar="N",
    help="Show only the N largest rows (years: the N busiest, in year order; not with --cross).",
)
@format_option(
    COUNT_FORMATS, default="table", help="table: rich tables with bars on a terminal, aligned text when piped."
)
@click.pass_obj
@paged
def stats(
    state: State, query: Query, by: str | None, cross: str | None, published: bool, top: int | None, format_: str
) -> None:
    """Count papers by venue, year, category, ...; the report's highlights.

    Without --by: the venue and year tables and the highlights (share of arXiv preprints, of
    NeurIPS/ICML/CVPR/ICCV, span and peak of years, the last three years), each with the numbers
    behind it. Venue and year are counted as the report cites them and as published, side by
    side; --cited or --published keeps one view. Shares are of the papers selected.

    \b
    Examples:
      sora-refs stats
      sora-refs stats --by year -c diffusion
      sora-refs stats --cross category,year --format markdown
    """
    if published and query.cited:
        raise click.UsageError("--cited and --published each keep one view; give at most one of them.")
    if by and cross:
        raise click.UsageError("give either --by or --cross, not both.")
    view = "published" if published else "cited" if query.cited else "both"
    try:
        pair = Cross.parse(cross) if cross else None
    except UsageError as error:
        raise click.BadParameter(str(error), param_hint="'--cross'") from None
    catalogue = state.catalogue
    check_filters(state, query)
    lang = state.lang
    result: Cross | Counts | Overview
    if pair:
        result = catalogue.cross(*pair, query, cited=view != "published")
    elif by:
        result = catalogue.counts(by, query, view=view)
    else:
        result = catalogue.overview(query, view=view)
    if not result.total and format_ == "table":
        output.nothing_found(lang)
    if isinstance(result, Cross):
        if top is not None:
            output.message(message("top_ignored", lang))
        _show_cross(result, catalogue, lang, format_)
    elif isinstance(result, Counts):
        _show_counts(_top(result, top), catalogue, lang, format_)
        if by == "status" and format_ == "table":
            output.echo(result.status_sentence() + ".")
    else:
        _show_overview(result, catalogue, lang, format_, top)
    if not result.total:
        output.nothing_found(lang)


def _top(counts: Counts, top: int | None) -> Counts:
    """The ``top`` largest rows; years stay in their order (the busiest years, chronologically)."""
    if top is None:
        return counts
    if counts.by != "year":
        return Counts(counts.by, counts.total, counts.rows[:top], counts.views)
    order = {id(row): i for i, row in enumerate(counts.rows)}
    busiest = sorted(counts.rows, key=lambda row: (-row.count(counts.primary), order[id(row)]))[:top]
    return Counts(counts.by, counts.total, tuple(sorted(busiest, key=lambda row: order[id(row)])), counts.views)


def _show_counts(counts: Counts, catalogue, lang: str, format_: str) -> None:
    if format_ == "json":
        data = counts.as_dict()
        if counts.by in ("category", "section"):
            for row in data["rows"]:
                row["label"] = tables.value_label(counts.by, row["value"], catalogue, lang)
        output.write_json(data)
    elif format_ == "csv":
        output.write_csv([counts.by, *counts.views], tables.counts_csv_rows(counts))
    elif format_ == "markdown":
        output.echo(tables.counts_markdown(counts, catalogue, lang))
    elif output.is_terminal():
        output.console().print(tables.counts_rich(counts, catalogue, lang))
    else:
        output.echo(tables.counts_text(counts, catalogue, lang))


def _show_cross(table: Cross, catalogue, lang: str, format_: str) -> None:
    if format_ == "json":
        output.write_json(table.as_dict())
    elif format_ == "csv":
        header, rows = tables.cross_cells(table, catalogue, "en")
        # Machine-readable: raw values (ids, years) rather than display names.
        values: list[list[Any]] = [[r, *row[1:]] for r, row in zip([*table.row_values, "total"], rows)]
        columns = [str(v) for v in table.column_values]
        output.write_csv([f"{table.rows_by}\\{table.columns_by}", *columns, "total"], values)
    elif format_ == "markdown":
        header, rows = tables.cross_cells(table, catalogue, lang)
        output.echo(tables.markdown_table(header, rows, right=range(1, len(header))))
    elif output.is_terminal():
        output.console().print(tables.cross_rich(table, catalogue, lang))
    else:
        header, rows = tables.cross_cells(table, catalogue, lang)
        output.echo(tables.aligned(header, rows, right=range(1, len(header))))


def _heading(view: Overview, catalogue, lang: str) -> str:
    head = tables.label("papers_of", lang).format(title=catalogue.info.title, n=view.total)
    if view.highlights or "cited" in view.venue.views:
        which = "as_cited" if view.venue.primary == "cited" else "as_published"
        head += tables.label("note", lang).format(text=tables.label(which, lang))
    return head


def _show_overview(view: Overview, catalogue, lang: str, format_: str, top: int | None) -> None:
    venue = _top(view.venue, top)
    view = Overview(view.total, venue, _top(view.year, top), view.highlights)
    if format_ == "json":
        output.write_json(view.as_dict())
    elif format_ == "csv":
        rows = [["venue", *r] for r in tables.counts_csv_rows(venue)]
        rows += [["year", *r] for r in tables.counts_csv_rows(view.year)]
        output.write_csv(["by", "value", *venue.views], rows)
    elif format_ == "markdown":
        parts = [f"**{_heading(view, catalogue, lang)}**", ""]
        if view.highlights:
            parts += [f"- {h.text(lang)}" for h in view.highlights] + [""]
        for counts in (venue, view.year):
            parts += [tables.counts_markdown(counts, catalogue, lang), ""]
        output.echo("\n".join(parts).rstrip())
    elif output.is_terminal():
        tables.overview_rich(
            Overview(view.total, venue, view.year, view.highlights),
            catalogue,
            lang,
            _heading(view, catalogue, lang),
        )
    else:
        parts = [_heading(view, catalogue, lang), ""]
        if view.highlights:
            parts += [tables.label("highlights", lang)]
            parts += [f"- {h.text(lang)}" for h in view.highlights] + [""]
        for counts in (venue, view.year):
            parts += [tables.dimension_title(counts.by, lang), tables.counts_text(counts, catalogue, lang), ""]
        output.echo("\n".join(parts).rstrip())
