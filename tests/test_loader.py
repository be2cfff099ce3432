"""Loading and validating catalogue files: valid ones, and each class of broken one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sora_refs import Catalogue, CatalogueError
from sora_refs.reading.loader import load_bytes

BROKEN = Path(__file__).parent / "data" / "catalogues" / "broken"


def problems_of(name: str) -> list[str]:
    with pytest.raises(CatalogueError) as info:
        Catalogue.load(BROKEN / name, use_cache=False)
    return [str(p) for p in info.value.problems]


def test_small_catalogue_loads_with_awkward_content(data_dir: Path) -> None:
    cat = Catalogue.load(data_dir / "catalogues" / "small.yaml", use_cache=False)
    assert len(cat) == 4
    assert cat.sections == ()
    dinh = cat.get("DBLP:journals/corr/Dinh16")
    assert dinh.authors[1] == "Jascha Sohl-Dickstein"
    assert cat.get("rezende2015variational").volume == "37"  # an unquoted number is accepted as text
    assert cat.get("muller2020unicode").authors[2] == "Zoë O'Brien-Núñez"
    assert cat.get("1505.05770").key == "rezende2015variational"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("unknown-key.yaml", ["unknown-key.yaml:11: paper #1 (key a2020x): field 'abstarct': unknown key in a paper"]),
        (
            "missing-and-types.yaml",
            [
                "missing-and-types.yaml:4: paper #1 (key a2020x): field 'title': missing",
                "missing-and-types.yaml:5: paper #1 (key a2020x): field 'authors': expected a list of author names, "
                "found a single string",
                "missing-and-types.yaml:6: paper #1 (key a2020x): field 'year': expected a year, "
                "found the string '2020'",
                "missing-and-types.yaml:12: paper #2 (key b2021y): field 'authors': item 2 is 'et al.'",
                "missing-and-types.yaml:13: paper #2 (key b2021y): field 'year': 3020 is out of range",
                "missing-and-types.yaml:15: paper #2 (key b2021y): field 'type': 'journal' is not a known type",
            ],
        ),
        (
            "duplicates.yaml",
            [
                "duplicates.yaml:13: paper #2 (ref 1, key Same2020Key): field 'ref': duplicate ref 1",
                "duplicates.yaml:14: paper #2 (ref 1, key Same2020Key): field 'key': duplicate citekey 'same2020key'",
                "duplicates.yaml:21: paper #2 (ref 1, key Same2020Key): field 'ids.arxiv': duplicate arXiv id",
            ],
        ),
        (
            "bad-refs.yaml",
            [
                "bad-refs.yaml:11: paper #1 (key a2020x): field 'category': unknown category 'difusion' "
                "(did you mean 'diffusion'?)",
                "bad-refs.yaml:12: paper #1 (key a2020x): field 'section': unknown section 'data-patch' "
                "(did you mean 'data-patches'?)",
                "bad-refs.yaml:14: paper #1 (key a2020x): field 'ids.arxiv': expected an arXiv identifier as a quoted "
                "string, found a number with a fraction 2010.1192",
                "bad-refs.yaml:15: paper #1 (key a2020x): field 'ids.doi': 'https://doi.org/10.1109/CVPR.2018.00165' "
                "is not a DOI",
                "bad-refs.yaml:23: paper #2 (key b2020y): field 'ids.arxiv': '2010.11929v2' has a version suffix "
                "(write '2010.11929')",
                "bad-refs.yaml:24: paper #2 (key b2020y): field 'url': 'www.example.org' is not an http(s) URL",
            ],
        ),
        ("duplicate-field.yaml", ["duplicate-field.yaml:8: field 'title': appears twice in the same mapping"]),
        (
            "tabs.yaml",
            [
                "tabs.yaml:4: is not valid YAML: found a tab character that violates indentation "
                "(indent with spaces, not tabs)"
            ],
        ),
        ("syntax.yaml", ["syntax.yaml:6: is not valid YAML"]),
        ("latin1.yaml", ["latin1.yaml:1: is not UTF-8 text (byte 0xe9 at offset 23) (save the file as UTF-8)"]),
        (
            "empty.yaml",
            [
                "empty.yaml: expected a mapping with the keys catalogue, sections, categories, papers, "
                "found an empty file"
            ],
        ),
        ("list.yaml", ["list.yaml:1: expected a mapping"]),
        (
            "future-schema.yaml",
            [
                "future-schema.yaml:1: catalogue header: field 'schema': this file uses format "
                "version 2; this sora-refs reads version 1 (upgrade sora-refs)"
            ],
        ),
        ("python-tag.yaml", ["python-tag.yaml:3: is not valid YAML: could not determine a constructor"]),
        (
            "control-char.yaml",
            [
                "control-char.yaml:4: is not valid YAML text: control characters are not allowed "
                "(U+0007) (remove control characters from the file)"
            ],
        ),
        ("binary.yaml", ["binary.yaml: is a binary file, not YAML text"]),
    ],
)
def test_each_class_of_broken_file_is_named_with_line_entry_and_field(name: str, expected: list[str]) -> None:
    found = problems_of(name)
    assert len(found) == len(expected), found
    for message, prefix in zip(found, expected):
        assert message.startswith(str(BROKEN / prefix.split(":")[0]) + prefix[len(prefix.split(":")[0]) :]), message


def test_alias_bomb_is_rejected_without_expanding_it() -> None:
    found = problems_of("alias-bomb.yaml")
    assert any("field 'authors': item 1 is a list" in p for p in found)


def test_missing_file_and_directory() -> None:
    with pytest.raises(CatalogueError, match="no such file"):
        Catalogue.load("/nonexistent/refs.yaml")
    with pytest.raises(CatalogueError, match="is not a file"):
        Catalogue.load(BROKEN)


def test_cache_is_used_and_never_trusted_blindly(tmp_path: Path, data_dir: Path, monkeypatch) -> None:
    from sora_refs.reading import cache

    monkeypatch.setenv("SORA_REFS_CACHE_DIR", str(tmp_path / "cache"))
    target = tmp_path / "cat.yaml"
    target.write_bytes((data_dir / "catalogues" / "small.yaml").read_bytes())
    first = Catalogue.load(target)
    entries = list((tmp_path / "cache" / "catalogues").iterdir())
    assert len(entries) == 1
    assert Catalogue.load(target).papers == first.papers  # served from the cache

    entries[0].write_bytes(b"\x00garbage")  # a corrupt cache entry is ignored and rebuilt
    assert Catalogue.load(target).papers == first.papers
    assert cache.read(target, os.stat(target)) is not None

    # An edited file is parsed again, even when the cache says otherwise.
    target.write_text(target.read_text(encoding="utf-8").replace("Auto-Encoding", "Auto-encoding"), encoding="utf-8")
    assert Catalogue.load(target).get("kingma2014auto").title == "Auto-encoding Variational Bayes"
    target.write_text("papers: [", encoding="utf-8")
    with pytest.raises(CatalogueError):
        Catalogue.load(target)


def test_from_data_validates_like_a_file() -> None:
    with pytest.raises(CatalogueError, match="field 'title': missing"):
        Catalogue.from_data(
            {
                "catalogue": {"title": "x", "schema": 1},
                "papers": [{"key": "a", "authors": ["A"], "year": 2020, "venue": "X", "type": "misc", "category": "c"}],
            }
        )


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash_the_loader(data: bytes) -> None:
    try:
        load_bytes(data, "fuzz.yaml")
    except CatalogueError as error:
        assert all(str(p).startswith("fuzz.yaml") for p in error.problems)


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
        max_leaves=30,
    )
)
def test_arbitrary_structures_are_reported_not_crashed_on(raw: object) -> None:
    import yaml

    text = yaml.safe_dump({"catalogue": {"title": "t", "schema": 1}, "papers": [raw]})
    try:
        load_bytes(text.encode(), "fuzz.yaml")
    except CatalogueError as error:
        assert error.problems


def test_folded_chinese_lines_join_without_a_space(tmp_path):
    """A hand-wrapped Chinese summary reads as one sentence: YAML's fold between two Han
    characters or beside full-width punctuation adds no space; Latin words keep theirs."""
    from sora_refs import Catalogue

    path = tmp_path / "zh.yaml"
    path.write_text(
        "catalogue: {title: t, schema: 1}\n"
        "papers:\n"
        "  - key: a2020b\n"
        "    title: T\n"
        "    authors: [A B]\n"
        "    year: 2020\n"
        "    venue: arXiv\n"
        "    type: preprint\n"
        "    category: x\n"
        "    summary_zh: >-\n"
        "      该文用 LSTM 编码器重建视频\n"
        "      片段，并预测后续帧。\n"
        "      Sora 把它列为早期代表，\n"
        "      并引用 DiT\n"
        "      作为架构来源。\n",
        encoding="utf-8",
    )
    paper = Catalogue.load(path, use_cache=False).get("a2020b")
    assert paper.summary_zh == (
        "该文用 LSTM 编码器重建视频片段，并预测后续帧。Sora 把它列为早期代表，并引用 DiT 作为架构来源。"
    )
