"""Exports read as other people's documents read them: every classic BibTeX style TeX Live ships,
biblatex's styles with biber, and xelatex for Chinese, on the bundled catalogue and on an
import of tests/data/latex/awkward.bib (particles, Jr. and III, an organisation, accents at the
start of names, special characters in titles, notes, URLs and DOIs, protected capitals, math,
page ranges, months, ``and others``).

A run fails on any BibTeX or biber warning, any LaTeX error or warning, a key with no entry, or
a .bbl that is not UTF-8 (BibTeX cutting a character in two). The checks on the typeset text
read the .bbl, which is what LaTeX prints.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from latexrun import (
    BIBLATEX_STYLES,
    CLASSIC_STYLES,
    cjk_font,
    compile_biber,
    compile_bibtex,
    installed,
    keys_of,
    missing,
)

from sora_refs import Catalogue
from sora_refs.formats import ExportOptions, export
from sora_refs.importing import import_files

DATA = Path(__file__).parent / "data" / "latex"


def _skip_unless(*tools: str) -> pytest.MarkDecorator:
    absent = missing(*tools)
    return pytest.mark.skipif(
        bool(absent),
        reason=f"{', '.join(absent)} not installed (Debian: texlive-latex-recommended texlive-bibtex-extra biber)",
    )


@pytest.fixture(scope="module")
def awkward(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    target = tmp_path_factory.mktemp("awkward") / "refs.yaml"
    import_files(DATA / "awkward.bib", target)
    return Catalogue.load(target, use_cache=False)


def _bib(catalogue: Catalogue, format_: str = "bibtex", ascii_only: bool = False) -> str:
    return export(catalogue.papers, format_, ExportOptions(ascii_only=ascii_only))


CLASSIC = [
    pytest.param(style, marks=pytest.mark.skipif(not installed(f"{style}.bst"), reason=f"{style}.bst not installed"))
    for style in CLASSIC_STYLES
]
BIBLATEX = [
    pytest.param(
        style, marks=pytest.mark.skipif(not installed(f"{style}.bbx"), reason=f"biblatex style {style} not installed")
    )
    for style in BIBLATEX_STYLES
]


@pytest.mark.slow
@_skip_unless("pdflatex", "bibtex", "kpsewhich")
@pytest.mark.parametrize("ascii_only", [False, True], ids=["utf8", "ascii"])
@pytest.mark.parametrize("style", CLASSIC)
def test_every_classic_style_typesets_the_awkward_entries(awkward, tmp_path, style, ascii_only) -> None:
    run = compile_bibtex(tmp_path, _bib(awkward, ascii_only=ascii_only), style)
    assert run.problems == []
    bbl = " ".join(run.bbl.split())
    # Capitals the file protected stay capitals where the style lower-cases the title.
    assert "Are {GANs} created equal? {A} large-scale study" in bbl
    assert "{$O(n^2)$} cost" in bbl and "{$\\alpha$}-divergences" in bbl
    assert "{EDVAC}" in bbl and "{ViT}" in bbl and "{GPT-4}" in bbl
    # Special characters print as themselves; the URL is kept as it is.
    assert "Costs of 50\\% \\& more: \\#hashtags, snake\\_case, \\$5 deals" in bbl
    if style.endswith("nat"):
        assert "\\url{https://example.org/path_with_underscores/100%25/page#section~tilde}" in bbl
    # Initials of names that start with a non-ASCII letter are whole letters.
    initial = "{\\'E}." if ascii_only else "{\\relax É}."
    if style in ("abbrv", "ieeetr", "acm", "siam", "apalike", "abbrvnat"):
        assert initial in bbl


@pytest.mark.slow
@_skip_unless("pdflatex", "bibtex", "kpsewhich")
@pytest.mark.parametrize("style", CLASSIC)
def test_every_classic_style_typesets_the_bundled_catalogue(bundled, tmp_path, style) -> None:
    run = compile_bibtex(tmp_path, _bib(bundled), style)
    assert run.problems == []
    assert set(run.entries) == {paper.key for paper in bundled.papers}


@pytest.mark.slow
@_skip_unless("pdflatex", "biber", "kpsewhich")
@pytest.mark.parametrize("source", ["awkward", "bundled"])
@pytest.mark.parametrize("style", BIBLATEX)
def test_biblatex_styles_typeset_the_biblatex_export(request, tmp_path, style, source) -> None:
    catalogue = request.getfixturevalue(source)
    # biblatex-apa maps an @inproceedings without an editor to an @article, whose data model
    # has no publisher: biber's data-model check would blame the style's own mapping.
    run = compile_biber(tmp_path, _bib(catalogue, "biblatex"), style, validate=style != "apa")
    assert run.problems == []
    assert set(run.entries) == {paper.key for paper in catalogue.papers}


@pytest.mark.slow
@_skip_unless("xelatex", "bibtex", "biber", "fc-list")
@pytest.mark.skipif(not installed("xeCJK.sty") or not cjk_font(), reason="xeCJK or a Chinese font not installed")
@pytest.mark.parametrize("backend", ["bibtex-plain", "bibtex-alpha", "bibtex-abbrv", "biber-numeric"])
def test_xelatex_typesets_chinese_names_titles_and_journals(tmp_path, backend) -> None:
    target = tmp_path / "refs.yaml"
    import_files([DATA / "cjk.bib", DATA / "awkward.bib"], target)
    catalogue = Catalogue.load(target, use_cache=False)
    tool, style = backend.split("-")
    if tool == "bibtex":
        run = compile_bibtex(tmp_path / "tex", _bib(catalogue), style, engine="xelatex")
    else:
        run = compile_biber(tmp_path / "tex", _bib(catalogue, "biblatex"), style, engine="xelatex")
    assert run.problems == []
    assert "视频生成的扩散模型综述" in run.bbl and "计算机学报" in run.bbl
    assert "张三" in re.sub(r"\{\\relax (.)\}", r"\1", run.bbl)  # {\relax 张}: one character to BibTeX


def test_greek_letters_dashes_and_lone_accents_are_written_as_latex() -> None:
    from sora_refs.bibtex.latex import escape, unescape

    text = "α-divergences for e123–e130 — and P̄ot"
    for ascii_only in (False, True):
        latex = escape(text, ascii_only)
        assert latex == "{$\\alpha$}-divergences for e123--e130 --- and {\\=P}ot"
        assert unescape(latex) == "α-divergences for e123–e130 — and P̄ot"


@pytest.mark.parametrize(
    "name, classic, biber",
    [
        ("Émile Ölmez", "{\\relax Ö}lmez, {\\relax É}mile", "Ölmez, Émile"),
        ("Mario Lučić", "Lu{\\relax č}ić, Mario", "Lučić, Mario"),  # alpha's label: "Luč"
        ("Jean-Émile Zola", "Zola, Jean-{\\relax É}mile", "Zola, Jean-Émile"),  # J.-É.
        ("AT&T", "AT{\\&}T", "AT\\&T"),  # alpha's label: "AT{\\&}", not "AT\\"
        ("Jürgen Schmidhuber", "Schmidhuber, Jürgen", "Schmidhuber, Jürgen"),
    ],
)
def test_names_are_cut_by_classic_bibtex_only_between_characters(name, classic, biber) -> None:
    from sora_refs.bibtex.names import format_name

    assert format_name(name, classic=True) == classic
    assert format_name(name) == biber  # biber counts characters: UTF-8 as it is


def test_a_title_keeps_what_its_file_protected_until_it_is_edited(awkward) -> None:
    paper = awkward.get("lucic2018gans")
    assert paper.title == "Are GANs Created Equal? A Large-Scale Study"
    assert "title = {Are {GANs} Created Equal? {A} Large-Scale Study}," in _bib(awkward)
    math = awkward.get("math2021")
    assert math.title.startswith("f-GAN: Training") and "O(n^2) Cost" in math.title
    assert "{$O(n^2)$} Cost}" in _bib(awkward) and "{$f$}-{GAN}:" in _bib(awkward)
    edited = paper.replace(title="Are GANs Created Equal? Another Study")
    entry = export([edited], "bibtex")
    assert "title = {Are {GANs} Created Equal? Another Study}," in entry  # the rule again, no stale LaTeX


def test_a_preamble_macro_stays_out_of_the_export(tmp_path) -> None:
    # xampl.bib's sorting trick; \noopsort is defined in the file's @preamble, which an export
    # does not carry: the year is 1981, the written form stays in the catalogue. A field no
    # classic style prints (ack) may keep its macro.
    bib = tmp_path / "xampl.bib"
    bib.write_text(
        '@preamble{"\\newcommand{\\noopsort}[1]{}"}\n'
        '@book{book-minimal, author = "Donald E. Knuth", title = "Seminumerical Algorithms",\n'
        '  publisher = "Addison-Wesley", year = "{\\noopsort{1973c}}1981", type = "\\bibsc{Series}",\n'
        '  ack = "\\bibsc{Thanks}"}\n',
        encoding="utf-8",
    )
    target = tmp_path / "refs.yaml"
    import_files(bib, target)
    paper = Catalogue.load(target, use_cache=False).get("book-minimal")
    assert paper.year == 1981
    assert paper.extra == {"year": "{\\noopsort{1973c}}1981", "type": "\\bibsc{Series}", "ack": "\\bibsc{Thanks}"}
    written = export([paper], "bibtex")
    assert "year = {1981}" in written and "noopsort" not in written and "Series" not in written
    assert "ack = {\\bibsc{Thanks}}" in written
    assert "bibsc" not in export([paper], "biblatex")


def test_an_edited_volume_has_a_sort_key_and_is_a_collection_in_biblatex(tmp_path) -> None:
    bib = tmp_path / "mv.bib"
    bib.write_text(
        "@mvcollection{jaffe, editor = {Jaff{\\'e}, Philipp}, title = {Regesta Pontificum Romanorum},\n"
        "  date = {1885/1888}, publisher = {Veit}}\n"
        "@misc{britannica, editor = {Preece, Warren E.}, title = {The New Encyclop{\\ae}dia Britannica}, year = 2003}\n"
        "@book{hist, editor = {Doe, Jane}, title = {A History}, publisher = {P}, year = 2001}\n",
        encoding="utf-8",
    )
    target = tmp_path / "refs.yaml"
    import_files(bib, target)
    papers = Catalogue.load(target, use_cache=False).papers
    bibtex = export(papers, "bibtex")
    # plain sorts a @misc by its author, or its key: the editor alone would not do.
    assert (
        "@misc{britannica,\n  editor = {Preece, Warren E.},\n  title = {The New Encyclopædia Britannica},\n" in bibtex
    )
    assert "  key = {The New Encyclopædia Britannica}\n" in bibtex
    biblatex = export(papers, "biblatex")
    assert "@mvcollection{jaffe," in biblatex and "@collection{hist," in biblatex
    again = tmp_path / "again.yaml"
    (tmp_path / "again.bib").write_text(bibtex, encoding="utf-8")
    import_files(tmp_path / "again.bib", again)
    assert [p.as_dict() for p in Catalogue.load(again, use_cache=False).papers] == [p.as_dict() for p in papers]


def test_biblatex_gets_an_unspecified_decade_as_edtf(tmp_path) -> None:
    bib = tmp_path / "x.bib"
    bib.write_text("@book{adobe, author = {Adobe}, title = {Colophon}, publisher = {Adobe}, year = {19xx}}\n")
    target = tmp_path / "refs.yaml"
    import_files(bib, target)
    written = export(Catalogue.load(target, use_cache=False).papers, "biblatex")
    assert "date = {19XX}" in written  # biber: 1900-1999, no warning


@pytest.mark.slow
@_skip_unless("pdflatex", "bibtex")
def test_classic_bibtex_reads_a_ten_thousand_entry_export(bundled, tmp_path) -> None:
    # BibTeX 0.99d had fixed tables (entries, strings, pool); TeX Live's grows them as needed.
    papers = [
        paper.replace(key=f"{paper.key}x{copy}")
        for copy in range(10_000 // len(bundled.papers) + 1)
        for paper in bundled.papers
    ][:10_000]
    (tmp_path / "refs.bib").write_text(export(papers, "bibtex"), encoding="utf-8")
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\\usepackage[T1]{fontenc}\\usepackage{url}\\begin{document}\\nocite{*}"
        "\\bibliographystyle{plain}\\bibliography{refs}\\end{document}\n",
        encoding="utf-8",
    )
    for command in (["pdflatex", "-interaction=nonstopmode", "doc"], ["bibtex", "doc"]):
        subprocess.run(command, cwd=tmp_path, capture_output=True, check=False, timeout=600)
    blg = (tmp_path / "doc.blg").read_text(encoding="utf-8")
    assert "error" not in blg.lower() and "Warning--" not in blg and "capacity" not in blg, blg[-2000:]
    assert (tmp_path / "doc.bbl").read_text(encoding="utf-8").count("\\bibitem{") == 10_000
    typeset = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "doc"], cwd=tmp_path, capture_output=True, check=False, timeout=600
    )
    assert typeset.returncode == 0 and "Output written on doc.pdf" in (tmp_path / "doc.log").read_text()


DUPLICATES = """
@article{cruzes2017security, author = {Cruzes, Daniela S. and Felderer, Michael}, title = {Security Testing in
  Agile Web Application Development}, journal = {Software Quality Journal}, year = {2017},
  doi = {10.1007/s11219-017-9384-8}}
