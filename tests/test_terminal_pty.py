"""What a person sees in a real terminal (a pseudo-terminal read through pyte), on a fresh account:
``PAGER`` and ``LESS`` unset. Colour shows as colour, ``q`` leaves the pager, and the first screen
of a list shows every paper's ref, year and a title one can read, at any usual width."""

from __future__ import annotations

import re
import sys

import pytest
from ptyterm import Screen, run, visible_escapes

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

WIDTHS = (60, 80, 100, 120, 200)


@pytest.fixture(scope="module")
def titles(bundled) -> dict[str, tuple[str, str]]:
    """ref -> (year, title) of the bundled catalogue."""
    return {str(p.ref): (str(p.year), " ".join(p.title.split())) for p in bundled.papers}


def first_lines(screen: Screen) -> dict[str, tuple[str, str]]:
    """ref -> (year, first line of the title) for every paper whose first line is on the screen.

    Reads both layouts: the table (``│ 12 │ Title… │ … │ 2024 │``) and the compact one
    (``12 2024 Title…``).
    """
    found = {}
    for line in screen.lines:
        cells = [c.strip() for c in line.split("│")]
        if len(cells) > 3 and cells[1].isdigit():
            years = [c for c in cells[3:] if re.fullmatch(r"\d{4}", c)]
            found[cells[1]] = (years[0] if years else "", cells[2])
            continue
        compact = re.match(r"^\s*(\d+) (\d{4}) (\S.*)$", line)
        if compact:
            found[compact.group(1)] = (compact.group(2), compact.group(3).strip())
    return found


def assert_readable(screen: Screen, titles: dict[str, tuple[str, str]], least: int = 4) -> None:
    assert not visible_escapes(screen.lines), screen.text
    shown = first_lines(screen)
    assert len(shown) >= least, screen.text
    for ref, (year, start) in shown.items():
        want_year, title = titles[ref]
        assert year == want_year, f"ref {ref}: year {year!r}\n{screen.text}"
        # Readable: the title's first words, at least 20 letters of it (or all of a short one).
        assert title.startswith(start) and len(start) >= min(20, len(title)), f"ref {ref}: {start!r}\n{screen.text}"


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("args", [["list"], ["search", "video"], ["--lang", "zh", "list"],
                                  ["list", "-c", "gan", "-c", "rnn"]],
                         ids=" ".join)
def test_first_screen_shows_ref_year_and_title(columns: int, args: list[str], titles) -> None:
    screen = run(args, columns=columns, rows=24)
    assert screen.returncode == 0, screen.stderr
    assert_readable(screen, titles)


def test_pager_shows_colour_as_colour_and_q_quits(titles) -> None:
    screen = run(["list"], columns=80, rows=24)
    assert screen.paged, screen.text  # 32 papers do not fit 24 rows
    assert screen.returncode == 0  # the run only ends once q has left the pager
    assert_readable(screen, titles)
    colours = {cell.fg for row in screen.cells for cell in row}
    assert "cyan" in colours  # the refs are coloured, so colour reached the screen as colour


def test_a_pager_told_nothing_about_colour_gets_plain_text(titles) -> None:
    screen = run(["list"], columns=80, rows=24, LESS="-X")  # LESS set, but without -R
    assert screen.paged and screen.returncode == 0
    assert_readable(screen, titles)
    assert b"\x1b[36m" not in screen.raw


def test_a_pager_that_is_asked_for_colour_gets_it(titles) -> None:
    screen = run(["list"], columns=100, rows=24, PAGER="less -R")
    assert screen.paged and screen.returncode == 0
    assert_readable(screen, titles)
    assert "cyan" in {cell.fg for row in screen.cells for cell in row}


@pytest.mark.parametrize("args", [["stats"], ["tree"], ["show", "15", "18"], ["timeline"]], ids=" ".join)
def test_other_long_views_page_in_colour(args: list[str]) -> None:
    screen = run(args, columns=80, rows=15)
    assert screen.paged and screen.returncode == 0, screen.text
    assert not visible_escapes(screen.lines), screen.text


def test_output_shorter_than_the_window_is_not_paged() -> None:
    screen = run(["search", "schmidhuber"], columns=80, rows=40)
    assert not screen.paged and screen.returncode == 0
    assert "World Models" in screen.text
    assert not visible_escapes(screen.lines)


@pytest.mark.parametrize("args", [["list"], ["search", "huge"]], ids=" ".join)
def test_a_huge_title_is_cut_for_display(runner, monkeypatch, tmp_path, data_dir, args: list[str]) -> None:
    from sora_refs.cli import cli

    small = (data_dir / "catalogues" / "small.yaml").read_text(encoding="utf-8")
    huge = "Huge " * 400_000  # 2 MB: wrapped whole, it would take 25,000 lines at 80 columns
    path = tmp_path / "huge.yaml"
    path.write_text(small.replace('title: "Auto-Encoding Variational Bayes"', f'title: "Auto-Encoding {huge}"', 1),
                    encoding="utf-8")
    monkeypatch.setenv("SORA_REFS_TERMINAL", "1")
    monkeypatch.setenv("COLUMNS", "80")
    result = runner.invoke(cli, ["--no-pager", "--catalogue", str(path), *args])
    assert result.exit_code == 0, result.output
    assert "Auto-Encoding Huge" in result.stdout and "…" in result.stdout
    assert result.stdout.count("\n") < 40
