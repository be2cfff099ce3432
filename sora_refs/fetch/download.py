"""Downloading the papers' PDFs: in parallel, politely, and never leaving half a file under a final name.

    from sora_refs import Catalogue
    from sora_refs.fetch.download import Downloader, Settings

    results = Downloader(Settings(directory=Path("pdfs"))).run(Catalogue.load().papers)

Each paper's PDF goes to ``<dir>/.partial/<name>.part`` first and is renamed to ``<dir>/<name>``
only once it is whole and checked (PDF header, announced length, ``%%EOF`` trailer). A transfer
that breaks off is resumed with an HTTP Range request on the next attempt; one that fails for good
leaves nothing behind. A Ctrl-C keeps the partial file so that the next run resumes it.
One request and its checks are :mod:`.transfer`'s; the files on disk and the manifest :mod:`.pdfstore`'s.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as _Pending
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, Protocol

from ..errors import SoraRefsError
from ..models import Paper
from . import net
from .hosts import DEFAULT_PER_HOST, HostLimiter
from .pdfstore import (
    PARTIAL_DIR,
    Entry,
    Manifest,
    claimed,
    inside,
    pdf_problem,
    private_dir,
    regular_or_absent,
    remove_quietly,
    safe_name,
    sha256_of,
)
from .transfer import Cancelled, NotAPdf, transfer

DEFAULT_JOBS = 8
ARXIV_PDF = "https://arxiv.org/pdf"
_ARXIV_PDF_URL = re.compile(r"^https?://(www\.|export\.)?arxiv\.org/pdf/")


class Status(str, Enum):
    """How one paper ended."""

    DOWNLOADED = "downloaded"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True)
class Result:
    """The outcome for one paper."""

    paper: Paper
    """The paper asked for."""
    status: Status
    """Downloaded, skipped (already there) or failed."""
    path: Path | None
    """Where its PDF is (or would have been)."""
    url: str | None = None
    """Where it was fetched from."""
    size: int = 0
    """Bytes on disk."""
    sha256: str | None = None
    """Hex SHA-256 of the file on disk."""
    reason: str | None = None
    """Why it failed, or why a present file was fetched again."""
    attempts: int = 0
    """Requests made for it (0 when skipped)."""
    resumed: bool = False
    """True when part of it came through a Range request."""

    @property
    def present(self) -> bool:
        return self.status is not Status.FAILED


class Progress(Protocol):
    """What a display is told while papers download (called from worker threads)."""

    def started(self, paper: Paper, url: str, total: int | None, done: int) -> None: ...

    def advanced(self, paper: Paper, nbytes: int) -> None: ...

    def retrying(self, paper: Paper, reason: str, delay: float) -> None: ...

    def finished(self, result: Result) -> None: ...


class _Silent:
    def started(self, paper: Paper, url: str, total: int | None, done: int) -> None: ...
    def advanced(self, paper: Paper, nbytes: int) -> None: ...
    def retrying(self, paper: Paper, reason: str, delay: float) -> None: ...
    def finished(self, result: Result) -> None: ...


@dataclass
class Settings:
    """How to download."""

    directory: Path
    """Where the PDFs go (created if missing)."""
    jobs: int = DEFAULT_JOBS
    """Papers downloading at once (each host's own cap still applies)."""
    timeout: float = 30.0
    """Seconds allowed for connecting and for each read."""
    deadline: float = 900.0
    """Seconds one attempt may take in all, however steadily the bytes arrive (not retried when spent)."""
    retries: int = 3
    """Further attempts after a transient failure (connection error, timeout, 5xx, 429)."""
    force: bool = False
    """Download again even when a valid file is there."""
    backoff: float = 1.0
    """First pause between attempts; doubled each time."""
    max_bytes: int = 300 * 1024 * 1024
    """Largest PDF accepted: a server that sends without end must not fill the disk."""
    per_host: int = DEFAULT_PER_HOST
    """Connections at once to one host (arXiv's hosts have stricter rules of their own)."""
    arxiv_pdf: str | None = None
    """Base URL of an arXiv PDF mirror (``<base>/<id>``), replacing arxiv.org's."""
    max_wait: float = 300.0
    """Longest ``Retry-After`` honoured; a server asking for more fails the paper now."""
    sleep: Callable[[float], None] | None = field(default=None, repr=False)
    """Replaces the pause between attempts (tests record the delays instead of waiting)."""


class _HostDown(Exception):
    """Another worker found the paper's host unreachable (no name, no route): no point asking it."""


def local_pdf(paper: Paper) -> Path | None:
    """The first of the paper's local files (``files``, e.g. Zotero's) that is a PDF on this machine."""
    for name in paper.files:
        path = Path(name).expanduser()
        if path.suffix.lower() == ".pdf" and path.is_file():
            return path
    return None


def pdf_url(paper: Paper, arxiv_pdf: str | None = None) -> str | None:
    """Where to fetch ``paper``'s PDF: its ``pdf`` link, else one made from its arXiv id.

    With a mirror (``arxiv_pdf``), arXiv papers whose link points at arxiv.org go to the mirror.
    """
    if arxiv_pdf and paper.ids.arxiv and (not paper.pdf or _ARXIV_PDF_URL.match(paper.pdf)):
        return f"{arxiv_pdf.rstrip('/')}/{paper.ids.arxiv}"
    return paper.pdf_url


class Downloader:
    """Downloads papers into ``settings.directory``; :meth:`run` returns one :class:`Result` per paper."""

    def __init__(
        self, settings: Settings, progress: Progress | None = None, limiter: HostLimiter | None = None
    ) -> None:
        self.settings = settings
        self.progress: Progress = progress or _Silent()
        self.limiter = limiter or HostLimiter(settings.per_host)
        self._cancel = threading.Event()
        self._dead_hosts: dict[str, str] = {}
        self._lock = threading.Lock()

    def run(self, papers: Sequence[Paper]) -> list[Result]:
        """Download ``papers`` (in parallel), update the manifest, and return results in the given order.

        On Ctrl-C the workers stop at their next block, the manifest keeps what finished, and
        KeyboardInterrupt is raised again.
        """
        directory = self.settings.directory
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise SoraRefsError(f"cannot create {directory}: {error.strerror or error}") from None
        manifest = Manifest(directory)
        results: dict[str, Result] = {}
        futures: list[Any] = []
        pool = ThreadPoolExecutor(max_workers=max(1, self.settings.jobs), thread_name_prefix="download")
        try:
            futures = [(paper, pool.submit(self._one, paper, manifest)) for paper in papers]
            for paper, future in futures:
                # Polling with a timeout keeps the main thread responsive to Ctrl-C.
                while True:
                    try:
                        result = future.result(timeout=0.2)
                        break
                    except _Pending:
                        continue
                results[paper.key] = result
                if result.status is not Status.FAILED and result.sha256:
                    manifest.record(
                        paper.key,
                        Entry(result.path.name if result.path else "", result.size, result.sha256, result.url),
                    )
        except BaseException:
            self._cancel.set()
            pool.shutdown(wait=True, cancel_futures=True)
            for paper, future in futures:
                if paper.key not in results and future.done() and not future.cancelled() and future.exception() is None:
                    result = future.result()
                    if result.status is not Status.FAILED and result.sha256 and result.path:
                        manifest.record(paper.key, Entry(result.path.name, result.size, result.sha256, result.url))
            _save_quietly(manifest)
            raise
        pool.shutdown(wait=True)
        if manifest.entries or manifest.path.exists():
            manifest.save()
        _prune(directory / PARTIAL_DIR)
        return [results[p.key] for p in papers]

    # -- one paper ------------------------------------------------------------------------------

    def _one(self, paper: Paper, manifest: Manifest) -> Result:
        try:
            result = self._fetch(paper, manifest)
        except OSError as error:  # a full disk, a read-only directory: that paper fails, the run goes on
            where = f" {error.filename}" if error.filename else ""
            result = Result(paper, Status.FAILED, None, reason=f"cannot write{where}: {error.strerror or error}")
        except SoraRefsError as error:
            result = Result(paper, Status.FAILED, None, reason=str(error))
        self.progress.finished(result)
        return result

    def _fetch(self, paper: Paper, manifest: Manifest) -> Result:
        # Another run fetching this paper into this folder goes first; this one then finds its PDF.
        name = safe_name(paper.key)
        folder = private_dir(inside(self.settings.directory, name).parent / PARTIAL_DIR)
        with claimed(folder / (name + ".lock"), self._waiting):
            return self._fetch_claimed(paper, manifest)

    def _waiting(self, seconds: float) -> bool:
        if self._cancel.wait(seconds):
            raise Cancelled()
        return False

    def _fetch_claimed(self, paper: Paper, manifest: Manifest) -> Result:
        settings = self.settings
        name = safe_name(paper.key)
        final = inside(settings.directory, name)
        url = pdf_url(paper, settings.arxiv_pdf)
        reason = None
        odd = regular_or_absent(final)
        if odd is not None:  # a link, a FIFO...: never read through, replaced by the download
            reason = f"existing {odd} replaced"
        elif final.exists() and not settings.force:
            problem = manifest.verify(paper.key, final)
            if problem == "not in the manifest":
                problem = pdf_problem(final)  # a file from elsewhere: keep it if it is a whole PDF
            if problem is None:
                return Result(paper, Status.SKIPPED, final, url, final.stat().st_size, sha256_of(final))
            reason = f"existing file replaced: {problem}"
        local = local_pdf(paper) if not final.exists() else None
        if local is not None and pdf_problem(local) is None:  # the library's own copy: nothing to fetch
            return Result(paper, Status.SKIPPED, local, url, local.stat().st_size, sha256_of(local))
        if url is None:
            return Result(paper, Status.FAILED, final, None, reason="no PDF link and no arXiv id")
        partial_dir = private_dir(final.parent / PARTIAL_DIR)
        partial = partial_dir / (name + ".part")  # name is already safe: no separators, no dots in front
        meta = partial.with_name(partial.name + ".json")
        if settings.force:
            remove_quietly(partial, meta)
        attempts, resumed = 0, False

        def once() -> tuple[int, str]:
            nonlocal attempts, resumed
            dead = self._dead_hosts.get(net.host_of(url))
            if dead:
                raise _HostDown(dead)
            attempts += 1
            size, digest, was_resumed = transfer(
                url,
                partial,
                meta,
                timeout=settings.timeout,
                deadline=settings.deadline,
                max_bytes=settings.max_bytes,
                # each hop under its own host's rule (a redirect may change host)
                slot=lambda hop: self.limiter.slot(hop, lambda: self._raise_if_dead(hop)),
                cancelled=self._cancel,
                started=lambda total, done: self.progress.started(paper, url, total, done),
                advanced=lambda nbytes: self.progress.advanced(paper, nbytes),
            )
            resumed = resumed or was_resumed
            return size, digest

        def pause(delay: float) -> None:
            if settings.sleep is not None:
                settings.sleep(delay)
            elif self._cancel.wait(delay):
                raise Cancelled() from None

        try:
            size, digest = net.with_retries(
                once,
                retries=settings.retries,
                backoff=settings.backoff,
                max_wait=settings.max_wait,
                sleep=pause,
                on_retry=lambda error, delay: self.progress.retrying(paper, str(error), delay),
            )
        except _HostDown as down:
            return Result(paper, Status.FAILED, final, url, reason=str(down), attempts=attempts)
        except NotAPdf as error:
            remove_quietly(partial, meta)
            return Result(paper, Status.FAILED, final, url, reason=str(error), attempts=attempts)
        except net.NetworkError as error:
            remove_quietly(partial, meta)
            if error.status is None and not error.retryable:
                with self._lock:  # no name resolution, no route: the same for every paper there
                    self._dead_hosts.setdefault(net.host_of(url), str(error))
            text = str(error)
            if error.retryable and attempts > 1:
                text += f" (after {attempts} attempts)"
            return Result(paper, Status.FAILED, final, url, reason=text, attempts=attempts)
        os.replace(partial, final)
        remove_quietly(meta)
        return Result(paper, Status.DOWNLOADED, final, url, size, digest, reason, attempts, resumed)

    def _raise_if_dead(self, url: str) -> None:
        dead = self._dead_hosts.get(net.host_of(url))
        if dead:
            raise net.NetworkError(dead)


def _save_quietly(manifest: Manifest) -> None:
    if not manifest.entries and not manifest.path.exists():
        return
    try:
        manifest.save()
    except OSError:
        pass


def _prune(partial_dir: Path) -> None:
    try:
        partial_dir.rmdir()  # only when empty: partial files of interrupted runs stay for resuming
    except OSError:
        pass


def summary_counts(results: Sequence[Result]) -> dict[str, int]:
    """``{"downloaded": n, "skipped": n, "failed": n}``."""
    counts = {status.value: 0 for status in Status}
    for result in results:
        counts[result.status.value] += 1
    return counts


__all__ = [
    "ARXIV_PDF",
    "DEFAULT_JOBS",
    "Downloader",
    "Progress",
    "Result",
    "Settings",
    "Status",
    "pdf_url",
    "summary_counts",
]
