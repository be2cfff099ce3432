"""Options commands share, so that they all filter, sort and choose a format alike."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from .. import SORT_KEYS, STATUSES, UNMARKED, Query, UsageError, parse_status_filter, parse_years
from .completion import complete_categories, complete_sections, complete_tags, complete_venues

F = TypeVar("F", bound=Callable[..., Any])


REPORT_FORMATS = ("text", "json")
"""A report (check, download, paths, tree, timeline): words for people, or JSON for programs."""

PAPER_FORMATS = ("table", "plain", "json", "yaml", "csv", "keys")
"""A list of papers (list, search)."""

COUNT_FORMATS = ("table", "json", "csv", "markdown")
"""Counts (stats)."""


class Seconds(click.FloatRange):
    """A timeout in seconds: at least ``min``, finite, at most a day (``nan`` and ``inf`` pass a plain
    FloatRange and then crash deep in the socket layer)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        import math

        number = super().convert(value, param, ctx)
        if not math.isfinite(number) or number > 86400:
            self.fail(f"{value!r} is not a number of seconds (at most 86400, a day)", param, ctx)
        return number


def service_options(f: F) -> F:
    """``--arxiv-api`` and ``--crossref-api``: the endpoints the commands that ask arXiv and
    Crossref share (a mirror, or a test server)."""
    f = click.option(
        "--crossref-api",
        metavar="URL",
        envvar="SORA_REFS_CROSSREF_API",
        help="Crossref REST API base URL (a mirror, or a test server) [env: SORA_REFS_CROSSREF_API].",
    )(f)
    return click.option(
        "--arxiv-api",
        metavar="URL",
        envvar="SORA_REFS_ARXIV_API",
        help="arXiv API endpoint (a mirror, or a test server) [env: SORA_REFS_ARXIV_API].",
    )(f)


def format_option(choices: Sequence[str], default: str, help: str) -> Callable[[F], F]:  # noqa: A002 - click's name
    """``--format/-f FORMAT``, the same option on every command that has one: only the formats
    it offers differ (one of the sets above, or the export formats), and what they mean (``help``)."""
    return click.option(
        "--format", "-f", "format_", type=click.Choice(list(choices)), default=default, show_default=True, help=help
    )


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--category --section --venue --year --author --tag --cited`` and pass a ``query``."""

    @click.option(
        "--category",
        "-c",
        "categories",
        multiple=True,
        metavar="ID",
        shell_complete=complete_categories,
        help="Only this category (repeat for several).",
    )
    @click.option(
        "--section",
        "-s",
        "sections",
        multiple=True,
        metavar="ID",
        shell_complete=complete_sections,
        help="Only this mind-map section (repeat for several).",
    )
    @click.option(
        "--venue",
        "-v",
        "venues",
        multiple=True,
        metavar="NAME",
        shell_complete=complete_venues,
        help="Only this venue, e.g. NeurIPS, ICML, arXiv (repeat for several).",
    )
    @click.option(
        "--year",
        "-y",
        "years",
        multiple=True,
        metavar="RANGE",
        help="Only these years: 2022, 2020-2022, 2021- or -2017 (repeat for several).",
    )
    @click.option(
        "--author",
        "-a",
        "authors",
        multiple=True,
        metavar="NAME",
        help="Only papers with this author (whole words; case and accents ignored).",
    )
    @click.option(
        "--tag",
        "-t",
        "tags",
        multiple=True,
        metavar="TAG",
        shell_complete=complete_tags,
        help="Only papers with this tag (catalogue or personal).",
    )
    @click.option("--cited", is_flag=True, help="Match venue and year as the report cites them, not as published.")
    @click.option(
        "--status",
        "statuses",
        multiple=True,
        metavar="STATUS",
        shell_complete=lambda ctx, param, incomplete: [s for s in (*STATUSES, UNMARKED) if s.startswith(incomplete)],
        help="Only papers with this reading status of yours: to-read, reading, read, unmarked "
        "(repeat for several; see 'sora-refs mark').",
    )
    @functools.wraps(func)
    def wrapper(
        *args: Any,
        categories: tuple[str, ...],
        sections: tuple[str, ...],
        venues: tuple[str, ...],
        years: tuple[str, ...],
        authors: tuple[str, ...],
        tags: tuple[str, ...],
        cited: bool,
        statuses: tuple[str, ...],
        **kwargs: Any,
    ) -> Any:
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
                raise click.BadParameter(
                    message("comma", lang, what=noun("year", lang), value=comma, example=command_line(example)),
                    param_hint="'--year'",
                ) from None
            raise click.BadParameter(str(error), param_hint="'--year'") from None
        for status in statuses:
            try:
                parse_status_filter(status)
            except UsageError as error:
                raise click.BadParameter(str(error), param_hint="'--status'") from None
        query = Query(
            categories=categories,
            sections=sections,
            venues=venues,
            years=ranges,
            authors=authors,
            tags=tags,
            cited=cited,
            statuses=statuses,
        )
        return func(*args, query=query, **kwargs)

    return wrapper


def sort_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--sort --reverse --limit``."""
    func = click.option("--limit", "-n", type=click.IntRange(min=0), metavar="N", help="Show at most N papers.")(func)
    func = click.option("--reverse", "-r", is_flag=True, help="Reverse the order.")(func)
    func = click.option(
        "--sort", "sort", type=click.Choice(SORT_KEYS), default="ref", show_default=True, help="Sort by this field."
    )(func)
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
        hint = comma_hint(
            query,
            {
                "categories": catalogue.category_ids(),
                "sections": catalogue.section_ids(),
                "venues": catalogue.venues(query.cited),
                "tags": sorted({t for p in catalogue.papers for t in p.tags}),
            },
            lang,
            click.get_current_context().info_name or "list",
        )
        if hint is not None:
            raise click.UsageError(hint)
    try:
        catalogue.check_query(query)
    except UsageError as error:
        raise click.UsageError(str(error)) from None
