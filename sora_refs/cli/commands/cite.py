"""``sora-refs cite``."""

from __future__ import annotations

import click

from ... import export_formats
from ..options import format_option
from ..state import State
from . import _write


@click.command("cite")
@click.argument("refs", nargs=-1, required=True, metavar="REF...")
@format_option(export_formats(), default="bibtex", help="Output format.")
@click.option("--as-cited", is_flag=True, help="Venue and year as the report cites them.")
@click.option("--ascii", "ascii_only", is_flag=True, help="LaTeX escapes instead of UTF-8 (BibTeX/biblatex).")
@click.option("--output", "-o", metavar="FILE", type=click.Path(dir_okay=False), help="Write to FILE.")
@click.pass_obj
def cite(
    state: State, refs: tuple[str, ...], format_: str, as_cited: bool, ascii_only: bool, output: str | None
) -> None:
    """Print the BibTeX (or another format) of the given papers, for pasting.

    REF is a ref number, a citekey or an arXiv id.

    \b
    Examples:
      sora-refs cite 26
      sora-refs cite vaswani2017attention 2212.09748
      sora-refs cite 13 --format ris
    """
    catalogue = state.catalogue
    papers = catalogue.get_many(refs)
    count = f"{len(papers)} paper{'' if len(papers) == 1 else 's'}"
    text = catalogue.export(format_, papers, as_cited=as_cited, ascii_only=ascii_only, lang=state.lang)
    _write.deliver(text, output, count)
