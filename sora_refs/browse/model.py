"""What the browser shows, computed without any user interface: results, facets, sorting.

The app (:mod:`sora_refs.browse.app`) keeps one :class:`Browser` and calls :meth:`Browser.run`
on each keystroke, in a worker thread. Everything slow is done once per catalogue (per-paper
facet values, the search index, one sorted order per sort key) so that a keystroke on 20,000
papers costs one search plus a few passes over the matching positions.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..query import SORT_KEYS, parse_years, sort_papers

if TYPE_CHECKING:
    from ..catalogue import Catalogue
    from ..models import Paper

FACETS: tuple[str, ...] = ("category", "section", "venue", "status", "tag")
"""Facets chosen from a list of values (the year range is typed)."""

SORTS: tuple[str, ...] = ("relevance", *SORT_KEYS)
"""What the list can be sorted by; ``relevance`` is the search's ranking (catalogue order without a query)."""

UNMARKED = "unmarked"
"""The reading-status facet's value for papers never marked."""

STATUSES: tuple[str, ...] = ("to-read", "reading", "read")
"""Reading statuses, in the order marking cycles through them."""


@dataclass(frozen=True)
class Filters:
    """Everything that decides which papers are listed: what is remembered between sessions."""

    query: str = ""
    """The search box, in the query language of ``sora-refs search``."""
    chosen: dict[str, frozenset[str]] = field(default_factory=dict)
    """Facet -> the values ticked (several values of one facet mean OR; facets AND)."""
    years: str = ""
    """A year or range (``2020-2022``, ``2021-``), as typed."""
    sort: str = "relevance"
    """One of :data:`SORTS`."""
    reverse: bool = False

    def toggled(self, facet: str, value: str) -> Filters:
        """These filters with ``value`` of ``facet`` ticked or unticked."""
        values = set(self.chosen.get(facet, ()))
        values.symmetric_difference_update({value})
        chosen = {k: v for k, v in self.chosen.items() if k != facet}
        if values:
            chosen[facet] = frozenset(values)
        return replace(self, chosen=chosen)

    def as_data(self) -> dict[str, object]:
        """Plain data for the session file."""
        return {
            "query": self.query,
            "chosen": {k: sorted(v) for k, v in self.chosen.items()},
            "years": self.years,
            "sort": self.sort,
            "reverse": self.reverse,
        }

    @classmethod
    def from_data(cls, data: object) -> Filters:
        """Filters from :meth:`as_data`'s output; anything malformed is dropped, never fatal."""
        if not isinstance(data, dict):
            return cls()
        chosen = data.get("chosen")
        sort = data.get("sort")
        return cls(
            query=data["query"] if isinstance(data.get("query"), str) else "",
            chosen={
                k: frozenset(str(x) for x in v) for k, v in chosen.items() if k in FACETS and isinstance(v, list) and v
            }
            if isinstance(chosen, dict)
            else {},
            years=data["years"] if isinstance(data.get("years"), str) else "",
            sort=sort if isinstance(sort, str) and sort in SORTS else "relevance",
            reverse=data.get("reverse") is True,
        )


@dataclass
class Results:
    """One run of the filters: the papers listed, the facet counts, and any problem with the query."""

    indices: list[int]
    """Positions in ``catalogue.papers``, in display order."""
    counts: dict[str, Counter[str]]
    """Facet -> value -> papers it would list (with every other filter applied)."""
    error: str | None = None
    """Why the query or year range could not be used (the last good ones were kept)."""
    words: Callable[[int], set[str]] = lambda index: set()
    """Position -> the folded words to highlight in that paper."""
    matched: int = 0
    """Papers matching the query alone, before facets."""


def _no_words(index: int) -> set[str]:
    return set()


StatusOf = Callable[[str], "str | None"]
TagsOf = Callable[[str], "Iterable[str]"]


