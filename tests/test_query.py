"""Filters, sorting and look-ups of the library."""

from __future__ import annotations

import pytest

from sora_refs import NotFoundError, Query, UsageError, YearRange, parse_years


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("2022", 2022, 2022),
        ("2020-2022", 2020, 2022),
        ("2021-", 2021, None),
        ("-2017", None, 2017),
        (" 2019 - 2020 ", 2019, 2020),
        ("2019..2020", 2019, 2020),
    ],
)
def test_year_ranges(text: str, low: int | None, high: int | None) -> None:
    assert parse_years(text) == YearRange(low, high)


@pytest.mark.parametrize("text", ["", "-", "20", "2022-2020", "abc", "2020-2021-2022", "2020 2021"])
def test_bad_year_ranges(text: str) -> None:
    with pytest.raises(UsageError):
        parse_years(text)


def refs(papers) -> list[int]:
    return [p.ref for p in papers]


def test_category_filter(bundled) -> None:
    assert refs(bundled.select(Query(categories=("diffusion",)))) == [10, 11, 12, 21, 22, 23, 24, 25, 26]
    assert refs(bundled.select(Query(categories=("rnn", "gan")))) == [1, 2, 3, 4, 5, 6, 7]


def test_filters_combine_and_repeat(bundled) -> None:
    q = Query(categories=("diffusion",), venues=("NeurIPS", "ICML"))
    assert refs(bundled.select(q)) == [21, 22, 23, 24, 25]
    assert refs(bundled.select(Query(venues=("nips",)))) == refs(bundled.select(Query(venues=("NeurIPS",))))


def test_cited_venue_and_year(bundled) -> None:
    cited_arxiv = bundled.select(Query(venues=("arXiv",), cited=True))
    published_arxiv = bundled.select(Query(venues=("arXiv",)))
    assert len(cited_arxiv) == 12
    assert refs(published_arxiv) == [3, 6, 8, 10, 31]
    assert 15 in refs(cited_arxiv) and 15 not in refs(published_arxiv)
    assert 15 in refs(bundled.select(Query(years=(parse_years("2020"),), cited=True)))
    assert 15 in refs(bundled.select(Query(years=(parse_years("2021"),))))


def test_author_filter_ignores_case_and_accents_and_matches_whole_words(bundled) -> None:
    assert refs(bundled.select(Query(authors=("jurgen schmidhuber",)))) == [3]
    assert refs(bundled.select(Query(authors=("LUKASZ KAISER",)))) == [13]
    assert refs(bundled.select(Query(authors=("ho",)))) == [10, 22]
    assert refs(bundled.select(Query(authors=("schmid",)))) == [16]  # Cordelia Schmid, not Schmidhuber


def test_sorting(bundled) -> None:
    by_year = bundled.select(sort="year")
    assert [p.year for p in by_year] == sorted(p.year for p in bundled)
    assert bundled.select(sort="year", reverse=True)[0].year == max(p.year for p in bundled)
    titles = [p.title.casefold() for p in bundled.select(sort="title")]
    assert titles[0].startswith("adversarial")
    assert bundled.select(sort="author")[0].authors[0] == "Anurag Arnab"
    assert len(bundled.select(limit=3)) == 3


def test_lookup_by_ref_key_and_arxiv_id(bundled) -> None:
    dit = bundled.get(26)
    assert dit.key == "peebles2023scalable"
    assert bundled.get("26") is dit
    assert bundled.get("Peebles2023Scalable") is dit
    assert bundled.get("2212.09748") is dit
    assert bundled.get("arXiv:2212.09748v2") is dit


def test_lookup_failures_say_what_to_do(bundled) -> None:
    with pytest.raises(NotFoundError, match="no paper with ref 99 \\(refs run from 1 to 32\\)"):
        bundled.get(99)
    with pytest.raises(NotFoundError, match="did you mean 'peebles2023scalable'"):
        bundled.get("peebles2023scaleable")
    with pytest.raises(NotFoundError, match="no paper with arXiv id 9999.99999"):
        bundled.get("9999.99999")


def test_unknown_filter_values_get_a_did_you_mean(bundled) -> None:
    with pytest.raises(UsageError, match="unknown category 'difusion'; did you mean 'diffusion'"):
        bundled.check_query(Query(categories=("difusion",)))
    with pytest.raises(UsageError, match="unknown venue 'NeurIP'; did you mean 'NeurIPS'"):
        bundled.check_query(Query(venues=("NeurIP",)))
    with pytest.raises(UsageError, match="unknown section 'patches'; did you mean 'data-patches'"):
        bundled.check_query(Query(sections=("patches",)))
