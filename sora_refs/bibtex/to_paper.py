"""From a BibTeX entry to a catalogue paper: types, venues, names, arXiv ids and DOIs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import ids
from ..errors import CatalogueError
from ..models import Paper, PaperType
from ..text import fold
from .latex import unescape
from .names import parse_names

if TYPE_CHECKING:
    from .codec import ParsedEntry

_ARXIV_ANY = re.compile(ids.ARXIV_IN_TEXT, re.I)
_ARXIV_BARE = re.compile(ids.ARXIV_REFERENCE, re.I)
_DOI_IN = re.compile(ids.DOI_IN_TEXT, re.I)
_YEAR = re.compile(r"\b(1[6-9]\d\d|2\d\d\d)\b")
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

_TYPES = {
    "inproceedings": PaperType.INPROCEEDINGS, "conference": PaperType.INPROCEEDINGS,
    "article": PaperType.ARTICLE, "techreport": PaperType.REPORT, "report": PaperType.REPORT,
    "book": PaperType.BOOK, "incollection": PaperType.INCOLLECTION, "inbook": PaperType.INCOLLECTION,
    "phdthesis": PaperType.THESIS, "mastersthesis": PaperType.THESIS, "thesis": PaperType.THESIS,
}


def title_key(title: str) -> str:
    """A title reduced for comparison: folded, letters and digits only."""
    return re.sub(r"[^0-9a-z]+", "", fold(title))


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
    short = _known_by_key().get(key)
    if short is not None:
        return short
    acronym = _ACRONYM.search(full)
    return acronym.group(1) if acronym else full


@dataclass(frozen=True)
class MappedEntry:
    """A BibTeX entry decoded into the catalogue's terms, not yet a :class:`Paper`."""

    key: str
    key_ok: bool
    line: int | None
    type: PaperType
    title: str
    authors: tuple[str, ...]
    year: int
    container: str | None
    volume: str | None
    pages: str | None
    publisher: str | None
    arxiv: str | None
    doi: str | None
    url: str | None
    arxiv_class: str | None = None

    def to_paper(self, key: str, category: str, section: str | None, venues: dict[str, str],
                 categories: list[str]) -> tuple[Paper | None, list[str]]:
        """The paper, validated like a catalogue entry; fields that fail validation are dropped with a message."""
        if self.type is PaperType.PREPRINT:
            venue, venue_full = "arXiv", None
        elif self.container:
            venue = short_venue(self.container, venues)
            venue_full = None if venue == self.container or self.container.casefold() in SHORT_VENUES else \
                self.container
        else:
            venue, venue_full = ("arXiv", None) if self.arxiv else (self.publisher or "unknown", None)
        from ..models import Ids

        paper = Paper(key=key, title=self.title, authors=self.authors, year=self.year, venue=venue,
                      type=self.type, category=category, venue_full=venue_full, volume=self.volume,
                      pages=self.pages, publisher=None if self.type is PaperType.REPORT else self.publisher,
                      ids=Ids(self.arxiv, self.doi, self.arxiv_class if self.arxiv else None), url=self.url,
                      section=section)
        return _validated(paper)


_OPTIONAL = {"venue_full": "venue_full", "volume": "volume", "pages": "pages", "publisher": "publisher",
             "ids.doi": "doi", "ids.arxiv": "arxiv", "ids.arxiv_class": "arxiv_class", "url": "url"}


def _validated(paper: Paper) -> tuple[Paper | None, list[str]]:
    from ..catalogue import Catalogue
    from ..formats.yaml_ import paper_mapping
    from ..models import SCHEMA_VERSION, Ids

    dropped: list[str] = []
    for _ in range(3):
        try:
            # Category and section were checked against the target already; stand-ins here.
            data: dict = {"catalogue": {"title": "import", "schema": SCHEMA_VERSION},
                          "categories": [{"id": paper.category, "name": paper.category}],
                          "papers": [paper_mapping(paper)]}
            if paper.section:
                data["sections"] = [{"id": paper.section, "name": paper.section}]
            Catalogue.from_data(data)
            return paper, dropped
        except CatalogueError as error:
            fixes = {}
            for problem in error.problems:
                name = problem.field or ""
                if name not in _OPTIONAL:
                    return None, [f"field '{name}' {problem.message}" if name else problem.message]
                dropped.append(f"field '{name}' dropped: {problem.message}")
                fixes[_OPTIONAL[name]] = None
            ids = Ids(None if "arxiv" in fixes else paper.ids.arxiv, None if "doi" in fixes else paper.ids.doi,
                      None if "arxiv_class" in fixes else paper.ids.arxiv_class)
            for name in ("arxiv", "doi", "arxiv_class"):
                fixes.pop(name, None)
            paper = paper.replace(ids=ids, **fixes)
    return None, dropped or ["does not validate"]


