"""``sora-refs download``."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from typing import Any

import click

from ... import Query
from .. import output
from ..options import REPORT_FORMATS, Seconds, filter_options, format_option, select
from ..state import State

DEFAULT_DIR = "sora-refs-pdfs"


@click.command("download")
@click.argument("refs", nargs=-1, metavar="[REF]...")
@filter_options
@click.option(
    "--dir",
    "-d",
    "directory",
    type=click.Path(file_okay=False),
    default=DEFAULT_DIR,
    envvar="SORA_REFS_PDF_DIR",
    show_default=True,
    help="Directory for the PDFs, one <key>.pdf per paper [env: SORA_REFS_PDF_DIR].",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    default=8,
    show_default=True,
    help="Papers downloading at once (arXiv still gets at most 2 connections).",
)
@click.option(
    "--timeout",
    type=Seconds(0.001),
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help="Limit for connecting and for each read; a stalled server fails that paper only.",
)
@click.option(
    "--retries",
    type=click.IntRange(0, 20),
    default=3,
    show_default=True,
    help="Further attempts after a connection error, a timeout, a 5xx or a 429.",
)
@click.option("--force", is_flag=True, help="Download again even when a valid file is there.")
@click.option(
    "--arxiv-pdf",
    metavar="URL",
    envvar="SORA_REFS_ARXIV_PDF",
    help="Base URL of an arXiv PDF mirror, fetched as URL/<id> [env: SORA_REFS_ARXIV_PDF].",
)
@format_option(REPORT_FORMATS, default="text", help="json: one record per paper on stdout.")
@click.pass_obj
def download(
    state: State,
    refs: tuple[str, ...],
    query: Query,
    directory: str,
    jobs: int,
    timeout: float,
    retries: int,
    force: bool,
    arxiv_pdf: str | None,
    format_: str,
) -> None:
    """Download the papers' PDFs (all of them unless refs or filters narrow the list).

    Files already there and intact are skipped without a request; interrupted transfers resume.
    Exit status 0 only when every requested paper's PDF is present.

    \b
    Examples:
      sora-refs download
      sora-refs download 26 29 --dir ~/papers
      sora-refs download -c diffusion --jobs 4 --timeout 10
    """
    from ...fetch import download_pdfs

    papers = select(state, query)
    if refs:
        wanted = {p.key for p in state.catalogue.get_many(list(refs))}
        papers = [p for p in papers if p.key in wanted]
    if not papers:
        output.message("No papers match.")
        raise SystemExit(1)
    target = Path(os.path.expanduser(directory))
    output.message(f"Saving {len(papers)} PDF{'s' if len(papers) != 1 else ''} to {target.resolve()}")
    display = _RichDisplay(len(papers)) if _stderr_is_terminal() else _PlainDisplay(len(papers))
    with display:
        results = download_pdfs(
            papers,
            target,
            progress=display,
            jobs=jobs,
            timeout=timeout,
            retries=retries,
            force=force,
            arxiv_pdf=arxiv_pdf,
        )
    _report(results, target, format_)
    if not all(r.present for r in results):
        raise SystemExit(1)


def _stderr_is_terminal() -> bool:
    forced = os.environ.get("SORA_REFS_TERMINAL")
    if forced in ("0", "1"):
        return forced == "1"
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n} B"


def _line(result: Any) -> str:
    label = result.paper.label
    if result.status.value == "failed":
        return f"failed      {label}: {result.reason}"
    extra = " (resumed)" if result.resumed else ""
    return f"{result.status.value:<11} {label}  {_size(result.size)}{extra}"


class _PlainDisplay:
    """One line per finished paper (and per retry) on stderr: stable text for logs and pipes."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0
        self._lock = threading.Lock()

    def __enter__(self) -> _PlainDisplay:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def started(self, paper: Any, url: str, total: int | None, done: int) -> None:
        return None

    def advanced(self, paper: Any, nbytes: int) -> None:
        return None

    def retrying(self, paper: Any, reason: str, delay: float) -> None:
        with self._lock:
            output.message(f"retrying    {paper.label} in {delay:.1f} s: {reason}")

    def finished(self, result: Any) -> None:
        with self._lock:
            self.done += 1
            width = len(str(self.total))
            output.message(f"[{self.done:>{width}}/{self.total}] {_line(result)}")


class _RichDisplay:
    """A bar for the whole run and one per file in flight, on stderr."""

    def __init__(self, total: int) -> None:
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            ProgressColumn,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )
        from rich.text import Text

        class FileOnly(ProgressColumn):
            """Bytes and speed make sense for a file's bar, not for the count of papers."""

            def __init__(self, inner: ProgressColumn) -> None:
                super().__init__()
                self.inner = inner

            def render(self, task: Any) -> Any:
                return self.inner.render(task) if task.fields.get("file") else Text("")

        self.progress = Progress(
            TextColumn("{task.description}", justify="left"),
            BarColumn(),
            FileOnly(DownloadColumn()),
            FileOnly(TransferSpeedColumn()),
            TimeRemainingColumn(),
            console=output.console(stderr=True),
            transient=False,
        )
        self.overall = self.progress.add_task(f"0/{total} papers", total=total)
        self.total = total
        self.done = 0
        self.tasks: dict[str, Any] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> _RichDisplay:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def started(self, paper: Any, url: str, total: int | None, done: int) -> None:
        with self._lock:
            task = self.tasks.get(paper.key)
            if task is None:
                self.tasks[paper.key] = self.progress.add_task(paper.key, total=total, completed=done, file=True)
            else:
                self.progress.reset(task, total=total, completed=done, description=paper.key)

    def advanced(self, paper: Any, nbytes: int) -> None:
        task = self.tasks.get(paper.key)
        if task is not None:
            self.progress.advance(task, nbytes)

    def retrying(self, paper: Any, reason: str, delay: float) -> None:
        from rich.text import Text

        self.progress.console.print(
            Text.assemble(("retrying", "yellow"), f" {paper.label} in {delay:.1f} s: {reason}"), highlight=False
        )

    def finished(self, result: Any) -> None:
        with self._lock:
            task = self.tasks.pop(result.paper.key, None)
            if task is not None:
                self.progress.remove_task(task)
            self.done += 1
            self.progress.update(self.overall, completed=self.done, description=f"{self.done}/{self.total} papers")
        if result.status.value == "failed":
            from rich.text import Text

            self.progress.console.print(Text(_line(result), style="red"))


def _report(results: list[Any], directory: Path, format_: str) -> None:
    from ... import fetch

    counts = fetch.summary_counts(results)
    if format_ == "json":
        output.write_json(
            {
                "directory": str(directory.resolve()),
                **counts,
                "papers": [
                    {
                        "ref": r.paper.ref,
                        "key": r.paper.key,
                        "status": r.status.value,
                        "file": str(r.path) if r.path and r.present else None,
                        "url": r.url,
                        "size": r.size,
                        "sha256": r.sha256,
                        "attempts": r.attempts,
                        "resumed": r.resumed,
                        "reason": r.reason,
                    }
                    for r in results
                ],
            }
        )
        return
    present = sum(r.size for r in results if r.present)
    output.echo(
        f"{counts['downloaded']} downloaded, {counts['skipped']} skipped, {counts['failed']} failed "
        f"({len(results) - counts['failed']} of {len(results)} PDFs present, {_size(present)} in {directory})"
    )
    for result in results:
        if result.status.value == "failed":
            output.echo(f"  failed: {result.paper.label}: {result.reason}" + (f" <{result.url}>" if result.url else ""))
