"""The HTML page (`sora-refs site`): structure, escaping, the embedded data, nothing loaded from elsewhere.

What the page does in a browser is tested in test_site_browser.py.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sora_refs import Catalogue
from sora_refs.cli import cli
from sora_refs.site import build_page
from sora_refs.site.builder import safe_url
from sora_refs.site.render import script_json

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).parent / "data" / "site" / "hostile.yaml"
JS_URLS = (
    "javascript:window.__pwned='js-url'",
    " JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "java\nscript:alert(1)",
)


class Document(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None
        self.text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            if self.scripts and self.scripts[-1][0] is self._script:  # the parser may split a script
                self.scripts[-1] = (self._script, self.scripts[-1][1] + data)
            else:
                self.scripts.append((self._script, data))
        else:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def attributes(self, name: str) -> list[str]:
        return [attrs[name] or "" for _, attrs in self.tags if name in attrs]


@pytest.fixture(scope="module")
def page() -> str:
    return build_page(Catalogue.load())


@pytest.fixture(scope="module")
def doc(page: str) -> Document:
    return Document(page)


def embedded(doc: Document) -> dict:
    data = [text for attrs, text in doc.scripts if attrs.get("id") == "site-data"]
    assert len(data) == 1
    return json.loads(data[0])


def hostile_catalogue() -> Catalogue:
    """hostile.yaml, with javascript:, data: and vbscript: links put in by code (the loader refuses them)."""
    catalogue = Catalogue.load(HOSTILE)
    first, second = catalogue.papers
    catalogue.papers = (first.replace(url=JS_URLS[0], pdf=JS_URLS[1]), second.replace(url=JS_URLS[2], pdf=JS_URLS[3]))
    return catalogue


# -- structure -------------------------------------------------------------------------------


def test_page_is_one_document_with_every_paper(page: str, doc: Document, bundled: Catalogue) -> None:
    assert page.startswith('<!DOCTYPE html>\n<html lang="en"')
    papers = embedded(doc)["papers"]
    assert papers["key"] == [p.key for p in bundled.papers]
    assert papers["title"] == [p.title for p in bundled.papers]
    # Rows are drawn by the script from this data, not written out 32 (or 20,000) times.
    assert "<tbody" not in page


def test_compact_bibtex_reads_back_as_cite_prints_it(doc: Document, bundled: Catalogue) -> None:
    """The page keeps each entry's fields, leaving out values it has anyway; joined back, they are `cite`'s text."""
    from sora_refs.site.builder import bibtex_entries, bibtex_text

    papers = embedded(doc)["papers"]
    expected = bibtex_entries(bundled.papers, bundled)
    for i, paper in enumerate(bundled.papers):
        entry_type, fields = papers["bib"][i]
        own = {
            "title": papers["title"][i],
            "year": str(papers["year"][i]),
            "eprint": papers["arxiv"][i],
            "doi": papers["doi"][i],
            "url": papers["url"][i],
        }
        filled = [(name, own[name] if value is None else value) for name, value in fields]
        assert bibtex_text(entry_type, paper.key, filled) == expected[paper.key]
    assert any(value is None for _, fields in papers["bib"] for _, value in fields)  # something was left out


def test_page_has_labels_tabs_and_views(doc: Document) -> None:
    ids = set(doc.attributes("id"))
    for ident in (
        "q",
        "f-category",
        "f-section",
        "f-venue",
        "f-from",
        "f-to",
        "f-cited",
        "lang-switch",
        "view-papers",
        "view-map",
        "view-stats",
        "count",
    ):
        assert ident in ids
    # Every form control has a label.
    labelled = set(doc.attributes("for"))
    controls = [attrs["id"] for tag, attrs in doc.tags if tag in ("input", "select")]
    assert controls and set(controls) <= labelled
    assert [attrs["aria-controls"] for tag, attrs in doc.tags if attrs.get("role") == "tab"] == [
        "view-papers",
        "view-map",
        "view-stats",
    ]


def test_mind_map_is_inline_svg_for_small_pages(page: str, doc: Document, bundled: Catalogue) -> None:
    svgs = [attrs for tag, attrs in doc.tags if tag == "svg"]
    assert len(svgs) == 1  # the mind map; the charts are drawn by the script from the papers shown
    leaves = [h for h in doc.attributes("href") if h.startswith("#open=")]
    assert sorted(leaves) == sorted(f"#open={p.key}" for p in bundled.papers)
    for section in bundled.sections:
        assert section.name in page or section.name.split()[0] in page


def test_large_pages_are_compressed_and_have_no_drawn_map(bundled: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    import base64
    import gzip

    from sora_refs.site import builder

    monkeypatch.setattr(builder, "COMPRESS_FROM", 1000)
    monkeypatch.setattr(builder, "PACK_CHUNK", 100)  # two pieces per column

    papers = [bundled.papers[i % 32].replace(key=f"k{i}", ref=i + 1) for i in range(builder.SVG_MAP_UP_TO + 1)]
    page = build_page(bundled, papers)
    doc = Document(page)
    assert not [tag for tag, _ in doc.tags if tag == "svg"]
    packed = json.loads([text for attrs, text in doc.scripts if attrs.get("id") == "site-papers"][0])
    assert len(packed["columns"]["key"]) == 2
    keys = [k for piece in packed["columns"]["key"] for k in json.loads(gzip.decompress(base64.b64decode(piece)))]
    assert keys == [p.key for p in papers]
    assert "vocabulary" in json.loads(gzip.decompress(base64.b64decode(packed["index"])))
    assert "papers" not in embedded(doc)
    # The compressed block is JSON of base64 text only: no '<', no U+2028, nothing a catalogue wrote.
    raw = page.split('id="site-papers" data-encoding="gzip+base64">', 1)[1].split("</script>", 1)[0]
    assert re.fullmatch(r'[{}\[\]":,A-Za-z0-9+/=]*', raw), raw[:200]


def test_highlights_in_both_languages(page: str) -> None:
    assert "Cited as arXiv preprints: 12 of 32, 37.5%" in page
    assert "以 arXiv 预印本形式被引用：32 篇中 12 篇，37.5%" in page
    assert "Published as arXiv preprints only: 5 of 32, 15.6%" in page


def test_embedded_data_matches_the_papers(doc: Document, bundled: Catalogue) -> None:
    data = embedded(doc)
    assert data["lang"] == "en"
    assert set(data["strings"]) == {"en", "zh"}
    assert set(data["strings"]["en"]) == set(data["strings"]["zh"])
    papers = data["papers"]
    second = 1
    assert (papers["venue"][second], papers["citedVenue"][second], papers["year"][second]) == ("ICLR", "arXiv", 2017)
    assert "Jürgen Schmidhuber" in papers["authors"][2]
    assert papers["summaryZh"][0] == bundled.papers[0].summary_zh
    assert data["categories"][papers["category"][0]][0] == bundled.papers[0].category
    # The search index: only what the page's folding would get wrong is shipped folded.
    index = data["index"]
    assert set(index["folded"]) <= {"title", "author", "key", "tag", "summary", "summary_zh"}
    assert "schmidhuber" in index["vocabulary"].split()


# -- nothing from elsewhere --------------------------------------------------------------------


def test_nothing_is_loaded_from_anywhere(page: str, doc: Document) -> None:
    assert all(attrs.get("src") is None for _, attrs in doc.tags)  # no <script src>, <img src>, <iframe src>
    links = [attrs for tag, attrs in doc.tags if tag == "link"]
    assert [(link["rel"], link["href"]) for link in links] == [("icon", "data:,")]
    embedding = {"img", "iframe", "object", "embed", "video", "audio", "base", "form"} - {"form"}
    assert not {tag for tag, _ in doc.tags} & embedding
    assert "@import" not in page and "url(" not in page and "@font-face" not in page
    assert [(attrs.get("type"), len(text) > 0) for attrs, text in doc.scripts] == [
        ("application/json", True),
        (None, True),
    ]
    # The browser enforces it too: no script or style but the page's own, nothing fetched.
    csp = next(attrs["content"] for tag, attrs in doc.tags if attrs.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp and "unsafe" not in csp


def test_csp_hashes_are_those_of_the_inline_script_and_style(page: str, doc: Document) -> None:
    from sora_refs.site.render import csp_hash

    script = [text for attrs, text in doc.scripts if attrs.get("type") is None][0]
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    csp = next(attrs["content"] for tag, attrs in doc.tags if attrs.get("http-equiv") == "Content-Security-Policy")
    assert f"script-src {csp_hash(script)};" in csp
    assert f"style-src {csp_hash(style)};" in csp


def test_links_are_only_http_or_in_page(doc: Document) -> None:
    for href in doc.attributes("href"):
        assert href.startswith(("https://", "http://", "#open=", "data:,")), href


# -- hostile catalogues --------------------------------------------------------------------------


def test_hostile_catalogue_renders_as_text() -> None:
    page = build_page(hostile_catalogue())
    doc = Document(page)
    tags = {tag for tag, _ in doc.tags}
    assert not tags & {"img", "iframe", "b"}, tags
    assert [attrs.get("type") for attrs, _ in doc.scripts] == ["application/json", None]
    handlers = [(tag, name) for tag, attrs in doc.tags for name in attrs if name.startswith("on")]
    assert handlers == []
    text = "".join(doc.text)
    assert "<script>window.__pwned = 'title'</script>Hostile \"list\" {{ 7*7 }}" in text
    assert "{% if true %}jinja{% endif %}" in text  # not evaluated by the templates
    assert 'Hostile "list" 49' not in text
    assert "</script><script>window.__pwned = 'paper-title'</script><!-- {{ config }} {% raw %}" in text
    # The JSON block cannot end early or open a comment, and reads back unchanged.
    raw = page.split('<script type="application/json" id="site-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in raw and "\u2028" not in raw and "\u2029" not in raw
    data = json.loads(raw)
    assert data["papers"]["title"][0].startswith("</script><script>")


def test_hostile_links_never_become_clickable() -> None:
    page = build_page(hostile_catalogue())
    doc = Document(page)
    hrefs = doc.attributes("href")
    assert not [h for h in hrefs if re.match(r"\s*(javascript|data:text|vbscript)", h, re.I)], hrefs
    # The quote in a URL stays inside its attribute.
    assert "https://example.org/\"><script>window.__pwned='source-url'</script>" in hrefs
    assert not any("onclick" in attrs for _, attrs in doc.tags)
    # The links the script draws come from data where only http(s) survived.
    papers = embedded(doc)["papers"]
    assert papers["url"] == [None, None] and papers["pdf"] == [None, None]
    # The javascript: summary of the second paper is text, not a link.
    assert "javascript:alert('text is fine, it is not a link')" in papers["summary"][1]


@pytest.mark.parametrize("url", JS_URLS)
def test_safe_url_refuses_other_schemes(url: str) -> None:
    assert safe_url(url) is None


def test_safe_url_keeps_http() -> None:
    assert safe_url("https://arxiv.org/abs/2212.09748") == "https://arxiv.org/abs/2212.09748"
    assert safe_url("HTTP://example.org/x") == "HTTP://example.org/x"


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=20,
    )
)
def test_script_json_round_trips_and_cannot_close_the_script(value: object) -> None:
    text = script_json(value)
    assert json.loads(text) == value
    assert "<" not in text and ">" not in text and "\u2028" not in text and "\u2029" not in text


def test_script_json_escapes_the_dangerous_sequences() -> None:
    text = script_json({"a": "</script><!--\u2028\u2029&"})
    assert text == '{"a":"\\u003c/script\\u003e\\u003c!--\\u2028\\u2029\\u0026"}'


# -- the command ------------------------------------------------------------------------------------


def test_site_command_writes_the_default_file(runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["site"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == "Wrote a page of 32 papers to sora-refs.html.\n"
    assert (tmp_path / "sora-refs.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["sora-refs.html"]  # no temporary file left


def test_site_command_takes_list_filters(runner, tmp_path: Path) -> None:
    target = tmp_path / "gan.html"
    result = runner.invoke(cli, ["--lang", "zh", "site", "-c", "gan", "--year", "2018-", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    doc = Document(target.read_text(encoding="utf-8"))
    keys = embedded(doc)["papers"]["key"]
    assert keys == ["tulyakov2018mocogan", "clark2019adversarial", "brooks2022generating"]
    assert embedded(doc)["lang"] == "zh"
    assert target.read_text(encoding="utf-8").startswith('<!DOCTYPE html>\n<html lang="zh"')


def test_site_command_to_stdout(runner) -> None:
    result = runner.invoke(cli, ["site", "-c", "llm", "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>") and "vaswani2017attention" in result.stdout


def test_site_command_errors(runner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["site", "-c", "gann", "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert "unknown category 'gann'; did you mean 'gan'?" in result.stderr
    result = runner.invoke(cli, ["site", "-c", "gan", "-y", "1990", "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 1
    assert result.stderr == "Error: no paper matches these filters; no page written\n"
    result = runner.invoke(cli, ["site", "-o", str(tmp_path / "missing" / "x.html")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot write {tmp_path / 'missing' / 'x.html'}: ")
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_same_catalogue_same_bytes(bundled: Catalogue) -> None:
    assert build_page(bundled) == build_page(Catalogue.load())


def test_unknown_language_is_a_usage_error(bundled: Catalogue) -> None:
    from sora_refs.errors import UsageError

    with pytest.raises(UsageError, match="unknown language 'fr'"):
        build_page(bundled, lang="fr")


def test_small_catalogue_without_sections_or_citations(data_dir: Path) -> None:
    catalogue = Catalogue.load(data_dir / "catalogues" / "small.yaml")
    doc = Document(build_page(catalogue))
    ids = set(doc.attributes("id"))
    assert "f-section" not in ids and "f-cited" not in ids  # nothing to filter by
    assert len(embedded(doc)["papers"]["key"]) == len(catalogue.papers)


def test_the_wheel_carries_the_templates(tmp_path: Path) -> None:
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
    )
    if build.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {build.stderr.strip()[-200:]}")
    wheel = next(tmp_path.glob("sora_refs-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        templates = sorted(p.name for p in (ROOT / "sora_refs" / "site" / "templates").iterdir())
        assert {f"sora_refs/site/templates/{name}" for name in templates} <= names
        archive.extractall(tmp_path / "installed")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(os.environ, PYTHONPATH=str(tmp_path / "installed"), SORA_REFS_CACHE_DIR=str(tmp_path / "cache"))
    subprocess.run(
        [sys.executable, "-m", "sora_refs", "site", "-c", "gan", "-o", "page.html"],
        cwd=elsewhere,
        env=env,
        check=True,
        capture_output=True,
    )
    assert "mocogan" in (elsewhere / "page.html").read_text(encoding="utf-8")


# -- contrast ------------------------------------------------------------------------------------


def _luminance(color: str) -> float:
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _theme(css: str, dark: bool) -> dict[str, str]:
    light_block = css.split(":root {", 1)[1].split("}", 1)[0]
    values = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", light_block))
    if dark:
        dark_block = css.split("@media (prefers-color-scheme: dark)", 1)[1].split("}", 2)[0]
        values.update(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", dark_block))
    return values


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_text_colours_reach_4_5_to_1(dark: bool) -> None:
    """The page's text colours against its backgrounds, in both themes (axe cannot see into the SVG charts)."""
    from sora_refs.site.render import asset

    colours = _theme(asset("page.css"), dark)
    for text in ("fg", "muted", "accent", "cited", "error"):
        for background in ("bg", "panel"):
            assert contrast(colours[text], colours[background]) >= 4.5, (text, background)
    assert contrast(colours["fg"], colours["mark"]) >= 4.5  # highlighted words
    assert contrast(colours["accent-fg"], colours["accent"]) >= 4.5  # copy button
    for background in ("bg", "panel", "hover"):  # the focus ring: 3:1 for what is not text (WCAG 1.4.11)
        assert contrast(colours["focus"], colours[background]) >= 3, background


