"""Generate a realistic synthetic stancectl corpus: DIR/stances.yaml plus DIR/articles/*.txt.

The corpus is shaped like the hand-curated data (a handful of topics, the real stance vocabulary,
actors holding dated roles in governments, articles published on or after the statements they
report) but scaled up, so the CLI can be timed at sizes the real data will not reach for years.
Every evidence quote is embedded verbatim in its article; a small share is written with straight
quotes in the YAML while the article has typographic ones, so it matches only after normalisation.

Output is deterministic for a given --seed. Standard library only.

    python benchmarks/generate.py --out benchmarks/corpus-5k --statements 5000 --articles 1000
"""

# The article prose deliberately contains typographic quotes, apostrophes and dashes.
# ruff: noqa: RUF001

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import random
import re
import shutil
import sys
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

# Written next to stances.yaml; run.py reads it to reuse a corpus, and it marks a directory as
# generated, so a re-run may clear it but never overwrites hand-curated data.
MARKER_FILE = "generated.json"

RANGE_START = dt.date(2021, 1, 1)
RANGE_DAYS = 4 * 365
RANGE_END = RANGE_START + dt.timedelta(days=RANGE_DAYS - 1)
ARTICLE_TAIL_DAYS = 30  # articles keep appearing for a while after the last statement
EVIDENCE_WINDOW = 40  # a statement's evidence comes from at most the next this-many articles

# Share of evidence quotes written with straight quotes while the article has curly ones.
NORMALISATION_SHARE = 0.05

T = TypeVar("T")


# --------------------------------------------------------------------------------------------
# Vocabulary: the word lists and templates are data, in vocabulary.json next to this file
# --------------------------------------------------------------------------------------------

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.json")


@dataclass(frozen=True)
class TopicSpec:
    id: str
    question: str
    description: str | None
    share: float  # of all statements
    things: list[str]  # what quotes on this topic talk about


@dataclass(frozen=True)
class StanceSpec:
    id: str
    label: str
    score: int | None
    description: str
    share: float  # of all statements
    direct: list[str]  # first-person templates, for quotes in quotation marks
    reported: list[str]  # third-person templates, for "X said that ..."
    paraphrase: str  # the article's own summary


def _load_vocabulary(path: Path) -> dict[str, Any]:
    vocabulary: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return vocabulary


_VOCABULARY = _load_vocabulary(VOCABULARY_FILE)
TOPICS = [TopicSpec(**spec) for spec in _VOCABULARY["topics"]]
STANCES = [StanceSpec(**spec) for spec in _VOCABULARY["stances"]]
FIRST_NAMES: list[str] = _VOCABULARY["first_names"]
LAST_NAMES: list[str] = _VOCABULARY["last_names"]
STATE_STEMS: list[str] = _VOCABULARY["state_stems"]
STATE_ENDINGS: list[str] = _VOCABULARY["state_endings"]
STATE_FORMS: list[str] = _VOCABULARY["state_forms"]
BLOC_KINDS: list[str] = _VOCABULARY["bloc_kinds"]
BLOC_NAMES: dict[str, list[str]] = _VOCABULARY["bloc_names"]
REGIONS: list[str] = _VOCABULARY["regions"]
COLLECTIVE_REGIONS: list[str] = _VOCABULARY["collective_regions"]
OFFICE_NAMES: list[str] = _VOCABULARY["office_names"]
ANONYMOUS_NAMES: list[str] = _VOCABULARY["anonymous_names"]
# (title, weight): foreign and defence ministers are quoted most on these topics.
STATE_TITLES = [(title, weight) for title, weight in _VOCABULARY["state_titles"]]
BLOC_TITLES = [(title, weight) for title, weight in _VOCABULARY["bloc_titles"]]
CITIES: list[str] = _VOCABULARY["cities"]
OCCASIONS: list[str] = _VOCABULARY["occasions"]
OUTLETS: list[str] = _VOCABULARY["outlets"]
SOURCES: list[str] = _VOCABULARY["sources"]
SAID: list[str] = _VOCABULARY["said"]
# Filler prose: sentence templates over word lists. Slots are {name}; the first letter is
# capitalised afterwards. Some templates carry typographic quotes, apostrophes and dashes.
WORDS: dict[str, list[str]] = {**_VOCABULARY["filler_words"], "city": CITIES, "outlet": OUTLETS}
FILLER_TEMPLATES: list[str] = _VOCABULARY["filler_templates"]

