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
        line: list[str] = []  # units, so that a Latin word moves down whole
        used = 0
        for unit in _units(paragraph):
            if unit.isspace():
                if line and not line[-1].isspace() and used < width:
                    line.append(" ")
                    used += 1
                continue
            size = _width(unit)
            if used + size <= width:
                line.append(unit)
                used += size
                continue
            while size > width:  # a word longer than a line: fold it
                head = ""
                for char in unit:
                    if _width(head + char) > width - used:
                        break
                    head += char
                lines.append("".join(line) + head)
                line, used, unit = [], 0, unit[len(head) :]
                size = _width(unit)
            if not line:  # the rest of a folded word
                line, used = [unit], size
                continue
            keep = _kept(line, unit)
            carried = line[keep:]
            while carried and carried[0].isspace():
                carried.pop(0)
            if sum(map(_width, carried)) + size > width:  # no room for them below either: the unit alone
                keep, carried = len(line), []
            lines.append("".join(line[:keep]).rstrip())
            line = [*carried, unit]
            used = sum(map(_width, line))
        lines.append("".join(line).rstrip())
    return lines


def _kept(line: list[str], unit: str) -> int:
    """How many of ``line``'s units stay on it when ``unit`` does not fit; the rest go down with ``unit``.

    Closing punctuation never starts a line: the unit before it goes down too (and the one before
    that, while those are closing punctuation as well). Opening punctuation never ends a line.
    Nothing goes down when that would leave the line empty.
    """
    end = len(line)
    while end and line[end - 1].isspace():
        end -= 1
    keep = end
    if unit[0] in _NO_START:
        while keep > 1:
            keep -= 1
            if line[keep][0] not in _NO_START:
                break
            while keep > 1 and line[keep - 1].isspace():
                keep -= 1
    while keep > 1 and line[keep - 1][-1] in _NO_END:
        keep -= 1
    if not "".join(line[:keep]).strip():
        return len(line)
    return keep if keep < end else len(line)


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds any Chinese, Japanese or Korean character."""
    return CJK.search(text) is not None
