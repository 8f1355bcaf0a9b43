"""The bundled data is the first thing users see: it must stay complete and correct.

The counts are pinned so that an accidental deletion fails CI. After adding or merging
statements on purpose, update them here in the same commit, saying why.
"""

from __future__ import annotations

from pathlib import Path

from conftest import BUNDLED, REPO
from stancectl.checking import check
from stancectl.dataset import counts_of
from stancectl.evidence import MatchLevel
from stancectl.loader import load

PINNED = {
    "topics": 5,
    "stances": 15,
    "governments": 16,
    "actors": 23,
    "articles": 5,
    "statements": 46,
    "quotes": 93,
}


def test_bundled_data_passes_a_strict_check() -> None:
    result = check(BUNDLED)
    assert result.problems == []
    assert not result.report.failed(strict=True)


def test_counts_are_pinned() -> None:
    dataset, _ = load(BUNDLED)
    counts = counts_of(dataset)
    assert {key: counts[key] for key in PINNED} == PINNED


def test_every_statement_has_a_quote_found_in_its_article() -> None:
    dataset, _ = load(BUNDLED)
    assert dataset is not None
    for statement in dataset.statements.values():
        levels = [dataset.matches[(statement.id, i)].level for i in range(len(statement.evidence))]
        assert any(level in (MatchLevel.EXACT, MatchLevel.NORMALISED) for level in levels), (
            statement.id
        )


def test_every_person_holds_a_role_when_speaking() -> None:
    dataset, _ = load(BUNDLED)
    assert dataset is not None
    for statement in dataset.statements.values():
        actor = dataset.actors.get(statement.actor or "")
        if actor is not None and actor.kind.value == "person" and statement.said_on:
            assert actor.role_on(statement.said_on) is not None, statement.id


def test_every_shipped_article_is_curated() -> None:
    dataset, _ = load(BUNDLED)
    assert dataset is not None
    seeds = sorted(p.name for p in (REPO / "seeds").iterdir())
    assert sorted(Path(a.file).name for a in dataset.articles.values()) == seeds
