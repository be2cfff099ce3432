"""Reading statuses: where a reader is with a paper, and the words filters use for them."""

from __future__ import annotations

from enum import Enum

from ..errors import UsageError


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


def parse_or_none(value: object) -> Status | None:
    """The status a stored value names, or None for anything else (a hand edit gone wrong is no status)."""
    try:
        return Status.parse(value) if isinstance(value, str) else None
    except UsageError:
        return None
