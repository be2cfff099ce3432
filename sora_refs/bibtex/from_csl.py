"""CSL-JSON (Zotero's, Pandoc's and our own export) read into BibTeX's terms.

Each item becomes a :class:`~.reader.RawEntry` of LaTeX-escaped BibTeX fields, for
:func:`.to_paper.map_entry` to map like any .bib entry; variables with no BibTeX equivalent keep
their own name.
"""

from __future__ import annotations

import json
import re
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
