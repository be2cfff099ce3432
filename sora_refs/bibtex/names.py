"""Author names between the catalogue's ``First Last`` and BibTeX's ``Last, First and ...``.

A name wholly in braces, such as ``{ACME Research Team}``, is one unit, as in BibTeX (where a
name in braces is one last name): never split into given and family names, exported braced,
shown without its braces (:func:`plain_name`). The catalogue keeps the braces because nothing
else could tell ``{Jean Paul Sartre}`` (an organisation's way of writing) from ``Jean Paul
Sartre``; import stores a brace-protected name with spaces that way, so it round-trips.
How a name splits is :mod:`sora_refs.names`'s one rule; this module writes and reads BibTeX's form.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..names import literal_name, split_name
from .latex import escape, unescape


def plain_name(full: str) -> str:
    """``full`` as readers see it: ``ACME Research Team`` for ``{ACME Research Team}``."""
    inner = literal_name(full)
    return full if inner is None else inner


def _word(word: str, ascii_only: bool) -> str:
    text = escape(word, ascii_only)
    # A literal "and" or a comma would split the name list or the name itself.
    if word.lower() == "and" or "," in word:
        return "{" + text + "}"
    return text


def _words(part: str, ascii_only: bool) -> str:
    return " ".join(_word(w, ascii_only) for w in part.split())


@lru_cache(maxsize=65536)  # the same authors recur across a large catalogue
def format_name(full: str, ascii_only: bool = False) -> str:
    """``Brown, Tom B.`` for ``Tom B. Brown``; ``King, Jr., Martin Luther`` for ``Martin Luther King Jr.``."""
    inner = literal_name(full)
    if inner is not None:
        # The outer braces protect "and" and commas inside: no inner braces needed.
        return "{" + " ".join(escape(word, ascii_only) for word in inner.split()) + "}"
    first, last, suffix = split_name(full)
    if not first and not suffix:
        # One word (a mononym or an organisation): braced so that no style splits it.
        return "{" + _words(last, ascii_only) + "}" if " " in last else _words(last, ascii_only)
    parts = [_words(last, ascii_only)]
    if suffix:
        parts.append(_words(suffix, ascii_only))
    if first:
        parts.append(_words(first, ascii_only))
    return ", ".join(parts)


def format_names(names: list[str] | tuple[str, ...], ascii_only: bool = False) -> str:
    """A BibTeX name list: ``Last, First and Last, First``."""
    return " and ".join(format_name(n, ascii_only) for n in names)


_AND = re.compile(r" and ", re.I)
_SUFFIX_COMMA = re.compile(r",\s*(Jr\.?|Sr\.?|II|III|IV)$")


def _split_top(text: str, separator: str) -> list[str]:
    """Split ``text`` on ``separator`` outside braces (case-blind for " and ")."""
    if "{" not in text and "\\" not in text:  # the common case: no group to respect
        return _AND.split(text) if separator == " and " else text.split(separator)
    parts, depth, start, index = [], 0, 0, 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(0, depth - 1)
        elif depth == 0 and text[index : index + len(separator)].lower() == separator:
            parts.append(text[start:index])
            index += len(separator)
            start = index
            continue
        index += 1
    parts.append(text[start:])
    return parts


def _braced_whole(raw: str) -> str | None:
    """The inside of ``raw`` when one brace group spans all of it (``\\{`` is not a brace)."""
    if len(raw) < 2 or raw[0] != "{" or raw[-1] != "}":
        return None
    depth, index = 0, 0
    while index < len(raw):
        char = raw[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return raw[1:-1] if index == len(raw) - 1 else None
        index += 1
    return None


def parse_names(field: str) -> list[str]:
    """Full ``First von Last Jr.`` names from a BibTeX name list, LaTeX decoded."""
    field = " ".join(field.split())
    names = []
    for raw in _split_top(field, " and "):
        raw = raw.strip()
        if not raw:
            continue
        protected = _braced_whole(raw)
        if protected is not None:
            # "{ACME Research Team}": one name; kept in braces when it has several words.
            inner = " ".join(unescape(protected).split())
            names.append("{" + inner + "}" if literal_name("{" + inner + "}") is not None else inner)
            continue
        pieces = [p.strip() for p in _split_top(raw, ",")]
        if len(pieces) == 1:
            full = pieces[0]
        elif len(pieces) == 2:
            full = f"{pieces[1]} {pieces[0]}"
        else:  # von Last, Jr, First
            full = f"{pieces[2]} {pieces[0]} {pieces[1]}"
        # "Herbert S. {Bailey, Jr.}": the comma was only there to keep the suffix; "Bailey Jr." reads alike.
        names.append(_SUFFIX_COMMA.sub(r" \1", " ".join(unescape(full).split())))
    return names
