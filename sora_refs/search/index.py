"""The search index: each field of a catalogue folded once, and the vocabulary for typos.

Speed on large catalogues (100,000 papers) comes from indexing each field once per catalogue as
one folded string, searched with ``str.find`` (C speed) instead of per-paper Python loops. Typos
are resolved against a vocabulary of the words in titles, authors, keys, tags and names, built
only when a word is found nowhere as typed.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..models import Paper
from ..text import fold_fast, is_word_char

if TYPE_CHECKING:
    from ..catalogue import Catalogue

WEIGHTS: dict[str, float] = {
    "title": 5.0,
    "author": 4.0,
    "key": 3.0,
    "tag": 3.0,
    "category": 2.5,
    "section": 2.0,
    "venue": 2.0,
    "summary": 1.0,
    "summary_zh": 1.0,
    "note": 1.0,
}
"""Points a field adds when a word is found in it exactly."""

QUALITY: dict[str, float] = {
    "phrase": 1.2,
    "exact": 1.0,
    "substring": 1.0,
    "plural": 0.9,
    "singular": 0.9,
    "prefix": 0.6,
    "typo": 0.6,
    "typo2": 0.4,
}
"""How much of the field's weight each kind of match earns."""

STORE_FROM = 5000
"""Catalogues of at least this many papers keep their folded search fields in the cache."""

FREE_FIELDS = ("title", "author", "key", "tag", "summary", "summary_zh", "category", "section", "venue")
"""Fields a word without ``field:`` is looked up in."""

_WORD = re.compile(r"\w{3,}")
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


TEXT_FIELDS = ("title", "author", "key", "tag", "summary", "summary_zh")
"""Fields held per paper (the others, category, section and venue, are looked up by group)."""

_WORD_RUN = re.compile(r"\w+")
"""A word as :func:`~sora_refs.text.is_word_char` sees it (``\\w`` is ``str.isalnum()`` or ``_``)."""


class _Field:
    """One field of every paper, folded and joined into one string searched with ``str.find``.

    A program that searches again and again (``sora-refs browse``, on each keystroke) can also
    index its words (:meth:`index_words`): a word is then looked up instead of scanned for, with
    the same answers.
    """

    positions: Sequence[int] = range(0)
    """``positions[i] == i``: papers are named by these int objects, one per paper for every answer
    (a large int is an object of its own: thousands of answers would otherwise hold thousands of copies)."""
    words: dict[str, array[int]] | None = None
    """Each word (a run of word characters) -> the papers it is in, once built."""
    ordered: list[str] = []
    """The words of :attr:`words`, sorted, for prefixes."""

    def __init__(self, parts: list[str]) -> None:
        """``parts``: each paper's text, already folded."""
        # Where each paper's text starts: a compact array (8 bytes a paper, not 36 for a list of ints).
        self.offsets: array[int] = array("q")
        position = 0
        for part in parts:
            self.offsets.append(position)
            position += len(part) + 1
        self.text = "\n".join(parts)

    @classmethod
    def stored(cls, text: str, offsets: bytes) -> _Field:
        """A field as :meth:`state` gave it (from the cache)."""
        field = cls.__new__(cls)
        field.text, field.offsets = text, array("q")
        field.offsets.frombytes(offsets)
        return field

    def state(self) -> tuple[str, bytes]:
        return self.text, self.offsets.tobytes()

    def index_words(self) -> None:
        """Build :attr:`words`: for a whole catalogue, about a second per 100,000 papers and field."""
        words: dict[str, array[int]] = {}
        text, offsets = self.text, self.offsets
        ends = [*offsets[1:], len(text) + 1]
        findall = _WORD_RUN.findall
        kind = "H" if len(offsets) <= 0xFFFF else "i"  # two bytes a paper where that can number them all
        for index, (start, end) in enumerate(zip(offsets, ends)):
            for word in set(findall(text, start, end - 1)):
                found = words.get(word)
                if found is None:
                    words[word] = array(kind, (index,))
                else:
                    found.append(index)  # straight into compact arrays: no list of objects to free
        self.ordered = sorted(words)
        self.words = words  # last: a search in another thread uses the index only once it is whole

    def find(self, word: str, whole: bool, cjk: bool) -> dict[int, str]:
        """Papers (by index) where ``word`` occurs: ``exact`` or, when not ``whole``, ``prefix``.

        After an exact hit the scan jumps to the next paper, so a common word costs one step per
        paper that has it, not one per occurrence.
        """
        words = self.words
        paper = self.positions.__getitem__
        if words is not None and not cjk and _WORD_RUN.fullmatch(word):
            papers = words.get(word, ())
            if whole:
                return dict.fromkeys(map(paper, papers), "exact")
            found: dict[int, str] = {}
            ordered = self.ordered
            position = bisect.bisect_left(ordered, word)
            while position < len(ordered) and ordered[position].startswith(word):
                if ordered[position] != word:
                    found.update(dict.fromkeys(map(paper, words[ordered[position]]), "prefix"))
                position += 1
            found.update(dict.fromkeys(map(paper, papers), "exact"))
            return found
        found = {}
        text, offsets, size, length = self.text, self.offsets, len(word), len(self.text)
        last = len(offsets) - 1
        index = 0
        start = text.find(word)
        while start != -1:
            end = start + size
            if cjk or start == 0 or not is_word_char(text[start - 1]):
                exact = cjk or end >= length or not is_word_char(text[end])
                if exact or not whole:
                    index = bisect.bisect_right(offsets, start, index) - 1
                    if exact:
                        found[paper(index)] = "exact"
                        if index == last:
                            break
                        start = text.find(word, offsets[index + 1])
                        continue
                    found.setdefault(paper(index), "prefix")
            start = text.find(word, start + 1)
        return found


