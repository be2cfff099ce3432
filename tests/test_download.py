"""``sora-refs download`` and sora_refs.fetch.download against a real local HTTP server that misbehaves."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from sora_refs.cli import cli
from sora_refs.fetch.download import Downloader, Settings, Status, pdf_url
from sora_refs.fetch.hosts import HostLimiter
from sora_refs.fetch.pdfstore import MANIFEST_NAME, safe_name
from sora_refs.models import Ids, Paper, PaperType

NET = Path(__file__).parent / "data" / "net"
PDF = (NET / "paper.pdf").read_bytes()
HTML = (NET / "not-a-pdf.html").read_bytes()
FAST = ["--timeout", "0.5", "--retries", "2"]


@pytest.fixture(scope="module")
def server():
    # Threaded: a handler that stalls must not hold up the requests of other papers.
    srv = HTTPServer(threaded=True)
    srv.start()
    yield srv
    srv.clear()
    srv.stop()


@pytest.fixture(autouse=True)
def fresh(server, monkeypatch):
    server.clear()
    monkeypatch.setattr(
        "sora_refs.fetch.net.backoff_delay",
        lambda attempt, base, error=None, cap=60.0: (
            0.01 if error is None or error.retry_after is None else error.retry_after
        ),
    )
    yield


def write_catalogue(path: Path, papers: dict[str, str | None], arxiv: dict[str, str] | None = None) -> str:
    """A catalogue with one paper per key, its ``pdf`` link as given."""
    lines = ['catalogue: {title: "Download test", schema: 1}', "categories:", "  - {id: misc, name: Misc}", "papers:"]
    for key, url in papers.items():
        lines += [
            f'  - key: "{key}"',
            '    title: "A paper"',
            "    authors: [Ann Author]",
            "    year: 2020",
            "    venue: arXiv",
            "    type: preprint",
            "    category: misc",
        ]
        if url:
            lines.append(f'    pdf: "{url}"')
        if arxiv and key in arxiv:
            lines.append(f'    ids: {{arxiv: "{arxiv[key]}"}}')
    file = path / "cat.yaml"
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(file)


def run(runner, catalogue: str, directory: Path, *args: str):
    return runner.invoke(cli, ["--catalogue", catalogue, "download", "--dir", str(directory), *FAST, *args])


def hits(server: HTTPServer, path: str) -> list[Request]:
    """This test's requests for ``path`` (a stalled handler of an earlier test may log late)."""
    return [request for request, _ in server.log if request.path == path]


def visible(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if not p.name.startswith("."))


def test_downloads_then_second_run_makes_no_request(server, tmp_path, runner):
    server.expect_request("/a.pdf").respond_with_data(PDF, content_type="application/pdf")
    server.expect_request("/b.pdf").respond_with_data(PDF, content_type="application/pdf")
    cat = write_catalogue(tmp_path, {"alpha": server.url_for("/a.pdf"), "beta": server.url_for("/b.pdf")})
    out = tmp_path / "pdfs"
    result = run(runner, cat, out)
    assert result.exit_code == 0, result.output + result.stderr
    assert (out / "alpha.pdf").read_bytes() == PDF
    assert (out / "beta.pdf").read_bytes() == PDF
    assert visible(out) == ["alpha.pdf", "beta.pdf", MANIFEST_NAME]
    assert result.stdout.startswith("2 downloaded, 0 skipped, 0 failed (2 of 2 PDFs present")
    manifest = json.loads((out / MANIFEST_NAME).read_text())
    assert manifest["files"]["alpha"]["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert manifest["files"]["alpha"]["size"] == len(PDF)

    server.clear()  # any request now would get a 500 from pytest-httpserver
    again = run(runner, cat, out)
    assert again.exit_code == 0
    assert again.stdout.startswith("0 downloaded, 2 skipped, 0 failed")
    assert hits(server, "/a.pdf") == hits(server, "/b.pdf") == []


def test_changed_file_is_fetched_again_and_force_refetches(server, tmp_path, runner):
    server.expect_request("/a.pdf").respond_with_data(PDF, content_type="application/pdf")
    cat = write_catalogue(tmp_path, {"alpha": server.url_for("/a.pdf")})
    out = tmp_path / "pdfs"
    assert run(runner, cat, out).exit_code == 0
    (out / "alpha.pdf").write_bytes(PDF[:-10] + b"tampered!\n")
    result = run(runner, cat, out, "--format", "json")
    record = json.loads(result.stdout)["papers"][0]
    assert record["status"] == "downloaded"
    assert record["reason"].startswith("existing file replaced: content changed")
    assert (out / "alpha.pdf").read_bytes() == PDF
    assert json.loads(run(runner, cat, out, "--force", "--format", "json").stdout)["downloaded"] == 1
    assert len(hits(server, "/a.pdf")) == 3


def test_server_error_then_success_is_retried(server, tmp_path, runner):
    server.expect_oneshot_request("/a.pdf").respond_with_data("busy", status=503)
    server.expect_oneshot_request("/a.pdf").respond_with_data("busy", status=502)
    server.expect_request("/a.pdf").respond_with_data(PDF, content_type="application/pdf")
    cat = write_catalogue(tmp_path, {"alpha": server.url_for("/a.pdf")})
    out = tmp_path / "pdfs"
    result = run(runner, cat, out, "--format", "json")
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)["papers"][0]
    assert (record["status"], record["attempts"]) == ("downloaded", 3)
    assert "retrying    alpha in 0.0 s: HTTP 503 SERVICE UNAVAILABLE" in result.stderr
    assert (out / "alpha.pdf").read_bytes() == PDF


