"""Model -> answers. Pure functions over a loaded Dataset that return plain records (dicts of
JSON-ready values): the JSON output is these records in an envelope, and every other format
renders from them, so all formats say the same thing.

who-said and timeline need only a `StatementTable`: every statement's record and the names a
user may type. It is plain data, so a cached table answers without loading the model at all.
Their functions take either a Dataset or a table.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from stancectl.dates import DatePrecision, date_span
from stancectl.evidence import ArticleMatcher, normalise
from stancectl.problems import ExitCode, StancectlError
from stancectl.views import GroupBy, Lane, SortKey

if TYPE_CHECKING:  # the model (pydantic) is only loaded by commands that need the Dataset
    from stancectl.load import Dataset
    from stancectl.model import Actor, Article, Evidence, Government, Stance, Statement

Record = dict[str, Any]

SCHEMAS = {
    "who-said": "stancectl.who-said/1",
    "timeline": "stancectl.timeline/1",
    "diff": "stancectl.diff/1",
    "articles": "stancectl.articles/1",
    "actors": "stancectl.actors/1",
    "show": "stancectl.show/1",
}


class LookupFailedError(StancectlError):
    """A name on the command line matches nothing, or too much."""

    exit_code = ExitCode.USAGE


def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching names: "Radosław" ~ "radoslaw"."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u0142", "l").replace("\u0141", "L"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(normalise(stripped).split())


# --- what a user may type, and the statements as records -------------------------------------


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
    """Government id -> name and aliases."""


def names_of(dataset: Dataset) -> Names:
    return Names(
        stances={s.id: [s.id, s.label] for s in dataset.stances.values()},
        actors={a.id: [a.id, a.name, *a.aliases] for a in dataset.actors.values()},
        governments={g.id: [g.id, g.name, *g.aliases] for g in dataset.governments.values()},
        topics={t.id: [t.id, t.question] for t in dataset.topics.values()},
        articles={
            a.id: [a.id, a.file, PurePath(a.file).name, PurePath(a.file).stem]
            for a in dataset.articles.values()
        },
        statements=list(dataset.statements),
        actor_words={
            a.id: [a.name, *a.aliases, *(r.title for r in a.roles)] for a in dataset.actors.values()
        },
        government_words={g.id: [g.name, *g.aliases] for g in dataset.governments.values()},
    )


@dataclass
class StatementTable:
    """Every statement's record, in date order, and the names to resolve filters by.
    Records share equal parts (one dict per stance, say): read them, never change them."""

    names: Names
    records: list[Record]


def statement_table(dataset: Dataset) -> StatementTable:
    records = [statement_record(dataset, s) for s in dataset.statements.values()]
    return StatementTable(
        names_of(dataset), _share_equal_parts(sort_records(records, SortKey.DATE))
    )


def _share_equal_parts(records: list[Record]) -> list[Record]:
    """Make equal stances, actors, governments and short strings one object each: a stored
    table is then a fifth smaller and reads back twice as fast (pickle stores a shared object
    once)."""
    strings: dict[str, str] = {}
    parts: dict[tuple[Any, ...], Record] = {}

    def one(value: Any) -> Any:
        return strings.setdefault(value, value) if isinstance(value, str) else value

    for record in records:
        for key in ("stance", "actor", "government"):
            part = record[key]
            if part is not None:
                part = {name: one(value) for name, value in part.items()}
                record[key] = parts.setdefault((key, *part.values()), part)
        for key in ("topic", "said_on", "date_precision", "where", "occasion"):
            record[key] = one(record[key])
        for evidence in record["evidence"]:
            for key in ("article", "file", "match", "attribution", "via"):
                evidence[key] = one(evidence[key])
    return records


def _names(source: Dataset | StatementTable | Names) -> Names:
    if isinstance(source, Names):
        return source
    return source.names if isinstance(source, StatementTable) else names_of(source)


def _table(source: Dataset | StatementTable) -> StatementTable:
    return source if isinstance(source, StatementTable) else statement_table(source)


# --- resolving what the user typed -----------------------------------------------------------


def _choices_hint(word: str, choices: Iterable[str]) -> str:
    options = sorted(set(choices))
    close = difflib.get_close_matches(word, options, n=5, cutoff=0.5)
    shown = close or options[:8]
    more = "" if close or len(options) <= 8 else f" (and {len(options) - 8} more)"
    return f"; {'closest' if close else 'choices'}: {', '.join(shown)}{more}" if shown else ""


def _resolve(word: str, what: str, names: dict[str, list[str]]) -> str:
    """The one id whose names match `word`: exactly (folded) first, then as a part."""
    wanted = fold(word)
    exact = [i for i, known in names.items() if wanted in {fold(n) for n in known}]
    if len(exact) == 1:
        return exact[0]
    partial = exact or [i for i, known in names.items() if any(wanted in fold(n) for n in known)]
    if len(partial) == 1:
        return partial[0]
    if partial:
        raise LookupFailedError(
            f"{what} '{word}' is ambiguous: it matches {', '.join(sorted(partial))}; "
            "give more of the name, or the id"
        )
    raise LookupFailedError(f"no {what} matches '{word}'{_choices_hint(word, names)}")


def resolve_stance(known: Dataset | StatementTable | Names, word: str) -> str:
    return _resolve(word, "stance", _names(known).stances)


def resolve_actor(known: Dataset | StatementTable | Names, word: str) -> str:
    return _resolve(word, "actor", _names(known).actors)


def resolve_government(known: Dataset | StatementTable | Names, word: str) -> str:
    return _resolve(word, "government", _names(known).governments)


def resolve_topic(known: Dataset | StatementTable | Names, word: str) -> str:
    return _resolve(word, "topic", _names(known).topics)


def resolve_article(known: Dataset | StatementTable | Names, word: str) -> str:
    """An article by id or file name, or by an unambiguous prefix of either ("002"); never by
    a fragment from the middle, where a typo would silently pick another article."""
    names = _names(known).articles
    if word in names:
        return word
    prefixed = sorted(i for i, known in names.items() if any(n.startswith(word) for n in known))
    if len(prefixed) == 1:
        return prefixed[0]
    if prefixed:
        raise LookupFailedError(
            f"article '{word}' is ambiguous: it starts {', '.join(prefixed)}; give more of it"
        )
    raise LookupFailedError(
        f"no article id or file name starts with '{word}'{_choices_hint(word, names)}"
    )


def resolve_statement(known: Dataset | StatementTable | Names, word: str) -> str:
    statements = _names(known).statements
    if word in statements:
        return word
    prefixed = [i for i in statements if i.startswith(word)]
    if len(prefixed) == 1:
        return prefixed[0]
    if prefixed:
        raise LookupFailedError(f"statement '{word}' is ambiguous: {', '.join(prefixed[:8])}")
    raise LookupFailedError(f"no statement '{word}'{_choices_hint(word, statements)}")


# --- filters ---------------------------------------------------------------------------------


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
        known: Dataset | StatementTable | Names,
        *,
        stances: Iterable[str] = (),
        actors: Iterable[str] = (),
        governments: Iterable[str] = (),
        topics: Iterable[str] = (),
        articles: Iterable[str] = (),
        since: dt.date | None = None,
        until: dt.date | None = None,
        search: str | None = None,
    ) -> Filters:
        """Resolve names typed by a user to ids; LookupFailedError names the closest choices."""
        names = _names(known)
        return cls(
            stances=frozenset(resolve_stance(names, s) for s in stances),
            actors=frozenset(resolve_actor(names, a) for a in actors),
            governments=frozenset(resolve_government(names, g) for g in governments),
            topics=frozenset(resolve_topic(names, t) for t in topics),
            articles=frozenset(resolve_article(names, a) for a in articles),
            since=since,
            until=until,
            search=fold(search) if search else None,
        )

    def keep(self, record: Record, names: Names) -> bool:
        """Whether a statement record passes every filter (`names` serves --search)."""
        if self.stances and record["stance"]["id"] not in self.stances:
            return False
        if self.actors and _id_of(record["actor"]) not in self.actors:
            return False
        if self.governments and _id_of(record["government"]) not in self.governments:
            return False
        if self.topics and record["topic"] not in self.topics:
            return False
        if self.articles and not self.articles & {e["article"] for e in record["evidence"]}:
            return False
        if self.since or self.until:
            if record["said_on"] is None:
                return False
            first, last = _record_span(record)
            if self.since and last < self.since:
                return False
            if self.until and first > self.until:
                return False
        return not (self.search and self.search not in _search_text(record, names))

    def select(self, table: StatementTable) -> list[Record]:
        if self == Filters():
            return list(table.records)
        return [r for r in table.records if self.keep(r, table.names)]


def _id_of(part: Record | None) -> str | None:
    return part["id"] if part else None


def _search_text(record: Record, names: Names) -> str:
    parts: list[str] = [record["summary"] or "", record["where"] or "", record["occasion"] or ""]
    parts += names.actor_words.get(_id_of(record["actor"]) or "", [])
    parts += names.government_words.get(_id_of(record["government"]) or "", [])
    parts += [e["quote"] for e in record["evidence"]]
    return fold(" | ".join(parts))


def government_of(dataset: Dataset, statement: Statement) -> str | None:
    """The statement's government, or the one the actor served when speaking."""
    if statement.government:
        return statement.government
    actor = dataset.actors.get(statement.actor or "")
    role = actor.role_on(statement.said_on) if actor else None
    return role.government if role else None


