"""Papers with no year (a manual, software, a web page, a forthcoming paper): kept, and every
view, filter, sort and export copes.

The catalogue is tests/data/import/no-year.bib imported into a small catalogue with three dated
papers, so that each view shows the years and, apart, the papers without one.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from sora_refs import Catalogue, Query
from sora_refs.bibtex.citekeys import make_key
from sora_refs.cli import cli
from sora_refs.formats import export
from sora_refs.importing import import_files
from sora_refs.query import parse_years, sort_papers

DATA = Path(__file__).parent / "data"
UNDATED = ["gnuplot-manual", "pytorch-docs", "lee-forthcoming", "garcia-inpress", "ffmpeg"]

DATED = """\
catalogue:
  title: Mixed
  schema: 1
categories:
- id: misc
  name: Miscellany
papers:
- ref: 1
  key: old2018
  title: An Old Paper
  authors: [Ann Old]
  year: 2018
  venue: ICML
  type: inproceedings
  category: misc
- ref: 2
  key: new2021
  title: A New Paper
  authors: [Bob New]
  year: 2021
  venue: NeurIPS
  type: inproceedings
  category: misc
- ref: 3
  key: mid2020
  title: A Middle Paper
  authors: [Cat Mid]
  year: 2020
  venue: ICLR
  type: inproceedings
  category: misc