DATE_PRECISIONS = (["day", "week", "month", "approximate"], [90, 4, 4, 2])
ARTICLE_PRECISIONS = (["day", "month", "approximate"], [95, 3, 2])
ATTRIBUTIONS = (["direct", "indirect", "paraphrase"], [70, 20, 10])
EVIDENCE_COUNTS = ([1, 2, 3], [45, 35, 20])

_SLOT = re.compile(r"\{(\w+)\}")
# Typographic characters to the ASCII that a hand-typed YAML quote would use.
TO_STRAIGHT = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


@dataclass
class Government:
    id: str
    name: str
    kind: str
    aliases: list[str]


@dataclass
class Role:
    title: str
    government: Government | None
    start: dt.date | None
    until: dt.date | None


@dataclass
class Actor:
    id: str
    name: str
    kind: str
    government: Government  # the one the actor mainly speaks for
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    # Statements fall inside this span, so every dated statement has a role that holds then.
    active_from: dt.date = RANGE_START
    active_until: dt.date = RANGE_END
    lean: StanceSpec = STANCES[0]  # the position this actor mostly takes

    def role_on(self, day: dt.date) -> Role:
        for role in self.roles:
            after_start = role.start is None or role.start <= day
            if after_start and (role.until is None or day <= role.until):
                return role
        return self.roles[-1]


@dataclass
class Article:
    id: str
    published: dt.date
    precision: str
    outlet: str
    title: str
    dateline: str | None
    # Sentences that carry evidence quotes; filler prose is added around them when written.
    quoted: list[str] = field(default_factory=list)


@dataclass
class Evidence:
    article: Article
    quote: str
    attribution: str
    via: str | None
    differs: list[tuple[str, str]] | None  # (key, YAML-ready value) pairs


@dataclass
class Statement:
    id: str
    topic: TopicSpec
    stance: StanceSpec
    actor: Actor | None
    government: Government | None
    said_on: dt.date | None
    precision: str
    where: str | None
    occasion: str | None
    summary: str | None
    evidence: list[Evidence]


@dataclass
class World:
    """Everything statements are drawn from, with the weights that skew the draws."""

    rng: random.Random
    governments: list[Government]
    government_weights: list[float]
    actors: list[Actor]
    actor_weights: list[float]
    events: list[dt.date]
    event_weights: list[float]
    articles: list[Article]
    published: list[dt.date]  # articles' dates, sorted, for bisecting


# --------------------------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------------------------


