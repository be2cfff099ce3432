"""BibTeX's and biblatex's entry types, as the catalogue's paper types (import)."""

from __future__ import annotations

from ..models import PaperType

TYPES = {
    "inproceedings": PaperType.INPROCEEDINGS,
    "conference": PaperType.INPROCEEDINGS,
    "article": PaperType.ARTICLE,
    "techreport": PaperType.REPORT,
    "report": PaperType.REPORT,
    "book": PaperType.BOOK,
    "incollection": PaperType.INCOLLECTION,
    "inbook": PaperType.INCOLLECTION,
    "phdthesis": PaperType.THESIS,
    "mastersthesis": PaperType.THESIS,
    "masterthesis": PaperType.THESIS,  # a common misspelling that many styles accept
    "bachelorthesis": PaperType.THESIS,
    "bachelorsthesis": PaperType.THESIS,
    "thesis": PaperType.THESIS,
    "proceedings": PaperType.BOOK,
    "collection": PaperType.BOOK,
    "mvbook": PaperType.BOOK,
    "bookinbook": PaperType.INCOLLECTION,
    "suppbook": PaperType.INCOLLECTION,
    "suppcollection": PaperType.INCOLLECTION,
    "inreference": PaperType.INCOLLECTION,
}


OWN_TYPES = frozenset(
    {"inproceedings", "conference", "article", "techreport", "report", "book", "incollection", "misc"}
    | {"phdthesis", "mastersthesis", "masterthesis", "bachelorthesis", "bachelorsthesis", "thesis"}
)
"""Entry types the catalogue's types give back on export; any other (``@online``, ``@software``,
``@unpublished``, ``@inbook``, ``@proceedings``) is kept in ``extra`` as ``entrytype``."""
