"""Files sora-refs reads and writes behind the scenes: the cache trusts nothing it reads and never blocks on
a FIFO; downloads stay inside --dir, follow no link there, and give up on redirect loops at once."""

from __future__ import annotations

import contextlib
import os
import random
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from sora_refs import Catalogue
from sora_refs.cli import cli
from sora_refs.fetch import net
from sora_refs.fetch.download import Downloader, Settings, Status
from sora_refs.fetch.hosts import HostLimiter
from sora_refs.models import Ids, Paper, PaperType
from sora_refs.reading import cache
from sora_refs.reading.loader import bundled_path

PDF = (Path(__file__).parent / "data" / "net" / "paper.pdf").read_bytes()


@pytest.fixture
def cached(tmp_path, monkeypatch) -> tuple[Path, Path]:
    """A copy of the bundled catalogue and its (fresh) cache entry."""
    monkeypatch.setenv("SORA_REFS_CACHE_DIR", str(tmp_path / "cache"))
    target = tmp_path / "refs.yaml"
    shutil.copyfile(bundled_path(), target)
    Catalogue.load(target)
    (entry,) = (tmp_path / "cache" / "catalogues").iterdir()
    return target, entry


def _in_thread(function, *args):
    """Run ``function`` in a thread; a guard against a hang (never a speed check)."""
    box: list = []
    thread = threading.Thread(target=lambda: box.append(function(*args)), daemon=True)
    thread.start()
    thread.join(60)
    assert box, f"{function.__name__} blocked"
    return box[0]


# -- the cache -----------------------------------------------------------------------------------------


def test_a_damaged_cache_entry_is_never_shown_as_data(cached):
    target, entry = cached
    truth = Catalogue.load(target, use_cache=False).papers
    original = entry.read_bytes()
    rng = random.Random(13)
    for _ in range(150):
        data = bytearray(original)
        for _ in range(rng.randint(1, 3)):
            position = rng.randrange(len(data))
            data[position] = (data[position] + rng.randint(1, 255)) % 256
        entry.write_bytes(bytes(data))
        os.utime(entry)  # whatever the entry's times, only its content decides
        assert Catalogue.load(target).papers == truth
    assert cache.read(target, os.stat(target)) is not None  # rebuilt by the last load


def test_an_edit_that_keeps_size_and_mtime_is_seen(cached):
    target, _ = cached
    before = os.stat(target)
    text = target.read_text(encoding="utf-8")
    edited = text.replace("Unsupervised Learning of Video", "Unsupervised Learning of Audio", 1)
    assert len(edited.encode()) == len(text.encode())
    target.write_text(edited, encoding="utf-8")  # as cp -p, rsync -t or tar would leave it:
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same mtime
    assert os.stat(target).st_mtime_ns == before.st_mtime_ns
    assert Catalogue.load(target).papers[0].title.startswith("Unsupervised Learning of Audio")


def test_a_replaced_file_with_the_same_size_and_mtime_is_seen(cached, tmp_path):
    target, _ = cached
    before = os.stat(target)
    other = tmp_path / "other.yaml"
    other.write_text(target.read_text().replace("Video Representations", "Video Represent_tions", 1))
    os.utime(other, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(other, target)  # a new inode
    assert "Represent_tions" in Catalogue.load(target).papers[0].title


def test_a_fifo_in_the_cache_never_blocks_and_is_replaced(cached):
    target, entry = cached
    entry.unlink()
    os.mkfifo(entry)
    catalogue = _in_thread(Catalogue.load, target)
    assert len(catalogue) == 32
    assert entry.is_file()  # rebuilt as a regular file
    derived = Path(str(entry)[: -len(".marshal")] + ".search.marshal")
    os.mkfifo(derived)
    assert _in_thread(cache.read_derived, target, "search") is None


def test_a_link_in_the_cache_is_not_followed(cached, tmp_path):
    target, entry = cached
    decoy = tmp_path / "decoy"
    shutil.copyfile(entry, decoy)
    entry.unlink()
    entry.symlink_to(decoy)
    assert cache.read(target, os.stat(target)) is None


# -- downloads -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server():
    srv = HTTPServer(threaded=True)
    srv.start()
    yield srv
    srv.clear()
    srv.stop()


@pytest.fixture(autouse=True)
def _fresh(request):
    if "server" in request.fixturenames:
        request.getfixturevalue("server").clear()


def _paper(key: str, url: str) -> Paper:
    return Paper(
        key=key,
        title="A paper",
        authors=("Ann Author",),
        year=2020,
        venue="arXiv",
        type=PaperType.PREPRINT,
        category="misc",
        pdf=url,
        ids=Ids(),
    )


def test_a_partial_folder_that_is_a_link_is_refused(server, tmp_path):
    server.expect_request("/a.pdf").respond_with_data(PDF, content_type="application/pdf")
    out, elsewhere = tmp_path / "pdfs", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / ".partial").symlink_to(elsewhere)
    (result,) = Downloader(Settings(out, timeout=2, retries=0)).run([_paper("alpha", server.url_for("/a.pdf"))])
    assert result.status is Status.FAILED
    assert result.reason == (
        f"{out.resolve()}/.partial is a symbolic link; refusing to write partial downloads "
        "through it (remove it and run again)"
    )
    assert list(elsewhere.iterdir()) == [] and not (out / "alpha.pdf").exists()
    assert server.log == []  # refused before asking anyone


