"""The HTML page in a real browser: Debian's headless Chromium, driven by Playwright.

Skipped where the Playwright package or a Chromium binary is missing (`apt-get install chromium`,
`pip install playwright`; `playwright install` is not needed: the system browser is used).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from sora_refs import Catalogue, Query, parse_years
from sora_refs.search import search
from sora_refs.site import build_page
from sora_refs.site.builder import bibtex_entries

pytestmark = pytest.mark.slow  # a real headless Chromium: seconds per test

ROOT = Path(__file__).resolve().parent.parent
VECTORS = json.loads((ROOT / "tests" / "data" / "search_vectors.json").read_text(encoding="utf-8"))
AXE = Path(os.environ.get("SORA_REFS_AXE") or ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js")

playwright_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

CHROMIUM = os.environ.get("SORA_REFS_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
if not CHROMIUM:
    pytest.skip("no Chromium binary (apt-get install chromium, or set SORA_REFS_CHROMIUM)", allow_module_level=True)

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as driver:
        try:
            chromium = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except Exception as error:  # a binary that does not start here (missing libraries, no /dev/shm)
            pytest.skip(f"Chromium at {CHROMIUM} does not start: {str(error).splitlines()[0]}")
        yield chromium
        chromium.close()


class Session:
    """A page in a fresh context that records what the document asks of the outside world."""

    def __init__(
        self,
        browser,
        viewport: dict[str, int] | None = None,
        color_scheme: str = "light",
        accept_downloads: bool = False,
    ) -> None:
        self.context = browser.new_context(
            viewport=viewport or {"width": 1280, "height": 900},
            color_scheme=color_scheme,
            accept_downloads=accept_downloads,
        )
        self.context.grant_permissions(["clipboard-read", "clipboard-write"])
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))

        def dialog(d) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", dialog)

    def open(self, url: str) -> None:
        """Go to ``url`` and wait until the page has read its papers."""
        self.page.goto(url)
        self.page.wait_for_selector("html[data-ready=true]", state="attached")

    def visible_keys(self) -> list[str]:
        """The papers listed, in order (the rows drawn so far: all of them up to 60)."""
        return self.page.eval_on_selector_all("#papers tbody.paper", "bodies => bodies.map(b => b.dataset.key)")

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(("file://", "data:"))]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def session(browser) -> Iterator[Session]:
    s = Session(browser)
    yield s
    s.close()


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("site") / "sora refs.html"  # a space: the URL must be built properly
    path.write_text(build_page(Catalogue.load()), encoding="utf-8")
    return path


def keys_of(catalogue: Catalogue, query: str) -> list[str]:
    return [hit.paper.key for hit in search(catalogue, query)]


def test_search_filter_expand_copy_and_language(session: Session, page_file: Path, bundled: Catalogue) -> None:
    page = session.page
    session.open(page_file.as_uri())
    assert page.inner_text("#count") == "32 of 32 papers"

    # Typing searches as you type, ranked and highlighted as `sora-refs search` does.
    page.click("#q")
    page.keyboard.type("schmidhubr")
    assert session.visible_keys() == keys_of(bundled, "schmidhubr") == ["ha2018world"]
    page.fill("#q", "jurgen world")
    assert session.visible_keys() == keys_of(bundled, "jurgen world")
    assert page.inner_text("#p-ha2018world mark") in ("Jürgen", "World")
    page.fill("#q", "difusion transfomer")
    assert session.visible_keys() == keys_of(bundled, "difusion transfomer")
    assert session.visible_keys()[0] == "peebles2023scalable"
    page.fill("#q", "zzzzqqq")
    assert session.visible_keys() == []
    assert page.is_visible("#no-match")
    page.fill("#q", "year:20x")
    assert page.inner_text("#count").startswith("The search is not understood: invalid year or range")

    # Filters combine with each other, and agree with `sora-refs list`.
    page.fill("#q", "")
    page.select_option("#f-category", "diffusion")
    page.select_option("#f-from", "2021")
    expected = [p.key for p in bundled.select(Query(categories=("diffusion",), years=(parse_years("2021-"),)))]
    assert session.visible_keys() == expected
    assert page.inner_text("#count") == f"{len(expected)} of 32 papers"
    assert "category=diffusion" in page.url and "from=2021" in page.url

    # The fragment keeps the state: the same URL opens the same view.
    shared = page.url
    page.goto("about:blank")
    session.open(shared)
    assert page.input_value("#f-category") == "diffusion"
    assert session.visible_keys() == expected

    # Sorting by year, newest first.
    page.click("button[data-sort=year]")
    page.click("button[data-sort=year]")
    assert page.get_attribute("th.c-year", "aria-sort") == "descending"
    years = [bundled.get(key).year for key in session.visible_keys()]
    assert years == sorted(years, reverse=True)

    # Rows link the PDF; expanding a paper shows its details and BibTeX, which the copy button copies.
    assert page.get_attribute("#p-peebles2023scalable a.pdf", "href") == bundled.get(26).pdf_url
    page.click("#b-peebles2023scalable")
    assert page.get_attribute("#b-peebles2023scalable", "aria-expanded") == "true"
    detail = page.locator("#d-peebles2023scalable")
    assert detail.is_visible()
    assert "William Peebles, Saining Xie" in detail.inner_text()
    assert detail.locator("a[href='https://arxiv.org/abs/2212.09748']").count() == 1
    assert "open=peebles2023scalable" in page.url
    detail.locator("button.copy").click()
    playwright_api.expect(detail.locator(".copy-status")).to_have_text("Copied to the clipboard.")
    clipboard = page.evaluate("navigator.clipboard.readText()")
    assert clipboard == bibtex_entries([bundled.get(26)], bundled)["peebles2023scalable"]
    assert clipboard.startswith("@inproceedings{peebles2023scalable,")

    # Switching language: the page's words, the catalogue's names, the summaries and "et al." change.
    page.click("#lang-switch")
    assert page.get_attribute("html", "lang") == "zh"
    assert page.inner_text("#tab-papers") == "论文"
    assert page.inner_text("#count") == f"共 32 篇，显示 {len(expected)} 篇"
    assert page.inner_text("#f-category option[value=diffusion]") == "扩散模型"
    summary = detail.locator(".summary")
    assert summary.locator(".l-zh").is_visible() and not summary.locator(".l-en").is_visible()
    assert bundled.get(26).summary_zh[:10] in summary.inner_text()
    assert "lang=zh" in page.url
    assert page.inner_text("#lang-switch") == "English"
    page.fill("#q", "")
    page.click("#reset")
    assert "等" in page.inner_text("#p-chiappa2017recurrent .c-author")  # four authors: "et al."
    page.fill("#q", "year:20x")
    assert page.inner_text("#count").startswith("无法理解该搜索")

    assert session.errors == [] and session.dialogs == []
    assert session.foreign_requests() == []


@pytest.mark.parametrize("name", sorted(VECTORS["catalogues"]))
def test_page_search_gives_the_shared_vectors(browser, tmp_path: Path, name: str) -> None:
    """For every vector query, the page lists exactly what `sora-refs search` does, in the same order."""
    catalogue = Catalogue.load(ROOT / VECTORS["catalogues"][name], use_cache=False)
    path = tmp_path / f"{name}.html"
    path.write_text(build_page(catalogue), encoding="utf-8")
    s = Session(browser)
    try:
        s.open(path.as_uri())
        wrong = []
        for vector in (v for v in VECTORS["vectors"] if v["catalogue"] == name):
            s.page.fill("#q", vector["query"])
            if vector.get("error"):
                if "error" not in (s.page.get_attribute("#count", "class") or ""):
                    wrong.append((vector["query"], "no error shown"))
            elif s.visible_keys() != vector["keys"]:
                wrong.append((vector["query"], s.visible_keys(), vector["keys"]))
        assert wrong == []
        assert s.errors == []
    finally:
        s.close()


def test_bibtex_of_the_papers_shown_copied_and_downloaded(browser, page_file: Path, bundled: Catalogue) -> None:
    from sora_refs.formats import ExportOptions, get

    s = Session(browser, accept_downloads=True)
    try:
        page = s.page
        s.open(page_file.as_uri() + "#q=gan%20OR%20rnn")
        chosen = [bundled.get(key) for key in s.visible_keys()]
        assert len(chosen) == 8
        expected = get("bibtex").render(chosen, ExportOptions(catalogue=bundled))
        assert page.inner_text("#copy-all") == "Copy BibTeX of these 8 papers"
        page.click("#copy-all")
        playwright_api.expect(page.locator("#count")).to_have_text("BibTeX of 8 papers copied.")
        assert page.evaluate("navigator.clipboard.readText()") == expected
        with page.expect_download() as download:
            page.click("#download-bib")
        saved = Path(download.value.path()).read_text(encoding="utf-8")
        assert saved == expected
        assert download.value.suggested_filename == "sora-references.bib"
        assert s.errors == [] and s.foreign_requests() == []
    finally:
        s.close()


def test_statistics_follow_the_filters(session: Session, page_file: Path, bundled: Catalogue) -> None:
    page = session.page
    session.open(page_file.as_uri() + "#view=stats")
    assert page.inner_text("#stats-scope") == "Counted over the 32 papers that match the search and filters."
    rows = page.eval_on_selector_all(
        "#charts .chart:first-child .numbers tbody tr",
        "rows => rows.map(r => Array.from(r.children).map(c => c.textContent))",
    )
    assert ["arXiv", "12", "5"] in rows  # as `sora-refs stats` counts: 12 cited as arXiv, 5 published there
    session.open(page_file.as_uri() + "#view=stats&category=gan")
    gan = [p for p in bundled.papers if p.category == "gan"]
    assert page.inner_text("#stats-scope") == f"Counted over the {len(gan)} papers that match the search and filters."
    years = page.eval_on_selector_all(
        "#charts .chart:nth-child(2) .numbers tbody tr",
        "rows => rows.map(r => [r.children[0].textContent, r.children[2].textContent])",
    )
    counted: dict[str, int] = {}
    for paper in gan:
        counted[str(paper.year)] = counted.get(str(paper.year), 0) + 1
    assert {year: int(n) for year, n in years if int(n)} == counted
    assert session.errors == []


def test_mind_map_tabs_and_keyboard(session: Session, page_file: Path) -> None:
    page = session.page
    session.open(page_file.as_uri())
    page.focus("#tab-papers")
    page.keyboard.press("ArrowRight")
    assert page.get_attribute("#tab-map", "aria-selected") == "true"
    assert page.is_visible("#view-map svg.mindmap") and not page.is_visible("#view-papers")
    assert page.evaluate("document.activeElement.id") == "tab-map"
    page.keyboard.press("End")
    assert page.is_visible("#view-stats") and "view=stats" in page.url
    assert page.locator("#view-stats svg").count() == 3  # venues, years, categories
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")

    # A paper of the mind map opens in the list, expanded and focused.
    page.click("a.leaf[href='#open=vaswani2017attention']")
    playwright_api.expect(page.locator("#b-vaswani2017attention")).to_be_focused()
    assert page.is_visible("#d-vaswani2017attention")
    assert page.get_attribute("#tab-papers", "aria-selected") == "true"

    # Expanding with the keyboard; Tab reaches the search box and the rows.
    page.focus("#b-vaswani2017attention")
    page.keyboard.press("Enter")
    assert not page.is_visible("#d-vaswani2017attention")
    page.keyboard.press("Enter")
    assert page.is_visible("#d-vaswani2017attention")
    page.focus("#q")
    page.keyboard.type("author:ho")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "filters-toggle" or page.evaluate(
        "document.activeElement.tagName"
    ) in ("SELECT", "BUTTON")
    assert session.errors == [] and session.foreign_requests() == []


def test_phone_layout(browser, page_file: Path) -> None:
    """390×844: the first paper above the fold, filters behind one button, cards, charts and map that fit."""
    s = Session(browser, viewport={"width": 390, "height": 844})
    page = s.page
    try:
        s.open(page_file.as_uri())
        first = page.locator("#papers tbody.paper").first.bounding_box()
        assert first is not None and first["y"] + first["height"] <= 844, first
        assert not page.is_visible("#f-category") and not page.is_visible("#papers thead")
        page.click("#filters-toggle")
        assert page.is_visible("#f-category")
        assert page.get_attribute("#filters-toggle", "aria-expanded") == "true"

        def overflow() -> int:
            return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")

        s.open(page_file.as_uri() + "#open=peebles2023scalable")
        assert page.is_visible("#d-peebles2023scalable")
        assert not page.is_visible("td.c-author")  # authors move under the title
        assert page.is_visible("#b-peebles2023scalable ~ .narrow-meta")
        assert overflow() <= 0

        # The mind map is an outline that fits; no drawn map to scroll sideways.
        page.click("#tab-map")
        assert page.is_visible("#map-outline") and not page.is_visible("svg.mindmap")
        assert overflow() <= 0

        # Charts fit: every year label inside its chart, the venue labels and counts unclipped.
        page.click("#tab-stats")
        assert overflow() <= 0
        clipped = page.evaluate("""() => Array.from(document.querySelectorAll('#charts svg')).flatMap(svg => {
            const box = svg.getBoundingClientRect();
            return Array.from(svg.querySelectorAll('text')).filter(t => {
                const r = t.getBoundingClientRect();
                return r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.right > window.innerWidth;
            }).map(t => t.textContent);
        })""")
        assert clipped == []
        labels = page.eval_on_selector_all(
            "#charts .chart:nth-child(2) svg text.axis", "ts => ts.map(t => t.textContent)"
        )
        assert labels[0] <= "2015" and labels[-1] >= "2024", labels
        assert page.locator("#charts .chart:first-child svg text.axis", has_text="arXiv").count() == 1
        assert s.errors == []
    finally:
        s.close()


def test_hostile_catalogue_runs_nothing(session: Session, tmp_path: Path) -> None:
    from test_site import hostile_catalogue

    catalogue = hostile_catalogue()
    path = tmp_path / "hostile.html"
    path.write_text(build_page(catalogue), encoding="utf-8")
    page = session.page
    session.open(path.as_uri())

    # Use everything: expand each paper, hover, search for the payloads, both languages, all views.
    for paper in catalogue.papers:
        page.click(f"[id='b-{paper.key}']")
        page.hover(f"[id='d-{paper.key}']")
    page.hover(".chip")
    page.fill("#q", "<script>")
    page.fill("#q", "")
    page.click("#lang-switch")
    for tab in ("#tab-map", "#tab-stats", "#tab-papers"):
        page.click(tab)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")

    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert session.dialogs == []
    assert session.foreign_requests() == []
    # What was meant as markup shows as text.
    assert page.inner_text("h1") == "<script>window.__pwned = 'title'</script>Hostile \"list\" {{ 7*7 }}"
    assert page.inner_text("[id='b-evil2024script']").startswith("</script><script>window.__pwned = 'paper-title'")
    assert page.locator("img, iframe, object, embed").count() == 0
    # No link leaves http(s), whatever the catalogue said; the DOI is percent-encoded.
    hrefs = page.eval_on_selector_all(
        "a[href]", "links => links.map(a => new URL(a.getAttribute('href'), document.baseURI).protocol)"
    )
    assert set(hrefs) <= {"https:", "http:", "file:"}, hrefs
    raw = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    assert any(h.startswith("https://doi.org/10.1234/%22%3E%3Cscript%3E") for h in raw), raw
    assert page.evaluate("document.querySelectorAll('[onclick],[onerror],[onload],[onmouseover]').length") == 0


SERIOUS_VIOLATIONS = """() => axe.run(document, {resultTypes: ['violations']}).then(r =>
    r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
     .map(v => [v.id, v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + n.failureSummary)]))"""
LAST_ROW_IS = """key => { const b = document.querySelectorAll('#papers tbody.paper');
                           return b.length > 0 && b[b.length - 1].dataset.key === key; }"""
ROW_KEYS = "document.querySelectorAll('#papers tbody.paper').length"


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalogue, Path]:
    """5,000 synthetic papers (benchmarks/generate.py) and their page, built once for the tests that share it."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    catalogue = Catalogue.from_data(generate(5000))
    path = tmp_path_factory.mktemp("large") / "large.html"
    path.write_text(build_page(catalogue), encoding="utf-8")
    return catalogue, path


