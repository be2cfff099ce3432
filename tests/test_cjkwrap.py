"""Chinese text wraps between characters; Latin words stay whole; punctuation keeps its place."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from sora_refs.cli.cjkwrap import wrap

SUMMARY = (
    "视觉 Transformer（ViT）把图像切成固定大小的图像块，将每个图像块嵌入为一个 token，再送入标准 "
    "Transformer 编码器；在足够大的数据上预训练后，其效果可比肩甚至超过 CNN。"
)


def test_breaks_between_characters_and_keeps_latin_words_whole() -> None:
    assert wrap(SUMMARY, 30) == [
        "视觉 Transformer（ViT）把图像",
        "切成固定大小的图像块，将每个图",
        "像块嵌入为一个 token，再送入标",
        "准 Transformer 编码器；在足够",
        "大的数据上预训练后，其效果可比",
        "肩甚至超过 CNN。",
    ]


def test_closing_punctuation_never_starts_a_line() -> None:
    lines = wrap("一二三四五，六七八九十。", 10)
    assert lines == ["一二三四", "五，六七八", "九十。"]


def test_a_latin_word_goes_down_whole_with_the_punctuation_after_it() -> None:
    # the closing bracket does not fit: "Gflops" goes down with it (and the opening bracket too),
    # where a character of the word used to go down alone ("Gflop" / "s）")
    assert wrap("一二三四五六计算量（Gflops）增加", 26) == ["一二三四五六计算量", "（Gflops）增加"]


def test_closing_punctuation_in_a_row_never_starts_a_line() -> None:
    # "）" fits, "。" does not: both go down with the character before them
    assert wrap("一二三四五六七（八）。九", 20) == ["一二三四五六七", "（八）。九"]


def test_a_word_longer_than_a_line_leaves_no_empty_line() -> None:
    assert wrap("a" * 30 + " 图像", 10) == ["a" * 10, "a" * 10, "a" * 10, "图像"]


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("图像块视觉，。（）“”ab cd efghij ")), max_size=200),
    st.integers(min_value=8, max_value=80),
)
def test_lines_fit_and_nothing_is_lost(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
