"""``sora-refs check --online``'s Crossref part and sora_refs.fetch.crossref, against hand-written Crossref answers
(the REST API's exact schema) served by a local server."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from sora_refs.catalogue import Catalogue
from sora_refs.cli import cli
from sora_refs.fetch.crossref import CrossrefClient, CrossrefError, CrossrefWork, check_papers, compare, parse_work
from sora_refs.fetch.net import backoff_delay as real_backoff_delay

DATA = Path(__file__).parent / "data" / "net" / "crossref"
CATALOGUE = str(DATA / "dois.yaml")
JSON_ = "application/json;charset=utf-8"
ANSWERS = {
    "/works/10.1109/CVPR.2018.00165": "mocogan.json",
    "/works/10.1007/978-3-031-19787-1_41": "nuwa.json",
    "/works/10.1109/ICCV51070.2023.00387": "dit.json",
}
ZENODO = "/works/10.5281/zenodo.1207631"
HEADER = f"OK: {CATALOGUE}: 4 papers, 4 categories, 0 sections."
MOCOGAN_YEAR = (
    "ref 5 (tulyakov2018mocogan), DOI 10.1109/CVPR.2018.00165: year: catalogue '2017', "
    "Crossref '2018' (Crossref's published-print date)"
)
ZENODO_NOTE = (
    "ref 3 (ha2018world), DOI 10.5281/zenodo.1207631: note: not in Crossref "
    "(the DOI is registered with another agency, such as DataCite)"
)
NUWA_NOTE = (
    "ref 9 (wu2022nuwa), DOI 10.1007/978-3-031-19787-1_41: note: venue: catalogue "
    "'European Conference on Computer Vision', Crossref 'Lecture Notes in Computer Science / "
    "Computer Vision – ECCV 2022'"
)


@pytest.fixture(autouse=True)
def isolated(httpserver: HTTPServer, tmp_path, monkeypatch):
    monkeypatch.setenv("SORA_REFS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SORA_REFS_CROSSREF_API", httpserver.url_for("/"))
    # The catalogue has no arXiv ids, so arXiv is never asked; point it at the server all the same.
    monkeypatch.setenv("SORA_REFS_ARXIV_API", httpserver.url_for("/api/query"))
    monkeypatch.setattr("sora_refs.fetch.net.backoff_delay", lambda attempt, base, error=None, cap=60.0: 0.0)
    yield


def serve(httpserver: HTTPServer, skip: str = "") -> None:
    for path, name in ANSWERS.items():
        if path != skip:
            httpserver.expect_request(path).respond_with_data((DATA / name).read_bytes(), content_type=JSON_)
    httpserver.expect_request(ZENODO).respond_with_data(
        (DATA / "not-found.txt").read_bytes(), status=404, content_type="text/plain"
    )


def check(runner, *args: str):
    return runner.invoke(cli, ["check", CATALOGUE, "--online", "--timeout", "2", *args])


def test_planted_difference_and_notes_then_the_cache(httpserver, runner):
    serve(httpserver)
    result = check(runner)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        HEADER,
        ZENODO_NOTE,
        MOCOGAN_YEAR,
        NUWA_NOTE,
        "Crossref: 4 DOIs checked (4 requests): 1 with differences (1 not in Crossref).",
    ]
    assert "Checking 4 DOIs against Crossref" in result.stderr
    assert len(httpserver.log) == 4
    assert all(request.headers["User-Agent"].startswith("sora-refs/") for request, _ in httpserver.log)
    assert {request.path for request, _ in httpserver.log} == {*ANSWERS, ZENODO}

    httpserver.clear()  # from now on any request fails: the answers (the 404 too) must come from the cache
    again = check(runner)
    assert again.exit_code == 1
    assert again.stdout.splitlines()[1:] == [
        ZENODO_NOTE,
        MOCOGAN_YEAR,
        NUWA_NOTE,
        "Crossref: 4 DOIs checked (0 requests, 4 from the cache): 1 with differences (1 not in Crossref).",
    ]
    assert len(httpserver.log) == 0


def test_refresh_asks_again(httpserver, runner):
    serve(httpserver)
    check(runner)
    result = check(runner, "--refresh")
    assert "(4 requests)" in result.stdout
    assert len(httpserver.log) == 8


def test_json_report(httpserver, runner):
    serve(httpserver)
    result = check(runner, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    crossref = data["crossref"]
    assert (
        crossref["checked"],
        crossref["with_differences"],
        crossref["not_in_crossref"],
        crossref["without_answer"],
        crossref["ok"],
    ) == (4, 1, 1, 0, False)
    assert crossref["findings"] == [
        {
            "ref": 3,
            "key": "ha2018world",
            "doi": "10.5281/zenodo.1207631",
            "problem": None,
            "in_crossref": False,
            "differences": [],
            "notes": ["not in Crossref (the DOI is registered with another agency, such as DataCite)"],
        },
        {
            "ref": 5,
            "key": "tulyakov2018mocogan",
            "doi": "10.1109/CVPR.2018.00165",
            "problem": None,
            "in_crossref": True,
            "differences": [
                {"field": "year", "catalogue": "2017", "crossref": "2018", "note": "Crossref's published-print date"}
            ],
            "notes": [],
        },
        {
            "ref": 9,
            "key": "wu2022nuwa",
            "doi": "10.1007/978-3-031-19787-1_41",
            "problem": None,
            "in_crossref": True,
            "differences": [],
            "notes": [
                "venue: catalogue 'European Conference on Computer Vision', Crossref 'Lecture Notes in "
                "Computer Science / Computer Vision – ECCV 2022'"
            ],
        },
    ]


def test_notes_alone_do_not_fail_the_check(httpserver, runner, tmp_path):
    fixed = tmp_path / "fixed.yaml"
    fixed.write_text(Path(CATALOGUE).read_text(encoding="utf-8").replace("year: 2017", "year: 2018"), encoding="utf-8")
    serve(httpserver)
    result = runner.invoke(cli, ["check", str(fixed), "--online"])
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[-1] == "Crossref: 4 DOIs checked (4 requests): all agree (1 not in Crossref)."
    assert sum("note:" in line for line in result.stdout.splitlines()) == 2


def test_429_then_answer_honours_retry_after(httpserver, monkeypatch):
    path = "/works/10.1109/CVPR.2018.00165"
    httpserver.expect_oneshot_request(path).respond_with_data(
        "Too many requests",
        status=429,
        headers={"Retry-After": "3", "X-Rate-Limit-Limit": "5", "X-Rate-Limit-Interval": "1s"},
    )
    serve(httpserver)
    monkeypatch.setattr("sora_refs.fetch.net.backoff_delay", real_backoff_delay)
    waits: list[float] = []
    client = CrossrefClient(httpserver.url_for("/"), timeout=2, sleep=waits.append)
    findings = check_papers(Catalogue.load(CATALOGUE).papers, client)
    assert waits == [3.0]
    assert client.requests == 5
    mocogan = next(f for f in findings if f.paper.key == "tulyakov2018mocogan")
    assert [str(d) for d in mocogan.differences] == [
        "year: catalogue '2017', Crossref '2018' (Crossref's published-print date)"
    ]


def test_5xx_until_retries_run_out_fails_the_section_clearly(httpserver, runner):
    httpserver.expect_request("/works/10.5281/zenodo.1207631").respond_with_data("busy", status=503)
    result = check(runner)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == (
        f"Crossref check failed: cannot get an answer from Crossref ({httpserver.url_for('/').rstrip('/')}) "
        "after 4 attempts: HTTP 503 SERVICE UNAVAILABLE"
    )
    assert len(httpserver.log) == 4  # gave up at once rather than asking about the other DOIs


def test_a_refused_doi_is_a_problem_for_that_paper_only(httpserver, runner):
    httpserver.expect_request("/works/10.1109/CVPR.2018.00165").respond_with_data("bad DOI", status=400)
    serve(httpserver, skip="/works/10.1109/CVPR.2018.00165")
    data = json.loads(check(runner, "--format", "json").stdout)["crossref"]
    assert (data["checked"], data["without_answer"], data["not_in_crossref"]) == (4, 1, 1)
    problem = next(f for f in data["findings"] if f["key"] == "tulyakov2018mocogan")["problem"]
    assert problem.endswith("HTTP 400 BAD REQUEST")


def test_cache_hit_makes_no_request(httpserver):
    serve(httpserver)
    api = httpserver.url_for("/")
    first = CrossrefClient(api, timeout=2)
    work = first.lookup("10.1109/CVPR.2018.00165")
    httpserver.clear()
    second = CrossrefClient(api, timeout=2)
    # DOIs are case-insensitive: the cache is keyed on the folded spelling.
    assert second.lookup("10.1109/cvpr.2018.00165") == work
    assert second.lookup("10.1109/CVPR.2018.00165") == work
    assert (second.requests, second.from_cache) == (0, 2)
    assert len(httpserver.log) == 0


def test_no_crossref_skips_it(httpserver, runner):
    result = check(runner, "--no-crossref")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [HEADER]  # no arXiv ids: no arXiv section either
    assert "Crossref" not in result.stderr
    assert len(httpserver.log) == 0


def test_offline_check_asks_nobody(httpserver, runner):
    result = runner.invoke(cli, ["check", CATALOGUE])
    assert result.exit_code == 0 and result.stdout == HEADER + "\n"
    assert len(httpserver.log) == 0


def test_parse_work_reads_crossref_schema():
    work = parse_work((DATA / "nuwa.json").read_bytes())
    assert work.doi == "10.1007/978-3-031-19787-1_41"
    # Springer's no-break space (\u00a0 before "Neural") becomes a plain one, as any run of whitespace does.
    assert work.title == "NÜWA: Visual Synthesis Pre-training for Neural visUal World creAtion"
    assert work.authors[:2] == ("Chenfei Wu", "Jian Liang") and len(work.authors) == 7
    assert work.dates == (("published-print", 2022), ("published-online", 2022), ("published", 2022), ("issued", 2022))
    assert work.containers == ("Lecture Notes in Computer Science", "Computer Vision – ECCV 2022")
    assert work.type == "book-chapter"


def test_parse_work_markup_null_dates_and_organisations():
    body = json.dumps(
        {
            "status": "ok",
            "message-type": "work",
            "message-version": "1.0.0",
            "message": {
                "DOI": "10.1234/x",
                "type": "journal-article",
                "title": ["Learning <i>Video</i> Models &amp; <scp>GANs</scp>"],
                "subtitle": [],
                "author": [
                    {"given": "Ada", "family": "Lovelace", "sequence": "first", "affiliation": []},
                    {"name": "The Sora Team", "sequence": "additional", "affiliation": []},
                ],
                "issued": {"date-parts": [[None]]},
                "published-online": {"date-parts": [[2024, 2, 15]]},
                "container-title": [],
            },
        }
    ).encode()
    work = parse_work(body)
    assert work.title == "Learning Video Models & GANs"
    assert work.authors == ("Ada Lovelace", "The Sora Team")
    assert work.dates == (("published-online", 2024),) and work.year == 2024
    assert work.containers == ()


@pytest.mark.parametrize("body", [b"<html>not json</html>", b'{"status": "ok", "message-type": "work-list"}'])
def test_parse_work_refuses_what_is_not_a_work(body):
    with pytest.raises(CrossrefError):
        parse_work(body)


def _work(**changes) -> CrossrefWork:
    base = dict(
        doi="10.1007/x",
        title="MoCoGAN",
        subtitle="Decomposing Motion and Content for Video Generation",
        authors=("S. Tulyakov", "M.-Y. Liu", "X. Yang", "J. Kautz"),
        dates=(("published-print", 2018),),
        containers=("2018 IEEE/CVF Conference on Computer Vision and Pattern Recognition",),
        type="proceedings-article",
    )
    base.update(changes)
    return CrossrefWork(**base)


def test_compare_tolerates_subtitle_and_initials_but_not_a_swapped_order():
    paper = Catalogue.load(CATALOGUE).get("tulyakov2018mocogan")
    differences, notes = compare(paper, _work())
    assert [d.field for d in differences] == ["year"] and notes == []
    swapped = _work(authors=("Ming-Yu Liu", "Sergey Tulyakov", "Xiaodong Yang", "Jan Kautz"))
    assert [d.field for d in compare(paper, swapped)[0]] == ["author 1", "author 2", "year"]
    other = _work(title="MoCoGAN", subtitle=None, dates=(("published-print", 2018), ("issued", 2017)))
    differences, _ = compare(paper, other)
    assert [str(d) for d in differences] == [
        "title: catalogue 'MoCoGAN: Decomposing Motion and Content for Video Generation', Crossref 'MoCoGAN'"
    ]


def test_compare_without_authors_is_a_note():
    paper = Catalogue.load(CATALOGUE).get("peebles2023scalable")
    differences, notes = compare(paper, _work(title=paper.title, subtitle=None, authors=(), dates=(("issued", 2023),)))
    assert differences == [] and notes[0] == "Crossref lists no authors"


# -- a misbehaving Crossref -------------------------------------------------------------------------------------


def test_a_retry_after_of_a_day_stops_the_section_at_once(httpserver, monkeypatch):
    httpserver.expect_request(re.compile("/works/.*")).respond_with_data(
        "later", status=503, headers={"Retry-After": "Wed, 21 Oct 2099 07:28:00 GMT"}
    )
    monkeypatch.setattr("sora_refs.fetch.net.backoff_delay", real_backoff_delay)
    waits: list[float] = []
    client = CrossrefClient(httpserver.url_for("/"), timeout=2, sleep=waits.append)
    with pytest.raises(CrossrefError, match=r"HTTP 503 SERVICE UNAVAILABLE; the server asks to wait about \d+ years$"):
        client.lookup("10.1109/CVPR.2018.00165")
    assert waits == [] and client.requests == 1


def test_an_answer_in_a_declared_8_bit_charset_is_read_and_an_undeclared_one_refused(httpserver):
    body = json.loads((DATA / "mocogan.json").read_text(encoding="utf-8"))
    body["message"]["title"] = ["MoCoGAN: Décomposer"]
    latin = json.dumps(body, ensure_ascii=False).encode("latin-1")
    httpserver.expect_request("/works/10.1/declared").respond_with_data(
        latin, content_type="application/json; charset=ISO-8859-1"
    )
    httpserver.expect_request("/works/10.1/undeclared").respond_with_data(latin, content_type="application/json")
    client = CrossrefClient(httpserver.url_for("/"), timeout=2, sleep=lambda s: None)
    assert client.lookup("10.1/declared").title == "MoCoGAN: Décomposer"
    with pytest.raises(CrossrefError, match=r"^Crossref's answer is not valid JSON \('utf-8' codec can't decode"):
        client.lookup("10.1/undeclared")


def test_a_compressed_answer_that_unpacks_past_ten_mib_is_refused(httpserver):
    import zlib

    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb = packer.compress(b'{"status": "ok", "x": "' + b"0" * (40 * 1024 * 1024)) + packer.flush()
    httpserver.expect_request("/works/10.1/bomb").respond_with_data(
        bomb, headers={"Content-Type": JSON_, "Content-Encoding": "gzip"}
    )
    client = CrossrefClient(httpserver.url_for("/"), timeout=2, sleep=lambda s: None)
    with pytest.raises(CrossrefError, match=r"answer larger than 10485760 bytes$"):
        client.lookup("10.1/bomb")
