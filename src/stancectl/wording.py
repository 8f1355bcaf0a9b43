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
from stancectl.text import FoldedText, Token

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
    quote_tokens: list[Token],
    article_tokens: list[Token],
    quote: FoldedText,
    article: FoldedText,
) -> Difference | None:
    _, i1, i2, j1, j2 = operation
    said = [t.text for t in quote_tokens[i1:i2] if t.is_word]
    written = [t.text for t in article_tokens[j1:j2] if t.is_word]
    if (
        i1 == _first_word(quote_tokens)
        and len(said) == len(written) == 1
        and i2 - i1 == j2 - j1 == 1
        and said[0][1:] == written[0][1:]
        and said[0][:1].casefold() == written[0][:1].casefold()
    ):
        return None  # the first letter's case: quoting convention, not a difference
    changes = _changes(said, written, quote_tokens, i1, article_tokens, j1, j2)
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


TYPO_SIMILARITY = 0.75
"""How alike (difflib's ratio) two spellings of one word must be to count as a typo."""


def _spelling_only(said: list[str], written: list[str]) -> bool:
    import difflib

    if len(said) != len(written):
        return False
    return all(
        difflib.SequenceMatcher(None, mine.casefold(), theirs.casefold()).ratio() >= TYPO_SIMILARITY
        for mine, theirs in zip(said, written, strict=True)
    )


def _first_word(found: list[Token]) -> int:
    return next((k for k, t in enumerate(found) if t.is_word), -1)


def _widen_left(found: list[Token], at: int) -> int:
    """The index of the nearest word before `at` (within three tokens)."""
    for k in range(at - 1, max(at - 4, -1), -1):
        if found[k].is_word:
            return k
    return at - 1


def _widen_right(found: list[Token], at: int) -> int:
    for k in range(at, min(at + 3, len(found))):
        if found[k].is_word:
            return k + 1
    return at + 1


def _words_of(folded: FoldedText, found: list[Token], first: int, last: int) -> str:
    """The original text of tokens first..last, whitespace made single spaces, long runs cut
    to their first and last words."""
    if first >= last:
        return ""
    start, end = folded.span_in_original(found[first].start, found[last - 1].end)
    return clip_words(" ".join(folded.original[start:end].split()), SHOWN_WORDS)


def _sentence_initial(found: list[Token], at: int) -> bool:
    for k in range(at - 1, -1, -1):
        text = found[k].text
        if text in "\"'([":
            continue
        return text in ".!?:"
    return True


def _name_like(found: list[Token], at: int) -> bool:
    word = found[at].text
    if _is_date(word):
        return False  # a month or weekday is named as a date
    if len(word) > 1 and word.isupper():
        return True  # NATO, US
    return word[:1].isupper() and not _sentence_initial(found, at)


def _changes(
    said: list[str],
    written: list[str],
    quote_tokens: list[Token],
    i1: int,
    article_tokens: list[Token],
    j1: int,
    j2: int,
) -> list[Change]:
    found: list[Change] = []

    def differs(kind: Callable[[str], bool]) -> bool:
        return Counter(w.casefold() for w in said if kind(w)) != Counter(
            w.casefold() for w in written if kind(w)
        )

    if differs(_is_negation) or any(negated_forms(x, y) for x in said for y in written):
        found.append(Change.NEGATION)
    numbers_changed = differs(lambda w: _has_digit(w) or w.casefold() in NUMBER_WORDS)
    around = [
        article_tokens[k].text for k in (j1 - 1, j1 - 2, j2, j2 + 1) if 0 <= k < len(article_tokens)
    ]
    if differs(_is_date) or (numbers_changed and any(_is_date(w) for w in around)):
        found.append(Change.DATE)
    if numbers_changed:
        found.append(Change.NUMBER)
    names_said = Counter(
        quote_tokens[k].text
        for k in range(i1, i1 + _span_length(quote_tokens, i1, said))
        if quote_tokens[k].is_word and _name_like(quote_tokens, k)
    )
    names_written = Counter(
        article_tokens[k].text
        for k in range(j1, j2)
        if article_tokens[k].is_word and _name_like(article_tokens, k)
    )
    if names_said != names_written:
        found.append(Change.NAME)
    return found


def _span_length(found: list[Token], start: int, words: list[str]) -> int:
    """How many tokens from `start` hold the given words."""
    seen, k = 0, start
    while seen < len(words) and k < len(found):
        if found[k].is_word:
            seen += 1
        k += 1
    return k - start


def _character_details(said: list[str], written: list[str]) -> list[tuple[Change, str]]:
    """Characters that look alike but are not: another script's letter, a compatibility form."""
    details: list[tuple[Change, str]] = []
    for mine, theirs in zip(said, written, strict=False):
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
