"""An import into an existing catalogue changes only what it must: comments and layout stay.

tests/data/import/odd-layout.yaml is written by hand, oddly (comments everywhere, flow-style
categories, papers indented four spaces with their keys at column eight, a blank line between
them, a comment after the list); odd-layout-duplicate.bib holds a duplicate of its first paper
and one new paper.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from sora_refs import Catalogue, CatalogueFile

DATA = Path(__file__).parent / "data" / "import"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / "odd.yaml"
    shutil.copy(DATA / "odd-layout.yaml", target)
    return target


def added_lines(before: str, after: str) -> list[str]:
    """The lines ``after`` has that ``before`` has not; fails if any line of ``before`` is gone or changed."""
    diff = list(difflib.ndiff(before.splitlines(keepends=True), after.splitlines(keepends=True)))
    assert [line for line in diff if line.startswith("- ")] == [], "a line of the file was changed or removed"
    return [line[2:] for line in diff if line.startswith("+ ")]


def test_merge_splices_filled_fields_and_the_alias_into_the_entry_and_appends_the_new_paper(path):
    before = path.read_text(encoding="utf-8")
    result = CatalogueFile(path).import_files(
        DATA / "odd-layout-duplicate.bib", on_duplicate="merge", category="diffusion"
    )
    assert [p.key for p in result.added] == ["new2024"]
    assert result.merged[0].filled == ("venue_full", "volume", "pages")
    after = path.read_text(encoding="utf-8")
    assert added_lines(before, after) == [
        "        aliases:\n",
        '          - "Ho.Jain.Abbeel.2020*1"\n',
        '        venue_full: "Advances in Neural Information Processing Systems"\n',
        '        volume: "33"\n',
        '        pages: "6840-6851"\n',
        "    -   key: new2024\n",
        "        title: A Fresh Paper\n",
        "        authors:\n",
        "        - Nia Nova\n",
        "        year: 2024\n",
        "        venue: Journal of Tests\n",
        "        type: article\n",
        "        category: diffusion\n",
        "\n",  # (difflib pairs the old blank line with the one before the new paper)
    ]
    # The merged entry keeps its own comment, the new paper comes before the comment that ends the list.
    assert "        venue: NeurIPS          # the venue as published\n" in after
    assert after.endswith("        category: diffusion\n\n# end of papers\n")
    assert "category: gan   # trailing comment\n\n    -   key: new2024\n" in after  # spaced like the others
    catalogue = Catalogue.load(path, use_cache=False)
    ho = catalogue.get("Ho.Jain.Abbeel.2020*1")  # the .bib key finds the paper
    assert (ho.key, ho.volume, ho.pages) == ("ho2020denoising", "33", "6840-6851")


def test_alias_adds_only_the_alias_and_a_category_line_in_the_file_s_style(path):
    before = path.read_text(encoding="utf-8")
    CatalogueFile(path).import_files(DATA / "odd-layout-duplicate.bib", on_duplicate="alias")
    after = path.read_text(encoding="utf-8")
    added = added_lines(before, after)
    assert added[:3] == [
        '  - {id: "uncategorised", name: "Uncategorised", description: "Papers imported without a category."}\n',
        "        aliases:\n",
        '          - "Ho.Jain.Abbeel.2020*1"\n',
    ]
    assert "category: gan   # trailing comment\n\n    -   key: new2024\n" in after  # spaced like the others
    assert Catalogue.load(path, use_cache=False).category_ids() == ["diffusion", "gan", "uncategorised"]


def test_the_command_keeps_the_file_too_and_a_second_run_changes_nothing(path, runner):
    from sora_refs.cli import cli

    before = path.read_text(encoding="utf-8")
    args = ["import", str(DATA / "odd-layout-duplicate.bib"), "--into", str(path), "--on-duplicate", "merge"]
    first = runner.invoke(cli, [*args, "-c", "gan"])
    assert first.exit_code == 0, first.stderr
    once = path.read_text(encoding="utf-8")
    assert len(added_lines(before, once)) == 14
    again = runner.invoke(cli, [*args, "-c", "gan"])
    assert again.exit_code == 0, again.stderr
    assert "Added 0 papers, 0 merged, 2 duplicates" in again.stderr
    assert path.read_text(encoding="utf-8") == once


def test_papers_before_the_categories_and_a_block_category_list(tmp_path):
    """``papers:`` need not be the last key (it once made the whole file be written again)."""
    path = tmp_path / "notlast.yaml"
    path.write_text(
        "catalogue: {title: Not last, schema: 1}\n"
        "papers:\n"
        "- key: ho2020denoising\n"
        "  title: Denoising Diffusion Probabilistic Models\n"
        "  authors: [Jonathan Ho]\n"
        "  year: 2020\n"
        "  type: inproceedings\n"
        '  ids: {arxiv: "2006.11239"}\n'
        "  category: diffusion\n"
        "# categories after the papers\n"
        "categories:\n"
        "- id: diffusion\n"
        "  name: Diffusion\n",
        encoding="utf-8",
    )
    before = path.read_text(encoding="utf-8")
    CatalogueFile(path).import_files(DATA / "odd-layout-duplicate.bib", on_duplicate="merge")
    after = path.read_text(encoding="utf-8")
    added = added_lines(before, after)
    assert added[-3:] == [
        "- id: uncategorised\n",
        "  name: Uncategorised\n",
        "  description: Papers imported without a category.\n",
    ]
    assert "  category: uncategorised\n# categories after the papers\ncategories:\n" in after
    assert [p.key for p in Catalogue.load(path, use_cache=False).papers] == ["ho2020denoising", "new2024"]


def test_a_duplicate_of_a_paper_added_by_the_same_import_is_merged_into_it(tmp_path):
    bib = tmp_path / "twice.bib"
    bib.write_text(
        "@article{first, author = {Ann Smith}, title = {One Work}, journal = {J}, year = {2020}}\n"
        "@article{second, author = {Ann Smith}, title = {One Work}, journal = {J}, year = {2020},"
        " pages = {1--9}}\n",
        encoding="utf-8",
    )
    path = tmp_path / "list.yaml"
    path.write_text(
        "catalogue: {title: T, schema: 1}\npapers:\n- key: old2019\n  title: Old\n  year: 2019\n"
        "  type: article\n  category: uncategorised\n",
        encoding="utf-8",
    )
    result = CatalogueFile(path).import_files(bib, on_duplicate="merge")
    assert [(p.key, p.pages, p.aliases) for p in result.added] == [("first", "1-9", ("second",))]
    work = Catalogue.load(path, use_cache=False).get("second")
    assert (work.key, work.pages) == ("first", "1-9")
