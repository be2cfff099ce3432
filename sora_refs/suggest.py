""" "Did you mean / known values": the one way every message about an unknown value ends.

>>> hint("diffusoin", ["diffusion", "gan"])
"did you mean 'diffusion'?"
>>> hint("lsit", ["site", "list"])
"did you mean 'list'?"
>>> hint("zzz", ["gan", "diffusion"])
'known: gan, diffusion'
>>> unknown("category", "zzz", ["gan"])
"unknown category 'zzz'; known: gan"
"""

from __future__ import annotations

from collections.abc import Iterable

from .text import fold


def did_you_mean(value: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice closest to ``value`` (ignoring case and accents), or None when nothing is close."""
    by_folded: dict[str, str] = {}
    for choice in choices:
        by_folded.setdefault(fold(choice), choice)
    folded = fold(value)
    if folded in by_folded:
        return by_folded[folded]
    for i in range(len(folded) - 1):  # two letters swapped ("lsit"), which difflib ranks low
        swapped = folded[:i] + folded[i + 1] + folded[i] + folded[i + 2 :]
        if swapped in by_folded:
            return by_folded[swapped]
    import difflib  # only on the error path

    close = difflib.get_close_matches(folded, list(by_folded), n=1, cutoff=cutoff)
    return by_folded[close[0]] if close else None


def suggestion(value: str, choices: Iterable[str], prefix: str = "") -> str | None:
    """``did you mean 'x'?`` (``prefix`` written before the guess, e.g. ``venue:``), or None."""
    match = did_you_mean(value, choices)
    return f"did you mean '{prefix}{match}'?" if match is not None else None


def hint(
    value: str,
    choices: Iterable[str],
    prefix: str = "",
    sort: bool = False,
    label: str = "known",
    otherwise: str | None = None,
) -> str:
    """``did you mean 'x'?`` when one choice is close, else ``known: a, b, c``.

    ``sort`` lists the choices alphabetically, ``label`` replaces ``known``, and ``otherwise``
    replaces the whole list (where it would be too long, or there is something better to say).
    """
    choices = list(choices)
    guess = suggestion(value, choices, prefix)
    if guess is not None:
        return guess
    if otherwise is not None:
        return otherwise
    shown = sorted(choices, key=str.lower) if sort else choices
    return f"{label}: " + ", ".join(shown)


def unknown(what: str, value: str, choices: Iterable[str], prefix: str = "", sort: bool = False) -> str:
    """The whole message: ``unknown WHAT 'value'; did you mean ...?`` or ``...; known: ...``."""
    return f"unknown {what} {value!r}; {hint(value, choices, prefix, sort)}"
