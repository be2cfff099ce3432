"""Filtering and sorting papers: the predicates behind ``list`` and every command with its filters.

Repeated values of one filter mean OR; different filters AND.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any

from .errors import UsageError
from .models import Paper
from .record import Record
from .text import fold

SORT_KEYS = ("ref", "year", "title", "venue", "author", "key")
"""What papers can be sorted by."""

VENUE_ALIASES = {"nips": "neurips"}
"""Old names people still type."""


class YearRange(Record):
    """An inclusive range of years; either end may be open."""

    low: int | None
    """The first year, or None: open."""
    high: int | None
    """The last year, or None: open."""

    def __contains__(self, year: int | None) -> bool:
        """True for a year inside the range; a paper with no year is in no range."""
        if year is None:
            return False
        return (self.low is None or year >= self.low) and (self.high is None or year <= self.high)

    def __str__(self) -> str:
        if self.low == self.high:
            return str(self.low)
        return f"{self.low or ''}-{self.high or ''}"


_YEAR = r"^\s*(\d{4})?\s*(-|–|\.\.)?\s*(\d{4})?\s*$"


def parse_years(text: str) -> YearRange:
    """Parse ``2022``, ``2020-2022``, ``2021-`` or ``-2017``."""
    match = re.match(_YEAR, text)  # re caches the compiled pattern
    if not match or not (match.group(1) or match.group(3)):
        raise UsageError(f"invalid year or range {text!r}: expected 2022, 2020-2022, 2021- or -2017")
    low, dash, high = match.groups()
    if not dash:
        if low and high:
            raise UsageError(f"invalid year or range {text!r}: expected 2022, 2020-2022, 2021- or -2017")
        year = int(low or high)
        return YearRange(year, year)
    result = YearRange(int(low) if low else None, int(high) if high else None)
    if result.low is not None and result.high is not None and result.low > result.high:
        raise UsageError(f"invalid year range {text!r}: {result.low} comes after {result.high}")
    return result


@lru_cache(maxsize=4096)  # a catalogue has few venues and asks for each of them once per paper
def fold_venue(venue: str) -> str:
    """``venue`` folded for comparison, spaces dropped and aliases resolved (``NIPS`` -> ``neurips``)."""
    folded = fold(venue).replace(" ", "")
    return VENUE_ALIASES.get(folded, folded)


def _word_pattern(text: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(fold(text).strip()) + r"(?!\w)")


class Query(Record):
    """A conjunction of filters; an empty tuple means "any"."""

    categories: tuple[str, ...] = ()
    """Category ids (any of them)."""
    sections: tuple[str, ...] = ()
    """Section ids (any of them)."""
    venues: tuple[str, ...] = ()
    """Venue names, aliases and case ignored (any of them)."""
    years: tuple[YearRange, ...] = ()
    """Year ranges (any of them)."""
    authors: tuple[str, ...] = ()
    """Author names or parts of names, whole words, accents and case ignored (any of them)."""
    tags: tuple[str, ...] = ()
    """Tags (any of them)."""
    cited: bool = False
    """Match venue and year against the citation instead of the published version."""
    statuses: tuple[str, ...] = ()
    """Reading statuses of the personal layer (``read``, ``reading``, ``to-read``, ``unmarked``).

    Papers carry no status: :meth:`Catalogue.select <sora_refs.Catalogue.select>` applies this one
    with the catalogue's personal layer; :meth:`apply` alone ignores it.
    """

    @staticmethod
    def _coerce(name: str, value: Any) -> Any:
        # Query(categories="diffusion") means one category, not nine one-letter ones.
        if name == "cited":
            return bool(value)
        if isinstance(value, (str, YearRange)):
            return (value,)
        return tuple(value)

    @property
    def is_empty(self) -> bool:
        return not (self.categories or self.sections or self.venues or self.years or self.authors or self.tags)

    def predicate(self) -> Callable[[Paper], bool]:
        """A function telling whether a paper matches; compiled once for the whole list."""
        # Ids are matched without regard to case, like venues: -c GAN is -c gan.
        categories = {c.casefold() for c in self.categories}
        sections = {s.casefold() for s in self.sections}
        venues = {fold_venue(v) for v in self.venues}
        years = self.years
        authors = [_word_pattern(a) for a in self.authors]
        tags = {t.lower() for t in self.tags}
        cited = self.cited

        def match(paper: Paper) -> bool:
            if categories and (paper.category or "").casefold() not in categories:
                return False
            if sections and (paper.section or "").casefold() not in sections:
                return False
            if venues and fold_venue(paper.venue_as(cited)) not in venues:
                return False
            if years:
                year = paper.year_as(cited)
                if not any(year in r for r in years):
                    return False
            if authors:
                names = [fold(a) for a in paper.authors]
                if not any(p.search(n) for p in authors for n in names):
                    return False
            if tags and not tags.intersection(paper.tags):
                return False
            return True

        return match

    def apply(self, papers: Iterable[Paper]) -> list[Paper]:
        """The papers that match, in their original order."""
        if self.is_empty:
            return list(papers)
        match = self.predicate()
        return [p for p in papers if match(p)]


def sort_papers(papers: Sequence[Paper], by: str = "ref", reverse: bool = False, cited: bool = False) -> list[Paper]:
    """Papers sorted by one of :data:`SORT_KEYS`; ties keep catalogue order, papers without a ref go last.

    By year, papers with no year come last in either direction, in the order they were given.
    """
    if by not in SORT_KEYS:
        raise UsageError(f"cannot sort by {by!r}: expected one of {', '.join(SORT_KEYS)}")
    big = float("inf")

    def year(p: Paper) -> float:
        value = p.year_as(cited)
        return big if value is None else value

    keyfuncs = {
        "ref": lambda p: (p.ref if p.ref is not None else big,),
        "year": lambda p: (year(p), p.ref if p.ref is not None else big),
        "title": lambda p: (fold(p.title),),
        "venue": lambda p: (fold(p.venue_as(cited)), year(p)),
        "author": lambda p: (fold(p.first_author_surname), big if p.year is None else p.year),
        "key": lambda p: (p.key.casefold(),),
    }
    if by == "year" and reverse:
        dated = [p for p in papers if p.year_as(cited) is not None]
        undated = [p for p in papers if p.year_as(cited) is None]
        return sorted(dated, key=keyfuncs[by], reverse=True) + undated
    return sorted(papers, key=keyfuncs[by], reverse=reverse)
