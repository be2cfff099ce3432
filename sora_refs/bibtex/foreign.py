"""The files an import reads besides BibTeX: which format a file is, and its reader.

CSL-JSON (:mod:`.from_csl`) and RIS (:mod:`.from_ris`) are read into BibTeX's terms, entries whose
values are LaTeX-escaped BibTeX fields, so that one mapping (:func:`.to_paper.map_entry`) decides
types, venues, identifiers and what is kept, whatever the file's format.
"""

from __future__ import annotations

import re

from .from_csl import read_csl_json
from .from_ris import read_ris

__all__ = ["detect", "read_csl_json", "read_ris"]


def detect(path: str, head: str) -> str:
    """``bibtex``, ``csl-json`` or ``ris``, from the content first, then the extension."""
    start = head.lstrip("\ufeff \t\r\n")
    if start[:1] in ("[", "{") and not start.startswith("{\\"):
        return "csl-json"
    if re.search(r"^TY  - ", head, re.M):
        return "ris"
    if "@" in head:
        return "bibtex"
    lower = path.lower()
    if lower.endswith((".json", ".csl", ".csljson")):
        return "csl-json"
    if lower.endswith((".ris", ".enw")):
        return "ris"
    return "bibtex"
