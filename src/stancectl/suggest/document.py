"""The `stancectl.suggest/1` document, and candidates as stances.yaml entries.

Plain data: the JSON document a program reads, and the statement (and proposed actor) entries
that `--format yaml` prints and `--write` appends, each marked `review: pending`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from stancectl.suggest.registry import Registry
from stancectl.suggest.resolve import slug
from stancectl.suggest.types import Candidate

SCHEMA = "stancectl.suggest/1"
MAX_ID = 80


def suggest_document(
    candidates: list[Candidate], *, article_id: str | None, file: str
) -> dict[str, Any]:
    """`{"schema", "article": {"id", "file"}, "candidates": [...]}`; offsets index the article
    text as stancectl reads it. Each candidate also gives its `gap`: the attribution inside an
    interrupted quotation, else null."""
    return {
        "schema": SCHEMA,
        "article": {"id": article_id, "file": file},
        "candidates": [candidate.as_dict() for candidate in candidates],
    }


@dataclass
class Entries:
    """Candidates as entries for stances.yaml, and why the others are not among them."""

    statements: list[dict[str, Any]] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    """Proposed entries for speakers the data does not know (statements refer to them)."""
    left_out: dict[str, int] = field(default_factory=dict)
    """Reason -> how many candidates it kept out."""

    def skip(self, reason: str) -> None:
        self.left_out[reason] = self.left_out.get(reason, 0) + 1


def statement_entries(
    candidates: Iterable[Candidate],
    *,
    article_id: str,
    registry: Registry,
    known_ids: Iterable[str] = (),
    new_actors: bool = True,
) -> Entries:
    """One `review: pending` statement per candidate not yet covered whose stance and topic
    are guessed. With `new_actors`, a speaker the data does not know gets a proposed actor
    entry; without it, such candidates are left out (they would refer to no actor)."""
    entries = Entries()
    taken = set(known_ids)
    proposed: dict[str, dict[str, Any]] = {}
    for candidate in candidates:
        if candidate.covered_by:
            entries.skip("already covered by a statement")
            continue
        if candidate.stance is None or candidate.topic is None:
            entries.skip("no stance guessed")
            continue
        speaker = candidate.actor or candidate.government
        if speaker is None and candidate.new_actor is not None and new_actors:
            actor = candidate.new_actor
            if actor.id not in registry.actors:
                proposed.setdefault(actor.id, actor.as_dict())
            speaker = actor.id
        if speaker is None:
            entries.skip("speaker not in the data" if not new_actors else "speaker not resolved")
            continue
        statement_id = _unique(slug(f"{speaker} {candidate.stance} {article_id}"), taken)
        entry: dict[str, Any] = {
            "id": statement_id,
            "topic": candidate.topic,
            "stance": candidate.stance,
        }
        if candidate.government is not None and candidate.actor is None:
            entry["government"] = candidate.government
        else:
            entry["actor"] = speaker
        if candidate.said_on is not None:
            entry["said_on"] = candidate.said_on
            entry["date_precision"] = candidate.date_precision
        entry["note"] = (
            f"Proposed by stancectl suggest: {candidate.source.text!r} {candidate.cue.text!r}, "
            f"characters {candidate.content.start}-{candidate.content.end} of the article."
        )
        entry["review"] = "pending"
        entry["evidence"] = [
            {
                "article": article_id,
                "quote": candidate.spoken,
                "attribution": candidate.attribution,
            }
        ]
        entries.statements.append(entry)
    entries.actors = list(proposed.values())
    return entries


def _unique(base: str, taken: set[str]) -> str:
    base = base[:MAX_ID].strip("-") or "statement"
    candidate, number = base, 2
    while candidate in taken:
        suffix = f"-{number}"
        candidate = base[: MAX_ID - len(suffix)].rstrip("-") + suffix
        number += 1
    taken.add(candidate)
    return candidate
