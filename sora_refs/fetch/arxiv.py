"""The arXiv API: what arXiv says about the catalogue's preprints, and where the catalogue disagrees.

    from sora_refs import Catalogue
    from sora_refs.fetch.arxiv import ArxivClient, check_papers

    for finding in check_papers(Catalogue.load().papers, ArxivClient()):
        print(finding.paper.label, [str(d) for d in finding.differences])

Ids are asked for in batches (one ``id_list`` query per 50), at most one request every three
seconds to export.arxiv.org as arXiv asks. Answers are cached on disk (``<cache dir>/arxiv``) for
a week, so a repeated check is instant and works offline. arXiv's known quirks are handled: an
empty feed with HTTP 200, a "Rate exceeded" body, 429 and 503 (with ``Retry-After``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from ..errors import SoraRefsError
from ..models import Paper, PaperType
from ..text import fold
from . import net
from .client import ServiceClient
from .lookups import Difference, author_differences, load_cached, store_cached
from .lookups import words as _words

DEFAULT_API = "https://export.arxiv.org/api/query"
API_ENV = "SORA_REFS_ARXIV_API"
BATCH = 50
MAX_AGE = 7 * 24 * 3600.0
"""Seconds a cached answer stays good."""

_ATOM = "{http://www.w3.org/2005/Atom}"
_ARXIV = "{http://arxiv.org/schemas/atom}"
_OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"
_ABS_ID = re.compile(r"arxiv\.org/abs/(?P<id>.+?)(?:v(?P<version>\d+))?$")


class ArxivError(SoraRefsError):
    """arXiv's answer could not be had or could not be read."""


@dataclass(frozen=True)
class ArxivEntry:
    """What arXiv says about one paper."""

    id: str
    """arXiv id without version."""
    version: int
    """Latest version number."""
    title: str
    """Title, whitespace collapsed (arXiv wraps long titles over lines)."""
    authors: tuple[str, ...]
    """Author names in order."""
    published: str
    """Date of the first version (ISO 8601)."""
    summary: str = ""
    """The abstract, whitespace collapsed."""
    doi: str | None = None
    """The published version's DOI, where the authors gave one (``arxiv:doi``)."""
    journal_ref: str | None = None
    """Where it was published, as the authors wrote it (``arxiv:journal_ref``)."""
    primary_class: str | None = None
    """arXiv's primary category (``cs.CV``)."""

    @property
    def year(self) -> int:
        """Year of the first version."""
        return int(self.published[:4])


@dataclass(frozen=True)
class Finding:
    """The result of checking one paper."""

    paper: Paper
    entry: ArxivEntry | None
    differences: tuple[Difference, ...] = ()
    problem: str | None = None
    """Set when arXiv could not be asked or does not know the id."""

    @property
    def ok(self) -> bool:
        return not self.differences and self.problem is None


_DOCTYPE = "arXiv's answer contains a DOCTYPE; refusing to parse it"


def _refuse_doctype(*_: object) -> None:
    raise ArxivError(_DOCTYPE)


def parse_feed(body: bytes) -> tuple[list[ArxivEntry], int | None]:
    """Entries of an arXiv Atom feed, and its ``totalResults``.

    A feed with a DOCTYPE is refused outright: the API never sends one, and refusing it rules out
    entity-expansion tricks without needing defusedxml. The parser itself refuses it (a search of
    the bytes would miss one in UTF-16), before any entity is expanded.
    """
    from xml.parsers import expat

    scan = expat.ParserCreate()  # a first pass that only looks for a DOCTYPE, in whatever encoding
    scan.StartDoctypeDeclHandler = _refuse_doctype
    scan.EntityDeclHandler = _refuse_doctype
    try:
        scan.Parse(body, True)
    except (expat.ExpatError, ValueError):
        pass  # not XML: the parse below says where
    try:
        root = ET.fromstring(body)
    except (ET.ParseError, ValueError) as error:  # ValueError: an encoding expat cannot read ("UTF-16-BE")
        raise ArxivError(f"arXiv's answer is not valid XML ({error})") from None
    if root.tag != f"{_ATOM}feed":
        raise ArxivError(f"arXiv's answer is not an Atom feed (root element {root.tag!r})")
    total_text = root.findtext(f"{_OPENSEARCH}totalResults")
    total = int(total_text) if total_text and total_text.strip().isdigit() else None
    entries = []
    for node in root.iter(f"{_ATOM}entry"):
        ident = (node.findtext(f"{_ATOM}id") or "").strip()
        title = " ".join((node.findtext(f"{_ATOM}title") or "").split())
        if "/api/errors" in ident:
            summary = " ".join((node.findtext(f"{_ATOM}summary") or title).split())
            raise ArxivError(f"arXiv reports an error: {summary}")
        match = _ABS_ID.search(ident)
        published = (node.findtext(f"{_ATOM}published") or "").strip()
        if not match or not title or not re.match(r"\d{4}-", published):
            continue  # a placeholder entry for an id arXiv does not know
        authors = tuple(" ".join((a.findtext(f"{_ATOM}name") or "").split()) for a in node.findall(f"{_ATOM}author"))
        primary = node.find(f"{_ARXIV}primary_category")
        entries.append(
            ArxivEntry(
                match.group("id"),
                int(match.group("version") or 1),
                title,
                authors,
                published,
                summary=" ".join((node.findtext(f"{_ATOM}summary") or "").split()),
                doi=" ".join((node.findtext(f"{_ARXIV}doi") or "").split()) or None,
                journal_ref=" ".join((node.findtext(f"{_ARXIV}journal_ref") or "").split()) or None,
                primary_class=(primary.get("term") or None) if primary is not None else None,
            )
        )
    return entries, total


