"""Search: real queries a new user would type, and what must come first on the bundled catalogue."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sora_refs.cli import cli
from sora_refs.errors import UsageError
from sora_refs.search import fold_fast, highlight_spans, search
from sora_refs.search.syntax import parse
from sora_refs.text import fold

# query -> refs that must be the top results (in any order among themselves), and refs that must not appear
TOP = [
    ("difusion", {10, 11, 12, 22, 23, 24}, set()),  # misspelt
    ("diffusion transfomer", {26}, set()),  # misspelt second word
    ("atention", {13}, set()),
    ("word models", {3}, set()),  # a typo that is a word too
    ("schmidhuber", {3}, set()),
    ("Jürgen", {3}, set()),  # accented
    ("jurgen", {3}, set()),  # accent left out
    ("nuwa", {9}, set()),
    ("NÜWA", {9}, set()),
    ("扩散", {10, 11, 12, 21, 22, 23}, {1, 13}),  # Chinese: diffusion
    ("生成对抗", {4, 5, 6, 7}, set()),  # Chinese: adversarial
    ("author:ho", {10, 22}, {20}),
    ('author:"jonathan ho"', {10, 22}, set()),
    ("author:kingma", {10, 20}, set()),
    ("year:2020-2022 venue:icml", {23, 27, 28}, {1, 21}),
    ("venue:nips year:2016", {4}, set()),
    ("category:gan", {4, 5, 6, 7}, {1}),
    ("category:扩散模型", {10, 11, 12, 21, 22, 23}, set()),
    ("gan OR rnn", {3, 4, 5, 6, 7}, {13}),
    ("diffusion -video", {22, 23, 24, 25, 26}, {10, 11, 12}),
    ("diffusion NOT video", {22, 23, 24, 25, 26}, {10, 11, 12}),
    ('"latent diffusion"', {11, 19}, {22}),
    ("attention is all you need", {13}, set()),
    ("tag:dall-e", {28}, {30}),
    ("dall-e", {28, 30, 31}, set()),
    ("mocogan", {5}, set()),
    ("16x16", {15}, set()),
    ("2212.09748", {26}, set()),
    ("key:peebles2023scalable", {26}, set()),
    ("section:architecture transformer", {26}, set()),
    ("clip", {31}, set()),
    ("sohl dickstein", {21}, set()),
    ("captions", {30}, set()),
]


@pytest.mark.parametrize("query, top, absent", TOP, ids=[q for q, _, _ in TOP])
def test_top_results(bundled, query: str, top: set[int], absent: set[int]) -> None:
    hits = search(bundled, query)
    refs = [hit.paper.ref for hit in hits]
    assert set(refs[: len(top)]) == top, refs
    assert not absent & set(refs)


@pytest.mark.parametrize(
    "query, fragment, pointer",
    [
        ("auther:ho diffusion", "unknown field 'auther:' in the query; did you mean 'author:'?", "^^^^^^^"),
        ("diffusion OR", "OR needs a term on each side", "          ^^"),
        ('"latent diffusion', "unclosed quote", "^" * 17),
        ("year:", "'year:' has no value", "^^^^^"),
        ("gan (rnn)", "brackets are not supported", "    ^"),
        ("-x OR y", "a -term cannot be one side of OR", "^^"),
        ("diffusion -", "a lone '-'", "          ^"),
    ],
)
def test_malformed_queries_point_at_the_term(query: str, fragment: str, pointer: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse(query)
    message = str(caught.value)
    assert fragment in message
    assert message.splitlines()[1:] == [f"  {query}", f"  {pointer}"]


@pytest.mark.parametrize(
    "query, message",
    [
        ("category:gann", "unknown category 'gann'; did you mean 'category:gan'?"),
        ("venue:icm", "unknown venue 'icm'; did you mean 'venue:ICML'?"),
        ("tag:vdeo", "unknown tag 'vdeo'; did you mean 'tag:video'?"),
        ("section:architecure", "unknown section 'architecure'; did you mean 'section:architecture'?"),
        ("year:20x", "invalid year or range '20x'"),
    ],
)
def test_unknown_values_suggest(bundled, query: str, message: str) -> None:
    with pytest.raises(UsageError, match=message.replace("?", r"\?").replace("(", r"\(")):
        search(bundled, f"diffusion {query}")


def test_empty_query_is_a_usage_error(bundled) -> None:
    with pytest.raises(UsageError, match="empty query"):
        search(bundled, "   ")


def test_scores_are_explained_and_add_up(bundled) -> None:
    hits = search(bundled, "vision transformer")
    best = hits[0]
    assert best.paper.ref == 16
    assert best.score == pytest.approx(sum(m.points for m in best.matches))
    assert {(m.field, m.word, m.how) for m in best.matches} >= {
        ("title", "vision", "exact"),
        ("title", "transformer", "exact"),
    }
    typo = search(bundled, "difusion")[0]
    assert {m.how for m in typo.matches} == {"typo"}
    assert {m.word for m in typo.matches} == {"diffusion"}


def test_ranking_puts_title_matches_before_summary_mentions(bundled) -> None:
    refs = [h.paper.ref for h in search(bundled, "transformer")]
    assert refs.index(16) < refs.index(13)  # "ViViT: A Video Vision Transformer" vs a summary mention


def test_only_exclusions_keep_everything_else(bundled) -> None:
    refs = {h.paper.ref for h in search(bundled, "-category:diffusion")}
    assert refs == {p.ref for p in bundled.papers if p.category != "diffusion"}


def test_limit(bundled) -> None:
    assert len(search(bundled, "diffusion", limit=3)) == 3
    with pytest.raises(UsageError):
        search(bundled, "diffusion", limit=-1)


@pytest.mark.parametrize(
    "text", ["Jürgen Schmidhuber", "NÜWA", "Straße", "Łukasz Kaiser", "扩散模型 Diffusion", "Ａｂｃ", "ﬁne", "Åström"]
)
def test_fast_fold_agrees_with_fold(text: str) -> None:
    assert fold_fast(text) == fold(text)


def test_highlight_spans_map_back_to_the_original_spelling() -> None:
    title = "NÜWA: Visual Synthesis Pre-training for Neural visUal World creAtion"
    spans = highlight_spans(title, {"nuwa", "visual"})
    assert [title[a:b] for a, b in spans] == ["NÜWA", "Visual", "visUal"]
    assert [("Transformers for Image"[a:b]) for a, b in highlight_spans("Transformers for Image", {"transformer"})] == [
        "Transformers"
    ]
    assert [("基于扩散模型"[a:b]) for a, b in highlight_spans("基于扩散模型", {"扩散"})] == ["扩散"]


def test_library_imports_neither_click_nor_rich() -> None:
    code = (
        "import sys; from sora_refs import Catalogue; from sora_refs.search import search; "
        "search(Catalogue.load(), 'difusion author:ho'); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('click', 'rich')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# -- the command ---------------------------------------------------------------------------------


def test_cli_search_plain_rows(runner) -> None:
    result = runner.invoke(cli, ["search", "schmidhuber"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "3\tha2018world\t2018\tarXiv\trnn\tWorld Models\n"


def test_cli_search_keys_and_limit(runner) -> None:
    result = runner.invoke(cli, ["search", "difusion", "--limit", "2", "-f", "keys"])
    assert result.stdout.splitlines() == ["ho2022imagen", "blattmann2023align"]


def test_cli_search_json_explain(runner) -> None:
    result = runner.invoke(cli, ["search", "nuwa", "-f", "json", "--explain"])
    data = json.loads(result.stdout)
    assert [d["ref"] for d in data] == [9]
    assert data[0]["score"] == 6.0
    assert {"term": "nuwa", "field": "title", "word": "nuwa", "how": "exact", "points": 5.0} in data[0]["matches"]


def test_cli_search_explain_piped(runner) -> None:
    result = runner.invoke(cli, ["search", "author:ho", "--explain"])
    assert result.stdout.splitlines()[0] == (
        "4\t10\tho2022imagen\tImagen Video: High Definition Video Generation "
        "with Diffusion Models\tauthor 'ho' exact +4"
    )


def test_cli_search_nothing_found(runner) -> None:
    result = runner.invoke(cli, ["search", "zzyzx"])
    assert result.exit_code == 1
    assert result.stderr == "No paper matches this search.\n"


def test_cli_search_bad_query(runner) -> None:
    result = runner.invoke(cli, ["search", "auther:ho"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: unknown field 'auther:' in the query; did you mean 'author:'?\n  auther:ho\n  ^^^^^^^\n"
    )


def test_cli_search_highlights_on_a_terminal(runner, monkeypatch) -> None:
    monkeypatch.setenv("SORA_REFS_TERMINAL", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("TERM", raising=False)
    result = runner.invoke(cli, ["search", "vivit"])
    assert result.exit_code == 0
    assert "\x1b[1;33mViViT\x1b[0m" in result.stdout


def test_cli_search_chinese_labels(runner, monkeypatch) -> None:
    monkeypatch.setenv("SORA_REFS_TERMINAL", "1")
    monkeypatch.setenv("COLUMNS", "120")
    result = runner.invoke(cli, ["--lang", "zh", "search", "扩散", "-n", "3"])
    assert result.exit_code == 0
    assert "扩散模型" in result.stdout and "标题" in result.stdout


@pytest.mark.parametrize(
    "args, hint",
    [
        (["list", "-f", "jsn"], "Did you mean 'json'?"),
        (["search", "x", "--format", "tabel"], "Did you mean 'table'?"),
        (["list", "--sort", "yaer"], "Did you mean 'year'?"),
        (["--lang", "enn", "list"], "Did you mean 'en'?"),
    ],
)
def test_did_you_mean_for_option_values(runner, args: list[str], hint: str) -> None:
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert result.stderr.rstrip().endswith(hint)


# -- open -------------------------------------------------------------------------------------


def test_open_prints_the_url_when_piped(runner) -> None:
    assert runner.invoke(cli, ["open", "26"]).stdout == (
        "https://openaccess.thecvf.com/content/ICCV2023/html/"
        "Peebles_Scalable_Diffusion_Models_with_Transformers_ICCV_2023_paper.html\n"
    )
    assert runner.invoke(cli, ["open", "3"]).stdout == "https://arxiv.org/abs/1803.10122\n"
    assert runner.invoke(cli, ["open", "peebles2023scalable", "--pdf"]).stdout == "https://arxiv.org/pdf/2212.09748\n"


def test_open_unknown_ref(runner) -> None:
    result = runner.invoke(cli, ["open", "peebles2023scalabel"])
    assert result.exit_code == 1
    assert "did you mean 'peebles2023scalable'?" in result.stderr


def test_open_runs_the_browser(tmp_path: Path) -> None:
    """$BROWSER names a script that records its argument instead of opening anything."""
    log = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{log}"\n')
    browser.chmod(0o755)
    env = dict(os.environ, BROWSER=str(browser), SORA_REFS_TERMINAL="1")
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    result = subprocess.run(
        [sys.executable, "-m", "sora_refs", "open", "26", "--pdf"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert log.read_text() == "https://arxiv.org/pdf/2212.09748\n"
    assert result.stderr == "Opened https://arxiv.org/pdf/2212.09748\n"
    assert result.stdout == ""


def test_large_catalogues_store_their_folded_fields_and_use_them(tmp_path, monkeypatch, data_dir) -> None:
    import sora_refs.search as search_module
    import sora_refs.search.index
    from sora_refs import Catalogue

    monkeypatch.setenv("SORA_REFS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(sora_refs.search.index, "STORE_FROM", 1)
    path = tmp_path / "small.yaml"
    path.write_bytes((data_dir / "catalogues" / "small.yaml").read_bytes())
    first = [h.paper.key for h in search_module.search(Catalogue.load(path), "normalizing flows")]
    assert first[0] == "rezende2015variational"
    stored = {p.name.split(".")[-2] for p in (tmp_path / "cache" / "catalogues").glob("*.search-*.marshal")}
    # one entry per field searched (a Latin query skips the Chinese summaries), and one for the groups
    assert stored == {f"search-{name}" for name in ("title", "author", "key", "tag", "summary", "groups")}
    # A fresh catalogue object (a new process, in effect) reads the stored fields back.
    again = Catalogue.load(path)
    index = search_module.index_for(again)
    index._values = None  # type: ignore[method-assign]  # folding again would fail
    assert [h.paper.key for h in search_module.search(again, "normalizing flows")] == first
    assert set(index._fields) == {"title", "author", "key", "tag", "summary"}
    # An edited catalogue does not use fields folded for its old text.
    path.write_text(
        path.read_text(encoding="utf-8").replace("Normalizing Flows", "Normalising Flows"), encoding="utf-8"
    )
    edited = Catalogue.load(path)
    assert [h.paper.key for h in search_module.search(edited, "normalising")] == ["rezende2015variational"]
