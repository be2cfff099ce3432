"""A title match is a guess: import keeps two works that disagree on what identifies them, and a
DOI shared by papers of different titles (their volume's) does not make them one paper."""

from __future__ import annotations

import glob
import re
from pathlib import Path

import pytest

from sora_refs import Catalogue
from sora_refs.cli import cli

TWO_EDITIONS = """
@Book{Bringhurst:2016:PNHa,
  author = "Robert Bringhurst", title = "{Palatino}: the natural history of a typeface",
  publisher = "The Book Club of California", year = "2016", ISBN = "0-9819597-8-4"}
@Book{Bringhurst:2016:PNHb,
  author = "Robert Bringhurst", title = "{Palatino}: The Natural History of a Typeface",
  publisher = "David R. Godine, Publisher", year = "2016", ISBN = "1-56792-572-3"}
@Misc{Wrenholt:1987:PLU, author = "Ralph Wrenholt", title = "{PS} lover's utility set",
  edition = "Version 2.3.", year = "1987"}
@Misc{Wrenholt:1988:PLUa, author = "Ralph Wrenholt", title = "{PS} lover's utility set",
  edition = "V[ersion] 2.4.", year = "1988"}
@Article{Mei:1981:LAL, author = "Tung Yun Mei", title = "{LCCD}, a Language for {Chinese} Character Design",
  journal = "Software---Practice and Experience", volume = "11", number = "12", pages = "1273--1292", year = "1981"}
@Article{Mei:1981:LLC, author = "Tung Yun Mei", title = "{LCCD}, a Language for {Chinese} Character Design",
  journal = "Software---Practice and Experience", volume = "11", number = "12", pages = "1273--1292", year = "1981"}
@InProceedings{Athale:2004:ULT, author = "Manasi Athale", title = "Using {LaTeX} to Typeset a {Marathi} Book",
  booktitle = "TeX, XML, and Digital Typography", pages = "1--6", year = "2004", DOI = "10.1007/b99374"}
@InProceedings{Beesley:2004:TDA, author = "Kenneth R. Beesley", title = "Typesetting the {Deseret} Alphabet",
  booktitle = "TeX, XML, and Digital Typography", pages = "68--111", year = "2004", DOI = "10.1007/b99374"}
"""


def test_editions_versions_and_a_volumes_papers_are_all_kept(tmp_path: Path, runner) -> None:
    bib = tmp_path / "typography.bib"
    bib.write_text(TWO_EDITIONS, encoding="utf-8")
    target = tmp_path / "refs.yaml"
    result = runner.invoke(cli, ["import", str(bib), "--into", str(target), "--verbose"])
    assert result.exit_code == 0, result.output
    papers = {p.key: p for p in Catalogue.load(target).papers}
    assert {"Bringhurst:2016:PNHa", "Bringhurst:2016:PNHb", "Wrenholt:1987:PLU", "Wrenholt:1988:PLUa"} <= set(papers)
    assert {"Athale:2004:ULT", "Beesley:2004:TDA"} <= set(papers)
    # The volume's DOI stays with the first of its papers and travels in the other's extra.
    assert papers["Athale:2004:ULT"].ids.doi == "10.1007/b99374"
    assert papers["Beesley:2004:TDA"].ids.doi is None and papers["Beesley:2004:TDA"].extra["doi"] == "10.1007/b99374"
    assert "DOI 10.1007/b99374 is also Athale:2004:ULT's" in result.stderr
    # A true duplicate (same journal, volume, number and pages) is still one paper.
    assert "Mei:1981:LLC" not in papers and "Mei:1981:LLC" in papers["Mei:1981:LAL"].aliases  # \cite still works
    exported = runner.invoke(cli, ["--catalogue", str(target), "export", "--format", "bibtex"]).stdout
    assert exported.count("doi = {10.1007/b99374}") == 2  # given back to both on export


TEXLIVE = sorted(glob.glob("/usr/share/texlive/texmf-dist/bibtex/bib/beebe/*.bib"))


@pytest.mark.skipif(not TEXLIVE, reason="needs TeX Live's bibliographies (texlive-bibtex-extra)")
@pytest.mark.parametrize("path", TEXLIVE, ids=lambda p: Path(p).name)
def test_texlive_bibliographies_lose_no_entry(path: str, tmp_path: Path, runner) -> None:
    # Nelson Beebe's bibliographies, shipped with TeX Live: thousands of real entries written by
    # other people. Every entry is a paper, a duplicate said by name with the paper it joins, or
    # refused with a message saying why.
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    keys = [
        m.group(2)
        for m in re.finditer(r"^@(\w+)\s*[{(]\s*([^,\s]+)\s*,", text, re.M)
        if m.group(1).lower() not in ("string", "preamble", "comment")
    ]
    target = tmp_path / "refs.yaml"
    result = runner.invoke(cli, ["import", path, "--into", str(target), "--verbose"])
    assert result.exit_code == 0, result.output
    kept = set()
    for paper in Catalogue.load(target).papers:
        kept.update((paper.key, *paper.aliases))
    said = r"^(?:Skipped|Matched) (.+?): (?:already there as|its key an alias of) (\S+) \("
    skipped = dict(re.findall(said, result.output, re.M))
    refused = set(re.findall(r"\(entry (\S+)\): [^\n]*; skipped$", result.output, re.M))  # said, with why
    assert [k for k in keys if k not in kept and k not in skipped and k not in refused] == []
    assert len(refused) <= len(keys) // 100  # a rare entry (one with no title at all), never a class of them
    assert all(existing in kept for existing in skipped.values())


@pytest.mark.parametrize(
    "field, a, b, differ",
    [
        ("isbn", "0-9819597-8-4", "978-0-9819597-8-8", False),  # ISBN-10 and ISBN-13 of one book
        ("isbn", "3-540-22801-2 (paperback)", "978-3-540-22801-1", False),
        ("isbn", "0-9819597-8-4", "1-56792-572-3", True),
        ("publisher", "Springer", "Springer International Publishing", False),
        ("publisher", "The Book Club of California", "David R. Godine, Publisher", True),
        ("edition", "2nd", "Second", False),
        ("edition", "Version 2.3.", "V[ersion] 2.4.", True),
        ("pages", "1273--1292", "1273-1292", False),
    ],
)
def test_what_tells_two_works_apart_allows_for_how_people_write_it(field, a, b, differ) -> None:
    from sora_refs.importing.dedup import _differ

    assert _differ(field, a, b) is differ
