"""``sora-refs open``."""

from __future__ import annotations

import click

from ... import NotFoundError
from .. import output
from ..completion import complete_refs
from ..state import State


@click.command("open")
@click.argument("ref", metavar="REF", shell_complete=complete_refs)
@click.option("--pdf", is_flag=True, help="Open the PDF instead of the landing page.")
@click.option("--print", "print_", is_flag=True, help="Only print the URL (also what happens when piped).")
@click.pass_obj
def open_(state: State, ref: str, pdf: bool, print_: bool) -> None:
    """Open a paper's page or PDF in the browser.

    REF is a ref number, a citekey or an arXiv id. --pdf opens the paper's local file when it
    has one (imported from Zotero's or Mendeley's file field), else its PDF link. The browser
    is the system's default, or $BROWSER. When output is piped, or no browser can be found, the
    URL is printed instead.

    \b
    Examples:
      sora-refs open 26
      sora-refs open peebles2023scalable --pdf
      sora-refs open 2212.09748 --print | xclip
    """
    paper = state.catalogue.get(ref)
    url = paper.pdf_url if pdf else paper.landing_url
    if pdf:
        from ... import fetch

        local = fetch.local_pdf(paper)  # a copy the library already has (Zotero's file field) comes first
        url = local.resolve().as_uri() if local is not None else url
    if not url:
        what = "a PDF link" if pdf else "a landing page or an arXiv id"
        raise NotFoundError(f"{paper.label} has no {what}")
    if print_ or not output.is_terminal():
        output.echo(url)
        return
    import webbrowser  # only here: it looks for browsers when first used

    try:
        opened = webbrowser.open(url)
    except webbrowser.Error:
        opened = False
    if opened:
        output.message(f"Opened {url}")
    else:
        output.message("No browser found; here is the URL:")
        output.echo(url)
