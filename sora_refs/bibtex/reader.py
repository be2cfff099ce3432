"""Reading .bib text as BibTeX and biber read it: macros, ``#``, comments, crossref and xdata.

Our own reader rather than bibtexparser's: bibtexparser 2 keeps ``conf # "Systems"`` as
literal text, knows no month macros, reads ``% @article{...}`` as an entry and cannot share
macros between files; it is also four times slower on a large file. The grammar is small:

* outside an entry everything is a comment; a ``%`` starts a comment up to the end of the line
  (biber's rule; the ``%``-commented entries people leave in their files are not read);
* ``@string{name = value}`` defines a macro, case-blind; ``jan`` ... ``dec`` are predefined;
* a value is ``{braced}``, ``"quoted"``, a number or a macro name, joined by ``#``;
* ``@comment``, ``@preamble`` are skipped; ``@xdata`` entries only lend their fields;
* ``crossref`` and ``xdata`` fields are resolved after all files are read: the child gets
  every field it lacks from its parent (a parent's ``title`` becomes the child's ``booktitle``).

Values keep their LaTeX; :mod:`.to_paper` decodes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""What BibTeX's predefined ``jan`` ... ``dec`` macros expand to."""
MONTH_MACROS = {name[:3].lower(): name for name in MONTHS}

_AT = re.compile(r"[@%]")
_TYPE = re.compile(r"@[ \t]*([A-Za-z][\w-]*)\s*([{(])")
_SPACE = re.compile(r"(?:\s+|%[^\n]*)*")
_KEY = re.compile(r"\s*([^,\s{}]*)\s*")
_NAME = re.compile(r"([^\s=,{}\"#%()]+)\s*=\s*")
_MACRO = re.compile(r"[A-Za-z_][^\s=,{}\"#%()]*")
_NUMBER = re.compile(r"\d+")
_BRACES = re.compile(r"[{}]")
_QUOTED = re.compile(r'[{}"]')
_NEXT_ENTRY = re.compile(r"\n[ \t]*@")


@dataclass(frozen=True, slots=True)
class RawEntry:
    """One entry as read: lower-case type and field names, values with their LaTeX."""

    type: str
    """Entry type, lower case."""
    key: str
    """Citekey as written."""
    fields: dict[str, str]
    """Field values by lower-case name, in the file's order."""
    line: int
    """1-based line where the entry starts."""
    source: str = ""
    """The file it came from."""


@dataclass(frozen=True, slots=True)
class RawProblem:
    """Something a reader of the file should know: a block skipped, a macro undefined."""

    line: int | None
    key: str | None
    message: str
    source: str = ""

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else "somewhere"
        return f"{where}" + (f" (entry {self.key})" if self.key else "") + f": {self.message}"


@dataclass
class Reading:
    """Everything read so far from one or more files sharing their macros."""

    entries: list[RawEntry] = field(default_factory=list)
    problems: list[RawProblem] = field(default_factory=list)
    macros: dict[str, str] = field(default_factory=lambda: dict(MONTH_MACROS))
    """Macro name (lower case) -> value."""
    xdata: dict[str, RawEntry] = field(default_factory=dict)
    """``@xdata`` entries by lower-case key: they lend fields and are not papers."""
    inherited: dict[str, str] = field(default_factory=dict)
    """Entry key -> the parent its missing fields came from (crossref or xdata)."""


class _Bad(Exception):
    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