def in_ref_order(catalogue: Catalogue) -> list[str]:
    return [p.key for p in sorted(catalogue.papers, key=lambda p: (p.ref is None, p.ref or 0))]


def test_five_thousand_papers_open_and_search(browser, large: tuple[Catalogue, Path]) -> None:
    """A large page: a window of rows drawn, the search the command line's (speed: benchmarks/site_bench.py)."""
    catalogue, path = large
    s = Session(browser)
    try:
        page = s.page
        s.open(path.as_uri())
        assert page.inner_text("#count") == "5000 of 5000 papers"
        assert page.evaluate(ROW_KEYS) == 60  # not 5,000 rows
        for query in ("diffusion", "gan OR rnn", "author:ho -video", "transfomer"):
            page.fill("#q", query)
            expected = keys_of(catalogue, query)
            playwright_api.expect(page.locator("#count")).to_have_text(f"{len(expected)} of 5000 papers")
            assert s.visible_keys() == expected[:60]
        # The statistics, highlights too, are of the papers the search leaves (here "transfomer").
        page.click("#tab-stats")
        chosen = set(expected)
        assert shown_highlights(page) == python_highlights([p for p in catalogue.papers if p.key in chosen], "en")
        page.click("#tab-map")
        groups = {(p.section, p.category) for p in catalogue.papers}
        assert page.locator("#map-outline details.category").count() == len(groups)
        assert page.locator("#map-outline .leaves li").count() == 0  # papers appear when a category opens
        page.locator("#map-outline details.category summary").first.click()
        page.wait_for_selector("#map-outline .leaves li")
        assert 0 < page.locator("#map-outline .leaves li").count() <= 41
        assert s.errors == [] and s.foreign_requests() == []
    finally:
        s.close()


