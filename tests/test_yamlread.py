"""The event-stream reader gives exactly what PyYAML's safe loader gives, without a node tree."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sora_refs.reading.yamlread import StreamReader, key_lines

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str):
    """What the loader this reader replaces gives (libyaml's parser and the safe constructor)."""
    return yaml.load(text, Loader=LOADER)


CASES = [
    "a: 1\nb: 1.5\nc: yes\nd: off\ne: ~\nf: null\ng: '1'\nh: \"2\"\ni: 0x1F\nj: 1_000\nk: .inf\nl: 2024-02-15\n",
    "m: 2001-12-14t21:59:43.10-05:00\nn: -12\no: +3\np: 0o17\nq: 017\nr: 1:30\nt: ''\nu:\n",
    "base: &b {x: 1, y: 2}\nderived:\n  <<: *b\n  y: 3\nlist: [*b, *b]\nmulti:\n  <<: [*b, {z: 9}]\n",
    "text: >-\n  folded\n  lines\nlit: |\n  keep\n  lines\nplain: one\n  two three\n",
    "- top\n- level\n- [nested, {flow: mapping}]\n",
    "!!str 12: !!int '42'\nx: !!float 3\ny: !!bool 'true'\nz: !!null ''\n",
    "",
    "just a scalar\n",
    "papers:\n  - {key: a}\n  - key: b\n    n: 2\nafter: 1\n",
    "date: 2002-12-14\nwhen: 2001-12-14 21:59:43.10 -5\n",
]


@pytest.mark.parametrize("text", CASES)
def test_same_as_safe_load(text: str) -> None:
    assert StreamReader().read(text) == safe_load(text)


def test_papers_are_streamed_with_their_lines() -> None:
    seen = []
    reader = StreamReader(on_item=lambda i, item, line: seen.append((i, item, line)))
    data = reader.read("catalogue: {t: 1}\npapers:\n  - key: a\n  - key: b\n    x: [1]\n")
    assert data == {"catalogue": {"t": 1}, "papers": []}
    assert seen == [(0, {"key": "a"}, 3), (1, {"key": "b", "x": [1]}, 4)]


def test_duplicate_keys_are_recorded_with_lines() -> None:
    reader = StreamReader()
    assert reader.read("a: 1\nb: 2\na: 3\n") == {"a": 3, "b": 2}
    assert reader.duplicates == [("a", 3)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: !!python/object/apply:os.system [ls]\n", "could not determine a constructor"),
        ("a: *nope\n", "undefined alias"),
        ("a: 1\n---\nb: 2\n", "expected a single document"),
        ("a: !!set {x: null}\n", "could not determine a constructor"),
        ("{[1]: 2}\n", "unhashable"),
        ("v: =\n", "could not determine a constructor"),
    ],
)
def test_errors(text: str, message: str) -> None:
    with pytest.raises(yaml.YAMLError, match=message):
        StreamReader().read(text)


def test_key_lines() -> None:
    text = "catalogue:\n  title: T\npapers:\n  - key: a\n    title: A\n  - key: b\n    cited:\n      year: 1\n"
    lines = key_lines(text, {1})
    assert lines[("catalogue", "title")] == 2
    assert lines[("papers", 1, "cited", "year")] == 8
    assert ("papers", 0, "title") not in lines


scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text() | st.dates()
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10) | st.integers(), inner, max_size=5)
    ),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(documents, st.sampled_from([False, True]))
def test_round_trip_matches_safe_load(document: object, flow: bool) -> None:
    text = yaml.safe_dump(document, allow_unicode=True, default_flow_style=flow)
    assert StreamReader().read(text) == safe_load(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab:-[]{}&*!'\"\n #|>?,0123456789.~ny", max_size=60))
def test_arbitrary_text_fails_or_agrees_like_safe_load(text: str) -> None:
    try:
        expected = safe_load(text)
    except (yaml.YAMLError, TypeError, ValueError, RecursionError):
        with pytest.raises((yaml.YAMLError, TypeError, ValueError)):
            StreamReader().read(text)
        return
    assert StreamReader().read(text) == expected
