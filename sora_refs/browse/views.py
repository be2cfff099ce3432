"""The other views of the papers listed: the mind map, statistics and the timeline.

Each follows the current query and filters; each is drawn only when shown (and again when the
filters change while it is shown), never on every keystroke in the list.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.message import Message
from textual.widgets import Tree

from ..grouping import lanes, mind_map
from . import labels
from .model import STATUSES, UNMARKED
from .paperlist import STATUS_MARKS
from .safe import one_line

if TYPE_CHECKING:
    from textual.widgets.tree import TreeNode

    from ..catalogue import Catalogue
    from ..models import Paper

BAR = "█"
PART = " ▏▎▍▌▋▊▉"
PER_NODE = 200
"""Papers shown under one mind-map node before a "… more" line (the rest are in the list)."""


class MindMap(Tree[int]):
    """Sections, categories, papers; choosing a paper shows it in the list."""

    class PaperChosen(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def fill(self, catalogue: Catalogue, papers: Sequence[Paper], positions: dict[int, int], lang: str) -> None:
        """The tree of ``papers`` (``positions``: id(paper) -> its position in the catalogue)."""
        self.clear()
        self.root.set_label(Text(f"{one_line(catalogue.info.title)} ({len(papers)})", style="bold"))
        groups = mind_map(papers, catalogue)
        for section, categories in groups:
            parent: TreeNode[int] = self.root
            if section is not None or len(groups) > 1:
                count = sum(len(g) for _, g in categories)
                name = catalogue.section_label(section, lang) if section else labels.text("none", lang)
                parent = self.root.add(Text.assemble((one_line(name), "bold"), f" ({count})"), expand=True)
            for category, group in categories:
                node = parent.add(
                    Text.assemble(one_line(catalogue.category_label(category, lang)), (f" ({len(group)})", "dim")),
                    expand=len(papers) <= 400,
                )
                for paper in group[:PER_NODE]:
                    ref = f"[{paper.ref}] " if paper.ref is not None else ""
                    node.add_leaf(
                        Text.assemble(
                            (ref, "bold"),
                            _short(one_line(paper.title)),
                            (f" {paper.year}" if paper.year is not None else "", "dim"),
                        ),
                        data=positions[id(paper)],
                    )
                if len(group) > PER_NODE:
                    node.add_leaf(Text(f"… +{len(group) - PER_NODE}", style="dim"))
        self.root.expand()

    def on_tree_node_selected(self, event: Tree.NodeSelected[int]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(self.PaperChosen(event.node.data))


def _short(title: str, width: int = 60) -> str:
    head, colon, _ = title.partition(":")
    if colon and 2 <= len(head) <= 40:
        return head.strip()
    return title if len(title) <= width else title[: width - 1].rstrip() + "…"


def _bars(title: str, counts: Sequence[tuple[str, int]], width: int) -> Table:
    """A bar chart: one row per value, bars scaled to the largest count."""
    table = Table(
        title=title,
        title_justify="left",
        title_style="bold",
        box=None,
        show_header=False,
        padding=(0, 1),
        pad_edge=False,
    )
    table.add_column(no_wrap=True, max_width=max(8, width // 3), overflow="ellipsis")
    table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True)
    largest = max((n for _, n in counts), default=0) or 1
    name_width = min(max((len(n) for n, _ in counts), default=4), max(8, width // 3))
    room = max(4, width - name_width - 10)
    for name, number in counts:
        eighths = round(number * room * 8 / largest)
        bar = BAR * (eighths // 8) + (PART[eighths % 8] if eighths % 8 else "")
        table.add_row(Text(one_line(name)), str(number), Text(bar, style="bold cyan"))  # a name is never markup
    return table


def statistics(catalogue: Catalogue, papers: Sequence[Paper], status_of, lang: str, width: int) -> Group:  # noqa: ANN001
    """Bars by year, category, venue and reading status for ``papers`` (the list as filtered)."""
    total = Text(f"{len(papers)} {labels.text('papers', lang)}", style="bold")
    years = Counter(p.year for p in papers if p.year is not None)
    by_year = [(str(y), years[y]) for y in range(min(years), max(years) + 1)] if years else []
    undated = sum(p.year is None for p in papers)
    if undated:  # a bar of their own, named in words, after the years
        by_year.append((labels.text("no_year", lang), undated))
    categories = Counter(p.category for p in papers)
    by_category = [
        (catalogue.category_label(c, lang), categories[c])
        for c in [*catalogue.category_ids(), *sorted(set(categories) - set(catalogue.category_ids()))]
        if categories.get(c)
    ]
    venues = Counter(p.venue for p in papers if p.venue).most_common(15)
    parts: list = [total, Text("")]
    parts += [_bars(labels.text("by_year", lang), by_year, width), Text("")]
    parts += [_bars(labels.text("by_category", lang), by_category, width), Text("")]
    parts += [_bars(labels.text("by_venue", lang), venues, width)]
    statuses = Counter(status_of(p.key) or UNMARKED for p in papers)
    if set(statuses) != {UNMARKED}:
        parts += [
            Text(""),
            _bars(
                labels.text("by_status", lang),
                [
                    (f"{STATUS_MARKS.get(s, ' ')} {labels.text(s, lang)}", statuses[s])
                    for s in (*STATUSES, UNMARKED)
                    if statuses.get(s)
                ],
                width,
            ),
        ]
    return Group(*parts)


def timeline(catalogue: Catalogue, papers: Sequence[Paper], lang: str, width: int) -> Table | Text:
    """One lane per category, one column per year; cells hold ref numbers (● without one)."""
    groups = lanes(papers, catalogue)
    if not groups:
        return Text(labels.text("no_results", lang))
    every = [y for _, years in groups for y in years if y is not None]
    span = range(min(every), max(every) + 1) if every else range(0)
    undated = any(None in years for _, years in groups)
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, padding=(0, 0))
    table.add_column(labels.field("category", lang), no_wrap=True, style="bold")
    lane = max(len(catalogue.category_label(i, lang)) for i, _ in groups)
    short = lane + 2 + len(span) * 5 > width
    for year in span:
        table.add_column(f"'{year % 100:02d}" if short else str(year), justify="center", min_width=2)
    if undated:  # papers with no year: a column of their own after the years
        table.add_column(labels.text("no_year", lang), justify="center", min_width=2)
    for ident, years in groups:
        dated = [y for y in years if y is not None]
        first, last = (min(dated), max(dated)) if dated else (0, 0)
        cells: list[Text | str] = []
        for year in span:
            if year in years:
                group = years[year]
                marks = [str(p.ref) if p.ref is not None else "●" for p in group[:6]]
                if len(group) > 6:
                    marks.append(f"+{len(group) - 6}")
                cells.append(Text("\n".join(marks)))
            elif first < year < last:
                cells.append(Text("──", style="dim"))
            else:
                cells.append("")
        if undated:
            group = years.get(None, [])
            marks = [str(p.ref) if p.ref is not None else "●" for p in group[:6]]
            if len(group) > 6:
                marks.append(f"+{len(group) - 6}")
            cells.append(Text("\n".join(marks)))
        table.add_row(Text(one_line(catalogue.category_label(ident, lang))), *cells)
    return table