def test_five_thousand_rows_scrolled_to_the_end_stay_few(browser, large: tuple[Catalogue, Path]) -> None:
    """Scrolling through 5,000 papers keeps a window of rows in the document, spacers for the rest;
    the last paper is reached, numbered for screen readers, and the keyboard crosses the whole list."""
    catalogue, path = large
    order = in_ref_order(catalogue)
    s = Session(browser)
    try:
        page = s.page
        s.open(path.as_uri())
        assert page.get_attribute("#papers", "aria-rowcount") == "5001"  # the papers and the heading row
        # To the end, by the scrollbar: the spacers make the document as tall as all the rows.
        page.wait_for_function(
            """key => { window.scrollTo(0, document.documentElement.scrollHeight);
                        const b = document.querySelectorAll('#papers tbody.paper');
                        return b.length && b[b.length - 1].dataset.key === key; }""",
            arg=order[-1],
        )
        assert page.evaluate(ROW_KEYS) <= 150
        last = page.locator(f"[id='p-{order[-1]}']")
        assert last.locator(".expand").inner_text().strip() == catalogue.get(order[-1]).title
        assert last.locator(".row").get_attribute("aria-rowindex") == "5001"
        box = last.bounding_box()
        assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 900
        # The rows in the document are a run of the list, in order, numbered by their place in it.
        shown = s.visible_keys()
        first = order.index(shown[0])
        assert shown == order[first : first + len(shown)]
        numbers = page.eval_on_selector_all("#papers tr.row", "rows => rows.map(r => Number(r.ariaRowIndex))")
        assert numbers == list(range(first + 2, first + 2 + len(shown)))

        # Half-way down: another run, the place written in the address; the link opens at that paper.
        at_now = "() => new URLSearchParams(location.hash.slice(1)).get('at')"
        page.wait_for_function(at_now)  # at the end: the row at the top of the view
        end_at = page.evaluate(at_now)
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
        page.wait_for_function(f"old => ({at_now})() !== old", arg=end_at)
        at = page.evaluate(at_now)
        middle = s.visible_keys()
        assert at in middle and 2000 < order.index(at) < 3000 and page.evaluate(ROW_KEYS) <= 150
        if AXE.is_file():  # spacers, row numbers: still nothing serious for axe-core
            page.evaluate(AXE.read_text(encoding="utf-8"))
            assert page.evaluate(SERIOUS_VIOLATIONS) == []
        other = Session(browser)
        try:
            other.open(page.url)
            top = other.page.locator(f"[id='p-{at}']").bounding_box()
            assert top is not None and -top["height"] < top["y"] < 100, top
        finally:
            other.close()
        phone = Session(browser, viewport={"width": 390, "height": 844})
        try:  # cards on a phone: the same window, the last card reached
            phone.open(path.as_uri())
            phone.page.wait_for_function(
                """key => { window.scrollTo(0, document.documentElement.scrollHeight);
                            const b = document.querySelectorAll('#papers tbody.paper');
                            return b.length && b[b.length - 1].dataset.key === key; }""",
                arg=order[-1],
            )
            box = phone.page.locator(f"[id='p-{order[-1]}']").bounding_box()
            assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 844
            assert phone.page.evaluate(ROW_KEYS) <= 150 and phone.errors == []
        finally:
            phone.close()

        # The keyboard: End and Home on a title reach the last and first papers; a focused row stays
        # focused (and in the document) when it scrolls out of view; Tab goes on to the next paper.
        page.focus(f"[id='b-{middle[5]}']")
        page.keyboard.press("End")
        playwright_api.expect(page.locator(f"[id='b-{order[-1]}']")).to_be_focused()
        page.keyboard.press("ArrowUp")
        playwright_api.expect(page.locator(f"[id='b-{order[-2]}']")).to_be_focused()
        page.keyboard.press("Home")
        playwright_api.expect(page.locator(f"[id='b-{order[0]}']")).to_be_focused()
        page.keyboard.press("ArrowDown")
        playwright_api.expect(page.locator(f"[id='b-{order[1]}']")).to_be_focused()
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_function(LAST_ROW_IS, arg=order[-1])
        assert page.evaluate("document.activeElement.id") == f"b-{order[1]}"
        assert page.evaluate(ROW_KEYS) <= 151
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('pdf')"):
            page.keyboard.press("Tab")  # the row's PDF link comes before the next row
        playwright_api.expect(page.locator(f"[id='b-{order[2]}']")).to_be_focused()
        page.keyboard.press("Enter")  # details on demand, in the address
        assert page.is_visible(f"[id='d-{order[2]}']") and f"open={order[2]}" in page.url
        page.keyboard.press("Shift+Tab")  # back into the paper before (its last link or its title)
        assert page.evaluate("document.activeElement.closest('tbody').dataset.key") == order[1]

        # Printing prints every paper of the list (here the filtered set), then the window comes back.
        page.evaluate("""() => { window.printed = [];
            for (const name of ['beforeprint', 'afterprint']) addEventListener(name, () =>
                printed.push(document.querySelectorAll('#papers tbody.paper').length)); }""")
        page.select_option("#f-category", "gan")
        gan = sum(p.category == "gan" for p in catalogue.papers)
        assert 60 < gan < 5000
        page.pdf()
        assert page.evaluate("printed") == [gan, 60]
        # A narrower window wraps titles otherwise: heights measured again, the end still reached.
        page.set_viewport_size({"width": 390, "height": 844})
        gan_order = [key for key in order if catalogue.get(key).category == "gan"]
        page.wait_for_function(
            """key => { window.scrollTo(0, document.documentElement.scrollHeight);
                        const b = document.querySelectorAll('#papers tbody.paper');
                        return b.length && b[b.length - 1].dataset.key === key; }""",
            arg=gan_order[-1],
        )
        box = page.locator(f"[id='p-{gan_order[-1]}']").bounding_box()
        assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 844
        assert s.errors == [] and s.foreign_requests() == []
    finally:
        s.close()


