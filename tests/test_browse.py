"""``sora-refs browse``: the model alone, then the app driven headless by Textual's pilot."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("textual")

from sora_refs import Catalogue  # noqa: E402
from sora_refs.browse.model import Browser, Filters, next_status  # noqa: E402


@pytest.fixture(autouse=True)
def _state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test its own state and personal directories, and a clipboard it may use."""
    monkeypatch.setenv("SORA_REFS_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("SORA_REFS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SORA_REFS_CLIPBOARD", "osc52")
    monkeypatch.delenv("NO_COLOR", raising=False)


# -- the model ---------------------------------------------------------------------------------------


def test_typos_and_accents_find_dit_first(bundled: Catalogue) -> None:
    browser = Browser(bundled)
    results = browser.run(Filters(query="difusion transfomer"))
    assert bundled.papers[results.indices[0]].key == "peebles2023scalable"
    assert "transformer" in results.words(results.indices[0])
    accented = browser.run(Filters(query="nuwa"))
    assert [bundled.papers[i].key for i in accented.indices][:1] == [p.key for p in bundled if "NÜWA" in p.title]


def test_same_ranking_as_search(bundled: Catalogue) -> None:
    from sora_refs.search import search

    for query in ("diffusion", "video generation", "author:ho", "gan OR rnn", "diffusion -video", "扩散"):
        listed = Browser(bundled).run(Filters(query=query)).indices
        assert [bundled.papers[i].key for i in listed] == [h.paper.key for h in search(bundled, query)]


def test_typing_key_by_key_ranks_as_a_fresh_search_at_every_key(bundled: Catalogue) -> None:
    # The browser keeps each term's matches and scores between keystrokes (and reuses a term's
    # matches when the search retries forgiving typos): none of it may change an answer.
    from sora_refs.errors import UsageError
    from sora_refs.search import search

    browser = Browser(bundled)
    for query in ("difusion transfomer", "word models", "gan OR rnn -video", "diffusion transformers video"):
        for end in range(1, len(query) + 1):
            typed = query[:end]
            try:
                expected = [h.paper.key for h in search(bundled, typed)]
            except UsageError:
                continue
            results = browser.run(Filters(query=typed))
            assert [bundled.papers[i].key for i in results.indices] == expected, typed


def test_facet_counts_apply_every_other_filter(bundled: Catalogue) -> None:
    browser = Browser(bundled)
    filters = Filters(query="video").toggled("category", "diffusion")
    results = browser.run(filters)
    listed = [bundled.papers[i] for i in results.indices]
    assert listed and all(p.category == "diffusion" for p in listed)
    # ticking a venue adds exactly the count shown beside it
    venue, count = results.counts["venue"].most_common(1)[0]
    assert len(browser.run(filters.toggled("venue", venue)).indices) == count
    # a facet's own counts ignore its own ticks: other categories still show what they would add
    everything = browser.run(Filters(query="video"))
    assert results.counts["category"] == everything.counts["category"]
    assert sum(results.counts["category"].values()) == everything.matched


def test_years_sort_and_a_bad_query_keeps_the_last_good_list(bundled: Catalogue) -> None:
    browser = Browser(bundled)
    good = Filters(query="diffusion", years="2021-2022", sort="year", reverse=True)
    results = browser.run(good)
    years = [bundled.papers[i].year for i in results.indices]
    assert years == sorted(years, reverse=True) and set(years) <= {2021, 2022}
    broken = Filters(query="diffusion author:", years="2021-2022", sort="year", reverse=True)
    again = browser.run(broken, previous=good)
    assert again.indices == results.indices
    assert again.error is not None and "author:" in again.error


def test_filters_survive_a_round_trip_and_ignore_junk() -> None:
    filters = Filters(query="dit", years="2020-", sort="title").toggled("tag", "video").toggled("venue", "ICML")
    assert Filters.from_data(json.loads(json.dumps(filters.as_data()))) == filters
    assert Filters.from_data({"query": 3, "chosen": {"nope": ["x"], "tag": "video"}, "sort": "nah"}) == Filters()
    assert Filters.from_data("junk") == Filters()


def test_status_cycles_through_every_value() -> None:
    seen = [None]
    for _ in range(4):
        seen.append(next_status(seen[-1]))
    assert seen == [None, "to-read", "reading", "read", None]


# -- the app, headless ----------------------------------------------------------------------------------


def run_app(bundled: Catalogue, steps, size=(120, 40), lang="en", **options):  # noqa: ANN001, ANN201
    """Run the app headless; ``steps(app, pilot)`` is an async function driving it."""
    from sora_refs.browse.app import BrowseApp

    async def main():  # noqa: ANN202
        app = BrowseApp(bundled, lang, **options)
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            result = await steps(app, pilot)
        return app, result

    return asyncio.run(main())


async def settle(app, pilot) -> None:  # noqa: ANN001
    """Wait until the list shows the current filters and every worker is done."""
    for _ in range(2000):  # at most a minute or so: a hang fails the test rather than the session
        await pilot.pause(0.02)
        if app.runs >= 1 and all(worker.is_finished for worker in app.workers):
            break
    await pilot.pause()


def text_of(widget) -> str:  # noqa: ANN001
    """What a Static shows, as plain text (wide enough that nothing wraps mid-word)."""
    import io

    from rich.console import Console

    console = Console(width=300, file=io.StringIO(), record=True, color_system=None)
    console.print(widget.content)
    return console.export_text()


def shown_keys(app) -> list[str]:  # noqa: ANN001
    from sora_refs.browse.paperlist import PaperList

    papers = app.query_one(PaperList)
    return [app.catalogue.papers[i].key for i in papers.rows]


def test_typing_with_a_typo_filtering_and_details(bundled: Catalogue) -> None:
    async def steps(app, pilot):  # noqa: ANN001, ANN202
        await pilot.press(*"difusion transfomer")
        await settle(app, pilot)
        first = shown_keys(app)[:1]
        await pilot.press("enter")  # from the search box to the list
        await pilot.press("enter")  # details
        await settle(app, pilot)
        detail = text_of(app.query_one("#detail-body"))
        return first, detail

    app, (first, detail) = run_app(bundled, steps, size=(80, 24), fresh=True)
    assert first == ["peebles2023scalable"]
    assert "Scalable Diffusion Models with Transformers" in detail
    assert "@inproceedings{peebles2023scalable" in detail
    assert "[cs.CV]" in detail  # data is never read as markup
    assert app.has_class("-narrow") and app.has_class("-show-detail")


def test_slash_in_the_empty_search_box_is_not_typed(bundled: Catalogue) -> None:
    """The footer says "/ Search"; pressed where the search box has the focus already, it is no query."""

    async def steps(app, pilot):  # noqa: ANN001, ANN202
        await pilot.press("slash", *"difusion transfomer")
        await settle(app, pilot)
        typed, first = app.query_one("#search").value, shown_keys(app)[:1]
        await pilot.press("down", "slash", *"vivit")  # from the list: the query is selected, then replaced
        await settle(app, pilot)
        return typed, first, app.query_one("#search").value, shown_keys(app)[:1]

    app, (typed, first, later, then) = run_app(bundled, steps, size=(80, 24), fresh=True)
    assert typed == "difusion transfomer" and first == ["peebles2023scalable"]
    assert later == "vivit" and then == ["arnab2021vivit"]


def test_the_list_uses_its_whole_height_and_never_scrolls_sideways(bundled: Catalogue) -> None:
    async def steps(app, pilot):  # noqa: ANN001, ANN202
        from sora_refs.browse.paperlist import PaperList

        papers = app.query_one(PaperList)
        return papers.show_horizontal_scrollbar, papers.scrollable_content_region.height, papers.size.height

    for size in ((80, 24), (120, 40)):
        _, (sideways, rows, height) = run_app(bundled, steps, size=size, fresh=True)
        assert not sideways and rows == height, size  # a vertical scrollbar once took a row for a horizontal one


def test_the_footer_says_how_to_reach_the_results_and_then_the_details(bundled: Catalogue) -> None:
    # At 80x24 the details hide behind the list: a newcomer learns both keys from the footer.
    async def steps(app, pilot):  # noqa: ANN001, ANN202
        def footer() -> list[str]:
            return [b.binding.description for b in app.screen.active_bindings.values() if b.binding.show]

        await pilot.press(*"dit")
        typing = footer()
        await pilot.press("down")
        return typing, app.focused.id, footer()

    for lang, results, details in (("en", "Results", "Details"), ("zh", "结果", "详情")):
        _, (typing, focused, listing) = run_app(bundled, steps, size=(80, 24), lang=lang, fresh=True)
        assert results in typing and details not in typing, lang
        assert focused == "papers" and details in listing and results not in listing, lang


def test_a_long_facet_value_is_cut_but_keeps_its_count(bundled: Catalogue) -> None:
    from rich.cells import cell_len

    async def steps(app, pilot):  # noqa: ANN001, ANN202
        from textual.widgets import SelectionList

        widget = app.query_one("#facet-section", SelectionList)
        return [option.prompt.plain for option in widget._options], widget.size.width

    for lang in ("en", "zh"):
        _, (prompts, width) = run_app(bundled, steps, size=(160, 40), lang=lang, fresh=True)
        assert any("…" in prompt for prompt in prompts), lang  # some section names are long
        for prompt in prompts:  # cut by us, never by the list (which would take the count)
            assert prompt.rsplit(" ", 1)[-1].isdigit() and cell_len(prompt) + 4 <= width, (lang, prompt)


def test_the_timeline_scrolls_sideways_rather_than_cutting_its_years(bundled: Catalogue) -> None:
    async def steps(app, pilot):  # noqa: ANN001, ANN202
        await pilot.press("down", "4")
        await settle(app, pilot)
        screen = app.screen._compositor.render_full_update().render_segments(app.console)
        return app.query_one("#timeline").max_scroll_x, re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", screen)

    _, (sideways, screen) = run_app(bundled, steps, size=(60, 20), fresh=True)
    assert sideways > 0
    assert "'14 '15 '16" in screen and "'…" not in screen


def test_a_facet_ticked_by_keyboard_filters_the_list(bundled: Catalogue) -> None:
    async def steps(app, pilot):  # noqa: ANN001, ANN202
        from textual.widgets import SelectionList

        facet = app.query_one("#facet-category", SelectionList)
        facet.focus()
        await pilot.pause()
        facet.highlighted = [o.value for o in facet._options].index("gan")
        await pilot.press("space")
        await settle(app, pilot)
        return shown_keys(app)

    app, keys = run_app(bundled, steps, size=(160, 40), fresh=True)
    assert keys and all(bundled.get(k).category == "gan" for k in keys)
    assert app.filters.chosen == {"category": frozenset({"gan"})}


def test_copy_bibtex_and_key_by_osc52_and_to_a_file(bundled: Catalogue, tmp_path: Path) -> None:
    async def steps(app, pilot):  # noqa: ANN001, ANN202
        await pilot.press(*"dit", "enter")
        await settle(app, pilot)
        await pilot.press("b")
        bib = app.clipboard
        await pilot.press("c")
        return bib, app.clipboard

    app, (bib, key) = run_app(bundled, steps, fresh=True)
    assert bib.startswith("@inproceedings{peebles2023scalable,")
    assert key == "peebles2023scalable"
    saved = tmp_path / "state" / "browse" / "last-copied.bib"
    assert saved.read_text(encoding="utf-8") == bib
    assert str(saved) in app.last_message or "last-copied-key.txt" in app.last_message


def test_without_osc52_the_copy_goes_to_a_file_and_says_so(
    bundled: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SORA_REFS_CLIPBOARD", "file")

    async def steps(app, pilot):  # noqa: ANN001, ANN202
        await pilot.press(*"dit", "enter", "b")
        return app.clipboard

    app, clip = run_app(bundled, steps, fresh=True)
    assert clip == ""
    assert "cannot take a clipboard copy" in app.last_message
    assert (tmp_path / "state" / "browse" / "last-copied.bib").read_text(encoding="utf-8").startswith("@inproceedings")


def test_switching_language_shows_the_chinese_summary(bundled: Catalogue) -> None:
    dit = bundled.get("peebles2023scalable")

    async def steps(app, pilot):  # noqa: ANN001, ANN202
        await pilot.press(*"dit", "enter", "l")
        await settle(app, pilot)
        return text_of(app.query_one("#detail-body")), app.query_one("#header").render().plain

    app, (detail, header) = run_app(bundled, steps, fresh=True)
    assert app.lang == "zh"
    assert dit.summary_zh and dit.summary_zh[:20] in detail.replace("\n", "")
    assert "标题" in header


def test_quit_remembers_query_and_filters_per_catalogue(bundled: Catalogue) -> None:
    async def first(app, pilot):  # noqa: ANN001, ANN202
        await pilot.press(*"video")
        await settle(app, pilot)
        app.filters = app.filters.toggled("venue", "NeurIPS")
        app.refilter()
        await settle(app, pilot)
        await pilot.press("enter", "down", "q")

    run_app(bundled, first, fresh=True)

    async def second(app, pilot):  # noqa: ANN001, ANN202
        return app.query_one("#search").value, app.filters.chosen, shown_keys(app)

    _, (query, chosen, keys) = run_app(bundled, second)
    assert query == "video"
    assert chosen == {"venue": frozenset({"NeurIPS"})}
    assert keys and all(bundled.get(k).venue == "NeurIPS" for k in keys)


def test_views_follow_the_filters_and_the_map_opens_papers(bundled: Catalogue) -> None:
    async def steps(app, pilot):  # noqa: ANN001, ANN202
        await pilot.press(*"gan", "enter", "3")
        await settle(app, pilot)
        stats = text_of(app.query_one("#stats-body"))
        await pilot.press("4")
        await settle(app, pilot)
        timeline = text_of(app.query_one("#timeline-body"))
        await pilot.press("2")
        await settle(app, pilot)
        tree = app.query_one("#map")
        tree.focus()
        leaf = next(n for n in tree._tree_nodes.values() if n.data is not None)
        tree.select_node(leaf)
        await pilot.press("enter")
        await settle(app, pilot)
        return stats, timeline, app.view, app.catalogue.papers[leaf.data].key, app.current_paper().key

    app, (stats, timeline, view, chosen, current) = run_app(bundled, steps, fresh=True)
    gans = Browser(bundled).run(Filters(query="gan")).indices
    assert f"{len(gans)} papers" in stats
    assert "GAN" in timeline or "gan" in timeline.lower()
    assert view == "list" and chosen == current


def test_help_lists_every_key(bundled: Catalogue) -> None:
    async def steps(app, pilot):  # noqa: ANN001, ANN202
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        screen = app.screen
        text = text_of(screen.query_one("Static"))
        await pilot.press("escape")
        return type(screen).__name__, text

    _, (name, text) = run_app(bundled, steps, fresh=True)
    assert name == "HelpScreen"
    for key in (
        "copy BibTeX",
        "copy the citekey",
        "landing page",
        "the PDF",
        "download",
        "reading status",
        "note",
        "tags",
        "edit the entry",
        "English / 中文",
        "quit",
    ):
        assert key in text


# -- the command -------------------------------------------------------------------------------------------


def test_browse_needs_a_terminal(runner) -> None:  # noqa: ANN001
    from sora_refs.cli import cli

    result = runner.invoke(cli, ["browse"])
    assert result.exit_code == 2
    assert "browse needs a terminal" in result.stderr


def test_list_does_not_import_textual(tmp_path: Path) -> None:
    code = (
        "import sys\nsys.argv = ['sora-refs', 'list']\nfrom sora_refs.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('TEXTUAL=' + str('textual' in sys.modules), file=sys.stderr)\n"
    )
    env = dict(os.environ, SORA_REFS_CACHE_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert "TEXTUAL=False" in result.stderr


def test_osc52_payload_is_the_bibtex(bundled: Catalogue) -> None:
    """What reaches the terminal is the standard OSC 52 sequence carrying the entry."""
    written: list[str] = []

    async def steps(app, pilot):  # noqa: ANN001, ANN202
        app._driver.write = written.append  # the headless driver drops output; keep it
        await pilot.press(*"dit", "enter", "b")

    run_app(bundled, steps, fresh=True)
    payloads = [w for w in written if w.startswith("\x1b]52;c;")]
    assert payloads
    assert base64.b64decode(payloads[-1][7:-1]).decode("utf-8").startswith("@inproceedings{peebles2023scalable")


# -- the personal layer: mark, tag, note ----------------------------------------------------------------


def test_mark_cycles_the_reading_status_and_the_facet_counts_follow(bundled: Catalogue) -> None:
    pytest.importorskip("sora_refs.personal")
    catalogue = Catalogue.load()  # its own personal layer object, read from this test's directory

    async def steps(app, pilot):  # noqa: ANN001, ANN202
        await pilot.press(*"difusion transfomer", "enter", "m")
        await settle(app, pilot)
        first = app._status_of("peebles2023scalable"), app.results.counts["status"]["to-read"]
        await pilot.press("m", "m")
        await settle(app, pilot)
        return first, app._status_of("peebles2023scalable"), app.query_one("#papers").rows

    app, (first, status, rows) = run_app(catalogue, steps, size=(160, 40), fresh=True)
    assert first == ("to-read", 1)
    assert status == "read"
    from sora_refs.personal import Personal, Status

    assert Personal.for_catalogue(Catalogue.load()).status("peebles2023scalable") is Status.READ
    assert "peebles2023scalable: read" in app.last_message


def test_note_goes_through_the_editor_and_is_shown(
    bundled: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("sora_refs.personal")
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys\nwith open(sys.argv[1], 'a', encoding='utf-8') as f:\n"
        "    f.write('Read with the group; see §3.\\n')\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    monkeypatch.delenv("VISUAL", raising=False)
    catalogue = Catalogue.load()

    async def steps(app, pilot):  # noqa: ANN001, ANN202
        await pilot.press(*"dit", "enter", "n")
        await settle(app, pilot)
        return text_of(app.query_one("#detail-body"))

    app, detail = run_app(catalogue, steps, fresh=True)
    from sora_refs.personal import Personal

    assert Personal.for_catalogue(Catalogue.load()).note("peebles2023scalable") == "Read with the group; see §3.\n"
    assert "Read with the group; see §3." in detail
    assert "saved" in app.last_message


def test_a_failing_editor_loses_nothing(bundled: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("sora_refs.personal")
    monkeypatch.setenv("EDITOR", "false")
    monkeypatch.delenv("VISUAL", raising=False)
    catalogue = Catalogue.load()
    catalogue.personal().write_note("peebles2023scalable", "keep me\n")

    async def steps(app, pilot):  # noqa: ANN001, ANN202
        await pilot.press(*"dit", "enter", "n")
        await settle(app, pilot)

    app, _ = run_app(catalogue, steps, fresh=True)
    assert catalogue.personal().note("peebles2023scalable") == "keep me\n"
    assert "exited with status 1" in app.last_message


def test_tags_are_added_and_removed_and_become_a_facet(bundled: Catalogue) -> None:
    pytest.importorskip("sora_refs.personal")
    catalogue = Catalogue.load()
    catalogue.personal().tag("peebles2023scalable", add=["old"])

    async def steps(app, pilot):  # noqa: ANN001, ANN202
        await pilot.press(*"dit", "enter", "t")
        await pilot.pause()
        prompt = app.screen.query_one("#tags")
        assert prompt.value == "old"
        prompt.value = "discuss"
        await pilot.press("enter")
        await settle(app, pilot)
        return app.results.counts["tag"]["discuss"]

    app, count = run_app(catalogue, steps, size=(160, 40), fresh=True)
    assert catalogue.personal().tags("peebles2023scalable") == ("discuss",)
    assert count == 1


def test_edit_runs_the_edit_command_and_reloads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sora_refs.reading.loader import bundled_file

    mine = tmp_path / "mine.yaml"
    mine.write_bytes(Path(bundled_file()).read_bytes())
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys\np = sys.argv[1]\ntext = open(p, encoding='utf-8').read()\n"
        "open(p, 'w', encoding='utf-8').write(text.replace('Models with Transformers',"
        " 'Models with Transformers, edited'))\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    monkeypatch.delenv("VISUAL", raising=False)

    async def steps(app, pilot):  # noqa: ANN001, ANN202
        await pilot.press(*"dit", "enter", "e")
        await settle(app, pilot)
        return app.current_paper().title

    app, title = run_app(Catalogue.load(mine), steps, fresh=True)
    assert title == "Scalable Diffusion Models with Transformers, edited"
    assert "Models with Transformers, edited" in mine.read_text(encoding="utf-8")


def test_the_bundled_catalogue_is_not_edited(bundled: Catalogue) -> None:
    async def steps(app, pilot):  # noqa: ANN001, ANN202
        await pilot.press(*"dit", "enter", "e")

    app, _ = run_app(bundled, steps, fresh=True)
    assert "read-only" in app.last_message


def test_no_color_is_honoured(bundled: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")

    async def steps(app, pilot):  # noqa: ANN001, ANN202
        await pilot.press(*"dit", "enter")
        return app.export_screenshot()

    app, svg = run_app(bundled, steps, fresh=True)
    assert app.no_color
    import re

    colours = set(re.findall(r"fill: (#[0-9a-f]{6})", svg)) - {"#c5c8c6"}  # the SVG frame's own text colour
    greys = {c for c in colours if c[1:3] == c[3:5] == c[5:7]}
    assert colours == greys  # monochrome: every colour a grey


def test_open_pdf_prefers_the_downloaded_file_and_page_opens_the_landing_url(
    bundled: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.py"
    browser.write_text(
        f"import sys\nopen({str(opened)!r}, 'a', encoding='utf-8').write(sys.argv[1] + '\\n')\n", encoding="utf-8"
    )
    monkeypatch.setenv("BROWSER", f"{sys.executable} {browser} %s")
    pdfs = tmp_path / "pdfs"
    pdfs.mkdir()
    (pdfs / "peebles2023scalable.pdf").write_bytes(b"%PDF-1.4\n" + b"x" * 2000 + b"\n%%EOF\n")
    monkeypatch.setenv("SORA_REFS_PDF_DIR", str(pdfs))

    async def steps(app, pilot):  # noqa: ANN001, ANN202
        await pilot.press(*"dit", "enter", "p")
        await settle(app, pilot)
        await pilot.press("o")
        await settle(app, pilot)
        for _ in range(500):  # the browser runs in the background
            if opened.exists() and len(opened.read_text(encoding="utf-8").splitlines()) >= 2:
                break
            await pilot.pause(0.05)

    run_app(bundled, steps, fresh=True)
    lines = opened.read_text(encoding="utf-8").splitlines()
    assert lines[0] == (pdfs / "peebles2023scalable.pdf").resolve().as_uri()
    assert lines[1] == bundled.get("peebles2023scalable").landing_url
