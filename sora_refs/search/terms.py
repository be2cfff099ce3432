"""How one search term is matched against the index: words, phrases, typos and field filters."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import repeat
from typing import Any

from ..errors import UsageError
from ..query import fold_venue, parse_years
from ..suggest import hint
from ..text import CJK, fold_fast, is_word_char
from .index import FREE_FIELDS, QUALITY, TEXT_FIELDS, WEIGHTS, SearchIndex
from .syntax import Term, query_error

PERSONAL_FIELDS = ("status", "note")
"""Fields matched against the reader's personal layer, which changes while a program runs."""


def _find_in(text: str, word: str, whole: bool, cjk: bool) -> str | None:
    """``exact``, ``prefix`` or None: how ``word`` occurs in a short ``text`` (a category's names)."""
    best = None
    start = text.find(word)
    while start != -1:
        end = start + len(word)
        if cjk:
            return "exact"
        if start == 0 or not is_word_char(text[start - 1]):
            if end >= len(text) or not is_word_char(text[end]):
                return "exact"
            if not whole:
                best = "prefix"
        start = text.find(word, start + 1)
    return best


def add_scores(scores: dict[int, float], by_field: dict[str, dict[int, tuple[str, str]]]) -> None:
    """Add to ``scores`` what one term's matches (field -> paper -> (how, word)) earn each paper."""
    sums: dict[float, float] = {}  # a few distinct totals: one float object each, not one a paper
    for field, found in by_field.items():
        weight = WEIGHTS.get(field, 0.0)
        points = {pair: weight * QUALITY.get(pair[0], 0.0) for pair in set(found.values())}
        get = scores.get
        for paper, pair in found.items():
            held = get(paper)
            # a paper found in one field only (most) shares the field's points object
            if held is None:
                scores[paper] = points[pair]
            else:
                total = held + points[pair]
                scores[paper] = sums.setdefault(total, total)