def test_mind_map_boxes_have_readable_ink() -> None:
    from sora_refs.site.svg import PALETTE, ink_for

    for colour in PALETTE:
        assert contrast(ink_for(colour), colour) >= 4.5, colour


def test_the_description_in_both_languages(page: str, bundled: Catalogue) -> None:
    assert bundled.info.description_zh and bundled.info.description_zh.startswith("OpenAI 的 Sora")
    assert f'<span class="l-zh" lang="zh">{bundled.info.description_zh}</span>' in page
    # Kept by the catalogue's writers and its cache.
    from sora_refs.formats import ExportOptions, get

    exported = get("yaml").render(list(bundled.papers[:1]), ExportOptions(catalogue=bundled))
    assert f"description_zh: {bundled.info.description_zh}" in exported
    assert Catalogue.load().info.description_zh == bundled.info.description_zh


def test_the_plain_list_without_script_is_every_paper_as_escaped_text(bundled: Catalogue) -> None:
    """The <noscript> list: each paper once, in ref order, every value text (hostile ones too)."""
    section = build_page(bundled).split("<noscript>", 1)[1].split("</noscript>", 1)[0]
    doc = Document(section)
    assert [tag for tag, _ in doc.tags].count("li") == len(bundled.papers)
    first = min(bundled.papers, key=lambda p: p.ref or 0)
    assert f"<li>{first.ref}. <cite>{first.title}</cite>" in section
    hostile = build_page(hostile_catalogue()).split("<noscript>", 1)[1].split("</noscript>", 1)[0]
    tags = {tag for tag, _ in Document(hostile).tags}
    assert tags == {"p", "ul", "li", "cite"}, tags
    assert "&lt;/script&gt;&lt;script&gt;window.__pwned = &#x27;paper-title&#x27;" in hostile