AXE_SKIP = None if AXE.is_file() else f"axe-core not found at {AXE} (npm ci --prefix .ci/node, or set SORA_REFS_AXE)"


@pytest.mark.skipif(AXE_SKIP is not None, reason=AXE_SKIP or "")
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violation(browser, page_file: Path, lang: str, scheme: str) -> None:
    """axe-core on every view, a paper open and a search highlighted: nothing serious or critical."""
    s = Session(browser, color_scheme=scheme)
    try:
        page = s.page
        found = []
        for view in ("papers", "map", "stats"):
            s.open(page_file.as_uri() + f"#view={view}&lang={lang}&q=diffusion&open=peebles2023scalable")
            if view == "papers":
                page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            page.evaluate(AXE.read_text(encoding="utf-8"))
            result = page.evaluate(SERIOUS_VIOLATIONS)
            found.extend((view, *violation) for violation in result)
        assert found == []
    finally:
        s.close()


def test_papers_without_a_venue_and_personal_terms(session: Session, tmp_path: Path) -> None:
    """A paper may have no venue (imported from a bare BibTeX entry); status: and note: are the command line's."""
    catalogue = Catalogue.load(ROOT / "tests" / "data" / "catalogues" / "small.yaml")
    first = catalogue.papers[0]
    catalogue.papers = (first.replace(venue=None, venue_full=None, cited=None), *catalogue.papers[1:])
    path = tmp_path / "novenue.html"
    path.write_text(build_page(catalogue), encoding="utf-8")
    page = session.page
    session.open(path.as_uri() + f"#open={first.key}")
    assert "null" not in page.inner_text(f"[id='p-{first.key}']")
    venue = next(p.venue for p in catalogue.papers if p.venue)
    page.fill("#q", f"venue:{venue}")
    assert session.visible_keys() == keys_of(catalogue, f"venue:{venue}")
    page.fill("#q", "status:read")
    assert "a web page does not have" in page.inner_text("#count")
    page.click("#tab-stats")
    assert "null" not in page.inner_text("#charts")
    assert session.errors == []


