"""Anchoring quotes in article text, and saying exactly how a quote that does not anchor differs.

A quote is verified at one of three levels:

- **exact**: it occurs in the article as written, on word boundaries;
- **normalised**: it occurs once typography is folded (`stancectl.text.fold`: quote marks,
  apostrophes, dashes, spaces and line breaks, invisible characters, full-width forms);
- **elided**: it uses the journalistic conventions: "...", "…" or "[...]" stand for omitted
  words (each quoted segment must match, in order, inside one paragraph), and "[words]" is the
  curator's own insertion, which is not looked up.

Case is not typography, with one exception: the first letter of a quote and of each quoted
segment, which quoting into another sentence conventionally changes ("nothing can be ruled
out" for "Nothing can be ruled out"). Anything else is an error: **altered** when a close
passage exists (the message names the differences word by word, and whether a negation,
number, date or name changed), **missing** otherwise.

Pure functions: no I/O, no terminal.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from stancectl.elision import (
    Occurrence,
    PartKind,
    QuotePart,
    Segment,
    case_variants,
    first_segment_occurrence,
    gap_allowed,
    occurrences,
    quote_parts,
    quoted_segments,
    segment_occurrences,
)
from stancectl.passages import PassageIndex
from stancectl.text import (
    TYPOGRAPHY,
    FoldedText,
    TokenList,
    count_words,
    cuts_word,
    fold,
    normalise_article_text,
    paragraphs,
    search_key,
    tokens,
)
from stancectl.wording import (
    SHOWN_WORDS,
    Change,
    Difference,
    clip_words,
    cut_difference,
    difference_at,
)

SHORT_QUOTE_WORDS = 2
"""A quote of this many words or fewer proves little."""
CLOSE_SIMILARITY = 0.5
"""Share of a quote's words found, in order, in a passage from which it counts as close."""
RIVAL_MARGIN = 0.15
"""A second close passage counts as a rival (so that no repair is offered) when its share of
the quote's words is within this of the best one's."""
ELIDED_SEARCH_STEPS = 20_000
"""Occurrences an elided quote's search may try (plus a few per segment) before giving up."""
MESSAGE_DIFFERENCES = 3
"""Differences spelled out in a message; the rest are counted."""


class MatchLevel(StrEnum):
    EXACT = "exact"
    NORMALISED = "normalised"
    ELIDED = "elided"
    ALTERED = "altered"
    MISSING = "missing"

    @property
    def verified(self) -> bool:
        return self in _VERIFIED


_VERIFIED = frozenset({MatchLevel.EXACT, MatchLevel.NORMALISED, MatchLevel.ELIDED})


@dataclass(frozen=True)
class QuoteMatch:
    level: MatchLevel
    spans: tuple[tuple[int, int], ...] = ()
    """Offsets in the article text: of the matched words (one span per quoted segment of an
    elided quote), or of the closest passage of an altered quote. Empty when missing."""
    differences: tuple[Difference, ...] = ()
    similarity: float = 100.0
    """Share (in %) of the quote's words found in order: 100 when verified."""
    close_passages: int = 0
    """For an altered quote: how many different passages are about as close as the closest
    (itself included; see RIVAL_MARGIN). A repair needs exactly one."""
    parts: tuple[QuotePart, ...] = ()
    """For an elided quote, its parts as written."""
    more_differences: int = 0
    """Differences beyond those listed."""
    changes: frozenset[Change] = frozenset()
    """What all the differences touch, listed or not."""
    spelling_only: bool = False
    """Whether every difference, listed or not, is a misspelt word or punctuation."""

    @property
    def verified(self) -> bool:
        return self.level.verified

    @property
    def start(self) -> int | None:
        return self.spans[0][0] if self.spans else None

    @property
    def end(self) -> int | None:
        return self.spans[-1][1] if self.spans else None

    def passage(self, text: str) -> str:
        """The article text from the first matched word to the last."""
        if not self.spans:
            return ""
        return text[self.spans[0][0] : self.spans[-1][1]]

    def describe(self, article: str, text: str) -> str:
        """The message for a quote that is not verified in `article`, whose text is `text`."""
        if self.level is MatchLevel.MISSING:
            return f"quote not found in article '{article}': no passage of it is close"
        listed = "; ".join(d.describe() for d in self.differences) or "the punctuation differs"
        if self.more_differences:
            listed += f"; and {self.more_differences} more difference(s)"
        passage = clip_words(" ".join(self.passage(text).split()), SHOWN_WORDS * 3)
        return f"quote differs from article '{article}': {listed}; closest passage: '{passage}'"


