"""Changing one paper of a catalogue file by splicing its text, so that the rest stays byte for byte.

Why text splicing and not a round-trip YAML library: ruamel.yaml keeps comments, but it re-emits
the whole document with one indentation setting, one line width and its own idea of where a
folded scalar breaks, so a hand-kept file (lists indented four under a key, two under a dash;
summaries folded at 100 columns) comes back changed in places nobody edited. Here the parser
(PyYAML's composer, which we already use) only *locates* things: the ``papers:`` list, each
entry's lines, each field's lines. New text is written for the one entry or field that changes;
every other byte is copied. Every result is parsed again and compared with what was meant (the
other papers must parse to exactly what they were), so a splice that went wrong is refused
instead of written.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import SoraRefsError


class SpliceError(SoraRefsError):
    """The file's layout does not let one paper be changed on its own (e.g. a flow-style list)."""


@dataclass(frozen=True)
class Span:
    """Lines ``first`` to ``last`` (0-based, inclusive) of the file."""

    first: int
    last: int


@dataclass(frozen=True)
class Entry:
    """Where one paper is in the file."""

    span: Span
    """Its lines, from the dash to its last line of content (comments after it belong to the gap)."""
    dash: int
    """Column of its ``-``."""
    indent: int
    """Column of its keys."""
    fields: dict[str, Span]
    """Each key's lines."""
    key: str | None
    """Its citekey, where it has one."""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_gap(line: str, column: int) -> bool:
    """Blank, or a comment no deeper than ``column``: such a line after an entry is not part of it."""
    stripped = line.strip()
    return not stripped or (stripped.startswith("#") and _indent(line) <= column)


