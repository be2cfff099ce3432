"""The browser's actions on the paper under the cursor: copy, open, download, mark, note, tag, edit.

A mixin of :class:`~sora_refs.browse.app.BrowseApp`; what happens outside the screen is in
:mod:`sora_refs.browse.actions`. Anything that writes a file or talks to the network runs in a
worker thread and reports back with a message.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SuspendNotSupported

from ..errors import SoraRefsError
from . import actions, labels, session
from .model import next_status

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.screen import Screen

    from ..catalogue import Catalogue
    from ..models import Paper
    from .model import Browser, Filters


class PaperActions(App[None]):
    """Keys b, c, o, p, d, m, n, t, e: a part of :class:`~sora_refs.browse.app.BrowseApp`."""

    # What the app provides (see app.py).
    catalogue: Catalogue
    personal: Any
    browser: Browser
    filters: Filters
    lang: str
    _bibtex: dict[str, str]
    say: Callable[..., None]
    current_paper: Callable[[], Paper | None]
    refilter: Callable[[], None]
    reload_catalogue: Callable[..., None]
    _status_of: Callable[[str], str | None]
    _tags_of: Callable[[str], tuple[str, ...]]
    _show_detail: Callable[[], None]

    @property
    def main(self) -> Screen:
        """The browser's own screen (queries must not go to a help or tag screen on top of it)."""
        return self.screen_stack[0] if self.screen_stack else self.screen

    def _paper(self) -> Paper | None:
        paper = self.current_paper()
        if paper is None:
            self.say(labels.text("no_results", self.lang), error=True)
        return paper

    # -- copying ------------------------------------------------------------------------------------------

    def copy_text(self, text: str, file_name: str, done: str, saved: str, key: str) -> None:
        """Copy ``text`` by OSC 52 where the terminal allows, and keep it in a file either way."""
        try:
            path = session.keep_copy(file_name, text)
        except OSError as error:
            self.say(f"cannot write {file_name}: {error.strerror or error}", error=True)
            return
        if actions.clipboard_allowed():
            self.copy_to_clipboard(text)
            self.say(labels.text(done, self.lang, key=key, path=path))
        else:
            self.say(labels.text(saved, self.lang, key=key, path=path))

    def action_copy_bibtex(self) -> None:
        paper = self._paper()
        if paper is None:
            return
        text = self._bibtex.get(f"{paper.key}\0{self.lang}") or actions.bibtex(paper, self.catalogue, self.lang)
        self.copy_text(text, "last-copied.bib", "copied_bib", "saved_bib", paper.key)

    def action_copy_key(self) -> None:
        paper = self._paper()
        if paper is not None:
            self.copy_text(paper.key, "last-copied-key.txt", "copied_key", "saved_key", paper.key)

    # -- opening and downloading -----------------------------------------------------------------------------

    def action_open_page(self) -> None:
        paper = self._paper()
        if paper is None:
            return
        if not paper.landing_url:
            self.say(labels.text("no_link", self.lang, key=paper.key, what=labels.text("page", self.lang)), True)
            return
        self._open(paper.landing_url)

    def action_open_pdf(self) -> None:
        paper = self._paper()
        if paper is None:
            return
        local = actions.downloaded_pdf(paper)
        if local is not None:
            self._open(local.as_uri())
        elif paper.pdf_url:
            self._open(paper.pdf_url)
        else:
            self.say(labels.text("no_link", self.lang, key=paper.key, what=labels.text("pdf_link", self.lang)), True)

    @work(thread=True, group="open")
    def _open(self, url: str) -> None:
        try:
            actions.open_url(url)
        except SoraRefsError as error:
            self.call_from_thread(self.say, str(error), True)
        else:
            self.call_from_thread(self.say, labels.text("opened", self.lang, url=url))

    def action_download(self) -> None:
        paper = self._paper()
        if paper is not None:
            self.say(labels.text("downloading", self.lang, key=paper.key))
            self._downloaded(paper)

    @work(thread=True, group="download")
    def _downloaded(self, paper: Paper) -> None:
        try:
            path = actions.download(paper)
        except SoraRefsError as error:
            self.call_from_thread(self.say, labels.text("download_failed", self.lang, why=str(error)), True)
        else:
            self.call_from_thread(self.say, labels.text("downloaded", self.lang, path=path))

    # -- the personal layer -------------------------------------------------------------------------------------

    def _personal_ready(self) -> bool:
        if self.personal is None:
            self.say(labels.text("no_personal", self.lang), error=True)
            return False
        return True

    def action_mark(self) -> None:
        paper = self._paper()
        if paper is None or not self._personal_ready():
            return
        self._write_status(paper, next_status(self._status_of(paper.key)))

    @work(thread=True, group="personal")
    def _write_status(self, paper: Paper, status: str | None) -> None:
        from .personal_ import status as status_value

        try:
            self.personal.set_status([paper.key], status_value(status))
        except SoraRefsError as error:
            self.call_from_thread(self.say, str(error), True)
            return
        shown = labels.text(status or "unmarked", self.lang)
        self.call_from_thread(
            self._after_personal, paper, labels.text("marked", self.lang, key=paper.key, status=shown)
        )

    def _after_personal(self, paper: Paper, message: str) -> None:
        index = self.browser.positions[id(paper)]
        self.browser.personal_changed(index)
        from .paperlist import PaperList

        self.main.query_one(PaperList).redraw()
        self.say(message)
        if self.filters.chosen.get("status") or self.filters.chosen.get("tag"):
            self.refilter()
        else:
            self.refilter()  # counts of the status and tag facets change too

    def action_tag(self) -> None:
        paper = self._paper()
        if paper is None or not self._personal_ready():
            return
        from .screens import TagScreen

        current = self._tags_of(paper.key)

        def done(typed: str | None) -> None:
            if typed is not None:
                self._write_tags(paper, typed, current)

        self.push_screen(TagScreen(labels.text("tag_prompt", self.lang, key=paper.key), " ".join(current)), done)

    @work(thread=True, group="personal")
    def _write_tags(self, paper: Paper, typed: str, current: tuple[str, ...]) -> None:
        from .screens import parse_tags

        add, remove = parse_tags(typed, current)
        try:
            tags = self.personal.tag(paper.key, add=add, remove=remove)
        except SoraRefsError as error:
            self.call_from_thread(self.say, str(error), True)
            return
        self.call_from_thread(
            self._after_personal, paper, labels.text("tagged", self.lang, key=paper.key, tags=", ".join(tags) or "-")
        )

    def _suspended(self, run: Any) -> Any:
        """Run ``run()`` with the terminal given back to it (directly when the app runs headless)."""
        try:
            with self.suspend():
                return run()
        except SuspendNotSupported:
            return run()

    def action_note(self) -> None:
        paper = self._paper()
        if paper is None or not self._personal_ready():
            return
        before = self.personal.note(paper.key) or ""
        # The editor works on a copy; the layer writes it back under its lock.
        handle, name = tempfile.mkstemp(prefix=f"sora-refs-note-{paper.key[:40]}-", suffix=".md")
        path = Path(name)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(before)
            try:
                self._suspended(lambda: actions.run_editor(path))
            except SoraRefsError as error:
                self.say(str(error), error=True)
                return
            after = path.read_text(encoding="utf-8")
        finally:
            path.unlink(missing_ok=True)
        if after == before:
            self.say(labels.text("note_unchanged", self.lang, key=paper.key))
            return
        try:
            self.personal.write_note(paper.key, after)
        except SoraRefsError as error:
            self.say(str(error), error=True)
            return
        self.say(labels.text("note_saved", self.lang, key=paper.key))
        self._show_detail()

    def action_edit(self) -> None:
        paper = self._paper()
        if paper is None:
            return
        if self.catalogue.is_bundled or self.catalogue.path is None:
            self.say(labels.text("read_only", self.lang), error=True)
            return
        import subprocess
        import sys

        command = [sys.executable, "-m", "sora_refs", "--catalogue", str(self.catalogue.path), "edit", paper.key]
        status = self._suspended(lambda: subprocess.call(command))
        if status != 0:
            self.say(f"sora-refs edit {paper.key} exited with status {status}", error=True)
            return
        self.reload_catalogue(paper.key)
