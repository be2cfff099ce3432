"""LaTeX in BibTeX field values is read as the text it prints: font switches and math-mode
dollars vanish, their words stay; a written dollar sign stays a dollar sign."""

from __future__ import annotations

import pytest

from sora_refs.bibtex.latex import escape, unescape


@pytest.mark.parametrize(
    "value, text",
    [
        (r"{\sc ESTAR} stopping-power and range tables", "ESTAR stopping-power and range tables"),
        (r"{\bf Deep} {\it learning} {\em now}", "Deep learning now"),
        (r"\emph{Nature} and \textsc{Lisp}", "Nature and Lisp"),
        (r"{\scshape Unix} {\bfseries tools}", "Unix tools"),
        # Google Scholar's export of every USENIX venue
        (
            r"29th ${$USENIX$}$ Security Symposium (${$USENIX$}$ Security 20)",
            "29th USENIX Security Symposium (USENIX Security 20)",
        ),
        (r"$\alpha$-divergences and $\beta$-VAE", "α-divergences and β-VAE"),
        (r"Costs under \$5", "Costs under $5"),
        (r"\mbox{GPT-4} Technical Report", "GPT-4 Technical Report"),
        (r"An \unknowncommand stays visible", r"An \unknowncommand stays visible"),
    ],
)
def test_latex_reads_as_the_text_it_prints(value: str, text: str) -> None:
    assert unescape(value) == text


@pytest.mark.parametrize("text", ["Costs under $5", "α-divergences", "{braces} and 100% of_it"])
def test_plain_text_survives_a_round_trip(text: str) -> None:
    assert unescape(escape(text)) == text


def test_an_import_of_a_scholar_entry_gives_a_clean_venue(tmp_path, runner) -> None:
    from sora_refs import Catalogue
    from sora_refs.cli import cli

    bib = tmp_path / "scholar.bib"
    bib.write_text(
        "@inproceedings{votipka2020understanding,\n"
        "  title={Understanding security mistakes developers make},\n"
        "  author={Votipka, Daniel and Fulton, Kelsey R and Parker, James and Hou, Matthew and Mazurek, Michelle L},\n"
        "  booktitle={29th ${$USENIX$}$ Security Symposium (${$USENIX$}$ Security 20)},\n"
        "  pages={919--936},\n  year={2020}\n}\n"
        "@techreport{nist:estar,\n  author = {Berger, M. J.},\n"
        "  title = {{\\sc ESTAR} stopping-power and range tables for electrons},\n"
        "  institution = {NIST},\n  year = {2005},\n}\n",
        encoding="utf-8",
    )
    target = tmp_path / "refs.yaml"
    result = runner.invoke(cli, ["import", str(bib), "--into", str(target)])
    assert result.exit_code == 0, result.output
    papers = {p.key: p for p in Catalogue.load(target).papers}
    assert papers["votipka2020understanding"].venue == "29th USENIX Security Symposium (USENIX Security 20)"
    assert papers["nist:estar"].title == "ESTAR stopping-power and range tables for electrons"


@pytest.mark.parametrize(
    "value, text",
    [
        (r"Spring{\-}er-Ver{\-}lag", "Springer-Verlag"),
        (r"The Errors of \TeX", "The Errors of TeX"),
        (r"\LaTeX\ and \BibTeX{} tools", "LaTeX and BibTeX tools"),
        (r"Mr.\@ Smith", "Mr. Smith"),
    ],
)
def test_logos_and_spacing_commands(value: str, text: str) -> None:
    assert unescape(value) == text
