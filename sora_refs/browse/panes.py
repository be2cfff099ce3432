"""The detail pane (every field of one paper) and the facet pane (filters with counts)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from . import labels
from .model import FACETS, Browser
from .safe import one_line, shown

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import Console, ConsoleOptions
    from textual.app import ComposeResult

    from ..catalogue import Catalogue
    from ..models import Paper

PROMPT_WIDTH = 18
"""Cells for a facet value's name and count, the facet pane at its usual width (26 columns, a scrollbar showing)."""

MOST_VALUES = 40
"""A facet lists at most this many values (the most frequent, plus any ticked)."""


class SearchBox(Input):
    """The query box. "/" (the footer's "Search" key) in the empty box that has the focus already is
    not typed: the user only wanted to get here. Taken key by key, so fast typing loses nothing."""

    async def _on_key(self, event: events.Key) -> None:
        if event.character == "/" and not self.value:
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)


def detail_rows(paper: Paper, catalogue: Catalogue, lang: str) -> list[tuple[str, str]]:
    """The rows ``sora-refs show`` prints for ``paper``."""
    from ..cli.commands.show import details

    return details(paper, catalogue, lang)


class DetailPane(VerticalScroll, can_focus=True):
    """Every field of the paper under the cursor, its BibTeX and the reader's own status, tags and notes."""

    DEFAULT_CSS = """
    DetailPane { padding: 0 1; }
    DetailPane > Static { width: 1fr; }
    """

    _shown: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body")

    def show(
        self,
        paper: Paper | None,
        catalogue: Catalogue,
        lang: str,
        *,
        bibtex: str | None,
        status: str | None,
        tags: tuple[str, ...],
        note: str | None,
    ) -> None:
        """Fill the pane (``bibtex`` None: still being written); nothing to do if it shows all that already."""
        showing = (id(paper), id(catalogue), lang, bibtex, status, tags, note)
        if showing == self._shown:
            return
        self._shown = showing
        body = self.query_one("#detail-body", Static)
        if paper is None:
            body.update(Text(labels.text("no_results", lang), style="italic"))
            return
        title = Text(shown(paper.title), style="bold")
        if paper.ref is not None:
            title = Text.assemble((f"[{paper.ref}] ", "bold"), title)
        rows: list[tuple[str, Text]] = []
        cited_differs = paper.cited is not None and (paper.cited.venue, paper.cited.year) != (paper.venue, paper.year)
        for name, raw in detail_rows(paper, catalogue, lang):
            value = shown(raw)
            if value.startswith(("http://", "https://")):
                # a link is written into the terminal's own escape sequence: only ever a safe one
                link = value if value == raw and " " not in value else None
                rows.append((name, Text(value, style=Style(link=link, color="bright_blue"))))
            elif name == labels.field("cited", lang) and cited_differs:
                rows.append((name, Text.assemble(value, (f"  ({labels.text('venues_differ', lang)})", "italic"))))
            else:
                rows.append((name, Text(value)))
        if status:
            rows.append((labels.text("status", lang), Text(labels.text(status, lang))))
        if tags:
            rows.append((labels.text("tag", lang), Text(one_line(", ".join(tags)))))
        after: list[Text] = []
        if note:
            after += [Text(""), Text(labels.text("personal_notes", lang), style="bold underline"), Text(shown(note))]
        after += [
            Text(""),
            Text(labels.text("bibtex", lang), style="bold underline"),
            Text(shown(bibtex) if bibtex is not None else "…", style="dim" if bibtex is None else ""),
        ]
        body.update(Details([title, Text("")], rows, after))


