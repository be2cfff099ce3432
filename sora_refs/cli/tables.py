"""Drawing counts: rich tables with bars on a terminal; aligned text, CSV or Markdown otherwise.

rich is imported only inside the functions that draw with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .. import Catalogue, Counts, Cross, Overview
from ..text import CJK
from ..text import cells as cell_width
from . import output
from .i18n import label as base_label

_PIECES = re.compile(CJK.pattern + r"|[^\s" + CJK.pattern[1:-1] + r"]+")

BAR_WIDTH = 24
"""Cells of the longest bar."""

_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "by": "By {dim}",
        "total": "Total",
        "highlights": "Highlights",
        "no_section": "(no section)",
        "no_year_value": "(no year)",
        "as_cited": "venue and year as cited",
        "as_published": "venue and year as published",
        "papers_of": "{title}: {n} papers",
        "note": " ({text})",
        "cross": "{rows} × {columns}",
    },
    "zh": {
        "by": "按{dim}统计",
        "total": "合计",
        "highlights": "要点",
        "no_section": "（无板块）",
        "no_year_value": "（无年份）",
        "as_cited": "出处与年份按报告引用",
        "as_published": "出处与年份按正式发表",
        "papers_of": "{title}：{n} 篇论文",
        "note": "（{text}）",
        "cross": "{rows} × {columns}",
    },
}
"""Labels of the statistics views; the highlight sentences are :mod:`sora_refs.stats.sentences`'."""


def label(name: str, lang: str = "en") -> str:
    """A label of the statistics views in ``lang`` (else the shared labels, else English)."""
    table = _LABELS.get(lang, _LABELS["en"])
    return table.get(name) or _LABELS["en"].get(name) or base_label(name, lang)


def dimension_title(by: str, lang: str) -> str:
    """``By venue`` (``按出处统计``)."""
    name = base_label(by, lang)
    return label("by", lang).format(dim=name.lower() if lang == "en" else name)


def value_label(by: str, value: str | int | None, catalogue: Catalogue, lang: str) -> str:
    """How a value reads: category and section names in ``lang``, years as digits."""
    if by == "category":
        return catalogue.category_label(str(value), lang)
    if by == "section":
        return catalogue.section_label(str(value), lang) if value else label("no_section", lang)
    if by == "year" and value is None:
        return label("no_year_value", lang)
    return "" if value is None else str(value)


# -- plain text ------------------------------------------------------------------------------


def _unbreakable(text: str) -> int:
    """Columns of the widest piece a line cannot break inside: a Latin word, or one CJK character
    (Chinese breaks between any two characters)."""
    return max((cell_width(piece) for piece in _PIECES.findall(text)), default=0)