# --- records ---------------------------------------------------------------------------------


def stance_record(stance: Stance | None, stance_id: str) -> Record:
    if stance is None:
        return {"id": stance_id, "label": stance_id, "score": None}
    return {"id": stance.id, "label": stance.label, "score": stance.score}


def actor_record(actor: Actor | None, day: dt.date | None) -> Record | None:
    if actor is None:
        return None
    role = actor.role_on(day)
    return {"id": actor.id, "name": actor.name, "role": role.title if role else None}


def government_record(government: Government | None) -> Record | None:
    return None if government is None else {"id": government.id, "name": government.name}


def evidence_record(dataset: Dataset, statement: Statement, index: int) -> Record:
    evidence = statement.evidence[index]
    article = dataset.articles[evidence.article]
    found = dataset.matches.get((statement.id, index))
    differs = (
        evidence.differs.model_dump(mode="json", exclude_none=True) if evidence.differs else None
    )
    return {
        "article": article.id,
        "file": article.file,
        "quote": evidence.quote,
        "match": found.level.value if found else None,
        "attribution": evidence.attribution.value,
        "via": evidence.via,
        "differs": differs,
    }


def statement_record(dataset: Dataset, statement: Statement) -> Record:
    return {
        "id": statement.id,
        "topic": statement.topic,
        "actor": actor_record(dataset.actors.get(statement.actor or ""), statement.said_on),
        "government": government_record(
            dataset.governments.get(government_of(dataset, statement) or "")
        ),
        "stance": stance_record(dataset.stances.get(statement.stance), statement.stance),
        "said_on": statement.said_on.isoformat() if statement.said_on else None,
        "date_precision": statement.date_precision.value if statement.said_on else None,
        "where": statement.where,
        "occasion": statement.occasion,
        "summary": statement.summary,
        "note": statement.note,
        "evidence": [
            evidence_record(dataset, statement, i) for i in range(len(statement.evidence))
        ],
    }


