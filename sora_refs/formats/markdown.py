"""Markdown: a numbered reference list like the report's, or a table with links for a README."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Paper
from . import ExportOptions
from .bibtex_ import _effective
from .names import split_name

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|"})


def md(text: str) -> str:
    """``text`` with the characters Markdown would read as markup escaped."""
    return " ".join(text.split()).translate(_MD_SPECIAL)


def _authors(paper: Paper) -> str:
    names = []
    for index, full in enumerate(paper.authors):
        first, last, suffix = split_name(full)
        if index == 0 and first:
            names.append(f"{last}, {first}" + (f", {suffix}" if suffix else ""))
        else:
            names.append(full)
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def list_item(paper: Paper, number: int, options: ExportOptions) -> str:
    """``[26] Peebles, William, and Saining Xie. "Scalable ...". *IEEE/CVF ...* (ICCV), 2023. [arXiv](...)``"""
    _, venue, venue_full, year = _effective(paper, options.as_cited)
    title = paper.title.rstrip(".")
    where = f"*{md(venue_full)}* ({md(venue)})" if venue_full and venue_full != venue else f"*{md(venue)}*"
    text = f"[{number}] {md(_authors(paper))}. \"{md(title)}.\" {where}, {year}."
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
    if paper.pdf_url:
        links.append(f"[PDF]({paper.pdf_url})")
    return links


def table(papers: Sequence[Paper], options: ExportOptions) -> str:
    """A GitHub-flavoured table: ref, title, authors, venue, year, category, links."""
    catalogue = options.catalogue
    rows = ["| Ref | Title | Authors | Venue | Year | Category | Links |",
            "|---:|---|---|---|---:|---|---|"]
    for index, paper in enumerate(papers, start=1):
        _, venue, _, year = _effective(paper, options.as_cited)
        surnames = [split_name(a)[1] for a in paper.authors]
        authors = ", ".join(surnames) if len(surnames) <= 3 else f"{surnames[0]} et al."
        category = catalogue.category_label(paper.category, options.lang) if catalogue else paper.category
        ref = paper.ref if paper.ref is not None else index
        rows.append(f"| {ref} | {md(paper.title)} | {md(authors)} | {md(venue)} | {year} | {md(category)} | "
                    f"{' '.join(_links(paper))} |")
    return "\n".join(rows) + "\n"


@dataclass(frozen=True)
class MarkdownFormat:
    name: str = "markdown"
    extension: str = "md"
    description: str = "Markdown reference list (--style list) or table (--style table)"

    def render(self, papers: Sequence[Paper], options: ExportOptions) -> str:
        if not papers:
            return ""
        if options.style == "table":
            return table(papers, options)
        items = [list_item(p, p.ref if p.ref is not None else i, options) for i, p in enumerate(papers, start=1)]
        return "\n\n".join(items) + "\n"


FORMAT = MarkdownFormat()
