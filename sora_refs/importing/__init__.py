"""Importing BibTeX, CSL-JSON and RIS files into a catalogue, with nothing a user wrote lost.

``sources`` reads the files into entries in the catalogue's terms; ``dedup`` finds the entries
already there and chooses keys; ``merge`` fills a paper from its duplicate; ``apply`` runs an
import under the catalogue's lock; ``splicing`` writes it into the file's text, the rest of the
file byte for byte; ``report`` is what an import did. Python users call
:meth:`sora_refs.CatalogueFile.import_files`.
"""

from __future__ import annotations

from .apply import import_files
from .report import Duplicate, ImportResult, KeyChange, OnDuplicate
from .sources import read_bib, read_sources

__all__ = ["Duplicate", "ImportResult", "KeyChange", "OnDuplicate", "import_files", "read_bib", "read_sources"]
