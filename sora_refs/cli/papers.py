"""How lists of papers are drawn: a rich table on a terminal, rows or data when piped."""

from __future__ import annotations

from collections.abc import Sequence

from ..catalogue import Catalogue
from ..models import Paper, family_name
from . import output
from .i18n import label

TABLE_MAX = 500
"""Most rows drawn as a table on a terminal; longer lists are cut with a message saying why."""

def short_authors(paper: Paper, lang: str = "en", most: int = 3) -> str:
    """``Ho, Jain, Abbeel`` for up to ``most`` authors, ``Vaswani et al.`` beyond."""
    surnames = [family_name(a) for a in paper.authors]
    if len(surnames) <= most:
        return ", ".join(surnames)
    return f"{surnames[0]} {label('et_al', lang)}"


def citation_line(paper: Paper, lang: str = "en", cited: bool = False) -> str:
    """``[26] Peebles, Xie (2023). Scalable Diffusion Models with Transformers. ICCV.``"""
    ref = f"[{paper.ref}] " if paper.ref is not None else ""
    return (f"{ref}{short_authors(paper, lang)} ({paper.year_as(cited)}). {paper.title.rstrip('.')}. "
            f"{paper.venue_as(cited)}.  <{paper.key}>")


def render(papers: Sequence[Paper], catalogue: Catalogue, format_: str, lang: str, cited: bool = False) -> None:
    """Print ``papers`` in ``format_`` (table, plain, json, yaml, csv, keys)."""
    if format_ == "json":
        output.write_json([p.as_dict() for p in papers])
    elif format_ == "yaml":
        if papers:
            output.write_yaml([p.as_dict() for p in papers])
        else:
            output.echo("[]")
    elif format_ == "csv":
        from ..formats import csv_  # the same columns as `export --format csv`

        output.write_csv(csv_.FIELDS, (csv_.row(p) for p in papers))
    elif format_ == "keys":
        if papers:
            output.echo("\n".join(p.key for p in papers))
    elif format_ == "plain":
        if papers:
            output.echo("\n".join(citation_line(p, lang, cited) for p in papers))
    elif output.is_terminal():
        if len(papers) > TABLE_MAX:
            # A table of thousands of rows takes seconds to draw and nobody reads it: show the top.
            output.message(f"Showing the first {TABLE_MAX} of {len(papers):,} papers. Narrow the list with "
                           f"filters (-c, -y, -a, ...) or --limit, or use --format plain or a pipe for all.")
            papers = papers[:TABLE_MAX]
        _rich_table(papers, catalogue, lang, cited)
    else:
        output.write_tsv((p.ref, p.key, p.year_as(cited), p.venue_as(cited), p.category, p.title) for p in papers)


def _rich_table(papers: Sequence[Paper], catalogue: Catalogue, lang: str, cited: bool) -> None:
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    console = output.console()
    if not papers:
        output.message(label("no_match", lang))
        return
    table = Table(title=f"{catalogue.info.title} — {len(papers)} {label('papers', lang)}",
                  header_style="bold", expand=False, pad_edge=False)
    rows = []
    for paper in papers:
        venue = Text(paper.venue_as(cited))
        other = paper.venue_as(not cited)
        if paper.cited and (other, paper.year_as(not cited)) != (venue.plain, paper.year_as(cited)):
            venue.append(f" ({other} {paper.year_as(not cited)})", style="dim")
        rows.append(("" if paper.ref is None else str(paper.ref), paper.title, short_authors(paper, lang, most=2),
                     venue, str(paper.year_as(cited)), catalogue.category_label(paper.category, lang)))
    # Every column but the title gets its width from us: rich then measures only the titles,
    # which halves the time to draw a table.
    headers = [label("ref", lang), label("title", lang), label("authors", lang),
               label("venue", lang) if not cited else label("cited", lang), label("year", lang),
               label("category", lang)]
    widths = [max([cell_len(headers[i])] + [cell_len(r[i] if isinstance(r[i], str) else r[i].plain) for r in rows])
              for i in range(len(headers))]
    table.add_column(headers[0], justify="right", style="cyan", no_wrap=True, width=widths[0])
    table.add_column(headers[1], ratio=1, overflow="fold")
    table.add_column(headers[2], no_wrap=True, overflow="ellipsis", width=min(widths[2], 24))
    table.add_column(headers[3], no_wrap=True, width=widths[3])
    table.add_column(headers[4], justify="right", no_wrap=True, width=widths[4])
    table.add_column(headers[5], style="magenta", overflow="fold", width=min(widths[5], 28))
    for row in rows:
        table.add_row(*row)
    console.print(table)
