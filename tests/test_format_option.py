"""Every command that offers output formats does it with the one shared --format/-f option."""

from __future__ import annotations

import click

from sora_refs.cli import COMMANDS, cli
from sora_refs.cli.options import COUNT_FORMATS, PAPER_FORMATS, REPORT_FORMATS


def commands() -> dict[str, click.Command]:
    context = click.Context(cli)
    found = {}
    for name in COMMANDS:
        command = cli.get_command(context, name)
        assert command is not None
        found[name] = command
        if isinstance(command, click.Group):
            found.update({f"{name} {sub}": command.get_command(context, sub) for sub in command.list_commands(context)})
    return found


def test_every_format_option_is_the_shared_one() -> None:
    with_formats = {}
    for name, command in commands().items():
        for param in command.params:
            if param.name == "format_":
                assert isinstance(param, click.Option) and param.opts == ["--format", "-f"], name
                assert param.show_default and isinstance(param.type, click.Choice), name
                with_formats[name] = tuple(param.type.choices)
    assert with_formats["list"] == with_formats["search"] == PAPER_FORMATS
    assert with_formats["stats"] == COUNT_FORMATS
    assert with_formats["check"] == with_formats["download"] == REPORT_FORMATS
    assert "bibtex" in with_formats["export"] and with_formats["export"] == with_formats["cite"]
