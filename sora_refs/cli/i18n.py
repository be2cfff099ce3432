"""Labels of the terminal views in English and Chinese."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "ref": "Ref", "key": "Key", "title": "Title", "authors": "Authors", "author": "Author",
        "venue": "Venue", "year": "Year", "category": "Category", "section": "Section", "type": "Type",
        "published": "Published", "cited": "Cited as", "ids": "Identifiers", "links": "Links",
        "tags": "Tags", "summary": "Summary", "notes": "Notes", "papers": "papers", "paper": "paper", "count": "Count",
        "share": "Share", "volume": "Volume", "pages": "Pages", "publisher": "Publisher",
        "landing": "Page", "pdf": "PDF", "et_al": "et al.", "none": "none",
        "no_match": "No paper matches these filters.",
    },
    "zh": {
        "ref": "编号", "key": "引用键", "title": "标题", "authors": "作者", "author": "作者",
        "venue": "出处", "year": "年份", "category": "类别", "section": "板块", "type": "类型",
        "published": "正式发表", "cited": "报告引用为", "ids": "标识符", "links": "链接",
        "tags": "标签", "summary": "简介", "notes": "备注", "papers": "篇论文", "paper": "篇论文", "count": "数量",
        "share": "占比", "volume": "卷", "pages": "页码", "publisher": "出版方",
        "landing": "主页", "pdf": "PDF", "et_al": "等", "none": "无",
        "no_match": "没有符合筛选条件的论文。",
    },
}


def label(name: str, lang: str = "en") -> str:
    """The label ``name`` in ``lang`` (English where no translation exists)."""
    return LABELS.get(lang, LABELS["en"]).get(name) or LABELS["en"].get(name, name)
