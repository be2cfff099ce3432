"""Author names: one rule for display, family name and short lists, wherever a name is shown."""

from __future__ import annotations

import doctest

import pytest

from sora_refs import Paper, Query, names, suggest
from sora_refs.bibtex.citekeys import make_key
from sora_refs.query import sort_papers


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("Martin Luther King Jr.", "King"),
        ("John Smith III", "Smith"),
        ("Aäron van den Oord", "van den Oord"),
        ("Jean de la Fontaine", "de la Fontaine"),
        ("{ACME Research Team}", "ACME Research Team"),
        ("{OpenAI}", "OpenAI"),
        ("Goodfellow, Ian", "Goodfellow"),
        ("Plato", "Plato"),
    ],
)
def test_family_name(name: str, family: str) -> None:
    assert names.family_name(name) == family


def test_a_suffix_sorts_under_the_family_name() -> None:
    def paper(key: str, author: str) -> Paper:
        return Paper(key=key, title=key, authors=(author,), year=2020, venue="X", type="article", category="c")

    papers = [paper("a", "Martin Luther King Jr."), paper("b", "Ada Lovelace"), paper("c", "Jane Jones")]
    assert [p.key for p in sort_papers(papers, "author")] == ["c", "a", "b"]  # Jones, King, Lovelace


def test_citation_keys_start_with_the_same_family_name() -> None:
    assert make_key(["Martin Luther King Jr."], 1963, "I Have a Dream").startswith("king1963")
    assert make_key(["{ACME Research Team}"], 2020, "Report").startswith("acme2020")


def test_short_lists() -> None:
    four = ["A. One", "B. Two", "C. Three", "D. Four"]
    assert names.short_authors(four[:3]) == "One, Two, Three"
    assert names.short_authors(four) == "One et al."
    assert names.short_authors(four, et_al="等") == "One 等"
    assert names.short_authors(four[:2], most=2, joiner=" & ") == "One & Two"
    assert names.short_authors(four, full=True) == "A. One, B. Two, C. Three et al."


def test_the_list_filter_and_search_agree_on_a_name_with_a_middle_dot(tmp_path) -> None:
    """``list -a`` folds with text.fold, search with text.fold_fast: one table, the same answer."""
    from sora_refs.text import FOLDS, fold, fold_fast

    for char in FOLDS:
        assert fold(f"x{char}é") == fold_fast(f"x{char}é"), char
    paper = Paper(key="k", title="T", authors=("Jean·Paul Sartre",), year=2020, venue="X", type="article", category="c")
    assert Query(authors=("jean paul",)).apply([paper]) == [paper]


@pytest.mark.parametrize("module", [names, suggest])
def test_module_examples(module: object) -> None:
    failures, tried = doctest.testmod(module)  # type: ignore[arg-type]
    assert tried and not failures
