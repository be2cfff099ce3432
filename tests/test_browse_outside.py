"""``sora-refs browse`` meeting the outside: hostile text, a real download, papers with no year.

Driven headless by Textual's pilot, as tests/test_browse.py is (its helpers are shared).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("textual")

from pytest_httpserver import HTTPServer  # noqa: E402
from test_browse import run_app, settle, shown_keys, text_of  # noqa: E402

from sora_refs import Catalogue  # noqa: E402

NET = Path(__file__).parent / "data" / "net"


@pytest.fixture(autouse=True)
def _state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SORA_REFS_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("SORA_REFS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SORA_REFS_CLIPBOARD", "file")
    monkeypatch.delenv("NO_COLOR", raising=False)


def terminal_output(app) -> str:  # noqa: ANN001
    """Everything the app would write to the terminal to draw its screen now, escape sequences included."""
    return app.screen._compositor.render_full_update().render_segments(app.console)


def visible(raw: str) -> str:
    """``raw`` without the app's own colour and cursor sequences: the characters a reader sees."""
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", raw)


# -- text from outside ----------------------------------------------------------------------------------

# What a terminal would act on (window title, clipboard, clearing, C1 CSI, bidi override), and
# markup that would restyle the text or, unbalanced, break the drawing.
EVIL = "Evil \x1b]0;pwned\x07 [bold]loud[/bold] \x1b[2J\x9b2J \u202eright [/nope]"
ACTED_ON = ["\x1b]0;", "\x1b]52;", "\x07", "\x1b[2J", "\x9b", "\u202e"]
SHOWN = ["\\x1b]0;pwned\\x07", "[bold]loud[/bold]", "\\x1b[2J\\x9b2J", "\\u202eright", "[/nope]"]


class HostileLayer:
    """A reader's layer whose note and tag came from outside (a shared or hand-edited store)."""

    def __init__(self, key: str) -> None:
        self.key = key

    def status(self, key: str) -> None:
        return None

    def tags(self, key: str) -> tuple[str, ...]:
        return ("tag " + EVIL.replace(" ", "-"),) if key == self.key else ()

    def note(self, key: str) -> str | None:
        return "note " + EVIL.replace("0;pwned", "52;c;eA==") if key == self.key else None


def test_hostile_title_note_and_tag_are_shown_literally_and_harmlessly() -> None:
    # The loader refuses these characters in a file; a catalogue built in Python can still hold them.
    catalogue = Catalogue.load()
    target = next(p for p in catalogue.papers if p.key == "peebles2023scalable")
    catalogue.papers = tuple(
        p.replace(title="Title " + EVIL, venue="Venue " + EVIL) if p is target else p for p in catalogue.papers
    )

    async def steps(app, pilot):  # noqa: ANN001, ANN202
        await pilot.press(*"peebles", "enter", "enter")  # to the list, the details
        await settle(app, pilot)
        seen = {"list and details": terminal_output(app)}
        detail = text_of(app.query_one("#detail-body"))
        app.say("A message " + EVIL)  # a server's or a file's words in a message
        await pilot.pause()
        seen["message"] = terminal_output(app)
        for key, view in (("2", "mind map"), ("3", "statistics")):
            await pilot.press(key)
            await settle(app, pilot)
            seen[view] = terminal_output(app)
        return seen, detail

    app, (seen, detail) = run_app(catalogue, steps, size=(160, 50), fresh=True, personal=HostileLayer(target.key))
    for where, raw in seen.items():
        for bad in ACTED_ON:
            assert bad not in raw, f"{bad!r} reached the terminal in the {where}"
    for where in seen:
        if where != "message":
            assert "Title Evil \\x1b]0;pwned\\x07 [bold]loud" in visible(seen[where]), where
    for piece in SHOWN:
        assert piece in visible(seen["list and details"])
        assert piece in app.last_message
    detail = detail.replace("\n", "")
    assert "Tag         tag Evil-\\x1b]0;pwned\\x07-[bold]loud[/bold]" in detail
    assert "note Evil \\x1b]52;c;eA==\\x07 [bold]loud[/bold]" in detail
    assert "Venue Evil \\x1b]0;pwned" in visible(seen["statistics"])


# -- the download key -----------------------------------------------------------------------------------


@pytest.fixture
def server():
    srv = HTTPServer()
    srv.start()
    yield srv
    srv.clear()
    srv.stop()


