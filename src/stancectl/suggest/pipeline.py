"""From extracted attributions to candidates: speakers, dates, stances and coverage resolved."""

from __future__ import annotations

import datetime as dt

from stancectl.dates import DatePrecision, date_span
from stancectl.suggest import lexicon
from stancectl.suggest.registry import Registry
from stancectl.suggest.resolve import Resolution, resolve
from stancectl.suggest.segment import inside_quote, paragraphs, quotes, sentences
from stancectl.suggest.stance import guess_stance, topic_of
from stancectl.suggest.types import Attribution, Candidate, Span
from stancectl.suggest.when import resolve_date

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
    for attribution in found:
        said_on, precision = resolve_date(
            _passage(text, attribution), published, published_precision
        )
        day = said_on or published
        if attribution.pronoun:
            resolution = _antecedent(attribution, resolved, registry)
        else:
            resolution = resolve(attribution.source.text, registry, day)
        resolved.append((attribution, resolution))
        if said_on is None:
            said_on, precision = _date_of_account(result, resolution)
        stance = guess_stance(f"{attribution.cue.text} {attribution.content.text}", registry)
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
        )
        covered = _covered_by(candidate, registry, article_id)
        result.append(_with_coverage(candidate, covered))
    return result


def _passage(text: str, attribution: Attribution) -> str:
    """The sentence of the cue without its content and without any quotation: where the date
    of the words is given ("said on Tuesday that ...")."""
    cue = attribution.cue.start
    for start, end in paragraphs(text):
        if start <= cue < end:
            marks = quotes(text, start, end)
            for sentence_start, sentence_end in sentences(text, start, end, marks):
                if sentence_start <= cue < sentence_end:
                    kept = [
                        " "
                        if (
                            attribution.content.start <= i < attribution.content.end
                            or inside_quote(i, marks)
                        )
                        else text[i]
                        for i in range(sentence_start, sentence_end)
                    ]
                    return "".join(kept)
    return ""


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
    for previous, resolution in reversed(earlier):
        if attribution.source.start - previous.source.end > PRONOUN_REACH:
            break
        if previous.pronoun and previous.source == attribution.source:
            return resolution
        if any(
            other.content.start <= previous.source.start < other.content.end for other, _ in earlier
        ):
            continue  # a speaker reported inside someone else's words is not the one continued
        if resolution.actor is None and resolution.government is None:
            continue
        if _fits(word, resolution, registry):
            return resolution
    return Resolution()


def _fits(pronoun: str, resolution: Resolution, registry: Registry) -> bool:
    if resolution.actor is not None:
        kind = registry.actors[resolution.actor].kind
        if pronoun in lexicon.PERSON_PRONOUNS:
            return kind in {"person", "anonymous"}
        return kind in {"collective", "office"}
    return pronoun in lexicon.GROUP_PRONOUNS


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
    for statement in registry.statements.values():
        if statement.id in covered or statement.stance != candidate.stance:
            continue
        same_speaker = (candidate.actor is not None and statement.actor == candidate.actor) or (
            candidate.actor is None and statement.government == candidate.government
        )
        if same_speaker and _dates_meet(candidate, statement.said_on, statement.precision):
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


def _with_coverage(candidate: Candidate, covered: list[str]) -> Candidate:
    candidate.covered_by.extend(covered)
    return candidate


__all__ = ["Span", "candidates"]
