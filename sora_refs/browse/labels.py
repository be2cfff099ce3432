"""The browser's words in English and Chinese (field names come from :mod:`sora_refs.cli.i18n`)."""

from __future__ import annotations

from ..cli.i18n import LABELS

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "search": "Search: words, \"phrases\", author:ho year:2020- -video (typos forgiven)",
        "facets": "Filters", "category": "Category", "section": "Section", "venue": "Venue", "status": "Reading",
        "tag": "Tag", "years": "Years", "years_hint": "e.g. 2020-2023",
        "to-read": "to read", "reading": "reading", "read": "read", "unmarked": "unmarked",
        "list": "List", "map": "Mind map", "stats": "Statistics", "timeline": "Timeline",
        "sort": "sort", "relevance": "relevance", "of": "of", "no_results": "No paper matches; loosen a filter.",
        "copied_bib": "BibTeX of {key} copied to the clipboard (also saved to {path})",
        "copied_key": "Key {key} copied to the clipboard (also saved to {path})",
        "saved_bib": "The terminal cannot take a clipboard copy: BibTeX of {key} saved to {path}",
        "saved_key": "The terminal cannot take a clipboard copy: key {key} saved to {path}",
        "opened": "Opened {url}", "no_link": "{key} has no {what}", "page": "landing page", "pdf_link": "PDF link",
        "downloading": "Downloading {key}…", "downloaded": "Downloaded {path}",
        "download_failed": "Download failed: {why}",
        "marked": "{key}: {status}", "no_personal": "Reading status, tags and notes need the personal layer",
        "tag_prompt": "Tags for {key} (space-separated; -tag removes)", "tagged": "{key} tags: {tags}",
        "note_saved": "Note for {key} saved", "note_unchanged": "Note for {key} unchanged",
        "no_editor": "Cannot run the editor {editor!r}: {why}", "edited": "{key} edited; catalogue reloaded",
        "read_only": "The bundled catalogue is read-only: copy it and browse --catalogue FILE to edit entries",
        "bibtex": "BibTeX", "personal_notes": "My notes", "help_title": "sora-refs browse — keys",
        "summary_en": "Summary", "venues_differ": "cited and published venues differ",
        "papers": "papers", "by_year": "By year", "by_venue": "By venue", "by_category": "By category",
        "by_status": "By reading status", "none": "none",
    },
    "zh": {
        "search": "搜索：词语、\"短语\"、author:ho year:2020- -video（容忍拼写错误）",
        "facets": "筛选", "category": "类别", "section": "板块", "venue": "出处", "status": "阅读状态",
        "tag": "标签", "years": "年份", "years_hint": "如 2020-2023",
        "to-read": "待读", "reading": "在读", "read": "已读", "unmarked": "未标记",
        "list": "列表", "map": "思维导图", "stats": "统计", "timeline": "时间线",
        "sort": "排序", "relevance": "相关度", "of": "/", "no_results": "没有符合条件的论文；请放宽筛选。",
        "copied_bib": "已复制 {key} 的 BibTeX 到剪贴板（另存于 {path}）",
        "copied_key": "已复制引用键 {key} 到剪贴板（另存于 {path}）",
        "saved_bib": "终端不支持剪贴板：{key} 的 BibTeX 已保存到 {path}",
        "saved_key": "终端不支持剪贴板：引用键 {key} 已保存到 {path}",
        "opened": "已打开 {url}", "no_link": "{key} 没有{what}", "page": "主页链接", "pdf_link": "PDF 链接",
        "downloading": "正在下载 {key}…", "downloaded": "已下载 {path}", "download_failed": "下载失败：{why}",
        "marked": "{key}：{status}", "no_personal": "阅读状态、标签和笔记需要个人数据层",
        "tag_prompt": "{key} 的标签（空格分隔；-标签 表示删除）", "tagged": "{key} 的标签：{tags}",
        "note_saved": "已保存 {key} 的笔记", "note_unchanged": "{key} 的笔记未改动",
        "no_editor": "无法运行编辑器 {editor!r}：{why}", "edited": "已编辑 {key}；目录已重新载入",
        "read_only": "内置目录只读：请复制后用 browse --catalogue FILE 编辑条目",
        "bibtex": "BibTeX", "personal_notes": "我的笔记", "help_title": "sora-refs browse — 按键",
        "summary_en": "简介", "venues_differ": "引用出处与正式发表出处不同",
        "papers": "篇论文", "by_year": "按年份", "by_venue": "按出处", "by_category": "按类别",
        "by_status": "按阅读状态", "none": "无",
    },
}


KEYS: dict[str, dict[str, str]] = {
    "en": {"help": "Help", "quit": "Quit", "copy_bibtex": "BibTeX", "mark": "Mark", "language": "中文",
           "open_page": "Page", "open_pdf": "PDF", "copy_key": "Key", "note": "Note", "toggle_facets": "Filters",
           "tag": "Tag", "sort": "Sort", "download": "Download", "edit": "Edit", "focus_search": "Search"},
    "zh": {"help": "帮助", "quit": "退出", "copy_bibtex": "BibTeX", "mark": "标记", "language": "English",
           "open_page": "主页", "open_pdf": "PDF", "copy_key": "引用键", "note": "笔记", "toggle_facets": "筛选",
           "tag": "标签", "sort": "排序", "download": "下载", "edit": "编辑", "focus_search": "搜索"},
}
"""The footer's name for each action."""


def text(name: str, lang: str = "en", **values: object) -> str:
    """The browser's text ``name`` in ``lang``, with ``values`` filled in."""
    found = TEXTS.get(lang, TEXTS["en"]).get(name)
    if found is None:
        found = TEXTS["en"].get(name) or LABELS.get(lang, LABELS["en"]).get(name) or LABELS["en"].get(name, name)
    return found.format(**values) if values else found


def field(name: str, lang: str = "en") -> str:
    """A paper field's label, as ``sora-refs show`` writes it."""
    return LABELS.get(lang, LABELS["en"]).get(name) or LABELS["en"].get(name, name)
