"""Did-you-mean for mistyped option values (``--format jsn``), for every command at once.

click already suggests options (``--foramt``) and the group suggests commands; a value outside a
``click.Choice`` only gets the list of choices, so the closest one is added here.
"""

from __future__ import annotations

import ast
import re

import click

_INVALID = re.compile(r"^(?P<value>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\") is not ")


def add_choice_hint(error: click.BadParameter) -> None:
    """Append "Did you mean 'json'?" to a bad ``click.Choice`` value's message, when one is close."""
    choices = getattr(getattr(error.param, "type", None), "choices", None)
    if not isinstance(choices, (list, tuple)) or "Did you mean" in error.message:
        return
    match = _INVALID.match(error.message)
    if not match:
        return
    try:
        value = ast.literal_eval(match.group("value"))
    except (ValueError, SyntaxError):
        return
    from ..suggest import did_you_mean

    guess = did_you_mean(str(value), [str(c) for c in choices])
    if guess is not None:
        error.message = f"{error.message.rstrip()} Did you mean '{guess}'?"
