"""A deadline for a whole HTTP answer, headers included, that no punctual drip of bytes can stretch.

Socket timeouts bound each wait for data, never their sum: a server that sends one byte of its
headers just inside ``--timeout``, for ever, would hold a request for ever. :class:`Deadline`
runs a timer; the sockets a request uses are registered with it (the connection class of
:class:`Adapter` does that as it waits for the headers) and shut down when the time is up,
which ends any read in progress. :mod:`.net` then reports the deadline, not a cut connection.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

_current = threading.local()


def deadline_for(timeout: float) -> float:
    """Seconds one whole answer may take, headers to last byte, when the caller sets no deadline.

    ``timeout`` bounds each wait for data; this bounds the sum, so that a server sending a little
    just in time, for ever, cannot hold a command for ever either.
    """
    return max(60.0, 4 * timeout)


class Deadline:
    """``seconds`` from now; :meth:`expired` once they are spent (and the registered sockets shut)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self._fired = False
        self._sockets: list[Any] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, seconds), self._fire)
        self._timer.daemon = True
        self._timer.start()

    @property
    def missed(self) -> str:
        """What to say after the host's name when the deadline passed."""
        return f"took more than {self.seconds:g} s to send its answer; gave up"

    @property
    def expired(self) -> bool:
        return self._fired or time.monotonic() > self.at

    def attach(self, sock: Any) -> None:
        """Shut ``sock`` down when the deadline passes (at once if it has)."""
        with self._lock:
            if not self._fired:
                self._sockets.append(sock)
                return
        _shut(sock)

    def cancel(self) -> None:
        """The answer is in (or abandoned): stop the timer; nothing is shut any more."""
        self._timer.cancel()
        with self._lock:
            self._sockets.clear()

    def _fire(self) -> None:
        with self._lock:
            self._fired = True
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            _shut(sock)

    @contextlib.contextmanager
    def watching(self) -> Iterator[None]:
        """Within the block, connections of this thread register their sockets with this deadline."""
        before = getattr(_current, "deadline", None)
        _current.deadline = self
        try:
            yield
        finally:
            _current.deadline = before


def _shut(sock: Any) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except (OSError, ValueError):
        pass  # already closed


def _watched(base: type) -> type:
    class Watched(base):  # type: ignore[misc]
        def getresponse(self, *args: Any, **kwargs: Any) -> Any:
            deadline = getattr(_current, "deadline", None)
            if deadline is not None and self.sock is not None:
                deadline.attach(self.sock)
            return super().getresponse(*args, **kwargs)

    Watched.__name__ = Watched.__qualname__ = f"Watched{base.__name__}"
    return Watched


def adapter(**kwargs: Any) -> Any:
    """A requests ``HTTPAdapter`` whose connections register with the current :class:`Deadline`."""
    from requests.adapters import HTTPAdapter
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    class Pool(HTTPConnectionPool):
        ConnectionCls = _watched(HTTPConnection)

    class SecurePool(HTTPSConnectionPool):
        ConnectionCls = _watched(HTTPSConnection)

    pools = {"http": Pool, "https": SecurePool}

    class Adapter(HTTPAdapter):
        def init_poolmanager(self, *args: Any, **more: Any) -> None:
            super().init_poolmanager(*args, **more)
            self.poolmanager.pool_classes_by_scheme = pools

        def proxy_manager_for(self, proxy: Any, **more: Any) -> Any:
            manager = super().proxy_manager_for(proxy, **more)
            manager.pool_classes_by_scheme = pools
            return manager

    return Adapter(**kwargs)
