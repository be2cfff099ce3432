"""One BibTeX field's value read: years (``2023a``), months, dates, page ranges, name lists
ending in ``and others``, local files, the arXiv id and DOI wherever a file hides them, and the
degree of a thesis."""

from __future__ import annotations

import re

from .. import ids
from ..models import ThesisKind
from ..reading.paperfields import PAGES
from ..text import fold
from .latex import NOOPSORT
from .names import parse_names
from .reader import MONTHS

_ARXIV_ANY = re.compile(ids.ARXIV_IN_TEXT, re.I)
_ARXIV_BARE = re.compile(ids.ARXIV_REFERENCE, re.I)
_DOI_IN = re.compile(ids.DOI_IN_TEXT, re.I)
_YEAR = re.compile(r"\b(1[6-9]\d\d|2\d\d\d)\b")


def title_key(title: str) -> str:
    """A title reduced for comparison: folded, letters and digits only."""
    return re.sub(r"[^0-9a-z]+", "", fold(title))


MONTH_NAMES = {
    **{name.lower(): n for n, name in enumerate(MONTHS, 1)},
    **{name[:3].lower(): n for n, name in enumerate(MONTHS, 1)},
    "sept": 9,
}
"""Month names and abbreviations (lower case) -> 1 to 12."""
_MONTH = re.compile(r"^\s*([A-Za-z]+)\.?\s*$|^\s*(\d{1,2})\s*$")
DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?")
_YEAR_FULL = re.compile(r"^\s*\{?(1[6-9]\d\d|2\d\d\d)\}?\s*([a-z])?\s*$")
_TRUNCATION = re.compile(r"(?i)^(?:others|et\.?\s*al\.?|\{?et al\.?\}?)$")
_ET_AL_TAIL = re.compile(r"(?i)\s*,?\s+et\.?\s*al\.?\s*$")
_DASHES = re.compile(r"\s*(?:[-‐‑–—]+|\\textendash\s*|\\textemdash\s*)\s*")


def clean_pages(raw: str) -> str | None:
    """A page range in the catalogue's form (``58:1-58:15``), or None when ``raw`` is not one."""
    text = _DASHES.sub("-", raw.replace("{", "").replace("}", "").strip())
    text = re.sub(r"\s*,\s*", ",", text)
    return text if PAGES.match(text) else None


def parse_month(raw: str) -> int | None:
    """1 to 12 for ``jan``, ``January``, ``Sept.``, ``9``; None otherwise."""
    found = _MONTH.match(raw.replace("{", "").replace("}", ""))
    if found is None:
        return None
    if found.group(2):
        number = int(found.group(2))
        return number if 1 <= number <= 12 else None
    return MONTH_NAMES.get(found.group(1).lower())


def split_files(raw: str) -> tuple[str, ...]:
    """Local paths in a ``file`` field: Zotero/Better BibTeX ``desc:path:mime;...``, JabRef/Mendeley ``:path:PDF``."""
    out = []
    for part in re.split(r"(?<!\\);", raw):
        part = part.strip()
        if not part:
            continue
        pieces = re.split(r"(?<!\\):", part)
        if len(pieces) >= 3:
            path = ":".join(pieces[1:-1])
        elif len(pieces) == 2 and len(pieces[0]) == 1:  # C:\... with no description
            path = part
        else:
            path = pieces[-1] if len(pieces) == 2 and not pieces[0] else part
        path = path.replace("\\:", ":").replace("\\;", ";").replace("\\\\", "\\").strip()
        if path:
            out.append(path)
    return tuple(out)


def name_list(raw: str) -> tuple[tuple[str, ...], bool]:
    """Names of a name list, and whether it ends in ``and others`` / ``et al.`` (a truncated list)."""
    raw = raw.strip()
    truncated = False
    if _ET_AL_TAIL.search(raw):
        raw, truncated = _ET_AL_TAIL.sub("", raw), True
    names = parse_names(raw)
    kept = []
    for name in names:
        if _TRUNCATION.match(name.strip("{}")):
            truncated = True
        elif name:
            kept.append(name)
    return tuple(kept), truncated


_MASTERS = frozenset({"mathesis", "mastersthesis", "masterthesis", "msthesis", "mscthesis"})
_PHD = frozenset({"phdthesis", "phddissertation", "doctoralthesis", "doctoraldissertation", "dissertation"})


def thesis_kind(entry_type: str, words: str) -> tuple[ThesisKind | None, bool]:
    """The degree of a thesis from BibTeX's entry type and its ``type`` field (biblatex's
    ``mathesis``, CSL-JSON's genre, RIS's M3), and whether ``words`` said no more than that.

    ``@mastersthesis`` is a master's thesis, ``@phdthesis`` a doctoral one unless its type says
    otherwise (CSL-JSON and RIS have one thesis type); ``@thesis`` is what its type says. Words
    of their own (``Diploma thesis``) leave the kind unknown; they are kept and printed.
    """
    folded = re.sub(r"[^a-z]", "", words.lower())
    if folded in _MASTERS or (folded.startswith("master") and folded.endswith("thesis")):
        return ThesisKind.MASTERS, folded in _MASTERS
    if folded in _PHD:
        return ThesisKind.PHD, folded in ("phdthesis",)
    if folded:  # "Diploma thesis", "Habilitation": what BibTeX prints in place of the entry type's
        return None, False
    if entry_type in ("mastersthesis", "masterthesis"):
        return ThesisKind.MASTERS, True
    if entry_type == "phdthesis":
        return ThesisKind.PHD, True
    return None, False


def find_arxiv(fields: dict[str, str]) -> str | None:
    prefix = (fields.get("archiveprefix") or fields.get("eprinttype") or "").lower()
    eprint = fields.get("eprint", "").replace("{", "").replace("}", "").strip()
    if eprint:
        bare = _ARXIV_BARE.match(eprint)
        if bare and (prefix in ("", "arxiv") or eprint.lower().startswith("arxiv")):
            return bare.group(1)
    for name in ("doi", "url", "journal", "journaltitle", "howpublished", "note", "volume", "number"):
        value = fields.get(name, "")
        if value:
            found = _ARXIV_ANY.search(value.replace("{", "").replace("}", ""))
            if found:
                return found.group(1)
    return None


_DOI_PATH = re.compile(r"^https?://[^/\s]+/(10\.\d{4,9}/\S+)$", re.I)
"""A DOI field written as a resolver's address: ``http://doi.acm.org/10.1145/...`` (JabRef, ACM)."""


def find_doi(fields: dict[str, str]) -> str | None:
    for name in ("doi", "url"):
        value = fields.get(name, "").replace("{", "").replace("}", "").strip()
        value = value.replace("\\_", "_")
        found = _DOI_IN.search(value) or (_DOI_PATH.match(value) if name == "doi" else None)
        if found and not ids.is_arxiv_doi(found.group(1)):
            return found.group(1)
    return None


def year_of(fields: dict[str, str], arxiv: str | None) -> tuple[int | None, str]:
    """The year as a number, and a letter suffix (``2023a``) where there is one."""
    value = NOOPSORT.sub("", fields.get("year", ""))
    full = _YEAR_FULL.match(value)
    if full:
        return int(full.group(1)), full.group(2) or ""
    for name in ("year", "date"):
        found = _YEAR.search(re.sub(r"[{}]", " ", NOOPSORT.sub("", fields.get(name, ""))))  # {\\switchargs{--90}{1968}}
        if found:
            return int(found.group(1)), ""
    if arxiv and re.match(r"\d{4}\.", arxiv):
        return 2000 + int(arxiv[:2]), ""  # a preprint's year is in its id
    return None, ""