class _Reader:
    def __init__(self, text: str, source: str, reading: Reading) -> None:
        self.text = text
        self.source = source
        self.reading = reading
        self._line_at = 0
        self._line = 1

    def line(self, position: int) -> int:
        # Entries come in file order, so the count moves forward only.
        if position < self._line_at:
            return self.text.count("\n", 0, position) + 1
        self._line += self.text.count("\n", self._line_at, position)
        self._line_at = position
        return self._line

    def problem(self, position: int | None, key: str | None, message: str) -> None:
        line = self.line(position) if position is not None else None
        self.reading.problems.append(RawProblem(line, key, message, self.source))

    def run(self) -> None:
        text, position = self.text, 0
        while True:
            found = _AT.search(text, position)
            if found is None:
                return
            if found.group() == "%":
                end = text.find("\n", found.start())
                if end < 0:
                    return
                position = end + 1
                continue
            start = found.start()
            head = _TYPE.match(text, start)
            if head is None:  # a stray "@" in free text, as BibTeX allows
                position = start + 1
                continue
            kind = head.group(1).lower()
            closer = "}" if head.group(2) == "{" else ")"
            try:
                if kind == "comment":
                    position = self.skip_group(head.end() - 1)
                elif kind == "preamble":
                    _, position = self.value(self.space(head.end()), None)
                    position = self.expect(self.space(position), closer)
                elif kind == "string":
                    position = self.string(head.end(), closer, start)
                else:
                    position = self.entry(kind, head.end(), closer, start)
            except _Bad as bad:
                first = text[start:].split("\n", 1)[0][:60]
                self.problem(start, None, f"cannot read this block ({bad.message}): {first!r}")
                resume = _NEXT_ENTRY.search(text, start + 1)
                position = resume.start() + 1 if resume else len(text)

    def space(self, position: int) -> int:
        return _SPACE.match(self.text, position).end()  # type: ignore[union-attr]

    def expect(self, position: int, char: str) -> int:
        if self.text.startswith(char, position):
            return position + 1
        found = self.text[position : position + 1] or "the end of the file"
        raise _Bad(f"expected {char!r}, found {found!r}", position)

    def skip_group(self, position: int) -> int:
        return self.braced(position)[1]

    def braced(self, position: int) -> tuple[str, int]:
        """The text inside the brace group opening at ``position``, and the position after it."""
        text, depth, cursor = self.text, 0, position
        while True:
            found = _BRACES.search(text, cursor)
            if found is None:
                raise _Bad("unbalanced braces: a { without its } (or the reverse)", position)
            depth += 1 if found.group() == "{" else -1
            cursor = found.end()
            if depth == 0:
                inner = text[position + 1 : cursor - 1]
                if _NEXT_ENTRY.search(inner):  # a value never spans the start of the next entry
                    raise _Bad("unbalanced braces: a { without its } (or the reverse)", position)
                return inner, cursor

    def quoted(self, position: int) -> tuple[str, int]:
        text, depth, cursor = self.text, 0, position + 1
        while True:
            found = _QUOTED.search(text, cursor)
            if found is None:
                raise _Bad('a " without its closing "', position)
            char = found.group()
            cursor = found.end()
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth < 0:
                    raise _Bad("unbalanced braces: a } without its {", found.start())
            elif depth == 0:
                inner = text[position + 1 : cursor - 1]
                if _NEXT_ENTRY.search(inner):
                    raise _Bad('a " without its closing "', position)
                return inner, cursor

    def value(self, position: int, key: str | None, name: str = "") -> tuple[str, int]:
        """A value with its ``#`` parts joined and macros expanded."""
        text, parts = self.text, []
        while True:
            char = text[position : position + 1]
            if char == "{":
                part, position = self.braced(position)
            elif char == '"':
                part, position = self.quoted(position)
            elif char.isdigit():
                number = _NUMBER.match(text, position)
                assert number is not None
                part, position = number.group(), number.end()
            else:
                macro = _MACRO.match(text, position)
                if macro is None:
                    raise _Bad(f"expected a value, found {char or 'the end of the file'!r}", position)
                position = macro.end()
                expanded = self.reading.macros.get(macro.group().lower())
                if expanded is not None:
                    part = expanded
                else:
                    what = f"field '{name}'" if name else "a value"
                    self.problem(
                        macro.start(),
                        key,
                        f"undefined macro '{macro.group()}' in {what}; kept as "
                        "its name (define it with @string, or give the file that does with --strings)",
                    )
                    part = macro.group()
            parts.append(part)
            position = self.space(position)
            if text.startswith("#", position):
                position = self.space(position + 1)
                continue
            return "".join(parts), position

    def string(self, position: int, closer: str, start: int) -> int:
        position = self.space(position)
        name = _NAME.match(self.text, position)
        if name is None:
            raise _Bad("expected name = value in @string", position)
        value, position = self.value(self.space(name.end()), None, name.group(1))
        self.reading.macros[name.group(1).lower()] = value
        position = self.space(position)
        if self.text.startswith(",", position):
            position = self.space(position + 1)
        return self.expect(position, closer)

    def entry(self, kind: str, position: int, closer: str, start: int) -> int:
        text = self.text
        key_match = _KEY.match(text, position)
        assert key_match is not None
        key = key_match.group(1)
        if closer == ")":
            key = key.rstrip(")")
        position = key_match.end()
        if key and text.startswith("=", position):  # "@article{ author = ...": no key, a field
            key, position = "", key_match.start()
        fields: dict[str, str] = {}
        if text.startswith(",", position):
            position += 1
        while True:
            position = self.space(position)
            if text.startswith(closer, position):
                position += 1
                break
            if text.startswith(",", position):
                position += 1
                continue
            name = _NAME.match(text, position)
            if name is None:
                if position >= len(text) or text.startswith("@", position):
                    raise _Bad("unbalanced braces: a { without its } (or the reverse)", position)
                raise _Bad(f"expected a field (name = value), found {text[position : position + 12]!r}", position)
            field_name = name.group(1).lower()
            value, position = self.value(self.space(name.end()), key, field_name)
            if field_name in fields:
                if value != fields[field_name]:
                    self.problem(
                        name.start(),
                        key,
                        f"field '{field_name}' given twice; the first value is kept, "
                        f"the second ({' '.join(value.split())[:60]!r}) is not",
                    )
                continue
            fields[field_name] = value
        line = self.line(start)
        if not key and kind == "xdata":
            self.problem(start, None, "an @xdata entry without a key, which nothing can refer to; skipped")
            return position
        # An entry with no key (JabRef's and Citavi's exports have them) is kept: the importer
        # gives it one, as to an entry whose key is not a valid citekey, and says so.
        entry = RawEntry(kind, key, fields, line, self.source)
        if kind == "xdata":
            self.reading.xdata[key.casefold()] = entry
            return position
        # A key used twice is kept twice: the importer gives the second another key and says so.
        self.reading.entries.append(entry)
        return position


