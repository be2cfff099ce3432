"""What an import did: the policy for duplicates, and the report (added, merged, duplicates, keys changed)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from ..models import Paper


class OnDuplicate(str, Enum):
    """What an import does with an entry that is already in the catalogue."""

    SKIP = "skip"
    """Leave the catalogue's paper as it is; the entry is reported, not added."""
    ALIAS = "alias"
    """As skip, and the entry's key becomes an alias of the paper, so ``\\cite{it}`` still resolves."""
    MERGE = "merge"
    """As alias, and the paper's empty fields are filled from the entry; differing values are reported."""


@dataclass(frozen=True)
class Duplicate:
    """An incoming entry that is already in the catalogue (or earlier in the same file)."""

    key: str
    """Its key in the .bib file."""
    existing: str
    """Key of the paper it duplicates."""
    reason: str
    """What matched: ``same arXiv id 2212.09748``, ``same DOI ...``, ``same title and year``."""
    filled: tuple[str, ...] = ()
    """With ``merge``: the fields of the paper that were empty and are now filled."""
    conflicts: tuple[str, ...] = ()
    """With ``merge``: ``field: kept 'a', the entry has 'b'`` for every value that differs."""
    aliased: bool = False
    """True when the entry's key became an alias of the paper."""


@dataclass(frozen=True)
class KeyChange:
    """An entry whose citekey could not be kept: it is stored under ``new``."""

    old: str
    """The key the file gives."""
    new: str
    """The key the paper has in the catalogue."""
    reason: str
    """``not a valid citekey`` or ``taken by another paper``."""
    where: str = ""
    """File and line of the entry."""
    aliased: bool = False
    """True when ``old`` is kept as an alias of the paper (not when another paper has it)."""


@dataclass
class ImportResult:
    """What an import did (or, with ``dry_run``, would do)."""

    target: Path
    """The catalogue file written (or that would be)."""
    added: list[Paper] = field(default_factory=list)
    """New papers, in file order."""
    duplicates: list[Duplicate] = field(default_factory=list)
    """Entries recognised as papers already there (with ``merge``, merged into them)."""
    problems: list[str] = field(default_factory=list)
    """One message per entry or block skipped, and per undefined macro, naming the file, line and key."""
    not_kept: list[str] = field(default_factory=list)
    """One message per field of an imported entry that the catalogue does not hold."""
    keys_changed: list[KeyChange] = field(default_factory=list)
    """Entries stored under another key than their own."""
    notices: list[str] = field(default_factory=list)
    """What was kept differently (a value moved to ``extra``, a truncated author list): ``--verbose``."""
    backup: Path | None = None
    """Where the previous version was saved."""
    created: bool = False
    """True when the target file did not exist before."""
    dry_run: bool = False

    @property
    def merged(self) -> list[Duplicate]:
        """Duplicates whose entry filled fields of the paper."""
        return [d for d in self.duplicates if d.filled]

    def summary(self) -> str:
        """``Added 3 papers, 1 merged, 2 duplicates, 0 problems, 1 field not kept, 1 key changed``."""

        def count(number: int, what: str, plural: str | None = None) -> str:
            return f"{number} {what if number == 1 else plural or what + 's'}"

        verb = "Would add" if self.dry_run else "Added"
        return (
            f"{verb} {count(len(self.added), 'paper')}, {len(self.merged)} merged, "
            f"{count(len(self.duplicates), 'duplicate')}, {count(len(self.problems), 'problem')}, "
            f"{count(len(self.not_kept), 'field')} not kept, "
            f"{count(len(self.keys_changed), 'key')} changed"
        )

    @property
    def changed(self) -> bool:
        """True when the catalogue file gets new content."""
        return bool(self.added) or any(d.filled or d.aliased for d in self.duplicates)
