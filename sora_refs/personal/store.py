"""Where the personal layer lives and how its file is read and written: located, locked, atomic.

One YAML file per catalogue under the user's data directory (``$SORA_REFS_DATA_DIR`` moves it).
Each writer takes a lock, re-reads the file, applies its change and replaces the file
atomically, so the command line and the browse app never lose each other's updates.
"""

from __future__ import annotations

import datetime
import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import SoraRefsError
from .location import DATA_ENV as DATA_ENV  # re-exported: the layer and callers name them here
from .location import data_dir as data_dir

LOCK_TIMEOUT = 10.0
"""Seconds a writer waits for another's lock before giving up."""


class PersonalError(SoraRefsError):
    """The personal file cannot be read or written."""


def file_stem(catalogue_path: str | os.PathLike[str] | None, bundled: bool) -> str:
    """The name (without extension) of a catalogue's personal file: ``bundled`` or ``<stem>-<hash>``."""
    if bundled or catalogue_path is None:
        return "bundled"
    real = os.path.realpath(os.fspath(catalogue_path))
    digest = hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    stem = "".join(c if c.isalnum() or c in "-_." else "_" for c in Path(real).stem)[:40] or "catalogue"
    return f"{stem}-{digest}"


def in_memory_stem(title: str) -> str:
    """The file name of a catalogue built in memory: a layer of its own, by title, never the bundled one's."""
    return f"in-memory-{hashlib.sha256(title.encode('utf-8', 'surrogateescape')).hexdigest()[:8]}"


def today() -> str:
    """Today's date as the file records it."""
    return datetime.date.today().isoformat()


def read(path: Path) -> dict[str, Any]:
    """The file's content; ``{"papers": {}}`` when there is no file yet."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {"papers": {}}
    except (OSError, UnicodeDecodeError) as error:
        raise PersonalError(f"cannot read {path}: {getattr(error, 'strerror', None) or error}") from None
    return parse(text, str(path))


def lock(path: Path) -> Any:
    """The lock every writer of ``path`` (and of its notes) takes."""
    import filelock

    path.parent.mkdir(parents=True, exist_ok=True)
    return filelock.FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT)


def update(
    path: Path, change: Callable[[dict[str, Any]], None], render: Callable[[dict[str, Any]], str]
) -> dict[str, Any]:
    """Lock, re-read, change, write atomically; returns the new content."""
    import filelock

    from ..atomic import atomic_write

    try:
        with lock(path):
            data = read(path)
            change(data)
            atomic_write(path, render(data))
    except filelock.Timeout:
        raise PersonalError(f"{path} is locked by another sora-refs; try again") from None
    except OSError as error:
        raise PersonalError(f"cannot write {path}: {error.strerror or error}") from None
    return data


def entry_of(data: dict[str, Any], key: str) -> dict[str, Any]:
    """The paper's entry in ``data``, made if missing (or if a hand edit left something else there)."""
    papers = data.setdefault("papers", {})
    entry = papers.get(key)
    if not isinstance(entry, dict):
        entry = papers[key] = {}
    found: dict[str, Any] = entry
    return found


def drop_if_empty(data: dict[str, Any], key: str) -> None:
    """Forget a paper the reader no longer says anything about."""
    if not data["papers"].get(key):
        data["papers"].pop(key, None)


def ordered(entry: dict[str, Any]) -> dict[str, Any]:
    """An entry's keys in the file's order: status, updated, tags, then the rest."""
    order = ("status", "updated", "tags")
    return {**{k: entry[k] for k in order if k in entry}, **{k: v for k, v in entry.items() if k not in order}}


def parse(text: str, name: str) -> dict[str, Any]:
    """A personal file's text as data; :class:`PersonalError` naming the line for bad YAML."""
    import yaml

    try:
        data = yaml.safe_load(text) if text.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark is not None else name
        raise PersonalError(
            f"{where}: is not valid YAML ({getattr(error, 'problem', None) or error}); fix it by hand or move it away"
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict) or not isinstance(data.get("papers", {}) or {}, dict):
        raise PersonalError(f"{name}: is not a sora-refs personal file (expected a 'papers:' mapping)")
    data["papers"] = {str(k): v for k, v in (data.get("papers") or {}).items()}
    return data


def dump(data: Any) -> str:
    """Data as the personal and progress files write it: block style, notes as literal blocks."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> Any:
        # Notes are Markdown: a literal block keeps them readable (and diffable) in the file.
        style = "|" if "\n" in value and not any(c in value for c in "\t\r") else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
