"""``sora-refs check --online`` and sora_refs.fetch.arxiv against recorded arXiv API answers on a local server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from sora_refs.catalogue import Catalogue
from sora_refs.cli import cli
from sora_refs.fetch.arxiv import ArxivClient, ArxivError, check_papers, parse_feed
from sora_refs.fetch.net import backoff_delay as real_backoff_delay

NET = Path(__file__).parent / "data" / "net"
CATALOGUE = str(NET / "online.yaml")
THREE = (NET / "arxiv-three.xml").read_bytes()
IDS = "1502.04681,1706.03762,2212.09748"
ATOM = "application/atom+xml; charset=utf-8"


@pytest.fixture(autouse=True)
def isolated(httpserver: HTTPServer, tmp_path, monkeypatch):
    monkeypatch.setenv("SORA_REFS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SORA_REFS_ARXIV_API", httpserver.url_for("/api/query"))
    monkeypatch.setattr("sora_refs.fetch.net.backoff_delay", lambda attempt, base, error=None, cap=60.0: 0.0)
    yield


def check(runner, *args: str):
    return runner.invoke(cli, ["check", CATALOGUE, "--online", "--timeout", "2", *args])


def test_planted_difference_is_reported_and_second_run_uses_the_cache(httpserver, runner):
    httpserver.expect_request(
        "/api/query", query_string={"id_list": IDS, "start": "0", "max_results": "3"}
    ).respond_with_data(THREE, content_type=ATOM)
    result = check(runner)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"OK: {CATALOGUE}: 3 papers, 3 categories, 0 sections.",
        "ref 1 (srivastava2015unsupervised), arXiv 1502.04681: author 3: catalogue 'Ruslan Salakhudinov', "
        "arXiv 'Ruslan Salakhutdinov'",
        "arXiv: 3 papers checked (1 request): 1 with differences, 0 without an answer.",
    ]
    assert len(httpserver.log) == 1
    assert httpserver.log[0][0].headers["User-Agent"].startswith("sora-refs/")

    httpserver.clear()  # from now on any request fails: the answers must come from the cache
    again = check(runner)
    assert again.exit_code == 1
    assert (
        again.stdout.splitlines()[-1]
        == "arXiv: 3 papers checked (0 requests, 3 from the cache): 1 with differences, 0 without an answer."
    )
    assert len(httpserver.log) == 0


def test_refresh_ignores_the_cache(httpserver, runner):
    httpserver.expect_request("/api/query").respond_with_data(THREE, content_type=ATOM)
    check(runner)
    result = check(runner, "--refresh")
    assert "(1 request)" in result.stdout
    assert len(httpserver.log) == 2


def test_json_report(httpserver, runner):
    httpserver.expect_request("/api/query").respond_with_data(THREE, content_type=ATOM)
    data = json.loads(check(runner, "--format", "json").stdout)
    assert data["ok"] is False
    assert data["online"]["findings"] == [
        {
            "ref": 1,
            "key": "srivastava2015unsupervised",
            "arxiv": "1502.04681",
            "problem": None,
            "differences": [
                {"field": "author 3", "catalogue": "Ruslan Salakhudinov", "arxiv": "Ruslan Salakhutdinov", "note": None}
            ],
        }
    ]


def test_agreeing_catalogue_exits_zero(httpserver, runner, tmp_path):
    fixed = tmp_path / "fixed.yaml"
    fixed.write_text(
        (NET / "online.yaml").read_text(encoding="utf-8").replace("Salakhudinov", "Salakhutdinov"), encoding="utf-8"
    )
    httpserver.expect_request("/api/query").respond_with_data(THREE, content_type=ATOM)
    result = runner.invoke(cli, ["check", str(fixed), "--online"])
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[-1] == "arXiv: 3 papers checked (1 request): all agree."


def test_empty_feed_then_answer(httpserver, runner):
    # arXiv's known hiccup: HTTP 200 with an empty feed for ids that exist.
    httpserver.expect_oneshot_request("/api/query").respond_with_data(
        (NET / "arxiv-empty.xml").read_bytes(), content_type=ATOM
    )
    httpserver.expect_request("/api/query").respond_with_data(THREE, content_type=ATOM)
    result = check(runner)
    assert "1 with differences" in result.stdout and "(2 requests)" in result.stdout


@pytest.mark.parametrize("status", [200, 503])
def test_rate_exceeded_then_answer(httpserver, runner, status):
    httpserver.expect_oneshot_request("/api/query").respond_with_data(
        (NET / "rate-exceeded.txt").read_bytes(), status=status, content_type="text/plain"
    )
    httpserver.expect_request("/api/query").respond_with_data(THREE, content_type=ATOM)
    result = check(runner)
    assert "1 with differences" in result.stdout and "(2 requests)" in result.stdout


def test_429_retry_after_is_honoured(httpserver, monkeypatch):
    httpserver.expect_oneshot_request("/api/query").respond_with_data("", status=429, headers={"Retry-After": "7"})
    httpserver.expect_request("/api/query").respond_with_data(THREE, content_type=ATOM)
    monkeypatch.setattr("sora_refs.fetch.net.backoff_delay", real_backoff_delay)
    waits: list[float] = []
    client = ArxivClient(httpserver.url_for("/api/query"), timeout=2, sleep=waits.append)
    findings = check_papers(Catalogue.load(CATALOGUE).papers, client)
    assert [f.paper.key for f in findings if not f.ok] == ["srivastava2015unsupervised"]
    assert waits == [7.0]


def test_arxiv_unreachable_fails_clearly(httpserver, runner):
    httpserver.expect_request("/api/query").respond_with_data("down", status=503)
    result = check(runner)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == (
        f"Online check failed: cannot get an answer from arXiv ({httpserver.url_for('/api/query')}) "
        "after 4 attempts: HTTP 503 SERVICE UNAVAILABLE"
    )
    assert len(httpserver.log) == 4


def test_error_entry_is_reported(httpserver, runner):
    httpserver.expect_request("/api/query").respond_with_data((NET / "arxiv-error.xml").read_bytes(), content_type=ATOM)
    result = check(runner)
    assert result.exit_code == 1
    assert "arXiv reports an error: incorrect id format for 1502.0468" in result.stdout
    assert len(httpserver.log) == 1  # not retried


def test_offline_check_is_unchanged(runner):
    result = runner.invoke(cli, ["check", CATALOGUE])
    assert result.exit_code == 0
    assert result.stdout == f"OK: {CATALOGUE}: 3 papers, 3 categories, 0 sections.\n"


def test_parse_feed_refuses_doctype():
    bomb = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><feed xmlns="http://www.w3.org/2005/Atom">&lol;</feed>'
    with pytest.raises(ArxivError, match="DOCTYPE"):
        parse_feed(bomb)


def test_parse_feed_collapses_wrapped_titles():
    entries, total = parse_feed(THREE)
    assert total == 3
    assert [(e.id, e.version, e.year) for e in entries] == [
        ("1502.04681", 3, 2015),
        ("1706.03762", 7, 2017),
        ("2212.09748", 2, 2022),
    ]
    assert entries[2].title == "Scalable Diffusion Models with Transformers"
    assert entries[1].authors[6] == "Lukasz Kaiser"


# -- a misbehaving arXiv API --------------------------------------------------------------------------------


def test_a_retry_after_of_a_day_ends_the_check_at_once_instead_of_sleeping(httpserver, monkeypatch):
    httpserver.expect_request("/api/query").respond_with_data("", status=429, headers={"Retry-After": "86400"})
    monkeypatch.setattr("sora_refs.fetch.net.backoff_delay", real_backoff_delay)
    waits: list[float] = []
    client = ArxivClient(httpserver.url_for("/api/query"), timeout=2, sleep=waits.append)
    with pytest.raises(ArxivError) as caught:
        check_papers(Catalogue.load(CATALOGUE).papers, client)
    assert waits == [] and len(httpserver.log) == 1  # it slept a whole day before
    assert str(caught.value).endswith("HTTP 429 TOO MANY REQUESTS; the server asks to wait 86400 s")


def test_a_feed_that_drips_for_ever_meets_the_deadline(httpserver):
    import time

    from werkzeug import Response

    def drip(request):
        def body():
            yield THREE[:200]
            for _ in range(2000):
                time.sleep(0.05)
                yield b" " * 2048  # whitespace inside the feed: each read in time, never an end

        return Response(body(), content_type=ATOM)

    httpserver.expect_request("/api/query").respond_with_handler(drip)
    client = ArxivClient(httpserver.url_for("/api/query"), timeout=1, deadline=2, sleep=lambda s: None)
    with pytest.raises(ArxivError) as caught:
        check_papers(Catalogue.load(CATALOGUE).papers, client)
    assert str(caught.value).endswith(f"localhost:{httpserver.port} took more than 2 s to send its answer; gave up")
    assert len(httpserver.log) <= 1 and client.requests == 1  # not retried (the log fills when the drip ends)


def test_a_compressed_answer_that_unpacks_past_the_limit_is_refused(httpserver):
    import zlib

    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb = packer.compress(b"<feed>" + b" " * (80 * 1024 * 1024)) + packer.flush()
    httpserver.expect_request("/api/query").respond_with_data(
        bomb, headers={"Content-Type": ATOM, "Content-Encoding": "gzip"}
    )
    client = ArxivClient(httpserver.url_for("/api/query"), timeout=2, sleep=lambda s: None)
    with pytest.raises(ArxivError, match=r"answer larger than 52428800 bytes$"):
        check_papers(Catalogue.load(CATALOGUE).papers, client)


@pytest.mark.parametrize(
    "body",
    [
        b"<?xml version='1.0'?><!DOCTYPE z [<!ENTITY lol 'lol'><!ENTITY lol2 '&lol;&lol;&lol;'>]><feed>&lol2;</feed>",
        b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><entry><title>unclosed",
        b"\xff\xfe<\x00f\x00",
        b"",
    ],
    ids=["billion laughs", "cut", "utf-16 garbage", "empty"],
)
def test_feeds_that_are_not_atom_end_the_check_in_a_sentence(httpserver, runner, body):
    httpserver.expect_request("/api/query").respond_with_data(body, content_type=ATOM)
    result = check(runner)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit) or result.exception is None
    assert "Traceback" not in result.stdout + result.stderr
    assert "Online check failed: arXiv's answer " in result.stdout


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"], ids=["little-endian", "big-endian"])
def test_parse_feed_refuses_a_doctype_in_utf16(bom):
    feed = (
        '<?xml version="1.0" encoding="UTF-16"?>'
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>&lol2;</title></feed>'
    )
    body = bom + feed.encode("utf-16-le" if bom == b"\xff\xfe" else "utf-16-be")
    assert b"<!DOCTYPE" not in body.upper()  # a search of the bytes finds nothing: the parser must refuse it
    with pytest.raises(ArxivError, match="^arXiv's answer contains a DOCTYPE; refusing to parse it$"):
        parse_feed(body)
