"""Ranked, typo-tolerant search over a catalogue: :func:`search` and the :class:`Hit` it returns.

How a paper scores, so that ``--explain`` can say why it came first: every word of the query is
looked up in each field of the paper; a field where it is found adds the field's weight
(:data:`~sora_refs.search.index.WEIGHTS`) times how well it matched
(:data:`~sora_refs.search.index.QUALITY`: the exact word, a word it starts, the singular, a typo
away). Fields count once each, however often the word occurs.

The package, bottom-up: :mod:`.syntax` (the query language), :mod:`.index` (fields folded once),
:mod:`.terms` (one term against the index), and this module (clauses combined and ranked).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..models import Paper
from ..text import CJK, fold_fast, is_word_char
from .index import QUALITY, STORE_FROM, WEIGHTS, SearchIndex
from .syntax import ParsedQuery, Term, parse, query_error
from .terms import TermMatcher, add_scores

if TYPE_CHECKING:
    from ..catalogue import Catalogue


@dataclass(frozen=True)
class Match:
    """Why a paper scored: one query term found in one field."""

    term: str
    """The query term, as written."""
    field: str
    """Where it was found (a key of :data:`WEIGHTS`), or the filter field."""
    word: str
    """The word actually matched (the correction, for a typo)."""
    how: str
    """A key of :data:`QUALITY`, or ``filter`` for a field term that only selects."""
    points: float
    """What it added to the score."""


@dataclass(frozen=True)
class Hit:
    """A paper found, its score and every match behind it."""

    paper: Paper
    score: float
    matches: tuple[Match, ...]

    @property
    def words(self) -> set[str]:
        """The folded words and phrases that matched, for highlighting."""
        return {m.word for m in self.matches if m.how != "filter"}


def index_for(catalogue: Catalogue) -> SearchIndex:
    """The catalogue's search index, built once and kept with the catalogue."""
    return catalogue.search_index()


def search(catalogue: Catalogue, query: str | ParsedQuery, limit: int | None = None) -> list[Hit]:
    """The papers matching ``query``, best first (ties in catalogue order), at most ``limit``.

    Raises :class:`UsageError` pointing at a malformed term or an unknown category, section,
    venue or tag (with a did-you-mean).
    """
    if limit is not None and limit < 0:
        raise UsageError("limit must be zero or more")
    ranking = rank(catalogue, query)
    indices = ranking.indices
    if limit:
        indices = indices[:limit]
    elif limit == 0:
        indices = []
    papers = catalogue.papers
    return [Hit(papers[i], round(ranking.scores[i], 2), ranking.matches(i)) for i in indices]


class Ranking:
    """Every paper a query matches, best first, with the matches behind each kept unbuilt.

    What :func:`search` turns into :class:`Hit` objects, for callers that show only part of a
    long result (``sora-refs browse`` ranks again on each keystroke and explains visible rows only).
    """

    def __init__(
        self,
        indices: list[int],
        scores: dict[int, float],
        results: list[tuple[Term, dict[str, dict[int, tuple[str, str]]]]],
    ) -> None:
        self.indices = indices
        """Positions in ``catalogue.papers``, best first (ties in catalogue order)."""
        self.scores = scores
        """Position -> score, unrounded."""
        self._results = results

    def matches(self, index: int) -> tuple[Match, ...]:
        """Why the paper at ``index`` scored (see :class:`Hit`)."""
        return tuple(
            Match(str(term), field, word, how, round(WEIGHTS.get(field, 0.0) * QUALITY.get(how, 0.0), 2))
            for term, by_field in self._results
            for field, found in by_field.items()
            if index in found
            for how, word in (found[index],)
        )

    def words(self, index: int) -> set[str]:
        """The folded words and phrases that matched the paper at ``index``, for highlighting."""
        return {
            found[index][1]
            for _, by_field in self._results
            for found in by_field.values()
            if index in found and found[index][0] != "filter"
        }