class TermMatcher:
    """Matches the terms of one query against one index."""

    def __init__(
        self, index: SearchIndex, text: str, eager_typos: bool = False, memo: dict[Any, Any] | None = None
    ) -> None:
        self.index = index
        self.text = text
        self.eager_typos = eager_typos
        """Also try corrections of words found as typed ("word models" -> "world models")."""
        self.memo = memo
        """Terms matched before (by value, field, phrase, negation, typos), shared between queries."""

    def match(self, term: Term, negated: bool = False) -> dict[str, dict[int, tuple[str, str]]]:
        """Per field, the papers (by index) the term matches there and how: field -> paper -> (how, word).

        For a negated term, what it excludes (no typos forgiven: a typo must not hide papers).
        """
        if self.memo is None or term.field in PERSONAL_FIELDS:  # the reader's marks change: never kept
            return self._match(term, negated)
        key = (term.value, term.field, term.phrase, negated, self.eager_typos)
        found = self.memo.get(key)
        if found is None and self.eager_typos and self.memo.get(key[:4] + ("typos change nothing",)):
            found = self.memo.get(key[:4] + (False,))  # forgiving typos eagerly finds what was found
        if found is None:
            self._typos_would_add = False
            found = self.memo[key] = self._match(term, negated)
            if not self.eager_typos:
                self.memo[key[:4] + ("typos change nothing",)] = not self._typos_would_add
        return found

    _typos_would_add = False
    """Set by :meth:`_words`: the term was found as typed, so typos were not tried (an eager search would)."""

    def scores(self, term: Term, by_field: dict[str, dict[int, tuple[str, str]]]) -> dict[int, float]:
        """Paper -> the points ``term`` earns it (``by_field``: its :meth:`match`), kept with its matches."""
        key = (term.value, term.field, term.phrase, False, self.eager_typos, "scores")
        found: dict[int, float] | None = None
        if self.memo is not None and term.field not in PERSONAL_FIELDS:
            found = self.memo.get(key)
        if found is None:
            found = {}
            add_scores(found, by_field)
            if self.memo is not None and term.field not in PERSONAL_FIELDS:
                self.memo[key] = found
        return dict(found)  # the caller adds to it

    def _match(self, term: Term, negated: bool) -> dict[str, dict[int, tuple[str, str]]]:
        if term.field in ("year", "venue", "category", "section", "tag", "status", "note"):
            return self._filter(term)
        return self._words(term, negated)

    # -- words and phrases ------------------------------------------------------------------

    def _words(self, term: Term, negated: bool) -> dict[str, dict[int, tuple[str, str]]]:
        value = " ".join(fold_fast(term.value).split())
        fields: tuple[str, ...] = FREE_FIELDS if term.field is None else (term.field,)
        cjk = bool(CJK.search(value))
        if cjk:
            fields = tuple(f for f in fields if f != "summary")
        elif term.field is None:
            fields = tuple(f for f in fields if f != "summary_zh")  # its Latin words repeat the English one's
        whole = term.phrase or len(value) < 4  # "gan" should not find "Ganguli"
        best: dict[str, dict[int, tuple[str, str]]] = {}  # field -> paper -> (how, word)
        self._look(best, fields, value, whole, cjk, "phrase" if term.phrase else None)
        if not term.phrase and not cjk and len(value) >= 5 and value.endswith("s") and " " not in value:
            self._look(best, fields, value[:-1], True, False, "singular")
        if whole and not term.phrase and not cjk and len(value) == 3 and value.isalpha():
            self._look(best, fields, value + "s", True, False, "plural")
        typos = not negated and not term.phrase and not cjk
        self._typos_would_add = typos and any(best.values())
        if (self.eager_typos or not any(best.values())) and typos:
            for word, how in sorted(self.index.corrections(value).items()):
                self._look(best, fields, word, False, False, how)
        return best

    def _look(
        self,
        best: dict[str, dict[int, tuple[str, str]]],
        fields: tuple[str, ...],
        word: str,
        whole: bool,
        cjk: bool,
        how: str | None,
    ) -> None:
        """Record, per paper and field, the best way ``word`` matches (``how`` overrides exact)."""
        exact_as = "substring" if cjk else how or "exact"
        prefix_as = "typo2" if how in ("typo", "typo2") else "prefix"  # a correction's longer forms
        # One (how, word) pair shared by every paper it describes: thousands of papers, two tuples.
        shared = {"exact": (exact_as, word), "prefix": (prefix_as, word)}
        paper = self.index.positions.__getitem__
        for field in fields:
            if field in TEXT_FIELDS:
                found: Iterable[tuple[int, str]] = self.index.field(field).find(word, whole, cjk).items()
            else:
                grouped: list[tuple[int, str]] = []
                for names, indices in self.index.groups(field).values():
                    kind = _find_in(names, word, whole, cjk)
                    if kind:
                        grouped.extend(zip(map(paper, indices), repeat(kind)))
                found = grouped
            slot = best.setdefault(field, {})
            if not slot:  # the first word looked up in this field: nothing to compare with
                slot.update((index, shared[kind]) for index, kind in found)
                continue
            for index, kind in found:
                value = shared[kind]
                held = slot.get(index)
                if held is None or QUALITY[value[0]] > QUALITY[held[0]]:
                    slot[index] = value

    # -- field filters -----------------------------------------------------------------------

    def _fail(self, term: Term, message: str) -> UsageError:
        return query_error(self.text, term.start, term.end, message)

    def _filter(self, term: Term) -> dict[str, dict[int, tuple[str, str]]]:
        field = term.field
        assert field is not None
        papers = self.index.papers
        if field == "year":
            try:
                years = parse_years(term.value)
            except UsageError as error:
                raise self._fail(term, str(error)) from None
            chosen = [i for i, p in enumerate(papers) if p.year in years]
        elif field == "venue":
            chosen = self._venue(term)
        elif field == "status":
            from ..personal.status import parse_filter

            try:
                wanted = parse_filter(term.value)
            except UsageError as error:
                raise self._fail(term, str(error)) from None
            mine = self.index.catalogue.personal()
            chosen = [i for i, p in enumerate(papers) if mine.status(p.key) == wanted]
        elif field == "note":
            notes = self.index.catalogue.personal().notes(p.key for p in papers)
            value = " ".join(fold_fast(term.value).split())
            chosen = [
                i for i, p in enumerate(papers) if p.key in notes and value in " ".join(fold_fast(notes[p.key]).split())
            ]
        elif field == "tag":
            chosen = self._tagged(term)
        else:
            chosen = self._named(term, field)
        return {field: dict.fromkeys(chosen, ("filter", term.value))}

    def _tagged(self, term: Term) -> list[int]:
        """tag: selects by the catalogue's tags and the reader's own (``tag --personal``)."""
        tags = self.index.groups("tag")
        value = fold_fast(term.value)
        chosen = set(tags[value][1]) if value in tags else set()
        mine = self.index.catalogue.personal()
        known = set(tags)
        if mine.exists:
            marked = set(mine.keys())
            for i, paper in enumerate(self.index.papers):
                if paper.key in marked:
                    own = {fold_fast(t) for t in mine.tags(paper.key)}
                    known |= own
                    if value in own:
                        chosen.add(i)
        if value not in known:
            guess = hint(value, sorted(known), prefix="tag:", otherwise="no paper has it")
            raise self._fail(term, f"unknown tag '{term.value}'; {guess}")
        return sorted(chosen)

    def _venue(self, term: Term) -> list[int]:
        groups = self.index.groups("venue")
        wanted = fold_venue(term.value)
        chosen = [i for venue, (_, indices) in groups.items() if fold_venue(venue) == wanted for i in indices]
        if not chosen:
            raise self._fail(term, f"unknown venue '{term.value}'; " + hint(term.value, groups, "venue:", sort=True))
        return sorted(set(chosen))

    def _named(self, term: Term, field: str) -> list[int]:
        """category: or section: by id, or by (part of) its English or Chinese name."""
        groups = self.index.groups(field)
        value = fold_fast(term.value)
        cjk = bool(CJK.search(value))
        exact = [
            ident
            for ident, (names, _) in groups.items()
            if ident == term.value or value == fold_fast(ident) or value in names.split("\n")
        ]
        chosen = exact or [ident for ident, (names, _) in groups.items() if _find_in(names, value, len(value) < 3, cjk)]
        if not chosen:
            raise self._fail(term, f"unknown {field} '{term.value}'; " + hint(term.value, groups, f"{field}:"))
        return sorted(i for ident in chosen for i in groups[ident][1])
