"""Time exporting 100,000 papers (the bundled 32, repeated under new keys) in each format.

python benchmarks/export_100k.py [FORMAT...]
"""

from __future__ import annotations

import dataclasses
import sys
import time

from sora_refs import Catalogue
from sora_refs.formats import available, export


def main() -> None:
    base = Catalogue.load().papers
    papers = [
        dataclasses.replace(p, key=f"{p.key}x{i}", ref=None) for i in range(100_000 // len(base) + 1) for p in base
    ][:100_000]
    for name in sys.argv[1:] or available():
        start = time.perf_counter()
        text = export(papers, name)
        print(f"{name:9} {time.perf_counter() - start:6.2f} s  {len(text.encode()) / 2**20:6.1f} MiB")


if __name__ == "__main__":
    main()
