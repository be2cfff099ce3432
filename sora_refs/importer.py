"""Merging a BibTeX file into a catalogue file: map, deduplicate, validate, write atomically.

Nothing is half-written: the new catalogue text is built and validated in memory first; the
previous file is kept as ``<name>.bak``; the bundled catalogue is never written.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import atomic_write
from .bibtex.citekeys import make_key, unique_key
from .bibtex.to_paper import MappedEntry, map_entry, title_key
from .catalogue import Catalogue
from .errors import CatalogueError, SoraRefsError, UsageError
from .models import Paper
from .reading.loader import bundled_path, load_bytes

DEFAULT_CATEGORY = "uncategorised"


@dataclass(frozen=True)
class Duplicate:
    """An incoming entry that is already in the catalogue (or earlier in the same file)."""

    key: str
    """Its key in the .bib file."""
    existing: str
    """Key of the paper it duplicates."""
    reason: str
    """What matched: ``same key``, ``same arXiv id 2212.09748``, ``same DOI ...``, ``same title``."""


@dataclass
class ImportResult:
    """What an import did (or, with ``dry_run``, would do)."""

    target: Path
    """The catalogue file written (or that would be)."""
    added: list[Paper] = field(default_factory=list)
    """New papers, in file order."""
    duplicates: list[Duplicate] = field(default_factory=list)
    """Entries recognised as papers already there."""
    problems: list[str] = field(default_factory=list)
    """One message per entry skipped or field dropped, naming the line and key."""
    backup: Path | None = None
    """Where the previous version was saved."""
    created: bool = False
    """True when the target file did not exist before."""
    dry_run: bool = False


def read_bib(path: str | os.PathLike[str], encoding: str = "utf-8") -> tuple[list[MappedEntry], list[str]]:
    """Entries of a .bib file, decoded, with a message for every block or entry that cannot be used."""
    from .bibtex.codec import parse

    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise SoraRefsError(f"{path}: no such file") from None
    except OSError as error:
        raise SoraRefsError(f"{path}: cannot read: {error.strerror}") from None
    if b"\0" in data[:65536]:  # BibTeX is text; a NUL byte means an image, an archive, a PDF...
        raise SoraRefsError(f"{path}: is a binary file, not BibTeX text")
    try:
        text = data.decode(encoding if encoding.lower() not in ("utf-8", "utf8") else "utf-8-sig",
                           errors="surrogateescape")
    except LookupError:
        raise UsageError(f"unknown encoding {encoding!r}; try utf-8 or latin-1") from None
    result = parse(text)
    problems = [f"{path}: {p}" for p in result.problems]
    entries = []
    for entry in result.entries:
        where = f"{path}: line {entry.line} (entry {entry.key})"
        bad = next((name for name, value in entry.fields.items() if _has_undecodable(value)), None)
        if bad is not None or _has_undecodable(entry.key):
            byte = _first_bad_byte(entry.fields.get(bad, entry.key) if bad else entry.key)
            problems.append(f"{where}: field '{bad or 'key'}' is not UTF-8 (byte 0x{byte:02x}); skipped "
                            "(save the file as UTF-8, or give --encoding latin-1)")
            continue
        mapped = map_entry(entry)
        if isinstance(mapped, str):
            problems.append(f"{where}: {mapped}; skipped")
            continue
        entries.append(mapped)
    return entries, problems


def _has_undecodable(text: str) -> bool:
    return any("\udc80" <= c <= "\udcff" for c in text)


def _first_bad_byte(text: str) -> int:
    return next(ord(c) - 0xDC00 for c in text if "\udc80" <= c <= "\udcff")


def import_bib(bib_path: str | os.PathLike[str], into: str | os.PathLike[str], *, category: str | None = None,
               section: str | None = None, dry_run: bool = False, encoding: str = "utf-8") -> ImportResult:
    """Merge the entries of ``bib_path`` into the catalogue file ``into`` (created if absent)."""
    target = Path(into)
    if target.exists() and target.resolve() == bundled_path().resolve():
        raise UsageError("the bundled catalogue is never modified; give --into PATH (a copy, or a new file)")
    existing = Catalogue.load(target, use_cache=False) if target.exists() else None
    known_categories = [c.id for c in existing.categories] if existing else []
    known_sections = [s.id for s in existing.sections] if existing else []
    _check_group(category, known_categories, "category")
    _check_group(section, known_sections, "section")

    entries, problems = read_bib(bib_path, encoding)
    result = ImportResult(target=target, problems=problems, dry_run=dry_run, created=existing is None)
    papers = list(existing.papers) if existing else []
    index = _Index(papers)
    venues = {p.venue_full: p.venue for p in papers if p.venue_full}
    chosen_category = category or DEFAULT_CATEGORY
    for entry in entries:
        where = f"{bib_path}: line {entry.line} (entry {entry.key})"
        match = index.find(entry)
        if match is not None:
            result.duplicates.append(Duplicate(entry.key, *match))
            continue
        key = entry.key if entry.key_ok else unique_key(make_key(entry.authors, entry.year, entry.title), index.keys)
        paper, dropped = entry.to_paper(key, chosen_category, section, venues, known_categories)
        if paper is None:
            result.problems.append(f"{where}: {dropped[0]}; skipped")
            continue
        result.problems.extend(f"{where}: {message}" for message in dropped)
        index.add(paper, entry)
        result.added.append(paper)

    if dry_run or not result.added:
        return result
    old = target.read_bytes() if existing else None
    text = _new_text(old, result.added, existing, chosen_category if category is None else None, target)
    _verify(text, target, len(papers) + len(result.added), [p.key for p in papers])
    if old is not None:
        result.backup = target.with_name(target.name + ".bak")
        atomic_write(result.backup, old)
    atomic_write(target, text)
    return result


def _check_group(value: str | None, known: Sequence[str], what: str) -> None:
    if value is None or not known or value in known:
        return
    from .suggest import unknown

    raise UsageError(unknown(what, value, known))


class _Index:
    """Keys, arXiv ids, DOIs and titles seen so far, for duplicate detection."""

    def __init__(self, papers: Sequence[Paper]) -> None:
        self.keys: set[str] = set()
        self._by: dict[str, dict[str, str]] = {"key": {}, "arxiv": {}, "doi": {}, "title": {}}
        for paper in papers:
            self._add(paper.key, paper.key, paper.ids.arxiv, paper.ids.doi, paper.title)

    def _add(self, key: str, bib_key: str, arxiv: str | None, doi: str | None, title: str) -> None:
        self.keys.add(key)
        for kind, value in (("key", key.casefold()), ("key", bib_key.casefold()), ("arxiv", arxiv),
                            ("doi", (doi or "").casefold() or None), ("title", title_key(title) or None)):
            if value:
                self._by[kind].setdefault(value, key)

    def add(self, paper: Paper, entry: MappedEntry) -> None:
        self._add(paper.key, entry.key, paper.ids.arxiv, paper.ids.doi, paper.title)

    def find(self, entry: MappedEntry) -> tuple[str, str] | None:
        for kind, value, label in (
            ("key", entry.key.casefold(), "same key"),
            ("arxiv", entry.arxiv, f"same arXiv id {entry.arxiv}"),
            ("doi", (entry.doi or "").casefold() or None, f"same DOI {entry.doi}"),
            ("title", title_key(entry.title) or None, "same title"),
        ):
            if value and value in self._by[kind]:
                return self._by[kind][value], label
        return None


_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:", re.M)
_PAPERS_LINE = re.compile(r"^papers:[ \t]*(\[[ \t]*\])?[ \t]*(#.*)?$", re.M)


def _new_text(old: bytes | None, added: list[Paper], existing: Catalogue | None, new_category: str | None,
              target: Path) -> str:
    """The catalogue text with ``added`` appended, comments and layout of the rest kept where possible."""
    from .formats.yaml_ import dump, paper_mapping

    mappings = [paper_mapping(p) for p in added]
    if old is None:
        from .models import SCHEMA_VERSION

        header = {"catalogue": {"title": target.stem, "schema": SCHEMA_VERSION}, "papers": mappings}
        return dump(header)
    text = old.decode("utf-8-sig")
    needs_category = (new_category is not None and existing is not None and existing.categories
                      and all(c.id != new_category for c in existing.categories))
    tops = _TOP_KEY.findall(text)
    match = _PAPERS_LINE.search(text)
    if needs_category or not tops or tops[-1] != "papers" or match is None:
        return _redump(text, mappings, new_category if needs_category else None)
    if match.group(1):  # "papers: []" becomes a block list
        text = text[:match.start()] + "papers:" + text[match.end():]
        match = _PAPERS_LINE.search(text)
    rest = text[match.end():]
    item = re.search(r"^([ \t]*)- ", rest, re.M)
    indent = item.group(1) if item else ""
    spaced = bool(item) and re.search(r"\n[ \t]*\n" + re.escape(indent) + "- ", rest) is not None
    blocks = []
    for mapping in mappings:
        lines = dump([mapping]).splitlines()
        blocks.append("".join(indent + line + "\n" for line in lines))
    text = text.rstrip("\n") + "\n"
    joiner = "\n" if spaced else ""
    return text + joiner + joiner.join(blocks)


def _redump(text: str, mappings: list[dict], category: str | None) -> str:
    """Fallback when ``papers:`` is not the file's last key: the whole file rewritten (comments lost)."""
    import yaml

    from .formats.yaml_ import dump

    data = yaml.safe_load(text)
    data.setdefault("papers", [])
    if data["papers"] is None:
        data["papers"] = []
    data["papers"].extend(mappings)
    if category is not None:
        data.setdefault("categories", []).append({"id": category, "name": category.capitalize(),
                                                  "description": "Papers imported without a category."})
        data = {k: data[k] for k in ("catalogue", "sections", "categories", "papers") if k in data}
    return dump(data)


def _verify(text: str, target: Path, count: int, old_keys: list[str]) -> None:
    """Refuse to write a catalogue that fails validation or lost a paper."""
    try:
        loaded = load_bytes(text.encode("utf-8"), str(target))
    except CatalogueError as error:
        raise SoraRefsError(f"the merged catalogue would not be valid; nothing was written.\n{error}") from None
    keys = {p.key for p in loaded.papers}
    missing = [k for k in old_keys if k not in keys]
    if missing or len(loaded.papers) != count:
        raise SoraRefsError(f"the merged catalogue would lose papers ({', '.join(missing[:5])}); nothing was written")
