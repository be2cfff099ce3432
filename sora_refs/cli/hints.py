"""Messages that teach: the fix for a newcomer's usual mistakes, for every command at once.

click already suggests options (``--foramt``) and the group suggests commands. Added here: the
closest value of a ``click.Choice`` (``--format jsn``, ``-f md``); a global option written after
the command; ``search -video`` and ``search diffusion -c gan``; ``-c gan,rnn``; and a short option
that means something else in this command. Under ``--lang zh`` the hints are in Chinese.
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
    guesses = close_choices(str(value), [str(c) for c in choices])
    if guesses:
        error.message = f"{error.message.rstrip()} Did you mean {' or '.join(repr(g) for g in guesses)}?"  # type: ignore[misc]


def _abbreviation_of(value: str, choice: str) -> bool:
    """True when ``value``'s letters appear in ``choice`` in order, from its first letter (md -> markdown)."""
    value, choice = value.casefold(), choice.casefold()
    if not value or value[0] != choice[0]:
        return False
    position = 0
    for letter in value:
        position = choice.find(letter, position) + 1
        if position == 0:
            return False
    return True


def close_choices(value: str, choices: list[str]) -> list[str]:
    """The choices ``value`` may stand for: those it begins (csl -> csl-json), else a close spelling
    (jsn -> json), else those it abbreviates (md -> markdown)."""
    from ..suggest import did_you_mean

    starts = [choice for choice in choices if value and choice.casefold().startswith(value.casefold())]
    if starts:
        return starts
    guess = did_you_mean(value, choices)
    if guess is not None:
        return [guess]
    return [choice for choice in choices if _abbreviation_of(value, choice)]


GLOBAL_OPTIONS = {"--lang": True, "--catalogue": True, "--debug": False, "--no-pager": False, "--version": False}
"""Options of ``sora-refs`` itself (before the command), and whether each takes a value."""

SEARCH_FIELDS = {
    "-c": "category",
    "--category": "category",
    "-s": "section",
    "--section": "section",
    "-v": "venue",
    "--venue": "venue",
    "-y": "year",
    "--year": "year",
    "-a": "author",
    "--author": "author",
    "-t": "tag",
    "--tag": "tag",
}
"""Filters of ``list`` and the field terms that do the same inside a search query."""

RENAMED = {("import", "-n"): "dry_run_short"}
"""Short options that mean something else in this command than a newcomer may expect."""


def lang_of(ctx: click.Context | None) -> str:
    """The language the user asked for: ``--lang`` on the command line (wherever it was given, even
    after the command, unparsed), else the global option already parsed, else ``$SORA_REFS_LANG``."""
    import os

    root = ctx.find_root() if ctx is not None else None
    argv: list[str] = list(root.meta.get("sora_refs.argv", [])) if root is not None else []
    for i, token in enumerate(argv):
        if token == "--lang" and i + 1 < len(argv):
            return "zh" if argv[i + 1] == "zh" else "en"
        if token.startswith("--lang="):
            return "zh" if token == "--lang=zh" else "en"
    state = root.obj if root is not None else None
    lang = getattr(state, "lang", None) or os.environ.get("SORA_REFS_LANG", "en")
    return "zh" if lang == "zh" else "en"


def command_line(tokens: list[str]) -> str:
    import shlex

    return "sora-refs " + shlex.join(tokens)


def teach_no_such_option(error: click.NoSuchOption, ctx: click.Context) -> str | None:
    """The fix for the usual cases of "No such option" (None for the others)."""
    from .i18n import message

    argv: list[str] = list(ctx.meta.get("sora_refs.argv", []))
    command = error.ctx.info_name if error.ctx is not None else None
    if not argv or command not in argv:
        return None
    at = argv.index(command)
    before, after = argv[:at], argv[at + 1 :]
    option = error.option_name
    lang = lang_of(ctx)
    text = None
    if option in GLOBAL_OPTIONS:
        text = message(
            "global_option",
            lang,
            option=option,
            command=command,
            example=command_line(_move_global(before, command, after, option)),
        )
    elif (command, option) in RENAMED:
        text = message(
            "renamed_option", lang, option=option, command=command, hint=message(RENAMED[(command, option)], lang)
        )
    elif command == "search":
        text = _search_hint(error, after, lang)
    return text


