"""The statistics highlights as sentences, in English and Chinese.

Shared by ``sora-refs stats`` and the web page, so that both say the same thing the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .counts import format_percent

if TYPE_CHECKING:
    from .highlights import Highlight

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "share_of": "{n} of {d}, {p}",
        "preprints_cited": "Cited as {venues} preprints: {share}",
        "preprints_published": "Published as {venues} preprints only: {share}",
        "big_venues": "{venues} together: {share} ({each})",
        "other_venues": "Other venues: {each} ({share})",
        "span": "Years: {first}–{last}, a span of {years} years; oldest: {oldest}",
        "peak_year": "Peak year: {years}, with {share}",
        "recent": "Last {years} years ({first}–{last}): {share}",
        "no_year": "With no year: {share}",
        "paper": "{ref}{who} ({year}), {title}",
        "and": " and ",
        "sep": ", ",
        "et_al": "et al.",
    },
    "zh": {
        "share_of": "{d} 篇中 {n} 篇，{p}",
        "preprints_cited": "以 {venues} 预印本形式被引用：{share}",
        "preprints_published": "仅以 {venues} 预印本形式发表：{share}",
        "big_venues": "{venues} 合计：{share}（{each}）",
        "other_venues": "其他出处：{each}（{share}）",
        "span": "年份：{first}–{last}，跨度 {years} 年；最早：{oldest}",
        "peak_year": "论文最多的年份：{years} 年，{share}",
        "recent": "最近 {years} 年（{first}–{last}）：{share}",
        "no_year": "无年份：{share}",
        "paper": "{ref}{who}（{year}），{title}",
        "and": " 和 ",
        "sep": "、",
        "et_al": "等",
    },
}
"""Sentence templates per language."""


def share_text(numerator: int, denominator: int, lang: str = "en") -> str:
    """``12 of 32, 37.5%`` (``32 篇中 12 篇，37.5%``)."""
    words = WORDS.get(lang, WORDS["en"])
    return words["share_of"].format(n=numerator, d=denominator, p=format_percent(numerator, denominator))


def _join(names: Sequence[str], words: dict[str, str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return words["sep"].join(names[:-1]) + words["and"] + names[-1]


def _brief(paper: dict[str, Any], words: dict[str, str]) -> str:
    from ..names import short_authors

    who = short_authors(paper["authors"], et_al=words["et_al"])
    ref = f"[{paper['ref']}] " if paper["ref"] is not None else ""
    return words["paper"].format(ref=ref, who=who, year=paper["year"], title=paper["title"])


def highlight_text(item: Highlight, lang: str = "en") -> str:
    """One highlight of :func:`sora_refs.stats.highlights` as a sentence in ``lang``."""
    words = WORDS.get(lang, WORDS["en"])
    d = item.details
    share = share_text(item.numerator, item.denominator, lang)
    each = words["sep"].join(f"{v} {n}" for v, n in d.get("venues", {}).items())
    if item.kind == "preprints":
        key = "preprints_cited" if d["view"] == "cited" else "preprints_published"
        return words[key].format(venues=_join(list(d["venues"]), words), share=share)
    if item.kind == "big_venues":
        return words["big_venues"].format(venues=_join(list(d["venues"]), words), share=share, each=each)
    if item.kind == "other_venues":
        return words["other_venues"].format(each=each, share=share)
    if item.kind == "span":
        oldest = "; ".join(_brief(p, words) for p in d["oldest"])
        return words["span"].format(first=d["first"], last=d["last"], years=d["years"], oldest=oldest)
    if item.kind == "peak_year":
        return words["peak_year"].format(years=words["sep"].join(str(y) for y in d["years"]), share=share)
    if item.kind == "recent":
        return words["recent"].format(years=d["years"], first=d["first"], last=d["last"], share=share)
    if item.kind == "no_year":
        return words["no_year"].format(share=share)
    return f"{item.kind}: {share}"
