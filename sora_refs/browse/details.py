"""The detail pane following the cursor: which paper it shows, and its BibTeX.

A mixin of :class:`~sora_refs.browse.app.BrowseApp`. The pane is filled after the list's frame
(see ``BrowseApp._highlighted``); BibTeX is written on the spot once its modules are imported (a
twentieth of a millisecond an entry), in a worker thread before that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App

from ..errors import SoraRefsError
from . import actions
from .panes import DetailPane
from .paperlist import PaperList

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.screen import Screen

    from ..catalogue import Catalogue
    from ..models import Paper


class DetailFollower(App[None]):
    """The paper under the cursor and its details: a part of :class:`~sora_refs.browse.app.BrowseApp`."""

    # What the app provides (see app.py).
    catalogue: Catalogue
    personal: Any
    lang: str
    _bibtex: dict[str, str]
    main: Screen
    _gone: Callable[[], bool]
    _status_of: Callable[[str], str | None]
    _tags_of: Callable[[str], tuple[str, ...]]

    def current_paper(self) -> Paper | None:
        """The paper under the list's cursor (None when nothing is listed)."""
        index = self.main.query_one(PaperList).current
        return self.catalogue.papers[index] if index is not None else None

    def _show_detail(self) -> None:
        paper = self.current_paper()
        pane = self.main.query_one(DetailPane)
        if paper is None:
            pane.show(None, self.catalogue, self.lang, bibtex="", status=None, tags=(), note=None)
            return
        bib = self._bibtex.get(f"{paper.key}\0{self.lang}")
        if bib is None and self._bibtex_warm:
            bib = self._bibtex_of(paper, self.lang)  # a twentieth of a millisecond: no second rebuild of the pane
        note = self.personal.note(paper.key) if self.personal else None
        pane.show(
            paper,
            self.catalogue,
            self.lang,
            bibtex=bib,
            status=self._status_of(paper.key),
            tags=self._tags_of(paper.key),
            note=note,
        )
        if bib is None:
            self._make_bibtex(paper, self.lang)

    _bibtex_warm = False
    """True once BibTeX's modules are imported (the first entry takes 50 ms, the next a twentieth of one)."""

    def _bibtex_of(self, paper: Any, lang: str) -> str:
        try:
            text = actions.bibtex(paper, self.catalogue, lang)
        except SoraRefsError as error:
            text = str(error)
        if len(self._bibtex) > 1000:  # holding the down arrow through 100,000 papers
            self._bibtex.clear()
        self._bibtex[f"{paper.key}\0{lang}"] = text
        return text

    @work(thread=True, group="bibtex")
    def _make_bibtex(self, paper: Any, lang: str) -> None:
        self._bibtex_of(paper, lang)
        self.call_from_thread(self._bibtex_ready, paper.key)

    def _bibtex_ready(self, key: str) -> None:
        if self._gone():
            return
        paper = self.current_paper()
        if paper is not None and paper.key == key:
            self._show_detail()
