"""From extracted attributions to candidates: speakers, dates, stances and coverage resolved."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import replace

from stancectl.dates import DatePrecision, date_span
from stancectl.suggest import lexicon
from stancectl.suggest.registry import Registry
from stancectl.suggest.resolve import (
    Resolution,
    full_names_by_surname,
    named_in_full,
    resolve,
)
from stancectl.suggest.segment import Quote, paragraphs, quotes, quotes_between, sentences
from stancectl.suggest.stance import guess_stance, topic_of
from stancectl.suggest.types import Attribution, Candidate, Span, spoken_words
from stancectl.suggest.when import dateline, resolve_date

PRONOUN_LOOKBACK = 40
"""Earlier attributions a pronoun's speaker is looked for among."""
PRONOUN_REACH = 1500
"""Characters back from a pronoun within which its speaker is looked for."""


def candidates(
    text: str,
    found: list[Attribution],
    *,
    registry: Registry,
    published: dt.date | None,
    published_precision: str,
    article_id: str | None,
) -> list[Candidate]:
    result: list[Candidate] = []
    resolved: list[tuple[Attribution, Resolution]] = []
    index = _Sentences(text)
    line = dateline(text)
    if published is None and line is not None and line[2] is not None:
        # the dateline dates the article: "on Monday" counts back from it when nothing else
        # does (no sentence holds it: its own date is never the day something was said)
        published, published_precision = line[2], "day"
    for attribution in found:
        said_on, precision = _date(text, attribution, index, published, published_precision)
        day = said_on or published
        if attribution.pronoun:
            speakers = [(attribution, _antecedent(attribution, resolved, registry))]
        else:
            # `Macron and Sikorski suggested ...`: one candidate for each known speaker
            speakers = _joint(text, attribution, registry, day) or [
                (attribution, resolve(attribution.source.text, registry, day))
            ]
        for speaker, resolution in speakers:
            resolved.append((speaker, resolution))
            if said_on is None:
                said_on, precision = _date_of_account(result, resolution)
            result.append(_candidate(speaker, resolution, said_on, precision, registry, article_id))
    return _one_entry_per_person(result)


def _one_entry_per_person(result: list[Candidate]) -> list[Candidate]:
    """A new person named in full and elsewhere by surname alone gets one proposed entry."""
    by_surname = full_names_by_surname(c.new_actor for c in result if c.new_actor is not None)
    return [
        replace(c, new_actor=named_in_full(c.new_actor, by_surname))
        if c.new_actor is not None
        else c
        for c in result
    ]


def _candidate(
    attribution: Attribution,
    resolution: Resolution,
    said_on: dt.date | None,
    precision: str | None,
    registry: Registry,
    article_id: str | None,
) -> Candidate:
    spoken = spoken_words(attribution.content, attribution.gap)
    stance = guess_stance(f"{attribution.cue.text} {spoken}", registry)
    candidate = Candidate(
        source=attribution.source,
        cue=attribution.cue,
        content=attribution.content,
        attribution=attribution.kind,
        actor=resolution.actor,
        government=resolution.government,
        new_actor=resolution.new_actor,
        said_on=said_on,
        date_precision=precision,
        stance=stance,
        topic=topic_of(stance, registry),
        gap=attribution.gap,
    )
    candidate.covered_by.extend(_covered_by(candidate, registry, article_id))
    return candidate


def _joint(
    text: str, attribution: Attribution, registry: Registry, day: dt.date | None
) -> list[tuple[Attribution, Resolution]]:
    """The speakers of a source naming two known ones joined by "and", each with the part of
    the source that names it; empty unless both parts resolve, to different speakers."""
    source = attribution.source
    joiner = source.text.find(" and ")
    if joiner < 0:
        return []
    parts = [
        Span.of(text, source.start, source.start + joiner),
        Span.of(text, source.start + joiner + len(" and "), source.end),
    ]
    resolutions = [resolve(part.text, registry, day) for part in parts]
    speakers = {r.actor or r.government for r in resolutions}
    if None in speakers or len(speakers) != len(parts):
        return []
    return [
        (replace(attribution, source=part), resolution)
        for part, resolution in zip(parts, resolutions, strict=True)
    ]


PASSAGE_REACH = 300
"""Characters either side of a cue in which its date is looked for."""


class _Sentences:
    """The article's sentences, found once, to look up the one holding a cue."""

    def __init__(self, text: str) -> None:
        self.spans: list[tuple[int, int, list[Quote]]] = []
        for start, end in paragraphs(text):
            marks = quotes(text, start, end)
            self.spans.extend((s, e, marks) for s, e in sentences(text, start, end, marks))

    def around(self, position: int) -> tuple[int, int, list[Quote]] | None:
        index = bisect.bisect_right(self.spans, position, key=lambda span: span[0]) - 1
        if index >= 0 and position < self.spans[index][1]:
            return self.spans[index]
        return None


