"""The Crossref REST API: what the publishers registered for the catalogue's DOIs, and where we disagree.

    from sora_refs import Catalogue
    from sora_refs.fetch.crossref import CrossrefClient, check_papers

    for finding in check_papers(Catalogue.load().papers, CrossrefClient()):
        print(finding.paper.label, [str(d) for d in finding.differences], finding.notes)

One request per DOI (``/works/{doi}``), one at a time and at most five a second to
api.crossref.org, which asks for a few requests a second from clients without an API key.
429 and 5xx are retried with backoff, honouring ``Retry-After``. A DOI Crossref does not know
(404: most often a DataCite DOI, such as Zenodo's) is a note, not a difference: it is registered
elsewhere. Answers, 404s included, are cached on disk (``<cache dir>/crossref``) for a week.

Compared: the title (case, accents, LaTeX, punctuation and markup ignored; Crossref's subtitle may
complete it), the authors in order (initials tolerated), and the year, which matches if it is the
year of any of Crossref's publication dates (print, online, issued), since proceedings are often
online one year and in print the next. The container title (proceedings or journal) is compared
with ``venue_full`` for information only: proceedings are named in too many ways to fail a check.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import quote

from ..errors import SoraRefsError
from ..models import Paper
from ..reading.cache import open_regular
from . import net
from .client import ServiceClient
from .hosts import HostLimiter, HostRule
from .lookups import WEEK, Difference, author_differences, load_cached, store_cached, words

DEFAULT_API = "https://api.crossref.org"
API_ENV = "SORA_REFS_CROSSREF_API"
MAX_AGE = WEEK
"""Seconds a cached answer stays good."""
RULES = {"api.crossref.org": HostRule(1, 0.2)}
"""Politeness: one request at a time, at most five a second (Crossref's public pool asks for no more)."""
DATE_KINDS = ("published-print", "published-online", "published", "issued")
"""Crossref's publication dates, most telling first (the first one present is the year reported)."""
NOT_IN_CROSSREF = "not in Crossref (the DOI is registered with another agency, such as DataCite)"

_MARKUP = re.compile(r"</?[A-Za-z][^<>]*>")


class CrossrefError(SoraRefsError):
    """Crossref's answer could not be had or could not be read."""

    def __init__(self, message: str, *, fatal: bool = True) -> None:
        super().__init__(message)
        self.fatal = fatal
        """True when asking about other DOIs is pointless too (no network, Crossref down)."""


@dataclass(frozen=True)
class CrossrefWork:
    """What Crossref says about one DOI."""

    doi: str
    """The DOI as Crossref spells it."""
    title: str
    """Title, markup removed and whitespace collapsed ("" when Crossref has none)."""
    subtitle: str | None
    """Subtitle, which some publishers (Springer) split off the title."""
    authors: tuple[str, ...]
    """Author names in order, "given family" (or an organisation's name)."""
    dates: tuple[tuple[str, int], ...]
    """``(kind, year)`` of each publication date Crossref gives, in :data:`DATE_KINDS` order."""
    containers: tuple[str, ...]
    """Container titles: proceedings, series or journal."""
    type: str
    """Crossref's type (``proceedings-article``, ``journal-article``, ...)."""
    short_containers: tuple[str, ...] = ()
    """Short container titles (``Proc. ICCV``), where the publisher registered them."""
    volume: str | None = None
    pages: str | None = None
    publisher: str | None = None
    abstract: str | None = None
    """The abstract, JATS markup removed."""
    url: str | None = None
    """The DOI's landing page as Crossref gives it (``https://doi.org/...``)."""

    @property
    def year(self) -> int | None:
        """The year of the most telling publication date (print before online before issued)."""
        return self.dates[0][1] if self.dates else None


@dataclass(frozen=True)
class Finding:
    """The result of checking one paper's DOI."""

    paper: Paper
    work: CrossrefWork | None
    differences: tuple[Difference, ...] = ()
    notes: tuple[str, ...] = ()
    """Information that is not a difference (not in Crossref, another container title)."""
    problem: str | None = None
    """Set when Crossref's answer about this DOI could not be had or read."""

    @property
    def ok(self) -> bool:
        return not self.differences and self.problem is None

    @property
    def missing(self) -> bool:
        """True when Crossref does not know the DOI."""
        return self.work is None and self.problem is None


def _text(value: Any) -> str:
    """A Crossref string (or the first of a list of them) without JATS/HTML markup."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), "")
    if not isinstance(value, str):
        return ""
    return " ".join(html.unescape(_MARKUP.sub(" ", value)).split())


def _list(value: Any) -> list[Any]:
    """A JSON list from a server: a lone string as a list of one, anything else (``"author": true``) as none."""
    if isinstance(value, str):
        return [value]
    return value if isinstance(value, list) else []


def _year(date: Any) -> int | None:
    # {"date-parts": [[2018, 6, 18]]}; an unknown date is [[null]].
    try:
        year = date["date-parts"][0][0]
    except (KeyError, IndexError, TypeError):
        return None
    return year if isinstance(year, int) and 1000 <= year <= 9999 else None


def parse_work(body: bytes, charset: str | None = None) -> CrossrefWork:
    """The work in a ``/works/{doi}`` answer (``{"status": "ok", "message-type": "work", "message": {...}}``).

    JSON is UTF-8 (or UTF-16/32, which ``json`` detects); a server that declares another
    ``charset`` (a proxy re-encoding to ISO-8859-1) is taken at its word.
    """
    try:
        data = json.loads(_declared(body, charset))
    except ValueError as error:
        raise CrossrefError(f"Crossref's answer is not valid JSON ({error})", fatal=False) from None
    except RecursionError:  # [[[[... a hundred thousand deep: refused, not a traceback
        raise CrossrefError("Crossref's answer is nested too deeply to be a work record", fatal=False) from None
    if not isinstance(data, dict) or data.get("message-type") != "work" or not isinstance(data.get("message"), dict):
        raise CrossrefError("Crossref's answer is not a work record", fatal=False)
    message = data["message"]
    authors = []
    for person in _list(message.get("author")):
        if not isinstance(person, dict):
            continue
        name = " ".join(_text(person.get(part)) for part in ("given", "family") if _text(person.get(part)))
        authors.append(name or _text(person.get("name")))
    dates = tuple((kind, year) for kind in DATE_KINDS if (year := _year(message.get(kind))) is not None)
    containers = tuple(t for t in (_text(c) for c in _list(message.get("container-title"))) if t)
    shorts = tuple(t for t in (_text(c) for c in _list(message.get("short-container-title"))) if t)
    return CrossrefWork(
        doi=_text(message.get("DOI")),
        title=_text(message.get("title")),
        subtitle=_text(message.get("subtitle")) or None,
        authors=tuple(a for a in authors if a),
        dates=dates,
        containers=containers,
        type=_text(message.get("type")),
        short_containers=shorts,
        volume=_text(message.get("volume")) or None,
        pages=_text(message.get("page")) or None,
        publisher=_text(message.get("publisher")) or None,
        abstract=_text(message.get("abstract")) or None,
        url=_text(message.get("URL")) or None,
    )


MAILTO_ENV = "SORA_REFS_MAILTO"
CONFIG_ENV = "SORA_REFS_CONFIG"


def config_file() -> str:
    """``$SORA_REFS_CONFIG``, else ``config.yaml`` in the user's configuration directory for sora-refs."""
    explicit = os.environ.get(CONFIG_ENV)
    if explicit:
        return explicit
    import platformdirs

    return os.path.join(platformdirs.user_config_dir("sora-refs", appauthor=False), "config.yaml")


_CONFIG_LIMIT = 1 << 20  # a configuration file is a few lines; reading stops at 1 MiB


def default_mailto() -> str | None:
    """The address for Crossref's polite pool: ``$SORA_REFS_MAILTO``, else ``mailto:`` in :func:`config_file`."""
    value = os.environ.get(MAILTO_ENV, "").strip()
    if value:
        return value
    try:
        # Only a regular file: a FIFO or device put there would otherwise block or never end.
        with open_regular(config_file(), follow_links=True) as handle:
            import yaml

            data = yaml.safe_load(handle.read(_CONFIG_LIMIT + 1)[:_CONFIG_LIMIT].decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    except Exception:  # a broken config file must not stop a lookup: the public pool still answers
        return None
    found = data.get("mailto") if isinstance(data, dict) else None
    return str(found).strip() or None if found else None


class CrossrefClient(ServiceClient):
    """Asks the Crossref REST API about DOIs, politely, with retries and an on-disk cache.

    Takes :class:`~sora_refs.fetch.client.ServiceClient`'s arguments (``api``, ``timeout``,
    ``retries``, ``refresh``, ``max_age``, ``backoff``, ``limiter``, ``sleep``, ``max_wait``) and ``mailto``.
    """

    DEFAULT_API = DEFAULT_API
    API_ENV = API_ENV
    BACKOFF = 2.0

    def __init__(self, api: str | None = None, *, mailto: str | None = None, **settings: Any) -> None:
        super().__init__(api, **settings)
        self.api = self.api.rstrip("/")
        self.mailto = mailto if mailto is not None else default_mailto()
        """Sent as ``mailto=``, which puts the requests in Crossref's polite pool (None: the public pool)."""

    def default_limiter(self) -> HostLimiter:
        return HostLimiter(rules=RULES)

    def url(self, doi: str) -> str:
        """The ``/works/`` URL for ``doi`` (its slashes kept, anything else unsafe escaped)."""
        return f"{self.api}/works/{quote(doi, safe='/')}"

    def lookup(self, doi: str) -> CrossrefWork | None:
        """What Crossref has for ``doi``; None when it does not know it. Raises :class:`CrossrefError`."""
        ident = doi.strip().lower()  # DOIs are case-insensitive: one cache entry however they are written
        cached = None if self.refresh else load_cached("crossref", self.api, ident, self.max_age)
        if cached is not None:
            try:
                work = _thaw(cached[0])
            except (KeyError, TypeError, ValueError):
                pass  # an entry we cannot trust: ask again
            else:
                self.from_cache += 1
                return work
        work = self._ask(doi.strip())
        store_cached("crossref", self.api, ident, asdict(work) if work else None)
        return work

    def _ask(self, doi: str) -> CrossrefWork | None:
        url = self.url(doi)

        def once() -> CrossrefWork | None:
            params = {"mailto": self.mailto} if self.mailto else None
            with (
                self.limiter.slot(url),
                self.get(url, headers={"Accept": "application/json"}, params=params) as reply,
            ):
                if reply.status == 404:
                    return None
                net.check_status(reply)
                body = reply.read(limit=10 * 1024 * 1024)
                charset = declared_charset(reply.headers.get("Content-Type", ""))
            return parse_work(body, charset)

        try:
            return self.retrying(once)
        except net.NetworkError as error:
            tries = f" after {error.attempts} attempts" if error.attempts > 1 else ""
            # An HTTP refusal about this one DOI (400 for a malformed one) leaves the others worth asking.
            fatal = error.status is None or error.retryable
            raise CrossrefError(
                f"cannot get an answer from Crossref ({self.api}){tries}: {error}", fatal=fatal
            ) from None


def declared_charset(content_type: str) -> str | None:
    """The ``charset`` a Content-Type header declares (lower-cased), if any."""
    from email.message import Message

    header = Message()
    header["Content-Type"] = content_type
    return header.get_content_charset()


def _declared(body: bytes, charset: str | None) -> bytes | str:
    """``body`` decoded by its declared charset when that is not a UTF; else as it came."""
    import codecs

    if not charset:
        return body
    try:
        codec = codecs.lookup(charset.strip().strip('"'))
    except LookupError:
        return body  # a charset no one knows: JSON's own rule decides
    if codec.name.startswith(("utf-8", "utf-16", "utf-32")):
        return body
    return body.decode(codec.name, errors="replace")


def _thaw(entry: dict[str, Any] | None) -> CrossrefWork | None:
    if entry is None:
        return None
    return CrossrefWork(
        doi=entry["doi"],
        title=entry["title"],
        subtitle=entry["subtitle"],
        authors=tuple(entry["authors"]),
        dates=tuple((k, int(y)) for k, y in entry["dates"]),
        containers=tuple(entry["containers"]),
        type=entry["type"],
        short_containers=tuple(entry["short_containers"]),
        volume=entry["volume"],
        pages=entry["pages"],
        publisher=entry["publisher"],
        abstract=entry["abstract"],
        url=entry["url"],
    )


# -- comparing ----------------------------------------------------------------------------------


def _container_note(venue_full: str | None, containers: tuple[str, ...]) -> str | None:
    """A note when no container title contains the catalogue's venue name (years and numbers aside)."""
    if not venue_full or not containers:
        return None
    ours = {w for w in words(venue_full).split() if not w.isdigit()}
    if any(ours <= set(words(c).split()) for c in containers):
        return None
    return f"venue: catalogue {venue_full!r}, Crossref {' / '.join(containers)!r}"


def compare(paper: Paper, work: CrossrefWork) -> tuple[list[Difference], list[str]]:
    """Where ``paper`` and Crossref's ``work`` disagree (differences), and what is only worth knowing (notes)."""
    found: list[Difference] = []
    notes: list[str] = []
    if work.title:
        ours = words(paper.title)
        candidates = {words(work.title)}
        if work.subtitle:
            candidates.add(words(f"{work.title} {work.subtitle}"))
        if ours not in candidates:
            theirs = f"{work.title}: {work.subtitle}" if work.subtitle else work.title
            found.append(Difference("title", paper.title, theirs, "Crossref"))
    if work.authors:
        found += author_differences(paper.authors, work.authors, "Crossref")
    else:
        notes.append("Crossref lists no authors")
    if work.dates and paper.year not in {year for _, year in work.dates}:
        kind, year = work.dates[0]
        ours = "none" if paper.year is None else str(paper.year)
        found.append(Difference("year", ours, str(year), "Crossref", f"Crossref's {kind} date"))
    venue = _container_note(paper.venue_full, work.containers)
    if venue:
        notes.append(venue)
    return found, notes


def check_papers(
    papers: Sequence[Paper], client: CrossrefClient, progress: Callable[[Paper], None] | None = None
) -> list[Finding]:
    """One :class:`Finding` per paper with a DOI.

    Raises :class:`CrossrefError` when Crossref cannot be asked at all (no network, Crossref down);
    what was learnt until then is in the cache, so a second run picks up where this one stopped.
    """
    findings = []
    for paper in papers:
        if not paper.ids.doi:
            continue
        if progress is not None:
            progress(paper)
        try:
            work = client.lookup(paper.ids.doi)
        except CrossrefError as error:
            if error.fatal:
                raise
            findings.append(Finding(paper, None, problem=str(error)))
            continue
        if work is None:
            findings.append(Finding(paper, None, notes=(NOT_IN_CROSSREF,)))
        else:
            differences, notes = compare(paper, work)
            findings.append(Finding(paper, work, tuple(differences), tuple(notes)))
    return findings
