"""One request for a PDF: appended to a partial file, resumed with a Range request, checked on arrival.

:func:`transfer` fetches ``url`` into ``<dir>/.partial/<name>.part`` (a JSON file beside it keeps
the URL and the server's validators, so that the next attempt can resume). It raises
:class:`NotAPdf` when what arrives is not the PDF (trying again would fetch the same thing),
:class:`~sora_refs.fetch.net.NetworkError` when the transfer broke off, and :class:`Cancelled`
when the run is interrupted (the partial file is kept for the next run).
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import SoraRefsError
from ..reading.cache import open_regular
from ..text import one_line
from . import net
from .pdfstore import looks_like_pdf, open_new, pdf_problem, private_dir, regular_or_absent, remove_quietly, sha256_of

CONTENT_RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+|\*)$")
PDF_TYPES = {
    "application/pdf",
    "application/x-pdf",
    "application/octet-stream",
    "binary/octet-stream",
    "application/download",
    "application/force-download",
    "application/x-download",
    "",
}
"""Content types a server may send a PDF under."""


class NotAPdf(SoraRefsError):
    """What arrived is not the PDF: trying again would fetch the same thing."""


class Cancelled(BaseException):
    """The run was interrupted; the worker stops and keeps its partial file."""


def transfer(
    url: str,
    partial: Path,
    meta: Path,
    *,
    timeout: float,
    deadline: float,
    max_bytes: int,
    slot: Callable[[str], Any],
    cancelled: threading.Event,
    started: Callable[[int | None, int], None],
    advanced: Callable[[int], None],
) -> tuple[int, str, bool]:
    """One request: append to (or start) the partial file. Returns (size, sha256, resumed).

    ``slot(host)`` is the politeness slot each hop waits for; ``started(total, done)`` and
    ``advanced(nbytes)`` report progress.
    """
    offset, validators = resumable(partial, meta, url)
    # identity: byte counts, Content-Length and Range then all speak of the file itself.
    headers: dict[str, str] = {"Accept": "application/pdf,*/*;q=0.5", "Accept-Encoding": "identity"}
    if offset:
        headers["Range"] = f"bytes={offset}-"
        if validators.get("etag") or validators.get("last_modified"):
            # If the file changed on the server, send it all rather than splice two versions.
            headers["If-Range"] = validators.get("etag") or validators["last_modified"]

    with net.get(url, timeout=timeout, headers=headers, slot=slot, deadline=deadline) as reply:
        if reply.status == 416 and offset:
            remove_quietly(partial, meta)
            raise net.NetworkError("the server refused to resume; starting again", retryable=True, retry_after=0)
        net.check_status(reply, ok=(200, 206))
        kind = reply.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind not in PDF_TYPES and not kind.endswith("/pdf"):
            raise NotAPdf(f"server sent {one_line(kind, 80) or 'no Content-Type'}, not a PDF")
        total = int_or_none(reply.headers.get("Content-Length"))
        if reply.status == 206:
            match = CONTENT_RANGE.match(reply.headers.get("Content-Range", "").strip())
            if not match or int(match.group(1)) != offset:
                remove_quietly(partial, meta)
                raise net.NetworkError(
                    "the server resumed at the wrong place; starting again", retryable=True, retry_after=0
                )
            total = int_or_none(match.group(3))
        else:
            offset = 0  # a full answer: whatever we had is dropped
        if reply.headers.get("Content-Encoding", "identity").strip().lower() not in ("", "identity"):
            total = None  # compressed anyway: the announced length is not the file's
        if total is not None and total > max_bytes:
            raise NotAPdf(f"the file is {total} bytes, more than the {max_bytes} accepted")
        private_dir(partial.parent)
        with open_new(meta) as handle:
            handle.write(
                json.dumps(
                    {
                        "url": url,
                        "etag": reply.headers.get("ETag"),
                        "last_modified": reply.headers.get("Last-Modified"),
                    }
                ).encode("utf-8")
            )
        started(total, offset)
        size = offset
        with open_new(partial, append=bool(offset)) as handle:
            head = b""
            for chunk in reply.chunks():
                if cancelled.is_set():
                    raise Cancelled()
                if offset == 0 and len(head) < 1024:
                    head += chunk[:1024]
                    if len(head) >= 1024 and not looks_like_pdf(head):
                        raise NotAPdf(not_pdf(head))
                handle.write(chunk)
                size += len(chunk)
                if size > max_bytes:
                    raise NotAPdf(f"more than {max_bytes} bytes sent; not a paper's PDF")
                advanced(len(chunk))
            handle.flush()
            os.fsync(handle.fileno())
    if total is not None and size < total:
        raise net.NetworkError(f"transfer ended after {size} of {total} bytes", retryable=True)
    if total is not None and size > total:
        raise NotAPdf(f"received {size} bytes, {total} announced")
    problem = pdf_problem(partial)
    if problem:
        raise NotAPdf(problem)
    return size, sha256_of(partial), offset > 0


def resumable(partial: Path, meta: Path, url: str) -> tuple[int, dict[str, Any]]:
    """Bytes already fetched from ``url`` into ``partial`` (0 when there is nothing to resume)."""
    try:
        if regular_or_absent(partial) or regular_or_absent(meta):
            raise OSError("not a regular file")  # removed below: unlink never follows a link
        with open_regular(meta) as handle:
            info = json.loads(handle.read().decode("utf-8"))
        size = os.lstat(partial).st_size
    except (OSError, ValueError, RecursionError):
        remove_quietly(partial, meta)
        return 0, {}
    if not isinstance(info, dict) or info.get("url") != url:
        remove_quietly(partial, meta)
        return 0, {}
    return size, info


def not_pdf(head: bytes) -> str:
    """Why the first bytes of an answer are not a PDF's."""
    lowered = head.lower()
    if b"<html" in lowered or b"<!doctype html" in lowered:
        return "an HTML page, not a PDF"
    return "not a PDF (no %PDF- header)"


def int_or_none(text: str | None) -> int | None:
    """A header's number, or None when it has none."""
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None
