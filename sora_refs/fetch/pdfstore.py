"""The download directory: safe file names, what a whole PDF looks like, and the manifest.

Nothing here touches the network. The manifest (``sora-refs-manifest.json`` in the directory)
records each file's size and SHA-256, so that a later run can tell a file it wrote, still intact,
from one that was changed or cut short, without asking any server.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..atomic import replacing
from ..errors import SoraRefsError

MANIFEST_NAME = "sora-refs-manifest.json"
PARTIAL_DIR = ".partial"
"""Hidden subdirectory for transfers in progress (``<name>.part``): never a final name."""
MAGIC = b"%PDF-"
HEAD = 1024
"""PDF readers accept the ``%PDF-`` header anywhere in the first KiB, and ``%%EOF`` in the last."""

_UNSAFE = re.compile(r"[^A-Za-z0-9._+-]")
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


class UnsafePathError(SoraRefsError):
    """A paper key would lead a file outside the download directory."""


def safe_name(key: str) -> str:
    """The file name for a paper: ``<key>.pdf`` when the key is a plain name.

    Anything that could leave the directory or upset a file system (``/``, ``\\``, ``:``, ``..``,
    leading dots, control characters, reserved Windows names, very long keys) is replaced, and a
    short hash of the real key is appended, so that two keys never share a file.
    """
    stem = _UNSAFE.sub("_", key).strip("._ ")[:120] or "paper"
    while ".." in stem:
        stem = stem.replace("..", "._")
    if stem != key or stem.split(".")[0].upper() in _RESERVED:
        stem = f"{stem}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:8]}"
    return stem + ".pdf"


def inside(directory: Path, name: str) -> Path:
    """``directory / name``, after making sure it names an entry directly inside ``directory``.

    The directory itself is resolved (it is what the user named); ``name`` is not: if it is a
    symbolic link, the link is what gets replaced, never what it points to.
    """
    base = directory.resolve()
    if name in ("", ".", "..") or "/" in name or "\\" in name or "\0" in name:
        raise UnsafePathError(f"refusing to write {name!r} outside {directory}")
    return base / name


def regular_or_absent(path: Path) -> str | None:
    """None when ``path`` is a regular file or does not exist; else what it is (never followed)."""
    import stat

    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "a directory" if stat.S_ISDIR(mode) else "not a regular file"


def private_dir(path: Path) -> Path:
    """Create ``path`` (a subdirectory of ours, such as ``.partial``) and make sure it is a real one.

    A symbolic link there (to anywhere) is refused: partial downloads must not leave the directory.
    """
    import stat

    try:
        os.mkdir(path)
    except FileExistsError:
        pass
    mode = os.lstat(path).st_mode
    if stat.S_ISLNK(mode) or not stat.S_ISDIR(mode):
        what = "a symbolic link" if stat.S_ISLNK(mode) else "not a directory"
        raise UnsafePathError(
            f"{path} is {what}; refusing to write partial downloads through it (remove it and run again)"
        )
    return path


def open_new(path: Path, append: bool = False) -> Any:
    """Open ``path`` for writing without following a link or blocking on a FIFO; binary mode."""
    import stat

    flags = (
        os.O_WRONLY
        | os.O_CREAT
        | (os.O_APPEND if append else os.O_TRUNC)
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_CLOEXEC", 0)
    )
    fd = os.open(path, flags, 0o666)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UnsafePathError(f"{path} is not a regular file; refusing to write to it")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "ab" if append else "wb")
    except BaseException:
        os.close(fd)
        raise


def looks_like_pdf(head: bytes) -> bool:
    """True when the first bytes of a file carry the PDF header."""
    return MAGIC in head[:HEAD]


def pdf_problem(path: Path) -> str | None:
    """Why the file at ``path`` is not a whole PDF, or None when it looks whole."""
    try:
        from ..reading.cache import open_regular

        with open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            head = handle.read(HEAD)
            handle.seek(max(0, size - HEAD))
            tail = handle.read(HEAD)
    except OSError as error:
        return f"cannot read {path.name}: {error.strerror or error}"
    if not looks_like_pdf(head):
        kind = "an HTML page" if b"<html" in head.lower() or b"<!doctype" in head.lower() else "not a PDF"
        return f"{kind} (no %PDF- header)"
    if b"%%EOF" not in tail:
        return "truncated PDF (no %%EOF at the end)"
    return None


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file, read in pieces."""
    from ..reading.cache import open_regular

    digest = hashlib.sha256()
    with open_regular(path) as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class Entry:
    """What the manifest knows about one downloaded file."""

    file: str
    """File name inside the directory."""
    size: int
    """Size in bytes when written."""
    sha256: str
    """Hex SHA-256 when written."""
    url: str | None = None
    """Where it came from."""


