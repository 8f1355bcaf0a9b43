"""What to keep: filters resolved from what a user typed, applied to statement records."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from stancectl.dates import DatePrecision, date_span, written_date
from stancectl.naming import fold
from stancectl.problems import ExitCode, StancectlError
from stancectl.query.names import (
    resolve_actor,
    resolve_article,
    resolve_government,
    resolve_stance,
    resolve_topic,
)
from stancectl.records import Names, Record, Records
from stancectl.stored_json import FilterKey, filter_key


class FilterValueError(StancectlError, ValueError):
    """A filter value that is not of a kind a filter can hold (a date that is not a date)."""

    exit_code = ExitCode.USAGE


def parse_day(name: str, value: str | dt.date | None, *, end: bool = False) -> dt.date | None:
    """A date filter from a `datetime.date` or a string: a day `YYYY-MM-DD`, or a month
    `YYYY-MM` or year `YYYY`, which stands for its first day (its last with `end`, for an
    `until`). `name` is what the message calls it (`--since` on the command line, `since` in
    Python)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):  # a datetime is a date too, but cannot be compared to one
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            written = written_date(value.strip())
        except ValueError as impossible:
            if str(impossible):
                raise FilterValueError(f"{name} {value!r} is not a date: {impossible}") from None
            written = None
        if written is not None:
            first, precision = written
            return date_span(first, precision)[1] if end else first
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(value)  # other ISO 8601 forms: 20240226, 2024-W09-1
    raise FilterValueError(
        f"{name} {value!r} is not a date: write it as YYYY-MM-DD, YYYY-MM or YYYY, "
        "e.g. 2024-02-26 or 2024-02"
    )


def _words(given: str | Iterable[str]) -> Iterable[str]:
    """A single name given where several may be is one name, not its characters."""
    return (given,) if isinstance(given, str) else given


@dataclass(frozen=True)
class Filters:
    """What to keep. Values within one filter are alternatives; different filters all apply.
    Ids must be resolved already (see `Filters.parse`)."""

    stances: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    governments: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    articles: frozenset[str] = frozenset()
    since: dt.date | None = None
    until: dt.date | None = None
    search: str | None = None

    @classmethod
    def parse(
        cls,
        records: Records,
        *,
        stances: str | Iterable[str] = (),
        actors: str | Iterable[str] = (),
        governments: str | Iterable[str] = (),
        topics: str | Iterable[str] = (),
        articles: str | Iterable[str] = (),
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        search: str | None = None,
    ) -> Filters:
        """Resolve names typed by a user to ids; LookupFailedError names the closest choices.
        Each of the names may be one string or several; `since`/`until` are dates or strings
        `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (a period: from its start, to its end);
        FilterValueError otherwise."""
        return cls(
            stances=frozenset(resolve_stance(records, s) for s in _words(stances)),
            actors=frozenset(resolve_actor(records, a) for a in _words(actors)),
            governments=frozenset(resolve_government(records, g) for g in _words(governments)),
            topics=frozenset(resolve_topic(records, t) for t in _words(topics)),
            articles=frozenset(resolve_article(records, a) for a in _words(articles)),
            since=parse_day("since", since),
            until=parse_day("until", until, end=True),
            search=fold(search) if search else None,
        )

    def keep(self, record: Record, names: Names) -> bool:
        """Whether a statement record passes every filter (`names` serves --search)."""
        if self.by_key and not self.keep_key(filter_key(record)):
            return False
        return not (self.search and self.search not in _search_text(record, names))

    @property
    def by_key(self) -> bool:
        """Whether any filter but --search is set."""
        keyed = (self.stances, self.actors, self.governments, self.topics, self.articles)
        return any(keyed) or self.since is not None or self.until is not None

    def keep_key(self, key: FilterKey) -> bool:
        """Whether a statement passes every filter but --search, by its filter key."""
        stance, actor, government, topic, articles, said_on, precision = key
        if self.stances and stance not in self.stances:
            return False
        if self.actors and actor not in self.actors:
            return False
        if self.governments and government not in self.governments:
            return False
        if self.topics and topic not in self.topics:
            return False
        if self.articles and self.articles.isdisjoint(articles):
            return False
        if self.since or self.until:
            if said_on is None or precision is None:
                return False
            first, last = date_span(dt.date.fromisoformat(said_on), DatePrecision(precision))
            if self.since and last < self.since:
                return False
            if self.until and first > self.until:
                return False
        return True

    def select(self, records: Records) -> list[Record]:
        if self == Filters():
            return list(records.statements)
        return [r for r in records.statements if self.keep(r, records.names)]


def _id_of(part: Record | None) -> str | None:
    return part["id"] if part else None


def _search_text(record: Record, names: Names) -> str:
    parts: list[str] = [record["summary"] or "", record["where"] or "", record["occasion"] or ""]
    parts += names.actor_words.get(_id_of(record["actor"]) or "", [])
    parts += names.government_words.get(_id_of(record["government"]) or "", [])
    parts += [e["quote"] for e in record["evidence"]]
    return fold(" | ".join(parts))
