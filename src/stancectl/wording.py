"""How a quote differs from the closest passage of its article, in words a curator can act on.

Finding the passage: `PassageIndex` votes with the runs of words a quote shares with the article,
so that the search is linear in the quote's length, and compares the best few with a word-level
diff that stays near-linear on long texts. Describing it: each `Difference` shows whole words of
each side and names what it touches (a negation, number, date, name, a letter from another
script, a compatibility character, a word cut in two).

Pure functions: no I/O, no terminal.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from stancectl.passages import Operation
from stancectl.text import FoldedText, TokenList

SHOWN_WORDS = 12
"""Words shown of one side of a difference, or (times three) of a closest passage."""


# --- what a difference touches ------------------------------------------------------------------


class Change(StrEnum):
    NEGATION = "negation"
    NUMBER = "number"
    DATE = "date"
    NAME = "name"
    LOOKALIKE = "letter from another script"
    COMPATIBILITY = "compatibility character"
    CUT_WORD = "cut inside a word"

    @property
    def blocks_repair(self) -> bool:
        return self in _MEANINGFUL

    @property
    def phrase(self) -> str:
        return _PHRASES[self]


_MEANINGFUL = frozenset(Change)
"""Every kind of change named here may alter what the quote says: none is repaired."""
_PHRASES = {
    Change.NEGATION: "a changed negation",
    Change.NUMBER: "a changed number",
    Change.DATE: "a changed date",
    Change.NAME: "a changed name",
    Change.LOOKALIKE: "a letter from another script",
    Change.COMPATIBILITY: "a compatibility character",
    Change.CUT_WORD: "cut inside a word",
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


NEGATIONS = _words(
    # English
    "not no never none nobody nothing neither nor nowhere without cannot ain't "
    # French, Spanish, Italian, Portuguese
    "ne n' pas jamais rien aucun aucune sans non nunca nada nadie ni sin mai niente nessuno "
    "senza não nem "
    # German, Dutch
    "nicht kein keine keinen keinem keiner keines nie niemals nichts niemand ohne weder geen "
    "niet nooit "
    # Polish, Czech, Ukrainian, Russian
    "nie ani żaden żadna żadne nigdy bez ne nikdy не ні ни нет немає ніколи никогда ничего "
    "нічого без"
)
NEGATING_PREFIXES = ("non-", "non", "un", "in", "im", "il", "ir", "dis")
NUMBER_WORDS = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred hundreds thousand thousands million millions billion billions "
    "trillion trillions dozen dozens half quarter first second third fourth fifth sixth "
    "seventh eighth ninth tenth once twice thrice single double triple percent"
)
DATE_WORDS = _words(
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday "
    "Friday Saturday Sunday yesterday today tomorrow tonight morning afternoon evening night "
    "weekend week weeks month months year years decade decades century"
)


def _lower(word: str) -> str:
    return word.casefold()


def _is_negation(word: str) -> bool:
    lowered = _lower(word)
    return lowered in NEGATIONS or lowered.endswith("n't") or lowered.startswith("n'")


def _has_digit(word: str) -> bool:
    return any(c.isdigit() or c.isnumeric() for c in word)


def _is_date(word: str) -> bool:
    """A month or weekday (capitalised), a word for a day or period, or a year."""
    if word in DATE_WORDS or _lower(word) in DATE_WORDS:
        return True
    return word.isdigit() and len(word) == 4 and word[0] in "12"


def negated_forms(first: str, second: str) -> bool:
    """Whether one word is the other with a negating prefix: "unthinkable", "thinkable"."""
    a, b = _lower(first), _lower(second)
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long == prefix + short for prefix in NEGATING_PREFIXES)


def _script(char: str) -> str:
    return unicodedata.name(char, "UNKNOWN").split(" ")[0]


# --- a difference -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Difference:
    """One place where a quote and the closest passage differ, as whole words of each."""

    quote: str
    """The quote's words there (with a neighbouring word when the quote lacks words)."""
    article: str
    """The article's words there."""
    changes: tuple[Change, ...] = ()
    details: tuple[str, ...] = ()
    """What the changes are, character by character, where that is not visible."""
    spelling_only: bool = False
    """Each word differs from its counterpart by a few letters, or only punctuation differs:
    what a typo does, as opposed to a changed, added or dropped word."""
    note: str = ""
    """Said of the quote's words instead of comparing them with the article's."""

    def describe(self) -> str:
        if self.note:
            text = f"'{self.quote}' {self.note}"
        elif self.quote and self.article:
            text = f"'{self.quote}' where the article has '{self.article}'"
        elif self.quote:
            text = f"'{self.quote}' is not in the article"
        else:
            text = f"the article has '{self.article}' here"
        named = [change.phrase for change in self.changes] + list(self.details)
        return f"{text} ({'; '.join(named)})" if named else text