def one_paper_catalogue(directory: Path, pdf: str) -> Catalogue:
    path = directory / "cat.yaml"
    path.write_text(
        'catalogue: {title: "Download test", schema: 1}\n'
        "categories:\n  - {id: misc, name: Misc}\n"
        "papers:\n"
        '  - key: "ann2020paper"\n    title: "A Paper Served Locally"\n    authors: [Ann Author]\n'
        f'    year: 2020\n    venue: arXiv\n    type: preprint\n    category: misc\n    pdf: "{pdf}"\n',
        encoding="utf-8",
    )
    return Catalogue.load(path)


def test_download_key_fetches_the_pdf_and_says_where(
    server: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = (NET / "paper.pdf").read_bytes()
    server.expect_request("/paper.pdf").respond_with_data(pdf, content_type="application/pdf")
    pdfs = tmp_path / "pdfs"
    monkeypatch.setenv("SORA_REFS_PDF_DIR", str(pdfs))

    async def steps(app, pilot):  # noqa: ANN001, ANN202
        await pilot.press("down", "d")  # to the list, download
        await settle(app, pilot)
        return app.last_message

    app, message = run_app(one_paper_catalogue(tmp_path, server.url_for("/paper.pdf")), steps, fresh=True)
    saved = pdfs / "ann2020paper.pdf"
    assert saved.read_bytes() == pdf
    assert message == f"Downloaded {saved.resolve()}"
    assert [request.path for request, _ in server.log] == ["/paper.pdf"]


def test_a_failed_download_says_why_and_leaves_no_file(
    server: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.expect_request("/paper.pdf").respond_with_data(
        (NET / "not-a-pdf.html").read_bytes(), content_type="text/html"
    )
    pdfs = tmp_path / "pdfs"
    monkeypatch.setenv("SORA_REFS_PDF_DIR", str(pdfs))

    async def steps(app, pilot):  # noqa: ANN001, ANN202
        await pilot.press("down", "d")
        await settle(app, pilot)
        return app.last_message

    app, message = run_app(one_paper_catalogue(tmp_path, server.url_for("/paper.pdf")), steps, fresh=True)
    assert message.startswith("Download failed: ") and "not a PDF" in message
    assert not (pdfs / "ann2020paper.pdf").exists()


# -- papers with no year ------------------------------------------------------------------------------------

MIXED = """\
catalogue:
  title: Mixed
  schema: 1
categories:
- id: misc
  name: Miscellany
papers:
- {ref: 1, key: old2018, title: An Old Paper, authors: [Ann Old], year: 2018, venue: ICML,
   type: inproceedings, category: misc}
- {ref: 2, key: manual, title: A Software Manual, authors: [Bob Doc], type: misc, category: misc}
- {ref: 3, key: new2021, title: A New Paper, authors: [Cat New], year: 2021, venue: NeurIPS,
   type: inproceedings, category: misc}
"""


def test_papers_with_no_year_are_listed_sorted_last_and_outside_any_range(tmp_path: Path) -> None:
    path = tmp_path / "mixed.yaml"
    path.write_text(MIXED, encoding="utf-8")
    catalogue = Catalogue.load(path)
    assert catalogue.get("manual").year is None

    async def steps(app, pilot):  # noqa: ANN001, ANN202
        from textual.widgets import Input

        seen = {"listed": shown_keys(app)}
        app.query_one("#papers").focus()
        for _ in range(2):  # ref -> year
            await pilot.press("s")
            await settle(app, pilot)
        seen["by year"] = shown_keys(app)
        app.filters = type(app.filters)(sort="year", reverse=True)
        app.refilter()
        await settle(app, pilot)
        seen["by year, newest first"] = shown_keys(app)
        seen["row"] = terminal_output(app)
        app.query_one("#years", Input).value = "2019-"
        await settle(app, pilot)
        seen["2019-"] = shown_keys(app)
        app.query_one("#years", Input).value = ""
        await settle(app, pilot)
        for key, view in (("3", "stats"), ("4", "timeline")):
            await pilot.press(key)
            await settle(app, pilot)
            seen[view] = text_of(app.query_one(f"#{view}-body"))
        return seen

    app, seen = run_app(catalogue, steps, size=(160, 40), fresh=True)
    assert seen["listed"] == ["old2018", "manual", "new2021"]
    assert app.filters.sort == "year"
    assert seen["by year"] == ["old2018", "new2021", "manual"]
    assert seen["by year, newest first"] == ["new2021", "old2018", "manual"]
    assert "A Software Manual" in seen["row"] and "None" not in seen["row"]
    assert seen["2019-"] == ["new2021"]
    assert "no year" in seen["stats"] and "no year" in seen["timeline"]
