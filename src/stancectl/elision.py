"""How a quote is written: quoted words, elisions ("...", "…", "[...]") and the curator's
bracketed insertions ("[Macron] said"), the segments an elided quote is looked up by, and
where a quote or a segment occurs in a text on word boundaries.

Pure functions: no I/O, no terminal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from stancectl.text import cuts_word, fold, is_word_character, tokens

MAX_INSERTION_GAP_WORDS = 6
"""How many words of the article a bracketed insertion may stand for: "[Macron] said" for
"the French president said"."""


# --- how a quote is written: quoted words, elisions, insertions --------------------------------


class PartKind(StrEnum):
    QUOTED = "quoted"
    ELISION = "elision"
    """Omitted words: "...", "…", "[...]", "[…]"."""
    INSERTION = "insertion"
    """The curator's own words, in square brackets."""


@dataclass(frozen=True, slots=True)
class QuotePart:
    kind: PartKind
    text: str
    """As written in the quote (an insertion with its brackets)."""


_MARKER = re.compile(r"\[\s*(?:\.\s*){3}\]|\[\s*\u2026\s*\]|\.\.\.|\u2026|\[[^\[\]]*\]")


_PLAIN_ELISIONS = {
    "...": QuotePart(PartKind.ELISION, "..."),
    "\u2026": QuotePart(PartKind.ELISION, "\u2026"),
}
"""The commonest markers, made once: a quote may hold any number of them."""
_DOTS = re.compile(r"(?:\.\s*){3}")


def quote_parts(quote: str) -> tuple[QuotePart, ...]:
    """A quote split into quoted words, elisions and bracketed insertions, in order, as a view
    shows them. A quote without markers is one quoted part."""
    parts: list[QuotePart] = []
    position = 0
    for marker in _MARKER.finditer(quote):
        start = marker.start()
        if start > position:
            parts.append(QuotePart(PartKind.QUOTED, quote[position:start]))
        text = marker.group()
        plain = _PLAIN_ELISIONS.get(text)
        if plain is not None:
            parts.append(plain)
        else:
            inner = text[1:-1].strip()  # in square brackets
            elided = inner == "\u2026" or _DOTS.fullmatch(inner) is not None
            parts.append(QuotePart(PartKind.ELISION if elided else PartKind.INSERTION, text))
        position = marker.end()
    if position < len(quote):
        parts.append(QuotePart(PartKind.QUOTED, quote[position:]))
    return tuple(parts)


_WORD_CHARACTER_CANDIDATE = re.compile(r"[^\W_]|[^\x00-\u02ff]")
"""A letter or digit, or a character from U+0300 on (which may be a combining mark)."""


def case_variants(folded: str) -> list[str]:
    """`folded`, and `folded` with the case of its first letter swapped."""
    return _case_variants(folded, _first_word_character(folded))


def _first_word_character(folded: str) -> int | None:
    # found by `re`, not by a loop over the marks before it
    for candidate in _WORD_CHARACTER_CANDIDATE.finditer(folded):
        if is_word_character(candidate.group()):
            return candidate.start()
    return None


def _case_variants(folded: str, first: int | None) -> list[str]:
    if first is not None:
        swapped = folded[first].swapcase()
        if swapped != folded[first] and len(swapped) == 1:
            return [folded, folded[:first] + swapped + folded[first + 1 :]]
    return [folded]


@dataclass(slots=True)
class Segment:
    """A quoted segment of an elided quote, folded, and how it joins its neighbours."""

    text: str
    """As written."""
    variants: list[str]
    """Read only: the segments of one text share it."""
    bounded_start: bool
    """False when an insertion is glued to its first letter ("[t]he")."""
    bounded_end: bool
    gap_before: str
    """How it may be separated from the previous segment: "elision", "insertion", "glued"."""


