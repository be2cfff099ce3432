"""Writing a paper's fields as a curator would: the bundled catalogue's layout.

Titles, URLs and full venue names in double quotes, numbers-as-text quoted, authors one a line,
tags in a flow list, long prose folded (``>-``) at the file's width. Every field written is parsed
back and compared with its value; where the hand-made form would not read back exactly, the field
falls back to a double-quoted scalar, which always does.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

WIDTH = 100
"""Columns folded prose fills (the catalogue's own width)."""

QUOTED = frozenset({"title", "venue_full", "url", "pdf", "volume", "pages", "arxiv", "doi"})
"""Fields always double-quoted, as the bundled catalogue writes them."""

FOLDED = frozenset({"summary", "summary_zh", "notes", "abstract", "description"})
"""Prose fields, folded over lines when long."""

FLOW_LISTS = frozenset({"tags"})
"""Lists written on one line."""

_PLAIN_SAFE = re.compile(r"^[A-Za-z0-9\u00a0-\uffff][^:#\n\r\t\"'{}\[\],&*!|>%@`]*$")


def field_text(name: str, value: Any, column: int = 2) -> str:
    """``name: value`` (with its continuation lines) at column 0; ``column`` is where it will sit."""
    text = _field(name, value, column)
    if _reads_back(text, name, value):
        return text
    return f"{name}: {_quoted(value)}\n" if isinstance(value, str) else _fallback(name, value)


def mapping_text(data: Mapping[str, Any], column: int = 2) -> str:
    """Several fields, in the mapping's order."""
    return "".join(field_text(name, value, column) for name, value in data.items())


def _field(name: str, value: Any, column: int) -> str:
    if value is None:
        return f"{name}: null\n"
    if isinstance(value, bool):
        return f"{name}: {'true' if value else 'false'}\n"
    if isinstance(value, int):
        return f"{name}: {value}\n"
    if isinstance(value, str):
        if name in FOLDED and len(value) + len(name) + column + 2 > WIDTH:
            folded = _folded(value, column + 2)
            folded = None if folded is None else "".join("  " + line for line in folded.splitlines(True))
            if folded is not None:
                return f"{name}: >-\n{folded}"
        return f"{name}: {_quoted(value) if name in QUOTED else _scalar(value)}\n"
    if isinstance(value, (list, tuple)):
        if not value:
            return f"{name}: []\n"
        if name in FLOW_LISTS and all(isinstance(v, str) and _plain_ok(v) for v in value):
            return f"{name}: [{', '.join(value)}]\n"
        return f"{name}:\n" + "".join(f"  - {_scalar(v) if isinstance(v, str) else _any(v)}\n" for v in value)
    if isinstance(value, Mapping):
        inner = "".join(_field(str(k), v, column + 2) for k, v in value.items())
        return f"{name}:\n" + "".join("  " + line if line.strip() else line for line in inner.splitlines(True))
    return _fallback(name, value)


def _any(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _plain_ok(text: str) -> bool:
    if not text or text != text.strip() or not _PLAIN_SAFE.match(text) or " #" in text or ": " in text:
        return False
    import yaml

    try:
        return bool(yaml.safe_load(f"k: {text}") == {"k": text})
    except yaml.YAMLError:
        return False


def _scalar(text: str) -> str:
    return text if _plain_ok(text) else _quoted(text)


_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""What a double-quoted scalar must escape: YAML's non-printable characters and its line breaks
other than LF (NEL, LS, PS), which a reader would fold into spaces."""


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _quoted(text: str) -> str:
    """A double-quoted YAML scalar on one line: JSON's escapes (which are YAML's), and YAML's own for
    the characters YAML may not hold as they are (DEL, C1 controls, NEL and the Unicode line breaks)."""
    return _UNPRINTABLE.sub(_escape, json.dumps(text, ensure_ascii=False))


def _folded(text: str, column: int) -> str | None:
    """``text`` as the lines of a ``>-`` block that will sit at ``column`` (returned unindented);
    None when folding could not keep it exact."""
    if "\n" in text or "\t" in text or "  " in text or text != text.strip() or not text.isprintable():
        return None
    words = text.split(" ")
    lines: list[str] = []
    current = ""
    for word in words:
        if current and column + len(current) + 1 + len(word) > WIDTH:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return "".join(f"{line}\n" for line in lines)


def _fallback(name: str, value: Any) -> str:
    import yaml

    return yaml.safe_dump({name: value}, allow_unicode=True, sort_keys=False, width=10**6, default_flow_style=False)


def _reads_back(text: str, name: str, value: Any) -> bool:
    import yaml

    try:
        parsed = yaml.safe_load(text)
    except yaml.YAMLError:
        return False
    expected = list(value) if isinstance(value, tuple) else value
    return isinstance(parsed, dict) and parsed.get(name, object()) == expected