def test_429_retry_after_is_honoured(server, tmp_path):
    server.expect_oneshot_request("/a.pdf").respond_with_data("slow down", status=429, headers={"Retry-After": "2"})
    server.expect_request("/a.pdf").respond_with_data(PDF, content_type="application/pdf")
    paper = _paper("alpha", server.url_for("/a.pdf"))
    waits: list[float] = []
    results = Downloader(Settings(tmp_path, timeout=0.5, sleep=waits.append)).run([paper])
    assert results[0].status is Status.DOWNLOADED
    assert waits == [2.0]


def test_retry_after_beyond_the_limit_fails_now(server, tmp_path):
    server.expect_request("/a.pdf").respond_with_data(
        "come back tomorrow", status=429, headers={"Retry-After": "86400"}
    )
    paper = _paper("alpha", server.url_for("/a.pdf"))
    result = Downloader(Settings(tmp_path, timeout=0.5, sleep=lambda s: None)).run([paper])[0]
    assert result.status is Status.FAILED
    assert result.reason == "HTTP 429 TOO MANY REQUESTS; the server asks to wait 86400 s"
    assert len(hits(server, "/a.pdf")) == 1


def cut_after(count: int):
    """A handler that announces the whole PDF, sends ``count`` bytes and drops the connection."""

    def handler(request: Request) -> Response:
        def body():
            yield PDF[:count]
            raise ConnectionAbortedError("cut on purpose")

        return Response(
            body(),
            headers={
                "Content-Length": str(len(PDF)),
                "Content-Type": "application/pdf",
                "ETag": '"v1"',
                "Accept-Ranges": "bytes",
            },
        )

    return handler


def ranged(request: Request) -> Response:
    """Serves the rest of the PDF from the Range asked for, as a 206."""
    start = int(request.headers["Range"].removeprefix("bytes=").rstrip("-"))
    return Response(
        PDF[start:],
        status=206,
        headers={
            "Content-Type": "application/pdf",
            "ETag": '"v1"',
            "Content-Range": f"bytes {start}-{len(PDF) - 1}/{len(PDF)}",
        },
    )


def test_connection_cut_mid_body_is_resumed_with_range(server, tmp_path, runner):
    # Blocks before the cut arrive whole; the resumed request asks for the rest only, for this version.
    server.expect_ordered_request("/a.pdf").respond_with_handler(cut_after(len(PDF) - 100))
    server.expect_ordered_request("/a.pdf", headers={"If-Range": '"v1"'}).respond_with_handler(ranged)
    cat = write_catalogue(tmp_path, {"alpha": server.url_for("/a.pdf")})
    out = tmp_path / "pdfs"
    result = run(runner, cat, out, "--format", "json")
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)["papers"][0]
    assert (record["status"], record["attempts"], record["resumed"]) == ("downloaded", 2, True)
    assert (out / "alpha.pdf").read_bytes() == PDF
    assert not (out / ".partial").exists()
    resumed_from = hits(server, "/a.pdf")[1].headers["Range"]
    assert resumed_from != "bytes=0-" and resumed_from.startswith("bytes=")
    server.check_assertions()


