"""What ``sora-refs browse`` looks like: SVG snapshots at 80x24 and 120x40, in English and Chinese.

After an intended change of the screen, look at the new pictures and accept them with
``pytest tests/test_browse_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytest_textual_snapshot")

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


@pytest.fixture(autouse=True)
def _state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SORA_REFS_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("SORA_REFS_DATA_DIR", str(tmp_path / "data"))


def app(lang: str):  # noqa: ANN201
    from sora_refs import Catalogue
    from sora_refs.browse.app import BrowseApp

    return BrowseApp(Catalogue.load(), lang, fresh=True)


async def search_dit(pilot) -> None:  # noqa: ANN001
    """Type a query with a typo, go to the list, open the first paper."""
    browse = pilot.app
    await pilot.press(*"difusion transfomer", "enter", "enter")
    for _ in range(2000):
        await pilot.pause(0.02)
        if browse.runs >= 1 and all(worker.is_finished for worker in browse.workers):
            break
    await pilot.pause()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", list(SIZES))
def test_search_and_details(snap_compare, size: str, lang: str) -> None:  # noqa: ANN001
    assert snap_compare(app(lang), terminal_size=SIZES[size], run_before=search_dit)


async def light_then_search(pilot) -> None:  # noqa: ANN001
    await pilot.press("ctrl+t")  # the light theme, as a user switches to it
    await search_dit(pilot)


def test_light_theme(snap_compare) -> None:  # noqa: ANN001
    browse = app("en")
    assert snap_compare(browse, terminal_size=SIZES["120x40"], run_before=light_then_search)
    assert browse.theme == "textual-light"
