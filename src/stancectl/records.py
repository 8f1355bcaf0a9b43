"""Dataset -> records: everything the views show, as plain JSON-ready data.

`Records` holds every statement as a record (a dict of JSON values, in date order), the article
and actor records, and the names a user may type for each kind of thing. It is plain data: the
cache stores it as JSON and gives it back without loading the model, and every view takes it.
Records are read, never changed: a view that adds to one copies it first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, ItemsView, Iterator, Mapping, ValuesView
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from stancectl.dataset import display_path
from stancectl.dates import DatePrecision, date_span, sort_day
from stancectl.inputs import MAX_ARTICLE_BYTES
from stancectl.naming import fold as fold  # noqa: PLC0414 - re-exported, as views import it here
from stancectl.views import SortKey

if TYPE_CHECKING:  # the model (pydantic) is only loaded to build records, never to read them
    from stancectl.dataset import Dataset
    from stancectl.model import Actor, Article, Entity, Evidence, Stance, Statement

Record = dict[str, Any]


@dataclass
class Names:
    """By id, the names a user may type for each kind of thing, and the words --search reads."""

    stances: dict[str, list[str]] = field(default_factory=dict)
    actors: dict[str, list[str]] = field(default_factory=dict)
    governments: dict[str, list[str]] = field(default_factory=dict)
    topics: dict[str, list[str]] = field(default_factory=dict)
    articles: dict[str, list[str]] = field(default_factory=dict)
    statements: list[str] = field(default_factory=list)
    actor_words: dict[str, list[str]] = field(default_factory=dict)
    """Actor id -> name, aliases and role titles."""
    government_words: dict[str, list[str]] = field(default_factory=dict)
    """Entity id -> name and aliases."""


class ArticleTexts(Mapping[str, str]):
    """Article texts read when first asked for, the way the loader reads them: a view that
    shows one statement reads one file. An article that cannot be read has no text."""

    def __init__(self, folder: Path, files: Mapping[str, str]) -> None:
        self._folder = folder
        self._files = files
        self._texts: dict[str, str | None] = {}

    def __getitem__(self, article_id: str) -> str:
        if article_id not in self._texts:
            from stancectl.files import read_article
            from stancectl.problems import Report

            relative = self._files[article_id]
            self._texts[article_id] = read_article(
                self._folder / relative,
                display_path(self._folder, relative),
                MAX_ARTICLE_BYTES,
                Report(),
            )
        text = self._texts[article_id]
        if text is None:
            raise KeyError(article_id)
        return text

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


@dataclass
class Records:
    """A loaded data file as the views read it."""

    source: str
    """The data file, as the user named it: article files are relative to its folder."""
    names: Names
    statements: list[Record]
    """Every statement's record, in date order (undated last)."""
    articles: Mapping[str, Record]
    """Article id -> its record, in file order."""
    actors: Mapping[str, Record]
    """Actor id -> its record (with `kind`), in file order."""
    lines: Mapping[str, int]
    """Statement id -> line of its entry in the data file."""
    undated_precision: Mapping[str, str] = field(default_factory=dict)
    """For undated statements only: the date precision the data gives (an article may date it)."""
    pending: list[Record] = field(default_factory=list)
    """The records of statements awaiting review (`review: pending`), kept out of `statements`:
    views show them only when asked (`with_pending`)."""
    texts: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)
    """Article id -> its text, read on demand."""

    def as_plain(self) -> dict[str, Any]:
        """Plain data (dicts, lists, strings, numbers); `from_plain` gives the records back."""
        return {
            "source": self.source,
            "names": vars(self.names),
            "statements": self.statements,
            "pending": self.pending,
            **self.catalog(),
        }

    def catalog(self) -> dict[str, Any]:
        """The parts only some views read (articles, actors, lines, undated precisions), as
        plain data: stored apart, so that who-said and timeline never read them."""
        return {name: dict(getattr(self, name)) for name in CATALOG}

    @classmethod
    def from_plain(
        cls, plain: dict[str, Any], catalog: Callable[[], dict[str, Any]] | None = None
    ) -> Records:
        """Records from `as_plain()`; or from its source, names and statements, with
        `catalog()` giving the rest when a view first reads it."""
        parts: dict[str, Mapping[str, Any]]
        if catalog is None:
            parts = {name: plain[name] for name in CATALOG}
        else:
            read_once = _Once(catalog)
            parts = {name: _Deferred(read_once, name) for name in CATALOG}
        files = _Deferred(
            lambda: {"files": {i: a["file"] for i, a in parts["articles"].items()}}, "files"
        )
        return cls(
            source=plain["source"],
            names=Names(**plain["names"]),
            statements=plain["statements"],
            articles=parts["articles"],
            actors=parts["actors"],
            lines=parts["lines"],
            undated_precision=parts["undated_precision"],
            pending=plain.get("pending", []),
            texts=ArticleTexts(Path(plain["source"]).parent, files),
        )


CATALOG = ("articles", "actors", "lines", "undated_precision")


