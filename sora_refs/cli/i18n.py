"""Labels of the terminal views in English and Chinese."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "ref": "Ref",
        "key": "Key",
        "title": "Title",
        "authors": "Authors",
        "author": "Author",
        "venue": "Venue",
        "year": "Year",
        "category": "Category",
        "section": "Section",
        "type": "Type",
        "published": "Published",
        "cited": "Cited as",
        "ids": "Identifiers",
        "links": "Links",
        "tags": "Tags",
        "summary": "Summary",
        "notes": "Notes",
        "papers": "papers",
        "paper": "paper",
        "count": "Count",
        "share": "Share",
        "volume": "Volume",
        "pages": "Pages",
        "publisher": "Publisher",
        "landing": "Page",
        "pdf": "PDF",
        "et_al": "et al.",
        "none": "none",
        "no_year": "no year",
        "status": "Status",
        "my_tags": "My tags",
        "my_note": "My note",
        "to-read": "to-read",
        "reading": "reading",
        "read": "read",
        "aliases": "Also keyed",
        "editors": "Editors",
        "note": "Note",
        "abstract": "Abstract",
        "keywords": "Keywords",
        "files": "Local files",
        "extra": "Other fields",
    },
    "zh": {
        "ref": "编号",
        "key": "引用键",
        "title": "标题",
        "authors": "作者",
        "author": "作者",
        "venue": "出处",
        "year": "年份",
        "category": "类别",
        "section": "板块",
        "type": "类型",
        "published": "正式发表",
        "cited": "报告引用为",
        "ids": "标识符",
        "links": "链接",
        "tags": "标签",
        "summary": "简介",
        "notes": "备注",
        "papers": "篇论文",
        "paper": "篇论文",
        "count": "数量",
        "share": "占比",
        "volume": "卷",
        "pages": "页码",
        "publisher": "出版方",
        "landing": "主页",
        "pdf": "PDF",
        "et_al": "等",
        "none": "无",
        "no_year": "无年份",
        "status": "阅读状态",
        "my_tags": "我的标签",
        "my_note": "我的笔记",
        "to-read": "待读",
        "reading": "在读",
        "read": "已读",
        "aliases": "其他引用键",
        "editors": "编者",
        "note": "附注",
        "abstract": "摘要",
        "keywords": "关键词",
        "files": "本地文件",
        "extra": "其他字段",
    },
}


def label(name: str, lang: str = "en") -> str:
    """The label ``name`` in ``lang`` (English where no translation exists)."""
    if name in MESSAGES["en"]:
        return message(name, lang)
    return LABELS.get(lang, LABELS["en"]).get(name) or LABELS["en"].get(name, name)


MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "no_match": "No paper matches these filters.",
        "no_search_match": "No paper matches this search.",
        "not_found_ref": "no paper with ref {value} ({span})",
        "refs_span": "refs run from {low} to {high}",
        "no_refs": "this catalogue has no ref numbers",
        "not_found_arxiv": "no paper with arXiv id {value}",
        "not_found_key": "no paper with key {value!r}; {hint}",
        "not_found_hint": "give a ref number, a citekey or an arXiv id",
        "did_you_mean": "did you mean {guess}?",
        "global_option": "No such option '{option}' for '{command}': global options go before the command, "
        "as in: {example}",
        "search_filter": "'search' has no option '{option}': filter inside the query, as in: {example}",
        "search_dash": "'{word}' is not an option: to leave out papers with a word, quote the whole query or put "
        "the words after --, as in: {quoted} or {dashes}",
        "search_dash_only": "'{word}' is not an option: to search for papers without a word, put it after --, "
        "as in: {dashes}",
        "renamed_option": "No such option '{option}' for '{command}': {hint}",
        "dry_run_short": "'-n' means --limit in list, search and export; a dry run is --dry-run",
        "comma": "{value!r} is not one {what}: to give several, repeat the option, as in: {example}",
        "top_ignored": "--top is ignored with --cross (the table keeps every row and column).",
    },
    "zh": {
        "no_match": "没有符合筛选条件的论文。",
        "no_search_match": "没有符合搜索条件的论文。",
        "not_found_ref": "没有编号为 {value} 的论文（{span}）",
        "refs_span": "编号范围为 {low}–{high}",
        "no_refs": "此目录中的论文没有编号",
        "not_found_arxiv": "没有 arXiv 编号为 {value} 的论文",
        "not_found_key": "没有引用键为 {value!r} 的论文；{hint}",
        "not_found_hint": "请给出编号、引用键或 arXiv 编号",
        "did_you_mean": "您是想输入 {guess} 吗？",
        "global_option": "'{command}' 没有 '{option}' 选项：全局选项要写在命令之前，例如：{example}",
        "search_filter": "'search' 没有 '{option}' 选项：请在查询中筛选，例如：{example}",
        "search_dash": "'{word}' 不是选项：要排除含某个词的论文，请给整个查询加引号，或把查询词放在 -- 之后，"
        "例如：{quoted} 或 {dashes}",
        "search_dash_only": "'{word}' 不是选项：要查找不含某个词的论文，请把它放在 -- 之后，例如：{dashes}",
        "renamed_option": "'{command}' 没有 '{option}' 选项：{hint}",
        "dry_run_short": "'-n' 在 list、search 和 export 中表示 --limit；试运行请用 --dry-run",
        "comma": "{value!r} 不是单个{what}：要给出多个，请重复该选项，例如：{example}",
        "top_ignored": "--top 与 --cross 一起使用时不起作用（交叉表保留所有行和列）。",
    },
}
"""Sentences the user meets most (nothing found, not found, usage hints), in English and Chinese."""


def message(name: str, lang: str = "en", **values: object) -> str:
    """The message ``name`` in ``lang`` (English where no translation exists), filled with ``values``."""
    template = MESSAGES.get(lang, MESSAGES["en"]).get(name) or MESSAGES["en"][name]
    return template.format(**values)


def year_text(year: int | None, lang: str = "en") -> str:
    """A year as digits, or ``no year`` (``无年份``) for a paper that has none."""
    return label("no_year", lang) if year is None else str(year)


def venue_year(venue: str | None, year: int | None, lang: str = "en") -> str:
    """``NeurIPS 2017``, ``NeurIPS`` (no year), ``2017`` (no venue), or ``no year``."""
    return f"{venue} {year}" if venue and year is not None else venue or year_text(year, lang)
