"""Under --lang zh (or SORA_REFS_LANG=zh) every usage error is said in Chinese: click's own
("No such option", "Missing argument", "Invalid value") and the library's usual ones."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from sora_refs.cli import cli
from sora_refs.cli.usage_zh import say

ENGLISH = re.compile(r"\b(Error|Usage|Try|Invalid|Missing|No such|unknown|requires|expected|is not|did you mean)\b")


def zh(runner, *args: str, env: dict[str, str] | None = None):
    result = runner.invoke(cli, ["--lang", "zh", *args], env=env, prog_name="sora-refs")
    return result.exit_code, result.stderr


@pytest.mark.parametrize(
    "args, status, expected",
    [
        (["list", "--bogus"], 2, "错误：没有 '--bogus' 这个选项。"),
        (["list", "--foramt", "json"], 2, "错误：没有 '--foramt' 这个选项。您是想输入 '--format' 或 '--sort' 吗？"),
        (["list", "-c"], 2, "错误：选项 '-c' 需要一个值。"),
        (["shw"], 2, "错误：没有 'shw' 这个命令。您是想输入 'show' 吗？运行 'sora-refs --help' 查看所有命令。"),
        (["show"], 2, "错误：缺少参数 'REF...'。"),
        (["list", "extra"], 2, "错误：多余的参数：extra"),
        (["list", "--limit", "x"], 2, "错误：'--limit' / '-n' 的值无效：'x' 不是有效的整数。"),
        (
            ["list", "--format", "jsn"],
            2,
            "错误：'--format' / '-f' 的值无效：'jsn' 不是 'table'、'plain'、'json'、'yaml'、'csv'、'keys' 之一。"
            "您是想输入 'json' 吗？",
        ),
        (["list", "-c", "gann"], 2, "错误：未知的类别 'gann'；您是想输入 'gan' 吗？"),
        (["list", "-y", "2022-2020"], 2, "错误：'--year' 的值无效：无效的年份范围 '2022-2020'：2022 在 2020 之后"),
        (
            ["list", "-y", "abc"],
            2,
            "错误：'--year' 的值无效：无效的年份或范围 'abc'：应写成 2022、2020-2022、2021- 或 -2017",
        ),
        (["search", "titel:x"], 2, "错误：查询中没有 'titel:' 这个字段；您是想输入 'title:' 吗？"),
        (["search", "a OR"], 2, "错误：OR 两侧都需要一个词（gan OR rnn）"),
        (["search", "tag:nosuch"], 2, "错误：未知的标签 'nosuch'；没有论文带有它"),
        (["show", "99"], 1, "错误：没有编号为 99 的论文（编号范围为 1–32）"),
    ],
)
def test_errors_are_said_in_chinese(runner, args, status, expected) -> None:
    code, stderr = zh(runner, *args)
    assert code == status
    assert expected in stderr.splitlines()
    assert not ENGLISH.search(stderr.replace("sora-refs", "").replace("OPTIONS", "").replace("QUERY", "")), stderr


def test_the_usage_frame_is_chinese_and_points_at_help(runner) -> None:
    code, stderr = zh(runner, "list", "--bogus")
    assert stderr.splitlines()[:3] == ["用法：sora-refs list [OPTIONS]", "运行 'sora-refs list --help' 查看帮助。", ""]


def test_a_query_error_keeps_its_pointer_under_chinese_words(runner) -> None:
    code, stderr = zh(runner, "search", "扩散 titel:x")
    assert stderr.splitlines()[1:] == ["  扩散 titel:x", "       ^^^^^^"]  # 扩散 takes four columns


def test_english_stays_english(runner) -> None:
    result = runner.invoke(cli, ["list", "--bogus"], prog_name="sora-refs")
    assert result.stderr.splitlines()[0] == "Usage: sora-refs list [OPTIONS]"
    assert result.stderr.splitlines()[-1] == "Error: No such option '--bogus'."


def test_the_language_from_the_environment_and_after_the_command(runner) -> None:
    result = runner.invoke(cli, ["list", "--bogus"], env={"SORA_REFS_LANG": "zh"})
    assert result.stderr.splitlines()[-1] == "错误：没有 '--bogus' 这个选项。"
    result = runner.invoke(cli, ["list", "--lang", "zh"])  # misplaced, but what the user asked for
    assert result.stderr.splitlines()[-1].startswith("错误：'list' 没有 '--lang' 选项")


def test_the_installed_command_says_it_too() -> None:
    # main(), not click's standalone mode: the path a terminal takes.
    env = {k: v for k, v in os.environ.items() if not k.startswith("SORA_REFS_LANG")}
    done = subprocess.run(
        [sys.executable, "-m", "sora_refs", "--lang", "zh", "list", "--sort", "nope"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        "错误：'--sort' 的值无效：'nope' 不是 'ref'、'year'、'title'、'venue'、'author'、'key' 之一。"
    )


def test_an_unknown_message_keeps_its_words_in_a_chinese_frame() -> None:
    assert say("something new went wrong") == "something new went wrong"
    assert say("unknown venue 'x'; known: A, B\n  venue:x\n  ^") == "未知的出处 'x'；可用的值：A、B\n  venue:x\n  ^"
