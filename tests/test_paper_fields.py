"""Paper's fields are declared once; slots, constructor, as_dict, file order and cache columns follow."""

from __future__ import annotations

import pickle

import pytest

from sora_refs import Catalogue
from sora_refs.models import PAPER_FIELDS, Cited, Ids, Paper, PaperType
from sora_refs.reading import cache
from sora_refs.record import FrozenError, Record


def every_field_set() -> Paper:
    """A paper where each field holds a value no other field could hold."""
    return Paper(
        ref=7,
        key="key2020word",
        title="A Title",
        authors=("Ada Lovelace", "{ACME Team}"),
        year=2020,
        venue="NeurIPS",
        venue_full="Advances in NeurIPS",
        type=PaperType.INPROCEEDINGS,
        volume="33",
        pages="1--9",
        publisher="Curran",
        cited=Cited("arXiv", 2019),
        ids=Ids("2001.00001", "10.1/x", "cs.LG"),
        url="https://example.org/paper",
        pdf="https://example.org/paper.pdf",
        category="gan",
        section="models",
        tags=("one", "two"),
        summary="An English summary.",
        summary_zh="中文摘要。",
        notes="A curator's note.",
        aliases=("Old.Key*1",),
        authors_truncated=True,
        editors=("Ed Itor",),
        month=11,
        number="8",
        address="Cambridge",
        series="LNCS",
        edition="2nd",
        isbn="978-3-16-148410-0",
        organization="IMLS",
        files=("/tmp/paper.pdf",),
        keywords=("memory", "networks"),
        abstract="An abstract.",
        note="To appear",
        extra={"urldate": "2024-01-01"},
    )


def test_the_declared_order_is_the_file_order_and_as_dict_follows_it() -> None:
    assert PAPER_FIELDS == Paper._declared
    assert PAPER_FIELDS[:4] == ("ref", "key", "aliases", "title")
    assert list(every_field_set().as_dict()) == list(PAPER_FIELDS)
    assert set(Paper._fields) == set(PAPER_FIELDS) == set(Paper.__slots__)


def test_the_constructor_takes_required_fields_first_then_the_rest_by_position_or_keyword() -> None:
    paper = every_field_set()
    assert Paper(*paper.as_tuple()) == paper
    assert Paper._fields[:5] == ("key", "title", "authors", "type", "category")  # year may be absent
    assert pickle.loads(pickle.dumps(paper)) == paper
    with pytest.raises(FrozenError):
        paper.title = "changed"  # type: ignore[misc]


def test_every_field_survives_the_cache_in_its_own_column(tmp_path, monkeypatch) -> None:
    """A column out of place would put one field's value in another: every value here is distinct."""
    monkeypatch.setenv("SORA_REFS_CACHE_DIR", str(tmp_path / "cache"))
    paper = every_field_set()
    other = paper.replace(key="other2021", ref=8, cited=None, ids=Ids(), tags=())
    thawed = cache._thaw_papers(cache._freeze_papers((paper, other)))
    assert thawed == [paper, other]
    assert [p.as_dict() for p in thawed] == [paper.as_dict(), other.as_dict()]


def test_the_bundled_catalogue_reads_the_same_from_the_cache(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SORA_REFS_CACHE_DIR", str(tmp_path / "cache"))
    first = Catalogue.load()  # parsed, then written to the cache
    assert list((tmp_path / "cache").rglob("*.marshal"))
    again = Catalogue.load()  # read back from it
    assert again.papers == first.papers


def test_a_new_record_needs_only_its_declaration() -> None:
    class Note(Record):
        text: str
        """What it says."""
        page: int | None = None
        """Where."""
        by: str
        """Who wrote it."""

    note = Note("hello", "me", 3)
    assert Note._fields == ("text", "by", "page") and Note._declared == ("text", "page", "by")
    assert note == Note(text="hello", by="me", page=3) and note.page == 3
    assert note.as_dict() == {"text": "hello", "page": 3, "by": "me"}
    assert note.replace(page=None) == Note("hello", "me")
    assert Note.__slots__ == ("text", "by", "page")
