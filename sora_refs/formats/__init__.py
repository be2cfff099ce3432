"""Export formats: one module per format, each a :class:`Format`, found through one registry.

A format module is imported only when asked for, so ``sora-refs export --format csv`` never
loads bibtexparser.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from ..errors import UsageError
from ..models import PaperType
from ..suggest import unknown

if TYPE_CHECKING:
    from ..catalogue import Catalogue
    from ..models import Paper


@dataclass(frozen=True)
class ExportOptions:
    """Choices that change what an export looks like."""

    as_cited: bool = False
    """Venues and years as the source document cites them (the report's own reference list)."""
    ascii_only: bool = False
    """BibTeX/biblatex: LaTeX escapes (``N{\\"U}WA``) instead of UTF-8, for 8-bit BibTeX."""
    style: str = "list"
    """Markdown: ``list`` (a numbered reference list) or ``table``."""
    lang: str = "en"
    """Language of category names (Markdown, CSV)."""
    catalogue: Catalogue | None = None
    """The catalogue the papers come from (category names, the YAML header)."""
    jobs: int = 1
    """Processes a large BibTeX export may use (the CLI uses every core; the library one)."""


class Format(Protocol):
    """What every export format provides."""

    name: str
    """Name on the command line (``--format NAME``)."""
    description: str
    """One line for ``--help``."""

    def render(self, papers: Sequence[Paper], options: ExportOptions) -> str:
        """The whole export as text (UTF-8 when written), ending with a newline unless empty."""
        ...


# name -> module (relative to this package) holding a FORMAT object. Order is the order --help lists them in.
REGISTRY: dict[str, str] = {
    "bibtex": "..bibtex.from_paper",
    "biblatex": "biblatex",
    "csl-json": "csl_json",
    "ris": "ris",
    "markdown": "markdown",
    "json": "json_",
    "yaml": "yaml_",
    "csv": "csv_",
    "html": "html_",
}


def effective_venue(paper: Paper, as_cited: bool) -> tuple[PaperType, str, str | None, int | None]:
    """Type, short venue (``""`` if none), full venue and year (None if none), as published or
    (``as_cited``) as cited."""
    if not as_cited or paper.cited is None:
        return paper.type, paper.venue or "", paper.venue_full, paper.year
    venue, year = paper.cited.venue, paper.cited.year
    if venue == paper.venue:
        return paper.type, venue, paper.venue_full, year
    if venue.lower() == "arxiv":
        return PaperType.PREPRINT, venue, None, year
    return paper.type, venue, None, year


def thesis_genre(paper: Paper) -> str | None:
    """A thesis's kind in words (CSL-JSON's genre, RIS's M3): the file's own words where it gave
    some (``Diploma thesis``), else ``Master's thesis`` or ``PhD thesis``; None for other papers."""
    if paper.type is not PaperType.THESIS:
        return None
    if paper.extra and paper.extra.get("type"):
        from ..bibtex.latex import unescape

        return unescape(paper.extra["type"])
    if paper.thesis is None:
        return None
    return "Master's thesis" if paper.thesis.value == "masters" else "PhD thesis"


def export_doi(paper: Paper, kind: PaperType, venue: str) -> str | None:
    """The DOI every format exports: the publisher's, else arXiv's for a paper known only as an arXiv preprint.

    ``kind`` and ``venue`` as :func:`effective_venue` gives them (as published or as cited).
    """
    if paper.ids.doi:
        return paper.ids.doi
    if kind is PaperType.PREPRINT and venue.lower() == "arxiv":
        return paper.ids.arxiv_doi
    return None


def available() -> list[str]:
    """Every format name, in registry order."""
    return list(REGISTRY)


def get(name: str) -> Format:
    """The format called ``name``; :class:`UsageError` with a did-you-mean otherwise."""
    module = REGISTRY.get(name.lower())
    if module is None:
        raise UsageError(unknown("export format", name, REGISTRY))
    found: Format = importlib.import_module(module if module.startswith(".") else "." + module, __name__).FORMAT
    return found


def export(papers: Sequence[Paper], format_: str, options: ExportOptions | None = None) -> str:
    """``papers`` in format ``format_`` as text."""
    return "".join(export_chunks(papers, format_, options))


def export_chunks(papers: Sequence[Paper], format_: str, options: ExportOptions | None = None) -> Iterator[str]:
    """The same text as :func:`export`, in pieces, so that a large export need not be held whole."""
    chosen = get(format_)
    options = options or ExportOptions()
    chunks = getattr(chosen, "chunks", None)
    if chunks is None:
        yield chosen.render(papers, options)
    else:
        yield from chunks(papers, options)
