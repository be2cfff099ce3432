"""The list of papers: a virtual widget that renders only the rows on screen.

A Textual ``DataTable`` builds every row up front (seconds for 100,000 papers); this widget
keeps the positions of the papers listed and draws each visible line from them on demand, so
scrolling and replacing the list cost the same for 30 papers as for 100,000.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from ..names import family_name
from ..search import highlight_spans
from . import labels
from .safe import one_line

if TYPE_CHECKING:
    from ..models import Paper

STATUS_MARKS = {"to-read": "○", "reading": "◐", "read": "●"}
"""How the reading status shows in the list's first column."""

# (column, sort key or None, width or 0 for the flexible title column, justify)
COLUMNS: tuple[tuple[str, str | None, int, str], ...] = (
    ("status", None, 1, "left"),
    ("ref", "ref", 4, "right"),
    ("title", "title", 0, "left"),
    ("authors", "author", 16, "left"),
    ("venue", "venue", 9, "left"),
    ("year", "year", 4, "right"),
)


def visible_columns(width: int) -> list[tuple[str, str | None, int, str]]:
    """The columns that fit ``width`` cells: authors and venue give way before the title does."""
    columns = list(COLUMNS)
    for dropped in ("authors", "venue"):
        fixed = sum(c[2] + 1 for c in columns if c[2])
        if width - fixed >= 24:
            break
        columns = [c for c in columns if c[0] != dropped]
    return columns


def column_widths(width: int) -> list[tuple[str, str | None, int, str]]:
    """Visible columns with the title's width filled in."""
    columns = visible_columns(width)
    fixed = sum(c[2] + 1 for c in columns if c[2])
    return [(name, sort, size or max(8, width - fixed), justify) for name, sort, size, justify in columns]


def short_authors(paper: Paper, lang: str) -> str:
    """``Ho, Salimans`` or ``Vaswani et al.`` (as ``sora-refs list``)."""
    names = [family_name(a) for a in paper.authors]
    if len(names) <= 2:
        return ", ".join(names)
    return f"{names[0]} {labels.field('et_al', lang)}"


def cell(text: str | Text, width: int, justify: str = "left") -> Text:
    """``text`` cut or padded to exactly ``width`` cells (wide characters counted twice)."""
    value = text if isinstance(text, Text) else Text(text)
    value.no_wrap = True
    if value.cell_len > width:
        value.truncate(width, overflow="ellipsis")
    padding = width - value.cell_len
    if padding > 0:
        if justify == "right":
            value = Text(" " * padding) + value
        else:
            value.pad_right(padding)
    return value


class ListHeader(Widget):
    """Column names above the list; clicking one sorts by it (again: reverses)."""

    DEFAULT_CSS = """
    ListHeader { height: 1; background: $panel; color: $text; text-style: bold; }
    """

    class SortClicked(Message):
        def __init__(self, sort: str) -> None:
            super().__init__()
            self.sort = sort

    sort = reactive("relevance")
    reverse = reactive(False)
    lang = reactive("en")

    def render(self) -> Text:
        line = Text(no_wrap=True)
        for name, sort, width, justify in column_widths(self.size.width):
            title = "" if name == "status" else labels.field(name, self.lang)
            if sort is not None and sort == self.sort:
                title += " ▼" if self.reverse else " ▲"
            line.append_text(cell(title, width, justify))
            line.append(" ")
        return line

    def on_click(self, event: events.Click) -> None:
        x = 0
        for _, sort, width, _ in column_widths(self.size.width):
            if x <= event.x < x + width + 1:
                if sort is not None:
                    self.post_message(self.SortClicked(sort))
                return
            x += width + 1


