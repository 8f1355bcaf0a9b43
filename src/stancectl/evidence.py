"""Anchoring quotes in article text: exact, normalised, fuzzy or missing.

Articles pasted from the web differ from hand-typed quotes in typography, not in words: curly
quotes and apostrophes, dashes, runs of whitespace, case. Those are folded away before matching;
anything more is reported as a fuzzy match with the closest passage, for the curator to fix.
"""

from __future__ import annotations

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
    """Character offsets of the matched or closest passage in the original article text; for a
    normalised match only after ArticleMatcher.locate()."""

    def passage(self, text: str) -> str:
        if self.start is None or self.end is None:
            return ""
        return text[self.start : self.end]


_fold_cache: dict[str, str] = {}


def normalise(text: str) -> str:
    """Typography, case and runs of whitespace folded: the form quotes are compared in."""
    folded = fold_typography(unicodedata.normalize("NFKC", text)).casefold()
    return " ".join(folded.split())


def fold_typography(text: str) -> str:
    """`text` with each typographic character replaced as in _TYPOGRAPHY. What
    `str.translate` does, but a replace per character present is five times faster on
    articles, which have few kinds of such characters."""
    for char, plain in _TYPOGRAPHY.items():
        if char in text:
            text = text.replace(char, plain)
    return text


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
    # folding typography never changes how many words there are: plain split() suffices
    return len(quote.split()) <= SHORT_QUOTE_WORDS


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
            # where it stands is left to locate(): only `show` needs it, for one statement
            return QuoteMatch(MatchLevel.NORMALISED, 100.0)
        return self._closest(folded_quote)

    def locate(self, quote: str) -> QuoteMatch:
        """Like match(), with the passage's position in the original text for every level."""
        found = self.match(quote)
        if found.level is not MatchLevel.NORMALISED:
            return found
        haystack = self.with_origin
        folded_quote = "".join(_fold(c) for c in " ".join(quote.split()))
        position = haystack.text.find(folded_quote)
        if position < 0:  # whole-text and per-character folding disagree (rare compositions)
            return found
        begin, end = haystack.span(position, position + len(folded_quote), len(self.text))
        return QuoteMatch(MatchLevel.NORMALISED, 100.0, begin, end)

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


def word_differences(quote: str, passage: str, limit: int = 3) -> list[str]:
    """Where a quote and the closest passage differ, word by word: "'unimaginable' where the
    article has 'unthinkable'", so the curator sees the fix without comparing by eye."""
    import difflib
    import re

    def words(text: str) -> list[str]:
        return re.findall(r"\w[\w'-]*", normalise(text))

    mine, theirs = words(quote), words(passage)
    found: list[str] = []
    matcher = difflib.SequenceMatcher(a=mine, b=theirs, autojunk=False)
    for kind, a1, a2, b1, b2 in matcher.get_opcodes():
        said, article = " ".join(mine[a1:a2]), " ".join(theirs[b1:b2])
        if kind == "replace":
            found.append(f"'{said}' where the article has '{article}'")
        elif kind == "delete":
            found.append(f"'{said}' is not in the article")
        elif kind == "insert" and 0 < a1 < len(mine):  # words missing inside the quote
            found.append(f"the article has '{article}' here")
    return found[:limit]
