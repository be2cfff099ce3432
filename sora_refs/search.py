"""Ranked, typo-tolerant search over a catalogue.

How a paper scores, so that ``--explain`` can say why it came first: every word of the query is
looked up in each field of the paper; a field where it is found adds the field's weight
(:data:`WEIGHTS`) times how well it matched (:data:`QUALITY`: the exact word, a word it starts,
the singular, a typo away). Fields count once each, however often the word occurs.

Speed on large catalogues (100,000 papers) comes from indexing each field once per catalogue as
one folded string, searched with ``str.find`` (C speed) instead of per-paper Python loops. Typos
are resolved against a vocabulary of the words in titles, authors, keys, tags and names, built
only when a word is found nowhere as typed.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import UsageError
from .models import Paper
from .searchparse import ParsedQuery, Term, parse, query_error

if TYPE_CHECKING:
    from .catalogue import Catalogue
    from .searchterms import TermMatcher

WEIGHTS: dict[str, float] = {
    "title": 5.0, "author": 4.0, "key": 3.0, "tag": 3.0, "category": 2.5, "section": 2.0, "venue": 2.0,
    "summary": 1.0, "summary_zh": 1.0,
}
"""Points a field adds when a word is found in it exactly."""

QUALITY: dict[str, float] = {
    "phrase": 1.2, "exact": 1.0, "substring": 1.0, "plural": 0.9, "singular": 0.9, "prefix": 0.6, "typo": 0.6, "typo2": 0.4,
}
"""How much of the field's weight each kind of match earns."""

STORE_FROM = 5000
"""Catalogues of at least this many papers keep their folded search fields in the cache."""

FREE_FIELDS = ("title", "author", "key", "tag", "summary", "summary_zh", "category", "section", "venue")
"""Fields a word without ``field:`` is looked up in."""

_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_EXTRA = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE",
          "œ": "oe", "Œ": "OE", "þ": "th", "ı": "i", "‐": "-", "‑": "-", "–": "-", "—": "-", "’": "'"}
_EXTRA_RE = re.compile("[" + "".join(_EXTRA) + "]")
_CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]")
_WORD = re.compile(r"\w{3,}")
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def fold_fast(text: str) -> str:
    """:func:`sora_refs.text.fold` with C-speed paths, for indexing a whole catalogue.

    ASCII text (most of it) only needs lower-casing; the rest is decomposed and its accents
    removed with one regular expression instead of a loop over characters.
    """
    if text.isascii():
        return text.lower()
    if _EXTRA_RE.search(text):  # str.translate with a table is slow on long non-ASCII text
        text = _EXTRA_RE.sub(lambda m: _EXTRA[m.group()], text)
    text = unicodedata.normalize("NFKD", text)
    return (_COMBINING.sub("", text) if _COMBINING.search(text) else text).casefold()


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


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


class _Field:
    """One field of every paper, folded and joined into one string searched with ``str.find``."""

    def __init__(self, parts: list[str]) -> None:
        """``parts``: each paper's text, already folded."""
        self.offsets: list[int] = []
        position = 0
        for part in parts:
            self.offsets.append(position)
            position += len(part) + 1
        self.text = "\n".join(parts)

    @classmethod
    def stored(cls, text: str, offsets: list[int]) -> _Field:
        """A field as :meth:`state` gave it (from the cache)."""
        field = cls.__new__(cls)
        field.text, field.offsets = text, offsets
        return field

    def state(self) -> tuple[str, list[int]]:
        return self.text, self.offsets

    def find(self, word: str, whole: bool, cjk: bool) -> dict[int, str]:
        """Papers (by index) where ``word`` occurs: ``exact`` or, when not ``whole``, ``prefix``.

        After an exact hit the scan jumps to the next paper, so a common word costs one step per
        paper that has it, not one per occurrence.
        """
        found: dict[int, str] = {}
        text, offsets, size, length = self.text, self.offsets, len(word), len(self.text)
        last = len(offsets) - 1
        index = 0
        start = text.find(word)
        while start != -1:
            end = start + size
            if cjk or start == 0 or not _is_word_char(text[start - 1]):
                exact = cjk or end >= length or not _is_word_char(text[end])
                if exact or not whole:
                    index = bisect.bisect_right(offsets, start, index) - 1
                    if exact:
                        found[index] = "exact"
                        if index == last:
                            break
                        start = text.find(word, offsets[index + 1])
                        continue
                    found.setdefault(index, "prefix")
            start = text.find(word, start + 1)
        return found


