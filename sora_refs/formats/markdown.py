"""Markdown: a numbered reference list like the report's, or a table with links for a README."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..bibtex.names import plain_name
from ..models import Paper, PaperType
from ..names import short_authors, split_name
from . import ExportOptions, effective_venue

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|"})


def md(text: str) -> str:
    """``text`` with the characters Markdown would read as markup escaped."""
    return " ".join(text.split()).translate(_MD_SPECIAL)


def _authors(paper: Paper) -> str:
    """``Peebles, William, and Saining Xie``: the first name inverted, the others as written."""
    names = []
    for index, full in enumerate(paper.authors):
        first, last, suffix = split_name(full)
        if index == 0 and first:
            names.append(f"{last}, {first}" + (f", {suffix}" if suffix else ""))
        else:
            names.append(plain_name(full))
    if len(names) == 2 and "," not in names[0]:
        return " and ".join(names)  # "ACME Team and Jane Doe": no comma to set the inversion off
    if len(names) <= 2:
        return ", and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def _sentence(text: str) -> str:
    """``text`` ending with one full stop (none added after ``?``, ``!`` or ``.``)."""
    return text if text.endswith((".", "?", "!")) else text + "."


def _where(paper: Paper, kind: PaperType, venue: str, venue_full: str | None, number: int | None) -> str:
    """``*arXiv preprint arXiv:2010.11929* (2020).`` or ``*Advances in ...* (NeurIPS), 2017.``

    A work with no year says ``n.d.`` (no date), as reference styles do.
    """
    year = "n.d." if number is None else number
    if kind is PaperType.PREPRINT:
        if venue.lower() == "arxiv":
            label = f"arXiv preprint arXiv:{paper.ids.arxiv}" if paper.ids.arxiv else "arXiv preprint"
        else:
            label = venue_full or f"{venue} preprint"
        return f"*{md(label)}* ({year})."
    full = venue_full or venue
    if not full:  # a paper with no venue
        return f"{year}."
    # The short name only when it adds something: "OpenAI technical report", not "... (OpenAI)".
    shown = not set(venue.lower().split()) <= set(full.lower().split())
    return f"*{md(full)}*" + (f" ({md(venue)})" if shown else "") + f", {year}."


def list_item(paper: Paper, number: int, options: ExportOptions) -> str:
    """``[26] Peebles, William, and Saining Xie. "Scalable ...." *IEEE/CVF ...* (ICCV), 2023. [arXiv](...)``"""
    kind, venue, venue_full, year = effective_venue(paper, options.as_cited)
    authors = _sentence(md(_authors(paper)))
    text = f'[{number}] {authors} "{_sentence(md(paper.title))}" {_where(paper, kind, venue, venue_full, year)}'
    links = _links(paper)
    return text + (" " + " ".join(links) if links else "")


def _links(paper: Paper) -> list[str]:
    links = []
    if paper.ids.arxiv:
        links.append(f"[arXiv:{paper.ids.arxiv}](https://arxiv.org/abs/{paper.ids.arxiv})")
    if paper.ids.doi:
        links.append(f"[doi:{md(paper.ids.doi)}](https://doi.org/{paper.ids.doi})")
    if paper.url and not paper.url.startswith("https://arxiv.org/abs/"):
        links.append(f"[page]({paper.url})")
    if paper.pdf_url and paper.pdf_url != paper.url:  # a report whose page is its PDF: one link
        links.append(f"[PDF]({paper.pdf_url})")
    return links


def table(papers: Sequence[Paper], options: ExportOptions) -> str:
    """A GitHub-flavoured table: ref, title, authors, venue, year, category, links."""
    catalogue = options.catalogue
    rows = ["| Ref | Title | Authors | Venue | Year | Category | Links |", "|---:|---|---|---|---:|---|---|"]
    for index, paper in enumerate(papers, start=1):
        _, venue, _, year = effective_venue(paper, options.as_cited)
        authors = short_authors(paper.authors)
        category = catalogue.category_label(paper.category, options.lang) if catalogue else paper.category
        ref = paper.ref if paper.ref is not None else index
        rows.append(
            f"| {ref} | {md(paper.title)} | {md(authors)} | {md(venue)} | {year or ''} | {md(category)} | "
            f"{' '.join(_links(paper))} |"
        )
    return "\n".join(rows) + "\n"


@dataclass(frozen=True)
class MarkdownFormat:
    name: str = "markdown"
    description: str = "Markdown reference list (--style list) or table (--style table)"

    def render(self, papers: Sequence[Paper], options: ExportOptions) -> str:
        if not papers:
            return ""
        if options.style == "table":
            return table(papers, options)
        items = [list_item(p, p.ref if p.ref is not None else i, options) for i, p in enumerate(papers, start=1)]
        return "\n\n".join(items) + "\n"


FORMAT = MarkdownFormat()
