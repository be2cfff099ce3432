"""Counting papers: tables by one dimension and cross tables.

Pure data, no I/O: the command line (``sora-refs stats``) and Python users share it.

Venue and year have two views where papers carry ``cited`` data: as the citing document
(the Sora report) gives them, and as published. Every other dimension has one view.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from ..errors import UsageError
from ..models import Paper
from ..query import fold_venue
from ..suggest import hint
from ..text import fold

if TYPE_CHECKING:
    from ..catalogue import Catalogue

DIMENSIONS: tuple[str, ...] = ("venue", "year", "category", "section", "author", "type", "status")
"""What papers can be counted by."""

CITABLE: frozenset[str] = frozenset({"venue", "year"})
"""Dimensions that differ between the cited and the published view."""

VIEWS: tuple[str, ...] = ("both", "cited", "published")
"""Which counts a table holds: both side by side, or only one."""

Value = str | int | None


def percent(numerator: int, denominator: int) -> float:
    """``numerator`` as a percentage of ``denominator``, to two decimals (0 for an empty list)."""
    if not denominator:
        return 0.0
    exact = Decimal(numerator) * 100 / Decimal(denominator)
    return float(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def format_percent(numerator: int, denominator: int) -> str:
    """``37.5%``, ``56.3%``, ``25%``: one decimal, rounded half up, no trailing ``.0``."""
    if not denominator:
        return "0%"
    exact = Decimal(numerator) * 100 / Decimal(denominator)
    text = str(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    return (text[:-2] if text.endswith(".0") else text) + "%"


def values_of(paper: Paper, by: str, cited: bool = False, statuses: Mapping[str, Any] | None = None) -> list[Value]:
    """What ``paper`` counts as under dimension ``by`` (several values for ``author``).

    ``status`` is the reader's (``statuses``: key -> status, from the personal layer), ``unmarked``
    for a paper without one.
    """
    if by == "status":
        status = (statuses or {}).get(paper.key)
        return [str(status) if status is not None else "unmarked"]
    if by == "venue":
        return [paper.venue_as(cited)]
    if by == "year":
        return [paper.year_as(cited)]
    if by == "category":
        return [paper.category]
    if by == "section":
        return [paper.section]
    if by == "author":
        # An author listed twice on one paper still wrote one paper.
        return list(dict.fromkeys(paper.authors))
    if by == "type":
        return [paper.type.value]
    raise UsageError(_unknown_dimension(by))


def _unknown_dimension(by: str) -> str:
    return f"cannot count by {by!r}; " + hint(by, DIMENSIONS, otherwise="expected one of " + ", ".join(DIMENSIONS))


def check_dimension(by: str) -> str:
    """``by`` if it is one of :data:`DIMENSIONS`, else :class:`UsageError` with a did-you-mean."""
    if by not in DIMENSIONS:
        raise UsageError(_unknown_dimension(by))
    return by


def has_cited(papers: Iterable[Paper]) -> bool:
    """True when at least one paper carries citation data."""
    return any(p.cited is not None for p in papers)


@dataclass(frozen=True)
class Row:
    """One value of a dimension and how many papers have it."""

    value: Value
    """The venue, year (None: no year), category id, section id (None: no section), author or type."""
    published: int
    """Papers with this value as published (the only count for non-citable dimensions)."""
    cited: int | None = None
    """Papers with this value as cited; None where the view does not apply."""

    def count(self, view: str) -> int:
        """The count in ``view`` ("cited" falls back to published where there is no cited count)."""
        return self.cited if view == "cited" and self.cited is not None else self.published


@dataclass(frozen=True)
class Counts:
    """Papers counted by one dimension, in one or both views."""

    by: str
    """The dimension."""
    total: int
    """How many papers were counted (the denominator of every share)."""
    rows: tuple[Row, ...]
    """Sorted by count (the cited view first where shown), years chronologically."""
    views: tuple[str, ...]
    """The views the rows hold: ``("cited", "published")``, ``("published",)`` or ``("cited",)``."""
    dimensions: ClassVar[tuple[str, ...]] = DIMENSIONS
    """What papers can be counted by."""

    @property
    def primary(self) -> str:
        """The view shares and sorting follow."""
        return self.views[0]

    def as_dict(self) -> dict[str, Any]:
        """``{"by": ..., "total": ..., "rows": [{"value": ..., "cited": ..., "published": ...}]}``.

        ``cited`` is present only where the view is shown; for dimensions with one view the
        count is under ``published`` alone, so readers of the contract find it in one place.
        """
        rows = []
        for row in self.rows:
            item: dict[str, Any] = {"value": row.value}
            if "cited" in self.views:
                item["cited"] = row.cited
            if "published" in self.views:
                item["published"] = row.published
            rows.append(item)
        return {"by": self.by, "total": self.total, "rows": rows}

    def share(self, count: int) -> str:
        """``count`` papers as a share of :attr:`total`, as the tables show it: ``37.5%``, ``25%``."""
        return format_percent(count, self.total)

    def status_sentence(self) -> str:
        """``12 of 32 read`` (and how many are being read or waiting), for counts by status."""
        return read_sentence(self)


def _views_for(by: str, view: str, cited_data: bool) -> tuple[str, ...]:
    if view not in VIEWS:
        raise UsageError(f"unknown view {view!r}; expected one of {', '.join(VIEWS)}")
    if by not in CITABLE or not cited_data:
        return ("published",)
    return {"both": ("cited", "published"), "cited": ("cited",), "published": ("published",)}[view]


def _merge_venues(
    published: Counter[Value], cited: Counter[Value] | None
) -> tuple[Counter[Value], Counter[Value] | None]:
    spellings: dict[str, Counter[str]] = {}
    for counter in (published, cited or Counter()):
        for name, n in counter.items():
            spellings.setdefault(fold_venue(str(name)), Counter())[str(name)] += n
    canonical = {name: max(sorted(names), key=lambda x: names[x]) for names in spellings.values() for name in names}

    def merge(counter: Counter[Value]) -> Counter[Value]:
        merged: Counter[Value] = Counter()
        for name, n in counter.items():
            merged[canonical[str(name)]] += n
        return merged

    return merge(published), merge(cited) if cited is not None else None


STATUS_ORDER: tuple[str, ...] = ("read", "reading", "to-read", "unmarked")
"""How ``--by status`` lists the reading statuses."""


def _statuses(papers: Sequence[Paper], catalogue: Catalogue | None) -> Mapping[str, Any]:
    """The reader's statuses of ``papers`` (none without a catalogue to find the personal layer by)."""
    if catalogue is None:
        return {}
    return catalogue.personal().statuses(p.key for p in papers)


