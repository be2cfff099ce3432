"""What the arXiv and Crossref clients share: where they ask, how patiently, how often again.

:class:`ServiceClient` holds the endpoint (given, from the environment, or the service's own),
the timeout, the retry rule and the cache's age, so that one rule for retries (and for how long a
server may ask us to wait) serves both. The clients add what differs: the query, the parsing, the
politeness rules of their hosts.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from typing import ClassVar, TypeVar

from . import net
from .hosts import HostLimiter
from .lookups import WEEK

T = TypeVar("T")


class ServiceClient:
    """The common part of the arXiv and the Crossref client (:mod:`.arxiv`, :mod:`.crossref`)."""

    DEFAULT_API: ClassVar[str]
    """The service's own endpoint."""
    API_ENV: ClassVar[str]
    """The environment variable that replaces it (a mirror, a test server)."""
    BACKOFF: ClassVar[float] = 2.0
    """First pause between attempts, doubled each time (unless the server says how long)."""

    def __init__(
        self,
        api: str | None = None,
        *,
        timeout: float = 30.0,
        retries: int = 3,
        refresh: bool = False,
        max_age: float = WEEK,
        backoff: float | None = None,
        limiter: HostLimiter | None = None,
        sleep: Callable[[float], None] = time.sleep,
        max_wait: float = net.MAX_WAIT,
        deadline: float | None = None,
    ) -> None:
        self.api = api or os.environ.get(self.API_ENV) or self.DEFAULT_API
        """Where the questions go."""
        self.timeout = timeout
        """Seconds for connecting and for each read."""
        self.retries = retries
        """Further attempts after a transient failure (no connection, a timeout, 5xx, 429)."""
        self.refresh = refresh
        """Ask again even when the cache has an answer."""
        self.max_age = max_age
        """Seconds a cached answer stays good."""
        self.backoff = self.BACKOFF if backoff is None else backoff
        """First pause between attempts."""
        self.limiter = limiter or self.default_limiter()
        """Politeness per host."""
        self.sleep = sleep
        """Does the waiting (tests record the pauses instead)."""
        self.max_wait = max_wait
        """Longest ``Retry-After`` honoured; a server asking for more ends the attempts at once."""
        self.deadline = deadline
        """Seconds one whole answer may take (None: :func:`~sora_refs.fetch.net.deadline_for` the timeout)."""
        self.requests = 0
        """Requests made so far."""
        self.from_cache = 0
        """Answers taken from the cache so far."""

    def default_limiter(self) -> HostLimiter:
        """The politeness rules when none are given."""
        return HostLimiter()

    def retrying(self, once: Callable[[], T]) -> T:
        """``once()``, tried again by the one retry rule of sora-refs (:func:`~sora_refs.fetch.net.with_retries`)."""
        return net.with_retries(
            once, retries=self.retries, backoff=self.backoff, sleep=self.sleep, max_wait=self.max_wait
        )

    def get(
        self, url: str, *, headers: Mapping[str, str] | None = None, params: Mapping[str, str] | None = None
    ) -> net.Reply:
        """One GET with this client's timeout (and the whole-answer deadline that goes with it)."""
        self.requests += 1
        return net.get(url, timeout=self.timeout, headers=headers, params=params, deadline=self.deadline)