def key_quote(record: Record) -> Record:
    """The evidence to show first: a direct quote if there is one."""
    evidence: list[Record] = record["evidence"]
    return next((e for e in evidence if e["attribution"] == "direct"), evidence[0])


# --- who-said --------------------------------------------------------------------------------


_NO_DATE = dt.date.max


def _date_key(record: Record) -> tuple[dt.date, str]:
    said = record["said_on"]
    return (dt.date.fromisoformat(said) if said else _NO_DATE, record["id"])


def _name(part: Record | None) -> str:
    return fold(part["name"]) if part else "\uffff"  # records without one sort last


def sort_records(records: list[Record], key: SortKey) -> list[Record]:
    by_date = sorted(records, key=_date_key)
    if key is SortKey.GOVERNMENT:
        return sorted(by_date, key=lambda r: _name(r["government"]))
    if key is SortKey.ACTOR:
        return sorted(by_date, key=lambda r: _name(r["actor"]))
    if key is SortKey.STANCE:
        return sorted(by_date, key=_stance_order)
    return by_date


def _stance_order(record: Record) -> tuple[int, int, str]:
    score = record["stance"]["score"]
    return (score is None, score if score is not None else 0, record["stance"]["label"])


def group_label(record: Record, group_by: GroupBy) -> str:
    if group_by is GroupBy.STANCE:
        return str(record["stance"]["label"])
    part = record[group_by.value]
    return str(part["name"]) if part else f"(no {group_by.value})"


