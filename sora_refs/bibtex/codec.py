"""The one module that talks to bibtexparser (2.x): writing entries and reading .bib text.

Imported only by the export and import code, never at start-up. Everything bibtexparser
raises is turned into :class:`BibtexError`; what it reports per block (a duplicate key,
a block it could not split) comes back as :class:`BibProblem` so that good entries still
import.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..errors import SoraRefsError

_MONTH_MACROS = frozenset("jan feb mar apr may jun jul aug sep oct nov dec".split())
"""Written bare (``month = nov``): BibTeX's own macros, which styles and biber understand."""


class BibtexError(SoraRefsError):
    """BibTeX text cannot be read or written at all."""


@dataclass(frozen=True, slots=True)
class BibEntry:
    """One entry to write: values already LaTeX-escaped, without their enclosing braces."""

    type: str
    """Entry type, lower case (``inproceedings``)."""
    key: str
    """Citekey."""
    fields: Sequence[tuple[str, str]]
    """``(name, value)`` pairs in the order they are written."""


@dataclass(frozen=True, slots=True)
class ParsedEntry:
    """One entry read from a .bib file, its values as written (enclosing removed, LaTeX kept)."""

    type: str
    """Entry type, lower case."""
    key: str
    """Citekey as written."""
    fields: dict[str, str]
    """Field values by lower-case name."""
    line: int | None
    """1-based line where the entry starts."""


@dataclass(frozen=True, slots=True)
class BibProblem:
    """A block of a .bib file that could not be read as an entry."""

    line: int | None
    """1-based line where the block starts."""
    key: str | None
    """The entry's key, where known."""
    message: str
    """What is wrong."""

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else "somewhere"
        return f"{where}" + (f" (entry {self.key})" if self.key else "") + f": {self.message}"


@dataclass
class ParseResult:
    """What a .bib text holds: its entries, and what could not be read."""

    entries: list[ParsedEntry] = field(default_factory=list)
    problems: list[BibProblem] = field(default_factory=list)


def write(entries: Iterable[BibEntry], separator: str = "\n") -> str:
    """BibTeX text for ``entries``, each field on its own line, two-space indent, values in braces.

    Fast path: values are enclosed here and written with an empty unparse stack. bibtexparser's
    default stack deep-copies every block and then runs a middleware over every field, which is
    most of the time of a large export and buys nothing for blocks nobody else holds.
    """
    import bibtexparser
    from bibtexparser import model

    Entry, Field = model.Entry, model.Field
    blocks = [
        Entry(
            entry.type,
            entry.key,
            [
                Field(name, value if name == "month" and value in _MONTH_MACROS else "{" + value + "}")
                for name, value in entry.fields
            ],
        )
        for entry in entries
    ]
    if not blocks:
        return ""
    library = bibtexparser.Library()
    try:
        library.add(blocks)
    except ValueError as error:
        raise BibtexError(f"cannot write BibTeX: {error}") from None
    form = bibtexparser.BibtexFormat()
    form.indent = "  "
    form.block_separator = separator
    form.trailing_comma = False
    form.value_column = 0
    try:
        text: str = bibtexparser.write_string(library, unparse_stack=[], bibtex_format=form)
        return text
    except Exception as error:  # the library's own failures, whatever their class
        raise BibtexError(f"cannot write BibTeX: {error}") from None


def parse(text: str, source: str = "") -> ParseResult:
    """Read .bib text: every entry it can, and a problem for every block it cannot.

    ``@string`` macros (and ``#``) are resolved, ``crossref``/``xdata`` inherited; values keep
    their LaTeX (the caller decodes it). Reading is :mod:`.reader`'s.
    """
    from . import reader

    reading = reader.read(text, source)
    reader.resolve(reading)
    return ParseResult(entries=list(reading.entries), problems=list(reading.problems))  # type: ignore[arg-type]
