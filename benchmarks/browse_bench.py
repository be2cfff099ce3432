"""Time ``sora-refs browse`` with Textual's pilot: opening, each keystroke, and memory against ``list``.

    python benchmarks/browse_bench.py                # bundled catalogue + 20,000 papers
    python benchmarks/browse_bench.py --papers 100000

Figures (goals from issue 16):
- open: from creating the app to the list drawn, bundled catalogue (goal <= 0.5 s), median of
  several fresh processes (the catalogue cache warm, as after any first run);
- keystroke: "difusion transfomer" typed one key at a time into N papers; for each key, the time
  from the key press to the first frame drawn with that query's list (goal <= 100 ms each). The
  next key is pressed once ``pilot.press`` returns, i.e. once the app is idle again; that round
  trip is printed too, but it includes the pilot's idle detection (sleeps of 20 ms until a slice
  passes with almost no CPU used), which no user waits for;
- memory: peak RSS of a process that opens the app on N papers and types the query one key at
  a time (taken before the burst below), against ``sora-refs list -f plain`` on the same file
  (goal <= 1.5x);
- burst: the query again, every key sent at once (a fast typist, a paste): the time from the
  first key to the final list drawn, and how many lists were drawn on the way.

Wall times suffer on a busy machine; the CPU time the process spent (all its threads) is printed
beside them. Synthetic catalogues come from benchmarks/generate.py, kept in --data between runs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

QUERY = "difusion transfomer"


def catalogue_file(count: int, data: Path) -> Path:
    path = data / f"catalogue-{count}.yaml"
    if not path.exists():
        data.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(count), "-o", str(path)], check=True)
    return path


async def drive(
    path: str | None, keys: str, size: tuple[int, int] = (120, 40)
) -> tuple[float, float, float, list[float]]:
    """Open the app on ``path``; seconds to the first list, to the index built behind it, then per key."""
    start, cpu = time.perf_counter(), time.process_time()  # imports included: they are part of opening
    from sora_refs import Catalogue
    from sora_refs.browse.app import BrowseApp

    app = BrowseApp(Catalogue.load(path), fresh=True)
    async with app.run_test(size=size) as pilot:
        while app.runs < 1:
            await asyncio.sleep(0.001)
        opened = time.perf_counter() - start
        opened_cpu = time.process_time() - cpu
        while not app.prepared:  # a user reads the first screen meanwhile; the figure is printed
            await asyncio.sleep(0.005)
        prepared = time.perf_counter() - start
        # When each frame reached the (headless) terminal, and when each query's list was filled.
        frames: list[float] = []
        filled: dict[str, float] = {}
        display, show_results = app._display, app._show_results

        def drawn(screen: object, update: object) -> None:
            display(screen, update)  # type: ignore[arg-type]
            frames.append(time.perf_counter())

        def shown(filters: object, results: object) -> None:
            runs = app.runs
            show_results(filters, results)  # type: ignore[arg-type]
            if app.runs > runs:
                filled[app.filters.query] = time.perf_counter()

        app._display = drawn  # type: ignore[method-assign]
        app._show_results = shown  # type: ignore[method-assign]
        per_key: list[float] = []
        pilot_per_key: list[float] = []
        cpu_per_key: list[float] = []
        typed = ""
        for key in keys:
            typed += key
            runs = app.runs
            begin, cpu = time.perf_counter(), time.process_time()
            await pilot.press("space" if key == " " else key)
            # the list is updated when a run for exactly this query has been shown, and drawn
            while not (app.runs > runs and app.filters.query == typed and frames[-1] > filled[typed]):
                await asyncio.sleep(0.0005)
            pilot_per_key.append(time.perf_counter() - begin)
            per_key.append(next(t for t in frames if t > filled[typed]) - begin)
            cpu_per_key.append(time.process_time() - cpu)
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MiB, before the burst below
        burst, searched = 0.0, 0.0
        if keys:  # the same query again as one burst (a fast typist, a paste): to the final list drawn
            from textual import events

            app.query_one("#search").value = ""  # type: ignore[attr-defined]
            while not (app.filters.query == "" and "" in filled and frames[-1] > filled[""]):
                await asyncio.sleep(0.0005)
            filled.pop(keys, None)
            runs = app.runs
            begin = time.perf_counter()
            for key in keys:
                app._driver.send_message(events.Key("space" if key == " " else key, key))  # type: ignore[union-attr]
            while not (keys in filled and frames[-1] > filled[keys]):
                await asyncio.sleep(0.0005)
            burst = next(t for t in frames if t > filled[keys]) - begin
            searched = app.runs - runs
        await pilot.press("q")
    return opened, opened_cpu, prepared, [*per_key, *cpu_per_key, *pilot_per_key, burst, searched, peak]


def child(path: str | None, keys: str) -> None:
    """Run in a fresh process: print the figures as one line."""
    opened, opened_cpu, prepared, per_key = asyncio.run(drive(path, keys))
    print(f"RESULT {opened:.4f} {opened_cpu:.4f} {prepared:.4f} " + " ".join(f"{t:.4f}" for t in per_key))


def run_child(
    path: Path | None, keys: str, env: dict[str, str]
) -> tuple[tuple[float, float], float, list[float], list[float], list[float], int]:
    """A fresh process running :func:`child`: (open s, CPU s), index built s, per key: s to the list drawn,
    CPU s, s until ``pilot.press`` returned (then the burst s and lists drawn); peak MiB before the burst."""
    args = [sys.executable, __file__, "--child", str(path) if path else "-", "--keys", keys]
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    out = process.stdout.read() if process.stdout else ""
    err = process.stderr.read() if process.stderr else ""
    line = [ln for ln in out.splitlines() if ln.startswith("RESULT ")]
    if os.waitstatus_to_exitcode(status) != 0 or not line:
        raise SystemExit(f"the benchmark process failed:\n{err[-2000:]}")
    numbers = [float(x) for x in line[-1].split()[1:]]
    keys_, burst, peak = numbers[3:-3], numbers[-3:-1], numbers[-1]
    third = len(keys_) // 3
    return (
        (numbers[0], numbers[1]),
        numbers[2],
        keys_[:third],
        keys_[third : 2 * third],
        keys_[2 * third :] + burst,
        round(peak),
    )


def list_rss(path: Path, env: dict[str, str]) -> int:
    """Peak RSS (MiB) of ``sora-refs list -f plain`` on ``path``."""
    process = subprocess.Popen(
        [sys.executable, "-m", "sora_refs", "--catalogue", str(path), "list", "-f", "plain"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    _, _, usage = os.wait4(process.pid, 0)
    return usage.ru_maxrss // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=20000, help="size of the synthetic catalogue")
    parser.add_argument("--repeat", type=int, default=5, help="fresh processes per figure")
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "sora-refs-bench")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--keys", default=QUERY, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(None if args.child == "-" else args.child, args.keys)
        return
    state = tempfile.mkdtemp(prefix="sora-refs-browse-bench-")
    env = dict(os.environ, SORA_REFS_STATE_DIR=state, SORA_REFS_DATA_DIR=state)
    env.setdefault("SORA_REFS_CACHE_DIR", str(args.data / "cache"))

    run_child(None, "", env)  # warm the catalogue cache, as any earlier run would have
    opens = [run_child(None, "", env)[0] for _ in range(args.repeat)]
    walls, cpus = [o[0] for o in opens], [o[1] for o in opens]
    print(
        f"open, bundled catalogue: median {statistics.median(walls) * 1000:.0f} ms "
        f"(min {min(walls) * 1000:.0f}, max {max(walls) * 1000:.0f}; goal <= 500 ms), "
        f"CPU {statistics.median(cpus) * 1000:.0f} ms"
    )

    path = catalogue_file(args.papers, args.data)
    run_child(path, "", env)  # the cache again
    keys: list[list[float]] = []
    cpu_keys: list[float] = []
    pilot_keys: list[float] = []
    bursts: list[tuple[float, float]] = []
    rss, opened, prepared = [], [], []
    for _ in range(max(1, args.repeat // 2)):
        first, ready, per_key, cpu_key, pilot_key, peak = run_child(path, QUERY, env)
        keys.append(per_key)
        cpu_keys += cpu_key
        pilot_keys += pilot_key[:-2]
        bursts.append((pilot_key[-2], pilot_key[-1]))
        rss.append(peak)
        opened.append(first[0])
        prepared.append(ready)
    print(
        f"open, {args.papers:,} papers: median {statistics.median(opened) * 1000:.0f} ms to the list, "
        f"{statistics.median(prepared):.1f} s to the word index built behind it (typing works meanwhile)"
    )
    worst = [max(run[i] for run in keys) for i in range(len(QUERY))]
    every = [t for run in keys for t in run]
    print(
        f"keystroke, {args.papers:,} papers, {QUERY!r} one key at a time: median "
        f"{statistics.median(every) * 1000:.0f} ms, worst {max(every) * 1000:.0f} ms (goal <= 100 ms); "
        f"CPU per key median {statistics.median(cpu_keys) * 1000:.0f} ms, worst {max(cpu_keys) * 1000:.0f} ms"
    )
    print("  per key (worst of runs, ms): " + " ".join(f"{k!r}:{t * 1000:.0f}" for k, t in zip(QUERY, worst)))
    print(
        f"  pilot.press round trip (adds its idle detection: at least two 20 ms sleeps): median "
        f"{statistics.median(pilot_keys) * 1000:.0f} ms, worst {max(pilot_keys) * 1000:.0f} ms"
    )
    print(
        f"  the query typed as one burst: median {statistics.median(b[0] for b in bursts) * 1000:.0f} ms from the "
        f"first key to the final list drawn, {statistics.median(b[1] for b in bursts):.0f} list(s) drawn for "
        f"{len(QUERY)} keys"
    )
    listing = max(list_rss(path, env) for _ in range(2))
    print(
        f"memory, {args.papers:,} papers: browse {max(rss)} MiB, list {listing} MiB "
        f"= {max(rss) / listing:.2f}x (goal <= 1.5x)"
    )


if __name__ == "__main__":
    main()