def groups(records: list[Record], group_by: GroupBy) -> list[tuple[str, list[Record]]]:
    """Records in blocks, in the order their first record appears (so --sort orders groups)."""
    blocks: dict[str, list[Record]] = {}
    for record in records:
        blocks.setdefault(group_label(record, group_by), []).append(record)
    return list(blocks.items())


def who_said(
    source: Dataset | StatementTable, filters: Filters | None = None, sort: SortKey = SortKey.DATE
) -> list[Record]:
    kept = (filters or Filters()).select(_table(source))
    return kept if sort is SortKey.DATE else sort_records(kept, sort)  # tables are by date


def who_said_document(
    source: Dataset | StatementTable,
    filters: Filters | None = None,
    sort: SortKey = SortKey.DATE,
    group_by: GroupBy | None = None,
) -> Record:
    records = who_said(source, filters, sort)
    document: Record = {"schema": SCHEMAS["who-said"], "count": len(records), "statements": records}
    if group_by is not None:
        document["group_by"] = group_by.value
        document["groups"] = [
            {"key": label, "statements": [r["id"] for r in block]}
            for label, block in groups(records, group_by)
        ]
    return document


# --- timeline --------------------------------------------------------------------------------


def _direction(before: Record, after: Record) -> str:
    old, new = before["score"], after["score"]
    if old is None or new is None:
        return "changed"
    return "toward support" if new > old else "toward opposition"


def timeline(
    source: Dataset | StatementTable, filters: Filters | None = None, by: Lane = Lane.GOVERNMENT
) -> list[Record]:
    """Statements in date order; a statement carries `change` when its government's (or actor's)
    position on the topic differs from that lane's latest position before it.

    Only positions on the scale count (a warning of consequences is not a position to change
    from). "Before" means certainly before: the earlier statement's dates, with their precision,
    all fall before the later one's, so two statements of one day, or a vague date next to the
    day it may stand for, are never read as a change. Changes are found over every statement,
    then the filters choose what to show, so a filter never hides or invents a change."""
    table = _table(source)
    records = [{**r, "change": None} for r in table.records]  # the table's own stay unchanged
    # lane, topic -> (last day, order) of its scored records, sorted, and the records themselves
    ends: dict[tuple[str, str], list[tuple[dt.date, int]]] = {}
    seen: list[Record] = []
    for record in records:
        lane = record[by.value]
        if lane is None or record["said_on"] is None or record["stance"]["score"] is None:
            continue
        key = (lane["id"], record["topic"])
        first_day, last_day = _record_span(record)
        lane_ends = ends.setdefault(key, [])
        before = bisect.bisect_left(lane_ends, (first_day, -1))
        previous = seen[lane_ends[before - 1][1]] if before else None
        if previous is not None and previous["stance"]["score"] != record["stance"]["score"]:
            record["change"] = {
                "lane": lane["id"],
                "previous": previous["id"],
                "from": previous["stance"],
                "to": record["stance"],
                "direction": _direction(previous["stance"], record["stance"]),
                "since": previous["said_on"],
                "since_precision": previous["date_precision"],
            }
        bisect.insort(lane_ends, (last_day, len(seen)))
        seen.append(record)
    if filters is None:
        return records
    return [r for r in records if filters.keep(r, table.names)]


def _record_span(record: Record) -> tuple[dt.date, dt.date]:
    """The days a statement record (or an article's account of one) may stand for."""
    return date_span(
        dt.date.fromisoformat(record["said_on"]), DatePrecision(record["date_precision"])
    )


