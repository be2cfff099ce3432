"""The one place that writes files: catalogues (locked, validated, backed up) and output files.

Every write follows the same rules:

- **Nothing half-written.** New content goes to a temporary file beside the target, is flushed
  and synced, then renamed over it. On any error (a full disk, an I/O error, Ctrl-C) the
  temporary file is removed and the target is left as it was.
- **Links are followed, as editors do.** Writing to a symbolic link writes the file it points
  to (created if the link dangles); the link itself stays.
- **Special files are never replaced.** A character device or a FIFO given as an output file
  (``-o /dev/null``, a named pipe) is written directly; block devices, sockets and directories
  are refused. A catalogue must be a regular file.
- **Catalogue writers take a lock.** :func:`edit_catalogue` holds an advisory lock (filelock,
  ``flock`` on a ``.NAME.lock`` file beside the catalogue) from the moment it reads the file to
  the moment the new version is in place, so two writers (two ``import``s, an ``add`` during an
  ``import``) take turns instead of losing each other's papers. A second writer waits up to
  :data:`LOCK_TIMEOUT` seconds, then fails with a clear message.
- **One sentence per failure.** Every ``OSError`` becomes a :class:`WriteError` naming the
  file and the reason; the CLI prints it on one line and exits 1.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .atomic import describe_error, replacing, resolve_target, write_private
from .errors import CatalogueError, SoraRefsError

if TYPE_CHECKING:
    from .catalogue import Catalogue
    from .models import Loaded

LOCK_TIMEOUT = 10.0
"""Seconds a writer waits for another one to finish (``SORA_REFS_LOCK_TIMEOUT`` overrides)."""


class WriteError(SoraRefsError):
    """A file could not be written (or locked); the target is unchanged unless said otherwise."""


class LockTimeout(WriteError):
    """Another process held the catalogue's lock for longer than the timeout."""


# -- paths -----------------------------------------------------------------------------------


