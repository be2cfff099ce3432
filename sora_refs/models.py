"""The records of a catalogue: frozen, typed, and free of any I/O.

The records behave like frozen, slotted dataclasses (keyword or positional construction,
equality, hashing, ``replace``) but are written out by hand: ``@dataclass`` generates and
compiles their methods at import time, which cost 6 ms of every command's start-up.
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple

from .ids import arxiv_doi
from .names import family_name
from .record import Record, init_field

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


class Source(Record):
    """The document a catalogue was drawn from (for the bundled one, the Sora report)."""

    __slots__ = _fields = ("title", "url")
    title: str
    """Its title."""
    url: str | None
    """Where to read it."""

    def __init__(self, title: str, url: str | None = None) -> None:
        init_field(self, "title", title)
        init_field(self, "url", url)


class CatalogueInfo(Record):
    """The ``catalogue:`` header of a catalogue file."""

    __slots__ = _fields = ("title", "description", "source", "schema")
    title: str
    """The catalogue's name, shown in headings."""
    description: str | None
    """A sentence on what the list is."""
    source: Source | None
    """The document the list comes from."""
    schema: int
    """Version of the file format."""

    def __init__(self, title: str, description: str | None = None, source: Source | None = None,
                 schema: int = 1) -> None:
        init_field(self, "title", title)
        init_field(self, "description", description)
        init_field(self, "source", source)
        init_field(self, "schema", schema)


class Section(Record):
    """A block of the mind map (e.g. "Learning method")."""

    __slots__ = _fields = ("id", "name", "name_zh", "description")
    id: str
    """Identifier used by papers and on the command line."""
    name: str
    """English name."""
    name_zh: str | None
    """Chinese name, where the catalogue gives one."""
    description: str | None
    """What the block is about."""

    def __init__(self, id: str, name: str, name_zh: str | None = None,  # noqa: A002 - the YAML key
                 description: str | None = None) -> None:
        init_field(self, "id", id)
        init_field(self, "name", name)
        init_field(self, "name_zh", name_zh)
        init_field(self, "description", description)

    def label(self, lang: str = "en") -> str:
        """The name in ``lang``, falling back to English."""
        return self.name_zh if lang == "zh" and self.name_zh else self.name


class Category(Section):
    """A family of methods (RNN, GAN, diffusion, ...); the same fields as a :class:`Section`."""

    __slots__ = ()


class Cited(Record):
    """Venue and year as a citing document (the Sora report) gives them."""

    __slots__ = _fields = ("venue", "year")
    venue: str
    """Short venue name as cited (``arXiv`` for a preprint)."""
    year: int
    """Year as cited."""

    def __init__(self, venue: str, year: int) -> None:
        init_field(self, "venue", venue)
        init_field(self, "year", year)


class Ids(Record):
    """External identifiers of a paper."""

    __slots__ = _fields = ("arxiv", "doi", "arxiv_class")
    arxiv: str | None
    """arXiv identifier without version (``2212.09748``)."""
    doi: str | None
    """The publisher's DOI (not the arXiv DOI, which is derived)."""
    arxiv_class: str | None
    """arXiv's primary category (``cs.CV``), written as BibTeX's ``primaryClass``."""

    def __init__(self, arxiv: str | None = None, doi: str | None = None, arxiv_class: str | None = None) -> None:
        init_field(self, "arxiv", arxiv)
        init_field(self, "doi", doi)
        init_field(self, "arxiv_class", arxiv_class)

    @property
    def arxiv_doi(self) -> str | None:
        """The DOI arXiv assigns to every preprint."""
        return arxiv_doi(self.arxiv) if self.arxiv else None


_NO_IDS = Ids()


class Paper(Record):
    """One paper of the catalogue. Field names match the YAML keys."""

    __slots__ = _fields = (
        "key", "title", "authors", "year", "venue", "type", "category", "ref", "venue_full", "volume", "pages",
        "publisher", "cited", "ids", "url", "pdf", "section", "tags", "summary", "summary_zh", "notes",
    )
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
    ref: int | None
    """Number in the source document's reference list."""
    venue_full: str | None
    """Full venue name, e.g. "Advances in Neural Information Processing Systems"."""
    volume: str | None
    """Volume, where one exists."""
    pages: str | None
    """Page range, where one exists."""
    publisher: str | None
    """Publisher, where one exists."""
    cited: Cited | None
    """Venue and year as the source document cites the paper."""
    ids: Ids
    """arXiv id and DOI."""
    url: str | None
    """Landing page."""
    pdf: str | None
    """Direct link to the PDF."""
    section: str | None
    """Id of the mind-map section."""
    tags: tuple[str, ...]
    """Free lower-case words."""
    summary: str | None
    """One or two sentences in English."""
    summary_zh: str | None
    """The same in Chinese."""
    notes: str | None
    """What a curator should know (unconfirmed facts, citation oddities)."""

    def __init__(self, key: str, title: str, authors: tuple[str, ...], year: int, venue: str, type: PaperType,  # noqa: A002
                 category: str, ref: int | None = None, venue_full: str | None = None, volume: str | None = None,
                 pages: str | None = None, publisher: str | None = None, cited: Cited | None = None,
                 ids: Ids = _NO_IDS, url: str | None = None, pdf: str | None = None, section: str | None = None,
                 tags: tuple[str, ...] = (), summary: str | None = None, summary_zh: str | None = None,
                 notes: str | None = None) -> None:
        init_field(self, "key", key)
        init_field(self, "title", title)
        init_field(self, "authors", authors)
        init_field(self, "year", year)
        init_field(self, "venue", venue)
        init_field(self, "type", type)
        init_field(self, "category", category)
        init_field(self, "ref", ref)
        init_field(self, "venue_full", venue_full)
        init_field(self, "volume", volume)
        init_field(self, "pages", pages)
        init_field(self, "publisher", publisher)
        init_field(self, "cited", cited)
        init_field(self, "ids", ids)
        init_field(self, "url", url)
        init_field(self, "pdf", pdf)
        init_field(self, "section", section)
        init_field(self, "tags", tags)
        init_field(self, "summary", summary)
        init_field(self, "summary_zh", summary_zh)
        init_field(self, "notes", notes)

    @property
    def label(self) -> str:
        """How messages name this paper: ``ref 5 (tulyakov2018mocogan)`` or just the key."""
        return f"ref {self.ref} ({self.key})" if self.ref is not None else self.key

    @property
    def first_author_surname(self) -> str:
        """Last word of the first author's name (good enough for sorting)."""
        return family_name(self.authors[0]) if self.authors else ""

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


class Loaded(NamedTuple):
    """A validated catalogue, as the loader hands it to :class:`~sora_refs.Catalogue`."""

    info: CatalogueInfo
    sections: tuple[Section, ...]
    categories: tuple[Category, ...]
    papers: tuple[Paper, ...]
