"""Keeping a catalogue file: add, replace (after an edit), remove, tag and set, one paper at a time.

Every change goes through :func:`sora_refs.writing.edit_catalogue`: the file is read under its
lock, the new text is built by splicing (see :mod:`.splice`), checked here (every paper the change
does not touch must read back exactly as before), validated by the loader, the old version kept
as ``NAME.bak``, and the new one put in place atomically. A failed check writes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import SoraRefsError, UsageError
from ..models import PAPER_FIELDS
from . import emit
from .splice import CatalogueText, SpliceError

if TYPE_CHECKING:
    from ..catalogue import Catalogue
    from ..models import Paper

DEFAULT_CATEGORY = "uncategorised"
"""The category of papers added to a catalogue that defines none, when none is given."""

LIST_FIELDS = frozenset({"authors", "tags"})
INT_FIELDS = frozenset({"ref", "year", "cited.year"})
NESTED = {"cited": ("venue", "year"), "ids": ("arxiv", "doi", "arxiv_class")}


@dataclass
class Outcome:
    """What a change did (or, with ``dry_run``, would do)."""

    target: Path
    """The catalogue file."""
    text: str
    """The new text of the file."""
    papers: list[Paper] = field(default_factory=list)
    """The papers added or changed, as validated (for a removal: the papers removed)."""
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """``(what was asked, why it was not added)``: duplicates."""
    backup: Path | None = None
    """Where the previous version was kept (None on a dry run or a new file)."""
    created: bool = False
    dry_run: bool = False
    renamed: dict[str, str] = field(default_factory=dict)
    """Old key -> new key, where a change renamed a paper."""


def field_order() -> tuple[str, ...]:
    """The order fields are written in (the loader's own list)."""
    return PAPER_FIELDS


def check_writable(path: str | os.PathLike[str] | None) -> Path:
    """The catalogue file to change; :class:`UsageError` for the bundled catalogue."""
    from ..reading.loader import bundled_file

    if path is None or os.path.realpath(path) == os.path.realpath(bundled_file()):
        raise UsageError(
            "the bundled catalogue is never modified; give --catalogue PATH (a copy of it, "
            "or a new file: sora-refs --catalogue my-refs.yaml add 2212.09748)"
        )
    return Path(path)


# -- reading the file under the lock ------------------------------------------------------------


def _is_blank(text: str) -> bool:
    """True for a file with nothing but comments and blank lines (a new catalogue someone started)."""
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def _start_text(old: str, target: Path) -> str:
    """A new catalogue's header, after whatever comments the file already has."""
    title = target.stem.replace("-", " ").replace("_", " ").strip() or "My papers"
    head = (old if old.endswith("\n") else old + "\n") + "\n"
    if not old.strip():
        head = f"# {title}: a sora-refs catalogue. Check it with `sora-refs check`.\n\n"
    return head + f"catalogue:\n  title: {emit.field_text('t', title)[3:].strip()}\n  schema: 1\n\npapers:\n"


def _verify(old: str, new: str, expect: Callable[[list[Any]], list[Any]], target: Path) -> None:
    """Refuse a splice whose papers do not read back as ``expect(old papers)``."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    before = (yaml.load(old, Loader=loader) or {}).get("papers") or []
    after = (yaml.load(new, Loader=loader) or {}).get("papers") or []
    if after != expect(list(before)):
        raise SpliceError(
            f"changing {target} by splicing would alter other papers too; nothing was written "
            "(please report this, with the file)"
        )


def _write(edit: Any, text: str, target: Path, dry_run: bool, dropped: Iterable[str] = ()) -> Path | None:
    if dry_run:
        from ..reading.loader import load_bytes

        load_bytes(text.encode("utf-8"), str(target))  # validated all the same
        return None
    written = edit.write(text, dropped=dropped)
    backup: Path | None = written.backup
    return backup


def _papers(text: str, target: Path, keys: Iterable[str]) -> list[Paper]:
    from ..reading.loader import load_bytes

    loaded = load_bytes(text.encode("utf-8"), str(target))
    by_key = {p.key: p for p in loaded.papers}
    return [by_key[k] for k in keys if k in by_key]


# -- add ----------------------------------------------------------------------------------------


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


def check_group(value: str | None, known: Sequence[str], what: str) -> None:
    """:class:`UsageError` for a category or section the catalogue does not define."""
    if value is None or not known or value in known:
        return
    from ..suggest import unknown

    raise UsageError(unknown(what, value, known))


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
    from ..writing import edit_catalogue

    target = check_writable(path)
    asked = list(asked) if asked is not None else [str(f.get("title")) for f in found]
    with edit_catalogue(target, lock=not dry_run) as edit:
        old = (edit.old or b"").decode("utf-8-sig") if edit.old is not None else ""
        fresh = _is_blank(old)
        current = None if fresh else edit.catalogue
        papers = list(current.papers) if current is not None else []
        categories = current.category_ids() if current is not None and current.categories else []
        sections = [s.id for s in current.sections] if current is not None else []
        chosen = category or (None if categories else DEFAULT_CATEGORY)
        if chosen is None:
            raise UsageError(f"give --category: one of {', '.join(categories)}")
        check_group(chosen, categories, "category")
        check_group(section, sections, "section")
        text = _start_text(old, target) if fresh else old
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
        _verify(_start_text(old, target) if fresh else old, text, lambda before: before + _plain(mappings), target)
        outcome.text = text
        outcome.backup = _write(edit, text, target, dry_run)
        outcome.papers = _papers(text, target, keys)
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


def _plain(mappings: list[dict[str, Any]]) -> list[Any]:
    import json

    plain: list[Any] = json.loads(json.dumps(mappings))
    return plain


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


# -- replace, remove, set -------------------------------------------------------------------


def _locate(edit: Any, key: str) -> tuple[str, CatalogueText, int]:
    if edit.old is None:
        raise SoraRefsError(f"{edit.path}: no such file")
    old = edit.old.decode("utf-8-sig")
    spliced = CatalogueText(old)
    return old, spliced, spliced.index_of(key)


def entry_text(path: str | os.PathLike[str], key: str) -> str:
    """The paper's entry as its own small YAML document (what ``edit`` opens in the editor)."""
    from ..writing import edit_catalogue

    with edit_catalogue(check_writable(path), lock=False) as edit:
        _, spliced, index = _locate(edit, key)
        return spliced.entry_text(index)


class ChangedMeanwhile(SoraRefsError):
    """The entry was changed by someone else while it was being edited."""


def replace_entry(
    path: str | os.PathLike[str], key: str, new_text: str, *, expected: str | None = None, dry_run: bool = False
) -> Outcome:
    """Replace paper ``key``'s entry by ``new_text`` (a YAML mapping); refuse if it no longer reads ``expected``."""
    import yaml

    from ..writing import edit_catalogue

    target = check_writable(path)
    try:
        mapping = yaml.safe_load(new_text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise UsageError(f"the entry is not valid YAML ({where}{problem})") from None
    if not isinstance(mapping, dict):
        raise UsageError("the entry must be a mapping of fields (key: value), as it was")
    with edit_catalogue(target, lock=not dry_run) as edit:
        old, spliced, index = _locate(edit, key)
        if expected is not None and spliced.entry_text(index) != expected:
            raise ChangedMeanwhile(
                f"{key} was changed in {target} while you edited it; nothing was written "
                "(your version is kept in the message above)"
            )
        text = spliced.replace_entry(index, new_text)
        _verify(old, text, lambda before: before[:index] + [mapping] + before[index + 1 :], target)
        new_key = str(mapping.get("key", key))
        outcome = Outcome(target, text, dry_run=dry_run)
        outcome.backup = _write(edit, text, target, dry_run, dropped=[key] if new_key != key else [])
        outcome.papers = _papers(text, target, [new_key])
        if new_key != key:
            outcome.renamed[key] = new_key
        return outcome


def remove_papers(path: str | os.PathLike[str], keys: Sequence[str], *, dry_run: bool = False) -> Outcome:
    """Remove the papers ``keys`` from the catalogue."""
    from ..writing import edit_catalogue

    target = check_writable(path)
    with edit_catalogue(target, lock=not dry_run) as edit:
        old, spliced, _ = _locate(edit, keys[0])
        removed = [p for p in (edit.catalogue.papers if edit.catalogue else ()) if p.key in set(keys)]
        text = old
        indices = sorted((spliced.index_of(k) for k in keys), reverse=True)
        for index in indices:
            text = CatalogueText(text).remove_entry(index)
        gone = set(indices)
        _verify(old, text, lambda before: [p for i, p in enumerate(before) if i not in gone], target)
        outcome = Outcome(target, text, papers=removed, dry_run=dry_run)
        outcome.backup = _write(edit, text, target, dry_run, dropped=keys)
        return outcome


def set_fields(
    path: str | os.PathLike[str],
    key: str,
    changes: Callable[[dict[str, Any]], dict[str, Any]],
    *,
    dry_run: bool = False,
) -> Outcome:
    """Change fields of paper ``key``: ``changes`` gets its current mapping and returns the fields to set
    (a value of None removes the field); each is spliced in on its own lines."""
    import yaml

    from ..writing import edit_catalogue

    target = check_writable(path)
    with edit_catalogue(target, lock=not dry_run) as edit:
        old, spliced, index = _locate(edit, key)
        current = (yaml.safe_load(old) or {})["papers"][index]
        updates = changes(dict(current))
        text = old
        expected = dict(current)
        for name, value in updates.items():
            step = CatalogueText(text)
            column = step.entries[index].indent
            field = None if value is None else emit.field_text(name, value, column)
            text = step.set_field(index, name, field, field_order())
            if value is None:
                expected.pop(name, None)
            else:
                expected[name] = value
        _verify(old, text, lambda before: before[:index] + _plain([expected]) + before[index + 1 :], target)
        new_key = str(expected.get("key", key))
        outcome = Outcome(target, text, dry_run=dry_run)
        if text != old:
            outcome.backup = _write(edit, text, target, dry_run, dropped=[key] if new_key != key else [])
        outcome.papers = _papers(text, target, [new_key])
        if new_key != key:
            outcome.renamed[key] = new_key
        return outcome


def parse_assignment(text: str) -> tuple[str, Any]:
    """``field=value`` -> (field, value) with the value typed by the field; an empty value removes it.

    ``year=2021``, ``title=...``, ``cited.venue=arXiv``, ``tags=a,b``, ``authors=A; B``, ``ids.doi=``.
    """
    if "=" not in text:
        raise UsageError(f"expected FIELD=VALUE, got {text!r} (e.g. venue=ICLR, cited.year=2020, ids.doi=)")
    name, value = (part.strip() for part in text.split("=", 1))
    top = name.split(".", 1)[0]
    if top not in field_order() or ("." in name and (top not in NESTED or name.split(".", 1)[1] not in NESTED[top])):
        from ..suggest import unknown

        choices = [f for f in field_order() if f not in NESTED] + [
            f"{t}.{s}" for t, subs in NESTED.items() for s in subs
        ]
        raise UsageError(unknown("field", name, choices))
    if top in NESTED and "." not in name:
        raise UsageError(f"set {top}'s parts one by one: {', '.join(f'{top}.{s}=...' for s in NESTED[top])}")
    if value == "":
        return name, None
    if name in INT_FIELDS:
        try:
            return name, int(value)
        except ValueError:
            raise UsageError(f"{name} must be a whole number, got {value!r}") from None
    if name == "tags":
        return name, [t.strip() for t in value.split(",") if t.strip()]
    if name == "authors":
        return name, [a.strip() for a in value.split(";") if a.strip()]
    return name, value


def apply_assignments(assignments: Sequence[tuple[str, Any]]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """The ``changes`` function of :func:`set_fields` for ``field=value`` pairs (nested ones merged)."""

    def changes(current: dict[str, Any]) -> dict[str, Any]:
        updates: dict[str, Any] = {}
        for name, value in assignments:
            if "." in name:
                top, sub = name.split(".", 1)
                inner = dict(updates.get(top) or current.get(top) or {})
                if value is None:
                    inner.pop(sub, None)
                else:
                    inner[sub] = value
                ordered = {k: inner[k] for k in NESTED[top] if k in inner}
                updates[top] = ordered or None
            else:
                updates[name] = value
        return updates

    return changes


def tag_changes(add: Sequence[str], remove: Sequence[str]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """The ``changes`` function of :func:`set_fields` that adds and removes catalogue tags."""

    def changes(current: dict[str, Any]) -> dict[str, Any]:
        tags = [str(t) for t in current.get("tags") or []]
        tags = [t for t in tags if t not in set(remove)] + [t for t in add if t not in tags]
        tags = list(dict.fromkeys(tags))
        if tags == (current.get("tags") or []):
            return {}
        return {"tags": tags or None}

    return changes


def personal_follow(catalogue: Catalogue | None, renamed: Mapping[str, str]) -> None:
    """Carry the reader's status, tags and note over to a paper's new key."""
    if catalogue is None:
        return
    for old, new in renamed.items():
        catalogue.personal().rename(old, new)
