"""sora-refs: a curated catalogue of the papers behind OpenAI's Sora, and a library to use it.

>>> from sora_refs import Catalogue
>>> cat = Catalogue.load()
>>> cat.get(26).venue
'ICCV'

Everything a Python user (and every command) needs is a name here: the :class:`Catalogue`, the
:class:`CatalogueFile` to change, the records and results they return, and the errors they
raise. The network is :mod:`sora_refs.fetch`. The rules underneath are public modules too:
:mod:`sora_refs.text` (folding, escaping), :mod:`sora_refs.names` (author names),
:mod:`sora_refs.ids` (arXiv ids, DOIs, citekeys) and :mod:`sora_refs.suggest` (did you mean).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .version import __version__

if TYPE_CHECKING:
    from .atomic import describe_error
    from .catalogue import Catalogue
    from .editing.catalogue_file import CatalogueFile
    from .errors import CatalogueError, NotFoundError, Problem, SoraRefsError, UsageError
    from .formats import available as export_formats
    from .importing.report import ImportResult, OnDuplicate
    from .models import CatalogueInfo, Category, Cited, Ids, Paper, PaperType, Section, Source
    from .names import display_name
    from .personal.layer import PaperState, Personal
    from .personal.status import STATUSES, UNMARKED, Status
    from .personal.status import parse_filter as parse_status_filter
    from .personal.store import PersonalError
    from .personal.tags import check_tag
    from .query import SORT_KEYS, Query, YearRange, parse_years
    from .search import Hit, highlight_spans
    from .stats import Counts, Cross, Highlight, Overview, Row
    from .writing import WriteError, write_output

# Names are resolved on first use, so that `sora-refs --help` does not pay for the whole library.
# name -> module, or (module, the name there) where the public name differs.
_EXPORTS: dict[str, str | tuple[str, str]] = {
    "Catalogue": "catalogue",
    "CatalogueFile": "editing.catalogue_file",
    "CatalogueError": "errors",
    "NotFoundError": "errors",
    "Problem": "errors",
    "SoraRefsError": "errors",
    "UsageError": "errors",
    "export_formats": ("formats", "available"),
    "CatalogueInfo": "models",
    "Category": "models",
    "Cited": "models",
    "Ids": "models",
    "Paper": "models",
    "PaperType": "models",
    "Section": "models",
    "Source": "models",
    "display_name": "names",
    "PaperState": "personal.layer",
    "Personal": "personal.layer",
    "Status": "personal.status",
    "STATUSES": "personal.status",
    "UNMARKED": "personal.status",
    "parse_status_filter": ("personal.status", "parse_filter"),
    "PersonalError": "personal.store",
    "check_tag": "personal.tags",
    "Query": "query",
    "SORT_KEYS": "query",
    "YearRange": "query",
    "parse_years": "query",
    "Hit": "search",
    "highlight_spans": "search",
    "Counts": "stats",
    "Cross": "stats",
    "Highlight": "stats",
    "Overview": "stats",
    "Row": "stats",
    "ImportResult": "importing.report",
    "OnDuplicate": "importing.report",
    "describe_error": "atomic",
    "WriteError": "writing",
    "write_output": "writing",
}

__all__ = [
    "Catalogue",
    "CatalogueError",
    "CatalogueFile",
    "CatalogueInfo",
    "Category",
    "Cited",
    "Counts",
    "Cross",
    "Highlight",
    "Hit",
    "Ids",
    "ImportResult",
    "NotFoundError",
    "OnDuplicate",
    "Overview",
    "Paper",
    "PaperState",
    "PaperType",
    "Personal",
    "PersonalError",
    "Problem",
    "Query",
    "Row",
    "SORT_KEYS",
    "STATUSES",
    "Section",
    "SoraRefsError",
    "Source",
    "Status",
    "UNMARKED",
    "UsageError",
    "WriteError",
    "YearRange",
    "__version__",
    "check_tag",
    "describe_error",
    "display_name",
    "export_formats",
    "highlight_spans",
    "parse_status_filter",
    "parse_years",
    "write_output",
]


def __getattr__(name: str) -> Any:
    where = _EXPORTS.get(name)
    if where is None:
        raise AttributeError(f"module 'sora_refs' has no attribute {name!r}")
    module, attribute = (where, name) if isinstance(where, str) else where
    value = getattr(importlib.import_module(f".{module}", __name__), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
