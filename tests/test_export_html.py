"""export --format html: the same self-contained page as `sora-refs site`."""

from __future__ import annotations

import pytest

from sora_refs import Catalogue
from sora_refs.cli import cli
from sora_refs.formats import export


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load()


# --- export --format html: the site page ------------------------------------------------------------


@pytest.mark.parametrize("args", [[], ["--lang", "zh"]])
@pytest.mark.parametrize("filters", [[], ["-c", "diffusion", "-y", "2021-"]])
def test_export_html_writes_the_same_page_as_site(runner, tmp_path, args, filters):
    exported = runner.invoke(cli, [*args, "export", "--format", "html", *filters, "-o", str(tmp_path / "a.html")])
    assert exported.exit_code == 0, exported.stderr
    site = runner.invoke(cli, [*args, "site", *filters, "-o", str(tmp_path / "b.html")])
    assert site.exit_code == 0, site.stderr
    page = (tmp_path / "a.html").read_bytes()
    assert page == (tmp_path / "b.html").read_bytes()
    assert page.startswith(b"<!DOCTYPE html>") or page.lower().startswith(b"<!doctype html>")
    assert b"Scalable Diffusion Models with Transformers" in page


def test_export_html_of_nothing_writes_nothing(runner, tmp_path):
    result = runner.invoke(cli, ["export", "-f", "html", "-y", "1900", "-o", str(tmp_path / "none.html")])
    assert result.exit_code == 1
    assert result.stderr == "Error: no paper matches these filters; no page written\n"
    assert list(tmp_path.iterdir()) == []


def test_html_format_from_the_library_needs_the_catalogue(catalogue):
    from sora_refs.errors import UsageError
    from sora_refs.formats import ExportOptions
    from sora_refs.site import build_page

    with pytest.raises(UsageError, match="needs the catalogue"):
        export(catalogue.papers, "html")
    papers = catalogue.papers[:3]
    assert export(papers, "html", ExportOptions(catalogue=catalogue)) == build_page(catalogue, papers)
