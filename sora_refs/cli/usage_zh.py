"""Errors said in Chinese under ``--lang zh``: click's own usage errors and the library's usual ones.

click builds its messages in English (through gettext, with no Chinese catalogue), so the error is
said again here from its kind and its parts: the option, the parameter, the value and the choices
it names. A message this module does not know keeps its English words inside a Chinese frame
(用法 / 错误), which is still better than a half-translated sentence.
"""

from __future__ import annotations

import re
from typing import Any

import click

from ..text import escape_unsafe
from .hints import lang_of

WHAT = {
    "category": "类别",
    "section": "板块",
    "venue": "出处",
    "tag": "标签",
    "field": "字段",
    "export format": "导出格式",
    "reading status": "阅读状态",
    "format": "格式",
    "key": "键",
}
"""The things a value can be unknown as (``unknown category 'x'``), as the Chinese labels name them."""

_NUMBER = {"integer": "整数", "float": "数字", "integer range": "整数", "float range": "数字"}

_PATTERNS: list[tuple[re.Pattern[str], Any]] = []


def _rule(pattern: str) -> Any:
    def register(build: Any) -> Any:
        _PATTERNS.append((re.compile(pattern, re.S), build))
        return build

    return register


def _list(text: str) -> str:
    return "、".join(part.strip() for part in text.split(", "))


@_rule(r"^Option '(?P<option>[^']+)' requires an argument\.$")
def _requires_one(m: re.Match[str]) -> str:
    return f"选项 '{m['option']}' 需要一个值。"


@_rule(r"^Option '(?P<option>[^']+)' requires (?P<n>\d+) arguments\.$")
def _requires_n(m: re.Match[str]) -> str:
    return f"选项 '{m['option']}' 需要 {m['n']} 个值。"


@_rule(r"^Option '(?P<option>[^']+)' does not take a value\.$")
def _no_value(m: re.Match[str]) -> str:
    return f"选项 '{m['option']}' 不接受值。"


@_rule(r"^Missing (?P<kind>argument|option|parameter):? (?P<name>.+?)\.?$")
def _missing(m: re.Match[str]) -> str:
    kind = {"argument": "参数", "option": "选项", "parameter": "参数"}[m["kind"]]
    return f"缺少{kind} {m['name']}。"


@_rule(r"^Missing command\.$")
def _missing_command(m: re.Match[str]) -> str:
    return "缺少命令。运行 'sora-refs --help' 查看所有命令。"


@_rule(r"^Got unexpected extra arguments? \((?P<args>.*)\)$")
def _extra(m: re.Match[str]) -> str:
    return f"多余的参数：{m['args']}"


@_rule(r"^No such command '(?P<name>[^']*)'\.(?: Did you mean '(?P<guess>[^']*)'\?)? Try 'sora-refs --help'\.$")
def _no_such_command(m: re.Match[str]) -> str:
    guess = f"您是想输入 '{m['guess']}' 吗？" if m["guess"] else ""
    return f"没有 '{m['name']}' 这个命令。{guess}运行 'sora-refs --help' 查看所有命令。"


@_rule(r"^Invalid value for (?P<param>.+?): (?P<detail>.*)$")
def _invalid(m: re.Match[str]) -> str:
    return f"{m['param']} 的值无效：{say(m['detail'])}"


@_rule(r"^Invalid value: (?P<detail>.*)$")
def _invalid_bare(m: re.Match[str]) -> str:
    return f"值无效：{say(m['detail'])}"


@_rule(r"^(?P<value>'.*') is not one of (?P<choices>.*?)\.(?:\s+Did you mean (?P<guess>.*)\?)?$")
def _not_one_of(m: re.Match[str]) -> str:
    text = f"{m['value']} 不是 {_list(m['choices'])} 之一。"
    if m["guess"]:
        text += f"您是想输入 {m['guess'].replace(' or ', ' 或 ')} 吗？"
    return text


