"""YAML: a catalogue file of its own (header, the sections and categories used, the papers).

``sora-refs --catalogue part.yaml list`` reads it back. The importer writes papers with
:func:`paper_mapping` and :func:`dump`, so both use the catalogue's own layout.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..models import PAPER_FIELDS, Paper
from . import ExportOptions


def paper_mapping(paper: Paper) -> dict[str, Any]:
    """The paper as the catalogue file holds it: :data:`PAPER_FIELDS` order, empty fields left out."""
    data = paper.as_dict()
    raw_ids = data["ids"]
    assert isinstance(raw_ids, dict)
    ids = {k: v for k, v in raw_ids.items() if v is not None}
    data["ids"] = ids or None
    return {name: data[name] for name in PAPER_FIELDS if data.get(name) not in (None, [], {})}


def dump(data: Any) -> str:
    """YAML as the catalogue writes it: block style, Unicode kept, keys in the given order."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100,
                     default_flow_style=False)


def _group(group: Any) -> dict[str, Any]:
    return {k: v for k, v in (("id", group.id), ("name", group.name), ("name_zh", group.name_zh),
                              ("description", group.description)) if v is not None}


@dataclass(frozen=True)
class YamlFormat:
    name: str = "yaml"
    description: str = "YAML: a catalogue file sora-refs --catalogue reads back"

    def render(self, papers: Sequence[Paper], options: ExportOptions) -> str:
        catalogue = options.catalogue
        data: dict[str, Any] = {}
        if catalogue is not None:
            info = catalogue.info
            header: dict[str, Any] = {"title": info.title}
            if info.description:
                header["description"] = info.description
            if info.description_zh:
                header["description_zh"] = info.description_zh
            if info.source:
                header["source"] = {k: v for k, v in (("title", info.source.title), ("url", info.source.url)) if v}
            header["schema"] = info.schema
            data["catalogue"] = header
            used_sections = {p.section for p in papers}
            used_categories = {p.category for p in papers}
            if catalogue.sections:
                data["sections"] = [_group(s) for s in catalogue.sections if s.id in used_sections]
            if catalogue.categories:
                data["categories"] = [_group(c) for c in catalogue.categories if c.id in used_categories]
        else:
            data["catalogue"] = {"title": "Exported papers", "schema": 1}
        data["papers"] = [paper_mapping(p) for p in papers]
        return dump(data)


FORMAT = YamlFormat()
