"""``sora-refs show``."""

from __future__ import annotations

import click

from ... import Catalogue, Paper, display_name
from .. import output
from ..completion import complete_refs
from ..i18n import label, venue_year
from ..options import format_option
from ..pager import paged
from ..state import State


def details(paper: Paper, catalogue: Catalogue, lang: str) -> list[tuple[str, str]]:
    """The rows shown for a paper, in order; empty fields left out."""
    L = lambda name: label(name, lang)  # noqa: E731
    published = venue_year(paper.venue, paper.year, lang)
    if paper.venue_full and paper.venue_full != paper.venue:
        published += f" — {paper.venue_full}"
    extra = ", ".join(
        filter(
            None,
            (
                f"vol. {paper.volume}" if paper.volume else None,
                f"no. {paper.number}" if paper.number else None,
                f"pp. {paper.pages}" if paper.pages else None,
                paper.publisher,
            ),
        )
    )
    if extra:
        published += f" ({extra})"
    rows = [
        (L("ref"), str(paper.ref) if paper.ref is not None else ""),
        (L("key"), paper.key),
        (L("aliases"), ", ".join(paper.aliases)),
        (L("title"), paper.title),
        (
            L("authors"),
            ", ".join(display_name(a) for a in paper.authors) + (f", {L('et_al')}" if paper.authors_truncated else ""),
        ),
        (
            L("editors"),
            ", ".join(display_name(a) for a in paper.editors) + (f", {L('et_al')}" if paper.editors_truncated else ""),
        ),
        (L("published"), published),
    ]
    if paper.cited:
        same = (paper.cited.venue, paper.cited.year) == (paper.venue, paper.year)
        rows.append(
            (
                L("cited"),
                f"{paper.cited.venue} {paper.cited.year}"
                + (" (same)" if same and lang == "en" else " （相同）" if same else ""),
            )
        )
    rows += [
        (L("type"), paper.type.value + (f" ({paper.thesis.value})" if paper.thesis else "")),
        (L("category"), catalogue.category_label(paper.category, lang)),
        (L("section"), catalogue.section_label(paper.section, lang)),
        (
            L("ids"),
            ", ".join(
                filter(
                    None,
                    (
                        (f"arXiv:{paper.ids.arxiv}" + (f" [{paper.ids.arxiv_class}]" if paper.ids.arxiv_class else ""))
                        if paper.ids.arxiv
                        else None,
                        f"doi:{paper.ids.doi}" if paper.ids.doi else None,
                    ),
                )
            ),
        ),
        (L("landing"), paper.landing_url or ""),
        (L("pdf"), paper.pdf_url or ""),
        (L("tags"), ", ".join(paper.tags)),
        (L("summary"), paper.summary_in(lang) or ""),
        (L("notes"), paper.notes or ""),
        (L("note"), paper.note or ""),
        (L("keywords"), ", ".join(paper.keywords)),
        (L("files"), ", ".join(paper.files)),
        (L("abstract"), paper.abstract or ""),
        (L("extra"), ", ".join(f"{name} = {value}" for name, value in (paper.extra or {}).items())),
    ]
    mine = catalogue.personal() if catalogue.has_personal() else None
    if mine is not None and mine.exists:
        status = mine.status(paper.key)
        note = mine.note(paper.key)
        rows += [
            (L("status"), L(status.value) if status else ""),
            (L("my_tags"), ", ".join(mine.tags(paper.key))),
            (L("my_note"), _first_line(note) if note else ""),
        ]
    return [(name, value) for name, value in rows if value]


def _panels(papers: list[Paper], catalogue: Catalogue, lang: str) -> None:
    """A panel a paper. Links stay whole: where one does not fit in the panel, the links follow it
    on lines of their own, which the terminal wraps, so that copying one copies all of it; and
    each is a terminal hyperlink (OSC 8) where the terminal understands them."""
    import os

    from rich.panel import Panel
    from rich.style import Style
    from rich.table import Table
    from rich.text import Text

    from ...text import cells as cell_width
    from ..cjkwrap import has_cjk, wrap
    from ..paper_table import clip

    console = output.console()
    links_allowed = os.environ.get("TERM", "") not in ("linux", "dumb")
    link_rows = {label("landing", lang), label("pdf", lang)}

    def link(url: str) -> Text:
        return Text(
            url, style=Style(link=url) if links_allowed and "://" in url else "", no_wrap=True, overflow="ignore"
        )

    for paper in papers:
        rows = details(paper, catalogue, lang)
        name_width = max(cell_width(name) for name, _ in rows)
        room = console.width - 4 - name_width - 2  # panel border and padding, the gap after the name
        links = [(name, value) for name, value in rows if name in link_rows]
        inside = all(cell_width(value) <= room for _, value in links)
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold cyan", no_wrap=True)
        grid.add_column(overflow="fold")
        for name, value in rows:
            if name in link_rows:
                if inside:
                    grid.add_row(name, link(value))
                continue
            value = clip(value, 5_000)
            if has_cjk(value):  # break between Chinese characters, not only at spaces
                value = "\n".join(wrap(value, room))
            grid.add_row(name, Text(value))
        title = f"[{paper.ref}] {paper.title}" if paper.ref is not None else paper.title
        # Text, not str: a Panel would read a str title as markup.
        console.print(Panel(grid, title=Text(clip(title, 400)), title_align="left", expand=True))
        if not inside:
            for name, value in links:
                line = Text(" " + name.ljust(name_width) + "  ", style="bold cyan")
                line.append_text(link(value))
                console.print(line, soft_wrap=True)


@click.command("show")
@click.argument("refs", nargs=-1, required=True, metavar="REF...", shell_complete=complete_refs)
@format_option(
    ["text", "json", "yaml"], default="text", help="text: a panel on a terminal, 'Field: value' lines when piped."
)
@click.pass_obj
@paged
def show(state: State, refs: tuple[str, ...], format_: str) -> None:
    """Show every detail of one or more papers.

    REF is a ref number, a citekey or an arXiv id.

    \b
    Examples:
      sora-refs show 26
      sora-refs show peebles2023scalable 2212.09748
      sora-refs --lang zh show 15
    """
    catalogue = state.catalogue
    papers = catalogue.get_many(refs)
    if format_ in ("json", "yaml"):
        from ..paperlist import records

        write = output.write_json if format_ == "json" else output.write_yaml
        write(records(papers, catalogue))
        return
    if output.is_terminal():
        _panels(papers, catalogue, state.lang)
        return
    blocks = []
    for paper in papers:
        blocks.append("\n".join(f"{name}: {value}" for name, value in details(paper, catalogue, state.lang)))
    output.echo("\n\n".join(blocks))


def _first_line(note: str) -> str:
    """The note's first line of text, and how to read the rest (a note is Markdown of any length)."""
    lines = [line.strip() for line in note.splitlines() if line.strip()]
    if not lines:
        return ""
    more = len(lines) - 1
    return lines[0] + (f" (+{more} line{'s' if more != 1 else ''}: sora-refs note --print)" if more else "")
