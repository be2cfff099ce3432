"""How much parallel downloading buys: 32 PDFs from a local server that answers each request after 200 ms.

Starts a threaded HTTP server on 127.0.0.1 (standard library only), writes a catalogue of 32 papers
whose PDF links point at it, and times ``sora-refs download`` as a whole process into a fresh
directory, with ``--jobs 1`` and with the default ``--jobs``. The goal (issue 7): the default at
least 3.5 times faster than one job at a time.

    python benchmarks/download_bench.py            # 3 runs each, medians
    python benchmarks/download_bench.py --runs 5 --delay 0.2 --papers 32
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDF = (ROOT / "tests" / "data" / "net" / "paper.pdf").read_bytes()
GOAL = 3.5


def serve(delay: float) -> ThreadingHTTPServer:
    class Slow(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            time.sleep(delay)
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(len(PDF)))
            self.end_headers()
            self.wfile.write(PDF)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def catalogue(path: Path, base: str, count: int) -> None:
    lines = [
        'catalogue: {title: "Download benchmark", schema: 1}',
        "categories:",
        "  - {id: misc, name: Misc}",
        "papers:",
    ]
    for i in range(1, count + 1):
        lines += [
            f"  - ref: {i}",
            f"    key: paper{i:03d}",
            f'    title: "Paper {i}"',
            "    authors: [Ann Author]",
            "    year: 2020",
            "    venue: arXiv",
            "    type: preprint",
            "    category: misc",
            f'    pdf: "{base}/paper{i:03d}.pdf"',
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def timed(cat: Path, work: Path, jobs: int | None) -> float:
    target = Path(tempfile.mkdtemp(dir=work))
    command = [sys.executable, "-m", "sora_refs", "--catalogue", str(cat), "download", "--dir", str(target)]
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"download failed:\n{done.stdout}{done.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--delay", type=float, default=0.2, help="seconds the server waits before each answer")
    parser.add_argument("--papers", type=int, default=32)
    args = parser.parse_args()

    server = serve(args.delay)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with tempfile.TemporaryDirectory(prefix="sora-refs-bench-") as tmp:
        work = Path(tmp)
        cat = work / "bench.yaml"
        catalogue(cat, base, args.papers)
        timed(cat, work, None)  # warm-up: catalogue cache, imports in the page cache
        rows = []
        for label, jobs in (("--jobs 1", 1), ("default --jobs", None)):
            times = [timed(cat, work, jobs) for _ in range(args.runs)]
            rows.append((label, statistics.median(times), min(times), max(times)))
    server.shutdown()

    floor = args.papers * args.delay
    print(
        f"{args.papers} PDFs of {len(PDF)} bytes, server waits {args.delay * 1000:.0f} ms per request "
        f"(serial floor {floor:.1f} s); {args.runs} runs each, whole processes"
    )
    print(f"{'':16} {'median':>8} {'min':>8} {'max':>8}")
    for label, median, low, high in rows:
        print(f"{label:16} {median:7.2f}s {low:7.2f}s {high:7.2f}s")
    speedup = rows[0][1] / rows[1][1]
    verdict = "goal met" if speedup >= GOAL else "GOAL MISSED"
    print(f"speed-up: {speedup:.1f}x (goal: at least {GOAL}x) - {verdict}")
    sys.exit(0 if speedup >= GOAL else 1)


if __name__ == "__main__":
    main()
