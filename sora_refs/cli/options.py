"""Options shared by every command that selects papers, so that they all filter alike."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

from ..errors import UsageError
from ..personal import STATUSES, UNMARKED, parse_filter
from ..query import SORT_KEYS, Query, parse_years
from .completion import complete_categories, complete_sections, complete_tags, complete_venues


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--category --section --venue --year --author --tag --cited`` and pass a ``query``."""

    @click.option("--category", "-c", "categories", multiple=True, metavar="ID", shell_complete=complete_categories,
                  help="Only this category (repeat for several).")
    @click.option("--section", "-s", "sections", multiple=True, metavar="ID", shell_complete=complete_sections,
                  help="Only this mind-map section (repeat for several).")
    @click.option("--venue", "-v", "venues", multiple=True, metavar="NAME", shell_complete=complete_venues,
                  help="Only this venue, e.g. NeurIPS, ICML, arXiv (repeat for several).")
    @click.option("--year", "-y", "years", multiple=True, metavar="RANGE",
                  help="Only these years: 2022, 2020-2022, 2021- or -2017 (repeat for several).")
    @click.option("--author", "-a", "authors", multiple=True, metavar="NAME",
                  help="Only papers with this author (whole words; case and accents ignored).")
    @click.option("--tag", "-t", "tags", multiple=True, metavar="TAG", shell_complete=complete_tags,
                  help="Only papers with this tag.")
    @click.option("--cited", is_flag=True,
                  help="Match venue and year as the report cites them, not as published.")
    @click.option("--status", "statuses", multiple=True, metavar="STATUS",
                  shell_complete=lambda ctx, param, incomplete: [s for s in (*STATUSES, UNMARKED)
                                                                 if s.startswith(incomplete)],
                  help="Only papers with this reading status of yours: to-read, reading, read, unmarked "
                       "(repeat for several; see 'sora-refs mark').")
    @functools.wraps(func)
    def wrapper(*args: Any, categories: tuple[str, ...], sections: tuple[str, ...], venues: tuple[str, ...],
                years: tuple[str, ...], authors: tuple[str, ...], tags: tuple[str, ...], cited: bool,
                statuses: tuple[str, ...], **kwargs: Any) -> Any:
        try:
            ranges = tuple(parse_years(y) for y in years)
        except UsageError as error:
            comma = next((y for y in years if "," in y), None)
            if comma is not None:  # -y 2020,2022
                from .hints import command_line, noun
                from .i18n import message

                lang = getattr(click.get_current_context().find_root().obj, "lang", "en")
                example = [click.get_current_context().info_name or "list"]
                for part in filter(None, (p.strip() for p in comma.split(","))):
                    example += ["-y", part]
                raise click.BadParameter(message("comma", lang, what=noun("year", lang), value=comma,
                                                 example=command_line(example)), param_hint="'--year'") from None
            raise click.BadParameter(str(error), param_hint="'--year'") from None
        for status in statuses:
            try:
                parse_filter(status)
            except UsageError as error:
                raise click.BadParameter(str(error), param_hint="'--status'") from None
        query = Query(categories=categories, sections=sections, venues=venues, years=ranges,
                      authors=authors, tags=tags, cited=cited, statuses=statuses)
        return func(*args, query=query, **kwargs)

    return wrapper


def sort_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--sort --reverse --limit``."""
    func = click.option("--limit", "-n", type=click.IntRange(min=0), metavar="N",
                        help="Show at most N papers.")(func)
    func = click.option("--reverse", "-r", is_flag=True, help="Reverse the order.")(func)
    func = click.option("--sort", "sort", type=click.Choice(SORT_KEYS), default="ref", show_default=True,
                        help="Sort by this field.")(func)
    return func


def select(state: Any, query: Query, sort: str = "ref", reverse: bool = False, limit: int | None = None) -> list:
    """Check the filters against the catalogue (did-you-mean on typos) and select the papers."""
    check_filters(state, query)
    return state.catalogue.select(query, sort=sort, reverse=reverse, limit=limit)


def check_filters(state: Any, query: Query) -> None:
    """A typo in a filter, or ``-c a,b``, as a usage error that says what was meant."""
    catalogue = state.catalogue
    from .hints import comma_hint

    lang = getattr(state, "lang", "en")
    if any("," in v for v in (*query.categories, *query.sections, *query.venues, *query.tags)):
        hint = comma_hint(query, {"categories": catalogue.category_ids(), "sections": catalogue.section_ids(),
                                  "venues": catalogue.venues(query.cited),
                                  "tags": sorted({t for p in catalogue.papers for t in p.tags})}, lang,
                          click.get_current_context().info_name or "list")
        if hint is not None:
            raise click.UsageError(hint)
    try:
        catalogue.check_query(query)
    except UsageError as error:
        raise click.UsageError(str(error)) from None
