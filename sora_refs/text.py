"""Text helpers shared by queries, search and validation: folding, CJK line joins and did-you-mean."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Letters that NFKD does not decompose into ASCII but people type without the mark.
_EXTRA_FOLDS = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "ı": "i",
    "‐": "-", "‑": "-", "–": "-", "—": "-", "’": "'", "·": " ",
})


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents, so that "Jürgen" and "jurgen" compare equal."""
    text = text.translate(_EXTRA_FOLDS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def did_you_mean(value: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice closest to ``value`` (ignoring case and accents), or None when nothing is close."""
    by_folded: dict[str, str] = {}
    for choice in choices:
        by_folded.setdefault(fold(choice), choice)
    folded = fold(value)
    if folded in by_folded:
        return by_folded[folded]
    import difflib  # only on the error path

    close = difflib.get_close_matches(folded, list(by_folded), n=1, cutoff=cutoff)
    return by_folded[close[0]] if close else None


def suggestion(value: str, choices: Iterable[str]) -> str | None:
    """A ready-made hint: ``did you mean 'x'?`` or None."""
    match = did_you_mean(value, choices)
    return f"did you mean '{match}'?" if match is not None else None


# Chinese and Japanese are written without spaces, but YAML folds a line break into one, so a
# summary wrapped between two ideographs reads "视频 生成". Full-width punctuation carries its own
# spacing, so a space on either side of it is a fold too.
_IDEOGRAPHIC = "\u2e80-\u2fff\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WIDE_PUNCT = "\u3000-\u303f\ufe30-\ufe4f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
_CJK_GAP = re.compile(
    f"(?<=[{_IDEOGRAPHIC}]) +(?=[{_IDEOGRAPHIC}])|(?<=[{_WIDE_PUNCT}]) +| +(?=[{_WIDE_PUNCT}])"
)


def join_cjk_folds(text: str) -> str:
    """``text`` without the spaces that line folding leaves between CJK characters and beside
    full-width punctuation; spaces between CJK and Latin words ("用 LSTM 编码器") stay."""
    if text.isascii():
        return text
    return _CJK_GAP.sub("", text)
