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


def short_venue(full: str, known: dict[str, str]) -> str:
    """The short name for a full venue name (``NeurIPS`` for ``Advances in Neural ...``)."""
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
    acronym = _ACRONYM.search(full)
    return acronym.group(1) if acronym else full


def is_arxiv_venue(text: str) -> bool:
    return "arxiv" in text.lower() or text.strip().lower() in ("corr", "computing research repository")
