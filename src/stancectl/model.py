"""The stances.yaml data model, schema version 1.

Every model forbids unknown keys, so a typo in a hand-edited file is an error, not a silent no-op.
Field names are the YAML keys, except where a key is a Python keyword (`from`), which uses an alias.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from stancectl.dates import WRITTEN_DATE, DatePrecision, date_span, written_date

SCHEMA_VERSION = 1

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]*$", min_length=1, max_length=80),
]
"""Ids are lower-case slugs: stable in URLs, shell arguments and file names."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

DATE_SHAPES = "write dates as YYYY-MM-DD (or YYYY-MM, YYYY)"
_PRECISIONS_OF_SHAPE = {
    DatePrecision.MONTH: {DatePrecision.MONTH, DatePrecision.YEAR},
    DatePrecision.YEAR: {DatePrecision.YEAR},
}
"""The precisions a date written in each shape may be given: a day may stand for its week or
month, but a month cannot be known to the day."""


_PRECISION_NAMES = frozenset(precision.value for precision in DatePrecision)


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _is_day(value: Any) -> bool:
    """Whether `value` is written YYYY-MM-DD: the common case, checked first."""
    return type(value) is str and _DAY.fullmatch(value) is not None


def date_shape(value: Any) -> DatePrecision | None:
    """DAY, MONTH or YEAR for a date written as YYYY-MM-DD, YYYY-MM or YYYY; None otherwise.
    (YAML reads a bare `2016` as a number.)"""
    if _is_day(value) or isinstance(value, dt.date):
        return DatePrecision.DAY
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    match = WRITTEN_DATE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return None
    if match[3]:
        return DatePrecision.DAY
    return DatePrecision.MONTH if match[2] else DatePrecision.YEAR


def _parse_date(value: Any, *, last: bool) -> Any:
    """A date written as YYYY-MM-DD, YYYY-MM or YYYY -> its first day (or its last)."""
    if _is_day(value):  # the common case, read in C: a day is its own first and last day
        with contextlib.suppress(ValueError):  # no such day: said below
            return dt.date.fromisoformat(value)
    if value is None or isinstance(value, dt.date):
        return value
    if date_shape(value) is None:
        raise PydanticCustomError("date_shape", DATE_SHAPES)
    try:
        written = written_date(str(value))
    except ValueError:
        raise PydanticCustomError(
            "date_value", "no such day in the calendar; " + DATE_SHAPES
        ) from None
    assert written is not None  # date_shape said it has the shape
    first, precision = written
    return date_span(first, precision)[1] if last else first


def _first_day(value: Any) -> Any:
    return _parse_date(value, last=False)


def _last_day(value: Any) -> Any:
    return _parse_date(value, last=True)


Day = Annotated[dt.date, BeforeValidator(_first_day)]
"""A date written as YYYY-MM-DD, YYYY-MM or YYYY: its first day (its precision says the rest)."""
LastDay = Annotated[dt.date, BeforeValidator(_last_day)]
"""The end of a period written as YYYY-MM-DD, YYYY-MM or YYYY: its last day."""


def precision_from_shape(data: Any, date_key: str, precision_key: str) -> Any:
    """Raw record data with the date's precision taken from how the date is written, unless
    given; a given precision finer than the written date is an error."""
    if not isinstance(data, dict):
        return data
    written = data.get(date_key)
    if written is None or (type(written) is str and len(written) == 10):
        return data  # no date, or a day (or no date at all: the field says so)
    shape = date_shape(written)
    if shape is None or (shape is DatePrecision.DAY):
        return data  # a day may be given any precision
    given = data.get(precision_key)
    if given is None:
        return {**data, precision_key: shape.value}
    known = isinstance(given, str) and given in _PRECISION_NAMES
    if known and DatePrecision(given) not in _PRECISIONS_OF_SHAPE[shape]:
        raise PydanticCustomError(
            "precision_shape",
            "{precision_key} '{given}' contradicts {date_key} '{written}', which is written "
            "as a {shape}; leave {precision_key} out, or write the day",
            {
                "field": precision_key,
                "precision_key": precision_key,
                "given": given,
                "date_key": date_key,
                "written": str(data[date_key]),
                "shape": shape.value,
            },
        )
    return data


class Attribution(StrEnum):
    """How an article attributes the words it reports."""

    DIRECT = "direct"  # verbatim, in quotation marks
    INDIRECT = "indirect"  # reported speech: "X said that ..."
    PARAPHRASE = "paraphrase"  # the article's own summary of a position


class Review(StrEnum):
    """Where a statement stands in the curator's review."""

    PENDING = "pending"  # proposed (by `suggest --write`), not yet checked by a curator


class EntityKind(StrEnum):
    """What an entity is: statements speak for governments, and also for these."""

    GOVERNMENT = "government"
    LEGISLATURE = "legislature"
    PARTY = "party"
    CAMPAIGN = "campaign"
    ORGANISATION = "organisation"
    ALLIANCE = "alliance"
    UNION = "union"
    MEDIA = "media"


GovernmentKind = EntityKind
"""The name entity kinds had when every entity was a government."""

LEGACY_ENTITY_KINDS = {
    "state": EntityKind.GOVERNMENT,
    "international-organisation": EntityKind.ORGANISATION,
    "other": EntityKind.ORGANISATION,
}
"""Kinds the first data files used, read as today's."""


def _entity_kind(value: Any) -> Any:
    return LEGACY_ENTITY_KINDS.get(value, value) if isinstance(value, str) else value