class SearchIndex:
    """The catalogue's fields folded once, and the vocabulary for typos built when first needed."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.papers: tuple[Paper, ...] = catalogue.papers
        self._fields: dict[str, _Field] = {}
        self._groups: dict[str, dict[str, tuple[str, array[int]]]] = {}
        self._vocabulary: set[str] | None = None
        self.positions: list[int] = list(range(len(self.papers)))
        """``positions[i] == i``, the one int object per paper that every answer uses (see :attr:`_Field.positions`)."""
        # A large catalogue read from a file keeps its folded fields in the cache beside it:
        # folding 100,000 papers costs a second, reading them back a fraction of that. One entry
        # per field, read when the field is first searched: a program that never searches the
        # Chinese summaries never holds them.
        self._source = catalogue.cache_source if len(self.papers) >= STORE_FROM else None
        self._stored_groups: dict[str, Any] | None = None
        self._changed: set[str] = set()

    def _read_store(self, name: str) -> Any | None:
        if self._source is None:
            return None
        from ..reading import cache

        return cache.read_derived(self._source, f"search-{name}")

    def save(self) -> None:
        """Store what was folded for the next process (large catalogues only)."""
        if self._source is None or not self._changed:
            return
        from ..reading import cache

        for name in sorted(self._changed):
            if name == "groups":
                groups = dict(self._stored_groups or {})  # stored but not used by this process: kept
                groups.update(
                    (group, {value: [names, indices.tobytes()] for value, (names, indices) in values.items()})
                    for group, values in self._groups.items()
                )
                cache.write_derived(self._source, "search-groups", groups)
            else:
                cache.write_derived(self._source, f"search-{name}", list(self._fields[name].state()))
        self._changed.clear()

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
            return [
                fold_fast(
                    " ".join(filter(None, (p.key, None if p.ref is None else str(p.ref), p.ids.arxiv, p.ids.doi)))
                )
                for p in papers
            ]
        memo: dict[object, str] = {}
        values = []
        for paper in papers:
            if name == "author":
                value = "; ".join(memo.get(a) or memo.setdefault(a, fold_fast(a)) for a in paper.authors)
            else:  # tag: "latent-diffusion" also as two words, so that phrases find it
                value = memo.get(paper.tags) or memo.setdefault(
                    paper.tags, fold_fast(" ".join(t.replace("-", " ") + " " + t for t in paper.tags))
                )
            values.append(value)
        return values

    def field(self, name: str) -> _Field:
        """A per-paper field, folded on first use."""
        if name not in self._fields:
            stored = self._read_store(name)
            if isinstance(stored, list) and len(stored) == 2 and isinstance(stored[1], bytes):
                field = _Field.stored(*stored)
            else:
                field = _Field(self._values(name))
                self._changed.add(name)
            field.positions = self.positions
            self._fields[name] = field
        return self._fields[name]

    def index_words(self) -> None:
        """Index the words of every per-paper field (see :meth:`_Field.index_words`); searches answer the same."""
        for name in TEXT_FIELDS:
            # key: a word per paper, unique - an index as large as the field, for little; summary_zh:
            # searched only for Chinese, which is scanned for (no spaces between its words)
            if name in ("key", "summary_zh"):
                continue
            field = self.field(name)
            if field.words is None:
                field.index_words()

    def groups(self, name: str) -> dict[str, tuple[str, array[int]]]:
        """For category, section, venue and tag: value -> (folded searchable names, paper indices)."""
        if name not in self._groups:
            if self._stored_groups is None:
                stored = self._read_store("groups")
                self._stored_groups = stored if isinstance(stored, dict) else {}
            stored = self._stored_groups.pop(name, None)
            if isinstance(stored, dict):
                self._groups[name] = {value: (names, _indices(indices)) for value, (names, indices) in stored.items()}
            else:
                self._groups[name] = self._build_groups(name)
                self._changed.add("groups")
        return self._groups[name]

    def _build_groups(self, name: str) -> dict[str, tuple[str, array[int]]]:
        """Each value's folded names and papers (a compact array: a tag may be on 100,000 papers)."""
        return {value: (names, array("i", indices)) for value, (names, indices) in self._group_lists(name).items()}

    def _group_lists(self, name: str) -> dict[str, tuple[str, list[int]]]:
        members: dict[str, list[int]] = {}
        if name == "tag":
            for index, paper in enumerate(self.papers):
                for tag in paper.tags:
                    members.setdefault(tag, []).append(index)
            return {fold_fast(tag): (fold_fast(tag), indices) for tag, indices in members.items()}
        if name == "venue":
            for index, paper in enumerate(self.papers):
                if paper.venue:
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
            # One word at a time into the set: a list of every word of every title first would be the
            # browser's peak memory (a few hundred thousand strings on 20,000 papers).
            words: set[str] = {m.group() for m in _WORD.finditer(self.field("title").text)}
            authors = {a for p in self.papers for a in p.authors}  # each name once, however many papers
            words.update(m.group() for m in _WORD.finditer(fold_fast("\n".join(authors))))
            for group in ("tag", "category", "section", "venue"):
                for text, _ in self.groups(group).values():
                    words.update(_WORD.findall(text))
            self._vocabulary = words
        return self._vocabulary

    def corrections(self, word: str) -> dict[str, str]:
        """Vocabulary words one typo from ``word`` (two for long words): word -> ``typo``/``typo2``.

        Bounded work: words longer than :data:`TYPO_MAX` letters are not corrected at all (a
        1,000-letter word took over a minute before the two-edit search met from both ends).
        """
        if len(word) < 4 or len(word) > TYPO_MAX or not word.isalnum():
            return {}
        vocabulary = self.vocabulary
        alphabet = _ALPHABET + "".join(set(word) - set(_ALPHABET))
        first = _edits(word, alphabet)
        found = {w: "typo" for w in first & vocabulary if w != word}
        if not found and len(word) >= 8:
            lengths = range(len(word) - 2, len(word) + 3)
            found = {
                w: "typo2"
                for w in vocabulary
                if len(w) in lengths and w != word and _two_edits_away(word, w, first, alphabet)
            }
        return found