def shown_highlights(page) -> list[str]:
    return page.eval_on_selector_all("#highlights li", "items => items.map(li => li.textContent)")


def python_highlights(papers, lang: str) -> list[str]:
    from sora_refs.site.builder import highlight_texts

    return [text if isinstance(text, str) else text[lang] for text in highlight_texts(papers)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_highlights_follow_the_search_and_filters(
    session: Session, page_file: Path, bundled: Catalogue, lang: str
) -> None:
    """The highlights are `sora-refs stats`'s sentences about the papers shown, whatever the search and filters."""
    page = session.page
    views = ["", "category=gan", "q=diffusion", "from=2021&to=2022", "venue=iclr", "q=gan%20OR%20rnn&sort=year"]
    for view in views:
        session.open(page_file.as_uri() + f"#{view}&lang={lang}")
        shown = set(session.visible_keys())  # 32 papers: every row is drawn
        papers = [p for p in bundled.papers if p.key in shown]
        page.click("#tab-stats")
        assert shown_highlights(page) == python_highlights(papers, lang), view
        if view:
            assert shown_highlights(page) != python_highlights(bundled.papers, lang), view
    page.click("#tab-papers")
    page.fill("#q", "zzzzqqq")
    page.click("#tab-stats")
    assert shown_highlights(page) == [] and not page.is_visible("#highlights-title")
    page.click("#tab-papers")  # (the search box is on the papers tab; the statistics follow it)
    page.fill("#q", "")
    page.click("#tab-stats")
    assert shown_highlights(page) == python_highlights(bundled.papers, lang)
    assert session.errors == []


def test_highlights_name_family_names_as_the_command_line(session: Session, tmp_path: Path) -> None:
    """`van den Oord` and `King` of `King, Jr.`: names the page's own guess would get wrong travel with it."""
    catalogue = Catalogue.load(ROOT / "tests" / "data" / "catalogues" / "small.yaml")
    authors = ("Aäron van den Oord", "King, Jr., Martin Luther")
    catalogue.papers = tuple(p.replace(authors=authors) for p in catalogue.papers)
    path = tmp_path / "names.html"
    path.write_text(build_page(catalogue), encoding="utf-8")
    session.open(path.as_uri() + "#view=stats")
    expected = python_highlights(catalogue.papers, "en")
    assert any("van den Oord, King (" in text for text in expected)
    assert shown_highlights(session.page) == expected
    assert session.errors == []


def test_papers_with_no_year(session: Session, tmp_path: Path) -> None:
    """Papers with no year (a manual, software, forthcoming): listed with "no year", sorted last, in no
    year range, a "no year" row in the year numbers and a sentence in the highlights; never None or null."""
    from test_no_year import DATA, DATED, UNDATED

    from sora_refs.importing import import_files

    target = tmp_path / "mixed.yaml"
    target.write_text(DATED, encoding="utf-8")
    import_files(DATA / "import" / "no-year.bib", target, category="misc")
    catalogue = Catalogue.load(target, use_cache=False)
    path = tmp_path / "mixed.html"
    path.write_text(build_page(catalogue), encoding="utf-8")
    page = session.page

    def no_stray_words() -> None:
        for view in ("papers", "map", "stats"):
            page.click(f"#tab-{view}")
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            text = page.inner_text("main")
            assert not any(word in text for word in ("None", "null", "NaN", "undefined")), (view, text)

    session.open(path.as_uri() + "#open=" + ",".join(UNDATED))
    assert page.inner_text("#p-ffmpeg td.c-year") == "no year"
    assert "no year" in page.inner_text("#d-ffmpeg")
    no_stray_words()
    page.click("#tab-papers")
    page.select_option("#f-sort", "year")
    assert session.visible_keys() == ["old2018", "mid2020", "new2021", *UNDATED]
    page.click("button[data-sort=year]")
    assert session.visible_keys() == ["new2021", "mid2020", "old2018", *UNDATED]
    assert [o for o in page.eval_on_selector_all("#f-from option", "os => os.map(o => o.textContent)")][1:] == [
        "2018",
        "2020",
        "2021",
    ]
    page.select_option("#f-from", "2020")
    assert session.visible_keys() == ["new2021", "mid2020"]
    page.click("#reset")
    page.click("#tab-stats")
    years = page.eval_on_selector_all(
        "#charts .chart:nth-child(2) .numbers tbody tr", "rows => rows.map(r => r.children[0].textContent)"
    )
    assert years[-1] == "no year" and "None" not in years
    assert shown_highlights(page) == python_highlights(catalogue.papers, "en")
    assert "With no year: 5 of 8, 62.5%" in shown_highlights(page)
    assert "Other venues: ICLR 1, JMLR 1, TPAMI 1 (3 of 8, 37.5%)" in shown_highlights(page)  # 3 have no venue
    page.click("#tab-papers")
    page.fill("#q", "manual OR pytorch OR ffmpeg")  # only undated papers: no span of years to speak of
    page.click("#tab-stats")
    chosen = set(keys_of(catalogue, "manual OR pytorch OR ffmpeg"))
    assert chosen <= set(UNDATED) and chosen
    assert shown_highlights(page) == python_highlights([p for p in catalogue.papers if p.key in chosen], "en")
    page.click("#lang-switch")
    assert shown_highlights(page) == python_highlights([p for p in catalogue.papers if p.key in chosen], "zh")
    page.click("#tab-papers")
    page.fill("#q", "")
    assert page.inner_text("#p-ffmpeg td.c-year") == "无年份"
    no_stray_words()
    assert session.errors == []


QUERY_ERRORS = {  # one query per kind of error the page's search gives (search.js QueryError ids)
    "unknown_field_guess": "autor:ho",
    "unknown_field": "zzzzz:bar",
    "unclosed_quote": '"world models',
    "lone_dash": "gan - rnn",
    "brackets": "(gan)",
    "no_value": "author:",
    "empty_phrase": 'gan ""',
    "not_twice": "NOT NOT gan",
    "not_alone": "gan NOT",
    "and_alone": "AND gan",
    "or_alone": "gan OR",
    "negated_or": "gan OR -rnn",
    "invalid_years": "year:20x",
    "years_backwards": "year:2022-2020",
    "personal": "status:read",
    "unknown_tag_guess": "tag:atention",
    "unknown_tag": "tag:zzzzzz",
    "unknown_venue_guess": "venue:iclrr",
    "unknown_venue": "venue:zzzzzz",
    "unknown_category_guess": "category:gann",
    "unknown_category": "category:zzzzzz",
    "unknown_section_guess": "section:archtecture",
    "unknown_section": "section:zzzzzz",
}


def latin_words(text: str, catalogue: Catalogue) -> list[str]:
    """English left in a Chinese message once the query's own syntax and the catalogue's names are taken out."""
    import re

    names = {p.venue for p in catalogue.papers if p.venue} | set(catalogue.category_ids())
    names |= set(catalogue.section_ids()) | {"sora-refs search"}
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, "")
    text = re.sub(r"'[^']*'|\"|[\w-]*:\S*|\b(OR|AND|NOT|VALUE)\b|-词|\d+", " ", text)  # quoted input, field:value
    return re.findall(r"[A-Za-z]+", text)


