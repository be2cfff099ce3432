"""The records of a catalogue: frozen, typed, and free of any I/O.

Each record declares its fields once, as annotations with docstrings; :class:`~sora_refs.record.Record`
derives the rest (slots, constructor, ``as_dict``, equality, ``replace``) without the start-up
cost of ``@dataclass``.
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple

from .ids import arxiv_doi
from .names import family_name
from .record import Record

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


class ThesisKind(str, Enum):
    """The degree a thesis was written for: BibTeX's ``@phdthesis`` or ``@mastersthesis``."""

    PHD = "phd"
    """A doctoral thesis (biblatex ``type = {phdthesis}``, CSL-JSON genre ``PhD thesis``)."""
    MASTERS = "masters"
    """A master's thesis (biblatex ``type = {mathesis}``, CSL-JSON genre ``Master's thesis``)."""


class Source(Record):
    """The document a catalogue was drawn from (for the bundled one, the Sora report)."""

    title: str
    """Its title."""
    url: str | None = None
    """Where to read it."""


class CatalogueInfo(Record):
    """The ``catalogue:`` header of a catalogue file."""

    title: str
    """The catalogue's name, shown in headings."""
    description: str | None = None
    """A sentence on what the list is."""
    source: Source | None = None
    """The document the list comes from."""
    schema: int = 1
    """Version of the file format."""
    description_zh: str | None = None
    """The description in Chinese (the web page shows it in Chinese)."""


class Section(Record):
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


class Category(Section):
    """A family of methods (RNN, GAN, diffusion, ...); the same fields as a :class:`Section`."""


class Cited(Record):
    """Venue and year as a citing document (the Sora report) gives them."""

    venue: str
    """Short venue name as cited (``arXiv`` for a preprint)."""
    year: int
    """Year as cited."""


class Ids(Record):
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
        return arxiv_doi(self.arxiv) if self.arxiv else None


_NO_IDS = Ids()


class Paper(Record, kw_only=True):
    """One paper of the catalogue. Field names match the YAML keys, in the order files use.

    To add a field: declare it here, with a default and a docstring (slots, constructor,
    :meth:`as_dict`, :data:`PAPER_FIELDS` and the cache's columns follow), then teach
    :mod:`sora_refs.reading.paperfields` to read it and the formats that should write it.
    """

    ref: int | None = None
    """Number in the source document's reference list."""
    key: str
    """BibTeX citekey, unique in the catalogue."""
    aliases: tuple[str, ...] = ()
    """Other citekeys of this paper (an imported key that had to change, a merged duplicate's key)."""
    title: str
    """The paper's own title, with its own capitalisation."""
    authors: tuple[str, ...]
    """Every author's full name, in order."""
    authors_truncated: bool = False
    """True when the author list ends in ``and others`` (et al.): the named authors are the first ones."""
    editors: tuple[str, ...] = ()
    """Editors' full names, in order (of the book or proceedings)."""
    editors_truncated: bool = False
    """True when the editor list ends in ``and others``: the named editors are the first ones."""
    year: int | None = None
    """Year of publication (at the venue, or of the preprint's first version); None when the work
    has none (a manual, a web page, a forthcoming paper: the words a file gave are kept in ``extra``)."""
    month: int | None = None
    """Month of publication, 1 to 12."""
    venue: str | None = None
    """Short venue name where it was published (NeurIPS, ICML, arXiv, OpenAI, ...); None when it has none."""
    venue_full: str | None = None
    """Full venue name, e.g. "Advances in Neural Information Processing Systems"."""
    type: PaperType
    """Kind of publication."""
    thesis: ThesisKind | None = None
    """For a thesis: the degree (``phd`` or ``masters``); None where a file did not say."""
    volume: str | None = None
    """Volume, where one exists."""
    number: str | None = None
    """Issue or report number (BibTeX's ``number``)."""
    pages: str | None = None
    """Page range, where one exists."""
    publisher: str | None = None
    """Publisher, where one exists."""
    address: str | None = None
    """Place of publication (biblatex's ``location``)."""
    series: str | None = None
    """Series the book or proceedings belong to."""
    edition: str | None = None
    """Edition of a book."""
    isbn: str | None = None
    """ISBN of a book."""
    organization: str | None = None
    """Organisation behind a conference or manual."""
    cited: Cited | None = None
    """Venue and year as the source document cites the paper."""
    ids: Ids = _NO_IDS
    """arXiv id and DOI."""
    url: str | None = None
    """Landing page."""
    pdf: str | None = None
    """Direct link to the PDF."""
    files: tuple[str, ...] = ()
    """Local copies (PDF paths), e.g. from a Zotero or Mendeley ``file`` field."""
    category: str
    """Id of the paper's category."""
    section: str | None = None
    """Id of the mind-map section."""
    tags: tuple[str, ...] = ()
    """Free lower-case words."""
    keywords: tuple[str, ...] = ()
    """Keywords as the source gives them (free text, unlike tags)."""
    summary: str | None = None
    """One or two sentences in English."""
    summary_zh: str | None = None
    """The same in Chinese."""
    abstract: str | None = None
    """The paper's abstract."""
    note: str | None = None
    """BibTeX's ``note``: printed in the reference (not the curator's ``notes``)."""
    notes: str | None = None
    """What a curator should know (unconfirmed facts, citation oddities)."""
    extra: dict[str, str] | None = None
    """Any other BibTeX field, name (lower case) -> value as written (LaTeX kept), exported unchanged."""

    @property
    def label(self) -> str:
        """How messages name this paper: ``ref 5 (tulyakov2018mocogan)`` or just the key."""
        return f"ref {self.ref} ({self.key})" if self.ref is not None else self.key

    @property
    def first_author_surname(self) -> str:
        """Last word of the first author's name (good enough for sorting)."""
        return family_name(self.authors[0]) if self.authors else ""

    def venue_as(self, cited: bool) -> str:
        """The venue as cited (where known) or as published; ``""`` for a paper with none."""
        return self.cited.venue if cited and self.cited else self.venue or ""

    def year_as(self, cited: bool) -> int | None:
        """The year as cited (where known) or as published; None for a paper with no year."""
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


PAPER_FIELDS: tuple[str, ...] = Paper._declared
"""Every key a paper mapping may have, in the order files and exports use."""


class Loaded(NamedTuple):
    """A validated catalogue, as the loader hands it to :class:`~sora_refs.Catalogue`."""

    info: CatalogueInfo
    sections: tuple[Section, ...]
    categories: tuple[Category, ...]
    papers: tuple[Paper, ...]