class _Once:
    """A function called at most once, its result kept."""

    def __init__(self, function: Callable[[], dict[str, Any]]) -> None:
        self._function = function
        self._result: dict[str, Any] | None = None

    def __call__(self) -> dict[str, Any]:
        if self._result is None:
            self._result = self._function()
        return self._result


class _Deferred(Mapping[str, Any]):
    """One part of a dict that is read when first used."""

    def __init__(self, read: Callable[[], dict[str, Any]], name: str) -> None:
        self._read = read
        self._name = name

    def _part(self) -> dict[str, Any]:
        part: dict[str, Any] = self._read()[self._name]
        return part

    def __getitem__(self, key: str) -> Any:
        return self._part()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._part())

    def __len__(self) -> int:
        return len(self._part())

    def values(self) -> ValuesView[Any]:  # the part's own: not a lookup per key
        return self._part().values()

    def items(self) -> ItemsView[str, Any]:
        return self._part().items()


# --- building the records from a dataset --------------------------------------------------------


def records_of(dataset: Dataset) -> Records:
    records = _without_statements(dataset)
    maker = RecordMaker(dataset)
    in_order = _by_date(dataset)
    records.statements = [maker.statement(s) for s in in_order if s.review is None]
    records.pending = [
        {**maker.statement(s), "review": s.review.value} for s in in_order if s.review is not None
    ]
    return records


def with_pending(records: Records) -> Records:
    """The records with the statements awaiting review among the others, in date order."""
    if not records.pending:
        return records
    merged = sort_records(records.statements + records.pending, SortKey.DATE)
    return replace(records, statements=merged, pending=[])


def _by_date(dataset: Dataset) -> list[Statement]:
    """The statements in the order of `sort_records(..., SortKey.DATE)`."""
    return sorted(
        dataset.statements.values(),
        key=lambda s: (sort_day(s.said_on, s.date_precision) if s.said_on else _NO_DATE, s.id),
    )


def _without_statements(dataset: Dataset) -> Records:
    by_article: dict[str, int] = {}
    by_actor: dict[str, int] = {}
    for statement in dataset.statements.values():
        if statement.review is not None:
            continue  # awaiting review: not counted until confirmed
        evidence = statement.evidence
        # an article cited twice by one statement counts once
        cited = (evidence[0].article,) if len(evidence) == 1 else {e.article for e in evidence}
        for article in cited:
            by_article[article] = by_article.get(article, 0) + 1
        if statement.actor:
            by_actor[statement.actor] = by_actor.get(statement.actor, 0) + 1
    return Records(
        source=str(dataset.source),
        names=names_of(dataset),
        statements=[],
        articles={
            a.id: article_record(a, by_article.get(a.id, 0)) for a in dataset.articles.values()
        },
        actors={a.id: actor_record(a, by_actor.get(a.id, 0)) for a in dataset.actors.values()},
        lines=dict(dataset.lines),
        undated_precision={
            s.id: s.date_precision.value for s in dataset.statements.values() if not s.said_on
        },
        texts=dataset.texts,
    )


def names_of(dataset: Dataset) -> Names:
    return Names(
        stances={s.id: [s.id, s.label] for s in dataset.stances.values()},
        actors={a.id: [a.id, a.name, *a.aliases] for a in dataset.actors.values()},
        governments={g.id: [g.id, g.name, *g.aliases] for g in dataset.governments.values()},
        topics={t.id: [t.id, t.question] for t in dataset.topics.values()},
        articles={
            a.id: [a.id, a.file, file.name, file.stem]
            for a in dataset.articles.values()
            for file in (PurePath(a.file),)
        },
        statements=list(dataset.statements),
        actor_words={
            a.id: [a.name, *a.aliases, *(r.title for r in a.roles)] for a in dataset.actors.values()
        },
        government_words={g.id: [g.name, *g.aliases] for g in dataset.governments.values()},
    )


def stance_part(stance: Stance | None, stance_id: str) -> Record:
    if stance is None:
        return {"id": stance_id, "label": stance_id, "score": None}
    return {"id": stance.id, "label": stance.label, "score": stance.score}


def actor_part(actor: Actor | None, day: dt.date | None) -> Record | None:
    if actor is None:
        return None
    role = actor.role_on(day)
    return {
        "id": actor.id,
        "name": actor.name,
        "role": role.title if role else None,
        "speaks_for": role.speaks_for if role else True,
    }


def government_part(entity: Entity | None) -> Record | None:
    """The entity a statement speaks for (the key keeps its first name, `government`)."""
    if entity is None:
        return None
    return {"id": entity.id, "name": entity.name, "kind": entity.kind.value}


