"""Anchoring quotes in article text: exact, normalised, fuzzy or missing.

Articles pasted from the web differ from hand-typed quotes in typography, not in words: curly
quotes and apostrophes, dashes, runs of whitespace, case. Those are folded away before matching;
anything more is reported as a fuzzy match with the closest passage, for the curator to fix.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

FUZZY_THRESHOLD = 80.0
"""Similarity (0-100) from which the closest passage counts as a near miss rather than absent."""
SHORT_QUOTE_WORDS = 2
"""A quote of this many words or fewer proves little."""

_TYPOGRAPHY = {
    # quotation marks, including low and angle quotes
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e", '"'),
    # apostrophes and single quotes, prime, grave and acute accents used as apostrophes
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2039\u203a\u2032\u0060\u00b4", "'"),
    # hyphens and dashes, minus sign
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    "\u2026": "...",
    "\u00ad": "",  # soft hyphen: invisible, often left inside words by web pages
    "\u200b": "",  # zero-width space
    "\ufeff": "",
}


class MatchLevel(StrEnum):
    EXACT = "exact"
    NORMALISED = "normalised"
    FUZZY = "fuzzy"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    level: MatchLevel
    similarity: float
    """100 for exact and normalised matches; the best passage's score otherwise."""
    start: int | None = None
    end: int | None = None
    """Character offsets of the matched or closest passage in the original article text."""

    def passage(self, text: str) -> str:
        if self.start is None or self.end is None:
            return ""
        return text[self.start : self.end]


_TRANSLATION = str.maketrans(_TYPOGRAPHY)
_fold_cache: dict[str, str] = {}


def normalise(text: str) -> str:
    """Typography, case and runs of whitespace folded: the form quotes are compared in."""
    folded = unicodedata.normalize("NFKC", text).translate(_TRANSLATION).casefold()
    return " ".join(folded.split())


def _fold(char: str) -> str:
    folded = _fold_cache.get(char)
    if folded is None:
        folded = _fold_cache[char] = normalise(char) if not char.isspace() else " "
    return folded


@dataclass(frozen=True, slots=True)
class NormalisedText:
    """Text folded one character at a time; `origin[i]` is where character i came from in the
    original, so a position in the folded text maps back to the article. Slow: only for the
    rare quotes that do not match, to show where the closest passage is."""

    text: str
    origin: list[int]

    def span(self, start: int, end: int, original_length: int) -> tuple[int, int]:
        if end <= start:
            return start, start
        last = self.origin[end - 1] + 1 if end - 1 < len(self.origin) else original_length
        return self.origin[start], last


def normalise_with_origin(text: str) -> NormalisedText:
    chars: list[str] = []
    origin: list[int] = []
    pending_space = False
    for index, char in enumerate(text):
        if char.isspace():
            pending_space = bool(chars)
            continue
        folded = _fold(char)
        if not folded:
            continue
        if pending_space:
            chars.append(" ")
            origin.append(index - 1)
            pending_space = False
        for piece in folded:
            chars.append(piece)
            origin.append(index)
    return NormalisedText("".join(chars), origin)


def is_short(quote: str) -> bool:
    return len(normalise(quote).split()) <= SHORT_QUOTE_WORDS


def _variants() -> dict[str, str]:
    """Folded character -> regex class of the characters that fold to it."""
    classes: dict[str, set[str]] = {}
    for original, folded in _TYPOGRAPHY.items():
        if len(folded) == 1:
            classes.setdefault(folded, {folded}).add(original)
    return {
        folded: "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"
        for folded, chars in classes.items()
    }


_VARIANTS = _variants()
_INVISIBLE = "[" + "".join(c for c, f in _TYPOGRAPHY.items() if not f) + "]*"


def _tolerant_pattern(folded_quote: str) -> re.Pattern[str]:
    """A regex finding the original form of a folded quote: any typographic variant, any run
    of whitespace, any case, invisible characters anywhere."""
    parts = []
    for char in folded_quote:
        if char == " ":
            parts.append(r"\s+")
        else:
            parts.append(_VARIANTS.get(char, re.escape(char)))
    return re.compile(_INVISIBLE.join(parts), re.IGNORECASE)


class ArticleMatcher:
    """Matches many quotes against one article, folding the article at most once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: str | None = None
        self._with_origin: NormalisedText | None = None

    @property
    def folded(self) -> str:
        if self._folded is None:
            self._folded = normalise(self.text)
        return self._folded

    @property
    def with_origin(self) -> NormalisedText:
        if self._with_origin is None:
            self._with_origin = normalise_with_origin(self.text)
        return self._with_origin

    def match(self, quote: str) -> QuoteMatch:
        start = self.text.find(quote)
        if start >= 0:
            return QuoteMatch(MatchLevel.EXACT, 100.0, start, start + len(quote))
        folded_quote = normalise(quote)
        if not folded_quote:
            return QuoteMatch(MatchLevel.MISSING, 0.0)
        if folded_quote in self.folded:
            return QuoteMatch(MatchLevel.NORMALISED, 100.0, *self._locate(folded_quote))
        return self._closest(folded_quote)

    def _locate(self, folded_quote: str) -> tuple[int, int]:
        found = _tolerant_pattern(folded_quote).search(self.text)
        if found:
            return found.start(), found.end()
        # folding that changes length (ß -> ss, ligatures): map through the slow path
        haystack = self.with_origin
        position = haystack.text.find(folded_quote)
        if position < 0:
            return 0, 0
        return haystack.span(position, position + len(folded_quote), len(self.text))

    def _closest(self, folded_quote: str) -> QuoteMatch:
        from rapidfuzz import fuzz  # deferred: only near misses need it

        haystack = self.with_origin
        if not haystack.text:
            return QuoteMatch(MatchLevel.MISSING, 0.0)
        alignment = fuzz.partial_ratio_alignment(folded_quote, haystack.text)
        if alignment is None:
            return QuoteMatch(MatchLevel.MISSING, 0.0)
        begin, end = haystack.span(alignment.dest_start, alignment.dest_end, len(self.text))
        level = MatchLevel.FUZZY if alignment.score >= FUZZY_THRESHOLD else MatchLevel.MISSING
        return QuoteMatch(level, round(alignment.score, 1), begin, end)


def match_quote(quote: str, text: str) -> QuoteMatch:
    return ArticleMatcher(text).match(quote)
