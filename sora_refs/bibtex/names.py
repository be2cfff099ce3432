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


def _word(word: str, ascii_only: bool, classic: int) -> str:
    text = escape(word, ascii_only)
    if classic and (not text.isascii() or "\\" in text):
        text = byte_safe(text, classic)
    # A literal "and" or a comma would split the name list or the name itself.
    if word.lower() == "and" or "," in word:
        return "{" + text + "}"
    return text


def _words(part: str, ascii_only: bool, classic: int) -> str:
    return " ".join(_word(w, ascii_only, classic) for w in part.split())


def byte_safe(text: str, width: int = 3) -> str:
    """``text`` with what classic BibTeX could cut in half made one "special character" to it.

    BibTeX counts bytes, not characters: the initial of ``Émile`` (abbrv, ieeetr, acm, siam...)
    and the first three letters of a family name in an alpha label (``Luč`` of ``Lučić``, ``AT\\``
    of ``AT\\&T``) would end inside a UTF-8 character or a command, which no engine can print. A
    brace group that starts with a command is one character to BibTeX, and ``\\relax`` prints
    nothing: ``{\\relax Ö}``, ``{\\&}``. Only the characters a style can cut at are wrapped: the
    first ``width`` of ``text``, and the first after a hyphen (``J.-É.``).
    """
    out: list[str] = []
    position = depth = index = 0
    while index < len(text):
        char = text[index]
        if depth == 0 and char == "-":
            position, width = -1, 1
        if depth == 0 and position < width and char == "\\" and index + 1 < len(text) and not text[index + 1].isalpha():
            char = "{" + text[index : index + 2] + "}"  # \& \% \$ \# \_
            index += 1
        elif depth == 0 and position < width and not char.isascii():
            char = "{\\relax " + char + "}"
        out.append(char)
        depth += (char == "{") - (char == "}")
        if depth == 0:
            position += 1
        index += 1
    return "".join(out)


@lru_cache(maxsize=65536)  # the same authors recur across a large catalogue
def format_name(full: str, ascii_only: bool = False, classic: bool = False) -> str:
    """``Brown, Tom B.`` for ``Tom B. Brown``; ``King, Jr., Martin Luther`` for ``Martin Luther King Jr.``.

    ``classic``: for classic (8-bit) BibTeX, which cuts names by bytes (:func:`byte_safe`).
    """
    inner = literal_name(full)
    if inner is not None:
        # The outer braces protect "and" and commas inside: no inner braces needed.
        text = " ".join(escape(word, ascii_only) for word in inner.split())
        if classic and byte_safe(text) != text:
            # {Łódź University}: alpha takes the first three characters inside the braces, where
            # BibTeX counts bytes; made one special character ({\relax ...}) it is never cut.
            return "{\\relax " + text + "}"
        return "{" + text + "}"
    first, last, suffix = split_name(full)
    # Classic BibTeX cuts the first letter of any name word (initials) and the first three of a
    # family name (alpha labels).
    initial, family = (1, 3) if classic else (0, 0)
    if not first and not suffix:
        # One word (a mononym or an organisation): braced so that no style splits it.
        words = _words(last, ascii_only, family)
        return "{" + words + "}" if " " in last else words
    parts = [_words(last, ascii_only, family)]
    if suffix:
        parts.append(_words(suffix, ascii_only, initial))
    if first:
        parts.append(_words(first, ascii_only, initial))
    return ", ".join(parts)


def format_names(names: list[str] | tuple[str, ...], ascii_only: bool = False, classic: bool = False) -> str:
    """A BibTeX name list: ``Last, First and Last, First``."""
    return " and ".join(format_name(n, ascii_only, classic) for n in names)


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
