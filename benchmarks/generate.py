"""Write a synthetic catalogue of N papers with realistic field sizes.

Field sizes follow the bundled catalogue: each synthetic paper copies the shape of a real one
(title length, number of authors, both summaries, tags, links) with its words shuffled and its
identifiers made unique, so that loading, validating and exporting cost what they would on a
lab's real reading list. Curator notes, long in the bundled catalogue, are kept on one paper in
ten, as a reading list would have them.

    python benchmarks/generate.py 10000 -o /tmp/cat-10k.yaml
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sora_refs import Catalogue  # noqa: E402
from sora_refs.cli.output import yaml_text  # noqa: E402


def shuffled(rng: random.Random, text: str | None) -> str | None:
    if not text:
        return text
    words = text.split()
    rng.shuffle(words)
    return " ".join(words)


def generate(count: int, seed: int = 1) -> dict:
    """A catalogue dict with ``count`` papers modelled on the bundled ones."""
    rng = random.Random(seed)
    base = Catalogue.load()
    papers = []
    for index in range(count):
        model = base.papers[index % len(base.papers)].as_dict()
        paper = dict(model)
        paper["ref"] = index + 1
        paper["key"] = f"{model['key']}{index}"
        paper["title"] = shuffled(rng, model["title"])
        authors = list(model["authors"])
        rng.shuffle(authors)
        paper["authors"] = authors
        paper["year"] = rng.randint(1995, 2025)
        if paper["cited"]:
            paper["cited"] = {"venue": model["cited"]["venue"], "year": paper["year"]}
        paper["ids"] = {
            "arxiv": (
                f"{rng.randint(15, 25):02d}{rng.randint(1, 12):02d}.{index % 100000:05d}"
                if model["ids"]["arxiv"]
                else None
            ),
            "doi": f"10.5555/synthetic.{index}" if model["ids"]["doi"] else None,
        }
        paper["summary"] = shuffled(rng, model["summary"])
        paper["notes"] = shuffled(rng, model["notes"]) if index % 10 == 0 else None
        papers.append({k: v for k, v in paper.items() if v is not None})
    return {
        "catalogue": {"title": f"Synthetic catalogue of {count} papers", "schema": 1},
        "sections": [{"id": s.id, "name": s.name, "name_zh": s.name_zh} for s in base.sections],
        "categories": [
            {"id": c.id, "name": c.name, "name_zh": c.name_zh, "description": c.description} for c in base.categories
        ],
        "papers": papers,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.output.write_text(yaml_text(generate(args.count, args.seed)), encoding="utf-8")
    print(f"wrote {args.count} papers to {args.output} ({args.output.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