def clip_words(text: str, limit: int) -> str:
    """`text` cut to about `limit` whole words, its beginning and end kept."""
    words = text.split(" ")
    if len(words) <= limit:
        return text
    head = limit * 2 // 3
    return " ".join(words[:head]) + " \u2026 " + " ".join(words[len(words) - (limit - head) :])


def cut_difference(quoted: str, whole: str) -> Difference:
    changes = [Change.CUT_WORD]
    if negated_forms(quoted, whole):
        changes.append(Change.NEGATION)
    if _has_digit(whole):
        changes.append(Change.NUMBER)
    return Difference(quoted, whole, tuple(changes))


# --- describing one difference ------------------------------------------------------------------


def difference_at(
    operation: Operation,
    quote_tokens: TokenList,
    article_tokens: TokenList,
    quote: FoldedText,
    article: FoldedText,
) -> Difference | None:
    _, i1, i2, j1, j2 = operation
    said = _words_in(quote_tokens, i1, i2)
    written = _words_in(article_tokens, j1, j2)
    if (
        i1 == _first_word(quote_tokens)
        and len(said) == len(written) == 1
        and i2 - i1 == j2 - j1 == 1
        and said[0][1:] == written[0][1:]
        and said[0][:1].casefold() == written[0][:1].casefold()
    ):
        return None  # the first letter's case: quoting convention, not a difference
    changes = _changes(quote_tokens, i1, i2, article_tokens, j1, j2)
    details: list[str] = []
    for change, detail in _character_details(said, written):
        details.append(detail)
        if change not in changes:
            changes.append(change)
    if not said or not written:  # words added or dropped: show the words around on both sides
        if i1 > 0 and j1 > 0:
            i1, j1 = _widen_left(quote_tokens, i1), _widen_left(article_tokens, j1)
        if i2 < len(quote_tokens) and j2 < len(article_tokens):
            i2, j2 = _widen_right(quote_tokens, i2), _widen_right(article_tokens, j2)
    return Difference(
        _words_of(quote, quote_tokens, i1, i2),
        _words_of(article, article_tokens, j1, j2),
        tuple(changes),
        tuple(details),
        spelling_only=_spelling_only(said, written),
    )


TYPO_WORDS = 3
"""A typo touches a word or two: a difference of more words is a different wording."""
PAIRED_WORDS = 8
"""Differences up to this many words a side are compared word with word."""


def _words_in(found: TokenList, first: int, last: int) -> list[str]:
    texts, words = found.texts[first:last], found.is_word[first:last]
    return [t for t, word in zip(texts, words, strict=True) if word]


def _spelling_only(said: list[str], written: list[str]) -> bool:
    """Whether each word differs from its counterpart as a typo does: a letter added, dropped,
    changed or two swapped (two such slips in a word of eight letters or more). In a word of
    three letters or fewer only a swap is a typo: any other slip there makes another word
    ("in" and "on", "now" and "not")."""
    if len(said) != len(written) or len(said) > TYPO_WORDS:
        return False
    return all(
        _typo(mine.casefold(), theirs.casefold())
        for mine, theirs in zip(said, written, strict=True)
    )


def _typo(mine: str, theirs: str) -> bool:
    if len(theirs) <= 3:
        return sorted(mine) == sorted(theirs) and _slips(mine, theirs) <= 1
    return _slips(mine, theirs) <= (2 if len(theirs) >= 8 else 1)


