"""Paper -> BibTeX entry: the ``bibtex`` export format, entries that classic BibTeX (plain, unsrt)
and biber accept without a warning.

The mapping from a paper to fields lives here, for both dialects; :mod:`sora_refs.formats.biblatex`
only chooses the other dialect. Writing goes through :mod:`.codec` (bibtexparser).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import forkmap
from ..formats import ExportOptions, effective_venue, export_doi
from ..models import Paper, PaperType, ThesisKind
from .aswritten import PRINTED, standard
from .aswritten import written as as_written
from .datamodel import BY_TYPE, allowed
from .latex import escape, protect_title
from .names import byte_safe, format_names
from .reader import MONTHS

if TYPE_CHECKING:
    from .codec import BibEntry

_DASHES = re.compile(r"\s*[-‐‑–—]+\s*")

# Entry type per paper type, per dialect; preprints are decided by their venue.
_BIBTEX_TYPES = frozenset(
    "article book booklet conference inbook incollection inproceedings manual mastersthesis misc phdthesis "
    "proceedings techreport unpublished".split()
)
"""The entry types of BibTeX's standard styles."""
_BY_EDITOR = frozenset({"book", "inbook", "proceedings"})
"""Entry types BibTeX's styles sort by the editor when there is no author."""

_TYPES = {
    "bibtex": {
        PaperType.INPROCEEDINGS: "inproceedings",
        PaperType.ARTICLE: "article",
        PaperType.PREPRINT: "misc",
        PaperType.REPORT: "techreport",
        PaperType.BOOK: "book",
        PaperType.INCOLLECTION: "incollection",
        PaperType.THESIS: "phdthesis",
        PaperType.MISC: "misc",
    },
    "biblatex": {
        PaperType.INPROCEEDINGS: "inproceedings",
        PaperType.ARTICLE: "article",
        PaperType.PREPRINT: "misc",
        PaperType.REPORT: "report",
        PaperType.BOOK: "book",
        PaperType.INCOLLECTION: "incollection",
        PaperType.THESIS: "thesis",
        PaperType.MISC: "misc",
    },
}


def bibtex_pages(pages: str) -> str:
    """``843--852``: BibTeX's en dash between page numbers."""
    return _DASHES.sub("--", pages.strip())


def sort_key(paper: Paper) -> str:
    """BibTeX's ``key`` for a paper with no author or editor: its organisation, publisher, venue or title."""
    return paper.organization or paper.publisher or paper.venue_full or paper.venue or paper.title


def _names(names: tuple[str, ...], truncated: bool, ascii_only: bool, classic: bool) -> str:
    text = format_names(names, ascii_only, classic)
    return f"{text} and others" if truncated and text else text


