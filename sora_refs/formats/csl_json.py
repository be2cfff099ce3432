"""CSL-JSON, the format of citeproc: read by Pandoc (``--citeproc``) and Zotero."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Paper, PaperType
from ..names import split_name
from . import ExportOptions, effective_venue, export_doi, thesis_genre

_TYPES = {
    PaperType.INPROCEEDINGS: "paper-conference",
    PaperType.ARTICLE: "article-journal",
    PaperType.PREPRINT: "article",
    PaperType.REPORT: "report",
    PaperType.BOOK: "book",
    PaperType.INCOLLECTION: "chapter",
    PaperType.THESIS: "thesis",
    PaperType.MISC: "document",
}


def _name(full: str) -> dict[str, str]:
    first, last, suffix = split_name(full)
    name = {"family": last}
    if first:
        name["given"] = first
    if suffix:
        name["suffix"] = suffix
    return name if first or suffix else {"literal": last}


def item(paper: Paper, options: ExportOptions) -> dict[str, object]:
    """One CSL-JSON item."""
    kind, venue, venue_full, year = effective_venue(paper, options.as_cited)
    data: dict[str, object] = {
        "id": paper.key,
        "type": _TYPES[kind],
        "title": paper.title,
        "author": [_name(a) for a in paper.authors],
    }
    if paper.editors and paper.authors == paper.editors:
        del data["author"]  # an edited volume lists its editors as authors in the catalogue; CSL as editors
    if year is not None:  # a work with no year has no "issued" (CSL processors print "n.d.")
        data["issued"] = {"date-parts": [[year, paper.month] if paper.month and year == paper.year else [year]]}
    elif paper.extra and paper.extra.get("year"):  # "forthcoming", "in press": CSL's publication status
        from ..bibtex.latex import unescape

        data["status"] = unescape(paper.extra["year"])
    if paper.editors:
        data["editor"] = [_name(e) for e in paper.editors]
    if kind is PaperType.PREPRINT:
        if venue_full or venue:
            data["publisher"] = venue_full or venue
        if paper.ids.arxiv:
            data["number"] = f"arXiv:{paper.ids.arxiv}"
    elif kind is PaperType.REPORT:
        if paper.publisher or venue:
            data["publisher"] = paper.publisher or venue
        data["genre"] = "Technical report"
        if paper.number:
            data["number"] = paper.number
    elif venue_full or venue:
        data["container-title"] = venue_full or venue
        if venue_full and venue and venue != venue_full:
            data["container-title-short"] = venue
    genre = thesis_genre(paper) if kind is PaperType.THESIS else None
    if genre:  # Master's thesis, PhD thesis
        data["genre"] = genre
    for name, value in (("volume", paper.volume), ("issue", paper.number), ("page", paper.pages)):
        if value and kind not in (PaperType.PREPRINT, PaperType.REPORT):
            data[name] = value
    if paper.publisher and "publisher" not in data:
        data["publisher"] = paper.publisher
    for name, value in (
        ("publisher-place", paper.address),
        ("collection-title", paper.series),
        ("edition", paper.edition),
        ("ISBN", paper.isbn),
        ("abstract", paper.abstract),
    ):
        if value:
            data[name] = value
    if paper.keywords:
        data["keyword"] = ", ".join(paper.keywords)
    doi = export_doi(paper, kind, venue)
    if doi:
        data["DOI"] = doi
    if paper.landing_url:
        data["URL"] = paper.landing_url
    notes = [paper.note] if paper.note else []
    if paper.ids.arxiv and kind is not PaperType.PREPRINT:
        # A published paper keeps its preprint: CSL has no arXiv variable; citeproc prints the note.
        notes.append(f"arXiv:{paper.ids.arxiv}")
    if notes:
        data["note"] = "; ".join(notes)
    return data


@dataclass(frozen=True)
class CslJsonFormat:
    name: str = "csl-json"
    description: str = "CSL-JSON for Pandoc (--citeproc) and Zotero"

    def render(self, papers: Sequence[Paper], options: ExportOptions) -> str:
        return json.dumps([item(p, options) for p in papers], ensure_ascii=False, indent=2) + "\n"


FORMAT = CslJsonFormat()
