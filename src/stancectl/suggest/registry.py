"""What `suggest` needs to know of a curated data set, as a small picklable object.

Built once from a loaded data set (`build_registry`) and then shipped as it is, for instance
to the workers of a distributed scan: plain frozen dataclasses, tuples and dicts, no model
objects, no compiled state that would not pickle.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from stancectl.suggest import lexicon

_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-",
    }
)  # fmt: skip
_TOKEN = re.compile(r"[\w'.-]*\w|[^\w\s]")


def fold(text: str) -> str:
    """Text as names are compared: typography and case folded, accents and runs of space kept
    apart (an accented name is looked up with and without its accents, see `keys`)."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_FOLD).casefold().split())


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(strip_accents(fold(text)))


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """The lookup key of a name: folded, without accents, without a leading article."""
    parts = tokens(text)
    while parts and parts[0] in {"the", "a", "an"}:
        parts = parts[1:]
    return " ".join(parts)


@dataclass(frozen=True, slots=True)
class RoleEntry:
    title: str
    government: str | None
    start: dt.date | None
    until: dt.date | None

    def holds_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (
            self.until is None or day <= self.until
        )


@dataclass(frozen=True, slots=True)
class ActorEntry:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    roles: tuple[RoleEntry, ...]


@dataclass(frozen=True, slots=True)
class StanceEntry:
    id: str
    topics: tuple[str, ...]
    cues: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CuratedEvidence:
    """One evidence entry of an existing statement, with where its quote stands when known."""

    statement: str
    article: str
    quote: str
    start: int | None
    end: int | None


@dataclass(frozen=True, slots=True)
class StatementEntry:
    id: str
    actor: str | None
    government: str | None
    stance: str
    topic: str
    said_on: dt.date | None
    precision: str


@dataclass(frozen=True)
class Registry:
    """Actors, governments, stances with their cues, and existing statements, indexed."""

    actors: dict[str, ActorEntry] = field(default_factory=dict)
    governments: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Government id -> its name and aliases."""
    stances: dict[str, StanceEntry] = field(default_factory=dict)
    topics: tuple[str, ...] = ()
    statements: dict[str, StatementEntry] = field(default_factory=dict)
    evidence: dict[str, tuple[CuratedEvidence, ...]] = field(default_factory=dict)
    """Article id -> the curated evidence quoting it."""
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Name key -> the actor ids it names (names, aliases, and a person's unique surname)."""
    government_names: dict[str, str] = field(default_factory=dict)
    """Name key -> government id (names, aliases and the demonyms of their countries)."""
    longest_name: int = 1
    """Words in the longest name key, to bound the lookups of a phrase's word runs."""
    cue_table: tuple[tuple[str, str], ...] = ()
    """(cue, stance id) for every stance's cues, longest cue first."""
    by_speaker_stance: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    """(actor id, or "government:" + government id; stance id) -> statement ids."""


class _Records(Protocol):
    """What `build_registry` reads of a data set: its records by id."""

    @property
    def topics(self) -> Mapping[str, Any]: ...
    @property
    def stances(self) -> Mapping[str, Any]: ...
    @property
    def governments(self) -> Mapping[str, Any]: ...
    @property
    def actors(self) -> Mapping[str, Any]: ...
    @property
    def statements(self) -> Mapping[str, Any]: ...