def entry_fields(paper: Paper, dialect: str, options: ExportOptions) -> tuple[str, list[tuple[str, str]]]:
    """The entry type and ``(field, value)`` pairs of ``paper``, in the fixed field order.

    Every field the catalogue holds is written, then ``extra`` as imported. biblatex gets only
    what its data model allows for the entry type (``biber --validate-datamodel`` passes): a
    ``publisher`` of an article, say, stays in the catalogue and the BibTeX export.
    """
    ascii_only = options.ascii_only
    kind, venue, venue_full, year = effective_venue(paper, options.as_cited)
    is_arxiv_only = kind is PaperType.PREPRINT and venue.lower() == "arxiv"
    entry_type = _TYPES[dialect][kind]
    if kind is PaperType.THESIS and paper.thesis is ThesisKind.MASTERS and dialect == "bibtex":
        entry_type = "mastersthesis"
    biblatex = dialect == "biblatex"
    if biblatex and kind is PaperType.BOOK and paper.editors and paper.authors == paper.editors:
        entry_type = "collection"  # an edited volume: biblatex's @book requires an author
    if biblatex and kind is PaperType.INCOLLECTION and not paper.editors:
        entry_type = "inbook"  # biblatex's incollection requires an editor; inbook does not
    if biblatex and kind in (PaperType.INPROCEEDINGS, PaperType.INCOLLECTION) and not (venue_full or venue):
        entry_type = "misc"  # both require a booktitle, which the paper does not have
    # A value that uses a macro of its file's own (defined in an @preamble, which the export does
    # not carry: xampl's {\noopsort{1973a}}) would be an undefined command in the reader's
    # document; it stays in the catalogue only.
    extra = {
        name: value
        for name, value in (paper.extra or {}).items()
        if standard(value, biblatex) or not biblatex and name.lower() not in PRINTED
    }
    original = extra.pop("entrytype", None)  # @online, @software, @inbook...: given back where the dialect has it
    if original and original in (BY_TYPE if biblatex else _BIBTEX_TYPES):
        entry_type = original
    elif original and not biblatex:
        extra["entrytype"] = original  # a field BibTeX's styles ignore: imported again, the type is back
    # The year as the file wrote it ("2005--"; "n.d." beside an arXiv id, whose year the number is)
    # goes back in its place: reading it again gives the same number. Not if it names another
    # year (the number was edited since), nor to biblatex, whose date is a number.
    written_year = extra.pop("year", None) if year is not None and year == paper.year else None
    if written_year is not None and (biblatex or (str(year) not in written_year and re.search(r"\d", written_year))):
        written_year = None
    out: list[tuple[str, str]] = []

    def put(name: str, value: str | int | None, text: bool = True) -> None:
        if value is None or value == "":
            return
        out.append((name, escape(str(value), ascii_only) if text else str(value)))

    if biblatex:  # \cite{old key} still finds the entry (classic BibTeX: a copy under that key, below)
        put("ids", ", ".join(paper.aliases), text=False)
    if not (paper.editors and paper.authors == paper.editors):  # an edited volume: its editors only
        put("author", _names(paper.authors, paper.authors_truncated, ascii_only, not biblatex), text=False)
    put("editor", _names(paper.editors, paper.editors_truncated, ascii_only, not biblatex), text=False)
    title = as_written(extra, "title", paper.title, ascii_only)  # "{A}", "$O(n^2)$": as the file had it
    out.append(("title", title or protect_title(escape(paper.title, ascii_only))))
    container = venue_full or venue
    if kind in (PaperType.INPROCEEDINGS, PaperType.INCOLLECTION):
        put("booktitle", container)
    elif kind is PaperType.ARTICLE:
        put("journaltitle" if biblatex else "journal", container)
    elif kind is PaperType.REPORT:
        put("institution", paper.publisher or venue)
        if biblatex:
            put("type", extra.pop("type", None) or "techreport", text=False)
    elif kind is PaperType.THESIS:
        put("institution" if biblatex else "school", container or paper.publisher)
        if biblatex:
            masters = paper.thesis is ThesisKind.MASTERS
            put("type", extra.pop("type", None) or ("mathesis" if masters else "phdthesis"), text=False)
    elif kind is PaperType.BOOK:
        put("booktitle", container)  # a volume of a series, a book in a collection (biblatex: left out)
    elif kind in (PaperType.PREPRINT, PaperType.MISC) and not (biblatex and is_arxiv_only):
        label = f"arXiv preprint arXiv:{paper.ids.arxiv}" if is_arxiv_only and paper.ids.arxiv else container
        put("howpublished", label)
    month = paper.month if year == paper.year else None  # a cited year's month is unknown
    if biblatex:
        put("date", f"{year}-{month:02d}" if month and year is not None else year)  # no year: no date at all
    else:
        put("year", written_year or year, text=written_year is None)  # "2005--" as the file had it
        put("month", MONTHS[month - 1][:3].lower() if month else None, text=False)  # the macro: nov
    # Whatever the paper holds is written (biblatex keeps what its data model allows, below).
    put("volume", paper.volume)
    put("number", paper.number)
    if paper.pages:
        put("pages", bibtex_pages(paper.pages), text=False)  # digits and letters only (schema)
    if kind is not PaperType.REPORT and not (kind is PaperType.THESIS and not container):
        put("publisher", paper.publisher)  # a report's (or a thesis's without school) is the institution, above
    put("location" if biblatex else "address", paper.address)
    put("series", paper.series)
    put("edition", paper.edition)
    put("isbn", paper.isbn, text=False)
    put("organization", paper.organization)
    note = as_written(extra, "note", paper.note, ascii_only)
    if note:
        out.append(("note", note))
    else:
        put("note", paper.note)
    doi = export_doi(paper, kind, venue)
    put("doi", doi, text=False)
    if paper.ids.arxiv:
        versioned = extra.pop("eprint", "")  # math/0307200v3, as the file had it
        put("eprint", versioned if versioned.lower().startswith(paper.ids.arxiv.lower()) else paper.ids.arxiv, False)
        if biblatex:
            put("eprinttype", "arxiv", text=False)
            put("eprintclass", paper.ids.arxiv_class, text=False)
        else:
            put("archivePrefix", "arXiv", text=False)
            put("primaryClass", paper.ids.arxiv_class, text=False)
    put("url", paper.landing_url, text=False)
    put("keywords", ", ".join(paper.keywords))
    put("file", ";".join(paper.files), text=False)
    put("abstract", paper.abstract)
    edited = bool(paper.editors) and paper.authors == paper.editors
    if (not paper.authors or edited and entry_type not in _BY_EDITOR) and "key" not in extra and not biblatex:
        # What BibTeX sorts a work with no author by (else it warns), and alpha takes a label from.
        out.append(("key", byte_safe(escape(sort_key(paper), ascii_only))))
    written = {name.lower() for name, _ in out}
    for name, value in extra.items():
        if name not in written:
            out.append((name, value))  # as imported: LaTeX and all
    if biblatex:
        out = [(name, value) for name, value in _biber_values(out, entry_type) if allowed(entry_type, name.lower())]
    return entry_type, out


