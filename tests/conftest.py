"""Shared test set-up: an isolated cache, no stray configuration from the environment."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Before anything imports sora_refs: keep the user's cache and settings out of the tests.
_CACHE = tempfile.mkdtemp(prefix="sora-refs-test-cache-")
os.environ["SORA_REFS_CACHE_DIR"] = _CACHE
for _name in ("SORA_REFS_CATALOGUE", "SORA_REFS_LANG", "SORA_REFS_TERMINAL", "SORA_REFS_NO_CACHE", "NO_COLOR"):
    os.environ.pop(_name, None)
os.environ["TERM"] = "dumb"

DATA = Path(__file__).parent / "data"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_CACHE, ignore_errors=True)


@pytest.fixture(autouse=True)
def _personal_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets an empty data directory: the user's reading status and notes stay out of it."""
    path = tmp_path_factory.mktemp("personal-data")
    monkeypatch.setenv("SORA_REFS_DATA_DIR", str(path))
    monkeypatch.setenv("SORA_REFS_CONFIG", str(path / "config.yaml"))
    for name in ("VISUAL", "EDITOR", "SORA_REFS_MAILTO"):
        monkeypatch.delenv(name, raising=False)
    return path


@pytest.fixture
def data_dir() -> Path:
    """tests/data."""
    return DATA


@pytest.fixture
def runner():
    """A CliRunner that keeps stderr apart from stdout."""
    from click.testing import CliRunner

    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 always keeps them apart
        return CliRunner()


@pytest.fixture(scope="session")
def bundled():
    """The bundled catalogue."""
    from sora_refs import Catalogue

    return Catalogue.load()
