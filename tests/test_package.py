"""Packaging and import boundaries: the wheel carries the catalogue; the library stays light."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import sys
sys.argv = ["sora-refs"] + sys.argv[1:]
from sora_refs.cli import main
try:
    main()
except SystemExit:
    pass
heavy = ("rich", "requests", "bibtexparser", "yaml", "urllib3")
print("MODULES=" + ",".join(m for m in heavy if m in sys.modules), file=sys.stderr)
print("OURS=" + ",".join(m for m in sys.modules if m == "sora_refs" or m.startswith("sora_refs.")), file=sys.stderr)
"""


def imported_by(args: list[str], cache: Path, which: str = "MODULES") -> set[str]:
    """The heavy libraries (``MODULES``) or the modules of sora_refs (``OURS``) that ``sora-refs args`` loads."""
    env = dict(os.environ, SORA_REFS_CACHE_DIR=str(cache))
    env.pop("SORA_REFS_TERMINAL", None)
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env, check=True)
    line = [ln for ln in result.stderr.splitlines() if ln.startswith(f"{which}=")][-1]
    return set(filter(None, line[len(which) + 1 :].split(",")))


def test_library_imports_neither_click_nor_rich() -> None:
    code = (
        "import sys, sora_refs; c = sora_refs.Catalogue.load(); c.select(sora_refs.Query(categories=('gan',)));"
        "print(','.join(m for m in ('click', 'rich', 'requests', 'bibtexparser') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_list_and_help_import_only_what_they_use(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert imported_by(["--help"], cache) == set()
    assert imported_by(["list", "--format", "json"], cache) == {"yaml"}  # the first load parses the YAML
    assert imported_by(["list", "--format", "json"], cache) == set()  # later loads come from the cache
    assert imported_by(["list"], cache) == set()  # piped: plain rows, no rich
    assert "requests" not in imported_by(["show", "26"], cache)


def test_help_and_list_load_only_their_part_of_the_package(tmp_path: Path) -> None:
    """The front door's names load lazily: ``--help`` needs the group and its errors, ``list`` the
    catalogue, its query and the reader's layer, and neither the search, counting, formats, BibTeX,
    the network, writing, the page nor the app."""
    cache = tmp_path / "cache"
    assert imported_by(["--help"], cache, "OURS") == {
        "sora_refs",
        "sora_refs.cli",
        "sora_refs.cli.state",
        "sora_refs.errors",
        "sora_refs.record",
        "sora_refs.version",
    }
    imported_by(["list"], cache)  # the first load fills the cache
    loaded = imported_by(["list"], cache, "OURS")
    assert {"sora_refs.catalogue", "sora_refs.query", "sora_refs.cli.paperlist"} <= loaded
    unused = ("search", "stats", "formats", "bibtex", "fetch", "writing", "editing", "importing", "site", "browse")
    assert {m for m in loaded if m.split(".")[1:2] and m.split(".")[1] in unused} == set()


def test_wheel_carries_the_catalogue_and_works_from_elsewhere(tmp_path: Path) -> None:
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
    )
    if build.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {build.stderr.strip()[-200:]}")
    wheel = next(tmp_path.glob("sora_refs-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "sora_refs/data/refs.yaml" in names
        assert archive.read("sora_refs/data/refs.yaml") == (ROOT / "data" / "refs.yaml").read_bytes()
        archive.extractall(tmp_path / "site")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(os.environ, PYTHONPATH=str(tmp_path / "site"), SORA_REFS_CACHE_DIR=str(tmp_path / "cache"))
    result = subprocess.run(
        [sys.executable, "-m", "sora_refs", "show", "26", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        check=True,
    )
    assert json.loads(result.stdout)[0]["venue"] == "ICCV"
    where = subprocess.run(
        [sys.executable, "-c", "import sora_refs.reading.loader as l; print(l.bundled_path())"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        check=True,
    )
    assert where.stdout.strip().startswith(str(tmp_path / "site"))


def test_no_library_module_imports_click_or_rich() -> None:
    """Every module outside the front ends (sora_refs.cli, sora_refs.browse) can be used without their libraries."""
    code = (
        "import importlib, pkgutil, sys, sora_refs\n"
        "def walk(package, prefix):\n"
        "    for info in pkgutil.iter_modules(package.__path__, prefix):\n"
        "        if info.name in ('sora_refs.cli', 'sora_refs.browse', 'sora_refs.__main__'):\n"
        "            continue\n"
        "        module = importlib.import_module(info.name)\n"
        "        if info.ispkg:\n"
        "            walk(module, info.name + '.')\n"
        "walk(sora_refs, 'sora_refs.')\n"
        "print(','.join(m for m in ('click', 'rich') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
