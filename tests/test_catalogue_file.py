"""CatalogueFile: a catalogue file changed from Python, as the editing commands change it."""

from __future__ import annotations

from pathlib import Path

import pytest

from sora_refs import Catalogue, CatalogueFile, Status, UsageError

HAND_KEPT = """\
# My reading list for the video-generation group.

catalogue:
  title: "Group reading list"
  schema: 1

categories:
  - id: transformers
    name: "Transformers"   # the attention papers

papers:
- key: dosovitskiy2021image
  title: "An Image is Worth 16x16 Words"
  authors: [Alexey Dosovitskiy, Lucas Beyer]
  year: 2021
  venue: ICLR
  type: inproceedings
  category: transformers
"""


@pytest.fixture
def kept(tmp_path: Path) -> Path:
    path = tmp_path / "reading-list.yaml"
    path.write_text(HAND_KEPT, encoding="utf-8")
    return path


def test_a_key_renamed_by_set_keeps_the_readers_status_and_note(kept: Path) -> None:
    catalogue = Catalogue.load(kept)
    catalogue.personal().set_status(["dosovitskiy2021image"], Status.READ)
    catalogue.personal().write_note("dosovitskiy2021image", "Patches of 16.")
    outcome = CatalogueFile(catalogue.path, catalogue).set("dosovitskiy2021image", key="vit2021")
    assert outcome.renamed == {"dosovitskiy2021image": "vit2021"}
    mine = Catalogue.load(kept).personal()
    assert (mine.status("vit2021"), mine.note("vit2021")) == (Status.READ, "Patches of 16.\n")
    assert mine.status("dosovitskiy2021image") is None


def test_without_the_catalogue_a_rename_still_carries_the_layer(kept: Path) -> None:
    Catalogue.load(kept).personal().set_status(["dosovitskiy2021image"], Status.READING)
    CatalogueFile(kept).set("dosovitskiy2021image", ["key=vit2021"])
    assert Catalogue.load(kept).personal().status("vit2021") is Status.READING


def test_keywords_and_field_texts_set_the_same_lines(kept: Path, tmp_path: Path) -> None:
    twin = tmp_path / "twin.yaml"
    twin.write_text(HAND_KEPT, encoding="utf-8")
    CatalogueFile(kept).set("dosovitskiy2021image", venue="NeurIPS", year=2020)
    CatalogueFile(twin).set("dosovitskiy2021image", ["venue=NeurIPS", "year=2020"])
    assert kept.read_text(encoding="utf-8") == twin.read_text(encoding="utf-8")
    assert kept.read_text(encoding="utf-8").startswith("# My reading list for the video-generation group.\n")


def test_an_unknown_field_is_refused_with_a_did_you_mean(kept: Path) -> None:
    with pytest.raises(UsageError, match="unknown field 'venu'; did you mean 'venue'"):
        CatalogueFile(kept).set("dosovitskiy2021image", venu="NeurIPS")
    assert kept.read_text(encoding="utf-8") == HAND_KEPT


def test_a_dry_run_writes_nothing_and_previews_what_add_would_write(kept: Path) -> None:
    entry = {"title": "World Models", "authors": ["David Ha"], "year": 2018, "venue": "arXiv", "type": "preprint"}
    outcome = CatalogueFile(kept).add([entry], category="transformers", dry_run=True)
    assert kept.read_text(encoding="utf-8") == HAND_KEPT
    assert outcome.backup is None
    (preview,) = CatalogueFile.preview(outcome)
    assert preview.startswith('- key: ha2018world\n  title: "World Models"\n')
    CatalogueFile(kept).add([entry], category="transformers")
    assert preview in kept.read_text(encoding="utf-8")


def test_current_is_none_for_a_file_not_yet_started(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    assert CatalogueFile(path).current() is None
    path.write_text("# Only a comment so far.\n", encoding="utf-8")
    assert CatalogueFile(path).current() is None


def test_the_bundled_catalogue_is_refused_however_named() -> None:
    for path in (None, Catalogue.bundled_path(), str(Catalogue.bundled_path())):
        with pytest.raises(UsageError, match="the bundled catalogue is never modified"):
            CatalogueFile(path)
