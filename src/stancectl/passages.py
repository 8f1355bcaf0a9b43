"""Finding the passage of an article closest to a quote that does not match it, without
comparing everything with everything.

`PassageIndex` votes with the runs of words a quote shares with the article, so that the search
is linear in the quote's length, and compares the best few with a word-level diff (`diff`)
that stays near-linear on long texts: common ends are skipped, tokens found once on each side
anchor the rest (patience diff), and only small gaps go to difflib.

Pure functions: no I/O, no terminal.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, compress, count, islice
from operator import ne
from typing import TypeVar

from stancectl.text import TokenList

# --- finding the closest passage without comparing everything with everything ---------------

MAX_ANCHOR_REPEATS = 32
"""A word sequence found more often than this in an article says nothing about where a quote
stands: it is not used as an anchor."""
MAX_CANDIDATES = 4
SLACK_WORDS = 3
"""Words of the article compared beyond a passage's expected ends (plus a tenth of the
quote's length): the diff trims what does not correspond."""
MAX_TRIED_ALIGNMENTS = 16
"""Alignments (the best voted first) tried as the centre of a close passage."""
MAX_VOTING_RUNS = 20_000
"""Runs of words a quote votes with, at most: a longer quote votes with every k-th run."""
MIN_VOTE_SHARE = 0.1
"""Share of a long quote's voting runs a passage must gather to be compared with it."""
MAX_WORD_VOTERS = 64
"""A quote sharing no run of three words with the article may vote with single words only if
it is this short: a longer one cannot be close."""


@dataclass
class Passage:
    start: int
    end: int
    """Offsets of the passage in the folded article."""
    words: tuple[int, int]
    """The article's words it covers, by index."""
    similarity: float
    operations: list[Operation] = field(default_factory=list)
    """The differences: operations other than "equal", with absolute article token indices."""


Operation = tuple[str, int, int, int, int]
"""As difflib's opcodes: (tag, quote token from, to, article token from, to)."""
_Run = tuple[str, str, str]
_Key = TypeVar("_Key")


