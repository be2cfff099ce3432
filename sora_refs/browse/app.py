"""``sora-refs browse``: the catalogue in a full-screen terminal app (Textual).

The screen: a view bar (list, mind map, statistics, timeline; the count and sort), the search
box, then the facet pane, the current view and the detail pane side by side; the footer lists
the keys. Below 100 columns the panes collapse: filters (``f``) and details (Enter) take the
list's place until Escape.

Searching runs in a worker thread (:class:`~sora_refs.browse.model.Browser` does the work), so
typing never waits for the list; so do BibTeX, downloads, and writing reading status or tags.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.widgets import ContentSwitcher, Footer, Input, Static
from textual.worker import get_current_worker

from ..errors import SoraRefsError
from . import labels, session
from .details import DetailFollower
from .model import Browser, Filters, Results
from .panes import DetailPane, FacetPane, SearchBox
from .paperactions import PaperActions
from .paperlist import ListHeader, PaperList
from .personal_ import Personal, personal_for
from .process import one_malloc_arena
from .safe import one_line
from .screenactions import VIEWS, ScreenActions
from .views import MindMap

if TYPE_CHECKING:
    from ..catalogue import Catalogue

NARROW = 100
"""Below this many columns the facet and detail panes give the list their place."""

WIDE = 140
"""From this many columns the facet pane shows beside the list and details without asking."""


class BrowseApp(ScreenActions, PaperActions, DetailFollower, App[None]):
    """Search, filter, read and cite the papers of one catalogue."""

    TITLE = "sora-refs browse"
    CSS_PATH = "browse.tcss"
    ENABLE_COMMAND_PALETTE = False

    BINDINGS = [
        # In the footer's order: what a newcomer needs first, so that 80 columns show it.
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
        Binding("b", "copy_bibtex", "BibTeX"),
        Binding("m", "mark", "Mark"),
        Binding("l", "language", "中文"),
        Binding("o", "open_page", "Page"),
        Binding("p", "open_pdf", "PDF"),
        Binding("c", "copy_key", "Key"),
        Binding("n", "note", "Note"),
        Binding("f", "toggle_facets", "Filters"),
        Binding("t", "tag", "Tag"),
        Binding("s", "sort", "Sort"),
        Binding("d", "download", "Download"),
        Binding("e", "edit", "Edit"),
        Binding("slash", "focus_search", "Search", key_display="/"),
        Binding("1", "view('list')", "List", show=False),
        Binding("2", "view('map')", "Map", show=False),
        Binding("3", "view('stats')", "Stats", show=False),
        Binding("4", "view('timeline')", "Timeline", show=False),
        Binding("ctrl+t", "toggle_dark", "Light/dark", show=False),
        Binding("escape", "step_back", "Back", show=False),
    ]

    lang: reactive[str] = reactive("en")
    view: reactive[str] = reactive("list")

    def __init__(
        self,
        catalogue: Catalogue,
        lang: str = "en",
        *,
        query: str | None = None,
        fresh: bool = False,
        personal: Personal | None | bool = True,
        freeze: bool = False,
    ) -> None:
        """``freeze``: the app is all the process is for (``sora-refs browse``): once the search index
        is built, the garbage collector is told to stop scanning it (:func:`gc.freeze`), as the command
        line does with the catalogue. Otherwise a full collection walks every paper's objects and
        stalls whichever keystroke it falls on (50-170 ms on 20,000 papers)."""
        super().__init__()
        self._freeze = freeze
        if freeze:
            one_malloc_arena()
        self.catalogue = catalogue
        self.personal: Personal | None = personal_for(catalogue) if personal is True else personal or None
        self.browser = Browser(
            catalogue,
            status_of=self._status_of if self.personal else None,
            tags_of=self._tags_of if self.personal else None,
        )
        self.filters, self._resume_key = (Filters(), None) if fresh else session.load(catalogue)
        if query is not None:
            self.filters = Filters(query=query)
        self._good = Filters()
        self.results = Results(self.browser.everything, {})
        self._bibtex: dict[str, str] = {}
        self._stale_views: set[str] = set(VIEWS)
        self.set_reactive(BrowseApp.lang, lang)
        self.runs = 0
        """How many times the list was filled (tests and benchmarks wait on it)."""

    # -- personal layer ---------------------------------------------------------------------------

    def _status_of(self, key: str) -> str | None:
        status = self.personal.status(key) if self.personal else None
        return status.value if status is not None else None

    def _tags_of(self, key: str) -> tuple[str, ...]:
        return self.personal.tags(key) if self.personal else ()

    def _gone(self) -> bool:
        """True once the app is closing and its widgets are going away."""
        return not self.main.query(PaperList)

    # -- layout --------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="bar")
        yield SearchBox(
            value=self.filters.query, placeholder=labels.text("search", self.lang), id="search", compact=True
        )
        with Horizontal(id="body"):
            yield FacetPane(id="facets")
            with ContentSwitcher(initial="list", id="views"):
                with Vertical(id="list"):
                    yield ListHeader(id="header")
                    yield PaperList(self.catalogue.papers, id="papers")
                yield MindMap("", id="map")
                with VerticalScroll(id="stats"):
                    yield Static(id="stats-body")
                with VerticalScroll(id="timeline"):
                    yield Static(id="timeline-body")
            yield DetailPane(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        papers = self.main.query_one(PaperList)
        papers.status_of = self._status_of if self.personal else (lambda key: None)
        papers.lang = self.lang
        self.main.query_one("#years", Input).value = self.filters.years
        self._layout(self.size.width)
        search = self.main.query_one("#search", Input)
        search.cursor_blink = not self.is_headless  # a blinking cursor would make every screenshot differ
        # The down arrow goes from the search box to the results, and says so in the footer while typing
        # (the box has one line: its own down, a scroll, never does anything).
        search._bindings.key_to_bindings["down"] = [Binding("down", "app.to_list", "Results", key_display="↓")]
        self._name_keys(self.lang)
        search.focus()
        self.refilter()
        self._prepare(self._facets_shown())

    @work(thread=True, group="prepare")
    def _prepare(self, facets: bool) -> None:
        if self.catalogue.papers:  # BibTeX's modules imported here, so that the details can write it at once
            self._bibtex_of(self.catalogue.papers[0], self.lang)
            self._bibtex_warm = True
        self.browser.prepare(facets)
        if self._freeze:
            import gc

            gc.freeze()
        self.prepared = True

    prepared = False
    """True once the search index and facet values are built (benchmarks wait for it)."""

    def on_resize(self, event: Any) -> None:
        self._layout(event.size.width)

    def _layout(self, width: int) -> None:
        shown = self._facets_shown()
        narrow = width < NARROW
        self.set_class(narrow, "-narrow")
        self.set_class(NARROW <= width < WIDE, "-medium")
        if self._facets_shown() and not shown and self.runs:
            self.refilter()

    # -- filtering ------------------------------------------------------------------------------------

    def refilter(self) -> None:
        """Run the filters again, in a worker thread.

        One search at a time: keys typed while one runs are not each searched (a thread cannot be
        stopped, and several would share the processor), the newest filters run when it ends and
        the others are dropped. A burst of typing thus costs at most one search it did not need.
        """
        self._wanted = (self.filters, self._facets_shown())
        if not self._searching:
            self._next_search()

    _wanted: tuple[Filters, bool] | None = None
    _searching = False

    def _next_search(self) -> None:
        if self._wanted is None or self._gone():
            return
        (filters, counts), self._wanted = self._wanted, None
        self._searching = True
        self._filter(self.browser, filters, counts)

    def _facets_shown(self) -> bool:
        """Whether the facet pane is on screen (its counts are worth a keystroke's time only then)."""
        if self.has_class("-narrow") or self.has_class("-medium"):
            return self.has_class("-show-facets")
        return not self.has_class("-hide-facets")

    @work(thread=True, exclusive=True, group="filter")
    def _filter(self, browser: Browser, filters: Filters, counts: bool) -> None:
        results = None
        try:
            results = browser.run(filters, self._good, counts=counts)
        finally:  # the next search must start even if this one failed
            if not get_current_worker().is_cancelled:
                self.call_from_thread(self._searched, browser, filters, results)

    def _searched(self, browser: Browser, filters: Filters, results: Results | None) -> None:
        self._searching = False
        self._next_search()  # typed meanwhile: search that now, while this one is drawn
        if results is not None and browser is self.browser:  # not of a catalogue since reloaded
            self._show_results(filters, results)

    def _show_results(self, filters: Filters, results: Results) -> None:
        if filters != self.filters or self._gone():
            return  # a newer run is on its way
        if results.error is None:
            self._good = filters
        papers = self.main.query_one(PaperList)
        keep = papers.current if self.runs else self._resume_index()
        self.results = results
        papers.show(results.indices, results.words, keep)
        header = self.main.query_one(ListHeader)
        header.sort, header.reverse, header.lang = filters.sort, filters.reverse, self.lang
        self._stale_views = set(VIEWS)
        self._draw_view()
        self._draw_bar(results.error)
        # The list first: the facets and details follow in the next frame, and not at all if
        # another run is already on its way (typing fast shows those of where the typing stopped).
        self.call_after_refresh(self._panes_after, filters, results)
        self.runs += 1

    def _panes_after(self, filters: Filters, results: Results) -> None:
        if filters != self.filters or self._searching or self._gone():
            return
        if results.counts:
            self.main.query_one(FacetPane).fill(self.browser, results.counts, filters.chosen, self.lang)
        self._show_detail()

    def _resume_index(self) -> int | None:
        if self._resume_key is None:
            return None
        for index, paper in enumerate(self.catalogue.papers):
            if paper.key == self._resume_key:
                return index
        return None

    def _draw_bar(self, error: str | None = None) -> None:
        lang = self.lang
        line = Text(no_wrap=True, overflow="ellipsis")
        sort = (
            labels.text("relevance", lang)
            if self.filters.sort == "relevance"
            else labels.field({"author": "authors"}.get(self.filters.sort, self.filters.sort), lang)
        )
        line.append(
            f"{len(self.results.indices):,}/{len(self.catalogue.papers):,} {labels.text('papers', lang)} · "
            f"{sort}{' ▼' if self.filters.reverse else ''} ",
            style="bold",
        )
        for number, view in enumerate(VIEWS, 1):
            line.append(f" {number} {labels.text(view, lang)} ", style="reverse bold" if view == self.view else "")
        if error:
            line.append(f"  {one_line(error)}", style="bold red")
        self.main.query_one("#bar", Static).update(line, layout=False)  # one line, always: no layout to redo

    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        self.filters = Filters(
            event.value, self.filters.chosen, self.filters.years, self.filters.sort, self.filters.reverse
        )
        self.refilter()

    @on(Input.Changed, "#years")
    def _years_changed(self, event: Input.Changed) -> None:
        self.filters = Filters(
            self.filters.query, self.filters.chosen, event.value, self.filters.sort, self.filters.reverse
        )
        self.refilter()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.main.query_one(PaperList).focus()

    @on(FacetPane.Changed)
    def _facet_changed(self, event: FacetPane.Changed) -> None:
        self.filters = self.filters.toggled(event.facet, event.value)
        self.refilter()

    @on(ListHeader.SortClicked)
    def _sort_clicked(self, event: ListHeader.SortClicked) -> None:
        reverse = not self.filters.reverse if event.sort == self.filters.sort else False
        self.filters = Filters(self.filters.query, self.filters.chosen, self.filters.years, event.sort, reverse)
        self.refilter()

    def action_to_list(self) -> None:
        self.main.query_one(PaperList).focus()

    # -- details ----------------------------------------------------------------------------------------

    @on(PaperList.Highlighted)
    def _highlighted(self) -> None:
        # The list's frame first: the detail pane (10-20 ms to lay out) follows in the next one,
        # and only for the paper the cursor rests on when keys come faster than frames.
        self._highlights += 1
        self.call_after_refresh(self._detail_after, self._highlights)

    _highlights = 0

    def _detail_after(self, highlights: int) -> None:
        if highlights == self._highlights and not self._gone():
            self._show_detail()

    @on(PaperList.Chosen)
    def _chosen(self) -> None:
        self.add_class("-show-detail")
        self._show_detail()
        if self.has_class("-narrow"):
            self.main.query_one(DetailPane).focus()

    @on(MindMap.PaperChosen)
    def _map_chosen(self, event: MindMap.PaperChosen) -> None:
        self.action_view("list")
        papers = self.main.query_one(PaperList)
        papers.select_paper(event.index)
        papers.focus()
        self._chosen()

    async def action_quit(self) -> None:
        self.remember()
        self.exit()

    def reload_catalogue(self, key: str | None = None) -> None:
        """Read the catalogue file again (after an edit) and show paper ``key``."""
        from ..catalogue import Catalogue

        try:
            catalogue = Catalogue.load(self.catalogue.path)
        except SoraRefsError as error:
            self.say(str(error).splitlines()[0], error=True)
            return
        self.catalogue = catalogue
        self.browser = Browser(
            catalogue,
            status_of=self._status_of if self.personal else None,
            tags_of=self._tags_of if self.personal else None,
        )
        self._bibtex.clear()
        self._resume_key, self.runs = key, 0
        self.main.query_one(PaperList).papers = catalogue.papers
        self.refilter()
        if key:
            self.say(labels.text("edited", self.lang, key=key))

    def remember(self) -> None:
        """Save the query, filters and the paper under the cursor for the next session."""
        paper = self.current_paper()
        session.save(self.catalogue, self.filters, paper.key if paper else None)
