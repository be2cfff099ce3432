"""From a BibTeX entry to a catalogue paper: the entry type, which field goes where, what goes
to ``extra``, and the paper validated as the catalogue reader would (values are read by
:mod:`.fields`, venue names by :mod:`.venues`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import ids
from ..models import Paper, PaperType
from .aswritten import keep_as_written
from .entrytypes import OWN_TYPES, TYPES
from .fields import DATE, clean_pages, find_arxiv, find_doi, name_list, parse_month, split_files, thesis_kind, year_of
from .latex import unescape
from .venues import SHORT_VENUES, is_arxiv_venue, short_venue

if TYPE_CHECKING:
    from .codec import ParsedEntry
    from .reader import RawEntry

_ARXIV_ANY = re.compile(ids.ARXIV_IN_TEXT, re.I)


_BACHELOR = "Bachelor's thesis"


# Fields the mapping reads; anything else goes to ``extra``, as written.
_READ = frozenset(
    {
        "author",
        "editor",
        "title",
        "year",
        "date",
        "month",
        "booktitle",
        "journal",
        "journaltitle",
        "howpublished",
        "school",
        "institution",
        "volume",
        "number",
        "issue",
        "pages",
        "publisher",
        "address",
        "location",
        "series",
        "edition",
        "isbn",
        "organization",
        "note",
        "abstract",
        "keywords",
        "file",
        "doi",
        "url",
        "eprint",
        "archiveprefix",
        "eprinttype",
        "primaryclass",
        "eprintclass",
        "ids",
    }
)


@dataclass(frozen=True)
class MappedEntry:
    """A BibTeX (or CSL-JSON, or RIS) entry in the catalogue's terms, not yet a :class:`Paper`."""

    key: str
    key_ok: bool
    line: int | None
    type: PaperType
    title: str
    authors: tuple[str, ...]
    year: int | None
    container: str | None
    volume: str | None
    pages: str | None
    publisher: str | None
    arxiv: str | None
    doi: str | None
    url: str | None
    arxiv_class: str | None = None
    more: dict[str, object] = field(default_factory=dict)
    """Values for the catalogue's optional fields beyond the core (``number``, ``editors``, ...)."""
    extra: dict[str, str] = field(default_factory=dict)
    """Fields the catalogue has no place for, as written (LaTeX kept), carried to export."""
    notices: tuple[str, ...] = ()
    """What the mapping did that a user should hear of (a value kept elsewhere, a truncated list)."""
    source: str = ""
    """The file the entry came from."""
    year_suffix: str = ""
    """The letter of ``2023a``: the year is 2023, the letter is kept in the key."""

    def to_paper(
        self, key: str, category: str, section: str | None, venues: dict[str, str], categories: list[str]
    ) -> tuple[Paper | None, list[str]]:
        """The paper, validated like a catalogue entry; fields that fail validation are dropped with a message."""
        paper, dropped = self.build(key, category, section, venues)
        if paper is None:
            return None, dropped
        checked, more_dropped = _validated(paper)
        if checked is None:
            return None, more_dropped
        return checked, dropped + more_dropped

    def build(
        self, key: str, category: str, section: str | None, venues: dict[str, str]
    ) -> tuple[Paper | None, list[str]]:
        """The paper, unvalidated, and the fields the catalogue cannot keep yet."""
        from ..models import Ids

        venue: str | None
        venue_full: str | None
        if self.type is PaperType.PREPRINT:
            venue, venue_full = "arXiv", None
        elif self.container:
            venue = short_venue(self.container, venues)
            venue_full = (
                None if venue == self.container or self.container.casefold() in SHORT_VENUES else self.container
            )
        else:  # no venue: none (a book's publisher is its publisher, not a venue)
            venue, venue_full = ("arXiv", None) if self.arxiv else (None, None)
        fields = Paper._fields
        kept: dict[str, Any] = {}
        lost: list[str] = []
        for name, value in self.more.items():
            if name in fields:
                kept[name] = value
            else:
                lost.append(name)
        if self.extra:
            kept["extra"] = dict(self.extra)
        paper = Paper(
            key=key,
            title=self.title,
            authors=self.authors,
            year=self.year,
            venue=venue,
            type=self.type,
            category=category,
            venue_full=venue_full,
            volume=self.volume,
            pages=self.pages,
            publisher=None if self.type is PaperType.REPORT else self.publisher,
            ids=Ids(self.arxiv, self.doi, self.arxiv_class if self.arxiv else None),
            url=self.url,
            section=section,
            **kept,
        )
        messages = [f"field '{name}' not kept (the catalogue has no place for it)" for name in lost]
        return paper, messages


_OPTIONAL = {
    "venue_full": "venue_full",
    "volume": "volume",
    "pages": "pages",
    "publisher": "publisher",
    "ids.doi": "doi",
    "ids.arxiv": "arxiv",
    "ids.arxiv_class": "arxiv_class",
    "url": "url",
}


