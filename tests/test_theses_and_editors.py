"""Master's and PhD theses told apart, and editors' ``and others`` kept, through every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sora_refs import Catalogue
from sora_refs.formats import export
from sora_refs.importing import import_files
from sora_refs.models import ThesisKind

DATA = Path(__file__).parent / "data" / "import"


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory) -> Catalogue:
    target = tmp_path_factory.mktemp("theses") / "theses.yaml"
    import_files(DATA / "theses.bib", target)
    return Catalogue.load(target, use_cache=False)


def test_each_kind_of_thesis_is_known_by_entry_type_or_biblatex_type(catalogue):
    kinds = {p.key: (p.type.value, p.thesis, (p.extra or {}).get("type")) for p in catalogue.papers if p.key != "eds"}
    assert kinds == {
        "ms1": ("thesis", ThesisKind.MASTERS, None),
        "phd1": ("thesis", ThesisKind.PHD, None),
        "bl1": ("thesis", ThesisKind.MASTERS, None),  # biblatex's type = {mathesis}
        "bl2": ("thesis", None, "Diploma thesis"),  # words of its own, kept as written
    }


def test_exports_say_the_kind_as_each_consumer_expects(catalogue):
    papers = [catalogue.get(key) for key in ("ms1", "phd1", "bl2")]
    bibtex = export(papers, "bibtex")
    assert [line.split("{")[0] for line in bibtex.splitlines() if line.startswith("@")] == [
        "@mastersthesis",
        "@phdthesis",
        "@phdthesis",
    ]
    biblatex = export(papers, "biblatex")
    assert [line.strip() for line in biblatex.splitlines() if line.strip().startswith("type")] == [
        "type = {mathesis},",
        "type = {phdthesis},",
        "type = {Diploma thesis},",
    ]
    assert [item.get("genre") for item in json.loads(export(papers, "csl-json"))] == [
        "Master's thesis",
        "PhD thesis",
        "Diploma thesis",
    ]
    assert [line for line in export(papers, "ris").splitlines() if line.startswith("M3")] == [
        "M3  - Master's thesis",
        "M3  - PhD thesis",
        "M3  - Diploma thesis",
    ]


def test_editors_and_others_is_kept_and_exported_so(catalogue):
    book = catalogue.get("eds")
    assert (book.editors, book.editors_truncated) == (("Eve Early", "Finn Ford"), True)
    assert "editor = {Early, Eve and Ford, Finn and others}" in export([book], "bibtex")
    assert "editor = {Early, Eve and Ford, Finn and others}" in export([book], "biblatex")


@pytest.mark.parametrize("format_", ["bibtex", "csl-json", "ris"])
def test_kinds_survive_export_and_import_again(catalogue, tmp_path, format_):
    out = tmp_path / f"out.{format_}"
    out.write_bytes(export(catalogue.papers, format_).encode("utf-8"))
    again = Catalogue.load(_import(out, tmp_path / "again.yaml"), use_cache=False)
    assert [(p.key, p.thesis, (p.extra or {}).get("type")) for p in again.papers] == [
        (p.key, p.thesis, (p.extra or {}).get("type")) for p in catalogue.papers
    ]
    if format_ == "bibtex":
        assert [p.as_dict() for p in again.papers] == [p.as_dict() for p in catalogue.papers]


def _import(source: Path, target: Path) -> Path:
    result = import_files(source, target)
    assert result.problems == [] and result.not_kept == []
    return target


def test_an_unknown_thesis_kind_is_refused(tmp_path, runner):
    from sora_refs.cli import cli

    path = tmp_path / "bad.yaml"
    path.write_text(
        "catalogue: {title: T, schema: 1}\npapers:\n"
        "- {key: a2020b, title: B, authors: [A B], year: 2020, type: article, thesis: phd, category: x}\n"
        "- {key: c2020d, title: D, authors: [C D], year: 2020, type: thesis, thesis: diploma, category: x}\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["--catalogue", str(path), "check"])
    assert result.exit_code != 0
    assert "1 problem" in result.output  # a kind on another type is only unused
    assert "'diploma' is not a kind of thesis; expected phd or masters" in result.output
