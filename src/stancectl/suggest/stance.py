"""A stance guessed from the cue phrases curators put on each stance (`cues:`), or none.

A cue matches as whole words in any inflection ("rule out" matches "ruled out", "ruling
out"). A match that a negation just before it turns around ("cannot be ruled out", "not ruling
out", "refused to rule out") does not count for its stance; a longer cue that contains the
negation ("cannot be ruled out") wins over the shorter one it contains. The guess abstains
when no cue matches or when cues of different stances match equally well.
"""

from __future__ import annotations

import re
from functools import lru_cache

from stancectl.suggest import lexicon
from stancectl.suggest.registry import Registry, fold

NEGATION_WINDOW = 3
"""Words before a cue in which a negation turns it around."""


@lru_cache(maxsize=4096)
def _pattern(cue: str) -> re.Pattern[str]:
    parts = []
    for word in fold(cue).split():
        if word in lexicon.NEGATORS or not word.isalpha() or len(word) < 3:
            parts.append(re.escape(word))
        elif word.endswith("e"):
            parts.append(re.escape(word[:-1]) + r"(?:e|es|ed|ing)")
        else:
            parts.append(re.escape(word) + r"(?:s|es|ed|d|ing)?")
    return re.compile(r"\b" + r"\s+".join(parts) + r"\b")


def guess_stance(passage: str, registry: Registry) -> str | None:
    """The stance whose cues best match `passage` (the content with its cue), or None."""
    text = fold(passage)
    best: dict[str, int] = {}
    claimed: list[tuple[int, int]] = []
    for cue, stance_id in registry.cue_table:  # longest first: it claims its words
        if _anchor(cue) not in text:
            continue  # a plain substring test spares the pattern for most cues
        for match in _pattern(cue).finditer(text):
            if any(match.start() < end and start < match.end() for start, end in claimed):
                continue
            claimed.append((match.start(), match.end()))
            if not _cue_negates(cue) and _negated(text, match.start()):
                continue
            best[stance_id] = max(best.get(stance_id, 0), len(cue))
    if not best:
        return None
    ranked = sorted(best.items(), key=lambda item: -item[1])
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


@lru_cache(maxsize=4096)
def _anchor(cue: str) -> str:
    """A piece of the cue every inflected match contains: its longest word's stem."""
    word = max(fold(cue).split(), key=len, default="")
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


@lru_cache(maxsize=4096)
def _cue_negates(cue: str) -> bool:
    return any(word in lexicon.NEGATORS for word in fold(cue).split())


def _negated(text: str, position: int) -> bool:
    before = re.findall(r"[\w']+", text[max(0, position - 60) : position])[-NEGATION_WINDOW:]
    return any(word in lexicon.NEGATORS or word.endswith("n't") for word in before)


def topic_of(stance_id: str | None, registry: Registry) -> str | None:
    """The topic of a stance that belongs to exactly one; with one topic in all, that one."""
    if stance_id is None:
        return None
    stance = registry.stances.get(stance_id)
    if stance is not None and len(stance.topics) == 1:
        return stance.topics[0]
    if stance is not None and not stance.topics and len(registry.topics) == 1:
        return registry.topics[0]
    return None