@_rule(r"^(?P<value>'.*'|\S+) is not a valid (?P<kind>integer range|float range|integer|float)\.$")
def _not_a_number(m: re.Match[str]) -> str:
    return f"{m['value']} 不是有效的{_NUMBER[m['kind']]}。"


@_rule(r"^(?P<value>\S+) is not in the range (?P<range>.+)\.$")
def _out_of_range(m: re.Match[str]) -> str:
    return f"{m['value']} 不在范围 {m['range']} 内。"


@_rule(r"^(?:File|Path|Directory|file|path|directory) (?P<name>'.*') does not exist\.$")
def _no_file(m: re.Match[str]) -> str:
    return f"文件 {m['name']} 不存在。"


@_rule(r"^(?:File|Path|file|path) (?P<name>'.*') is a directory\.$")
def _is_directory(m: re.Match[str]) -> str:
    return f"{m['name']} 是一个目录，这里需要文件。"


@_rule(r"^unknown (?P<what>[a-z ]+?) (?P<value>'.*?'|\".*?\")(?:; (?P<rest>.*))?$")
def _unknown(m: re.Match[str]) -> str:
    what = WHAT.get(m["what"], m["what"])
    return f"未知的{what} {m['value']}" + (f"；{_hint(m['rest'])}" if m["rest"] else "")


@_rule(r"^unknown field '(?P<name>[^']*)' in the query; (?P<rest>.*)$")
def _unknown_field(m: re.Match[str]) -> str:
    rest = m["rest"]
    fields = re.fullmatch(r"fields are (?P<fields>.*); quote the term to search for it as text", rest)
    if fields:
        rest = f"可用的字段：{' '.join(fields['fields'].split(', '))}；要把它当作文字搜索，请给它加引号"
    else:
        rest = _hint(rest)
    return f"查询中没有 '{m['name']}' 这个字段；{rest}"


@_rule(r"^'(?P<term>[^']*)' has no value: write (?P<field>\w+):VALUE, e\.g\. (?P<example>.*)$")
def _no_value_in_query(m: re.Match[str]) -> str:
    return f"'{m['term']}' 没有值：请写成 {m['field']}:值，例如 {m['example']}"


@_rule(r"^invalid year or range (?P<value>.*): expected (?P<forms>.*)$")
def _bad_year(m: re.Match[str]) -> str:
    return f"无效的年份或范围 {m['value']}：应写成 {m['forms'].replace(', ', '、').replace(' or ', ' 或 ')}"


@_rule(r"^invalid year range (?P<value>.*): (?P<low>\d+) comes after (?P<high>\d+)$")
def _reversed_years(m: re.Match[str]) -> str:
    return f"无效的年份范围 {m['value']}：{m['low']} 在 {m['high']} 之后"


@_rule(r"^cannot sort by (?P<value>.*): expected one of (?P<keys>.*)$")
def _bad_sort(m: re.Match[str]) -> str:
    return f"无法按 {m['value']} 排序：可选 {_list(m['keys'])}"


@_rule(r"^cannot write (?P<path>.+?): (?P<why>[^:;]+); nothing written$")
def _cannot_write(m: re.Match[str]) -> str:
    return f"无法写入 {m['path']}：{OS_ERRORS.get(m['why'], m['why'])}；未写入任何内容"


OS_ERRORS = {
    "no such file or directory": "没有该文件或目录",
    "permission denied": "权限不足",
    "no space left on device": "设备上没有剩余空间",
    "is a directory": "是一个目录",
    "not a directory": "不是目录",
    "read-only file system": "文件系统为只读",
    "disk quota exceeded": "超出磁盘配额",
    "input/output error": "输入/输出错误",
}
"""The operating system's usual reasons, as ``writing.describe_error`` words them."""

