"""Papers grouped for the views: the mind map (sections, categories) and the timeline lanes.

Pure data for ``sora-refs tree`` and ``sora-refs timeline``, and for Python users.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .models import Paper

if TYPE_CHECKING:
    from .catalogue import Catalogue

Group = tuple[str, list[Paper]]


def mind_map(papers: Sequence[Paper], catalogue: Catalogue | None = None) -> list[tuple[str | None, list[Group]]]:
    """``[(section id, [(category id, papers), ...]), ...]``: the mind map of ``papers``.

    Sections follow the catalogue's order, papers without a section come last (under None);
    inside a section categories come in the order of their first paper (by ref), as the
    article draws them, and papers by ref.
    """
    ordered = sorted(papers, key=lambda p: (p.ref is None, p.ref or 0))
    sections: dict[str | None, dict[str, list[Paper]]] = {}
    for ident in catalogue.section_ids() if catalogue is not None else ():
        sections[ident] = {}
    for paper in ordered:
        sections.setdefault(paper.section, {}).setdefault(paper.category, []).append(paper)
    if None in sections:
        sections[None] = sections.pop(None)
    return [(ident, list(groups.items())) for ident, groups in sections.items() if groups]


def lanes(
    papers: Sequence[Paper], catalogue: Catalogue | None = None, *, cited: bool = False
) -> list[tuple[str, dict[int | None, list[Paper]]]]:
    """``[(category id, {year: papers}), ...]``: one lane per category, in the catalogue's order.

    ``cited`` places papers at the year the citing document gives. Papers with no year are
    under the key None, after every year.
    """
    order = catalogue.category_ids() if catalogue is not None else []
    result: dict[str, dict[int | None, list[Paper]]] = {ident: {} for ident in order}

    def when(paper: Paper) -> tuple[bool, int, bool, int]:
        year = paper.year_as(cited)
        return (year is None, year or 0, paper.ref is None, paper.ref or 0)

    for paper in sorted(papers, key=when):
        result.setdefault(paper.category, {}).setdefault(paper.year_as(cited), []).append(paper)
    return [(ident, years) for ident, years in result.items() if years]
