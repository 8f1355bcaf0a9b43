"""What `suggest` proposes: plain data with character offsets into the article text.

Offsets are Python string indices into the text exactly as given to `suggest_article` (the
article as stancectl reads it), so `text[span.start:span.end] == span.text` always holds and a
content span copied as an evidence quote matches its article exactly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Engine(StrEnum):
    AUTO = "auto"  # spaCy when the extra is installed, else the regex extractor
    SPACY = "spacy"
    REGEX = "regex"


class MissingExtraError(RuntimeError):
    """An extractor needs an optional extra that is not installed."""

    install = "pip install 'stancectl[suggest]'"

    def __init__(self, detail: str) -> None:
        super().__init__(f"{detail}; install it with: {self.install}")


@dataclass(frozen=True, slots=True)
class Span:
    """A verbatim piece of the article: `text == article[start:end]`."""

    text: str
    start: int
    end: int

    @classmethod
    def of(cls, article: str, start: int, end: int) -> Span:
        return cls(article[start:end], start, end)

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Attribution:
    """One speech attribution as an extractor finds it, before any resolution."""

    source: Span
    cue: Span
    content: Span
    kind: str
    """"direct" (the words are all inside one quotation), "indirect" (reported speech: "X said
    that ...", also when it quotes some of the words: `said a ban "would tie our hands"`) or
    "paraphrase" (an article's summary: "X announced plans")."""
    pronoun: bool = False
    """The source is a pronoun ("he"), to be resolved to an earlier speaker."""
    gap: Span | None = None
    """The writer's words inside the content of a quotation interrupted by its attribution
    (`," Scholz said, "` in `"The plan," Scholz said, "is dead."`): not the speaker's."""


@dataclass(frozen=True, slots=True)
class ProposedActor:
    """An actor entry for a speaker the registry does not know, ready for stances.yaml."""

    id: str
    name: str
    kind: str
    title: str | None = None

    def as_dict(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"id": self.id, "name": self.name, "kind": self.kind}
        if self.title:
            entry["roles"] = [{"title": self.title}]
        return entry


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposed statement: who said what, as written in the article, and how it resolves."""

    source: Span
    cue: Span
    content: Span
    attribution: str
    actor: str | None = None
    """The registry's actor id, when the speaker resolves to exactly one actor."""
    government: str | None = None
    """The registry's government id, when the speaker is a state or organisation as such."""
    new_actor: ProposedActor | None = None
    said_on: dt.date | None = None
    date_precision: str | None = None
    stance: str | None = None
    topic: str | None = None
    """The topic of the guessed stance, when the stance belongs to exactly one topic."""
    covered_by: list[str] = field(default_factory=list)
    """Ids of existing statements that already cover this candidate."""
    gap: Span | None = None
    """The attribution inside an interrupted quotation's content (see `Attribution.gap`)."""

    @property
    def spoken(self) -> str:
        """The content's words as a quote: an interrupted quotation's parts joined by an
        elision (`The plan … is dead`), which `check` verifies part by part."""
        return spoken_words(self.content, self.gap)

    def as_dict(self) -> dict[str, Any]:
        """The candidate in the `stancectl.suggest/1` document."""
        return {
            "source": self.source.as_dict(),
            "cue": self.cue.as_dict(),
            "content": self.content.as_dict(),
            "actor": self.actor,
            "new_actor": self.new_actor.as_dict() if self.new_actor else None,
            "attribution": self.attribution,
            "said_on": self.said_on.isoformat() if self.said_on else None,
            "date_precision": self.date_precision,
            "stance": self.stance,
            "covered_by": list(self.covered_by),
            "gap": self.gap.as_dict() if self.gap else None,
        }


def spoken_words(content: Span, gap: Span | None) -> str:
    """`content`'s text, with the writer's words in `gap` replaced by an elision."""
    if gap is None or not content.start <= gap.start < gap.end <= content.end:
        return content.text
    before = content.text[: gap.start - content.start].rstrip(" ,")
    after = content.text[gap.end - content.start :].lstrip()
    return f"{before} \u2026 {after}"
