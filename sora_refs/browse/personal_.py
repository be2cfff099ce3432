"""The reader's own reading status, tags and notes (:mod:`sora_refs.personal`), when available."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..catalogue import Catalogue

try:
    from ..personal import Personal, Status  # type: ignore[attr-defined, unused-ignore]
except ImportError:  # the personal layer is not part of this version
    Personal = Any  # type: ignore[misc, assignment, unused-ignore]
    Status = None  # type: ignore[misc, assignment, unused-ignore]


def personal_for(catalogue: Catalogue) -> Personal | None:
    """The personal layer of ``catalogue``, or None where this version has none."""
    if Status is None:
        return None
    return Personal.for_catalogue(catalogue)
