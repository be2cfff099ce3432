"""Import without loss: one test per defect found importing real .bib files (issue 14).

The corpus is tests/data/import/: defects.bib (one entry per defect), strings.bib and
refs-using-strings.bib (macros kept in another file), zotero.json (CSL-JSON) and endnote.ris.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sora_refs import Catalogue
from sora_refs.cli import cli
from sora_refs.importing import ImportResult, import_files

DATA = Path(__file__).parent / "data" / "import"


@pytest.fixture(scope="module")
def defects(tmp_path_factory) -> tuple[ImportResult, dict]:
    target = tmp_path_factory.mktemp("defects") / "new.yaml"
    result = import_files(DATA / "defects.bib", target)
    return result, {p.key: p for p in Catalogue.load(target, use_cache=False).papers}


def messages(lines: list[str]) -> list[str]:
    """Messages without their file name, which depends on where the tests run."""
    return [line.split(": ", 1)[1] for line in lines]


def test_and_others_and_et_al_keep_the_entry_and_the_named_authors(defects):
    result, papers = defects
    assert papers["others-truncated"].authors == ("Tom B. Brown", "Benjamin Mann")
    assert papers["etal-truncated"].authors == ("Alec Radford", "Jong Wook Kim")
    assert (
        "line 9 (entry others-truncated): the author list ends in 'and others' (et al.); kept as a "
        "truncated list" in messages(result.notices)
    )


def test_an_arxiv_id_with_braces_inside_is_found(defects):
    paper = defects[1]["braced-arxiv"]
    assert (paper.type.value, paper.venue, paper.ids.arxiv) == ("preprint", "arXiv", "1607.06450")


def test_macros_joined_with_hash_give_the_venue(defects):
    paper = defects[1]["concatenated"]
    assert (paper.venue, paper.venue_full) == (
        "ICML",
        "Proceedings of the International Conference on Machine Learning",
    )


def test_an_invalid_key_changes_and_the_change_is_reported(defects):
    result, papers = defects
    assert papers["he2016identity"].title == "Identity Mappings in Deep Residual Networks"
    assert [(c.old, c.new, c.reason) for c in result.keys_changed] == [
        ("He.Zhang.Ren.ea.2016*1", "he2016identity", "not a valid citekey")
    ]


def test_a_year_with_a_letter_is_a_year_and_the_key_keeps_the_letter(defects):
    paper = defects[1]["suffix2023a"]
    assert paper.year == 2023


def test_same_title_in_other_years_and_types_are_two_papers(defects):
    papers = defects[1]
    assert papers["bellman1957dynamic"].type.value == "book"
    assert (papers["bellman1966dynamic"].type.value, papers["bellman1966dynamic"].year) == ("article", 1966)


def test_a_crossref_child_inherits_venue_year_and_volume(defects):
    paper = defects[1]["child-of-crossref"]
    assert (paper.venue, paper.year, paper.volume, paper.pages) == ("ICML", 2022, "162", "1-12")


def test_page_ranges_in_common_forms_are_kept(defects):
    papers = defects[1]
    assert papers["article-number-pages"].pages == "58:1-58:15"
    assert papers["electronic-pages"].pages == "e0123456"


def test_an_undefined_macro_is_a_problem_and_its_name_is_kept(defects):
    result, papers = defects
    assert papers["undefined-macro"].venue == "undefinedvenue"
    assert messages(result.problems) == [
        "line 170 (entry undefined-macro): undefined macro 'undefinedvenue' in field 'booktitle'; kept as its "
        "name (define it with @string, or give the file that does with --strings)"
    ]


def test_commented_out_entries_are_not_imported(defects):
    assert "commented-out" not in defects[1]


def test_latex_becomes_unicode_in_names_and_titles(defects):
    paper = defects[1]["unicode-latex"]
    assert paper.authors == ("Pál Erdős", "Jiří Škoda", "Anders Ångström", "August Möbius")
    assert paper.title == "Über die Grundlagen – naïve ßtudien & mehr"


def test_macros_from_a_strings_file_or_an_earlier_file(tmp_path):
    for args in ({"strings": [DATA / "strings.bib"]}, {}):
        paths = [DATA / "refs-using-strings.bib"] if args else [DATA / "strings.bib", DATA / "refs-using-strings.bib"]
        result = import_files(paths, tmp_path / f"s{len(args)}.yaml", **args)
        assert [(p.key, p.venue) for p in result.added] == [("uses-nips", "NeurIPS"), ("uses-jmlr", "JMLR")]
        assert result.problems == []


def test_without_the_strings_file_the_macros_are_reported(tmp_path):
    result = import_files(DATA / "refs-using-strings.bib", tmp_path / "n.yaml")
    assert [m.split(": ", 1)[1] for m in messages(result.problems)] == [
        "undefined macro 'nips' in field 'booktitle'; kept as its name (define it with @string, or give the "
        "file that does with --strings)",
        "undefined macro 'jmlr' in field 'journal'; kept as its name (define it with @string, or give the "
        "file that does with --strings)",
    ]


def test_csl_json_and_ris_import_with_the_same_dedup(tmp_path):
    result = import_files([DATA / "zotero.json", DATA / "endnote.ris"], tmp_path / "c.yaml")
    added = {p.key: p for p in result.added}
    assert list(added) == ["vaswani2017attention", "silver2016mastering", "ho2020denoising", "kingma2015adam"]
    go = added["silver2016mastering"]  # Zotero's item URI is no key: one is made
    assert go.authors == ("David Silver", "George van den Driessche", "{DeepMind Team}")
    assert (go.venue, go.volume, go.pages, go.ids.doi) == ("Nature", "529", "484-489", "10.1038/nature16961")
    assert (added["ho2020denoising"].type.value, added["ho2020denoising"].ids.arxiv) == ("preprint", "2006.11239")
    adam = added["kingma2015adam"]
    assert (adam.venue, adam.year, adam.ids.arxiv, adam.authors) == (
        "ICLR",
        2015,
        "1412.6980",
        ("Diederik P. Kingma", "Jimmy Ba"),
    )
    assert [(d.key, d.existing, d.reason) for d in result.duplicates] == [
        ("silver2016mastering", "silver2016mastering", "same DOI 10.1038/nature16961")
    ]


def test_the_format_is_recognised_by_content_whatever_the_extension(tmp_path):
    disguised = tmp_path / "export.txt"
    disguised.write_bytes((DATA / "endnote.ris").read_bytes())
    result = import_files(disguised, tmp_path / "r.yaml")
    assert [p.key for p in result.added] == ["silver2016mastering", "kingma2015adam"]


def test_the_summary_line_counts_everything(runner, tmp_path):
    result = runner.invoke(cli, ["import", str(DATA / "defects.bib"), "--into", str(tmp_path / "x.yaml"), "--dry-run"])
    assert result.exit_code == 0, result.stderr
    summary = result.stderr.splitlines()[-1]
    assert summary.startswith("Would add ") and ", 0 merged, 0 duplicates, 1 problem, " in summary
    assert summary.endswith(" not kept, 1 key changed; nothing written (dry run).")


def test_broken_csl_json_is_one_line(runner, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('[{"title": "x",]', encoding="utf-8")
    result = runner.invoke(cli, ["import", str(bad), "--into", str(tmp_path / "x.yaml")])
    assert result.exit_code == 1
    assert (
        result.stderr == f"Error: {bad}: not valid CSL-JSON (line 1: Expecting property name enclosed in "
        "double quotes)\n"
    )


def test_the_standard_fields_are_all_kept(defects):
    lstm = defects[1]["hochreiter1997long"]
    assert (lstm.volume, lstm.number, lstm.month, lstm.pages) == ("9", "8", 11, "1735-1780")
    assert (lstm.publisher, lstm.address, lstm.note) == ("MIT Press", "Cambridge, MA, USA", "The LSTM paper")
    assert lstm.keywords == ("recurrent networks", "memory")
    assert lstm.abstract.startswith("Learning to store information")
    assert lstm.extra == {"issn": "0899-7667"}
    book = defects[1]["with-editors"]
    assert book.editors == ("David E. Rumelhart", "James L. McClelland")
    assert (book.series, book.edition, book.isbn) == (
        "Computational Models of Cognition and Perception",
        "1st",
        "978-0-262-68053-0",
    )
    assert defects[1]["concatenated"].organization == "IMLS"


def test_a_url_in_howpublished_is_the_url_not_a_venue(defects):
    paper = defects[1]["url-howpublished"]
    assert (paper.url, paper.venue) == ("http://dippl.org", None)
    assert paper.note == "Accessed: 2024-01-01, see the chapters (http://dippl.org/chapters)"


def test_no_venue_means_none_not_unknown(defects, runner, tmp_path):
    assert defects[1]["no-venue"].venue is None
    assert defects[1]["bellman1957dynamic"].venue is None  # a book's publisher is no venue
    target = tmp_path / "one.yaml"
    import_files(DATA / "defects.bib", target)
    for format_ in ("bibtex", "biblatex", "csl-json", "ris", "markdown"):
        result = runner.invoke(cli, ["--catalogue", str(target), "export", "-f", format_])
        assert result.exit_code == 0, result.stderr
        assert "unknown" not in result.stdout.lower()


def test_a_non_web_url_is_kept_in_extra_and_said(defects):
    result, papers = defects
    assert papers["javascript-url"].url is None
    assert papers["javascript-url"].extra == {"url": "javascript:alert(1)"}
    assert (
        "line 151 (entry javascript-url): field 'url' 'javascript:alert(1)' is not one http(s) address; "
        "kept as written in 'extra'"
    ) in messages(result.notices)


def test_local_files_and_other_fields_are_kept(defects):
    paper = defects[1]["zotero-file"]
    assert paper.files == ("/home/zoe/Zotero/storage/ABCD1234/zed2021.pdf",)
    assert paper.extra == {"urldate": "2023-05-01", "timestamp": "Mon, 01 May 2023 10:00:00 +0200"}


def test_truncated_author_lists_are_exported_with_and_others(defects, runner, tmp_path):
    target = tmp_path / "t.yaml"
    import_files(DATA / "defects.bib", target)
    result = runner.invoke(cli, ["--catalogue", str(target), "cite", "others-truncated"])
    assert "author = {Brown, Tom B. and Mann, Benjamin and others}" in result.stdout


def test_an_old_key_finds_its_paper_in_show_cite_and_get(defects, runner, tmp_path):
    target = tmp_path / "k.yaml"
    import_files(DATA / "defects.bib", target)
    assert Catalogue.load(target).get("He.Zhang.Ren.ea.2016*1").key == "he2016identity"
    for command in (["show"], ["cite"]):
        result = runner.invoke(cli, ["--catalogue", str(target), *command, "He.Zhang.Ren.ea.2016*1"])
        assert result.exit_code == 0, result.stderr
        assert "he2016identity" in result.stdout
    cite = runner.invoke(cli, ["--catalogue", str(target), "cite", "he2016identity", "-f", "biblatex"])
    assert "ids = {He.Zhang.Ren.ea.2016*1}" in cite.stdout  # biber resolves \cite{old key} too


def test_on_duplicate_alias_and_merge(tmp_path):
    target = tmp_path / "d.yaml"
    import_files(DATA / "zotero.json", target)
    # The RIS record of the Go paper has the same DOI: skip by default, alias or merge on request.
    skipped = import_files(DATA / "endnote.ris", target, dry_run=True)
    assert [(d.key, d.existing, d.aliased, d.filled) for d in skipped.duplicates] == [
        ("silver2016mastering", "silver2016mastering", False, ())
    ]
    merged = import_files(DATA / "endnote.ris", target, on_duplicate="merge")
    go = merged.duplicates[0]
    assert go.filled == ("keywords", "files")
    assert go.conflicts == ()
    paper = Catalogue.load(target).get("silver2016mastering")
    assert paper.keywords == ("Go", "reinforcement learning") and paper.files == ("/home/u/papers/silver2016.pdf",)


def test_on_duplicate_alias_keeps_the_other_key(tmp_path):
    target = tmp_path / "a.yaml"
    (tmp_path / "one.bib").write_text("@article{first, author={A, B}, title={Same Paper}, journal={J}, year=2020}")
    (tmp_path / "two.bib").write_text(
        "@article{second, author={A, B}, title={Same paper}, journal={J}, year=2020, volume={3}}"
    )
    import_files(tmp_path / "one.bib", target)
    result = import_files(tmp_path / "two.bib", target, on_duplicate="alias")
    assert [(d.key, d.existing, d.aliased, d.filled) for d in result.duplicates] == [("second", "first", True, ())]
    paper = Catalogue.load(target).get("second")
    assert (paper.key, paper.aliases, paper.volume) == ("first", ("second",), None)
    merged = import_files(tmp_path / "two.bib", target, on_duplicate="merge")
    assert merged.duplicates[0].filled == ("volume",)
    assert Catalogue.load(target).get("first").volume == "3"


def test_merge_reports_values_that_differ(runner, tmp_path):
    target = tmp_path / "m.yaml"
    (tmp_path / "one.bib").write_text(
        "@article{p, author={A, B}, title={T}, journal={J}, year=2020, pages={1--2}, doi={10.1000/x}}"
    )
    (tmp_path / "two.bib").write_text(
        # One title, one DOI (written in capitals), other pages: one paper, and the pages a conflict.
        # (Another title on other pages would be another chapter of a volume that has one DOI.)
        "@article{q, author={A, B}, title={T}, journal={J}, year=2020, pages={3--4}, doi={10.1000/X}}"
    )
    import_files(tmp_path / "one.bib", target)
    result = runner.invoke(cli, ["import", str(tmp_path / "two.bib"), "--into", str(target), "--on-duplicate", "merge"])
    assert result.exit_code == 0, result.stderr
    assert (
        "Matched q: its key an alias of p (same DOI 10.1000/X).\n  differs: pages: kept '1-2', the entry has "
        "'3-4'\n" in result.stderr
    )


def test_a_local_file_from_zotero_is_what_open_pdf_and_download_use(runner, tmp_path):
    pdf = tmp_path / "store" / "zed 2021.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    bib = tmp_path / "zotero.bib"
    bib.write_text(
        "@article{zed2021, author = {Zed, Zoe}, title = {Local}, journal = {J}, year = 2021,\n"
        f"  file = {{Full Text PDF:{pdf}:application/pdf}}}}\n",
        encoding="utf-8",
    )
    target = tmp_path / "z.yaml"
    import_files(bib, target)
    opened = runner.invoke(cli, ["--catalogue", str(target), "open", "zed2021", "--pdf", "--print"])
    assert opened.exit_code == 0, opened.stderr
    assert opened.stdout == pdf.resolve().as_uri() + "\n"
    # download fetches nothing for it (no link, no network): the local copy is the paper's PDF
    fetched = runner.invoke(cli, ["--catalogue", str(target), "download", "--dir", str(tmp_path / "pdfs")])
    assert fetched.exit_code == 0, fetched.stderr
    assert not (tmp_path / "pdfs" / "zed2021.pdf").exists()


def test_an_entry_with_no_author_is_kept_without_one(defects):
    paper = defects[1]["no-author"]
    assert (paper.authors, paper.organization, paper.year) == ((), "ACME", 2001)


def test_same_title_and_year_in_other_issues_are_two_papers(defects):
    assert {"editorial-march", "editorial-june"} <= set(defects[1])


def test_a_suffix_after_a_comma_in_braces_is_a_suffix(defects):
    assert defects[1]["bailey-jr"].authors == ("Herbert S. Bailey Jr.",)
