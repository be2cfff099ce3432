"""Reading .bib text as BibTeX does: macros, #, comments, crossref, xdata, and broken blocks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sora_refs.bibtex.reader import read, resolve


def fields(text: str) -> dict[str, dict[str, str]]:
    reading = read(text, "t.bib")
    resolve(reading)
    return {entry.key: entry.fields for entry in reading.entries}


def problems(text: str) -> list[str]:
    reading = read(text, "t.bib")
    resolve(reading)
    return [str(p) for p in reading.problems]


def test_string_macros_joined_with_hash_and_quoted_and_braced_parts():
    text = (
        '@string{proc = "Proceedings of the"}\n@STRING(conf = proc # { Conference})\n'
        '@inproceedings{a, booktitle = conf # " on " # "Tests", year = 2020}'
    )
    assert fields(text)["a"] == {"booktitle": "Proceedings of the Conference on Tests", "year": "2020"}


def test_month_macros_are_predefined_and_case_blind():
    assert fields("@article{a, month = jan}\n@article{b, month = DEC # {~1}}") == {
        "a": {"month": "January"},
        "b": {"month": "December~1"},
    }


def test_an_undefined_macro_is_reported_and_kept_as_its_name():
    assert fields("@article{a, journal = nowhere}")["a"] == {"journal": "nowhere"}
    assert problems("\n@article{a, journal = nowhere}") == [
        (
            "line 2 (entry a): undefined macro 'nowhere' in field 'journal'; kept as its name "
            "(define it with @string, or give the file that does with --strings)"
        )
    ]


def test_macros_carry_over_from_one_file_to_the_next():
    reading = read('@string{j = "Journal of Tests"}', "strings.bib")
    read("@article{a, journal = j}", "refs.bib", reading)
    assert reading.entries[0].fields == {"journal": "Journal of Tests"} and not reading.problems


def test_percent_lines_are_comments_even_when_they_hold_an_entry():
    text = "% @article{gone, title = {x}}\n  %@misc{gone2}\n@misc{kept, title = {50\\% off}, % trailing\n}"
    assert fields(text) == {"kept": {"title": "50\\% off"}}
    assert problems(text) == []


def test_comment_and_preamble_blocks_are_skipped():
    text = '@comment{@article{no, title={x}}}\n@preamble{"\\newcommand{\\x}{}"}\n@misc{yes, title={T}}'
    assert list(fields(text)) == ["yes"]


def test_crossref_children_inherit_what_they_lack_and_the_title_becomes_booktitle():
    text = (
        "@inproceedings{child, title = {Child}, pages = {1--2}, crossref = {Parent}}\n"
        "@proceedings{parent, title = {The Proceedings}, year = 2022, editor = {Ed, A.}, pages = {no}}"
    )
    assert fields(text)["child"] == {
        "title": "Child",
        "pages": "1--2",
        "booktitle": "The Proceedings",
        "year": "2022",
        "editor": "Ed, A.",
    }


def test_xdata_lends_fields_and_is_not_an_entry():
    text = "@xdata{pub, publisher = {ACM}, address = {New York}}\n@article{a, title = {T}, xdata = {pub}}"
    assert fields(text) == {"a": {"title": "T", "publisher": "ACM", "address": "New York"}}


def test_a_missing_crossref_parent_is_reported_and_the_field_kept():
    assert fields("@article{a, crossref = {nowhere}}")["a"] == {"crossref": "nowhere"}
    assert problems("@article{a, crossref = {nowhere}}") == [
        "line 1 (entry a): crossref 'nowhere' is not in the file(s) read; its fields could not be inherited"
    ]


def test_unbalanced_braces_lose_one_block_and_keep_the_rest():
    text = (
        "@article{one, title = {A}}\n\n@article{two, title = {B {unclosed}, year = 2020,\n}\n\n"
        "@article{three, title={C}}"
    )
    assert list(fields(text)) == ["one", "three"]
    assert problems(text) == [
        (
            "line 3: cannot read this block (unbalanced braces: a { without its } "
            "(or the reverse)): '@article{two, title = {B {unclosed}, year = 2020,'"
        )
    ]


def test_a_field_given_twice_keeps_the_first_and_says_so():
    assert fields("@article{a, year = 2020, year = 2021}")["a"] == {"year": "2020"}
    assert problems("@article{a, year = 2020, year = 2021}") == [
        "line 1 (entry a): field 'year' given twice; the first value is kept, the second ('2021') is not"
    ]


def test_a_key_used_twice_keeps_both_entries():
    reading = read("@article{a, title={1}}\n@article{A, title={2}}", "t.bib")
    assert [(e.key, e.fields["title"]) for e in reading.entries] == [("a", "1"), ("A", "2")]
    assert reading.problems == []


@pytest.mark.parametrize(
    "text",
    [
        "@",
        "@article",
        "@article{",
        "@article{a,",
        "@article{a, title = ",
        '@article{a, title = "x',
        "@article{a, title = {x}",
        "}}}{{{",
        "@string{",
        "@article(a, title = {x}",
    ],
)
def test_truncated_input_never_raises(text):
    reading = read(text, "t.bib")
    resolve(reading)
    assert reading.entries == [] or reading.entries[0].key == "a"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('@{}()"#%=, \nabc12')), max_size=80))
def test_any_text_reads_without_raising(text):
    reading = read(text, "t.bib")
    resolve(reading)
    assert all(entry.key for entry in reading.entries)
