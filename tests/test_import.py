"""Import: BibTeX merged into a catalogue file, duplicates recognised, nothing half-written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sora_refs import Catalogue
from sora_refs.cli import cli
from sora_refs.errors import UsageError
from sora_refs.importing import import_files
from sora_refs.reading.loader import bundled_path

BIB = Path(__file__).parent / "data" / "bibtex"


@pytest.fixture
def copy(tmp_path) -> Path:
    """A copy of the bundled catalogue to import into."""
    target = tmp_path / "refs.yaml"
    shutil.copyfile(bundled_path(), target)
    return target


def test_round_trip_export_import_export_gives_the_same_bibtex(runner, tmp_path):
    for args in ([], ["--ascii"], ["-f", "biblatex"]):
        first = runner.invoke(cli, ["export", *args])
        (tmp_path / "all.bib").write_text(first.stdout, encoding="utf-8")
        target = tmp_path / f"empty{len(args)}.yaml"
        imported = runner.invoke(cli, ["import", str(tmp_path / "all.bib"), "--into", str(target)])
        assert imported.exit_code == 0, imported.stderr
        assert (
            "Added 32 papers, 0 merged, 0 duplicates, 0 problems, 0 fields not kept, 0 keys changed; created"
            in imported.stderr
        )
        again = runner.invoke(cli, ["--catalogue", str(target), "export", *args])
        assert again.stdout == first.stdout


def test_awkward_file_maps_names_venues_ids_and_reports_bad_entries(tmp_path):
    result = import_files(BIB / "awkward.bib", tmp_path / "new.yaml")
    added = {p.key: p for p in result.added}
    assert sorted(added) == ["Muller:2019", "acme2022", "arxivonly", "badpages", "noyear", "zhang2021"]
    muller = added["Muller:2019"]
    assert muller.authors == ("Jörg Müller", "Anna van der Berg", "Jean-François Dupont")
    assert muller.title == "GANs for Études: a Bayesian View"
    assert (muller.venue, muller.venue_full) == ("NeurIPS", "Advances in Neural Information Processing Systems")
    assert (muller.pages, muller.ids.doi, muller.year) == ("1-10", "10.5555/fake.2019.001", 2019)
    zhang = added["zhang2021"]
    assert (zhang.type.value, zhang.venue, zhang.ids.arxiv) == ("preprint", "arXiv", "2101.00001")
    assert zhang.authors[1] == "Ola Łukasiewicz"
    assert (added["arxivonly"].year, added["arxivonly"].ids.arxiv) == (2022, "2203.01234")
    assert (added["acme2022"].type.value, added["acme2022"].venue) == ("report", "ACME Corp.")
    bad = added["badpages"]
    assert (bad.venue, bad.pages, bad.ids.arxiv, bad.ids.doi) == ("ICML", None, "2201.00002", None)
    assert added["noyear"].year is None  # kept, with no year (a web page, a manual...)
    assert [p.split(": ", 1)[1] for p in result.problems] == ["line 38 (entry notitle): no title; skipped"]
    assert [p.split(": ", 1)[1] for p in result.notices] == [
        "line 24 (entry noyear): no year (or date); kept without",
        "line 52 (entry badpages): field 'pages' 'see appendix' is not a page range; kept as written in 'extra'",
    ]
    assert len(Catalogue.load(tmp_path / "new.yaml")) == 6


def test_duplicates_by_key_arxiv_doi_and_title_are_reported_not_added(runner, copy):
    result = runner.invoke(
        cli,
        ["import", str(BIB / "duplicates.bib"), "--into", str(copy), "-c", "diffusion", "-s", "learning-method"]
        + ["--on-duplicate", "skip"],
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Added same2020: Duplicate keys in one file (Journal of Tests 2020)\n"
        "Added two2020second: The second entry with the same key (Journal of Tests 2020)\n"
        "Added fresh2024: A paper the catalogue does not have (Journal of Tests 2024)\n"
    )
    for line in (
        f"Key same2020 ({BIB / 'duplicates.bib'}, line 8) is now two2020second (taken by another paper).",
        "Skipped dit: already there as peebles2023scalable (same title, year and type).",
        "Skipped attention-arxiv: already there as vaswani2017attention (same arXiv id 1706.03762).",
        "Skipped mocogan-doi: already there as tulyakov2018mocogan (same DOI 10.1109/cvpr.2018.00165).",
    ):
        assert line in result.stderr
    merged = Catalogue.load(copy)
    assert len(merged) == 35
    assert [p.key for p in merged.papers[:32]] == [p.key for p in Catalogue.load().papers]
    # The old text is kept as it was (comments and all), the new papers appended, a backup made.
    old = bundled_path().read_bytes()
    assert copy.read_bytes().startswith(old)
    assert Path(str(copy) + ".bak").read_bytes() == old
    assert runner.invoke(cli, ["--catalogue", str(copy), "check"]).exit_code == 0


def test_unbalanced_braces_skip_one_entry_and_keep_the_rest(tmp_path):
    result = import_files(BIB / "unbalanced.bib", tmp_path / "t.yaml")
    assert [p.key for p in result.added] == ["good1", "good2"]
    assert len(result.problems) == 1 and "line 8: cannot read this block (unbalanced braces" in result.problems[0]


def test_latin1_bytes_are_reported_per_entry_or_read_with_encoding(tmp_path):
    result = import_files(BIB / "latin1.bib", tmp_path / "a.yaml")
    assert [p.key for p in result.added] == ["latin1good"]
    assert result.problems[0].endswith(
        "line 8 (entry latin1bad): field 'author' is not UTF-8 (byte 0xfc); skipped "
        "(save the file as UTF-8, or give --encoding latin-1)"
    )
    result = import_files(BIB / "latin1.bib", tmp_path / "b.yaml", encoding="latin-1")
    assert [p.title for p in result.added] == ["Plain ASCII entry", "Café society"]


def test_dry_run_writes_nothing(runner, copy):
    before = copy.read_bytes()
    result = runner.invoke(cli, ["import", str(BIB / "awkward.bib"), "--into", str(copy), "--dry-run"])
    assert result.exit_code == 0
    assert "Would add zhang2021:" in result.stdout
    assert "nothing written (dry run)" in result.stderr
    assert copy.read_bytes() == before and not Path(str(copy) + ".bak").exists()


def test_the_bundled_catalogue_is_never_modified(runner):
    before = bundled_path().read_bytes()
    result = runner.invoke(cli, ["import", str(BIB / "duplicates.bib")])
    assert result.exit_code == 2
    assert result.stderr == "Error: the bundled catalogue is never modified; give --into PATH (a copy, or a new file)\n"
    with pytest.raises(UsageError):
        import_files(BIB / "duplicates.bib", bundled_path())
    assert bundled_path().read_bytes() == before


def test_unknown_category_has_a_did_you_mean(runner, copy):
    result = runner.invoke(cli, ["import", str(BIB / "duplicates.bib"), "--into", str(copy), "-c", "difusion"])
    assert result.exit_code == 2
    assert "unknown category 'difusion'; did you mean 'diffusion'?" in result.stderr


def test_without_category_an_uncategorised_group_is_added(copy):
    import_files(BIB / "unbalanced.bib", copy)
    merged = Catalogue.load(copy)
    assert merged.category("uncategorised") is not None
    assert merged.get("good1").category == "uncategorised" and len(merged) == 34


def test_an_invalid_target_is_left_alone(tmp_path, data_dir):
    target = tmp_path / "bad.yaml"
    shutil.copyfile(data_dir / "catalogues" / "broken" / "unknown-key.yaml", target)
    before = target.read_bytes()
    with pytest.raises(Exception) as caught:
        import_files(BIB / "unbalanced.bib", target)
    assert "problem" in str(caught.value)
    assert target.read_bytes() == before and not (tmp_path / "bad.yaml.bak").exists()


def test_a_missing_bib_file_is_one_line_error(runner, tmp_path):
    result = runner.invoke(cli, ["import", str(tmp_path / "none.bib"), "--into", str(tmp_path / "x.yaml")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "no such file" in result.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_a_binary_file_is_refused_in_one_line(runner, tmp_path) -> None:
    from sora_refs.cli import cli

    binary = tmp_path / "paper.pdf.bib"
    binary.write_bytes(b"%PDF-1.5\n\x00\x01\x02\xff" * 100)
    result = runner.invoke(cli, ["import", str(binary), "--into", str(tmp_path / "new.yaml")])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {binary}: is a binary file, not BibTeX text"
    assert not (tmp_path / "new.yaml").exists()


def test_by_default_a_duplicates_key_stays_as_an_alias_so_cite_still_works(runner, copy):
    # The document that used the .bib file cites its keys: after import and export, \cite{dit}
    # must still find DiT, though the catalogue had it as peebles2023scalable.
    result = runner.invoke(cli, ["import", str(BIB / "duplicates.bib"), "--into", str(copy), "-c", "diffusion"])
    assert result.exit_code == 0, result.stderr
    assert "Matched dit: its key an alias of peebles2023scalable (same title, year and type)." in result.stderr
    shown = runner.invoke(cli, ["--catalogue", str(copy), "show", "dit", "--format", "yaml"])
    assert shown.exit_code == 0 and "key: peebles2023scalable" in shown.stdout
    exported = runner.invoke(cli, ["--catalogue", str(copy), "cite", "dit", "--format", "biblatex"]).stdout
    assert re.search(r"ids = \{[^}]*\bdit\b", exported), exported
