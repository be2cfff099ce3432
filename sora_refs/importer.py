"""Merging a BibTeX file into a catalogue file: map, deduplicate, validate, write under a lock.

Nothing is half-written: the new catalogue text is built and validated in memory first; the
previous file is kept as ``<name>.bak``; the bundled catalogue is never written.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from .bibtex.citekeys import make_key, unique_key
from .bibtex.to_paper import MappedEntry, map_entry, title_key
from .catalogue import Catalogue
from .errors import SoraRefsError, UsageError
from .models import Loaded, Paper, PaperType
from .reading.loader import bundled_path
from .writing import CatalogueEdit, resolve_target

DEFAULT_CATEGORY = "uncategorised"


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


def _decode(path: str | os.PathLike[str], encoding: str) -> str:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise SoraRefsError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise SoraRefsError(f"{path}: is a directory, not a file") from None
    except OSError as error:
        raise SoraRefsError(f"{path}: cannot read: {error.strerror}") from None
    if b"\0" in data[:65536]:  # BibTeX is text; a NUL byte means an image, an archive, a PDF...
        raise SoraRefsError(f"{path}: is a binary file, not BibTeX text")
    try:
        return data.decode(
            encoding if encoding.lower() not in ("utf-8", "utf8") else "utf-8-sig", errors="surrogateescape"
        )
    except LookupError:
        raise UsageError(f"unknown encoding {encoding!r}; try utf-8 or latin-1") from None


def read_sources(
    paths: Sequence[str | os.PathLike[str]], strings: Sequence[str | os.PathLike[str]] = (), encoding: str = "utf-8"
) -> tuple[list[MappedEntry], list[str]]:
    """Entries of BibTeX, CSL-JSON and RIS files, decoded, with a message for everything not used.

    The .bib files (and ``strings``, read first for their ``@string`` macros only) share their
    macros and cross-references, as ``\\bibliography{strings,refs}`` does.
    """
    from .bibtex import foreign, reader

    reading = reader.Reading()
    for path in strings:
        macros_only = reader.read(_decode(path, encoding), str(path))
        reading.macros.update(macros_only.macros)
        reading.problems.extend(macros_only.problems)
        reading.xdata.update(macros_only.xdata)
    raw: list[reader.RawEntry] = []
    problems: list[reader.RawProblem] = []
    bib_read = False
    for path in paths:
        text = _decode(path, encoding)
        kind = foreign.detect(str(path), text[:4096])
        if kind == "bibtex":
            reader.read(text, str(path), reading)
            bib_read = True
            continue
        found, trouble = (foreign.read_csl_json if kind == "csl-json" else foreign.read_ris)(text, str(path))
        raw.extend(found)
        problems.extend(trouble)
    if bib_read:
        reader.resolve(reading)
    raw = reading.entries + raw
    messages = [f"{p.source}: {p}" for p in reading.problems + problems]
    entries = []
    for entry in raw:
        where = (
            f"{entry.source}: line {entry.line} (entry {entry.key})"
            if entry.key
            else f"{entry.source}: line {entry.line}"
        )
        bad = next((name for name, value in entry.fields.items() if _has_undecodable(value)), None)
        if bad is not None or _has_undecodable(entry.key):
            byte = _first_bad_byte(entry.fields.get(bad, entry.key) if bad else entry.key)
            messages.append(
                f"{where}: field '{bad or 'key'}' is not UTF-8 (byte 0x{byte:02x}); skipped "
                "(save the file as UTF-8, or give --encoding latin-1)"
            )
            continue
        mapped = map_entry(entry)
        if isinstance(mapped, str):
            messages.append(f"{where}: {mapped}; skipped")
            continue
        entries.append(mapped)
    return entries, messages


def read_bib(path: str | os.PathLike[str], encoding: str = "utf-8") -> tuple[list[MappedEntry], list[str]]:
    """Entries of one file (BibTeX, CSL-JSON or RIS), with a message for everything not used."""
    return read_sources([path], encoding=encoding)


_UNDECODABLE = re.compile("[\udc80-\udcff]")


def _has_undecodable(text: str) -> bool:
    return _UNDECODABLE.search(text) is not None


def _first_bad_byte(text: str) -> int:
    return next(ord(c) - 0xDC00 for c in text if "\udc80" <= c <= "\udcff")


def import_bib(
    bib_path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    into: str | os.PathLike[str],
    *,
    category: str | None = None,
    section: str | None = None,
    dry_run: bool = False,
    encoding: str = "utf-8",
    strings: Sequence[str | os.PathLike[str]] = (),
    on_duplicate: OnDuplicate | str = OnDuplicate.SKIP,
) -> ImportResult:
    """Merge the entries of one or more BibTeX, CSL-JSON or RIS files into the catalogue file ``into``.

    ``into`` is created if absent. ``strings`` are .bib files read for their ``@string`` macros.
    """
    from .writing import edit_catalogue

    policy = OnDuplicate(on_duplicate)
    paths = [bib_path] if isinstance(bib_path, (str, os.PathLike)) else list(bib_path)
    target = Path(into)
    if resolve_target(target) == bundled_path().resolve():
        raise UsageError("the bundled catalogue is never modified; give --into PATH (a copy, or a new file)")
    # Read, merge, validate and replace under the catalogue's lock: two imports take turns.
    with edit_catalogue(target, lock=not dry_run) as edit:
        return _import(edit, paths, strings, encoding, policy, category, section, dry_run)


def _import(
    edit: CatalogueEdit,
    paths: list[str | os.PathLike[str]],
    strings: Sequence[str | os.PathLike[str]],
    encoding: str,
    policy: OnDuplicate,
    category: str | None,
    section: str | None,
    dry_run: bool,
) -> ImportResult:
    target = edit.path
    existing = edit.catalogue
    known_categories = [c.id for c in existing.categories] if existing else []
    known_sections = [s.id for s in existing.sections] if existing else []
    _check_group(category, known_categories, "category")
    _check_group(section, known_sections, "section")

    entries, problems = read_sources(paths, strings, encoding)
    result = ImportResult(target=target, problems=problems, dry_run=dry_run, created=existing is None)
    papers = list(existing.papers) if existing else []
    index = _Index(papers)
    updated: dict[str, Paper] = {}
    venues = {p.venue_full: p.venue for p in papers if p.venue_full and p.venue}
    chosen_category = category or DEFAULT_CATEGORY
    for entry in entries:
        where = (
            f"{entry.source}: line {entry.line} (entry {entry.key})"
            if entry.key
            else f"{entry.source}: line {entry.line}"
        )
        match = index.find(entry)
        if match is not None:
            existing_key, reason = match
            if policy is OnDuplicate.SKIP:
                result.duplicates.append(Duplicate(entry.key, existing_key, reason))
                continue
            current = updated.get(existing_key) or index.papers[existing_key]
            merged, filled, conflicts = _merge(current, entry, venues, policy is OnDuplicate.MERGE)
            aliased = bool(entry.key) and entry.key != current.key and entry.key not in current.aliases
            if aliased and entry.key.casefold() in index.keys_folded:
                aliased = False  # another paper's key: it cannot point here too
            if aliased:
                merged = merged.replace(aliases=(*merged.aliases, entry.key))
                index.keys_folded.add(entry.key.casefold())
            if merged != current:
                updated[existing_key] = merged
                index.papers[existing_key] = merged
            result.duplicates.append(Duplicate(entry.key, existing_key, reason, filled, conflicts, aliased))
            continue
        key, change = _choose_key(entry, index)
        paper, dropped = entry.to_paper(key, chosen_category, section, venues, known_categories)
        if paper is None:
            result.problems.append(f"{where}: {dropped[0]}; skipped")
            continue
        if change is not None and change.old:
            aliased = change.reason == _INVALID
            if aliased and change.old not in paper.aliases:
                paper = paper.replace(aliases=(*paper.aliases, change.old))
            result.keys_changed.append(
                KeyChange(change.old, change.new, change.reason, f"{entry.source}, line {entry.line}", aliased)
            )
        result.not_kept.extend(f"{where}: {message}" for message in dropped)
        result.notices.extend(f"{where}: {message}" for message in entry.notices)
        index.add(paper, entry)
        result.added.append(paper)

    if dry_run or not result.changed:
        return result
    old = edit.old
    if updated:
        text = _rewritten(
            existing,
            [updated.get(p.key, p) for p in papers] + result.added,
            chosen_category if category is None else None,
        )
    else:
        text = _new_text(old, result.added, existing, chosen_category if category is None else None, target)
    result.backup = edit.write(text, check=_count_check(len(papers) + len(result.added))).backup
    return result


_INVALID = "not a valid citekey"


def _choose_key(entry: MappedEntry, index: _Index) -> tuple[str, KeyChange | None]:
    """The entry's own key when it is valid and free; otherwise a new one, and the change."""
    if entry.key and entry.key_ok and entry.key.casefold() not in index.keys_folded:
        return entry.key, None
    base = make_key(entry.authors, entry.year, entry.title)
    if entry.year_suffix and not base.endswith(entry.year_suffix):
        base = f"{base}{entry.year_suffix}"
    new = unique_key(base, index.keys)
    if not entry.key:
        return new, KeyChange("", new, "none given")
    reason = _INVALID if not entry.key_ok else "taken by another paper"
    return new, KeyChange(entry.key, new, reason)


