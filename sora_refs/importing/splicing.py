"""An import's changes written into the catalogue's text, the rest of the file byte for byte.

As the living-list commands do (:mod:`sora_refs.editing.splice`): new papers go at the end of
``papers:``, laid out like the ones before them; a merged paper gets only its changed fields
(the filled ones, a new alias) spliced into its entry, its comments kept; a new category is
appended to ``categories:``. Only a layout that cannot be edited in place (a flow-style list of
papers, say) makes the whole file be written again, and then its comments are lost.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..editing.splice import CatalogueText, SpliceError, as_list_item
from ..errors import SoraRefsError
from ..models import Loaded, Paper

if TYPE_CHECKING:
    from ..catalogue import Catalogue

NEW_CATEGORY_DESCRIPTION = "Papers imported without a category."


def new_text(
    old: bytes | None,
    existing: Catalogue | None,
    originals: Mapping[str, Paper],
    updated: Mapping[str, Paper],
    added: Sequence[Paper],
    category: str | None,
    target: Path,
) -> str:
    """The catalogue's text with ``updated`` papers changed (``originals`` as they were) and ``added``
    appended; ``category`` is added to the catalogue's categories when it defines some but not it."""
    from ..editing import emit
    from ..formats.yaml_ import dump, dump_papers, paper_mapping
    from ..reading.loader import catalogue_text

    if existing is None:  # a new file (or one with only comments): written whole
        from ..models import SCHEMA_VERSION

        head = catalogue_text(old, str(target)) if old else ""
        head = head if not head.strip() or head.endswith("\n") else head + "\n"
        header = dump({"catalogue": {"title": target.stem, "schema": SCHEMA_VERSION}})
        return head + header + "papers:\n" + dump_papers([paper_mapping(p) for p in added])
    text = catalogue_text(old, str(target)) if old else ""
    needs_category = (
        category is not None and bool(existing.categories) and all(c.id != category for c in existing.categories)
    )
    try:
        if needs_category:
            assert category is not None
            text = add_category(text, _category_mapping(category))
        spliced = CatalogueText(text)  # parsed once: the new papers go after the last, which moves no other
        mappings = [paper_mapping(p) for p in added]
        if mappings and not spliced.entries:  # papers: [] (or none yet): the first one opens the list
            spliced = CatalogueText(spliced.append_entry(emit.mapping_text(mappings.pop(0))))
        merged = {key: _merged_entry(spliced, key, originals[key], paper) for key, paper in updated.items()}
        text = spliced.replace_entries(
            {spliced.index_of(key): entry for key, entry in merged.items()}, _appended(spliced, mappings)
        )
    except SpliceError:
        return _rewritten(existing, [updated.get(p.key, p) for p in existing.papers] + list(added), category)
    return text


def _merged_entry(spliced: CatalogueText, key: str, before: Paper, after: Paper) -> str:
    """Paper ``key``'s entry (as :meth:`CatalogueText.entry_text` gives it) with the fields that
    differ between ``before`` and ``after`` set, each on its own lines; the rest as written."""
    from ..editing import emit
    from ..editing.changes import field_order
    from ..formats.yaml_ import paper_mapping

    old, new = paper_mapping(before), paper_mapping(after)
    index = spliced.index_of(key)
    column = spliced.entries[index].indent
    entry = CatalogueText("papers:\n" + as_list_item(spliced.entry_text(index)))
    for name, value in new.items():
        if old.get(name) != value:
            entry = CatalogueText(entry.set_field(0, name, emit.field_text(name, value, column), field_order()))
    return entry.entry_text(0)


def _appended(spliced: CatalogueText, mappings: list[dict[str, Any]]) -> str:
    """``mappings`` as items of the papers list, laid out like its last paper (and spaced as it is)."""
    from ..formats.yaml_ import dump_papers

    if not mappings:
        return ""
    last = spliced.entries[-1]
    spaced = len(spliced.entries) > 1 and spliced.blank_before(last)
    items = [_laid_out(dump_papers([m]), last.dash, last.indent) for m in mappings]
    return "".join(("\n" if spaced else "") + item for item in items)  # a blank line between, if they have one


def _laid_out(item: str, dash: int, indent: int) -> str:
    """A list item as :func:`dump_papers` writes it (``- key: ...``, keys at column 2) with its dash at
    column ``dash`` and its keys at column ``indent``, as the file's other papers are."""
    lines = item.splitlines(keepends=True)
    deeper = " " * (dash + max(indent - dash - 2, 0))
    first = " " * dash + "-" + " " * max(indent - dash - 1, 1) + lines[0][2:]
    return first + "".join(deeper + line for line in lines[1:])


def _category_mapping(category: str) -> dict[str, str]:
    return {"id": category, "name": category.capitalize(), "description": NEW_CATEGORY_DESCRIPTION}


def add_category(text: str, mapping: Mapping[str, str]) -> str:
    """``text`` with ``mapping`` appended to its block list of ``categories:``, as the others are written
    (one flow mapping a line, or a block mapping); :class:`SpliceError` for any other layout."""
    import yaml

    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        raise SpliceError(f"the catalogue is not valid YAML ({error})") from None
    if not isinstance(root, yaml.MappingNode):
        raise SpliceError("the catalogue is not a mapping")
    found = next((value for key, value in root.value if key.value == "categories"), None)
    if not isinstance(found, yaml.SequenceNode) or found.flow_style or not found.value:
        raise SpliceError("the categories are not a block list")
    first, last = found.value[0], found.value[-1]
    lines: list[str] = text.splitlines(keepends=True)
    start = first.start_mark
    line_text = lines[start.line]
    dash = line_text.rfind("-", 0, start.column)
    if dash < 0:
        raise SpliceError("cannot find the '-' of the first category")
    end = last.end_mark.line if last.end_mark.column == 0 else last.end_mark.line + 1
    while end > last.start_mark.line + 1 and not lines[end - 1].strip():
        end -= 1
    if isinstance(last, yaml.MappingNode) and last.flow_style:
        pairs = ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in mapping.items())
        item = " " * dash + "- {" + pairs + "}\n"
    else:
        from ..editing import emit

        item = as_list_item(emit.mapping_text(dict(mapping)), dash)
    head = "".join(lines[:end])
    if head and not head.endswith("\n"):
        head += "\n"
    return head + str(item) + "".join(lines[end:])


def _rewritten(existing: Catalogue, papers: list[Paper], category: str | None) -> str:
    """The whole catalogue written again (a layout that cannot be edited in place): comments are lost."""
    from ..formats.yaml_ import dump, group_mapping, header_mapping, paper_mapping

    data: dict[str, Any] = {"catalogue": header_mapping(existing.info)}
    for name, groups in (("sections", existing.sections), ("categories", existing.categories)):
        if groups:
            data[name] = [group_mapping(g) for g in groups]
    if category is not None and existing.categories and all(c.id != category for c in existing.categories):
        data["categories"].append(_category_mapping(category))
    data["papers"] = [paper_mapping(p) for p in papers]
    text: str = dump(data)
    return text


def count_check(count: int) -> Callable[[Loaded], None]:
    """Refuse a merged catalogue whose paper count is not the old count plus the new papers."""

    def check(loaded: Loaded) -> None:
        if len(loaded.papers) != count:
            raise SoraRefsError(
                f"the merged catalogue would hold {len(loaded.papers)} papers instead of {count}; nothing was written"
            )

    return check
