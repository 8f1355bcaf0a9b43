"""The floors issue 13 sets on the bundled articles, for each extractor installed.

A curated evidence quote counts as proposed when a candidate's content span overlaps it. The
actor is right when the candidate's actor is that of a statement quoting those words; the
stance guess is right when a statement quoting the candidate's words has that stance.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from conftest import BUNDLED
from stancectl.dataset import Dataset
from stancectl.loader import load
from stancectl.suggest import Candidate, Registry, build_registry, spacy_available, suggest_article
from stancectl.suggest.registry import CuratedEvidence

ENGINES = [
    "regex",
    pytest.param(
        "spacy",
        marks=pytest.mark.skipif(
            not spacy_available(), reason="the suggest extra (spaCy) is not installed"
        ),
    ),
]


@dataclass(frozen=True)
class Quoted:
    """One curated evidence quote, with where it stands and what quotes it."""

    evidence: CuratedEvidence
    attribution: str
    actors: frozenset[str]


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    dataset, _ = load(BUNDLED)
    assert dataset is not None
    return dataset


@pytest.fixture(scope="module")
def registry(bundled: Dataset) -> Registry:
    return build_registry(bundled)


@pytest.fixture(scope="module")
def quotes(bundled: Dataset, registry: Registry) -> list[Quoted]:
    kinds = {
        (statement.id, item.article, item.quote): item.attribution.value
        for statement in bundled.statements.values()
        for item in statement.evidence
    }
    found = []
    for items in registry.evidence.values():
        for evidence in items:
            assert evidence.start is not None, evidence  # every bundled quote is located
            same_words = [e for e in items if (e.start, e.end) == (evidence.start, evidence.end)]
            actors = {registry.statements[e.statement].actor for e in same_words}
            kind = kinds[(evidence.statement, evidence.article, evidence.quote)]
            found.append(Quoted(evidence, kind, frozenset(a for a in actors if a)))
    return found


@pytest.fixture(scope="module", params=ENGINES)
def proposed(
    request: pytest.FixtureRequest, bundled: Dataset, registry: Registry
) -> dict[str, list[Candidate]]:
    engine = request.param
    return {
        article.id: suggest_article(
            bundled.texts[article.id],
            registry=registry,
            published=article.published,
            published_precision=article.published_precision.value,
            article_id=article.id,
            engine=engine,
        )
        for article in bundled.articles.values()
    }


def _overlapping(quoted: Quoted, proposed: dict[str, list[Candidate]]) -> list[Candidate]:
    evidence = quoted.evidence
    assert evidence.start is not None and evidence.end is not None
    return [
        c for c in proposed[evidence.article] if c.content.overlaps(evidence.start, evidence.end)
    ]


def _share(hits: int, total: int) -> float:
    assert total > 0
    return hits / total


def test_two_thirds_of_the_curated_quotes_are_proposed(
    quotes: list[Quoted], proposed: dict[str, list[Candidate]]
) -> None:
    hits = sum(1 for q in quotes if _overlapping(q, proposed))
    assert _share(hits, len(quotes)) >= 0.65, f"{hits} of {len(quotes)}"


def test_most_direct_and_indirect_quotes_are_proposed(
    quotes: list[Quoted], proposed: dict[str, list[Candidate]]
) -> None:
    reported = [q for q in quotes if q.attribution in {"direct", "indirect"}]
    missed = [q.evidence.quote for q in reported if not _overlapping(q, proposed)]
    assert _share(len(reported) - len(missed), len(reported)) >= 0.85, missed


def test_proposed_speakers_resolve_to_the_curated_actor(
    quotes: list[Quoted], registry: Registry, proposed: dict[str, list[Candidate]]
) -> None:
    """Of the direct and indirect quotes proposed, those whose statements name an actor."""
    reported = [q for q in quotes if q.attribution in {"direct", "indirect"} and q.actors]
    checked = [(q, found) for q in reported if (found := _overlapping(q, proposed))]
    wrong = [
        (q.evidence.quote[:60], [c.actor for c in found])
        for q, found in checked
        if not any(c.actor in _actors_quoted(c, q.evidence.article, registry) for c in found)
    ]
    assert _share(len(checked) - len(wrong), len(checked)) >= 0.95, wrong


def _actors_quoted(candidate: Candidate, article_id: str, registry: Registry) -> set[str | None]:
    """The actors of the statements whose evidence in the article overlaps the candidate."""
    return {
        registry.statements[e.statement].actor
        for e in registry.evidence.get(article_id, ())
        if e.start is not None and e.end is not None and candidate.content.overlaps(e.start, e.end)
    }


def test_stance_guesses_are_right_when_made(
    bundled: Dataset, registry: Registry, proposed: dict[str, list[Candidate]]
) -> None:
    guesses = wrong = 0
    mistakes = []
    for article_id, candidates in proposed.items():
        for candidate in (c for c in candidates if c.stance is not None):
            stances = {
                registry.statements[e.statement].stance
                for e in registry.evidence.get(article_id, ())
                if e.start is not None
                and e.end is not None
                and candidate.content.overlaps(e.start, e.end)
            }
            if not stances:
                continue  # words no statement quotes: nothing to judge the guess by
            guesses += 1
            if candidate.stance not in stances:
                wrong += 1
                mistakes.append((candidate.content.text[:60], candidate.stance, stances))
    assert guesses >= 20
    assert _share(guesses - wrong, guesses) >= 0.85, mistakes


def test_floors_can_fail(registry: Registry, bundled: Dataset) -> None:
    """The measure is real: an article whose words are scrambled proposes nothing."""
    article = bundled.articles["danilov-open-to-nato"]
    scrambled = " ".join(reversed(bundled.texts[article.id].split()))
    assert suggest_article(scrambled, registry=registry, engine="regex") == []