# Fields a merge may fill, and how they read for a message.
_MERGEABLE = (
    "venue",
    "venue_full",
    "thesis",
    "volume",
    "number",
    "pages",
    "publisher",
    "url",
    "pdf",
    "month",
    "editors",
    "address",
    "series",
    "edition",
    "isbn",
    "organization",
    "note",
    "abstract",
    "keywords",
    "files",
)


def _merge(
    paper: Paper, entry: MappedEntry, venues: dict[str, str], fill: bool
) -> tuple[Paper, tuple[str, ...], tuple[str, ...]]:
    """``paper`` with its empty fields filled from ``entry`` (if ``fill``), the names filled, the conflicts."""
    if not fill:
        return paper, (), ()
    incoming, _ = entry.build(paper.key, paper.category, paper.section, venues)
    if incoming is None:
        return paper, (), ()
    changes: dict[str, object] = {}
    filled: list[str] = []
    conflicts: list[str] = []
    for name in _MERGEABLE:
        mine, theirs = getattr(paper, name), getattr(incoming, name)
        if theirs in (None, "", ()):
            continue
        if mine in (None, "", ()):
            changes[name] = theirs
            filled.append(name)
        elif mine != theirs:
            conflicts.append(f"{name}: kept {_show(mine)}, the entry has {_show(theirs)}")
    if "editors" in filled and incoming.editors_truncated:
        changes["editors_truncated"] = True  # the list came with its "and others"
    ids = {}
    for name in ("arxiv", "doi", "arxiv_class"):
        mine, theirs = getattr(paper.ids, name), getattr(incoming.ids, name)
        if theirs and not mine:
            ids[name] = theirs
            filled.append(f"ids.{name}")
        elif theirs and mine != theirs:
            conflicts.append(f"ids.{name}: kept {_show(mine)}, the entry has {_show(theirs)}")
    if ids:
        changes["ids"] = paper.ids.replace(**ids)
    extra = dict(paper.extra or {})
    for name, value in (incoming.extra or {}).items():
        if name not in extra:
            extra[name] = value
            filled.append(f"extra.{name}")
    if len(extra) != len(paper.extra or {}):
        changes["extra"] = extra
    return (paper.replace(**changes) if changes else paper), tuple(filled), tuple(conflicts)