def _slips(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) turning `a` into `b`: the
    optimal string alignment distance, for short words."""
    if abs(len(a) - len(b)) > 2 or max(len(a), len(b)) > 40:
        return 3
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def _first_word(found: TokenList) -> int:
    return next((k for k, word in enumerate(found.is_word) if word), -1)


def _widen_left(found: TokenList, at: int) -> int:
    """The index of the nearest word before `at` (within three tokens)."""
    for k in range(at - 1, max(at - 4, -1), -1):
        if found.is_word[k]:
            return k
    return at - 1


def _widen_right(found: TokenList, at: int) -> int:
    for k in range(at, min(at + 3, len(found))):
        if found.is_word[k]:
            return k + 1
    return at + 1


def _words_of(folded: FoldedText, found: TokenList, first: int, last: int) -> str:
    """The original text of tokens first..last, whitespace made single spaces, long runs cut
    to their first and last words."""
    if first >= last:
        return ""
    start, end = folded.span_in_original(found.start(first), found.end(last - 1))
    return clip_words(" ".join(folded.original[start:end].split()), SHOWN_WORDS)


def _sentence_initial(found: TokenList, at: int) -> bool:
    for k in range(at - 1, -1, -1):
        text = found.texts[k]
        if text in "\"'([":
            continue
        return text in ".!?:"
    return True


def _names(found: TokenList, first: int, last: int) -> Counter[str]:
    """The words of tokens first..last that look like names: capitalised where a sentence does
    not begin, or all capitals (NATO, US). Months and weekdays are dates, not names."""
    names: Counter[str] = Counter()
    for k in range(first, last):
        word = found.texts[k]
        if not found.is_word[k] or _is_date(word):
            continue
        if (len(word) > 1 and word.isupper()) or (
            word[:1].isupper() and not _sentence_initial(found, k)
        ):
            names[word] += 1
    return names


def _changes(
    quote: TokenList, i1: int, i2: int, article: TokenList, j1: int, j2: int
) -> list[Change]:
    """What the words quote[i1:i2], where the article has article[j1:j2], change."""
    said, written = _words_in(quote, i1, i2), _words_in(article, j1, j2)
    found: list[Change] = []

    def differs(kind: Callable[[str], bool]) -> bool:
        return Counter(w.casefold() for w in said if kind(w)) != Counter(
            w.casefold() for w in written if kind(w)
        )

    paired = len(said) <= PAIRED_WORDS and len(written) <= PAIRED_WORDS
    if differs(_is_negation) or (
        paired and any(negated_forms(x, y) for x in said for y in written)
    ):
        found.append(Change.NEGATION)
    numbers_changed = differs(lambda w: _has_digit(w) or w.casefold() in NUMBER_WORDS)
    around = [article.texts[k] for k in (j1 - 1, j1 - 2, j2, j2 + 1) if 0 <= k < len(article)]
    if differs(_is_date) or (numbers_changed and any(_is_date(w) for w in around)):
        found.append(Change.DATE)
    if numbers_changed:
        found.append(Change.NUMBER)
    if _names(quote, i1, i2) != _names(article, j1, j2):
        found.append(Change.NAME)
    return found


def _character_details(said: list[str], written: list[str]) -> list[tuple[Change, str]]:
    """Characters that look alike but are not: another script's letter, a compatibility form."""
    details: list[tuple[Change, str]] = []
    for mine, theirs in zip(said[:PAIRED_WORDS], written[:PAIRED_WORDS], strict=False):
        if len(mine) == len(theirs):
            for x, y in zip(mine, theirs, strict=True):
                if x != y and x.isalpha() and y.isalpha() and _script(x) != _script(y):
                    details.append(
                        (
                            Change.LOOKALIKE,
                            f"{_script(x).title()} '{x}' (U+{ord(x):04X}) where the article "
                            f"has {_script(y).title()} '{y}'",
                        )
                    )
        for char in dict.fromkeys(mine):
            if char not in theirs and unicodedata.normalize("NFKC", char) != char:
                name = unicodedata.name(char, "").lower()
                details.append((Change.COMPATIBILITY, f"'{char}' is {name} (U+{ord(char):04X})"))
    return details