def read_sentence(counts: Counts) -> str:
    """``12 of 32 read`` (and how many are being read or waiting), for ``--by status``."""
    found = {str(r.value): r.published for r in counts.rows}
    text = f"{found.get('read', 0)} of {counts.total} read"
    rest = [f"{found[s]} {s}" for s in ("reading", "to-read") if found.get(s)]
    return text + (f" ({', '.join(rest)})" if rest else "")


def _catalogue_order(by: str, catalogue: Catalogue | None) -> dict[Value, int]:
    if catalogue is None:
        return {}
    if by == "category":
        return {ident: i for i, ident in enumerate(catalogue.category_ids())}
    if by == "section":
        return {ident: i for i, ident in enumerate(catalogue.section_ids())}
    return {}


def count_by(
    papers: Sequence[Paper], by: str, *, view: str = "both", catalogue: Catalogue | None = None, fill_years: bool = True
) -> Counts:
    """Count ``papers`` by ``by`` in ``view`` ("both", "cited" or "published").

    Rows are sorted by count, most first; ties follow the catalogue's order of categories and
    sections, or the alphabet. Years run chronologically and, with ``fill_years``, every year
    inside the span appears, empty ones as zero.
    """
    check_dimension(by)
    views = _views_for(by, view, has_cited(papers))
    statuses = _statuses(papers, catalogue) if by == "status" else None
    published = Counter(v for p in papers for v in values_of(p, by, False, statuses))
    cited = Counter(v for p in papers for v in values_of(p, by, True, statuses)) if "cited" in views else None
    if by == "venue":
        # "NIPS" and "NeurIPS", "arxiv" and "arXiv" are one venue, shown as most papers spell it.
        published, cited = _merge_venues(published, cited)
    shown: set[Value] = set()
    if "published" in views:
        shown |= set(published)
    if cited is not None:
        shown |= set(cited)
    if by == "year" and fill_years and shown:
        years = [int(y) for y in shown if y is not None]
        if years:
            shown |= set(range(min(years), max(years) + 1))
    if by == "status":
        shown |= set(STATUS_ORDER)
    rows = [Row(v, published.get(v, 0), cited.get(v, 0) if cited is not None else None) for v in shown]
    primary = views[0]
    if by == "year":
        rows.sort(key=lambda r: (r.value is None, int(r.value or 0)))  # "no year" last
    elif by == "status":  # reading order, every status shown: "12 of 32 read" needs the zeros too
        rows.sort(key=lambda r: STATUS_ORDER.index(str(r.value)))
    else:
        order = _catalogue_order(by, catalogue)
        rows.sort(
            key=lambda r: (
                -r.count(primary),
                -r.published,
                r.value is None,
                order.get(r.value, len(order)),
                fold(str(r.value or "")),
            )
        )
    return Counts(by=by, total=len(papers), rows=tuple(rows), views=views)


