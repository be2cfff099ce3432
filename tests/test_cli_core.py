"""The first commands as a user runs them: list, show, check, and the global options."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sora_refs.cli import cli


def run(runner, *args: str, **kwargs):
    return runner.invoke(cli, list(args), catch_exceptions=False, **kwargs)


def test_list_diffusion_piped_is_tab_separated(runner) -> None:
    result = run(runner, "list", "-c", "diffusion")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["10", "11", "12", "21", "22", "23", "24", "25", "26"]
    assert lines[-1] == "26\tpeebles2023scalable\t2023\tICCV\tdiffusion\tScalable Diffusion Models with Transformers"


def test_list_json_is_the_yaml_field_contract(runner, bundled) -> None:
    result = run(runner, "list", "--format", "json")
    data = json.loads(result.stdout)
    assert len(data) == 32
    assert list(data[0]) == [
        "ref",
        "key",
        "aliases",
        "title",
        "authors",
        "authors_truncated",
        "editors",
        "editors_truncated",
        "year",
        "month",
        "venue",
        "venue_full",
        "type",
        "thesis",
        "volume",
        "number",
        "pages",
        "publisher",
        "address",
        "series",
        "edition",
        "isbn",
        "organization",
        "cited",
        "ids",
        "url",
        "pdf",
        "files",
        "category",
        "section",
        "tags",
        "keywords",
        "summary",
        "summary_zh",
        "abstract",
        "note",
        "notes",
        "extra",
        "personal",  # then what the reader keeps: not a catalogue field
    ]
    assert data[0]["personal"] == {"status": None, "tags": [], "updated": None, "note": None}
    vit = next(p for p in data if p["ref"] == 15)
    assert vit["cited"] == {"venue": "arXiv", "year": 2020}
    assert (vit["venue"], vit["year"]) == ("ICLR", 2021)
    assert vit["ids"]["arxiv"] == "2010.11929"


def test_list_formats(runner) -> None:
    keys = run(runner, "list", "-c", "llm", "--format", "keys").stdout.split()
    assert keys == ["vaswani2017attention", "brown2020language"]
    csv_out = run(runner, "list", "-c", "llm", "--format", "csv").stdout.splitlines()
    assert csv_out[0].startswith("ref,key,title,authors,year,venue")
    assert len(csv_out) == 3
    plain = run(runner, "list", "--year", "2013", "--cited", "--format", "plain").stdout
    assert plain == "[20] Kingma, Welling (2013). Auto-Encoding Variational Bayes. arXiv.  <kingma2014auto>\n"
    yaml_out = run(runner, "list", "-c", "llm", "--format", "yaml").stdout
    assert yaml_out.startswith("- ref: 13\n  key: vaswani2017attention\n")


def test_list_sort_limit_reverse(runner) -> None:
    out = run(runner, "list", "--sort", "year", "--reverse", "--limit", "2", "--format", "keys").stdout.split()
    assert out[0] == "gupta2024photorealistic"
    assert len(out) == 2


def test_list_nothing_found_is_empty_with_a_message_and_status_1(runner) -> None:
    result = run(runner, "list", "--year", "1990")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "No paper matches these filters.\n"


def test_list_terminal_table(runner, monkeypatch) -> None:
    monkeypatch.setenv("SORA_REFS_TERMINAL", "1")
    monkeypatch.setenv("COLUMNS", "140")
    result = run(runner, "list", "-c", "diffusion")
    assert "Scalable Diffusion Models with Transformers" in result.stdout
    assert "ECCV (arXiv 2023)" in result.stdout  # W.A.L.T: published at ECCV, cited as arXiv
    assert "\t" not in result.stdout


def test_show_26_is_dit_at_iccv_2023(runner) -> None:
    result = run(runner, "show", "26")
    assert result.exit_code == 0
    assert "Title: Scalable Diffusion Models with Transformers" in result.stdout
    assert "Published: ICCV 2023" in result.stdout


def test_show_15_is_vit_cited_arxiv_published_iclr(runner) -> None:
    out = run(runner, "show", "15").stdout
    assert "Published: ICLR 2021" in out
    assert "Cited as: arXiv 2020" in out


def test_show_in_chinese(runner) -> None:
    out = run(runner, "--lang", "zh", "show", "26").stdout
    assert "标题: Scalable Diffusion Models with Transformers" in out
    assert "类别: 扩散模型" in out


def test_show_by_key_and_arxiv_json(runner) -> None:
    data = json.loads(run(runner, "show", "peebles2023scalable", "2010.11929", "--format", "json").stdout)
    assert [p["ref"] for p in data] == [26, 15]


def test_errors_are_one_line_with_exit_status(runner) -> None:
    result = runner.invoke(cli, ["show", "99"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: no paper with ref 99 (refs run from 1 to 32)"
    result = runner.invoke(cli, ["list", "-c", "difusion"])
    assert result.exit_code == 2
    assert "unknown category 'difusion'; did you mean 'diffusion'?" in result.stderr
    result = runner.invoke(cli, ["list", "--year", "20x"])
    assert result.exit_code == 2
    assert "Invalid value for '--year'" in result.stderr
    result = runner.invoke(cli, ["lst"])
    assert result.exit_code == 2
    assert "No such command 'lst'. Did you mean 'list'?" in result.stderr


def test_check_bundled_and_broken(runner, tmp_path: Path) -> None:
    result = run(runner, "check")
    assert result.exit_code == 0
    assert result.stdout.startswith("OK: ")
    assert "32 papers, 8 categories, 7 sections" in result.stdout

    broken = tmp_path / "broken.yaml"
    from sora_refs.reading.loader import bundled_path

    text = bundled_path().read_text(encoding="utf-8")
    text = text.replace("category: diffusion", "category: difusion", 1)
    text = text.replace('arxiv: "2212.09748"', "arxiv: 2212.09748")
    broken.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["check", str(broken)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert (
        "(ref 10, key ho2022imagen): field 'category': unknown category 'difusion' (did you mean 'diffusion'?)"
        in lines[0]
    )
    assert "(ref 26, key peebles2023scalable): field 'ids.arxiv'" in lines[1]
    report = json.loads(runner.invoke(cli, ["check", str(broken), "--format", "json"]).stdout)
    assert report["ok"] is False and len(report["problems"]) == 2
    assert report["problems"][0]["field"] == "category"


def test_global_catalogue_option_and_environment(runner, data_dir: Path, monkeypatch) -> None:
    small = str(data_dir / "catalogues" / "small.yaml")
    assert len(run(runner, "--catalogue", small, "list", "--format", "keys").stdout.split()) == 4
    monkeypatch.setenv("SORA_REFS_CATALOGUE", small)
    assert len(run(runner, "list", "--format", "keys").stdout.split()) == 4
    result = runner.invoke(cli, ["--catalogue", "/nope.yaml", "list"])
    assert result.exit_code == 1
    assert "Error: 1 problem in /nope.yaml" in result.stderr and "no such file" in result.stderr


def test_broken_catalogue_in_use_gives_message_not_traceback(runner, data_dir: Path) -> None:
    broken = str(data_dir / "catalogues" / "broken" / "bad-refs.yaml")
    result = runner.invoke(cli, ["--catalogue", broken, "list"])
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr and "6 problems" in result.stderr
    result = runner.invoke(cli, ["--debug", "--catalogue", broken, "list"])
    assert result.exception is not None  # --debug lets the exception through


def test_version(runner) -> None:
    from sora_refs import __version__

    assert run(runner, "--version").stdout.strip() == f"sora-refs, version {__version__}"


def test_python_dash_m(tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "sora_refs", "list", "-c", "llm", "--format", "keys"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
    assert result.stdout.split() == ["vaswani2017attention", "brown2020language"]


@pytest.mark.skipif(shutil.which("sora-refs") is None, reason="console script not installed on PATH")
def test_broken_pipe_is_quiet(tmp_path: Path) -> None:
    import subprocess

    result = subprocess.run("sora-refs list --format plain | head -1", shell=True, capture_output=True, text=True)
    assert result.stdout.startswith("[1] ")
    assert "Traceback" not in result.stderr and "Error" not in result.stderr


def test_a_huge_table_on_a_terminal_is_cut_with_advice(runner, monkeypatch) -> None:
    from sora_refs.cli import paperlist as papers

    monkeypatch.setenv("SORA_REFS_TERMINAL", "1")
    monkeypatch.setattr(papers, "TABLE_MAX", 3)
    result = run(runner, "list")
    assert "Showing the first 3 of 32 papers" in result.stderr
    assert "Generating Videos with Scene Dynamics" not in result.stdout  # ref 4
    monkeypatch.setenv("SORA_REFS_TERMINAL", "0")
    assert len(run(runner, "list").stdout.splitlines()) == 32  # piped: everything


def test_an_organisation_author_shows_without_its_braces(runner, data_dir: Path) -> None:
    from sora_refs.bibtex.citekeys import make_key

    catalogue = str(data_dir / "catalogues" / "corporate.yaml")
    shown = run(runner, "--catalogue", catalogue, "show", "acme2023report").stdout
    assert "Authors: ACME Research Team, Jane Doe" in shown
    plain = run(runner, "--catalogue", catalogue, "list", "--format", "plain").stdout
    assert plain.startswith("ACME Research Team, Doe (2023).")
    assert make_key(["{ACME Research Team}"], 2023, "A Report by a Team") == "acme2023report"
    bib = run(runner, "--catalogue", catalogue, "cite", "acme2023report").stdout
    assert "author = {{ACME Research Team} and Doe, Jane}" in bib


def test_ctrl_c_exits_130_with_one_line(monkeypatch, capsys) -> None:
    import sys

    from sora_refs.catalogue import Catalogue
    from sora_refs.cli import main

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(Catalogue, "load", classmethod(interrupted))
    monkeypatch.setattr(sys, "argv", ["sora-refs", "list"])
    with pytest.raises(SystemExit) as info:
        main()
    assert info.value.code == 130
    assert capsys.readouterr().err.strip() == "Interrupted."


def test_main_keeps_click_exit_statuses(monkeypatch, capsys) -> None:
    import sys

    from sora_refs.cli import main

    for argv, status in ((["list", "--bogus"], 2), (["show", "99"], 1), (["--version"], 0)):
        monkeypatch.setattr(sys, "argv", ["sora-refs", *argv])
        with pytest.raises(SystemExit) as info:
            main()
        assert info.value.code == status, argv
    assert "No such option '--bogus'" in capsys.readouterr().err