class PaperList(ScrollView, can_focus=True):
    """The papers listed, one line each, with a cursor; only visible lines are ever rendered."""

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("home,g", "jump(0)", "First", show=False),
        Binding("end,G", "jump(-1)", "Last", show=False),
        Binding("enter", "choose", "Details", key_display="⏎"),  # in the footer: below 100 columns details hide
    ]

    COMPONENT_CLASSES = {"paper-list--cursor", "paper-list--match", "paper-list--ref", "paper-list--dim"}

    DEFAULT_CSS = """
    PaperList { background: $surface; overflow-x: hidden; }
    PaperList > .paper-list--cursor { background: $block-cursor-blurred-background; }
    PaperList:focus > .paper-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground;
        text-style: bold; }
    PaperList > .paper-list--match { color: $text-warning; text-style: bold underline; }
    PaperList > .paper-list--ref { color: $text-accent; }
    PaperList > .paper-list--dim { color: $text-muted; }
    """

    class Highlighted(Message):
        """The cursor moved to another paper."""

        def __init__(self, index: int | None) -> None:
            super().__init__()
            self.index = index

    class Chosen(Message):
        """Enter or a click on the paper under the cursor: show its details."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    cursor = reactive(0, always_update=True)

    def __init__(
        self,
        papers: Sequence[Paper],
        *,
        name: str | None = None,
        id: str | None = None,  # noqa: A002
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.papers = papers
        self.rows: list[int] = []
        self.lang = "en"
        self.words: Callable[[int], set[str]] = lambda index: set()
        self.status_of: Callable[[str], str | None] = lambda key: None
        self._line_cache: dict[tuple[int, int, bool], Strip] = {}
        self._styles: dict[tuple[str, bool], Style] = {}
        self._theme = ""

    # -- content --------------------------------------------------------------------------------

    def show(self, rows: list[int], words: Callable[[int], set[str]], keep: int | None = None) -> None:
        """List ``rows`` (positions in the catalogue); keep the cursor on paper ``keep`` if still listed."""
        self.rows = rows
        self.words = words
        self._line_cache.clear()
        cursor = 0
        if keep is not None and rows:
            # Only look near the top: finding it among 100,000 rows is not worth a keystroke's time.
            try:
                cursor = rows.index(keep, 0, 5000)
            except ValueError:
                cursor = 0
        self.virtual_size = Size(self.size.width, len(rows))
        self.cursor = cursor
        self.scroll_to(y=max(0, cursor - self.size.height // 2), animate=False, immediate=True)
        self.refresh()

    def redraw(self) -> None:
        """Draw every visible line again (language, reading status or width changed)."""
        self._line_cache.clear()
        self.refresh()

    @property
    def current(self) -> int | None:
        """The catalogue position of the paper under the cursor."""
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def select_paper(self, index: int) -> bool:
        """Move the cursor to catalogue position ``index``, if listed."""
        try:
            self.cursor = self.rows.index(index)
        except ValueError:
            return False
        return True

    # -- cursor -----------------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        width = self.scrollable_content_region.width or self.size.width
        self._line_cache.pop((old, width, self.has_focus), None)
        self._line_cache.pop((new, width, self.has_focus), None)
        if not self._scroll_cursor_visible():
            # Only the two lines whose cursor changed: the others are the same cached strips, but
            # redrawing a whole screen of them still costs a few milliseconds per key.
            self.refresh_line(old)
            self.refresh_line(new)
        self.post_message(self.Highlighted(self.current))

    def _scroll_cursor_visible(self) -> bool:
        """Scroll so that the cursor's line shows; True if that scrolled (and so redraws everything)."""
        height = self.scrollable_content_region.height or 1
        top = round(self.scroll_y)
        if self.cursor < top:
            y = self.cursor
        elif self.cursor >= top + height:
            y = self.cursor - height + 1
        else:
            return False
        self.scroll_to(y=y, animate=False, immediate=True)
        self.refresh()
        return True

    def action_cursor(self, step: int) -> None:
        self.cursor += step

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, (self.scrollable_content_region.height or 1) - 1)

    def action_jump(self, where: int) -> None:
        self.cursor = where if where >= 0 else len(self.rows) - 1

    def action_choose(self) -> None:
        if self.current is not None:
            self.post_message(self.Chosen(self.current))

    def on_click(self, event: events.Click) -> None:
        row = round(self.scroll_y) + event.y
        if 0 <= row < len(self.rows):
            self.focus()
            already = row == self.cursor
            self.cursor = row
            if already or event.chain > 1:
                self.post_message(self.Chosen(self.rows[row]))

    def on_focus(self) -> None:
        self.redraw()

    def on_blur(self) -> None:
        self.redraw()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows))
        self.redraw()

    # -- drawing ------------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self.redraw()

    def _style(self, name: str) -> Style:
        """The row's base style (``""``), the cursor row's (``cursor``), or a part's (``match``, ``ref``, ``dim``)."""
        key = (name, self.has_focus)
        style = self._styles.get(key)
        if style is None:
            if not name:
                style = self.rich_style
            elif name == "cursor":
                style = self.rich_style + self.get_component_rich_style("paper-list--cursor")
            else:
                # The whole style (a colour like $text-muted is translucent: only the whole style has
                # it blended with the background), but only its colour and text style: the row's
                # background (the cursor's, say) stays.
                whole = self.get_component_rich_style(f"paper-list--{name}")
                style = Style(color=whole.color, bold=whole.bold, underline=whole.underline, italic=whole.italic)
            self._styles[key] = style
        return style

    def render_line(self, y: int) -> Strip:
        if self._theme != self.app.theme:  # styles and lines drawn in the old colours are of no use
            self._theme = self.app.theme
            self._styles.clear()
            self._line_cache.clear()
        row = round(self.scroll_y) + y
        width = self.scrollable_content_region.width or self.size.width
        if row >= len(self.rows):
            return Strip.blank(width, self._style(""))
        key = (row, width, self.has_focus)
        strip = self._line_cache.get(key)
        if strip is None:
            if len(self._line_cache) > 200:  # a few screens: a new list clears it anyway
                self._line_cache.clear()
            strip = self._line_cache[key] = self._render_row(row, width)
        return strip

    def _render_row(self, row: int, width: int) -> Strip:
        """One paper's line, built straight from segments (no rich ``Text`` to lay out: a keystroke redraws
        every visible line)."""
        index = self.rows[row]
        paper = self.papers[index]
        words = self.words(index)
        on_cursor = row == self.cursor
        base = self._style("cursor" if on_cursor else "")
        match = base + self._style("match")
        ref, dim = (base, base) if on_cursor else (base + self._style("ref"), base + self._style("dim"))
        segments: list[Segment] = []
        space = Segment(" ", base)
        for name, _, size, justify in column_widths(width):
            style, marked = base, False
            if name == "status":
                value = STATUS_MARKS.get(self.status_of(paper.key) or "", " ")
            elif name == "ref":
                value, style = "" if paper.ref is None else str(paper.ref), ref
            elif name == "title":
                value, marked = one_line(paper.title), bool(words)
            elif name == "authors":
                value, marked = one_line(short_authors(paper, self.lang)), bool(words)
            elif name == "venue":
                value, style = one_line(paper.venue or ""), dim
            else:
                value = "" if paper.year is None else str(paper.year)
            fitted, shift, shown = fit(value, size, justify)
            position = 0
            if marked:
                for start, end in highlight_spans(value, words):
                    start, end = min(start, shown) + shift, min(end, shown) + shift
                    if start >= end:
                        continue
                    if start > position:
                        segments.append(Segment(fitted[position:start], style))
                    segments.append(Segment(fitted[start:end], match))
                    position = end
            segments.append(Segment(fitted[position:] if position else fitted, style))
            segments.append(space)
        return Strip(segments).crop_extend(0, width, base)


def fit(text: str, width: int, justify: str = "left") -> tuple[str, int, int]:
    """``text`` cut (ending in "…") or padded to exactly ``width`` cells, wide characters counted twice.

    Returns the fitted text, where ``text`` starts in it (after right-justifying spaces), and how
    many of ``text``'s characters are shown.
    """
    size = len(text) if text.isascii() else cell_len(text)
    if size > width:
        if width < 2:
            return set_cell_size(text, width), 0, width
        cut = set_cell_size(text, width - 1)  # a wide character cut in half becomes a space
        return cut + "…", 0, len(cut) if text.startswith(cut) else len(cut) - 1
    padding = " " * (width - size)
    return (padding + text, len(padding), len(text)) if justify == "right" else (text + padding, 0, len(text))