def _show(value: object) -> str:
    if isinstance(value, tuple):
        value = ", ".join(map(str, value))
    text = str(value)
    return repr(text if len(text) <= 50 else text[:47] + "...")


def _check_group(value: str | None, known: Sequence[str], what: str) -> None:
    if value is None or not known or value in known:
        return
    from .suggest import unknown

    raise UsageError(unknown(what, value, known))


_LOOSE_TYPES = frozenset({PaperType.PREPRINT, PaperType.MISC})


class _Index:
    """Keys, arXiv ids, DOIs and titles seen so far, for duplicate detection."""

    def __init__(self, papers: Sequence[Paper]) -> None:
        self.keys: set[str] = set()
        self.keys_folded: set[str] = set()
        self.papers: dict[str, Paper] = {}
        self._arxiv: dict[str, str] = {}
        self._doi: dict[str, str] = {}
        self._title: dict[str, list[Paper]] = {}
        for paper in papers:
            self._add(paper, paper.key)

    def _add(self, paper: Paper, bib_key: str) -> None:
        self.papers[paper.key] = paper
        self.keys.add(paper.key)
        self.keys_folded.update(k.casefold() for k in (paper.key, bib_key, *paper.aliases) if k)
        if paper.ids.arxiv:
            self._arxiv.setdefault(paper.ids.arxiv, paper.key)
        if paper.ids.doi:
            self._doi.setdefault(paper.ids.doi.casefold(), paper.key)
        title = title_key(paper.title)
        if title:
            self._title.setdefault(title, []).append(paper)

    def add(self, paper: Paper, entry: MappedEntry) -> None:
        self._add(paper, entry.key)

    def find(self, entry: MappedEntry) -> tuple[str, str] | None:
        """The key of the paper ``entry`` duplicates, and why; None when it is new.

        Same arXiv id, same DOI, or the same title with the same year and type (a preprint and
        its publication match within two years), the same first author and no differing volume,
        number or pages: two works called "Dynamic Programming", a 1957 book and a 1966 article,
        are two papers, and so are a journal's twelve "Editorial"s of one year.
        """
        if entry.arxiv and entry.arxiv in self._arxiv:
            return self._arxiv[entry.arxiv], f"same arXiv id {entry.arxiv}"
        if entry.doi and entry.doi.casefold() in self._doi:
            return self._doi[entry.doi.casefold()], f"same DOI {entry.doi}"
        for paper in self._title.get(title_key(entry.title), ()):
            if not _same_work(paper, entry):
                continue
            if paper.type == entry.type and paper.year == entry.year:
                return paper.key, "same title, year and type"
            if (
                (paper.type in _LOOSE_TYPES or entry.type in _LOOSE_TYPES)
                and paper.year is not None
                and entry.year is not None
                and abs(paper.year - entry.year) <= 2
            ):
                return paper.key, "same title, a preprint and its publication"
        return None


