"""Everything the page shows, gathered through the library: papers, BibTeX, search index, highlights.

The result is plain data for the templates (:mod:`.render`) and for the page's script. The papers
travel as compact columns (one list per field) that the script renders on demand: the page holds
20,000 papers without 20,000 pre-rendered rows. Above :data:`COMPRESS_FROM` bytes the columns are
gzip-compressed and base64-encoded (the browser's ``DecompressionStream`` reads them back), which
keeps a large page within a few megabytes. Nothing here writes HTML; links that are not http(s)
are dropped here, before any template or script sees them.
"""

from __future__ import annotations

import base64
import gzip
import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .. import grouping, stats
from ..models import Paper
from ..query import fold_venue
from ..stats.highlights import BIG_VENUES, PREPRINT_VENUES, RECENT_YEARS
from ..stats.sentences import WORDS, highlight_text
from . import svg
from .i18n import LANGS, QUERY_ERRORS, STRINGS

if TYPE_CHECKING:
    from ..catalogue import Catalogue

_SAFE_URL = re.compile(r"^https?://[^\s\x00-\x1f\x7f]+$", re.IGNORECASE)

COMPRESS_FROM = 512 * 1024
"""Papers' data of at least this many bytes (as JSON) is embedded gzip-compressed."""

SVG_MAP_UP_TO = 150
"""Pages of at most this many papers also get the drawn mind map (wide screens); larger ones the outline only."""


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


def bibtex_entries(papers: Sequence[Paper], catalogue: Catalogue) -> dict[str, str]:
    """Each paper's BibTeX entry, as ``sora-refs cite`` prints it, by citekey."""
    from ..formats import ExportOptions, get

    bibtex = get("bibtex")
    options = ExportOptions(catalogue=catalogue)
    return {p.key: bibtex.render([p], options).strip() + "\n" for p in papers}


def bibtex_text(entry_type: str, key: str, fields: Sequence[tuple[str, str]]) -> str:
    """One entry as :func:`sora_refs.bibtex.write` lays it out; the page's script joins the same way."""
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{entry_type}{{{key},\n{body}\n}}\n"


# BibTeX fields whose value the script can take from the paper's own data (null in the page).
_BIB_FROM_PAPER = {"title": "title", "year": "year", "eprint": "arxiv", "doi": "doi", "url": "url"}


def _columns(
    papers: Sequence[Paper], catalogue: Catalogue, categories: list[str], sections: list[str]
) -> dict[str, list[Any]]:
    """The papers as one list per field: what page.js needs to show, search, count and cite them."""
    from ..bibtex.from_paper import entry_fields
    from ..formats import ExportOptions

    options = ExportOptions(catalogue=catalogue)
    category_at = {ident: i for i, ident in enumerate(categories)}
    section_at = {ident: i for i, ident in enumerate(sections)}
    names = (
        "key",
        "ref",
        "title",
        "authors",
        "year",
        "venue",
        "venueFull",
        "citedVenue",
        "citedYear",
        "category",
        "section",
        "tags",
        "summary",
        "summaryZh",
        "arxiv",
        "doi",
        "url",
        "pdf",
        "volume",
        "pages",
        "publisher",
        "notes",
        "bib",
    )
    columns: dict[str, list[Any]] = {name: [] for name in names}
    for paper in papers:
        ids = paper.ids
        url = safe_url(paper.landing_url)
        own = {
            "title": paper.title,
            "year": None if paper.year is None else str(paper.year),
            "arxiv": ids.arxiv,
            "doi": ids.doi,
            "url": url,
        }
        entry_type, fields = entry_fields(paper, "bibtex", options)
        bib_fields = [
            [name, None if own.get(_BIB_FROM_PAPER.get(name, "")) == value else value] for name, value in fields
        ]
        values = (
            paper.key,
            paper.ref,
            paper.title,
            list(paper.authors),
            paper.year,
            paper.venue or "",
            paper.venue_full,
            paper.cited.venue if paper.cited else None,
            paper.cited.year if paper.cited else None,
            category_at[paper.category],
            section_at.get(paper.section, -1) if paper.section else -1,
            list(paper.tags),
            paper.summary,
            paper.summary_zh,
            ids.arxiv,
            ids.doi,
            url,
            safe_url(paper.pdf_url),
            paper.volume,
            paper.pages,
            paper.publisher,
            paper.notes,
            [entry_type, bib_fields],
        )
        for name, value in zip(names, values):
            columns[name].append(value)
    return columns


def _label(catalogue: Catalogue, ident: str, kind: str) -> list[str]:
    label = catalogue.category_label if kind == "category" else catalogue.section_label
    return [label(ident, lang) for lang in LANGS]


