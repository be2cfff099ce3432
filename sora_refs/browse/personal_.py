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
    module = _module()
    return module.Personal.for_catalogue(catalogue) if module is not None else None


def status(value: str | None) -> Any:
    """The layer's ``Status`` for ``value`` (None clears)."""
    return _module().Status(value) if value else None
