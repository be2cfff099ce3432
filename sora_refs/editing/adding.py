"""From an arXiv id or a DOI to a catalogue entry: what ``sora-refs add`` looks up and fills in.

arXiv (one batched request for every id, as ``check --online`` asks) gives the title, every
author, the first version's year, the abstract and the primary class. Where the authors told
arXiv where the paper was published (its DOI or journal reference), Crossref is asked about that
DOI and the entry takes the published venue, year, volume, pages and publisher, with the arXiv
version kept as the one cited. A DOI given directly is looked up in Crossref alone (arXiv's own
DOIs, ``10.48550/arXiv.*``, go to arXiv).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import ids
from ..bibtex.venues import short_venue
from ..errors import NotFoundError, SoraRefsError, UsageError

if TYPE_CHECKING:
    from ..catalogue import Catalogue
    from ..fetch.arxiv import ArxivClient, ArxivEntry
    from ..fetch.crossref import CrossrefClient, CrossrefWork

ACCEPTED = (
    "an arXiv id or URL (2212.09748, arXiv:2212.09748v2, https://arxiv.org/abs/2212.09748) "
    "or a DOI or doi.org URL (10.1109/ICCV51070.2023.00387, https://doi.org/10.1109/...)"
)
"""What ``add`` accepts, for messages."""

CROSSREF_TYPES = {
    "proceedings-article": "inproceedings",
    "journal-article": "article",
    "book-chapter": "incollection",
    "book": "book",
    "monograph": "book",
    "report": "report",
    "dissertation": "thesis",
    "posted-content": "preprint",
}


@dataclass(frozen=True)
class Wanted:
    """One identifier as the user gave it, understood."""

    given: str
    kind: str
    """``arxiv`` or ``doi``."""
    value: str
    """The bare arXiv id (no version) or DOI."""

    def __str__(self) -> str:
        return f"arXiv:{self.value}" if self.kind == "arxiv" else f"doi:{self.value}"


def parse_identifier(text: str) -> Wanted:
    """``2212.09748``, ``arXiv:2212.09748v2``, an arxiv.org abs/pdf URL, a DOI or a doi.org URL.

    Raises :class:`UsageError` naming the accepted forms.
    """
    given = text
    text = text.strip()
    bare = ids.arxiv_in_reference(text)
    if bare:
        return Wanted(given, "arxiv", bare)
    url = re.match(r"^(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/(.+?)(?:\.pdf)?/?$", text, re.I)
    if url:
        bare = ids.arxiv_in_reference(url.group(1))
        if bare:
            return Wanted(given, "arxiv", bare)
    doi = re.match(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(10\.\d{4,9}/\S+)$", text, re.I)
    if doi:
        from urllib.parse import unquote

        value = unquote(doi.group(1)).rstrip(".")
        if ids.is_arxiv_doi(value):
            bare = ids.arxiv_in_reference(value[len(ids.ARXIV_DOI_PREFIX) :])
            if bare:
                return Wanted(given, "arxiv", bare)
        return Wanted(given, "doi", value)
    raise UsageError(f"{given!r} is neither an arXiv id nor a DOI; give {ACCEPTED}")


def clean_venue(full: str) -> str:
    """A proceedings title without its year and acronym: ``2023 IEEE/CVF International Conference on
    Computer Vision (ICCV)`` -> ``IEEE/CVF International Conference on Computer Vision``."""
    text = re.sub(r"^\s*(?:19|20)\d\d\s+", "", full)
    text = re.sub(r"\s*\([A-Z][A-Za-z-]*\)\s*$", "", text)
    return text.strip() or full


def _journal_ref(text: str, known: dict[str, str]) -> tuple[str, str | None, int | None]:
    """``CVPR 2023`` -> (``CVPR``, full name or None, 2023): a journal reference, read as well as it can be."""
    year_match = re.search(r"(?<!\d)(19|20)\d\d(?!\d)", text)
    year = int(year_match.group(0)) if year_match else None
    head = re.split(r"[,(;]|\s(?:19|20)\d\d\b|\svol\.?\s|\s\d", text, maxsplit=1)[0].strip(" .")
    head = head or text
    short = short_venue(head, known)
    return short, (head if short != head else None), year


def existing_venues(catalogue: Catalogue | None) -> dict[str, str]:
    """The catalogue's own venue names: full -> short."""
    if catalogue is None:
        return {}
    return {p.venue_full: p.venue for p in catalogue.papers if p.venue_full and p.venue and p.venue_full != p.venue}


