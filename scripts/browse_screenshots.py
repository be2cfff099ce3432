#!/usr/bin/env python3
"""Record SVG screenshots of ``sora-refs browse`` into docs/screenshots/ (Textual's own SVG export).

The app runs headless at a fixed size, is driven by key presses as a user would, and saves
what the screen shows; nothing of the user's state is read or written (a temporary directory
stands in for it).

    python scripts/browse_screenshots.py
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT))

SHOTS: list[tuple[str, tuple[int, int], str, list[str]]] = [
    ("browse", (120, 36), "en", [*"difusion transfomer", "enter"]),
    ("browse-narrow-zh", (80, 24), "zh", [*"dit", "enter", "enter"]),
    ("browse-stats", (120, 36), "en", [*"video", "enter", "3"]),
]
"""(file name, terminal size, language, keys pressed)."""


async def shoot(name: str, size: tuple[int, int], lang: str, keys: list[str]) -> None:
    from sora_refs import Catalogue
    from sora_refs.browse.app import BrowseApp

    app = BrowseApp(Catalogue.load(), lang, fresh=True)
    async with app.run_test(size=size) as pilot:
        for key in keys:
            await pilot.press(key)
        for _ in range(500):
            await pilot.pause(0.02)
            if app.runs and all(worker.is_finished for worker in app.workers):
                break
        await pilot.pause(0.2)
        app.save_screenshot(str(OUT / f"{name}.svg"))
    print(f"wrote docs/screenshots/{name}.svg")


def main() -> None:
    with tempfile.TemporaryDirectory() as state:
        os.environ["SORA_REFS_STATE_DIR"] = state
        os.environ["SORA_REFS_DATA_DIR"] = state
        for shot in SHOTS:
            asyncio.run(shoot(*shot))


if __name__ == "__main__":
    main()