NEAR_CUE = 80
"""Characters after a cue (up to its content) where "said on Thursday that" gives the date."""


def _date(
    text: str,
    attribution: Attribution,
    index: _Sentences,
    published: dt.date | None,
    published_precision: str,
) -> tuple[dt.date | None, str | None]:
    """The date the words around the cue give; those right at the speaker and the cue first
    ("PRAGUE, March 1 - X said on Thursday that": Thursday, not the dateline's day)."""
    found = index.around(attribution.cue.start)
    if found is None:
        return None, None
    sentence_start, sentence_end, marks = found
    source, cue, content = attribution.source, attribution.cue, attribution.content
    near_start = max(sentence_start, min(source.start, cue.start))
    near_end = max(source.end, cue.end)
    limit = content.start if content.start >= near_end else sentence_end
    near_end = min(limit, sentence_end, near_end + NEAR_CUE)
    wide_start = max(sentence_start, cue.start - PASSAGE_REACH)
    wide_end = min(sentence_end, cue.end + PASSAGE_REACH)
    for start, end in ((near_start, near_end), (wide_start, wide_end)):
        said_on, precision = resolve_date(
            _blanked(text, start, end, marks, attribution), published, published_precision
        )
        if said_on is not None:
            return said_on, precision
    return _days_after(text, attribution, found, published, published_precision)