def _validated(paper: Paper) -> tuple[Paper | None, list[str]]:
    """``paper`` checked as the catalogue reader checks it; optional fields that fail are dropped."""
    from ..formats.yaml_ import paper_mapping
    from ..models import Ids
    from ..reading.paperfields import RawProblem, check_paper
    from ..reading.schema import year_bounds

    dropped: list[str] = []
    for _ in range(3):
        problems: list[RawProblem] = []
        checked = check_paper(paper_mapping(paper), 0, year_bounds(), problems)
        if checked is not None and not problems:
            return paper, dropped
        fixes: dict[str, None] = {}
        for problem in problems:
            name = problem.field or ""
            if name not in _OPTIONAL:
                return None, [f"field '{name}' {problem.message}" if name else problem.message]
            dropped.append(f"field '{name}' dropped: {problem.message}")
            fixes[_OPTIONAL[name]] = None
        ids = Ids(
            None if "arxiv" in fixes else paper.ids.arxiv,
            None if "doi" in fixes else paper.ids.doi,
            None if "arxiv_class" in fixes else paper.ids.arxiv_class,
        )
        for name in ("arxiv", "doi", "arxiv_class"):
            fixes.pop(name, None)
        paper = paper.replace(ids=ids, **fixes)
    return None, dropped or ["does not validate"]


def _text(fields: dict[str, str], *names: str) -> str | None:
    for name in names:
        value = fields.get(name)
        if value:
            text = " ".join(unescape(value).split())
            if text:
                return text
    return None


_EPRINT_FIELDS = ("eprint", "eprinttype", "archiveprefix", "primaryclass", "eprintclass")


def _keep_other_eprints(raw: dict[str, str], arxiv: str | None, extra: dict[str, str]) -> None:
    """An eprint that is not the arXiv id (Google Books', JSTOR's, HAL's...), or the arXiv id with
    its version (``math/0307200v3``), kept as written: the catalogue's arXiv id has neither."""
    eprint = raw.get("eprint", "").strip().strip("{}").strip()
    if not eprint:
        return
    if arxiv is None or arxiv.lower() not in eprint.lower():
        extra.update({name: raw[name] for name in _EPRINT_FIELDS if raw.get(name)})
    elif eprint.lower() != arxiv.lower() and re.fullmatch(re.escape(arxiv) + r"v\d+", eprint, re.I):
        extra["eprint"] = raw["eprint"]


