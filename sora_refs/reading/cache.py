"""A cache of validated catalogues, so that a large file is parsed and checked once.

Entries are marshal files in the user cache directory, keyed by the catalogue's absolute path,
device, inode, size, modification and change times, the schema version and the sora-refs
version (an edit that keeps size and mtime, as ``cp -p``, ``rsync -t`` or ``tar`` make, still
changes the inode or the change time). Nothing in them is trusted blindly: every record carries
a checksum, only regular files are opened (a FIFO or a device in the cache directory is never
read, so it cannot block), and a corrupt, foreign or stale entry is ignored and rewritten.
"""

from __future__ import annotations

import functools
import gc
import itertools
import marshal
import operator
import os
import struct
import zlib
from collections.abc import Callable, Iterable
from enum import Enum
from typing import IO, TYPE_CHECKING, Any

from ..models import SCHEMA_VERSION, CatalogueInfo, Category, Loaded, Paper, Section, Source
from ..record import Record
from ..version import __version__

if TYPE_CHECKING:
    from pathlib import Path

MAGIC = "sora-refs catalogue cache"
FORMAT = 7


def cache_root() -> str:
    """``$SORA_REFS_CACHE_DIR``, else ``$XDG_CACHE_HOME/sora-refs``, else ``~/.cache/sora-refs``."""
    explicit = os.environ.get("SORA_REFS_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "sora-refs")


def cache_dir() -> Path:
    """:func:`cache_root` as a :class:`~pathlib.Path`."""
    from pathlib import Path

    return Path(cache_root())


def enabled() -> bool:
    """False when ``SORA_REFS_NO_CACHE`` is set to anything but empty or 0."""
    return os.environ.get("SORA_REFS_NO_CACHE", "") in ("", "0")


def _entry(path: str | os.PathLike[str]) -> str:
    # A readable name plus a checksum of the full path; a clash only costs a re-parse, since the
    # stamp inside names the path it belongs to.
    absolute = os.path.abspath(os.fspath(path))
    slug = "".join(c if c.isalnum() or c in "-_." else "_" for c in os.path.basename(absolute))[:60]
    checksum = zlib.crc32(absolute.encode("utf-8", "surrogateescape"))
    return os.path.join(cache_root(), "catalogues", f"{slug}-{checksum:08x}.marshal")


def _stamp(path: str | os.PathLike[str], stat: os.stat_result) -> tuple[Any, ...]:
    return (
        MAGIC,
        FORMAT,
        __version__,
        SCHEMA_VERSION,
        Paper._fields,
        os.path.abspath(os.fspath(path)),
        stat.st_dev,
        stat.st_ino,
        stat.st_size,
        stat.st_mtime_ns,
        stat.st_ctime_ns,
    )


CHUNK = 2000
"""Papers per marshal record: reading and writing never hold the whole catalogue twice."""


def read(path: str | os.PathLike[str], stat: os.stat_result) -> Loaded | None:
    """The cached catalogue for ``path`` as it is now, or None."""
    if not enabled():
        return None
    try:
        with open_regular(_entry(path)) as handle:
            head = _read_record(handle)
            if not isinstance(head, dict) or head.get("stamp") != _stamp(path, stat):
                return None
            papers: list[Paper] = []
            enabled_gc = gc.isenabled()
            gc.disable()  # only new, live objects: a collection would find nothing
            try:
                while len(papers) < head["count"]:
                    papers.extend(_thaw_papers(_read_record(handle)))
            finally:
                if enabled_gc:
                    gc.enable()
            if len(papers) != head["count"]:
                return None
            return _thaw_head(head, papers)
    except Exception:  # noqa: BLE001 - any damage to a cache file means: parse the catalogue again
        return None


def open_regular(path: str | os.PathLike[str], *, follow_links: bool = False) -> IO[bytes]:
    """Open ``path`` for reading only if it is a regular file (not a FIFO, device or directory).

    A symbolic link is refused too unless ``follow_links`` (the user's own files, such as a
    configuration kept in a dotfiles repository, may be links; the cache's never are).
    The check is made on the opened file itself, so nothing can be swapped in between; opening
    does not block on a FIFO. Raises ``OSError`` otherwise.
    """
    import stat

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{os.fspath(path)} is not a regular file")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


_HEADER = struct.Struct("<QI")  # length and CRC-32 of the marshal blob that follows


def _read_record(handle: IO[bytes]) -> Any:
    # Length-prefixed marshal blobs: marshal.loads on bytes is several times faster than marshal.load
    # on a file. The checksum comes first: a damaged blob may still unmarshal into wrong data.
    header = handle.read(_HEADER.size)
    if len(header) != _HEADER.size:
        raise EOFError("truncated cache record")
    size, checksum = _HEADER.unpack(header)
    blob = handle.read(size)
    if len(blob) != size:
        raise EOFError("truncated cache record")
    if zlib.crc32(blob) != checksum:
        raise ValueError("cache record fails its checksum")
    return marshal.loads(blob)


def _write_record(handle: IO[bytes], value: Any) -> None:
    blob = marshal.dumps(value)
    handle.write(_HEADER.pack(len(blob), zlib.crc32(blob)))
    handle.write(blob)


def write(path: str | os.PathLike[str], stat: os.stat_result, loaded: Loaded) -> None:
    """Store ``loaded`` for ``path``; failures (read-only home, full disk) are ignored."""
    if not enabled():
        return
    papers = loaded.papers
    chunks = (_freeze_papers(papers[start : start + CHUNK]) for start in range(0, len(papers), CHUNK))
    _store(_entry(path), itertools.chain([_freeze_head(loaded, _stamp(path, stat))], chunks))


def _store(target: str, records: Iterable[Any]) -> None:
    """Write ``records`` to ``target`` under a temporary name, then rename; never raises.

    No fsync: a cache entry lost in a crash is only rebuilt.
    """
    import tempfile

    try:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".tmp-", suffix=".marshal")
        try:
            with os.fdopen(fd, "wb") as handle:
                for record in records:
                    _write_record(handle, record)
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):
        pass


