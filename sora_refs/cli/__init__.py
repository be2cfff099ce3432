"""The ``sora-refs`` command line: a click group whose commands load only when called.

Commands parse options, call the library and render; nothing else lives here.
"""

from __future__ import annotations

import errno
import importlib
import os
import sys
from typing import Any

import click

from .. import SoraRefsError, __version__
from .state import State

# name -> (module, attribute, one-line summary). The summary lives here so that
# `sora-refs --help` lists every command without importing any of them.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "list": ("list_", "list_", "List papers, filtered and sorted."),
    "show": ("show", "show", "Show every detail of one or more papers."),
    "check": ("check", "check", "Validate a catalogue file and report every problem."),
    "stats": ("stats", "stats", "Count papers by venue, year, category, ...; the report's highlights."),
    "tree": ("tree", "tree", "The mind map: sections, categories, papers."),
    "timeline": ("timeline", "timeline", "Papers by year, one lane per category."),
    "export": (
        "export",
        "export",
        "Export papers as BibTeX, biblatex, CSL-JSON, RIS, Markdown, JSON, YAML, CSV or HTML.",
    ),
    "cite": ("cite", "cite", "Print the BibTeX (or another format) of the given papers, for pasting."),
    "import": ("import_", "import_", "Merge BibTeX, CSL-JSON or RIS files into a catalogue."),
    "download": (
        "download",
        "download",
        "Download the papers' PDFs (all of them unless refs or filters narrow the list).",
    ),
    "search": ("search", "search", "Ranked, typo-tolerant search over the catalogue."),
    "site": ("site", "site", "Write a self-contained HTML page of the catalogue."),
    "open": ("open_", "open_", "Open a paper's page or PDF in the browser."),
    "add": ("add", "add", "Add papers to the catalogue by arXiv id or DOI, with their metadata looked up."),
    "edit": ("edit", "edit", "Edit one paper's entry in $VISUAL or $EDITOR, validated on save."),
    "remove": ("remove", "remove", "Remove papers from the catalogue (asks first on a terminal)."),
    "tag": ("tag", "tag", "Add (+tag) and remove (-tag) tags of a paper."),
    "set": ("set_", "set_", "Set fields of a paper (FIELD=VALUE; an empty VALUE removes the field)."),
    "mark": ("mark", "mark", "Mark papers as to-read, reading or read (your personal layer)."),
    "note": ("note", "note", "Write or read your note on a paper (Markdown, in your editor)."),
    "paths": ("paths", "paths", "Show where the catalogue, your reading status and notes, and the cache are."),
    "progress": ("progress", "progress", "Export, import and compare reading progress (status, personal tags, notes)."),
    "browse": ("browse", "browse", "Search, filter, read and cite the papers in a full-screen terminal app."),
}


EXIT_CODES = """\b
Exit status:
  0  success
  1  bad data, nothing found, a failed check or download
  2  bad usage (unknown option, malformed value)
  130  interrupted (Ctrl-C)"""


class ReportedError(click.ClickException):
    """A library error on its way to the user: one message, a documented exit status."""

    def __init__(self, error: SoraRefsError, lang: str = "en") -> None:
        from .hints import translated

        super().__init__(translated(error, lang))
        self.exit_code = error.exit_code  # type: ignore[misc]

    def show(self, file: Any = None) -> None:
        from ..text import escape_unsafe

        click.echo(f"Error: {escape_unsafe(self.format_message())}", err=True)


OUTPUT_ERRNOS = frozenset({errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG})


class OutputError(click.ClickException):
    """Standard output cannot take more (a full disk, an I/O error): one line, exit 1.

    A reader that left (``| head``) is not an error worth a line: that exits 1 quietly.
    """

    exit_code = 1

    def __init__(self, error: OSError) -> None:
        from .. import describe_error

        super().__init__(f"cannot write the output: {describe_error(error)}; it is incomplete")
        self.quiet = error.errno == errno.EPIPE

    def show(self, file: Any = None) -> None:
        if not self.quiet:
            click.echo(f"Error: {self.format_message()}", err=True)


def _stdout_failed() -> bool:
    """True when stdout refuses its buffered output (the error just caught was stdout's)."""
    try:
        sys.stdout.flush()
    except OSError:
        return True
    except ValueError:  # closed
        return True
    return False


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _in_language(error: click.ClickException, ctx: click.Context) -> click.ClickException:
    from .usage_zh import in_language  # only on the way out with an error

    return in_language(error, ctx)


HELP_WIDTH = 100
"""Help text is wrapped to the terminal, but never wider than this (long lines read badly)."""


class HelpFormatter(click.HelpFormatter):
    """click's formatter, with definition lists stacked where two columns no longer fit."""

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first = min(max((len(term) for term, _ in rows), default=0), col_max) + col_spacing
        if self.width - self.current_indent - first >= 24:
            return super().write_dl(rows, col_max, col_spacing)
        # Too narrow for a term column and a readable text column: the text goes under its term.
        from click.formatting import wrap_text

        for term, text in rows:
            self.write(f"{'':>{self.current_indent}}{term}\n")
            if text:
                indent = self.current_indent + 4
                wrapped = wrap_text(text, max(self.width - indent, 16), preserve_paragraphs=True)
                for line in wrapped.splitlines():
                    self.write(f"{'':>{indent}}{line}\n" if line else "\n")


