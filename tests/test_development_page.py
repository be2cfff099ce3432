"""docs/development.md stays true to the code: every module of the package is placed in it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "development.md").read_text(encoding="utf-8")


def blocks() -> list[str]:
    """Paragraphs, and each row of a table on its own."""
    found: list[str] = []
    for chunk in PAGE.split("\n\n"):
        found.extend(chunk.splitlines() if chunk.lstrip().startswith("|") else [chunk])
    return found


def mentioned(path: Path) -> bool:
    """Named by its path, or by its file name in the paragraph or table row of its folder."""
    relative = path.relative_to(ROOT).as_posix()
    if f"`{relative}`" in PAGE:
        return True
    folder = path.parent.relative_to(ROOT).as_posix() + "/"
    if path.name == "__init__.py" and f"`{folder}`" in PAGE:
        return True  # a package named on the page places its __init__ too
    return any(f"`{path.name}`" in block for block in blocks() if f"`{folder}" in block)


def test_every_module_is_placed_on_the_development_page() -> None:
    modules = [p for p in sorted((ROOT / "sora_refs").rglob("*.py")) if "commands" not in p.parts]
    missing = [p.relative_to(ROOT).as_posix() for p in modules if not mentioned(p)]
    assert missing == [], "add them to docs/development.md's architecture"


def test_every_package_on_the_page_exists() -> None:
    named = set(re.findall(r"`(sora_refs/[\w/]+?)/`", PAGE))
    assert named and all((ROOT / name).is_dir() for name in named)