def timeline_document(
    source: Dataset | StatementTable, filters: Filters | None = None, by: Lane = Lane.GOVERNMENT
) -> Record:
    records = timeline(source, filters, by)
    changes = sum(1 for r in records if r["change"])
    return {
        "schema": SCHEMAS["timeline"],
        "by": by.value,
        "count": len(records),
        "changes": changes,
        "statements": records,
    }


# --- diff ------------------------------------------------------------------------------------

WORDING_SIMILARITY = 60.0
"""Two quotes this similar (0-100) but not equal are one passage worded differently."""


def _account(statement: Statement, evidence: list[Evidence]) -> Record:
    """What one article says of a statement: its dates, place and stance, and its quotes.
    Where several quotes of one article record differences, the first to give a field wins."""

    def reported(name: str) -> Any:
        for item in evidence:
            value = getattr(item.differs, name) if item.differs else None
            if value is not None:
                return value
        return getattr(statement, name)

    said_on = reported("said_on")
    notes = list(dict.fromkeys(e.differs.note for e in evidence if e.differs and e.differs.note))
    own: Record = {}  # what this article itself reports differently from the settled account
    for item in evidence:
        if item.differs:
            for name, value in item.differs.model_dump(mode="json", exclude_none=True).items():
                if name != "note":
                    own.setdefault(name, value)
    return {
        "reported": own,
        "said_on": said_on.isoformat() if said_on else None,
        "date_precision": reported("date_precision").value if said_on else None,
        "where": reported("where"),
        "occasion": reported("occasion"),
        "stance": reported("stance"),
        "quotes": [e.quote for e in evidence],
        "attribution": [e.attribution.value for e in evidence],
        "note": " ".join(notes) or None,
    }


def _dates_conflict(a: Record, b: Record) -> bool:
    if a["said_on"] is None or b["said_on"] is None:
        return False
    a_first, a_last = _record_span(a)
    b_first, b_last = _record_span(b)
    return a_last < b_first or b_last < a_first


def _wording_conflict(a: Record, b: Record) -> bool:
    from rapidfuzz import fuzz

    direct_a = [q for q, how in zip(a["quotes"], a["attribution"], strict=True) if how == "direct"]
    direct_b = [q for q, how in zip(b["quotes"], b["attribution"], strict=True) if how == "direct"]
    for quote_a in direct_a:
        for quote_b in direct_b:
            folded_a, folded_b = normalise(quote_a), normalise(quote_b)
            if folded_a != folded_b and fuzz.ratio(folded_a, folded_b) >= WORDING_SIMILARITY:
                return True
    return False


def _conflicts(a: Record, b: Record) -> list[str]:
    found = []
    if _dates_conflict(a, b):
        found.append("date")
    if a["where"] and b["where"] and fold(a["where"]) != fold(b["where"]):
        found.append("where")
    if a["stance"] != b["stance"]:
        found.append("stance")
    if _wording_conflict(a, b):
        found.append("wording")
    return found


def mentioned_actors(dataset: Dataset, article_id: str) -> list[Record]:
    """Named actors (people and offices) the article mentions by name or alias but records no
    statement from. Anonymous and collective sources are left out: their aliases are phrases
    ("European leaders") that any article may use about someone else."""
    text = fold(dataset.texts.get(article_id, ""))
    quoted = {
        s.actor
        for s in dataset.statements.values()
        if any(e.article == article_id for e in s.evidence)
    }
    found = []
    for actor in dataset.actors.values():
        if actor.id in quoted or actor.kind.value in ("anonymous", "collective"):
            continue
        names = [n for n in (actor.name, *actor.aliases) if len(fold(n)) > 3]
        hit = next((n for n in names if _contains_words(text, fold(n))), None)
        if hit:
            found.append({"id": actor.id, "name": actor.name, "as": hit})
    return found


def _contains_words(text: str, phrase: str) -> bool:
    start = text.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        before_ok = start == 0 or not text[start - 1].isalnum()
        after_ok = end == len(text) or not text[end].isalnum()
        if before_ok and after_ok:
            return True
        start = text.find(phrase, start + 1)
    return False


