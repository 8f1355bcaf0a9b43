"""The filter options of the statement views, and the filters they resolve to."""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from stancectl.cli.completion import completer
from stancectl.cli.errors import UsageError

if TYPE_CHECKING:
    from stancectl.query import Filters
    from stancectl.records import Records

ActorOption = Annotated[
    list[str] | None,
    typer.Option(
        "--actor",
        "-a",
        show_default=False,
        autocompletion=completer("actors"),
        help="Actor id, name or alias, accents and case ignored (repeatable).",
    ),
]
GovernmentOption = Annotated[
    list[str] | None,
    typer.Option(
        "--government",
        "-g",
        show_default=False,
        autocompletion=completer("governments"),
        help="Government id or name; matches the actor's government at the time too (repeatable).",
    ),
]
EntityOption = Annotated[
    list[str] | None,
    typer.Option(
        "--entity",
        "-e",
        show_default=False,
        autocompletion=completer("governments"),
        help="Entity (government, party, campaign, ...) id or name; matches the entity the "
        "actor served at the time too (repeatable).",
    ),
]
TopicOption = Annotated[
    list[str] | None,
    typer.Option(
        "--topic",
        "-t",
        show_default=False,
        autocompletion=completer("topics"),
        help="Topic id or part of its question (repeatable).",
    ),
]
ArticleOption = Annotated[
    list[str] | None,
    typer.Option(
        "--article",
        show_default=False,
        autocompletion=completer("articles"),
        help="Only statements this article reports: id, file name or prefix (repeatable).",
    ),
]
StanceOption = Annotated[
    list[str] | None,
    typer.Option(
        "--stance",
        "-s",
        show_default=False,
        autocompletion=completer("stances"),
        help="Stance id or an unambiguous part of its label (repeatable).",
    ),
]
SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        show_default=False,
        help="Said on or after this date (YYYY-MM-DD; YYYY-MM or YYYY: from its start).",
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option(
        "--until",
        show_default=False,
        help="Said on or before this date (YYYY-MM-DD; YYYY-MM or YYYY: to its end).",
    ),
]
SearchOption = Annotated[
    str | None,
    typer.Option(
        "--search", show_default=False, help="Text in names, aliases, quotes, places or summaries."
    ),
]


@dataclass(frozen=True)
class FilterOptions:
    """The statement filters as typed (names, not ids yet). A command taking a parameter
    `filters: FilterOptions` gets --actor, --government, --entity, --topic, --article, --since,
    --until and --search; stances are the command's own (--stance; who-said also as an
    argument)."""

    actor: list[str] | None = None
    government: list[str] | None = None
    entity: list[str] | None = None
    topic: list[str] | None = None
    article: list[str] | None = None
    since: str | None = None
    until: str | None = None
    search: str | None = None

    def resolve(self, records: Records, stances: list[str] | None = None) -> Filters:
        return filters_from(
            records,
            stances=stances,
            actors=self.actor,
            governments=[*(self.government or ()), *(self.entity or ())],
            topics=self.topic,
            articles=self.article,
            since=self.since,
            until=self.until,
            search=self.search,
        )


FILTER_PARAMETERS = [
    inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation)
    for name, annotation in (
        ("actor", ActorOption),
        ("government", GovernmentOption),
        ("entity", EntityOption),
        ("topic", TopicOption),
        ("article", ArticleOption),
        ("since", SinceOption),
        ("until", UntilOption),
        ("search", SearchOption),
    )
]


def filters_from(
    records: Records,
    *,
    stances: list[str] | None = None,
    actors: list[str] | None = None,
    governments: list[str] | None = None,
    topics: list[str] | None = None,
    articles: list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    search: str | None = None,
) -> Filters:
    from stancectl.query import Filters

    first, last = _date_option("--since", since), _date_option("--until", until, end=True)
    if first and last and last < first:
        raise UsageError(f"--until {last} is before --since {first}")
    return Filters.parse(
        records,
        stances=stances or (),
        actors=actors or (),
        governments=governments or (),
        topics=topics or (),
        articles=articles or (),
        since=first,
        until=last,
        search=search,
    )


def _date_option(option: str, value: str | None, *, end: bool = False) -> date | None:
    """A day, or a month (YYYY-MM) or year (YYYY): its first day, or its last with `end`."""
    from stancectl.query.filters import FilterValueError, parse_day

    try:
        return parse_day(option, value, end=end)
    except FilterValueError as error:
        raise UsageError(str(error)) from None
