"""One reader's layer over one catalogue: :class:`Personal`, its status, tags and notes together."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import store
from .notes import NoteFolder
from .status import STATUSES, Status, parse_filter, parse_or_none
from .store import PersonalError, drop_if_empty, entry_of
from .tags import check_tag

if TYPE_CHECKING:
    from ..catalogue import Catalogue
    from ..models import Paper
    from .sharing import ImportSummary


@dataclass(frozen=True)
class PaperState:
    """One reader's view of one paper."""

    status: Status | None = None
    """Reading status; None when never marked."""
    tags: tuple[str, ...] = ()
    """Personal tags, sorted."""
    updated: str | None = None
    """ISO date of the last change of status."""
    has_note: bool = False
    """True when a note file exists."""


class Personal:
    """One reader's status, tags and notes for one catalogue."""

    def __init__(self, path: str | os.PathLike[str], catalogue: Catalogue | None = None) -> None:
        self.path = Path(path)
        """The YAML file (it may not exist yet)."""
        self.notes_dir = self.path.with_suffix(".notes")
        """The folder of notes, one ``<key>.md`` a paper."""
        self._notes = NoteFolder(self.notes_dir)
        self._catalogue = catalogue
        self._data: dict[str, Any] | None = None

    @staticmethod
    def data_dir() -> Path:
        """Where every personal file lives: ``$SORA_REFS_DATA_DIR``, else the user data directory."""
        return store.data_dir()

    @classmethod
    def for_catalogue(cls, catalogue: Catalogue) -> Personal:
        """The personal layer of ``catalogue``, under :func:`~sora_refs.personal.data_dir`."""
        if catalogue.path is None:
            stem = store.in_memory_stem(catalogue.info.title)
        else:
            stem = store.file_stem(catalogue.path, catalogue.is_bundled)
        return cls(store.data_dir() / "personal" / f"{stem}.yaml", catalogue)

    # -- reading --------------------------------------------------------------------------

    @property
    def data(self) -> dict[str, Any]:
        """The file's content (``{"catalogue": ..., "papers": {key: {...}}, "group": {...}}``), read once."""
        if self._data is None:
            self._data = store.read(self.path)
        return self._data

    def reload(self) -> None:
        """Forget what was read, so that the next access reads the file again."""
        self._data = None

    def _paper(self, key: str) -> Mapping[str, Any]:
        entry = self.data["papers"].get(key)
        return entry if isinstance(entry, dict) else {}

    @property
    def exists(self) -> bool:
        """True when the reader has marked, tagged or noted anything for this catalogue."""
        return self.path.is_file() or self.notes_dir.is_dir()

    def statuses(self, keys: Iterable[str]) -> dict[str, Status]:
        """``{key: status}`` for the papers of ``keys`` that have one (cheap when there is no file)."""
        if not self.path.is_file():
            return {}
        return {key: status for key in keys if (status := self.status(key)) is not None}

    def status(self, key: str) -> Status | None:
        """The paper's reading status, or None."""
        return parse_or_none(self._paper(key).get("status"))

    def tags(self, key: str) -> tuple[str, ...]:
        """The paper's personal tags, sorted."""
        value = self._paper(key).get("tags")
        return tuple(sorted({str(t) for t in value})) if isinstance(value, list) else ()

    def note_path(self, key: str) -> Path:
        """Where the paper's note is (or would be)."""
        return self._notes.path(key)

    def note(self, key: str) -> str | None:
        """The paper's note (Markdown), or None when it has none."""
        return self._notes.read(key)

    def notes(self, keys: Iterable[str]) -> dict[str, str]:
        """``{key: note}`` for the papers of ``keys`` that have a note (one directory listing, not a look-up each)."""
        return self._notes.read_many(keys)

    def has_note(self, key: str) -> bool:
        """True when the paper has a note."""
        return self._notes.has(key)

    def state(self, key: str) -> PaperState:
        """Status, tags, date of the last change and whether there is a note, in one record."""
        updated = self._paper(key).get("updated")
        return PaperState(self.status(key), self.tags(key), str(updated) if updated else None, self.has_note(key))

    def keys(self) -> list[str]:
        """Keys of the papers the file says something about."""
        return list(self.data["papers"])

    def counts(self, keys: Iterable[str] | None = None) -> dict[Status | None, int]:
        """How many of ``keys`` (default: the catalogue's papers) have each status; None: never marked."""
        if keys is None:
            keys = [p.key for p in self._catalogue.papers] if self._catalogue is not None else self.keys()
        counts: dict[Status | None, int] = {s: 0 for s in Status}
        counts[None] = 0
        for key in keys:
            counts[self.status(key)] += 1
        return counts

    def having(self, papers: Iterable[Paper], statuses: Iterable[str]) -> list[Paper]:
        """The papers whose status is one of ``statuses`` (``unmarked``: no status), in their order."""
        wanted = {parse_filter(s) for s in statuses}
        return [p for p in papers if self.status(p.key) in wanted]

    def tagged(self, papers: Iterable[Paper], tags: Iterable[str]) -> list[Paper]:
        """The papers with one of ``tags`` (case ignored), in the catalogue or personally, in their order."""
        wanted = {t.lower() for t in tags}
        return [
            p
            for p in papers
            if not wanted.isdisjoint(p.tags) or not wanted.isdisjoint(t.lower() for t in self.tags(p.key))
        ]

    def all_tags(self) -> list[str]:
        """Every personal tag used, sorted."""
        return sorted({t for key in self.keys() for t in self.tags(key)})

    def group(self) -> dict[str, dict[str, Status]]:
        """Reading-group members imported with ``as_member``: ``{member: {key: status}}``."""
        result: dict[str, dict[str, Status]] = {}
        for member, statuses in (self.data.get("group") or {}).items():
            if not isinstance(statuses, dict):
                continue
            parsed = {}
            for key, value in statuses.items():
                status = parse_or_none(str(value))
                if status is not None:
                    parsed[str(key)] = status
            result[str(member)] = parsed
        return result

    # -- writing --------------------------------------------------------------------------

    def set_status(self, keys: Iterable[str], status: Status | None) -> None:
        """Give every paper of ``keys`` the reading status ``status`` (None clears it)."""
        keys = list(keys)
        today = store.today()

        def change(data: dict[str, Any]) -> None:
            for key in keys:
                entry = entry_of(data, key)
                if status is None:
                    entry.pop("status", None)
                    entry.pop("updated", None)
                else:
                    if entry.get("status") != status.value:
                        entry["updated"] = today
                    entry["status"] = status.value
                drop_if_empty(data, key)

        self.update(change)

    def tag(self, key: str, add: Iterable[str] = (), remove: Iterable[str] = ()) -> tuple[str, ...]:
        """Add and remove personal tags of one paper; returns its tags afterwards."""
        add = [check_tag(t) for t in add]
        remove = [t.strip().lower() for t in remove]

        def change(data: dict[str, Any]) -> None:
            entry = entry_of(data, key)
            tags = {str(t) for t in entry.get("tags") or []}
            tags.update(add)
            tags.difference_update(remove)
            if tags:
                entry["tags"] = sorted(tags)
            else:
                entry.pop("tags", None)
            drop_if_empty(data, key)

        self.update(change)
        return self.tags(key)

    def write_note(self, key: str, text: str) -> None:
        """Save the paper's note; empty (or blank) text deletes it."""
        try:
            with store.lock(self.path):
                self._notes.write(key, text)
        except OSError as error:
            raise PersonalError(f"cannot write {self.note_path(key)}: {error.strerror or error}") from None

    def rename(self, old: str, new: str) -> None:
        """Carry a paper's status, tags and note over to its new key (after an edit changed it)."""
        if old == new:
            return

        def change(data: dict[str, Any]) -> None:
            if old in data["papers"]:
                data["papers"][new] = data["papers"].pop(old)

        self.update(change)
        self._notes.rename(old, new)

    def update(self, change: Callable[[dict[str, Any]], None]) -> None:
        """Lock, re-read, apply ``change`` to the data, write atomically; this object then sees the new content."""

        def apply(data: dict[str, Any]) -> None:
            self._data = data
            change(data)

        store.update(self.path, apply, self._render)

    # -- sharing --------------------------------------------------------------------------

    def export_data(
        self, papers: Iterable[Paper] | None = None, *, notes: bool = True, member: str | None = None
    ) -> dict[str, Any]:
        """Plain data for a reading group: each paper's status, tags and note, with its ids and title."""
        from .sharing import export_data

        if papers is None:
            papers = self._catalogue.papers if self._catalogue is not None else ()
        title = self._catalogue.info.title if self._catalogue is not None else None
        return export_data(self, papers, title=title, notes=notes, member=member)

    def export_text(
        self, papers: Iterable[Paper] | None = None, *, notes: bool = True, member: str | None = None
    ) -> str:
        """:meth:`export_data` as YAML, with a comment saying what it is."""
        head = "# sora-refs reading progress; load it with `sora-refs progress import FILE`.\n"
        return head + store.dump(self.export_data(papers, notes=notes, member=member))

    def import_data(self, data: Any, *, as_member: str | None = None, source: str = "<data>") -> ImportSummary:
        """Merge an exported progress file into this reader's layer (or file it under ``as_member``).

        Merging never loses what this reader wrote: a status is taken when ours is unset or older,
        tags are united, and a different note is appended below ours.
        """
        from .sharing import import_data

        papers = self._catalogue.papers if self._catalogue is not None else ()
        return import_data(self, papers, data, as_member=as_member, source=source)

    def import_text(self, text: str, *, as_member: str | None = None, source: str = "<text>") -> ImportSummary:
        """:meth:`import_data` of a progress file's text, as :meth:`export_text` writes it."""
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError:
            raise PersonalError(f"{source}: is not valid YAML (made by 'sora-refs progress export'?)") from None
        return self.import_data(data, as_member=as_member, source=source)

    # -- the file -------------------------------------------------------------------------

    def _render(self, data: dict[str, Any]) -> str:
        catalogue = self._catalogue
        where = "the bundled catalogue" if catalogue is None or catalogue.is_bundled else str(catalogue.path)
        head = (
            "# sora-refs personal layer: your reading status and tags for one catalogue\n"
            f"# ({where}); notes are Markdown files in {self.notes_dir.name}/.\n"
            "# The catalogue itself is never changed. Hand edits are fine: statuses are\n"
            f"# {', '.join(STATUSES)}.\n"
        )
        body: dict[str, Any] = {"catalogue": where}
        papers = {
            key: store.ordered(entry)
            for key, entry in data.get("papers", {}).items()
            if isinstance(entry, dict) and entry
        }
        body["papers"] = papers
        if data.get("group"):
            body["group"] = data["group"]
        return head + store.dump(body)