def test_cut_every_time_fails_and_leaves_nothing(server, tmp_path, runner):
    server.expect_request("/a.pdf").respond_with_handler(cut_after(3000))
    cat = write_catalogue(tmp_path, {"alpha": server.url_for("/a.pdf")})
    out = tmp_path / "pdfs"
    result = run(runner, cat, out, "--retries", "0")
    assert result.exit_code == 1
    assert (
        "failed: alpha: connection to 127.0.0.1" in result.stdout
        or "failed: alpha: connection to localhost" in result.stdout
    )
    assert "cut during the transfer" in result.stdout
    assert visible(out) == []
    assert not (out / ".partial").exists()


def test_stalled_server_fails_that_paper_only(server, tmp_path, runner):
    def stall(request: Request) -> Response:
        time.sleep(1.5)
        return Response(PDF, content_type="application/pdf")

    server.expect_request("/slow.pdf").respond_with_handler(stall)
    server.expect_request("/ok.pdf").respond_with_data(PDF, content_type="application/pdf")
    cat = write_catalogue(tmp_path, {"slow": server.url_for("/slow.pdf"), "quick": server.url_for("/ok.pdf")})
    out = tmp_path / "pdfs"
    result = runner.invoke(
        cli, ["--catalogue", cat, "download", "--dir", str(out), "--timeout", "0.2", "--retries", "0"]
    )
    assert result.exit_code == 1
    assert "1 downloaded, 0 skipped, 1 failed (1 of 2 PDFs present" in result.stdout
    assert "failed: slow: " in result.stdout and "did not answer within 0.2 s" in result.stdout
    assert visible(out) == ["quick.pdf", MANIFEST_NAME]


@pytest.mark.parametrize("content_type", ["text/html; charset=utf-8", "application/octet-stream"])
def test_html_instead_of_pdf_is_refused(server, tmp_path, runner, content_type):
    server.expect_request("/a.pdf").respond_with_data(HTML, content_type=content_type)
    cat = write_catalogue(tmp_path, {"alpha": server.url_for("/a.pdf")})
    out = tmp_path / "pdfs"
    result = run(runner, cat, out)
    assert result.exit_code == 1
    reason = (
        "server sent text/html, not a PDF" if content_type.startswith("text/html") else "an HTML page (no %PDF- header)"
    )
    assert f"  failed: alpha: {reason} <{server.url_for('/a.pdf')}>" in result.stdout
    assert visible(out) == []
    assert len(hits(server, "/a.pdf")) == 1  # refused for good: not retried


def test_404_fails_without_retry(server, tmp_path, runner):
    server.expect_request("/gone.pdf").respond_with_data("no such file", status=404)
    server.expect_request("/a.pdf").respond_with_data(PDF, content_type="application/pdf")
    cat = write_catalogue(tmp_path, {"gone": server.url_for("/gone.pdf"), "alpha": server.url_for("/a.pdf")})
    out = tmp_path / "pdfs"
    result = run(runner, cat, out)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"1 downloaded, 0 skipped, 1 failed (1 of 2 PDFs present, {len(PDF) / 1000:.1f} KB in {out})",
        f"  failed: gone: HTTP 404 NOT FOUND <{server.url_for('/gone.pdf')}>",
    ]
    assert len(hits(server, "/gone.pdf")) == 1


def announcing(length: int):
    """A handler that sends the whole PDF under a wrong Content-Length."""

    def handler(request: Request) -> Response:
        return Response(iter([PDF]), headers={"Content-Length": str(length), "Content-Type": "application/pdf"})

    return handler


