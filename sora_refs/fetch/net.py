"""HTTP for sora-refs: the one module that imports requests.

Every request goes through one shared session, carries a User-Agent naming sora-refs and its
version, and has a timeout (for connecting and for each read). requests' exceptions never leave
this module: they become :class:`NetworkError`, which says whether trying again could help.
requests is imported on first use, so that commands which never touch the network never pay for it.
"""

from __future__ import annotations

import contextlib
import email.utils
import random
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

from ..errors import SoraRefsError
from ..text import one_line
from ..version import __version__
from .failures import describe_transfer, describe_wait
from .watchdog import Deadline, deadline_for

T = TypeVar("T")

USER_AGENT = f"sora-refs/{__version__} (paper-reference browser; polite downloads, see its README)"
"""Sent with every request, so that server operators know which tool is asking."""

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
"""Answers that mean "not now" rather than "never": worth another try after a pause."""

MAX_WAIT = 300.0
"""Longest pause a server may ask for (``Retry-After``); asking for more ends the attempts at once."""

_session: Any = None
_session_lock = threading.Lock()


class NetworkError(SoraRefsError):
    """A request failed: no connection, a timeout, a cut transfer or an HTTP error status."""

    def __init__(
        self, message: str, *, status: int | None = None, retryable: bool = False, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        """The HTTP status, when the server answered."""
        self.retryable = retryable
        """True when the same request may well succeed later (5xx, 429, timeouts, cut connections)."""
        self.retry_after = retry_after
        """Seconds the server asked us to wait (``Retry-After``), if it said."""
        self.attempts = 1
        """How many times the request was made before :func:`with_retries` gave up."""
        self.next_delay = 0.0
        """The pause a further attempt would have needed (longer than allowed, when that is why it stopped)."""


def session() -> Any:
    """The process-wide requests session (created on first use; its connection pool is shared by threads)."""
    global _session
    with _session_lock:
        if _session is None:
            import requests

            from .watchdog import adapter

            made = requests.Session()
            made.headers["User-Agent"] = USER_AGENT
            # Room for every worker thread's connection, so that no connection is dropped and re-made.
            # Its connections hand their sockets to the request's deadline (headers included).
            mounted = adapter(pool_connections=16, pool_maxsize=32, max_retries=0)
            made.mount("http://", mounted)
            made.mount("https://", mounted)
            _session = made
        return _session


class Reply:
    """An HTTP answer whose body has not been read yet. Use as a context manager."""

    def __init__(
        self,
        response: Any,
        url: str,
        timeout: float,
        held: contextlib.ExitStack | None = None,
        deadline: Deadline | None = None,
    ) -> None:
        self._response = response
        self._held = held
        self.url = url
        self.status: int = response.status_code
        self.reason: str = response.reason or ""
        self.headers: Mapping[str, str] = response.headers  # case-insensitive
        self._timeout = timeout
        self._deadline = deadline

    def chunks(self, size: int = 16 * 1024) -> Iterator[bytes]:
        """The body, piece by piece; a cut connection or a stalled read raises :class:`NetworkError`.

        Pieces are small because a piece cut short is lost: what came before it can be resumed.
        A server that trickles (less than 1 KiB in ``timeout`` seconds, every read just in time)
        is treated as stalled too, and the whole answer must be in by the request's deadline:
        either way, a server that sends without end cannot hold a command for ever.
        """
        raw = getattr(self._response, "raw", None)
        read1 = getattr(raw, "read1", None)  # urllib3 2: returns as soon as any data has arrived
        if read1 is None:
            yield from self._iter_content(size)
            return
        from urllib3.exceptions import HTTPError

        host = host_of(self.url) or self.url
        started, received = time.monotonic(), 0
        try:
            while True:
                data = read1(size, decode_content=True)
                if not data:
                    self._finished()
                    return
                received += len(data)
                now = time.monotonic()
                self._check_deadline(now)
                if now - started >= self._timeout:
                    if received < 1024:
                        raise NetworkError(
                            f"{host} sends too slowly (under 1 KiB in {self._timeout:g} s)", retryable=True
                        )
                    started, received = now, 0
                yield data
        except (HTTPError, OSError) as error:
            self._check_deadline(time.monotonic())  # the deadline shut the socket: say so, not "cut"
            message, retryable = describe_transfer(error, host, self._timeout)
            raise NetworkError(message, retryable=retryable) from None

    def _finished(self) -> None:
        self._check_deadline(time.monotonic())  # shut down by the deadline: not a whole body
        if self._deadline is not None:
            self._deadline.cancel()  # the connection goes back to the pool: it must never be shut now

    def _check_deadline(self, now: float) -> None:
        if self._deadline is not None and (self._deadline.expired or now > self._deadline.at):
            raise _late(self.url, self._deadline)

    def _iter_content(self, size: int) -> Iterator[bytes]:
        import requests

        try:
            for piece in self._response.iter_content(size):
                self._check_deadline(time.monotonic())
                yield piece
        except (
            requests.exceptions.ConnectionError,
            requests.exceptions.ChunkedEncodingError,
            requests.exceptions.ContentDecodingError,
        ) as error:
            self._check_deadline(time.monotonic())
            raise _translate(error, self.url, self._timeout) from None

    def read(self, limit: int = 50 * 1024 * 1024) -> bytes:
        """The whole body (at most ``limit`` bytes; more is an error, not a silent truncation)."""
        parts, total = [], 0
        for chunk in self.chunks():
            total += len(chunk)
            if total > limit:
                raise NetworkError(f"{self.url}: answer larger than {limit} bytes")
            parts.append(chunk)
        return b"".join(parts)

    def close(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        try:
            self._response.close()
        finally:
            if self._held is not None:
                self._held.close()

    def __enter__(self) -> Reply:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


MAX_REDIRECTS = 10
"""Redirects followed for one request; more (or a loop) fails at once, without retrying."""

Slot = Callable[[str], contextlib.AbstractContextManager[None]]
"""Politeness for one host: ``slot(url)`` is held while a request to ``url``'s host is in flight."""


def get(
    url: str,
    *,
    timeout: float,
    headers: Mapping[str, str] | None = None,
    params: Mapping[str, str] | None = None,
    slot: Slot | None = None,
    deadline: float | None = None,
) -> Reply:
    """GET ``url`` and return as soon as the headers are in (the body is streamed from :class:`Reply`).

    ``timeout`` bounds connecting and each read: a server that stops sending fails after ``timeout``
    seconds. ``deadline`` (default :func:`deadline_for` ``timeout``) bounds the whole answer, from
    the request to the body's last byte: a server that drips for ever fails then, without a retry.
    Any status is returned; :func:`check_status` turns the bad ones into errors.

    Redirects are followed here, one hop at a time, at most :data:`MAX_REDIRECTS`: a loop or a
    longer chain is a :class:`NetworkError` that is not retried. Each hop is made inside
    ``slot(hop_url)`` when given, so that the politeness of the host that actually serves the
    file applies (a redirect from one host to another is not made under the first one's rule);
    the last slot is held until the :class:`Reply` is closed.
    """
    due = Deadline(deadline_for(timeout) if deadline is None else deadline)
    try:
        return _follow(url, timeout, headers, params, slot, due)
    except BaseException:
        due.cancel()
        raise


def _follow(
    url: str,
    timeout: float,
    headers: Mapping[str, str] | None,
    params: Mapping[str, str] | None,
    slot: Slot | None,
    due: Deadline,
) -> Reply:
    from urllib.parse import urljoin

    import requests

    from .redirects import refusal

    current, seen = url, {url}
    query = params
    for _hop in range(MAX_REDIRECTS + 1):
        held = contextlib.ExitStack()
        try:
            if slot is not None:
                held.enter_context(slot(current))
            with due.watching():
                response = session().get(
                    current,
                    headers=dict(headers or {}),
                    params=query,
                    stream=True,
                    timeout=(timeout, timeout),
                    allow_redirects=False,
                )
        except requests.exceptions.RequestException as error:
            held.close()
            if due.expired:  # the deadline shut the socket while the headers dripped in
                raise _late(current, due) from None
            raise _translate(error, current, timeout) from None
        except BaseException:
            held.close()
            raise
        if due.expired:  # headers cut short by the deadline read as if complete: never use them
            response.close()
            held.close()
            raise _late(current, due)
        location = response.headers.get("Location") if response.is_redirect else None
        if not location:
            return Reply(response, current, timeout, held, due)
        response.close()
        held.close()
        following = urljoin(response.url, location)
        refused = refusal(current, following)
        if refused:
            raise NetworkError(f"{host_of(current) or one_line(current, 120)} redirects {refused}")
        if following in seen:
            raise NetworkError(
                f"{host_of(current) or current} redirects in a loop (back to {one_line(following, 120)})"
            )
        seen.add(following)
        current, query = following, None  # the query string is part of the redirected URL already
    raise NetworkError(
        f"more than {MAX_REDIRECTS} redirects from {host_of(url) or url} (last to {one_line(current, 120)})"
    )


def check_status(reply: Reply, ok: tuple[int, ...] = (200,)) -> None:
    """Raise :class:`NetworkError` unless the reply's status is one of ``ok``."""
    if reply.status in ok:
        return
    reason = f" {one_line(reply.reason, 80)}" if reply.reason else ""  # the server's words, escaped
    raise NetworkError(
        f"HTTP {reply.status}{reason}",
        status=reply.status,
        retryable=reply.status in RETRY_STATUSES,
        retry_after=parse_retry_after(reply.headers.get("Retry-After")),
    )


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(min(int(value), 10**9))  # a 400-digit number is "a very long time", not inf
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def backoff_delay(attempt: int, base: float, error: NetworkError | None = None, cap: float = 60.0) -> float:
    """How long to wait before retry number ``attempt`` (1, 2, ...).

    The server's ``Retry-After`` wins when it gave one; otherwise exponential backoff
    (``base``, 2x``base``, 4x``base``, ...) with a little jitter so that parallel workers do not
    come back in lockstep, never more than ``cap``.
    """
    if error is not None and error.retry_after is not None:
        return error.retry_after
    delay = min(cap, base * 2.0 ** (attempt - 1))
    return delay * (1 + random.uniform(0, 0.25))


def with_retries(
    once: Callable[[], T],
    *,
    retries: int,
    backoff: float,
    sleep: Callable[[float], object],
    max_wait: float = MAX_WAIT,
    on_retry: Callable[[NetworkError, float], None] | None = None,
) -> T:
    """``once()``, tried again after a retryable :class:`NetworkError`: the one retry loop of sora-refs.

    At most ``retries`` further attempts, each after :func:`backoff_delay` (``sleep`` does the
    waiting, ``on_retry`` hears of it first). Gives up, re-raising the last error with its
    ``attempts`` and ``next_delay`` set, when the error is not retryable, the attempts are used up
    or the server asks for a pause longer than ``max_wait`` (the error then says how long it asked
    for). Other exceptions pass straight through.
    """
    attempt = 0
    while True:
        attempt += 1
        try:
            return once()
        except NetworkError as error:
            delay = backoff_delay(attempt, backoff, error) if error.retryable else 0.0
            if error.retryable and attempt <= retries and delay > max_wait:
                longer = NetworkError(
                    f"{error}; the server asks to wait {describe_wait(delay)}",
                    status=error.status,
                    retryable=True,
                    retry_after=error.retry_after,
                )
                longer.attempts, longer.next_delay = attempt, delay
                raise longer from None
            if not error.retryable or attempt > retries:
                error.attempts, error.next_delay = attempt, delay
                raise
            if on_retry is not None:
                on_retry(error, delay)
            sleep(delay)


def host_of(url: str) -> str:
    """The lower-cased host (with a non-default port) of ``url``: the unit of politeness."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        host, port = (parts.hostname or "").lower(), parts.port
    except ValueError:  # an unclosed [ or a port past 65535: no host to name
        return ""
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return f"{host}:{port}" if port and port != default else host


def _late(url: str, due: Deadline) -> NetworkError:
    """The whole answer did not arrive in time: not retried, as a server that drips drips again."""
    return NetworkError(f"{host_of(url) or one_line(url, 120)} {due.missed}")


def _translate(error: Exception, url: str, timeout: float) -> NetworkError:
    from .failures import describe  # the words for requests' failures live there, out of the way

    message, retryable = describe(error, url, host_of(url) or url, timeout)
    return NetworkError(message, retryable=retryable)
