"""Run the fuzzing properties of tests/test_fuzz.py for longer than the test suite does.

    python benchmarks/fuzz.py                    # 2,000 examples per property, random seeds
    python benchmarks/fuzz.py --examples 20000   # longer
    python benchmarks/fuzz.py -k bibtex          # one property

The suite runs each property on a few dozen fixed examples (derandomized, so CI is repeatable);
here every run draws new ones. A failure prints Hypothesis's smallest failing example. Prints the
examples run and the wall time of each property.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000, help="examples per property (default 2000)")
    parser.add_argument("-k", default="", help="only the properties whose name contains this")
    args = parser.parse_args()
    env = {**os.environ, "SORA_REFS_FUZZ_EXAMPLES": str(args.examples)}
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--durations=0",
        str(ROOT / "tests" / "test_fuzz.py"),
        *(["-k", args.k] if args.k else []),
    ]
    print(f"{args.examples} examples per property: {' '.join(command[2:])}", flush=True)
    start = time.perf_counter()
    status = subprocess.call(command, cwd=ROOT, env=env)
    print(f"done in {time.perf_counter() - start:.0f} s, exit {status}")
    return status


if __name__ == "__main__":
    sys.exit(main())