"""


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / "mixed.yaml"
    target.write_text(DATED, encoding="utf-8")
    result = import_files(DATA / "import" / "no-year.bib", target, category="misc")
    assert [p.key for p in result.added] == UNDATED
    return target


@pytest.fixture
def catalogue(path: Path) -> Catalogue:
    return Catalogue.load(path, use_cache=False)


def run(runner, path: Path, *args: str, env: dict[str, str] | None = None):
    return runner.invoke(cli, ["--catalogue", str(path), *args], catch_exceptions=False, env=env)


def test_every_entry_is_kept_and_words_for_a_year_stay_in_extra(catalogue):
    papers = {p.key: p for p in catalogue.papers}
    assert all(papers[k].year is None for k in UNDATED)
    assert papers["pytorch-docs"].extra == {"year": "n.d."}
    assert papers["lee-forthcoming"].extra == {"year": "forthcoming"}
    assert papers["garcia-inpress"].extra == {"year": "in press"}
    assert papers["gnuplot-manual"].extra == {"entrytype": "manual"}  # given back on export as @manual


def test_check_accepts_a_catalogue_with_undated_papers(runner, path):
    result = run(runner, path, "check")
    assert result.exit_code == 0, result.stderr


def test_by_year_undated_papers_come_last_either_way_in_file_order(catalogue):
    ascending = [p.key for p in sort_papers(catalogue.papers, "year")]
    descending = [p.key for p in sort_papers(catalogue.papers, "year", reverse=True)]
    assert ascending == ["old2018", "mid2020", "new2021", *UNDATED]
    assert descending == ["new2021", "mid2020", "old2018", *UNDATED]


def test_a_year_filter_or_search_term_never_matches_an_undated_paper(runner, path, catalogue):
    for years in ("-2019", "2019-", "2020"):
        assert all(p.year is not None for p in catalogue.select(Query(years=(parse_years(years),))))
    assert [hit.paper.key for hit in catalogue.search("year:-2019")] == ["old2018"]
    result = run(runner, path, "list", "-y", "-2030", "--format", "json")
    assert [p["key"] for p in json.loads(result.stdout)] == ["old2018", "new2021", "mid2020"]


def test_stats_by_year_has_a_no_year_row_last_and_a_sentence(runner, path, catalogue):
    counts = catalogue.counts("year")
    assert [(r.value, r.published) for r in counts.rows] == [(2018, 1), (2019, 0), (2020, 1), (2021, 1), (None, 5)]
    result = run(runner, path, "stats", "--by", "year")
    assert result.stdout.splitlines()[-1].split() == ["(no", "year)", "5", "62.5%"]
    overview = run(runner, path, "stats")
    assert "With no year: 5 of 8, 62.5%" in overview.stdout
    zh = run(runner, path, "--lang", "zh", "stats")
    assert "无年份：8 篇中 5 篇，62.5%" in zh.stdout


def test_timeline_lists_undated_papers_apart(runner, path):
    piped = run(runner, path, "timeline")
    assert piped.stdout.splitlines()[-5:] == [
        "  no year  Gnuplot",
        "  no year  PyTorch Documentation",
        "  no year  Video Models as World Simulators, Revisited (JMLR)",
        "  no year  Temporal Consistency in Generated Video (TPAMI)",
        "  no year  FFmpeg",
    ]
    years = json.loads(run(runner, path, "timeline", "--format", "json").stdout)[0]["years"]
    assert [y["year"] for y in years] == [2018, 2020, 2021, None]
    chart = run(runner, path, "timeline", env={"SORA_REFS_TERMINAL": "1", "NO_COLOR": "1", "COLUMNS": "100"})
    assert "No year:" in chart.stdout and "Gnuplot" in chart.stdout.split("No year:")[1]


def test_show_and_list_say_no_year(runner, path):
    shown = run(runner, path, "show", "lee-forthcoming")
    assert "JMLR" in shown.stdout and "None" not in shown.stdout
    piped = run(runner, path, "list").stdout.splitlines()
    assert piped[-1].split("\t")[:4] == ["", "ffmpeg", "", ""]  # no ref, key, no year, no venue
    table = run(runner, path, "list", env={"SORA_REFS_TERMINAL": "1", "NO_COLOR": "1", "COLUMNS": "100"}).stdout
    assert table.count("no year") == 5 and "None" not in table


def test_exports_leave_the_year_out(catalogue):
    papers = [p for p in catalogue.papers if p.key in ("gnuplot-manual", "lee-forthcoming")]
    bibtex = export(papers, "bibtex")
    assert "year = {forthcoming}" in bibtex and bibtex.count("year") == 1  # the words, as written
    biblatex = export(papers, "biblatex")
    assert "date" not in biblatex and "year" not in biblatex and "pubstate = {forthcoming}" in biblatex
    items = json.loads(export(papers, "csl-json"))
    assert ["issued" in i for i in items] == [False, False] and items[1]["status"] == "forthcoming"
    assert [line for line in export(papers, "ris").splitlines() if line.startswith("PY")] == ["PY  - forthcoming"]
    rows = list(csv.DictReader(io.StringIO(export(papers, "csv"))))
    assert [r["year"] for r in rows] == ["", ""]
    assert [p["year"] for p in json.loads(export(papers, "json"))] == [None, None]
    assert "(n.d.)" in export(papers, "markdown") or "n.d." in export(papers, "markdown")


@pytest.mark.parametrize("format_", ["bibtex", "csl-json", "ris"])
def test_undated_papers_survive_export_and_import_again(catalogue, tmp_path, format_):
    papers = [p for p in catalogue.papers if p.year is None]
    first = tmp_path / f"out.{format_}"
    first.write_bytes(export(papers, format_).encode("utf-8"))
    again = tmp_path / "again.yaml"
    result = import_files(first, again, category="misc")
    assert [p.year for p in result.added] == [None] * 5 and result.problems == []
    extras = [p.extra.get("year") if p.extra else None for p in result.added]
    assert extras == [None, "n.d.", "forthcoming", "in press", None]  # RIS: PY  - forthcoming


def test_a_made_key_has_no_year_part_as_better_bibtex_makes_it():
    assert make_key(["Donald E. Knuth"], None, "The TeXbook") == "knuthtexbook"
    assert make_key(["Donald E. Knuth"], 1984, "The TeXbook") == "knuth1984texbook"


def test_the_page_and_the_browser_views_cope(catalogue):
    from rich.console import Console

    from sora_refs.browse.views import statistics, timeline
    from sora_refs.site import build_page

    page = build_page(catalogue)
    assert '"no_year":"no year"' in page.replace(" ", "") or "no year" in page
    console = Console(width=100, record=True, color_system=None)
    console.print(statistics(catalogue, catalogue.papers, lambda key: None, "en", 80))
    console.print(timeline(catalogue, catalogue.papers, "en", 100))
    text = console.export_text()
    assert text.count("no year") == 2 and "None" not in text


def test_words_for_a_year_in_ris_and_csl_json_are_kept_too(tmp_path):
    ris = tmp_path / "endnote.ris"
    lines = ["TY  - JOUR", "AU  - Smith, Ann", "TI  - A Work in Press", "JO  - J", "PY  - In Press", "ER  - "]
    ris.write_bytes("".join(line + "\r\n" for line in lines).encode())
    csl = tmp_path / "zotero.json"
    csl.write_text(
        json.dumps(
            [
                {"id": "a1", "type": "article-journal", "title": "By Status", "status": "forthcoming"},
                {"id": "a2", "type": "article-journal", "title": "By Literal", "issued": {"literal": "n.d."}},
            ]
        ),
        encoding="utf-8",
    )
    result = import_files([ris, csl], tmp_path / "words.yaml", category="misc")
    assert [(p.year, (p.extra or {}).get("year")) for p in result.added] == [
        (None, "In Press"),
        (None, "forthcoming"),
        (None, "n.d."),
    ]
