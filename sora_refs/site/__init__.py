"""A self-contained HTML page of a catalogue: ``sora-refs site``, or :func:`build_page` from Python.

>>> from sora_refs import Catalogue
>>> from sora_refs.site import build_page
>>> html = build_page(Catalogue.load())
>>> html.startswith("<!DOCTYPE html>")
True

The page loads nothing from the network: CSS, script, data and pictures (inline SVG) are all
inside the one file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..errors import UsageError

if TYPE_CHECKING:
    from ..catalogue import Catalogue
    from ..models import Paper

__all__ = ["build_page"]


def build_page(catalogue: Catalogue, papers: Sequence[Paper] | None = None, *, lang: str = "en") -> str:
    """The page of ``papers`` (all of the catalogue's by default), first shown in ``lang`` (en or zh)."""
    from ..version import __version__
    from .builder import page_data
    from .i18n import LANGS
    from .render import render_page

    if lang not in LANGS:
        raise UsageError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    chosen = list(catalogue.papers if papers is None else papers)
    return render_page(page_data(catalogue, chosen, lang=lang), __version__)
