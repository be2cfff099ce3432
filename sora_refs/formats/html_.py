"""HTML: the self-contained page of :mod:`sora_refs.site`, as an export format.

``sora-refs export --format html -o page.html`` writes the same page as ``sora-refs site -o
page.html`` for the same selection. Jinja2 is loaded only when this format is asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import NotFoundError, UsageError
from ..models import Paper
from . import ExportOptions


@dataclass(frozen=True)
class HtmlFormat:
    name: str = "html"
    description: str = "A self-contained HTML page (the same as `sora-refs site`)"

    def render(self, papers: Sequence[Paper], options: ExportOptions) -> str:
        if options.catalogue is None:
            # The page shows category names, sections and the mind map: the papers alone are not enough.
            raise UsageError("the html format needs the catalogue: pass ExportOptions(catalogue=...)")
        if not papers:
            raise NotFoundError("no paper matches these filters; no page written")
        from ..site import build_page

        return build_page(options.catalogue, papers, lang=options.lang)


FORMAT = HtmlFormat()