class Manifest:
    """``sora-refs-manifest.json``: paper key -> :class:`Entry`. A damaged manifest is treated as empty."""

    VERSION = 1

    def __init__(self, directory: Path) -> None:
        self.path = directory / MANIFEST_NAME
        self.entries: dict[str, Entry] = {}
        try:
            from ..reading.cache import open_regular

            with open_regular(self.path) as handle:  # never a FIFO, never through a link
                data = json.loads(handle.read().decode("utf-8"))
            for key, item in data.get("files", {}).items():
                self.entries[key] = Entry(str(item["file"]), int(item["size"]), str(item["sha256"]), item.get("url"))
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            self.entries = {}  # no manifest yet, or one we cannot trust: files get re-verified from scratch

    def verify(self, key: str, path: Path) -> str | None:
        """None when ``path`` is the file recorded for ``key``, else why not (a sentence)."""
        entry = self.entries.get(key)
        if entry is None:
            return "not in the manifest"
        try:
            size = path.stat().st_size
        except OSError:
            return "missing"
        if size != entry.size:
            return f"size changed ({size} bytes, manifest says {entry.size})"
        if sha256_of(path) != entry.sha256:
            return "content changed (SHA-256 differs from the manifest)"
        return None

    def record(self, key: str, entry: Entry) -> None:
        self.entries[key] = entry

    def save(self) -> None:
        data: dict[str, Any] = {
            "sora-refs-manifest": self.VERSION,
            "files": {
                key: {"file": e.file, "size": e.size, "sha256": e.sha256, "url": e.url}
                for key, e in sorted(self.entries.items())
            },
        }
        # Inside --dir nothing is followed: a link in the manifest's place is replaced, not written through.
        with replacing(self.path, "w", "utf-8") as handle:
            handle.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def remove_quietly(*paths: Path) -> None:
    for path in paths:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass


@contextlib.contextmanager
def claimed(path: Path, wait: Callable[[float], bool]) -> Iterator[None]:
    """Hold the lock file ``path`` (``flock``): one download of a paper into a folder at a time.

    Two runs into the same folder would otherwise append to the same partial file. The second
    waits, polling, until the first is done (``wait(seconds)`` returns True to give up: Ctrl-C,
    which raises :class:`~sora_refs.fetch.transfer.Cancelled` there); then it finds the PDF in
    place. The file is removed on release, so the partial folder empties; a crashed run's lock
    dies with it. Without ``flock`` (Windows) nothing is locked.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | os.O_NONBLOCK
    while True:
        try:
            fd = os.open(path, flags, 0o600)
        except FileNotFoundError:  # the run before us pruned the partial folder when it ended
            private_dir(path.parent)
            continue
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise UnsafePathError(f"{path} is not a regular file; refusing to lock it")
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                wait(0.2)
                continue
            try:
                if os.lstat(path).st_ino != os.fstat(fd).st_ino:
                    continue  # the run before us removed the name as we opened it: lock the new file
            except FileNotFoundError:
                continue
            try:
                yield
            finally:
                remove_quietly(path)  # removed while still held: whoever opens it next locks a new file
            return
        finally:
            os.close(fd)
