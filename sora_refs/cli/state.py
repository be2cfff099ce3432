"""What the global options decide, shared by every command."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..catalogue import Catalogue


@dataclass
class State:
    """Global options, and the catalogue loaded on first use."""

    catalogue_path: str | None = None
    lang: str = "en"
    debug: bool = False
    _catalogue: Catalogue | None = field(default=None, repr=False)

    @property
    def catalogue(self) -> Catalogue:
        """The catalogue in use (the bundled one unless ``--catalogue`` says otherwise)."""
        if self._catalogue is None:
            from ..catalogue import Catalogue  # not at import time: `--help` needs no catalogue

            self._catalogue = Catalogue.load(self.catalogue_path)
        return self._catalogue
