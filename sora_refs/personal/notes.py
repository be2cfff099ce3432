"""A reader's notes: one Markdown file a paper, in a folder beside the personal file."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .store import PersonalError


class NoteFolder:
    """The folder of notes, ``<key>.md`` each; the caller holds the personal file's lock when writing."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path(self, key: str) -> Path:
        """Where the paper's note is (or would be)."""
        safe = "".join(c if c.isalnum() or c in "-_.+" else "_" for c in key)
        return self.directory / f"{safe}.md"

    def read(self, key: str) -> str | None:
        """The paper's note (Markdown), or None when it has none."""
        try:
            return self.path(key).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as error:
            raise PersonalError(f"cannot read {self.path(key)}: {getattr(error, 'strerror', None) or error}") from None

    def read_many(self, keys: Iterable[str]) -> dict[str, str]:
        """``{key: note}`` for the papers of ``keys`` that have a note (one directory listing, not a look-up each)."""
        try:
            present = {entry.name for entry in os.scandir(self.directory) if entry.name.endswith(".md")}
        except (FileNotFoundError, NotADirectoryError):
            return {}
        except OSError as error:
            raise PersonalError(f"cannot read {self.directory}: {error.strerror or error}") from None
        found = {}
        for key in keys:
            if self.path(key).name in present:
                text = self.read(key)
                if text is not None:
                    found[key] = text
        return found

    def has(self, key: str) -> bool:
        """True when the paper has a note."""
        return self.path(key).is_file()

    def write(self, key: str, text: str) -> None:
        """Save the paper's note; empty (or blank) text deletes it. Raises :class:`OSError`."""
        from ..atomic import atomic_write

        target = self.path(key)
        if not text.strip():
            target.unlink(missing_ok=True)
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, text if text.endswith("\n") else text + "\n")

    def rename(self, old: str, new: str) -> None:
        """Move a note to a paper's new key, unless the new key has one already."""
        source, target = self.path(old), self.path(new)
        if source.is_file() and not target.exists():
            try:
                source.rename(target)
            except OSError as error:
                raise PersonalError(f"cannot rename {source}: {error.strerror or error}") from None