class ActorKind(StrEnum):
    PERSON = "person"
    OFFICE = "office"  # a spokesperson's or a ministry's office speaking as such
    ANONYMOUS = "anonymous"  # "a senior European defence official"
    COLLECTIVE = "collective"  # "representatives of Scandinavian countries"


_FIELDS_SETS: dict[frozenset[str], set[str]] = {}
"""One set object per combination of fields given: records are frozen, so pydantic never
changes a record's set (`model_copy` copies it first)."""


class Record(BaseModel):
    # defer_build: schemas are built on first validation, which a cached load never needs
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    def model_post_init(self, context: Any, /) -> None:
        # Each record's own set of the fields it was given is the largest part of it (728
        # bytes for a statement, a third of the models' memory at 50,000 statements); records
        # given the same fields share one set instead.
        given = self.__pydantic_fields_set__
        shared = _FIELDS_SETS.setdefault(frozenset(given), given)
        object.__setattr__(self, "__pydantic_fields_set__", shared)


class Topic(Record):
    id: Id
    question: Text
    description: Text | None = None


class Stance(Record):
    """A position in the vocabulary. `score` orders positions from most opposed (low) to most
    supportive (high); positions off that scale have no score."""

    id: Id
    label: Text
    score: StrictInt | None = None
    """Strict: YAML reads `true` and `yes` as booleans, which would otherwise become 1."""
    description: Text | None = None
    topics: list[Id] = Field(default_factory=list)
    """The topics this position applies to; empty means every topic."""
    cues: list[Text] = Field(default_factory=list)
    """Phrases that signal this position in reported speech ("rule out", "no plans"), for
    `suggest`'s stance guess; matched as whole words in any inflection, negation handled."""


class Entity(Record):
    """Whom a statement speaks for: a government, a party, a campaign, a newspaper ..."""

    id: Id
    name: Text
    kind: Annotated[EntityKind, BeforeValidator(_entity_kind)] = EntityKind.GOVERNMENT
    aliases: list[Text] = Field(default_factory=list)


Government = Entity
"""The name entities had when every one was a government."""


class Role(Record):
    title: Text
    government: Id | None = None
    start: Day | None = Field(default=None, alias="from")
    until: LastDay | None = None
    speaks_for: bool = True
    """Whether its holder speaks for the entity (a minister does; a senator, an opposition
    leader or an adviser does not): only those who do move the entity's position."""

    def holds_on(self, day: dt.date | None) -> bool:
        if day is None:
            return self.start is None and self.until is None
        after_start = self.start is None or self.start <= day
        before_end = self.until is None or day <= self.until
        return after_start and before_end


class Actor(Record):
    id: Id
    name: Text
    kind: ActorKind = ActorKind.PERSON
    aliases: list[Text] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)

    def role_on(self, day: dt.date | None) -> Role | None:
        """The role held on `day`; with no date, the only role if there is exactly one."""
        for role in self.roles:
            if day is not None and role.holds_on(day):
                return role
        if day is None and len(self.roles) == 1:
            return self.roles[0]
        return None


class Article(Record):
    id: Id
    file: Text
    """Path of the article's text, relative to the data file."""
    title: Text | None = None
    outlet: Text | None = None
    authors: list[Text] = Field(default_factory=list)
    via: Text | None = None
    """The wire service the article comes from ("AP", "Reuters")."""
    url: Text | None = None
    published: Day | None = None
    published_precision: DatePrecision = DatePrecision.DAY
    dateline: Text | None = None
    note: Text | None = None
    """How the metadata is known ("date line at the top", "embedded post dated 8 March")."""

    @model_validator(mode="before")
    @classmethod
    def _precision(cls, data: Any) -> Any:
        return precision_from_shape(data, "published", "published_precision")


class Account(Record):
    """What one article reports differently from the statement's settled account."""

    said_on: Day | None = None
    date_precision: DatePrecision | None = None
    where: Text | None = None
    occasion: Text | None = None
    stance: Id | None = None
    actor: Id | None = None
    """Who said it, by this article's account, where it names a different speaker."""
    note: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _precision(cls, data: Any) -> Any:
        return precision_from_shape(data, "said_on", "date_precision")


class Evidence(Record):
    article: Id
    quote: Text
    """Verbatim text of the article that supports the statement."""
    attribution: Attribution
    """Required: a default would show a paraphrase as the speaker's own words."""
    via: Text | None = None
    """Whom the article relies on ("the Financial Times, citing a senior official")."""
    differs: Account | None = None


class Statement(Record):
    id: Id
    topic: Id
    stance: Id
    actor: Id | None = None
    government: Id | None = None
    said_on: Day | None = None
    date_precision: DatePrecision = DatePrecision.DAY
    where: Text | None = None
    occasion: Text | None = None
    summary: Text | None = None
    note: Text | None = None
    """The curator's reasoning: how the date was resolved, why two reports are one statement."""
    review: Review | None = None
    """`pending` for a proposed statement no curator has confirmed: views leave it out unless
    asked (--include-pending) and `check` counts it; delete the key once it is confirmed."""
    evidence: list[Evidence] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _precision(cls, data: Any) -> Any:
        return precision_from_shape(data, "said_on", "date_precision")


class StanceFile(Record):
    version: Literal[1]
    topics: list[Topic] = Field(min_length=1)
    stances: list[Stance] = Field(min_length=1)
    governments: list[Entity] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    """Either key may hold the entities, or both (an older file keeps `governments:`)."""
    actors: list[Actor] = Field(default_factory=list)
    articles: list[Article] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
