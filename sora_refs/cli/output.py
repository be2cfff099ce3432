"""Where output goes and what it looks like: rich on a terminal, stable text when piped.

rich is imported only by the functions that draw with it.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import click

from ..text import UNSAFE, escape_unsafe

if TYPE_CHECKING:
    from rich.console import Console


def is_terminal() -> bool:
    """True when stdout is a terminal (``SORA_REFS_TERMINAL=1`` or ``0`` overrides the guess)."""
    forced = os.environ.get("SORA_REFS_TERMINAL")
    if forced in ("0", "1"):
        return forced == "1"
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


_SEPARATORS = str.maketrans({"\u2028": None, "\u2029": None})


def console(stderr: bool = False) -> Console:
    """A rich console on stdout (or stderr); NO_COLOR and TERM=dumb are honoured by rich itself."""
    from rich.console import Console

    class SafeConsole(Console):
        # The catalogue forbids control characters, but the Unicode line and paragraph separators
        # are text it may hold. rich measures them as zero columns and would print them raw; they
        # are dropped from what reaches the terminal (or the pager), so the layout stays as drawn.
        def _render_buffer(self, buffer: Any) -> str:
            text = super()._render_buffer(buffer)
            return text.translate(_SEPARATORS) if "\u2028" in text or "\u2029" in text else text

    forced = os.environ.get("SORA_REFS_TERMINAL") == "1"
    width = height = None
    if forced and not sys.stdout.isatty():
        import shutil

        # Both given, or rich falls back to 80x25 under TERM=dumb.
        width, height = shutil.get_terminal_size((100, 24))
    stream = sys.stderr if stderr else sys.stdout
    # markup and emoji off: catalogue text is shown as written ("[/]" or ":smile:" in a title is
    # text, not a style or an emoji); styled pieces are built as rich Text objects instead.
    return SafeConsole(
        file=stream,
        force_terminal=True if forced else None,
        width=width,
        height=height,
        highlight=False,
        soft_wrap=False,
        markup=False,
        emoji=False,
    )


def echo(text: str = "") -> None:
    """A line of data on stdout (control characters and bidi overrides shown escaped, never obeyed)."""
    click.echo(escape_unsafe(text))


def message(text: str) -> None:
    """A line for the person at the keyboard, on stderr (escaped like :func:`echo`)."""
    click.echo(escape_unsafe(text), err=True)


def nothing_found(lang: str = "en", what: str = "no_match") -> NoReturn:
    """Say that nothing matched, on stderr, and exit with status 1: the same piped or on a terminal."""
    from .i18n import message as sentence

    message(sentence(what, lang))
    raise SystemExit(1)


def write_json(data: Any) -> None:
    """JSON on stdout: indented, UTF-8 kept readable, a trailing newline."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """RFC 4180 CSV text with a header row."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            ["" if value is None else escape_unsafe(value) if isinstance(value, str) else value for value in row]
        )
    return buffer.getvalue()


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    click.echo(csv_text(header, rows), nl=False)


def write_csv_text(text: str) -> None:
    """CSV the library wrote (a header row, then rows) on stdout, cells escaped as :func:`write_csv` escapes them."""
    if not UNSAFE.search(text):  # nearly always: nothing to escape, nothing to parse again
        click.echo(text, nl=False)
        return
    import csv
    import io

    rows = csv.reader(io.StringIO(text, newline=""))
    write_csv(next(rows, []), rows)


def write_tsv(rows: Iterable[Sequence[Any]]) -> None:
    """Tab-separated rows, no header, tabs and newlines inside values folded to spaces.

    Other control characters (CR, VT, ESC...), line separators and bidi overrides are escaped, so
    that one value is one cell on one line and a terminal shows it rather than obeys it.
    """
    out = []
    for row in rows:
        out.append(
            "\t".join("" if v is None else escape_unsafe(str(v).replace("\t", " ").replace("\n", " ")) for v in row)
        )
    if out:
        click.echo("\n".join(out))


def yaml_text(data: Any) -> str:
    """YAML as the catalogue writes it: block style, Unicode kept, keys in the given order."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


def write_yaml(data: Any) -> None:
    click.echo(yaml_text(data), nl=False)
