"""RIS, read by EndNote, Mendeley and Zotero: one ``TAG  - value`` line per field.

The RIS specification (and EndNote, which wrote it) ends every line with CR LF, and a record
with ``ER  - ``; the same bytes are written on every platform.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Paper, PaperType
from ..names import split_name
from . import ExportOptions, effective_venue, export_doi, thesis_genre

CRLF = "\r\n"
"""RIS's line ending, whatever the platform."""

_TYPES = {
    PaperType.INPROCEEDINGS: "CPAPER",
    PaperType.ARTICLE: "JOUR",
    PaperType.PREPRINT: "UNPB",
    PaperType.REPORT: "RPRT",
    PaperType.BOOK: "BOOK",
    PaperType.INCOLLECTION: "CHAP",
    PaperType.THESIS: "THES",
    PaperType.MISC: "GEN",
}


def _author(full: str) -> str:
    first, last, suffix = split_name(full)
    return ", ".join(part for part in (last, first, suffix) if part)


def _line(tag: str, value: object) -> str:
    # RIS has no escaping: a line break would end the field, so values are kept on one line.
    return f"{tag}  - {' '.join(str(value).split())}"


def record(paper: Paper, options: ExportOptions) -> list[str]:
    """The lines of one RIS record, ``TY`` first and ``ER`` last."""
    kind, venue, venue_full, year = effective_venue(paper, options.as_cited)
    lines = [_line("TY", _TYPES[kind]), _line("ID", paper.key)]
    if not (paper.editors and paper.authors == paper.editors):  # an edited volume: ED only
        lines += [_line("AU", _author(a)) for a in paper.authors]
    lines += [_line("ED", _author(e)) for e in paper.editors]
    lines.append(_line("TI", paper.title))
    container = venue_full or venue
    if kind is PaperType.ARTICLE and container:
        lines.append(_line("JO", container))
    elif kind in (PaperType.INPROCEEDINGS, PaperType.INCOLLECTION) and container:
        lines.append(_line("T2", container))
    if year is not None:
        lines.append(_line("PY", year))
    elif paper.extra and paper.extra.get("year"):  # "In Press", as EndNote writes it
        from ..bibtex.latex import unescape

        lines.append(_line("PY", unescape(paper.extra["year"])))
    if paper.month and year is not None and year == paper.year:
        lines.append(_line("DA", f"{year}/{paper.month:02d}//"))
    if kind not in (PaperType.PREPRINT, PaperType.REPORT):
        if paper.volume:
            lines.append(_line("VL", paper.volume))
        if paper.number:
            lines.append(_line("IS", paper.number))
        if paper.pages:
            start, _, end = paper.pages.replace("–", "-").partition("-")
            lines.append(_line("SP", start))
            if end:
                lines.append(_line("EP", end.lstrip("-")))
    publisher = paper.publisher or (container if kind in (PaperType.PREPRINT, PaperType.REPORT) else None)
    if publisher:
        lines.append(_line("PB", publisher))
    for tag, value in (
        ("CY", paper.address),
        ("T3", paper.series),
        ("ET", paper.edition),
        ("SN", paper.isbn),
        ("AB", paper.abstract),
    ):
        if value:
            lines.append(_line(tag, value))
    lines += [_line("KW", word) for word in paper.keywords]
    doi = export_doi(paper, kind, venue)
    if doi:
        lines.append(_line("DO", doi))
    if paper.landing_url:
        lines.append(_line("UR", paper.landing_url))
    if paper.pdf_url:
        lines.append(_line("L1", paper.pdf_url))
    lines += [_line("L1", "file://" + path if path.startswith("/") else path) for path in paper.files]
    genre = thesis_genre(paper) if kind is PaperType.THESIS else None
    if genre:
        lines.append(_line("M3", genre))  # type of work: Master's thesis, PhD thesis
    if paper.note:
        lines.append(_line("N1", paper.note))
    if paper.ids.arxiv:
        lines.append(_line("N1", f"arXiv:{paper.ids.arxiv}"))
    lines.append("ER  - ")
    return lines


@dataclass(frozen=True)
class RisFormat:
    name: str = "ris"
    description: str = "RIS for EndNote, Mendeley and Zotero"

    def render(self, papers: Sequence[Paper], options: ExportOptions) -> str:
        # Each record ends "ER  - " CR LF; a blank line (CR LF) separates records, none trails.
        return CRLF.join(CRLF.join(record(p, options)) + CRLF for p in papers)


FORMAT = RisFormat()
