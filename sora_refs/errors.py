"""The one exception root of sora-refs, and the problems a catalogue can have."""

from __future__ import annotations

from .record import Record


class SoraRefsError(Exception):
    """Root of every error the library raises on purpose.

    The CLI turns it into a message on stderr and exit status ``exit_code``.
    """

    exit_code = 1


class UsageError(SoraRefsError):
    """A value given by the caller (a filter, a query, a year range) is malformed."""

    exit_code = 2


class NotFoundError(SoraRefsError):
    """A paper asked for by ref, key or arXiv id is not in the catalogue.

    Besides the message, the parts of it, so that a front end can say it in another language.
    """

    def __init__(
        self,
        message: str,
        *,
        kind: str | None = None,
        value: object = None,
        refs: tuple[int, int] | None = None,
        guess: str | None = None,
        guess_title: str | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        """``ref``, ``key`` or ``arxiv``: what was looked up (None when not said)."""
        self.value = value
        """What was asked for."""
        self.refs = refs
        """The lowest and highest ref of the catalogue, for a ref not found."""
        self.guess = guess
        """The citekey closest to a key not found, if any."""
        self.guess_title = guess_title
        """The title of :attr:`guess` where a search for the key found it (not its spelling)."""


class Problem(Record):
    """One thing wrong with a catalogue file.

    Its fields are declared once, as :class:`~sora_refs.record.Record` derives the rest: the
    constructor ``Problem(file, line, entry, field, message, suggestion=None)``, ``as_dict``,
    equality and ``repr``.
    """

    file: str
    """Path of the catalogue file, as the user named it."""
    line: int | None
    """1-based line in the file, where it could be located."""
    entry: str | None
    """The paper concerned, e.g. ``paper #5 (ref 5, key tulyakov2018mocogan)``; None for the header."""
    field: str | None
    """The field concerned, as a dotted path (``cited.year``)."""
    message: str
    """What is wrong and what was expected."""
    suggestion: str | None = None
    """A did-you-mean or a hint on how to fix it."""

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where]
        if self.entry:
            parts.append(self.entry)
        if self.field:
            parts.append(f"field '{self.field}'")
        text = ": ".join(parts) + ": " + self.message
        if self.suggestion:
            text += f" ({self.suggestion})"
        return text


class CatalogueError(SoraRefsError):
    """A catalogue file cannot be read or is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        head = f"{count} problem{'s' if count != 1 else ''} in {problems[0].file}" if problems else "invalid catalogue"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in problems))
