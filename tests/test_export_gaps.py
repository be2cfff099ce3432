"""Export details that tools and readers notice: RIS line endings, the as-cited Markdown list,
brace-protected corporate authors, and the HTML page as an export format."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sora_refs import Catalogue
from sora_refs.bibtex.names import format_name, literal_name, parse_names, plain_name, split_name
from sora_refs.cli import cli
from sora_refs.formats import export


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load()


# --- RIS: CR LF line endings, records closed by "ER  - " ------------------------------------------


def test_ris_file_uses_crlf_and_closes_every_record(runner, tmp_path):
    target = tmp_path / "all.ris"
    result = runner.invoke(cli, ["export", "-f", "ris", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    data = target.read_bytes()
    assert data.startswith(b"TY  - CPAPER\r\nID  - srivastava2015unsupervised\r\nAU  - Srivastava, Nitish\r\n")
    assert data.endswith(b"\r\nN1  - arXiv:2108.01073\r\nER  - \r\n")
    assert data.count(b"\n") == data.count(b"\r\n")  # no bare LF anywhere
    assert b"\r\r" not in data
    # Records: 32, each ending "ER  - ", one blank line between two of them.
    assert data.count(b"\r\nER  - \r\n") == 32
    assert data.count(b"ER  - \r\n\r\nTY  - ") == 31
    # The same bytes through stdout.
    piped = runner.invoke(cli, ["export", "-f", "ris"])
    assert piped.stdout_bytes == data


def test_rispy_reads_the_crlf_ris_from_text_and_from_the_file(catalogue, tmp_path):
    rispy = pytest.importorskip("rispy", reason="rispy (test extra) not installed")
    text = export(catalogue.papers, "ris")
    (tmp_path / "all.ris").write_bytes(text.encode("utf-8"))
    for records in (rispy.loads(text), rispy.load(tmp_path / "all.ris")):
        assert len(records) == 32
        assert records[0]["authors"] == ["Srivastava, Nitish", "Mansimov, Elman", "Salakhutdinov, Ruslan"]
        assert records[0]["start_page"] == "843" and records[0]["end_page"] == "852"
        assert records[-1]["notes"] == ["arXiv:2108.01073"]
        values = [v for r in records for v in r.values()]
        assert not any("\r" in str(v) for v in values)


# --- Markdown --as-cited: the report's own reference list ------------------------------------------

# One line of the list: "[n] Authors. "Title." *Venue* (SHORT), year." or "*arXiv preprint arXiv:id* (year)."
_ITEM = re.compile(
    r'^\[(?P<n>\d+)\] (?P<authors>[^"]+[^.])\. "(?P<title>[^"]+[.?!])" '
    r"(?:\*(?P<preprint>arXiv preprint arXiv:\d{4}\.\d{4,5})\* \((?P<pyear>\d{4})\)"
    r"|\*(?P<venue>[^*]+)\*(?: \((?P<short>[A-Za-z]+)\))?, (?P<year>\d{4}))\."
    r"(?P<links>(?: \[[^\]]+\]\(https://[^)\s]+\))*)$")


def test_as_cited_markdown_reads_like_the_reports_reference_list(runner, catalogue):
    result = runner.invoke(cli, ["export", "--as-cited", "--format", "markdown"])
    assert result.exit_code == 0, result.stderr
    items = result.stdout.split("\n\n")
    assert len(items) == 32 and result.stdout.endswith(")\n")
    for number, (text, paper) in enumerate(zip(items, catalogue.papers), start=1):
        match = _ITEM.match(text.rstrip("\n"))
        assert match, text
        assert int(match["n"]) == number == paper.ref
        cited = paper.cited
        if cited.venue == "arXiv":
            assert match["preprint"] == f"arXiv preprint arXiv:{paper.ids.arxiv}"
            assert int(match["pyear"]) == cited.year
        else:
            assert int(match["year"]) == cited.year and match["preprint"] is None
        links = re.findall(r"\]\(([^)]+)\)", match["links"])
        assert len(links) == len(set(links)), text  # no link twice
    assert "(arXiv)" not in result.stdout and "*arXiv*" not in result.stdout and ".." not in result.stdout


def test_as_cited_markdown_exact_lines(runner):
    result = runner.invoke(cli, ["export", "--as-cited", "-f", "markdown"])
    lines = {int(item[1:item.index("]")]): item for item in result.stdout.split("\n\n")}
    assert lines[15].startswith(
        '[15] Dosovitskiy, Alexey, Lucas Beyer, Alexander Kolesnikov, Dirk Weissenborn, Xiaohua Zhai, '
        'Thomas Unterthiner, Mostafa Dehghani, Matthias Minderer, Georg Heigold, Sylvain Gelly, Jakob Uszkoreit, '
        'and Neil Houlsby. "An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale." '
        '*arXiv preprint arXiv:2010.11929* (2020). [arXiv:2010.11929](https://arxiv.org/abs/2010.11929) ')
    assert '"Attention Is All You Need." *Advances in Neural Information Processing Systems* (NeurIPS), ' \
           '2017. [arXiv:1706.03762]' in lines[13]
    assert lines[30].endswith(' and Aditya Ramesh. "Improving Image Generation with Better Captions." '
                              '*OpenAI technical report*, 2023. [page](https://cdn.openai.com/papers/dall-e-3.pdf)')


def test_markdown_list_two_authors_and_titles_with_their_own_punctuation():
    from sora_refs.formats import ExportOptions
    from sora_refs.formats.markdown import list_item
    from sora_refs.models import Paper, PaperType

    paper = Paper(key="ha2018world", title="World Models?", authors=("David Ha", "Jürgen Schmidhuber"),
                  year=2018, venue="arXiv", venue_full="arXiv preprint", type=PaperType.PREPRINT, category="c")
    assert list_item(paper, 3, ExportOptions()) == \
        '[3] Ha, David, and Jürgen Schmidhuber. "World Models?" *arXiv preprint* (2018).'


# --- Brace-protected corporate authors -------------------------------------------------------------

CORPORATE = Path(__file__).parent / "data" / "export_gaps" / "corporate.bib"


def test_a_braced_corporate_author_imports_as_one_name_and_exports_braced(runner, tmp_path):
    target = tmp_path / "corp.yaml"
    imported = runner.invoke(cli, ["import", str(CORPORATE), "--into", str(target)])
    assert imported.exit_code == 0, imported.stderr
    merged = Catalogue.load(target)
    acme, lab = merged.get("acme2024world"), merged.get("lab2023video")
    assert acme.authors == ("{ACME Research Team}", "Jane Doe")
    assert [plain_name(a) for a in acme.authors] == ["ACME Research Team", "Jane Doe"]
    assert lab.authors == ("{Über Vision Lab}", "{Barnes and Noble}", "OpenAI")  # one word needs no braces

    for args in ([], ["--ascii"], ["-f", "biblatex"]):
        first = runner.invoke(cli, ["--catalogue", str(target), "export", *args]).stdout
        (tmp_path / "again.bib").write_text(first, encoding="utf-8")
        again_path = tmp_path / f"again{len(args)}.yaml"
        assert runner.invoke(cli, ["import", str(tmp_path / "again.bib"), "--into", str(again_path)]).exit_code == 0
        assert runner.invoke(cli, ["--catalogue", str(again_path), "export", *args]).stdout == first
    bibtex = runner.invoke(cli, ["--catalogue", str(target), "export"]).stdout
    assert "  author = {{ACME Research Team} and Doe, Jane},\n" in bibtex
    assert "  author = {{Über Vision Lab} and {Barnes and Noble} and OpenAI},\n" in bibtex
    ascii_ = runner.invoke(cli, ["--catalogue", str(target), "export", "--ascii"]).stdout
    assert '  author = {{{\\"U}ber Vision Lab} and {Barnes and Noble} and OpenAI},\n' in ascii_


def test_corporate_authors_read_plainly_in_the_other_formats(tmp_path):
    from sora_refs.importer import import_bib

    import_bib(CORPORATE, tmp_path / "corp.yaml")
    papers = Catalogue.load(tmp_path / "corp.yaml").papers
    items = json.loads(export(papers, "csl-json"))
    assert items[0]["author"] == [{"literal": "ACME Research Team"}, {"family": "Doe", "given": "Jane"}]
    assert "\r\nAU  - ACME Research Team\r\nAU  - Doe, Jane\r\n" in export(papers, "ris")
    listed = export(papers, "markdown")
    assert listed.startswith('[1] ACME Research Team and Jane Doe. "World Simulators at Scale." *ACME*, 2024.')
    assert '[2] Über Vision Lab, Barnes and Noble, and OpenAI. "Video Models." *Blog post*, 2023.' in listed
    assert not re.search(r"\{[A-ZÜ]", listed + export(papers, "csl-json") + export(papers, "ris"))


@pytest.mark.parametrize(("name", "literal"), [
    ("{ACME Research Team}", "ACME Research Team"),
    ("{Barnes and Noble}", "Barnes and Noble"),
    ("{A} {B}", None),           # two groups, not one
    ("{OpenAI}", None),          # one word: nothing to protect
    ("{ACME Team", None),
    ("Jean Paul Sartre", None),
])
def test_literal_names(name, literal):
    assert literal_name(name) == literal
    assert split_name(name) == (("", literal, "") if literal else split_name(name))
    if literal:
        assert format_name(name) == "{" + literal + "}"
        assert parse_names(format_name(name) + " and Jane Doe") == [name, "Jane Doe"]


# --- export --format html: the site page ------------------------------------------------------------


@pytest.mark.parametrize("args", [[], ["--lang", "zh"]])
@pytest.mark.parametrize("filters", [[], ["-c", "diffusion", "-y", "2021-"]])
def test_export_html_writes_the_same_page_as_site(runner, tmp_path, args, filters):
    exported = runner.invoke(cli, [*args, "export", "--format", "html", *filters, "-o", str(tmp_path / "a.html")])
    assert exported.exit_code == 0, exported.stderr
    site = runner.invoke(cli, [*args, "site", *filters, "-o", str(tmp_path / "b.html")])
    assert site.exit_code == 0, site.stderr
    page = (tmp_path / "a.html").read_bytes()
    assert page == (tmp_path / "b.html").read_bytes()
    assert page.startswith(b"<!DOCTYPE html>") or page.lower().startswith(b"<!doctype html>")
    assert b"Scalable Diffusion Models with Transformers" in page


def test_export_html_of_nothing_writes_nothing(runner, tmp_path):
    result = runner.invoke(cli, ["export", "-f", "html", "-y", "1900", "-o", str(tmp_path / "none.html")])
    assert result.exit_code == 1
    assert result.stderr == "Error: no paper matches these filters; no page written\n"
    assert list(tmp_path.iterdir()) == []


def test_html_format_from_the_library_needs_the_catalogue(catalogue):
    from sora_refs.errors import UsageError
    from sora_refs.formats import ExportOptions
    from sora_refs.site import build_page

    with pytest.raises(UsageError, match="needs the catalogue"):
        export(catalogue.papers, "html")
    papers = catalogue.papers[:3]
    assert export(papers, "html", ExportOptions(catalogue=catalogue)) == build_page(catalogue, papers)


@pytest.mark.slow
@pytest.mark.skipif(any(shutil.which(t) is None for t in ("pdflatex", "bibtex", "biber")),
                    reason="TeX toolchain (pdflatex, bibtex, biber) not installed")
def test_braced_corporate_authors_compile_with_bibtex_and_biber(tmp_path):
    from sora_refs.importer import import_bib

    import_bib(CORPORATE, tmp_path / "corp.yaml")
    script = Path(__file__).parent.parent / "scripts" / "check-latex.sh"
    run = subprocess.run(["bash", str(script), str(tmp_path / "corp.yaml")], capture_output=True, text=True,
                         env=dict(os.environ, SORA_REFS=f"{sys.executable} -m sora_refs"), check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.count("ok   ") == 7 and "(2 entries)" in run.stdout
