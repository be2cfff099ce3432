"""The web page at 32, 5,000 and 20,000 papers: build time and memory, file size, and in headless Chromium
the time until it is usable, a search painted, and each keystroke painted.

    python benchmarks/site_bench.py                  # 32 (the bundled catalogue), 5000, 20000
    python benchmarks/site_bench.py --sizes 32 5000

Goals (issue 17): at 20,000 papers the file <= 15 MB (<= 4 MB gzip), usable <= 2 s after opening,
each keystroke painted <= 100 ms, built in <= 4 s and <= 300 MB. Build figures are the median of
three runs of `sora-refs site` as a fresh process (the catalogue's parse cache warm: the first run
fills it): wall time, CPU time in brackets (user + system, the worker processes included; on a
busy machine the honest figure), peak RSS of the largest process. Browser figures are measured inside the page with
performance.now(): "usable" from navigation start until the papers are listed (search works from
then on); "indexed" until the search fields are folded and indexed in idle time (a search typed
before that builds what it needs first); "painted" from the input event until the frame after the
list changed (two animation frames), typing one key at a time once indexed. Scrolling: a screen
down at a time, 30 times, from the input to the second frame after (the rows in view drawn), then
the jump to the end; "rows in the document" counts the rows the window holds there (the last paper
among them, or it says so). "Every row drawn": "Show every row (for find in page)" pressed, from the
click until every paper of the list is in the document and painted (and, in brackets, pressed again).
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench import sora  # noqa: E402

MEASURE = """async ([text, perKey]) => {
  const q = document.getElementById('q'), count = document.getElementById('count');
  const paint = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  async function put(value) {
    const changed = new Promise(done => {
      const seen = new MutationObserver(() => { seen.disconnect(); done(); });
      seen.observe(count, {childList: true, characterData: true, subtree: true});
    });
    const start = performance.now();
    q.value = value;
    q.dispatchEvent(new Event('input', {bubbles: true}));
    await changed;
    await paint();
    return performance.now() - start;
  }
  if (!perKey) {
    const t = await put(text);
    return [t, count.textContent, document.querySelectorAll('#papers tbody.paper').length];
  }
  const times = [];
  for (let i = 1; i <= text.length; i++) times.push(await put(text.slice(0, i)));
  await put('');
  return times;
}"""


SCROLL = """async () => {
  const paint = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const rows = () => document.querySelectorAll('#papers tbody.paper');
  const steps = [];
  window.scrollTo(0, 0);
  await paint();
  for (let i = 0; i < 30; i++) {
    const start = performance.now();
    window.scrollBy(0, window.innerHeight);
    await paint();
    steps.push(performance.now() - start);
  }
  const start = performance.now();
  window.scrollTo(0, document.documentElement.scrollHeight);
  await paint();
  const jump = performance.now() - start;
  const last = rows()[rows().length - 1].querySelector('.row').getAttribute('aria-rowindex');
  const total = Number(document.getElementById('papers').getAttribute('aria-rowcount'));
  window.scrollTo(0, 0);
  await paint();
  steps.sort((a, b) => a - b);
  return [steps[steps.length >> 1], steps[steps.length - 1], jump, rows().length, Number(last) === total];
}"""


EVERY_ROW = """async () => {
  const paint = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const rows = () => document.querySelectorAll('#papers tbody.paper').length;
  const button = document.getElementById('every-row'), total = window.__total;
  let start = performance.now();
  button.click();
  while (rows() < total) await new Promise(done => setTimeout(done, 5));
  await paint();
  const on = performance.now() - start;
  start = performance.now();
  button.click();
  await paint();
  return [on, performance.now() - start];
}"""


def catalogue_for(size: int, folder: Path) -> Path | None:
    """The YAML file for ``size`` papers (None: the bundled catalogue)."""
    if size == 32:
        return None
    path = folder / f"catalogue-{size}.yaml"
    if not path.exists():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(size), "-o", str(path)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return path


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system, with the worker processes it waited for) and peak
    RSS in MiB (the largest process) of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"failed: {' '.join(args)}")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def build(catalogue: Path | None, output: Path, env: dict[str, str]) -> tuple[float, float, int]:
    args = sora(*(["--catalogue", str(catalogue)] if catalogue else []), "site", "-o", str(output))
    run(args, env)  # fills the catalogue's cache
    runs = [run(args, env) for _ in range(3)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs), max(r[2] for r in runs)


def browse(path: Path, chromium: str) -> dict[str, float | str]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        ready, indexed = [], []
        for _ in range(3):
            page.goto(path.as_uri())
            page.wait_for_selector("html[data-indexed-ms]", state="attached", timeout=120_000)
            ready.append(float(page.get_attribute("html", "data-ready-ms") or "nan"))
            indexed.append(float(page.get_attribute("html", "data-indexed-ms") or "nan"))
        search_ms, count, rows = page.evaluate(MEASURE, ["diffusion", False])
        page.evaluate(MEASURE, ["", False])
        keys = page.evaluate(MEASURE, ["diffusion transformer", True])
        step_median, step_max, jump, rows_after, reached = page.evaluate(SCROLL)
        # the papers in the list (no paper is open): what "every row" must draw
        page.evaluate("window.__total = Number(document.getElementById('papers').getAttribute('aria-rowcount')) - 1")
        every_on, every_off = page.evaluate(EVERY_ROW)
        browser.close()
    return {
        "ready": statistics.median(ready) / 1000,
        "indexed": statistics.median(indexed) / 1000,
        "search": search_ms,
        "count": count,
        "rows": rows,
        "key_median": statistics.median(keys),
        "key_max": max(keys),
        "step_median": step_median,
        "step_max": step_max,
        "jump": jump,
        "rows_after": rows_after if reached else f"{rows_after} (end not reached)",
        "every_on": every_on,
        "every_off": every_off,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[32, 5000, 20000])
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "sora-refs-bench")
    args = parser.parse_args()
    chromium = os.environ.get("SORA_REFS_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    args.data.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, SORA_REFS_CACHE_DIR=str(args.data / "cache"))
    print(
        f"{os.cpu_count()} cores (load average {os.getloadavg()[0]:.1f}), Python {sys.version.split()[0]}, "
        f"{chromium}; {time.strftime('%Y-%m-%d')}"
    )
    print()
    print(
        '| papers | build (CPU) | build RSS | HTML | gzip | usable | indexed | search "diffusion" painted '
        "| keystroke painted (median / max) | a screen scrolled, painted (median / max) | jump to the end "
        "| rows in the document there | every row drawn (and back) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        catalogue = catalogue_for(size, args.data)
        output = args.data / f"page-{size}.html"
        seconds, cpu, rss = build(catalogue, output, env)
        raw = output.read_bytes()
        packed = len(gzip.compress(raw, 6))
        figures = browse(output, chromium) if chromium else {}
        browser = (
            (
                f"{figures['ready']:.2f} s | {figures['indexed']:.2f} s | {figures['search']:.0f} ms | "
                f"{figures['key_median']:.0f} / {figures['key_max']:.0f} ms | "
                f"{figures['step_median']:.0f} / {figures['step_max']:.0f} ms | {figures['jump']:.0f} ms | "
                f"{figures['rows_after']} | {figures['every_on'] / 1000:.2f} s ({figures['every_off'] / 1000:.2f} s)"
            )
            if figures
            else "no Chromium | | | | | | | "
        )
        sizes = f"{len(raw) / 1e6:.2f} MB | {packed / 1e6:.2f} MB"
        print(f"| {size:,} | {seconds:.2f} s ({cpu:.2f} s) | {rss} MB | {sizes} | {browser} |", flush=True)


if __name__ == "__main__":
    main()
