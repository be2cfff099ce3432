"""The one public entry point: a catalogue you load, look up, select from, search, count and export.

>>> from sora_refs import Catalogue, Query
>>> catalogue = Catalogue.load()
>>> [p.ref for p in catalogue.select(Query(categories="gan"))]
[4, 5, 6, 7]
>>> catalogue.search("diffusion transformer")[0].paper.key
'peebles2023scalable'
>>> catalogue.counts("venue").rows[0].value
'arXiv'
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, overload

if TYPE_CHECKING:
    from pathlib import Path

    from .errors import Problem
    from .grouping import Group
    from .personal.layer import Personal
    from .search import Hit
    from .search.index import SearchIndex
    from .stats import Counts, Cross, Overview

from .errors import NotFoundError, SoraRefsError, UsageError
from .ids import arxiv_in_reference
from .models import CatalogueInfo, Category, Loaded, Paper, Section
from .query import Query, sort_papers
from .reading.loader import bundled_file, from_data, load_file
from .suggest import did_you_mean, hint, unknown


class Catalogue:
    """A validated, immutable list of papers with its sections and categories."""

    def __init__(self, loaded: Loaded, path: str | os.PathLike[str] | None = None) -> None:
        self.info: CatalogueInfo = loaded.info
        self.sections: tuple[Section, ...] = loaded.sections
        self.categories: tuple[Category, ...] = loaded.categories
        self.papers: tuple[Paper, ...] = loaded.papers
        self._path = os.fspath(path) if path is not None else None
        self._by_key: dict[str, Paper] | None = None
        self._personal: Personal | None = None
        self._search_index: SearchIndex | None = None

    # -- loading ---------------------------------------------------------------------------

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None, *, use_cache: bool = True) -> Catalogue:
        """The bundled catalogue (``path=None``) or the file at ``path``, validated strictly.

        Raises :class:`~sora_refs.errors.CatalogueError` listing every problem found.
        """
        if path is None:
            target = bundled_file()
            return cls(load_file(target, use_cache=use_cache, display=target), target)
        return cls(load_file(path, use_cache=use_cache), path)

    @classmethod
    def from_data(cls, data: dict[str, Any], name: str = "<data>") -> Catalogue:
        """A catalogue from already-parsed data, validated like a file."""
        return cls(from_data(data, name))

    @classmethod
    def check(cls, path: str | os.PathLike[str] | None = None) -> list[Problem]:
        """Every problem of the catalogue file at ``path`` (the bundled one by default); empty when it is valid.

        Reads the file afresh (never from the cache), as ``sora-refs check`` does.
        """
        from .errors import CatalogueError

        try:
            cls(load_file(path if path is not None else bundled_file(), use_cache=False))
        except CatalogueError as error:
            return list(error.problems)
        return []

    @staticmethod
    def bundled_path() -> Path:
        """Where the catalogue shipped with sora-refs lies."""
        from .reading.loader import bundled_path

        return bundled_path()

    @staticmethod
    def cache_root() -> str:
        """Where validated catalogues (and online answers) are cached: ``$SORA_REFS_CACHE_DIR``, else the user's."""
        from .reading.cache import cache_root

        return cache_root()

    @property
    def path(self) -> Path | None:
        """The file it was read from (None for data built in memory)."""
        from pathlib import Path

        return Path(self._path) if self._path is not None else None

    @property
    def cache_source(self) -> str | None:
        """The file that data derived from this catalogue may be cached for (None: built in memory)."""
        return self._path

    @property
    def is_bundled(self) -> bool:
        """True for the catalogue shipped with sora-refs."""
        return self._path is not None and os.path.realpath(self._path) == os.path.realpath(bundled_file())

    def has_personal(self) -> bool:
        """True when the reader may have kept something for this catalogue (cheap: one ``stat``;
        False means :meth:`personal` would find nothing, so a listing need not load it)."""
        if self._personal is not None:
            return True
        from .personal.location import kept_anything

        return kept_anything()

    def personal(self) -> Personal:
        """This reader's status, tags and notes for the catalogue (see :mod:`sora_refs.personal`)."""
        if self._personal is None:
            from .personal.layer import Personal

            self._personal = Personal.for_catalogue(self)
        return self._personal

    # -- looking things up ----------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.papers)

    def __iter__(self) -> Iterator[Paper]:
        return iter(self.papers)

    def category(self, ident: str) -> Category | None:
        """The category with id ``ident``, if defined."""
        return next((c for c in self.categories if c.id == ident), None)

    def section(self, ident: str) -> Section | None:
        """The section with id ``ident``, if defined."""
        return next((s for s in self.sections if s.id == ident), None)

    def category_label(self, ident: str | None, lang: str = "en") -> str:
        """A category's name in ``lang``, or its id where the catalogue does not define it."""
        found = self.category(ident) if ident else None
        return found.label(lang) if found else (ident or "")

    def section_label(self, ident: str | None, lang: str = "en") -> str:
        """A section's name in ``lang``, or its id where the catalogue does not define it."""
        found = self.section(ident) if ident else None
        return found.label(lang) if found else (ident or "")

    def category_ids(self) -> list[str]:
        """Categories defined by the catalogue, or else used by its papers, in first-seen order."""
        return [c.id for c in self.categories] or list(dict.fromkeys(p.category for p in self.papers))

    def section_ids(self) -> list[str]:
        """Sections defined by the catalogue, or else used by its papers, in first-seen order."""
        return [s.id for s in self.sections] or list(dict.fromkeys(p.section for p in self.papers if p.section))

    def venues(self, cited: bool = False) -> list[str]:
        """Every venue name used, as published (or as cited), sorted."""
        return sorted({p.venue_as(cited) for p in self.papers}, key=str.casefold)

    def get(self, ident: str | int) -> Paper:
        """One paper by ref number, citekey or arXiv id (``2212.09748``, ``arXiv:2212.09748v2``)."""
        text = str(ident).strip()
        if text.isdigit():
            number = int(text)
            for paper in self.papers:
                if paper.ref == number:
                    return paper
            refs = [p.ref for p in self.papers if p.ref is not None]
            span = f"refs run from {min(refs)} to {max(refs)}" if refs else "this catalogue has no ref numbers"
            raise NotFoundError(
                f"no paper with ref {number} ({span})",
                kind="ref",
                value=number,
                refs=(min(refs), max(refs)) if refs else None,
            )
        if self._by_key is None:
            self._by_key = {p.key.casefold(): p for p in self.papers}
            for paper in self.papers:  # an old key (see Paper.aliases) finds its paper; keys come first
                for alias in paper.aliases:
                    self._by_key.setdefault(alias.casefold(), paper)
        found = self._by_key.get(text.casefold())
        if found is not None:
            return found
        arxiv = arxiv_in_reference(text)
        if arxiv:
            for paper in self.papers:
                if paper.ids.arxiv == arxiv:
                    return paper
            raise NotFoundError(f"no paper with arXiv id {arxiv}", kind="arxiv", value=arxiv)
        guess = did_you_mean(text, [p.key for p in self.papers])
        title = None
        if guess is None:  # a word of the paper rather than its key ("dit"): what search finds
            found = self._best_hit(text)
            if found is not None:
                guess, title = found.key, found.title
        advice = hint(text, [guess] if guess else [], otherwise="give a ref number, a citekey or an arXiv id")
        if title:
            advice = f"did you mean {guess!r} ({title})?"
        raise NotFoundError(
            f"no paper with key {text!r}; {advice}", kind="key", value=text, guess=guess, guess_title=title
        )

    def _best_hit(self, text: str) -> Paper | None:
        """The paper a search for ``text`` finds alone, or well ahead of the next one."""
        try:
            hits = self.search(text, limit=2)
        except SoraRefsError:  # not a valid query (a stray quote): no suggestion
            return None
        if len(hits) == 1 or (len(hits) == 2 and hits[0].score >= 1.5 * hits[1].score):
            return hits[0].paper
        return None

    def get_many(self, idents: Sequence[str | int]) -> list[Paper]:
        """Several papers, in the order asked, each once."""
        result: dict[str, Paper] = {}
        for ident in idents:
            paper = self.get(ident)
            result.setdefault(paper.key, paper)
        return list(result.values())

    # -- querying -----------------------------------------------------------------------

    def check_query(self, query: Query) -> None:
        """Raise :class:`UsageError` with a did-you-mean for a category, section or venue the catalogue lacks."""
        for values, known, what in (
            (query.categories, self.category_ids(), "category"),
            (query.sections, self.section_ids(), "section"),
        ):
            folded = {k.casefold() for k in known}
            for value in values:
                if value.casefold() not in folded:
                    raise UsageError(unknown(what, value, known))
        if query.venues:
            from .query import fold_venue

            known_venues = self.venues(query.cited)
            keys = {fold_venue(v) for v in known_venues}
            for value in query.venues:
                if fold_venue(value) not in keys:
                    raise UsageError(unknown("venue", value, known_venues))

    def select(
        self, query: Query | None = None, *, sort: str = "ref", reverse: bool = False, limit: int | None = None
    ) -> list[Paper]:
        """The papers matching ``query``, sorted, at most ``limit`` of them.

        A category, section or venue the catalogue does not have is a :class:`UsageError` with a
        did-you-mean, never an empty list.
        """
        query = query or Query()
        self.check_query(query)
        mine = self.personal() if query.statuses or (query.tags and self.has_personal()) else None
        if query.tags and mine is not None and mine.exists:
            # A tag is the catalogue's or the reader's own (`tag --personal`): either one selects.
            papers = mine.tagged(query.replace(tags=()).apply(self.papers), query.tags)
        else:
            papers = query.apply(self.papers)
        if query.statuses and mine is not None:
            papers = mine.having(papers, query.statuses)
        papers = sort_papers(papers, sort, reverse, cited=query.cited)
        if limit is not None:
            if limit < 0:
                raise UsageError("limit must be zero or more")
            papers = papers[:limit]
        return papers

    def search(self, text: str, *, limit: int | None = None) -> list[Hit]:
        """Ranked, typo-tolerant search (``sora-refs search``'s syntax): the hits, best first."""
        from .search import search

        return search(self, text, limit=limit)

    def search_index(self) -> SearchIndex:
        """The search index of this catalogue, built on first use and kept with it."""
        if self._search_index is None:
            from .search.index import SearchIndex

            self._search_index = SearchIndex(self)
        return self._search_index

    # -- counting -------------------------------------------------------------------------

    def counts(self, by: str, query: Query | None = None, *, view: str = "both") -> Counts:
        """The papers matching ``query`` counted by ``by`` (venue, year, category, section, author, type,
        or status: the reader's, from :meth:`personal`)."""
        from .stats import count_by

        return count_by(self.select(query), by, view=view, catalogue=self)

    def cross(self, rows_by: str, columns_by: str, query: Query | None = None, *, cited: bool = True) -> Cross:
        """A table of the papers matching ``query`` counted by two dimensions at once."""
        from .stats import cross

        return cross(self.select(query), rows_by, columns_by, cited=cited, catalogue=self)

    def overview(self, query: Query | None = None, *, view: str = "both") -> Overview:
        """Venue and year tables and the highlights of the papers matching ``query``."""
        from .stats import overview

        return overview(self.select(query), view=view, catalogue=self)

    @overload
    def stats(self, by: None = None, query: Query | None = None, *, view: str = "both") -> Overview: ...

    @overload
    def stats(self, by: str, query: Query | None = None, *, view: str = "both") -> Counts: ...

    def stats(self, by: str | None = None, query: Query | None = None, *, view: str = "both") -> Counts | Overview:
        """:meth:`counts` with ``by``, :meth:`overview` without it."""
        return self.overview(query, view=view) if by is None else self.counts(by, query, view=view)

    def mind_map(self, papers: Sequence[Paper] | Query | None = None) -> list[tuple[str | None, list[Group]]]:
        """The papers (all, a list, or those a :class:`Query` selects) by section, then category:
        ``[(section id, [(category id, papers), ...]), ...]``, as ``sora-refs tree`` draws them."""
        from .grouping import mind_map

        return mind_map(self._chosen(papers), self)

    def lanes(
        self, papers: Sequence[Paper] | Query | None = None, *, cited: bool = False
    ) -> list[tuple[str, dict[int | None, list[Paper]]]]:
        """The papers by category, then year (as cited with ``cited``), as ``sora-refs timeline`` draws them.

        Papers with no year are under the key None, last in their lane."""
        from .grouping import lanes

        return lanes(self._chosen(papers), self, cited=cited)

    def _chosen(self, papers: Sequence[Paper] | Query | None) -> Sequence[Paper]:
        if papers is None:
            return self.papers
        return self.select(papers) if isinstance(papers, Query) else papers

    # -- exporting ------------------------------------------------------------------------

    def export(
        self,
        format_: str,
        papers: Sequence[Paper] | Query | None = None,
        *,
        as_cited: bool = False,
        ascii_only: bool = False,
        style: str = "list",
        lang: str = "en",
        jobs: int = 1,
    ) -> str:
        """``papers`` (all by default, or those a :class:`Query` selects) in ``format_`` (see
        :func:`sora_refs.formats.available`): BibTeX, biblatex, CSL-JSON, RIS, Markdown, ...
        """
        return "".join(
            self.export_chunks(
                format_, papers, as_cited=as_cited, ascii_only=ascii_only, style=style, lang=lang, jobs=jobs
            )
        )

    def export_chunks(
        self,
        format_: str,
        papers: Sequence[Paper] | Query | None = None,
        *,
        as_cited: bool = False,
        ascii_only: bool = False,
        style: str = "list",
        lang: str = "en",
        jobs: int = 1,
    ) -> Iterator[str]:
        """:meth:`export` in pieces, so that a large export need not be held whole."""
        from .formats import ExportOptions, export_chunks

        chosen = self._chosen(papers)
        options = ExportOptions(
            as_cited=as_cited, ascii_only=ascii_only, style=style, lang=lang, catalogue=self, jobs=jobs
        )
        return export_chunks(chosen, format_, options)

    def web_page(self, papers: Sequence[Paper] | Query | None = None, *, lang: str = "en") -> str:
        """The self-contained web page of ``papers`` (all by default), first shown in ``lang`` (en or zh)."""
        from .site import build_page  # Jinja2 is loaded only here

        chosen = self._chosen(papers)
        return build_page(self, chosen if papers is not None else None, lang=lang)

    def __repr__(self) -> str:
        return f"<Catalogue {self.info.title!r}: {len(self.papers)} papers>"