def _kind(mode: int) -> str | None:
    """What a non-regular file is, for messages; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a regular file"


# -- output files (export -o, site -o, cite -o) -----------------------------------------------


@contextlib.contextmanager
def open_output(path: str | os.PathLike[str], *, binary: bool = False) -> Iterator[IO[Any]]:
    """Open ``path`` for writing a whole new content, by the rules of this module.

    A regular file (or a new one, or a link to either) is replaced atomically when the block
    ends without error; a character device or FIFO is written directly; anything else is refused.
    Errors leave as :class:`WriteError`.
    """
    name = os.fspath(path)
    mode = "wb" if binary else "w"
    encoding = None if binary else "utf-8"
    try:
        info: os.stat_result | None = os.stat(name)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise WriteError(f"cannot write {name}: {describe_error(error)}") from None
    try:
        if info is not None and (stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
            # /dev/null, /dev/stdout, a terminal, a named pipe: there is nothing to replace.
            with open(name, mode, encoding=encoding) as handle:
                yield handle
            return
        if info is not None and not stat.S_ISREG(info.st_mode):
            raise WriteError(f"cannot write {name}: it is {_kind(info.st_mode)}, not a file; nothing written")
        with replacing(resolve_target(name), mode, encoding) as handle:
            yield handle
    except OSError as error:
        raise WriteError(f"cannot write {name}: {describe_error(error)}; {_unchanged(info)}") from None


def _unchanged(info: os.stat_result | None) -> str:
    if info is None or stat.S_ISREG(info.st_mode):
        return "nothing written" if info is None else "the file is unchanged"
    return "the output may be incomplete"


def write_output(path: str | os.PathLike[str], data: str | bytes | Iterable[str]) -> None:
    """Write ``data`` (text, bytes, or pieces of text) to ``path`` with :func:`open_output`."""
    binary = isinstance(data, bytes)
    with open_output(path, binary=binary) as handle:
        if isinstance(data, (str, bytes)):
            handle.write(data)
        else:
            for piece in data:
                handle.write(piece)


# -- catalogue files ---------------------------------------------------------------------------


def lock_timeout() -> float:
    """:data:`LOCK_TIMEOUT`, or ``SORA_REFS_LOCK_TIMEOUT`` when set to a number."""
    value = os.environ.get("SORA_REFS_LOCK_TIMEOUT")
    try:
        return max(0.0, float(value)) if value else LOCK_TIMEOUT
    except ValueError:
        return LOCK_TIMEOUT


def lock_path(target: Path) -> Path:
    """The lock file of the catalogue at ``target`` (a resolved path): ``.NAME.lock`` beside it."""
    return target.with_name(f".{target.name}.lock")


@contextlib.contextmanager
def catalogue_lock(path: str | os.PathLike[str], timeout: float | None = None) -> Iterator[Path]:
    """Hold the advisory lock of the catalogue at ``path`` (links followed); yield the target.

    Waits up to ``timeout`` seconds (default :func:`lock_timeout`) for another writer, then
    raises :class:`LockTimeout`. The lock is ``flock``-based: it dies with its process, so a
    crashed writer never leaves the catalogue locked.
    """
    from filelock import FileLock, Timeout

    name = os.fspath(path)
    target = resolve_target(name)
    wait = lock_timeout() if timeout is None else timeout
    lock = FileLock(lock_path(target), timeout=wait, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise LockTimeout(
            f"{name} is being written by another sora-refs command (waited {wait:g} s); "
            "nothing was changed: try again when it has finished"
        ) from None
    except OSError as error:
        raise WriteError(
            f"cannot lock {name}: {describe_error(error)} (the lock file is {lock_path(target)}); nothing was changed"
        ) from None
    try:
        yield target
    finally:
        lock.release()


@dataclass
class Written:
    """What :meth:`CatalogueEdit.write` did."""

    target: Path
    """The file replaced (links followed)."""
    backup: Path | None
    """Where the previous version was saved (None when the file was created)."""
    loaded: Loaded
    """The new catalogue, as validated before it was written."""


@dataclass
class CatalogueEdit:
    """A catalogue file read under its lock, ready to be replaced; see :func:`edit_catalogue`."""

    path: Path
    """The path as the caller gave it (used in messages)."""
    target: Path
    """The regular file behind it (links followed)."""
    old: bytes | None
    """Its content when the lock was taken; None when it does not exist yet."""
    written: Written | None = field(default=None)
    """Set by :meth:`write`."""
    _stat: os.stat_result | None = field(default=None, repr=False)
    _catalogue: Catalogue | None = field(default=None, repr=False)

    @property
    def exists(self) -> bool:
        return self.old is not None

    @property
    def catalogue(self) -> Catalogue | None:
        """The current catalogue, validated (None when the file does not exist yet).

        Raises :class:`~sora_refs.errors.CatalogueError` when the current file is invalid.
        """
        if self.old is None or all(
            not line.strip() or line.lstrip().startswith(b"#") for line in self.old.splitlines()
        ):
            return None  # a new file, or one holding only comments (``add`` starts from it): no papers to lose
        if self._catalogue is None:
            from .catalogue import Catalogue
            from .reading.loader import load_bytes

            self._catalogue = Catalogue(load_bytes(self.old, os.fspath(self.path)), self.path)
        return self._catalogue

    def write(
        self, text: str | bytes, *, dropped: Iterable[str] = (), check: Callable[[Loaded], None] | None = None
    ) -> Written:
        """Validate ``text`` as a catalogue, back up the old file, and put ``text`` in its place.

        Refused (nothing written) when ``text`` is not a valid catalogue, or when a paper of the
        old version is missing from it and its key is not in ``dropped``; ``check`` may refuse
        more by raising. The old version is kept as ``NAME.bak`` beside the target.
        """
        from .reading.loader import load_bytes

        if self.written is not None:
            raise WriteError(f"{self.path}: written twice in one edit")
        data = text.encode("utf-8") if isinstance(text, str) else text
        name = os.fspath(self.path)
        try:
            loaded = load_bytes(data, name)
        except CatalogueError as error:
            raise WriteError(f"the new version of {name} would not be valid; nothing was written.\n{error}") from None
        old = self.catalogue
        if old is not None:
            keys = {paper.key for paper in loaded.papers}
            allowed = set(dropped)
            lost = [paper.key for paper in old.papers if paper.key not in keys and paper.key not in allowed]
            if lost:
                raise WriteError(
                    f"the new version of {name} would lose {len(lost)} paper"
                    f"{'s' if len(lost) != 1 else ''} ({', '.join(lost[:5])}); nothing was written"
                )
        if check is not None:
            check(loaded)
        self._refuse_if_changed()
        backup = None
        try:
            if self.old is not None:
                backup = self.target.with_name(self.target.name + ".bak")
                with replacing(backup, "wb", None) as handle:
                    handle.write(self.old)
            with replacing(self.target, "wb", None) as handle:
                handle.write(data)
        except OSError as error:
            raise WriteError(f"cannot write {name}: {describe_error(error)}; the file is unchanged") from None
        self.written = Written(self.target, backup, loaded)
        return self.written

    def _refuse_if_changed(self) -> None:
        """Someone outside sora-refs (an editor) changed the file since it was read: keep their work."""
        try:
            now = os.stat(self.target)
        except FileNotFoundError:
            now = None
        before = self._stat
        same = (now is None and before is None) or (
            now is not None
            and before is not None
            and (now.st_ino, now.st_size, now.st_mtime_ns) == (before.st_ino, before.st_size, before.st_mtime_ns)
        )
        if not same:
            raise WriteError(
                f"{self.path} was changed by another program while sora-refs worked on it; "
                "nothing was written: run the command again"
            )


def refuse_read_only(path: Path, name: str | None = None, info: os.stat_result | None = None) -> None:
    """:class:`WriteError` when the catalogue file at ``path`` exists and is read-only.

    The rename that replaces it would work all the same (its folder is writable), but a file
    made read-only says "do not change me", and editors ask before they do. Read-only means no
    write permission for its owner, or none for us (root passes os.access whatever the mode).
    """
    try:
        info = info or os.stat(path)
    except OSError:
        return  # absent (a new file) or unreadable: the write itself says so
    if not info.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        shown = name or os.fspath(path)
        raise WriteError(
            f"{shown} is read-only; nothing was changed (to allow changes: chmod u+w {shlex.quote(shown)})"
        )


@contextlib.contextmanager
def edit_catalogue(
    path: str | os.PathLike[str], *, timeout: float | None = None, lock: bool = True
) -> Iterator[CatalogueEdit]:
    """Read the catalogue at ``path`` under its lock, for one :meth:`CatalogueEdit.write`.

    ``with edit_catalogue(path) as edit:`` reads ``edit.old`` (bytes, None for a new file) and
    ``edit.catalogue``, builds the new text, and calls ``edit.write(text)``; the lock is held for
    the whole block, so no other sora-refs writer can slip in between the read and the write.
    ``lock=False`` only reads (for ``--dry-run``: nothing will be written).
    """
    name = os.fspath(path)
    holder = catalogue_lock(path, timeout) if lock else contextlib.nullcontext(resolve_target(path))
    with holder as target:
        try:
            info: os.stat_result | None = os.stat(target)
        except FileNotFoundError:
            info = None
        except OSError as error:
            raise WriteError(f"cannot read {name}: {describe_error(error)}") from None
        if info is not None and not stat.S_ISREG(info.st_mode):
            raise WriteError(f"{name} is {_kind(info.st_mode)}, not a catalogue file; nothing was changed")
        if lock and info is not None:
            refuse_read_only(target, name, info)
        try:
            old = target.read_bytes() if info is not None else None
        except OSError as error:
            raise WriteError(f"cannot read {name}: {describe_error(error)}") from None
        edit = CatalogueEdit(Path(name), target, old, _stat=info)
        yield edit


__all__ = [
    "LOCK_TIMEOUT",
    "CatalogueEdit",
    "LockTimeout",
    "WriteError",
    "Written",
    "catalogue_lock",
    "describe_error",
    "edit_catalogue",
    "lock_path",
    "lock_timeout",
    "open_output",
    "refuse_read_only",
    "resolve_target",
    "write_output",
    "write_private",
]
