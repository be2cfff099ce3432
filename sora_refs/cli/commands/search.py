"""``sora-refs search``."""

from __future__ import annotations

from collections.abc import Sequence

import click

from ... import Hit
from .. import output
from ..options import PAPER_FORMATS, format_option
from ..pager import no_pager_option, paging
from ..paperlist import render
from ..state import State


@click.command("search")
@click.argument("words", nargs=-1, required=True, metavar="QUERY...")
@click.option(
    "--limit",
    "-n",
    type=click.IntRange(min=0),
    default=20,
    show_default=True,
    metavar="N",
    help="Show the best N papers; 0 shows every match.",
)
@format_option(
    PAPER_FORMATS,
    default="table",
    help="As for 'list'; table: ranked rows with matched words highlighted on a terminal.",
)
@click.option("--explain", is_flag=True, help="Show each paper's score and the matches it comes from.")
@no_pager_option
@click.pass_obj
def search(state: State, words: tuple[str, ...], limit: int, format_: str, explain: bool, no_pager: bool) -> None:
    """Ranked, typo-tolerant search over the catalogue.

    Words are looked up in titles, authors, summaries (English and Chinese), tags, category,
    section and venue names, ignoring case and accents and forgiving small typos. All words
    must match; OR joins two alternatives; -word leaves papers out; "quoted words" match as a
    phrase. Field terms: author: title: key: year: venue: category: section: tag:.

    \b
    Examples:
      sora-refs search difusion transformer
      sora-refs search 'author:ho year:2020-2022 -video'
      sora-refs search '"latent diffusion" OR 扩散' --explain
    """
    catalogue = state.catalogue
    hits = catalogue.search(" ".join(words), limit=limit or None)
    if not hits:
        output.nothing_found(state.lang, "no_search_match")
    if format_ == "table" and output.is_terminal():
        with paging(state, no_pager):
            _rich_results(hits, state, explain)
        return
    if format_ in ("table", "plain") and explain:
        with paging(state, no_pager):
            output.echo("\n".join(_plain_explained(hits)))
        return
    if format_ == "json" and explain:
        from ..paperlist import records

        output.write_json(
            [
                dict(
                    record,
                    score=p.score,
                    matches=[
                        {"term": m.term, "field": m.field, "word": m.word, "how": m.how, "points": m.points}
                        for m in p.matches
                    ],
                )
                for record, p in zip(records([hit.paper for hit in hits], catalogue), hits)
            ]
        )
        return
    with paging(state, no_pager):
        render([hit.paper for hit in hits], catalogue, format_, state.lang)


def explanation(hit: Hit) -> str:
    """``title 'diffusion' typo +3.0, summary 'diffusion' exact +1.0``: where a score comes from."""
    parts = []
    for match in hit.matches:
        points = f" +{match.points:g}" if match.how != "filter" else ""
        parts.append(f"{match.field} '{match.word}' {match.how}{points}")
    return ", ".join(parts)


def _plain_explained(hits: Sequence[Hit]) -> list[str]:
    return [
        f"{hit.score:g}\t{hit.paper.ref if hit.paper.ref is not None else ''}\t{hit.paper.key}\t"
        f"{hit.paper.title}\t{explanation(hit)}"
        for hit in hits
    ]


def _highlighted(text: str, words: set[str]):  # -> rich.text.Text
    from rich.text import Text

    from ... import highlight_spans
    from ..paper_table import clip

    text = clip(text)  # a huge title is cut before it is scanned, not after
    rich_text = Text(text)
    for start, end in highlight_spans(text, words):
        rich_text.stylize("bold yellow", start, end)
    return rich_text


def _rich_results(hits: Sequence[Hit], state: State, explain: bool) -> None:
    from ..paper_table import clip, draw
    from ..paperlist import caption, table_headers, table_row

    lang = state.lang
    catalogue = state.catalogue
    rows = []
    for hit in hits:
        words = hit.words
        title = _highlighted(hit.paper.title, words)
        if explain:
            title.append("\n" + clip(explanation(hit), 600), style="dim")
        row = table_row(
            hit.paper, catalogue, lang, title=title, marks=lambda text, words=words: _highlighted(text, words)
        )
        if explain:
            from dataclasses import replace

            row = replace(row, score=f"{hit.score:g}")
        rows.append(row)
    headers = table_headers(lang, score="Score" if lang != "zh" else "得分")
    console = output.console()
    console.print(draw(rows, headers, caption(catalogue, len(hits), lang), console.width))