# --- the matcher ----------------------------------------------------------------------------


class ArticleMatcher:
    """Matches any number of quotes against one article, preparing the article at most once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: FoldedText | None = None
        self._paragraphs: list[tuple[int, int]] | None = None
        self._index: PassageIndex | None = None

    @property
    def folded(self) -> FoldedText:
        if self._folded is None:
            self._folded = FoldedText(self.text)
        return self._folded

    @property
    def index(self) -> PassageIndex:
        if self._index is None:
            self._index = PassageIndex(self.folded.text)
        return self._index

    def match(self, quote: str) -> QuoteMatch:
        stripped = quote.strip()
        for found in occurrences(self.text, stripped) if stripped else ():
            return QuoteMatch(MatchLevel.EXACT, ((found.start, found.end),))
        normal = normalise_article_text(stripped)
        folded_quote = fold(normal)
        if not folded_quote:
            return QuoteMatch(MatchLevel.MISSING, similarity=0.0)
        for variant in case_variants(folded_quote):
            for found in occurrences(self.folded.text, variant):
                span = self.folded.span_in_original(found.start, found.end)
                return QuoteMatch(MatchLevel.NORMALISED, (span,))
        parts = quote_parts(normal)
        if any(part.kind is not PartKind.QUOTED for part in parts):
            segments = quoted_segments(parts)
            spans = self._place(segments)
            if spans is not None:
                return QuoteMatch(MatchLevel.ELIDED, spans, parts=parts)
            misplaced = self._misplaced_segment(segments)
            if misplaced is not None:
                return misplaced
            # compare what the quoted parts say, without the markers
            normal = " ".join(p.text.strip() for p in parts if p.kind is PartKind.QUOTED)
            folded_quote = fold(normal)
            if not folded_quote:  # only markers ("...", "[Macron]"): nothing of it is quoted
                return QuoteMatch(MatchLevel.MISSING, similarity=0.0)
        return self._cut_word(folded_quote) or self._closest(normal, folded_quote)

    def _misplaced_segment(self, segments: Sequence[Segment]) -> QuoteMatch | None:
        """For an elided quote whose segments are each in the article but not in order inside
        one paragraph: altered, naming the first segment that does not follow."""
        # the longest first segments that do follow each other (a binary search: checking each
        # count in turn would be quadratic in a quote with thousands of segments)
        low, high = 0, len(segments)  # segments[:low] are placed, segments[:high] are not
        while high - low > 1:
            middle = (low + high) // 2
            if self._place(segments[:middle]) is None:
                high = middle
            else:
                low = middle
        if low == 0:
            return None
        misplaced = segments[low]
        alone = self._place([replace(misplaced, gap_before="start")])
        placed = self._place(segments[:low])
        if alone is None or placed is None:
            return None
        note = (
            "is in the article, but not after the words before it in the same paragraph "
            "(an elision joins words of one paragraph, in order)"
        )
        return QuoteMatch(
            MatchLevel.ALTERED,
            (*placed, *alone),
            (Difference(misplaced.text, "", note=note),),
            similarity=round(100 * low / len(segments), 1),
        )

    def locate(self, quote: str) -> QuoteMatch:
        """The same as match(): every match carries its position."""
        return self.match(quote)

    # --- elided quotes ---

    def _folded_paragraphs(self) -> list[tuple[int, int]]:
        if self._paragraphs is None:
            folded = self.folded
            self._paragraphs = [
                (folded.folded_position(start), folded.folded_position(end))
                for start, end in paragraphs(self.text)
            ]
        return self._paragraphs

    def _place(self, segments: Sequence[Segment]) -> tuple[tuple[int, int], ...] | None:
        """Each segment found in order inside one paragraph, or None. A depth-first search
        (iterative: a quote may have thousands of segments) over the occurrences of each
        segment, remembering dead ends, within a budget so that no quote can make it hang."""
        if not segments:
            return None
        haystack = self.folded.text
        budget = _Budget(ELIDED_SEARCH_STEPS + 4 * len(segments))
        dead_ends: set[tuple[int, int]] = set()
        absent_from: dict[int, int] = {}
        """Segment index -> a position after which it does not occur in this paragraph: a
        search that found nothing is never repeated from further on."""

        def candidates_of(index: int, after: int, limit: int) -> Iterator[Occurrence]:
            if after >= absent_from.get(index, limit + 1):
                return
            segment = segments[index]
            found_any = False
            for found in segment_occurrences(haystack, segment, after, limit):
                found_any = True
                yield found
            if not found_any:
                absent_from[index] = min(after, absent_from.get(index, after))

        for paragraph_start, paragraph_end in self._folded_paragraphs():
            # the search's first descent, without its machinery: most elided quotes are
            # placed by it; when it fails, the search starts again as if it had not run
            spent = budget.left
            chosen = self._first_descent(segments, paragraph_start, paragraph_end, budget)
            if budget.exhausted:
                return None
            if chosen is not None:
                return tuple(self.folded.span_in_original(o.start, o.end) for o in chosen)
            budget.left = spent
            absent_from.clear()
            chosen = []
            stack = [(0, paragraph_start, candidates_of(0, paragraph_start, paragraph_end))]
            while stack:
                index, after, candidates = stack[-1]
                segment = segments[index]
                advanced = False
                for found in candidates:
                    if not budget.spend():
                        return None
                    if segment.gap_before not in ("elision", "start") and not gap_allowed(
                        haystack[after : found.start], segment.gap_before
                    ):
                        break  # later occurrences only widen the gap
                    if index + 1 == len(segments):
                        chosen[index:] = [found]
                        return tuple(self.folded.span_in_original(o.start, o.end) for o in chosen)
                    if (index + 1, found.end) in dead_ends:
                        continue
                    chosen[index:] = [found]
                    stack.append(
                        (index + 1, found.end, candidates_of(index + 1, found.end, paragraph_end))
                    )
                    advanced = True
                    break
                if not advanced:
                    dead_ends.add((index, after))
                    stack.pop()
        return None

    def _first_descent(
        self, segments: Sequence[Segment], start: int, end: int, budget: _Budget
    ) -> list[Occurrence] | None:
        """What `_place`'s search tries first in a paragraph: each segment at its earliest
        occurrence after the one before. The placement, or None where the search would have
        to go back."""
        haystack = self.folded.text
        chosen: list[Occurrence] = []
        after = start
        for segment in segments:
            found = first_segment_occurrence(haystack, segment, after, end)
            if found is None or not budget.spend():
                return None
            if segment.gap_before not in ("elision", "start") and not gap_allowed(
                haystack[after : found.start], segment.gap_before
            ):
                return None
            chosen.append(found)
            after = found.end
        return chosen

    # --- a quote cut inside a word ---

    def _cut_word(self, folded_quote: str) -> QuoteMatch | None:
        """A quote found only with an end inside a word: altered, naming the whole word."""
        haystack = self.folded.text
        for variant in case_variants(folded_quote):
            at = haystack.find(variant)
            if at < 0:
                continue
            start, end = at, at + len(variant)
            differences = []
            if cuts_word(haystack, start):
                whole_start = start
                while whole_start > 0 and cuts_word(haystack, whole_start):
                    whole_start -= 1
                first = tokens(variant)[0].text
                word = tokens(haystack[whole_start:end])[0].text
                differences.append(cut_difference(first, word))
                start = whole_start
            if cuts_word(haystack, end):
                whole_end = end
                while whole_end < len(haystack) and cuts_word(haystack, whole_end):
                    whole_end += 1
                last = tokens(variant)[-1].text
                word = tokens(haystack[start:whole_end])[-1].text
                differences.append(cut_difference(last, word))
                end = whole_end
            return QuoteMatch(
                MatchLevel.ALTERED,
                (self.folded.span_in_original(start, end),),
                tuple(differences),
                similarity=round(100 * len(variant) / (end - start), 1),
                close_passages=1,
                changes=frozenset(c for d in differences for c in d.changes),
            )
        return None

    # --- the closest passage ---

    def _closest(self, normal_quote: str, folded_quote: str) -> QuoteMatch:
        # an article with fewer words than half the quote's cannot hold a close passage: a
        # quote much longer than the article is counted before anything else is done with it
        if len(folded_quote) > 2 * len(self.folded.text) and (
            self.index.word_count < CLOSE_SIMILARITY * count_words(folded_quote)
        ):
            return QuoteMatch(MatchLevel.MISSING, similarity=0.0)
        quote_tokens = TokenList(folded_quote)
        if self.index.word_count < CLOSE_SIMILARITY * sum(quote_tokens.is_word):
            return QuoteMatch(MatchLevel.MISSING, similarity=0.0)
        found = self.index.candidates(quote_tokens)
        if not found or found[0].similarity < CLOSE_SIMILARITY:
            similarity = round(100 * found[0].similarity, 1) if found else 0.0
            return QuoteMatch(MatchLevel.MISSING, similarity=similarity)
        best = found[0]
        # another passage makes the choice unclear only if it is nearly as close as the best
        bar = max(CLOSE_SIMILARITY, best.similarity - RIVAL_MARGIN)
        close = {self.folded.text[c.start : c.end] for c in found if c.similarity >= bar}
        quote_folded = FoldedText(normal_quote)
        differences = [
            d
            for d in (
                difference_at(op, quote_tokens, self.index.tokens, quote_folded, self.folded)
                for op in best.operations
            )
            if d is not None
        ]
        return QuoteMatch(
            MatchLevel.ALTERED,
            (self.folded.span_in_original(best.start, best.end),),
            tuple(differences[:MESSAGE_DIFFERENCES]),
            similarity=round(100 * best.similarity, 1),
            close_passages=len(close),
            more_differences=max(len(differences) - MESSAGE_DIFFERENCES, 0),
            changes=frozenset(c for d in differences for c in d.changes),
            spelling_only=all(d.spelling_only for d in differences),
        )


class _Budget:
    """A bound on the work of one search, so that no quote can make a check hang."""

    def __init__(self, steps: int) -> None:
        self.left = steps

    def spend(self) -> bool:
        self.left -= 1
        return self.left > 0

    @property
    def exhausted(self) -> bool:
        return self.left <= 0


def match_quote(quote: str, text: str) -> QuoteMatch:
    """How `quote` stands in an article whose (normalised) text is `text`."""
    return ArticleMatcher(text).match(quote)


# --- repairing a typo ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Repair:
    replacement: str | None
    """The article's passage, verbatim, to put in place of the quote; None when not repairable."""
    reason: str


