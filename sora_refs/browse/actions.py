"""What the browser's keys do outside the screen: clipboard, browser, editor, downloads.

Nothing here imports Textual; each function returns a message for the status line or raises
:class:`~sora_refs.errors.SoraRefsError` with one.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SoraRefsError

if TYPE_CHECKING:
    from ..catalogue import Catalogue
    from ..models import Paper

NO_OSC52_TERMINALS = ("Apple_Terminal",)
"""``$TERM_PROGRAM`` values known to ignore OSC 52 clipboard requests."""


def clipboard_allowed() -> bool:
    """Whether the terminal is likely to honour an OSC 52 copy (``SORA_REFS_CLIPBOARD=file`` says no)."""
    choice = os.environ.get("SORA_REFS_CLIPBOARD", "").lower()
    if choice in ("file", "0", "no"):
        return False
    if choice in ("osc52", "1", "yes"):
        return True
    if os.environ.get("TERM_PROGRAM") in NO_OSC52_TERMINALS:
        return False
    return os.environ.get("TERM", "") not in ("dumb", "linux")


def bibtex(paper: Paper, catalogue: Catalogue, lang: str) -> str:
    """The paper's BibTeX entry, as ``sora-refs cite`` prints it."""
    from ..formats import ExportOptions, export

    return export([paper], "bibtex", ExportOptions(lang=lang, catalogue=catalogue))


def pdf_directory() -> Path:
    """Where ``sora-refs download`` puts PDFs by default (``$SORA_REFS_PDF_DIR`` or ./sora-refs-pdfs)."""
    return Path(os.path.expanduser(os.environ.get("SORA_REFS_PDF_DIR") or "sora-refs-pdfs"))


def downloaded_pdf(paper: Paper) -> Path | None:
    """The paper's PDF in the download directory, if there and whole."""
    from ..fetch.pdfstore import pdf_problem, safe_name

    path = pdf_directory() / safe_name(paper.key)
    if path.is_file() and pdf_problem(path) is None:
        return path.resolve()
    return None


def download(paper: Paper) -> Path:
    """Download the paper's PDF into :func:`pdf_directory` (runs in a worker thread)."""
    from ..fetch.download import Downloader, Settings

    settings = Settings(
        directory=pdf_directory(),
        jobs=1,
        timeout=30.0,
        retries=2,
        force=False,
        arxiv_pdf=os.environ.get("SORA_REFS_ARXIV_PDF"),
    )
    result = Downloader(settings).run([paper])[0]
    found = downloaded_pdf(paper)
    if not result.present or found is None:
        raise SoraRefsError(result.reason or "no PDF")
    return found


def open_url(url: str) -> None:
    """Open ``url`` in the system's browser (or ``$BROWSER``), without waiting for it."""
    import webbrowser

    try:
        opened = webbrowser.open(url)
    except webbrowser.Error:
        opened = False
    if not opened:
        raise SoraRefsError(f"no browser found to open {url}")


def editor_command() -> list[str]:
    """``$VISUAL``, else ``$EDITOR``, else ``vi``, split as a shell would."""
    return shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi")


def run_editor(path: Path) -> None:
    """Run the editor on ``path`` and wait; :class:`SoraRefsError` if it cannot start or fails."""
    command = editor_command()
    try:
        status = subprocess.call([*command, str(path)])
    except OSError as error:
        raise SoraRefsError(f"cannot run the editor {' '.join(command)!r}: {error.strerror or error}") from None
    if status != 0:
        raise SoraRefsError(f"the editor {' '.join(command)!r} exited with status {status}; nothing saved")