class Browser:
    """The papers of one catalogue as the browser filters, counts and sorts them."""

    def __init__(self, catalogue: Catalogue, status_of: StatusOf | None = None, tags_of: TagsOf | None = None) -> None:
        self.catalogue = catalogue
        self.papers: tuple[Paper, ...] = catalogue.papers
        self._status_of = status_of
        self._tags_of = tags_of
        self._memo: dict = {}
        self._orders: dict[tuple[str, bool], list[int]] = {}
        self._ranks: dict[tuple[str, bool], list[int]] = {}
        self._values: dict[str, list] = {}
        from ..search import index_for

        self.everything: list[int] = index_for(catalogue).positions
        """Every position, in catalogue order (one list, shared by every run without a query)."""
        self._last_query: tuple[str, list[int], Callable[[int], set[str]]] = ("", self.everything, _no_words)
        self._positions: dict[int, int] | None = None

    @property
    def positions(self) -> dict[int, int]:
        """``id(paper)`` -> its position in the catalogue (built when first asked: the mind map, a mark)."""
        if self._positions is None:
            self._positions = {id(p): i for i, p in enumerate(self.papers)}
        return self._positions

    # -- per-paper values, computed once ---------------------------------------------------------------

    def values(self, facet: str) -> list:
        """Each paper's value for ``facet`` (a tuple of values for ``tag``)."""
        if facet not in self._values:
            self._values[facet] = self._compute(facet)
        return self._values[facet]

    def _compute(self, facet: str) -> list:
        papers = self.papers
        if facet == "category":
            return [p.category for p in papers]
        if facet == "section":
            return [p.section or "" for p in papers]
        if facet == "venue":
            return [p.venue or "" for p in papers]
        if facet == "year":
            return [p.year for p in papers]
        if facet == "status":
            if self._status_of is None:
                return [UNMARKED] * len(papers)
            status_of = self._status_of
            return [status_of(p.key) or UNMARKED for p in papers]
        if facet == "tag":
            if self._tags_of is None:
                return [p.tags for p in papers]
            return [self._tags(p) for p in papers]
        raise ValueError(facet)

    def personal_changed(self, index: int | None = None) -> None:
        """Reading status or personal tags changed (of one paper, or of any): read them again."""
        self._last_query = ("\0", [], self._last_query[2])  # status: and note: terms may match otherwise now
        for facet in ("status", "tag"):
            if facet not in self._values:
                continue
            if index is None:
                del self._values[facet]
            else:
                paper = self.papers[index]
                if facet == "status":
                    self._values[facet][index] = (self._status_of(paper.key) if self._status_of else None) or UNMARKED
                else:
                    self._values[facet][index] = self._tags(paper)

    def _tags(self, paper: Paper) -> tuple[str, ...]:
        """The catalogue's tags of ``paper`` and the reader's own (most papers have none: their tuple is shared)."""
        extra = tuple(self._tags_of(paper.key)) if self._tags_of else ()
        return tuple(dict.fromkeys(itertools.chain(paper.tags, extra))) if extra else paper.tags

    def order(self, sort: str, reverse: bool = False) -> list[int]:
        """Every position, sorted by ``sort`` with the library's rule (:func:`sora_refs.query.sort_papers`)."""
        key = (sort, reverse)
        if key not in self._orders:
            position = dict(zip(map(id, self.papers), self.everything))  # the one int object per position
            self._orders[key] = [position[id(p)] for p in sort_papers(self.papers, sort, reverse)]
        return self._orders[key]

    def prepare(self, facets: bool = True) -> None:
        """Do now, while the user reads the first screen, what the first keystrokes would otherwise wait for.

        ``facets``: whether the facet pane shows (its values, held per paper, are otherwise worked
        out when first needed).
        """
        from ..search import index_for

        index = index_for(self.catalogue)
        # The largest field first, while the least is held: reading it from the cache briefly takes
        # twice its size (the stored bytes and the text), which at the end set the peak memory.
        index.field("summary")
        if facets:
            for facet in (*FACETS, "year"):
                self.values(facet)
        index.index_words()
        index.field("key")  # searched by every word too, though not indexed
        index.vocabulary  # noqa: B018 - built now, not on the first typo

    # -- one run --------------------------------------------------------------------------------------

    def search(self, query: str) -> tuple[list[int], Callable[[int], set[str]]]:
        """Positions matching ``query``, best first, and a function giving each one's matched words.

        Raises :class:`UsageError` for a malformed query. The same search as ``sora-refs search``
        (:func:`sora_refs.search.rank`), with terms remembered between keystrokes.
        """
        text = query.strip()
        if text == self._last_query[0]:
            return self._last_query[1], self._last_query[2]
        if not text:
            self._last_query = ("", self.everything, _no_words)
            return self._last_query[1], self._last_query[2]
        from ..search import parse, rank

        parsed = parse(text)
        # Keep only the terms of this query (the words before the one being typed): a common
        # word's matches on 100,000 papers take megabytes, and a session types many words.
        current = {term.value for term in parsed.terms}
        for key in [k for k in self._memo if k[0] not in current]:
            del self._memo[key]
        ranking = rank(self.catalogue, parsed, memo=self._memo)
        self._last_query = (text, ranking.indices, ranking.words)
        return ranking.indices, ranking.words

    def run(self, filters: Filters, previous: Filters | None = None, *, counts: bool = True) -> Results:
        """The papers ``filters`` list, in order, with the counts of every facet value (unless not ``counts``).

        A malformed query or year range does not empty the list: the last good one (from
        ``previous``) is used and :attr:`Results.error` says what is wrong.
        """
        error = None
        try:
            found, words = self.search(filters.query)
        except UsageError as problem:
            error = str(problem).splitlines()[0]
            try:
                found, words = self.search(previous.query if previous else "")
            except UsageError:
                found, words = self.search("")
        years = None
        if filters.years.strip():
            try:
                years = parse_years(filters.years)
            except UsageError as problem:
                error = error or str(problem)
        # Facets: each value's count applies every other filter, so ticking it adds exactly that many.
        passing: dict[str, set[int]] = {}
        for facet, chosen in filters.chosen.items():
            if not chosen:
                continue
            values = self.values(facet)
            if facet == "tag":
                passing[facet] = {i for i in found if not chosen.isdisjoint(values[i])}
            else:
                passing[facet] = {i for i in found if values[i] in chosen}
        if years is not None:
            year_of = self.values("year")
            passing["year"] = {i for i in found if year_of[i] in years}
        tallies: dict[str, Counter[str]] = {}
        for facet in FACETS if counts else ():
            others = [s for f, s in passing.items() if f != facet]
            members = found if not others else [i for i in found if all(i in s for s in others)]
            values = self.values(facet)
            if facet == "tag":
                tallies[facet] = Counter(itertools.chain.from_iterable(map(values.__getitem__, members)))
            else:
                tallies[facet] = Counter(map(values.__getitem__, members))
        if passing:
            sets = list(passing.values())
            listed = [i for i in found if all(i in s for s in sets)]
        else:
            listed = found
        if filters.sort != "relevance" or not filters.query.strip():
            sort = "ref" if filters.sort == "relevance" else filters.sort
            if len(listed) == len(self.papers):
                listed = list(self.order(sort, filters.reverse))
            else:
                position = self._rank_of(sort, filters.reverse)
                listed = sorted(listed, key=position.__getitem__)
        elif filters.reverse:
            listed = listed[::-1]
        return Results(listed, tallies, error, words, len(found))

    def _rank_of(self, sort: str, reverse: bool) -> list[int]:
        cached = self._ranks.get((sort, reverse))
        if cached is None:
            cached = [0] * len(self.papers)
            for place, index in zip(self.everything, self.order(sort, reverse)):
                cached[index] = place
            self._ranks[(sort, reverse)] = cached
        return cached

    # -- what facet values are called ---------------------------------------------------------------------

    def label(self, facet: str, value: str, lang: str) -> str:
        """How a facet value is shown: category and section names in ``lang``, others as they are."""
        if facet == "category":
            return self.catalogue.category_label(value, lang)
        if facet == "section":
            return self.catalogue.section_label(value, lang) if value else ("(none)" if lang != "zh" else "（无）")
        return value

    def facet_values(self, facet: str, counts: Counter[str], chosen: Iterable[str] = ()) -> list[str]:
        """The values to list for ``facet``: catalogue order for categories and sections, else by count."""
        present = set(counts) | set(chosen)
        if facet == "category":
            order = self.catalogue.category_ids()
        elif facet == "section":
            order = [*self.catalogue.section_ids(), ""]
        elif facet == "status":
            order = [*STATUSES, UNMARKED]
        else:
            return sorted(present, key=lambda v: (-counts.get(v, 0), v.casefold()))
        return [v for v in order if v in present] + sorted(present - set(order))


def next_status(current: str | None) -> str | None:
    """The status after ``current`` when cycling: unmarked -> to-read -> reading -> read -> unmarked."""
    if current is None or current == UNMARKED:
        return STATUSES[0]
    position = STATUSES.index(current) if current in STATUSES else -1
    return STATUSES[position + 1] if position + 1 < len(STATUSES) else None
