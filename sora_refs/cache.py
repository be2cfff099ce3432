"""A cache of validated catalogues, so that a large file is parsed and checked once.

Entries are marshal files in the user cache directory, keyed by the catalogue's absolute path,
size, modification time, the schema version and the sora-refs version. Nothing in them is
trusted blindly: a corrupt, foreign or stale entry is ignored (and rewritten on the next load).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .models import SCHEMA_VERSION, CatalogueInfo, Category, Cited, Ids, Paper, PaperType, Section, Source
from .version import __version__

if TYPE_CHECKING:
    from .loader import Loaded

MAGIC = "sora-refs catalogue cache"
FORMAT = 1
_TYPES = {t.value: t for t in PaperType}


def cache_dir() -> Path:
    """``$SORA_REFS_CACHE_DIR``, else ``$XDG_CACHE_HOME/sora-refs``, else ``~/.cache/sora-refs``."""
    explicit = os.environ.get("SORA_REFS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sora-refs"


def enabled() -> bool:
    """False when ``SORA_REFS_NO_CACHE`` is set to anything but empty or 0."""
    return os.environ.get("SORA_REFS_NO_CACHE", "") in ("", "0")


def _entry(path: str | os.PathLike[str]) -> Path:
    absolute = os.path.abspath(os.fspath(path))
    digest = hashlib.sha256(absolute.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return cache_dir() / "catalogues" / f"{digest}.marshal"


def _stamp(path: str | os.PathLike[str], stat: os.stat_result) -> tuple:
    return (MAGIC, FORMAT, __version__, SCHEMA_VERSION, os.path.abspath(os.fspath(path)),
            stat.st_size, stat.st_mtime_ns)


def read(path: str | os.PathLike[str], stat: os.stat_result) -> Loaded | None:
    """The cached catalogue for ``path`` as it is now, or None."""
    if not enabled():
        return None
    try:
        blob = _entry(path).read_bytes()
        data = marshal.loads(blob)
        if not isinstance(data, dict) or data.get("stamp") != _stamp(path, stat):
            return None
        return _thaw(data)
    except Exception:  # noqa: BLE001 - any damage to a cache file means: parse the catalogue again
        return None


def write(path: str | os.PathLike[str], stat: os.stat_result, loaded: Loaded) -> None:
    """Store ``loaded`` for ``path``; failures (read-only home, full disk) are ignored."""
    if not enabled():
        return
    target = _entry(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        blob = marshal.dumps(_freeze(loaded, _stamp(path, stat)))
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".marshal")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):
        pass


def _freeze(loaded: Loaded, stamp: tuple) -> dict[str, Any]:
    info = loaded.info
    source = (info.source.title, info.source.url) if info.source else None
    return {
        "stamp": stamp,
        "info": (info.title, info.description, source, info.schema),
        "sections": [(s.id, s.name, s.name_zh, s.description) for s in loaded.sections],
        "categories": [(c.id, c.name, c.name_zh, c.description) for c in loaded.categories],
        "papers": [
            (p.key, p.title, p.authors, p.year, p.venue, p.type.value, p.category, p.ref, p.venue_full,
             p.volume, p.pages, p.publisher, (p.cited.venue, p.cited.year) if p.cited else None,
             (p.ids.arxiv, p.ids.doi), p.url, p.pdf, p.section, p.tags, p.summary, p.summary_zh, p.notes)
            for p in loaded.papers
        ],
    }


def _thaw(data: dict[str, Any]) -> Loaded:
    from .loader import Loaded

    title, description, source, schema = data["info"]
    info = CatalogueInfo(title, description, Source(*source) if source else None, schema)
    papers = []
    append = papers.append
    for (key, title_, authors, year, venue, type_, category, ref, venue_full, volume, pages, publisher,
         cited, ids, url, pdf, section, tags, summary, summary_zh, notes) in data["papers"]:
        append(Paper(key, title_, authors, year, venue, _TYPES[type_], category, ref, venue_full, volume, pages,
                     publisher, Cited(*cited) if cited else None, Ids(*ids), url, pdf, section, tags, summary,
                     summary_zh, notes))
    return Loaded(
        info,
        tuple(Section(*s) for s in data["sections"]),
        tuple(Category(*c) for c in data["categories"]),
        tuple(papers),
    )