def _freeze_head(loaded: Loaded, stamp: tuple[Any, ...]) -> dict[str, Any]:
    info = loaded.info
    source = (info.source.title, info.source.url) if info.source else None
    return {
        "stamp": stamp,
        "info": (info.title, info.description, source, info.schema, info.description_zh),
        "sections": [(s.id, s.name, s.name_zh, s.description) for s in loaded.sections],
        "categories": [(c.id, c.name, c.name_zh, c.description) for c in loaded.categories],
        "count": len(loaded.papers),
    }


Column = tuple[str, Callable[[Any], Any] | None, Callable[[Iterable[Any]], Iterable[Any]] | None]
"""A field's name, how to freeze one value (None: as is) and how to thaw a whole column (None: as is)."""


@functools.cache
def _columns() -> tuple[Column, ...]:
    """One column per field of :class:`Paper`, in constructor order, each with how to freeze and thaw it.

    Derived from the field's declared type: an enum is stored as its value, a record as the tuple
    of its fields (an optional one, such as ``cited``, few distinct values: thawed once per value),
    the rest as is. Adding a field to Paper adds a column; no column can be misplaced.
    """
    from .. import models

    columns: list[Column] = []
    for name in Paper._fields:
        # The annotation as written ("Cited | None"), its names looked up in models: cheaper at
        # start-up than typing.get_type_hints, which compiles every annotation.
        parts = [part.strip() for part in str(Paper.__annotations__[name]).split("|")]
        optional = "None" in parts
        named = [getattr(models, part, None) for part in parts if part != "None"]
        kind = named[0] if len(named) == 1 and isinstance(named[0], type) else None
        if kind is not None and issubclass(kind, Enum) and optional:  # None stays None
            by_value = {None: None, **{member.value: member for member in kind}}
            columns.append((name, _enum_value, functools.partial(map, by_value.__getitem__)))
        elif kind is not None and issubclass(kind, Enum):
            by_value = {member.value: member for member in kind}
            columns.append((name, operator.attrgetter("value"), functools.partial(map, by_value.__getitem__)))
        elif kind is not None and issubclass(kind, Record) and optional:
            columns.append((name, _record_tuple, functools.partial(_thaw_records, kind)))  # optional: memoised
        elif kind is not None and issubclass(kind, Record):
            columns.append((name, _record_tuple, functools.partial(itertools.starmap, kind)))
        else:
            columns.append((name, None, None))
    return tuple(columns)


def _enum_value(value: Enum | None) -> Any:
    return None if value is None else value.value


def _record_tuple(value: Record | None) -> tuple[Any, ...] | None:
    return None if value is None else value.as_tuple()


def _thaw_records(kind: type[Record], values: Iterable[tuple[Any, ...] | None]) -> Iterable[Record | None]:
    known: dict[tuple[Any, ...], Record] = {}  # a few venues and years: one record each

    def thaw(value: tuple[Any, ...] | None) -> Record | None:
        if value is None:
            return None
        found = known.get(value)
        if found is None:
            found = known[value] = kind(*value)
        return found

    return map(thaw, values)


def _freeze_papers(papers: tuple[Paper, ...]) -> tuple[Any, ...]:
    # Column by column: thawing is then a few map() calls instead of a Python loop per paper.
    frozen = []
    for name, freeze, _ in _columns():
        values = map(operator.attrgetter(name), papers)
        frozen.append(tuple(values if freeze is None else map(freeze, values)))
    return tuple(frozen)


def _thaw_papers(columns: tuple[Any, ...]) -> list[Paper]:
    specs = _columns()
    if len(columns) != len(specs):
        raise ValueError("the cache holds other fields than Paper has")
    thawed = [column if thaw is None else thaw(column) for (_, _, thaw), column in zip(specs, columns)]
    make: Any = Paper  # positional, in constructor order: the columns' order
    return list(map(make, *thawed))


def _thaw_head(head: dict[str, Any], papers: list[Paper]) -> Loaded:
    title, description, source, schema, description_zh = head["info"]
    info = CatalogueInfo(title, description, Source(*source) if source else None, schema, description_zh)
    return Loaded(
        info,
        tuple(Section(*s) for s in head["sections"]),
        tuple(Category(*c) for c in head["categories"]),
        tuple(papers),
    )


def read_derived(path: str | os.PathLike[str], name: str) -> Any | None:
    """Data computed from the catalogue at ``path`` (a search index, say), if stored for it as it is now."""
    if not enabled():
        return None
    try:
        stamp = _stamp(path, os.stat(path))
        with open_regular(_derived_entry(path, name)) as handle:
            if _read_record(handle) != [name, *stamp]:
                return None
            return _read_record(handle)
    except Exception:  # noqa: BLE001 - a damaged or stale file is only a miss
        return None


def write_derived(path: str | os.PathLike[str], name: str, value: Any) -> None:
    """Store ``value`` for the catalogue at ``path`` as it is now; failures are ignored."""
    if not enabled():
        return
    try:
        stamp = _stamp(path, os.stat(path))
    except OSError:
        return
    _store(_derived_entry(path, name), [[name, *stamp], value])


def _derived_entry(path: str | os.PathLike[str], name: str) -> str:
    base = _entry(path)
    return base[: -len(".marshal")] + f".{name}.marshal"
