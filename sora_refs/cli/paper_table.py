"""Lists of papers drawn to fit the terminal: the title first, the other columns as room allows.

Both ``list`` and ``search`` draw through here. From a wide terminal down, the columns give way
in this order: authors shorten to the first author, category names wrap between words, authors
go, then the cited-venue detail (``ICLR (arXiv 2017)`` -> ``ICLR``), then the category. The
detail outlives the authors because it is what this catalogue adds to a plain reference list.
Below :data:`COMPACT_BELOW` columns, or when the title still lacks :data:`MIN_TITLE` cells, each
paper takes two lines or more: ref, year and title, then a dim line of authors, venue and category.

rich is imported only inside the functions that draw.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

MIN_TITLE = 30
"""Fewest cells a title column gets in the table layout; with less, the compact layout is used."""

AUTHORS_MAX = 24
"""Widest authors column; longer names end in an ellipsis."""

FIRST_AUTHOR_MAX = 18
"""Widest authors column once shortened to the first author (``Sohl-Dickstein …``)."""

COMPACT_BELOW = 70
"""Terminals narrower than this get the compact layout."""

CELL_MAX = 300
"""Longest text drawn in one cell; beyond it, the text is cut with an ellipsis. A title of 10 MB
would otherwise be wrapped into 100,000 lines, which takes rich nearly a minute."""


def clip(text: str, limit: int = CELL_MAX) -> str:
    """``text`` cut to at most ``limit`` characters (an ellipsis marks the cut); a Unicode line or
    paragraph separator is a space in a cell."""
    if "\u2028" in text or "\u2029" in text:
        text = text.replace("\u2028", " ").replace("\u2029", " ")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Row:
    """One paper as the table shows it; strings are already clipped."""

    ref: str
    title: Any
    """A str or a rich Text (highlighted search words, an explanation under it)."""
    authors: Any
    """Up to two family names, or ``Vaswani et al.`` (str or Text)."""
    first_author: Any
    """The first author's family name, with ``et al.`` when there are more (str or Text)."""
    venue: str
    detail: str
    """`` (arXiv 2017)``: where the report cites a paper differently; may be empty."""
    year: str
    category: Any
    score: str = ""


@dataclass(frozen=True)
class Headers:
    ref: str
    title: str
    authors: str
    venue: str
    year: str
    category: str
    score: str = ""


@dataclass(frozen=True)
class Layout:
    """Which columns a table shows and how (None for the compact layout)."""

    authors: str = "full"
    """``full``, ``first`` or ``none``."""
    category: str = "full"
    """``full``, ``wrapped`` (at most the longest word wide) or ``none``."""
    detail: bool = True
    """Whether the venue keeps its cited-as detail."""
    title_width: int = 0
    authors_width: int = 0
    category_width: int = 0


STEPS: tuple[dict[str, Any], ...] = (
    {"authors": "first"},
    {"category": "wrapped"},
    {"authors": "none"},
    {"detail": False},
    {"category": "none"},
)
"""What gives way, in order, when the title lacks room."""


def _plain(value: Any) -> str:
    return value if isinstance(value, str) else value.plain


def _width(values: Sequence[Any], header: str) -> int:
    from rich.cells import cell_len

    return max(
        [cell_len(header)] + [max((cell_len(line) for line in _plain(v).split("\n")), default=0) for v in values]
    )


def _longest_word(values: Sequence[Any], header: str) -> int:
    from rich.cells import cell_len

    return max([cell_len(header)] + [cell_len(word) for v in values for word in _plain(v).split()])


