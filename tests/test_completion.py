"""Shell completion in a real bash session: the script click generates, sourced and called."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BASH = shutil.which("bash")
pytestmark = pytest.mark.skipif(BASH is None, reason="bash is not installed")

SCRIPT = r"""
eval "$(_SORA_REFS_COMPLETE=bash_source sora-refs)"
complete_words() {
    COMPREPLY=()
    COMP_WORDS=("$@")
    COMP_CWORD=$(( $# - 1 ))
    _sora_refs_completion sora-refs
    printf '%s\n' "${COMPREPLY[@]}"
}
complete_words "$@"
"""


def complete(*words: str, catalogue: Path | None = None) -> list[str]:
    """What bash offers for the command line ``words`` (the last one being completed)."""
    bin_dir = str(Path(sys.executable).parent)
    env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""))
    env.pop("SORA_REFS_CATALOGUE", None)
    if catalogue is not None:
        env["SORA_REFS_CATALOGUE"] = str(catalogue)
    assert shutil.which("sora-refs", path=env["PATH"]), "sora-refs must be installed next to the interpreter"
    result = subprocess.run(
        [BASH, "--norc", "--noprofile", "-c", SCRIPT, "bash", *words],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line]


def test_completes_a_category() -> None:
    assert complete("sora-refs", "list", "-c", "dif") == ["diffusion"]
    assert complete("sora-refs", "list", "--category", "") == [
        "rnn",
        "gan",
        "autoregressive-transformer",
        "diffusion",
        "llm",
        "patches",
        "compression",
        "recaptioning",
    ]


def test_completes_a_citekey_and_a_ref() -> None:
    assert complete("sora-refs", "show", "peeb") == ["peebles2023scalable"]
    assert complete("sora-refs", "show", "26", "ho202") == ["ho2022imagen", "ho2020denoising"]
    assert complete("sora-refs", "open", "3") == ["3", "30", "31", "32"]


def test_completes_sections_venues_commands_and_options() -> None:
    assert complete("sora-refs", "list", "-s", "data-") == ["data-patches", "data-compression"]
    assert complete("sora-refs", "list", "--venue", "IC") == ["ICCV", "ICLR", "ICML"]
    assert "search" in complete("sora-refs", "se")
    assert complete("sora-refs", "list", "--ve") == ["--venue"]


def test_uses_the_catalogue_named_on_the_command_line(data_dir: Path) -> None:
    other = data_dir / "stats" / "partial.yaml"
    from sora_refs import Catalogue

    expected = Catalogue.load(other).category_ids()
    assert complete("sora-refs", "--catalogue", str(other), "list", "-c", "") == expected
    assert complete("sora-refs", "list", "-c", "", catalogue=other) == expected


def test_a_broken_catalogue_offers_nothing_and_says_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("papers: [\n")
    assert complete("sora-refs", "--catalogue", str(broken), "list", "-c", "") == []