def article_record(dataset: Dataset, article: Article) -> Record:
    count = sum(
        1 for s in dataset.statements.values() if any(e.article == article.id for e in s.evidence)
    )
    return {
        "id": article.id,
        "file": article.file,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "published_precision": article.published_precision.value,
        "dateline": article.dateline,
        "statements": count,
    }


def diff(
    dataset: Dataset,
    first: str,
    second: str,
    filters: Filters | None = None,
    names: Names | None = None,
) -> Record:
    """What two articles both report, what only one does, and where their accounts differ.
    `names` (for --search) is built from the dataset unless the caller has it already."""
    filters = filters or Filters()
    names = names or names_of(dataset)
    both: list[Record] = []
    only_a: list[Record] = []
    only_b: list[Record] = []
    conflicts: list[Record] = []
    for statement in dataset.statements.values():
        in_a = [e for e in statement.evidence if e.article == first]
        in_b = [e for e in statement.evidence if e.article == second]
        if not in_a and not in_b:
            continue
        record = statement_record(dataset, statement)
        if not filters.keep(record, names):
            continue
        if in_a and in_b:
            account_a, account_b = _account(statement, in_a), _account(statement, in_b)
            both.append({**record, "a": account_a, "b": account_b})
            differences = _conflicts(account_a, account_b)
            if differences:
                conflicts.append(
                    {"id": statement.id, "fields": differences, "a": account_a, "b": account_b}
                )
        elif in_a:
            only_a.append(record)
        else:
            only_b.append(record)
    return {
        "schema": SCHEMAS["diff"],
        "a": article_record(dataset, dataset.articles[first]),
        "b": article_record(dataset, dataset.articles[second]),
        "both": sort_records(both, SortKey.DATE),
        "only_a": sort_records(only_a, SortKey.DATE),
        "only_b": sort_records(only_b, SortKey.DATE),
        "conflicts": conflicts,
        "unrecorded_mentions": {
            "a": mentioned_actors(dataset, first),
            "b": mentioned_actors(dataset, second),
        },
    }


# --- articles, actors, show ------------------------------------------------------------------


def articles_document(dataset: Dataset) -> Record:
    records = [article_record(dataset, a) for a in dataset.articles.values()]
    records.sort(key=lambda r: (r["published"] or "9999", r["id"]))
    return {"schema": SCHEMAS["articles"], "count": len(records), "articles": records}


def actors_document(dataset: Dataset) -> Record:
    counts: dict[str, int] = {}
    for statement in dataset.statements.values():
        if statement.actor:
            counts[statement.actor] = counts.get(statement.actor, 0) + 1
    records: list[Record] = []
    for actor in dataset.actors.values():
        roles = sorted(actor.roles, key=lambda r: r.start or dt.date.min)
        records.append(
            {
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
                    }
                    for r in roles
                ],
                "governments": sorted({r.government for r in roles if r.government}),
                "statements": counts.get(actor.id, 0),
            }
        )
    records.sort(key=lambda r: (-r["statements"], fold(r["name"])))
    return {"schema": SCHEMAS["actors"], "count": len(records), "actors": records}


@dataclass
class Context:
    """A quote inside its paragraph: `before` + `quote` + `after` is the paragraph."""

    before: str
    quote: str
    after: str


def paragraph_around(text: str, start: int, end: int) -> Context:
    """The paragraph (text between blank lines, or lines) holding text[start:end]."""
    left = max(text.rfind("\n", 0, start), -1) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    return Context(text[left:start], text[start:end], text[end:right])


def show(dataset: Dataset, statement_id: str) -> Record:
    statement = dataset.statements[statement_id]
    record = statement_record(dataset, statement)
    for evidence in record["evidence"]:
        text = dataset.texts.get(evidence["article"], "")
        found = ArticleMatcher(text).locate(evidence["quote"]) if text else None
        context = None
        if (
            found
            and found.start is not None
            and found.end is not None
            and found.level.value != "missing"
        ):
            around = paragraph_around(text, found.start, found.end)
            context = {"before": around.before, "quote": around.quote, "after": around.after}
        evidence["context"] = context
    record["line"] = dataset.lines.get(statement_id)
    return {"schema": SCHEMAS["show"], "statement": record}
