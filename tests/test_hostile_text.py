"""Text from outside (a catalogue, a .bib file, a server) never reaches a terminal or a row raw, and every
YAML value the loader cannot build is one line naming the file, the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from ptyterm import Screen, run
from pytest_httpserver import HTTPServer
from werkzeug import Response

from sora_refs import Catalogue
from sora_refs.cli import cli
from sora_refs.errors import CatalogueError
from sora_refs.reading.loader import bundled_path, load_bytes
from sora_refs.text import FORBIDDEN, UNSAFE, escape_unsafe, first_forbidden

BUNDLED = bundled_path().read_text(encoding="utf-8")
EVIL = {
    "window title": "\\e]0;pwned\\a",
    "clipboard": "\\e]52;c;cm0gLXJmIH4=\\a",
    "clear screen": "\\e[2J",
    "carriage return": "\\r",
    "vertical tab": "\\v",
    "NUL": "\\0",
    "bidi override": "\\u202e",
    "C1 CSI": "\\x9b",
}


def _with_title(escape: str) -> bytes:
    """The bundled catalogue with paper 1's title carrying ``escape`` (a YAML double-quoted escape)."""
    start = BUNDLED.index("\n  title: ", BUNDLED.index("- ref: 1\n"))
    end = BUNDLED.index("\n", start + 1)
    return (BUNDLED[:start] + f'\n  title: "Evil {escape} title"' + BUNDLED[end:]).encode()


@pytest.mark.parametrize("escape", EVIL.values(), ids=EVIL.keys())
def test_the_validator_refuses_unsafe_characters_with_line_and_field(escape):
    data = _with_title(escape)
    with pytest.raises(CatalogueError) as caught:
        load_bytes(data, "evil.yaml")
    (problem,) = caught.value.problems
    line = data[: data.index(b"Evil ")].count(b"\n") + 1
    assert (problem.file, problem.line, problem.field) == ("evil.yaml", line, "title")
    assert problem.entry.startswith("paper #1 ")
    assert problem.message.startswith("contains U+") and problem.message.endswith("at character 6")
    assert problem.suggestion == "remove it: a terminal would act on it instead of showing it"


def test_tabs_and_newlines_stay_allowed_and_authors_are_checked_too():
    fine = load_bytes(_with_title("\\tand\\nnewline"), "fine.yaml")
    assert fine.papers[0].title.startswith("Evil \tand\nnewline")
    evil = BUNDLED.replace("- Nitish Srivastava", '- "Nitish \\u2066Srivastava"', 1)
    with pytest.raises(CatalogueError, match=r"field 'authors': item 1 contains U\+2066 \(LEFT-TO-RIGHT ISOLATE\)"):
        load_bytes(evil.encode(), "evil.yaml")


def test_check_explains(tmp_path, runner):
    path = tmp_path / "evil.yaml"
    path.write_bytes(_with_title(EVIL["window title"]))
    result = runner.invoke(cli, ["--catalogue", str(path), "check"])
    assert result.exit_code == 1
    line = path.read_bytes()[: path.read_bytes().index(b"Evil ")].count(b"\n") + 1
    assert result.stdout.splitlines()[0] == (
        f"{path}:{line}: paper #1 (ref 1, key srivastava2015unsupervised): field 'title': contains U+001B (ESCAPE) "
        "at character 6 (remove it: a terminal would act on it instead of showing it)"
    )


def test_the_one_rule():
    assert escape_unsafe("a\x1b]0;x\x07b\u202ec\rd\u2028e\tf\ng") == "a\\x1b]0;x\\x07b\\u202ec\\x0dd\\u2028e\tf\ng"
    assert first_forbidden("Müller — 视频\t\n") is None
    assert all(UNSAFE.match(chr(code)) for code in [*range(0, 9), *range(11, 32), *range(0x7F, 0xA0)])
    assert FORBIDDEN.match("\u202e") and not FORBIDDEN.match("\u2028")  # a separator is text in a catalogue...
    assert UNSAFE.match("\u2028")  # ...but never a raw new line in a row


# -- in a real terminal ------------------------------------------------------------------------------


def _terminal(args: list[str], cwd: Path, columns: int = 100, rows: int = 30) -> Screen:
    """Run sora-refs with stdout AND stderr on a pseudo-terminal, no pager."""
    return run(
        args,
        columns=columns,
        rows=rows,
        until=lambda _: False,
        cwd=cwd,
        stderr_on_terminal=True,
        SORA_REFS_NO_PAGER="1",
    )