class RecordMaker:
    """Statement records of one dataset. Equal parts (a stance, an actor in a role, a
    government, a date) are made once and shared by every record that has them: the records
    take less memory, and the cache, which stores a shared object once, is smaller and faster
    to read back. Records are read, never changed, so sharing is safe."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._actors: dict[tuple[str, str | None], Record | None] = {}
        self._governments: dict[str | None, Record | None] = {}
        self._stances: dict[str, Record] = {}
        self._days: dict[dt.date, str] = {}
        self._articles = dataset.articles
        self._matches = dataset.matches

    def statement(self, statement: Statement) -> Record:
        d = self.dataset
        said_on = statement.said_on
        actor = d.actors.get(statement.actor or "")
        role = actor.role_on(said_on) if actor else None
        actor_key = (statement.actor or "", role.title if role else None)
        if actor_key not in self._actors:
            self._actors[actor_key] = actor_part(actor, said_on)
        government = statement.government or (role.government if role else None)
        if government not in self._governments:
            self._governments[government] = government_part(d.governments.get(government or ""))
        if statement.stance not in self._stances:
            stance = stance_part(d.stances.get(statement.stance), statement.stance)
            self._stances[statement.stance] = stance
        return {
            "id": statement.id,
            "topic": statement.topic,
            "actor": self._actors[actor_key],
            "government": self._governments[government],
            "stance": self._stances[statement.stance],
            "said_on": self._day(said_on) if said_on else None,
            "date_precision": statement.date_precision.value if said_on else None,
            "where": statement.where,
            "occasion": statement.occasion,
            "summary": statement.summary,
            "note": statement.note,
            "evidence": [
                self._evidence(statement.id, i, evidence)
                for i, evidence in enumerate(statement.evidence)
            ],
        }

    def _day(self, day: dt.date) -> str:
        if day not in self._days:
            self._days[day] = day.isoformat()
        return self._days[day]

    def _evidence(self, statement_id: str, index: int, evidence: Evidence) -> Record:
        article = self._articles[evidence.article]
        found = self._matches.get((statement_id, index))
        differs = evidence.differs
        return {
            "article": article.id,
            "file": article.file,
            "quote": evidence.quote,
            "match": _VALUES[found.level] if found else None,
            "attribution": _VALUES[evidence.attribution],
            "via": evidence.via,
            "differs": differs.model_dump(mode="json", exclude_none=True) if differs else None,
        }


class _EnumValues(dict[Any, str]):
    """Each enum member's value, read once: the enum's `value` property costs five times a
    dictionary look-up, and two are read for each of a hundred thousand quotes."""

    def __missing__(self, member: Any) -> str:
        value: str = member.value
        self[member] = value
        return value


_VALUES = _EnumValues()


def statement_record(dataset: Dataset, statement: Statement) -> Record:
    """One statement as the views show it (to make many, use one RecordMaker)."""
    return RecordMaker(dataset).statement(statement)


def article_record(article: Article, statements: int) -> Record:
    """An article's metadata, and how many statements it reports."""
    return {
        "id": article.id,
        "file": article.file,
        "title": article.title,
        "outlet": article.outlet,
        "authors": list(article.authors),
        "via": article.via,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "published_precision": article.published_precision.value,
        "dateline": article.dateline,
        "statements": statements,
    }


def actor_record(actor: Actor, statements: int) -> Record:
    """An actor's names, kind and roles in order, and how many statements are theirs."""
    roles = sorted(actor.roles, key=lambda r: r.start or dt.date.min)
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind.value,
        "aliases": list(actor.aliases),
        "roles": [
            {
                "title": r.title,
                "government": r.government,
                "from": r.start.isoformat() if r.start else None,
                "until": r.until.isoformat() if r.until else None,
                "speaks_for": r.speaks_for,
            }
            for r in roles
        ],
        "governments": sorted({r.government for r in roles if r.government}),
        "statements": statements,
    }


# --- reading records -----------------------------------------------------------------------------


def key_quote(record: Record) -> Record:
    """The evidence to show first: a direct quote if there is one."""
    evidence: list[Record] = record["evidence"]
    return next((e for e in evidence if e["attribution"] == "direct"), evidence[0])


def record_span(record: Record) -> tuple[dt.date, dt.date]:
    """The days a statement record (or an article's account of one) may stand for."""
    return date_span(
        dt.date.fromisoformat(record["said_on"]), DatePrecision(record["date_precision"])
    )


_NO_DATE = dt.date.max


def _date_key(record: Record) -> tuple[dt.date, str]:
    said = record["said_on"]
    if not said:
        return (_NO_DATE, record["id"])
    day = dt.date.fromisoformat(said)
    return (sort_day(day, DatePrecision(record["date_precision"])), record["id"])


def _name(part: Record | None) -> str:
    return fold(part["name"]) if part else "\uffff"  # records without one sort last


def sort_records(records: list[Record], key: SortKey) -> list[Record]:
    by_date = sorted(records, key=_date_key)
    if key in (SortKey.GOVERNMENT, SortKey.ENTITY):
        return sorted(by_date, key=lambda r: _name(r["government"]))
    if key is SortKey.ACTOR:
        return sorted(by_date, key=lambda r: _name(r["actor"]))
    if key is SortKey.STANCE:
        return sorted(by_date, key=_stance_order)
    return by_date


def _stance_order(record: Record) -> tuple[int, int, str]:
    score = record["stance"]["score"]
    return (score is None, score if score is not None else 0, record["stance"]["label"])
