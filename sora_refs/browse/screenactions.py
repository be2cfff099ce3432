"""The browser's keys that act on the screen rather than on a paper: the views (1-4), help, back,
filters, sort, language, light or dark; and its messages.

A mixin of :class:`~sora_refs.browse.app.BrowseApp`, as :mod:`~sora_refs.browse.paperactions`
holds the keys that act on the paper under the cursor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.widgets import ContentSwitcher, Input, Static

from . import labels
from .model import Filters
from .panes import FacetPane
from .paperlist import ListHeader, PaperList
from .safe import shown
from .screens import HelpScreen
from .views import MindMap, statistics, timeline

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.screen import Screen

    from ..catalogue import Catalogue
    from .model import Browser, Results

VIEWS = ("list", "map", "stats", "timeline")
"""The views, in the order of their keys (1-4)."""


class ScreenActions(App[None]):
    """Keys 1-4, ?, /, Escape, f, s, l, Ctrl+T: a part of :class:`~sora_refs.browse.app.BrowseApp`."""

    # What the app provides (see app.py).
    catalogue: Catalogue
    browser: Browser
    filters: Filters
    results: Results
    lang: str
    view: str
    main: Screen
    _stale_views: set[str]
    _status_of: Callable[[str], str | None]
    _show_detail: Callable[[], None]
    _draw_bar: Callable[..., None]
    _facets_shown: Callable[[], bool]
    _gone: Callable[[], bool]
    refilter: Callable[[], None]

    # -- views --------------------------------------------------------------------------------------------

    def action_view(self, view: str) -> None:
        """Show the list, the mind map, the statistics or the timeline."""
        self.view = view

    def watch_view(self) -> None:
        self.main.query_one(ContentSwitcher).current = self.view
        self.remove_class("-show-detail")
        self._draw_view()
        self._draw_bar(self.results.error)

    def _listed(self) -> list:
        papers = self.catalogue.papers
        return [papers[i] for i in self.results.indices]

    def _draw_view(self) -> None:
        view = self.view
        if view not in self._stale_views or view == "list":
            return
        self._stale_views.discard(view)
        width = self.main.query_one(ContentSwitcher).size.width or self.size.width
        if view == "map":
            self.main.query_one(MindMap).fill(self.catalogue, self._listed(), self.browser.positions, self.lang)
        elif view == "stats":
            self.main.query_one("#stats-body", Static).update(
                statistics(self.catalogue, self._listed(), self._status_of, self.lang, width - 2)
            )
        elif view == "timeline":
            chart = timeline(self.catalogue, self._listed(), self.lang, width)
            self.main.query_one("#timeline-body", Static).update(chart)

    # -- simple actions -------------------------------------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.lang))

    def action_focus_search(self) -> None:
        self.remove_class("-show-detail")
        self.main.query_one("#search", Input).focus()

    def action_step_back(self) -> None:
        search = self.main.query_one("#search", Input)
        in_search = self.focused is search
        if self.has_class("-show-facets"):
            self.remove_class("-show-facets")
        elif self.has_class("-show-detail") and self.has_class("-narrow"):
            self.remove_class("-show-detail")
        elif self.view != "list":
            self.action_view("list")
        elif in_search:
            if search.value:
                search.value = ""
            else:
                self.main.query_one(PaperList).focus()
            return
        elif self.focused is not self.main.query_one(PaperList):
            pass
        self.main.query_one(PaperList).focus()

    def action_toggle_facets(self) -> None:
        screen = self
        if screen.has_class("-narrow") or screen.has_class("-medium"):
            screen.toggle_class("-show-facets")
            if screen.has_class("-show-facets"):
                self.main.query_one("#years", Input).focus()
            else:
                self.main.query_one(PaperList).focus()
        else:
            screen.toggle_class("-hide-facets")
        if self._facets_shown() and not self.results.counts:
            self.refilter()  # counts were skipped while the pane was hidden

    def action_sort(self) -> None:
        from .model import SORTS

        position = SORTS.index(self.filters.sort)
        sort = SORTS[(position + 1) % len(SORTS)]
        self.filters = Filters(self.filters.query, self.filters.chosen, self.filters.years, sort, False)
        self.refilter()

    def action_language(self) -> None:
        self.lang = "zh" if self.lang == "en" else "en"

    def watch_lang(self, lang: str) -> None:
        if not self.screen_stack or self._gone():
            return
        papers = self.main.query_one(PaperList)
        papers.lang = lang
        papers.redraw()
        self.main.query_one(ListHeader).lang = lang
        self.main.query_one("#search", Input).placeholder = labels.text("search", lang)
        if self.results.counts:
            self.main.query_one(FacetPane).fill(self.browser, self.results.counts, self.filters.chosen, lang)
        self._stale_views = set(VIEWS)
        self._draw_view()
        self._draw_bar(self.results.error)
        self._show_detail()
        self._name_keys(lang)

    def _name_keys(self, lang: str) -> None:
        """The footer in ``lang``."""
        import dataclasses

        names = labels.KEYS.get(lang, labels.KEYS["en"])
        for node in (self, self.main.query_one(PaperList), self.main.query_one("#search", Input)):
            table = node._bindings.key_to_bindings
            for key, bindings in table.items():
                table[key] = [
                    dataclasses.replace(b, description=names[action])
                    if (action := b.action.removeprefix("app.")) in names
                    else b
                    for b in bindings
                ]
        self.refresh_bindings()

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def say(self, message: str, error: bool = False) -> None:
        """A message in the corner (and for tests, the last one kept): never markup, nothing unsafe.

        Messages carry keys, tags, paths and servers' words (:mod:`sora_refs.browse.safe`).
        """
        self.last_message = message = shown(message)
        self.notify(message, severity="error" if error else "information", timeout=6, markup=False)

    last_message = ""
