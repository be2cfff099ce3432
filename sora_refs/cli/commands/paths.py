"""``sora-refs paths``: where sora-refs reads and keeps things."""

from __future__ import annotations

import os

import click

from .. import output
from ..options import REPORT_FORMATS, format_option
from ..state import State


@click.command("paths")
@format_option(REPORT_FORMATS, default="text", help="text: 'name: path' lines; json: an object.")
@click.pass_obj
def paths(state: State, format_: str) -> None:
    """Show where the catalogue, your reading status and notes, and the cache are.

    Your personal layer (reading status, personal tags, notes) is one YAML file per catalogue
    under the user data directory, with a folder of Markdown notes beside it. Set
    SORA_REFS_DATA_DIR to keep it elsewhere (a synced folder, a test directory). The
    configuration file (SORA_REFS_CONFIG overrides it) may hold 'mailto: you@example.org' for
    Crossref's polite pool.

    \b
    Examples:
      sora-refs paths
      sora-refs --catalogue my-refs.yaml paths --format json
    """
    from ... import fetch

    catalogue = state.catalogue
    mine = catalogue.personal()
    rows = {
        "catalogue": str(catalogue.path) + (" (bundled, read-only)" if catalogue.is_bundled else ""),
        "data": str(mine.data_dir()),
        "personal": str(mine.path),
        "notes": str(mine.notes_dir),
        "config": fetch.config_file(),
        "cache": catalogue.cache_root(),
        "pdfs": os.environ.get("SORA_REFS_PDF_DIR") or os.path.abspath("sora-refs-pdfs"),
    }
    if format_ == "json":
        rows["catalogue"] = str(catalogue.path)
        output.write_json(rows)
        return
    width = max(len(name) for name in rows)
    for name, value in rows.items():
        output.echo(f"{name + ':':<{width + 1}} {value}")
