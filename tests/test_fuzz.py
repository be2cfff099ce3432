"""Hypothesis fuzzing of what sora-refs reads from outside: catalogue YAML, BibTeX to import, servers' answers.

Whatever comes in: exit status 0, 1 or 2; errors as sentences (one first line, problems indented below
it), never a traceback; files whole (a catalogue is either left as it was or replaced by a valid one
that still holds every old paper). The suite runs a modest number of examples;
``python benchmarks/fuzz.py`` runs the same properties for minutes.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sora_refs import Catalogue
from sora_refs.cli import cli
from sora_refs.errors import CatalogueError
from sora_refs.reading.loader import load_bytes
from sora_refs.text import FORBIDDEN, UNSAFE

SMALL = Path(__file__).parent / "data" / "catalogues" / "small.yaml"
EXAMPLES = int(os.environ.get("SORA_REFS_FUZZ_EXAMPLES", "25"))  # CI time; benchmarks/fuzz.py runs more
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="SORA_REFS_FUZZ_EXAMPLES" not in os.environ,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Text that is hard on a reader: controls, bidi marks, YAML and BibTeX syntax, numbers YAML 1.1 bends.
NASTY = st.sampled_from(
    [
        "\x1b]0;t\x07",
        "\x1b[2J",
        "\r",
        "\x0b",
        "\x00",
        "\u202e",
        "\u2028",
        "\x9b",
        "\ufeff",
        "\ud800",
        "010",
        "0x10",
        "1:20",
        "1_000",
        "2020-02-30",
        "!!int abc",
        "!!float x",
        "!!timestamp y",
        "!!bool maybe",
        "!!python/object:os.system",
        "&a [*a, *a]",
        "*nope",
        "<<: *a",
        "{",
        "[",
        "]",
        "}",
        "'",
        '"',
        "\\",
        "#",
        "- ",
        ": ",
        "? ",
        "|",
        ">",
        "%",
        "@",
        "~",
        "null",
        "yes",
        "9" * 5000,
        "[" * 500,
        "{" * 500,
        "é",
        "视频",
        "\t",
        "\n",
        "  ",
        "@string{x = y}",
        '{\\"o}',
        "\\url{x}",
        "and others",
    ]
)
PIECE = st.one_of(NASTY, st.text(max_size=12))
VALUE = st.lists(PIECE, max_size=6).map("".join)


def _error_shape(stderr: str) -> None:
    """Errors are sentences: no traceback; a first line, any further lines indented problems."""
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    if lines:
        assert all(line.startswith("  ") or not line.startswith(" ") for line in lines), stderr
        assert not any(UNSAFE.search(line) for line in lines), repr(stderr)


# -- catalogue YAML ------------------------------------------------------------------------------------

FIELDS = ["title", "year", "venue", "volume", "pages", "authors", "key", "type", "category", "ids", "tags", "summary"]


@FUZZ
@given(field=st.sampled_from(FIELDS), value=VALUE, paper=st.integers(0, 3), quoted=st.booleans())
def test_catalogue_yaml_is_read_or_refused_in_sentences(field, value, paper, quoted, runner, tmp_path_factory):
    text = SMALL.read_text(encoding="utf-8")
    starts = [i for i in range(len(text)) if text.startswith("  - key:", i)]
    start = starts[paper]
    end = starts[paper + 1] if paper + 1 < len(starts) else len(text)
    block = text[start:end]
    written = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"' if quoted else value
    line = f"    {field}: {written}\n"
    lines = block.splitlines(keepends=True)
    kept = [lines[0]] + [x for x in lines[1:] if not x.startswith(f"    {field}:")]
    if field == "key":
        kept = [f"  - key: {written}\n"] + kept[1:]
    else:
        kept.append(line)
    data = (text[:start] + "".join(kept) + text[end:]).encode("utf-8", "surrogatepass")
    try:
        loaded = load_bytes(data, "fuzz.yaml")
    except CatalogueError as error:
        assert error.problems and all(p.file == "fuzz.yaml" for p in error.problems)
    else:
        for paper_ in loaded.papers:  # what the validator let through holds nothing a terminal would obey
            assert not any(FORBIDDEN.search(text_) for text_ in (paper_.title, paper_.venue or "", *paper_.authors))
    path = tmp_path_factory.mktemp("cat") / "fuzz.yaml"
    path.write_bytes(data)
    for args in (["list"], ["check"], ["show", "1"]):
        result = runner.invoke(cli, ["--catalogue", str(path), *args])
        assert result.exit_code in (0, 1, 2), (args, result.exception)
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        _error_shape(result.stderr)
        assert not UNSAFE.search(result.stdout.replace("\u2028", "").replace("\u2029", ""))


@FUZZ
@given(
    body=st.recursive(
        st.sampled_from(["a", "1", "- x", "k: v", "!!int z", "*a", "&a x", "[", "{", "@"]),
        lambda inner: st.lists(inner, max_size=4).map(lambda xs: "\n".join(xs)),
        max_leaves=30,
    )
)
def test_any_yaml_shape_is_a_catalogue_error_at_worst(body):
    try:
        load_bytes(body.encode(), "shape.yaml")
    except CatalogueError:
        pass


# -- BibTeX import ---------------------------------------------------------------------------------------

ENTRY = st.builds(
    lambda kind, key, fields: (
        f"@{kind}{{{key},\n" + "".join(f"  {name} = {{{value}}},\n" for name, value in fields) + "}\n"
    ),
    st.sampled_from(["article", "inproceedings", "misc", "book", "string", "comment", "preamble", "ARTICLE", "x"]),
    st.one_of(st.from_regex(r"[a-z]{1,8}[0-9]{0,4}", fullmatch=True), VALUE),
    st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "title",
                    "author",
                    "year",
                    "journal",
                    "booktitle",
                    "pages",
                    "volume",
                    "doi",
                    "eprint",
                    "url",
                    "month",
                    "crossref",
                    "note",
                    "zz",
                ]
            ),
            VALUE,
        ),
        max_size=7,
    ),
)


@FUZZ
@given(entries=st.lists(st.one_of(ENTRY, VALUE), min_size=1, max_size=4), into_existing=st.booleans())
def test_bibtex_import_adds_or_refuses_and_never_breaks_the_catalogue(entries, into_existing, runner, tmp_path_factory):
    where = tmp_path_factory.mktemp("import")
    bib = where / "in.bib"
    bib.write_bytes("\n".join(entries).encode("utf-8", "surrogatepass"))
    target = where / "refs.yaml"
    if into_existing:
        shutil.copyfile(SMALL, target)
    before = target.read_bytes() if into_existing else None
    result = runner.invoke(cli, ["import", str(bib), "--into", str(target)])
    assert result.exit_code in (0, 1, 2), result.exception
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    _error_shape(result.stderr)
    if target.exists():
        after = Catalogue.load(target, use_cache=False)  # whole and valid
        if before is not None and target.read_bytes() != before:
            old = {p.key for p in Catalogue.load(SMALL, use_cache=False).papers}
            assert old <= {p.key for p in after.papers}
    assert sorted(p.name for p in where.iterdir() if not p.name.startswith(".refs.yaml.lock")) in (
        ["in.bib"],
        ["in.bib", "refs.yaml"],
        ["in.bib", "refs.yaml", "refs.yaml.bak"],
    )


# -- servers' answers ---------------------------------------------------------------------------------------

JSON_LEAF = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), VALUE)
JSON_VALUE = st.recursive(
    JSON_LEAF,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "message",
                    "message-type",
                    "title",
                    "author",
                    "given",
                    "family",
                    "issued",
                    "date-parts",
                    "container-title",
                    "DOI",
                    "type",
                    "x",
                ]
            ),
            inner,
            max_size=5,
        ),
    ),
    max_leaves=25,
)


@FUZZ
@given(
    answer=st.one_of(
        JSON_VALUE.map(lambda v: __import__("json").dumps({"status": "ok", "message-type": "work", "message": v})),
        JSON_VALUE.map(lambda v: __import__("json").dumps(v)),
        st.integers(1, 3000).map(lambda n: "[" * n * 40 + "]" * n * 40),
        st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
    )
)
def test_crossref_answers_are_parsed_or_refused(answer):
    from sora_refs.fetch.crossref import CrossrefError, parse_work

    try:
        work = parse_work(answer.encode("utf-8", "surrogatepass"))
    except CrossrefError as error:
        assert "\n" not in str(error)
    else:
        assert isinstance(work.title, str)


ATOM = (
    '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">'
    "<entry><id>http://arxiv.org/abs/{id}</id><title>{title}</title><author><name>{author}</name></author>"
    "<published>{date}</published></entry></feed>"
)


@FUZZ
@given(id_=VALUE, title=VALUE, author=VALUE, date=VALUE, raw=st.booleans())
def test_arxiv_answers_are_parsed_or_refused(id_, title, author, date, raw):
    from xml.sax.saxutils import escape

    from sora_refs.fetch.arxiv import ArxivError, parse_feed

    parts = {"id": id_, "title": title, "author": author, "date": date}
    body = ATOM.format(**(parts if raw else {k: escape(v) for k, v in parts.items()}))
    try:
        parse_feed(body.encode("utf-8", "surrogatepass"))
    except ArxivError as error:
        assert "\n" not in str(error)


@pytest.fixture(scope="module")
def fuzz_server():
    from pytest_httpserver import HTTPServer

    server = HTTPServer(threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@FUZZ
@given(
    status=st.sampled_from([200, 200, 206, 301, 302, 304, 400, 404, 416, 429, 500, 503, 599]),
    reason=VALUE,
    content_type=VALUE,
    body=st.one_of(st.binary(max_size=64), st.just(b"%PDF-1.4\n%%EOF\n"), st.just(b"<html>")),
    length=st.one_of(st.none(), st.integers(-5, 10**15).map(str), VALUE),
    location=st.one_of(st.none(), VALUE, st.just("/fuzz.pdf"), st.just("file:///etc/passwd")),
)
def test_download_survives_any_answer(
    fuzz_server, tmp_path_factory, status, reason, content_type, body, length, location
):
    from werkzeug import Response

    from sora_refs.fetch.download import Downloader, Settings, Status
    from sora_refs.models import Ids, Paper, PaperType

    def printable(text: str) -> str:  # what an HTTP/1.1 server can send at all
        return "".join(c for c in text if " " <= c <= "\x7e" or "\x80" <= c <= "\xff" or c in "\x1b\x07")

    headers = {"Content-Type": printable(content_type)}
    if length is not None:
        headers["Content-Length"] = printable(length)
    if location is not None:
        headers["Location"] = printable(location)
    fuzz_server.clear()
    response = Response(body, status=f"{status} {printable(reason)}".strip(), headers=headers)
    fuzz_server.expect_request("/fuzz.pdf").respond_with_response(response)
    out = tmp_path_factory.mktemp("pdfs")
    paper = Paper(
        key="fuzz",
        title="A paper",
        authors=("Ann Author",),
        year=2020,
        venue="arXiv",
        type=PaperType.PREPRINT,
        category="misc",
        pdf=fuzz_server.url_for("/fuzz.pdf"),
        ids=Ids(),
    )
    (result,) = Downloader(Settings(out, timeout=1, retries=0, sleep=lambda s: None)).run([paper])
    assert result.status in (Status.DOWNLOADED, Status.FAILED)
    if result.reason:
        assert "\n" not in result.reason and not UNSAFE.search(result.reason), repr(result.reason)
    files = sorted(p.name for p in out.iterdir() if p.name != ".partial")
    assert files in ([], ["fuzz.pdf", "sora-refs-manifest.json"], ["sora-refs-manifest.json"]), files