TYPO_MAX = 40
"""Longest word typos are looked for in: no one mistyped a longer word, and its edits alone would
be a few thousand strings of its length for every search (a 1,000-letter word: 54 MB of them)."""


def _indices(stored: bytes) -> array[int]:
    found = array("i")
    found.frombytes(stored)
    return found


def _two_edits_away(word: str, other: str, first: set[str], alphabet: str) -> bool:
    """Whether ``other`` is in ``_edits(e, alphabet)`` for some ``e`` in ``first`` (``_edits(word, alphabet)``).

    The same answer as building every edit of every edit (hundreds of thousands of strings), from
    the other end: the strings ``other`` is one edit away from, met with ``first``. A cheap
    count of letters first rules out most words: two edits add at most two letters and remove
    at most two.
    """
    if not _letters_close(word, other):
        return False
    letters = set(alphabet)
    splits = [(other[:i], other[i:]) for i in range(len(other) + 1)]
    for a, b in splits:  # ``other`` lost a letter of e: put one back
        for c in alphabet:
            if a + c + b in first:
                return True
    for a, b in splits:
        if len(b) > 1 and a + b[1] + b[0] + b[2:] in first:  # two letters of e swapped
            return True
        if b and b[0] in letters:
            if a + b[1:] in first:  # a letter inserted into e
                return True
            for c in alphabet:  # a letter of e replaced
                if a + c + b[1:] in first:
                    return True
    return False


def _letters_close(word: str, other: str) -> bool:
    """At most two letters of each word missing from the other (counting repeats)."""
    from collections import Counter

    mine, theirs = Counter(word), Counter(other)
    return sum((mine - theirs).values()) <= 2 and sum((theirs - mine).values()) <= 2


def _edits(word: str, alphabet: str) -> set[str]:
    """Every string one deletion, swap, replacement or insertion away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    result = {a + b[1:] for a, b in splits if b}
    result.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    result.update(a + c + b[1:] for a, b in splits if b for c in alphabet)
    result.update(a + c + b for a, b in splits for c in alphabet)
    return result
