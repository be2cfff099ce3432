"""Folding text for comparison (one table of letters, two speeds), what counts as a word, CJK line joins."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

FOLDS: dict[str, str] = {
    "ł": "l",
    "Ł": "L",
    "ø": "o",
    "Ø": "O",
    "đ": "d",
    "Đ": "D",
    "ß": "ss",
    "æ": "ae",
    "Æ": "AE",
    "œ": "oe",
    "Œ": "OE",
    "þ": "th",
    "ı": "i",
    "‐": "-",
    "‑": "-",
    "–": "-",
    "—": "-",
    "’": "'",
    "·": " ",
}
"""Letters that NFKD does not decompose into ASCII but people type without the mark.

The one table both :func:`fold` and :func:`fold_fast` use, so that ``list -a`` and
``search author:`` cannot disagree.
"""

_FOLD_TABLE = str.maketrans(FOLDS)
_FOLD_RE = re.compile("[" + "".join(FOLDS) + "]")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


class _LazyPattern:
    """A regular expression compiled on first use. Classes of whole Unicode blocks take
    milliseconds to compile, which every command would pay at start-up for nothing."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern)
        return getattr(self._compiled, name)


CJK: re.Pattern[str] = _LazyPattern("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]")  # type: ignore[assignment]
"""Chinese, Japanese and Korean characters: words without spaces between them."""


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents, so that "Jürgen" and "jurgen" compare equal."""
    text = text.translate(_FOLD_TABLE)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold_fast(text: str) -> str:
    """:func:`fold` with C-speed paths, for indexing a whole catalogue.

    ASCII text (most of it) only needs lower-casing; the rest is decomposed and its accents
    removed with one regular expression instead of a loop over characters.
    """
    if text.isascii():
        return text.lower()
    if _FOLD_RE.search(text):  # str.translate with a table is slow on long non-ASCII text
        text = _FOLD_RE.sub(lambda m: FOLDS[m.group()], text)
    text = unicodedata.normalize("NFKD", text)
    return (_COMBINING.sub("", text) if _COMBINING.search(text) else text).casefold()


def fold_lower(text: str) -> str:
    """:func:`fold_fast` with ``lower`` in place of ``casefold``: what the web page's script folds to.

    JavaScript has no ``casefold``; its ``toLowerCase`` is Python's ``lower``. The page ships the
    folded text only where this differs from :func:`fold_fast` (sora_refs/search/export.py).
    """
    if text.isascii():
        return text.lower()
    if _FOLD_RE.search(text):
        text = _FOLD_RE.sub(lambda m: FOLDS[m.group()], text)
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).lower()


def is_word_char(char: str) -> bool:
    """Whether ``char`` continues a word (for whole-word and prefix matching)."""
    return char.isalnum() or char == "_"


# Chinese and Japanese are written without spaces, but YAML folds a line break into one, so a
# summary wrapped between two ideographs reads "视频 生成". Full-width punctuation carries its own
# spacing, so a space on either side of it is a fold too.
_IDEOGRAPHIC = "\u2e80-\u2fff\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WIDE_PUNCT = "\u3000-\u303f\ufe30-\ufe4f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
_CJK_GAP: re.Pattern[str] = _LazyPattern(  # type: ignore[assignment]
    f"(?<=[{_IDEOGRAPHIC}]) +(?=[{_IDEOGRAPHIC}])|(?<=[{_WIDE_PUNCT}]) +| +(?=[{_WIDE_PUNCT}])"
)


def join_cjk_folds(text: str) -> str:
    """``text`` without the spaces that line folding leaves between CJK characters and beside
    full-width punctuation; spaces between CJK and Latin words ("用 LSTM 编码器") stay."""
    if text.isascii():
        return text
    return _CJK_GAP.sub("", text)


# -- text from outside: what may reach a terminal or a row -------------------------------------------

FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters a catalogue may not hold: they act on a terminal instead of being shown.

C0 controls but tab and newline (ESC starts every terminal escape: window titles, the clipboard,
links, clearing the screen; CR and VT rewrite what is on the line), DEL, C1 controls (0x9b is a
one-byte CSI for some terminals), and the bidirectional embeddings, overrides and isolates that
make text display in another order than it reads ("Trojan Source").
"""

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""What never reaches a terminal or a TSV/CSV row raw: :data:`FORBIDDEN`, and the Unicode line and
paragraph separators (new lines to some programs, not to line-based tools: one row would become two)."""

_CHAR_NAMES = {
    "\x00": "NUL",
    "\x07": "BELL",
    "\x08": "BACKSPACE",
    "\x0b": "VERTICAL TAB",
    "\x0c": "FORM FEED",
    "\r": "CARRIAGE RETURN",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
    "\x9b": "CSI",
}


def first_forbidden(text: str) -> str | None:
    """The first :data:`FORBIDDEN` character of ``text``, or None (fast for ordinary text)."""
    if text.isprintable():  # C speed; every forbidden character is unprintable
        return None
    match = FORBIDDEN.search(text)
    return match.group() if match else None


def describe_char(char: str) -> str:
    """``U+001B (ESCAPE)``: a character named for a message."""
    name = _CHAR_NAMES.get(char) or unicodedata.name(char, "a control character")
    return f"U+{ord(char):04X} ({name})"


def cells(text: str) -> int:
    """Terminal columns ``text`` takes: two for wide (CJK) characters, none for combining marks."""
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def escape_unsafe(text: str) -> str:
    """``text`` with every :data:`UNSAFE` character written as a visible escape (``\\x1b``, ``\\u202e``)."""
    if text.isprintable() or not UNSAFE.search(text):
        return text
    return UNSAFE.sub(_escape, text)


def one_line(text: str, limit: int = 200) -> str:
    """Text from a server (a reason phrase, a Content-Type) made safe to print on one line.

    Unsafe characters, newlines and tabs are escaped; anything longer than ``limit`` is cut.
    """
    text = escape_unsafe(text).replace("\n", "\\n").replace("\t", "\\t")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