def quoted_segments(parts: Sequence[QuotePart]) -> list[Segment]:
    """The quoted segments of an elided quote, ready to look up. Punctuation and spaces next to
    an elision are left out ("out.... Then" quotes "out" and "Then"); segments without a word
    are dropped, their neighbours' gaps joined."""
    segments: list[Segment] = []
    gap = "start"
    kinds: list[PartKind | None] = [None, *(part.kind for part in parts), None]
    # segment text -> its case variants (none: it has no word), one list for all its segments
    seen: dict[str, list[str]] = {}
    for i, part in enumerate(parts):
        kind = kinds[i + 1]
        if kind is not PartKind.QUOTED:
            if segments and gap != "elision":  # an elision anywhere in a gap frees it
                gap = "elision" if kind is PartKind.ELISION else "insertion"
            continue
        before, after = kinds[i], kinds[i + 2]
        text = part.text
        if before is PartKind.ELISION:
            text = text.lstrip(_ELISION_EDGE)
        if after is PartKind.ELISION:
            text = text.rstrip(_ELISION_EDGE)
        variants = seen.get(text)
        if variants is None:  # (a long quote may repeat a segment many times)
            folded = fold(text)
            first = _first_word_character(folded)
            variants = seen[text] = [] if first is None else _case_variants(folded, first)
        if not variants:
            continue
        glued_start = before is PartKind.INSERTION and is_word_character(text[0])
        glued_end = after is PartKind.INSERTION and is_word_character(text[-1])
        segments.append(Segment(text.strip(), variants, not glued_start, not glued_end, gap))
        gap = "adjacent"
    return segments


_ELISION_EDGE = " \t\n.,;:"


def gap_allowed(gap: str, kind: str) -> bool:
    """Whether the article text between two quoted segments may stand for what separates them."""
    if kind in {"elision", "start"}:
        return True
    if kind == "insertion":
        return sum(1 for t in tokens(gap) if t.is_word) <= MAX_INSERTION_GAP_WORDS
    return not gap.strip()


# --- where a quote or a segment occurs ----------------------------------------------------------


class Occurrence(NamedTuple):
    """Where a quote or segment occurs: offsets in the text searched (a tuple: a long elided
    quote makes one per segment)."""

    start: int
    end: int


def occurrences(
    haystack: str,
    needle: str,
    begin: int = 0,
    limit: int | None = None,
    check_start: bool = True,
    check_end: bool = True,
) -> Iterator[Occurrence]:
    """Where `needle` occurs in haystack[begin:limit] with its checked ends on word boundaries,
    left to right."""
    stop = len(haystack) if limit is None else limit
    found = first_occurrence(haystack, needle, begin, stop, check_start, check_end)
    while found is not None:
        yield found
        found = first_occurrence(haystack, needle, found.start + 1, stop, check_start, check_end)


def first_occurrence(
    haystack: str, needle: str, begin: int, stop: int, check_start: bool, check_end: bool
) -> Occurrence | None:
    """The first occurrence `occurrences` would give, or None."""
    at = haystack.find(needle, begin, stop)
    while at >= 0:
        end = at + len(needle)
        if not (check_start and cuts_word(haystack, at)) and not (
            check_end and cuts_word(haystack, end)
        ):
            return Occurrence(at, end)
        at = haystack.find(needle, at + 1, stop)
    return None


def segment_occurrences(
    haystack: str, segment: Segment, begin: int, limit: int
) -> Iterator[Occurrence]:
    """The occurrences of a segment in either of its case variants, left to right."""
    found = first_segment_occurrence(haystack, segment, begin, limit)
    while found is not None:
        yield found
        found = first_segment_occurrence(haystack, segment, found.start + 1, limit)


def first_segment_occurrence(
    haystack: str, segment: Segment, at: int, limit: int
) -> Occurrence | None:
    """The first occurrence of a segment in either of its case variants from `at` on. The
    second variant is looked for only before the first one's occurrence, so that finding a
    segment costs the distance to it, not a scan to the end of the paragraph."""
    if at >= limit:
        return None
    best: Occurrence | None = None
    for variant in segment.variants:
        stop = limit if best is None else min(limit, best.start + len(variant))
        if best is not None and haystack.find(variant, at, stop) < 0:
            continue  # (the commonest answer for the second variant, without a call)
        found = first_occurrence(
            haystack, variant, at, stop, segment.bounded_start, segment.bounded_end
        )
        if found is not None and (best is None or found.start < best.start):
            best = found
    return best
