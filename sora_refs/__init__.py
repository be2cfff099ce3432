"""sora-refs: a curated catalogue of the papers behind OpenAI's Sora, and a library to use it.

>>> from sora_refs import Catalogue
>>> cat = Catalogue.load()
>>> cat.get(26).venue
'ICCV'
"""

from .catalogue import Catalogue
from .errors import CatalogueError, NotFoundError, Problem, SoraRefsError, UsageError
from .models import CatalogueInfo, Category, Cited, Ids, Paper, PaperType, Section, Source
from .query import Query, YearRange, parse_years
from .version import __version__

__all__ = [
    "Catalogue", "CatalogueError", "CatalogueInfo", "Category", "Cited", "Ids", "NotFoundError", "Paper",
    "PaperType", "Problem", "Query", "Section", "SoraRefsError", "Source", "UsageError", "YearRange",
    "__version__", "parse_years",
]