def _move_global(before: list[str], command: str, after: list[str], option: str) -> list[str]:
    moved: list[str] = []
    rest: list[str] = []
    skip = False
    for i, token in enumerate(after):
        if skip:
            skip = False
            continue
        if token == option:
            moved.append(token)
            if GLOBAL_OPTIONS[option] and i + 1 < len(after):
                moved.append(after[i + 1])
                skip = True
        elif token.startswith(option + "="):
            moved.append(token)
        else:
            rest.append(token)
    if any(token == option or token.startswith(option + "=") for token in before):
        moved = []  # already given before the command: the misplaced copy is simply dropped
    return [*before, *moved, command, *rest]


def _search_hint(error: click.NoSuchOption, tokens: list[str], lang: str) -> str | None:
    """``search -video``: quote or use --; ``search diffusion -c gan``: ``category:gan`` in the query."""
    from .i18n import message

    command = error.ctx.command if error.ctx is not None else None
    known: dict[str, bool] = {}  # option -> takes a value
    for param in getattr(command, "params", []):
        if isinstance(param, click.Option):
            for name in (*param.opts, *param.secondary_opts):
                known[name] = not param.is_flag
    options: list[str] = []
    words: list[str] = []
    fields: list[str] = []
    first_bad: str | None = None
    i = 0
    while i < len(tokens):
        token = tokens[i]
        name, eq, inline = token.partition("=")
        if token == "--":
            words += tokens[i + 1 :]
            break
        if token in known or (eq and name in known):
            options.append(token)
            if known.get(token) and not eq and i + 1 < len(tokens):
                options.append(tokens[i + 1])
                i += 1
        elif (token in SEARCH_FIELDS or (eq and name in SEARCH_FIELDS)) and (eq or i + 1 < len(tokens)):
            value = inline if eq else tokens[i + 1]
            i += 0 if eq else 1
            fields.append(f"{SEARCH_FIELDS[name if eq else token]}:{value}")
            first_bad = first_bad or token
        else:
            if token.startswith("-") and len(token) > 1:
                first_bad = first_bad or token
            words.append(token)
        i += 1
    if first_bad is None:
        return None
    query = " ".join(words + fields)
    if first_bad in SEARCH_FIELDS or first_bad.partition("=")[0] in SEARCH_FIELDS:
        return message(
            "search_filter", lang, option=first_bad.partition("=")[0], example=command_line(["search", *options, query])
        )
    dashes = command_line(["search", *options, "--", *words])
    if len(words) == 1:  # quotes cannot help a lone '-video': the shell removes them
        return message("search_dash_only", lang, word=first_bad, dashes=dashes)
    return message("search_dash", lang, word=first_bad, quoted=command_line(["search", *options, query]), dashes=dashes)


def noun(name: str, lang: str) -> str:
    """``category`` in a sentence: the label, lower-case in English."""
    from .i18n import label

    text = label(name, lang)
    return text.lower() if lang == "en" else text


COMMA_FILTERS = (
    ("categories", "-c", "category"),
    ("sections", "-s", "section"),
    ("venues", "-v", "venue"),
    ("tags", "-t", "tag"),
)


def comma_hint(query: object, known: dict[str, list[str]], lang: str, command: str = "list") -> str | None:
    """``-c gan,rnn``: the message for a comma list given to a filter that takes one value a time.

    ``known`` maps ``categories``/``sections``/``venues``/``tags`` to the values that exist; a value
    with a comma that exists as it is (a venue named "A, B") is left alone.
    """
    from .i18n import message

    for field, flag, what in COMMA_FILTERS:
        folded = {k.casefold() for k in known.get(field, [])}
        for value in getattr(query, field, ()):
            if "," in value and value.casefold() not in folded:
                parts = [part.strip() for part in value.split(",") if part.strip()]
                example = [command]
                for part in parts:
                    example += [flag, part]
                return message("comma", lang, what=noun(what, lang), value=value, example=command_line(example))
    return None


def translated(error: Exception, lang: str) -> str:
    """A library error's message in ``lang`` where a translation exists (not found), else as raised."""
    from .. import NotFoundError
    from .i18n import message

    if lang == "en" or not isinstance(error, NotFoundError) or error.kind is None:
        return str(error)
    if error.kind == "ref":
        span = (
            message("refs_span", lang, low=error.refs[0], high=error.refs[1])
            if error.refs
            else message("no_refs", lang)
        )
        return message("not_found_ref", lang, value=error.value, span=span)
    if error.kind == "arxiv":
        return message("not_found_arxiv", lang, value=error.value)
    guess = f"{error.guess!r}（{error.guess_title}）" if error.guess_title else repr(error.guess)
    hint = message("did_you_mean", lang, guess=guess) if error.guess else message("not_found_hint", lang)
    return message("not_found_key", lang, value=error.value, hint=hint)
