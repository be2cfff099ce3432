"""The personal layer: reading status, personal tags and notes, kept apart from the catalogue.

A curated catalogue is a shared file (the bundled one is read-only); what one reader has read,
the tags they use for themselves and their notes are theirs. They live in one YAML file per
catalogue under the user's data directory, with the notes as Markdown files (one a paper) in a
folder beside it::

    from sora_refs import Catalogue
    from sora_refs.personal import Status

    catalogue = Catalogue.load()
    mine = catalogue.personal()
    mine.set_status(["ho2020denoising"], Status.READ)
    mine.status("ho2020denoising")          # Status.READ
    mine.counts()                           # {Status.READ: 1, None: 31, ...}

Each writer takes a lock, re-reads the file, applies its change and replaces the file atomically,
so the command line and the browse app never lose each other's updates. Papers are keyed by
citekey; an exported file also carries each paper's arXiv id, DOI and title, so that it can be
imported into a catalogue whose keys differ.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import SoraRefsError, UsageError

if TYPE_CHECKING:
    from .catalogue import Catalogue
    from .models import Paper

DATA_ENV = "SORA_REFS_DATA_DIR"
"""Environment variable naming the data directory (tests, portable set-ups)."""
EXPORT_MARK = "sora-refs-progress"
"""The key that marks an exported progress file (its value is the format version)."""
LOCK_TIMEOUT = 10.0
_TAG = re.compile(r"^[a-z0-9][a-z0-9+._-]*$")
_MEMBER = re.compile(r"^[\w][\w .@+-]*$")


class Status(str, Enum):
    """Where a reader is with a paper."""

    TO_READ = "to-read"
    READING = "reading"
    READ = "read"

    @classmethod
    def parse(cls, text: str) -> Status:
        """``read``, ``reading``, ``to-read`` (also ``toread``, ``to_read``, ``unread``), case ignored."""
        value = text.strip().lower().replace("_", "-")
        value = {"toread": "to-read", "unread": "to-read", "todo": "to-read", "done": "read"}.get(value, value)
        for status in cls:
            if status.value == value:
                return status
        raise UsageError(f"unknown reading status {text!r}; use one of {', '.join(s.value for s in cls)}")

    def __str__(self) -> str:
        return self.value


STATUSES: tuple[str, ...] = tuple(s.value for s in Status)
"""The reading statuses, in reading order."""
UNMARKED = "unmarked"
"""What filters call a paper without a status."""


def parse_filter(text: str) -> Status | None:
    """A status to filter on: one of :data:`STATUSES`, or ``unmarked`` (None) for papers never marked."""
    if text.strip().lower() in (UNMARKED, "none"):
        return None
    try:
        return Status.parse(text)
    except UsageError:
        raise UsageError(f"unknown reading status {text!r}; use one of {', '.join(STATUSES)}, {UNMARKED}") from None


class PersonalError(SoraRefsError):
    """The personal file cannot be read or written."""


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


@dataclass
class ImportSummary:
    """What importing a progress file did."""

    matched: int = 0
    """Papers of the file found in the catalogue."""
    unmatched: list[str] = field(default_factory=list)
    """Keys (or titles) of the file's papers this catalogue does not have."""
    statuses: int = 0
    """Statuses taken over."""
    tags: int = 0
    """Tags added."""
    notes: int = 0
    """Notes written or extended."""
    member: str | None = None
    """The reading-group member the progress was filed under (``--as``), if any."""


def data_dir() -> Path:
    """``$SORA_REFS_DATA_DIR``, else the platform's user data directory for sora-refs."""
    explicit = os.environ.get(DATA_ENV)
    if explicit:
        return Path(explicit)
    import platformdirs

    return Path(platformdirs.user_data_path("sora-refs", appauthor=False))


def file_stem(catalogue_path: str | os.PathLike[str] | None, bundled: bool) -> str:
    """The name (without extension) of a catalogue's personal file: ``bundled`` or ``<stem>-<hash>``."""
    if bundled or catalogue_path is None:
        return "bundled"
    real = os.path.realpath(os.fspath(catalogue_path))
    digest = hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    stem = "".join(c if c.isalnum() or c in "-_." else "_" for c in Path(real).stem)[:40] or "catalogue"
    return f"{stem}-{digest}"


def _today() -> str:
    return datetime.date.today().isoformat()


