"""The one public entry point: a catalogue you load, look up, query, count and export."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from .personal import Personal

from .errors import NotFoundError, UsageError
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

    def personal(self) -> Personal:
        """This reader's status, tags and notes for the catalogue (see :mod:`sora_refs.personal`)."""
        if self._personal is None:
            from .personal import Personal

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
            raise NotFoundError(f"no paper with ref {number} ({span})", kind="ref", value=number,
                                refs=(min(refs), max(refs)) if refs else None)
        if self._by_key is None:
            self._by_key = {p.key.casefold(): p for p in self.papers}
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
        advice = hint(text, [guess] if guess else [], otherwise="give a ref number, a citekey or an arXiv id")
        raise NotFoundError(f"no paper with key {text!r}; {advice}", kind="key", value=text, guess=guess)

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

    def select(self, query: Query | None = None, *, sort: str = "ref", reverse: bool = False,
               limit: int | None = None) -> list[Paper]:
        """The papers matching ``query``, sorted, at most ``limit`` of them."""
        query = query or Query()
        papers = query.apply(self.papers)
        if query.statuses:
            papers = self.personal().having(papers, query.statuses)
        papers = sort_papers(papers, sort, reverse, cited=query.cited)
        if limit is not None:
            if limit < 0:
                raise UsageError("limit must be zero or more")
            papers = papers[:limit]
        return papers

    def stats(self, by: str | None = None, query: Query | None = None, *, view: str = "both") -> Any:
        """The papers matching ``query`` counted by ``by`` (a :class:`~sora_refs.stats.Counts`), or,
        without ``by``, the overview of venue and year tables and highlights. See :mod:`sora_refs.stats`.
        """
        from . import stats

        papers = self.select(query)
        if by is None:
            return stats.overview(papers, view=view, catalogue=self)
        return stats.count_by(papers, by, view=view, catalogue=self)

    def __repr__(self) -> str:
        return f"<Catalogue {self.info.title!r}: {len(self.papers)} papers>"