# Letters that NFKD does not decompose into an ASCII base letter.
_UNDECOMPOSED = str.maketrans(
    {"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "ß": "ss", "Đ": "D", "đ": "d"}
)


def slugify(text: str, limit: int = 60) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    ascii_text = decomposed.encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "x"


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def zipf_weights(count: int, exponent: float) -> list[float]:
    """A few heavy hitters and a long tail, like who gets quoted in the press."""
    return [1.0 / (rank**exponent) for rank in range(1, count + 1)]


def weighted(rng: random.Random, table: tuple[list[T], list[int]]) -> T:
    return rng.choices(table[0], table[1])[0]


def days_after(day: dt.date, days: int) -> dt.date:
    return day + dt.timedelta(days=days)


class Prose:
    """Builds filler sentences from WORDS; templates are pre-split so each sentence is a join."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.templates: list[list[tuple[bool, str]]] = []
        for template in FILLER_TEMPLATES:
            # re.split with one group alternates literal text (even) and slot names (odd).
            pieces = _SLOT.split(template)
            self.templates.append([(i % 2 == 1, p) for i, p in enumerate(pieces) if p])

    def sentence(self) -> str:
        choice = self.rng.choice
        parts = choice(self.templates)
        return capitalise("".join(choice(WORDS[p]) if is_slot else p for is_slot, p in parts))

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))


def make_governments(rng: random.Random, count: int) -> list[Government]:
    governments: list[Government] = []
    used: set[str] = set()
    for index in range(count):
        # Mostly states; about one in ten a bloc, so alliances and organisations speak too.
        kind = BLOC_KINDS[(index // 10) % 4] if index % 10 == 4 else "state"
        for attempt in range(200):
            if kind == "state":
                short = rng.choice(STATE_STEMS) + rng.choice(STATE_ENDINGS)
                name = rng.choice(STATE_FORMS).format(short)
            else:
                name = rng.choice(BLOC_NAMES[kind]).format(rng.choice(REGIONS))
                short = "".join(word[0] for word in name.split() if word[0].isupper())
            if attempt > 50:  # names run out for very large --governments
                name, short = f"{name} {index}", f"{short}{index}"
            if slugify(name) not in used and short not in used:
                break
        used.update((slugify(name), short))
        aliases = [short] if short != name else []
        governments.append(Government(slugify(name), name, kind, aliases))
    return governments


def pick_title(rng: random.Random, government: Government | None) -> str:
    titles = STATE_TITLES if government is None or government.kind == "state" else BLOC_TITLES
    return rng.choices([t for t, _ in titles], [w for _, w in titles])[0]


def make_actor(rng: random.Random, government: Government, used_ids: set[str]) -> Actor:
    roll = rng.random()
    short_gov = government.aliases[0] if government.aliases else government.name
    if roll < 0.85 or government.kind != "state":
        kind, name = "person", f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    elif roll < 0.92:
        kind, name = "office", rng.choice(OFFICE_NAMES).format(government.name)
    elif roll < 0.97:
        kind, name = "anonymous", rng.choice(ANONYMOUS_NAMES).format(short_gov)
    else:
        kind, name = "collective", f"representatives of {rng.choice(COLLECTIVE_REGIONS)} countries"
    actor_id = slugify(name)
    if actor_id in used_ids:
        actor_id = f"{actor_id}-{len(used_ids)}"
    used_ids.add(actor_id)
    aliases = [name.split()[-1]] if kind == "person" and rng.random() < 0.2 else []
    return Actor(actor_id, name, kind, government, aliases)


def give_roles(rng: random.Random, actor: Actor, governments: list[Government]) -> None:
    """1-2 consecutive roles covering the actor's active span, which is the whole period for
    most actors; some take office or leave during it."""
    shape = rng.random()
    if shape < 0.15:
        actor.active_from = days_after(RANGE_START, rng.randrange(RANGE_DAYS - 120))
    elif shape < 0.25:
        actor.active_until = days_after(RANGE_START, rng.randrange(120, RANGE_DAYS))

    first_start = actor.active_from
    if first_start == RANGE_START:
        first_start = days_after(RANGE_START, -rng.randrange(30, 2500))
    last_until: dt.date | None = None
    if actor.active_until < RANGE_END:
        last_until = actor.active_until
    elif rng.random() < 0.3:
        last_until = days_after(RANGE_END, rng.randrange(1, 400))

    government = actor.government
    span = (actor.active_until - actor.active_from).days
    if actor.kind == "person" and span > 90 and rng.random() < 0.4:
        # A change of portfolio mid-period, sometimes to another government or bloc.
        split = days_after(actor.active_from, rng.randrange(30, span - 30))
        second = government if rng.random() < 0.8 else rng.choice(governments)
        actor.roles = [
            Role(pick_title(rng, government), government, first_start, split),
            Role(pick_title(rng, second), second, days_after(split, 1), last_until),
        ]
        return
    title = {
        "person": pick_title(rng, government),
        "office": "press office",
        "anonymous": "official",
        "collective": "representatives",
    }[actor.kind]
    # "Representatives of Nordic countries" speak for no single government.
    role_government = None if actor.kind == "collective" else government
    actor.roles = [Role(title, role_government, first_start, last_until)]


def make_actors(rng: random.Random, count: int, governments: list[Government]) -> list[Actor]:
    government_picks = rng.choices(governments, zipf_weights(len(governments), 0.8), k=count)
    used_ids: set[str] = set()
    actors: list[Actor] = []
    for government in government_picks:
        actor = make_actor(rng, government, used_ids)
        give_roles(rng, actor, governments)
        actor.lean = rng.choices(STANCES, [s.share for s in STANCES])[0]
        actors.append(actor)
    return actors


def make_events(rng: random.Random) -> tuple[list[dt.date], list[float]]:
    """News clusters around events (a summit, a remark that sets off a round of denials)."""
    count = max(5, RANGE_DAYS // 30)
    days = sorted(rng.sample(range(RANGE_DAYS), count))
    weights = zipf_weights(count, 0.7)
    rng.shuffle(weights)
    return [days_after(RANGE_START, d) for d in days], weights


def make_articles(
    rng: random.Random, count: int, events: list[dt.date], event_weights: list[float]
) -> list[Article]:
    dates: list[dt.date] = []
    for _ in range(count):
        if rng.random() < 0.6:
            event = rng.choices(events, event_weights)[0]
            dates.append(days_after(event, rng.randrange(11)))
        else:
            dates.append(days_after(RANGE_START, rng.randrange(RANGE_DAYS + ARTICLE_TAIL_DAYS)))
    dates.sort()
    # Guarantees that every statement date has at least one article on or after it.
    dates[-1] = days_after(RANGE_END, ARTICLE_TAIL_DAYS)
    prose = Prose(rng)
    width = len(str(count))
    articles: list[Article] = []
    for number, published in enumerate(dates, start=1):
        outlet = rng.choice(OUTLETS)
        dateline = None
        if rng.random() < 0.4:
            dateline = f"{rng.choice(CITIES).upper()}, {published.day} {published:%B}"
        articles.append(
            Article(
                id=f"{slugify(outlet, 24)}-{published:%Y%m%d}-{number:0{width}d}",
                published=published,
                precision=weighted(rng, ARTICLE_PRECISIONS),
                outlet=outlet,
                title=prose.sentence().rstrip("."),
                dateline=dateline,
            )
        )
    return articles


def pick_date(world: World, actor: Actor) -> dt.date:
    rng = world.rng
    low, high = actor.active_from, actor.active_until
    if rng.random() < 0.55:
        event = rng.choices(world.events, world.event_weights)[0]
        if low <= event <= high:
            return min(high, days_after(event, rng.randrange(4)))
    return days_after(low, rng.randrange((high - low).days + 1))


def speaker_of(actor: Actor | None, role: Role | None, government: Government | None) -> str:
    """How an article names whoever spoke: 'Foreign Minister Anna Kovacs', 'a Valdoria
    diplomat', 'the government of Valdoria'."""
    if actor is None:
        return f"the government of {government.name}" if government else "the government"
    if actor.kind == "person" and role is not None:
        return f"{role.title} {actor.name}"
    if actor.kind == "office":
        return f"the {actor.name}"
    return actor.name


@dataclass
class Draft:
    said_on: dt.date | None
    topic: TopicSpec
    stance: StanceSpec
    actor: Actor | None


def draft_statements(world: World, count: int) -> list[Draft]:
    rng = world.rng
    # Bulk draws are much faster than one random.choices call per statement.
    actor_picks = rng.choices(world.actors, world.actor_weights, k=count)
    topic_picks = rng.choices(TOPICS, [t.share for t in TOPICS], k=count)
    stance_picks = rng.choices(STANCES, [s.share for s in STANCES], k=count)
    drafts: list[Draft] = []
    for actor, topic, stance in zip(actor_picks, topic_picks, stance_picks, strict=True):
        said_on: dt.date | None = pick_date(world, actor)
        if rng.random() < 0.005:
            said_on = None  # "in recent weeks": no usable date
        # Actors stick to their line most of the time.
        position = actor.lean if rng.random() < 0.7 else stance
        # A few are a government speaking as such: "the United States announced ...".
        speaker = None if rng.random() < 0.03 else actor
        drafts.append(Draft(said_on, topic, position, speaker))
    # Curated files tend to be kept in date order; undated statements go last.
    drafts.sort(key=lambda d: d.said_on or dt.date.max)
    return drafts


def make_evidence(
    world: World, draft: Draft, speaker: str, government_name: str, thing: str
) -> list[Evidence]:
    """1-3 distinct articles published on or shortly after the statement, each with its quote
    embedded in the article's text."""
    rng = world.rng
    wanted = weighted(rng, EVIDENCE_COUNTS)
    first, last = 0, EVIDENCE_WINDOW
    if draft.said_on:
        # Reported within two weeks where the press covered it; later only in quiet times.
        first = bisect.bisect_left(world.published, draft.said_on)
        fortnight = bisect.bisect_right(world.published, days_after(draft.said_on, 14))
        last = min(max(fortnight, first + wanted), first + EVIDENCE_WINDOW)
    window = range(first, min(len(world.articles), last))
    evidence: list[Evidence] = []
    for article_index in sorted(rng.sample(window, min(wanted, len(window)))):
        article = world.articles[article_index]
        # Typed by hand with straight quotes, so it matches only after normalisation.
        straight = rng.random() < NORMALISATION_SHARE
        attribution = "direct" if straight else weighted(rng, ATTRIBUTIONS)
        said = rng.choice(SAID).format(outlet=article.outlet)
        slots = {"thing": thing, "gov": government_name}
        if attribution == "direct":
            spoken = rng.choice(draft.stance.direct).format(**slots)
            sentence = f"“{spoken},” {speaker} {said}."
            quote = sentence.rstrip(".").translate(TO_STRAIGHT) if straight else spoken
        elif attribution == "indirect":
            reported = rng.choice(draft.stance.reported).format(**slots)
            quote = capitalise(f"{speaker} {said} that {reported}")
            sentence = f"{quote}."
        else:
            source = rng.choice(SOURCES).format(city=rng.choice(CITIES))
            quote = capitalise(draft.stance.paraphrase.format(source=source, **slots))
            sentence = f"{quote}."
        article.quoted.append(sentence)

        via = None
        if rng.random() < 0.08:
            source = rng.choice(SOURCES).format(city=rng.choice(CITIES))
            via = f"{rng.choice(OUTLETS)}, citing {source}"
        differs = make_differs(rng, draft) if rng.random() < 0.03 else None
        evidence.append(Evidence(article, quote, attribution, via, differs))
    return evidence


def make_differs(rng: random.Random, draft: Draft) -> list[tuple[str, str]]:
    """An article that disagrees with the settled account, on the date, place or position."""
    roll = rng.random()
    if draft.said_on is not None and roll < 0.4:
        earlier = days_after(draft.said_on, -1)  # still never after the article's date
        return [("said_on", earlier.isoformat()), ("note", ydq("dates the remark a day earlier"))]
    if roll < 0.7:
        return [("where", ydq(rng.choice(CITIES)))]
    other = rng.choice([s for s in STANCES if s is not draft.stance])
    return [("stance", ydq(other.id)), ("note", ydq("reads the remark differently"))]


def make_statements(world: World, count: int) -> list[Statement]:
    rng = world.rng
    width = len(str(count))
    statements: list[Statement] = []
    for number, draft in enumerate(draft_statements(world, count), start=1):
        actor = draft.actor
        role = actor.role_on(draft.said_on or RANGE_END) if actor else None
        government = role.government if role else None
        if actor is None:
            government = rng.choices(world.governments, world.government_weights)[0]
        thing = rng.choice(draft.topic.things)
        speaker = speaker_of(actor, role, government)
        government_name = government.name if government else "the coalition"
        evidence = make_evidence(world, draft, speaker, government_name, thing)

        occasion = None
        if rng.random() < 0.6:
            occasion = rng.choice(OCCASIONS).format(
                city=rng.choice(CITIES), outlet=rng.choice(OUTLETS)
            )
        summary = None
        if rng.random() < 0.3:
            summary = capitalise(draft.stance.label.replace("troops", thing))
        statements.append(
            Statement(
                id=f"st-{number:0{width}d}",
                topic=draft.topic,
                stance=draft.stance,
                actor=actor,
                # Sometimes left for the tool to infer from the actor's role, as curators do.
                government=government if actor is None or rng.random() < 0.85 else None,
                said_on=draft.said_on,
                precision=weighted(rng, DATE_PRECISIONS) if draft.said_on else "approximate",
                where=rng.choice(CITIES) if rng.random() < 0.6 else None,
                occasion=occasion,
                summary=summary,
                evidence=evidence,
            )
        )
    return statements


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


def ydq(text: str) -> str:
    """A YAML double-quoted scalar. JSON string syntax is a subset of YAML's, so json.dumps
    escapes correctly; ensure_ascii=False keeps the file readable UTF-8."""
    return json.dumps(text, ensure_ascii=False)


def yaml_list(items: list[str]) -> str:
    return "[" + ", ".join(ydq(item) for item in items) + "]"


def yaml_vocabulary(lines: list[str]) -> None:
    lines += ["version: 1", "topics:"]
    for topic in TOPICS:
        lines += [f"- id: {ydq(topic.id)}", f"  question: {ydq(topic.question)}"]
        if topic.description:
            lines.append(f"  description: {ydq(topic.description)}")
    lines.append("stances:")
    for stance in STANCES:
        lines += [f"- id: {ydq(stance.id)}", f"  label: {ydq(stance.label)}"]
        if stance.score is not None:
            lines.append(f"  score: {stance.score}")
        lines.append(f"  description: {ydq(stance.description)}")


def yaml_parties(lines: list[str], governments: list[Government], actors: list[Actor]) -> None:
    lines.append("governments:")
    for government in governments:
        lines += [
            f"- id: {ydq(government.id)}",
            f"  name: {ydq(government.name)}",
            f"  kind: {ydq(government.kind)}",
        ]
        if government.aliases:
            lines.append(f"  aliases: {yaml_list(government.aliases)}")
    lines.append("actors:")
    for actor in actors:
        lines += [
            f"- id: {ydq(actor.id)}",
            f"  name: {ydq(actor.name)}",
            f"  kind: {ydq(actor.kind)}",
        ]
        if actor.aliases:
            lines.append(f"  aliases: {yaml_list(actor.aliases)}")
        lines.append("  roles:")
        for role in actor.roles:
            lines.append(f"  - title: {ydq(role.title)}")
            if role.government is not None:
                lines.append(f"    government: {ydq(role.government.id)}")
            if role.start is not None:
                lines.append(f"    from: {role.start.isoformat()}")
            if role.until is not None:
                lines.append(f"    until: {role.until.isoformat()}")


def yaml_articles(lines: list[str], articles: list[Article]) -> None:
    lines.append("articles:")
    for article in articles:
        url = f"https://example.org/{article.published:%Y/%m/%d}/{article.id}"
        lines += [
            f"- id: {ydq(article.id)}",
            f"  file: {ydq(f'articles/{article.id}.txt')}",
            f"  title: {ydq(article.title)}",
            f"  outlet: {ydq(article.outlet)}",
            f"  url: {ydq(url)}",
            f"  published: {article.published.isoformat()}",
        ]
        if article.precision != "day":
            lines.append(f"  published_precision: {ydq(article.precision)}")
        if article.dateline:
            lines.append(f"  dateline: {ydq(article.dateline)}")


def yaml_statements(lines: list[str], statements: list[Statement]) -> None:
    lines.append("statements:")
    for statement in statements:
        lines += [
            f"- id: {ydq(statement.id)}",
            f"  topic: {ydq(statement.topic.id)}",
            f"  stance: {ydq(statement.stance.id)}",
        ]
        if statement.actor is not None:
            lines.append(f"  actor: {ydq(statement.actor.id)}")
        if statement.government is not None:
            lines.append(f"  government: {ydq(statement.government.id)}")
        if statement.said_on is not None:
            lines.append(f"  said_on: {statement.said_on.isoformat()}")
        if statement.precision != "day":
            lines.append(f"  date_precision: {ydq(statement.precision)}")
        for key, value in (
            ("where", statement.where),
            ("occasion", statement.occasion),
            ("summary", statement.summary),
        ):
            if value is not None:
                lines.append(f"  {key}: {ydq(value)}")
        lines.append("  evidence:")
        for item in statement.evidence:
            lines += [
                f"  - article: {ydq(item.article.id)}",
                f"    quote: {ydq(item.quote)}",
                f"    attribution: {ydq(item.attribution)}",  # required: never defaulted
            ]
            if item.via is not None:
                lines.append(f"    via: {ydq(item.via)}")
            if item.differs is not None:
                lines.append("    differs:")
                lines += [f"      {key}: {value}" for key, value in item.differs]


def render_yaml(world: World, statements: list[Statement]) -> str:
    lines = ["# Synthetic benchmark corpus written by benchmarks/generate.py; not real statements."]
    yaml_vocabulary(lines)
    yaml_parties(lines, world.governments, world.actors)
    yaml_articles(lines, world.articles)
    yaml_statements(lines, statements)
    lines.append("")
    return "\n".join(lines)


def render_article(rng: random.Random, prose: Prose, article: Article, target: int) -> str:
    """Filler paragraphs around the quoted sentences until the text is about `target` long."""
    paragraphs: list[str] = []
    for sentence in article.quoted:
        # Context before and after, so a quote is rarely a paragraph of its own.
        before = prose.sentence() + " " if rng.random() < 0.6 else ""
        after = " " + prose.sentence() if rng.random() < 0.6 else ""
        paragraphs.append(before + sentence + after)
    size = sum(len(p) + 2 for p in paragraphs)
    goal = int(target * rng.uniform(0.6, 1.4))
    while size < goal:
        paragraph = prose.paragraph(rng.randint(2, 6))
        paragraphs.insert(rng.randint(0, len(paragraphs)), paragraph)
        size += len(paragraph) + 2
    if article.dateline:
        paragraphs[0] = f"{article.dateline} – {paragraphs[0]}"
    byline = f"{article.outlet}, {article.published.day} {article.published:%B %Y}"
    return f"{article.title}\n\n{byline}\n\n" + "\n\n".join(paragraphs) + "\n"


def prepare_output(out: Path) -> Path:
    """Create `out`, clearing a previous generated corpus; refuse to touch anything else."""
    articles_dir = out / "articles"
    if (out / "stances.yaml").exists() and not (out / MARKER_FILE).exists():
        raise SystemExit(f"{out} holds a stances.yaml not written by this script; not touching it")
    if articles_dir.exists():
        shutil.rmtree(articles_dir)
    articles_dir.mkdir(parents=True)
    return articles_dir


def generate(args: argparse.Namespace) -> dict[str, object]:
    started = time.perf_counter()
    rng = random.Random(args.seed)
    out: Path = args.out
    articles_dir = prepare_output(out)

    governments = make_governments(rng, args.governments)
    actors = make_actors(rng, args.actors, governments)
    events, event_weights = make_events(rng)
    articles = make_articles(rng, args.articles, events, event_weights)
    world = World(
        rng=rng,
        governments=governments,
        government_weights=zipf_weights(len(governments), 0.8),
        actors=actors,
        actor_weights=zipf_weights(len(actors), 0.8),
        events=events,
        event_weights=event_weights,
        articles=articles,
        published=[a.published for a in articles],
    )
    statements = make_statements(world, args.statements)

    (out / "stances.yaml").write_text(render_yaml(world, statements), encoding="utf-8")
    prose = Prose(rng)
    for article in articles:
        text = render_article(rng, prose, article, args.article_bytes)
        (articles_dir / f"{article.id}.txt").write_text(text, encoding="utf-8")

    # Two articles reporting the same statement: natural arguments for `stancectl diff`.
    diff_pair = next(
        (
            [s.evidence[0].article.id, s.evidence[1].article.id]
            for s in statements
            if len(s.evidence) > 1
        ),
        [a.id for a in articles[:2]],
    )
    info: dict[str, object] = {
        "generator": "benchmarks/generate.py",
        "params": {
            "statements": args.statements,
            "articles": args.articles,
            "actors": args.actors,
            "governments": args.governments,
            "article_bytes": args.article_bytes,
            "seed": args.seed,
        },
        "evidence": sum(len(s.evidence) for s in statements),
        "diff_articles": diff_pair,
        "seconds": round(time.perf_counter() - started, 2),
    }
    (out / MARKER_FILE).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return info


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--statements", type=positive, default=50_000)
    parser.add_argument("--articles", type=positive, default=10_000)
    parser.add_argument("--actors", type=positive, default=500)
    parser.add_argument("--governments", type=positive, default=100)
    parser.add_argument(
        "--article-bytes", type=positive, default=4000, help="typical article length"
    )
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    info = generate(args)
    print(
        f"wrote {args.out}: {args.statements} statements, {info['evidence']} quotes, "
        f"{args.articles} articles in {info['seconds']} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