@article{securitytestingagile, author = {Daniela Cruzes and Michael Felderer}, title = {Security testing in agile
  web application development}, journal = {Softw. Qual. J.}, year = {2017}, doi = {10.1007/s11219-017-9384-8}}
@misc{attention-arxiv, author = {Vaswani, Ashish and others}, title = {Attention Is All You Need}, year = {2017},
  eprint = {1706.03762}, archivePrefix = {arXiv}}
@inproceedings{vaswani2017attention, author = {Vaswani, Ashish and others}, title = {Attention Is All You Need},
  booktitle = {Advances in Neural Information Processing Systems}, year = {2017}, eprint = {1706.03762}}
"""


@pytest.mark.slow
@_skip_unless("pdflatex", "bibtex", "biber", "kpsewhich")
@pytest.mark.parametrize("format_", ["bibtex", "biblatex"])
def test_every_key_of_an_imported_file_still_resolves(tmp_path, format_) -> None:
    # A thesis cites both keys of a paper its .bib has twice; import makes one paper with an
    # alias. biblatex resolves the alias through ids; classic BibTeX has no aliases, so the
    # BibTeX export gives the paper again under its old key.
    bib = tmp_path / "thesis.bib"
    bib.write_text(DUPLICATES, encoding="utf-8")
    target = tmp_path / "refs.yaml"
    import_files(bib, target)
    catalogue = Catalogue.load(target, use_cache=False)
    assert len(catalogue.papers) == 2
    written = _bib(catalogue, format_)
    keys = ["cruzes2017security", "securitytestingagile", "attention-arxiv", "vaswani2017attention"]
    assert sorted(keys_of(written)) == sorted(keys) if format_ == "bibtex" else len(keys_of(written)) == 2
    compile_ = compile_bibtex if format_ == "bibtex" else compile_biber
    run = compile_(tmp_path / "tex", written, "plain" if format_ == "bibtex" else "numeric", keys=keys)
    # A key with no entry would be in problems; the entries are the paper twice (BibTeX) or once.
    assert run.problems == []
    # Imported again, the BibTeX export gives the same catalogue: the copies are the aliases.
    again = tmp_path / "again.yaml"
    (tmp_path / "again.bib").write_text(written, encoding="utf-8")
    import_files(tmp_path / "again.bib", again)
    assert [p.as_dict() for p in Catalogue.load(again, use_cache=False).papers] == [
        p.as_dict() for p in catalogue.papers
    ]
