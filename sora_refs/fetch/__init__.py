"""Everything that talks to the network, and its one entry point for Python users.

>>> from sora_refs import Catalogue, fetch
>>> papers = Catalogue.load().papers
>>> findings = fetch.check_arxiv(papers)          # doctest: +SKIP
>>> findings = fetch.check_crossref(papers)       # doctest: +SKIP
>>> results = fetch.download_pdfs(papers[:2], "pdfs")  # doctest: +SKIP

Inside: one HTTP session (:mod:`.net`, with the one retry loop), per-host politeness
(:mod:`.hosts`), PDF downloads (:mod:`.download`, :mod:`.pdfstore`) and the online checks
against arXiv and Crossref (:mod:`.arxiv`, :mod:`.crossref`, :mod:`.lookups`). Only :mod:`.net`
imports requests, and only when a request is made; importing this package loads none of it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..models import Paper
    from . import arxiv, crossref
    from .download import Progress, Result


def check_arxiv(
    papers: Sequence[Paper], *, api: str | None = None, timeout: float = 30.0, refresh: bool = False
) -> list[arxiv.Finding]:
    """What arXiv says about every paper with an arXiv id: title, authors and year compared.

    Answers are cached for a week (``refresh`` asks again). Raises
    :class:`~sora_refs.fetch.arxiv.ArxivError` when arXiv cannot be reached.
    """
    from .arxiv import ArxivClient, check_papers

    return check_papers(papers, ArxivClient(api, timeout=timeout, refresh=refresh))


def check_crossref(
    papers: Sequence[Paper], *, api: str | None = None, timeout: float = 30.0, refresh: bool = False
) -> list[crossref.Finding]:
    """What Crossref has for every paper with a DOI, compared with the catalogue (cached likewise)."""
    from .crossref import CrossrefClient, check_papers

    return check_papers(papers, CrossrefClient(api, timeout=timeout, refresh=refresh))


def download_pdfs(
    papers: Sequence[Paper], directory: str | os.PathLike[str], *, progress: Progress | None = None, **settings: Any
) -> list[Result]:
    """Download the papers' PDFs into ``directory``: intact files are skipped, cut transfers resume.

    ``settings`` are those of :class:`~sora_refs.fetch.download.Settings` (``jobs``, ``timeout``,
    ``retries``, ``force``, ...); one :class:`~sora_refs.fetch.download.Result` per paper.
    """
    from pathlib import Path

    from .download import Downloader, Settings

    return Downloader(Settings(directory=Path(directory), **settings), progress).run(papers)


__all__ = ["check_arxiv", "check_crossref", "download_pdfs"]
