"""The loaded data: every record that validated, indexed by id, in file order.

The loader builds a Dataset; `stancectl.records` turns it into the plain records the views read.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from stancectl.inputs import Fingerprint

if TYPE_CHECKING:
    from stancectl.evidence import QuoteMatch
    from stancectl.model import Actor, Article, Entity, Stance, Statement, Topic


@dataclass
class Dataset:
    """A loaded data file: the records that validated, indexed by id, in file order."""

    source: Path
    topics: dict[str, Topic] = field(default_factory=dict)
    stances: dict[str, Stance] = field(default_factory=dict)
    governments: dict[str, Entity] = field(default_factory=dict)
    """The entities statements speak for (governments, parties, ...), from either key."""
    actors: dict[str, Actor] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    statements: dict[str, Statement] = field(default_factory=dict)
    texts: MutableMapping[str, str] = field(default_factory=dict)
    """Article id -> its text, for the articles that could be read."""
    fingerprints: dict[str, Fingerprint] = field(default_factory=dict)
    """Absolute path as opened -> what was read of it: the data file and every article."""
    matches: dict[tuple[str, int], QuoteMatch] = field(default_factory=dict)
    """(statement id, evidence index) -> where its quote stands in the article."""
    lines: dict[str, int] = field(default_factory=dict)
    """Statement id -> line of its entry in the data file."""
    invalid: dict[str, int] = field(default_factory=dict)
    """Section -> how many of its records did not validate (left out; their problems say why)."""

    def article_path(self, article: Article) -> Path:
        return self.source.parent / article.file

    def display_path(self, article: Article) -> str:
        return display_path(self.source.parent, article.file)


def display_path(base: Path, relative: str) -> str:
    """An article's path as a user reads it: relative to where stancectl was run."""
    return str(Path(os.path.normpath(base / relative))) if str(base) != "." else relative


def counts_of(dataset: Dataset | None) -> dict[str, int]:
    """Records per section, and quotes per match level (`quotes.exact`, ...)."""
    if dataset is None:
        return {}
    counts = {
        "topics": len(dataset.topics),
        "stances": len(dataset.stances),
        "governments": len(dataset.governments),
        "actors": len(dataset.actors),
        "articles": len(dataset.articles),
        "statements": len(dataset.statements),
        "quotes": sum(len(s.evidence) for s in dataset.statements.values()),
    }
    if dataset.invalid.get("statements"):  # left out, so their quotes are not checked yet
        counts["statements.invalid"] = dataset.invalid["statements"]
    pending = sum(1 for s in dataset.statements.values() if s.review is not None)
    if pending:  # information, not a problem: proposed statements awaiting review
        counts["pending"] = pending
    levels = Counter(found.level.value for found in dataset.matches.values())
    unchecked = counts["quotes"] - len(dataset.matches)  # their article could not be read
    if unchecked:
        levels["unchecked"] = unchecked
    counts.update({f"quotes.{level}": n for level, n in sorted(levels.items())})
    return counts
