"""``sora-refs tree``."""

from __future__ import annotations

from typing import Any

import click

from ... import Catalogue, Paper, Query
from ...text import cells as cell_width
from .. import output, tables
from ..i18n import label, year_text
from ..options import REPORT_FORMATS, filter_options, format_option, select
from ..pager import paged
from ..state import State

SHORT_TITLE = 60
"""Longest title shown whole; longer ones are cut at a colon or with an ellipsis."""


def short_title(title: str, width: int = SHORT_TITLE) -> str:
    """``MoCoGAN`` for "MoCoGAN: Decomposing Motion and ...", else the title cut to ``width``."""
    head, colon, _ = title.partition(":")
    if colon and 2 <= len(head) <= 40:
        return head.strip()
    title = title.strip()
    return title if len(title) <= width else title[: width - 1].rstrip() + "…"


def fitted_title(title: str, room: int) -> str:
    """The whole title where ``room`` cells hold it, else its head before a colon, else the title cut
    with an ellipsis (never under :data:`MIN_FIT` cells: below that the line wraps instead)."""
    title = " ".join(title[:1000].split())
    if cell_width(title) <= room:
        return title
    head, colon, _ = title.partition(":")
    if colon and 2 <= len(head) <= 40 and cell_width(head) <= max(room, MIN_FIT):
        return head.strip()
    room = max(room, MIN_FIT)
    cut = ""
    for char in title:
        if cell_width(cut + char) > room - 1:
            break
        cut += char
    return cut.rstrip() + "…"


MIN_FIT = 24
"""Fewest cells a tree gives a title before it lets the line wrap."""


def paper_line(paper: Paper, cited: bool, status: str | None = None) -> str:
    """``[26] DiT… (2023, ICCV)``, and ``[read]`` where the reader marked it."""
    ref = f"[{paper.ref}] " if paper.ref is not None else ""
    mark = f" [{status}]" if status else ""
    return f"{ref}{short_title(paper.title)} ({year_text(paper.year_as(cited))}, {paper.venue_as(cited)}){mark}"


def _as_data(papers: list[Paper], catalogue: Catalogue, lang: str, cited: bool) -> dict[str, Any]:
    return {
        "title": catalogue.info.title,
        "total": len(papers),
        "sections": [
            {
                "id": section,
                "name": catalogue.section_label(section, lang) if section else None,
                "categories": [
                    {
                        "id": category,
                        "name": catalogue.category_label(category, lang),
                        "papers": [
                            {
                                "ref": p.ref,
                                "key": p.key,
                                "title": p.title,
                                "year": p.year_as(cited),
                                "venue": p.venue_as(cited),
                            }
                            for p in group
                        ],
                    }
                    for category, group in groups
                ],
            }
            for section, groups in catalogue.mind_map(papers)
        ],
    }


@click.command("tree")
@filter_options
@format_option(REPORT_FORMATS, default="text", help="text: a rich tree on a terminal, indented text when piped.")
@click.pass_obj
@paged
def tree(state: State, query: Query, format_: str) -> None:
    """The mind map: sections, categories, papers.

    Each paper shows its ref, a short title, its year and venue (as cited with --cited).
    Papers without a section are gathered at the end.

    \b
    Examples:
      sora-refs tree
      sora-refs --lang zh tree -s learning-method
      sora-refs tree -c diffusion --cited
    """
    catalogue = state.catalogue
    papers = select(state, query)
    lang, cited = state.lang, query.cited
    if format_ == "json":
        output.write_json(_as_data(papers, catalogue, lang, cited))
    if not papers:
        output.nothing_found(lang)
    if format_ == "json":
        return
    root = f"{catalogue.info.title} ({len(papers)})"
    groups = catalogue.mind_map(papers)
    mine = catalogue.personal() if catalogue.has_personal() else None
    statuses = {key: str(status) for key, status in mine.statuses(p.key for p in papers).items()} if mine else {}
    if output.is_terminal():
        _rich_tree(root, groups, catalogue, lang, cited, statuses)
        return
    lines = [root]
    for section, categories in groups:
        # Without sections at all, categories hang from the root.
        indent = "  "
        if section is not None or len(groups) > 1:
            count = sum(len(g) for _, g in categories)
            name = catalogue.section_label(section, lang) if section else tables.label("no_section", lang)
            lines.append(f"  {name} ({count})")
            indent = "    "
        for category, group in categories:
            lines.append(f"{indent}{catalogue.category_label(category, lang)} ({len(group)})")
            lines += [f"{indent}  {paper_line(p, cited, statuses.get(p.key))}" for p in group]
    output.echo("\n".join(lines))


def _rich_tree(
    root: str, groups: list, catalogue: Catalogue, lang: str, cited: bool, statuses: dict[str, str] | None = None
) -> None:
    from rich.text import Text
    from rich.tree import Tree

    from ..paper_table import clip

    width = output.console().width
    top = Tree(Text(clip(root, 200), style="bold"), guide_style="dim")
    for section, categories in groups:
        branch = top
        depth = 8  # the guides before a paper: 4 cells a level
        if section is not None or len(groups) > 1:
            depth = 12
            count = sum(len(g) for _, g in categories)
            name = catalogue.section_label(section, lang) if section else tables.label("no_section", lang)
            branch = top.add(Text.assemble((name, "bold blue"), " ", (f"({count})", "dim")))
        for category, group in categories:
            node = branch.add(
                Text.assemble((catalogue.category_label(category, lang), "magenta"), " ", (f"({len(group)})", "dim"))
            )
            for paper in group:
                ref = (f"{paper.ref:>2} ", "cyan") if paper.ref is not None else ""
                status = (statuses or {}).get(paper.key)
                mark = f" [{label(status, lang)}]" if status else ""
                meta = f"{year_text(paper.year_as(cited), lang)}, {clip(paper.venue_as(cited), 40)}"
                room = width - depth - (len(ref[0]) if ref else 0) - 1 - cell_width(meta) - cell_width(mark)
                node.add(
                    Text.assemble(
                        ref, fitted_title(paper.title, room), " ", (meta, "dim"), (mark, "green") if mark else ""
                    )
                )
    output.console().print(top)
