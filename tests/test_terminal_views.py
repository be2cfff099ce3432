"""Every terminal view shows catalogue text as written: "[/]" or ":smile:" is text, not markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from sora_refs.cli import cli

VIEWS = [
    ["list"],
    ["show", "1"],
    ["stats"],
    ["stats", "--by", "category"],
    ["stats", "--cross", "category,venue"],
    ["tree"],
    ["timeline"],
    ["search", "closing"],
]


@pytest.mark.parametrize("args", VIEWS, ids=" ".join)
def test_markup_in_a_catalogue_is_text(runner, monkeypatch, data_dir: Path, args: list[str]) -> None:
    monkeypatch.setenv("SORA_REFS_TERMINAL", "1")
    monkeypatch.setenv("COLUMNS", "200")
    catalogue = str(data_dir / "catalogues" / "markup.yaml")
    result = runner.invoke(cli, ["--no-pager", "--catalogue", catalogue, *args])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert "GAN [/oops]" in result.stdout or "Closing [/] tag" in result.stdout


def test_show_keeps_markup_and_emoji_codes_literal(runner, monkeypatch, data_dir: Path) -> None:
    monkeypatch.setenv("SORA_REFS_TERMINAL", "1")
    monkeypatch.setenv("COLUMNS", "200")
    catalogue = str(data_dir / "catalogues" / "markup.yaml")
    out = runner.invoke(cli, ["--catalogue", catalogue, "show", "1"]).stdout
    assert "[bold]markup[/bold]" in out
    assert "Summary with [/unbalanced] and :smile: emoji code" in out
