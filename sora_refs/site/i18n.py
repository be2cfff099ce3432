"""The page's own words in English and Chinese, and the statistics highlights as sentences.

The page switches language without a reload, so every string here is also embedded in the page
for its script; the catalogue's own words (category names, summaries) come from the catalogue.

The highlight sentences come from :mod:`sora_refs.stats.sentences`, shared with ``sora-refs stats``.
"""

from __future__ import annotations

from typing import Any

LANGS: tuple[str, ...] = ("en", "zh")
"""Languages the page speaks."""

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "lang_name": "English", "switch_lang": "中文", "switch_lang_label": "切换到中文 (switch to Chinese)",
        "tab_papers": "Papers", "tab_map": "Mind map", "tab_stats": "Statistics",
        "tabs_label": "Views of the catalogue",
        "search": "Search", "search_placeholder": "Title, author, topic… (typos are fine)",
        "filters": "Filters", "category": "Category", "section": "Section", "venue": "Venue",
        "year_from": "From year", "year_to": "To year", "all": "All", "any_year": "Any",
        "as_cited": "Venue and year as cited in the report", "reset": "Clear search and filters",
        "copy_link": "Copy link to this view", "link_copied": "Link copied.",
        "count": "{shown} of {total} papers", "no_match": "No paper matches. Try fewer or shorter words, "
        "or clear the filters.",
        "col_ref": "Ref", "col_title": "Title", "col_authors": "Authors", "col_venue": "Venue",
        "col_year": "Year", "col_category": "Category", "sort_by": "Sort by {column}",
        "sorted_by": "Sorted by {column}, {direction}.", "ascending": "ascending", "descending": "descending",
        "details": "Details", "all_authors": "Authors", "published_in": "Published in",
        "cited_as": "Cited in the report as", "summary": "Summary", "links": "Links", "ids": "Identifiers",
        "tags": "Tags", "notes": "Curator's notes", "key": "Citekey",
        "landing": "Paper page", "pdf": "PDF", "doi": "DOI", "arxiv": "arXiv",
        "bibtex": "BibTeX", "copy_bibtex": "Copy BibTeX", "copied": "Copied to the clipboard.",
        "copy_failed": "Could not copy: select the text and press Ctrl+C.",
        "map_intro": "The sections of the report, the families of methods in each, and their papers. "
        "Select a paper to open it in the list.",
        "map_label": "Mind map of sections, categories and papers",
        "highlights": "Highlights", "by_venue": "Papers by venue", "by_year": "Papers by year",
        "series_cited": "as cited in the report", "series_published": "as published",
        "as_table": "Show the numbers as a table", "count_col": "Papers", "no_section": "(no section)",
        "footer": "A self-contained page made by sora-refs {version}: it loads nothing from the network, "
        "so it works offline and from any static host.",
        "source": "Source:", "stats_scope": "Counted over the {n} papers that match the search and filters.",
        "open_paper": "Open {title}",
        "loading": "Loading the papers…",
        "no_script": "This page needs JavaScript to list the papers.",
        "search_help": "Fields: author:ho year:2020-2022 venue:iclr category:gan tag:video; \"a phrase\"; "
        "gan OR rnn; -word leaves out. Typos and missing accents are forgiven.",
        "sort": "Order", "sort_best": "Best match",
        "copy_all": "Copy BibTeX of these {n} papers", "download_bib": "Download .bib",
        "bib_copied": "BibTeX of {n} papers copied.", "bib_downloaded": "{n} entries saved as {file}.",
        "show_more": "Show {n} more papers ({shown} of {total} shown)",
        "query_error": "The search is not understood: {message}",
        "et_al": "et al.", "and": "and",
        "map_papers": "{n} papers", "map_show_all": "Show all {n} in the list",
        "highlights_scope": "Counted over all {n} papers on this page.",
        "by_category": "Papers by category", "other_venues": "{n} other venues",
        "pdf_of": "PDF of {title}",
    },
    "zh": {
        "lang_name": "中文", "switch_lang": "English", "switch_lang_label": "Switch to English (切换到英文)",
        "tab_papers": "论文", "tab_map": "思维导图", "tab_stats": "统计",
        "tabs_label": "目录视图",
        "search": "搜索", "search_placeholder": "标题、作者、主题……（容许拼写错误）",
        "filters": "筛选", "category": "类别", "section": "板块", "venue": "出处",
        "year_from": "起始年份", "year_to": "截止年份", "all": "全部", "any_year": "不限",
        "as_cited": "出处与年份按报告引用", "reset": "清除搜索与筛选",
        "copy_link": "复制本视图链接", "link_copied": "链接已复制。",
        "count": "共 {total} 篇，显示 {shown} 篇", "no_match": "没有匹配的论文。试试更少或更短的词，或清除筛选。",
        "col_ref": "编号", "col_title": "标题", "col_authors": "作者", "col_venue": "出处",
        "col_year": "年份", "col_category": "类别", "sort_by": "按{column}排序",
        "sorted_by": "已按{column}{direction}排列。", "ascending": "升序", "descending": "降序",
        "details": "详情", "all_authors": "作者", "published_in": "发表于",
        "cited_as": "报告引用为", "summary": "简介", "links": "链接", "ids": "标识符",
        "tags": "标签", "notes": "整理者备注", "key": "引用键",
        "landing": "论文主页", "pdf": "PDF", "doi": "DOI", "arxiv": "arXiv",
        "bibtex": "BibTeX", "copy_bibtex": "复制 BibTeX", "copied": "已复制到剪贴板。",
        "copy_failed": "复制失败：请选中文本后按 Ctrl+C。",
        "map_intro": "报告的各个板块、每个板块中的方法类别及其论文。选择一篇论文即可在列表中打开它。",
        "map_label": "板块、类别与论文的思维导图",
        "highlights": "要点", "by_venue": "按出处统计", "by_year": "按年份统计",
        "series_cited": "按报告引用", "series_published": "按正式发表",
        "as_table": "以表格显示数字", "count_col": "论文数", "no_section": "（无板块）",
        "footer": "由 sora-refs {version} 生成的独立网页：不从网络加载任何内容，离线或放在任何静态主机上都能使用。",
        "source": "来源：", "stats_scope": "统计范围：符合搜索与筛选条件的 {n} 篇论文。",
        "open_paper": "打开 {title}",
        "loading": "正在载入论文……",
        "no_script": "本页需要 JavaScript 才能列出论文。",
        "search_help": "字段：author:ho year:2020-2022 venue:iclr category:gan tag:video；\"短语\"；"
        "gan OR rnn；-词 表示排除。容许拼写错误和省略重音符号。",
        "sort": "排序", "sort_best": "最佳匹配",
        "copy_all": "复制这 {n} 篇论文的 BibTeX", "download_bib": "下载 .bib",
        "bib_copied": "已复制 {n} 篇论文的 BibTeX。", "bib_downloaded": "已将 {n} 条记录保存为 {file}。",
        "show_more": "再显示 {n} 篇（已显示 {shown} / {total} 篇）",
        "query_error": "无法理解该搜索：{message}",
        "et_al": "等", "and": "和",
        "map_papers": "{n} 篇", "map_show_all": "在列表中显示全部 {n} 篇",
        "highlights_scope": "统计范围：本页全部 {n} 篇论文。",
        "by_category": "按类别统计", "other_venues": "其他 {n} 个出处",
        "pdf_of": "{title} 的 PDF",
    },
}
"""Every word of the page's own, by language; the same keys in both."""


def text(name: str, lang: str, **values: Any) -> str:
    """The page's string ``name`` in ``lang`` with ``values`` filled in."""
    template = STRINGS.get(lang, STRINGS["en"]).get(name) or STRINGS["en"][name]
    return template.format(**values) if values else template