def _compressed(value: Any) -> str:
    """``value`` as JSON, gzip-compressed (no timestamp: the same page, the same bytes), in base64."""
    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=6, mtime=0)).decode("ascii")


PACK_CHUNK = 5000
"""Papers per compressed piece: pieces are made apart (in parallel on large pages) and joined by the script."""
PARALLEL_FROM = 8000
"""From this many papers, the pieces are made by forked processes, one per core."""
_JOB: tuple[Any, ...] | None = None


def _pack_span(span: tuple[int, int]) -> dict[str, str]:
    """Papers ``span`` of the job as compressed columns."""
    assert _JOB is not None
    catalogue, papers, category_ids, section_ids = _JOB
    columns = _columns(papers[span[0] : span[1]], catalogue, category_ids, section_ids)
    return {name: _compressed(values) for name, values in columns.items()}


class _Packing:
    """The papers' columns compressed in pieces, started at once so that other work can go on meanwhile."""

    def __init__(
        self, catalogue: Catalogue, papers: Sequence[Paper], category_ids: list[str], section_ids: list[str]
    ) -> None:
        global _JOB
        import os

        _JOB = (catalogue, papers, category_ids, section_ids)
        self.spans = [(start, min(start + PACK_CHUNK, len(papers))) for start in range(0, len(papers), PACK_CHUNK)]
        self.pool = None
        self.pending: Any = None
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        if len(papers) >= PARALLEL_FROM and cores > 1:
            import multiprocessing

            if "fork" in multiprocessing.get_all_start_methods():
                # Forked workers inherit the papers; only spans go out and compressed text comes back.
                self.pool = multiprocessing.get_context("fork").Pool(min(cores, len(self.spans)))
                self.pending = self.pool.map_async(_pack_span, self.spans)

    def result(self) -> dict[str, list[str]]:
        global _JOB
        try:
            if self.pool is not None:
                pieces = self.pending.get()
                self.pool.close()
                self.pool.join()
            else:
                pieces = [_pack_span(span) for span in self.spans]
        finally:
            if self.pool is not None:
                self.pool.terminate()
            _JOB = None
        return {name: [piece[name] for piece in pieces] for name in pieces[0]} if pieces else {}


_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def isolate(text: str) -> str:
    """``text`` inside a direction isolate (FSI ... PDI) when it holds direction controls, so that a
    U+202E in one author's name cannot turn the next one around; other text as it is (page.js: the same)."""
    return f"\u2068{text}\u2069" if text and _BIDI.search(text) else text


def plain_list(papers: Sequence[Paper]) -> str:
    """Every paper as one line of HTML (ref, title, authors, venue and year), in the list's first order,
    for a browser that runs no script (the page's ``<noscript>``).

    Made here rather than in the template: at 20,000 papers a Jinja2 loop costs a quarter of a second
    more. Every value is escaped; no link is made (they would double the page's size).
    """
    from html import escape

    from ..names import short_authors

    order = sorted(range(len(papers)), key=lambda at: (papers[at].ref is None, papers[at].ref or 0, at))
    lines = []
    for at in order:
        paper = papers[at]
        ref = "" if paper.ref is None else f"{paper.ref}. "
        authors = short_authors(paper.authors)  # as `sora-refs list`: Ho, Jain, Abbeel
        if _BIDI.search(authors):  # each name in an isolate of its own
            authors = "\u2068" + short_authors(paper.authors, joiner="\u2069, \u2068") + "\u2069"
        year = None if paper.year is None else str(paper.year)
        rest = " ".join(part for part in (isolate(paper.venue or ""), year) if part)
        stop = "" if paper.title.rstrip().endswith((".", "?", "!")) else "."
        tail = "".join(f" {escape(part)}." for part in (authors, rest) if part)
        lines.append(f"<li>{ref}<cite>{escape(isolate(paper.title))}</cite>{stop}{tail}")
    return '<ul class="plain-list">\n' + "\n".join(lines) + "\n</ul>"


def highlight_texts(papers: Sequence[Paper]) -> list[dict[str, str] | str]:
    """The statistics highlights the page lists for ``papers`` (in the page's order), in both languages.

    The report's view first, then how many were preprints only when published. The page's script
    (``highlights.js``) says the same of the papers a search and filters leave.
    """
    items = list(stats.highlights(papers, cited=True))
    if stats.has_cited(papers):
        published = [h for h in stats.highlights(papers, cited=False) if h.kind == "preprints"]
        at = next((i + 1 for i, h in enumerate(items) if h.kind == "preprints"), 0)
        items[at:at] = published
    return [both({lang_: highlight_text(h, lang_) for lang_ in LANGS}) for h in items]


