"""Time sora-refs as whole processes against the interpreter floor, and on large catalogues.

    python benchmarks/bench.py                 # start-up + 1,000 / 10,000 / 100,000 papers
    python benchmarks/bench.py --sizes 1000    # quicker
    python benchmarks/bench.py --startup-only

Every figure is the median wall time of several runs of a fresh process, next to the floor
(`python -c pass` with the same interpreter, measured in the same run) and the peak memory
(max RSS) of that process. Synthetic catalogues come from benchmarks/generate.py and are kept
in --data (default: a folder in the system temp directory) between runs.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOALS = {"--help": 5.0, "list --format json": 6.0, "list (table on a terminal)": 9.0}


def run(args: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """Seconds, peak RSS in MiB, and exit status of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss // 1024, process.returncode


def median_run(args: list[str], env: dict[str, str], repeat: int) -> tuple[float, int, int]:
    results = [run(args, env) for _ in range(repeat)]
    return (statistics.median(r[0] for r in results), max(r[1] for r in results), max(r[2] for r in results))


def sora(*args: str) -> list[str]:
    """The installed console script beside this interpreter, as users run it (else ``python -m``)."""
    script = Path(sys.executable).with_name("sora-refs")
    if script.exists():
        return [str(script), *args]
    return [sys.executable, "-m", "sora_refs", *args]


def commands_available() -> set[str]:
    from sora_refs.cli import COMMANDS

    return set(COMMANDS)


def startup(env: dict[str, str], repeat: int) -> list[tuple[str, float, float, int]]:
    floor = median_run([sys.executable, "-c", "pass"], env, repeat)[0]
    rows = [("python -c pass (floor)", floor, 1.0, 0)]
    terminal = dict(env, SORA_REFS_TERMINAL="1", COLUMNS="120", LINES="50")
    for label, args, environment in (
        ("--help", sora("--help"), env),
        ("list --format json", sora("list", "--format", "json"), env),
        ("list (table on a terminal)", sora("list"), terminal),
        ("show 26", sora("show", "26"), env),
        ("stats --format json", sora("stats", "--format", "json"), env),
    ):
        command = (
            args[-1] if args[-1] in ("--help",) else next(a for a in args[1:] if not a.startswith("-") or a == "--help")
        )
        if command not in commands_available() and command != "--help":
            continue
        run(args, environment)  # warm the catalogue cache and the OS file cache
        seconds, rss, _ = median_run(args, environment, repeat)
        rows.append((label, seconds, seconds / floor, rss))
    return rows


def large(env: dict[str, str], sizes: list[int], data: Path, repeat: int) -> list[tuple]:
    available = commands_available()
    rows = []
    for size in sizes:
        path = data / f"syn-{size}.yaml"
        if not path.exists():
            subprocess.run(
                [sys.executable, str(HERE / "generate.py"), str(size), "-o", str(path)],
                check=True,
                env=env,
                stdout=subprocess.DEVNULL,
            )
        cache = Path(tempfile.mkdtemp(prefix="sora-refs-bench-cache-"))
        environment = dict(env, SORA_REFS_CACHE_DIR=str(cache))
        base = ["--catalogue", str(path)]
        first = run(sora(*base, "list", "-c", "gan", "--format", "json"), environment)
        rows.append((size, "first load (list -c gan --format json)", first[0], first[1], first[2]))
        for label, args in (
            ("list -c gan --format json", ["list", "-c", "gan", "--format", "json"]),
            ("stats --format json", ["stats", "--format", "json"]),
            ("search diffusion transformer", ["search", "diffusion", "transformer", "--format", "json"]),
            ("export --format bibtex", ["export", "--format", "bibtex"]),
        ):
            if args[0] not in available:
                continue
            seconds, rss, status = median_run(sora(*base, *args), environment, repeat if size < 100_000 else 1)
            rows.append((size, label, seconds, rss, status))
        shutil.rmtree(cache, ignore_errors=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated paper counts")
    parser.add_argument("--repeat", type=int, default=7, help="runs per start-up figure (median)")
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "sora-refs-bench")
    parser.add_argument("--startup-only", action="store_true")
    args = parser.parse_args()
    args.data.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SORA_REFS_")}
    env["SORA_REFS_CACHE_DIR"] = str(args.data / "cache")
    # As installed by pip, which compiles every module: a source checkout run with
    # PYTHONDONTWRITEBYTECODE would otherwise compile sora_refs again in every process.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    import compileall

    import sora_refs

    compileall.compile_dir(os.path.dirname(sora_refs.__file__), quiet=1)

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )
    print()
    print(f"{'start-up (bundled catalogue)':<34} {'median':>9} {'x floor':>8} {'goal':>6} {'max RSS':>8}")
    for label, seconds, ratio, rss in startup(env, args.repeat):
        goal = GOALS.get(label)
        mark = "" if goal is None else (f"<= {goal:g}" + (" ok" if ratio <= goal else " MISSED"))
        print(f"{label:<34} {seconds * 1000:7.1f}ms {ratio:7.2f}x {mark:>6} {rss:6d}MiB")
    if args.startup_only:
        return
    print()
    print(f"{'papers':>7}  {'command':<40} {'time':>8} {'max RSS':>9} {'exit':>5}")
    rows = large(env, [int(s) for s in args.sizes.split(",")], args.data, max(1, args.repeat // 2))
    for size, label, seconds, rss, status in rows:
        print(f"{size:>7}  {label:<40} {seconds:7.2f}s {rss:7d}MiB {status:>5}")
    by = {(size, label): seconds for size, label, seconds, _, _ in rows}
    sizes = sorted({r[0] for r in rows})
    print()
    for small, big in zip(sizes, sizes[1:]):
        for label in dict.fromkeys(r[1] for r in rows):
            if (small, label) in by and (big, label) in by and by[(small, label)] > 0:
                print(
                    f"growth {small}->{big} papers, {label}: {by[(big, label)] / by[(small, label)]:.1f}x "
                    f"(papers {big / small:.0f}x)"
                )


if __name__ == "__main__":
    main()