def test_a_final_name_that_is_a_link_is_replaced_not_followed(server, tmp_path):
    server.expect_request("/a.pdf").respond_with_data(PDF, content_type="application/pdf")
    out = tmp_path / "pdfs"
    out.mkdir()
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    (out / "alpha.pdf").symlink_to(precious)
    (result,) = Downloader(Settings(out, timeout=2, retries=0)).run([_paper("alpha", server.url_for("/a.pdf"))])
    assert (result.status, result.reason) == (Status.DOWNLOADED, "existing a symbolic link replaced")
    assert precious.read_text() == "keep me"
    assert not (out / "alpha.pdf").is_symlink() and (out / "alpha.pdf").read_bytes() == PDF


def test_partial_files_that_are_links_or_fifos_are_not_followed(server, tmp_path):
    server.expect_request("/a.pdf").respond_with_data(PDF, content_type="application/pdf")
    server.expect_request("/b.pdf").respond_with_data(PDF, content_type="application/pdf")
    out = tmp_path / "pdfs"
    (out / ".partial").mkdir(parents=True)
    victim = tmp_path / "victim"
    victim.write_text("untouched")
    (out / ".partial" / "alpha.pdf.part").symlink_to(victim)
    (out / ".partial" / "alpha.pdf.part.json").symlink_to(victim)
    os.mkfifo(out / ".partial" / "beta.pdf.part")
    os.mkfifo(out / ".partial" / "beta.pdf.part.json")
    papers = [_paper("alpha", server.url_for("/a.pdf")), _paper("beta", server.url_for("/b.pdf"))]
    results = _in_thread(Downloader(Settings(out, timeout=2, retries=0)).run, papers)
    assert [r.status for r in results] == [Status.DOWNLOADED, Status.DOWNLOADED]
    assert victim.read_text() == "untouched"
    assert (out / "alpha.pdf").read_bytes() == PDF == (out / "beta.pdf").read_bytes()


def test_a_redirect_loop_fails_at_once_without_retries(server, tmp_path):
    server.expect_request("/loop1").respond_with_response(Response(status=302, headers={"Location": "/loop2"}))
    server.expect_request("/loop2").respond_with_response(Response(status=302, headers={"Location": "/loop1"}))
    (result,) = Downloader(Settings(tmp_path / "pdfs", timeout=2, retries=3, sleep=lambda s: None)).run(
        [_paper("alpha", server.url_for("/loop1"))]
    )
    assert result.status is Status.FAILED
    assert result.reason.startswith("localhost:") and "redirects in a loop (back to http://localhost:" in result.reason
    assert len(server.log) == 2 and result.attempts == 1


def test_a_chain_of_redirects_stops_after_ten(server, tmp_path):
    for hop in range(20):
        server.expect_request(f"/hop{hop}").respond_with_response(
            Response(status=301, headers={"Location": f"/hop{hop + 1}"})
        )
    (result,) = Downloader(Settings(tmp_path / "pdfs", timeout=2, retries=3, sleep=lambda s: None)).run(
        [_paper("alpha", server.url_for("/hop0"))]
    )
    assert result.status is Status.FAILED
    assert result.reason.startswith(f"more than {net.MAX_REDIRECTS} redirects from localhost:")
    assert len(server.log) == net.MAX_REDIRECTS + 1


