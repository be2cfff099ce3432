"""Venue names: a full name (``Advances in Neural Information Processing Systems``) to the
catalogue's short one (``NeurIPS``), and the names that mean arXiv."""

from __future__ import annotations

import re

from ..text import fold

_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]*[A-Z][A-Za-z]*)(?:[ '’]*\d{2,4})?\)")

# Full venue names a .bib file may carry -> the catalogue's short name. The target
# catalogue's own venue_full -> venue pairs are consulted first.
KNOWN_VENUES = {
    "advances in neural information processing systems": "NeurIPS",
    "neural information processing systems": "NeurIPS",
    "international conference on machine learning": "ICML",
    "international conference on learning representations": "ICLR",
    "ieee/cvf conference on computer vision and pattern recognition": "CVPR",
    "ieee conference on computer vision and pattern recognition": "CVPR",
    "conference on computer vision and pattern recognition": "CVPR",
    "ieee/cvf international conference on computer vision": "ICCV",
    "ieee international conference on computer vision": "ICCV",
    "international conference on computer vision": "ICCV",
    "european conference on computer vision": "ECCV",
    "transactions on machine learning research": "TMLR",
    "journal of machine learning research": "JMLR",
    "aaai conference on artificial intelligence": "AAAI",
    "international joint conference on artificial intelligence": "IJCAI",
    "annual meeting of the association for computational linguistics": "ACL",
    "conference on empirical methods in natural language processing": "EMNLP",
    "ieee transactions on pattern analysis and machine intelligence": "TPAMI",
    "pattern analysis and machine intelligence": "TPAMI",
    "association for computational linguistics": "ACL",
    "empirical methods in natural language processing": "EMNLP",
    "computer vision and pattern recognition": "CVPR",
    "siggraph": "SIGGRAPH",
    "nature": "Nature",
}
SHORT_VENUES = {v.casefold(): v for v in KNOWN_VENUES.values()} | {"arxiv": "arXiv", "nips": "NeurIPS"}


def venue_key(name: str) -> str:
    """A venue name without proceedings boilerplate, years and ordinals, for lookup."""
    text = fold(name)
    text = re.sub(r"\b(proceedings of( the)?|proc\.|in|the)\b", " ", text)
    text = re.sub(r"\b\d+(st|nd|rd|th)?\b|\([^)]*\)|[{}]", " ", text)
    return " ".join(re.sub(r"[,.:;]", " ", text).split())


_KNOWN_BY_KEY: dict[str, str] = {}


def _known_by_key() -> dict[str, str]:
    if not _KNOWN_BY_KEY:
        _KNOWN_BY_KEY.update({venue_key(name): short for name, short in KNOWN_VENUES.items()})
    return _KNOWN_BY_KEY


def short_venue(full: str, known: dict[str, str] | None = None) -> str:
    """The short name for a full venue name (``NeurIPS`` for ``Advances in Neural ...``): the one
    rule for imports (BibTeX, CSL-JSON, RIS) and ``add`` (arXiv's journal reference, Crossref's
    container title).

    In order: the catalogue's own pairs (``known``: full -> short), a short name given as such, a
    well-known full name (without proceedings boilerplate and years), one of those inside a longer
    title (``Proceedings of the 39th International Conference on Machine Learning, PMLR``; never
    for a workshop, which is not its conference), an acronym in brackets (``... Vision (ICCV)``),
    an acronym among the words (``Computer Vision – ECCV 2022``); else the full name itself.
    """
    known = known or {}
    if full in known:
        return known[full]
    if full.casefold() in SHORT_VENUES:
        return SHORT_VENUES[full.casefold()]
    key = venue_key(full)
    for name, short in known.items():
        if venue_key(name) == key:
            return short
    found = _known_by_key().get(key)
    if found is not None:
        return found
    words = " ".join(re.findall(r"[a-z0-9]+", fold(full)))
    if "workshop" not in words:
        for name, short in sorted(KNOWN_VENUES.items(), key=lambda item: -len(item[0])):
            phrase = " ".join(re.findall(r"[a-z0-9]+", name))
            if len(phrase.split()) >= 3 and re.search(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])", words):
                return short
    acronym = _ACRONYM.search(full)
    if acronym:
        return str(acronym.group(1))
    shorts = set(KNOWN_VENUES.values()) | set(known.values())
    # "ECCV 2022" inside a longer title: a known acronym followed by its year.
    for token in _DATED_ACRONYM.findall(full) if "workshop" not in words else ():
        if token in shorts and sum(c.isupper() for c in token) >= 2:  # ECCV, NeurIPS; not "Nature 2020"
            return str(token)
    return full


_DATED_ACRONYM = re.compile(r"(?<![A-Za-z])([A-Za-z]+)['’ ]*(?:19|20)\d\d(?!\d)")


def is_arxiv_venue(text: str) -> bool:
    return "arxiv" in text.lower() or text.strip().lower() in ("corr", "computing research repository")
