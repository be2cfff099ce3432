"""The mind map (``tree``) and the lanes (``timeline``): on a terminal, piped, in English and Chinese."""

from __future__ import annotations

import json

from sora_refs.cli import cli
from sora_refs.cli.commands.tree import short_title
from sora_refs.grouping import lanes, mind_map

TERMINAL = {"SORA_REFS_TERMINAL": "1", "NO_COLOR": "1", "COLUMNS": "100"}


def run(runner, *args: str, env: dict[str, str] | None = None):
    return runner.invoke(cli, list(args), catch_exceptions=False, env=env)


# -- data ---------------------------------------------------------------------------------------


def test_mind_map_follows_the_article(bundled) -> None:
    shape = [
        (section, [(category, [p.ref for p in group]) for category, group in groups])
        for section, groups in mind_map(bundled.papers, bundled)
    ]
    assert shape == [
        (
            "video-generation",
            [
                ("rnn", [1, 2, 3]),
                ("gan", [4, 5, 6, 7]),
                ("autoregressive-transformer", [8, 9]),
                ("diffusion", [10, 11, 12]),
            ],
        ),
        ("llm-ideas", [("llm", [13, 14])]),
        ("data-patches", [("patches", [15, 16, 17, 18])]),
        ("data-compression", [("compression", [19, 20])]),
        ("learning-method", [("diffusion", [21, 22, 23, 24, 25])]),
        # As the article draws it: DiT first, then the autoregressive Transformers.
        ("architecture", [("diffusion", [26]), ("autoregressive-transformer", [27, 28, 29])]),
        ("captioning", [("recaptioning", [30, 31, 32])]),
    ]


def test_lanes_run_from_rnn_to_diffusion(bundled) -> None:
    found = lanes(bundled.papers, bundled, cited=True)
    assert [ident for ident, _ in found][:4] == ["rnn", "gan", "autoregressive-transformer", "diffusion"]
    rnn = dict(found)["rnn"]
    assert min(rnn) == 2015
    compression = dict(found)["compression"]
    assert [p.ref for p in compression[2013]] == [20]
    published = dict(lanes(bundled.papers, bundled))["compression"]
    assert 2013 not in published and [p.ref for p in published[2014]] == [20]


def test_short_titles() -> None:
    assert short_title("MoCoGAN: Decomposing Motion and Content for Video Generation") == "MoCoGAN"
    assert short_title("World Models") == "World Models"
    long = "x" * 100
    assert short_title(long) == "x" * 59 + "…"


# -- tree -------------------------------------------------------------------------------------


def test_tree_piped_is_indented_text(runner) -> None:
    result = run(runner, "tree", "-s", "architecture")
    assert result.exit_code == 0
    assert result.stdout == (
        "Sora references (4)\n"
        "  Network architecture (4)\n"
        "    Diffusion (1)\n"
        "      [26] Scalable Diffusion Models with Transformers (2023, ICCV)\n"
        "    Autoregressive Transformer (3)\n"
        "      [27] Generative Pretraining from Pixels (2020, ICML)\n"
        "      [28] Zero-Shot Text-to-Image Generation (2021, ICML)\n"
        "      [29] Scaling Autoregressive Models for Content-Rich Text-to-Imag… (2022, TMLR)\n"
    )


def test_tree_whole_catalogue_and_cited(runner) -> None:
    lines = run(runner, "tree").stdout.splitlines()
    assert lines[0] == "Sora references (32)"
    assert sum(1 for line in lines if line.startswith("      [")) == 32
    cited = run(runner, "tree", "--cited", "-c", "compression").stdout
    assert "[20] Auto-Encoding Variational Bayes (2013, arXiv)" in cited


def test_tree_in_chinese_on_a_terminal(runner) -> None:
    out = run(runner, "--lang", "zh", "tree", "-s", "learning-method", env=TERMINAL).stdout
    assert "学习方法" in out and "扩散模型" in out and "└──" in out
    assert "Denoising Diffusion Probabilistic Models" in out


def test_tree_json(runner) -> None:
    data = json.loads(run(runner, "tree", "--format", "json").stdout)
    assert data["total"] == 32
    assert [s["id"] for s in data["sections"]][0] == "video-generation"
    assert data["sections"][0]["categories"][0]["papers"][0]["ref"] == 1