def _no_escape_obeyed(screen: Screen) -> None:
    raw = screen.raw
    assert b"\x1b]" not in raw and b"\x1b[2J" not in raw and "\u202e".encode() not in raw and b"\r\r" not in raw
    assert screen.title == ""


@pytest.mark.parametrize(
    "args", [["list"], ["show", "1"], ["search", "evil"], ["tree"], ["stats"], ["check"]], ids=" ".join
)
def test_a_hostile_catalogue_in_a_terminal(tmp_path, args):
    path = tmp_path / "evil.yaml"
    path.write_bytes(_with_title(EVIL["window title"] + EVIL["clear screen"] + EVIL["bidi override"]))
    shown = _terminal(["--catalogue", str(path), *args], tmp_path)
    assert shown.returncode == 1
    _no_escape_obeyed(shown)
    text = shown.text
    assert "contains U+001B (ESCAPE) at character 6" in text


@pytest.mark.parametrize(
    "args",
    [["list"], ["show", "26"], ["search", "scalable"], ["search", "--explain", "scalable"], ["tree"], ["timeline"]],
    ids=" ".join,
)
def test_line_separators_in_a_title_never_reach_the_terminal(tmp_path, args):
    """U+2028 and U+2029 are text a catalogue may hold; on a terminal a cell shows a space."""
    source = bundled_path().read_text(encoding="utf-8")
    title = 'title: "Scalable Diffusion Models with Transformers"'
    assert title in source
    path = tmp_path / "separators.yaml"
    path.write_text(source.replace(title, 'title: "Scalable Diffusion\u2028Models with\u2029Transformers"'), "utf-8")
    shown = _terminal(["--catalogue", str(path), *args], tmp_path, rows=80)
    assert shown.returncode == 0, shown.text
    assert "\u2028".encode() not in shown.raw and "\u2029".encode() not in shown.raw
    if args[0] != "timeline":
        assert "Scalable Diffusion Models with" in shown.text


def test_a_hostile_bib_in_a_terminal(tmp_path):
    (tmp_path / "evil.bib").write_bytes(
        b"@article{evil\x1b]0;pwned\x07,\n title={Evil \x1b]0;pwned\x07 \xe2\x80\xae title},\n"
        b" author={Ann \x1b[2J Author},\n journal={J\r Evil},\n year={2020}\n}\n"
    )
    shown = _terminal(["import", "evil.bib", "--into", "new.yaml"], tmp_path)
    assert shown.returncode in (0, 1)
    _no_escape_obeyed(shown)
    assert "\\x1b" in shown.text  # shown, as text
    assert not (tmp_path / "new.yaml").exists()


def test_server_words_are_shown_escaped(tmp_path):
    server = HTTPServer()
    server.start()
    try:
        server.expect_request("/busy.pdf").respond_with_response(
            Response(b"x", status="404 Gone \x1b]0;pwned\x07 \x1b[2J")
        )
        server.expect_request("/html.pdf").respond_with_response(
            Response(b"<html>", headers={"Content-Type": "text/html\x1b]52;c;eA==\x07"})
        )
        lines = ['catalogue: {title: "T", schema: 1}', "categories:", "  - {id: misc, name: Misc}", "papers:"]
        for key in ("busy", "html"):
            lines += [
                f"  - key: {key}",
                "    title: A paper",
                "    authors: [Ann Author]",
                "    year: 2020",
                "    venue: arXiv",
                "    type: preprint",
                "    category: misc",
                f'    pdf: "{server.url_for(f"/{key}.pdf")}"',
            ]
        (tmp_path / "cat.yaml").write_text("\n".join(lines) + "\n")
        shown = _terminal(
            ["--catalogue", "cat.yaml", "download", "--dir", "pdfs", "--retries", "0", "--timeout", "5"],
            tmp_path,
            columns=250,
        )
    finally:
        server.stop()
    assert shown.returncode == 1
    _no_escape_obeyed(shown)
    text = shown.text
    assert "HTTP 404 Gone \\x1b]0;pwned\\x07 \\x1b[2J" in text
    assert "server sent text/html\\x1b]52, not a PDF" in text  # the type ends at its first ";"


# -- rows -------------------------------------------------------------------------------------------------