def test_chinese_page_says_query_errors_and_the_search_help_in_chinese(
    session: Session, page_file: Path, bundled: Catalogue
) -> None:
    from sora_refs.site.i18n import QUERY_ERRORS as TRANSLATED

    assert set(QUERY_ERRORS) == set(TRANSLATED["zh"])  # every error the page gives has its Chinese
    page = session.page
    session.open(page_file.as_uri() + "#lang=zh")
    english = Session(page.context.browser)
    try:
        english.open(page_file.as_uri())
        untranslated = []
        for id_, query in QUERY_ERRORS.items():
            page.fill("#q", query)
            english.page.fill("#q", query)
            said, said_en = page.inner_text("#count"), english.page.inner_text("#count")
            assert said.startswith("无法理解该搜索："), (query, said)
            assert said_en.startswith("The search is not understood: "), (query, said_en)
            if latin_words(said.removeprefix("无法理解该搜索："), bundled) or said[8:] == said_en[30:]:
                untranslated.append((id_, said))
        assert untranslated == []
        # The English page keeps the command line's words (the shared vectors check them).
        english.page.fill("#q", "year:20x")
        assert english.page.inner_text("#count") == (
            "The search is not understood: invalid year or range '20x': expected 2022, 2020-2022, 2021- or -2017"
        )
        assert english.errors == []
    finally:
        english.close()

    # The search help: examples of the query language as code, everything else in Chinese.
    help_ = """() => { const p = document.getElementById('q-help').cloneNode(true);
                       p.querySelectorAll('code').forEach(c => c.remove()); return p.textContent; }"""
    assert latin_words(page.evaluate(help_), bundled) == []
    codes = page.eval_on_selector_all("#q-help code", "cs => cs.map(c => c.textContent)")
    assert "author:ho" in codes and "gan OR rnn" in codes
    page.click("#lang-switch")  # and back: the examples stay code in English too
    assert page.eval_on_selector_all("#q-help code", "cs => cs.map(c => c.textContent)")[:2] == [
        "author:ho",
        "year:2020-2022",
    ]
    assert "Typos and missing accents are forgiven." in page.inner_text("#q-help")
    assert session.errors == []


IN_VIEW = """() => Array.from(document.querySelectorAll('#papers tbody.paper')).filter(b => {
    const r = b.getBoundingClientRect(); return r.bottom > 1 && r.top < innerHeight - 1; }).map(b => b.dataset.key)"""


def test_home_end_and_page_keys_cross_five_thousand_rows(browser, large: tuple[Catalogue, Path]) -> None:
    """End (from anywhere but a field) shows the last papers, with nothing blank in view, however the row
    heights measured on the way differ from the guess; Home the first. On a title PageDown and PageUp move
    the focus a screen of papers on and back, and every row, a paper's details too, has its number."""
    catalogue, path = large
    order = in_ref_order(catalogue)
    s = Session(browser)
    try:
        page = s.page
        s.open(path.as_uri())
        page.click("h1")  # the focus on the page itself, not on a row
        page.keyboard.press("End")
        page.wait_for_function(f"() => ({IN_VIEW})().includes({json.dumps(order[-1])})")
        shown = page.evaluate(IN_VIEW)
        assert shown == order[len(order) - len(shown) :] and len(shown) >= 5, shown  # the view full of rows
        ref = page.evaluate(
            f"""() => {{ const range = document.createRange();
                range.selectNodeContents(document.querySelector("[id='p-{order[-1]}'] td.c-ref"));
                return [range.toString(), range.getClientRects().length]; }}"""
        )
        assert ref == ["5000", 1]  # on one line, not "500" over "0"
        page.keyboard.press("Home")
        page.wait_for_function(f"() => ({IN_VIEW})()[0] === {json.dumps(order[0])}")
        assert page.evaluate("scrollY") == 0
        page.click(f"[id='b-{order[0]}']")
        page.focus(f"[id='bib-{order[0]}']")  # on a BibTeX block too short to scroll itself: the page's End
        page.keyboard.press("End")
        page.wait_for_function(f"() => ({IN_VIEW})().includes({json.dumps(order[-1])})")
        page.evaluate("window.scrollTo(0, 0)")
        page.click(f"[id='b-{order[0]}']")

        page.focus(f"[id='b-{order[0]}']")
        page.keyboard.press("PageDown")
        down = page.evaluate("document.activeElement.closest('tbody').dataset.key")
        assert 5 < order.index(down) < 30  # about a screen of papers (900 px) further, and in view
        assert down in page.evaluate(IN_VIEW)
        page.keyboard.press("PageUp")
        playwright_api.expect(page.locator(f"[id='b-{order[0]}']")).to_be_focused()

        # Details rows are rows: numbered after their paper's, which moves the rows after them down one.
        page.click(f"[id='b-{order[1]}']")
        page.click(f"[id='b-{order[3]}']")
        numbers = page.eval_on_selector_all(
            "#papers tr[aria-rowindex]", "rows => rows.slice(0, 8).map(r => [r.className, r.ariaRowIndex])"
        )
        assert numbers == [
            ["", "1"],  # the heading row
            ["row", "2"],
            ["row", "3"],
            ["detail", "4"],
            ["row", "5"],
            ["row", "6"],
            ["detail", "7"],
            ["row", "8"],
        ]
        assert page.get_attribute("#papers", "aria-rowcount") == "5003"
        page.click(f"[id='b-{order[1]}']")
        assert page.get_attribute("#papers", "aria-rowcount") == "5002"
        assert page.get_attribute(f"[id='p-{order[3]}'] tr.detail", "aria-rowindex") == "6"
        # So it stays at the end of the list, from an address that opens papers.
        s.open(path.as_uri() + f"#open={order[-1]},{order[2]}")
        last = page.locator(f"[id='p-{order[-1]}']")
        assert last.locator("tr.row").get_attribute("aria-rowindex") == "5002"
        assert last.locator("tr.detail").get_attribute("aria-rowindex") == "5003"
        assert page.get_attribute("#papers", "aria-rowcount") == "5003"
        assert s.errors == []
    finally:
        s.close()


