"""Author names: how one is shown, split, and sorted, and how a list of them is shortened. One rule each.

The catalogue writes names ``First von Last Jr.``; a name wholly in braces (``{ACME Research
Team}``) is an organisation, one unit that is never split (as in BibTeX). Every view, export and
message goes through these functions, so that ``list``, ``search author:``, the web page and the
citation keys agree on who someone is.

>>> family_name("Martin Luther King Jr.")
'King'
>>> family_name("Aäron van den Oord")
'van den Oord'
>>> family_name("{ACME Research Team}")
'ACME Research Team'
>>> short_authors(["William Peebles", "Saining Xie"])
'Peebles, Xie'
>>> short_authors(["A. One", "B. Two", "C. Three", "D. Four"])
'One et al.'
"""

from __future__ import annotations

from collections.abc import Sequence

SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
"""Words after a family name that are not part of it (``Jr.``, ``III``), in lower case."""

SHORT_LIST = 3
"""Most family names a short author list shows before it becomes ``First et al.``."""


def display_name(name: str) -> str:
    """An author as readers see it: ``{ACME Research Team}`` (kept whole, BibTeX-style) shows unbraced."""
    if len(name) > 2 and name[0] == "{" and name[-1] == "}" and "{" not in name[1:-1] and "}" not in name[1:-1]:
        return name[1:-1]
    return name


def literal_name(full: str) -> str | None:
    """The text inside ``{...}`` when the whole of ``full`` is one brace group with a space in it, else None."""
    if len(full) < 2 or full[0] != "{" or full[-1] != "}":
        return None
    inner = full[1:-1]
    depth = 0
    for char in inner:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:  # "{A} {B}": the first brace closes before the end
            return None
    if depth or len(inner.split()) < 2 or inner != inner.strip():
        return None
    return inner


def split_name(full: str) -> tuple[str, str, str]:
    """``(first, last, suffix)`` of a ``First von Last Jr.`` name; ``last`` keeps ``von`` particles.

    A name in braces is all ``last``: ``("", "ACME Research Team", "")``.
    """
    inner = literal_name(full)
    if inner is not None:
        return "", inner, ""
    words = full.split()
    if not words:
        return "", "", ""
    suffix = ""
    if len(words) > 2 and words[-1].lower() in SUFFIXES:
        suffix = words.pop()
    if len(words) == 1:
        return "", words[0], suffix
    start = len(words) - 1
    for index, word in enumerate(words[1:-1], start=1):
        if word[:1].islower():  # "van der", "de la": BibTeX's von part starts here
            start = index
            break
    return " ".join(words[:start]), " ".join(words[start:]), suffix


def family_name(name: str) -> str:
    """The name short lists show and sorting uses: ``van den Oord``, ``King`` (not ``Jr.``),
    an organisation's whole name; ``Last`` of a ``Last, First`` name."""
    if "," in name and literal_name(name) is None and not name.startswith("{"):
        return display_name(name.split(",", 1)[0].strip())
    return display_name(split_name(name)[1])


def short_authors(
    authors: Sequence[str], most: int = SHORT_LIST, et_al: str = "et al.", joiner: str = ", ", full: bool = False
) -> str:
    """``Ho, Jain, Abbeel`` for up to ``most`` authors, ``Vaswani et al.`` beyond.

    ``full`` shows whole names (``William Peebles, Saining Xie``) and, beyond ``most``, the first
    ``most`` of them before ``et al.``; ``joiner`` goes between names (the page's leaves use ``&``).
    """
    shown = [display_name(a) if full else family_name(a) for a in authors if a.split()]
    if len(shown) <= most:
        return joiner.join(shown)
    return f"{joiner.join(shown[:most])} {et_al}" if full else f"{shown[0]} {et_al}"