def _biber_values(fields: list[tuple[str, str]], entry_type: str) -> list[tuple[str, str]]:
    """Values biber would reject, moved or left out: ``month = {Summer}`` is an article's ``issue``.

    An ISBN whose check digit is wrong stays in the catalogue (and the BibTeX export) only.
    """
    out = []
    for name, value in fields:
        if name == "month" and not value.strip().isdigit():
            if entry_type == "article" and not any(n == "issue" for n, _ in fields):
                out.append(("issue", value))
            continue
        if name == "isbn" and not valid_isbn(value):
            continue
        if name == "year" and not value.strip().isdigit():
            # "forthcoming", "in press": biblatex's pubstate where it has one; "n.d." is what a
            # style prints for no date anyway. The words stay in the catalogue and BibTeX export.
            state = _PUBSTATES.get(re.sub(r"[^a-z]", "", value.lower()))
            if state and not any(n == "pubstate" for n, _ in fields):
                out.append(("pubstate", state))
            elif re.fullmatch(r"\d\d[xX?]{2}|\d{3}[xX?]", value.strip()) and not any(n == "date" for n, _ in fields):
                out.append(("date", value.strip().upper().replace("?", "X")))  # "19xx": EDTF's 19XX, 1900-1999
            continue
        if name in ("urldate", "eventdate", "origdate"):  # "19 April 2015": biber wants ISO 8601
            iso = _iso_date(value)
            if iso is None:
                continue  # biber would ignore it with a warning; it stays in the catalogue and BibTeX
            value = iso
        if name == "issn":  # "0003-049X (print), 2326-9243 (electronic)": biber takes one, checked
            found = next((m for m in _ISSN.findall(value) if valid_issn(m)), None)
            if found is None:
                continue
            value = found
        if name == "volume" and not value.isdigit():
            continue  # biber ignores a volume that is not a number, with a warning
        out.append((name, value))
    return out