def map_entry(entry: ParsedEntry) -> MappedEntry | str:
    """The entry in catalogue terms, or the reason it cannot be one."""
    fields = {name: " ".join(value.split()) for name, value in entry.fields.items()}
    title = unescape(fields.get("title", "")).strip()
    if not title:
        return "no title"
    authors = tuple(parse_names(fields.get("author") or fields.get("editor") or ""))
    if not authors:
        return "no author (or editor)"
    if any(not a for a in authors):
        return "an empty author name"
    arxiv = _find_arxiv(fields)
    year = _year(fields, arxiv)
    if year is None:
        return "no year (or date)"
    doi = _find_doi(fields)
    kind = _TYPES.get(entry.type)
    container = fields.get("booktitle") or fields.get("journal") or fields.get("journaltitle") \
        or fields.get("howpublished") or fields.get("school") or fields.get("institution")
    container = unescape(container).strip() if container else None
    if kind is None or (kind is PaperType.ARTICLE and container and _is_arxiv_venue(container)):
        kind = PaperType.PREPRINT if arxiv or (container and _is_arxiv_venue(container)) else PaperType.MISC
    if kind is PaperType.REPORT:
        container = unescape(fields.get("institution", "")) or container
    url = fields.get("url") or None
    if url and arxiv and _ARXIV_ANY.search(url) and url.rstrip("/").endswith(f"/abs/{arxiv}"):
        url = None  # the paper's landing page is derived from its arXiv id
    if url and not url.startswith(("http://", "https://")):
        url = None
    pages = fields.get("pages")
    # Page ranges are numbers: "843--852", "843{--}852" or "843–852" all become "843-852".
    pages = re.sub(r"\s*[-‐‑–—]+\s*", "-", pages.replace("{", "").replace("}", "")) if pages else None
    return MappedEntry(
        key=entry.key, key_ok=ids.is_citekey(entry.key), line=entry.line, type=kind, title=title,
        authors=authors, year=year, container=container,
        volume=unescape(fields["volume"]) if fields.get("volume") else None, pages=pages,
        publisher=unescape(fields["publisher"]) if fields.get("publisher") else None,
        arxiv=arxiv, doi=doi, url=url,
        arxiv_class=(fields.get("primaryclass") or fields.get("eprintclass") or "").strip() or None,
    )


def _is_arxiv_venue(text: str) -> bool:
    return "arxiv" in text.lower() or text.strip().lower() in ("corr", "computing research repository")


def _find_arxiv(fields: dict[str, str]) -> str | None:
    prefix = (fields.get("archiveprefix") or fields.get("eprinttype") or "").lower()
    eprint = fields.get("eprint", "").strip()
    if eprint:
        bare = _ARXIV_BARE.match(eprint)
        if bare and (prefix in ("", "arxiv") or eprint.lower().startswith("arxiv")):
            return bare.group(1)
    for name in ("doi", "url", "journal", "journaltitle", "howpublished", "note", "volume", "number"):
        found = _ARXIV_ANY.search(fields.get(name, ""))
        if found:
            return found.group(1)
    return None


def _find_doi(fields: dict[str, str]) -> str | None:
    for name in ("doi", "url"):
        value = fields.get(name, "").strip()
        found = _DOI_IN.search(value)
        if found and not ids.is_arxiv_doi(found.group(1)):
            return found.group(1)
    return None


def _year(fields: dict[str, str], arxiv: str | None) -> int | None:
    for name in ("year", "date"):
        found = _YEAR.search(fields.get(name, ""))
        if found:
            return int(found.group(1))
    if arxiv and re.match(r"\d{4}\.", arxiv):
        return 2000 + int(arxiv[:2])  # a preprint's year is in its id
    return None
