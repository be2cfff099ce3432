"""Catalogue as the front door: everything a Python user does, through one object."""

from __future__ import annotations

import pytest

from sora_refs import Catalogue, Query, UsageError
from sora_refs.formats import ExportOptions, export
from sora_refs.search import Hit
from sora_refs.stats import Counts, Cross, Overview


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load()


def test_a_query_given_one_string_means_one_value(catalogue: Catalogue) -> None:
    assert Query(categories="diffusion") == Query(categories=("diffusion",))
    assert len(catalogue.select(Query(categories="diffusion"))) == 9


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (Query(categories="difusion"), "unknown category 'difusion'; did you mean 'diffusion'?"),
        (Query(venues="NeurIP"), "unknown venue 'NeurIP'; did you mean 'NeurIPS'?"),
        (Query(sections="zzzz"), "unknown section 'zzzz'; known: "),
    ],
)
def test_select_refuses_a_filter_the_catalogue_lacks(catalogue: Catalogue, query: Query, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        catalogue.select(query)
    assert str(caught.value).startswith(message)


def test_search_counts_cross_and_overview(catalogue: Catalogue) -> None:
    hits = catalogue.search("diffusion transformer", limit=3)
    assert isinstance(hits[0], Hit) and hits[0].paper.key == "peebles2023scalable" and len(hits) == 3
    counts = catalogue.counts("year", Query(categories="gan"))
    assert isinstance(counts, Counts) and counts.total == 4
    table = catalogue.cross("category", "year")
    assert isinstance(table, Cross) and table.total == len(catalogue)
    overview = catalogue.overview()
    assert isinstance(overview, Overview) and overview.total == len(catalogue)
    assert catalogue.stats("venue") == catalogue.counts("venue") and catalogue.stats() == overview


def test_export_without_passing_the_catalogue_back_into_itself(catalogue: Catalogue) -> None:
    papers = catalogue.select(Query(categories="gan"))
    expected = export(papers, "markdown", ExportOptions(catalogue=catalogue))
    assert catalogue.export("markdown", papers) == expected
    assert catalogue.export("markdown", Query(categories="gan")) == expected
    assert "".join(catalogue.export_chunks("bibtex")) == catalogue.export("bibtex")
    with pytest.raises(UsageError, match="did you mean 'bibtex'"):
        catalogue.export("bibtx")


def test_check_lists_every_problem_of_a_file(tmp_path) -> None:
    assert Catalogue.check() == []
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "catalogue: {title: T, schema: 1}\ncategories: [{id: a, name: A}]\npapers:\n"
        "  - {key: k, title: T, authors: [A B], year: 2020, venue: X, type: article, category: b}\n",
        encoding="utf-8",
    )
    problems = Catalogue.check(bad)
    assert [p.field for p in problems] == ["category"] and "unknown category 'b'" in problems[0].message


def test_the_search_index_lives_with_its_catalogue(catalogue: Catalogue) -> None:
    assert catalogue.search_index() is catalogue.search_index()
    assert Catalogue.load().search_index() is not catalogue.search_index()


def test_the_mind_map_and_the_lanes(catalogue: Catalogue) -> None:
    sections = catalogue.mind_map(Query(categories="gan"))
    assert [(section, [c for c, _ in groups]) for section, groups in sections] == [("video-generation", ["gan"])]
    lanes = dict(catalogue.lanes(Query(categories="gan")))
    assert {year: [p.ref for p in papers] for year, papers in lanes["gan"].items()} == {
        2016: [4],
        2018: [5],
        2019: [6],
        2022: [7],
    }
