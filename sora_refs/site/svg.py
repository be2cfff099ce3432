"""Geometry of the page's pictures: the mind map and the venue and year bars.

Only numbers and plain strings come out of here; the templates turn them into SVG, so every
string from the catalogue still passes through the templates' escaping.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..models import Paper
from ..stats import Counts

if TYPE_CHECKING:
    from ..catalogue import Catalogue

PALETTE: tuple[str, ...] = (
    "#4e79a7",
    "#e15759",
    "#59a14f",
    "#b07aa1",
    "#f28e2b",
    "#76b7b2",
    "#9c755f",
    "#edc948",
    "#ff9da7",
    "#8cd17d",
    "#86bcb6",
    "#d37295",
)
"""Category colours (Tableau 10 and friends: distinct, readable on light and dark)."""

FONT_PX = 13
"""Font size of the pictures' text; widths below are estimated from it."""


INK = "#0c0f13"
"""Dark text on light boxes: near black, so that mid-tone boxes (the GAN red) still reach 4.5:1."""


def ink_for(color: str) -> str:
    """:data:`INK` on light colours (yellow, pink), white on dark ones: WCAG relative luminance."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    # Contrast against white vs against the dark ink; pick the larger.
    return "#ffffff" if (1.05 / (luminance + 0.05)) >= ((luminance + 0.05) / 0.0546) else INK


def text_width(text: str, size: float = FONT_PX) -> float:
    """Rough rendered width of ``text``: CJK characters are square, Latin ones about 0.58 em."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else size * 0.56 for ch in text)


def fit(text: str, width: float, size: float = FONT_PX) -> str:
    """``text`` cut with an ellipsis so that it fits ``width`` pixels."""
    if text_width(text, size) <= width:
        return text
    out = ""
    for ch in text:
        if text_width(out + ch + "…", size) > width:
            break
        out += ch
    return out.rstrip() + "…"


def wrap(text: str, width: float, lines: int = 2, size: float = FONT_PX) -> list[str]:
    """``text`` broken between words (or between CJK characters) into at most ``lines`` lines."""
    units: list[str] = []
    for word in text.split(" "):
        if any(unicodedata.east_asian_width(ch) in "WF" for ch in word):
            units.extend(word)  # CJK: any character may end a line
        else:
            units.append(word + " ")
    result: list[str] = []
    current = ""
    for unit in units:
        if current and text_width((current + unit).rstrip(), size) > width:
            result.append(current.rstrip())
            current = ""
        current += unit
    if current.strip():
        result.append(current.rstrip())
    if len(result) > lines:
        result = result[: lines - 1] + [" ".join(result[lines - 1 :])]
    return [fit(line, width, size) for line in result]


@dataclass
class Node:
    """A box of the mind map: the root, a section or a category."""

    x: float
    y: float
    width: float
    height: float
    lines: dict[str, list[str]]
    """Text lines by language (the same in both where the catalogue has one name)."""
    color: str
    kind: str

    @property
    def ink(self) -> str:
        """Dark or white text, whichever reads better on the box's colour."""
        return ink_for(self.color)


@dataclass
class Leaf:
    """A paper at the right edge of the mind map."""

    x: float
    y: float
    key: str
    label: str
    title: str
    color: str


@dataclass
class MindMapPicture:
    width: float
    height: float
    nodes: list[Node] = field(default_factory=list)
    leaves: list[Leaf] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    """(SVG path data, colour) of the connecting curves."""


ROW = 24
SECTION_GAP = 14
COLUMNS = {"root": (8, 150), "section": (186, 196), "category": (410, 150), "leaf": (590, 420)}
LEAF_FONT_PX = 12.5


def _curve(x1: float, y1: float, x2: float, y2: float) -> str:
    middle = (x1 + x2) / 2
    return f"M{x1:.1f},{y1:.1f} C{middle:.1f},{y1:.1f} {middle:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"


def _lines(labels: dict[str, str], width: float) -> dict[str, list[str]]:
    return {lang: wrap(label, width - 16) for lang, label in labels.items()}


def category_colors(catalogue: Catalogue, papers: Sequence[Paper]) -> dict[str, str]:
    """A colour per category id, in the catalogue's order (stable whatever the filter)."""
    ids = list(dict.fromkeys([*catalogue.category_ids(), *(p.category for p in papers)]))
    return {ident: PALETTE[i % len(PALETTE)] for i, ident in enumerate(ids)}


def short_authors(paper: Paper, et_al: str = "et al.") -> str:
    """``Srivastava et al.``, ``Ho and Salimans``: how a leaf names its authors."""
    from ..names import short_authors as short  # two names at most: a leaf is narrow

    return short(paper.authors, most=2, et_al=et_al, joiner=" & ")