def from_arxiv(entry: ArxivEntry, work: CrossrefWork | None, known: dict[str, str]) -> dict[str, Any]:
    """The fields of a paper arXiv describes (and Crossref, for the published version ``work``)."""
    fields: dict[str, Any] = {
        "title": entry.title,
        "authors": list(entry.authors),
        "year": entry.year,
        "venue": "arXiv",
        "type": "preprint",
        "ids": {"arxiv": entry.id, "doi": None, "arxiv_class": entry.primary_class},
        "url": f"https://arxiv.org/abs/{entry.id}",
        "pdf": f"https://arxiv.org/pdf/{entry.id}",
        "abstract": entry.summary or None,
    }
    if work is not None:
        published = from_crossref(work, known)
        for name in ("venue", "venue_full", "year", "type", "volume", "pages", "publisher"):
            if published.get(name) is not None:
                fields[name] = published[name]
        fields["ids"]["doi"] = work.doi or entry.doi
        fields["url"] = published.get("url") or fields["url"]
        if not fields.get("abstract") and published.get("abstract"):
            fields["abstract"] = published["abstract"]
    elif entry.journal_ref:
        venue, full, year = _journal_ref(entry.journal_ref, known)
        fields.update(
            venue=venue, type="inproceedings" if venue not in ("TPAMI", "JMLR", "TMLR", "Nature") else "article"
        )
        if full:
            fields["venue_full"] = full
        if year:
            fields["year"] = year
        if entry.doi:
            fields["ids"]["doi"] = entry.doi
    elif entry.doi and not ids.is_arxiv_doi(entry.doi):
        fields["ids"]["doi"] = entry.doi
    if fields["venue"] != "arXiv":
        fields["cited"] = {"venue": "arXiv", "year": entry.year}
    return fields


def from_crossref(work: CrossrefWork, known: dict[str, str]) -> dict[str, Any]:
    """The fields of a paper Crossref describes."""
    full = work.containers[0] if work.containers else None
    venue = None
    for container in (*work.containers, *work.short_containers):
        short = short_venue(container, known)
        if short != container:  # a venue we know by name: the proceedings, not the book series
            venue = short
            full = container if container in work.containers else full
            break
    if full is not None:
        full = clean_venue(full)
    if venue is None:
        venue = full
    title = work.title
    if work.subtitle:
        title = f"{title}: {work.subtitle}"
    return {
        "title": title,
        "authors": list(work.authors),
        "year": work.year,
        "venue": venue or work.publisher or "unknown",
        "venue_full": full if full and full != venue else None,
        "type": CROSSREF_TYPES.get(work.type, "misc"),
        "volume": work.volume,
        "pages": work.pages.replace("--", "-") if work.pages else None,
        "publisher": work.publisher,
        "ids": {"arxiv": None, "doi": work.doi, "arxiv_class": None},
        "url": work.url or f"https://doi.org/{work.doi}",
        "abstract": work.abstract,
    }


class ServiceError(SoraRefsError):
    """A service could not be asked (no network, rate limit, an error answer): nothing is added."""


def look_up(
    wanted: Sequence[Wanted], arxiv: ArxivClient, crossref: CrossrefClient, catalogue: Catalogue | None
) -> list[dict[str, Any]]:
    """The fields of each wanted paper, in order. Raises :class:`NotFoundError` for an id no service
    knows, :class:`ServiceError` when a service cannot be asked: all or nothing, so nothing half-added."""
    from ..fetch.arxiv import ArxivError
    from ..fetch.crossref import CrossrefError

    known = existing_venues(catalogue)
    arxiv_ids = [w.value for w in wanted if w.kind == "arxiv"]
    try:
        entries = arxiv.lookup(arxiv_ids) if arxiv_ids else {}
    except ArxivError as error:
        raise ServiceError(f"{error}; nothing was added") from None
    missing = [w for w in wanted if w.kind == "arxiv" and entries.get(w.value) is None]
    if missing:
        raise NotFoundError(
            f"arXiv has no paper {', '.join(m.value for m in missing)}; nothing was added "
            "(check the id on https://arxiv.org)"
        )
    results = []
    for item in wanted:
        try:
            if item.kind == "arxiv":
                entry = entries[item.value]
                assert entry is not None
                work = None
                if entry.doi and not ids.is_arxiv_doi(entry.doi):
                    try:
                        work = crossref.lookup(entry.doi)
                    except CrossrefError as error:
                        if error.fatal:
                            raise
                results.append(without_controls(from_arxiv(entry, work, known)))
            else:
                work = crossref.lookup(item.value)
                if work is None:
                    raise NotFoundError(
                        f"Crossref does not know the DOI {item.value} (a DataCite DOI, or a typo?); nothing was added"
                    )
                results.append(without_controls(from_crossref(work, known)))
        except CrossrefError as error:
            raise ServiceError(f"{error}; nothing was added") from None
    return results


def without_controls(value: Any) -> Any:
    """``value`` (a paper's fields as a service gave them) without the characters a catalogue may not hold.

    XML and JSON may carry bidi overrides and C1 controls; the catalogue refuses them, and the
    user asked for the paper, not for the service's stray bytes.
    """
    from ..text import FORBIDDEN, first_forbidden

    if isinstance(value, str):
        return FORBIDDEN.sub("", value) if first_forbidden(value) else value
    if isinstance(value, dict):
        return {name: without_controls(item) for name, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(without_controls(item) for item in value)
    return value


def candidates(values: Iterable[str]) -> list[Wanted]:
    """Each identifier parsed; the first bad one raises :class:`UsageError`."""
    return [parse_identifier(value) for value in values]
