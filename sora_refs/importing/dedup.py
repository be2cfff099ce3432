"""Which incoming entries are papers already there, and which key a new paper gets.

Duplicates by arXiv id, DOI, or normalised title with the same year and a compatible type (a
preprint and its publication); a key is the entry's own when it is valid and free.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..bibtex.citekeys import make_key, unique_key
from ..bibtex.fields import title_key
from ..bibtex.to_paper import MappedEntry
from ..models import Paper, PaperType
from .report import KeyChange

INVALID = "not a valid citekey"
"""Why a key had to change when the file's own is no citekey (the old one then stays as an alias)."""


def choose_key(entry: MappedEntry, index: Index) -> tuple[str, KeyChange | None]:
    """The entry's own key when it is valid and free; otherwise a new one, and the change."""
    if entry.key and entry.key_ok and entry.key.casefold() not in index.keys_folded:
        return entry.key, None
    base = make_key(entry.authors, entry.year, entry.title)
    if entry.year_suffix and not base.endswith(entry.year_suffix):
        base = f"{base}{entry.year_suffix}"
    new = unique_key(base, index.keys)
    if not entry.key:
        return new, KeyChange("", new, "none given")
    reason = INVALID if not entry.key_ok else "taken by another paper"
    return new, KeyChange(entry.key, new, reason)


_LOOSE_TYPES = frozenset({PaperType.PREPRINT, PaperType.MISC})


class Index:
    """Keys, arXiv ids, DOIs and titles seen so far, for duplicate detection."""

    def __init__(self, papers: Sequence[Paper]) -> None:
        self.keys: set[str] = set()
        self.keys_folded: set[str] = set()
        self.papers: dict[str, Paper] = {}
        self._arxiv: dict[str, str] = {}
        self._doi: dict[str, str] = {}
        self._title: dict[str, list[Paper]] = {}
        self._surnames: dict[str, str] = {}
        for paper in papers:
            self._add(paper, paper.key)

    def _add(self, paper: Paper, bib_key: str) -> None:
        self.papers[paper.key] = paper
        self.keys.add(paper.key)
        self.keys_folded.update(k.casefold() for k in (paper.key, bib_key, *paper.aliases) if k)
        if paper.ids.arxiv:
            self._arxiv.setdefault(paper.ids.arxiv, paper.key)
        if paper.ids.doi:
            self._doi.setdefault(paper.ids.doi.casefold(), paper.key)
        title = title_key(paper.title)
        if title:
            self._title.setdefault(title, []).append(paper)

    def _surname(self, paper: Paper) -> str:
        """The paper's first author's family name, folded (worked out once a paper)."""
        found = self._surnames.get(paper.key)
        if found is None:
            found = self._surnames[paper.key] = _first_surname(paper.authors)
        return found

    def add(self, paper: Paper, entry: MappedEntry) -> None:
        self._add(paper, entry.key)

    def doi_owner(self, doi: str | None) -> str | None:
        """The key of the paper that has ``doi`` already, if any."""
        return self._doi.get(doi.casefold()) if doi else None

    def find(self, entry: MappedEntry) -> tuple[str, str] | None:
        """The key of the paper ``entry`` duplicates, and why; None when it is new.

        Same arXiv id, same DOI, or the same title with the same year and type (a preprint and
        its publication match within two years), the same first author and no differing volume,
        number or pages: two works called "Dynamic Programming", a 1957 book and a 1966 article,
        are two papers, and so are a journal's twelve "Editorial"s of one year.
        """
        if entry.arxiv and entry.arxiv in self._arxiv:
            return self._arxiv[entry.arxiv], f"same arXiv id {entry.arxiv}"
        if entry.doi and entry.doi.casefold() in self._doi:
            known = self.papers[self._doi[entry.doi.casefold()]]
            # Papers of a proceedings volume often carry the volume's DOI: two titles on two page
            # ranges of it are two chapters of their book, not one paper.
            if not _other_part(known, entry):
                return known.key, f"same DOI {entry.doi}"
        candidates = self._title.get(title_key(entry.title), ())
        theirs = _first_surname(entry.authors) if candidates else ""
        for paper in candidates:
            if not _same_work(paper, entry, self._surname(paper), theirs):
                continue
            if paper.type == entry.type and paper.year == entry.year:
                return paper.key, "same title, year and type"
            if (
                (paper.type in _LOOSE_TYPES or entry.type in _LOOSE_TYPES)
                and paper.year is not None
                and entry.year is not None
                and abs(paper.year - entry.year) <= 2
            ):
                return paper.key, "same title, a preprint and its publication"
        return None


