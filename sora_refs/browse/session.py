"""Where the browser keeps what it remembers per catalogue (the last query and filters) and its copies.

Files live in ``$SORA_REFS_STATE_DIR``, else ``$XDG_STATE_HOME/sora-refs``, else
``~/.local/state/sora-refs``, under ``browse/``: one JSON file per catalogue, named after the
catalogue file and a checksum of its full path, and the last copied BibTeX and key (for
terminals that do not accept a clipboard copy).
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import atomic_write
from .model import Filters

if TYPE_CHECKING:
    from ..catalogue import Catalogue


def state_dir() -> Path:
    """The browser's directory (created when first written to)."""
    explicit = os.environ.get("SORA_REFS_STATE_DIR")
    if explicit:
        base = Path(explicit)
    else:
        xdg = os.environ.get("XDG_STATE_HOME")
        base = (Path(xdg) if xdg else Path.home() / ".local" / "state") / "sora-refs"
    return base / "browse"


def _name(catalogue: Catalogue) -> str:
    if catalogue.is_bundled or catalogue.path is None:
        return "bundled"
    absolute = os.path.realpath(catalogue.path)
    stem = "".join(c if c.isalnum() or c in "-_." else "_" for c in Path(absolute).stem)[:60]
    return f"{stem}-{zlib.crc32(absolute.encode('utf-8', 'surrogateescape')):08x}"


def session_file(catalogue: Catalogue) -> Path:
    """Where the filters of ``catalogue`` are remembered."""
    return state_dir() / f"{_name(catalogue)}.json"


def load(catalogue: Catalogue) -> tuple[Filters, str | None]:
    """The filters and the paper (citekey) the user left ``catalogue`` with; defaults when none or unreadable."""
    try:
        data = json.loads(session_file(catalogue).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return Filters(), None
    current = data.get("current") if isinstance(data, dict) else None
    return Filters.from_data(data.get("filters") if isinstance(data, dict) else None), (
        current if isinstance(current, str) else None
    )


def save(catalogue: Catalogue, filters: Filters, current: str | None) -> None:
    """Remember ``filters`` and the paper under the cursor; a failure to write is not worth an error."""
    path = session_file(catalogue)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"filters": filters.as_data(), "current": current}, ensure_ascii=False, indent=1)
        atomic_write(path, text + "\n")
    except OSError:
        pass


def keep_copy(name: str, text: str) -> Path:
    """Write ``text`` to ``<state dir>/<name>`` (the copy kept beside a clipboard copy) and return the path."""
    path = state_dir() / name
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, text)
    return path
