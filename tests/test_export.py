"""Export and cite: BibTeX details, every format, byte-identical output, the citekey rule."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys

import pytest

from sora_refs import Catalogue
from sora_refs.bibtex.citekeys import make_key, unique_key
from sora_refs.cli import cli
from sora_refs.errors import UsageError
from sora_refs.formats import ExportOptions, available, export, get


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load()


def entry(text: str, key: str) -> str:
    """The lines of one entry of BibTeX ``text``."""
    start = text.index("{" + key + ",")
    return text[text.rindex("@", 0, start) : text.index("\n}\n", start) + 3]


def test_bundled_keys_follow_the_citekey_rule(catalogue):
    for paper in catalogue.papers:
        assert make_key(paper.authors, paper.year, paper.title) == paper.key, paper.label


def test_generated_keys_are_ascii_skip_stop_words_and_get_suffixes():
    assert make_key(["Zoë O'Brien-Núñez"], 2020, "The Ünïcödé Way") == "obriennunez2020unicode"
    assert make_key(["Aäron van den Oord"], 2017, "On a Neural Discrete Representation") == "vandenoord2017neural"
    assert unique_key("ho2020denoising", ["HO2020denoising"]) == "ho2020denoisingb"
    assert unique_key("x", ["x"] + [f"x{c}" for c in "bcdefghijklmnopqrstuvwxyz"]) == "xaa"


def test_cite_gives_the_exact_bibtex_of_a_conference_paper(runner):
    result = runner.invoke(cli, ["cite", "26"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "@inproceedings{peebles2023scalable,\n"
        "  author = {Peebles, William and Xie, Saining},\n"
        "  title = {Scalable Diffusion Models with Transformers},\n"
        "  booktitle = {IEEE/CVF International Conference on Computer Vision},\n"
        "  year = {2023},\n"
        "  pages = {4195--4205},\n"
        "  publisher = {IEEE},\n"
        "  doi = {10.1109/ICCV51070.2023.00387},\n"
        "  eprint = {2212.09748},\n"
        "  archivePrefix = {arXiv},\n"
        "  primaryClass = {cs.CV},\n"
        "  url = {https://openaccess.thecvf.com/content/ICCV2023/html/Peebles_Scalable_Diffusion_Models_with_"
        "Transformers_ICCV_2023_paper.html}\n"
        "}\n"
    )


def test_capitals_are_braced_word_by_word_and_ascii_uses_latex_escapes(catalogue):
    utf8 = export(catalogue.papers, "bibtex")
    ascii_ = export(catalogue.papers, "bibtex", ExportOptions(ascii_only=True))
    assert "title = {Unsupervised Learning of Video Representations using {LSTMs}}" in utf8
    assert "title = {{NÜWA}: Visual Synthesis Pre-training for Neural {visUal} World {creAtion}}" in utf8
    assert "title = {Hierarchical Text-Conditional Image Generation with {CLIP} Latents}" in utf8
    assert "{GANs}" in entry(utf8, "dhariwal2021diffusion")
    assert '{N{\\"U}WA}:' in ascii_
    assert ascii_.isascii()
    assert "title = {{" not in utf8.replace("title = {{NÜWA}", "").replace("title = {{MoCoGAN}", "").replace(
        "title = {{ViViT}", ""
    ).replace("title = {{VideoGPT}", "").replace("title = {{SDEdit}", "")


def test_urls_and_dois_are_never_escaped(catalogue):
    text = export([catalogue.get("wu2022nuwa")], "bibtex")
    assert "doi = {10.1007/978-3-031-19787-1_41}" in text
    assert "url = {https://link.springer.com/chapter/10.1007/978-3-031-19787-1_41}" in text


def test_special_characters_are_escaped_in_text_fields(data_dir):
    small = Catalogue.load(data_dir / "catalogues" / "small.yaml")
    text = export(small.papers, "bibtex")
    assert r"title = {Ünïcödé “quoted” title with \textbraceleft{}braces\textbraceright{} \& 100\% \$math\$}" in text
    # UTF-8, but where classic BibTeX cuts a name (an initial, an alpha label's first three
    # letters) a non-ASCII letter is one "special character" to it, and prints as itself.
    assert "author = {Schmidhuber, Jürgen and Kaiser, {\\relax Ł}ukasz and O'Brien-Núñez, Zoë}" in text
    biblatex = export(small.papers, "biblatex")  # biber counts characters
    assert "author = {Schmidhuber, Jürgen and Kaiser, Łukasz and O'Brien-Núñez, Zoë}" in biblatex


def test_arxiv_only_papers_are_misc_with_eprint_doi_and_url(catalogue):
    text = entry(export(catalogue.papers, "bibtex"), "clark2019adversarial")
    assert text.startswith("@misc{clark2019adversarial,")
    for line in (
        "howpublished = {arXiv preprint arXiv:1907.06571}",
        "eprint = {1907.06571}",
        "archivePrefix = {arXiv}",
        "primaryClass = {cs.CV}",
        "doi = {10.48550/arXiv.1907.06571}",
        "url = {https://arxiv.org/abs/1907.06571}",
    ):
        assert line in text


def test_the_openai_report_is_a_techreport_with_institution(catalogue):
    text = entry(export(catalogue.papers, "bibtex"), "betker2023improving")
    assert text.startswith("@techreport{betker2023improving,")
    assert "institution = {OpenAI}" in text and "url = {https://cdn.openai.com/papers/dall-e-3.pdf}" in text
    biblatex = entry(export(catalogue.papers, "biblatex"), "betker2023improving")
    assert biblatex.startswith("@report{") and "type = {techreport}" in biblatex


def test_as_cited_reproduces_the_reports_venues_and_years(runner):
    result = runner.invoke(cli, ["export", "--as-cited", "-y", "2023-2024", "-c", "diffusion"])
    assert result.exit_code == 0, result.stderr
    gupta = entry(result.stdout, "gupta2024photorealistic")
    assert gupta.startswith("@misc{") and "year = {2023}" in gupta and "booktitle" not in gupta


def test_same_input_gives_byte_identical_output(runner, tmp_path):
    first = runner.invoke(cli, ["export", "-o", str(tmp_path / "a.bib")])
    second = runner.invoke(cli, ["export", "-o", str(tmp_path / "b.bib")])
    assert first.exit_code == second.exit_code == 0
    assert "Wrote 32 papers to" in first.stderr
    assert (tmp_path / "a.bib").read_bytes() == (tmp_path / "b.bib").read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["a.bib", "b.bib"] or sorted(p.name for p in tmp_path.iterdir()) == [
        "a.bib",
        "b.bib",
    ]


def test_export_to_an_unwritable_place_is_one_clear_error(runner, tmp_path):
    result = runner.invoke(cli, ["export", "-o", str(tmp_path / "no" / "such" / "dir.bib")])
    assert result.exit_code != 0
    assert "Traceback" not in result.stderr and "Error" in result.stderr


def test_unknown_format_has_a_did_you_mean():
    with pytest.raises(UsageError, match="did you mean 'biblatex'"):
        get("biblatx")
    assert available() == ["bibtex", "biblatex", "csl-json", "ris", "markdown", "json", "yaml", "csv", "html"]


def test_csl_json_items(catalogue):
    items = json.loads(export(catalogue.papers, "csl-json"))
    assert len(items) == 32
    dit = next(i for i in items if i["id"] == "peebles2023scalable")
    assert dit["type"] == "paper-conference"
    assert dit["author"][0] == {"family": "Peebles", "given": "William"}
    assert dit["issued"] == {"date-parts": [[2023]]}
    assert dit["DOI"] == "10.1109/ICCV51070.2023.00387"


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc not installed")
def test_pandoc_citeproc_reads_the_csl_json(catalogue, tmp_path):
    (tmp_path / "refs.json").write_text(export(catalogue.papers, "csl-json"), encoding="utf-8")
    (tmp_path / "doc.md").write_text("---\nnocite: '@*'\n---\nText.\n", encoding="utf-8")
    run = subprocess.run(
        ["pandoc", "--citeproc", "--bibliography", "refs.json", "-t", "plain", "doc.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert "Scalable Diffusion Models with Transformers" in " ".join(run.stdout.split())
    assert "“NÜWA: Visual Synthesis" in run.stdout
    assert run.stdout.count("\n\n") == 32  # "Text." and one paragraph per paper


def test_ris_is_read_by_rispy(catalogue):
    rispy = pytest.importorskip("rispy", reason="rispy (test extra) not installed")
    records = rispy.loads(export(catalogue.papers, "ris"))
    assert len(records) == 32
    first = records[0]
    assert first["type_of_reference"] == "CPAPER"
    assert first["authors"] == ["Srivastava, Nitish", "Mansimov, Elman", "Salakhutdinov, Ruslan"]
    assert first["start_page"] == "843" and first["end_page"] == "852"
    assert {r["type_of_reference"] for r in records} == {"CPAPER", "UNPB", "JOUR", "RPRT"}


def test_markdown_list_and_table(runner):
    listed = runner.invoke(cli, ["export", "-f", "markdown", "--as-cited", "-n", "1"])
    assert listed.stdout.startswith(
        '[1] Srivastava, Nitish, Elman Mansimov, and Ruslan Salakhutdinov. "Unsupervised Learning of '
        'Video Representations using LSTMs." *International Conference on Machine Learning* (ICML), 2015.'
    )
    table = runner.invoke(cli, ["export", "-f", "markdown", "--style", "table", "-c", "gan"])
    lines = table.stdout.splitlines()
    assert lines[0] == "| Ref | Title | Authors | Venue | Year | Category | Links |"
    assert lines[2].startswith(
        "| 4 | Generating Videos with Scene Dynamics | Vondrick, Pirsiavash, Torralba | "
        "NeurIPS | 2016 | GAN | [arXiv:1609.02612]"
    )


def test_yaml_export_is_a_catalogue_that_loads(runner, tmp_path):
    result = runner.invoke(cli, ["export", "-f", "yaml", "-c", "diffusion", "-o", str(tmp_path / "d.yaml")])
    assert result.exit_code == 0, result.stderr
    part = Catalogue.load(tmp_path / "d.yaml")
    assert len(part) == 9 and {p.category for p in part} == {"diffusion"}
    assert part.get("peebles2023scalable") == Catalogue.load().get("peebles2023scalable")


def test_json_and_csv_carry_every_paper(catalogue):
    assert [p["key"] for p in json.loads(export(catalogue.papers, "json"))] == [p.key for p in catalogue]
    rows = list(csv.DictReader(io.StringIO(export(catalogue.papers, "csv"))))
    assert len(rows) == 32 and rows[8]["title"].startswith("NÜWA")


def test_export_needs_neither_click_nor_rich():
    code = (
        "import sys; from sora_refs import Catalogue; from sora_refs.formats import export; "
        "[export(Catalogue.load().papers, f) for f in ('bibtex', 'ris', 'csl-json', 'markdown')]; "
        "print(sorted(m for m in ('click', 'rich') if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def test_cite_unknown_ref_is_one_line_error(runner):
    result = runner.invoke(cli, ["cite", "99"])
    assert result.exit_code == 1
    assert result.stderr == "Error: no paper with ref 99 (refs run from 1 to 32)\n"