class Details:
    """The detail pane's content: text, then name/value rows in two columns, then more text.

    What a rich ``Group`` of texts around a ``Table.grid`` draws, laid out by hand: the pane is
    drawn anew for every paper the cursor passes, Textual renders content twice (once to learn its
    height), and the table measures every cell each time. Here each value is wrapped once per
    width and the lines kept, so a paper's details cost about a tenth as much.
    """

    def __init__(self, before: list[Text], rows: list[tuple[str, Text]], after: list[Text]) -> None:
        self.before, self.rows, self.after = before, rows, after
        self._lines: tuple[int, list[list[Segment]]] | None = None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        width = options.max_width
        if self._lines is None or self._lines[0] != width:
            self._lines = (width, self._lay_out(console, width))
        newline = Segment.line()
        for line in self._lines[1]:
            yield from line
            yield newline

    def _lay_out(self, console: Console, width: int) -> list[list[Segment]]:
        lines: list[list[Segment]] = []
        for text in self.before:
            lines += [segments(console, line) for line in wrapped(console, text, width)]
        if self.rows:
            names = [Text(name, style="bold", no_wrap=True) for name, _ in self.rows]
            name_width = min(max(name.cell_len for name in names), max(1, width // 3))
            value_width = max(1, width - name_width - 1)
            blank = Segment(" " * (name_width + 1), Style(bold=True))  # under a name, as a table's column
            for name, (_, value) in zip(names, self.rows):
                name.truncate(name_width, overflow="ellipsis", pad=True)
                name.pad_right(1)  # the gap between the columns, bold as a table's would be
                first = segments(console, name)
                for number, line in enumerate(wrapped(console, value, value_width, pad=True)):
                    lines.append([*(first if number == 0 else [blank]), *segments(console, line)])
        for text in self.after:
            lines += [segments(console, line) for line in wrapped(console, text, width)]
        return lines

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(min(options.max_width, 20), options.max_width)


def wrapped(console: Console, text: Text, width: int, pad: bool = False) -> list[Text]:
    """``text`` in lines of ``width`` cells (padded to it if ``pad``), Chinese broken as ``sora-refs show`` breaks it.

    rich wraps at spaces only: a Chinese sentence would go whole to the next line and leave half a
    line empty. Text with Chinese, Japanese or Korean in it follows :func:`sora_refs.cli.cjkwrap.wrap`
    (between characters, Latin words whole, punctuation kept in place), its styles kept.
    """
    from ..cli.cjkwrap import has_cjk, wrap

    if not has_cjk(text.plain):
        return list(text.wrap(console, width, justify="left" if pad else None, overflow="fold"))
    lines: list[Text] = []
    plain, start = text.plain, 0
    for piece in wrap(plain, width):
        at = plain.find(piece, start)
        if at < 0:  # spaces run together by the wrapping: the words without their styles
            lines = [Text(piece, style=text.style) for piece in wrap(plain, width)]
            break
        lines.append(text[at : at + len(piece)])
        start = at + len(piece)
    if pad:
        for line in lines:
            line.truncate(width, pad=True)
    return lines


def clipped(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, ending in "…" (a long facet value's name, so that its count still shows)."""
    if cell_len(text) <= max(width, 2):
        return text
    return set_cell_size(text, max(width, 2) - 1).rstrip() + "…"


def segments(console: Console, line: Text) -> list[Segment]:
    """One line of text as segments, its own style under its spans' (``Text.render`` leaves it out)."""
    if not line.style:
        return list(line.render(console))
    return list(Segment.apply_style(line.render(console), console.get_style(line.style)))


class FacetPane(VerticalScroll):
    """One list of values with counts per facet, and the year range; ticking one filters the list."""

    DEFAULT_CSS = """
    FacetPane { padding: 0 1 0 0; }
    FacetPane > Label { text-style: bold; margin-top: 1; }
    FacetPane > SelectionList { height: auto; max-height: 12; border: none; padding: 0; }
    FacetPane > Input { margin: 0; }
    """

    class Changed(Message):
        """A value was ticked or unticked, or the year range typed."""

        def __init__(self, facet: str, value: str) -> None:
            super().__init__()
            self.facet = facet
            self.value = value

    _shown: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        yield Label(labels.text("years"), id="label-years")
        yield Input(placeholder=labels.text("years_hint"), id="years", compact=True)
        for facet in FACETS:
            yield Label(labels.text(facet), id=f"label-{facet}")
            yield SelectionList[str](id=f"facet-{facet}", compact=True)

    def fill(
        self, browser: Browser, counts: dict[str, Counter[str]], chosen: dict[str, frozenset[str]], lang: str
    ) -> None:
        """Show ``counts`` (facet -> value -> papers), ticking the ``chosen`` values; nothing to do if shown."""
        showing = (id(browser), counts, chosen, lang)
        if showing == self._shown:
            return
        self._shown = showing
        for facet in FACETS:
            self.query_one(f"#label-{facet}", Label).update(labels.text(facet, lang))
            ticked = chosen.get(facet, frozenset())
            values = browser.facet_values(facet, counts[facet], ticked)
            if len(values) > MOST_VALUES:
                values = [v for v in values[:MOST_VALUES]] + [v for v in values[MOST_VALUES:] if v in ticked]
            widget = self.query_one(f"#facet-{facet}", SelectionList)
            options = []
            # Room for a value's name and count beside the checkbox, and a scrollbar that the pane may show
            # once filled (before the pane is laid out: its usual width)
            room = widget.size.width - 6 if widget.size.width > 12 else PROMPT_WIDTH
            for value in values:
                name = labels.text(value, lang) if facet == "status" else browser.label(facet, value, lang)
                count = str(counts[facet].get(value, 0))
                prompt = Text.assemble(clipped(one_line(name), room - len(count) - 1), " ", (count, "dim"))
                options.append(Selection(prompt, value, value in ticked))
            highlighted = widget.highlighted
            with widget.prevent(SelectionList.SelectedChanged):
                widget.clear_options()
                widget.add_options(options)
                if highlighted is not None and options:
                    widget.highlighted = min(highlighted, len(options) - 1)
            widget.display = bool(options)
            self.query_one(f"#label-{facet}", Label).display = bool(options)
        self.query_one("#label-years", Label).update(labels.text("years", lang))
        self.query_one("#years", Input).placeholder = labels.text("years_hint", lang)

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled) -> None:
        event.stop()
        facet = (event.selection_list.id or "").removeprefix("facet-")
        self.post_message(self.Changed(facet, str(event.selection.value)))
