"""CSL-JSON and RIS (Zotero, EndNote, Mendeley, Pandoc exports) read into BibTeX's terms.

Each record becomes a :class:`~.reader.RawEntry` whose values are LaTeX-escaped
BibTeX fields, so that one mapping (:func:`.to_paper.map_entry`) decides types,
venues, identifiers and what is kept, whatever the file's format. Fields with no BibTeX
equivalent keep their own name and travel in ``extra``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from ..errors import SoraRefsError
from .latex import escape
from .reader import RawEntry, RawProblem

_CSL_TYPES = {
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "paper-conference": "inproceedings",
    "chapter": "incollection",
    "entry-encyclopedia": "incollection",
    "entry-dictionary": "incollection",
    "book": "book",
    "report": "techreport",
    "thesis": "phdthesis",
    "article": "misc",
    "manuscript": "unpublished",
    "webpage": "online",
    "post-weblog": "online",
    "software": "software",
    "dataset": "dataset",
    "patent": "patent",
    "speech": "misc",
    "document": "misc",
}
# CSL variable -> BibTeX field (text fields are escaped).
_CSL_FIELDS = {
    "title": "title",
    "container-title": "journal",
    "volume": "volume",
    "issue": "number",
    "page": "pages",
    "publisher": "publisher",
    "publisher-place": "address",
    "DOI": "doi",
    "URL": "url",
    "ISBN": "isbn",
    "abstract": "abstract",
    "note": "note",
    "collection-title": "series",
    "edition": "edition",
    "event-place": "address",
    "genre": "type",
}
_RAW = frozenset({"DOI", "URL", "page"})
_SKIP = frozenset(
    {
        "id",
        "citation-key",
        "type",
        "author",
        "editor",
        "issued",
        "keyword",
        "number",
        "container-title-short",
        "accessed",
        "source",
        "language",
    }
)


def detect(path: str, head: str) -> str:
    """``bibtex``, ``csl-json`` or ``ris``, from the content first, then the extension."""
    start = head.lstrip("\ufeff \t\r\n")
    if start[:1] in ("[", "{") and not start.startswith("{\\"):
        return "csl-json"
    if re.search(r"^TY  - ", head, re.M):
        return "ris"
    if "@" in head:
        return "bibtex"
    lower = path.lower()
    if lower.endswith((".json", ".csl", ".csljson")):
        return "csl-json"
    if lower.endswith((".ris", ".enw")):
        return "ris"
    return "bibtex"


def _name(data: Any) -> str | None:
    if isinstance(data, str):
        return "{" + escape(data) + "}" if data.strip() else None
    if not isinstance(data, dict):
        return None
    if data.get("literal"):
        return "{" + escape(str(data["literal"])) + "}"
    family = " ".join(str(data.get(k) or "") for k in ("non-dropping-particle", "family")).strip()
    given = " ".join(str(data.get(k) or "") for k in ("given", "dropping-particle")).strip()
    if not family:
        return "{" + escape(given) + "}" if given else None
    parts = [escape(family) if " " not in family or family.split()[0].islower() else "{" + escape(family) + "}"]
    if data.get("suffix"):
        parts.append(escape(str(data["suffix"])))
    if given:
        parts.append(escape(given))
    return ", ".join(parts)


def _names(value: Any) -> str | None:
    if not isinstance(value, list):
        return None
    names = [n for n in (_name(item) for item in value) if n]
    return " and ".join(names) or None


def _date(value: Any) -> tuple[str | None, str | None]:
    """Year and month of a CSL date."""
    if not isinstance(value, dict):
        return None, None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        first = parts[0]
        year = str(first[0]) if first[0] not in (None, "") else None
        month = str(first[1]) if len(first) > 1 and first[1] not in (None, "") else None
        return year, month
    for name in ("raw", "literal"):
        text = value.get(name)
        if isinstance(text, str):
            found = re.search(r"\b(\d{4})(?:-(\d{1,2}))?", text)
            if found:
                return found.group(1), found.group(2)
    return None, None


def read_csl_json(text: str, source: str) -> tuple[list[RawEntry], list[RawProblem]]:
    """The items of a CSL-JSON array (or one item) as BibTeX entries."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise SoraRefsError(f"{source}: not valid CSL-JSON (line {error.lineno}: {error.msg})") from None
    except RecursionError:
        raise SoraRefsError(f"{source}: not CSL-JSON (nested too deeply)") from None
    if isinstance(data, dict):
        data = data.get("items", [data]) if "items" in data else [data]
    if not isinstance(data, list):
        raise SoraRefsError(f"{source}: not CSL-JSON (expected a list of items)")
    entries, problems = [], []
    for index, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            problems.append(RawProblem(None, None, f"item {index} is not an object; skipped", source))
            continue
        entries.append(_csl_entry(item, index, source))
    return entries, problems


