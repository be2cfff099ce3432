"""The bundled catalogue itself: complete, consistent with the report, and with the article's mind map."""

from __future__ import annotations

from collections import Counter

from sora_refs.models import PaperType

# The report's reference list: venue and year as cited (checked by hand against copies of the report).
CITED = {
    1: ("ICML", 2015),
    2: ("arXiv", 2017),
    3: ("arXiv", 2018),
    4: ("NeurIPS", 2016),
    5: ("CVPR", 2018),
    6: ("arXiv", 2019),
    7: ("NeurIPS", 2022),
    8: ("arXiv", 2021),
    9: ("ECCV", 2022),
    10: ("arXiv", 2022),
    11: ("CVPR", 2023),
    12: ("arXiv", 2023),
    13: ("NeurIPS", 2017),
    14: ("NeurIPS", 2020),
    15: ("arXiv", 2020),
    16: ("ICCV", 2021),
    17: ("CVPR", 2022),
    18: ("arXiv", 2023),
    19: ("CVPR", 2022),
    20: ("arXiv", 2013),
    21: ("ICML", 2015),
    22: ("NeurIPS", 2020),
    23: ("ICML", 2021),
    24: ("NeurIPS", 2021),
    25: ("NeurIPS", 2022),
    26: ("ICCV", 2023),
    27: ("ICML", 2020),
    28: ("ICML", 2021),
    29: ("arXiv", 2022),
    30: ("OpenAI", 2023),
    31: ("arXiv", 2022),
    32: ("arXiv", 2021),
}

# The article's mind map (shared/seed/OUTLINE.md): ref ranges -> (section, category).
MIND_MAP = [
    (range(1, 4), "video-generation", "rnn"),
    (range(4, 8), "video-generation", "gan"),
    (range(8, 10), "video-generation", "autoregressive-transformer"),
    (range(10, 13), "video-generation", "diffusion"),
    (range(13, 15), "llm-ideas", "llm"),
    (range(15, 19), "data-patches", "patches"),
    (range(19, 21), "data-compression", "compression"),
    (range(21, 26), "learning-method", "diffusion"),
    (range(26, 27), "architecture", "diffusion"),
    (range(27, 30), "architecture", "autoregressive-transformer"),
    (range(30, 33), "captioning", "recaptioning"),
]


def test_all_32_references_in_order(bundled) -> None:
    assert [p.ref for p in bundled] == list(range(1, 33))
    assert [c.id for c in bundled.categories] == [
        "rnn",
        "gan",
        "autoregressive-transformer",
        "diffusion",
        "llm",
        "patches",
        "compression",
        "recaptioning",
    ]


def test_cited_as_the_report_gives_them(bundled) -> None:
    assert {p.ref: (p.cited.venue, p.cited.year) for p in bundled} == CITED


def test_mind_map_sections_and_categories(bundled) -> None:
    for refs, section, category in MIND_MAP:
        for ref in refs:
            paper = bundled.get(ref)
            assert (paper.section, paper.category) == (section, category), ref


def test_every_entry_is_complete(bundled) -> None:
    for paper in bundled:
        assert paper.venue_full and paper.summary and paper.summary_zh, paper.key
        assert paper.url and paper.pdf_url and paper.tags, paper.key
        assert paper.key.isascii() and paper.key == paper.key.lower(), paper.key
        assert str(paper.year) in paper.key, paper.key
        assert sum(0x4E00 <= ord(c) <= 0x9FFF for c in paper.summary_zh) >= 20, paper.key  # really Chinese
        if paper.type is PaperType.INPROCEEDINGS and paper.venue != "ICLR":  # ICLR 2014 had no publisher
            assert paper.publisher, paper.key
        if paper.venue == "arXiv":
            assert paper.type is PaperType.PREPRINT and paper.ids.arxiv, paper.key
        assert "et al" not in " ".join(paper.authors)


def test_published_versions_the_issue_names(bundled) -> None:
    dit = bundled.get(26)
    assert (dit.venue, dit.year) == ("ICCV", 2023)
    vit = bundled.get(15)
    assert (vit.venue, vit.year, vit.cited.venue, vit.cited.year) == ("ICLR", 2021, "arXiv", 2020)
    assert Counter(p.venue for p in bundled)["arXiv"] == 5


def test_names_keep_their_diacritics(bundled) -> None:
    authors = {a for p in bundled for a in p.authors}
    assert {"Jürgen Schmidhuber", "Łukasz Kaiser", "Piotr Dollár", "Mario Lučić"} <= authors


# --- Chinese text -------------------------------------------------------------------------

import re  # noqa: E402

_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_WIDE_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20"
# A space between two Han characters, or beside full-width punctuation: what a YAML fold leaves.
_STRAY_SPACE = re.compile(f"[{_HAN}] +[{_HAN}]|[{_WIDE_PUNCT}] +| +[{_WIDE_PUNCT}]")


def _chinese_fields(bundled):
    for paper in bundled.papers:
        yield f"ref {paper.ref} summary_zh", paper.summary_zh
    for group in (*bundled.sections, *bundled.categories):
        yield f"{group.id} name_zh", group.name_zh


def test_chinese_fields_have_no_stray_spaces(bundled):
    found = [(where, m.group()) for where, text in _chinese_fields(bundled) for m in _STRAY_SPACE.finditer(text or "")]
    assert found == []


def test_chinese_fields_in_the_file_itself_have_no_stray_spaces(bundled):
    """The file is clean as written, not only once the loader has joined its folds: other tools
    (PyYAML, a code host's preview, the web page's embedded data) read it as it is."""
    import yaml

    raw = yaml.safe_load(bundled.path.read_text(encoding="utf-8"))
    fields = [(p["key"], p.get("summary_zh")) for p in raw["papers"]]
    fields += [(g["id"], g.get("name_zh")) for g in raw.get("sections", []) + raw.get("categories", [])]
    found = [(where, m.group()) for where, text in fields for m in _STRAY_SPACE.finditer(text or "")]
    assert found == []


def test_chinese_fields_use_full_width_quotes(bundled):
    # Chinese prose quotes with “ ”; a straight quote in it is a slip of the keyboard.
    assert [where for where, text in _chinese_fields(bundled) if '"' in (text or "")] == []


def test_one_chinese_term_per_concept(bundled):
    """Patches are 图像块 and captions 描述 in category names, section names and summaries alike."""
    texts = dict(_chinese_fields(bundled))
    assert bundled.category("patches").name_zh == "图像块"
    assert "图像块" in bundled.section("data-patches").name_zh
    assert bundled.category("recaptioning").name_zh == "重新描述"
    assert "描述" in bundled.section("captioning").name_zh
    for where, text in texts.items():
        for other in ("补丁", "图块", "字幕", "重标注"):
            assert other not in (text or "").replace("图像块", ""), (where, other)
    assert sum("图像块" in texts[f"ref {ref} summary_zh"] for ref in range(15, 19)) == 4