def mind_map(
    groups: list[tuple[str | None, list[tuple[str, list[Paper]]]]],
    catalogue: Catalogue,
    labels: dict[str, dict[str, str]],
    colors: dict[str, str],
) -> MindMapPicture:
    """Lay out :func:`sora_refs.grouping.mind_map` as a tree from left to right, one row per paper.

    ``labels`` holds the root's and ``(no section)``'s names by language. A box that needs more
    height than its papers' rows gets extra rows, so that boxes never overlap.
    """
    picture = MindMapPicture(width=COLUMNS["leaf"][0] + COLUMNS["leaf"][1], height=0)
    y = 12.0
    section_centres: list[float] = []
    for section, categories in groups:
        planned = []
        for category, papers in categories:
            names = {lang: catalogue.category_label(category, lang) for lang in labels}
            lines = _lines(names, COLUMNS["category"][1])
            height = 10 + 16 * max(len(v) for v in lines.values())
            rows = max(len(papers), math.ceil((height + 6) / ROW))
            planned.append((category, papers, lines, height, rows))
        names = (
            {lang: catalogue.section_label(section, lang) for lang in labels}
            if section is not None
            else {lang: labels[lang]["no_section"] for lang in labels}
        )
        section_lines = _lines(names, COLUMNS["section"][1])
        section_height = 10 + 16 * max(len(v) for v in section_lines.values())
        block = sum(rows for *_, rows in planned) * ROW
        y += max(0.0, (section_height + 6 - block) / 2)
        category_nodes: list[Node] = []
        for category, papers, lines, height, rows in planned:
            top = y + (rows - len(papers)) * ROW / 2
            centres = [top + i * ROW + ROW / 2 for i in range(len(papers))]
            centre = y + rows * ROW / 2
            color = colors.get(category, PALETTE[0])
            x, width = COLUMNS["category"]
            node = Node(x, centre - height / 2, width, height, lines, color, "category")
            picture.nodes.append(node)
            category_nodes.append(node)
            leaf_x = COLUMNS["leaf"][0]
            for paper, row in zip(papers, centres):
                picture.links.append((_curve(x + width, centre, leaf_x, row), color))
                ref = f"[{paper.ref}] " if paper.ref is not None else ""
                when = f" {paper.year}" if paper.year is not None else ""  # no year: none shown
                head = f"{ref}{short_authors(paper)}{when} · "
                room = COLUMNS["leaf"][1] - 16 - text_width(head, LEAF_FONT_PX)
                label = head + fit(paper.title, room, LEAF_FONT_PX)
                picture.leaves.append(Leaf(leaf_x + 8, row, paper.key, label, paper.title, color))
            y += rows * ROW
        y += max(0.0, (section_height + 6 - block) / 2)
        centres = [n.y + n.height / 2 for n in category_nodes]
        centre = (centres[0] + centres[-1]) / 2
        x, width = COLUMNS["section"]
        picture.nodes.append(
            Node(x, centre - section_height / 2, width, section_height, section_lines, "#5f6b7a", "section")
        )
        for node in category_nodes:
            picture.links.append((_curve(x + width, centre, node.x, node.y + node.height / 2), node.color))
        section_centres.append(centre)
        y += SECTION_GAP
    picture.height = max(y, 60.0)
    if section_centres:
        centre = (section_centres[0] + section_centres[-1]) / 2
        x, width = COLUMNS["root"]
        lines = _lines({lang: labels[lang]["root"] for lang in labels}, width)
        height = 12 + 16 * max(len(v) for v in lines.values())
        picture.nodes.insert(0, Node(x, centre - height / 2, width, height, lines, "#2f3b4a", "root"))
        for node in picture.nodes:
            if node.kind == "section":
                picture.links.insert(0, (_curve(x + width, centre, node.x, node.y + node.height / 2), "#8a94a3"))
    return picture


@dataclass
class Bar:
    """One value of a bar chart and its bars, one per view."""

    label: str
    counts: list[int]
    lengths: list[float]


@dataclass
class BarChart:
    """Bars of one :class:`~sora_refs.stats.Counts`, in pixels."""

    views: tuple[str, ...]
    bars: list[Bar]
    width: float
    height: float
    largest: int
    column: float = 0.0
    """Year columns: pixels from one column's left edge to the next of the same year."""
    step: float = 0.0
    """Year columns: pixels from one year to the next."""


BAR_LENGTH = 300.0
"""Pixels of the longest horizontal bar."""
COLUMN_HEIGHT = 150.0
"""Pixels of the tallest year column."""
COLUMN = 15.0
"""Pixels per year column (the column and a small gap)."""
YEAR_GAP = 14.0
"""Pixels between the columns of one year and the next."""


def bar_chart(counts: Counts, *, horizontal: bool) -> BarChart:
    """Venue bars (``horizontal``) or year columns for ``counts``, both views side by side."""
    views = counts.views
    largest = max((row.count(v) for row in counts.rows for v in views), default=0) or 1
    scale = BAR_LENGTH if horizontal else COLUMN_HEIGHT
    bars = [
        Bar(
            "" if row.value is None else str(row.value),
            [row.count(v) for v in views],
            [round(row.count(v) / largest * scale, 1) for v in views],
        )
        for row in counts.rows
    ]
    if horizontal:
        width, height = 120 + BAR_LENGTH + 40, 8 + len(bars) * (10 + 11 * len(views))
        return BarChart(views, bars, width, height, largest)
    step = YEAR_GAP + COLUMN * len(views)
    return BarChart(views, bars, 40 + len(bars) * step, COLUMN_HEIGHT + 44, largest, COLUMN, step)