def test_every_row_on_request_for_find_in_page(browser, large: tuple[Catalogue, Path]) -> None:
    """Find in page (Ctrl+F) sees only rows in the document: "Show every row" puts the whole filtered
    list there, kept in the address, and takes it back out."""
    catalogue, path = large
    gan = [key for key in in_ref_order(catalogue) if catalogue.get(key).category == "gan"]
    s = Session(browser)
    try:
        page = s.page
        s.open(path.as_uri() + "#category=gan")
        title = catalogue.get(gan[-1]).title
        find = "text => { getSelection().removeAllRanges(); return window.find(text); }"
        assert not page.evaluate(find, title)  # the last paper is not drawn: find in page misses it
        button = page.locator("#every-row")
        assert button.get_attribute("aria-pressed") == "false"
        button.click()
        assert page.evaluate(ROW_KEYS) == len(gan)
        assert button.get_attribute("aria-pressed") == "true" and "rows=all" in page.url
        assert page.evaluate(find, title)
        s.open(page.url)  # a reload, or the link shared: every row again
        assert page.evaluate(ROW_KEYS) == len(gan)
        page.locator("#every-row").click()
        assert page.evaluate(ROW_KEYS) == 60 and "rows=all" not in page.url
        assert s.errors == []
    finally:
        s.close()


ALL_VIOLATIONS = """() => axe.run(document, {resultTypes: ['violations']}).then(r =>
    r.violations.map(v => [v.id, v.impact,
                           v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + n.failureSummary)]))"""


@pytest.mark.skipif(AXE_SKIP is not None, reason=AXE_SKIP or "")
def test_no_accessibility_violation_at_five_thousand_papers(browser, large: tuple[Catalogue, Path]) -> None:
    """axe-core, every rule of any impact, on 5,000 papers: details open, filters applied, no results, a
    query error, Chinese, dark, every row drawn."""
    catalogue, path = large
    order = in_ref_order(catalogue)
    found = []
    for scheme, views in (
        ("light", [f"open={order[0]},{order[2]}", "category=gan&from=2020&sort=year&dir=desc", "q=zzzzqqq"]),
        ("dark", [f"lang=zh&q=year:20x&open={order[1]}", "lang=zh&q=diffusion&venue=iclr&from=2024&rows=all"]),
    ):
        s = Session(browser, color_scheme=scheme)
        try:
            s.open(path.as_uri())
            s.page.evaluate(AXE.read_text(encoding="utf-8"))
            for view in views:
                s.page.evaluate(
                    """hash => new Promise(done => {  // the page's own listener runs first
                        addEventListener('hashchange', () => requestAnimationFrame(() => done()), {once: true});
                        location.hash = hash; })""",
                    view,
                )
                s.page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
                found.extend((scheme, view, *v) for v in s.page.evaluate(ALL_VIOLATIONS))
            assert s.errors == []
        finally:
            s.close()
    assert found == []


def test_the_count_is_announced_once_typing_pauses(session: Session, page_file: Path) -> None:
    """Screen readers hear the number of papers once the list is still, not at every key; a copy at once."""
    page = session.page
    session.open(page_file.as_uri())
    assert page.get_attribute("#count", "aria-live") is None  # the count shown changes at every key
    region = page.locator("#announce")
    assert region.get_attribute("role") == "status" and region.inner_text() == ""  # nothing said on opening
    page.evaluate("""() => { window.said = [];
        new MutationObserver(() => said.push(document.getElementById('announce').textContent))
            .observe(document.getElementById('announce'), {childList: true, characterData: true, subtree: true});
        const q = document.getElementById('q');
        for (const text of ['d', 'di', 'dif', 'diff', 'diffu', 'diffus']) {
            q.value = text; q.dispatchEvent(new Event('input', {bubbles: true})); } }""")
    page.wait_for_function("() => window.said.length > 0")
    assert page.evaluate("said") == [page.inner_text("#count")]  # one announcement: the final count
    page.click("#copy-all")
    page.wait_for_function("() => window.said.length > 1")
    assert page.evaluate("said")[1].startswith("BibTeX of ")
    assert session.errors == []