def _last_word(name: str) -> str:
    """An author's family name as the page's script guesses it (``familyName`` in page.js)."""
    if len(name) > 2 and name[0] == "{" and name[-1] == "}" and "{" not in name[1:-1] and "}" not in name[1:-1]:
        return name[1:-1]
    return name.split()[-1]


def family_exceptions(papers: Sequence[Paper]) -> dict[int, list[str]]:
    """The papers (by place) whose family names :func:`sora_refs.names.family_name` gives otherwise than
    the script's guess (``van den Oord``, ``King`` of ``King, Jr.``): those travel with the page."""
    from ..names import family_name

    found = {}
    for at, paper in enumerate(papers):
        names = [a for a in paper.authors if a.split()]
        families = [family_name(a) for a in names]
        if families != [_last_word(a) for a in names]:
            found[at] = families
    return found


def _used_ids(catalogue: Catalogue, papers: Sequence[Paper]) -> tuple[list[str], list[str]]:
    """The categories and sections the papers use, in the catalogue's order."""
    used_categories = {p.category for p in papers}
    used_sections = {p.section for p in papers if p.section}
    category_ids = [c for c in catalogue.category_ids() if c in used_categories]
    category_ids += sorted(used_categories - set(category_ids))
    section_ids = [s for s in catalogue.section_ids() if s in used_sections]
    section_ids += sorted(used_sections - set(section_ids))
    return category_ids, section_ids


def page_data(catalogue: Catalogue, papers: Sequence[Paper], *, lang: str = "en") -> dict[str, Any]:
    """The whole context of the page: what the templates render and what the script reads."""
    from ..search.export import export_index

    category_ids, section_ids = _used_ids(catalogue, papers)
    large = (
        sum(len(p.title) + len(p.summary or "") + len(p.summary_zh or "") + len(p.notes or "") + 300 for p in papers)
        >= COMPRESS_FROM
    )
    packing = _Packing(catalogue, papers, category_ids, section_ids) if large else None
    colors = svg.category_colors(catalogue, papers)
    categories = [
        (ident, both({lang_: catalogue.category_label(ident, lang_) for lang_ in LANGS})) for ident in category_ids
    ]
    sections = [
        (ident, both({lang_: catalogue.section_label(ident, lang_) for lang_ in LANGS})) for ident in section_ids
    ]

    has_cited = stats.has_cited(papers)
    highlights = highlight_texts(papers)

    mind_map = None
    if len(papers) <= SVG_MAP_UP_TO:
        labels = {lang_: {"root": catalogue.info.title, "no_section": STRINGS[lang_]["no_section"]} for lang_ in LANGS}
        mind_map = svg.mind_map(grouping.mind_map(papers, catalogue), catalogue, labels, colors)

    venue_names = sorted(
        {p.venue for p in papers if p.venue} | {p.cited.venue for p in papers if p.cited}, key=str.casefold
    )
    venues = sorted({fold_venue(v): v for v in reversed(venue_names)}.items(), key=lambda kv: kv[1].casefold())
    years = sorted({p.year for p in papers if p.year is not None} | {p.cited.year for p in papers if p.cited})

    index = export_index(catalogue, papers)
    script_data: dict[str, Any] = {
        "lang": lang,
        "strings": STRINGS,
        "queryErrors": QUERY_ERRORS,
        "title": catalogue.info.title,
        "categories": [
            [ident, *_label(catalogue, ident, "category"), svg.PALETTE.index(colors.get(ident, svg.PALETTE[0]))]
            for ident in category_ids
        ],
        "sections": [[ident, *_label(catalogue, ident, "section")] for ident in section_ids],
        "hasCited": has_cited,
        "total": len(papers),
        "highlights": {
            "words": WORDS,
            "big": list(BIG_VENUES),
            "preprints": list(PREPRINT_VENUES),
            "recent": RECENT_YEARS,
        },
        "families": family_exceptions(papers),
    }
    compressed = None
    if packing is not None:
        compressed = {"columns": packing.result(), "index": _compressed(index)}
    else:
        script_data.update(papers=_columns(papers, catalogue, category_ids, section_ids), index=index)
    info = catalogue.info
    return {
        "lang": lang,
        "catalogue": catalogue,
        "info": info,
        "description": both({"en": info.description, "zh": info.description_zh or info.description})
        if info.description
        else None,
        "source_url": safe_url(catalogue.info.source.url) if catalogue.info.source else None,
        "total": len(papers),
        "catalogue_total": len(catalogue.papers),
        "categories": categories,
        "sections": sections,
        "venues": venues,
        "years": years,
        "has_cited": has_cited,
        "highlights": highlights,
        "mind_map": mind_map,
        "plain_list": plain_list(papers),
        "script_data": script_data,
        "compressed": compressed,
    }