class SearchIndex:
    """The catalogue's fields folded once, and the vocabulary for typos built when first needed."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.papers: tuple[Paper, ...] = catalogue.papers
        self._fields: dict[str, _Field] = {}
        self._groups: dict[str, dict[str, tuple[str, list[int]]]] = {}
        self._vocabulary: set[str] | None = None
        # A large catalogue read from a file keeps its folded fields in the cache beside it:
        # folding 100,000 papers costs a second, reading them back a fraction of that.
        self._source = catalogue.cache_source if len(self.papers) >= STORE_FROM else None
        self._stored: dict | None = None
        self._changed = False

    def _from_store(self, kind: str, name: str) -> object | None:
        if self._source is None:
            return None
        if self._stored is None:
            from .reading import cache

            stored = cache.read_derived(self._source, "search")
            self._stored = stored if isinstance(stored, dict) else {"fields": {}, "groups": {}}
        return self._stored[kind].get(name)

    def save(self) -> None:
        """Store what was folded for the next process (large catalogues only)."""
        if self._source is None or not self._changed:
            return
        from .reading import cache

        cache.write_derived(self._source, "search", {
            "fields": {name: field.state() for name, field in self._fields.items()},
            "groups": dict(self._groups),
        })
        self._changed = False

    def _values(self, name: str) -> list[str]:
        """Each paper's text for field ``name``, folded; repeated names and tags folded once."""
        papers = self.papers
        if name == "title":
            return [fold_fast(p.title) for p in papers]
        if name == "summary":
            return [fold_fast(p.summary) if p.summary else "" for p in papers]
        if name == "summary_zh":
            return [fold_fast(p.summary_zh) if p.summary_zh else "" for p in papers]
        if name == "key":
            return [fold_fast(" ".join(filter(None, (p.key, None if p.ref is None else str(p.ref), p.ids.arxiv,
                                                     p.ids.doi)))) for p in papers]
        memo: dict[object, str] = {}
        values = []
        for paper in papers:
            if name == "author":
                value = "; ".join(memo.get(a) or memo.setdefault(a, fold_fast(a)) for a in paper.authors)
            else:  # tag: "latent-diffusion" also as two words, so that phrases find it
                value = memo.get(paper.tags) or memo.setdefault(
                    paper.tags, fold_fast(" ".join(t.replace("-", " ") + " " + t for t in paper.tags)))
            values.append(value)
        return values

    def field(self, name: str) -> _Field:
        """A per-paper field, folded on first use."""
        if name not in self._fields:
            stored = self._from_store("fields", name)
            if stored is not None:
                self._fields[name] = _Field.stored(*stored)  # type: ignore[misc]
            else:
                self._fields[name] = _Field(self._values(name))
                self._changed = True
        return self._fields[name]

    def groups(self, name: str) -> dict[str, tuple[str, list[int]]]:
        """For category, section, venue and tag: value -> (folded searchable names, paper indices)."""
        if name not in self._groups:
            stored = self._from_store("groups", name)
            if stored is not None:
                self._groups[name] = stored  # type: ignore[assignment]
            else:
                self._groups[name] = self._build_groups(name)
                self._changed = True
        return self._groups[name]

    def _build_groups(self, name: str) -> dict[str, tuple[str, list[int]]]:
        members: dict[str, list[int]] = {}
        if name == "tag":
            for index, paper in enumerate(self.papers):
                for tag in paper.tags:
                    members.setdefault(tag, []).append(index)
            return {fold_fast(tag): (fold_fast(tag), indices) for tag, indices in members.items()}
        if name == "venue":
            for index, paper in enumerate(self.papers):
                members.setdefault(paper.venue, []).append(index)
                if paper.cited and paper.cited.venue != paper.venue:
                    members.setdefault(paper.cited.venue, []).append(index)
            # not the full name: "vision" should not find every ICCV paper
            return {venue: (fold_fast(venue), indices) for venue, indices in members.items()}
        for index, paper in enumerate(self.papers):
            value = paper.category if name == "category" else paper.section
            if value:
                members.setdefault(value, []).append(index)
        names: dict[str, tuple[str, list[int]]] = {}
        for value, indices in members.items():
            found = self.catalogue.category(value) if name == "category" else self.catalogue.section(value)
            texts = [value.replace("-", " "), found.name, found.name_zh or ""] if found else [value]
            names[value] = (fold_fast("\n".join(texts)), indices)
        return names

    @property
    def vocabulary(self) -> set[str]:
        """Words of three letters or more in titles, authors, tags and names: typo targets."""
        if self._vocabulary is None:
            words: set[str] = set(_WORD.findall(self.field("title").text))
            authors = {a for p in self.papers for a in p.authors}  # each name once, however many papers
            words.update(_WORD.findall(fold_fast("\n".join(authors))))
            for group in ("tag", "category", "section", "venue"):
                for text, _ in self.groups(group).values():
                    words.update(_WORD.findall(text))
            self._vocabulary = words
        return self._vocabulary

    def corrections(self, word: str) -> dict[str, str]:
        """Vocabulary words one typo from ``word`` (two for long words): word -> ``typo``/``typo2``."""
        if len(word) < 4 or not word.isalnum():
            return {}
        vocabulary = self.vocabulary
        alphabet = _ALPHABET + "".join(set(word) - set(_ALPHABET))
        first = _edits(word, alphabet)
        found = {w: "typo" for w in first & vocabulary if w != word}
        if not found and len(word) >= 8:
            lengths = range(len(word) - 2, len(word) + 3)
            candidates = {w for w in vocabulary if len(w) in lengths}
            found = {w: "typo2" for e in first for w in _edits(e, alphabet) & candidates if w != word}
        return found


