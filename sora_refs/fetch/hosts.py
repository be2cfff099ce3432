"""Politeness per host: how many requests at once, and how far apart they start.

arXiv publishes its limits (no more than one API request every three seconds, and modest use of
the PDF site), so arxiv.org hosts get rules of their own; any other host (a publisher, a mirror,
a test server on localhost) gets a generic cap that lets parallel downloads actually run in parallel.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from .net import host_of


@dataclass(frozen=True)
class HostRule:
    """What one host gets from us."""

    concurrency: int
    """Requests in flight at once."""
    interval: float = 0.0
    """Minimum seconds between the starts of two requests."""


ARXIV_RULES: dict[str, HostRule] = {
    # https://info.arxiv.org/help/api/tou.html: "no more than 1 request every 3 seconds", one connection.
    "export.arxiv.org": HostRule(1, 3.0),
    # The PDF site asks for modest use: two transfers at most, one new request a second.
    "arxiv.org": HostRule(2, 1.0),
    "www.arxiv.org": HostRule(2, 1.0),
}
DEFAULT_PER_HOST = 6
"""Connections to one host other than arXiv's (with the default 8 jobs, one host still gets 6 at once)."""


class HostLimiter:
    """Hands out request slots per host, honouring each host's :class:`HostRule`. Thread-safe."""

    def __init__(
        self,
        per_host: int = DEFAULT_PER_HOST,
        rules: Mapping[str, HostRule] | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._default = HostRule(max(1, per_host))
        self._rules = dict(ARXIV_RULES if rules is None else rules)
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._next_start: dict[str, float] = {}

    def rule(self, url: str) -> HostRule:
        """The rule for ``url``'s host: arXiv's own, else the generic per-host cap."""
        return self._rules.get(host_of(url), self._default)

    @contextlib.contextmanager
    def slot(self, url: str, check: Callable[[], None] | None = None) -> Iterator[None]:
        """Wait until a request to ``url``'s host may start; hold the slot for the whole transfer.

        ``check`` runs once the slot is ours and before any spacing pause; it may raise to give the
        slot up at once (the host turned out to be unreachable while we queued).
        """
        host = host_of(url)
        rule = self.rule(url)
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.BoundedSemaphore(rule.concurrency))
        semaphore.acquire()
        try:
            if check is not None:
                check()
            if rule.interval > 0:
                with self._lock:
                    now = self._clock()
                    start = max(now, self._next_start.get(host, now))
                    self._next_start[host] = start + rule.interval
                if start > now:
                    self._sleep(start - now)
            yield
        finally:
            semaphore.release()
