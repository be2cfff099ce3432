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
  first key to the final list drawn, and how many lists were drawn on the way;
- scroll: on the whole list, the time from page down, end and home to the frame showing the
  cursor there; and the down arrow held (keys sent at a terminal's repeat rate), each key's time
  to a frame showing it and what each frame cost (layout, drawing, writing).

The app is opened as ``sora-refs browse`` opens it: the garbage collector frozen once the
catalogue is loaded (as :mod:`sora_refs.cli.state` does) and again once the index is built.

Wall times suffer on a busy machine; the CPU time the process spent (all its threads) is printed
beside them. Synthetic catalogues come from benchmarks/generate.py, kept in --data between runs.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

QUERY = "difusion transfomer"
HOLD_RATE = 30
"""Keys a second while the down arrow is held (a terminal's usual repeat rate)."""
HOLD_KEYS = 60


def catalogue_file(count: int, data: Path) -> Path:
    path = data / f"catalogue-{count}.yaml"
    if not path.exists():
        data.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(count), "-o", str(path)], check=True)
    return path


async def drive(path: str | None, keys: str, size: tuple[int, int] = (120, 40)) -> dict[str, Any]:
    """Open the app on ``path`` as ``sora-refs browse`` does, type ``keys``, scroll; the figures as a dict."""
    start, cpu = time.perf_counter(), time.process_time()  # imports included: they are part of opening
    from textual import events
    from textual.screen import Screen

    from sora_refs import Catalogue
    from sora_refs.browse.app import BrowseApp
    from sora_refs.browse.paperlist import PaperList

    # (start, seconds, CPU seconds of this thread) of each frame: layout, render, write
    frame_cost: list[tuple[float, float, float]] = []
    update = Screen._on_timer_update

    def timed_update(screen: Screen) -> None:
        begin, cpu = time.perf_counter(), time.thread_time()
        update(screen)
        frame_cost.append((begin, time.perf_counter() - begin, time.thread_time() - cpu))

    Screen._on_timer_update = timed_update  # type: ignore[method-assign]
    catalogue = Catalogue.load(path)
    gc.freeze()  # as the command line does once the catalogue is loaded (sora_refs.cli.state)
    app = BrowseApp(catalogue, fresh=True, freeze=True)
    figures: dict[str, Any] = {}
    async with app.run_test(size=size) as pilot:
        while app.runs < 1:
            await asyncio.sleep(0.001)
        figures["opened"] = time.perf_counter() - start
        figures["opened_cpu"] = time.process_time() - cpu
        while not app.prepared:  # a user reads the first screen meanwhile; the figure is printed
            await asyncio.sleep(0.005)
        figures["prepared"] = time.perf_counter() - start
        # When each frame reached the (headless) terminal, the list's cursor it showed, and when each
        # query's list was filled.
        frames: list[float] = []
        cursors: list[int] = []
        filled: dict[str, float] = {}
        display, show_results = app._display, app._show_results
        papers = app.query_one(PaperList)

        def drawn(screen: object, update: object) -> None:
            display(screen, update)  # type: ignore[arg-type]
            frames.append(time.perf_counter())
            cursors.append(papers.cursor)

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
        figures.update(keys=per_key, cpu_keys=cpu_per_key, pilot_keys=pilot_per_key)
        figures["peak"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MiB, before what follows
        if keys:  # the same query again as one burst (a fast typist, a paste): to the final list drawn
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
            figures["burst"] = next(t for t in frames if t > filled[keys]) - begin
            figures["burst_lists"] = app.runs - runs
            app.query_one("#search").value = ""  # type: ignore[attr-defined]
            while not (app.filters.query == "" and "" in filled and frames[-1] > filled[""]):
                await asyncio.sleep(0.0005)
        if keys:
            figures.update(await scroll(app, pilot, papers, frames, cursors, frame_cost))
        await pilot.press("q")
    return figures


async def scroll(
    app: Any,
    pilot: Any,
    papers: Any,
    frames: list[float],
    cursors: list[int],
    frame_cost: list[tuple[float, float, float]],
) -> dict[str, list[float]]:
    """Move through the whole list: seconds from each key to the frame showing its cursor, and each frame's cost."""
    from textual import events

    papers.focus()
    await pilot.pause()

    async def press(key: str, target: Callable[[], int]) -> float:
        begin = time.perf_counter()
        await pilot.press(key)
        want = target()
        while not any(t > begin and c == want for t, c in zip(frames, cursors)):
            await asyncio.sleep(0.0005)
        return next(t for t, c in zip(frames, cursors) if t > begin and c == want) - begin

    page = max(1, papers.scrollable_content_region.height - 1)
    figures: dict[str, list[float]] = {"pagedown": [], "end": [], "home": [], "hold": [], "hold_frames": []}
    await press("home", lambda: 0)
    for _ in range(10):
        figures["pagedown"].append(await press("pagedown", lambda: min(papers.cursor, len(papers.rows) - 1)))
    assert papers.cursor == min(10 * page, len(papers.rows) - 1), papers.cursor
    for _ in range(3):
        figures["end"].append(await press("end", lambda: len(papers.rows) - 1))
        figures["home"].append(await press("home", lambda: 0))
    # Holding the down arrow: keys at a terminal's repeat rate (30 a second) for two seconds; for each,
    # the time until a frame shows the cursor on (or past) its row.
    await pilot.pause(0.2)
    first, sent = papers.cursor, []
    begin, hold_cpu = time.perf_counter(), time.process_time()
    for number in range(HOLD_KEYS):
        sent.append(time.perf_counter())
        app._driver.send_message(events.Key("down", None))
        await asyncio.sleep(max(0.0, begin + (number + 1) / HOLD_RATE - time.perf_counter()))
    while cursors[-1] < first + HOLD_KEYS or frames[-1] < sent[-1]:
        await asyncio.sleep(0.0005)
    for number, at in enumerate(sent, 1):
        figures["hold"].append(next(t for t, c in zip(frames, cursors) if t > at and c >= first + number) - at)
    figures["hold_frames"] = [cost for at, cost, _ in frame_cost if at >= begin]
    figures["hold_frames_cpu"] = [cpu for at, _, cpu in frame_cost if at >= begin]
    figures["hold_cpu"] = [time.process_time() - hold_cpu]
    return figures


def child(path: str | None, keys: str) -> None:
    """Run in a fresh process: print the figures as one line of JSON."""
    print("RESULT " + json.dumps(asyncio.run(drive(path, keys))))


def run_child(path: Path | None, keys: str, env: dict[str, str]) -> dict[str, Any]:
    """A fresh process running :func:`child`: its figures (seconds, MiB)."""
    args = [sys.executable, __file__, "--child", str(path) if path else "-", "--keys", keys]
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    out, err = process.communicate()
    line = [ln for ln in out.splitlines() if ln.startswith("RESULT ")]
    if process.returncode != 0 or not line:
        raise SystemExit(f"the benchmark process failed:\n{err[-2000:]}")
    figures: dict[str, Any] = json.loads(line[-1].removeprefix("RESULT "))
    return figures


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


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def spread(values: list[float]) -> str:
    """``median m ms, worst w ms``."""
    return f"median {ms(statistics.median(values))} ms, worst {ms(max(values))} ms"


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
    opens = [run_child(None, "", env) for _ in range(args.repeat)]
    walls, cpus = [o["opened"] for o in opens], [o["opened_cpu"] for o in opens]
    print(
        f"open, bundled catalogue: median {ms(statistics.median(walls))} ms "
        f"(min {ms(min(walls))}, max {ms(max(walls))}; goal <= 500 ms), CPU {ms(statistics.median(cpus))} ms"
    )

    path = catalogue_file(args.papers, args.data)
    run_child(path, "", env)  # the cache again
    runs = [run_child(path, QUERY, env) for _ in range(max(1, args.repeat // 2))]

    def every(name: str) -> list[float]:
        return [value for run in runs for value in run[name]]

    print(
        f"open, {args.papers:,} papers: median {ms(statistics.median(r['opened'] for r in runs))} ms to the list "
        f"(CPU {ms(statistics.median(r['opened_cpu'] for r in runs))} ms), "
        f"{statistics.median(r['prepared'] for r in runs):.1f} s to the word index built behind it "
        "(typing works meanwhile)"
    )
    print(
        f"keystroke, {args.papers:,} papers, {QUERY!r} one key at a time: {spread(every('keys'))} "
        f"(goal <= 100 ms); CPU per key {spread(every('cpu_keys'))}"
    )
    worst = [max(run["keys"][i] for run in runs) for i in range(len(QUERY))]
    print("  per key (worst of runs, ms): " + " ".join(f"{k!r}:{ms(t)}" for k, t in zip(QUERY, worst)))
    print(
        f"  pilot.press round trip (adds its idle detection: at least two 20 ms sleeps): {spread(every('pilot_keys'))}"
    )
    print(
        f"  the query typed as one burst: median {ms(statistics.median(r['burst'] for r in runs))} ms from the "
        f"first key to the final list drawn, {statistics.median(r['burst_lists'] for r in runs):.0f} list(s) drawn "
        f"for {len(QUERY)} keys"
    )
    print(
        f"scroll, {args.papers:,} papers, key to the frame showing the cursor: page down {spread(every('pagedown'))}; "
        f"end {spread(every('end'))}; home {spread(every('home'))}"
    )
    print(
        f"  down arrow held ({HOLD_RATE} keys a second for {HOLD_KEYS / HOLD_RATE:.0f} s): key to frame "
        f"{spread(every('hold'))}; each frame's layout and drawing {spread(every('hold_frames'))} "
        f"(CPU {spread(every('hold_frames_cpu'))}); CPU for the {HOLD_KEYS} keys "
        f"{ms(statistics.median(every('hold_cpu')))} ms"
    )
    peak = max(r["peak"] for r in runs)
    listing = max(list_rss(path, env) for _ in range(2))
    print(
        f"memory, {args.papers:,} papers: browse {peak:.0f} MiB, list {listing} MiB = {peak / listing:.2f}x "
        "(goal <= 1.5x)"
    )


if __name__ == "__main__":
    main()
