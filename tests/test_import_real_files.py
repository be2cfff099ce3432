"""What real files written by other people contain, read without loss: found importing JabRef's
test bibliographies, TeX Live's (xampl.bib, biblatex-examples.bib, Beebe's) and field-by-field
comparisons with bibtexparser's reading of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from latexrun import compile_bibtex, missing

from sora_refs import Catalogue
from sora_refs.cli import cli
from sora_refs.formats import export
from sora_refs.importing import import_files


def _import(tmp_path: Path, data: bytes | str, name: str = "refs.bib") -> tuple[object, dict]:
    source = tmp_path / name
    if isinstance(data, str):
        source.write_text(data, encoding="utf-8")
    else:
        source.write_bytes(data)
    target = tmp_path / "refs.yaml"
    result = import_files(source, target)
    return result, {p.key: p for p in Catalogue.load(target, use_cache=False).papers}


ENTRY = (
    "@article{{{key}\n  author = {{Knoblauch, Hubert}},\n  title = {{Fokussierte Ethnographie}},\n"
    "  journal = {{Sozialer Sinn}},\n  year = {{2001}},\n}}\n"
)


def test_an_entry_without_a_key_is_kept_and_given_one(tmp_path, runner) -> None:
    # JabRef's and Citavi's exports; the second form has not even the comma.
    text = ENTRY.format(key=",") + ENTRY.format(key="").replace("Fokussierte", "Zweite").replace("{\n", "{", 1)
    source = tmp_path / "citavi.bib"
    source.write_text(text, encoding="utf-8")
    target = tmp_path / "refs.yaml"
    result = runner.invoke(cli, ["import", str(source), "--into", str(target)])
    assert result.exit_code == 0, result.output
    papers = {p.title: p.key for p in Catalogue.load(target).papers}
    assert papers == {
        "Fokussierte Ethnographie": "knoblauch2001fokussierte",
        "Zweite Ethnographie": "knoblauch2001zweite",
    }
    assert f"The entry at {source}, line 1 has no key; its key is knoblauch2001fokussierte." in result.stderr


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_utf16_and_a_byte_order_mark_are_read(tmp_path, codec) -> None:
    text = "% Encoding: UTF-16\n" + ENTRY.format(key="k,").replace("Ethnographie", "Ethnographie in Köln")
    _, papers = _import(tmp_path, text.encode(codec))
    assert papers["k"].title == "Fokussierte Ethnographie in Köln"


def test_old_mac_line_ends_do_not_hide_the_entries_behind_a_comment(tmp_path) -> None:
    text = "% Encoding: UTF-16BE\r\r" + ENTRY.format(key="k,").replace("\n", "\r")
    result, papers = _import(tmp_path, text)
    assert list(papers) == ["k"] and result.problems == []


def test_an_eprint_that_is_not_arxiv_and_a_versioned_arxiv_id_are_kept(tmp_path) -> None:
    _, papers = _import(
        tmp_path,
        "@book{wilde, author = {Wilde, Oscar}, title = {The Importance of Being Earnest}, year = 1899,\n"
        "  publisher = {Smithers}, eprint = {4HIWAAAAYAAJ}, eprinttype = {googlebooks}}\n"
        "@article{baez, author = {Baez, John C.}, title = {Higher-Dimensional Algebra V: 2-Groups},\n"
        "  journal = {Theory and Applications of Categories}, year = 2004, eprint = {math/0307200v3},\n"
        "  eprinttype = {arxiv}}\n",
    )
    assert papers["wilde"].extra == {"eprint": "4HIWAAAAYAAJ", "eprinttype": "googlebooks"}
    assert papers["baez"].ids.arxiv == "math/0307200" and papers["baez"].extra == {"eprint": "math/0307200v3"}
    written = export(list(papers.values()), "bibtex")
    assert "eprint = {4HIWAAAAYAAJ},\n  eprinttype = {googlebooks}" in written
    assert "eprint = {math/0307200v3}," in written


def test_an_author_who_edited_the_volume_is_still_its_editor(tmp_path) -> None:
    _, papers = _import(
        tmp_path,
        "@incollection{gaonkar:in, author = {Gaonkar, Dilip Parameshwar}, editor = {Gaonkar, Dilip Parameshwar},\n"
        "  title = {On Alternative Modernities}, booktitle = {Alternative Modernities}, year = 2001,\n"
        "  publisher = {Duke University Press}, pages = {1-23}}\n",
    )
    written = export(list(papers.values()), "bibtex")
    assert (
        "author = {Gaonkar, Dilip Parameshwar},\n" in written and "editor = {Gaonkar, Dilip Parameshwar}\n" in written
    )


def test_a_book_keeps_the_collection_it_is_part_of(tmp_path) -> None:
    _, papers = _import(
        tmp_path,
        "@book{westfahl, editor = {Westfahl, Gary}, title = {Space and Beyond}, booktitle = {Contributions to the "
        "Study of Science Fiction}, publisher = {Greenwood}, year = 2000}\n",
    )
    assert "booktitle = {Contributions to the Study of Science Fiction}," in export(list(papers.values()), "bibtex")


def test_math_operators_and_the_noopsort_trick_read_as_they_print(tmp_path) -> None:
    from sora_refs.bibtex.latex import unescape

    text = unescape(r"An $O(n \log n / \! \log\log n)$ Sorting Algorithm")
    assert " ".join(text.split()) == "An O(n log n / log log n) Sorting Algorithm"
    assert unescape(r"{\noopsort{1973c}}1981") == "1981"


@pytest.mark.parametrize(
    "latex, text",
    [
        # frankenstein.bib's own macros, biblatex's and csquotes' quotation commands
        (r"\book{Watt}, {K}nott, and {B}eckett's Bilingualism", "Watt, Knott, and Beckett's Bilingualism"),
        (r"Samuel {B}eckett's \book{Company}/\linebreak[2]\book{Compagnie}", "Samuel Beckett's Company/Compagnie"),
        (r"\mkbibquote{Intention} und \enquote{Intentionalität}", "Intention und Intentionalität"),
        (r"Ry{\'{}cko}", "Rýcko"),  # Beebe's accent on nothing: one composed letter, as exported
    ],
)
def test_a_files_own_macros_leave_their_text(latex, text) -> None:
    from sora_refs.bibtex.latex import escape, unescape

    assert unescape(latex) == text
    assert unescape(escape(text)) == text


def test_a_ris_record_without_its_ty_line_is_read_and_said(tmp_path) -> None:
    # JabRef's RisImporterCorrupted.ris: the record starts at JF.
    text = "\ufeff\r\nJF  - Empirical Software Engineering\r\nT1  - Editorial: Open Source\r\nPY  - 2001/09/01/\r\n"
    text += "AU  - Harrison, Warren\r\nER  -\r\n"
    result, papers = _import(tmp_path, text, "corrupted.ris")
    assert [p.title for p in papers.values()] == ["Editorial: Open Source"]
    assert [problem.split(": ", 1)[1] for problem in result.problems] == [
        "line 2: a record without its TY line; read as a generic one"
    ]


REAL = Path(__file__).parent / "data" / "real"


def test_jabrefs_own_test_library_is_read_whole(tmp_path, runner) -> None:
    # JabRef's complex.bib (tests/data/real/README.md): JabRef group comments, BibDesk fields,
    # DOIs written as doi.acm.org addresses, ACM's address and location, a local file.
    target = tmp_path / "refs.yaml"
    result = runner.invoke(cli, ["import", str(REAL / "jabref-complex.bib"), "--into", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1].startswith("Added 19 papers, 0 merged, 1 duplicate, 1 problem,")
    papers = {p.key: p for p in Catalogue.load(target).papers}
    xp = papers["1137631"]
    assert xp.ids.doi == "10.1145/1137627.1137631"
    assert (xp.address, xp.extra["location"]) == ("New York, NY, USA", "Shanghai, China")
    assert xp.files == ("/Volumes/iDisk/Freie Universität Berlin/Semester 9/Softwareprozesse/p11-bostrom.pdf",)
    assert "1025014" in papers["10250999"].aliases  # same DOI: one paper, both keys


def test_an_organisation_classic_bibtex_could_cut_is_one_character_to_it() -> None:
    from sora_refs.bibtex.names import format_name

    assert format_name("{Łódź University of Technology}", classic=True) == "{\\relax Łódź University of Technology}"
    assert format_name("{Łódź University of Technology}") == "{Łódź University of Technology}"
    assert format_name("{OpenAI Research}", classic=True) == "{OpenAI Research}"


XAMPL = Path("/usr/share/texlive/texmf-dist/bibtex/bib/base/xampl.bib")


@pytest.mark.slow
@pytest.mark.skipif(not XAMPL.exists() or missing("pdflatex", "bibtex"), reason="needs TeX Live's xampl.bib and bibtex")
@pytest.mark.parametrize("style", ["plain", "alpha", "abbrv"])
def test_xampl_exported_warns_no_more_than_xampl_itself(tmp_path, style) -> None:
    # BibTeX's own example file: @preamble macros (\noopsort), crossref, @string, every type.
    target = tmp_path / "xampl.yaml"
    import_files(XAMPL, target)
    ours = compile_bibtex(tmp_path / "ours", export(Catalogue.load(target, use_cache=False).papers, "bibtex"), style)
    original = compile_bibtex(tmp_path / "original", XAMPL.read_text(encoding="utf-8"), style)
    assert ours.latex_problems == [] and original.latex_problems == []
    assert set(ours.backend_problems) <= set(original.backend_problems)


def test_a_scopus_ris_export_keeps_every_tag(tmp_path) -> None:
    # JabRef's copy of a Scopus export (tests/data/real/README.md): affiliations, database,
    # two notes, keywords.
    target = tmp_path / "refs.yaml"
    import_files(REAL / "jabref-scopus.ris", target)
    (paper,) = Catalogue.load(target, use_cache=False).papers
    assert (paper.venue, paper.volume, paper.number, paper.pages) == (
        "Journal of the Mechanics and Physics of Solids",
        "52",
        "10",
        "2309-2327",
    )
    assert paper.ids.doi == "10.1016/j.jmps.2004.03.010" and paper.authors == ("S. Federico", "A. Grillo", "W. Herzog")
    assert paper.keywords == ("Composite", "Inclusions", "Statistical distribution", "Transverse isotropy")
    assert paper.note == "Cited By :44 Export Date: 1 April 2016"
    assert set(paper.extra or {}) == {"ris-ad", "ris-m3", "ris-db"} and "University of Calgary" in paper.extra["ris-ad"]
