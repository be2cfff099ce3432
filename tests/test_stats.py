"""Statistics: the article's claims computed from the bundled catalogue, the JSON contract, odd lists.

The figures pinned here were checked by hand against the reference list of the Sora report
(venue and year as the report gives them): arXiv for refs 2, 3, 6, 8, 10, 12, 15, 18, 20, 29,
31 and 32; NeurIPS 4, 7, 13, 14, 22, 24, 25; ICML 1, 21, 23, 27, 28; CVPR 5, 11, 17, 19;
ICCV 16, 26; ECCV 9; OpenAI 30.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sora_refs import Catalogue, Query, stats
from sora_refs.cli import cli
from sora_refs.errors import UsageError


def run(runner, *args: str, env: dict[str, str] | None = None):
    return runner.invoke(cli, list(args), catch_exceptions=False, env=env)


@pytest.fixture(scope="module")
def odd(data_dir=None):
    from pathlib import Path

    return Catalogue.load(Path(__file__).parent / "data" / "stats" / "no-cited.yaml", use_cache=False)


@pytest.fixture(scope="module")
def partial():
    from pathlib import Path

    return Catalogue.load(Path(__file__).parent / "data" / "stats" / "partial.yaml", use_cache=False)


def by_kind(items: list[stats.Highlight]) -> dict[str, stats.Highlight]:
    return {h.kind: h for h in items}


# -- the article's claims, from the bundled catalogue -------------------------------------------


def test_arxiv_as_cited_and_as_published(bundled) -> None:
    cited = [p.ref for p in bundled.papers if p.venue_as(True) == "arXiv"]
    assert cited == [2, 3, 6, 8, 10, 12, 15, 18, 20, 29, 31, 32]
    h = by_kind(stats.highlights(bundled.papers))["preprints"]
    assert (h.numerator, h.denominator, h.percent) == (12, 32, 37.5)
    assert h.numerator * 3 > h.denominator  # "more than a third"
    published = by_kind(stats.highlights(bundled.papers, cited=False))["preprints"]
    assert (published.numerator, published.denominator) == (5, 32)


def test_big_four_venues_more_than_half(bundled) -> None:
    h = by_kind(stats.highlights(bundled.papers))["big_venues"]
    assert (h.numerator, h.denominator, h.percent) == (18, 32, 56.25)
    assert h.details["venues"] == {"NeurIPS": 7, "ICML": 5, "CVPR": 4, "ICCV": 2}
    assert h.numerator * 2 > h.denominator


def test_eccv_and_openai_appear_too(bundled) -> None:
    h = by_kind(stats.highlights(bundled.papers))["other_venues"]
    assert h.details["venues"] == {"ECCV": 1, "OpenAI": 1}


def test_span_oldest_peak_and_recent(bundled) -> None:
    found = by_kind(stats.highlights(bundled.papers))
    span = found["span"].details
    assert (span["first"], span["last"], span["years"]) == (2013, 2023, 11)
    assert [(p["ref"], p["key"]) for p in span["oldest"]] == [(20, "kingma2014auto")]
    peak = found["peak_year"]
    assert (peak.details["years"], peak.numerator) == ([2022], 8)
    recent = found["recent"]
    assert (recent.details["first"], recent.details["last"]) == (2021, 2023)
    assert (recent.numerator, recent.denominator, recent.percent) == (19, 32, 59.38)


def test_venue_table_follows_the_json_contract(bundled) -> None:
    data = stats.count_by(bundled.papers, "venue", catalogue=bundled).as_dict()
    assert data["by"] == "venue" and data["total"] == 32
    assert data["rows"][0] == {"value": "arXiv", "cited": 12, "published": 5}
    rows = {r["value"]: (r["cited"], r["published"]) for r in data["rows"]}
    assert rows == {
        "arXiv": (12, 5),
        "NeurIPS": (7, 8),
        "ICML": (5, 5),
        "CVPR": (4, 4),
        "ICCV": (2, 2),
        "ECCV": (1, 2),
        "OpenAI": (1, 1),
        "ICLR": (0, 4),
        "TMLR": (0, 1),
    }
    assert sum(r["cited"] for r in data["rows"]) == sum(r["published"] for r in data["rows"]) == 32


def test_year_table_is_chronological_with_empty_years(bundled) -> None:
    counts = stats.count_by(bundled.papers, "year", view="cited")
    assert counts.views == ("cited",)
    assert [(r.value, r.cited) for r in counts.rows] == [
        (2013, 1),
        (2014, 0),
        (2015, 2),
        (2016, 1),
        (2017, 2),
        (2018, 2),
        (2019, 1),
        (2020, 4),
        (2021, 6),
        (2022, 8),
        (2023, 5),
    ]
    both = stats.count_by(bundled.papers, "year")
    assert [r.value for r in both.rows] == list(range(2013, 2025))  # published reaches 2024 (ref 12)


def test_category_table_sorted_by_count_ties_in_catalogue_order(bundled) -> None:
    counts = stats.count_by(bundled.papers, "category", catalogue=bundled)
    assert counts.views == ("published",)
    assert [(r.value, r.published) for r in counts.rows] == [
        ("diffusion", 9),
        ("autoregressive-transformer", 5),
        ("gan", 4),
        ("patches", 4),
        ("rnn", 3),
        ("recaptioning", 3),
        ("llm", 2),
        ("compression", 2),
    ]


def test_authors_count_papers_and_types(bundled) -> None:
    authors = {r.value: r.published for r in stats.count_by(bundled.papers, "author").rows}
    assert authors["Aditya Ramesh"] == 4  # refs 14 (GPT-3), 28, 30, 31
    assert authors["Prafulla Dhariwal"] == max(authors.values()) == 5
    types = {r.value: r.published for r in stats.count_by(bundled.papers, "type").rows}
    assert sum(types.values()) == 32


def test_cross_category_by_year(bundled) -> None:
    table = stats.cross(bundled.papers, "category", "year", catalogue=bundled)
    assert table.view == "cited"
    assert table.count("diffusion", 2023) == 3  # refs 11, 12, 26
    assert table.count("compression", 2013) == 1
    assert table.column_values[0] == 2013 and 2014 in table.column_values  # empty year kept
    assert sum(table.row_total(r) for r in table.row_values) == 32
    data = table.as_dict()
    assert {"row": "rnn", "column": 2015, "count": 1} in data["rows"]
    assert all(item["count"] > 0 for item in data["rows"])


def test_catalogue_stats_method(bundled) -> None:
    assert bundled.stats("venue").rows[0].cited == 12
    overview = bundled.stats(query=Query(categories=("diffusion",)))
    assert overview.total == 9


# -- other catalogues ---------------------------------------------------------------------------


def test_without_citation_data_only_published(odd) -> None:
    counts = stats.count_by(odd.papers, "venue", catalogue=odd)
    assert counts.views == ("published",)
    assert "cited" not in counts.as_dict()["rows"][0]
    found = by_kind(stats.highlights(odd.papers))
    assert found["preprints"].details["view"] == "published"
    # "NIPS" is NeurIPS under its old name.
    assert found["big_venues"].details["venues"] == {"NeurIPS": 1, "ICML": 1}
    assert found["peak_year"].details["years"] == [2010, 2015]
    assert (found["recent"].details["first"], found["recent"].numerator) == (2014, 3)
    assert len(found["span"].details["oldest"]) == 2


def test_year_gaps_filled_with_zero(odd) -> None:
    rows = stats.count_by(odd.papers, "year").rows
    assert [(r.value, r.published) for r in rows] == [
        (2010, 2),
        (2011, 0),
        (2012, 1),
        (2013, 0),
        (2014, 0),
        (2015, 2),
        (2016, 1),
    ]


def test_absent_highlights_are_left_out(partial) -> None:
    kinds = [h.kind for h in stats.highlights(partial.papers)]
    # No arXiv, none of the big four, and every year has one paper: no peak.
    assert kinds == ["other_venues", "span", "recent"]
    assert stats.highlights([]) == []


def test_partial_citation_data_falls_back_to_published(partial) -> None:
    rows = {r.value: (r.cited, r.published) for r in stats.count_by(partial.papers, "venue").rows}
    assert rows == {"JMLR": (1, 2), "ECCV": (1, 1), "TPAMI": (1, 1), "TechReport": (1, 0)}


def test_venue_spellings_merge() -> None:
    base = Catalogue.load().papers[0]
    papers = [
        base.replace(venue="NIPS", cited=None),
        base.replace(venue="NeurIPS", cited=None),
        base.replace(venue="NeurIPS", cited=None),
    ]
    assert [(r.value, r.published) for r in stats.count_by(papers, "venue").rows] == [("NeurIPS", 3)]


def test_bad_dimensions() -> None:
    with pytest.raises(UsageError, match="did you mean 'venue'"):
        stats.check_dimension("venu")
    with pytest.raises(UsageError, match="two dimensions"):
        stats.parse_cross("category")
    with pytest.raises(UsageError, match="must differ"):
        stats.parse_cross("year,year")
    assert stats.parse_cross(" category , year ") == ("category", "year")


@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=1, max_value=10_000))
def test_percent_text_agrees_with_percent(numerator: int, denominator: int) -> None:
    text = stats.format_percent(numerator, denominator)
    assert text.endswith("%")
    assert abs(float(text[:-1]) - numerator * 100 / denominator) <= 0.05 + 1e-9
    assert abs(stats.percent(numerator, denominator) - numerator * 100 / denominator) <= 0.005 + 1e-9


def test_format_percent_rounds_half_up() -> None:
    assert [stats.format_percent(n, 32) for n in (12, 18, 19, 8, 0)] == ["37.5%", "56.3%", "59.4%", "25%", "0%"]
    assert stats.format_percent(1, 0) == "0%"


# -- the command ------------------------------------------------------------------------------


def test_overview_piped_shows_every_claim(runner) -> None:
    result = run(runner, "stats")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("Sora references: 32 papers (venue and year as cited)\n")
    for line in (
        "- Cited as arXiv preprints: 12 of 32, 37.5%",
        "- NeurIPS, ICML, CVPR and ICCV together: 18 of 32, 56.3% (NeurIPS 7, ICML 5, CVPR 4, ICCV 2)",
        "- Other venues: ECCV 1, OpenAI 1 (2 of 32, 6.3%)",
        "- Years: 2013–2023, a span of 11 years; oldest: [20] Kingma, Welling (2013), Auto-Encoding Variational Bayes",
        "- Peak year: 2022, with 8 of 32, 25%",
        "- Last 3 years (2021–2023): 19 of 32, 59.4%",
        "arXiv          12  37.5%          5  15.6%",
        "2014         0     0%          1   3.1%",
    ):
        assert line in out.splitlines()


def test_overview_in_chinese(runner) -> None:
    out = run(runner, "--lang", "zh", "stats").stdout
    assert "- 以 arXiv 预印本形式被引用：32 篇中 12 篇，37.5%" in out
    assert "- 论文最多的年份：2022 年，32 篇中 8 篇，25%" in out
    assert "按出处统计" in out


def test_json_contract_by_venue(runner) -> None:
    data = json.loads(run(runner, "stats", "--by", "venue", "--format", "json").stdout)
    assert list(data) == ["by", "total", "rows"]
    assert data["rows"][0] == {"value": "arXiv", "cited": 12, "published": 5}
    one = json.loads(run(runner, "stats", "--by", "venue", "--published", "--format", "json").stdout)
    assert one["rows"][0] == {"value": "NeurIPS", "published": 8}
    cited = json.loads(run(runner, "stats", "--by", "venue", "--cited", "--format", "json").stdout)
    assert cited["rows"][0] == {"value": "arXiv", "cited": 12}
    assert all(r["cited"] > 0 for r in cited["rows"])


def test_json_category_rows_carry_names(runner) -> None:
    data = json.loads(run(runner, "--lang", "zh", "stats", "--by", "category", "--format", "json").stdout)
    assert data["rows"][0] == {"value": "diffusion", "published": 9, "label": "扩散模型"}


def test_json_overview_and_cross(runner) -> None:
    data = json.loads(run(runner, "stats", "--format", "json").stdout)
    assert data["total"] == 32 and set(data["tables"]) == {"venue", "year"}
    preprints = data["highlights"][0]
    assert preprints == {
        "kind": "preprints",
        "numerator": 12,
        "denominator": 32,
        "percent": 37.5,
        "view": "cited",
        "venues": {"arXiv": 12},
    }
    cross = json.loads(run(runner, "stats", "--cross", "category,year", "--format", "json").stdout)
    assert cross["rows_by"] == "category" and cross["columns_by"] == "year" and cross["total"] == 32
    assert {"row": "diffusion", "column": 2023, "count": 3} in cross["rows"]


def test_filters_apply(runner) -> None:
    data = json.loads(run(runner, "stats", "--by", "year", "-c", "diffusion", "--format", "json").stdout)
    assert data["total"] == 9
    assert data["rows"][0] == {"value": 2015, "cited": 1, "published": 1}
    bad = run(runner, "stats", "-c", "difusion")
    assert bad.exit_code == 2 and "did you mean 'diffusion'" in bad.stderr


def test_csv_and_markdown(runner) -> None:
    rows = list(csv.reader(io.StringIO(run(runner, "stats", "--by", "venue", "--format", "csv").stdout)))
    assert rows[0] == ["venue", "cited", "published"] and rows[1] == ["arXiv", "12", "5"]
    overview = list(csv.reader(io.StringIO(run(runner, "stats", "--format", "csv").stdout)))
    assert overview[0] == ["by", "value", "cited", "published"] and ["year", "2013", "1", "0"] in overview
    cross = list(csv.reader(io.StringIO(run(runner, "stats", "-x", "category,year", "-f", "csv").stdout)))
    assert cross[0][:3] == ["category\\year", "2013", "2014"] and cross[-1][0] == "total"
    md = run(runner, "stats", "--by", "venue", "--format", "markdown").stdout.splitlines()
    assert md[:3] == [
        "| Venue | Cited as | Share | Published | Share |",
        "|---|---:|---:|---:|---:|",
        "| arXiv | 12 | 37.5% | 5 | 15.6% |",
    ]
    md_overview = run(runner, "stats", "--format", "markdown").stdout
    assert "- Cited as arXiv preprints: 12 of 32, 37.5%" in md_overview


def test_terminal_views_have_bars(runner) -> None:
    env = {"SORA_REFS_TERMINAL": "1", "NO_COLOR": "1", "COLUMNS": "100"}
    out = run(runner, "stats", env=env).stdout
    assert "█" * 24 in out and "Highlights" in out and "12 of 32, 37.5%" in out
    cross = run(runner, "--lang", "zh", "stats", "--cross", "category,year", env=env).stdout
    assert "扩散模型" in cross and "合计" in cross
    author = run(runner, "stats", "--by", "author", "--top", "3", env=env).stdout
    assert "Aditya Ramesh" in author


def test_top_limits_rows(runner) -> None:
    data = json.loads(run(runner, "stats", "--by", "author", "--top", "2", "--format", "json").stdout)
    assert len(data["rows"]) == 2 and data["total"] == 32


def test_usage_errors(runner) -> None:
    both = run(runner, "stats", "--cited", "--published")
    assert both.exit_code == 2 and "at most one" in both.stderr
    cross = run(runner, "stats", "--cross", "category,yaer")
    assert cross.exit_code == 2 and "did you mean 'year'" in cross.stderr
    assert run(runner, "stats", "--by", "colour").exit_code == 2


def test_nothing_matches(runner) -> None:
    result = run(runner, "stats", "-y", "1990")
    assert result.exit_code == 1 and result.stdout == ""
    assert "No paper matches" in result.stderr
    data = json.loads(run(runner, "stats", "-y", "1990", "--format", "json").stdout)
    assert data["total"] == 0 and data["highlights"] == []


def test_other_catalogue_overview(runner, data_dir) -> None:
    path = str(data_dir / "stats" / "no-cited.yaml")
    out = run(runner, "--catalogue", path, "stats").stdout
    assert out.startswith("Odd list: 6 papers (venue and year as published)\n")
    assert "- Published as arXiv preprints only: 1 of 6, 16.7%" in out
    assert "- Peak year: 2010, 2015, with 2 of 6, 33.3%" in out
    assert "Cited as" not in out.split("By venue")[1]
    zh = run(runner, "--catalogue", path, "--lang", "zh", "stats", "--by", "category").stdout
    assert "阿尔法方法" in zh and "Beta | methods" in zh
    md = run(runner, "--catalogue", path, "stats", "--by", "category", "-f", "markdown").stdout
    assert "| Beta \\| methods | 2 | 33.3% |" in md


def test_stats_json_imports_no_rich() -> None:
    code = (
        "import sys; from sora_refs.cli import main; sys.argv = ['sora-refs', 'stats', '--format', 'json'];\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('rich' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stderr.strip().splitlines()[-1] == "False"


def test_plain_tables_align_names_with_combining_accents() -> None:
    """``Ce\u0301line`` (an accent typed as a combining mark) takes five columns, as on screen: the
    counts stay in one column (the width rule is sora_refs.text.cells, the one the search uses)."""
    from sora_refs.cli.tables import aligned

    table = aligned(["author", "papers"], [["Ce\u0301line", "3"], ["Celine", "12"]], right=[1])
    assert table.splitlines() == ["author  papers", "Ce\u0301line       3", "Celine      12"]