class Personal:
    """One reader's status, tags and notes for one catalogue."""

    def __init__(self, path: str | os.PathLike[str], catalogue: Catalogue | None = None) -> None:
        self.path = Path(path)
        """The YAML file (it may not exist yet)."""
        self.notes_dir = self.path.with_suffix(".notes")
        """The folder of notes, one ``<key>.md`` a paper."""
        self._catalogue = catalogue
        self._data: dict[str, Any] | None = None

    @classmethod
    def for_catalogue(cls, catalogue: Catalogue) -> Personal:
        """The personal layer of ``catalogue``, under :func:`data_dir`."""
        if catalogue.path is None:  # built in memory: a layer of its own, by title, never the bundled one's
            digest = hashlib.sha256(catalogue.info.title.encode("utf-8", "surrogateescape")).hexdigest()[:8]
            stem = f"in-memory-{digest}"
        else:
            stem = file_stem(catalogue.path, catalogue.is_bundled)
        return cls(data_dir() / "personal" / f"{stem}.yaml", catalogue)

    # -- reading --------------------------------------------------------------------------

    @property
    def data(self) -> dict[str, Any]:
        """The file's content (``{"catalogue": ..., "papers": {key: {...}}, "group": {...}}``), read once."""
        if self._data is None:
            self._data = self._read()
        return self._data

    def reload(self) -> None:
        """Forget what was read, so that the next access reads the file again."""
        self._data = None

    def _read(self) -> dict[str, Any]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {"papers": {}}
        except (OSError, UnicodeDecodeError) as error:
            raise PersonalError(f"cannot read {self.path}: {getattr(error, 'strerror', None) or error}") from None
        return _parse(text, str(self.path))

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
        value = self._paper(key).get("status")
        try:
            return Status.parse(value) if isinstance(value, str) else None
        except UsageError:
            return None

    def tags(self, key: str) -> tuple[str, ...]:
        """The paper's personal tags, sorted."""
        value = self._paper(key).get("tags")
        return tuple(sorted({str(t) for t in value})) if isinstance(value, list) else ()

    def note_path(self, key: str) -> Path:
        """Where the paper's note is (or would be)."""
        safe = "".join(c if c.isalnum() or c in "-_.+" else "_" for c in key)
        return self.notes_dir / f"{safe}.md"

    def note(self, key: str) -> str | None:
        """The paper's note (Markdown), or None when it has none."""
        try:
            return self.note_path(key).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as error:
            raise PersonalError(
                f"cannot read {self.note_path(key)}: {getattr(error, 'strerror', None) or error}"
            ) from None

    def notes(self, keys: Iterable[str]) -> dict[str, str]:
        """``{key: note}`` for the papers of ``keys`` that have a note (one directory listing, not a look-up each)."""
        try:
            present = {entry.name for entry in os.scandir(self.notes_dir) if entry.name.endswith(".md")}
        except (FileNotFoundError, NotADirectoryError):
            return {}
        except OSError as error:
            raise PersonalError(f"cannot read {self.notes_dir}: {error.strerror or error}") from None
        found = {}
        for key in keys:
            if self.note_path(key).name in present:
                text = self.note(key)
                if text is not None:
                    found[key] = text
        return found

    def has_note(self, key: str) -> bool:
        """True when the paper has a note."""
        return self.note_path(key).is_file()

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
                try:
                    parsed[str(key)] = Status.parse(str(value))
                except UsageError:
                    continue
            result[str(member)] = parsed
        return result

    # -- writing --------------------------------------------------------------------------

    def set_status(self, keys: Iterable[str], status: Status | None) -> None:
        """Give every paper of ``keys`` the reading status ``status`` (None clears it)."""
        keys = list(keys)
        today = _today()

        def change(data: dict[str, Any]) -> None:
            for key in keys:
                entry = _entry(data, key)
                if status is None:
                    entry.pop("status", None)
                    entry.pop("updated", None)
                else:
                    if entry.get("status") != status.value:
                        entry["updated"] = today
                    entry["status"] = status.value
                _drop_if_empty(data, key)

        self._update(change)

    def tag(self, key: str, add: Iterable[str] = (), remove: Iterable[str] = ()) -> tuple[str, ...]:
        """Add and remove personal tags of one paper; returns its tags afterwards."""
        add = [check_tag(t) for t in add]
        remove = [t.strip().lower() for t in remove]

        def change(data: dict[str, Any]) -> None:
            entry = _entry(data, key)
            tags = {str(t) for t in entry.get("tags") or []}
            tags.update(add)
            tags.difference_update(remove)
            if tags:
                entry["tags"] = sorted(tags)
            else:
                entry.pop("tags", None)
            _drop_if_empty(data, key)

        self._update(change)
        return self.tags(key)

    def write_note(self, key: str, text: str) -> None:
        """Save the paper's note; empty (or blank) text deletes it."""
        from .atomic import atomic_write

        target = self.note_path(key)
        try:
            with self._lock():
                if not text.strip():
                    target.unlink(missing_ok=True)
                    return
                target.parent.mkdir(parents=True, exist_ok=True)
                atomic_write(target, text if text.endswith("\n") else text + "\n")
        except OSError as error:
            raise PersonalError(f"cannot write {target}: {error.strerror or error}") from None

    def rename(self, old: str, new: str) -> None:
        """Carry a paper's status, tags and note over to its new key (after an edit changed it)."""
        if old == new:
            return

        def change(data: dict[str, Any]) -> None:
            if old in data["papers"]:
                data["papers"][new] = data["papers"].pop(old)

        self._update(change)
        source, target = self.note_path(old), self.note_path(new)
        if source.is_file() and not target.exists():
            try:
                source.rename(target)
            except OSError as error:
                raise PersonalError(f"cannot rename {source}: {error.strerror or error}") from None

    # -- sharing --------------------------------------------------------------------------

    def export_data(
        self, papers: Iterable[Paper] | None = None, *, notes: bool = True, member: str | None = None
    ) -> dict[str, Any]:
        """Plain data for a reading group: each paper's status, tags and note, with its ids and title."""
        if papers is None:
            papers = self._catalogue.papers if self._catalogue is not None else ()
        result: dict[str, Any] = {EXPORT_MARK: 1}
        if self._catalogue is not None:
            result["catalogue"] = self._catalogue.info.title
        if member:
            result["member"] = member
        result["exported"] = _today()
        entries: dict[str, Any] = {}
        for paper in papers:
            state = self.state(paper.key)
            note = self.note(paper.key) if notes and state.has_note else None
            if state.status is None and not state.tags and note is None:
                continue
            entry: dict[str, Any] = {"title": paper.title}
            if paper.ids.arxiv:
                entry["arxiv"] = paper.ids.arxiv
            if paper.ids.doi:
                entry["doi"] = paper.ids.doi
            if state.status is not None:
                entry["status"] = state.status.value
                if state.updated:
                    entry["updated"] = state.updated
            if state.tags:
                entry["tags"] = list(state.tags)
            if note is not None:
                entry["note"] = note
            entries[paper.key] = entry
        result["papers"] = entries
        return result

    def export_text(
        self, papers: Iterable[Paper] | None = None, *, notes: bool = True, member: str | None = None
    ) -> str:
        """:meth:`export_data` as YAML, with a comment saying what it is."""
        head = "# sora-refs reading progress; load it with `sora-refs progress import FILE`.\n"
        return head + _dump(self.export_data(papers, notes=notes, member=member))

    def import_data(self, data: Any, *, as_member: str | None = None, source: str = "<data>") -> ImportSummary:
        """Merge an exported progress file into this reader's layer (or file it under ``as_member``).

        Merging never loses what this reader wrote: a status is taken when ours is unset or older,
        tags are united, and a different note is appended below ours.
        """
        if not isinstance(data, dict) or EXPORT_MARK not in data or not isinstance(data.get("papers"), dict):
            raise PersonalError(f"{source}: not a sora-refs progress file (made by `sora-refs progress export`)")
        if as_member is not None and not _MEMBER.match(as_member):
            raise UsageError(f"invalid member name {as_member!r}: use letters, digits, spaces, . @ + -")
        summary = ImportSummary(member=as_member)
        resolved: list[tuple[str, dict[str, Any]]] = []
        finder = _Finder(self._catalogue.papers if self._catalogue is not None else ())
        for key, entry in data["papers"].items():
            if not isinstance(entry, dict):
                continue
            found = finder.find(str(key), entry)
            if found is None:
                summary.unmatched.append(str(key))
                continue
            resolved.append((found, entry))
        summary.matched = len(resolved)
        notes: list[tuple[str, str]] = []

        def change(mine: dict[str, Any]) -> None:
            if as_member is not None:
                statuses = {}
                for key, entry in resolved:
                    try:
                        statuses[key] = Status.parse(str(entry.get("status"))).value
                    except UsageError:
                        continue
                mine.setdefault("group", {})[as_member] = statuses
                summary.statuses = len(statuses)
                return
            for key, entry in resolved:
                ours = _entry(mine, key)
                theirs_status = entry.get("status")
                if isinstance(theirs_status, str):
                    try:
                        status = Status.parse(theirs_status).value
                    except UsageError:
                        status = None
                    theirs_date = str(entry.get("updated") or "")
                    if (
                        status
                        and ours.get("status") != status
                        and ("status" not in ours or theirs_date > str(ours.get("updated") or ""))
                    ):
                        ours["status"] = status
                        if theirs_date:
                            ours["updated"] = theirs_date
                        summary.statuses += 1
                tags = {str(t) for t in ours.get("tags") or []}
                new = {t for t in (entry.get("tags") or []) if isinstance(t, str) and _TAG.match(t)} - tags
                if new:
                    ours["tags"] = sorted(tags | new)
                    summary.tags += len(new)
                if isinstance(entry.get("note"), str) and entry["note"].strip():
                    notes.append((key, entry["note"]))
                _drop_if_empty(mine, key)

        self._update(change)
        for key, text in notes:
            current = self.note(key)
            if current is None:
                self.write_note(key, text)
            elif text.strip() not in current:
                self.write_note(key, current.rstrip("\n") + f"\n\n---\n\n*Imported from {source}:*\n\n" + text)
            else:
                continue
            summary.notes += 1
        return summary

    # -- the file -------------------------------------------------------------------------

    def _lock(self) -> Any:
        import filelock

        self.path.parent.mkdir(parents=True, exist_ok=True)
        return filelock.FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT)

    def _update(self, change: Any) -> None:
        """Lock, re-read, change, write atomically; then the new content is what this object sees."""
        import filelock

        from .atomic import atomic_write

        try:
            with self._lock():
                self._data = self._read()
                change(self._data)
                atomic_write(self.path, self._render(self._data))
        except filelock.Timeout:
            raise PersonalError(f"{self.path} is locked by another sora-refs; try again") from None
        except OSError as error:
            raise PersonalError(f"cannot write {self.path}: {error.strerror or error}") from None

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
            key: _ordered(entry) for key, entry in data.get("papers", {}).items() if isinstance(entry, dict) and entry
        }
        body["papers"] = papers
        if data.get("group"):
            body["group"] = data["group"]
        return head + _dump(body)


