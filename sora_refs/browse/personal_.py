"""The reader's own reading status, tags and notes (:mod:`sora_refs.personal`), when available."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..catalogue import Catalogue

Personal = Any
"""The personal layer's type (``sora_refs.personal.Personal``)."""


def _module() -> Any:
    try:
        return importlib.import_module("sora_refs.personal")
    except ImportError:  # a version without the personal layer
        return None


def personal_for(catalogue: Catalogue) -> Any:
    """The personal layer of ``catalogue``, or None where this version has none."""
    if _module() is None:
        return None
    return catalogue.personal()  # the object the search's status: and note: terms read too


def status(value: str | None) -> Any:
    """The layer's ``Status`` for ``value`` (None clears)."""
    return _module().Status(value) if value else None
