"""Write tests/data/search_vectors.json: queries over fixed catalogues and what `sora-refs search` answers.

The web page runs its own copy of the search (sora_refs/site/templates/search.js). Both test suites
read this file: tests/test_search_vectors.py checks that Python still gives these answers, and
tests/test_site_browser.py that the page gives the same, in the same order. After a deliberate
change to the search, run this script and commit the new file with the change to search.js.

    python scripts/search_vectors.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sora_refs import Catalogue  # noqa: E402
from sora_refs.errors import UsageError  # noqa: E402
from sora_refs.search import search  # noqa: E402

CATALOGUES = {
    "sora": "tests/data/site/vectors.yaml",
    "small": "tests/data/catalogues/small.yaml",
}
"""Catalogues the vectors run on, by name: frozen copies, so that editing data/refs.yaml changes nothing here."""

QUERIES = [
    # words, prefixes, plurals, fields
    "diffusion",
    "DiT",
    "dit",
    "transformer",
    "transformers",
    "gans",
    "gan",
    "vae",
    "rnn",
    "lstm",
    "lstms",
    "video",
    "video generation",
    "models",
    "attention",
    "sora",
    "imagen",
    "2022",
    "scal",
    "gener",
    "author:ho",
    "by:ho",
    'author:"jonathan ho"',
    "title:transformer",
    "title:video",
    "key:peebles2023scalable",
    "arxiv:2212.09748",
    "ref:12",
    "Kingma",
    "ho salimans",
    # OR, NOT, phrases
    "gan OR rnn",
    "dit OR vit",
    "diffusion OR gan OR rnn",
    "video -gan",
    "video NOT gan",
    "-video",
    "-gan -rnn",
    "NOT diffusion",
    "diffusion AND video",
    '"latent diffusion"',
    '"attention is all you need"',
    '"world models"',
    '"video generation" -diffusion',
    # filters
    "year:2020-2022",
    "year:2021-",
    "year:-2016",
    "year:2017",
    "venue:iclr",
    "venue:nips",
    "venue:arxiv",
    "category:gan",
    "cat:diffusion",
    "category:扩散",
    "section:architecture",
    "tag:video",
    "diffusion year:2022",
    "video venue:arxiv -gan",
    # typos and accents
    "transfomer",
    "difusion transfomer",
    "schmidhubr",
    "jurgen world",
    "jürgen",
    "Racaniere",
    "racanière",
    "word models",
    "genration",
    "adversarail",
    "tranformers",
    "autoregresive",
    # Chinese
    "扩散",
    "视频生成",
    "生成",
    "变换器",
    "世界模型",
    # nothing, and errors
    "zzzzqqq",
    "(",
    '"unclosed',
    "OR diffusion",
    "diffusion OR",
    "foo:bar",
    "year:abc",
    "tag:vidoe",
    "categry:gan",
    "venue:nowhere",
    "category:zzz",
    "-",
    "NOT",
    "author:",
]


def vectors() -> dict:
    result: dict = {"catalogues": CATALOGUES, "vectors": []}
    for name, path in CATALOGUES.items():
        catalogue = Catalogue.load(ROOT / path, use_cache=False)
        for query in QUERIES:
            try:
                keys = [hit.paper.key for hit in search(catalogue, query)]
            except UsageError:
                result["vectors"].append({"catalogue": name, "query": query, "error": True})
                continue
            result["vectors"].append({"catalogue": name, "query": query, "keys": keys})
    return result


def main() -> None:
    target = ROOT / "tests" / "data" / "search_vectors.json"
    target.write_text(json.dumps(vectors(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(vectors()['vectors'])} vectors to {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
