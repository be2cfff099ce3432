"""Adding papers to a catalogue file (``sora-refs add``): keys made, duplicates skipped, each new
paper appended like the ones before it."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import UsageError
from . import emit
from .changes import (
    DEFAULT_CATEGORY,
    Outcome,
    check_group,
    check_writable,
    field_order,
    is_blank,
    papers_in,
    plain,
    start_text,
    verify,
    write_change,
)
from .splice import CatalogueText


def _title_key(title: str) -> str:
    import re

    from ..text import fold

    return " ".join(re.findall(r"[a-z0-9]+", fold(title)))


def duplicate_of(fields: Mapping[str, Any], papers: Sequence[Any]) -> str | None:
    """Why ``fields`` is a paper already in ``papers`` (``same arXiv id as KEY``), or None."""
    ids = fields.get("ids") or {}
    arxiv, doi, title = ids.get("arxiv"), (ids.get("doi") or "").casefold(), _title_key(fields.get("title") or "")
    for paper in papers:
        if arxiv and paper.ids.arxiv == arxiv:
            return f"same arXiv id {arxiv} as {paper.key}"
        if doi and (paper.ids.doi or "").casefold() == doi:
            return f"same DOI {ids.get('doi')} as {paper.key}"
        if title and _title_key(paper.title) == title:
            return f"same title as {paper.key}"
    return None


def add_papers(
    path: str | os.PathLike[str],
    found: Sequence[Mapping[str, Any]],
    *,
    category: str | None,
    section: str | None = None,
    tags: Sequence[str] = (),
    dry_run: bool = False,
    asked: Sequence[str] | None = None,
) -> Outcome:
    """Append the papers described by ``found`` (from :mod:`.adding`) to the catalogue at ``path``.

    Papers already there (same arXiv id, DOI or title) are skipped and reported in ``skipped``.
    """
    from ..bibtex.citekeys import make_key, unique_key
    from ..reading.loader import catalogue_text
    from ..writing import edit_catalogue

    target = check_writable(path)
    asked = list(asked) if asked is not None else [str(f.get("title")) for f in found]
    with edit_catalogue(target, lock=not dry_run) as edit:
        old = catalogue_text(edit.old, str(edit.path)) if edit.old is not None else ""
        fresh = is_blank(old)
        current = None if fresh else edit.catalogue
        papers = list(current.papers) if current is not None else []
        categories = current.category_ids() if current is not None and current.categories else []
        sections = [s.id for s in current.sections] if current is not None else []
        chosen = category or (None if categories else DEFAULT_CATEGORY)
        if chosen is None:
            raise UsageError(f"give --category: one of {', '.join(categories)}")
        check_group(chosen, categories, "category")
        check_group(section, sections, "section")
        text = start_text(old, target) if fresh else old
        taken = {p.key for p in papers}
        outcome = Outcome(target, text, created=edit.old is None, dry_run=dry_run)
        mappings: list[dict[str, Any]] = []
        keys: list[str] = []
        seen: list[Any] = list(papers)
        for given, fields in zip(asked, found):
            reason = duplicate_of(fields, seen)
            if reason:
                outcome.skipped.append((given, reason))
                continue
            base = make_key(fields.get("authors") or [], fields.get("year"), fields.get("title") or "")
            key = unique_key(base, taken)
            taken.add(key)
            mapping = _mapping(key, fields, chosen, section, tags)
            mappings.append(mapping)
            keys.append(key)
            seen.append(_Seen(key, fields))
        if not mappings:
            outcome.text = old
            return outcome
        for mapping in mappings:
            spliced = CatalogueText(text)
            column = spliced.entries[-1].indent if spliced.entries else 2
            text = spliced.append_entry(emit.mapping_text(mapping, column))
        count = len(mappings)
        verify(start_text(old, target) if fresh else old, text, lambda before: before + plain(mappings), target)
        outcome.text = text
        outcome.backup = write_change(edit, text, target, dry_run)
        outcome.papers = papers_in(text, target, keys)
        assert len(outcome.papers) == count
        return outcome


class _Seen:
    """A paper being added, as duplicate detection sees it."""

    def __init__(self, key: str, fields: Mapping[str, Any]) -> None:
        from ..models import Ids

        ids = fields.get("ids") or {}
        self.key = key
        self.title = fields.get("title") or ""
        self.ids = Ids(arxiv=ids.get("arxiv"), doi=ids.get("doi"))


def _mapping(
    key: str, fields: Mapping[str, Any], category: str, section: str | None, tags: Sequence[str]
) -> dict[str, Any]:
    data = dict(fields)
    data["key"] = key
    data["category"] = category
    data["section"] = section
    data["tags"] = list(dict.fromkeys(tags))
    ids = {k: v for k, v in (data.get("ids") or {}).items() if v}
    data["ids"] = ids or None
    return {name: data[name] for name in field_order() if data.get(name) not in (None, [], {}, "")}