def test_tsv_and_csv_rows_stay_one_line_per_paper(capsys):
    from sora_refs.cli import output

    output.write_tsv([(1, "a\rb", "c\u2028d", "e\x0bf", "tab\there")])
    output.write_csv(["ref", "title"], [(1, "x\x1b[2Jy\u202ez")])
    out = capsys.readouterr().out
    assert out == "1\ta\\x0db\tc\\u2028d\te\\x0bf\ttab here\nref,title\n1,x\\x1b[2Jy\\u202ez\n"


def test_list_as_csv_is_the_export_with_its_cells_escaped(tmp_path, runner):
    path = tmp_path / "separator.yaml"
    path.write_bytes(_with_title("\\u2028"))  # a line separator: allowed in a catalogue, never raw in a row
    listed = runner.invoke(cli, ["--catalogue", str(path), "list", "--format", "csv"])
    exported = runner.invoke(cli, ["--catalogue", str(path), "export", "--format", "csv"])
    assert listed.exit_code == exported.exit_code == 0
    assert "Evil \u2028 title" in exported.stdout
    assert listed.stdout == exported.stdout.replace("\u2028", "\\u2028")
    assert len(listed.stdout.splitlines()) == 1 + len(Catalogue.load(path))


# -- YAML values the loader cannot build ---------------------------------------------------------------------


def _with_year(value: str) -> bytes:
    return BUNDLED.replace("\n  year: 2015\n", f"\n  year: {value}\n", 1).encode()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("9" * 5000, "a number with 5,000 digits is too long"),
        ("2020-02-30", "'2020-02-30' is not a real date (day is out of range for month)"),
        ("!!int abc", "'abc' is not a whole number"),
        ("!!float abc", "'abc' is not a number"),
        ("!!timestamp xyz", "'xyz' is not a date (expected YYYY-MM-DD)"),
        ("!!bool maybe", "'maybe' is not true or false"),
        ("0x7E4", "'0x7E4' would be read as the number 2020"),
    ],
)
def test_values_yaml_cannot_build_are_one_line_with_file_line_field(value, message):
    data = _with_year(value)
    with pytest.raises(CatalogueError) as caught:
        load_bytes(data, "bad.yaml")
    (problem,) = caught.value.problems
    line = data[: data.index(f"year: {value}".encode())].count(b"\n") + 1
    assert (problem.file, problem.line, problem.entry, problem.field, problem.message) == (
        "bad.yaml",
        line,
        "paper #1",
        "year",
        message,
    )


@pytest.mark.parametrize(
    ("field", "value", "number"),
    [("volume", "010", 8), ("pages", "0x10", 16), ("pages", "1:20", 80), ("volume", "1_000", 1000)],
)
def test_numbers_yaml_1_1_would_change_are_refused_with_quote_it(field, value, number):
    import re

    def with_value(written: str) -> bytes:
        return re.sub(rf"\n  {field}: [^\n]*\n", f"\n  {field}: {written}\n", BUNDLED, count=1).encode()

    with pytest.raises(CatalogueError) as caught:
        load_bytes(with_value(value), "bad.yaml")
    (problem,) = caught.value.problems
    assert (problem.field, problem.message, problem.suggestion) == (
        field,
        f"{value!r} would be read as the number {number}",
        f'quote it ("{value}") if it is text, or write {number}',
    )
    if field == "volume":
        assert load_bytes(with_value(f'"{value}"'), "ok.yaml").papers[0].volume == value


def test_a_bad_value_in_the_header_names_its_field():
    text = BUNDLED.replace("schema: 1", "schema: !!int one", 1)
    with pytest.raises(CatalogueError, match=r"bad.yaml:\d+: field 'catalogue.schema': 'one' is not a whole number"):
        load_bytes(text.encode(), "bad.yaml")


