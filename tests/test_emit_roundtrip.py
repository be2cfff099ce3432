"""Every field `add`, `set` and `tag` write reads back as the value meant, whatever the text."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sora_refs.editing.emit import field_text, mapping_text
from sora_refs.editing.splice import CatalogueText, as_list_item
from sora_refs.models import PAPER_FIELDS

TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300)


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(["title", "summary", "notes", "venue", "publisher", "abstract", "url"]),
    value=TEXT,
    column=st.sampled_from([2, 4]),
)
def test_a_text_field_reads_back(name: str, value: str, column: int) -> None:
    assert yaml.safe_load(field_text(name, value, column)) == {name: value}


@settings(max_examples=150, deadline=None)
@given(values=st.lists(TEXT, max_size=6), name=st.sampled_from(["authors", "tags"]))
def test_a_list_field_reads_back(values: list[str], name: str) -> None:
    assert yaml.safe_load(field_text(name, values)) == {name: values}


@settings(max_examples=100, deadline=None)
@given(title=TEXT, summary=TEXT, year=st.integers(1600, 2100))
def test_an_appended_entry_leaves_the_others_and_reads_back(title: str, summary: str, year: int) -> None:
    head = '# kept\ncatalogue:\n  title: t\n  schema: 1\npapers:\n- key: a\n  title: "A"   # note\n'
    entry = {"key": "b", "title": title, "year": year, "summary": summary}
    text = CatalogueText(head).append_entry(mapping_text(entry))
    assert text.startswith(head)
    assert yaml.safe_load(text)["papers"] == [{"key": "a", "title": "A"}, entry]
    changed = CatalogueText(text).set_field(1, "summary", field_text("summary", title), PAPER_FIELDS)
    assert changed.startswith(head)
    assert yaml.safe_load(changed)["papers"][1]["summary"] == title
    assert yaml.safe_load(as_list_item(mapping_text(entry))) == [entry]
