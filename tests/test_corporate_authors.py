"""Brace-protected corporate authors ({ACME Research Team}): one name on import, braced in BibTeX,
plain in the other formats, and compiled by bibtex and biber."""

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


# --- Brace-protected corporate authors -------------------------------------------------------------

CORPORATE = Path(__file__).parent / "data" / "corporate_authors" / "corporate.bib"


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
    # Classic BibTeX cuts a name's first letters by bytes (alpha's labels): Ü is one character to
    # it only inside a group that starts with a command.
    assert "  author = {{\\relax Über Vision Lab} and {Barnes and Noble} and OpenAI},\n" in bibtex
    ascii_ = runner.invoke(cli, ["--catalogue", str(target), "export", "--ascii"]).stdout
    assert '  author = {{{\\"U}ber Vision Lab} and {Barnes and Noble} and OpenAI},\n' in ascii_


def test_corporate_authors_read_plainly_in_the_other_formats(tmp_path):
    from sora_refs.importing import import_files

    import_files(CORPORATE, tmp_path / "corp.yaml")
    papers = Catalogue.load(tmp_path / "corp.yaml").papers
    items = json.loads(export(papers, "csl-json"))
    assert items[0]["author"] == [{"literal": "ACME Research Team"}, {"family": "Doe", "given": "Jane"}]
    assert "\r\nAU  - ACME Research Team\r\nAU  - Doe, Jane\r\n" in export(papers, "ris")
    listed = export(papers, "markdown")
    assert listed.startswith('[1] ACME Research Team and Jane Doe. "World Simulators at Scale." *ACME*, 2024.')
    assert '[2] Über Vision Lab, Barnes and Noble, and OpenAI. "Video Models." *Blog post*, 2023.' in listed
    assert not re.search(r"\{[A-ZÜ]", listed + export(papers, "csl-json") + export(papers, "ris"))


@pytest.mark.parametrize(
    ("name", "literal"),
    [
        ("{ACME Research Team}", "ACME Research Team"),
        ("{Barnes and Noble}", "Barnes and Noble"),
        ("{A} {B}", None),  # two groups, not one
        ("{OpenAI}", None),  # one word: nothing to protect
        ("{ACME Team", None),
        ("Jean Paul Sartre", None),
    ],
)
def test_literal_names(name, literal):
    assert literal_name(name) == literal
    assert split_name(name) == (("", literal, "") if literal else split_name(name))
    if literal:
        assert format_name(name) == "{" + literal + "}"
        assert parse_names(format_name(name) + " and Jane Doe") == [name, "Jane Doe"]


@pytest.mark.slow
@pytest.mark.skipif(
    any(shutil.which(t) is None for t in ("pdflatex", "bibtex", "biber")),
    reason="TeX toolchain (pdflatex, bibtex, biber) not installed",
)
def test_braced_corporate_authors_compile_with_bibtex_and_biber(tmp_path):
    from sora_refs.importing import import_files

    import_files(CORPORATE, tmp_path / "corp.yaml")
    script = Path(__file__).parent.parent / "scripts" / "check-latex.sh"
    run = subprocess.run(
        ["bash", str(script), str(tmp_path / "corp.yaml")],
        capture_output=True,
        text=True,
        env=dict(os.environ, SORA_REFS=f"{sys.executable} -m sora_refs"),
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.count("ok   ") == 7 and "(2 entries)" in run.stdout
