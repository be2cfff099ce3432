"""Rendering pieces in forked processes, in order, and stopping them all at once on Ctrl-C.

multiprocessing's Pool was used before: on Ctrl-C every worker printed a KeyboardInterrupt
traceback and ``Pool.terminate`` could hang (it takes a lock an idle or dying worker may hold).
Here each worker is a plain ``fork`` with its own pipe, started with SIGINT ignored (so Ctrl-C
reaches only the parent), given a fixed share of the work (items ``k``, ``k + n``, ``k + 2n``...)
and killed outright when the parent stops early for any reason. A worker never returns into the
parent's code: it leaves through ``os._exit``.
"""

from __future__ import annotations

import os
import signal
import struct
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

_LENGTH = struct.Struct("<Q")


def available() -> bool:
    """True where processes can be forked (not on Windows)."""
    return hasattr(os, "fork")


def ordered_map(function: Callable[[T], str], items: Sequence[T], jobs: int) -> Iterator[str]:
    """``function(item)`` for every item, computed by ``jobs`` forked processes, yielded in order.

    The workers inherit everything the parent holds (no pickling of the input); only the text
    comes back. Closing the iterator early (an error, Ctrl-C, a reader that left) kills them.
    """
    jobs = max(1, min(jobs, len(items)))
    workers: list[tuple[int, Any]] = []
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
    try:
        for index in range(jobs):
            read_fd, write_fd = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker
                os.close(read_fd)
                _work(function, items[index::jobs], write_fd)
            os.close(write_fd)
            workers.append((pid, os.fdopen(read_fd, "rb")))
    except BaseException:
        _stop(workers)
        raise
    finally:
        if main:
            signal.signal(signal.SIGINT, previous)
    try:
        failed: set[int] = set()
        for position in range(len(items)):
            slot = position % jobs
            piece = None if slot in failed else _receive(workers[slot][1])
            if piece is None:  # the worker failed: the same work here, where its error can be reported
                failed.add(slot)
                piece = function(items[position])
            yield piece
    finally:
        _stop(workers)


def _receive(pipe: Any) -> str | None:
    header = pipe.read(_LENGTH.size)
    if len(header) != _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack(header)
    data = pipe.read(size)
    return data.decode("utf-8", "surrogatepass") if len(data) == size else None


def _work(function: Callable[[Any], str], share: Sequence[Any], fd: int) -> None:
    status = 0
    try:
        import gc

        gc.disable()  # many short-lived objects, no cycles: collecting would only cost time
        with os.fdopen(fd, "wb") as pipe:
            for item in share:
                data = function(item).encode("utf-8", "surrogatepass")
                pipe.write(_LENGTH.pack(len(data)))
                pipe.write(data)
    except BaseException:  # noqa: BLE001 - the parent sees the missing piece and does it itself
        status = 1
    finally:
        os._exit(status)


def _stop(workers: list[tuple[int, Any]]) -> None:
    """Kill and reap every worker (finished ones included), close their pipes."""
    for pid, pipe in workers:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        pipe.close()
    for pid, _ in workers:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
