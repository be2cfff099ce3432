"""Markdown --as-cited: the report's own reference list, line for line."""

from __future__ import annotations

import re

import pytest

from sora_refs import Catalogue
from sora_refs.cli import cli


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load()


# --- Markdown --as-cited: the report's own reference list ------------------------------------------

# One line of the list: "[n] Authors. "Title." *Venue* (SHORT), year." or "*arXiv preprint arXiv:id* (year)."
_ITEM = re.compile(
    r'^\[(?P<n>\d+)\] (?P<authors>[^"]+[^.])\. "(?P<title>[^"]+[.?!])" '
    r"(?:\*(?P<preprint>arXiv preprint arXiv:\d{4}\.\d{4,5})\* \((?P<pyear>\d{4})\)"
    r"|\*(?P<venue>[^*]+)\*(?: \((?P<short>[A-Za-z]+)\))?, (?P<year>\d{4}))\."
    r"(?P<links>(?: \[[^\]]+\]\(https://[^)\s]+\))*)$"
)


def test_as_cited_markdown_reads_like_the_reports_reference_list(runner, catalogue):
    result = runner.invoke(cli, ["export", "--as-cited", "--format", "markdown"])
    assert result.exit_code == 0, result.stderr
    items = result.stdout.split("\n\n")
    assert len(items) == 32 and result.stdout.endswith(")\n")
    for number, (text, paper) in enumerate(zip(items, catalogue.papers), start=1):
        match = _ITEM.match(text.rstrip("\n"))
        assert match, text
        assert int(match["n"]) == number == paper.ref
        cited = paper.cited
        if cited.venue == "arXiv":
            assert match["preprint"] == f"arXiv preprint arXiv:{paper.ids.arxiv}"
            assert int(match["pyear"]) == cited.year
        else:
            assert int(match["year"]) == cited.year and match["preprint"] is None
        links = re.findall(r"\]\(([^)]+)\)", match["links"])
        assert len(links) == len(set(links)), text  # no link twice
    assert "(arXiv)" not in result.stdout and "*arXiv*" not in result.stdout and ".." not in result.stdout


def test_as_cited_markdown_exact_lines(runner):
    result = runner.invoke(cli, ["export", "--as-cited", "-f", "markdown"])
    lines = {int(item[1 : item.index("]")]): item for item in result.stdout.split("\n\n")}
    assert lines[15].startswith(
        "[15] Dosovitskiy, Alexey, Lucas Beyer, Alexander Kolesnikov, Dirk Weissenborn, Xiaohua Zhai, "
        "Thomas Unterthiner, Mostafa Dehghani, Matthias Minderer, Georg Heigold, Sylvain Gelly, Jakob Uszkoreit, "
        'and Neil Houlsby. "An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale." '
        "*arXiv preprint arXiv:2010.11929* (2020). [arXiv:2010.11929](https://arxiv.org/abs/2010.11929) "
    )
    assert (
        '"Attention Is All You Need." *Advances in Neural Information Processing Systems* (NeurIPS), '
        "2017. [arXiv:1706.03762]" in lines[13]
    )
    assert lines[30].endswith(
        ' and Aditya Ramesh. "Improving Image Generation with Better Captions." '
        "*OpenAI technical report*, 2023. [page](https://cdn.openai.com/papers/dall-e-3.pdf)"
    )


def test_markdown_list_two_authors_and_titles_with_their_own_punctuation():
    from sora_refs.formats import ExportOptions
    from sora_refs.formats.markdown import list_item
    from sora_refs.models import Paper, PaperType

    paper = Paper(
        key="ha2018world",
        title="World Models?",
        authors=("David Ha", "Jürgen Schmidhuber"),
        year=2018,
        venue="arXiv",
        venue_full="arXiv preprint",
        type=PaperType.PREPRINT,
        category="c",
    )
    assert (
        list_item(paper, 3, ExportOptions())
        == '[3] Ha, David, and Jürgen Schmidhuber. "World Models?" *arXiv preprint* (2018).'
    )