def check_tag(tag: str) -> str:
    """A personal tag, lower-cased; :class:`UsageError` for one a catalogue could not hold."""
    value = tag.strip().lower()
    if not _TAG.match(value):
        raise UsageError(f"invalid tag {tag!r}: use lower-case letters, digits and + . _ - (e.g. to-discuss)")
    return value


def _entry(data: dict[str, Any], key: str) -> dict[str, Any]:
    papers = data.setdefault("papers", {})
    entry = papers.get(key)
    if not isinstance(entry, dict):
        entry = papers[key] = {}
    found: dict[str, Any] = entry
    return found


def _drop_if_empty(data: dict[str, Any], key: str) -> None:
    if not data["papers"].get(key):
        data["papers"].pop(key, None)


def _ordered(entry: dict[str, Any]) -> dict[str, Any]:
    order = ("status", "updated", "tags")
    return {**{k: entry[k] for k in order if k in entry}, **{k: v for k, v in entry.items() if k not in order}}


def _parse(text: str, name: str) -> dict[str, Any]:
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


def _dump(data: Any) -> str:
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> Any:
        # Notes are Markdown: a literal block keeps them readable (and diffable) in the file.
        style = "|" if "\n" in value and not any(c in value for c in "\t\r") else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


class _Finder:
    """Finds an exported paper in this catalogue: by key, then arXiv id, DOI, title."""

    def __init__(self, papers: Iterable[Paper]) -> None:
        self.by_key: dict[str, str] = {}
        self.by_arxiv: dict[str, str] = {}
        self.by_doi: dict[str, str] = {}
        self.by_title: dict[str, str] = {}
        for paper in papers:
            self.by_key[paper.key.casefold()] = paper.key
            if paper.ids.arxiv:
                self.by_arxiv[paper.ids.arxiv] = paper.key
            if paper.ids.doi:
                self.by_doi[paper.ids.doi.casefold()] = paper.key
            self.by_title[_title_key(paper.title)] = paper.key

    def find(self, key: str, entry: Mapping[str, Any]) -> str | None:
        return (
            self.by_key.get(key.casefold())
            or self.by_arxiv.get(str(entry.get("arxiv") or ""))
            or self.by_doi.get(str(entry.get("doi") or "").casefold())
            or self.by_title.get(_title_key(str(entry.get("title") or "")) or "\0")
        )


def _title_key(title: str) -> str:
    from .text import fold

    return " ".join(re.findall(r"\w+", fold(title)))