_DATE_FORMATS = ("%Y-%m-%d", "%Y-%m", "%Y", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%Y/%m/%d", "%d.%m.%Y")


def _iso_date(text: str) -> str | None:
    """``text`` as an ISO 8601 date where it is one of the usual ways of writing a date."""
    import datetime

    clean = " ".join(text.replace("{", "").replace("}", "").split())
    for form in _DATE_FORMATS:
        try:
            parsed = datetime.datetime.strptime(clean, form)
        except ValueError:
            continue
        return parsed.strftime({"%Y": "%Y", "%Y-%m": "%Y-%m"}.get(form, "%Y-%m-%d"))
    return None


_ISSN = re.compile(r"\b\d{4}-\d{3}[\dXx]\b")
_PUBSTATES = {
    "forthcoming": "forthcoming",
    "inpress": "inpress",
    "inpreparation": "inpreparation",
    "submitted": "submitted",
    "prepublished": "prepublished",
}
"""A non-numeric BibTeX year (letters only, folded) -> biblatex's ``pubstate`` key."""


def valid_issn(text: str) -> bool:
    """True for an ISSN (``0003-049X``) whose check digit is right."""
    digits = text.replace("-", "").upper()
    if len(digits) != 8 or not digits[:7].isdigit():
        return False
    check = (11 - sum((8 - i) * int(d) for i, d in enumerate(digits[:7])) % 11) % 11
    return digits[7] == ("X" if check == 10 else str(check))


def valid_isbn(text: str) -> bool:
    """True for an ISBN-10 or ISBN-13 whose check digit is right (hyphens and spaces ignored)."""
    digits = text.replace("-", "").replace(" ", "").upper()
    if len(digits) == 10 and digits[:9].isdigit() and (digits[9].isdigit() or digits[9] == "X"):
        total = sum((10 - i) * int(d) for i, d in enumerate(digits[:9])) + (10 if digits[9] == "X" else int(digits[9]))
        return total % 11 == 0
    if len(digits) == 13 and digits.isdigit():
        return sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits)) % 10 == 0
    return False


@dataclass(frozen=True)
class BibtexFormat:
    """BibTeX or biblatex, as one :class:`~sora_refs.formats.Format`."""

    name: str
    dialect: str
    description: str

    def entries(self, papers: Sequence[Paper], options: ExportOptions) -> list[BibEntry]:
        """Entries ready for :func:`.codec.write`."""
        from .codec import BibEntry

        result = []
        for paper in papers:
            entry_type, fields = entry_fields(paper, self.dialect, options)
            result.append(BibEntry(entry_type, paper.key, fields))
            if self.dialect == "bibtex":
                # Classic BibTeX has no aliases: the paper again under each old key, so that a
                # document's \cite{old key} still resolves (as it did with the file imported).
                result.extend(BibEntry(entry_type, alias, fields) for alias in paper.aliases)
        return result

    def render(self, papers: Sequence[Paper], options: ExportOptions) -> str:
        return "".join(self.chunks(papers, options))

    def chunks(self, papers: Sequence[Paper], options: ExportOptions) -> Iterator[str]:
        """The export in pieces of :data:`CHUNK` entries, rendered by ``options.jobs`` processes.

        Entries are independent, so pieces can be rendered apart and joined with the block
        separator; the text is the same, byte for byte, whatever the number of processes.
        """
        spans = [(start, min(start + CHUNK, len(papers))) for start in range(0, len(papers), CHUNK)]
        if options.jobs > 1 and len(papers) >= PARALLEL_FROM and forkmap.available():
            # Forked workers inherit the papers; only the spans' text comes back. Ctrl-C stops
            # them all at once (see sora_refs.forkmap).
            yield from _joined(
                forkmap.ordered_map(lambda span: self._render(papers[span[0] : span[1]], options), spans, options.jobs)
            )
            return
        yield from _joined(self._render(papers[start:end], options) for start, end in spans)

    def _render(self, papers: Sequence[Paper], options: ExportOptions) -> str:
        from .codec import write

        return write(self.entries(papers, options))


CHUNK = 2000
"""Entries rendered at a time: memory stays flat however large the export."""
PARALLEL_FROM = 8000
"""Below this many papers, starting processes costs more than it saves."""


def _joined(pieces: Iterator[str]) -> Iterator[str]:
    first = True
    for piece in pieces:
        if not piece:
            continue
        yield piece if first else "\n" + piece  # the block separator between pieces
        first = False


FORMAT = BibtexFormat("bibtex", "bibtex", "BibTeX for classic bibtex and natbib (UTF-8, or --ascii)")
