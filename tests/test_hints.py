"""Messages that teach: each of a newcomer's usual mistakes gets the fix, in English and Chinese."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sora_refs.cli import cli


def error_line(runner, *args: str) -> tuple[int, str]:
    result = runner.invoke(cli, list(args))
    return result.exit_code, result.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize(
    "args, expected",
    [
        (
            ["list", "--lang", "zh"],
            "错误：'list' 没有 '--lang' 选项：全局选项要写在命令之前，例如：sora-refs --lang zh list",
        ),
        (
            ["list", "-c", "gan", "--lang=en"],
            "Error: No such option '--lang' for 'list': global options go before the "
            "command, as in: sora-refs --lang=en list -c gan",
        ),
        (
            ["--lang", "en", "list", "-c", "gan", "--lang", "en"],
            "Error: No such option '--lang' for 'list': global options go before the "
            "command, as in: sora-refs --lang en list -c gan",
        ),
        (
            ["list", "--catalogue", "x.yaml"],
            "Error: No such option '--catalogue' for 'list': global options go before "
            "the command, as in: sora-refs --catalogue x.yaml list",
        ),
        (
            ["--lang", "en", "tree", "--debug"],
            "Error: No such option '--debug' for 'tree': global options go before the "
            "command, as in: sora-refs --lang en --debug tree",
        ),
    ],
)
def test_a_global_option_after_the_command(runner, args: list[str], expected: str) -> None:
    assert error_line(runner, *args) == (2, expected)


@pytest.mark.parametrize(
    "args, expected",
    [
        (
            ["list", "-c", "gan,rnn"],
            "Error: 'gan,rnn' is not one category: to give several, repeat the option, as in: "
            "sora-refs list -c gan -c rnn",
        ),
        (
            ["stats", "-s", "architecture, captioning"],
            "Error: 'architecture, captioning' is not one section: to give "
            "several, repeat the option, as in: sora-refs stats -s architecture "
            "-s captioning",
        ),
        (
            ["tree", "-y", "2020,2022"],
            "Error: Invalid value for '--year': '2020,2022' is not one year: to give several, "
            "repeat the option, as in: sora-refs tree -y 2020 -y 2022",
        ),
        (
            ["--lang", "zh", "list", "-c", "gan,rnn"],
            "错误：'gan,rnn' 不是单个类别：要给出多个，请重复该选项，例如：sora-refs list -c gan -c rnn",
        ),
    ],
)
def test_a_comma_list_asks_for_the_option_repeated(runner, args: list[str], expected: str) -> None:
    assert error_line(runner, *args) == (2, expected)


@pytest.mark.parametrize(
    "args, expected",
    [
        (
            ["search", "-video"],
            "Error: '-video' is not an option: to search for papers without a word, put it after --, "
            "as in: sora-refs search -- -video",
        ),
        (
            ["search", "diffusion", "-video"],
            "Error: '-video' is not an option: to leave out papers with a word, quote the "
            "whole query or put the words after --, as in: sora-refs search "
            "'diffusion -video' or sora-refs search -- diffusion -video",
        ),
        (
            ["search", "diffusion", "-c", "gan"],
            "Error: 'search' has no option '-c': filter inside the query, as in: "
            "sora-refs search 'diffusion category:gan'",
        ),
        (
            ["search", "diffusion", "--limit", "3", "--year=2020-", "-a", "ho"],
            "Error: 'search' has no option '--year': filter inside the query, as in: "
            "sora-refs search --limit 3 'diffusion year:2020- author:ho'",
        ),
        (
            ["--lang", "zh", "search", "扩散", "-c", "gan"],
            "错误：'search' 没有 '-c' 选项：请在查询中筛选，例如：sora-refs search '扩散 category:gan'",
        ),
    ],
)
def test_search_options_that_belong_in_the_query(runner, args: list[str], expected: str) -> None:
    assert error_line(runner, *args) == (2, expected)


def test_the_suggested_search_commands_work(runner) -> None:
    assert runner.invoke(cli, ["search", "diffusion category:gan"]).exit_code in (0, 1)
    found = runner.invoke(cli, ["search", "--", "diffusion", "-video"])
    assert found.exit_code == 0 and "Scalable Diffusion Models" in found.stdout


@pytest.mark.parametrize(
    "value, guess",
    [
        ("md", "'markdown'"),
        ("yml", "'yaml'"),
        ("bib", "'bibtex' or 'biblatex'"),
        ("jsn", "'json'"),
        ("csl", "'csl-json'"),
    ],
)
def test_a_format_abbreviation_gets_did_you_mean(runner, value: str, guess: str) -> None:
    status, line = error_line(runner, "export", "-f", value)
    assert status == 2
    assert line.endswith(f"Did you mean {guess}?")


def test_ids_of_categories_and_sections_ignore_case(runner) -> None:
    lower = runner.invoke(cli, ["list", "-c", "gan", "-s", "video-generation", "-f", "keys"]).stdout
    upper = runner.invoke(cli, ["list", "-c", "GAN", "-s", "Video-Generation", "-f", "keys"]).stdout
    assert lower and lower == upper


def test_stats_top_works_with_by_year(runner) -> None:
    out = runner.invoke(cli, ["stats", "--by", "year", "--top", "3"]).stdout.splitlines()
    assert [line.split()[0] for line in out[1:]] == ["2021", "2022", "2023"]  # the busiest years, in order


def test_stats_top_is_said_to_be_ignored_with_cross(runner) -> None:
    result = runner.invoke(cli, ["stats", "--cross", "category,year", "--top", "3"])
    assert result.exit_code == 0
    assert result.stderr.strip() == "--top is ignored with --cross (the table keeps every row and column)."


def test_one_short_flag_means_one_thing(runner) -> None:
    """-n is --limit wherever it exists; import's --dry-run has no short form, and -n there says so."""
    import click

    ctx = click.Context(cli)
    meanings: dict[str, set[str]] = {}
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        for param in command.params:
            for opt in getattr(param, "opts", []) + getattr(param, "secondary_opts", []):
                if len(opt) == 2:
                    meanings.setdefault(opt, set()).add(max(param.opts, key=len))
    assert meanings["-n"] == {"--limit"}
    assert error_line(runner, "import", "-n", "x.bib") == (
        2,
        "Error: No such option '-n' for 'import': '-n' means --limit in list, search and export; "
        "a dry run is --dry-run",
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (["list", "-y", "1990"], "No paper matches these filters."),
        (["list", "-y", "1990", "-f", "json"], "No paper matches these filters."),
        (["tree", "-y", "1990"], "No paper matches these filters."),
        (["timeline", "-y", "1990"], "No paper matches these filters."),
        (["stats", "-y", "1990"], "No paper matches these filters."),
        (["search", "zzzqqq"], "No paper matches this search."),
        (["--lang", "zh", "list", "-y", "1990"], "没有符合筛选条件的论文。"),
        (["--lang", "zh", "search", "zzzqqq"], "没有符合搜索条件的论文。"),
    ],
)
def test_finding_nothing_is_the_same_piped_or_on_a_terminal(args: list[str], message: str) -> None:
    from ptyterm import run

    piped = subprocess.run(
        [sys.executable, "-m", "sora_refs", *args], capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    terminal = run(args, columns=80, rows=24)
    assert (piped.returncode, piped.stderr.strip()) == (1, message)
    assert (terminal.returncode, terminal.stderr.strip()) == (1, message)


@pytest.mark.parametrize(
    "args, expected",
    [
        (["show", "99"], "Error: no paper with ref 99 (refs run from 1 to 32)"),
        (["--lang", "zh", "show", "99"], "错误：没有编号为 99 的论文（编号范围为 1–32）"),
        (["--lang", "zh", "show", "2101.99999"], "错误：没有 arXiv 编号为 2101.99999 的论文"),
        (
            ["--lang", "zh", "show", "peebles2023scalabel"],
            "错误：没有引用键为 'peebles2023scalabel' 的论文；您是想输入 'peebles2023scalable' 吗？",
        ),
        # A word of the paper rather than its key: the one paper a search finds is offered.
        (
            ["cite", "dit"],
            "Error: no paper with key 'dit'; did you mean 'peebles2023scalable' "
            "(Scalable Diffusion Models with Transformers)?",
        ),
        (
            ["--lang", "zh", "show", "DiT"],
            "错误：没有引用键为 'DiT' 的论文；您是想输入 'peebles2023scalable'"
            "（Scalable Diffusion Models with Transformers） 吗？",
        ),
        # A word every paper shares, or none has: no guess, the usual advice.
        (["show", "video"], "Error: no paper with key 'video'; give a ref number, a citekey or an arXiv id"),
        (["show", "xyzzy"], "Error: no paper with key 'xyzzy'; give a ref number, a citekey or an arXiv id"),
    ],
)
def test_not_found_in_english_and_chinese(runner, args: list[str], expected: str) -> None:
    assert error_line(runner, *args) == (1, expected)


@pytest.mark.parametrize(
    ("typed", "meant"), [("lsit", "list"), ("shwo", "show"), ("tiemline", "timeline"), ("ctie", "cite")]
)
def test_two_letters_swapped_find_the_command(runner, typed: str, meant: str) -> None:
    """difflib ranks "lsit" nearer to "site" than to "list"; a swap of two letters is the likelier slip."""
    result = runner.invoke(cli, [typed], prog_name="sora-refs")
    assert result.exit_code == 2
    assert f"No such command '{typed}'. Did you mean '{meant}'?" in result.output