def _edits(word: str, alphabet: str) -> set[str]:
    """Every string one deletion, swap, replacement or insertion away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    result = {a + b[1:] for a, b in splits if b}
    result.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    result.update(a + c + b[1:] for a, b in splits if b for c in alphabet)
    result.update(a + c + b for a, b in splits for c in alphabet)
    return result


_INDEXES: weakref.WeakKeyDictionary[Catalogue, SearchIndex] = weakref.WeakKeyDictionary()


def index_for(catalogue: Catalogue) -> SearchIndex:
    """The catalogue's search index, built once and kept as long as the catalogue lives."""
    index = _INDEXES.get(catalogue)
    if index is None:
        index = _INDEXES[catalogue] = SearchIndex(catalogue)
    return index


def search(catalogue: Catalogue, query: str | ParsedQuery, limit: int | None = None) -> list[Hit]:
    """The papers matching ``query``, best first (ties in catalogue order), at most ``limit``.

    Raises :class:`UsageError` pointing at a malformed term or an unknown category, section,
    venue or tag (with a did-you-mean).
    """
    from .searchterms import TermMatcher

    if limit is not None and limit < 0:
        raise UsageError("limit must be zero or more")
    parsed = parse(query) if isinstance(query, str) else query
    hits = _run(catalogue, parsed, limit, TermMatcher(index_for(catalogue), parsed.text))
    if not hits and any(not t.negated and t.field in (None, "title", "author") for t in parsed.terms):
        # Every word was found somewhere, but not together: one may be a typo that happens to
        # be a word too ("word models"), so try again forgiving typos in every word.
        hits = _run(catalogue, parsed, limit, TermMatcher(index_for(catalogue), parsed.text, eager_typos=True))
    index_for(catalogue).save()
    return hits


def _run(catalogue: Catalogue, parsed: ParsedQuery, limit: int | None, matcher: TermMatcher) -> list[Hit]:
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
            for field, found in by_field.items():
                weight = WEIGHTS.get(field, 0.0)
                for paper, (how, _) in found.items():
                    clause_scores[paper] = clause_scores.get(paper, 0.0) + weight * QUALITY.get(how, 0.0)
        if scores is None:
            scores = clause_scores
        else:
            scores = {i: s + clause_scores[i] for i, s in scores.items() if i in clause_scores}
    if scores is None:  # only exclusions
        scores = dict.fromkeys(range(len(catalogue.papers)), 0.0)
    for paper in excluded:
        scores.pop(paper, None)
    ranked = sorted(scores, key=lambda i: (-scores[i], i))
    if limit:
        ranked = ranked[:limit]
    elif limit == 0:
        ranked = []
    papers = catalogue.papers
    hits = []
    for i in ranked:
        matches = tuple(
            Match(str(term), field, word, how, round(WEIGHTS.get(field, 0.0) * QUALITY.get(how, 0.0), 2))
            for term, by_field in results for field, found in by_field.items() if i in found
            for how, word in (found[i],))
        hits.append(Hit(papers[i], round(scores[i], 2), matches))
    return hits


def highlight_spans(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """Where in ``text`` (original spelling) the folded ``words`` start a word, as (start, end) pairs.

    Folding happens character by character so that positions map back to the original, even
    where folding changes the length ("ß" -> "ss").
    """
    folded_chars: list[str] = []
    origin: list[int] = []
    for position, char in enumerate(text):
        folded = fold_fast(char)
        folded_chars.append(folded)
        origin.extend([position] * len(folded))
    folded_text = "".join(folded_chars)
    spans: list[tuple[int, int]] = []
    for word in sorted(set(words), key=len, reverse=True):
        if not word:
            continue
        cjk = bool(_CJK.search(word))
        start = folded_text.find(word)
        while start != -1:
            end = start + len(word)
            if cjk or start == 0 or not _is_word_char(folded_text[start - 1]):
                if not cjk:  # extend a prefix match to the end of the word
                    while end < len(folded_text) and _is_word_char(folded_text[end]):
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


__all__ = ["Hit", "Match", "SearchIndex", "Term", "highlight_spans", "index_for", "parse", "query_error", "search"]