_DAYS_AFTER = re.compile(
    r"\b(a|the|one|two|three|four|five|six|[1-6])\s+days?\s+after\s+$", re.IGNORECASE
)
DAYS_AFTER_REACH = 40
"""Characters before a speaker in which `two days after` is looked for."""
_COUNTS = {"a": 1, "the": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _days_after(
    text: str,
    attribution: Attribution,
    sentence: tuple[int, int, list[Quote]],
    published: dt.date | None,
    published_precision: str,
) -> tuple[dt.date | None, str | None]:
    """`Scholz on Tuesday ruled out troops, a day after Macron said ...`: the day before the
    one the sentence's main clause gives, when that clause names a day (a week or a month
    counted back from is no day)."""
    sentence_start, sentence_end, marks = sentence
    first = min(attribution.source.start, attribution.cue.start)
    # the phrase ends right at the speaker: a short look back, however long the sentence
    look_from = max(sentence_start, first - DAYS_AFTER_REACH)
    after = _DAYS_AFTER.search(text[look_from:first])
    if after is None:
        return None, None
    days = _COUNTS.get(after.group(1).lower()) or int(after.group(1))
    clause_start = look_from + after.start()
    if text[sentence_start:clause_start].strip(" \t\"'\u201c\u2018"):
        main = (sentence_start, clause_start)  # the main clause before `a day after`
    else:  # `A day after Macron said ..., Scholz on Tuesday ruled out troops`
        main = (max(attribution.content.end, attribution.cue.end), sentence_end)
    blanks = [(q.start, q.end) for q in quotes_between(marks, *main)]
    blanks.extend(
        (main[0] + m.start(), main[0] + m.end())
        for m in _RELATIVE_ASIDE.finditer(text[main[0] : main[1]])
    )
    passage = _with_blanks(text, *main, blanks)
    anchor, precision = resolve_date(passage, published, published_precision)
    if anchor is None or precision not in {"day", "approximate"}:
        return None, None
    return anchor - dt.timedelta(days=days), precision


_RELATIVE_ASIDE = re.compile(r"[,(]\s*(?:who|whom|whose|which)\b[^,;()]*(?:[,)]|$)", re.I)
"""`, who hosted a conference on Monday,`: what the speaker did another time."""
_SUBORDINATE_TAIL = re.compile(
    r"\b(?:after|before|since|until|when|while|as|because|whereas|once)\b[^,;:.!?\u2013\u2014]*$",
    re.I,
)
"""A subordinator right before the speaker (`a day after Macron said`): the cue is in a clause
of its own, and the words before it belong to another (`Scholz on Tuesday ruled out ...`)."""


def _other_clauses(
    text: str, start: int, end: int, attribution: Attribution
) -> list[tuple[int, int]]:
    """The parts of [start, end) that belong to clauses other than the attribution's."""
    cue = attribution.cue
    blanks = [
        (start + match.start(), start + match.end())
        for match in _RELATIVE_ASIDE.finditer(text[start:end])
        if not start + match.start() <= cue.start < start + match.end()
    ]
    first = min(attribution.source.start, cue.start)
    if start < first:
        subordinate = _SUBORDINATE_TAIL.search(text[start:first])
        if subordinate is not None:
            blanks.append((start, start + subordinate.start()))
    return blanks


def _blanked(text: str, start: int, end: int, marks: list[Quote], attribution: Attribution) -> str:
    """The text between two offsets with the content, every quotation and the clauses that are
    not the attribution's blanked out."""
    blanks = [(q.start, q.end) for q in quotes_between(marks, start, end)]
    blanks.extend(_other_clauses(text, start, end, attribution))
    content, gap = attribution.content, attribution.gap
    if gap is None:
        blanks.append((content.start, content.end))
    else:  # the attribution inside an interrupted quotation may say when
        blanks.extend([(content.start, gap.start), (gap.end, content.end)])
    return _with_blanks(text, start, end, blanks)


def _with_blanks(text: str, start: int, end: int, blanks: list[tuple[int, int]]) -> str:
    passage = list(text[start:end]) if end > start else []
    for blank_start, blank_end in blanks:
        for i in range(max(blank_start, start), min(blank_end, end)):
            passage[i - start] = " "
    return "".join(passage)


def _date_of_account(
    earlier: list[Candidate], resolution: Resolution
) -> tuple[dt.date | None, str | None]:
    """An undated attribution continues the account of the same speaker's last dated one
    ("Earlier on 8 March, Sikorski stated ... 'Quote,' said Sikorski")."""
    if resolution.actor is None:
        return None, None
    for candidate in reversed(earlier):
        if candidate.actor == resolution.actor and candidate.said_on is not None:
            return candidate.said_on, candidate.date_precision
    return None, None


def _antecedent(
    attribution: Attribution, earlier: list[tuple[Attribution, Resolution]], registry: Registry
) -> Resolution:
    """A pronoun's speaker: the nearest earlier speaker that fits it ("he" and "she" a person,
    "they" a group or a state)."""
    word = attribution.source.text.lower()
    recent = earlier[-PRONOUN_LOOKBACK:]
    reported = [words for other, _ in recent for words in _reported_words(other)]
    for previous, resolution in reversed(recent):
        if attribution.source.start - previous.source.end > PRONOUN_REACH:
            break
        if previous.pronoun and previous.source == attribution.source:
            return resolution
        position = previous.source.start
        if any(start <= position < end for start, end in reported):
            continue  # a speaker reported inside someone else's words is not the one continued
        if _fits(word, resolution, registry):
            return resolution
    return Resolution()


def _reported_words(attribution: Attribution) -> list[tuple[int, int]]:
    """Where an attribution's content reports words: all of it, but for the words that
    attribute an interrupted quotation (`"The plan," Scholz said, "is dead"`: Scholz is no
    reported speaker)."""
    content, gap = attribution.content, attribution.gap
    if gap is None:
        return [(content.start, content.end)]
    return [(content.start, gap.start), (gap.end, content.end)]


def _fits(pronoun: str, resolution: Resolution, registry: Registry) -> bool:
    """He and she: a person (or an anonymous source); they: a group, a state or an office;
    it: a state, an office or an organisation."""
    if resolution.actor is not None:
        kind = registry.actors[resolution.actor].kind
    elif resolution.new_actor is not None:
        kind = resolution.new_actor.kind
    elif resolution.government is not None:
        kind = "state"
    else:
        return False
    if pronoun in lexicon.PERSON_PRONOUNS:
        return kind in {"person", "anonymous"}
    if pronoun in lexicon.GROUP_PRONOUNS:
        return kind in {"collective", "office", "state"}
    return kind in {"office", "state", "organisation"}


def _covered_by(candidate: Candidate, registry: Registry, article_id: str | None) -> list[str]:
    """Statements that already hold this: evidence overlapping its content in this article, or
    the same actor and stance at a compatible date."""
    covered: list[str] = []
    for evidence in registry.evidence.get(article_id or "", ()):
        if evidence.start is None or evidence.end is None or evidence.statement in covered:
            continue
        if candidate.content.overlaps(evidence.start, evidence.end):
            covered.append(evidence.statement)
    if candidate.stance is None or (candidate.actor is None and candidate.government is None):
        return covered
    speaker = candidate.actor or f"government:{candidate.government}"
    for statement_id in registry.by_speaker_stance.get((speaker, candidate.stance), ()):
        statement = registry.statements[statement_id]
        if statement.id not in covered and _dates_meet(
            candidate, statement.said_on, statement.precision
        ):
            covered.append(statement.id)
    return covered


def _dates_meet(candidate: Candidate, day: dt.date | None, precision: str) -> bool:
    if candidate.said_on is None or day is None:
        return True
    first, last = date_span(day, DatePrecision(precision))
    mine_first, mine_last = date_span(
        candidate.said_on, DatePrecision(candidate.date_precision or "day")
    )
    return first <= mine_last and mine_first <= last


__all__ = ["Span", "candidates"]