_TELLING = ("volume", "number", "pages", "edition", "isbn", "publisher", "doi", "arxiv")
"""Fields that tell two works of one title apart where both have them and they differ: two
editions, two publishers' reprints, two volumes, two DOIs."""


def _first_surname(authors: Sequence[str]) -> str:
    from ..names import family_name
    from ..text import fold

    return fold(family_name(authors[0])) if authors else ""


def _same_work(paper: Paper, entry: MappedEntry, mine: str, theirs: str) -> bool:
    """Same first author (``mine`` and ``theirs``: family names, folded) and none of
    :data:`_TELLING` differing.

    A title match is a guess; where the two disagree on what identifies a work, both are kept
    (a duplicate kept is a line to delete, a work dropped is lost).
    """
    if mine != theirs or not mine:  # two anonymous works of one title cannot be told apart: both kept
        return False
    for name in _TELLING:
        a = getattr(paper.ids, name) if name in ("doi", "arxiv") else getattr(paper, name, None)
        b = getattr(entry, name, None) if hasattr(entry, name) else entry.more.get(name)
        if a and b and _differ(name, a, b):
            return False
    return True


_ORDINALS = {"first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6"}
_ISBN = re.compile(r"(?:97[89][- ]?)?(?:\d[- ]?){9}[\dXx]")


def _differ(name: str, a: object, b: object) -> bool:
    """Whether two values of ``name`` name different works, allowing for how people write them:
    an ISBN-10 and the ISBN-13 of one book, "Springer" and "Springer International Publishing",
    "2nd" and "Second"."""
    if name == "isbn":
        return _isbn_core(str(a)) != _isbn_core(str(b))
    if name == "edition":
        return _edition(str(a)) != _edition(str(b))
    x, y = _telling(name, a), _telling(name, b)
    if name == "publisher":
        return x not in y and y not in x
    return x != y


def _isbn_core(text: str) -> str:
    """The nine digits an ISBN-10 and its ISBN-13 share (the first ISBN in ``text``)."""
    match = _ISBN.search(text)
    digits = "".join(c for c in (match.group() if match else text) if c.isdigit() or c in "Xx")
    return digits[3:12] if len(digits) == 13 else digits[:9]


def _edition(text: str) -> str:
    """``2`` for "2nd", "Second", "2. Aufl."; the folded text where no number is found."""
    from ..text import fold

    folded = fold(text).lower()
    number = re.search(r"\d+(?:\.\d+)*", folded)
    if number:
        return number.group()
    for word, digit in _ORDINALS.items():
        if word in folded:
            return digit
    return "".join(c for c in folded if c.isalnum())


def _other_part(paper: Paper, entry: MappedEntry) -> bool:
    """True when ``entry`` has another title and other pages than ``paper``: another part of one volume."""
    if not (paper.title and entry.title and paper.pages and entry.pages):
        return False
    return title_key(paper.title) != title_key(entry.title) and _telling("pages", paper.pages) != _telling(
        "pages", entry.pages
    )


def _telling(name: str, value: object) -> str:
    """``value`` as compared: ISBNs without hyphens, the rest folded with only letters and digits."""
    from ..text import fold

    text = str(value)
    if name == "isbn":
        return text.replace("-", "").replace(" ", "").upper()
    return "".join(c for c in fold(text) if c.isalnum())
