"""Hypothesis: arbitrary titles and names survive export and parse back (bibtexparser and pybtex)."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sora_refs.bibtex.codec import parse
from sora_refs.bibtex.latex import unescape
from sora_refs.bibtex.names import parse_names, plain_name
from sora_refs.formats import ExportOptions, export
from sora_refs.models import Paper, PaperType

# Printable text: letters, digits, punctuation, symbols and spaces from all of Unicode,
# including everything LaTeX treats specially (\ { } & % $ # _ ~ ^).
TEXT = (
    st.text(st.characters(categories=("L", "N", "P", "S", "Zs"), exclude_characters="\u00a0"), min_size=1, max_size=60)
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)
# Latin letters with accents: what --ascii must spell as LaTeX escapes.
LATIN = (
    st.text(st.sampled_from("abcdefgxyzABCXYZéèêëïîñöøüçßæœłŁÜÉÅå&%$#_{}~^\\- .,:'"), min_size=1, max_size=40)
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)
WORD = st.text(st.characters(categories=("L",)), min_size=1, max_size=12).filter(lambda w: w.lower() != "and")
NAME = st.lists(WORD, min_size=1, max_size=4).map(" ".join)


def paper(title: str, authors: list[str]) -> Paper:
    return Paper(
        key="k2020x",
        title=title,
        authors=tuple(authors),
        year=2020,
        venue="arXiv",
        type=PaperType.PREPRINT,
        category="c",
    )


def check(title: str, authors: list[str], ascii_only: bool) -> None:
    text = export([paper(title, authors)], "bibtex", ExportOptions(ascii_only=ascii_only))
    result = parse(text)
    assert not result.problems
    [entry] = result.entries
    assert unescape(entry.fields["title"]) == title
    assert parse_names(entry.fields["author"]) == authors
    # A second parser agrees on the raw values and on how names split into parts.
    pybtex = pytest.importorskip("pybtex.database", reason="pybtex (test extra) not installed")
    data = pybtex.parse_string(text, "bibtex")
    [(key, other)] = data.entries.items()
    assert key == "k2020x"
    assert other.fields["title"] == entry.fields["title"]
    people = other.persons["author"]
    assert len(people) == len(authors)
    for person, full in zip(people, authors):
        rebuilt = " ".join(
            person.first_names + person.middle_names + person.prelast_names + person.last_names + person.lineage_names
        )
        assert unescape(rebuilt) == plain_name(full)  # "{ACME Research Team}" is one last name


@settings(max_examples=300, deadline=None)
@given(TEXT, st.lists(NAME, min_size=1, max_size=4))
@example("Corporate", ["{ACME Research Team}", "Jane Doe", "{Barnes and Noble}"])
def test_utf8_export_round_trips(title, authors):
    check(title, authors, ascii_only=False)


@settings(max_examples=300, deadline=None)
@given(LATIN, st.lists(LATIN.filter(lambda s: "," not in s and s.strip("-. '")), min_size=1, max_size=3))
def test_ascii_export_round_trips(title, authors):
    authors = [" ".join(w for w in a.split() if w.lower() != "and") for a in authors]
    authors = [a for a in authors if a]
    if not authors:
        return
    text = export([paper(title, authors)], "bibtex", ExportOptions(ascii_only=True))
    assert text.isascii()
    check(title, authors, ascii_only=True)