class CatalogueText:
    """A catalogue file's text, with its papers located."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.splitlines(keepends=True)
        self.entries: list[Entry] = []
        self.papers_line: int | None = None
        """The line of ``papers:``."""
        self.papers_flow_empty = False
        """True for ``papers: []`` (or ``papers:`` with nothing), which an append turns into a block list."""
        self._newlines: list[int] | None = None
        self._locate()

    # -- locating -------------------------------------------------------------------------

    def _locate(self) -> None:
        import yaml

        try:
            root = yaml.compose(self.text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as error:
            raise SpliceError(f"the catalogue is not valid YAML ({error})") from None
        if root is None:
            return
        if not isinstance(root, yaml.MappingNode):
            raise SpliceError("the catalogue is not a mapping of catalogue:, sections:, categories:, papers:")
        for key_node, value in root.value:
            if key_node.value != "papers":
                continue
            self.papers_line = key_node.start_mark.line
            if isinstance(value, yaml.ScalarNode) and value.value in ("", "~", "null"):
                self.papers_flow_empty = True
                return
            if not isinstance(value, yaml.SequenceNode):
                raise SpliceError("'papers:' is not a list")
            if value.flow_style:
                if value.value:
                    raise SpliceError(
                        "the papers are written as a flow list ([...]); sora-refs edits only the "
                        "block form (one '- key: ...' entry after another)"
                    )
                self.papers_flow_empty = True
                return
            items = value.value
            starts = [self._dash_of(item) for item in items]
            for number, item in enumerate(items):
                if not isinstance(item, yaml.MappingNode) or item.flow_style:
                    raise SpliceError(
                        f"paper #{number + 1} is not a block mapping; sora-refs cannot edit it on its own"
                    )
                line, dash = starts[number]
                limit = starts[number + 1][0] if number + 1 < len(items) else self._end_of_list(line, dash)
                last = self._trim(line, limit - 1, dash)
                indent = item.start_mark.column
                fields: dict[str, Span] = {}
                pairs = item.value
                for index, (name, _) in enumerate(pairs):
                    first = name.start_mark.line
                    end = pairs[index + 1][0].start_mark.line - 1 if index + 1 < len(pairs) else last
                    fields[str(name.value)] = Span(first, self._trim(first, end, indent))
                key = next((v.value for k, v in pairs if k.value == "key" and isinstance(v, yaml.ScalarNode)), None)
                self.entries.append(Entry(Span(line, last), dash, indent, fields, key))
            return

    def _dash_of(self, item: Any) -> tuple[int, int]:
        """Line and column of the ``-`` that opens ``item``."""
        index = item.start_mark.index - 1
        text = self.text
        while index >= 0 and text[index] in " \t\r\n":
            index -= 1
        if index < 0 or text[index] != "-":
            raise SpliceError(f"cannot find the '-' of the paper at line {item.start_mark.line + 1}")
        if self._newlines is None:  # where each "\n" is, once: counting them per paper was quadratic
            self._newlines = [found.start() for found in re.finditer("\n", text)]
        line = bisect.bisect_left(self._newlines, index)
        column = index - (text.rfind("\n", 0, index) + 1)
        return line, column

    def _end_of_list(self, line: int, dash: int) -> int:
        """The first line after the last entry that is content at the list's level (or the end)."""
        for number in range(line + 1, len(self.lines)):
            text = self.lines[number]
            if text.strip() and not text.lstrip().startswith("#") and _indent(text) <= dash:
                return number
        return len(self.lines)

    def _trim(self, first: int, last: int, column: int) -> int:
        while last > first and _is_gap(self.lines[last], column):
            last -= 1
        return last

    # -- finding --------------------------------------------------------------------------

    def index_of(self, key: str) -> int:
        """The position of the paper with citekey ``key``."""
        for number, entry in enumerate(self.entries):
            if entry.key == key:
                return number
        raise SpliceError(f"no paper with key {key!r} in the file")

    def entry_text(self, index: int) -> str:
        """The paper's lines as a standalone YAML mapping (dash removed, dedented): what an editor shows."""
        entry = self.entries[index]
        body = self._body(entry)
        return "".join(_dedent(line, entry.indent) for line in body)

    def _body(self, entry: Entry) -> list[str]:
        lines = self.lines[entry.span.first : entry.span.last + 1]
        first = lines[0]
        lines[0] = first[: entry.dash] + " " + first[entry.dash + 1 :]
        if not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        return lines

    # -- changing -------------------------------------------------------------------------

    def _splice(self, first: int, last: int, new: Sequence[str]) -> str:
        return "".join(self.lines[:first]) + "".join(new) + "".join(self.lines[last + 1 :])

    def replace_entry(self, index: int, mapping_text: str) -> str:
        """The file with paper ``index`` replaced by ``mapping_text`` (a mapping, as :meth:`entry_text` gives)."""
        entry = self.entries[index]
        lines = _with_dash(_indented(mapping_text, entry.indent), entry.dash)
        if entry.span.last == len(self.lines) - 1 and not self.lines[-1].endswith("\n"):
            lines[-1] = lines[-1].rstrip("\n")
        return self._splice(entry.span.first, entry.span.last, lines)

    def replace_entries(self, texts: dict[int, str], after_last: str = "") -> str:
        """The file with each paper ``index`` replaced by ``texts[index]``: :meth:`replace_entry` for many at
        once; ``after_last`` (list items, as the file lays them out) goes after the last paper."""
        lines = list(self.lines)
        if after_last and self.entries:
            at = self.entries[-1].span.last + 1
            if not lines[at - 1].endswith("\n"):
                lines[at - 1] += "\n"
            lines[at:at] = [after_last]
        for index in sorted(texts, reverse=True):  # from the end: the spans before stay where they are
            entry = self.entries[index]
            new = _with_dash(_indented(texts[index], entry.indent), entry.dash)
            if entry.span.last == len(self.lines) - 1 and not self.lines[-1].endswith("\n") and not after_last:
                new[-1] = new[-1].rstrip("\n")
            lines[entry.span.first : entry.span.last + 1] = new
        return "".join(lines)

    def remove_entry(self, index: int) -> str:
        """The file without paper ``index`` (and without one blank line that separated it)."""
        entry = self.entries[index]
        first, last = entry.span.first, entry.span.last
        before = self.lines[first - 1] if first > 0 else None
        after = self.lines[last + 1] if last + 1 < len(self.lines) else None
        if (
            after is not None
            and not after.strip()
            and (before is None or not before.strip() or index + 1 < len(self.entries))
        ):
            last += 1  # the blank line that followed it
        elif before is not None and not before.strip() and after is None:
            first -= 1
        return self._splice(first, last, [])

    def set_field(self, index: int, name: str, field_text: str | None, order: Sequence[str]) -> str:
        """The file with one field of paper ``index`` replaced, added (in ``order``) or removed (None).

        ``field_text`` is the field as a one-key mapping at column 0 (``tags: [a, b]\\n``).
        """
        entry = self.entries[index]
        body = self._body(entry)
        base = entry.span.first
        new = _indented(field_text, entry.indent) if field_text is not None else []
        span = entry.fields.get(name)
        if span is not None:
            start, stop = span.first - base, span.last - base
            body[start : stop + 1] = new
        elif new:
            position = self._insert_at(entry, name, order) - base
            body[position:position] = new
        else:
            return self.text
        if not any(line.strip() and not line.lstrip().startswith("#") for line in body):
            raise SpliceError("a paper cannot be left without fields")
        lines = _with_dash(body, entry.dash)
        if entry.span.last == len(self.lines) - 1 and not self.lines[-1].endswith("\n"):
            lines[-1] = lines[-1].rstrip("\n")
        return self._splice(entry.span.first, entry.span.last, lines)

    def _insert_at(self, entry: Entry, name: str, order: Sequence[str]) -> int:
        """The line before which a new field ``name`` goes: after the last field that precedes it in ``order``."""
        rank = {field: number for number, field in enumerate(order)}
        mine = rank.get(name, len(order))
        before = [span for field, span in entry.fields.items() if rank.get(field, len(order)) <= mine]
        if before:
            return max(span.last for span in before) + 1
        return min(span.first for span in entry.fields.values())

    def blank_before(self, entry: Entry) -> bool:
        """True when a blank line (perhaps followed by comments) separates ``entry`` from what precedes it."""
        number = entry.span.first - 1
        while number >= 0 and self.lines[number].lstrip().startswith("#"):
            number -= 1
        return number >= 0 and not self.lines[number].strip()

    def append_entry(self, mapping_text: str) -> str:
        """The file with a new paper at the end of the list, laid out like the others."""
        if self.entries:
            last = self.entries[-1]
            dash, indent = last.dash, last.indent
            spaced = len(self.entries) > 1 and self.blank_before(self.entries[-1])
        else:
            dash, indent, spaced = 0, 2, False
        lines = _with_dash(_indented(mapping_text, indent), dash)
        if self.entries:
            at = self.entries[-1].span.last + 1
            head = "".join(self.lines[:at])
            if not head.endswith("\n"):
                head += "\n"
            return head + ("\n" if spaced else "") + "".join(lines) + "".join(self.lines[at:])
        if self.papers_line is None:
            text = self.text
            if text and not text.endswith("\n"):
                text += "\n"
            return text + "papers:\n" + "".join(lines)
        line = self.lines[self.papers_line]
        opened = re.sub(r"^papers:[ \t]*(\[[ \t]*\]|~|null)?", "papers:", line)
        if not opened.endswith("\n"):
            opened += "\n"
        return (
            "".join(self.lines[: self.papers_line])
            + opened
            + "".join(lines)
            + "".join(self.lines[self.papers_line + 1 :])
        )


def _dedent(line: str, column: int) -> str:
    if not line.strip():
        return "\n" if line.endswith("\n") else ""
    return line[min(column, _indent(line)) :]


def _indented(text: str, column: int) -> list[str]:
    pad = " " * column
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return [pad + line if line.strip() else "\n" for line in lines]


def _with_dash(lines: list[str], dash: int) -> list[str]:
    """Put the entry's ``-`` at column ``dash`` of its first line of content."""
    out = list(lines)
    for number, line in enumerate(out):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            if _indent(line) < dash + 2:
                raise SpliceError("the entry's first field is not indented past its '-'")
            out[number] = line[:dash] + "-" + line[dash + 1 :]
            return out
    raise SpliceError("a paper needs at least one field")


def as_list_item(mapping_text: str, dash: int = 0) -> str:
    """A mapping's text as an item of the papers list (``- key: ...``), as the file would hold it."""
    return "".join(_with_dash(_indented(mapping_text, dash + 2), dash))