class ArxivClient(ServiceClient):
    """Asks the arXiv API about ids, with batching, politeness, retries and an on-disk cache.

    Takes :class:`~sora_refs.fetch.client.ServiceClient`'s arguments (``api``, ``timeout``,
    ``retries``, ``refresh``, ``max_age``, ``backoff``, ``limiter``, ``sleep``, ``max_wait``).
    """

    DEFAULT_API = DEFAULT_API
    API_ENV = API_ENV
    BACKOFF = 3.0

    def lookup(self, ids: Sequence[str]) -> dict[str, ArxivEntry | None]:
        """``{id: entry}`` for each id; None where arXiv has no such paper. Raises :class:`ArxivError`."""
        answers: dict[str, ArxivEntry | None] = {}
        wanted = []
        for ident in dict.fromkeys(ids):
            cached = None if self.refresh else self._cached(ident)
            if cached is not None:
                answers[ident] = cached[0]
                self.from_cache += 1
            else:
                wanted.append(ident)
        for start in range(0, len(wanted), BATCH):
            batch = wanted[start : start + BATCH]
            found = {entry.id: entry for entry in self._query(batch)}
            for ident in batch:
                answers[ident] = found.get(ident)
                self._store(ident, answers[ident])
        return {ident: answers[ident] for ident in dict.fromkeys(ids)}

    def _query(self, batch: list[str]) -> list[ArxivEntry]:
        params = {"id_list": ",".join(batch), "start": "0", "max_results": str(len(batch))}

        def once() -> list[ArxivEntry]:
            with self.limiter.slot(self.api), self.get(self.api, params=params) as reply:
                body = reply.read()
                if b"rate exceeded" in body[:200].lower():  # sent with 200 or 503 alike
                    raise net.NetworkError(
                        "arXiv says: Rate exceeded",
                        retryable=True,
                        retry_after=net.parse_retry_after(reply.headers.get("Retry-After")),
                    )
                net.check_status(reply)
            entries, total = parse_feed(body)
            if not entries and total == 0:
                # arXiv now and then answers a valid id_list with an empty feed; asking again helps.
                raise net.NetworkError("arXiv returned an empty feed (a known arXiv hiccup)", retryable=True)
            return entries

        try:
            return self.retrying(once)
        except net.NetworkError as error:
            tries = f" after {error.attempts} attempts" if error.attempts > 1 else ""
            raise ArxivError(f"cannot get an answer from arXiv ({self.api}){tries}: {error}") from None

    # -- cache ----------------------------------------------------------------------------------

    def _cached(self, ident: str) -> tuple[ArxivEntry | None] | None:
        cached = load_cached("arxiv", self.api, ident, self.max_age)
        if cached is None or cached[0] is None:
            return cached
        entry = cached[0]
        try:
            return (
                ArxivEntry(
                    entry["id"],
                    int(entry["version"]),
                    entry["title"],
                    tuple(entry["authors"]),
                    entry["published"],
                    entry["summary"],
                    entry["doi"],
                    entry["journal_ref"],
                    entry["primary_class"],
                ),
            )
        except (ValueError, KeyError, TypeError):
            return None  # an entry we cannot trust: ask again

    def _store(self, ident: str, entry: ArxivEntry | None) -> None:
        store_cached("arxiv", self.api, ident, asdict(entry) if entry else None)


# -- comparing ----------------------------------------------------------------------------------


def compare(paper: Paper, entry: ArxivEntry) -> list[Difference]:
    """Where ``paper`` and arXiv's ``entry`` disagree on title, authors or year."""
    found = []
    if _words(paper.title) != _words(entry.title):
        found.append(Difference("title", paper.title, entry.title, "arXiv"))
    found += author_differences(paper.authors, entry.authors, "arXiv")
    preprint = paper.type is PaperType.PREPRINT or fold(paper.venue or "") == "arxiv"
    if paper.year is None:
        found.append(Difference("year", "none", str(entry.year), "arXiv", "the catalogue gives no year"))
    elif preprint and paper.year != entry.year:
        found.append(
            Difference("year", str(paper.year), str(entry.year), "arXiv", "a preprint's year is its first version's")
        )
    elif not preprint and abs(paper.year - entry.year) > 1:
        found.append(
            Difference(
                "year",
                str(paper.year),
                str(entry.year),
                "arXiv",
                "publication more than a year from the first arXiv version",
            )
        )
    return found


def check_papers(papers: Sequence[Paper], client: ArxivClient) -> list[Finding]:
    """One :class:`Finding` per paper with an arXiv id; :class:`ArxivError` when arXiv cannot be asked."""
    with_ids = [p for p in papers if p.ids.arxiv]
    answers = client.lookup([p.ids.arxiv for p in with_ids if p.ids.arxiv])
    findings = []
    for paper in with_ids:
        entry = answers.get(paper.ids.arxiv or "")
        if entry is None:
            findings.append(Finding(paper, None, problem=f"arXiv has no paper {paper.ids.arxiv}"))
        else:
            findings.append(Finding(paper, entry, tuple(compare(paper, entry))))
    return findings