def build_registry(dataset: _Records) -> Registry:
    """The registry of a loaded data set (anything with the data set's record mappings; the
    quote positions of `dataset.matches`, when present, make span coverage exact)."""
    actors = {
        actor.id: ActorEntry(
            id=actor.id,
            name=actor.name,
            kind=str(getattr(actor.kind, "value", actor.kind)),
            aliases=tuple(actor.aliases),
            roles=tuple(RoleEntry(r.title, r.government, r.start, r.until) for r in actor.roles),
        )
        for actor in dataset.actors.values()
    }
    governments = {g.id: (g.name, *g.aliases) for g in dataset.governments.values()}
    stances = {
        s.id: StanceEntry(s.id, tuple(s.topics), tuple(getattr(s, "cues", None) or ()))
        for s in dataset.stances.values()
    }
    matches: Mapping[tuple[str, int], Any] = getattr(dataset, "matches", {}) or {}
    texts: Mapping[str, str] = getattr(dataset, "texts", {}) or {}
    statements: dict[str, StatementEntry] = {}
    evidence: dict[str, list[CuratedEvidence]] = {}
    for statement in dataset.statements.values():
        statements[statement.id] = StatementEntry(
            id=statement.id,
            actor=statement.actor,
            government=statement.government,
            stance=statement.stance,
            topic=statement.topic,
            said_on=statement.said_on,
            precision=str(getattr(statement.date_precision, "value", statement.date_precision)),
        )
        for index, item in enumerate(statement.evidence):
            match = matches.get((statement.id, index))
            start = getattr(match, "start", None)
            end = getattr(match, "end", None)
            text = texts.get(item.article)
            if (start is None or end is None) and text is not None:
                start, end = locate(text, item.quote) or (None, None)
            evidence.setdefault(item.article, []).append(
                CuratedEvidence(statement.id, item.article, item.quote, start, end)
            )
    return make_registry(
        actors=actors.values(),
        governments=governments,
        stances=stances.values(),
        topics=tuple(dataset.topics),
        statements=statements.values(),
        evidence={article: tuple(items) for article, items in evidence.items()},
    )


def locate(text: str, quote: str) -> tuple[int, int] | None:
    """Where a quote stands in an article, typography, case and runs of space aside."""
    exact = text.find(quote)
    if exact >= 0:
        return exact, exact + len(quote)
    folded = text.translate(_FOLD).lower()
    if len(folded) != len(text):  # a letter whose lower case is longer: no offsets to trust
        return None
    words = quote.translate(_FOLD).lower().split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(word) for word in words), folded)
    return (match.start(), match.end()) if match else None


def make_registry(
    *,
    actors: Iterable[ActorEntry],
    governments: Mapping[str, tuple[str, ...]],
    stances: Iterable[StanceEntry],
    topics: tuple[str, ...] = (),
    statements: Iterable[StatementEntry] = (),
    evidence: Mapping[str, tuple[CuratedEvidence, ...]] | None = None,
) -> Registry:
    """A registry from plain entries, with its name indexes built."""
    actor_map = {actor.id: actor for actor in actors}
    names: dict[str, set[str]] = {}
    for actor in actor_map.values():
        for name in (actor.name, *actor.aliases):
            if name_key := key(name):
                names.setdefault(name_key, set()).add(actor.id)
    surnames: dict[str, set[str]] = {}
    for actor in actor_map.values():
        parts = key(actor.name).split()
        if actor.kind == "person" and len(parts) >= 2:
            surnames.setdefault(parts[-1], set()).add(actor.id)
    for surname, owners in surnames.items():
        if len(owners) == 1 and surname not in names:
            names[surname] = owners
    government_names: dict[str, str] = {}
    for government_id, labels in governments.items():
        for label in labels:
            if label_key := key(label):
                government_names.setdefault(label_key, government_id)
    for demonym, country in lexicon.DEMONYMS.items():
        owner = government_names.get(key(country))
        if owner is not None:
            government_names.setdefault(demonym, owner)
    longest = max((len(k.split()) for k in (*names, *government_names)), default=1)
    statement_map = {statement.id: statement for statement in statements}
    stance_map = {stance.id: stance for stance in stances}
    by_speaker_stance: dict[tuple[str, str], list[str]] = {}
    for statement in statement_map.values():
        speaker = statement.actor or f"government:{statement.government}"
        by_speaker_stance.setdefault((speaker, statement.stance), []).append(statement.id)
    return Registry(
        actors=actor_map,
        governments=dict(governments),
        stances=stance_map,
        topics=topics,
        statements=statement_map,
        evidence=dict(evidence or {}),
        names={k: tuple(sorted(v)) for k, v in names.items()},
        government_names=government_names,
        longest_name=longest,
        by_speaker_stance={k: tuple(v) for k, v in by_speaker_stance.items()},
        cue_table=tuple(
            sorted(
                ((cue, stance.id) for stance in stance_map.values() for cue in stance.cues),
                key=lambda item: (-len(item[0]), item[0]),
            )
        ),
    )
