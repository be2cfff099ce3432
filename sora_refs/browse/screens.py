"""Screens over the browser: the key help (``?``) and the tag prompt."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from . import labels
from .safe import one_line

if TYPE_CHECKING:
    from textual.app import ComposeResult

HELP = {
    "en": [
        (
            "Search",
            [
                ("type", "search as you type (same language as sora-refs search)"),
                ("enter / ↓", "go to the list"),
                ("/", "back to the search box"),
                ("esc", "back to the list; clear the search"),
            ],
        ),
        (
            "List",
            [
                ("↑ ↓ pgup pgdn home end", "move"),
                ("enter / click", "details"),
                ("s / click a column", "sort (again: reverse)"),
                ("f", "show or hide the filters"),
            ],
        ),
        (
            "Views",
            [("1", "list"), ("2", "mind map (enter on a paper shows it)"), ("3", "statistics"), ("4", "timeline")],
        ),
        (
            "Paper",
            [
                ("b", "copy BibTeX"),
                ("c", "copy the citekey"),
                ("o", "open the landing page"),
                ("p", "open the PDF (the downloaded file first)"),
                ("d", "download the PDF"),
                ("m", "reading status: to read → reading → read → unmarked"),
                ("n", "edit your note ($EDITOR)"),
                ("t", "tags"),
                ("e", "edit the entry ($EDITOR)"),
            ],
        ),
        ("App", [("l", "English / 中文"), ("ctrl+t", "light / dark"), ("?", "this help"), ("q", "quit")]),
    ],
    "zh": [
        (
            "搜索",
            [
                ("输入", "边输入边搜索（与 sora-refs search 相同的查询语言）"),
                ("enter / ↓", "进入列表"),
                ("/", "回到搜索框"),
                ("esc", "回到列表；清空搜索"),
            ],
        ),
        (
            "列表",
            [
                ("↑ ↓ pgup pgdn home end", "移动"),
                ("enter / 点击", "详情"),
                ("s / 点击列名", "排序（再按：倒序）"),
                ("f", "显示或隐藏筛选"),
            ],
        ),
        ("视图", [("1", "列表"), ("2", "思维导图（在论文上按 enter 显示）"), ("3", "统计"), ("4", "时间线")]),
        (
            "论文",
            [
                ("b", "复制 BibTeX"),
                ("c", "复制引用键"),
                ("o", "打开主页"),
                ("p", "打开 PDF（优先已下载的文件）"),
                ("d", "下载 PDF"),
                ("m", "阅读状态：待读 → 在读 → 已读 → 未标记"),
                ("n", "编辑笔记（$EDITOR）"),
                ("t", "标签"),
                ("e", "编辑条目（$EDITOR）"),
            ],
        ),
        ("应用", [("l", "English / 中文"), ("ctrl+t", "浅色 / 深色"), ("?", "本帮助"), ("q", "退出")]),
    ],
}


class HelpScreen(ModalScreen[None]):
    """Every key, grouped, in the current language."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; max-width: 90; height: 90%; border: round $accent;
        background: $surface; padding: 0 1; }
    """

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for group, keys in HELP.get(self.lang, HELP["en"]):
            table.add_row(Text(group, style="bold underline"), "")
            for key, what in keys:
                table.add_row(key, what)
            table.add_row("", "")
        with VerticalScroll() as scroll:
            scroll.border_title = labels.text("help_title", self.lang)
            yield Static(table)

    def on_click(self) -> None:
        self.dismiss()


class TagScreen(ModalScreen["str | None"]):
    """Asks for tags: words add, ``-word`` removes; Enter confirms, Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    TagScreen { align: center middle; }
    TagScreen > Vertical { width: 70; max-width: 95%; height: auto; border: round $accent; background: $surface;
        padding: 0 1; }
    """

    def __init__(self, prompt: str, current: str) -> None:
        super().__init__()
        self.prompt = prompt
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(one_line(self.prompt)))  # names a paper's key: shown, never markup
            yield Input(value=self.current, id="tags")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


def parse_tags(text: str, current: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """What to add and remove: the words typed replace ``current``; ``-word`` removes explicitly."""
    add, remove = [], []
    wanted = set()
    for word in text.replace(",", " ").split():
        if word.startswith("-") and len(word) > 1:
            remove.append(word[1:].lower())
        else:
            wanted.add(word.lower())
            if word.lower() not in current:
                add.append(word.lower())
    remove += [t for t in current if t not in wanted and t not in remove]
    return add, remove