def _csl_entry(item: dict[str, Any], index: int, source: str) -> RawEntry:
    csl_type = str(item.get("type") or "document")
    kind = _CSL_TYPES.get(csl_type, "misc")
    fields: dict[str, str] = {}
    for name, value in (("author", _names(item.get("author"))), ("editor", _names(item.get("editor")))):
        if value:
            fields[name] = value
    year, month = _date(item.get("issued"))
    issued = item.get("issued")
    literal = issued.get("literal") if isinstance(issued, dict) else None
    if year:
        fields["year"] = year
    elif isinstance(literal, str) and literal.strip():  # "forthcoming", "n.d.": the words, kept
        fields["year"] = escape(literal)
    elif isinstance(item.get("status"), str) and item["status"].strip():
        fields["year"] = escape(item["status"])  # "forthcoming", "in press": BibTeX says it as the year
    if month:
        fields["month"] = month
    for csl, bib in _CSL_FIELDS.items():
        value = item.get(csl)
        if value in (None, "", []):
            continue
        if bib == "journal" and kind in ("inproceedings", "incollection"):
            bib = "booktitle"
        elif bib == "journal" and kind not in ("article",):
            bib = "howpublished" if kind in ("misc", "online") else "booktitle" if kind == "book" else bib
        text = str(value)
        fields.setdefault(bib, text if csl in _RAW else escape(text))
    number = item.get("number")
    if number not in (None, ""):
        number = str(number)
        if re.match(r"(?i)arxiv:", number):
            fields["eprint"], fields["archiveprefix"] = number[6:].strip(), "arXiv"
        else:
            fields.setdefault("number", escape(number))
    note = fields.get("note")
    if note:  # our CSL-JSON export writes a published paper's arXiv id as a note
        parts = [part for part in note.split("; ") if part]
        for part in parts:
            found = re.fullmatch(r"(?i)arxiv:\s*(\S+)", part.strip())
            if found and "eprint" not in fields:
                fields["eprint"], fields["archiveprefix"] = found.group(1), "arXiv"
                parts.remove(part)
                break
        if parts:
            fields["note"] = "; ".join(parts)
        else:
            del fields["note"]
    keywords = item.get("keyword")
    if isinstance(keywords, str) and keywords.strip():
        fields["keywords"] = escape(keywords)
    if kind in ("misc", "online") and "publisher" in fields and "howpublished" not in fields:
        fields["howpublished"] = fields.pop("publisher")  # a preprint's "publisher" is its server
    if csl_type == "report" and "publisher" in fields:
        fields["institution"] = fields.pop("publisher")
    if csl_type == "thesis" and "publisher" in fields:
        fields["school"] = fields.pop("publisher")
    for name, value in item.items():
        if name in _SKIP or name in _CSL_FIELDS or value in (None, "", []):
            continue
        if name == "status" and not year:
            continue  # written as the year, above
        if isinstance(value, (str, int, float)):
            fields.setdefault(name.lower(), escape(str(value)))
    key = str(item.get("citation-key") or item.get("id") or "")
    if "://" in key or "/" in key and not re.match(r"^[\w.:+-]+/[\w.:+-]+$", key):
        key = ""  # Zotero's item URI is no citekey: the importer makes one
    return RawEntry(kind, key, fields, index, source)


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
