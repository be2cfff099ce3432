"""What the global options decide, shared by every command."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .. import Catalogue


class State:
    """Global options, and the catalogue loaded on first use."""

    def __init__(
        self, catalogue_path: str | None = None, lang: str = "en", debug: bool = False, no_pager: bool = False
    ) -> None:
        self.catalogue_path = catalogue_path
        self.lang = lang
        self.debug = debug
        self.no_pager = no_pager
        """``--no-pager``: never page long output (see :mod:`sora_refs.cli.pager`)."""
        self._catalogue: Catalogue | None = None

    @property
    def catalogue(self) -> Catalogue:
        """The catalogue in use (the bundled one unless ``--catalogue`` says otherwise)."""
        if self._catalogue is None:
            import gc

            from .. import Catalogue  # not at import time: `--help` needs no catalogue

            self._catalogue = Catalogue.load(self.catalogue_path)
            # The catalogue lives as long as the command: keep the collector from scanning its
            # objects again and again (on 100,000 papers each full collection costs ~0.3 s).
            gc.freeze()
        return self._catalogue