def test_content_length_smaller_than_the_file_is_caught(server, tmp_path, runner):
    # The client stops at the announced length: what it has is a PDF without its trailer.
    server.expect_request("/a.pdf").respond_with_handler(announcing(len(PDF) - 100))
    cat = write_catalogue(tmp_path, {"alpha": server.url_for("/a.pdf")})
    out = tmp_path / "pdfs"
    result = run(runner, cat, out)
    assert result.exit_code == 1
    assert "failed: alpha: truncated PDF (no %%EOF at the end)" in result.stdout
    assert visible(out) == []
    assert not (out / ".partial").exists()


def test_content_length_larger_than_the_file_is_caught(server, tmp_path, runner):
    server.expect_request("/a.pdf").respond_with_handler(announcing(len(PDF) + 100))
    cat = write_catalogue(tmp_path, {"alpha": server.url_for("/a.pdf")})
    out = tmp_path / "pdfs"
    result = runner.invoke(
        cli, ["--catalogue", cat, "download", "--dir", str(out), "--timeout", "0.3", "--retries", "1"]
    )
    assert result.exit_code == 1
    assert "  failed: alpha: " in result.stdout
    assert visible(out) == []
    assert not (out / ".partial").exists()


def test_keys_never_lead_outside_the_directory(server, tmp_path, runner):
    server.expect_request("/a.pdf").respond_with_data(PDF, content_type="application/pdf")
    url = server.url_for("/a.pdf")
    keys = ["x/../../escape", "DBLP:journals/corr/Dinh16", "a/b", "a:b", "_..", "CON"]
    cat = write_catalogue(tmp_path, {key: url for key in keys})
    out = tmp_path / "deep" / "pdfs"
    result = run(runner, cat, out)
    assert result.exit_code == 0, result.stdout + result.stderr
    files = visible(out)
    assert len(files) == len(keys) + 1
    assert all((out / f).read_bytes() == PDF for f in files if f.endswith(".pdf"))
    assert sorted(p.name for p in tmp_path.rglob("*.pdf")) == sorted(f for f in files if f.endswith(".pdf"))
    assert safe_name("DBLP:journals/corr/Dinh16").startswith("DBLP_journals_corr_Dinh16-")
    assert safe_name("plain2020key") == "plain2020key.pdf"
    # The library takes papers from anywhere, not only from validated catalogues.
    odd = [_paper(key, url) for key in ("../../up", "/etc/passwd", "..", "C:\\x", "\x00nul")]
    results = Downloader(Settings(out, timeout=0.5)).run(odd)
    assert [r.status for r in results] == [Status.DOWNLOADED] * len(odd)
    assert all(r.path is not None and r.path.parent == out.resolve() for r in results)
    assert sorted(p.name for p in tmp_path.rglob("*.pdf")) == sorted(f for f in visible(out) if f.endswith(".pdf"))


def test_no_pdf_link_and_no_arxiv_id(tmp_path, runner):
    cat = write_catalogue(tmp_path, {"nolink": None})
    result = run(runner, cat, tmp_path / "pdfs")
    assert result.exit_code == 1
    assert "  failed: nolink: no PDF link and no arXiv id" in result.stdout


def test_arxiv_mirror_replaces_arxiv_links(server, tmp_path, runner, monkeypatch):
    server.expect_request("/pdf/2212.09748").respond_with_data(PDF, content_type="application/pdf")
    cat = write_catalogue(tmp_path, {"peebles": "https://arxiv.org/pdf/2212.09748"}, arxiv={"peebles": "2212.09748"})
    monkeypatch.setenv("SORA_REFS_ARXIV_PDF", server.url_for("/pdf"))
    result = run(runner, cat, tmp_path / "pdfs")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert (tmp_path / "pdfs" / "peebles.pdf").read_bytes() == PDF
    paper = _paper("x", "https://example.org/x.pdf", arxiv="2212.09748")
    assert pdf_url(paper, "http://mirror/pdf/") == "https://example.org/x.pdf"  # not an arXiv link: kept


def test_unreachable_host_fails_fast_for_every_paper(tmp_path, runner):
    # Port 9 on loopback: nothing listens, the connection is refused at once.
    cat = write_catalogue(tmp_path, {f"p{i}": f"http://127.0.0.1:9/p{i}.pdf" for i in range(5)})
    result = run(runner, cat, tmp_path / "pdfs", "--retries", "0")
    assert result.exit_code == 1
    assert result.stdout.count("refused the connection") == 5
    assert visible(tmp_path / "pdfs") == []


