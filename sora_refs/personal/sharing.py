"""Sharing reading progress with a reading group: export to a file, import (merge) from one.

An exported file carries each paper's status, tags and note with its arXiv id, DOI and title,
so that it can be imported into a catalogue whose keys differ.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from .status import Status
from .store import PersonalError, drop_if_empty, entry_of, today
from .tags import TAG

if TYPE_CHECKING:
    from ..models import Paper
    from .layer import Personal

EXPORT_MARK = "sora-refs-progress"
"""The key that marks an exported progress file (its value is the format version)."""
MEMBER = re.compile(r"^[\w][\w .@+-]*$")
"""A reading-group member's name."""


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


def export_data(
    personal: Personal, papers: Iterable[Paper], *, title: str | None, notes: bool = True, member: str | None = None
) -> dict[str, Any]:
    """Plain data for a reading group: each paper's status, tags and note, with its ids and title."""
    result: dict[str, Any] = {EXPORT_MARK: 1}
    if title is not None:
        result["catalogue"] = title
    if member:
        result["member"] = member
    result["exported"] = today()
    entries: dict[str, Any] = {}
    for paper in papers:
        state = personal.state(paper.key)
        note = personal.note(paper.key) if notes and state.has_note else None
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


def import_data(
    personal: Personal, papers: Iterable[Paper], data: Any, *, as_member: str | None = None, source: str = "<data>"
) -> ImportSummary:
    """Merge an exported progress file into ``personal`` (or file it under ``as_member``).

    Merging never loses what this reader wrote: a status is taken when ours is unset or older,
    tags are united, and a different note is appended below ours.
    """
    if not isinstance(data, dict) or EXPORT_MARK not in data or not isinstance(data.get("papers"), dict):
        raise PersonalError(f"{source}: not a sora-refs progress file (made by `sora-refs progress export`)")
    if as_member is not None and not MEMBER.match(as_member):
        raise UsageError(f"invalid member name {as_member!r}: use letters, digits, spaces, . @ + -")
    summary = ImportSummary(member=as_member)
    resolved: list[tuple[str, dict[str, Any]]] = []
    finder = Finder(papers)
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
            ours = entry_of(mine, key)
            theirs_status = entry.get("status")
            if isinstance(theirs_status, str):
                try:
                    status = Status.parse(theirs_status).value
                except UsageError:
                    status = None
                theirs_date = str(entry.get("updated") or "")
                theirs_date = theirs_date if DATE.fullmatch(theirs_date) else ""  # a date, or nothing of it
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
            new = {t for t in (entry.get("tags") or []) if isinstance(t, str) and TAG.match(t)} - tags
            if new:
                ours["tags"] = sorted(tags | new)
                summary.tags += len(new)
            if isinstance(entry.get("note"), str) and entry["note"].strip():
                notes.append((key, visible(entry["note"])))
            drop_if_empty(mine, key)

    personal.update(change)
    for key, text in notes:
        current = personal.note(key)
        if current is None:
            personal.write_note(key, text)
        elif text.strip() not in current:
            imported = f"\n\n---\n\n*Imported from {visible(source)}:*\n\n"
            personal.write_note(key, current.rstrip("\n") + imported + text)
        else:
            continue
        summary.notes += 1
    return summary


DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def visible(text: str) -> str:
    """Someone else's note with every character a terminal would act on written as a visible escape.

    A note is shown by ``show``, ``note`` and ``browse`` and kept as a Markdown file you may ``cat``:
    an OSC or bidi control from a progress file someone sent must not act there. Nothing is dropped.
    """
    from ..text import FORBIDDEN, escape_unsafe, first_forbidden

    if first_forbidden(text) is None:
        return text
    return FORBIDDEN.sub(lambda found: escape_unsafe(found.group()), text.replace("\r\n", "\n"))


class Finder:
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
            self.by_title[title_key(paper.title)] = paper.key

    def find(self, key: str, entry: Mapping[str, Any]) -> str | None:
        """The key in this catalogue of the exported paper ``key`` (with its ids and title), or None."""
        return (
            self.by_key.get(key.casefold())
            or self.by_arxiv.get(str(entry.get("arxiv") or ""))
            or self.by_doi.get(str(entry.get("doi") or "").casefold())
            or self.by_title.get(title_key(str(entry.get("title") or "")) or "\0")
        )


def title_key(title: str) -> str:
    """A title folded to its words, for matching titles written a little differently."""
    from ..text import fold

    return " ".join(re.findall(r"\w+", fold(title)))
