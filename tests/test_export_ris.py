"""RIS as EndNote, Mendeley and Zotero read it: CR LF line endings, every record closed."""

from __future__ import annotations

import pytest

from sora_refs import Catalogue
from sora_refs.cli import cli
from sora_refs.formats import export


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load()


# --- RIS: CR LF line endings, records closed by "ER  - " ------------------------------------------


def test_ris_file_uses_crlf_and_closes_every_record(runner, tmp_path):
    target = tmp_path / "all.ris"
    result = runner.invoke(cli, ["export", "-f", "ris", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    data = target.read_bytes()
    assert data.startswith(b"TY  - CPAPER\r\nID  - srivastava2015unsupervised\r\nAU  - Srivastava, Nitish\r\n")
    assert data.endswith(b"\r\nN1  - arXiv:2108.01073\r\nER  - \r\n")
    assert data.count(b"\n") == data.count(b"\r\n")  # no bare LF anywhere
    assert b"\r\r" not in data
    # Records: 32, each ending "ER  - ", one blank line between two of them.
    assert data.count(b"\r\nER  - \r\n") == 32
    assert data.count(b"ER  - \r\n\r\nTY  - ") == 31
    # The same bytes through stdout.
    piped = runner.invoke(cli, ["export", "-f", "ris"])
    assert piped.stdout_bytes == data


def test_rispy_reads_the_crlf_ris_from_text_and_from_the_file(catalogue, tmp_path):
    rispy = pytest.importorskip("rispy", reason="rispy (test extra) not installed")
    text = export(catalogue.papers, "ris")
    (tmp_path / "all.ris").write_bytes(text.encode("utf-8"))
    for records in (rispy.loads(text), rispy.load(tmp_path / "all.ris")):
        assert len(records) == 32
        assert records[0]["authors"] == ["Srivastava, Nitish", "Mansimov, Elman", "Salakhutdinov, Ruslan"]
        assert records[0]["start_page"] == "843" and records[0]["end_page"] == "852"
        assert records[-1]["notes"] == ["arXiv:2108.01073"]
        values = [v for r in records for v in r.values()]
        assert not any("\r" in str(v) for v in values)