def repair(quote: str, text: str, matcher: ArticleMatcher | None = None) -> Repair:
    """What `check --fix` may put in place of `quote`: the article's passage verbatim, when
    exactly one close passage exists, every difference is a misspelt word or punctuation (no
    word added, dropped or replaced by another), and none touches a negation, number, date or
    name (nor a lookalike letter, a compatibility character, a cut word); else None and why."""
    found = (matcher or ArticleMatcher(text)).match(quote)
    if found.verified:
        return Repair(None, f"the quote is verified ({found.level.value})")
    if found.level is MatchLevel.MISSING:
        return Repair(None, "no passage of the article is close to the quote")
    if any(part.kind is not PartKind.QUOTED for part in quote_parts(quote)):
        return Repair(None, "a quote with elisions or insertions is left to the curator")
    if found.close_passages != 1:
        return Repair(
            None, f"{found.close_passages} different close passages: the right one is unclear"
        )
    blocking = sorted({c for c in found.changes if c.blocks_repair}, key=list(Change).index)
    if blocking:
        named = ", ".join(c.phrase for c in blocking)
        return Repair(None, f"the difference is {named}: only the curator can decide")
    if not found.spelling_only:
        return Repair(None, "words differ, not only their spelling: only the curator can decide")
    return Repair(found.passage(text), "replaced by the article's passage")


# --- kept for names and search words (never for quotes) ------------------------------------------


normalise = search_key
"""Kept under its old name for names and search words (`stancectl.text.search_key`)."""


def is_short(quote: str) -> bool:
    # folding typography never changes how many words there are: plain split() suffices
    return len(quote.split()) <= SHORT_QUOTE_WORDS


__all__ = [
    "TYPOGRAPHY",
    "ArticleMatcher",
    "Change",
    "Difference",
    "MatchLevel",
    "PartKind",
    "QuoteMatch",
    "QuotePart",
    "Repair",
    "is_short",
    "match_quote",
    "normalise",
    "quote_parts",
    "repair",
]