def test_without_javascript_the_papers_are_a_plain_list(browser, page_file: Path, bundled: Catalogue) -> None:
    """No script: a message, every paper as a line (ref, title, authors, venue, year), the highlights; none
    of the controls that would do nothing."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 667})
    try:
        page = context.new_page()
        page.goto(page_file.as_uri())
        assert "needs JavaScript" in page.inner_text("#view-papers")
        items = page.locator(".plain-list li")
        assert items.count() == 32 and items.first.is_visible()
        first = min(bundled.papers, key=lambda p: p.ref or 0)
        assert items.first.inner_text().startswith(f"{first.ref}. {first.title}")
        for hidden in ("#q", "#f-category", "#papers", "#copy-all", "[role=tab]", "#lang-switch"):
            assert not page.is_visible(hidden), hidden
        assert page.is_visible("#highlights")
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    finally:
        context.close()


def test_private_mode_storage_and_history_that_throw(browser, page_file: Path) -> None:
    """A browser where storage and the history API refuse (private modes, sandboxed files): the page works."""
    s = Session(browser)
    try:
        s.page.add_init_script("""for (const name of ['localStorage', 'sessionStorage', 'indexedDB'])
                Object.defineProperty(window, name, {get() { throw new DOMException('denied', 'SecurityError'); }});
            for (const name of ['replaceState', 'pushState'])
                history[name] = () => { throw new DOMException('denied', 'SecurityError'); };""")
        s.open(page_file.as_uri() + "#q=diffusion")
        assert s.page.inner_text("#count").endswith("of 32 papers")
        s.page.fill("#q", "gan")
        s.page.click("#papers .expand")
        assert s.page.locator("#papers tr.detail").count() == 1
        s.page.select_option("#f-category", "gan")
        assert "category=gan" in s.page.url  # written into the address all the same
        assert s.errors == []
    finally:
        s.close()


def test_hostile_text_packed_with_direction_controls_and_huge_strings(
    browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hostile catalogue through the compressed data of large pages, with U+202E in a title, an
    author and a venue, and 100,000-character strings: nothing runs, no link leaves http(s), the
    direction controls turn nothing but their own text, and a phone scrolls no sideways, with or
    without script."""
    from test_site import hostile_catalogue

    from sora_refs.site import builder

    catalogue = hostile_catalogue()
    first, second = catalogue.papers
    huge = "W" * 100_000
    bidi = second.replace(
        key="bidi2024",
        ref=3,
        title="\u202egnp.exe and a title",
        authors=("Ali \u202eReversed", "Bob Straight"),
        venue="\u202evenue",
        notes="</noscript><script>window.__pwned='noscript'</script>" + huge,
        summary=huge,
    )
    long_ = second.replace(key="huge2024", ref=4, title=huge, authors=tuple(f"Author{i} Name{i}" for i in range(2000)))
    catalogue.papers = (first, second, bidi, long_)
    monkeypatch.setattr(builder, "COMPRESS_FROM", 0)
    path = tmp_path / "hostile-packed.html"
    path.write_text(build_page(catalogue), encoding="utf-8")
    overflow = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    s = Session(browser, viewport={"width": 375, "height": 667})
    try:
        page = s.page
        s.open(path.as_uri())
        assert page.locator("#site-papers").count() == 1  # the compressed path
        for key in ("evil2024script", "bidi2024", "huge2024"):
            page.click(f"[id='b-{key}']")
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        page.click("#every-row")
        assert page.evaluate("typeof window.__pwned") == "undefined" and s.dialogs == [] and s.errors == []
        hrefs = page.eval_on_selector_all(
            "a[href]", "links => links.map(a => new URL(a.getAttribute('href'), document.baseURI).protocol)"
        )
        assert set(hrefs) <= {"https:", "http:", "file:"}, hrefs
        assert page.evaluate(overflow) <= 0
        # Each name and the venue in an isolate of its own: the year after the venue reads 2023, the
        # second author is not turned around by the first.
        meta = page.text_content("[id='p-bidi2024'] .narrow-meta")
        assert meta == "\u2068Ali \u202eReversed\u2069, Bob Straight · \u2068\u202evenue\u2069 2023"
        assert page.evaluate("getComputedStyle(document.querySelector(\"[id='b-bidi2024'] .t\")).unicodeBidi") == (
            "isolate"
        )
        for tab in ("#tab-stats", "#tab-map"):
            page.click(tab)
            assert page.evaluate(overflow) <= 0, tab
    finally:
        s.close()
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 667})
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        assert page.locator(".plain-list li").count() == 4
        assert page.evaluate(overflow) <= 0
        assert "\u2068\u202eReversed\u2069, \u2068Straight\u2069. \u2068\u202evenue\u2069 2023." in page.inner_text(
            ".plain-list"
        )
    finally:
        context.close()


RING_SHOWN = """() => {  // the focus ring drawn, and not cut off by a box that clips what overflows it
    const node = document.activeElement, style = getComputedStyle(node);
    const width = parseFloat(style.outlineWidth) || 0, reach = width + parseFloat(style.outlineOffset || 0);
    if (style.outlineStyle === 'none' || width < 2) return [node.id || node.className, 'no ring'];
    const box = node.getBoundingClientRect();
    for (let up = node.parentElement; up; up = up.parentElement) {
        const clip = getComputedStyle(up);
        if (clip.overflowX === 'visible' && clip.overflowY === 'visible') continue;
        const r = up.getBoundingClientRect();
        if (box.left - reach < r.left - 0.5 || box.right + reach > r.right + 0.5 ||
            box.top - reach < r.top - 0.5 || box.bottom + reach > r.bottom + 0.5)
            return [node.id || node.className, 'cut by ' + (up.id || up.className)];
    }
    return null; }"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_focus_is_visible_on_everything_tab_reaches(browser, page_file: Path, scheme: str) -> None:
    """Tab through the page: every stop shows a ring of at least 2 px that nothing clips (the tabs
    scroll sideways on phones, and cut a ring drawn outside them)."""
    s = Session(browser, color_scheme=scheme)
    try:
        s.open(page_file.as_uri())
        problems, seen = [], set()

        def tab(times: int) -> None:
            for _ in range(times):
                s.page.keyboard.press("Tab")
                seen.add(s.page.evaluate("document.activeElement.id || document.activeElement.className"))
                found = s.page.evaluate(RING_SHOWN)
                if found:
                    problems.append(found)

        tab(26)  # the header, the tabs, the search and filters, the buttons, the headings, the first rows
        s.page.focus("#b-srivastava2015unsupervised")
        s.page.keyboard.press("Enter")  # a paper's details: its links, the copy button, the BibTeX
        tab(8)
        assert {"tab-papers", "q", "every-row", "copy", "bib-srivastava2015unsupervised"} <= seen, seen
        assert problems == []
    finally:
        s.close()
