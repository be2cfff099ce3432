"""Counting papers: tables by one dimension, cross tables and the highlights of a list.

Pure data, no I/O: the command line (``sora-refs stats``) and Python users share it.

Venue and year have two views where papers carry ``cited`` data: as the citing document
(the Sora report) gives them, and as published. Every other dimension has one view.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .models import Paper
from .text import did_you_mean, fold

if TYPE_CHECKING:
    from .catalogue import Catalogue

DIMENSIONS: tuple[str, ...] = ("venue", "year", "category", "section", "author", "type")
"""What papers can be counted by."""

CITABLE: frozenset[str] = frozenset({"venue", "year"})
"""Dimensions that differ between the cited and the published view."""

VIEWS: tuple[str, ...] = ("both", "cited", "published")
"""Which counts a table holds: both side by side, or only one."""

BIG_VENUES: tuple[str, ...] = ("NeurIPS", "ICML", "CVPR", "ICCV")
"""The venues whose joint share is a highlight (the article's "more than half").

A fixed, named group rather than "the top N" so that the figure means the same thing for every
catalogue; where a catalogue has none of them, the highlight is left out.
"""

PREPRINT_VENUES: tuple[str, ...] = ("arXiv",)
"""Venue names that mean "preprint only"."""

RECENT_YEARS = 3
"""How many years, counted back from the last year of the span, make up "recent"."""

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


def _venue_key(venue: str) -> str:
    from .query import _venue_key as key

    return key(venue)


def values_of(paper: Paper, by: str, cited: bool = False) -> list[Value]:
    """What ``paper`` counts as under dimension ``by`` (several values for ``author``)."""
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
    guess = did_you_mean(by, DIMENSIONS)
    hint = f"did you mean '{guess}'?" if guess else "expected one of " + ", ".join(DIMENSIONS)
    return f"cannot count by {by!r}; {hint}"


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
    """The venue, year, category id, section id (None: no section), author or type."""
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


def _views_for(by: str, view: str, cited_data: bool) -> tuple[str, ...]:
    if view not in VIEWS:
        raise UsageError(f"unknown view {view!r}; expected one of {', '.join(VIEWS)}")
    if by not in CITABLE or not cited_data:
        return ("published",)
    return {"both": ("cited", "published"), "cited": ("cited",), "published": ("published",)}[view]


def _merge_venues(published: Counter[Value], cited: Counter[Value] | None
                  ) -> tuple[Counter[Value], Counter[Value] | None]:
    spellings: dict[str, Counter[str]] = {}
    for counter in (published, cited or Counter()):
        for name, n in counter.items():
            spellings.setdefault(_venue_key(str(name)), Counter())[str(name)] += n
    canonical = {name: max(sorted(names), key=lambda x: names[x])
                 for names in spellings.values() for name in names}

    def merge(counter: Counter[Value]) -> Counter[Value]:
        merged: Counter[Value] = Counter()
        for name, n in counter.items():
            merged[canonical[str(name)]] += n
        return merged

    return merge(published), merge(cited) if cited is not None else None


def _catalogue_order(by: str, catalogue: Catalogue | None) -> dict[Value, int]:
    if catalogue is None:
        return {}
    if by == "category":
        return {ident: i for i, ident in enumerate(catalogue.category_ids())}
    if by == "section":
        return {ident: i for i, ident in enumerate(catalogue.section_ids())}
    return {}


def count_by(papers: Sequence[Paper], by: str, *, view: str = "both",
             catalogue: Catalogue | None = None, fill_years: bool = True) -> Counts:
    """Count ``papers`` by ``by`` in ``view`` ("both", "cited" or "published").

    Rows are sorted by count, most first; ties follow the catalogue's order of categories and
    sections, or the alphabet. Years run chronologically and, with ``fill_years``, every year
    inside the span appears, empty ones as zero.
    """
    check_dimension(by)
    views = _views_for(by, view, has_cited(papers))
    published = Counter(v for p in papers for v in values_of(p, by, cited=False))
    cited = Counter(v for p in papers for v in values_of(p, by, cited=True)) if "cited" in views else None
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
        shown |= set(range(min(years), max(years) + 1))
    rows = [Row(v, published.get(v, 0), cited.get(v, 0) if cited is not None else None) for v in shown]
    primary = views[0]
    if by == "year":
        rows.sort(key=lambda r: int(r.value or 0))
    else:
        order = _catalogue_order(by, catalogue)
        rows.sort(key=lambda r: (-r.count(primary), -r.published, r.value is None,
                                 order.get(r.value, len(order)), fold(str(r.value or ""))))
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
            "rows_by": self.rows_by, "columns_by": self.columns_by, "view": self.view, "total": self.total,
            "rows": [{"row": r, "column": c, "count": self.count(r, c)}
                     for r in self.row_values for c in self.column_values if self.count(r, c)],
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


def cross(papers: Sequence[Paper], rows_by: str, columns_by: str, *, cited: bool = True,
          catalogue: Catalogue | None = None) -> Cross:
    """A cross table; ``cited`` picks the view of venue and year (published where papers lack it)."""
    check_dimension(rows_by)
    check_dimension(columns_by)
    view = "cited" if cited and has_cited(papers) else "published"
    as_cited = view == "cited"
    cells: Counter[tuple[Value, Value]] = Counter()
    for paper in papers:
        for r in values_of(paper, rows_by, as_cited):
            for c in values_of(paper, columns_by, as_cited):
                cells[(r, c)] += 1
    # Row and column order: the same as the one-dimensional tables in this view.
    row_values = tuple(r.value for r in count_by(papers, rows_by, view=view, catalogue=catalogue).rows)
    column_values = tuple(r.value for r in count_by(papers, columns_by, view=view, catalogue=catalogue).rows)
    return Cross(rows_by, columns_by, len(papers), view, row_values, column_values, dict(cells))


# -- highlights -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Highlight:
    """One figure about the list, with the numbers behind it."""

    kind: str
    """``preprints``, ``big_venues``, ``other_venues``, ``span``, ``peak_year`` or ``recent``."""
    numerator: int
    """Papers the figure is about."""
    denominator: int
    """Papers counted."""
    details: dict[str, Any] = field(default_factory=dict)
    """What else the figure needs: the venues, the years, the oldest papers."""

    @property
    def percent(self) -> float:
        return percent(self.numerator, self.denominator)

    @property
    def share(self) -> str:
        """``12 of 32, 37.5%``."""
        return f"{self.numerator} of {self.denominator}, {format_percent(self.numerator, self.denominator)}"

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "numerator": self.numerator, "denominator": self.denominator,
                "percent": self.percent, **self.details}


def _paper_brief(paper: Paper, cited: bool) -> dict[str, Any]:
    return {"ref": paper.ref, "key": paper.key, "title": paper.title,
            "authors": list(paper.authors), "year": paper.year_as(cited), "venue": paper.venue_as(cited)}


def _venue_share(papers: Sequence[Paper], names: Sequence[str], cited: bool) -> tuple[int, dict[str, int]]:
    """How many papers are at one of ``names`` (aliases and case ignored), and how many at each."""
    wanted = {_venue_key(n): n for n in names}
    each: Counter[str] = Counter()
    for paper in papers:
        name = wanted.get(_venue_key(paper.venue_as(cited)))
        if name is not None:
            each[name] += 1
    present = {n: each[n] for n in names if each[n]}
    return sum(present.values()), present


def highlights(papers: Sequence[Paper], *, cited: bool = True,
               big_venues: Sequence[str] = BIG_VENUES, preprint_venues: Sequence[str] = PREPRINT_VENUES,
               recent_years: int = RECENT_YEARS) -> list[Highlight]:
    """The figures the article draws from its list, computed for ``papers``.

    ``cited`` uses venue and year as cited where papers carry that data. A highlight whose
    subject is absent (no preprint, none of the big venues, nothing else) is left out; an
    empty list of papers has no highlights.
    """
    total = len(papers)
    if not total:
        return []
    as_cited = cited and has_cited(papers)
    view = {"view": "cited" if as_cited else "published"}
    result: list[Highlight] = []

    preprints, per_venue = _venue_share(papers, preprint_venues, as_cited)
    if preprints:
        result.append(Highlight("preprints", preprints, total, {**view, "venues": per_venue}))
    big, per_venue = _venue_share(papers, big_venues, as_cited)
    if big:
        result.append(Highlight("big_venues", big, total,
                                {**view, "venues": per_venue, "group": list(big_venues)}))
    named = {_venue_key(v) for v in (*preprint_venues, *big_venues)}
    others = Counter(p.venue_as(as_cited) for p in papers if _venue_key(p.venue_as(as_cited)) not in named)
    if others:
        ordered = dict(sorted(others.items(), key=lambda kv: (-kv[1], fold(kv[0]))))
        result.append(Highlight("other_venues", sum(others.values()), total, {**view, "venues": ordered}))

    years = Counter(p.year_as(as_cited) for p in papers)
    first, last = min(years), max(years)
    oldest = [_paper_brief(p, as_cited) for p in papers if p.year_as(as_cited) == first]
    result.append(Highlight("span", total, total, {**view, "first": first, "last": last,
                                                   "years": last - first + 1, "oldest": oldest}))
    peak = max(years.values())
    peak_years = sorted(y for y, n in years.items() if n == peak)
    # With ties every peak year is named and the numerator is the papers of one of them;
    # where every year ties there is no peak to speak of.
    if len(peak_years) < len(years) or len(years) == 1:
        result.append(Highlight("peak_year", peak, total, {**view, "years": peak_years}))
    start = max(first, last - recent_years + 1)
    recent = sum(n for y, n in years.items() if y >= start)
    result.append(Highlight("recent", recent, total, {**view, "first": start, "last": last,
                                                      "years": last - start + 1}))
    return result


@dataclass(frozen=True)
class Overview:
    """What ``sora-refs stats`` shows without ``--by``: venue and year tables and the highlights."""

    total: int
    venue: Counts
    year: Counts
    highlights: tuple[Highlight, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"total": self.total, "tables": {"venue": self.venue.as_dict(), "year": self.year.as_dict()},
                "highlights": [h.as_dict() for h in self.highlights]}


def overview(papers: Sequence[Paper], *, view: str = "both", catalogue: Catalogue | None = None) -> Overview:
    """Venue and year tables in ``view`` and the highlights (as cited unless ``view`` is "published")."""
    return Overview(
        total=len(papers),
        venue=count_by(papers, "venue", view=view, catalogue=catalogue),
        year=count_by(papers, "year", view=view, catalogue=catalogue),
        highlights=tuple(highlights(papers, cited=view != "published")),
    )
