"""What a .bib file says beyond its fields survives import and export: the entry type (@online,
@software, @inbook, @proceedings...), a thesis written as @masterthesis or @bachelorthesis, a year
written "2005--", and editors who are not authors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sora_refs import Catalogue
from sora_refs.cli import cli

BIB = r"""
@online{web, author = {Doe, Jane}, title = {A Web Page}, url = {https://example.org/page}, year = 2020}
@software{soft, author = {Doe, Jane}, title = {A Program}, year = 2021, version = {1.2}}
@unpublished{draft, author = {Doe, Jane}, title = {A Draft}, note = {Manuscript}, year = 2019}
@manual{man, author = {Doe, Jane}, title = {A Manual}, year = 2018}
@booklet{leaflet, author = {Doe, Jane}, title = {A Booklet}, year = 2017}
@proceedings{icml2022, editor = {Chaudhuri, Kamalika and Jegelka, Stefanie},
  title = {Proceedings of the 39th International Conference on Machine Learning}, publisher = {PMLR}, year = 2022}
@masterthesis{vries2012, author = {de Vries, Loran}, title = {Cosmic Rays and Weather},
  school = {Universiteit van Amsterdam}, year = {2012a}}
@bachelorthesis{lam2013, author = {Lam, Ching Bon}, title = {Monitoring a Detector Array},
  school = {Universiteit Twente}, year = 2013}
@misc{django, author = {{Django core team}}, title = {Django}, url = {http://www.djangoproject.com/}, year = {2005--}}
"""


@pytest.fixture
def imported(tmp_path: Path, runner) -> Path:
    source = tmp_path / "types.bib"
    source.write_text(BIB, encoding="utf-8")
    target = tmp_path / "refs.yaml"
    result = runner.invoke(cli, ["import", str(source), "--into", str(target), "--verbose"])
    assert result.exit_code == 0, result.output
    assert "entry type @software has no type of its own here; kept, and given back on export" in result.stderr
    assert "field 'year' '2005--' read as 2005; kept as written in 'extra'" in result.stderr
    return target


def _types(text: str) -> dict[str, str]:
    return {key: kind for kind, key in re.findall(r"^@(\w+)\{([^,]+),", text, re.M)}


def test_entry_types_come_back_where_the_dialect_has_them(imported: Path, runner) -> None:
    base = ["--catalogue", str(imported), "export", "--format"]
    biblatex = _types(runner.invoke(cli, [*base, "biblatex"]).stdout)
    assert biblatex["web"] == "online" and biblatex["soft"] == "software" and biblatex["draft"] == "unpublished"
    assert biblatex["man"] == "manual" and biblatex["icml2022"] == "proceedings"
    bibtex = _types(runner.invoke(cli, [*base, "bibtex"]).stdout)
    assert bibtex["web"] == "misc" and bibtex["soft"] == "misc"  # BibTeX's styles have neither
    assert bibtex["draft"] == "unpublished" and bibtex["leaflet"] == "booklet" and bibtex["icml2022"] == "proceedings"


def test_theses_spelt_as_people_spell_them(imported: Path, runner) -> None:
    papers = {p.key: p for p in Catalogue.load(imported).papers}
    assert papers["vries2012"].type.value == "thesis" and papers["vries2012"].thesis.value == "masters"
    assert papers["lam2013"].type.value == "thesis" and papers["lam2013"].thesis is None
    exported = runner.invoke(cli, ["--catalogue", str(imported), "export", "--format", "bibtex"]).stdout
    assert "@mastersthesis{vries2012," in exported
    lam = exported.split("{lam2013,", 1)[1].split("\n}", 1)[0]
    assert "type = {Bachelor's thesis}" in lam  # what BibTeX prints in place of "PhD thesis"


def test_a_year_written_as_a_range_goes_back_as_written(imported: Path, runner) -> None:
    assert {p.key: p for p in Catalogue.load(imported).papers}["django"].year == 2005
    exported = runner.invoke(cli, ["--catalogue", str(imported), "export", "--format", "bibtex"]).stdout
    assert "year = {2005--}" in exported


def test_an_edited_volume_keeps_editors_not_authors(imported: Path, runner) -> None:
    exported = runner.invoke(cli, ["--catalogue", str(imported), "export", "--format", "bibtex"]).stdout
    volume = exported.split("{icml2022,", 1)[1].split("\n}", 1)[0]
    assert "editor = {Chaudhuri, Kamalika and Jegelka, Stefanie}" in volume and "author =" not in volume
    csl = runner.invoke(cli, ["--catalogue", str(imported), "export", "--format", "csl-json"]).stdout
    assert '"editor"' in csl.split('"id": "icml2022"', 1)[1].split('"id":', 1)[0]


def test_an_access_date_as_people_write_it_is_iso_for_biber(tmp_path: Path, runner) -> None:
    source = tmp_path / "web.bib"
    source.write_text(
        "@online{talk, author = {Romeo, Christopher}, title = {A Talk}, url = {https://example.org/t},\n"
        "  urldate = {19 April 2015}, year = 2015}\n",
        encoding="utf-8",
    )
    target = tmp_path / "refs.yaml"
    assert runner.invoke(cli, ["import", str(source), "--into", str(target)]).exit_code == 0
    biblatex = runner.invoke(cli, ["--catalogue", str(target), "export", "--format", "biblatex"]).stdout
    assert "urldate = {2015-04-19}" in biblatex
    bibtex = runner.invoke(cli, ["--catalogue", str(target), "export", "--format", "bibtex"]).stdout
    assert "urldate = {19 April 2015}" in bibtex  # as written, where nothing reads it as a date


@pytest.mark.parametrize(
    "full, short",
    [
        ("Lecture Notes in Computer Science / Computer Vision – ECCV 2022", "ECCV"),  # Crossref, for add
        ("2023 IEEE/CVF International Conference on Computer Vision (ICCV)", "ICCV"),
        ("Proceedings of the 39th International Conference on Machine Learning", "ICML"),
        ("Advances in Neural Information Processing Systems 35", "NeurIPS"),
        ("ICML Workshop on Theory of Deep Learning", "ICML Workshop on Theory of Deep Learning"),
        ("Nature Communications", "Nature Communications"),
        ("Journal of Tests", "Journal of Tests"),
    ],
)
def test_one_rule_gives_a_venue_its_short_name_for_import_and_add(full: str, short: str) -> None:
    from sora_refs.bibtex.venues import short_venue

    assert short_venue(full) == short