def map_entry(entry: ParsedEntry | RawEntry) -> MappedEntry | str:
    """The entry in catalogue terms, or the reason it cannot be one."""
    raw = entry.fields
    fields = {name: " ".join(value.split()) for name, value in raw.items()}
    notices: list[str] = []
    extra: dict[str, str] = {}
    title = " ".join(unescape(fields.get("title", "")).split())  # "\\!" and the like leave no double space
    if not title:
        return "no title"
    keep_as_written(fields, {"title": title, "note": _text(fields, "note")}, extra)
    authors, truncated = name_list(fields.get("author", ""))
    editors, editors_truncated = name_list(fields.get("editor", ""))
    if not authors:
        authors, truncated = editors, editors_truncated
    if not authors:  # a manual, a periodical, a web page: kept, with no author
        notices.append("no author or editor; kept without")
    arxiv = find_arxiv(fields)
    _keep_other_eprints(raw, arxiv, extra)
    year, suffix = year_of(fields, arxiv)
    written = fields.get("year", "").replace("{", "").replace("}", "").strip()
    if year is not None and written and written != f"{year}{suffix}":  # "2005--", "1999/2000", "c. 1890"
        extra["year"] = raw["year"]
        notices.append(f"field 'year' {written[:40]!r} read as {year}; kept as written in 'extra'")
    if entry.type not in OWN_TYPES:
        extra["entrytype"] = entry.type
        notices.append(f"entry type @{entry.type} has no type of its own here; kept, and given back on export")
    if year is None:  # a manual, a web page, a forthcoming paper: kept with no year
        words = [name for name in ("year", "date") if fields.get(name)]
        for name in words:  # "n.d.", "forthcoming", "in press": the words kept for the export
            extra[name] = raw[name]
            notices.append(f"field '{name}' {fields[name][:40]!r} is not a year; kept as written in 'extra'")
        if not words:
            notices.append("no year (or date); kept without")
    doi = find_doi(fields)
    written_doi = re.sub(r"[{}]", "", fields.get("doi", "")).replace("\\_", "_").lower()
    if written_doi and (doi is None or doi.lower() not in written_doi) and not arxiv:
        extra["doi"] = raw["doi"]  # not a DOI we can read: kept as written
    kind = TYPES.get(entry.type)
    url = fields.get("url") or None
    howpublished = fields.get("howpublished")
    if howpublished:
        bare = unescape(howpublished).strip()
        if re.fullmatch(r"https?://\S+", bare) and (
            "\\url" in howpublished or "\\href" in howpublished or howpublished.startswith("http")
        ):
            url = url or bare
            if url != bare:
                extra["howpublished"] = raw["howpublished"]
            howpublished = None
    container = (
        fields.get("booktitle")
        or fields.get("journal")
        or fields.get("journaltitle")
        or howpublished
        or fields.get("school")
        or fields.get("institution")
    )
    container = " ".join(unescape(container).split()) if container else None
    if kind is None or (kind is PaperType.ARTICLE and container and is_arxiv_venue(container)):
        kind = PaperType.PREPRINT if arxiv or (container and is_arxiv_venue(container)) else PaperType.MISC
    if kind is PaperType.REPORT:
        container = _text(fields, "institution") or container
    if url:
        url = unescape(url) if "\\url" in url else url.replace("{", "").replace("}", "")
    if url and arxiv and _ARXIV_ANY.search(url) and url.rstrip("/").endswith(f"/abs/{arxiv}"):
        url = None  # the paper's landing page is derived from its arXiv id
    if url and not ids.is_web_url(url):  # another scheme, or several addresses in one field
        extra["url"] = raw.get("url") or url
        notices.append(f"field 'url' {url[:60]!r} is not one http(s) address; kept as written in 'extra'")
        url = None
    pages = None
    if fields.get("pages"):
        pages = clean_pages(fields["pages"])
        if pages is None:
            extra["pages"] = raw["pages"]
            notices.append(f"field 'pages' {fields['pages'][:40]!r} is not a page range; kept as written in 'extra'")
    more: dict[str, object] = {}

    def put(name: str, value: object) -> None:
        if value not in (None, "", (), []):
            more[name] = value

    put("number", _text(fields, "number", "issue"))
    if fields.get("ids"):  # biblatex's other keys of the entry
        put("aliases", tuple(dict.fromkeys(k.strip() for k in fields["ids"].split(",") if k.strip())))
    # An edited volume (editors, no author) lists its editors as its authors, and keeps them as
    # editors too, so that the export writes an editor again, not an author.
    edited = bool(editors) and not fields.get("author")
    if editors and (editors != authors or edited):
        put("editors", editors)
    elif editors and raw.get("editor"):  # an author who edited the volume too: said again on export
        extra["editor"] = raw["editor"]
    if editors_truncated and (editors != authors or edited):
        put("editors_truncated", True)
        notices.append("the editor list ends in 'and others'; kept as a truncated list")
    if truncated:
        put("authors_truncated", True)
        notices.append("the author list ends in 'and others' (et al.); kept as a truncated list")
    if fields.get("month"):
        month = parse_month(fields["month"])
        if month is None:
            extra["month"] = raw["month"]
        put("month", month)
    elif fields.get("date"):
        found = DATE.match(fields["date"])
        if found and found.group(2) and 1 <= int(found.group(2)) <= 12:
            put("month", int(found.group(2)))
    put("address", _text(fields, "address", "location"))
    if fields.get("address") and fields.get("location") and _text(fields, "location") != _text(fields, "address"):
        extra["location"] = raw["location"]  # ACM's: the publisher's address, the conference's location
    put("series", _text(fields, "series"))
    put("edition", _text(fields, "edition"))
    put("isbn", _text(fields, "isbn"))
    put("organization", _text(fields, "organization"))
    put("note", _text(fields, "note"))
    put("abstract", _text(fields, "abstract"))
    if fields.get("keywords"):
        words = [w.strip() for w in re.split(r"[,;]", unescape(fields["keywords"])) if w.strip()]
        put("keywords", tuple(dict.fromkeys(words)))
    if fields.get("file"):
        put("files", split_files(raw["file"].strip()))
    if kind is PaperType.THESIS:
        if entry.type in ("bachelorthesis", "bachelorsthesis") and not fields.get("type"):
            raw = {**raw, "type": _BACHELOR}  # what BibTeX prints for it, given @phdthesis
            fields["type"] = _BACHELOR
        thesis, said = thesis_kind(entry.type, unescape(fields.get("type", "")))
        put("thesis", thesis)
        if said:  # "mathesis", "Master's thesis": the kind says it, and the export writes it again
            raw = {k: v for k, v in raw.items() if k != "type"}
    if fields.get("type", "").lower() == "techreport" and kind is PaperType.REPORT:
        raw = {k: v for k, v in raw.items() if k != "type"}  # biblatex's default for the entry type
    if (
        not fields.get("author")
        and raw.get("key")
        and _text(fields, "key") == (_text(fields, "organization") or _text(fields, "publisher") or container or title)
    ):
        raw = {k: v for k, v in raw.items() if k != "key"}  # the sort key our export writes, nothing more
    for name, value in raw.items():
        if name not in _READ and name not in extra:
            extra[name] = value
    return MappedEntry(
        key=entry.key,
        key_ok=ids.is_citekey(entry.key),
        line=entry.line,
        type=kind,
        title=title,
        authors=authors,
        year=year,
        container=container,
        volume=_text(fields, "volume"),
        pages=pages,
        publisher=_text(fields, "publisher"),
        arxiv=arxiv,
        doi=doi,
        url=url,
        arxiv_class=(fields.get("primaryclass") or fields.get("eprintclass") or "").strip() or None,
        more=more,
        extra=extra,
        notices=tuple(notices),
        source=getattr(entry, "source", ""),
        year_suffix=suffix,
    )