def test_politeness_follows_the_redirect_to_the_host_that_serves(server, tmp_path):
    other = server.url_for("/real.pdf").replace("localhost", "127.0.0.1")
    server.expect_request("/moved.pdf").respond_with_response(Response(status=302, headers={"Location": other}))
    server.expect_request("/real.pdf").respond_with_data(PDF, content_type="application/pdf")
    asked: list[str] = []

    class Recording(HostLimiter):
        @contextlib.contextmanager
        def slot(self, url, check=None):
            asked.append(net.host_of(url))
            with super().slot(url, check):
                yield

    (result,) = Downloader(Settings(tmp_path / "pdfs", timeout=2, retries=0), limiter=Recording()).run(
        [_paper("alpha", server.url_for("/moved.pdf"))]
    )
    assert result.status is Status.DOWNLOADED
    port = server.port
    assert asked == [f"localhost:{port}", f"127.0.0.1:{port}"]


# -- bounded work -----------------------------------------------------------------------------------------


def test_a_crossref_answer_nested_100000_deep_is_refused_in_a_line(tmp_path, monkeypatch, runner):
    from sora_refs.cli import cli

    catalogue = Path(__file__).parent / "data" / "net" / "crossref" / "dois.yaml"
    monkeypatch.setenv("SORA_REFS_CACHE_DIR", str(tmp_path / "cache"))
    server = HTTPServer()
    server.start()
    try:
        monkeypatch.setenv("SORA_REFS_CROSSREF_API", server.url_for("/"))
        monkeypatch.setenv("SORA_REFS_ARXIV_API", server.url_for("/api/query"))
        deep = b'{"status": "ok", "message-type": "work", "message": ' + b"[" * 100000 + b"]" * 100000 + b"}"
        server.expect_request(re.compile("/works/.*")).respond_with_data(deep, content_type="application/json")
        result = runner.invoke(cli, ["check", str(catalogue), "--online", "--timeout", "2"])
    finally:
        server.stop()
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1
    assert (
        "ref 5 (tulyakov2018mocogan), DOI 10.1109/CVPR.2018.00165: Crossref's answer is nested too deeply "
        "to be a work record"
    ) in result.stdout


@pytest.mark.parametrize("word", ["x" * 120, "abcdefghij" * 100, "transfromerz" * 4])
def test_long_search_words_are_not_corrected_at_all(bundled, word):
    from sora_refs.search.index import TYPO_MAX, SearchIndex

    assert len(word) > TYPO_MAX  # no edits of the edits of a 1,000-letter word (that took minutes)
    assert SearchIndex(bundled).corrections(word) == {}


def test_typos_are_still_forgiven(bundled):
    from sora_refs.search.index import SearchIndex

    index = SearchIndex(bundled)
    assert index.corrections("transfromers") == {"transformers": "typo"}
    assert index.corrections("difusionn").get("diffusion") == "typo2"  # two typos: compared, not generated


def test_a_manifest_that_is_a_link_is_replaced_not_written_through(server, tmp_path):
    server.expect_request("/a.pdf").respond_with_data(PDF, content_type="application/pdf")
    out = tmp_path / "pdfs"
    out.mkdir()
    outside = tmp_path / "outside.json"
    outside.write_text("{}")
    (out / "sora-refs-manifest.json").symlink_to(outside)
    (result,) = Downloader(Settings(out, timeout=2, retries=0)).run([_paper("alpha", server.url_for("/a.pdf"))])
    assert result.status is Status.DOWNLOADED
    assert outside.read_text() == "{}"
    assert not (out / "sora-refs-manifest.json").is_symlink()
    assert '"alpha"' in (out / "sora-refs-manifest.json").read_text()


def _mailto_in_a_child(config: Path) -> subprocess.CompletedProcess[str]:
    # A child process with a deadline: were the FIFO opened for reading, the child would block forever.
    code = "from sora_refs.fetch.crossref import default_mailto; print(default_mailto())"
    env = {**os.environ, "SORA_REFS_CONFIG": str(config)}
    env.pop("SORA_REFS_MAILTO", None)
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)


def test_the_crossref_config_is_read_from_a_file_or_a_link_to_one(tmp_path):
    real = tmp_path / "dotfiles" / "sora-refs.yaml"
    real.parent.mkdir()
    real.write_text("mailto: lab@example.org\n", encoding="utf-8")
    link = tmp_path / "config.yaml"
    link.symlink_to(real)
    assert _mailto_in_a_child(real).stdout.strip() == "lab@example.org"
    assert _mailto_in_a_child(link).stdout.strip() == "lab@example.org"


