"""Every command's --help: a one-line summary and an Examples block of two or three real examples."""

from __future__ import annotations

import shlex

import pytest

from sora_refs.cli import COMMANDS, cli


def _examples(lines: list[str]) -> list[str] | None:
    """The example command lines under "Examples:", or None when there is no such block."""
    stripped = [line.strip() for line in lines]
    if "Examples:" not in stripped:
        return None
    examples = []
    for line in stripped[stripped.index("Examples:") + 1 :]:
        if not line.startswith("sora-refs"):
            break
        examples.append(line)
    return examples


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_has_summary_and_examples(runner, name: str) -> None:
    result = runner.invoke(cli, [name, "--help"], prog_name="sora-refs", terminal_width=100)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"Usage: sora-refs {name}")
    command = cli.get_command(None, name)  # type: ignore[arg-type]
    first_paragraph = (command.help or "").strip().split("\n\n")[0]
    assert "\n" not in first_paragraph and first_paragraph.endswith("."), (
        f"{name}: the summary is not one line: {first_paragraph!r}"
    )
    assert lines[2].strip() == first_paragraph
    examples = _examples(lines)
    assert examples is not None, f"{name}: no Examples block"
    assert 2 <= len(examples) <= 3, f"{name}: {len(examples)} examples"
    for example in examples:
        words = shlex.split(example)
        assert name in words[1:4], f"{name}: example {example!r} does not run the command"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_examples_parse(runner, name: str) -> None:
    """Each example's options exist: parsing it with --help appended fails on no unknown option."""
    lines = runner.invoke(cli, [name, "--help"], prog_name="sora-refs").stdout.splitlines()
    for line in _examples(lines) or []:
        words = shlex.split(line.split(" | ")[0])[1:]
        result = runner.invoke(cli, [*words, "--help"])
        assert result.exit_code == 0, f"{line}: {result.output}"


def test_group_help_lists_every_command(runner) -> None:
    result = runner.invoke(cli, ["--help"])
    flowing = " ".join(result.stdout.split())  # long summaries wrap
    for name, (_, _, summary) in COMMANDS.items():
        assert f"{name}  {summary}" in flowing or f"{name} {summary}" in flowing
    assert "Examples:" in result.stdout


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_group_listing_says_what_the_command_says(name: str) -> None:
    """`sora-refs --help` lists commands without importing them; its summaries must not drift."""
    command = cli.get_command(None, name)  # type: ignore[arg-type]
    assert COMMANDS[name][2] == (command.help or "").strip().split("\n\n")[0]


@pytest.mark.parametrize("columns", [40, 60])
@pytest.mark.parametrize("args", [["--help"], ["list", "--help"], ["progress", "export", "--help"]])
def test_help_wraps_to_a_narrow_terminal(args: list[str], columns: int) -> None:
    """Prose and option descriptions fit the terminal; only examples and long option names may not."""
    from ptyterm import run

    screen = run(args, columns=columns, rows=200, keys=b"")
    assert screen.returncode == 0, screen.stderr
    text = screen.raw.decode().replace("\r\n", "\n")
    preformatted = False
    long_lines = []
    for line in text.splitlines():
        if line.strip() in ("Examples:", "Exit status:"):
            preformatted = True  # click's \b blocks are printed as written
        elif not line.startswith("    ") or line.strip().startswith("-"):
            preformatted = line.strip().startswith("sora-refs") and preformatted
        option_term = line.lstrip().startswith("-") and "  " not in line.strip()
        if len(line) > columns and not preformatted and not option_term:
            long_lines.append(line)
    assert not long_lines, "\n".join(long_lines)
    assert "Options:" in text or "Commands:" in text