def _same_work(paper: Paper, entry: MappedEntry) -> bool:
    """Same first author (family name, folded) and no volume, number or pages that differ."""
    from .names import family_name
    from .text import fold

    mine = fold(family_name(paper.authors[0])) if paper.authors else ""
    theirs = fold(family_name(entry.authors[0])) if entry.authors else ""
    if mine != theirs or not mine:  # two anonymous works of one title cannot be told apart: both kept
        return False
    for name in ("volume", "number", "pages"):
        a = getattr(paper, name)
        b = entry.more.get(name) if name == "number" else getattr(entry, name)
        if a and b and a != b:
            return False
    return True


def _rewritten(existing: Catalogue | None, papers: list[Paper], category: str | None) -> str:
    """The whole catalogue written again with ``papers`` (used when existing papers changed)."""
    from .formats.yaml_ import dump, paper_mapping

    assert existing is not None
    data = existing_data(existing)
    data["papers"] = [paper_mapping(p) for p in papers]
    if category is not None and existing.categories and all(c.id != category for c in existing.categories):
        data.setdefault("categories", []).append(
            {"id": category, "name": category.capitalize(), "description": "Papers imported without a category."}
        )
    return dump({k: data[k] for k in ("catalogue", "sections", "categories", "papers") if k in data})


def existing_data(catalogue: Catalogue) -> dict[str, Any]:
    """The header, sections and categories of ``catalogue`` as plain data."""
    from .formats.yaml_ import group_mapping, header_mapping

    data: dict[str, Any] = {"catalogue": header_mapping(catalogue.info)}
    for name, groups in (("sections", catalogue.sections), ("categories", catalogue.categories)):
        if groups:
            data[name] = [group_mapping(g) for g in groups]
    return data


_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:", re.M)
_PAPERS_LINE = re.compile(r"^papers:[ \t]*(\[[ \t]*\])?[ \t]*(#.*)?$", re.M)


def _new_text(
    old: bytes | None, added: list[Paper], existing: Catalogue | None, new_category: str | None, target: Path
) -> str:
    """The catalogue text with ``added`` appended, comments and layout of the rest kept where possible."""
    from .formats.yaml_ import dump, dump_papers, paper_mapping

    mappings = [paper_mapping(p) for p in added]
    if old is None:
        from .models import SCHEMA_VERSION

        return (
            dump({"catalogue": {"title": target.stem, "schema": SCHEMA_VERSION}}) + "papers:\n" + dump_papers(mappings)
        )
    text = old.decode("utf-8-sig")
    needs_category = (
        new_category is not None
        and existing is not None
        and existing.categories
        and all(c.id != new_category for c in existing.categories)
    )
    tops = _TOP_KEY.findall(text)
    match = _PAPERS_LINE.search(text)
    if needs_category or not tops or tops[-1] != "papers" or match is None:
        return _redump(text, mappings, new_category if needs_category else None)
    if match.group(1):  # "papers: []" becomes a block list
        text = text[: match.start()] + "papers:" + text[match.end() :]
        match = _PAPERS_LINE.search(text)
        assert match is not None  # the line is still there, without its "[]"
    rest = text[match.end() :]
    item = re.search(r"^([ \t]*)- ", rest, re.M)
    indent = item.group(1) if item else ""
    spaced = bool(item) and re.search(r"\n[ \t]*\n" + re.escape(indent) + "- ", rest) is not None
    text = text.rstrip("\n") + "\n"
    if not spaced:
        return text + dump_papers(mappings, indent)
    return text + "\n" + "\n".join(dump_papers([mapping], indent) for mapping in mappings)


def _redump(text: str, mappings: list[dict[str, Any]], category: str | None) -> str:
    """Fallback when ``papers:`` is not the file's last key: the whole file rewritten (comments lost)."""
    import yaml

    from .formats.yaml_ import dump

    data = yaml.safe_load(text)
    data.setdefault("papers", [])
    if data["papers"] is None:
        data["papers"] = []
    data["papers"].extend(mappings)
    if category is not None:
        data.setdefault("categories", []).append(
            {"id": category, "name": category.capitalize(), "description": "Papers imported without a category."}
        )
        data = {k: data[k] for k in ("catalogue", "sections", "categories", "papers") if k in data}
    return dump(data)


def _count_check(count: int) -> Callable[[Loaded], None]:
    """Refuse a merged catalogue whose paper count is not the old count plus the new papers."""

    def check(loaded: Loaded) -> None:
        if len(loaded.papers) != count:
            raise SoraRefsError(
                f"the merged catalogue would hold {len(loaded.papers)} papers instead of {count}; nothing was written"
            )

    return check
