"""The search query language: words, "quoted phrases", field:terms, OR, -NOT.

    diffusion transformer            both words (AND is the default)
    "latent diffusion"               the words next to each other, in this order
    author:ho year:2020-2022         field terms; a field's value may be quoted: author:"jonathan ho"
    gan OR rnn                       either; OR binds its two neighbours, tighter than AND
    diffusion -video                 NOT: leave out papers that match -video

The parser knows only the syntax; which categories, venues or tags exist is checked by
:mod:`sora_refs.search` against the catalogue. Every error names the bad term and points at it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import UsageError
from ..text import cells

TEXT_FIELDS = ("title", "author", "key")
"""Fields whose value is text matched like a free word, but only in that field."""

FILTER_FIELDS = ("year", "venue", "category", "section", "tag", "status", "note")
"""Fields whose value selects papers without being searched as text (``status:`` and ``note:`` read
the reader's personal layer: reading status, and the words of their notes)."""

FIELDS = TEXT_FIELDS + FILTER_FIELDS
"""Every field a term may name."""

FIELD_ALIASES = {
    "authors": "author",
    "by": "author",
    "years": "year",
    "cat": "category",
    "categories": "category",
    "sec": "section",
    "tags": "tag",
    "notes": "note",
    "arxiv": "key",
    "doi": "key",
    "ref": "key",
}
"""Other names people type for a field."""

KEYWORDS = ("OR", "AND", "NOT")


@dataclass(frozen=True)
class Term:
    """One term of a query, with where it stood in the query text."""

    value: str
    """The word, phrase or field value, without quotes."""
    field: str | None = None
    """The field it is limited to (one of :data:`FIELDS`), or None for every field."""
    phrase: bool = False
    """True when it was quoted: its words must appear together, in order, spelt exactly."""
    negated: bool = False
    """True for ``-term`` or ``NOT term``: papers that match are left out."""
    start: int = 0
    """Offset of the term's first character in the query text."""
    end: int = 0
    """Offset just past the term's last character."""

    def __str__(self) -> str:
        value = f'"{self.value}"' if self.phrase or " " in self.value else self.value
        return ("-" if self.negated else "") + (f"{self.field}:" if self.field else "") + value


@dataclass(frozen=True)
class ParsedQuery:
    """A query as clauses that must all hold; each clause holds when any of its terms does."""

    text: str
    """The query as given."""
    clauses: tuple[tuple[Term, ...], ...]
    """AND of ORs."""

    @property
    def terms(self) -> list[Term]:
        """Every term, in query order."""
        return [term for clause in self.clauses for term in clause]


def query_error(text: str, start: int, end: int, message: str) -> UsageError:
    """A :class:`UsageError` whose message shows the query with the bad part underlined."""
    end = max(end, start + 1)  # the pointer is drawn in columns: a Chinese character takes two
    pointer = " " * cells(text[:start]) + "^" * cells(text[start:end] or " ")
    return UsageError(f"{message}\n  {text}\n  {pointer}")


def _resolve_field(name: str, text: str, start: int, end: int) -> str:
    lowered = name.lower()
    if lowered in FIELDS:
        return lowered
    if lowered in FIELD_ALIASES:
        return FIELD_ALIASES[lowered]
    from ..suggest import did_you_mean

    guess = did_you_mean(lowered, FIELDS + tuple(FIELD_ALIASES))
    if guess:
        hint = f"did you mean '{FIELD_ALIASES.get(guess, guess)}:'?"
    else:
        hint = f"fields are {', '.join(f + ':' for f in FIELDS)}; quote the term to search for it as text"
    raise query_error(text, start, end, f"unknown field '{name}:' in the query; {hint}")


def _read_value(text: str, i: int) -> tuple[str, bool, int]:
    """Read a bare word or a quoted phrase at ``i``: (value, quoted, index after it)."""
    n = len(text)
    if i < n and text[i] in '"“”':
        close = i + 1
        while close < n and text[close] not in '"“”':
            close += 1
        if close >= n:
            raise query_error(text, i, n, 'unclosed quote in the query: a phrase needs a closing "')
        return text[i + 1 : close], True, close + 1
    j = i
    while j < n and not text[j].isspace():
        j += 1
    return text[i:j], False, j


def parse(text: str) -> ParsedQuery:
    """Parse a query; raise :class:`UsageError` pointing at the first malformed term."""
    if not text.strip():
        raise UsageError("empty query: give words to search for, e.g. 'diffusion' or 'author:ho year:2020-'")
    items: list[tuple[str, object, int, int]] = []  # ("term", Term) or ("op", "OR"/"NOT"), with offsets
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        negated = False
        if text[i] == "-" and i + 1 < n and not text[i + 1].isspace():
            negated, i = True, i + 1
        elif text[i] == "-":
            raise query_error(
                text, start, start + 1, "a lone '-' in the query: write -word to leave out papers that match word"
            )
        if text[i] in "()":
            raise query_error(
                text,
                i,
                i + 1,
                "brackets are not supported: words AND by default, and OR joins the two words next to it (gan OR rnn)",
            )
        field = None
        if text[i] not in '"“”':
            word_end = i
            while word_end < n and not text[word_end].isspace():
                word_end += 1
            colon = text.find(":", i, word_end)
            if colon > i and text[i:colon].replace("_", "").isalpha():
                field = _resolve_field(text[i:colon], text, start, colon + 1)
                i = colon + 1
                if i >= n or text[i].isspace():
                    raise query_error(
                        text, start, i, f"'{text[start:i]}' has no value: write {field}:VALUE, e.g. {_EXAMPLES[field]}"
                    )
        value, quoted, i = _read_value(text, i)
        if not quoted and not negated and field is None and value in KEYWORDS:
            items.append(("op", value, start, i))
            continue
        if not value.strip():
            raise query_error(text, start, i, "an empty phrase in the query")
        items.append(
            (
                "term",
                Term(value=value.strip(), field=field, phrase=quoted, negated=negated, start=start, end=i),
                start,
                i,
            )
        )
    return ParsedQuery(text=text, clauses=_combine(text, items))


_EXAMPLES = {
    "title": "title:transformer",
    "author": "author:ho",
    "key": "key:peebles2023scalable",
    "year": "year:2020-2022",
    "venue": "venue:icml",
    "category": "category:gan",
    "section": "section:architecture",
    "tag": "tag:video",
    "status": "status:read",
    "note": "note:baseline",
}


def _combine(text: str, items: list[tuple[str, object, int, int]]) -> tuple[tuple[Term, ...], ...]:
    """Apply NOT to the next term, then join terms around OR; everything else ANDs."""
    terms: list[tuple[str, object, int, int]] = []
    pending_not: tuple[int, int] | None = None
    for kind, value, start, end in items:
        if kind == "op" and value == "NOT":
            if pending_not:
                raise query_error(text, start, end, "NOT twice in a row")
            pending_not = (start, end)
            continue
        if kind == "op" and value == "AND":
            if pending_not:
                raise query_error(text, *pending_not, "NOT needs a term after it")
            if not terms or terms[-1][0] == "op":
                raise query_error(text, start, end, "AND needs a term on each side")
            continue  # AND is what terms do anyway
        if pending_not:
            if kind == "op":
                raise query_error(text, *pending_not, "NOT needs a term after it")
            term = value
            assert isinstance(term, Term)
            value = Term(term.value, term.field, term.phrase, True, pending_not[0], term.end)
            start = pending_not[0]
            pending_not = None
        terms.append((kind, value, start, end))
    if pending_not:
        raise query_error(text, *pending_not, "NOT needs a term after it")

    clauses: list[list[Term]] = []
    joining = False
    for index, (kind, value, start, end) in enumerate(terms):
        if kind == "op":  # OR
            if not clauses or joining or index == len(terms) - 1:
                raise query_error(text, start, end, "OR needs a term on each side (gan OR rnn)")
            joining = True
            continue
        assert isinstance(value, Term)
        if joining:
            clauses[-1].append(value)
            joining = False
        else:
            clauses.append([value])
    for clause in clauses:
        if len(clause) > 1 and any(t.negated for t in clause):
            bad = next(t for t in clause if t.negated)
            raise query_error(text, bad.start, bad.end, "a -term cannot be one side of OR; write it as a separate term")
    return tuple(tuple(clause) for clause in clauses)
