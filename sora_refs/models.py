"""The records of a catalogue: frozen, typed, and free of any I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


SCHEMA_VERSION = 1
"""The catalogue format version this library reads and writes."""


class PaperType(str, Enum):
    """What kind of publication a paper is; decides the BibTeX entry type."""

    INPROCEEDINGS = "inproceedings"
    ARTICLE = "article"
    PREPRINT = "preprint"
    REPORT = "report"
    BOOK = "book"
    INCOLLECTION = "incollection"
    THESIS = "thesis"
    MISC = "misc"


@dataclass(frozen=True, slots=True)
class Source:
    """The document a catalogue was drawn from (for the bundled one, the Sora report)."""

    title: str
    """Its title."""
    url: str | None = None
    """Where to read it."""


@dataclass(frozen=True, slots=True)
class CatalogueInfo:
    """The ``catalogue:`` header of a catalogue file."""

    title: str
    """The catalogue's name, shown in headings."""
    description: str | None = None
    """A sentence on what the list is."""
    source: Source | None = None
    """The document the list comes from."""
    schema: int = 1
    """Version of the file format."""


@dataclass(frozen=True, slots=True)
class Section:
    """A block of the mind map (e.g. "Learning method")."""

    id: str
    """Identifier used by papers and on the command line."""
    name: str
    """English name."""
    name_zh: str | None = None
    """Chinese name, where the catalogue gives one."""
    description: str | None = None
    """What the block is about."""

    def label(self, lang: str = "en") -> str:
        """The name in ``lang``, falling back to English."""
        return self.name_zh if lang == "zh" and self.name_zh else self.name


@dataclass(frozen=True, slots=True)
class Category:
    """A family of methods (RNN, GAN, diffusion, ...)."""

    id: str
    """Identifier used by papers and on the command line."""
    name: str
    """English name."""
    name_zh: str | None = None
    """Chinese name, where the catalogue gives one."""
    description: str | None = None
    """What the category covers."""

    def label(self, lang: str = "en") -> str:
        """The name in ``lang``, falling back to English."""
        return self.name_zh if lang == "zh" and self.name_zh else self.name


@dataclass(frozen=True, slots=True)
class Cited:
    """Venue and year as a citing document (the Sora report) gives them."""

    venue: str
    """Short venue name as cited (``arXiv`` for a preprint)."""
    year: int
    """Year as cited."""


@dataclass(frozen=True, slots=True)
class Ids:
    """External identifiers of a paper."""

    arxiv: str | None = None
    """arXiv identifier without version (``2212.09748``)."""
    doi: str | None = None
    """The publisher's DOI (not the arXiv DOI, which is derived)."""
    arxiv_class: str | None = None
    """arXiv's primary category (``cs.CV``), written as BibTeX's ``primaryClass``."""

    @property
    def arxiv_doi(self) -> str | None:
        """The DOI arXiv assigns to every preprint."""
        return f"10.48550/arXiv.{self.arxiv}" if self.arxiv else None


@dataclass(frozen=True, slots=True)
class Paper:
    """One paper of the catalogue. Field names match the YAML keys."""

    key: str
    """BibTeX citekey, unique in the catalogue."""
    title: str
    """The paper's own title, with its own capitalisation."""
    authors: tuple[str, ...]
    """Every author's full name, in order."""
    year: int
    """Year of publication (at the venue, or of the preprint's first version)."""
    venue: str
    """Short venue name where it was published (NeurIPS, ICML, arXiv, OpenAI, ...)."""
    type: PaperType
    """Kind of publication."""
    category: str
    """Id of the paper's category."""
    ref: int | None = None
    """Number in the source document's reference list."""
    venue_full: str | None = None
    """Full venue name, e.g. "Advances in Neural Information Processing Systems"."""
    volume: str | None = None
    """Volume, where one exists."""
    pages: str | None = None
    """Page range, where one exists."""
    publisher: str | None = None
    """Publisher, where one exists."""
    cited: Cited | None = None
    """Venue and year as the source document cites the paper."""
    ids: Ids = field(default_factory=Ids)
    """arXiv id and DOI."""
    url: str | None = None
    """Landing page."""
    pdf: str | None = None
    """Direct link to the PDF."""
    section: str | None = None
    """Id of the mind-map section."""
    tags: tuple[str, ...] = ()
    """Free lower-case words."""
    summary: str | None = None
    """One or two sentences in English."""
    summary_zh: str | None = None
    """The same in Chinese."""
    notes: str | None = None
    """What a curator should know (unconfirmed facts, citation oddities)."""

    @property
    def label(self) -> str:
        """How messages name this paper: ``ref 5 (tulyakov2018mocogan)`` or just the key."""
        return f"ref {self.ref} ({self.key})" if self.ref is not None else self.key

    @property
    def first_author_surname(self) -> str:
        """Last word of the first author's name (good enough for sorting)."""
        return self.authors[0].split()[-1] if self.authors else ""

    def venue_as(self, cited: bool) -> str:
        """The venue as cited (where known) or as published."""
        return self.cited.venue if cited and self.cited else self.venue

    def year_as(self, cited: bool) -> int:
        """The year as cited (where known) or as published."""
        return self.cited.year if cited and self.cited else self.year

    def summary_in(self, lang: str) -> str | None:
        """The summary in ``lang``, falling back to English."""
        return self.summary_zh if lang == "zh" and self.summary_zh else self.summary

    @property
    def pdf_url(self) -> str | None:
        """The PDF link, or one derived from the arXiv id."""
        if self.pdf:
            return self.pdf
        return f"https://arxiv.org/pdf/{self.ids.arxiv}" if self.ids.arxiv else None

    @property
    def landing_url(self) -> str | None:
        """The landing page, or the arXiv abstract page."""
        if self.url:
            return self.url
        return f"https://arxiv.org/abs/{self.ids.arxiv}" if self.ids.arxiv else None

    def as_dict(self) -> dict[str, object]:
        """The paper as plain data, with the YAML's field names and order; absent fields are None."""
        return {
            "ref": self.ref,
            "key": self.key,
            "title": self.title,
            "authors": list(self.authors),
            "year": self.year,
            "venue": self.venue,
            "venue_full": self.venue_full,
            "type": self.type.value,
            "volume": self.volume,
            "pages": self.pages,
            "publisher": self.publisher,
            "cited": {"venue": self.cited.venue, "year": self.cited.year} if self.cited else None,
            "ids": {"arxiv": self.ids.arxiv, "doi": self.ids.doi, "arxiv_class": self.ids.arxiv_class},
            "url": self.url,
            "pdf": self.pdf,
            "category": self.category,
            "section": self.section,
            "tags": list(self.tags),
            "summary": self.summary,
            "summary_zh": self.summary_zh,
            "notes": self.notes,
        }


PAPER_FIELDS: tuple[str, ...] = (
    "ref", "key", "title", "authors", "year", "venue", "venue_full", "type", "volume", "pages",
    "publisher", "cited", "ids", "url", "pdf", "category", "section", "tags", "summary",
    "summary_zh", "notes",
)
"""Every key a paper mapping may have, in the order files and exports use."""
