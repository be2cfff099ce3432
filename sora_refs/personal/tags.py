"""Personal tags: what a reader may call a tag (the catalogue's own tag rule)."""

from __future__ import annotations

import re

from ..errors import UsageError

TAG = re.compile(r"^[a-z0-9][a-z0-9+._-]*$")
"""A personal tag: lower-case letters, digits and ``+ . _ -``, not starting with punctuation."""


def check_tag(tag: str) -> str:
    """A personal tag, lower-cased; :class:`UsageError` for one a catalogue could not hold."""
    value = tag.strip().lower()
    if not TAG.match(value):
        raise UsageError(f"invalid tag {tag!r}: use lower-case letters, digits and + . _ - (e.g. to-discuss)")
    return value