def read(text: str, source: str = "", reading: Reading | None = None) -> Reading:
    """Add the entries, macros and problems of ``text`` to ``reading`` (a new one if None)."""
    reading = reading if reading is not None else Reading()
    _Reader(text, source, reading).run()
    return reading


# A parent's fields a child takes under another name (biblatex's default inheritance).
_RENAMED = {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"}
_NEVER = frozenset({"crossref", "xdata", "ids", "key", "entryset", "related", "shorthand", "label"})


def resolve(reading: Reading) -> None:
    """Give every entry with ``crossref`` or ``xdata`` the fields it lacks from its parents.

    A parent that is not there is reported; the field stays, so nothing is lost.
    """
    by_key = {e.key.casefold(): e for e in reading.entries}
    resolved: list[RawEntry] = []
    for entry in reading.entries:
        parents = []
        for name in ("xdata", "crossref"):
            value = entry.fields.get(name)
            if not value:
                continue
            for parent_key in value.split(",") if name == "xdata" else [value]:
                parent_key = parent_key.strip()
                parent = (reading.xdata if name == "xdata" else by_key).get(parent_key.casefold())
                if parent is None:
                    reading.problems.append(
                        RawProblem(
                            entry.line,
                            entry.key,
                            f"{name} '{parent_key}' is not in the file(s) read; its fields could not be inherited",
                            entry.source,
                        )
                    )
                    continue
                parents.append((name, parent))
        if not parents:
            resolved.append(entry)
            continue
        fields = dict(entry.fields)
        for name, parent in parents:
            for field_name, value in parent.fields.items():
                if field_name in _NEVER:
                    continue
                target = _RENAMED.get(field_name, field_name) if name == "crossref" else field_name
                if target not in fields:
                    fields[target] = value
            fields.pop(name, None)
            reading.inherited[entry.key] = parent.key
        resolved.append(RawEntry(entry.type, entry.key, fields, entry.line, entry.source))
    reading.entries = resolved
