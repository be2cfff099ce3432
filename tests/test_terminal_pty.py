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
@pytest.mark.parametrize(
    "args", [["list"], ["search", "video"], ["--lang", "zh", "list"], ["list", "-c", "gan", "-c", "rnn"]], ids=" ".join
)
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


def test_the_page_stays_on_the_screen_after_q(titles) -> None:
    """less runs as git runs it (LESS=-FRX): no alternate screen, so the table is still there after q."""
    screen = run(["list"], columns=80, rows=24)
    assert screen.paged and screen.returncode == 0
    assert b"\x1b[?1049h" not in screen.raw and b"\x1b[?47h" not in screen.raw
    assert_readable(screen, titles)


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


@pytest.mark.parametrize(
    "args, most",
    [(["list"], 40), (["search", "huge"], 40), (["stats"], 60), (["tree"], 20), (["show", "kingma2014auto"], 120)],
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_a_huge_title_is_cut_for_display(runner, monkeypatch, tmp_path, data_dir, args: list[str], most: int) -> None:
    from sora_refs.cli import cli

    small = (data_dir / "catalogues" / "small.yaml").read_text(encoding="utf-8")
    huge = "Huge " * 400_000  # 2 MB: wrapped whole, it would take 25,000 lines at 80 columns
    path = tmp_path / "huge.yaml"
    path.write_text(
        small.replace('title: "Auto-Encoding Variational Bayes"', f'title: "Auto-Encoding {huge}"', 1), encoding="utf-8"
    )
    monkeypatch.setenv("SORA_REFS_TERMINAL", "1")
    monkeypatch.setenv("COLUMNS", "80")
    result = runner.invoke(cli, ["--no-pager", "--catalogue", str(path), *args])
    assert result.exit_code == 0, result.output
    assert "Auto-Encoding Huge" in result.stdout or "Auto-Encoding…" in result.stdout
    assert "…" in result.stdout
    assert result.stdout.count("\n") < most


def right_edges(screen: Screen) -> set[int]:
    """The column of the last drawn cell of every row that has one (CJK cells count two)."""
    edges = set()
    for row in screen.cells:
        drawn = [x for x, cell in enumerate(row) if cell.data not in (" ", "")]
        if drawn:
            edges.add(drawn[-1])
    return edges


@pytest.mark.parametrize("columns", (80, 120))
def test_chinese_table_is_aligned(columns: int) -> None:
    screen = run(["--lang", "zh", "list", "-c", "diffusion"], columns=columns, rows=40)
    assert screen.returncode == 0
    table = [i for i, line in enumerate(screen.lines) if line.startswith(("┏", "┃", "┡", "│", "└"))]
    assert len(table) > 10
    edges = {max(x for x, cell in enumerate(screen.cells[i]) if cell.data not in (" ", "")) for i in table}
    assert len(edges) == 1, screen.text  # every row ends in the same column: wide characters counted as two
    assert "扩散模型" in screen.text


@pytest.mark.parametrize("columns", (60, 80, 120))
def test_stats_keeps_numbers_and_words_whole(columns: int, bundled) -> None:
    screen = run(["stats"], columns=columns, rows=60)
    assert screen.returncode == 0 and not screen.paged
    text = screen.text
    assert "…" not in text, text  # no number (or label) cut short
    for venue in {p.venue for p in bundled.papers} | {p.cited.venue for p in bundled.papers if p.cited}:
        assert re.search(rf"│{re.escape(venue)}\s", text), f"{venue} broken\n{text}"
    assert "37.5%" in text and "15.6%" in text
    highlights = text.split("Highlights\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(highlights) >= 6
    assert all(line.startswith("  ") for line in highlights), text  # wrapped lines hang under their text
    assert any("█" in line for line in screen.lines)  # the bars shrink, they do not go, at 60


@pytest.mark.parametrize("columns", (24, 32, 40, 48))
@pytest.mark.parametrize("lang", ("en", "zh"))
@pytest.mark.parametrize("by", ("venue", "year"))
def test_narrow_terminals_keep_every_count_whole(columns: int, lang: str, by: str, runner) -> None:
    # What gives way on a narrow screen is the bar, the shares, the borders and the headers: never a count.
    import csv

    from sora_refs.cli import cli
    from sora_refs.text import cells

    data = runner.invoke(cli, ["--lang", lang, "stats", "--by", by, "--format", "csv"]).stdout
    expected = list(csv.reader(data.splitlines()))[1:]
    screen = run(["--lang", lang, "stats", "--by", by], columns=columns, rows=60)
    assert screen.returncode == 0 and "…" not in screen.text, screen.text
    assert all(cells(line) <= columns for line in screen.lines)
    for label, cited, published in expected:
        found = [line for line in screen.lines if re.match(rf"^│?{re.escape(label)}[\s│]", line)]
        assert found, f"{label!r} missing at {columns} columns\n{screen.text}"
        numbers = re.findall(r"(?<![\d.])\d+(?![\d.%])", found[0][len(label) + 1 :])
        assert numbers == [cited, published], f"{label}: {numbers}\n{screen.text}"


def test_stats_by_category_wraps_names_between_words_only() -> None:
    screen = run(["stats", "--by", "category"], columns=50, rows=40)
    assert screen.returncode == 0
    assert "Autoregressive" in screen.text and "…" not in screen.text


@pytest.mark.parametrize(
    "columns, args, first",
    [
        (60, [], 2014),
        (80, [], 2014),
        (120, [], 2014),
        # 10 years and short lane names: four-digit years need 61 columns, so 60 is the edge case
        (60, ["-c", "rnn", "-c", "gan", "-c", "diffusion"], 2015),
        (61, ["-c", "rnn", "-c", "gan", "-c", "diffusion"], 2015),
    ],
)
def test_timeline_keeps_its_years(columns: int, args: list[str], first: int) -> None:
    screen = run(["timeline", *args], columns=columns, rows=40)
    assert screen.returncode == 0
    header = next(line for line in screen.lines if "Category" in line)
    for year in range(first, 2025):
        assert re.search(rf"(?<!\d)'?(20)?{year % 100:02d}(?!\d)", header), header
    assert "…" not in screen.text
    assert max(len(line) for line in screen.lines) <= columns


@pytest.mark.parametrize("columns", (30, 40))
@pytest.mark.parametrize("lang", ("en", "zh"))
def test_timeline_too_narrow_for_a_column_a_year_gives_a_line_a_year(columns: int, lang: str) -> None:
    from sora_refs.text import cells

    screen = run(["--lang", lang, "timeline"], columns=columns, rows=80)
    assert screen.returncode == 0 and "…" not in screen.text, screen.text
    assert all(cells(line) <= columns for line in screen.lines)
    years = [int(line[:4]) for line in screen.lines if re.match(r"^\d{4}  ", line)]
    assert years == list(range(2014, 2025))
    refs = {int(n) for n in re.findall(r"(?<![\w.])\d{1,2}(?![\w.])", screen.text.split("\n", 1)[1])}
    assert set(range(1, 33)) <= refs, screen.text  # every paper's ref is on the screen


@pytest.mark.parametrize("columns", (60, 120))
def test_tree_uses_the_width_it_has(columns: int, titles) -> None:
    screen = run(["tree", "-s", "video-generation"], columns=columns, rows=40)
    assert screen.returncode == 0
    papers = [line for line in screen.lines if re.search(r"── +\d+ ", line)]
    assert len(papers) == 12
    for line in papers:  # one line a paper: ref, title, then year and venue
        ref = re.search(r"── +(\d+) ", line).group(1)
        assert re.search(rf"{titles[ref][0]}, \w+$", line), line
    whole = "MoCoGAN: Decomposing Motion and Content for Video Generation 2018, CVPR"
    assert (whole in screen.text) == (columns == 120)


def test_show_keeps_urls_whole_and_linked() -> None:
    url = "https://proceedings.neurips.cc/paper_files/paper/2023/hash/06ea400b9b7cfce6428ec27a371632eb-Abstract-Conference.html"
    screen = run(["show", "18"], columns=80, rows=60)
    assert screen.returncode == 0
    plain = re.sub(rb"\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b\[[0-9;?]*[a-zA-Z]", b"", screen.raw).decode()
    assert url in plain  # written in one piece: the terminal wraps it, copying keeps it whole
    assert b"\x1b]8;id=" in screen.raw or b"\x1b]8;;" in screen.raw
    assert url.encode() in screen.raw.split(b"\x1b]8;", 1)[1]  # the hyperlink's target
    assert not visible_escapes(screen.lines)
    short = run(["show", "15"], columns=100, rows=60)
    assert "│ PDF          https://arxiv.org/pdf/2010.11929" in short.text  # fits: stays in the panel


def test_chinese_summary_wraps_between_characters() -> None:
    screen = run(["--lang", "zh", "show", "15"], columns=60, rows=60)
    assert screen.returncode == 0
    start = next(i for i, line in enumerate(screen.lines) if "简介" in line)
    summary = []
    for line in screen.lines[start:]:
        if "备注" in line:
            break
        summary.append(re.sub(r"^\s*(简介)?\s*", "", line.split("│")[1]).rstrip())
    assert summary[0].startswith("视觉 Transformer（ViT）把图像")  # not "视觉" alone on its line
    assert not any(line.lstrip().startswith(("，", "。", "；")) for line in summary)
    assert all(len(line) > 15 for line in summary[:-1]), summary  # lines are filled
