"""An import run: read the files, match each entry against the catalogue, and write the result
under the catalogue's lock.

Nothing is half-written: the new catalogue text is built and validated in memory first; the
previous file is kept as ``<name>.bak``; the bundled catalogue is never written.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..editing.changes import DEFAULT_CATEGORY, check_group
from ..errors import UsageError
from ..models import Paper
from .dedup import INVALID, Index, choose_key
from .merge import merge
from .report import Duplicate, ImportResult, KeyChange, OnDuplicate
from .sources import read_sources

if TYPE_CHECKING:
    from ..writing import CatalogueEdit


def import_files(
    sources: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    into: str | os.PathLike[str],
    *,
    category: str | None = None,
    section: str | None = None,
    dry_run: bool = False,
    encoding: str = "utf-8",
    strings: Sequence[str | os.PathLike[str]] = (),
    on_duplicate: OnDuplicate | str = OnDuplicate.ALIAS,
) -> ImportResult:
    """Merge the entries of one or more BibTeX, CSL-JSON or RIS files into the catalogue file ``into``.

    ``into`` is created if absent. ``strings`` are .bib files read for their ``@string`` macros.
    The file keeps its comments and layout: new papers are spliced in at the end of ``papers:``,
    merged fields and aliases into their entries (see :mod:`.splicing`).
    """
    from ..reading.loader import bundled_path
    from ..writing import edit_catalogue, resolve_target

    policy = OnDuplicate(on_duplicate)
    paths = [sources] if isinstance(sources, (str, os.PathLike)) else list(sources)
    target = Path(into)
    if resolve_target(target) == bundled_path().resolve():
        raise UsageError("the bundled catalogue is never modified; give --into PATH (a copy, or a new file)")
    # Read, merge, validate and replace under the catalogue's lock: two imports take turns.
    with edit_catalogue(target, lock=not dry_run) as edit:
        return _import(edit, paths, strings, encoding, policy, category, section, dry_run)


def _where(entry: object) -> str:
    source, line, key = getattr(entry, "source", ""), getattr(entry, "line", None), getattr(entry, "key", "")
    return f"{source}: line {line} (entry {key})" if key else f"{source}: line {line}"


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
    existing = edit.catalogue
    known_categories = [c.id for c in existing.categories] if existing else []
    known_sections = [s.id for s in existing.sections] if existing else []
    check_group(category, known_categories, "category")
    check_group(section, known_sections, "section")

    entries, problems = read_sources(paths, strings, encoding)
    result = ImportResult(target=edit.path, problems=problems, dry_run=dry_run, created=existing is None)
    papers = list(existing.papers) if existing else []
    index = Index(papers)
    updated: dict[str, Paper] = {}
    venues = {p.venue_full: p.venue for p in papers if p.venue_full and p.venue}
    chosen_category = category or DEFAULT_CATEGORY
    for entry in entries:
        match = index.find(entry)
        if match is not None:
            existing_key, reason = match
            if policy is OnDuplicate.SKIP:
                result.duplicates.append(Duplicate(entry.key, existing_key, reason))
                continue
            current = updated.get(existing_key) or index.papers[existing_key]
            merged, filled, conflicts = merge(current, entry, venues, policy is OnDuplicate.MERGE)
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
        shared = index.doi_owner(entry.doi)
        if shared is not None:  # a volume's DOI on several of its papers: the first keeps it as its own
            entry = dataclasses.replace(
                entry,
                doi=None,
                extra={**entry.extra, "doi": entry.doi or ""},
                notices=(
                    *entry.notices,
                    f"DOI {entry.doi} is also {shared}'s, a paper of another title (the DOI of their "
                    "volume?); kept in 'extra'",
                ),
            )
        key, change = choose_key(entry, index)
        paper, dropped = entry.to_paper(key, chosen_category, section, venues, known_categories)
        if paper is None:
            result.problems.append(f"{_where(entry)}: {dropped[0]}; skipped")
            continue
        # A BibTeX entry with no key is said (its file meant it to have one); a RIS or CSL-JSON
        # record without an ID is the rule there, and gets its key quietly.
        if change is not None and (change.old or str(entry.source).lower().endswith((".bib", ".bibtex"))):
            aliased = change.reason == INVALID and bool(change.old)
            if aliased and change.old not in paper.aliases:
                paper = paper.replace(aliases=(*paper.aliases, change.old))
            result.keys_changed.append(
                KeyChange(change.old, change.new, change.reason, f"{entry.source}, line {entry.line}", aliased)
            )
        result.not_kept.extend(f"{_where(entry)}: {message}" for message in dropped)
        result.notices.extend(f"{_where(entry)}: {message}" for message in entry.notices)
        index.add(paper, entry)
        result.added.append(paper)

    # A duplicate of a paper added earlier in this same import was merged into that new paper.
    fresh = {p.key for p in result.added}
    result.added = [updated.get(p.key, p) for p in result.added]
    updated = {key: paper for key, paper in updated.items() if key not in fresh}
    if dry_run or not result.changed:
        return result
    from .splicing import count_check, new_text

    new_category = chosen_category if category is None else None
    originals = {p.key: p for p in papers if p.key in updated}
    text = new_text(edit.old, existing, originals, updated, result.added, new_category, edit.path)
    result.backup = edit.write(text, check=count_check(len(papers) + len(result.added))).backup
    return result