def test_ctrl_c_leaves_no_final_file_and_the_next_run_resumes(server, tmp_path):
    import _thread

    def slow_body(request: Request) -> Response:
        def body():
            yield PDF[:20000]
            time.sleep(1)
            yield PDF[20000:]

        return Response(
            body(),
            headers={
                "Content-Length": str(len(PDF)),
                "Content-Type": "application/pdf",
                "Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT",
            },
        )

    server.expect_ordered_request("/a.pdf").respond_with_handler(slow_body)
    server.expect_ordered_request("/a.pdf", headers={"If-Range": "Mon, 01 Jan 2024 00:00:00 GMT"}).respond_with_handler(
        ranged
    )

    class CtrlC:
        """Presses Ctrl-C (in the main thread, as a terminal would) once the first bytes are in."""

        def started(self, paper, url, total, done): ...
        def advanced(self, paper, nbytes):
            _thread.interrupt_main()

        def retrying(self, paper, reason, delay): ...
        def finished(self, result): ...

    out = tmp_path / "pdfs"
    paper = _paper("alpha", server.url_for("/a.pdf"))
    with pytest.raises(KeyboardInterrupt):
        Downloader(Settings(out, timeout=3), CtrlC()).run([paper])
    assert visible(out) == []
    partial = (out / ".partial" / "alpha.pdf.part").read_bytes()
    assert 0 < len(partial) < len(PDF) and PDF.startswith(partial)

    result = Downloader(Settings(out, timeout=3)).run([paper])[0]
    assert (result.status, result.resumed) == (Status.DOWNLOADED, True)
    assert (out / "alpha.pdf").read_bytes() == PDF
    assert hits(server, "/a.pdf")[1].headers["Range"] == f"bytes={len(partial)}-"
    assert not (out / ".partial").exists()


def _paper(key: str, url: str | None, arxiv: str | None = None) -> Paper:
    return Paper(
        key=key,
        title="A paper",
        authors=("Ann Author",),
        year=2020,
        venue="arXiv",
        type=PaperType.PREPRINT,
        category="misc",
        ids=Ids(arxiv=arxiv),
        pdf=url,
    )