@dataclass(frozen=True)
class Cross:
    """Papers counted by two dimensions at once."""

    rows_by: str
    columns_by: str
    total: int
    view: str
    """"cited" or "published": which venue and year the table uses."""
    row_values: tuple[Value, ...]
    column_values: tuple[Value, ...]
    cells: dict[tuple[Value, Value], int] = field(default_factory=dict)
    """(row value, column value) -> papers; pairs with no paper are absent."""

    @staticmethod
    def parse(text: str) -> tuple[str, str]:
        """``"category,year"`` -> ``("category", "year")``, each checked: the two dimensions of a table."""
        return parse_cross(text)

    def count(self, row: Value, column: Value) -> int:
        return self.cells.get((row, column), 0)

    def row_total(self, row: Value) -> int:
        """Papers in ``row`` (an author paper is counted once per author, so this may exceed ``total``)."""
        return sum(self.count(row, c) for c in self.column_values)

    def column_total(self, column: Value) -> int:
        return sum(self.count(r, column) for r in self.row_values)

    def as_dict(self) -> dict[str, Any]:
        """``{"rows_by": ..., "columns_by": ..., "total": ..., "rows": [{"row", "column", "count"}]}``."""
        return {
            "rows_by": self.rows_by,
            "columns_by": self.columns_by,
            "view": self.view,
            "total": self.total,
            "rows": [
                {"row": r, "column": c, "count": self.count(r, c)}
                for r in self.row_values
                for c in self.column_values
                if self.count(r, c)
            ],
        }


def parse_cross(text: str) -> tuple[str, str]:
    """``"category,year"`` -> ``("category", "year")``, checked."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 2 or not all(parts):
        raise UsageError(f"invalid cross table {text!r}: expected two dimensions, e.g. category,year")
    first, second = (check_dimension(p) for p in parts)
    if first == second:
        raise UsageError(f"invalid cross table {text!r}: the two dimensions must differ")
    return first, second


def cross(
    papers: Sequence[Paper], rows_by: str, columns_by: str, *, cited: bool = True, catalogue: Catalogue | None = None
) -> Cross:
    """A cross table; ``cited`` picks the view of venue and year (published where papers lack it)."""
    check_dimension(rows_by)
    check_dimension(columns_by)
    view = "cited" if cited and has_cited(papers) else "published"
    as_cited = view == "cited"
    cells: Counter[tuple[Value, Value]] = Counter()
    statuses = _statuses(papers, catalogue) if "status" in (rows_by, columns_by) else None
    for paper in papers:
        for r in values_of(paper, rows_by, as_cited, statuses):
            for c in values_of(paper, columns_by, as_cited, statuses):
                cells[(r, c)] += 1
    # Row and column order: the same as the one-dimensional tables in this view.
    row_values = tuple(r.value for r in count_by(papers, rows_by, view=view, catalogue=catalogue).rows)
    column_values = tuple(r.value for r in count_by(papers, columns_by, view=view, catalogue=catalogue).rows)
    return Cross(rows_by, columns_by, len(papers), view, row_values, column_values, dict(cells))