SENTENCES = {
    'unclosed quote in the query: a phrase needs a closing "': '查询中的引号没有闭合：短语需要一个结尾的 "',
    "empty query: give words to search for, e.g. 'diffusion' or 'author:ho year:2020-'": (
        "查询为空：请给出要搜索的词，例如 'diffusion' 或 'author:ho year:2020-'"
    ),
    "a lone '-' in the query: write -word to leave out papers that match word": (
        "查询中有一个单独的 '-'：写成 -词 可排除含该词的论文"
    ),
    "brackets are not supported: words AND by default, and OR joins the two words next to it (gan OR rnn)": (
        "不支持括号：词与词之间默认为 AND，OR 连接它两侧的两个词（gan OR rnn）"
    ),
    "an empty phrase in the query": "查询中有一个空短语",
    "NOT twice in a row": "连续出现了两个 NOT",
    "NOT needs a term after it": "NOT 后面需要一个词",
    "AND needs a term on each side": "AND 两侧都需要一个词",
    "OR needs a term on each side (gan OR rnn)": "OR 两侧都需要一个词（gan OR rnn）",
    "a -term cannot be one side of OR; write it as a separate term": "-词 不能作为 OR 的一侧；请把它写成单独的一项",
    "limit must be zero or more": "数量上限必须大于或等于 0",
}
"""Whole sentences of the library that take no values."""


def _hint(text: str) -> str:
    """The second half of a library "unknown ...;" message: a guess, the known values, or advice."""
    guess = re.fullmatch(r"did you mean (?P<guess>.+)\?", text)
    if guess:
        return f"您是想输入 {guess['guess']} 吗？"
    known = re.fullmatch(r"(?P<label>known|allowed|expected one of|use one of):? (?P<values>.*)", text)
    if known:
        return f"{'可用的值' if known['label'] != 'allowed' else '允许的值'}：{_list(known['values'])}"
    if text == "no paper has it":
        return "没有论文带有它"
    return text


def say(text: str) -> str:
    """``text`` (an English error message) in Chinese where its form is known, else unchanged.

    Only the first line is words; lines after it (a query with the bad part underlined) stay.
    """
    first, newline, rest = text.partition("\n")
    if first in SENTENCES:
        return SENTENCES[first] + newline + rest
    for pattern, build in _PATTERNS:
        match = pattern.match(first)
        if match:
            return str(build(match)) + newline + rest
    return text


def _said(error: click.ClickException) -> str:
    if isinstance(error, click.NoSuchOption) and error.option_name:  # its parts, not click's wording of them
        text = f"没有 '{error.option_name}' 这个选项。"
        guesses = sorted(error.possibilities or ())
        if guesses:
            text += f"您是想输入 {' 或 '.join(repr(g) for g in guesses)} 吗？"
        return text
    return say(error.format_message())


class ChineseError(click.ClickException):
    """A click or library error on its way to a user who asked for Chinese."""

    def __init__(self, error: click.ClickException) -> None:
        super().__init__(error.format_message())
        self.original = error
        self.exit_code = error.exit_code  # type: ignore[misc]

    def show(self, file: Any = None) -> None:
        if getattr(self.original, "quiet", False):  # a reader that left the pipe: nothing to say
            return
        ctx = getattr(self.original, "ctx", None)
        lines = []
        if isinstance(self.original, click.UsageError) and ctx is not None:
            lines.append(ctx.get_usage().replace("Usage: ", "用法：", 1))
            if ctx.command.get_help_option(ctx) is not None:
                lines.append(f"运行 '{ctx.command_path} --help' 查看帮助。")
            lines.append("")
        lines.append(f"错误：{escape_unsafe(_said(self.original))}")
        click.echo("\n".join(lines), err=True)


def in_language(error: click.ClickException, ctx: click.Context | None) -> click.ClickException:
    """``error`` as the user's language says it: itself in English, a :class:`ChineseError` in Chinese."""
    if isinstance(error, ChineseError) or lang_of(ctx) != "zh":
        return error
    return ChineseError(error)
