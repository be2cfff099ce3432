"""Property: import -> export -> import is a fixed point, for generated BibTeX entries.

Entries are written the way people write them (macros, month names, `and others`, accents in
LaTeX, page ranges of every common form, fields the catalogue has no place for, no year or a
year in words); whatever the
first import makes of them, exporting and importing again must give the same papers.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sora_refs import Catalogue
from sora_refs.formats import export
from sora_refs.importing import import_files

WORD = st.text(
    alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzéüßøłABCDEFGHIJKLMNOPQRSTUVWXYZ")), min_size=1, max_size=9
)
LATEX_WORD = st.sampled_from(
    ['M{\\"u}ller', "{\\'E}tude", 'na{\\"\\i}ve', "{GAN}s", "\\&", "50\\%", "{\\ss}", "--", "C\\#", "{BERT}"]
)
TEXT = st.lists(st.one_of(WORD, WORD, LATEX_WORD), min_size=1, max_size=8).map(" ".join)
NAME = st.one_of(
    st.tuples(WORD, WORD).map(lambda p: f"{p[0].capitalize()}, {p[1].capitalize()}"),
    st.tuples(WORD, WORD).map(lambda p: f"{p[0].capitalize()} {p[1].capitalize()}"),
    st.tuples(WORD, WORD).map(lambda p: f"van der {p[0].capitalize()}, {p[1].capitalize()}"),
    WORD.map(lambda w: f"{{{w.capitalize()} Team}}"),
)
PAGES = st.sampled_from(["1--10", "58:1--58:15", "e0123456", "S12--S15", "xi--xx", "100", "843{--}852"])
MONTH = st.sampled_from(["jan", "feb", "{March}", "apr", "{5}", "Sept.", "dec"])
YEAR = st.one_of(
    st.integers(1950, 2025).map(str), st.none(), st.sampled_from(["n.d.", "forthcoming", "in press", "{In Press}"])
)
KINDS = st.sampled_from(
    [
        ("article", "journal"),
        ("inproceedings", "booktitle"),
        ("incollection", "booktitle"),
        ("book", None),
        ("misc", "howpublished"),
        ("techreport", "institution"),
        ("phdthesis", "school"),
        ("mastersthesis", "school"),
    ]
)


@st.composite
def entry(draw: st.DrawFn, index: int) -> str:
    kind, container = draw(KINDS)
    names = draw(st.lists(NAME, min_size=1, max_size=4))
    if draw(st.booleans()):
        names.append("others")
    fields = [("author", " and ".join(names)), ("title", draw(TEXT))]
    year = draw(YEAR)
    if year is not None:  # a manual or a web page has none; a forthcoming paper has words
        fields.append(("year", year))
    if container:
        fields.append((container, draw(TEXT)))
    optional = {
        "month": MONTH,
        "volume": st.integers(1, 300).map(str),
        "number": st.integers(1, 12).map(str),
        "pages": PAGES,
        "publisher": TEXT,
        "address": TEXT,
        "note": TEXT,
        "keywords": TEXT,
        "editor": st.tuples(st.lists(NAME, min_size=1, max_size=2), st.booleans()).map(
            lambda e: " and ".join(e[0] + ["others"] * e[1])
        ),
        "isbn": st.just("978-3-16-148410-0"),
        "series": TEXT,
        "edition": st.sampled_from(["2nd", "Second"]),
        "organization": TEXT,
        "doi": st.integers(1000, 9999).map(lambda n: f"10.{n}/x{index}"),
        "urldate": st.just("2024-01-02"),
        "eprint": st.integers(1000, 9999).map(lambda n: f"2101.{n:05d}"),
    }
    for name, strategy in optional.items():
        if draw(st.booleans()):
            fields.append((name, draw(strategy)))
    body = ",\n".join(
        f"  {name} = {{{value}}}" if name != "month" or value.startswith("{") else f"  {name} = {value}"
        for name, value in fields
    )
    return f"@{kind}{{key{index},\n{body}\n}}\n"


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.integers(0, 10_000), min_size=1, max_size=6, unique=True).flatmap(
        lambda indices: st.tuples(*(entry(i) for i in indices))
    )
)
def test_import_export_import_is_a_fixed_point(entries):
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.bib"
        source.write_text("@string{jan = {January}}\n" + "\n".join(entries), encoding="utf-8")
        first = Path(tmp) / "first.yaml"
        result = import_files(source, first)
        if not result.added:
            return  # nothing imported (every entry a duplicate of another): nothing to compare
        assert result.not_kept == []
        papers = Catalogue.load(first, use_cache=False).papers
        exported = Path(tmp) / "out.bib"
        exported.write_text(export(papers, "bibtex"), encoding="utf-8")
        second = Path(tmp) / "second.yaml"
        again = import_files(exported, second)
        assert again.problems == [] and again.not_kept == [] and again.keys_changed == []
        assert [p.as_dict() for p in Catalogue.load(second, use_cache=False).papers] == [p.as_dict() for p in papers]
