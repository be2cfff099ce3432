"""The HTML page in a real browser: Debian's headless Chromium, driven by Playwright.

Skipped where the Playwright package or a Chromium binary is missing (`apt-get install chromium`,
`pip install playwright`; `playwright install` is not needed: the system browser is used).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from sora_refs import Catalogue, Query, parse_years
from sora_refs.site import build_page
from sora_refs.site.builder import bibtex_entries

pytestmark = pytest.mark.slow  # a real headless Chromium: seconds per test

playwright_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

CHROMIUM = os.environ.get("SORA_REFS_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
if not CHROMIUM:
    pytest.skip("no Chromium binary (apt-get install chromium, or set SORA_REFS_CHROMIUM)", allow_module_level=True)

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


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

    def __init__(self, browser, viewport: dict[str, int] | None = None) -> None:
        self.context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
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

    def visible_keys(self) -> list[str]:
        return self.page.eval_on_selector_all(
            "tbody.paper", "bodies => bodies.filter(b => !b.hidden).map(b => b.dataset.key)")

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


def test_search_filter_expand_copy_and_language(session: Session, page_file: Path, bundled: Catalogue) -> None:
    page = session.page
    page.goto(page_file.as_uri())
    assert page.inner_text("#count") == "32 of 32 papers"

    # Typing filters as you type; a typo and a missing accent still find the paper.
    page.click("#q")
    page.keyboard.type("schmidhubr")
    assert session.visible_keys() == ["ha2018world"]
    page.fill("#q", "jurgen world")
    assert session.visible_keys() == ["ha2018world"]
    page.fill("#q", "difusion transfomer")
    assert "peebles2023scalable" in session.visible_keys()
    assert "ha2018world" not in session.visible_keys()
    page.fill("#q", "zzzzqqq")
    assert session.visible_keys() == []
    assert page.is_visible("#no-match")

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
    page.goto(shared)
    assert page.input_value("#f-category") == "diffusion"
    assert session.visible_keys() == expected

    # Sorting by year, newest first.
    page.click("button[data-sort=year]")
    page.click("button[data-sort=year]")
    assert page.get_attribute("th.c-year", "aria-sort") == "descending"
    years = [bundled.get(key).year for key in session.visible_keys()]
    assert years == sorted(years, reverse=True)

    # Expanding a paper shows its details and BibTeX; the copy button copies that BibTeX.
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

    # Switching language: the page's words, the catalogue's names and the summaries change.
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

    assert session.errors == [] and session.dialogs == []
    assert session.foreign_requests() == []


def test_mind_map_tabs_and_keyboard(session: Session, page_file: Path) -> None:
    page = session.page
    page.goto(page_file.as_uri())
    page.focus("#tab-papers")
    page.keyboard.press("ArrowRight")
    assert page.get_attribute("#tab-map", "aria-selected") == "true"
    assert page.is_visible("#view-map svg.mindmap") and not page.is_visible("#view-papers")
    assert page.evaluate("document.activeElement.id") == "tab-map"
    page.keyboard.press("End")
    assert page.is_visible("#view-stats") and "view=stats" in page.url
    assert page.locator("#view-stats svg").count() == 2
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")

    # A paper of the mind map opens in the list, expanded and focused.
    page.click("a.leaf[href='#open=vaswani2017attention']")
    playwright_api.expect(page.locator("#b-vaswani2017attention")).to_be_focused()
    assert page.is_visible("#d-vaswani2017attention")
    assert page.get_attribute("#tab-papers", "aria-selected") == "true"

    # Expanding with the keyboard.
    page.focus("#b-vaswani2017attention")
    page.keyboard.press("Enter")
    assert not page.is_visible("#d-vaswani2017attention")
    assert session.errors == [] and session.foreign_requests() == []


def test_phone_width_has_no_sideways_scrolling(browser, page_file: Path) -> None:
    s = Session(browser, viewport={"width": 390, "height": 844})
    try:
        s.page.goto(page_file.as_uri() + "#open=peebles2023scalable")
        assert s.page.is_visible("#d-peebles2023scalable")
        overflow = s.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
        assert not s.page.is_visible("td.c-author")  # authors move under the title
        assert s.page.is_visible("#b-peebles2023scalable + .narrow-meta")
    finally:
        s.close()


def test_hostile_catalogue_runs_nothing(session: Session, tmp_path: Path) -> None:
    from test_site import hostile_catalogue

    catalogue = hostile_catalogue()
    path = tmp_path / "hostile.html"
    path.write_text(build_page(catalogue), encoding="utf-8")
    page = session.page
    page.goto(path.as_uri())

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
    # No link leaves http(s), whatever the catalogue said.
    hrefs = page.eval_on_selector_all(
        "a[href]", "links => links.map(a => new URL(a.getAttribute('href'), document.baseURI).protocol)")
    assert set(hrefs) <= {"https:", "http:", "file:"}, hrefs
    assert page.evaluate("document.querySelectorAll('[onclick],[onerror],[onload],[onmouseover]').length") == 0
