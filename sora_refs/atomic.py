"""Replacing a file so that nothing is ever half-written under its final name.

The lowest layer of :mod:`sora_refs.writing` (which adds locked catalogue edits and output files
on top): a temporary file beside the target, flushed, synced and renamed over it; links followed
to their target, as editors do; the temporary file removed on any error (or Ctrl-C).
``OSError`` is the caller's to handle: caches and the personal layer use these directly.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


def resolve_target(path: str | os.PathLike[str]) -> Path:
    """The file a write to ``path`` must change: symbolic links followed, even a dangling one.

    ``os.path.realpath`` also resolves a chain of links and links in parent directories.
    """
    return Path(os.path.realpath(path))  # a loop leaves a path whose opening fails with ELOOP


def describe_error(error: BaseException) -> str:
    """An ``OSError`` as a short lower-case phrase (``no space left on device``)."""
    if isinstance(error, OSError):
        if error.errno == errno.ELOOP:
            return "too many levels of symbolic links"
        if error.strerror:
            return error.strerror[0].lower() + error.strerror[1:]
    return str(error) or type(error).__name__


@contextlib.contextmanager
def replacing(target: Path, mode: str, encoding: str | None) -> Iterator[IO[Any]]:
    """A temporary file beside ``target`` (already resolved) that replaces it on success.

    Permissions of an existing target are kept (new files get 0666 less the umask).
    """
    directory = target.parent
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        if "b" in mode:
            handle: IO[Any] = os.fdopen(fd, mode)
        else:
            handle = os.fdopen(fd, mode, encoding=encoding, newline="")
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.chmod(tmp, os.stat(target).st_mode & 0o7777)
        except FileNotFoundError:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
        _sync_directory(directory)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (best effort: not every file system allows it)."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO[Any]]:
    """A temporary file that replaces ``path`` (links followed) when the block ends without error.

    ``OSError`` passes through; the temporary file is removed on any error (or Ctrl-C).
    """
    with replacing(resolve_target(path), mode, None if "b" in mode else encoding) as handle:
        yield handle


def write_private(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Replace a file of our own (a cache, an index) atomically; ``OSError`` passes through.

    For files sora-refs owns, where a failure is handled by the caller (usually ignored).
    """
    binary = isinstance(data, bytes)
    with replacing(resolve_target(path), "wb" if binary else "w", None if binary else "utf-8") as handle:
        handle.write(data)


atomic_write = write_private