def test_host_rules_space_arxiv_requests_but_not_other_hosts():
    now = [100.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(round(seconds, 3))

    limiter = HostLimiter(per_host=6, clock=lambda: now[0], sleep=sleep)
    for _ in range(3):
        with limiter.slot("https://export.arxiv.org/api/query?id_list=1"):
            pass
    assert waits == [3.0, 6.0]  # starts at t, t+3, t+6: one API request every 3 seconds
    waits.clear()
    for _ in range(3):
        with limiter.slot("http://127.0.0.1:8000/a.pdf"):
            pass
    assert waits == []
    assert limiter.rule("https://arxiv.org/pdf/2212.09748").concurrency == 2
    assert limiter.rule("http://localhost:5000/x.pdf").concurrency == 6


def test_identity_is_asked_and_a_compressed_answer_is_still_saved_whole(server, tmp_path, runner):
    import gzip

    def compressed(request: Request) -> Response:
        assert request.headers.get("Accept-Encoding") == "identity"
        body = gzip.compress(PDF)  # a server that compresses anyway
        return Response(
            body,
            headers={"Content-Type": "application/pdf", "Content-Encoding": "gzip", "Content-Length": str(len(body))},
        )

    server.expect_request("/gz.pdf").respond_with_handler(compressed)
    cat = write_catalogue(tmp_path, {"gz": server.url_for("/gz.pdf")})
    out = tmp_path / "pdfs"
    result = run(runner, cat, out)
    assert result.exit_code == 0, result.output + result.stderr
    assert (out / "gz.pdf").read_bytes() == PDF


def test_a_file_larger_than_the_limit_is_refused(server, tmp_path):
    server.expect_request("/huge.pdf").respond_with_data(PDF, content_type="application/pdf")
    server.expect_request("/endless.pdf").respond_with_handler(
        lambda request: Response(iter([PDF] * 50), headers={"Content-Type": "application/pdf"})
    )  # no length
    papers = [
        Paper(
            key=k,
            title="t",
            authors=("A",),
            year=2020,
            venue="arXiv",
            type=PaperType.PREPRINT,
            category="misc",
            pdf=server.url_for(f"/{k}.pdf"),
        )
        for k in ("huge", "endless")
    ]
    settings = Settings(directory=tmp_path / "pdfs", timeout=2, retries=0, max_bytes=len(PDF) * 3 // 4)
    results = {r.paper.key: r for r in Downloader(settings).run(papers)}
    assert results["huge"].status is Status.FAILED and "more than" in results["huge"].reason
    assert results["endless"].status is Status.FAILED and "more than" in results["endless"].reason
    folder = tmp_path / "pdfs"
    assert not folder.exists() or visible(folder) == []  # nothing half-written under a final name


def test_a_server_that_does_not_speak_http_fails_cleanly(tmp_path):
    """Bytes that are not HTTP (a wrong port, a broken proxy): one plain sentence, no raw bytes."""
    import socket
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(5)

    def answer_garbage() -> None:
        for _ in range(3):
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                conn.recv(65536)
                conn.sendall(b"\x00\xffNOT HTTP\x1b[31m AT ALL\r\n\r\n")

    thread = threading.Thread(target=answer_garbage, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/x.pdf"
    paper = Paper(
        key="g", title="t", authors=("A",), year=2020, venue="arXiv", type=PaperType.PREPRINT, category="misc", pdf=url
    )
    try:
        [result] = Downloader(Settings(directory=tmp_path / "pdfs", timeout=2, retries=1)).run([paper])
    finally:
        listener.close()
    assert result.status is Status.FAILED
    assert "did not answer in HTTP" in result.reason
    assert all(c.isprintable() for c in result.reason)


def test_a_server_that_trickles_is_treated_as_stalled(server, tmp_path):
    """Each read arrives in time, but a byte at a time: the paper fails after about --timeout."""

    def trickle(request: Request) -> Response:
        def body():
            yield PDF[:16]
            for _ in range(200):
                time.sleep(0.05)
                yield b" "

        return Response(body(), headers={"Content-Type": "application/pdf", "Content-Length": str(len(PDF))})

    server.expect_request("/slow.pdf").respond_with_handler(trickle)
    paper = Paper(
        key="slow",
        title="t",
        authors=("A",),
        year=2020,
        venue="arXiv",
        type=PaperType.PREPRINT,
        category="misc",
        pdf=server.url_for("/slow.pdf"),
    )
    started = time.monotonic()
    [result] = Downloader(Settings(directory=tmp_path / "pdfs", timeout=1, retries=0)).run([paper])
    assert result.status is Status.FAILED
    assert "sends too slowly" in result.reason
    assert time.monotonic() - started < 5  # not the 10 s the trickle would take


def test_the_fetch_entry_point_downloads_like_the_command(server, tmp_path):
    from sora_refs import fetch

    server.expect_request("/entry.pdf").respond_with_data(PDF, content_type="application/pdf")
    results = fetch.download_pdfs([_paper("entry", server.url_for("/entry.pdf"))], tmp_path / "pdfs", timeout=2.0)
    assert [r.status for r in results] == [Status.DOWNLOADED]
    assert results[0].path is not None and results[0].path.read_bytes() == PDF
    again = fetch.download_pdfs([_paper("entry", server.url_for("/entry.pdf"))], tmp_path / "pdfs")
    assert [r.status for r in again] == [Status.SKIPPED]


# -- a server that never finishes, or asks to come back in a lifetime -----------------------------------------


def test_a_body_that_drips_for_ever_meets_the_whole_answer_deadline(server, tmp_path):
    # 2 KiB every 0.05 s: every read in time and above the 1 KiB-per-timeout floor, so only a deadline ends it.
    def drip(request: Request) -> Response:
        def body():
            yield PDF[:1024]
            for _ in range(2000):  # a bound for the server's thread only; the client gives up long before
                time.sleep(0.05)
                yield b"0" * 2048

        return Response(body(), headers={"Content-Type": "application/pdf"})

    server.expect_request("/drip.pdf").respond_with_handler(drip)
    settings = Settings(tmp_path / "pdfs", timeout=1, deadline=2, retries=2, sleep=lambda s: None)
    (result,) = Downloader(settings).run([_paper("drip", server.url_for("/drip.pdf"))])
    assert result.status is Status.FAILED and result.attempts == 1  # a drip drips again: not retried
    assert result.reason == f"localhost:{server.port} took more than 2 s to send its answer; gave up"
    assert not (tmp_path / "pdfs" / "drip.pdf").exists() and not (tmp_path / "pdfs" / ".partial").exists()


@pytest.mark.parametrize(
    ("retry_after", "asks"),
    [
        ("9" * 400, "about 32 years"),  # a 400-digit number: capped, never inf
        ("Wed, 21 Oct 2099 07:28:00 GMT", "years"),
        ("86401", "86401 s"),
    ],
)
def test_a_retry_after_beyond_five_minutes_fails_at_once_and_says_how_long(server, tmp_path, retry_after, asks):
    server.expect_request("/a.pdf").respond_with_data("later", status=503, headers={"Retry-After": retry_after})
    waits: list[float] = []
    (result,) = Downloader(Settings(tmp_path, timeout=0.5, sleep=waits.append)).run(
        [_paper("alpha", server.url_for("/a.pdf"))]
    )
    assert result.status is Status.FAILED and waits == [] and len(hits(server, "/a.pdf")) == 1
    assert result.reason.startswith("HTTP 503 SERVICE UNAVAILABLE; the server asks to wait ")
    assert result.reason.endswith(asks)


@pytest.mark.parametrize("retry_after", ["soon\x1b[2J", "-10", "1.5e9", ""])
def test_a_retry_after_that_is_not_a_time_falls_back_to_backoff(server, tmp_path, retry_after):
    server.expect_oneshot_request("/a.pdf").respond_with_data("busy", status=503, headers={"Retry-After": retry_after})
    server.expect_request("/a.pdf").respond_with_data(PDF, content_type="application/pdf")
    waits: list[float] = []
    (result,) = Downloader(Settings(tmp_path, timeout=0.5, retries=1, sleep=waits.append)).run(
        [_paper("alpha", server.url_for("/a.pdf"))]
    )
    assert result.status is Status.DOWNLOADED and result.attempts == 2
    assert waits == [0.01]  # the test's backoff, not a number read from the header


def test_an_empty_200_and_html_under_a_pdf_type_are_not_saved(server, tmp_path):
    server.expect_request("/empty.pdf").respond_with_data(b"", content_type="application/pdf")
    server.expect_request("/page.pdf").respond_with_data(HTML[:500], content_type="application/pdf")
    results = Downloader(Settings(tmp_path / "pdfs", timeout=2, retries=0)).run(
        [_paper("empty", server.url_for("/empty.pdf")), _paper("page", server.url_for("/page.pdf"))]
    )
    assert [r.status for r in results] == [Status.FAILED, Status.FAILED]
    assert results[0].reason == "not a PDF (no %PDF- header)"
    assert "HTML" in (results[1].reason or "")
    assert visible(tmp_path / "pdfs") == []


def test_a_gzip_bomb_is_stopped_at_the_size_limit(server, tmp_path):
    import zlib

    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb = packer.compress(b"%PDF-1.4\n" + b"\0" * (64 * 1024 * 1024)) + packer.flush()  # 64 MiB in ~64 KiB
    server.expect_request("/bomb.pdf").respond_with_data(
        bomb, headers={"Content-Type": "application/pdf", "Content-Encoding": "gzip"}
    )
    settings = Settings(tmp_path / "pdfs", timeout=2, retries=0, max_bytes=8 * 1024 * 1024)
    (result,) = Downloader(settings).run([_paper("bomb", server.url_for("/bomb.pdf"))])
    assert result.status is Status.FAILED
    assert result.reason == f"more than {8 * 1024 * 1024} bytes sent; not a paper's PDF"
    assert visible(tmp_path / "pdfs") == []


def test_more_than_a_hundred_header_lines_is_one_plain_sentence(server, tmp_path):
    server.expect_request("/a.pdf").respond_with_response(
        Response(PDF, headers=[("Content-Type", "application/pdf")] + [(f"X-{i}", "a") for i in range(150)])
    )
    (result,) = Downloader(Settings(tmp_path / "pdfs", timeout=2, retries=0)).run(
        [_paper("alpha", server.url_for("/a.pdf"))]
    )
    assert (result.status, result.reason) == (Status.FAILED, f"localhost:{server.port} did not answer in HTTP")


def test_headers_that_drip_for_ever_meet_the_deadline_too(tmp_path):
    """A status line and headers sent a byte at a time, each just in time: the socket timeout never fires."""
    import socket
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    listener.settimeout(30)
    port = listener.getsockname()[1]
    stop = threading.Event()

    def drip_headers() -> None:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with conn:
            conn.recv(65536)
            line = b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n"
            for _ in range(3000):  # a bound for this thread only: 150 s of drip, the client leaves long before
                for byte in line:
                    if stop.wait(0.05):
                        return
                    try:
                        conn.sendall(bytes([byte]))
                    except OSError:
                        return  # the client shut its side: what this test waits for
                line = b"X-Padding: more\r\n"

    thread = threading.Thread(target=drip_headers, daemon=True)
    thread.start()
    paper = _paper("drip", f"http://127.0.0.1:{port}/x.pdf")
    try:
        settings = Settings(tmp_path / "pdfs", timeout=1, deadline=2, retries=2, sleep=lambda s: None)
        (result,) = Downloader(settings).run([paper])
    finally:
        stop.set()
        listener.close()
    assert result.status is Status.FAILED and result.attempts == 1
    assert result.reason == f"127.0.0.1:{port} took more than 2 s to send its answer; gave up"
    assert not (tmp_path / "pdfs" / "drip.pdf").exists()


def test_two_runs_into_one_folder_fetch_a_paper_once_and_never_mix_their_bytes(server, tmp_path):
    import threading

    release = threading.Event()

    def slow_pdf(request: Request) -> Response:
        def body():
            yield PDF[:1000]
            release.wait(30)  # the first run is mid-transfer while the second one starts
            yield PDF[1000:]

        return Response(body(), headers={"Content-Type": "application/pdf", "Content-Length": str(len(PDF))})

    server.expect_request("/a.pdf").respond_with_handler(slow_pdf)
    paper = _paper("alpha", server.url_for("/a.pdf"))
    out = tmp_path / "pdfs"
    results: dict[str, list] = {}

    def run_(name: str) -> None:
        results[name] = Downloader(Settings(out, timeout=30, retries=0)).run([paper])

    first = threading.Thread(target=run_, args=("first",))
    first.start()
    while not hits(server, "/a.pdf"):
        time.sleep(0.01)  # waiting for the first request (not a timed assertion)
    second = threading.Thread(target=run_, args=("second",))
    second.start()
    second.join(0.5)  # the second run waits for the first: it does not ask the server meanwhile
    assert second.is_alive() and len(hits(server, "/a.pdf")) == 1
    release.set()
    first.join(30)
    second.join(30)
    assert [r.status for r in results["first"]] == [Status.DOWNLOADED]
    assert [(r.status, r.reason) for r in results["second"]] == [(Status.SKIPPED, None)]
    assert (out / "alpha.pdf").read_bytes() == PDF and len(hits(server, "/a.pdf")) == 1
    assert not (out / ".partial").exists()  # the lock files went with the runs


@pytest.mark.parametrize("command", [["download", "--dir", "pdfs"], ["check", "--online"], ["add", "2212.09748"]])
@pytest.mark.parametrize("value", ["nan", "inf", "1e400", "86401"])
def test_a_timeout_that_is_not_a_number_of_seconds_is_a_usage_error(tmp_path, runner, command, value):
    # nan and inf passed click's FloatRange, then crashed in socket.settimeout with a traceback.
    result = runner.invoke(cli, ["--catalogue", str(tmp_path / "refs.yaml"), *command, "--timeout", value])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    expected = f"Invalid value for '--timeout': '{value}' is not a number of seconds (at most 86400, a day)"
    assert expected in result.stderr
