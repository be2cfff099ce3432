"""The search index as plain data, for the web page's evaluator (``page.js``).

The page runs the same search as ``sora-refs search``: the same parser, the same matching and the
same weights, so that for any query its order equals the command line's. What needs Python's
Unicode handling is done here, once, at build time:

- each searched field, folded. Most text folds in the page to the same string (lower-case, accents
  removed), so only the values where the page's folding would differ are shipped (``folded``);
- the names of categories and sections (English, Chinese, id) folded as :class:`SearchIndex` does;
- the vocabulary typos are corrected against.

The page rebuilds the rest (which paper has which tag, venue, year) from the paper data it has
anyway. Test vectors (``tests/data/search_vectors.json``) hold both implementations equal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..query import VENUE_ALIASES, fold_venue
from ..text import fold_fast, fold_lower
from .index import FREE_FIELDS, QUALITY, WEIGHTS, SearchIndex

if TYPE_CHECKING:
    from ..catalogue import Catalogue
    from ..models import Paper

PAPER_FIELDS = ("title", "author", "key", "tag", "summary", "summary_zh")
"""Fields folded per paper (the others are groups: category, section, venue)."""


def raw_value(paper: Paper, field: str) -> str:
    """A paper's field as the page puts it together before folding (see ``rawField`` in page.js)."""
    if field == "title":
        return paper.title
    if field == "author":
        return "; ".join(paper.authors)
    if field == "key":
        return " ".join(
            filter(None, (paper.key, None if paper.ref is None else str(paper.ref), paper.ids.arxiv, paper.ids.doi))
        )
    if field == "tag":
        return " ".join(t.replace("-", " ") + " " + t for t in paper.tags)
    if field == "summary":
        return paper.summary or ""
    return paper.summary_zh or ""


class _PageCatalogue:
    """The catalogue seen through the page's papers only, for :class:`SearchIndex`."""

    def __init__(self, catalogue: Catalogue, papers: Sequence[Paper]) -> None:
        self.papers = tuple(papers)
        self.cache_source = None
        self.category = catalogue.category
        self.section = catalogue.section


def index_for_papers(catalogue: Catalogue, papers: Sequence[Paper]) -> SearchIndex:
    """A search index over ``papers`` alone: what the page searches."""
    if tuple(papers) == catalogue.papers:
        from . import index_for

        return index_for(catalogue)
    return SearchIndex(_PageCatalogue(catalogue, papers))  # type: ignore[arg-type]


def export_index(catalogue: Catalogue, papers: Sequence[Paper]) -> dict[str, Any]:
    """The data page.js needs beside the papers to search them as :func:`search` does."""
    index = index_for_papers(catalogue, papers)
    folded: dict[str, dict[int, str]] = {}
    for field in PAPER_FIELDS:
        folded_field = index.field(field)
        ends = [*folded_field.offsets[1:], len(folded_field.text) + 1]
        values = [folded_field.text[start : end - 1] for start, end in zip(folded_field.offsets, ends)]
        exceptions = {}
        for i, (paper, value) in enumerate(zip(papers, values)):
            raw = raw_value(paper, field)
            if raw.isascii():
                continue  # ASCII: lower-casing is all either side does
            if fold_lower(raw) != value:
                exceptions[i] = value
        if exceptions:
            folded[field] = exceptions
    groups = {
        name: {value: names for value, (names, _) in index.groups(name).items()} for name in ("category", "section")
    }
    venues = {venue: [names, fold_venue(venue)] for venue, (names, _) in index.groups("venue").items()}
    tags = {tag: fold_fast(tag) for tag in {t for p in papers for t in p.tags} if fold_lower(tag) != fold_fast(tag)}
    return {
        "weights": WEIGHTS,
        "quality": QUALITY,
        "freeFields": list(FREE_FIELDS),
        "folded": {field: {str(i): v for i, v in values.items()} for field, values in folded.items()},
        "groups": groups,
        "venues": venues,
        "venueAliases": VENUE_ALIASES,
        "tags": tags,
        "vocabulary": " ".join(sorted(index.vocabulary)),
    }
