"""Imported libraries, exported again, read by their consumers: bibtex, biber, pandoc, rispy.

The corpus of tests/data/import (every awkward entry) and tests/data/bibtex/awkward.bib go into
one catalogue; each export must then be accepted without a warning.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sora_refs import Catalogue
from sora_refs.formats import export
from sora_refs.importing import import_files

DATA = Path(__file__).parent / "data"
SOURCES = [
    DATA / "import" / name
    for name in (
        "defects.bib",
        "zotero.json",
        "endnote.ris",
        "strings.bib",
        "refs-using-strings.bib",
        "no-year.bib",
        "theses.bib",
    )
] + [DATA / "bibtex" / "awkward.bib"]


ENTRIES = 47
"""Every entry of the sources: 36, the awkward file's one with no year, no-year.bib's five, theses.bib's five."""

UNDATED = ("noyear", "gnuplot-manual", "pytorch-docs", "lee-forthcoming", "garcia-inpress", "ffmpeg")


def needs(*tools: str) -> pytest.MarkDecorator:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    return pytest.mark.skipif(bool(missing), reason=f"{', '.join(missing)} not installed")


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Catalogue:
    target = tmp_path_factory.mktemp("library") / "library.yaml"
    result = import_files(SOURCES, target)
    assert len(result.added) == ENTRIES
    return Catalogue.load(target, use_cache=False)


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False, timeout=120)


@pytest.mark.slow
@needs("pdflatex", "bibtex")
def test_bibtex_reads_the_bibtex_export_without_a_warning(library, tmp_path):
    (tmp_path / "refs.bib").write_text(export(library.papers, "bibtex"), encoding="utf-8")
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\\begin{document}\\nocite{*}"
        "\\bibliographystyle{plain}\\bibliography{refs}\\end{document}\n"
    )
    run(["pdflatex", "-interaction=nonstopmode", "doc"], tmp_path)
    result = run(["bibtex", "doc"], tmp_path)
    assert result.returncode == 0, result.stdout
    assert "Warning" not in result.stdout and "error" not in result.stdout.lower(), result.stdout
    # Each old key of a paper (a duplicate's) is the paper again: \cite{old key} resolves.
    aliases = sum(len(paper.aliases) for paper in library.papers)
    assert aliases and (tmp_path / "doc.bbl").read_text(encoding="utf-8").count("\\bibitem") == ENTRIES + aliases


@pytest.mark.slow
@needs("pdflatex", "biber")
def test_biber_validates_the_biblatex_export(library, tmp_path):
    (tmp_path / "refs.bib").write_text(export(library.papers, "biblatex"), encoding="utf-8")
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\\usepackage[backend=biber]{biblatex}"
        "\\addbibresource{refs.bib}\\begin{document}\\nocite{*}\\printbibliography"
        "\\end{document}\n"
    )
    run(["pdflatex", "-interaction=nonstopmode", "doc"], tmp_path)
    result = run(["biber", "--validate-datamodel", "doc"], tmp_path)
    assert result.returncode == 0, result.stdout
    problems = [line for line in (tmp_path / "doc.blg").read_text().splitlines() if "WARN -" in line or "ERROR" in line]
    # biblatex's data model wants a date for nearly every entry type; a work with none (a
    # manual, a web page, a forthcoming paper) is said to lack one, and that is all biber says.
    undated = [
        f"WARN - Datamodel: Entry '{key}' (refs.bib): Missing mandatory field - one of 'date, year' must be defined"
        for key in UNDATED
    ]
    assert sorted(line.split("> ", 1)[-1] for line in problems) == sorted(undated)


@needs("pandoc")
def test_pandoc_reads_the_csl_json_export(library, tmp_path):
    (tmp_path / "refs.json").write_text(export(library.papers, "csl-json"), encoding="utf-8")
    (tmp_path / "doc.md").write_text("---\nnocite: '@*'\n---\n", encoding="utf-8")
    result = run(["pandoc", "doc.md", "--citeproc", "--bibliography", "refs.json", "-t", "plain"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    text = " ".join(result.stdout.split())
    assert "“Long Short-Term Memory.” Neural Computation 9 (8): 1735–80" in text
    assert "unknown" not in text.lower()


def test_csl_json_carries_the_arxiv_id_of_a_published_paper(library):
    items = {item["id"]: item for item in json.loads(export(library.papers, "csl-json"))}
    adam = items["kingma2015adam"]
    assert (adam["type"], adam["note"]) == ("paper-conference", "arXiv:1412.6980")


def test_rispy_reads_the_ris_export(library):
    rispy = pytest.importorskip("rispy", reason="rispy not installed")
    records = rispy.loads(export(library.papers, "ris"))
    assert len(records) == ENTRIES
    lstm = next(r for r in records if r.get("id") == "hochreiter1997long")
    assert (lstm["volume"], lstm["number"], lstm["start_page"], lstm["end_page"]) == ("9", "8", "1735", "1780")


@pytest.mark.parametrize("format_", ["bibtex", "csl-json", "ris"])
def test_import_export_import_is_a_fixed_point(library, tmp_path, format_):
    """What an export carries comes back the same when imported again."""
    first = tmp_path / f"first.{format_}"
    text = export(library.papers, format_)
    first.write_bytes(text.encode("utf-8"))  # RIS's CR LF as it is
    again = tmp_path / "again.yaml"
    import_files(first, again)
    reread = Catalogue.load(again, use_cache=False)
    assert export(reread.papers, format_) == text
    if format_ == "bibtex":  # BibTeX carries every field: the papers themselves are equal
        assert [p.as_dict() for p in reread.papers] == [p.as_dict() for p in library.papers]
