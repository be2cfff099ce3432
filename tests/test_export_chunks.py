"""Large exports are rendered in pieces, possibly by several processes: the text must not change."""

from __future__ import annotations

import pytest

from sora_refs.bibtex import from_paper as bibtex_
from sora_refs.formats import ExportOptions, export, export_chunks


@pytest.mark.parametrize("format_", ["bibtex", "biblatex"])
def test_pieces_and_processes_give_the_same_bytes(bundled, monkeypatch, format_: str) -> None:
    whole = export(bundled.papers, format_, ExportOptions(catalogue=bundled))
    monkeypatch.setattr(bibtex_, "CHUNK", 5)
    monkeypatch.setattr(bibtex_, "PARALLEL_FROM", 10)
    pieces = list(export_chunks(bundled.papers, format_, ExportOptions(catalogue=bundled)))
    assert len(pieces) == 7
    assert "".join(pieces) == whole
    parallel = "".join(export_chunks(bundled.papers, format_, ExportOptions(catalogue=bundled, jobs=2)))
    assert parallel == whole


def test_empty_export_is_empty(bundled) -> None:
    assert export([], "bibtex", ExportOptions(catalogue=bundled, jobs=2)) == ""
