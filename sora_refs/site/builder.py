"""Everything the page shows, gathered through the library: papers, BibTeX, statistics, mind map.

The result is plain data for the templates (:mod:`.render`) and for the page's script. Nothing
here writes HTML; links that are not http(s) are dropped here, before any template sees them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .. import grouping, stats
from ..models import Paper
from ..query import fold_venue
from ..stats.sentences import highlight_text
from . import svg
from .i18n import LANGS, STRINGS

if TYPE_CHECKING:
    from ..catalogue import Catalogue

_SAFE_URL = re.compile(r"^https?://[^\s\x00-\x1f\x7f]+$", re.IGNORECASE)


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) URL, else None.

    The loader accepts only http(s) URLs already; this is the second line, for papers built in
    code: a ``javascript:`` or ``data:`` link must never become clickable on the page.
    """
    if url and _SAFE_URL.match(url.strip()):
        return url.strip()
    return None


def both(values: dict[str, str]) -> dict[str, str] | str:
    """``{"en": ..., "zh": ...}``, or the one string where both languages read the same."""
    distinct = set(values.values())
    return values["en"] if len(distinct) == 1 else values


@dataclass
class PaperView:
    """One paper as the page shows it."""

    paper: Paper
    index: int
    """Position in the page's default order."""
    authors_short: str
    category: dict[str, str] | str
    section: dict[str, str] | str | None
    summary: dict[str, str] | str | None
    venue_differs: bool
    links: list[tuple[str, str]]
    """(label key, URL) pairs, all http(s)."""
    bibtex: str
    color_index: int
    """Which of :data:`svg.PALETTE` the category has (CSS class ``cat-N``)."""


def _links(paper: Paper) -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    for name, url in (("landing", paper.landing_url), ("pdf", paper.pdf_url)):
        if safe_url(url):
            links.append((name, safe_url(url)))  # type: ignore[arg-type]
    if paper.ids.doi:
        links.append(("doi", "https://doi.org/" + quote(paper.ids.doi, safe="/:;()._-")))
    if paper.ids.arxiv:
        arxiv = "https://arxiv.org/abs/" + quote(paper.ids.arxiv, safe="/._-")
        if all(url != arxiv for _, url in links):
            links.append(("arxiv", arxiv))
    return links


def _authors_short(paper: Paper) -> str:
    from ..names import short_authors

    return short_authors(paper.authors, full=True)


def bibtex_entries(papers: Sequence[Paper], catalogue: Catalogue) -> dict[str, str]:
    """Each paper's BibTeX entry, as ``sora-refs cite`` prints it, by citekey."""
    from ..formats import ExportOptions, get

    bibtex = get("bibtex")
    options = ExportOptions(catalogue=catalogue)
    return {p.key: bibtex.render([p], options).strip() + "\n" for p in papers}


def search_text(view: PaperView) -> str:
    """What the page's search box looks through for one paper (folded by the script)."""
    p = view.paper
    parts = [p.title, " ".join(p.authors), p.venue, p.venue_full or "", p.cited.venue if p.cited else "",
             str(p.year), p.key, " ".join(p.tags), p.summary or "", p.summary_zh or "",
             p.ids.arxiv or "", p.ids.doi or ""]
    for value in (view.category, view.section):
        if isinstance(value, dict):
            parts.extend(value.values())
        elif value:
            parts.append(value)
    return " ".join(part for part in parts if part)


def page_data(catalogue: Catalogue, papers: Sequence[Paper], *, lang: str = "en") -> dict[str, Any]:
    """The whole context of the page: what the templates render and what the script reads."""
    colors = svg.category_colors(catalogue, papers)
    entries = bibtex_entries(papers, catalogue)
    views: list[PaperView] = []
    for index, paper in enumerate(papers):
        summary = {lang_: paper.summary_in(lang_) for lang_ in LANGS}
        views.append(PaperView(
            paper=paper, index=index, authors_short=_authors_short(paper),
            category=both({lang_: catalogue.category_label(paper.category, lang_) for lang_ in LANGS}),
            section=both({lang_: catalogue.section_label(paper.section, lang_) for lang_ in LANGS})
            if paper.section else None,
            summary=both(summary) if paper.summary else None,  # type: ignore[arg-type]
            venue_differs=paper.cited is not None and (paper.cited.venue, paper.cited.year)
            != (paper.venue, paper.year),
            links=_links(paper), bibtex=entries[paper.key],
            color_index=svg.PALETTE.index(colors.get(paper.category, svg.PALETTE[0])),
        ))

    overview = stats.overview(papers, view="both", catalogue=catalogue)
    highlight_items = list(overview.highlights)
    if stats.has_cited(papers):
        # The report's view first, then how many were preprints only when published.
        published = [h for h in stats.highlights(papers, cited=False) if h.kind == "preprints"]
        at = next((i + 1 for i, h in enumerate(highlight_items) if h.kind == "preprints"), 0)
        highlight_items[at:at] = published
    highlights = [both({lang_: highlight_text(h, lang_) for lang_ in LANGS}) for h in highlight_items]

    labels = {lang_: {"root": catalogue.info.title, "no_section": STRINGS[lang_]["no_section"]}
              for lang_ in LANGS}
    groups = grouping.mind_map(papers, catalogue)
    mind_map = svg.mind_map(groups, catalogue, labels, colors)

    used_categories = {p.category for p in papers}
    used_sections = {p.section for p in papers if p.section}
    categories = [(ident, both({lang_: catalogue.category_label(ident, lang_) for lang_ in LANGS}))
                  for ident in catalogue.category_ids() if ident in used_categories]
    sections = [(ident, both({lang_: catalogue.section_label(ident, lang_) for lang_ in LANGS}))
                for ident in catalogue.section_ids() if ident in used_sections]
    venue_names = [str(row.value) for row in overview.venue.rows]
    venues = sorted(((fold_venue(v), v) for v in venue_names), key=lambda kv: kv[1].casefold())
    years = sorted({p.year for p in papers} | {p.cited.year for p in papers if p.cited})

    script_data = {
        "lang": lang,
        "strings": STRINGS,
        "papers": [{
            "key": v.paper.key, "ref": v.paper.ref, "index": v.index, "title": v.paper.title,
            "author": v.paper.first_author_surname, "year": v.paper.year, "venue": v.paper.venue,
            "venueKey": fold_venue(v.paper.venue),
            "citedYear": v.paper.cited.year if v.paper.cited else v.paper.year,
            "citedVenue": v.paper.cited.venue if v.paper.cited else v.paper.venue,
            "citedVenueKey": fold_venue(v.paper.cited.venue if v.paper.cited else v.paper.venue),
            "category": v.paper.category, "section": v.paper.section,
            "categoryOrder": next((i for i, (c, _) in enumerate(categories) if c == v.paper.category), 0),
            "text": search_text(v),
        } for v in views],
    }
    return {
        "lang": lang,
        "catalogue": catalogue,
        "info": catalogue.info,
        "source_url": safe_url(catalogue.info.source.url) if catalogue.info.source else None,
        "papers": views,
        "total": len(papers),
        "catalogue_total": len(catalogue.papers),
        "categories": categories,
        "sections": sections,
        "venues": venues,
        "years": years,
        "has_cited": stats.has_cited(papers),
        "highlights": highlights,
        "venue_chart": svg.bar_chart(overview.venue, horizontal=True),
        "year_chart": svg.bar_chart(overview.year, horizontal=False),
        "mind_map": mind_map,
        "script_data": script_data,
    }
