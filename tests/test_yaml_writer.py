"""The fast writer of paper lists reads back as the same data (PyYAML as the judge)."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sora_refs.formats.yaml_ import dump_papers

SCALAR = st.one_of(st.text(max_size=30), st.integers(0, 3000), st.booleans())


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(st.sampled_from(["key", "title", "venue", "note", "year"]), SCALAR, min_size=1),
    st.lists(st.text(max_size=20), max_size=3),
    st.dictionaries(st.from_regex(r"[a-z]{1,6}", fullmatch=True), st.text(max_size=20), max_size=3),
)
def test_any_paper_mapping_reads_back_the_same(mapping, authors, extra):
    if authors:
        mapping["authors"] = authors
    if extra:
        mapping["extra"] = extra
    assert yaml.safe_load(dump_papers([mapping])) == [mapping]
    assert yaml.safe_load("papers:\n" + dump_papers([mapping, mapping], "  ")) == {"papers": [mapping, mapping]}


def test_words_yaml_would_read_as_something_else_are_quoted():
    text = dump_papers([{"title": "yes", "venue": "Null", "note": "2019", "key": "a: b", "pages": "OFF"}])
    assert yaml.safe_load(text) == [{"title": "yes", "venue": "Null", "note": "2019", "key": "a: b", "pages": "OFF"}]
    assert text == '- title: "yes"\n  venue: "Null"\n  note: "2019"\n  key: "a: b"\n  pages: "OFF"\n'
