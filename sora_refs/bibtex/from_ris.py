"""RIS (EndNote, Mendeley, Zotero, the databases' exports) read into BibTeX's terms.

Each record becomes a :class:`~.reader.RawEntry` of LaTeX-escaped BibTeX fields, for
:func:`.to_paper.map_entry` to map like any .bib entry; tags with no BibTeX equivalent travel as
``ris-<tag>`` fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .latex import escape
from .reader import RawEntry, RawProblem

_RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
_RIS_TYPES = {
    "JOUR": "article",
    "JFULL": "article",
    "MGZN": "article",
    "NEWS": "article",
    "EJOUR": "article",
    "CONF": "inproceedings",
    "CPAPER": "inproceedings",
    "BOOK": "book",
    "EBOOK": "book",
    "EDBOOK": "book",
    "CHAP": "incollection",
    "ECHAP": "incollection",
    "THES": "phdthesis",
    "RPRT": "techreport",
    "UNPB": "unpublished",
    "ELEC": "online",
    "WEB": "online",
    "COMP": "software",
    "DATA": "dataset",
}
# RIS tag -> BibTeX field, for tags that carry one value.
_RIS_FIELDS = {
    "TI": "title",
    "T1": "title",
    "VL": "volume",
    "IS": "number",
    "PB": "publisher",
    "CY": "address",
    "SN": "isbn",
    "DO": "doi",
    "AB": "abstract",
    "N2": "abstract",
    "ET": "edition",
    "T3": "series",
}


def read_ris(text: str, source: str) -> tuple[list[RawEntry], list[RawProblem]]:
    """The records of a RIS file as BibTeX entries; lines outside a record are ignored."""
    entries: list[RawEntry] = []
    problems: list[RawProblem] = []
    record: list[tuple[str, str]] | None = None
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        found = _RIS_LINE.match(line.lstrip("\ufeff").rstrip())
        if found is None:
            if record and line.strip():  # a continuation of the previous value
                tag, value = record[-1]
                record[-1] = (tag, f"{value} {line.strip()}")
            continue
        tag, value = found.group(1), (found.group(2) or "").strip()
        if tag == "TY":
            if record is not None:
                problems.append(RawProblem(start, None, "a record without its ER line; read up to the next TY", source))
                entries.append(_ris_entry(record, start, source))
            record, start = [(tag, value)], number
        elif tag == "ER":
            if record is not None:
                entries.append(_ris_entry(record, start, source))
            record = None
        elif record is not None:
            record.append((tag, value))
        elif value:  # a tag before any TY: a record whose TY line is missing, read as generic
            problems.append(RawProblem(number, None, "a record without its TY line; read as a generic one", source))
            record, start = [("TY", "GEN"), (tag, value)], number
    if record is not None:
        entries.append(_ris_entry(record, start, source))
    return entries, problems


def _ris_name(name: str) -> str:
    parts = [p.strip() for p in name.split(",")]
    if len(parts) == 1:
        return "{" + escape(parts[0]) + "}" if " " in parts[0] else escape(parts[0])
    family = parts[0]
    family = "{" + escape(family) + "}" if " " in family and not family.split()[0].islower() else escape(family)
    rest = [escape(p) for p in parts[1:] if p]
    if len(rest) == 2:  # Last, First, Suffix
        return f"{family}, {rest[1]}, {rest[0]}"
    return ", ".join([family, *rest])


def _ris_entry(record: Iterable[tuple[str, str]], line: int, source: str) -> RawEntry:
    values: dict[str, list[str]] = {}
    for tag, value in record:
        if value:
            values.setdefault(tag, []).append(value)
    ris_type = values.get("TY", ["GEN"])[0]
    kind = _RIS_TYPES.get(ris_type, "misc")
    fields: dict[str, str] = {}
    authors = values.get("AU", []) + values.get("A1", [])
    if authors:
        fields["author"] = " and ".join(_ris_name(a) for a in authors)
    editors = (
        values.get("ED", []) + values.get("A2", [])
        if kind in ("incollection", "book", "inproceedings")
        else values.get("ED", [])
    )
    if editors:
        fields["editor"] = " and ".join(_ris_name(a) for a in editors)
    for tag in ("PY", "Y1", "DA"):
        if tag in values:
            found = re.match(r"\s*(\d{4})(?:[/-](\d{1,2}))?", values[tag][0])
            if not found and tag == "PY" and values[tag][0].strip():  # "In Press": the words, kept
                fields.setdefault("year", escape(values[tag][0].strip()))
            if found:
                fields.setdefault("year", found.group(1))
                if found.group(2) and int(found.group(2)):
                    fields.setdefault("month", str(int(found.group(2))))
    container = next((values[t][0] for t in ("T2", "JO", "JF", "BT", "JA", "J2") if t in values), None)
    if container and container != values.get("TI", [""])[0]:
        name = {"article": "journal", "inproceedings": "booktitle", "incollection": "booktitle"}.get(kind)
        fields[name or "howpublished"] = escape(container)
    if "SN" in values and kind == "article":
        fields["issn"] = values.pop("SN")[0]  # a journal's SN is its ISSN
    for tag, name in _RIS_FIELDS.items():
        if tag in values and name not in fields:
            fields[name] = values[tag][0] if name == "doi" else escape(values[tag][0])
    if "SP" in values:
        fields["pages"] = values["SP"][0] + (f"--{values['EP'][0]}" if "EP" in values else "")
    urls = values.get("UR", [])
    if urls:
        fields["url"] = urls[0]
    files = [f for t in ("L1", "L4") for f in values.get(t, [])]
    local = [f.removeprefix("file://") for f in files if not f.startswith(("http://", "https://"))]
    if local:
        fields["file"] = ";".join(":" + f.replace(":", "\\:") + ":PDF" for f in local)
    web = [f for f in files if f.startswith(("http://", "https://"))] + urls[1:]
    if web:
        fields["pdf-links" if files else "urls"] = " ".join(web)
    notes = []
    for note in values.get("N1", []):
        found = re.fullmatch(r"(?i)arxiv:\s*(\S+)", note.strip())
        if found:
            fields["eprint"], fields["archiveprefix"] = found.group(1), "arXiv"
        else:
            notes.append(note)
    if notes:
        fields["note"] = escape(" ".join(notes))
    if "KW" in values:
        fields["keywords"] = escape(", ".join(values["KW"]))
    if kind == "techreport" and "publisher" in fields:
        fields["institution"] = fields.pop("publisher")
    if kind == "phdthesis" and "publisher" in fields:
        fields["school"] = fields.pop("publisher")
    if kind == "phdthesis" and "M3" in values:  # a thesis's type of work: "Master's thesis"
        fields["type"] = escape(values.pop("M3")[0])
    used = {
        "TY",
        "ID",
        "AU",
        "A1",
        "ED",
        "PY",
        "Y1",
        "DA",
        "T2",
        "JO",
        "JF",
        "BT",
        "JA",
        "J2",
        "SP",
        "EP",
        "UR",
        "L1",
        "L4",
        "N1",
        "KW",
        *_RIS_FIELDS,
    }
    if kind in ("incollection", "book", "inproceedings"):
        used.add("A2")
    for tag, items in values.items():
        if tag not in used:
            fields[f"ris-{tag.lower()}"] = escape("; ".join(items))
    key = values.get("ID", [""])[0].strip()  # none: the importer makes one
    return RawEntry(kind, key, fields, line, source)
