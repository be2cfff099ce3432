"""The highlights of a list of papers: the figures the article draws from its own list.

Pure data; :mod:`.sentences` words them in English and Chinese.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..models import Paper
from ..query import fold_venue
from ..text import fold
from .counts import format_percent, has_cited, percent

BIG_VENUES: tuple[str, ...] = ("NeurIPS", "ICML", "CVPR", "ICCV")
"""The venues whose joint share is a highlight (the article's "more than half").

A fixed, named group rather than "the top N" so that the figure means the same thing for every
catalogue; where a catalogue has none of them, the highlight is left out.
"""

PREPRINT_VENUES: tuple[str, ...] = ("arXiv",)
"""Venue names that mean "preprint only"."""

RECENT_YEARS = 3
"""How many years, counted back from the last year of the span, make up "recent"."""


@dataclass(frozen=True)
class Highlight:
    """One figure about the list, with the numbers behind it."""

    kind: str
    """``preprints``, ``big_venues``, ``other_venues``, ``span``, ``peak_year``, ``recent`` or ``no_year``."""
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

    def text(self, lang: str = "en") -> str:
        """The figure as a sentence in English (``en``) or Chinese (``zh``)."""
        from .sentences import highlight_text

        return highlight_text(self, lang)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "percent": self.percent,
            **self.details,
        }


def _paper_brief(paper: Paper, cited: bool) -> dict[str, Any]:
    return {
        "ref": paper.ref,
        "key": paper.key,
        "title": paper.title,
        "authors": list(paper.authors),
        "year": paper.year_as(cited),
        "venue": paper.venue_as(cited),
    }


def _venue_share(papers: Sequence[Paper], names: Sequence[str], cited: bool) -> tuple[int, dict[str, int]]:
    """How many papers are at one of ``names`` (aliases and case ignored), and how many at each."""
    wanted = {fold_venue(n): n for n in names}
    each: Counter[str] = Counter()
    for paper in papers:
        name = wanted.get(fold_venue(paper.venue_as(cited)))
        if name is not None:
            each[name] += 1
    present = {n: each[n] for n in names if each[n]}
    return sum(present.values()), present


def highlights(
    papers: Sequence[Paper],
    *,
    cited: bool = True,
    big_venues: Sequence[str] = BIG_VENUES,
    preprint_venues: Sequence[str] = PREPRINT_VENUES,
    recent_years: int = RECENT_YEARS,
) -> list[Highlight]:
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
        result.append(Highlight("big_venues", big, total, {**view, "venues": per_venue, "group": list(big_venues)}))
    named = {fold_venue(v) for v in (*preprint_venues, *big_venues)}
    # A paper with no venue (imported from a bare entry) is at no venue, not at one named "".
    others = Counter(
        p.venue_as(as_cited) for p in papers if p.venue_as(as_cited) and fold_venue(p.venue_as(as_cited)) not in named
    )
    if others:
        ordered = dict(sorted(others.items(), key=lambda kv: (-kv[1], fold(kv[0]))))
        result.append(Highlight("other_venues", sum(others.values()), total, {**view, "venues": ordered}))

    years: Counter[int] = Counter()
    undated = 0
    for paper in papers:
        year = paper.year_as(as_cited)
        if year is None:
            undated += 1
        else:
            years[year] += 1
    if not years:  # no paper has a year: no span, peak or recent years to speak of
        return result + [Highlight("no_year", undated, total, view)]
    first, last = min(years), max(years)
    oldest = [_paper_brief(p, as_cited) for p in papers if p.year_as(as_cited) == first]
    result.append(
        Highlight(
            "span", total, total, {**view, "first": first, "last": last, "years": last - first + 1, "oldest": oldest}
        )
    )
    peak = max(years.values())
    peak_years = sorted(y for y, n in years.items() if n == peak)
    # With ties every peak year is named and the numerator is the papers of one of them;
    # where every year ties there is no peak to speak of.
    if len(peak_years) < len(years) or len(years) == 1:
        result.append(Highlight("peak_year", peak, total, {**view, "years": peak_years}))
    start = max(first, last - recent_years + 1)
    recent = sum(n for y, n in years.items() if y >= start)
    result.append(Highlight("recent", recent, total, {**view, "first": start, "last": last, "years": last - start + 1}))
    if undated:  # said in words, not dropped from the count: the shares above are of all papers
        result.append(Highlight("no_year", undated, total, view))
    return result
