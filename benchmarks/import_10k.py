"""How long importing 10,000 BibTeX entries takes: the figure the import issue asks for (<= 5 s).

    python benchmarks/import_10k.py [N]

The entries are written from a synthetic catalogue of N papers (benchmarks/generate.py) and
made awkward the way real files are: @string macros joined with #, month macros, LaTeX
accents, `and others`, a crossref parent every 50 entries, comment lines and extra fields.
The import goes into a new catalogue file, as `sora-refs import big.bib --into new.yaml` does;
the time printed is the whole import (read, map, deduplicate, validate, write).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

from sora_refs import Catalogue  # noqa: E402
from sora_refs.formats import export  # noqa: E402


def awkward_bib(count: int) -> str:
    """BibTeX text of ``count`` entries, with the constructs real files have."""
    data = generate(count)
    catalogue = Catalogue.from_data(data)
    text = export(catalogue.papers, "bibtex")
    head = (
        '% A generated library\n@string{proc = "Proceedings of the"}\n@string{conf = proc # " Conference"}\n'
        "@proceedings{parent, editor = {Editor, Ed}, title = {The Parent Proceedings}, year = 2020, "
        "publisher = {Pub}}\n"
    )
    out = [head]
    for number, block in enumerate(text.split("\n\n")):
        if number % 3 == 0:
            block = block.replace("  year = {", "  month = jun,\n  note = conf # { Notes},\n  year = {", 1)
        if number % 7 == 0:
            block = block.replace("  author = {", '  author = {M{\\"u}ller, J{\\"o}rg and ', 1)
            block = block.replace("},\n  title", " and others},\n  title", 1)
        if number % 11 == 0:
            block = block.replace("  title = {", "  timestamp = {2023-05-01},\n  title = {", 1)
        if number % 50 == 0:
            block = block.replace("  title = {", "  crossref = {parent},\n  title = {", 1)
        out.append(f"% entry {number}\n{block}\n")
    return "\n".join(out)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    from sora_refs.importing import import_files

    with tempfile.TemporaryDirectory() as tmp:
        bib = Path(tmp) / "big.bib"
        bib.write_text(awkward_bib(count), encoding="utf-8")
        target = Path(tmp) / "new.yaml"
        start, cpu = time.perf_counter(), time.process_time()
        result = import_files(bib, target)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        # CPU time too: on a loaded machine the wall-clock figure says more about the neighbours.
        print(
            f"import of {count:,} entries ({bib.stat().st_size / 1e6:.1f} MB): {elapsed:.2f} s "
            f"({cpu:.2f} s CPU); {result.summary()}"
        )
        # Into a catalogue that holds the first half already: the file is spliced, not written anew.
        half = Path(tmp) / "half.bib"
        half.write_text(awkward_bib(count // 2), encoding="utf-8")
        kept = Path(tmp) / "kept.yaml"
        import_files(half, kept)
        start, cpu = time.perf_counter(), time.process_time()
        result = import_files(bib, kept, on_duplicate="merge")
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(f"again into a catalogue of {count // 2:,}, --on-duplicate merge: {elapsed:.2f} s ({cpu:.2f} s CPU)")


if __name__ == "__main__":
    main()
