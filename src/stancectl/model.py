"""The stances.yaml data model, schema version 1.

Every model forbids unknown keys, so a typo in a hand-edited file is an error, not a silent no-op.
Field names are the YAML keys, except where a key is a Python keyword (`from`), which uses an alias.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from stancectl.dates import DatePrecision

SCHEMA_VERSION = 1

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]*$", min_length=1, max_length=80),
]
"""Ids are lower-case slugs: stable in URLs, shell arguments and file names."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Attribution(StrEnum):
    """How an article attributes the words it reports."""

    DIRECT = "direct"  # verbatim, in quotation marks
    INDIRECT = "indirect"  # reported speech: "X said that ..."
    PARAPHRASE = "paraphrase"  # the article's own summary of a position


class Review(StrEnum):
    """Where a statement stands in the curator's review."""

    PENDING = "pending"  # proposed (by `suggest --write`), not yet checked by a curator


class GovernmentKind(StrEnum):
    STATE = "state"
    ALLIANCE = "alliance"
    UNION = "union"
    INTERNATIONAL_ORGANISATION = "international-organisation"
    OTHER = "other"


class ActorKind(StrEnum):
    PERSON = "person"
    OFFICE = "office"  # a spokesperson's or a ministry's office speaking as such
    ANONYMOUS = "anonymous"  # "a senior European defence official"
    COLLECTIVE = "collective"  # "representatives of Scandinavian countries"


class Record(BaseModel):
    # defer_build: schemas are built on first validation, which a cached load never needs
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Topic(Record):
    id: Id
    question: Text
    description: Text | None = None


class Stance(Record):
    """A position in the vocabulary. `score` orders positions from most opposed (low) to most
    supportive (high); positions off that scale have no score."""

    id: Id
    label: Text
    score: int | None = None
    description: Text | None = None
    topics: list[Id] = Field(default_factory=list)
    """The topics this position applies to; empty means every topic."""
    cues: list[Text] = Field(default_factory=list)
    """Phrases that signal this position in reported speech ("rule out", "no plans"), for
    `suggest`'s stance guess; matched as whole words in any inflection, negation handled."""


class Government(Record):
    id: Id
    name: Text
    kind: GovernmentKind = GovernmentKind.STATE
    aliases: list[Text] = Field(default_factory=list)


class Role(Record):
    title: Text
    government: Id | None = None
    start: dt.date | None = Field(default=None, alias="from")
    until: dt.date | None = None

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
    url: Text | None = None
    published: dt.date | None = None
    published_precision: DatePrecision = DatePrecision.DAY
    dateline: Text | None = None
    note: Text | None = None
    """How the metadata is known ("date line at the top", "embedded post dated 8 March")."""


class Account(Record):
    """What one article reports differently from the statement's settled account."""

    said_on: dt.date | None = None
    date_precision: DatePrecision | None = None
    where: Text | None = None
    occasion: Text | None = None
    stance: Id | None = None
    note: Text | None = None


class Evidence(Record):
    article: Id
    quote: Text
    """Verbatim text of the article that supports the statement."""
    attribution: Attribution = Attribution.DIRECT
    via: Text | None = None
    """Whom the article relies on ("the Financial Times, citing a senior official")."""
    differs: Account | None = None


class Statement(Record):
    id: Id
    topic: Id
    stance: Id
    actor: Id | None = None
    government: Id | None = None
    said_on: dt.date | None = None
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


class StanceFile(Record):
    version: Literal[1]
    topics: list[Topic] = Field(min_length=1)
    stances: list[Stance] = Field(min_length=1)
    governments: list[Government] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    articles: list[Article] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