def aligned(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    """Rows in columns padded with spaces (two between columns); ``right`` columns right-aligned."""
    table = [list(header), *[list(r) for r in rows]]
    widths = [max(cell_width(r[i]) for r in table) for i in range(len(header))]
    lines = []
    for row in table:
        cells = []
        for i, text in enumerate(row):
            pad = " " * (widths[i] - cell_width(text))
            cells.append(pad + text if i in right else text + pad)
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _columns(counts: Counts, lang: str) -> list[str]:
    head = [base_label(counts.by, lang)]
    for view in counts.views:
        head += [label(view, lang) if len(counts.views) > 1 else base_label("count", lang), label("share", lang)]
    return head


def _cells(counts: Counts, catalogue: Catalogue, lang: str) -> list[list[str]]:
    rows = []
    for row in counts.rows:
        cells = [value_label(counts.by, row.value, catalogue, lang)]
        for view in counts.views:
            n = row.count(view)
            cells += [str(n), counts.share(n)]
        rows.append(cells)
    return rows


def counts_text(counts: Counts, catalogue: Catalogue, lang: str) -> str:
    """An aligned plain-text table."""
    return aligned(_columns(counts, lang), _cells(counts, catalogue, lang), right=range(1, 1 + 2 * len(counts.views)))


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|")


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    """A GitHub-flavoured Markdown table."""
    lines = [
        "| " + " | ".join(_md_escape(h) for h in header) + " |",
        "|" + "|".join("---:" if i in right else "---" for i in range(len(header))) + "|",
    ]
    lines += ["| " + " | ".join(_md_escape(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def counts_markdown(counts: Counts, catalogue: Catalogue, lang: str) -> str:
    return markdown_table(
        _columns(counts, lang), _cells(counts, catalogue, lang), right=range(1, 1 + 2 * len(counts.views))
    )


def counts_csv_rows(counts: Counts) -> list[list[Any]]:
    """``value, cited, published`` (the counts in the order of :attr:`Counts.views`)."""
    return [[row.value, *[row.count(v) for v in counts.views]] for row in counts.rows]


def cross_cells(table: Cross, catalogue: Catalogue, lang: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a cross table, with totals; empty cells as ``0``."""
    header = [
        f"{base_label(table.rows_by, lang)} \\ {base_label(table.columns_by, lang)}",
        *[value_label(table.columns_by, c, catalogue, lang) for c in table.column_values],
        label("total", lang),
    ]
    rows = [
        [
            value_label(table.rows_by, r, catalogue, lang),
            *[str(table.count(r, c)) for c in table.column_values],
            str(table.row_total(r)),
        ]
        for r in table.row_values
    ]
    rows.append(
        [
            label("total", lang),
            *[str(table.column_total(c)) for c in table.column_values],
            str(sum(table.column_total(c) for c in table.column_values)),
        ]
    )
    return header, rows


# -- rich ------------------------------------------------------------------------------------


def bar(count: int, largest: int, width: int = BAR_WIDTH) -> str:
    """A bar of whole and eighth blocks, ``width`` cells for ``largest``."""
    if largest <= 0 or count <= 0:
        return ""
    eighths = max(1, round(count / largest * width * 8))
    return "█" * (eighths // 8) + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[eighths % 8]


MIN_BAR = 4
"""Narrowest bar worth drawing; with less room the bars go and the numbers stay."""


class _Fit:
    """How a counts table is drawn in the width it has (see :func:`_fit_counts`)."""

    def __init__(self, columns: list[int], widths: list[int], bar: int, boxed: bool) -> None:
        self.columns = columns  # indices of the text columns kept (the shares may go)
        self.widths = widths  # their widths
        self.bar = bar  # width of the bar column, 0 for none
        self.boxed = boxed  # borders, or columns apart by two spaces


def _fit_counts(header: Sequence[str], rows: Sequence[Sequence[str]], width: int) -> _Fit:
    """Which columns a counts table keeps in ``width`` cells, how wide, and with what.

    Giving way in this order: the bar shrinks (down to :data:`MIN_BAR`), labels and headers wrap
    between words (never inside one; Chinese between any two characters), the bar goes, the share
    columns go (the counts stay), the borders go, and last the headers fold. Numbers are never cut.
    """
    table = [list(header), *[list(r) for r in rows]]
    whole = [max(cell_width(r[i]) for r in table) for i in range(len(header))]
    words = [max(_unbreakable(r[i]) for r in table) for i in range(len(header))]
    data = [max((cell_width(r[i]) for r in rows), default=1) for i in range(len(header))]
    every = list(range(len(header)))
    counts_only = [i for i in every if i == 0 or i % 2 == 1]  # the label, then each view's count

    def room(widths: list[int], boxed: bool = True, bar: bool = True) -> int:
        if boxed:  # borders and padding of the text columns, and of the bar column (pad_edge=False)
            return width - sum(widths) - (3 * len(widths) - 1) - (3 if bar else 0)
        return width - sum(widths) - 2 * (len(widths) - 1)

    for widths in (whole, words):
        if room(widths) >= MIN_BAR:
            return _Fit(every, widths, min(BAR_WIDTH, room(widths)), True)

    def widened(columns: list[int], boxed: bool) -> list[int]:
        # The cells left over go, one at a time, to the columns whose headers or labels wrap most.
        widths = [words[i] for i in columns]
        spare = room(widths, boxed, bar=False)
        while spare > 0:
            short = [(whole[i] - widths[n], -n) for n, i in enumerate(columns) if whole[i] > widths[n]]
            if not short:
                break
            n = -max(short)[1]
            widths[n] += 1
            spare -= 1
        return widths

    if room(words, bar=False) >= 0:
        return _Fit(every, widened(every, True), 0, True)
    kept = [words[i] for i in counts_only]
    if room(kept, bar=False) >= 0:
        return _Fit(counts_only, widened(counts_only, True), 0, True)
    if room(kept, boxed=False) >= 0:
        return _Fit(counts_only, widened(counts_only, False), 0, False)
    # Headers fold inside words; the label column takes what the numbers leave.
    numbers = [max(data[i], 1) for i in counts_only[1:]]
    label_width = max(4, width - sum(numbers) - 2 * len(numbers))
    return _Fit(counts_only, [min(words[0], label_width), *numbers], 0, False)


def counts_rich(
    counts: Counts, catalogue: Catalogue, lang: str, title: str | None = None, width: int | None = None
) -> Any:
    """A rich Table with a bar for the first view, fitted to ``width`` (the console's by default)."""
    from rich.table import Table

    header = _columns(counts, lang)
    rows = _cells(counts, catalogue, lang)
    fit = _fit_counts(header, rows, width or output.console().width)
    table = Table(
        title=title or dimension_title(counts.by, lang), header_style="bold", title_justify="left", pad_edge=False
    )
    if not fit.boxed:
        table.box = None
    widths = dict(zip(fit.columns, fit.widths))
    for i in fit.columns:
        if i == 0:
            table.add_column(header[0], style="cyan", width=widths[0], overflow="fold")
            continue
        view = (i - 1) // 2
        table.add_column(
            header[i], justify="right", style="dim" if view and i % 2 == 0 else None, width=widths[i], overflow="fold"
        )
        if i == 2 and fit.bar:  # the first view's bar, after its share
            table.add_column("", style="green" if counts.views[0] == "cited" else "blue", no_wrap=True, width=fit.bar)
    largest = max((r.count(counts.primary) for r in counts.rows), default=0)
    for row, cells in zip(counts.rows, rows):
        drawn = [cells[i] for i in fit.columns]
        if fit.bar:
            drawn.insert(fit.columns.index(2) + 1, bar(row.count(counts.primary), largest, fit.bar))
        table.add_row(*drawn)
    return table


def cross_rich(table: Cross, catalogue: Catalogue, lang: str, width: int | None = None) -> Any:
    """A rich Table of a cross table; zeros dimmed, totals bold."""
    from rich.table import Table
    from rich.text import Text

    header, rows = cross_cells(table, catalogue, lang)
    title = label("cross", lang).format(
        rows=base_label(table.rows_by, lang), columns=base_label(table.columns_by, lang)
    )
    if {table.rows_by, table.columns_by} & {"venue", "year"}:
        which = "as_cited" if table.view == "cited" else "as_published"
        title += label("note", lang).format(text=label(which, lang))
    width = width or output.console().width
    # Long names wrap between words, never inside one ("Autoregres/sive"), where that fits.
    widths = [_longest_word([r[0] for r in rows]), *[_longest_word([name]) for name in header[1:]]]
    numbers = [max(cell_width(r[i]) for r in rows) for i in range(1, len(header))]
    if sum(widths) + 3 * len(widths) - 1 <= width:
        grid = Table(title=title, header_style="bold", title_justify="left", pad_edge=False)
    else:
        # Narrow: no rules between columns, one space apart, years as '13 (or 13), the first
        # column's name under the table's title rather than above a narrow column.
        from rich import box

        if table.columns_by == "year":
            short = [f"'{str(c)[-2:]}" for c in table.column_values]
            compact = [
                max(_longest_word([r[0] for r in rows]), 1),
                *[max(3, n) for n in numbers[:-1]],
                max(numbers[-1], cell_width(header[-1])),
            ]
            if sum(compact) + len(compact) - 1 > width:
                short = [s[1:] for s in short]
            header = [header[0], *short, header[-1]]
        grid = Table(
            title=title,
            header_style="bold",
            title_justify="left",
            pad_edge=False,
            box=box.SIMPLE_HEAD,
            padding=(0, 0),
            show_edge=False,
            collapse_padding=True,
        )
        widths = [_longest_word([r[0] for r in rows]), *[max(cell_width(h), n) for h, n in zip(header[1:], numbers)]]
        header = ["", *header[1:]]
        # Numbers are never cut: where even this is too wide, the names give way.
        widths[0] = max(4, min(widths[0], width - sum(widths[1:]) - len(widths) + 1))
    grid.add_column(header[0], style="cyan", min_width=widths[0], overflow="fold")
    for name, least in zip(header[1:], widths[1:]):
        grid.add_column(name, justify="right", min_width=least, overflow="fold", no_wrap=True)
    for i, row in enumerate(rows):
        last = i == len(rows) - 1
        cells = [c if c != "0" else Text("·", style="dim") for c in row[1:-1]]
        grid.add_row(
            row[0], *cells, Text(row[-1], style="bold"), end_section=i == len(rows) - 2, style="bold" if last else None
        )
    return grid


def _longest_word(texts: Sequence[str]) -> int:
    return min(24, max((cell_width(w) for t in texts for w in t.split()), default=1))


def overview_rich(view: Overview, catalogue: Catalogue, lang: str, heading: str) -> None:
    """Print the overview: heading, highlights, then the venue and year tables."""
    from rich.table import Table
    from rich.text import Text

    from .cjkwrap import has_cjk, wrap
    from .paper_table import clip

    console = output.console()
    console.print(Text(clip(heading, 600), style="bold"))
    if view.highlights:
        console.print()
        console.print(Text(label("highlights", lang), style="bold"))
        # A grid, so that a long highlight wraps under its own text, not back to column 0.
        points = Table.grid(padding=(0, 1))
        points.add_column(no_wrap=True)
        points.add_column()
        for item in view.highlights:
            text = clip(item.text(lang), 600)  # a huge title, cut
            if has_cjk(text):  # break between Chinese characters, not only at spaces
                text = "\n".join(wrap(text, console.width - 4))
            points.add_row("  •", Text(text))
        console.print(points)
    console.print()
    console.print(counts_rich(view.venue, catalogue, lang))
    console.print()
    console.print(counts_rich(view.year, catalogue, lang))
