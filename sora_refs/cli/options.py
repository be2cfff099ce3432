"""Options shared by every command that selects papers, so that they all filter alike."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

from ..errors import UsageError
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
    @functools.wraps(func)
    def wrapper(*args: Any, categories: tuple[str, ...], sections: tuple[str, ...], venues: tuple[str, ...],
                years: tuple[str, ...], authors: tuple[str, ...], tags: tuple[str, ...], cited: bool,
                **kwargs: Any) -> Any:
        try:
            ranges = tuple(parse_years(y) for y in years)
        except UsageError as error:
            raise click.BadParameter(str(error), param_hint="'--year'") from None
        query = Query(categories=categories, sections=sections, venues=venues, years=ranges,
                      authors=authors, tags=tags, cited=cited)
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
    catalogue = state.catalogue
    try:
        catalogue.check_query(query)
    except UsageError as error:
        raise click.UsageError(str(error)) from None
    return catalogue.select(query, sort=sort, reverse=reverse, limit=limit)
