"""What the online checks (:mod:`sora_refs.fetch.arxiv`, :mod:`sora_refs.fetch.crossref`) share.

Two things: how a title or a name is reduced before comparing it with a service's (so that case,
accents, LaTeX and punctuation never count as differences), and the on-disk answer cache with an
expiry (``<cache dir>/<service>/<hash>.json``), so that a repeated check is instant and works offline.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..atomic import atomic_write
from ..reading.cache import cache_dir, open_regular
from ..text import fold

WEEK = 7 * 24 * 3600.0
"""Seconds a cached answer stays good unless a client says otherwise."""

# -- comparing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """One field where the catalogue and a service (arXiv, Crossref) disagree."""

    field: str
    """``title``, ``authors``, ``author 3`` or ``year``."""
    catalogue: str
    """The catalogue's value."""
    found: str
    """The service's value."""
    source: str
    """Who said so: ``arXiv`` or ``Crossref``."""
    note: str | None = None
    """Why it counts as a difference, or which of the service's dates the year is."""

    def __str__(self) -> str:
        text = f"{self.field}: catalogue {self.catalogue!r}, {self.source} {self.found!r}"
        return f"{text} ({self.note})" if self.note else text


def author_differences(ours: Sequence[str], theirs: Sequence[str], source: str) -> list[Difference]:
    """The author count, then each author in order, compared with :func:`same_author`."""
    found = []
    if len(ours) != len(theirs):
        found.append(Difference("authors", f"{len(ours)} authors", f"{len(theirs)} authors", source))
    for number, (a, b) in enumerate(zip(ours, theirs), 1):
        if not same_author(a, b):
            found.append(Difference(f"author {number}", a, b, source))
    return found


def words(text: str) -> str:
    """A title or name reduced to lower-case words: case, accents, LaTeX braces and punctuation ignored."""
    text = re.sub(r"\\[a-zA-Z]+\s*", " ", text)
    return " ".join(re.sub(r"[^\w]+", " ", fold(text)).split())


def same_author(ours: str, theirs: str) -> bool:
    """True when two spellings name the same person, tolerating initials and a dropped middle name."""
    a, b = words(ours).split(), words(theirs).split()
    if a == b:
        return True
    # "J. Ho" and "Jonathan Ho", "Aidan N. Gomez" and "Aidan Gomez": same surname, same first initial.
    return bool(a and b) and a[-1] == b[-1] and a[0][0] == b[0][0]


# -- the answer cache ---------------------------------------------------------------------------


def cache_file(service: str, api: str, ident: str) -> Path:
    """Where the answer of ``api`` about ``ident`` is kept (the endpoint is part of the name)."""
    digest = hashlib.sha256(f"{api}\0{ident}".encode()).hexdigest()[:32]
    return cache_dir() / service / f"{digest}.json"


def load_cached(service: str, api: str, ident: str, max_age: float) -> tuple[Any] | None:
    """``(entry,)`` as stored by :func:`store_cached` (entry may be None: "no such record"), or None
    when there is no fresh, trustworthy answer and the service must be asked."""
    try:
        with open_regular(cache_file(service, api, ident)) as handle:  # never blocks on a FIFO
            data = json.loads(handle.read().decode("utf-8"))
        if data["api"] != api or data["id"] != ident or time.time() - data["fetched"] > max_age:
            return None
        return (data["entry"],)
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None  # no entry, or one we cannot trust: ask again


def store_cached(service: str, api: str, ident: str, entry: Any) -> None:
    """Keep ``entry`` (JSON-serialisable, or None for "no such record") as the answer about ``ident``."""
    data = {"api": api, "id": ident, "fetched": time.time(), "entry": entry}
    try:
        path = cache_file(service, api, ident)
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(data, ensure_ascii=False))
    except OSError:
        pass  # a read-only cache only costs speed


# -- a whole check ------------------------------------------------------------------------------


@dataclass
class OnlineCheck:
    """What one service said about a list of papers (see :func:`sora_refs.fetch.check_online`)."""

    service: str
    """``arxiv`` or ``crossref``."""
    api: str
    """The address asked."""
    findings: list[Any]
    """One finding per paper checked (an :class:`~sora_refs.fetch.arxiv.Finding` or a Crossref one)."""
    requests: int
    """Requests made."""
    from_cache: int
    """Answers taken from the cache."""
    error: str | None = None
    """Why the service could not be asked at all (no network, the service down); None when it answered."""

    @property
    def ok(self) -> bool:
        """No difference, and every paper answered."""
        return self.error is None and all(f.ok for f in self.findings)
