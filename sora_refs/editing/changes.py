"""Keeping a catalogue file: replace (after an edit), remove, tag and set, one paper at a time; what
every change shares (the check, the write, the outcome). Adding is :mod:`.appending`, the
``FIELD=VALUE`` texts of ``set`` are :mod:`.assignments`.

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


def is_blank(text: str) -> bool:
    """True for a file with nothing but comments and blank lines (a new catalogue someone started)."""
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def start_text(old: str, target: Path) -> str:
    """A new catalogue's header, after whatever comments the file already has."""
    title = target.stem.replace("-", " ").replace("_", " ").strip() or "My papers"
    head = (old if old.endswith("\n") else old + "\n") + "\n"
    if not old.strip():
        head = f"# {title}: a sora-refs catalogue. Check it with `sora-refs check`.\n\n"
    return head + f"catalogue:\n  title: {emit.field_text('t', title)[3:].strip()}\n  schema: 1\n\npapers:\n"


def verify(old: str, new: str, expect: Callable[[list[Any]], list[Any]], target: Path) -> None:
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


def write_change(edit: Any, text: str, target: Path, dry_run: bool, dropped: Iterable[str] = ()) -> Path | None:
    if dry_run:
        from ..reading.loader import load_bytes

        load_bytes(text.encode("utf-8"), str(target))  # validated all the same
        return None
    written = edit.write(text, dropped=dropped)
    backup: Path | None = written.backup
    return backup


def papers_in(text: str, target: Path, keys: Iterable[str]) -> list[Paper]:
    from ..reading.loader import load_bytes

    loaded = load_bytes(text.encode("utf-8"), str(target))
    by_key = {p.key: p for p in loaded.papers}
    return [by_key[k] for k in keys if k in by_key]


def check_group(value: str | None, known: Sequence[str], what: str) -> None:
    """:class:`UsageError` for a category or section the catalogue does not define."""
    if value is None or not known or value in known:
        return
    from ..suggest import unknown

    raise UsageError(unknown(what, value, known))


def plain(mappings: list[dict[str, Any]]) -> list[Any]:
    import json

    plain: list[Any] = json.loads(json.dumps(mappings))
    return plain


# -- replace, remove, set -------------------------------------------------------------------


def _locate(edit: Any, key: str) -> tuple[str, CatalogueText, int]:
    if edit.old is None:
        raise SoraRefsError(f"{edit.path}: no such file")
    from ..reading.loader import catalogue_text

    old = catalogue_text(edit.old, str(edit.path))
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
        verify(old, text, lambda before: before[:index] + [mapping] + before[index + 1 :], target)
        new_key = str(mapping.get("key", key))
        outcome = Outcome(target, text, dry_run=dry_run)
        outcome.backup = write_change(edit, text, target, dry_run, dropped=[key] if new_key != key else [])
        outcome.papers = papers_in(text, target, [new_key])
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
        verify(old, text, lambda before: [p for i, p in enumerate(before) if i not in gone], target)
        outcome = Outcome(target, text, papers=removed, dry_run=dry_run)
        outcome.backup = write_change(edit, text, target, dry_run, dropped=keys)
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
    from ..reading.yamlread import safe_load
    from ..writing import edit_catalogue

    target = check_writable(path)
    with edit_catalogue(target, lock=not dry_run) as edit:
        old, spliced, index = _locate(edit, key)
        current = (safe_load(old) or {})["papers"][index]
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
        verify(old, text, lambda before: before[:index] + plain([expected]) + before[index + 1 :], target)
        new_key = str(expected.get("key", key))
        outcome = Outcome(target, text, dry_run=dry_run)
        if text != old:
            outcome.backup = write_change(edit, text, target, dry_run, dropped=[key] if new_key != key else [])
        outcome.papers = papers_in(text, target, [new_key])
        if new_key != key:
            outcome.renamed[key] = new_key
        return outcome


def personal_follow(catalogue: Catalogue | None, renamed: Mapping[str, str]) -> None:
    """Carry the reader's status, tags and note over to a paper's new key."""
    if catalogue is None:
        return
    for old, new in renamed.items():
        catalogue.personal().rename(old, new)
