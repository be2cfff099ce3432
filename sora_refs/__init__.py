"""sora-refs: a curated catalogue of the papers behind OpenAI's Sora, and a library to use it.

>>> from sora_refs import Catalogue
>>> cat = Catalogue.load()
>>> cat.get(26).venue
'ICCV'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .version import __version__

if TYPE_CHECKING:
    from .catalogue import Catalogue
    from .errors import CatalogueError, NotFoundError, Problem, SoraRefsError, UsageError
    from .models import CatalogueInfo, Category, Cited, Ids, Paper, PaperType, Section, Source
    from .query import Query, YearRange, parse_years

# Names are resolved on first use, so that `sora-refs --help` does not pay for the whole library.
_EXPORTS = {
    "Catalogue": "catalogue",
    "CatalogueError": "errors",
    "NotFoundError": "errors",
    "Problem": "errors",
    "SoraRefsError": "errors",
    "UsageError": "errors",
    "CatalogueInfo": "models",
    "Category": "models",
    "Cited": "models",
    "Ids": "models",
    "Paper": "models",
    "PaperType": "models",
    "Section": "models",
    "Source": "models",
    "Query": "query",
    "YearRange": "query",
    "parse_years": "query",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'sora_refs' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
