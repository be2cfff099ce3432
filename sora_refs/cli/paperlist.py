"""How lists of papers are drawn: a rich table on a terminal, rows or data when piped."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import Catalogue, Paper, names
from . import output
from .i18n import label, year_text

if TYPE_CHECKING:
    from .paper_table import Headers, Row

TABLE_MAX = 500
"""Most rows drawn as a table on a terminal; longer lists are cut with a message saying why."""


def short_authors(paper: Paper, lang: str = "en", most: int = 3) -> str:
    """``Ho, Jain, Abbeel`` for up to ``most`` authors, ``Vaswani et al.`` beyond."""
    return names.short_authors(paper.authors, most, et_al=label("et_al", lang))


def citation_line(paper: Paper, lang: str = "en", cited: bool = False) -> str:
    """``[26] Peebles, Xie (2023). Scalable Diffusion Models with Transformers. ICCV.``"""
    ref = f"[{paper.ref}] " if paper.ref is not None else ""
    return (
        f"{ref}{short_authors(paper, lang)} ({year_text(paper.year_as(cited), lang)}). {paper.title.rstrip('.')}. "
        f"{paper.venue_as(cited)}.  <{paper.key}>"
    )


def records(papers: Sequence[Paper], catalogue: Catalogue) -> list[dict]:
    """Papers as data: the catalogue's fields, then ``personal``, what the reader keeps about each
    (``status``, ``tags``, ``updated``, ``note``; null or empty where there is nothing)."""
    mine = catalogue.personal() if catalogue.has_personal() else None
    kept = set(mine.keys()) if mine is not None and mine.exists else set()
    notes = mine.notes(p.key for p in papers) if mine is not None and mine.exists else {}
    result = []
    for paper in papers:
        record = paper.as_dict()
        state = mine.state(paper.key) if mine is not None and paper.key in kept else None
        record["personal"] = {
            "status": state.status.value if state and state.status else None,
            "tags": list(state.tags) if state else [],
            "updated": state.updated if state else None,
            "note": notes.get(paper.key),
        }
        result.append(record)
    return result


def render(papers: Sequence[Paper], catalogue: Catalogue, format_: str, lang: str, cited: bool = False) -> None:
    """Print ``papers`` in ``format_`` (table, plain, json, yaml, csv, keys).

    Where the reader has marked some of them (``sora-refs mark``), the table shows the status
    after the title, plain lines end with it and tab-separated rows get a last column for it;
    JSON and YAML add it, with personal tags and notes, under ``personal`` (see :func:`records`).
    CSV stays the catalogue's fields, the columns of ``export --format csv``.
    """
    statuses = (
        catalogue.personal().statuses(p.key for p in papers)
        if format_ in ("table", "plain") and catalogue.has_personal()
        else {}
    )
    if format_ == "json":
        output.write_json(records(papers, catalogue))
    elif format_ == "yaml":
        if papers:
            output.write_yaml(records(papers, catalogue))
        else:
            output.echo("[]")
    elif format_ == "csv":
        output.write_csv_text(catalogue.export("csv", papers))  # the columns of `export --format csv`
    elif format_ == "keys":
        if papers:
            output.echo("\n".join(p.key for p in papers))
    elif format_ == "plain":
        if papers:
            output.echo(
                "\n".join(
                    citation_line(p, lang, cited) + (f"  [{statuses[p.key]}]" if p.key in statuses else "")
                    for p in papers
                )
            )
    elif output.is_terminal():
        if len(papers) > TABLE_MAX:
            # A table of thousands of rows takes seconds to draw and nobody reads it: show the top.
            output.message(
                f"Showing the first {TABLE_MAX} of {len(papers):,} papers. Narrow the list with "
                f"filters (-c, -y, -a, ...) or --limit, or use --format plain or a pipe for all."
            )
            papers = papers[:TABLE_MAX]
        _rich_table(papers, catalogue, lang, cited, statuses)
    elif statuses:
        output.write_tsv(
            (p.ref, p.key, p.year_as(cited), p.venue_as(cited), p.category, p.title, statuses.get(p.key, ""))
            for p in papers
        )
    else:
        output.write_tsv((p.ref, p.key, p.year_as(cited), p.venue_as(cited), p.category, p.title) for p in papers)


def table_row(paper: Paper, catalogue: Catalogue, lang: str, cited: bool = False, title=None, marks=None) -> Row:
    """A paper as a row of :mod:`.paper_table`; ``title`` and ``marks`` (a function styling a str)
    let ``search`` highlight its matches."""
    from .paper_table import Row, clip

    mark = marks or (lambda text: text)
    detail = ""
    other = paper.venue_as(not cited)
    if paper.cited and (other, paper.year_as(not cited)) != (paper.venue_as(cited), paper.year_as(cited)):
        detail = f" ({clip(other, 40)} {year_text(paper.year_as(not cited), lang)})"
    first = clip(names.family_name(paper.authors[0]), 40) if paper.authors else ""
    if len(paper.authors) > 1:
        first += f" {label('et_al', lang)}"
    return Row(
        ref="" if paper.ref is None else str(paper.ref),
        title=title if title is not None else clip(paper.title),
        authors=mark(clip(short_authors(paper, lang, most=2), 60)),
        first_author=mark(first),
        venue=clip(paper.venue_as(cited), 60),
        detail=detail,
        year=year_text(paper.year_as(cited), lang),
        category=mark(clip(catalogue.category_label(paper.category, lang), 60)),
    )


def table_headers(lang: str, cited: bool = False, score: str = "") -> Headers:
    from .paper_table import Headers

    return Headers(
        ref=label("ref", lang),
        title=label("title", lang),
        authors=label("authors", lang),
        venue=label("venue", lang) if not cited else label("cited", lang),
        year=label("year", lang),
        category=label("category", lang),
        score=score,
    )


def caption(catalogue: Catalogue, count: int, lang: str) -> str:
    """``Sora references — 32 papers`` (``1 paper``)."""
    from .paper_table import clip

    return f"{clip(catalogue.info.title, 200)} — {count} {label('paper' if count == 1 else 'papers', lang)}"


def _rich_table(
    papers: Sequence[Paper], catalogue: Catalogue, lang: str, cited: bool, statuses: dict | None = None
) -> None:
    from .paper_table import draw

    if not papers:
        return  # the command says that nothing matched, piped or not
    console = output.console()
    rows = [table_row(p, catalogue, lang, cited) for p in papers]
    if statuses:
        rows = [with_status(row, statuses.get(p.key), lang) for row, p in zip(rows, papers)]
    console.print(draw(rows, table_headers(lang, cited), caption(catalogue, len(papers), lang), console.width))


def with_status(row: Row, status: object | None, lang: str) -> Row:
    """The row with the reader's status after the title (``[read]``, in green), if it has one."""
    if status is None:
        return row
    from dataclasses import replace

    from rich.text import Text

    title = row.title.copy() if isinstance(row.title, Text) else Text(row.title)
    title.append(f" [{label(str(status), lang)}]", style="green")
    return replace(row, title=title)
