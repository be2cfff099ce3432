"""The questions `remove`, `edit` and `add` ask, answered in a real pseudo-terminal."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from ptyterm import run
from test_keeping_a_catalogue import HAND_KEPT, editor, services  # noqa: F401 - the fixture is used by name

from sora_refs import Catalogue

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


def always(screen: object) -> bool:
    """Type the answer as soon as the program is idle: the terminal keeps it until it is read."""
    return True


@pytest.fixture
def kept(tmp_path: Path) -> Path:
    path = tmp_path / "list.yaml"
    path.write_text(HAND_KEPT, encoding="utf-8")
    return path


def test_remove_asks_and_no_keeps_the_paper(kept: Path) -> None:
    screen = run(["--catalogue", str(kept), "remove", "sohldickstein2015deep"], keys=b"n\n", until=always)
    assert screen.returncode == 1
    assert "Remove 1 paper from" in screen.stderr and "Nothing was removed." in screen.stderr
    assert kept.read_text(encoding="utf-8") == HAND_KEPT
    screen = run(["--catalogue", str(kept), "remove", "sohldickstein2015deep"], keys=b"y\n", until=always)
    assert screen.returncode == 0, screen.stderr
    assert [p.key for p in Catalogue.load(kept).papers] == ["dosovitskiy2021image"]


def test_edit_offers_to_edit_again_with_the_error_on_top(kept: Path, tmp_path: Path) -> None:
    seen = tmp_path / "second.yaml"
    # First save: a year that is no year. Second (after "y"): the error is on top; fix the year.
    script = editor(
        tmp_path,
        f"""
if '# ERROR:' in text:
    Path({str(seen)!r}).write_text(text)
    path.write_text(text.replace('year: soon', 'year: 2020'))
else:
    path.write_text(text.replace('year: 2021', 'year: soon'))
""",
    )
    screen = run(["--catalogue", str(kept), "edit", "dosovitskiy2021image"], keys=b"y\n", until=always, EDITOR=script)
    assert screen.returncode == 0, screen.stderr
    assert "field 'year': expected a year" in screen.stderr and "Edit again?" in screen.stderr
    second = seen.read_text()
    assert "# ERROR: " in second and "year: soon" in second
    assert kept.read_text(encoding="utf-8") == HAND_KEPT.replace("  year: 2021\n", "  year: 2020\n")


def test_edit_declined_keeps_the_edit_in_a_file(kept: Path, tmp_path: Path) -> None:
    script = editor(tmp_path, "path.write_text(text.replace('year: 2021', 'year: soon'))\n")
    screen = run(["--catalogue", str(kept), "edit", "dosovitskiy2021image"], keys=b"n\n", until=always, EDITOR=script)
    assert screen.returncode == 1
    kept_at = screen.stderr.split("your edit is kept in ", 1)[1].strip().rstrip(".")
    assert Path(kept_at) == tmp_path / "list.dosovitskiy2021image.rejected.yaml"  # beside the catalogue
    assert "year: soon" in Path(kept_at).read_text()
    assert kept.read_text(encoding="utf-8") == HAND_KEPT
    # A second rejected edit is kept too, in a file of its own: the first is not overwritten.
    script = editor(tmp_path, "path.write_text(text.replace('year: 2021', 'year: later'))\n", name="second.py")
    screen = run(["--catalogue", str(kept), "edit", "dosovitskiy2021image"], keys=b"n\n", until=always, EDITOR=script)
    second_at = screen.stderr.split("your edit is kept in ", 1)[1].strip().rstrip(".")
    assert second_at != kept_at and "year: later" in Path(second_at).read_text()
    assert "year: soon" in Path(kept_at).read_text()


def test_add_prompts_for_a_category_on_a_terminal(kept: Path, services) -> None:  # noqa: F811
    screen = run(["--catalogue", str(kept), "add", "1706.03762"], keys=b"2\n", until=always)
    assert screen.returncode == 0, screen.stderr
    assert "  1. diffusion\n  2. transformers\n" in screen.stderr
    assert Catalogue.load(kept).get("vaswani2017attention").category == "transformers"
