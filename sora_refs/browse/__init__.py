"""``sora-refs browse``: a full-screen terminal app over a catalogue (Textual).

The only part of sora-refs that imports Textual; :mod:`sora_refs.browse.model` (what is listed,
counted and sorted) imports nothing of it, so that it can be tested and measured alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..catalogue import Catalogue


def run(catalogue: Catalogue, lang: str = "en", *, query: str | None = None, fresh: bool = False) -> None:
    """Open the browser on ``catalogue`` and return when the user quits."""
    from .app import BrowseApp

    BrowseApp(catalogue, lang, query=query, fresh=fresh, freeze=True).run()
