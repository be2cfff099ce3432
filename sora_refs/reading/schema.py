"""Strict validation of a parsed catalogue: plain YAML data in, records or every problem out.

Validation happens once, at load. Each problem carries the path of the offending node
(``("papers", 4, "cited", "year")``) so that the loader can turn it into a line number.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from ..models import SCHEMA_VERSION, CatalogueInfo, Category, Paper, Section, Source
from ..suggest import hint
from .paperfields import ID, MIN_YEAR, URL, Checker, RawProblem, check_paper, entry_label, type_name

__all__ = ["SCHEMA_VERSION", "Parsed", "RawProblem", "Validator", "validate"]

TOP_KEYS = ("catalogue", "sections", "categories", "papers")
HEADER_KEYS = ("title", "description", "description_zh", "source", "schema")
SOURCE_KEYS = ("title", "url")
GROUP_KEYS = ("id", "name", "name_zh", "description")


@dataclass
class Parsed:
    """The result of validation: the records, and every problem found."""

    info: CatalogueInfo | None = None
    sections: list[Section] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    papers: list[Paper] = field(default_factory=list)
    problems: list[RawProblem] = field(default_factory=list)


def year_bounds() -> tuple[int, int]:
    """The years a paper may have: from 1600 to next year."""
    return MIN_YEAR, datetime.date.today().year + 1


class Validator:
    """Validates a catalogue as it is read: papers one by one, then the rest of the file.

    Papers may arrive before the categories they name (the keys of a mapping come in any order),
    so membership in categories and sections is checked in :meth:`finish`.
    """

    def __init__(self) -> None:
        self.out = Parsed()
        self._seen: tuple[dict[Any, Any], dict[Any, Any], dict[Any, Any], dict[Any, Any]] = ({}, {}, {}, {})
        self._bounds = year_bounds()
        self._invalid: list[tuple[int, str, str | None, str | None]] = []
        self._valid: list[tuple[int, Paper]] = []
        """Papers that passed, with their place in the list; :meth:`finish` checks their groups."""

    def paper(self, index: int, item: Any, line: int | None = None) -> None:
        """Check one element of the ``papers`` list and keep the paper if it is valid."""
        problems = self.out.problems
        paper = check_paper(item, index, self._bounds, problems)
        if paper is None:
            if isinstance(item, dict):  # still report an unknown category or section for it
                category, section = item.get("category"), item.get("section")
                self._invalid.append(
                    (
                        index,
                        entry_label(index, item),
                        category if isinstance(category, str) else None,
                        section if isinstance(section, str) else None,
                    )
                )
            return
        entry = entry_label(index, item)
        seen_keys, seen_refs, seen_arxiv, seen_doi = self._seen
        for value, seen, path, what in (
            (paper.key.casefold(), seen_keys, ("key",), "citekey"),
            (paper.ref, seen_refs, ("ref",), "ref"),
            (paper.ids.arxiv, seen_arxiv, ("ids", "arxiv"), "arXiv id"),
            ((paper.ids.doi or "").casefold() or None, seen_doi, ("ids", "doi"), "DOI"),
        ):
            if value is None:
                continue
            if value in seen:
                problems.append(
                    RawProblem(
                        ("papers", index) + path,
                        entry,
                        ".".join(path),
                        f"duplicate {what} {value!r}; paper #{seen[value] + 1} has it already",
                        "keys compare without regard to case" if path == ("key",) else "each paper needs its own",
                    )
                )
            else:
                seen[value] = index
        self._valid.append((index, paper))

    def finish(self, raw: Any, streamed: bool) -> Parsed:
        """Check the rest of the document; ``streamed`` says the papers went through :meth:`paper`."""
        out = self.out
        problems = out.problems
        top = Checker(problems, (), None)
        if not isinstance(raw, dict):
            what = "an empty file" if raw is None else type_name(raw)
            top.problem(None, f"expected a mapping with the keys {', '.join(TOP_KEYS)}, found {what}")
            out.papers = []
            return out
        top.keys(raw, TOP_KEYS, "the catalogue file")
        for name in ("catalogue", "papers"):
            if name not in raw:
                top.problem(name, "missing; expected the top-level key '" + name + "'")
        out.info = _header(raw.get("catalogue"), problems)
        out.sections = _groups(raw.get("sections"), "sections", Section, problems)
        out.categories = _groups(raw.get("categories"), "categories", Category, problems)
        papers = raw.get("papers")
        if not streamed and papers is not None:
            if isinstance(papers, list):
                for index, item in enumerate(papers):
                    self.paper(index, item)
            else:
                top.problem("papers", f"expected a list of papers, found {type_name(papers)}")
        have_categories = raw.get("categories") is not None
        have_sections = raw.get("sections") is not None
        categories = {c.id for c in out.categories}
        sections = {s.id for s in out.sections}
        kept = []
        checks: list[tuple[int, str | None, str | None, str | None, Paper | None]] = [
            (index, None, paper.category, paper.section, paper) for index, paper in self._valid
        ]
        checks += [(index, label, category, section, None) for index, label, category, section in self._invalid]
        checks.sort(key=lambda c: c[0])
        for index, label, category, section, paper in checks:
            bad_category = category is not None and have_categories and category not in categories
            bad_section = section is not None and (not have_sections or section not in sections)
            if not (bad_category or bad_section):
                if paper is not None:
                    kept.append(paper)
                continue
            if label is None and paper is not None:
                label = entry_label(index, {"ref": paper.ref, "key": paper.key})
            check = Checker(problems, ("papers", index), label)
            if bad_category and category is not None:
                check.problem("category", f"unknown category {category!r}", hint(category, categories, sort=True))
            if bad_section and have_sections and section is not None:
                check.problem("section", f"unknown section {section!r}", hint(section, sections, sort=True))
            elif bad_section:
                check.problem(
                    "section",
                    f"section {section!r} given, but the catalogue defines no sections",
                    "add a top-level 'sections' list",
                )
        out.papers = kept
        return out


def validate(raw: Any) -> Parsed:
    """Check a parsed catalogue strictly and build its records."""
    return Validator().finish(raw, streamed=False)


def _header(data: Any, problems: list[RawProblem]) -> CatalogueInfo | None:
    check = Checker(problems, ("catalogue",), "catalogue header")
    if data is None:
        return None
    if not isinstance(data, dict):
        Checker(problems, (), None).problem("catalogue", f"expected a mapping, found {type_name(data)}")
        return None
    check.keys(data, HEADER_KEYS, "the catalogue header")
    title = check.string(data, "title", required=True)
    description = check.string(data, "description")
    description_zh = check.string(data, "description_zh")
    schema = check.integer(data, "schema", True, 1, 10**6, "the format version (a whole number)")
    if schema is not None and schema > SCHEMA_VERSION:
        check.problem(
            "schema",
            f"this file uses format version {schema}; this sora-refs reads version {SCHEMA_VERSION}",
            "upgrade sora-refs",
        )
    source = None
    raw_source = data.get("source")
    if raw_source is not None:
        if not isinstance(raw_source, dict):
            check.problem("source", f"expected a mapping with title and url, found {type_name(raw_source)}")
        else:
            sub = Checker(problems, ("catalogue", "source"), "catalogue header", "source.")
            sub.keys(raw_source, SOURCE_KEYS, "the source")
            source_title = sub.string(raw_source, "title", required=True)
            source_url = sub.string(raw_source, "url", pattern=URL, expected="an http(s) URL")
            if source_title:
                source = Source(source_title, source_url)
    if title is None:
        return None
    return CatalogueInfo(title, description, source, schema or SCHEMA_VERSION, description_zh)


def _groups(data: Any, name: str, cls: type, problems: list[RawProblem]) -> list[Any]:
    if data is None:
        return []
    if not isinstance(data, list):
        Checker(problems, (), None).problem(name, f"expected a list, found {type_name(data)}")
        return []
    singular = name[:-1] if name != "categories" else "category"
    result = []
    seen: set[str] = set()
    for index, item in enumerate(data):
        check = Checker(problems, (name, index), f"{singular} #{index + 1}")
        if not isinstance(item, dict):
            check.problem(None, f"expected a mapping with id and name, found {type_name(item)}")
            continue
        check.keys(item, GROUP_KEYS, f"a {singular}")
        ident = check.string(
            item, "id", required=True, pattern=ID, expected="an id of lower-case letters, digits, '-' and '_'"
        )
        label = check.string(item, "name", required=True)
        name_zh = check.string(item, "name_zh")
        description = check.string(item, "description")
        if ident is None or label is None:
            continue
        if ident in seen:
            check.problem("id", f"duplicate {singular} id {ident!r}")
            continue
        seen.add(ident)
        result.append(cls(ident, label, name_zh, description))
    return result
