"""Line breaking for text that mixes Chinese and Latin words, as a Chinese reader expects.

rich wraps at spaces only, so ``视觉 Transformer（ViT）把图像切成…`` breaks after ``视觉`` and leaves
half a line empty, and a comma can start a line. Here a line may break between any two Chinese
characters or at a space; Latin words stay whole (folded only when longer than a line); closing
punctuation never starts a line and opening punctuation never ends one.
"""

from __future__ import annotations

import re

from ..text import CJK

_NO_START = set("，。、；：！？）》」』】〕〉”’％,.;:!?)]}…")
_NO_END = set("（《「『【〔〈“‘([{")
_UNITS = re.compile(r"\s+|[^\s]")


def _width(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def _units(text: str) -> list[str]:
    """Spaces, single CJK characters and punctuation, and Latin words, in order."""
    units: list[str] = []
    for piece in _UNITS.findall(text):
        if piece.isspace() or CJK.match(piece) or piece in _NO_START or piece in _NO_END or not units:
            units.append(piece)
        elif (
            units[-1]
            and not units[-1].isspace()
            and not CJK.match(units[-1][-1])
            and units[-1][-1] not in _NO_START
            and units[-1][-1] not in _NO_END
        ):
            units[-1] += piece  # one more letter of a Latin word
        else:
            units.append(piece)
    return units


def wrap(text: str, width: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` cells (paragraphs kept)."""
    if width < 4:
        return [text]
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for unit in _units(paragraph):
            if unit.isspace():
                if line and _width(line) < width:
                    line += " "
                continue
            if _width(line + unit) <= width:
                line += unit
                continue
            while _width(unit) > width:  # a word longer than a line: fold it
                room = width - _width(line)
                head = ""
                for char in unit:
                    if _width(head + char) > room:
                        break
                    head += char
                lines.append(line + head)
                line, unit = "", unit[len(head) :]
            carried = ""
            if unit[0] in _NO_START and line.rstrip():
                # Keep the punctuation with the character before it: both go down.
                carried, line = line.rstrip()[-1], line.rstrip()[:-1]
            while line and line[-1] in _NO_END:
                carried, line = line[-1] + carried, line[:-1]
            lines.append(line.rstrip())
            line = carried + unit
        lines.append(line.rstrip())
    return lines


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds any Chinese, Japanese or Korean character."""
    return CJK.search(text) is not None
