"""Citekeys: ASCII surname + year + first significant title word, made unique with a suffix.

The bundled catalogue's keys follow this rule (a test checks it), so a generated key looks
like the ones a curator wrote.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from ..names import family_name
from ..text import fold

STOP_WORDS = frozenset("a an the on of for with to in and is are from by using via at".split())
"""Title words skipped when picking the key's word."""

_LETTERS = re.compile(r"[a-z]+")


def ascii_letters(text: str) -> str:
    """``text`` folded to lower-case ASCII, letters only (``Sohl-Dickstein`` -> ``sohldickstein``)."""
    return "".join(_LETTERS.findall(fold(text)))


def surname(name: str) -> str:
    """The family name a key starts with: :func:`sora_refs.names.family_name`, but an
    organisation's first word (``{ACME Research Team}`` -> ``ACME``), to keep keys short."""
    name = name.strip()
    if name.startswith("{") and name.endswith("}"):
        words = name[1:-1].split()
        return words[0] if words else ""
    return family_name(name)


def first_word(title: str) -> str:
    """The first title word that is not a stop word, as lower-case ASCII letters."""
    for chunk in fold(title).split():
        word = ascii_letters(chunk.split("-")[0]) or ascii_letters(chunk)
        if word and word not in STOP_WORDS:
            return word
    return ""


def make_key(authors: Sequence[str], year: int | None, title: str) -> str:
    """The citekey the rule gives, without collision handling (``vaswani2017attention``)."""
    author = ascii_letters(surname(authors[0])) if authors else ""
    return f"{author or 'anon'}{year if year is not None else ''}{first_word(title) or 'untitled'}"


def unique_key(base: str, taken: Collection[str]) -> str:
    """``base``, or ``base`` + ``b``, ``c``, ... (then ``aa``...) until it is not in ``taken`` (case-blind)."""
    folded = {key.casefold() for key in taken}
    if base.casefold() not in folded:
        return base
    index = 1
    while True:
        suffix = _letters_suffix(index)
        if (base + suffix).casefold() not in folded:
            return base + suffix
        index += 1


def _letters_suffix(index: int) -> str:
    # 1 -> "b" (the unsuffixed key plays "a"), 25 -> "z", 26 -> "aa", ...: short and ordered.
    letters = "abcdefghijklmnopqrstuvwxyz"
    number = index + 1
    out = ""
    while number:
        number, rest = divmod(number - 1, 26)
        out = letters[rest] + out
    return out
