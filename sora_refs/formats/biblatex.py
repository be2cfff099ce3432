"""biblatex export (for biber): native field names, ``date``, ``journaltitle``, ``eprinttype``."""

from __future__ import annotations

from ..bibtex.from_paper import BibtexFormat

FORMAT = BibtexFormat("biblatex", "biblatex", "biblatex for biber (UTF-8, or --ascii)")