def test_check_reports_a_bad_value_in_one_line(tmp_path, runner):
    path = tmp_path / "bad.yaml"
    path.write_bytes(_with_year("2020-02-30"))
    result = runner.invoke(cli, ["--catalogue", str(path), "list"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output + result.stderr
    assert f"{path}:" in result.stderr and "field 'year': '2020-02-30' is not a real date" in result.stderr
    assert len(Catalogue.load().papers) == 32


# -- every free-text field, not only titles and authors ------------------------------------------------------

_PAPER_1 = "\n  year: 2015\n"


@pytest.mark.parametrize(
    ("written", "field"),
    [
        ('extra: {howpublished: "x\\e]0;pwned\\ay"}', "extra"),  # exported as written: reached cite and bibtex raw
        ('extra: {note2: "x\\u202ey"}', "extra"),
        ('keywords: ["x\\e[2Jy"]', "keywords"),
        ('files: ["x\\u2066y.pdf"]', "files"),
        ('aliases: ["x\\x9by"]', "aliases"),
        ('note: "x\\e]8;;http://evil\\e\\\\link\\e]8;;\\e\\\\"', "note"),
        ('series: "x\\x85y"', "series"),
    ],
)
def test_the_validator_refuses_unsafe_characters_in_every_text_field(written, field):
    data = BUNDLED.replace(_PAPER_1, f"{_PAPER_1}  {written}\n", 1).encode()
    with pytest.raises(CatalogueError) as caught:
        load_bytes(data, "evil.yaml")
    (problem,) = caught.value.problems
    assert (problem.entry or "").startswith("paper #1 ") and problem.field == field
    assert "contains U+" in problem.message
    assert problem.suggestion == "remove it: a terminal would act on it instead of showing it"


@pytest.mark.parametrize("url", ["https://[::1", "http://example.org:99999/a.pdf", "https://:80/x"])
def test_a_url_no_program_can_parse_is_refused_at_load_not_in_download(tmp_path, runner, url):
    path = tmp_path / "refs.yaml"
    path.write_bytes(BUNDLED.replace('pdf: "https://arxiv.org/pdf/1502.04681"', f'pdf: "{url}"', 1).encode())
    result = runner.invoke(cli, ["--catalogue", str(path), "download", "1", "--dir", str(tmp_path / "pdfs")])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # a message, not a traceback
    assert f"field 'pdf': '{url}' is not a usable http(s) URL: its host or port cannot be read" in result.stderr
    assert not (tmp_path / "pdfs").exists()


def test_add_keeps_a_server_s_terminal_controls_out_of_the_catalogue(tmp_path, runner, monkeypatch):
    # XML 1.0 allows the bidi controls and C1 controls: arXiv could send them, the catalogue may not hold them.
    feed = (Path(__file__).parent / "data" / "net" / "arxiv-add.xml").read_text(encoding="utf-8")
    start = feed.index("<entry>")
    entry = feed[start : feed.index("</entry>", start) + len("</entry>")]
    evil = entry.replace("<title>Unsupervised", "<title>Un\u202esupervised\x9b31m").replace(
        "<name>Elman Mansimov</name>", "<name>Elman \u2066Mansimov\x85</name>"
    )
    server = HTTPServer()
    server.start()
    try:
        monkeypatch.setenv("SORA_REFS_CACHE_DIR", str(tmp_path / "cache"))
        monkeypatch.setenv("SORA_REFS_ARXIV_API", server.url_for("/api/query"))
        monkeypatch.setenv("SORA_REFS_CROSSREF_API", server.url_for("/crossref"))
        server.expect_request("/api/query").respond_with_data(
            feed[:start] + evil + "\n</feed>\n", content_type="application/atom+xml"
        )
        path = tmp_path / "mine.yaml"
        result = runner.invoke(cli, ["--catalogue", str(path), "add", "1502.04681", "--timeout", "2"])
    finally:
        server.stop()
    assert result.exit_code == 0, result.stderr
    paper = Catalogue.load(path).papers[0]
    assert paper.title == "Unsupervised31m Learning of Video Representations using LSTMs"
    assert paper.authors[1] == "Elman Mansimov"
    assert first_forbidden(result.stdout + result.stderr) is None


def test_a_progress_file_from_someone_else_brings_no_terminal_controls_into_your_notes(tmp_path, runner):
    from sora_refs.personal import Personal

    progress = tmp_path / "bob.yaml"
    progress.write_text(
        "sora-refs-progress: 1\nmember: bob\npapers:\n  srivastava2015unsupervised:\n    status: read\n"
        '    updated: "2099\\e]0;x\\a"\n'
        '    note: "Read it \\e]0;pwned\\a twice\\u202e.\\r\\nSecond line.\\tTabbed."\n',
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["progress", "import", str(progress)])
    assert result.exit_code == 0, result.stderr
    note = Personal.for_catalogue(Catalogue.load()).note("srivastava2015unsupervised")
    assert note == "Read it \\x1b]0;pwned\\x07 twice\\u202e.\nSecond line.\tTabbed.\n"  # shown, never obeyed
    shown = runner.invoke(cli, ["show", "1"])
    assert first_forbidden(shown.stdout) is None and "twice\\u202e" in shown.stdout
