"""Statistics of a list of papers: counts by a dimension, cross tables, highlights.

Pure data, no I/O: the command line (``sora-refs stats``), the web page and Python users share
it. Bottom-up: :mod:`.counts` (tables by one or two dimensions), :mod:`.highlights` (the
article's figures), :mod:`.sentences` (those figures in words), and here the overview of all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..models import Paper
from .counts import (
    CITABLE,
    DIMENSIONS,
    VIEWS,
    Counts,
    Cross,
    Row,
    Value,
    check_dimension,
    count_by,
    cross,
    format_percent,
    has_cited,
    parse_cross,
    percent,
    read_sentence,
    values_of,
)
from .highlights import BIG_VENUES, PREPRINT_VENUES, RECENT_YEARS, Highlight, highlights

if TYPE_CHECKING:
    from ..catalogue import Catalogue


@dataclass(frozen=True)
class Overview:
    """What ``sora-refs stats`` shows without ``--by``: venue and year tables and the highlights."""

    total: int
    venue: Counts
    year: Counts
    highlights: tuple[Highlight, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "tables": {"venue": self.venue.as_dict(), "year": self.year.as_dict()},
            "highlights": [h.as_dict() for h in self.highlights],
        }


def overview(papers: Sequence[Paper], *, view: str = "both", catalogue: Catalogue | None = None) -> Overview:
    """Venue and year tables in ``view`` and the highlights (as cited unless ``view`` is "published")."""
    return Overview(
        total=len(papers),
        venue=count_by(papers, "venue", view=view, catalogue=catalogue),
        year=count_by(papers, "year", view=view, catalogue=catalogue),
        highlights=tuple(highlights(papers, cited=view != "published")),
    )


__all__ = [
    "BIG_VENUES",
    "CITABLE",
    "DIMENSIONS",
    "PREPRINT_VENUES",
    "RECENT_YEARS",
    "VIEWS",
    "Counts",
    "Cross",
    "Highlight",
    "Overview",
    "Row",
    "Value",
    "check_dimension",
    "count_by",
    "cross",
    "format_percent",
    "has_cited",
    "highlights",
    "overview",
    "parse_cross",
    "percent",
    "read_sentence",
    "values_of",
]