class PassageIndex:
    """An article's tokens and words, and where a quote's runs of three words (or its words)
    stand in it.

    The closest passage to a quote is found by voting: each run of words the quote shares with
    the article votes for the alignment (article word index minus quote word index) it implies;
    the best band of alignments gives the passage. Linear in the lengths of the quote and the
    article: the article is scanned once per quote for the quote's own runs, by C loops, so
    that nothing is indexed that no quote asks for."""

    def __init__(self, folded: str) -> None:
        self.tokens = TokenList(folded)
        self.word_tokens = list(compress(range(len(self.tokens)), self.tokens.is_word))
        self.word_count = len(self.word_tokens)
        self.keys = list(map(str.casefold, compress(self.tokens.texts, self.tokens.is_word)))

    def run_positions(self, wanted: Iterable[_Run]) -> dict[_Run, list[int]]:
        """Where each of the `wanted` runs of three words stands in the article, in order; a
        run found more than MAX_ANCHOR_REPEATS times is left out."""
        wanted = set(wanted)
        keys = self.keys
        runs = zip(keys, keys[1:], keys[2:], strict=False)
        where: dict[_Run, list[int]] = {}
        for j in compress(count(), map(wanted.__contains__, runs)):
            where.setdefault((keys[j], keys[j + 1], keys[j + 2]), []).append(j)
        return _anchors(where)

    def word_positions(self, wanted: Iterable[str]) -> dict[str, list[int]]:
        """Where each of the `wanted` words stands, as run_positions for runs."""
        wanted = set(wanted)
        keys = self.keys
        where: dict[str, list[int]] = {}
        for j in compress(count(), map(wanted.__contains__, keys)):
            where.setdefault(keys[j], []).append(j)
        return _anchors(where)

    def candidates(self, quote: TokenList) -> list[Passage]:
        """Close passages, best first, none overlapping another."""
        keys = list(map(str.casefold, compress(quote.texts, quote.is_word)))
        m, n = len(keys), self.word_count
        if not m or not n:
            return []
        votes: Counter[int] = Counter()
        voters = 0
        # a long quote votes with a sample of its runs: enough to find where it stands
        stride = max(1, m // MAX_VOTING_RUNS)
        if m >= 3 and n >= 3:
            voting = list(zip(keys[::stride], keys[1::stride], keys[2::stride], strict=False))
            voters = len(voting)
            positions = self.run_positions(voting)
            for i, run in zip(range(0, m, stride), voting, strict=False):
                for j in positions.get(run, ()):
                    votes[j - i] += 1
        if not votes and m <= MAX_WORD_VOTERS:
            voters = 0
            places = self.word_positions(keys)
            for i, key in enumerate(keys):
                for j in places.get(key, ()):
                    votes[j - i] += 1
        if not votes:
            return []
        width = max(2, m // 8)
        diagonals = sorted(votes)
        running = list(accumulate((votes[d] for d in diagonals), initial=0))
        found: list[Passage] = []
        taken: list[tuple[int, int]] = []
        for tried, (diagonal, _) in enumerate(votes.most_common()):
            if len(found) >= MAX_CANDIDATES or tried >= MAX_TRIED_ALIGNMENTS:
                break
            low, high = max(diagonal, 0), min(diagonal + m, n)
            if any(low < end and start < high for start, end in taken):
                continue
            # the band of alignments around this one: a quote with words added or dropped
            # drifts from one alignment to the next
            first = bisect_left(diagonals, diagonal - width)
            last = bisect_right(diagonals, diagonal + width)
            if running[last] - running[first] < MIN_VOTE_SHARE * voters:
                continue  # too few of the quote's runs are here for it to be close
            # with some slack, for words the quote lacks at either end of the band
            slack = SLACK_WORDS + m // 10
            first_word = max(diagonals[first] - slack, 0)
            last_word = min(diagonals[last - 1] + m + slack, n)
            candidate = self._compare(quote, m, first_word, last_word)
            if candidate is None:
                continue
            taken.append(candidate.words)
            found.append(candidate)
        found.sort(key=lambda c: -c.similarity)
        return found

    def _compare(
        self, quote: TokenList, quote_words: int, first_word: int, last_word: int
    ) -> Passage | None:
        """The quote compared with the article's words first_word..last_word, trimmed to the
        stretch where they correspond."""
        if first_word >= last_word:
            return None
        is_word = self.tokens.is_word
        begin = self.word_tokens[first_word]
        end = self.word_tokens[last_word - 1] + 1
        # as much punctuation around the words as the quote has around its own
        leading = next((k for k, word in enumerate(quote.is_word) if word), 0)
        trailing = next((k for k, word in enumerate(reversed(quote.is_word)) if word), 0)
        for _ in range(leading):
            if begin == 0 or is_word[begin - 1]:
                break
            begin -= 1
        for _ in range(trailing):
            if end == len(is_word) or is_word[end]:
                break
            end += 1
        operations = diff(quote.texts, self.tokens.texts[begin:end])
        # the article's words beyond the quote's ends are not part of the passage, whether
        # the diff lists them apart or with the quote's first or last different words
        while operations and operations[0][0] == "insert":
            operations.pop(0)
        while operations and operations[-1][0] == "insert":
            operations.pop()
        if not operations:
            return None
        tag, i1, i2, j1, j2 = operations[0]
        if tag == "replace" and j2 - j1 > i2 - i1:
            operations[0] = (tag, i1, i2, j2 - (i2 - i1), j2)
        tag, i1, i2, j1, j2 = operations[-1]
        if tag == "replace" and j2 - j1 > i2 - i1:
            operations[-1] = (tag, i1, i2, j1, j1 + (i2 - i1))
        matched = sum(
            sum(quote.is_word[i1:i2]) for tag, i1, i2, _, _ in operations if tag == "equal"
        )
        first, last = begin + operations[0][3], begin + operations[-1][4]
        if first >= last:
            return None
        return Passage(
            self.tokens.start(first),
            self.tokens.end(last - 1),
            (bisect_left(self.word_tokens, first), bisect_left(self.word_tokens, last)),
            matched / quote_words,
            [
                (tag, i1, i2, begin + j1, begin + j2)
                for tag, i1, i2, j1, j2 in operations
                if tag != "equal"
            ],
        )


def _anchors(where: dict[_Key, list[int]]) -> dict[_Key, list[int]]:
    """Only the keys found at most MAX_ANCHOR_REPEATS times: one found more often says nothing
    about where a quote stands."""
    return {key: places for key, places in where.items() if len(places) <= MAX_ANCHOR_REPEATS}


# --- a word-level diff that stays near-linear on long texts ------------------------------------

SMALL_DIFF = 40_000
"""Token pairs up to which difflib compares directly; beyond, unique tokens anchor the diff."""
MAX_DIFF_DEPTH = 12


def diff(a: Sequence[str], b: Sequence[str]) -> list[Operation]:
    """Opcodes turning `a` into `b`, as difflib's, adjacent ones of one kind merged."""
    raw: list[Operation] = []
    _diff_into(a, b, 0, len(a), 0, len(b), raw, 0)
    merged: list[Operation] = []
    for tag, i1, i2, j1, j2 in raw:
        if i1 == i2 and j1 == j2:
            continue
        if merged and merged[-1][0] == tag:
            merged[-1] = (tag, merged[-1][1], i2, merged[-1][3], j2)
        elif merged and {merged[-1][0], tag} <= {"insert", "delete", "replace"}:
            merged[-1] = ("replace", merged[-1][1], i2, merged[-1][3], j2)
        else:
            merged.append((tag, i1, i2, j1, j2))
    return merged


def _diff_into(
    a: Sequence[str],
    b: Sequence[str],
    a1: int,
    a2: int,
    b1: int,
    b2: int,
    out: list[Operation],
    depth: int,
) -> None:
    # the common ends, compared by C loops: a long quote often differs from its passage in
    # a few words only
    prefix = _first_difference(islice(a, a1, a2), islice(b, b1, b2), min(a2 - a1, b2 - b1))
    suffix = _first_difference(
        islice(reversed(a), len(a) - a2, len(a) - a1 - prefix),
        islice(reversed(b), len(b) - b2, len(b) - b1 - prefix),
        min(a2 - a1, b2 - b1) - prefix,
    )
    out.append(("equal", a1, a1 + prefix, b1, b1 + prefix))
    i1, i2, j1, j2 = a1 + prefix, a2 - suffix, b1 + prefix, b2 - suffix
    if i1 == i2 or j1 == j2:
        tag = "insert" if i1 == i2 else "delete"
        out.append((tag, i1, i2, j1, j2))
    elif (i2 - i1) * (j2 - j1) <= SMALL_DIFF:
        import difflib

        matcher = difflib.SequenceMatcher(None, a[i1:i2], b[j1:j2], autojunk=False)
        for tag, x1, x2, y1, y2 in matcher.get_opcodes():
            out.append((tag, i1 + x1, i1 + x2, j1 + y1, j1 + y2))
    else:
        anchors = _unique_anchors(a, b, i1, i2, j1, j2) if depth < MAX_DIFF_DEPTH else []
        if not anchors:
            out.append(("replace", i1, i2, j1, j2))
        else:
            x, y = i1, j1
            for p, q in anchors:
                _diff_into(a, b, x, p, y, q, out, depth + 1)
                out.append(("equal", p, p + 1, q, q + 1))
                x, y = p + 1, q + 1
            _diff_into(a, b, x, i2, y, j2, out, depth + 1)
    out.append(("equal", a2 - suffix, a2, b2 - suffix, b2))


def _first_difference(a: Iterable[str], b: Iterable[str], length: int) -> int:
    """How many tokens of `a` and `b` are equal before the first that differ (`length` if
    they are equal as far as the shorter goes)."""
    return next(compress(count(), map(ne, a, b)), length)


def _unique_anchors(
    a: Sequence[str], b: Sequence[str], i1: int, i2: int, j1: int, j2: int
) -> list[tuple[int, int]]:
    """Patience diff's anchors: tokens found exactly once on each side, kept where their order
    agrees (the longest increasing run of positions)."""
    count_a = Counter(a[i1:i2])
    count_b = Counter(b[j1:j2])
    where_b = {b[j]: j for j in range(j1, j2) if count_b[b[j]] == 1}
    pairs = [(i, where_b[a[i]]) for i in range(i1, i2) if count_a[a[i]] == 1 and a[i] in where_b]
    # longest increasing subsequence of the b positions, O(k log k)
    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(pairs)
    for k, (_, q) in enumerate(pairs):
        at = bisect_left(tails, q)
        if at == len(tails):
            tails.append(q)
            tail_index.append(k)
        else:
            tails[at] = q
            tail_index[at] = k
        previous[k] = tail_index[at - 1] if at > 0 else -1
    chain: list[tuple[int, int]] = []
    k = tail_index[-1] if tail_index else -1
    while k >= 0:
        chain.append(pairs[k])
        k = previous[k]
    return chain[::-1]