def plan(rows: Sequence[Row], headers: Headers, width: int) -> Layout | None:
    """The layout that gives the title the most it needs, or None when only the compact one fits."""
    if width < COMPACT_BELOW or not rows:
        return None if rows else Layout()
    from rich.cells import cell_len

    longest_title = max(cell_len(line) for r in rows for line in _plain(r.title).split("\n"))
    goal = min(max(longest_title, cell_len(headers.title)), max(MIN_TITLE, int(width * 0.45)))
    fixed = [_width([r.ref for r in rows], headers.ref), _width([r.year for r in rows], headers.year)]
    if any(r.score for r in rows):
        fixed.append(_width([r.score for r in rows], headers.score))
    sizes = {
        ("authors", "full"): min(AUTHORS_MAX, _width([r.authors for r in rows], headers.authors)),
        ("authors", "first"): min(FIRST_AUTHOR_MAX, _width([r.first_author for r in rows], headers.authors)),
        ("category", "full"): _width([r.category for r in rows], headers.category),
        ("category", "wrapped"): _longest_word([r.category for r in rows], headers.category),
        ("detail", True): _width([r.venue + r.detail for r in rows], headers.venue),
        ("detail", False): _width([r.venue for r in rows], headers.venue),
    }
    if sizes[("authors", "first")] >= sizes[("authors", "full")]:
        sizes[("authors", "first")] = sizes[("authors", "full")]  # nothing to gain: keep both names
    layout = Layout()
    candidates = [layout]
    for step in STEPS:
        layout = replace(layout, **step)
        candidates.append(layout)
    for layout in candidates:
        others = list(fixed)
        for name in ("authors", "category", "detail"):
            value = getattr(layout, name)
            if value != "none":
                others.append(sizes[(name, value)])
        columns = len(others) + 1
        # Borders and padding: one rule per column and one more, a space each side of a cell
        # but the outer two (pad_edge=False).
        room = width - sum(others) - (3 * columns - 1)
        if room >= goal or (layout is candidates[-1] and room >= MIN_TITLE):
            return replace(
                layout,
                title_width=min(room, max(longest_title, cell_len(headers.title))),
                authors_width=sizes.get(("authors", layout.authors), 0),
                category_width=sizes.get(("category", layout.category), 0),
            )
    return None


def draw(rows: Sequence[Row], headers: Headers, caption: str, width: int) -> Any:
    """A rich renderable for ``rows``: a table that fits ``width``, or the compact layout."""
    layout = plan(rows, headers, width)
    if layout is None:
        return _compact(rows, caption, width)
    return _table(rows, headers, caption, layout)


def _table(rows: Sequence[Row], headers: Headers, caption: str, layout: Layout) -> Any:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=caption, header_style="bold", expand=False, pad_edge=False)
    scored = any(r.score for r in rows)
    if scored:
        table.add_column(headers.score, justify="right", style="green", no_wrap=True)
    table.add_column(headers.ref, justify="right", style="cyan", no_wrap=True)
    table.add_column(headers.title, overflow="fold", width=layout.title_width)
    if layout.authors != "none":
        table.add_column(headers.authors, no_wrap=True, overflow="ellipsis", width=layout.authors_width)
    table.add_column(headers.venue, no_wrap=True)
    table.add_column(headers.year, justify="right", no_wrap=True)
    if layout.category != "none":
        table.add_column(headers.category, style="magenta", overflow="fold", width=layout.category_width)
    for row in rows:
        venue = Text(row.venue)
        if layout.detail and row.detail:
            venue.append(row.detail, style="dim")
        cells: list[Any] = [row.score] if scored else []
        cells += [row.ref, row.title]
        if layout.authors != "none":
            shorter = layout.authors == "first" and layout.authors_width < _width([r.authors for r in rows], "")
            cells.append(row.first_author if shorter else row.authors)
        cells += [venue, row.year]
        if layout.category != "none":
            cells.append(row.category)
        table.add_row(*cells)
    return table


def _compact(rows: Sequence[Row], caption: str, width: int) -> Any:
    """Ref, year and title on the first line, authors · venue · category dim under the title."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1), pad_edge=False)
    scored = any(r.score for r in rows)
    if scored:
        grid.add_column(justify="right", style="green", no_wrap=True)
    grid.add_column(justify="right", style="cyan", no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for row in rows:
        body = Text()
        body.append_text(row.title if isinstance(row.title, Text) else Text(row.title))
        meta = Text(style="dim")
        for part in (row.authors, row.venue + row.detail, row.category):
            if _plain(part):
                if meta.plain:
                    meta.append(" · ")
                meta.append_text(part if isinstance(part, Text) else Text(part))
        body.append("\n")
        body.append_text(meta)
        grid.add_row(*([row.score] if scored else []), row.ref, row.year, body)
    return Group(Text(caption, style="italic", overflow="fold"), grid)
