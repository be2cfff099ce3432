"""Shell completion of values from the catalogue in use, through click's own mechanism.

Turn it on with one line in the shell's start-up file (the README has them):

    eval "$(_SORA_REFS_COMPLETE=bash_source sora-refs)"      # ~/.bashrc
    eval "$(_SORA_REFS_COMPLETE=zsh_source sora-refs)"       # ~/.zshrc
    _SORA_REFS_COMPLETE=fish_source sora-refs | source       # ~/.config/fish/completions/sora-refs.fish

Commands and options complete by themselves; the callbacks here add the values of
``--category``, ``--section``, ``--venue``, ``--tag`` and the REF arguments, read from the
catalogue that ``--catalogue`` (or ``SORA_REFS_CATALOGUE``) names on the same command line.
A completion must never fail loudly, so any error gives no candidates.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

    from .. import Catalogue


def _catalogue(ctx: click.Context) -> Catalogue | None:
    """The catalogue the command line being completed would use."""
    root = ctx.find_root()
    path = root.params.get("catalogue_path") if root.params else None
    try:
        from .. import Catalogue

        return Catalogue.load(path)
    except Exception:  # a half-typed path, a broken file: simply nothing to offer
        return None


def _lang(ctx: click.Context) -> str:
    root = ctx.find_root()
    return (root.params or {}).get("lang") or "en"


def _completer(values: Callable[[Catalogue, str], list[tuple[str, str | None]]]) -> Callable[..., list[CompletionItem]]:
    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        from click.shell_completion import CompletionItem  # only when completing: keeps start-up light

        catalogue = _catalogue(ctx)
        if catalogue is None:
            return []
        folded = incomplete.casefold()
        return [
            CompletionItem(value, help=help_)
            for value, help_ in values(catalogue, _lang(ctx))
            if value.casefold().startswith(folded)
        ]

    return complete


complete_categories = _completer(lambda c, lang: [(i, c.category_label(i, lang)) for i in c.category_ids()])
"""``--category`` values: ids, with their names as help (shown by zsh and fish)."""

complete_sections = _completer(lambda c, lang: [(i, c.section_label(i, lang)) for i in c.section_ids()])
"""``--section`` values."""

complete_venues = _completer(lambda c, lang: [(v, None) for v in c.venues()])
"""``--venue`` values, as published."""


def _tags(catalogue: Catalogue, lang: str) -> list[tuple[str, str | None]]:
    tags = {t for p in catalogue.papers for t in p.tags}
    try:
        tags.update(catalogue.personal().all_tags())
    except Exception:  # a broken personal file: offer the catalogue's tags still
        pass
    return [(t, None) for t in sorted(tags)]


complete_tags = _completer(_tags)
"""``--tag`` values: the catalogue's tags and the reader's own."""


def complete_refs(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """A REF argument: ref numbers when the word so far is digits, else citekeys; titles as help."""
    from click.shell_completion import CompletionItem

    catalogue = _catalogue(ctx)
    if catalogue is None:
        return []
    if incomplete.isdigit():
        return [
            CompletionItem(str(p.ref), help=p.title)
            for p in catalogue.papers
            if p.ref is not None and str(p.ref).startswith(incomplete)
        ]
    folded = incomplete.casefold()
    return [CompletionItem(p.key, help=p.title) for p in catalogue.papers if p.key.casefold().startswith(folded)]
