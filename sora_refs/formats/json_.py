"""JSON: every field of every paper, as ``list --format json`` gives it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Paper
from . import ExportOptions


@dataclass(frozen=True)
class JsonFormat:
    name: str = "json"
    description: str = "JSON: every field, catalogue names"

    def render(self, papers: Sequence[Paper], options: ExportOptions) -> str:
        return json.dumps([p.as_dict() for p in papers], ensure_ascii=False, indent=2) + "\n"


FORMAT = JsonFormat()
