"""The shared search vectors: what `sora-refs search` answers, which the web page must answer too.

tests/data/search_vectors.json is written by scripts/search_vectors.py. This file checks that
Python still gives those answers; test_site_browser.py checks that the page does, in the same order.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sora_refs import Catalogue
from sora_refs.errors import UsageError
from sora_refs.search import search

ROOT = Path(__file__).resolve().parent.parent
VECTORS = json.loads((ROOT / "tests" / "data" / "search_vectors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalogues() -> dict[str, Catalogue]:
    return {name: Catalogue.load(ROOT / path, use_cache=False) for name, path in VECTORS["catalogues"].items()}


@pytest.mark.parametrize("vector", VECTORS["vectors"], ids=lambda v: f"{v['catalogue']}:{v['query']}")
def test_python_search_gives_the_vectors(vector: dict, catalogues: dict[str, Catalogue]) -> None:
    catalogue = catalogues[vector["catalogue"]]
    if vector.get("error"):
        with pytest.raises(UsageError):
            search(catalogue, vector["query"])
        return
    assert [hit.paper.key for hit in search(catalogue, vector["query"])] == vector["keys"]


def test_the_vectors_cover_the_language() -> None:
    """Fields, OR, NOT, phrases, typos, accents, Chinese and errors each have vectors that find something."""
    found = {v["query"]: v.get("keys") for v in VECTORS["vectors"] if v["catalogue"] == "sora"}
    for query in (
        "gan OR rnn",
        "author:ho",
        "video -gan",
        '"latent diffusion"',
        "transfomer",
        "jurgen world",
        "racanière",
        "扩散",
        "year:2020-2022",
        "venue:nips",
        "tag:video",
    ):
        assert found[query], query
    assert found["DiT"] == ["peebles2023scalable"]  # not inside "conditional"
    assert any(v.get("error") for v in VECTORS["vectors"])
