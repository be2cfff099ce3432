"""The real toolchain: the exports compile with bibtex (plain, unsrt) and biber under pdflatex."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parent.parent / "scripts" / "check-latex.sh"
MISSING = [tool for tool in ("pdflatex", "bibtex", "biber") if shutil.which(tool) is None]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        bool(MISSING),
        reason=f"TeX toolchain not installed ({', '.join(MISSING)} missing; on Debian: apt-get install "
        "texlive-latex-base texlive-latex-recommended texlive-bibtex-extra biber)",
    ),
]


def run_check(*args: str) -> subprocess.CompletedProcess[str]:
    # The script calls the CLI; run it from this interpreter's environment.
    env = dict(os.environ, SORA_REFS=f"{sys.executable} -m sora_refs")
    return subprocess.run(["bash", str(SCRIPT), *args], capture_output=True, text=True, env=env, check=False)


def test_bundled_catalogue_compiles_without_a_warning():
    run = run_check()
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.count("ok   ") == 7
    assert "ok   bibtex-plain-ascii (32 entries)" in run.stdout
    assert "ok   biber-biblatex (32 entries)" in run.stdout


def test_awkward_catalogue_compiles_without_a_warning(data_dir):
    run = run_check(str(data_dir / "catalogues" / "small.yaml"))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "FAIL" not in run.stdout


def test_the_check_fails_on_a_warning(tmp_path):
    # A stand-in for sora-refs that writes an entry bibtex and biber must warn about.
    fake = tmp_path / "fake-sora-refs"
    fake.write_text(
        '#!/bin/sh\nwhile [ $# -gt 0 ]; do [ "$1" = -o ] && out=$2; shift; done\n'
        "printf '@article{x,\\n  author = {A, B},\\n  title = {T}\\n}\\n' > \"$out\"\n"
    )
    fake.chmod(0o755)
    run = subprocess.run(
        ["bash", str(SCRIPT)], capture_output=True, text=True, check=False, env=dict(os.environ, SORA_REFS=str(fake))
    )
    assert run.returncode == 1
    assert "Warning--empty journal in x" in run.stdout
    assert "Missing mandatory field" in run.stdout
