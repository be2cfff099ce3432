"""CSV: one row per paper, every field, lists joined with "; " (RFC 4180 quoting)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Paper
from . import ExportOptions

FIELDS = (
    "ref",
    "key",
    "title",
    "authors",
    "year",
    "venue",
    "venue_full",
    "type",
    "volume",
    "pages",
    "publisher",
    "cited_venue",
    "cited_year",
    "arxiv",
    "doi",
    "arxiv_class",
    "url",
    "pdf",
    "category",
    "section",
    "tags",
    "summary",
    "summary_zh",
    "notes",
)


def row(paper: Paper) -> list[object]:
    """One row in :data:`FIELDS` order."""
    return [
        paper.ref,
        paper.key,
        paper.title,
        "; ".join(paper.authors),
        paper.year,
        paper.venue,
        paper.venue_full,
        paper.type.value,
        paper.volume,
        paper.pages,
        paper.publisher,
        paper.cited.venue if paper.cited else None,
        paper.cited.year if paper.cited else None,
        paper.ids.arxiv,
        paper.ids.doi,
        paper.ids.arxiv_class,
        paper.url,
        paper.pdf,
        paper.category,
        paper.section,
        " ".join(paper.tags),
        paper.summary,
        paper.summary_zh,
        paper.notes,
    ]


@dataclass(frozen=True)
class CsvFormat:
    name: str = "csv"
    description: str = "CSV: one row per paper, every field"

    def render(self, papers: Sequence[Paper], options: ExportOptions) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(FIELDS)
        for paper in papers:
            writer.writerow(["" if v is None else v for v in row(paper)])
        return buffer.getvalue()


FORMAT = CsvFormat()