class Context(click.Context):
    formatter_class = HelpFormatter


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command runs."""

    context_class = Context

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        if "terminal_width" not in extra:
            # click never wraps help narrower than 50 columns, so on a 40-column terminal every
            # line would run over the edge. Commands inherit the width from this context.
            import shutil

            columns = shutil.get_terminal_size().columns
            extra["terminal_width"] = max(min(columns, HELP_WIDTH) - 2, 24)
        return super().make_context(info_name, args, parent, **extra)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attribute, _ = COMMANDS[name]
        command: click.Command = getattr(importlib.import_module(f"{__name__}.commands.{module}"), attribute)
        if isinstance(command, click.Group):  # its own commands draw their help the same way
            for sub in command.commands.values():
                sub.context_class = Context
        command.context_class = Context
        return command

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple:
        name = args[0] if args else None
        if name is not None and name not in COMMANDS and not name.startswith("-"):
            from ..suggest import did_you_mean

            guess = did_you_mean(name, COMMANDS)
            hint = f" Did you mean '{guess}'?" if guess else ""
            ctx.fail(f"No such command '{name}'.{hint} Try 'sora-refs --help'.")
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in sorted(COMMANDS)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["sora_refs.argv"] = list(args)  # for hints that rewrite the command line
        try:
            return super().parse_args(ctx, args)
        except click.BadParameter as error:  # a global option's value (--lang zn)
            from .hints import add_choice_hint

            add_choice_hint(error)
            raise _in_language(error, ctx) from None
        except click.ClickException as error:
            raise _in_language(error, ctx) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return self._invoke(ctx)
        except click.ClickException as error:  # said in the user's language (--lang zh)
            raise _in_language(error, ctx) from None

    def _invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.NoSuchOption as error:  # list --lang zh, search -video, search x -c gan
            from .hints import teach_no_such_option

            text = teach_no_such_option(error, ctx)
            if text is None:
                raise
            raise click.UsageError(text, ctx=error.ctx) from None
        except click.BadParameter as error:  # a command's option value (--format jsn)
            from .hints import add_choice_hint

            add_choice_hint(error)
            raise
        except SoraRefsError as error:
            state = ctx.find_object(State)
            if state is not None and state.debug:
                raise
            raise ReportedError(error, state.lang if state is not None else "en") from None
        except OSError as error:
            # `sora-refs list | head` (the reader left), `> /dev/full`, an I/O error: files the
            # library writes report their own errors, so what is left here is stdout's. One line
            # (none for a reader that left) and exit 1.
            if error.errno in OUTPUT_ERRNOS:
                raise OutputError(error) from None
            raise


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": HELP_WIDTH},
    epilog=EXIT_CODES,
)
@click.option(
    "--catalogue",
    "catalogue_path",
    metavar="PATH",
    envvar="SORA_REFS_CATALOGUE",
    type=click.Path(dir_okay=False),
    help="Catalogue file to use instead of the bundled one [env: SORA_REFS_CATALOGUE].",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "zh"]),
    default="en",
    envvar="SORA_REFS_LANG",
    show_default=True,
    help="Language of names, labels and summaries [env: SORA_REFS_LANG].",
)
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.option(
    "--no-pager",
    is_flag=True,
    envvar="SORA_REFS_NO_PAGER",
    help="Never send long output through a pager [env: SORA_REFS_NO_PAGER].",
)
@click.version_option(__version__, "--version", prog_name="sora-refs")
@click.pass_context
def cli(ctx: click.Context, catalogue_path: str | None, lang: str, debug: bool, no_pager: bool = False) -> None:
    """Browse, cite and fetch the papers behind OpenAI's Sora (or any catalogue in the same format).

    \b
    Examples:
      sora-refs list -c diffusion
      sora-refs show 26
      sora-refs --lang zh list --year 2022
    """
    ctx.obj = State(catalogue_path=catalogue_path, lang=lang, debug=debug, no_pager=no_pager)


def main() -> None:
    """Console-script entry point: the documented exit statuses, Ctrl-C included."""
    try:
        status = cli.main(prog_name="sora-refs", standalone_mode=False)
        sys.stdout.flush()  # the last buffered output fails here, not in the interpreter's exit
    except click.exceptions.Abort:  # click's name for Ctrl-C (and end of input at a prompt)
        _finish(130, "Interrupted.")
    except KeyboardInterrupt:
        _finish(130, "Interrupted.")
    except click.ClickException as error:
        error.show()
        _finish(error.exit_code)
    except OSError as error:
        if error.errno not in OUTPUT_ERRNOS:
            raise
        OutputError(error).show()
        _finish(1)
    _finish(status if isinstance(status, int) else 0)


def _finish(status: int, message: str | None = None) -> None:
    """Exit with ``status``; output stdout could not take is dropped without a second message."""
    if message is not None:
        click.echo(message, err=True)
    if status == 130:
        _silence_stdout()  # interrupted: what is still buffered is dropped, not waited for (a full pipe)
    elif _stdout_failed():
        _silence_stdout()
        status = status or 1
    sys.exit(status)
