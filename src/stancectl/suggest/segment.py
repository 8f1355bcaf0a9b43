"""Paragraphs, sentences, quotations and words of an article, as character offsets.

Everything here works on offsets into the article text so that any span an extractor builds
from them is a verbatim piece of the article.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import NamedTuple

from stancectl.suggest.when import dateline

OPENING = "\u201c\u00ab\u201e"  # “ « „
CLOSING = "\u201d\u00bb"  # ” »
STRAIGHT = '"'
QUOTE_MARKS = OPENING + CLOSING + STRAIGHT

_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sen", "rep", "gov", "prof", "sgt",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "no", "vs", "inc", "corp", "ltd", "co", "jr", "sr", "u.s", "u.k", "u.n", "e.u", "capt",
        "maj", "adm", "rev", "fig", "approx", "est",
    }
)  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?…]+[\u201d\u2019\"')\]]*(?=\s+[\u201c\u2018\"'(\[A-Z0-9])")
_SINGLE_OPEN = r"(?<![\w\u2018\u2019'])\u2018(?=[^\s\u2019])"
_SINGLE_QUOTED = re.compile(
    # the last closing mark before the next opening one, passing over apostrophes
    rf"{_SINGLE_OPEN}(?:[^\u2018\u2019\n]|\u2019(?=\w)|(?<=s)\u2019(?=\s\w))+"
    r"(?:(?<=[^\ss])\u2019(?!\w)|(?<=s)\u2019(?!\s?\w))"
    # else the first mark that can close it (`...answers' said X`)
    rf"|{_SINGLE_OPEN}[^\u2018\u2019\n]+?(?<=\S)\u2019(?!\w)"
)
"""A quotation in single typographic marks (left and right single quotation marks). The right
one is also the apostrophe: between letters (`Spain's`) and after a plural's s before a word
(`the farmers' union`) it does not end the quotation."""
_WORD = re.compile(r"[\w\u2019'.\-]*\w|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation inside one paragraph: `start` at its opening mark, `end` after its closing
    mark (or at the paragraph's end when it continues into the next paragraph)."""

    start: int
    end: int
    closed: bool

    @property
    def inner_start(self) -> int:
        return self.start + 1

    @property
    def inner_end(self) -> int:
        return self.end - 1 if self.closed else self.end


class Word(NamedTuple):
    """A word or a punctuation mark of the article, with its offsets (a tuple: articles have
    many, and tuples are the cheapest objects to make)."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Each non-blank line, without its surrounding whitespace; the article's dateline
    ("THE HAGUE, 2 April 2024 —") is no part of the paragraph it opens."""
    found: list[tuple[int, int]] = []
    position = 0
    line_at = dateline(text)
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = position + line.index(stripped[0])
            end = start + len(stripped)
            if line_at is not None and line_at[0] == start:
                start = line_at[1]
                while start < end and text[start].isspace():
                    start += 1
            if start < end:
                found.append((start, end))
        position += len(line) + 1
    return found


def quotes(text: str, start: int, end: int) -> list[Quote]:
    """The quoted passages of one paragraph, in order. Curly double quotes pair by direction,
    straight ones alternately; an opening mark never closed runs to the paragraph's end.
    Single typographic quotes count only where they close, outside any double-quoted passage
    (the closing one is also the apostrophe, and a single-quoted passage inside a double-quoted
    one is a quotation within the quotation)."""
    found: list[Quote] = []
    opened: int | None = None
    opener = ""
    for index in range(start, end):
        char = text[index]
        if char not in QUOTE_MARKS:
            continue
        if opened is None:
            if char in OPENING or char == STRAIGHT:
                opened, opener = index, char
            continue
        closes = char in CLOSING if opener in OPENING else char == STRAIGHT
        if closes:
            found.append(Quote(opened, index + 1, closed=True))
            opened = None
    if opened is not None and end - opened > 1:
        found.append(Quote(opened, end, closed=False))
    if "\u2018" in text[start:end]:
        single = [
            Quote(match.start(), match.end(), closed=True)
            for match in _SINGLE_QUOTED.finditer(text, start, end)
            if not quotes_between(found, match.start(), match.end())
        ]
        found = sorted(found + single, key=lambda quote: quote.start)
    return found


def sentences(text: str, start: int, end: int, inside: list[Quote]) -> list[tuple[int, int]]:
    """The sentences of one paragraph; never split inside a quotation."""
    found: list[tuple[int, int]] = []
    begin = start
    for match in _SENTENCE_END.finditer(text, start, end):
        cut = match.end()
        if inside_quote(match.start(), inside) and inside_quote(cut, inside):
            continue
        if _abbreviation_before(text, match.start(), begin):
            continue
        found.append((begin, cut))
        begin = cut
        while begin < end and text[begin].isspace():
            begin += 1
    if begin < end:
        found.append((begin, end))
    return found


def _abbreviation_before(text: str, dot: int, floor: int) -> bool:
    if text[dot] != ".":
        return False
    index = dot
    while index > floor and (text[index - 1].isalpha() or text[index - 1] == "."):
        index -= 1
    word = text[index:dot].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


LOOKAROUND = 400
"""Characters read after a quotation or before a cue when looking for what belongs to it."""


def words(text: str, start: int, end: int) -> list[Word]:
    return [Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, start, end)]


def quotes_between(spans: list[Quote], start: int, end: int) -> list[Quote]:
    """The quotations of `spans` (in text order) that overlap [start, end)."""
    first = max(0, bisect.bisect_right(spans, start, key=lambda quote: quote.start) - 1)
    last = bisect.bisect_left(spans, end, key=lambda quote: quote.start)
    return [quote for quote in spans[first:last] if quote.end > start]


def speech_kind(start: int, end: int, spans: list[Quote], unquoted: str = "indirect") -> str:
    """How content between two offsets reports its words: "direct" when they all lie inside
    one quotation; "indirect" when the writer's words frame a quoted part (`said a ban "would
    tie our hands"`: not all of it is the speaker's); else `unquoted`."""
    overlapping = quotes_between(spans, start, end)
    if not overlapping:
        return unquoted
    if (
        len(overlapping) == 1
        and overlapping[0].inner_start <= start <= end <= overlapping[0].inner_end
    ):
        return "direct"
    return "indirect"


def inside_quote(position: int, spans: list[Quote]) -> bool:
    """Whether a position lies in one of `spans` (in text order, not overlapping)."""
    index = bisect.bisect_right(spans, position, key=lambda quote: quote.start) - 1
    return index >= 0 and position < spans[index].end
