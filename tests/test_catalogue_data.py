"""The bundled catalogue itself: complete, consistent with the report, and with the article's mind map."""

from __future__ import annotations

from collections import Counter

from sora_refs.models import PaperType

# The report's reference list: venue and year as cited (checked by hand against copies of the report).
CITED = {
    1: ("ICML", 2015), 2: ("arXiv", 2017), 3: ("arXiv", 2018), 4: ("NeurIPS", 2016), 5: ("CVPR", 2018),
    6: ("arXiv", 2019), 7: ("NeurIPS", 2022), 8: ("arXiv", 2021), 9: ("ECCV", 2022), 10: ("arXiv", 2022),
    11: ("CVPR", 2023), 12: ("arXiv", 2023), 13: ("NeurIPS", 2017), 14: ("NeurIPS", 2020), 15: ("arXiv", 2020),
    16: ("ICCV", 2021), 17: ("CVPR", 2022), 18: ("arXiv", 2023), 19: ("CVPR", 2022), 20: ("arXiv", 2013),
    21: ("ICML", 2015), 22: ("NeurIPS", 2020), 23: ("ICML", 2021), 24: ("NeurIPS", 2021), 25: ("NeurIPS", 2022),
    26: ("ICCV", 2023), 27: ("ICML", 2020), 28: ("ICML", 2021), 29: ("arXiv", 2022), 30: ("OpenAI", 2023),
    31: ("arXiv", 2022), 32: ("arXiv", 2021),
}

# The article's mind map (shared/seed/OUTLINE.md): ref ranges -> (section, category).
MIND_MAP = [
    (range(1, 4), "video-generation", "rnn"), (range(4, 8), "video-generation", "gan"),
    (range(8, 10), "video-generation", "autoregressive-transformer"), (range(10, 13), "video-generation", "diffusion"),
    (range(13, 15), "llm-ideas", "llm"), (range(15, 19), "data-patches", "patches"),
    (range(19, 21), "data-compression", "compression"), (range(21, 26), "learning-method", "diffusion"),
    (range(26, 27), "architecture", "diffusion"), (range(27, 30), "architecture", "autoregressive-transformer"),
    (range(30, 33), "captioning", "recaptioning"),
]


def test_all_32_references_in_order(bundled) -> None:
    assert [p.ref for p in bundled] == list(range(1, 33))
    assert [c.id for c in bundled.categories] == ["rnn", "gan", "autoregressive-transformer", "diffusion", "llm",
                                                 "patches", "compression", "recaptioning"]


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
