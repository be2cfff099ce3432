"""YAML: a catalogue file of its own (header, the sections and categories used, the papers).

``sora-refs --catalogue part.yaml list`` reads it back. The importer writes papers with
:func:`paper_mapping` and :func:`dump`, so both use the catalogue's own layout.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..models import PAPER_FIELDS, CatalogueInfo, Category, Paper, Section
from . import ExportOptions


def paper_mapping(paper: Paper) -> dict[str, Any]:
    """The paper as the catalogue file holds it: :data:`PAPER_FIELDS` order, empty fields left out."""
    data = paper.as_dict()
    raw_ids = data["ids"]
    assert isinstance(raw_ids, dict)
    ids = {k: v for k, v in raw_ids.items() if v is not None}
    data["ids"] = ids or None
    return {
        name: data[name] for name in PAPER_FIELDS if data.get(name) not in (None, [], {}) and data[name] is not False
    }


_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.;()/+_'-]*")
_NOT_PLAIN = re.compile(r"(?:y|n|yes|no|true|false|on|off|null)", re.I)


def _scalar(value: Any) -> str:
    """One scalar as YAML: plain where that reads back as the same string, else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and not text.endswith(" ") and "  " not in text and not _NOT_PLAIN.fullmatch(text):
        return text
    # JSON's escapes are a subset of YAML's double-quoted ones; YAML also wants its non-printable
    # characters (DEL, C1 controls, U+2028...) escaped, which JSON leaves as they are.
    return _UNPRINTABLE.sub(_escape, json.dumps(text, ensure_ascii=False))


_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def dump_papers(mappings: Sequence[dict[str, Any]], indent: str = "") -> str:
    """A block list of paper mappings, as :func:`dump` writes it but a dozen times faster.

    PyYAML represents every scalar in Python; a large import spent a third of its time there.
    Paper mappings hold only strings, numbers, booleans, lists of strings and flat mappings.
    """
    out: list[str] = []
    for mapping in mappings:
        lead = indent + "- "
        for name, value in mapping.items():
            if isinstance(value, list):
                out.append(f"{lead}{name}:\n")
                out.extend(f"{indent}  - {_scalar(item)}\n" for item in value)
            elif isinstance(value, dict):
                out.append(f"{lead}{name}:\n")
                out.extend(f"{indent}    {_scalar(key)}: {_scalar(item)}\n" for key, item in value.items())
            else:
                out.append(f"{lead}{name}: {_scalar(value)}\n")
            lead = indent + "  "
    return "".join(out)


def dump(data: Any) -> str:
    """YAML as the catalogue writes it: block style, Unicode kept, keys in the given order."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


def header_mapping(info: CatalogueInfo) -> dict[str, Any]:
    """A catalogue's header as the plain data its file holds (the import and this export share it)."""
    header: dict[str, Any] = {"title": info.title}
    if info.description:
        header["description"] = info.description
    if info.description_zh:
        header["description_zh"] = info.description_zh
    if info.source:
        header["source"] = {k: v for k, v in (("title", info.source.title), ("url", info.source.url)) if v}
    header["schema"] = info.schema
    return header


def group_mapping(group: Section | Category) -> dict[str, Any]:
    """A section or category as the plain data its file holds."""
    return {
        k: v
        for k, v in (
            ("id", group.id),
            ("name", group.name),
            ("name_zh", group.name_zh),
            ("description", group.description),
        )
        if v is not None
    }


@dataclass(frozen=True)
class YamlFormat:
    name: str = "yaml"
    description: str = "YAML: a catalogue file sora-refs --catalogue reads back"

    def render(self, papers: Sequence[Paper], options: ExportOptions) -> str:
        catalogue = options.catalogue
        data: dict[str, Any] = {}
        if catalogue is not None:
            data["catalogue"] = header_mapping(catalogue.info)
            used_sections = {p.section for p in papers}
            used_categories = {p.category for p in papers}
            if catalogue.sections:
                data["sections"] = [group_mapping(s) for s in catalogue.sections if s.id in used_sections]
            if catalogue.categories:
                data["categories"] = [group_mapping(c) for c in catalogue.categories if c.id in used_categories]
        else:
            data["catalogue"] = {"title": "Exported papers", "schema": 1}
        data["papers"] = [paper_mapping(p) for p in papers]
        return dump(data)


FORMAT = YamlFormat()