def test_a_crossref_config_that_is_a_fifo_is_ignored_without_blocking(tmp_path):
    fifo = tmp_path / "config.yaml"
    os.mkfifo(fifo)
    done = _mailto_in_a_child(fifo)
    assert (done.returncode, done.stdout.strip(), done.stderr) == (0, "None", "")


# -- catalogues as other programs save them ----------------------------------------------------------------

SMALL = (Path(__file__).parent / "data" / "catalogues" / "small.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
@pytest.mark.parametrize(
    "args",
    [
        ["tag", "kingma2014auto", "+foo"],
        ["set", "kingma2014auto", "venue=NIPS"],
        ["remove", "rezende2015variational", "--yes"],
        ["import", "IN.bib", "--into", "CAT"],
    ],
    ids=lambda args: args[0],
)
def test_a_catalogue_saved_as_utf16_or_with_a_bom_is_written_back_as_utf8(tmp_path, runner, encoding, args):
    # Windows PowerShell's `>` writes UTF-16 with a byte-order mark: read commands took it, writers crashed.
    data = SMALL.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / "refs.yaml"
    path.write_bytes(data)
    (tmp_path / "in.bib").write_text("@article{zed2020, title={Zed}, author={Zed Zed}, journal={J}, year={2020}}\n")
    args = [{"IN.bib": str(tmp_path / "in.bib"), "CAT": str(path)}.get(a, a) for a in args]
    result = runner.invoke(cli, ["--catalogue", str(path), *args])
    assert result.exit_code == 0, result.stderr
    text = path.read_bytes().decode("utf-8")  # UTF-8, as the format says; the .bak keeps the bytes as they were
    assert (tmp_path / "refs.yaml.bak").read_bytes() == data
    assert text.startswith("# A lab's reading list") and "Zoë O'Brien-Núñez" in text
    kept = {p.key for p in Catalogue.load(path, use_cache=False).papers}
    assert {"kingma2014auto", "muller2020unicode"} <= kept


def test_a_catalogue_in_an_encoding_no_reader_takes_is_refused_by_writers_too(tmp_path, runner):
    path = tmp_path / "refs.yaml"
    path.write_bytes(SMALL.encode("utf-8").replace("Zoë".encode(), "Zo\xeb".encode("latin-1")))
    before = path.read_bytes()
    result = runner.invoke(cli, ["--catalogue", str(path), "tag", "kingma2014auto", "+foo"])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "is not UTF-8 text (byte 0xeb at offset" in result.stderr
    assert path.read_bytes() == before


# -- redirects a server on the internet may not make --------------------------------------------------------


@pytest.fixture
def as_a_public_host(server, monkeypatch):
    """Requests for http://papers.example/ reach the local server, as through a proxy (no DNS, no internet)."""
    for name in ("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", server.url_for("/").rstrip("/"))
    monkeypatch.setattr(net, "_session", None)  # a session that reads the proxy settings afresh
    yield "http://papers.example"
    monkeypatch.setattr(net, "_session", None)


@pytest.mark.parametrize("inward", ["127.0.0.1", "localhost", "169.254.169.254", "10.0.0.7", "[::1]", "2130706433"])
def test_a_public_host_may_not_redirect_to_this_machine_or_its_network(server, as_a_public_host, tmp_path, inward):
    server.expect_request("/a.pdf").respond_with_response(
        Response(status=302, headers={"Location": f"http://{inward}:{server.port}/secret.pdf"})
    )
    server.expect_request("/secret.pdf").respond_with_data(PDF, content_type="application/pdf")
    (result,) = Downloader(Settings(tmp_path / "pdfs", timeout=2, retries=2, sleep=lambda s: None)).run(
        [_paper("alpha", f"{as_a_public_host}/a.pdf")]
    )
    assert result.status is Status.FAILED and result.attempts == 1  # not retried
    host = inward.strip("[]")
    assert result.reason == (
        f"papers.example redirects to {host}, an address on this machine or its local network; "
        "a server on the internet may not send sora-refs there"
    )
    assert [request.path for request, _ in server.log] == ["/a.pdf"]
    assert not (tmp_path / "pdfs" / "alpha.pdf").exists()


def test_a_public_host_may_redirect_to_another_public_host(server, as_a_public_host, tmp_path):
    server.expect_request("/a.pdf").respond_with_response(
        Response(status=301, headers={"Location": "http://mirror.example/b.pdf"})
    )
    server.expect_request("/b.pdf").respond_with_data(PDF, content_type="application/pdf")
    (result,) = Downloader(Settings(tmp_path / "pdfs", timeout=2, retries=0)).run(
        [_paper("alpha", f"{as_a_public_host}/a.pdf")]
    )
    assert result.status is Status.DOWNLOADED and (tmp_path / "pdfs" / "alpha.pdf").read_bytes() == PDF


@pytest.mark.parametrize(
    ("location", "why"),
    [
        ("file:///etc/passwd", "to a file: address (file:///etc/passwd); only http(s) is followed"),
        ("ftp://example.org/a.pdf", "to a ftp: address (ftp://example.org/a.pdf); only http(s) is followed"),
        ("javascript:alert(1)", "to a javascript: address (javascript:alert(1)); only http(s) is followed"),
    ],
)
def test_redirects_to_other_schemes_or_unreadable_addresses_are_not_followed(server, tmp_path, location, why):
    server.expect_request("/a.pdf").respond_with_response(Response(status=302, headers={"Location": location}))
    (result,) = Downloader(Settings(tmp_path / "pdfs", timeout=2, retries=2, sleep=lambda s: None)).run(
        [_paper("alpha", server.url_for("/a.pdf"))]
    )
    assert (result.status, result.attempts) == (Status.FAILED, 1)
    assert result.reason == f"localhost:{server.port} redirects {why}"


def test_addresses_no_server_could_serve_are_refused_before_asking():
    from sora_refs.fetch.redirects import refusal

    # werkzeug will not even send these Location headers; a raw server could.
    assert refusal("http://a.example/x", "http://b.example:99999/a.pdf") == (
        "to an address that cannot be read (http://b.example:99999/a.pdf)"
    )
    assert refusal("http://a.example/x", "http://[::1/a.pdf") == "to an address that cannot be read (http://[::1/a.pdf)"
    assert refusal("http://a.example/x", "http://\x1b]0;x\x07/") == (
        "to an address that cannot be read (http://\\x1b]0;x\\x07/)"  # and never shown raw
    )
    assert refusal("http://a.example/x", "http://?a.pdf") == "to an address without a host (http://?a.pdf)"
    assert refusal("http://localhost:8000/x", "http://127.0.0.1:9000/y") is None


def test_a_local_mirror_may_redirect_to_another_local_address(server, tmp_path):
    other = server.url_for("/real.pdf").replace("localhost", "127.0.0.1")
    server.expect_request("/moved.pdf").respond_with_response(Response(status=302, headers={"Location": other}))
    server.expect_request("/real.pdf").respond_with_data(PDF, content_type="application/pdf")
    (result,) = Downloader(Settings(tmp_path / "pdfs", timeout=2, retries=0)).run(
        [_paper("alpha", server.url_for("/moved.pdf"))]
    )
    assert result.status is Status.DOWNLOADED


def test_a_missing_catalogue_names_a_close_file_beside_it(tmp_path, runner):
    (tmp_path / "refs.yaml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "\x1b]0;pwned\x07.yaml").write_text(SMALL, encoding="utf-8")  # a name from a hostile archive
    typo = runner.invoke(cli, ["--catalogue", str(tmp_path / "refz.yaml"), "list"])
    assert typo.exit_code == 1
    assert typo.stderr.splitlines()[-1] == f"  {tmp_path}/refz.yaml: no such file (did you mean {tmp_path}/refs.yaml?)"
    far = runner.invoke(cli, ["--catalogue", str(tmp_path / "zzzzzz.yaml"), "list"])
    assert far.stderr.splitlines()[-1].endswith("no such file (give the path of a catalogue YAML file)")
    nowhere = runner.invoke(cli, ["--catalogue", str(tmp_path / "gone" / "refs.yaml"), "list"])
    assert nowhere.stderr.splitlines()[-1].endswith(f"no such file (there is no folder {tmp_path}/gone)")
    hostile = runner.invoke(cli, ["--catalogue", str(tmp_path / "\x1b]0;pwned\x07.yml"), "list"])
    assert "\x1b" not in hostile.stderr
    assert f"(did you mean {tmp_path}/\\x1b]0;pwned\\x07.yaml?)" in hostile.stderr