def rank(catalogue: Catalogue, query: str | ParsedQuery, memo: dict[Any, Any] | None = None) -> Ranking:
    """Every paper matching ``query``, ranked as :func:`search` ranks them.

    ``memo``: a dict kept between calls on the same catalogue, so that terms already matched
    (the words before the one being typed) are not looked up again.
    """
    parsed = parse(query) if isinstance(query, str) else query
    index = index_for(catalogue)
    ranking = _run(catalogue, parsed, TermMatcher(index, parsed.text, memo=memo))
    if not ranking.indices and any(not t.negated and t.field in (None, "title", "author") for t in parsed.terms):
        # Every word was found somewhere, but not together: one may be a typo that happens to
        # be a word too ("word models"), so try again forgiving typos in every word.
        ranking = _run(catalogue, parsed, TermMatcher(index, parsed.text, eager_typos=True, memo=memo))
    index.save()
    return ranking


def _run(catalogue: Catalogue, parsed: ParsedQuery, matcher: TermMatcher) -> Ranking:
    scores: dict[int, float] | None = None
    excluded: set[int] = set()
    results = []  # (term, {field: {paper: (how, word)}}) for explaining the hits kept
    for clause in parsed.clauses:
        if clause[0].negated:
            for found in matcher.match(clause[0], negated=True).values():
                excluded.update(found)
            continue
        clause_scores: dict[int, float] = {}
        for term in clause:
            by_field = matcher.match(term)
            results.append((term, by_field))
        if len(clause) == 1:  # most clauses: the term's scores are kept with its matches
            clause_scores = matcher.scores(clause[0], results[-1][1])
        else:
            for _, by_field in results[-len(clause) :]:
                add_scores(clause_scores, by_field)
        if scores is None:
            scores = clause_scores
        else:
            small, large = (scores, clause_scores) if len(scores) <= len(clause_scores) else (clause_scores, scores)
            scores = {i: s + large[i] for i, s in small.items() if i in large}
    if scores is None:  # only exclusions
        scores = dict.fromkeys(range(len(catalogue.papers)), 0.0)
    for paper in excluded:
        scores.pop(paper, None)
    # Best first, ties in catalogue order: a reversed sort keeps equal scores in the order given.
    return Ranking(sorted(sorted(scores), key=scores.__getitem__, reverse=True), scores, results)


def highlight_spans(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """Where in ``text`` (original spelling) the folded ``words`` start a word, as (start, end) pairs.

    Folding happens character by character so that positions map back to the original, even
    where folding changes the length ("ß" -> "ss").
    """
    origin: Sequence[int]
    if text.isascii():  # most titles and names: folding is lower-casing, one character for one
        folded_text, origin = text.lower(), range(len(text))
    else:
        folded_chars: list[str] = []
        positions: list[int] = []
        for position, char in enumerate(text):
            folded = fold_fast(char)
            folded_chars.append(folded)
            positions.extend([position] * len(folded))
        folded_text, origin = "".join(folded_chars), positions
    spans: list[tuple[int, int]] = []
    for word in sorted(set(words), key=len, reverse=True):
        if not word:
            continue
        cjk = bool(CJK.search(word))
        start = folded_text.find(word)
        while start != -1:
            end = start + len(word)
            if cjk or start == 0 or not is_word_char(folded_text[start - 1]):
                if not cjk:  # extend a prefix match to the end of the word
                    while end < len(folded_text) and is_word_char(folded_text[end]):
                        end += 1
                spans.append((origin[start], origin[end - 1] + 1))
            start = folded_text.find(word, start + 1)
    return _merge(spans)


def _merge(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


__all__ = [
    "QUALITY",
    "STORE_FROM",
    "WEIGHTS",
    "Hit",
    "Match",
    "Ranking",
    "SearchIndex",
    "Term",
    "fold_fast",
    "highlight_spans",
    "index_for",
    "parse",
    "query_error",
    "rank",
    "search",
]
