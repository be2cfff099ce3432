"""Reading one paper's mapping: every field checked, every problem kept with its path.

Used by :mod:`sora_refs.reading.schema`, which validates the document around the papers.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from .. import ids
from ..models import PAPER_FIELDS, Cited, Ids, Paper, PaperType, ThesisKind
from ..suggest import hint, suggestion
from ..text import describe_char, first_forbidden, join_cjk_folds

Path = tuple[Any, ...]

ARXIV_NEW = re.compile(ids.ARXIV_NEW)
ARXIV_OLD = re.compile(ids.ARXIV_OLD)
ARXIV_VERSIONED = re.compile(ids.ARXIV_VERSIONED)
DOI = re.compile(ids.DOI)
ARXIV_CLASS = re.compile(ids.ARXIV_CLASS)
KEY = re.compile(ids.CITEKEY)
ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
TAG = re.compile(r"^[a-z0-9][a-z0-9+._-]*$")
URL = re.compile(r"^https?://[^\s]+$")
_PAGE = r"(?:[A-Za-z]{0,3}\d+(?:[:.]\d+)*[A-Za-z]?|[ivxlcdmIVXLCDM]+)"
PAGES = re.compile(rf"^{_PAGE}(?:[-–]+{_PAGE})?(?:,\s*{_PAGE}(?:[-–]+{_PAGE})?)*$")
"""Page ranges: ``843-852``, ``58:1-58:15`` (article:page), ``e1002``, ``S12-S15``, ``xi-xx``, ``1,5-7``."""
MIN_YEAR = 1600
TYPES = tuple(t.value for t in PaperType)


@dataclass
class RawProblem:
    """A problem before its line number is known."""

    path: Path
    entry: str | None
    field: str | None
    message: str
    suggestion: str | None = None


def type_name(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "a date"
    return {
        str: "a string",
        int: "a whole number",
        float: "a number with a fraction",
        list: "a list",
        dict: "a mapping",
    }.get(type(value), type(value).__name__)


class Checker:
    """Collects problems while reading one mapping."""

    def __init__(self, out: list[RawProblem], path: Path, entry: str | None, prefix: str = "") -> None:
        self.out = out
        self.path = path
        self.entry = entry
        self.prefix = prefix  # dotted parent of nested fields: "cited."

    def problem(self, name: str | None, message: str, hint: str | None = None, sub: Path = ()) -> None:
        path = self.path + ((name,) if name is not None else ()) + sub
        label = self.prefix + name if name is not None else (self.prefix[:-1] or None)
        self.out.append(RawProblem(path, self.entry, label, message, hint))

    def keys(self, data: dict[Any, Any], allowed: tuple[str, ...], what: str) -> None:
        for name in data:
            if not isinstance(name, str):
                self.problem(None, f"{what} has a key that is not a string: {name!r}")
            elif name not in allowed:
                self.problem(name, f"unknown key in {what}", hint(name, allowed, label="allowed"))

    def string(
        self,
        data: dict[str, Any],
        name: str,
        required: bool = False,
        pattern: re.Pattern[str] | None = None,
        expected: str = "",
        hint: str | None = None,
    ) -> str | None:
        value = data.get(name)
        if value is None:
            if required:
                self.problem(name, f"missing; expected {expected or 'a string'}")
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and pattern is not None:
            # An unquoted arXiv id or page number reads as a number and may lose digits.
            self.problem(
                name,
                f"expected {expected or 'a string'}, found {type_name(value)} {value!r}",
                'quote the value in the file, e.g. "..."',
            )
            return None
        if not isinstance(value, str):
            self.problem(name, f"expected {expected or 'a string'}, found {type_name(value)}")
            return None
        if not self.safe(name, value):
            return None
        if not value.strip():
            if required:
                self.problem(name, f"is empty; expected {expected or 'a string'}")
            return None
        if pattern is not None and not pattern.match(value):
            self.problem(name, f"{value!r} is not {expected}", hint)
            return None
        return join_cjk_folds(value.strip())

    def safe(self, name: str, value: str, sub: Path = (), label: str = "") -> bool:
        """False (and a problem) when ``value`` holds a character no terminal or row may receive."""
        bad = first_forbidden(value)
        if bad is None:
            return True
        self.problem(
            name,
            f"{label}contains {describe_char(bad)} at character {value.index(bad) + 1}",
            "remove it: a terminal would act on it instead of showing it",
            sub,
        )
        return False

    def integer(self, data: dict[str, Any], name: str, required: bool, low: int, high: int, what: str) -> int | None:
        value = data.get(name)
        if value is None:
            if required:
                self.problem(name, f"missing; expected {what}")
            return None
        if isinstance(value, str) and value.strip().isdigit():
            self.problem(name, f"expected {what}, found the string {value!r}", "write it without quotes")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(name, f"expected {what}, found {type_name(value)}")
            return None
        if not low <= value <= high:
            self.problem(name, f"{value} is out of range; expected {what} from {low} to {high}")
            return None
        return value


def entry_label(index: int, item: Any) -> str:
    label = f"paper #{index + 1}"
    if isinstance(item, dict):
        details = []
        if isinstance(item.get("ref"), int) and not isinstance(item.get("ref"), bool):
            details.append(f"ref {item['ref']}")
        if isinstance(item.get("key"), str):
            details.append(f"key {item['key']}")
        if details:
            label += " (" + ", ".join(details) + ")"
    return label


def check_paper(item: Any, index: int, bounds: tuple[int, int], problems: list[RawProblem]) -> Paper | None:
    check = Checker(problems, ("papers", index), entry_label(index, item))
    if not isinstance(item, dict):
        check.problem(None, f"expected a mapping of paper fields, found {type_name(item)}")
        return None
    before = len(problems)
    check.keys(item, PAPER_FIELDS, "a paper")
    low, high = bounds
    ref = check.integer(item, "ref", False, 1, 10**9, "a positive whole number")
    key = check.string(
        item, "key", required=True, pattern=KEY, expected="a citekey of ASCII letters, digits and _:./+- (no spaces)"
    )
    title = check.string(item, "title", required=True, expected="the paper's title")
    # An anonymous work (a manual, a periodical, a web page) may have none.
    authors = _string_list(check, item, "authors", required=False, what="author names") or []
    # A manual, a web page or a forthcoming paper may have none.
    year = check.integer(item, "year", False, low, high, "a year")
    venue = check.string(item, "venue", expected="a short venue name")
    venue_full = check.string(item, "venue_full")
    type_ = check.string(item, "type", required=True, expected="one of " + ", ".join(TYPES))
    if type_ is not None and type_ not in TYPES:
        check.problem(
            "type", f"{type_!r} is not a known type; expected one of {', '.join(TYPES)}", suggestion(type_, TYPES)
        )
        type_ = None
    volume = _scalar_text(check, item, "volume")
    pages = _scalar_text(check, item, "pages")
    if pages is not None and not PAGES.match(pages.replace(" ", "")):
        check.problem("pages", f"{pages!r} is not a page range", "write it as first-last, e.g. 843-852")
    publisher = check.string(item, "publisher")
    cited = _cited(check, item.get("cited"), low, high)
    ids = _ids(check, item.get("ids"))
    url = _web_url(check, item, "url")
    pdf = _web_url(check, item, "pdf")
    category = check.string(item, "category", required=True, pattern=ID, expected="a category id")
    section = check.string(item, "section", pattern=ID, expected="a section id")
    tags = _string_list(check, item, "tags", required=False, what="tags", pattern=TAG)
    summary = check.string(item, "summary")
    summary_zh = check.string(item, "summary_zh")
    notes = check.string(item, "notes")
    truncated = item.get("authors_truncated", False)
    if not isinstance(truncated, bool):
        check.problem("authors_truncated", f"expected true or false, found {type_name(truncated)}")
    editors = _string_list(check, item, "editors", required=False, what="editor names")
    editors_truncated = item.get("editors_truncated", False)
    if not isinstance(editors_truncated, bool):
        check.problem("editors_truncated", f"expected true or false, found {type_name(editors_truncated)}")
    thesis = check.string(item, "thesis", expected="phd or masters")
    if thesis is not None and thesis not in THESIS_KINDS:
        check.problem("thesis", f"{thesis!r} is not a kind of thesis; expected phd or masters")
        thesis = None
    month = check.integer(item, "month", False, 1, 12, "a month number")
    texts = {name: _scalar_text(check, item, name) for name in _TEXT_FIELDS}
    keywords = _string_list(check, item, "keywords", required=False, what="keywords")
    files = _string_list(check, item, "files", required=False, what="file paths")
    aliases = _string_list(check, item, "aliases", required=False, what="citekeys", pattern=ALIAS)
    extra = _extra(check, item.get("extra"))
    if len(problems) != before or key is None or title is None or type_ is None or category is None:
        return None
    return Paper(
        key=key,
        title=title,
        authors=tuple(authors),
        year=year,
        venue=venue,
        type=PaperType(type_),
        category=category,
        ref=ref,
        venue_full=venue_full,
        volume=volume,
        pages=pages,
        publisher=publisher,
        cited=cited,
        ids=ids or Ids(),
        url=url,
        pdf=pdf,
        section=section,
        tags=tuple(tags or ()),
        summary=summary,
        summary_zh=summary_zh,
        notes=notes,
        authors_truncated=bool(truncated),
        editors=tuple(editors or ()),
        editors_truncated=bool(editors_truncated),
        thesis=ThesisKind(thesis) if thesis is not None else None,
        month=month,
        keywords=tuple(keywords or ()),
        files=tuple(files or ()),
        aliases=tuple(aliases or ()),
        extra=extra,
        **texts,
    )


THESIS_KINDS = tuple(kind.value for kind in ThesisKind)
_TEXT_FIELDS = ("number", "address", "series", "edition", "isbn", "organization", "note", "abstract")
"""Optional free-text fields (a number is as good as its digits: ``number: 8``)."""
ALIAS = re.compile(r"^\S+$")
"""An alias is any key a .bib file used: no spaces, but not necessarily a valid citekey."""


def _extra(check: Checker, data: Any) -> dict[str, str] | None:
    """``extra``: a mapping of other BibTeX fields to their values, as written."""
    if data is None:
        return None
    if not isinstance(data, dict):
        check.problem("extra", f"expected a mapping of field names to values, found {type_name(data)}")
        return None
    out = {}
    for name, value in data.items():
        if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z][\w:.+-]*", name):
            check.problem("extra", f"{name!r} is not a field name", "letters, digits and _-:.+")
        elif isinstance(value, bool) or not isinstance(value, (str, int, float)):
            check.problem("extra", f"field {name!r}: expected text, found {type_name(value)}", sub=(name,))
        elif isinstance(value, str) and not check.safe("extra", value, sub=(name,), label=f"field {name!r} "):
            pass
        else:
            out[name.lower()] = str(value)
    return out or None


def _web_url(check: Checker, item: dict[str, Any], name: str) -> str | None:
    value = check.string(item, name, pattern=URL, expected="an http(s) URL")
    if value is not None and not ids.is_web_url(value):
        check.problem(name, f"{value!r} is not a usable http(s) URL: its host or port cannot be read")
        return None
    return value


def _scalar_text(check: Checker, item: dict[str, Any], name: str) -> str | None:
    value = item.get(name)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # volume: 37 is as good as volume: "37"
    return check.string(item, name)


def _string_list(
    check: Checker, item: dict[str, Any], name: str, required: bool, what: str, pattern: re.Pattern[str] | None = None
) -> list[str] | None:
    value = item.get(name)
    if value is None:
        if required:
            check.problem(name, f"missing; expected a list of {what}")
        return None
    if isinstance(value, str):
        check.problem(
            name, f"expected a list of {what}, found a single string", "write one per line, each starting with '- '"
        )
        return None
    if not isinstance(value, list):
        check.problem(name, f"expected a list of {what}, found {type_name(value)}")
        return None
    if required and not value:
        check.problem(name, f"is empty; expected at least one of {what}")
        return None
    result = []
    for position, element in enumerate(value):
        if not isinstance(element, str) or not element.strip():
            what = type_name(element) if not isinstance(element, str) else "empty"
            check.problem(name, f"item {position + 1} is {what}; expected a non-empty string", sub=(position,))
            return None
        if not check.safe(name, element, (position,), f"item {position + 1} "):
            return None
        element = element.strip()
        if name == "authors" and re.fullmatch(r"(?i)et\.? al\.?|others", element):
            check.problem(name, f"item {position + 1} is {element!r}", "list every author by name", sub=(position,))
            return None
        if pattern is not None and not pattern.match(element):
            check.problem(
                name,
                f"item {position + 1} {element!r} is not a lower-case word",
                f"try {element.lower().replace(' ', '-')!r}",
                sub=(position,),
            )
            return None
        result.append(element)
    return result


def _cited(check: Checker, data: Any, low: int, high: int) -> Cited | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        check.problem("cited", f"expected a mapping with venue and year, found {type_name(data)}")
        return None
    sub = Checker(check.out, check.path + ("cited",), check.entry, "cited.")
    sub.keys(data, ("venue", "year"), "cited")
    venue = sub.string(data, "venue", required=True, expected="a short venue name")
    year = sub.integer(data, "year", True, low, high, "a year")
    return Cited(venue, year) if venue is not None and year is not None else None


def _ids(check: Checker, data: Any) -> Ids | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        check.problem("ids", f"expected a mapping with arxiv and doi, found {type_name(data)}")
        return None
    sub = Checker(check.out, check.path + ("ids",), check.entry, "ids.")
    sub.keys(data, ("arxiv", "doi", "arxiv_class"), "ids")
    arxiv = data.get("arxiv")
    if isinstance(arxiv, str):
        arxiv = arxiv.strip()
        if arxiv.lower().startswith("arxiv:"):
            sub.problem("arxiv", f"{arxiv!r} has a prefix", f"write just {arxiv[6:]!r}")
            arxiv = None
        elif ARXIV_VERSIONED.match(arxiv):
            sub.problem("arxiv", f"{arxiv!r} has a version suffix", f"write {re.sub(r'v[0-9]+$', '', arxiv)!r}")
            arxiv = None
        elif not (ARXIV_NEW.match(arxiv) or ARXIV_OLD.match(arxiv)):
            sub.problem(
                "arxiv",
                f"{arxiv!r} is not an arXiv identifier",
                "expected YYMM.NNNNN (e.g. 2212.09748) or archive/YYMMNNN",
            )
            arxiv = None
    elif arxiv is not None:
        sub.string(data, "arxiv", pattern=ARXIV_NEW, expected="an arXiv identifier as a quoted string")
        arxiv = None
    doi = sub.string(
        data, "doi", pattern=DOI, expected="a DOI (10.NNNN/...)", hint="write the bare DOI, without https://doi.org/"
    )
    arxiv_class = sub.string(
        data,
        "arxiv_class",
        pattern=ARXIV_CLASS,
        expected="an arXiv category such as cs.CV",
        hint="arXiv's primary category, as its abstract page lists first",
    )
    return Ids(arxiv, doi, arxiv_class)
