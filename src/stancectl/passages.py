"""Finding the passage of an article closest to a quote that does not match it, without
comparing everything with everything.

`PassageIndex` votes with the runs of words a quote shares with the article, so that the search
is linear in the quote's length, and compares the best few with a word-level diff (`diff`)
that stays near-linear on long texts: common ends are skipped, tokens found once on each side
anchor the rest (patience diff), and only small gaps go to difflib.

Pure functions: no I/O, no terminal.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from stancectl.text import Token, tokens

# --- finding the closest passage without comparing everything with everything ---------------

MAX_ANCHOR_REPEATS = 32
"""A word sequence found more often than this in an article says nothing about where a quote
stands: it is not used as an anchor."""
MAX_CANDIDATES = 4
MAX_VOTING_RUNS = 20_000
"""Runs of words a quote votes with, at most: a longer quote votes with every k-th run."""
MAX_WORD_VOTERS = 64
"""A quote sharing no run of three words with the article may vote with single words only if
it is this short: a longer one cannot be close."""


@dataclass
class Passage:
    start: int
    end: int
    """Offsets of the passage in the folded article."""
    similarity: float
    operations: list[Operation] = field(default_factory=list)
    """The differences: operations other than "equal", with absolute article token indices."""


Operation = tuple[str, int, int, int, int]
"""As difflib's opcodes: (tag, quote token from, to, article token from, to)."""


class PassageIndex:
    """An article's tokens, and where each run of three words (and each word) stands.

    The closest passage to a quote is found by voting: each run of words the quote shares with
    the article votes for the alignment (article word index minus quote word index) it implies;
    the best band of alignments gives the passage. Linear in the quote's length."""

    def __init__(self, folded: str) -> None:
        self.tokens = tokens(folded)
        self.word_tokens = [k for k, t in enumerate(self.tokens) if t.is_word]
        self.word_count = len(self.word_tokens)
        keys = [self.tokens[k].text.casefold() for k in self.word_tokens]
        self.words: dict[str, list[int]] = {}
        self.runs: dict[tuple[str, str, str], list[int]] = {}
        for j, key in enumerate(keys):
            self.words.setdefault(key, []).append(j)
        for j in range(len(keys) - 2):
            self.runs.setdefault((keys[j], keys[j + 1], keys[j + 2]), []).append(j)

    def candidates(self, quote_tokens: list[Token]) -> list[Passage]:
        """Close passages, best first, none overlapping another."""
        keys = [t.text.casefold() for t in quote_tokens if t.is_word]
        m, n = len(keys), len(self.word_tokens)
        if not m or not n:
            return []
        votes: Counter[int] = Counter()
        # a long quote votes with a sample of its runs: enough to find where it stands
        stride = max(1, m // MAX_VOTING_RUNS)
        if m >= 3 and n >= 3:
            for i in range(0, m - 2, stride):
                positions = self.runs.get((keys[i], keys[i + 1], keys[i + 2]))
                if positions and len(positions) <= MAX_ANCHOR_REPEATS:
                    for j in positions:
                        votes[j - i] += 1
        if not votes and m <= MAX_WORD_VOTERS:
            for i, key in enumerate(keys):
                positions = self.words.get(key)
                if positions and len(positions) <= MAX_ANCHOR_REPEATS:
                    for j in positions:
                        votes[j - i] += 1
        if not votes:
            return []
        width = max(2, m // 8)
        found: list[Passage] = []
        taken: list[tuple[int, int]] = []
        best_votes = 0
        for diagonal, count in votes.most_common():
            if len(found) >= MAX_CANDIDATES or count * 3 < best_votes:
                break
            low, high = max(diagonal, 0), min(diagonal + m, n)
            if any(low < end and start < high for start, end in taken):
                continue
            band = [d for d in range(diagonal - width, diagonal + width + 1) if d in votes]
            first_word = max(min(band), 0)
            last_word = min(max(band) + m, n)
            candidate = self._compare(quote_tokens, first_word, last_word)
            if candidate is None:
                continue
            best_votes = max(best_votes, count)
            taken.append((first_word, last_word))
            found.append(candidate)
        found.sort(key=lambda c: -c.similarity)
        return found

    def _compare(
        self, quote_tokens: list[Token], first_word: int, last_word: int
    ) -> Passage | None:
        """The quote compared with the article's words first_word..last_word, trimmed to the
        stretch where they correspond."""
        if first_word >= last_word:
            return None
        begin = self.word_tokens[first_word]
        end = self.word_tokens[last_word - 1] + 1
        # as much punctuation around the words as the quote has around its own
        leading = next((k for k, t in enumerate(quote_tokens) if t.is_word), 0)
        trailing = next((k for k, t in enumerate(reversed(quote_tokens)) if t.is_word), 0)
        for _ in range(leading):
            if begin == 0 or self.tokens[begin - 1].is_word:
                break
            begin -= 1
        for _ in range(trailing):
            if end == len(self.tokens) or self.tokens[end].is_word:
                break
            end += 1
        article = [t.text for t in self.tokens[begin:end]]
        quote = [t.text for t in quote_tokens]
        operations = diff(quote, article)
        while operations and operations[0][0] == "insert":
            operations.pop(0)
        while operations and operations[-1][0] == "insert":
            operations.pop()
        if not operations:
            return None
        matched = sum(
            1
            for tag, i1, i2, _, _ in operations
            if tag == "equal"
            for k in range(i1, i2)
            if quote_tokens[k].is_word
        )
        words = sum(1 for t in quote_tokens if t.is_word)
        first, last = begin + operations[0][3], begin + operations[-1][4]
        if first >= last:
            return None
        return Passage(
            self.tokens[first].start,
            self.tokens[last - 1].end,
            matched / words,
            [
                (tag, i1, i2, begin + j1, begin + j2)
                for tag, i1, i2, j1, j2 in operations
                if tag != "equal"
            ],
        )


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
    prefix = 0
    while a1 + prefix < a2 and b1 + prefix < b2 and a[a1 + prefix] == b[b1 + prefix]:
        prefix += 1
    suffix = 0
    while (
        a2 - suffix > a1 + prefix
        and b2 - suffix > b1 + prefix
        and a[a2 - suffix - 1] == b[b2 - suffix - 1]
    ):
        suffix += 1
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