def test_tree_without_sections_or_refs(runner, data_dir) -> None:
    path = str(data_dir / "stats" / "no-cited.yaml")
    out = run(runner, "--catalogue", path, "tree").stdout.splitlines()
    # No sections: categories hang from the root; no refs: no brackets.
    assert out[:3] == ["Odd list (6)", "  Alpha methods (4)", "    First Notes (2010, NIPS)"]
    zh = run(runner, "--catalogue", path, "--lang", "zh", "tree").stdout
    assert "  阿尔法方法 (4)" in zh and "  Beta | methods (2)" in zh  # no Chinese name: the English one


def test_tree_paper_outside_sections(runner, data_dir) -> None:
    path = str(data_dir / "stats" / "partial.yaml")
    out = run(runner, "--catalogue", path, "tree").stdout.splitlines()
    assert out[-3:] == ["  (no section) (1)", "    Trees (1)", "      [4] D, outside the map (2021, TPAMI)"]
    zh = run(runner, "--catalogue", path, "--lang", "zh", "tree", env=TERMINAL).stdout
    assert "（无板块）" in zh and "早期工作" in zh


def test_tree_nothing_matches(runner) -> None:
    result = run(runner, "tree", "-y", "1990")
    assert result.exit_code == 1 and result.stdout == "" and "No paper matches" in result.stderr


# -- timeline ---------------------------------------------------------------------------------


def test_timeline_piped_is_a_list_by_lane(runner) -> None:
    out = run(runner, "timeline", "-c", "rnn", "-c", "gan").stdout
    assert out == (
        "RNN\n"
        "  2015  [1] Unsupervised Learning of Video Representations using LSTMs (ICML)\n"
        "  2017  [2] Recurrent Environment Simulators (ICLR)\n"
        "  2018  [3] World Models (arXiv)\n"
        "GAN\n"
        "  2016  [4] Generating Videos with Scene Dynamics (NeurIPS)\n"
        "  2018  [5] MoCoGAN (CVPR)\n"
        "  2019  [6] Adversarial Video Generation on Complex Datasets (arXiv)\n"
        "  2022  [7] Generating Long Videos of Dynamic Scenes (NeurIPS)\n"
    )


def test_timeline_lane_chart_on_a_terminal(runner) -> None:
    out = run(runner, "timeline", "--cited", env=TERMINAL).stdout
    lines = out.splitlines()
    header = next(line for line in lines if "Category" in line)
    assert "2013" in header and "2023" in header and "2024" not in header
    rnn = next(line for line in lines if line.lstrip().startswith("RNN"))
    # ref 1 sits under 2015, ref 2 under 2017 with the lane drawn between them.
    assert rnn.index("1") < rnn.index("──") < rnn.index("2")
    assert header.index("2015") <= rnn.index(" 1 ") + 1 <= header.index("2015") + 4
    assert all(len(line) <= 100 for line in lines)
    zh = run(runner, "--lang", "zh", "timeline", env=TERMINAL).stdout
    assert "循环神经网络" in zh and "数字为参考文献编号" in zh


def test_timeline_narrow_terminal_uses_short_years(runner) -> None:
    out = run(runner, "timeline", env={**TERMINAL, "COLUMNS": "80"}).stdout
    assert "'15" in out and "2015" not in out


def test_timeline_without_refs(runner, data_dir) -> None:
    path = str(data_dir / "stats" / "no-cited.yaml")
    out = run(runner, "--catalogue", path, "timeline", env=TERMINAL).stdout
    assert "●" in out and "Numbers are refs" not in out
    plain = run(runner, "--catalogue", path, "timeline").stdout.splitlines()
    assert plain[:2] == ["Alpha methods", "  2010  First Notes (NIPS)"]


def test_timeline_json_and_empty(runner) -> None:
    data = json.loads(run(runner, "timeline", "-c", "llm", "--format", "json").stdout)
    assert data == [
        {
            "category": "llm",
            "name": "LLM",
            "years": [
                {"year": 2017, "papers": [{"ref": 13, "key": "vaswani2017attention"}]},
                {"year": 2020, "papers": [{"ref": 14, "key": "brown2020language"}]},
            ],
        }
    ]
    empty = run(runner, "timeline", "-y", "1990")
    assert empty.exit_code == 1 and empty.stdout == "" and "No paper matches" in empty.stderr
