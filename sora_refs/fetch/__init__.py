"""Everything that talks to the network, and its one entry point for Python users.

>>> from sora_refs import Catalogue, fetch
>>> papers = Catalogue.load().papers
>>> findings = fetch.check_arxiv(papers)          # doctest: +SKIP
>>> findings = fetch.check_crossref(papers)       # doctest: +SKIP
>>> results = fetch.download_pdfs(papers[:2], "pdfs")  # doctest: +SKIP
>>> report = fetch.check_online("arxiv", papers)  # doctest: +SKIP
>>> fields = fetch.look_up(fetch.identifiers(["2212.09748"]))  # doctest: +SKIP

Inside: one HTTP session (:mod:`.net`, with the one retry loop), per-host politeness
(:mod:`.hosts`), PDF downloads (:mod:`.download`, :mod:`.transfer`, :mod:`.pdfstore`) and the online checks
against arXiv and Crossref (:mod:`.arxiv`, :mod:`.crossref`, :mod:`.lookups`). Only :mod:`.net`
imports requests, and only when a request is made; importing this package loads none of it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from ..catalogue import Catalogue
    from ..editing.adding import Wanted
    from ..models import Paper
    from . import arxiv, crossref
    from .download import Progress, Result
    from .lookups import OnlineCheck


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


def check_online(
    service: str,
    papers: Sequence[Paper],
    *,
    api: str | None = None,
    timeout: float = 30.0,
    refresh: bool = False,
    before: Callable[[str], None] | None = None,
) -> OnlineCheck:
    """Ask ``service`` (``"arxiv"`` or ``"crossref"``) about the papers, as ``sora-refs check --online`` does.

    Unlike :func:`check_arxiv` and :func:`check_crossref`, a service that cannot be asked does not
    raise: its error is in the result, with the requests made and the answers taken from the
    cache. ``before(api)`` is called once the service's address is known, before any request.
    """
    from .lookups import OnlineCheck

    if service == "arxiv":
        from .arxiv import ArxivClient, ArxivError
        from .arxiv import check_papers as check_arxiv_papers

        arxiv = ArxivClient(api, timeout=timeout, refresh=refresh)
        if before is not None:
            before(arxiv.api)
        try:
            return OnlineCheck(service, arxiv.api, check_arxiv_papers(papers, arxiv), arxiv.requests, arxiv.from_cache)
        except ArxivError as error:
            return OnlineCheck(service, arxiv.api, [], arxiv.requests, arxiv.from_cache, str(error))
    if service == "crossref":
        from .crossref import CrossrefClient, CrossrefError
        from .crossref import check_papers as check_crossref_papers

        crossref = CrossrefClient(api, timeout=timeout, refresh=refresh)
        if before is not None:
            before(crossref.api)
        try:
            findings = check_crossref_papers(papers, crossref)
            return OnlineCheck(service, crossref.api, findings, crossref.requests, crossref.from_cache)
        except CrossrefError as error:
            return OnlineCheck(service, crossref.api, [], crossref.requests, crossref.from_cache, str(error))
    from ..errors import UsageError
    from ..suggest import unknown

    raise UsageError(unknown("service", service, ["arxiv", "crossref"]))


def identifiers(texts: Iterable[str]) -> list[Wanted]:
    """arXiv ids and DOIs (or their URLs) as :func:`look_up` takes them; the first bad one is a
    :class:`~sora_refs.errors.UsageError`, before any request."""
    from ..editing.adding import candidates

    return candidates(texts)


def look_up(
    wanted: Sequence[Wanted],
    catalogue: Catalogue | None = None,
    *,
    arxiv_api: str | None = None,
    crossref_api: str | None = None,
    mailto: str | None = None,
    timeout: float = 30.0,
    refresh: bool = False,
) -> list[dict[str, Any]]:
    """The catalogue fields of each wanted paper (arXiv for preprints, Crossref for the published
    version and for DOIs), in order, ready for :meth:`sora_refs.CatalogueFile.add`. Venue names
    follow those ``catalogue`` already uses.

    All or nothing: an id no service knows is a :class:`~sora_refs.errors.NotFoundError`, a
    service that cannot be asked a :class:`~sora_refs.errors.SoraRefsError`.
    """
    from ..editing.adding import look_up as look_up_fields
    from .arxiv import ArxivClient
    from .crossref import CrossrefClient

    arxiv = ArxivClient(arxiv_api, timeout=timeout, refresh=refresh)
    crossref = CrossrefClient(crossref_api, timeout=timeout, refresh=refresh, mailto=mailto)
    return look_up_fields(wanted, arxiv, crossref, catalogue)


def local_pdf(paper: Paper) -> Path | None:
    """The first of the paper's own files (``files``, e.g. Zotero's) that is a PDF on this machine."""
    from .download import local_pdf as first_local_pdf

    return first_local_pdf(paper)


def summary_counts(results: Sequence[Result]) -> dict[str, int]:
    """``{"downloaded": n, "skipped": n, "failed": n}`` for the results of :func:`download_pdfs`."""
    from .download import summary_counts as count_results

    return count_results(results)


def config_file() -> str:
    """The configuration file (``$SORA_REFS_CONFIG``, else the user's config directory): it may hold
    ``mailto:`` for Crossref's polite pool."""
    from .crossref import config_file as crossref_config

    return crossref_config()


def __getattr__(name: str) -> Any:
    if name == "OnlineCheck":  # the type check_online returns, without loading its module up front
        from .lookups import OnlineCheck

        return OnlineCheck
    raise AttributeError(f"module 'sora_refs.fetch' has no attribute {name!r}")


__all__ = [
    "OnlineCheck",
    "check_arxiv",
    "check_crossref",
    "check_online",
    "config_file",
    "download_pdfs",
    "identifiers",
    "local_pdf",
    "look_up",
    "summary_counts",
]
