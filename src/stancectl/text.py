"""Text as stancectl reads it: the normal form of an article, and the typography fold that
quotes are compared in.

Two layers, deliberately separate:

- `normalise_article_text` is applied once to every article as it is read (and to every article
  stored by `add-article`). It removes what no reader can see and unifies line endings, and
  changes nothing a reader can: every offset stancectl reports refers to this text.
- `fold` is the comparison form. It also folds typographic variants (quote marks, apostrophes,
  dashes, spacing, full-width forms) that a curator may type differently from the article.
  It never changes a letter or a digit, and never changes case.

Pure functions: no I/O, no terminal.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate
from operator import methodcaller, not_

# --- the characters involved -----------------------------------------------------------------

INVISIBLE_CHARACTERS = frozenset(
    "\u00ad"  # soft hyphen
    "\u061c"  # Arabic letter mark
    "\u180e"  # Mongolian vowel separator (a space in old Unicode, invisible now)
    "\u200b\u200c\u200d"  # zero-width space, non-joiner, joiner
    "\u200e\u200f"  # left-to-right and right-to-left marks
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner and the invisible operators
    "\u2066\u2067\u2068\u2069"  # bidi isolates
    "\ufeff"  # byte-order mark / zero-width no-break space
)
"""Characters that occupy no space on the page: removed from articles and quotes alike."""

SPACE_CHARACTERS = frozenset(
    "\u00a0"  # no-break space
    "\u1680"  # Ogham space mark
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"  # en/em/thin/hair ...
    "\u202f"  # narrow no-break space
    "\u205f"  # medium mathematical space
    "\u3000"  # ideographic space
)
"""Horizontal spaces other than the plain space: made plain spaces in articles."""

_LINE_BREAKS = {
    "\r\n": "\n",
    "\r": "\n",
    "\x0b": "\n",  # vertical tab
    "\x0c": "\n",  # form feed
    "\x85": "\n",  # next line (NEL)
    "\u2028": "\n",  # line separator
    "\u2029": "\n\n",  # paragraph separator
}
_LINE_BREAK = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_LINE_BREAK_CHARACTERS = "".join(sorted(set("".join(_LINE_BREAKS)) - {"\n"}))
"""Each looked for with `in` first: most articles hold none, and six such searches cost a
thirtieth of one pass of the regular expression."""

DOUBLE_QUOTES = frozenset('"\u201c\u201d\u201e\u201f\u00ab\u00bb\u301d\u301e\u301f\uff02')
"""Double quotation marks and guillemets, all folded to '"'."""
SINGLE_GUILLEMETS = frozenset("\u2039\u203a")
APOSTROPHES = frozenset("'\u2018\u2019\u201a\u201b\u02bc\u2032\u0060\u00b4\uff07")
"""Single quotation marks and apostrophes (including U+02BC and the prime), folded to "'"."""
DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")
"""Hyphens, dashes and the minus sign, folded to '-'."""

SPACE_EATERS = DOUBLE_QUOTES | SINGLE_GUILLEMETS
"""Marks whose surrounding spacing is typography: « mot » and «mot», „Wort“ and „ Wort “."""


def _typography_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII forms: U+FF12 U+FF15 is "25"
        table[code] = chr(code - 0xFEE0)
    table.update(dict.fromkeys(map(ord, DOUBLE_QUOTES), '"'))
    table.update(dict.fromkeys(map(ord, SINGLE_GUILLEMETS | APOSTROPHES), "'"))
    table.update(dict.fromkeys(map(ord, DASHES), "-"))
    table[ord("\u2033")] = '"'  # double prime, typed for inches and seconds
    table[ord("\u2026")] = "..."
    table.update(dict.fromkeys(map(ord, INVISIBLE_CHARACTERS), None))
    return table


TYPOGRAPHY: dict[int, str | None] = _typography_table()
"""Code point -> its folded form (None: removed), for `str.translate`. Whitespace is not in
here: `fold` turns every run of it into one space."""

_INVISIBLE_TABLE = dict.fromkeys(map(ord, INVISIBLE_CHARACTERS))
_ARTICLE_TABLE: dict[int, str | None] = {
    **_INVISIBLE_TABLE,
    **dict.fromkeys(map(ord, SPACE_CHARACTERS), " "),
}
_ARTICLE_CHARACTERS = re.compile(
    "[" + re.escape("".join(sorted(INVISIBLE_CHARACTERS | SPACE_CHARACTERS))) + "]"
)
"""Any character of _ARTICLE_TABLE: most articles hold none, and a search for one is many
times faster than translating a text that holds other non-ASCII characters."""


# --- articles as read ------------------------------------------------------------------------


def normalise_article_text(raw: str) -> str:
    """The text of an article as stancectl keeps it; every offset refers to this text.

    Exactly these changes, in this order:

    1. line endings: CRLF, lone CR, vertical tab, form feed, NEL (U+0085) and the line
       separator (U+2028) each become one LF; the paragraph separator (U+2029) becomes a blank
       line (two LFs);
    2. the invisible characters of `INVISIBLE_CHARACTERS` are removed (soft hyphen, zero-width
       space / joiner / non-joiner, word joiner, byte-order mark wherever it stands, bidi marks,
       embeddings, overrides and isolates);
    3. the spaces of `SPACE_CHARACTERS` (no-break, narrow no-break, thin, en, em, ideographic
       ...) each become one plain space;
    4. Unicode NFC (canonical composition: "e" + U+0301 becomes "é").

    Nothing else changes: letters, digits, case, punctuation, typographic quotes and dashes,
    tabs, runs of spaces and blank lines stay as they are, so the text reads as the article
    did, with the same lines and paragraphs. No compatibility folding (NFKC): "²" stays "²".
    Idempotent: normalising normalised text returns it unchanged.
    """
    text = raw
    if any(char in text for char in _LINE_BREAK_CHARACTERS):
        text = _LINE_BREAK.sub(lambda match: _LINE_BREAKS[match.group()], text)
    if _ARTICLE_CHARACTERS.search(text):
        text = text.translate(_ARTICLE_TABLE)
    return unicodedata.normalize("NFC", text)


# --- the comparison form ---------------------------------------------------------------------

WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
"""Every character `str.isspace` (and so the `\\s` of `re`) accepts."""
_BLANKS = WHITESPACE + "".join(sorted(INVISIBLE_CHARACTERS))
"""Whitespace and invisible characters: a run of them folds to one space or to nothing."""
_EATERS = "".join(sorted(SPACE_EATERS))
_ONE_TO_ONE: dict[str, str] = {
    **{chr(code): folded for code, folded in TYPOGRAPHY.items() if folded and len(folded) == 1},
    **dict.fromkeys(WHITESPACE.replace(" ", ""), " "),
}
"""Characters that fold to one other character: replaced where they stand, offsets unchanged."""
_BLANK = f"[{re.escape(_BLANKS)}]"
_EATER = f"[{re.escape(_EATERS)}]"
# (patterns as text: `re` compiles them when first used, not when every command imports this)
_FOLD_SITE = (
    # (a look-ahead first: most characters cannot start a site, and it rules them out fast)
    f"(?=[{re.escape(_BLANKS + _EATERS + ''.join(_ONE_TO_ONE))}\u2026])"
    f"(?:{_BLANK}*{_EATER}{_BLANK}*"  # a mark, with the blanks around it
    f"|{_BLANK}{{2,}}"  # a run of blanks
    f"|[{re.escape(''.join(sorted(INVISIBLE_CHARACTERS)))}\u2026{re.escape(''.join(_ONE_TO_ONE))}])"
)
"""A place where folding changes the text, in text without blanks at either end: a quotation
mark or guillemet with the blanks around it, a run of blanks, one invisible character, an
ellipsis, or one character folded to another. Runs of blanks are matched whole, so that each
site folds on its own."""
_EATER_SPACING = f"{_BLANK}*({_EATER}){_BLANK}*"
_INVISIBLE = f"[{re.escape(''.join(sorted(INVISIBLE_CHARACTERS)))}]"
_ONE_TO_ONE_CHARACTER = f"[{re.escape(''.join(_ONE_TO_ONE))}]"
_the_mark = methodcaller("group", 1)  # a callable, so that `re` parses no template
_SITE_START = f"[{re.escape(_BLANKS.replace(' ', '') + _EATERS + ''.join(_ONE_TO_ONE))}\u2026]"
_QUICK_FOLD_SITE = (
    f"{_SITE_START}(?:(?<={_EATER}){_BLANK}*|(?<={_BLANK}){_BLANK}*(?:{_EATER}{_BLANK}*)?)?"
)
"""The same sites in text without two plain spaces in a row, except the plain space that may
precede a site: a site starts at a character other than the plain space, which `re` finds many
times faster; the caller adds the blank before it."""
_JOINS_BLANKS = frozenset(_BLANKS + _EATERS)
"""Characters that make one site with the blanks before them."""


def fold(text: str) -> str:
    """`text` with its typography folded: the form in which quotes are compared.

    Invisible characters are removed; whitespace next to a double quotation mark or a guillemet
    is removed; quote marks become '"', apostrophes and single quotes "'", dashes '-', "…"
    "...", full-width ASCII forms their ASCII letter or digit; every other run of whitespace
    (line and paragraph breaks included) becomes one space, and none is left at either end.
    Letters, digits and case are untouched, and the text must already be NFC (as articles
    and quotes are, after `normalise_article_text`).
    """
    # the same rules as FoldedText's single pass, by C loops only: a quote may be megabytes
    # of marks, each of which that pass would visit
    if text.isascii():  # no invisible character, and '"' the one quotation mark
        if '"' in text:
            text = re.sub(_EATER_SPACING, _the_mark, text)
        text = text.replace("`", "'")  # the one ASCII character to fold that is no space
    else:
        text = re.sub(_EATER_SPACING, _the_mark, text)
        if re.search(_INVISIBLE, text):
            text = re.sub(_INVISIBLE, "", text)
        text = text.replace("\u2026", "...")
        for char in sorted(set(re.findall(_ONE_TO_ONE_CHARACTER, text)), key=_folds_twice):
            text = text.replace(char, _ONE_TO_ONE[char])
    if text.isprintable() and "  " not in text:  # no whitespace but single plain spaces
        return text.strip(" ")
    return " ".join(text.split())


def _kept(text: str, start: int, end: int) -> tuple[str, int]:
    """What the site text[start:end] keeps (a mark is kept as it is, and folded with the
    characters left in place), and the offset each of its characters comes from."""
    if end - start == 1 and text[start] not in _ONE_TO_ONE:  # invisible, or an ellipsis
        return ("..." if text[start] == "\u2026" else ""), start
    site = text[start:end]
    mark = site.lstrip(_BLANKS)
    if mark:  # the blanks around a quotation mark or guillemet go
        return mark[0], end - len(mark)
    # a run of blanks: one space, standing for its first whitespace character
    first = next((k for k, blank in enumerate(site) if blank.isspace()), None)
    return ("", start) if first is None else (" ", start + first)


def _fold_mapped(original: str) -> tuple[str, list[int], list[int]]:
    """`fold(original)`, and its map as `FoldedText` keeps it."""
    # blanks at either end fold to nothing, whatever stands next to them
    body = original.strip(_BLANKS)
    copied = len(original) - len(original.lstrip(_BLANKS))
    body_end = copied + len(body)
    parts: list[str] = []
    # characters folded to one other are left in place until the end: one replace each
    in_place: set[str] = set()
    # stretch k starts at folded offset starts[k]; there, original = folded + shifts[k]
    starts = [0]
    shifts = [copied]
    shift = copied

    sites = re.compile(_FOLD_SITE if "  " in original else _QUICK_FOLD_SITE)
    for site in sites.finditer(original, copied, body_end):
        site_start, site_end = site.span()
        char = original[site_start]
        if (
            site_end - site_start == 1
            and char in _ONE_TO_ONE
            and (char not in _JOINS_BLANKS or original[site_start - 1] not in _BLANKS)
        ):
            in_place.add(char)  # the commonest site: nothing moves
            continue
        if char in _JOINS_BLANKS:
            while site_start > copied and original[site_start - 1] in _BLANKS:
                site_start -= 1  # the plain space before a site the quick pattern finds
        parts.append(original[copied:site_start])
        copied = site_end
        kept, source = _kept(original, site_start, site_end)
        if kept in _ONE_TO_ONE:
            in_place.add(kept)
        parts.append(kept)
        # the shift of each kept character of the site, then of the text after it
        at = site_start - shift
        for k in range(len(kept) + 1):
            new_shift = (source if k < len(kept) else site_end) - at - k
            if new_shift == shift:
                continue
            if starts[-1] == at + k:  # the stretch before is empty: it goes
                starts.pop()
                shifts.pop()
            if shifts and shifts[-1] == new_shift:
                shift = new_shift  # the stretch before goes on
                continue
            starts.append(at + k)
            shifts.append(new_shift)
            shift = new_shift
    parts.append(original[copied:body_end])
    text = "".join(parts)
    for char in sorted(in_place, key=_folds_twice):
        text = text.replace(char, _ONE_TO_ONE[char])
    return text, starts, shifts


def _folds_twice(char: str) -> bool:
    """Whether `char` folds to a character that folds in turn (the full-width grave accent to
    the grave accent, an apostrophe): such a character is replaced after the others."""
    once = _ONE_TO_ONE[char]
    return _ONE_TO_ONE.get(once, once) != once


class FoldedText:
    """`fold(original)` together with a map from its offsets back to the original's.

    The map is sparse: the folded text is cut into stretches, each at a constant distance from
    the original (`_shifts`), and a new stretch starts only where folding changes a length
    (a character removed, a run of whitespace made one space, an ellipsis made three dots).
    Ordinary prose has few such places, so the map is small and cheap to build."""

    __slots__ = ("_shifts", "_starts", "original", "text")

    def __init__(self, original: str) -> None:
        self.original = original
        self.text, starts, shifts = _fold_mapped(original)
        self._starts = array("q", starts)
        self._shifts = array("q", shifts)

    def _source(self, position: int) -> int:
        """The original offset of the folded character at `position` (0 <= position < len)."""
        return position + self._shifts[bisect_right(self._starts, position) - 1]

    def start_in_original(self, position: int) -> int:
        """Where the character at folded `position` starts in the original (past the end of
        the folded text: where its last character ends)."""
        if position >= len(self.text):
            return self.end_in_original(position)
        return self._source(max(position, 0))

    def end_in_original(self, position: int) -> int:
        """Where the folded text up to (not including) `position` ends in the original."""
        if position <= 0 or not self.text:
            return 0
        return self._source(min(position, len(self.text)) - 1) + 1

    def folded_position(self, original_position: int) -> int:
        """Where the original text at `original_position` stands in the folded text (for a
        character folded away, where the next one that is kept stands)."""
        # the first folded character from that offset or a later one: sources never decrease
        return bisect_left(range(len(self.text)), original_position, key=self._source)

    def span_in_original(self, start: int, end: int) -> tuple[int, int]:
        """The original text that folded text[start:end] came from."""
        if end <= start:
            at = self.start_in_original(start)
            return at, at
        return self.start_in_original(start), self.end_in_original(end)


def search_key(text: str) -> str:
    """A key for names and search words, never for quotes: typography, compatibility forms
    (NFKC) and case folded, runs of whitespace made single spaces."""
    # no space is dropped next to quotation marks, as `fold` does: names are split on spaces
    return " ".join(unicodedata.normalize("NFKC", text).translate(TYPOGRAPHY).casefold().split())


# --- words and paragraphs --------------------------------------------------------------------


def is_word_character(char: str) -> bool:
    """A letter, digit or combining mark: what words are made of."""
    # combining marks start at U+0300: most characters need no look-up
    return char.isalnum() or (char >= "\u0300" and unicodedata.category(char).startswith("M"))


def cuts_word(text: str, position: int) -> bool:
    """Whether `position` in `text` falls inside a word, so that a quote may not begin or end
    there. An apostrophe between letters belongs to its word: "don't", "Macron's"."""
    if position <= 0 or position >= len(text):
        return False
    before, after = text[position - 1], text[position]
    if before == " " or after == " ":  # the commonest answer, without a look-up
        return False
    if is_word_character(before):
        if is_word_character(after):
            return True
        return (
            after in APOSTROPHES
            and position + 1 < len(text)
            and is_word_character(text[position + 1])
        )
    return (
        before in APOSTROPHES
        and is_word_character(after)
        and position >= 2
        and is_word_character(text[position - 2])
    )


_MARKS = (
    # combining marks, and whole blocks of scripts whose words carry marks (Indic, Thai, Lao,
    # Tibetan, Myanmar, Khmer, Balinese, Javanese): `\w` alone would split their words
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u0900-\u0dff\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u1ab0-\u1aff"
    "\u1b00-\u1bff\u1dc0-\u1dff\u20d0-\u20ff\ua980-\ua9df\ufe00-\ufe0f\ufe20-\ufe2f"
)
WORD = rf"[\w{_MARKS}]+(?:'[\w{_MARKS}]+)*"
TOKEN = rf"{WORD}|[^\s\w{_MARKS}]"
_TOKEN_SPLIT = f"({TOKEN})"
# (patterns as text: `re` compiles and keeps them when first used)
"""In folded text: a word (letters, digits and marks, apostrophes inside it) or one other
visible character (punctuation, a symbol)."""


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        # as the pattern sees it (letters, digits, the marks of the scripts it lists, and the
        # underscore of `\w`), so that `tokens` and `TokenList` always agree
        return re.match(WORD, self.text) is not None


def tokens(text: str) -> list[Token]:
    """The words and punctuation of folded `text`, with their offsets in it."""
    return [Token(m.group(), m.start(), m.end()) for m in re.finditer(TOKEN, text)]


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")


class TokenList:
    """The tokens of folded text as plain lists, for long texts: `texts[k]` is token k, and
    `is_word[k]` whether it is a word; where each stands is worked out only when asked."""

    __slots__ = ("_block_starts", "_parts", "is_word", "text", "texts")

    def __init__(self, text: str) -> None:
        self.text = text
        # one C pass: the whitespace before each token and the tokens, alternately, so that
        # positions are sums of lengths
        self._parts: list[str] = re.split(_TOKEN_SPLIT, text)
        self.texts: list[str] = self._parts[1::2]
        # a token of one character that is not a word is a mark: the few distinct ones are
        # listed once, and each token is looked up in C
        marks = {t for t in set(self.texts) if len(t) == 1 and re.match(WORD, t) is None}
        self.is_word: list[bool] = list(map(not_, map(marks.__contains__, self.texts)))
        self._block_starts: list[int] | None = None

    def __len__(self) -> int:
        return len(self.texts)

    def start(self, index: int) -> int:
        # where each block of parts starts, summed once; then the sum within one block: a
        # few positions asked of a long text cost little more than one pass over it
        parts = self._parts
        if self._block_starts is None:
            sums = (sum(map(len, parts[b : b + _BLOCK])) for b in range(0, len(parts), _BLOCK))
            self._block_starts = list(accumulate(sums, initial=0))
        before = 2 * index + 1  # the parts before token `index`
        block = before // _BLOCK
        return self._block_starts[block] + sum(map(len, parts[block * _BLOCK : before]))

    def end(self, index: int) -> int:
        return self.start(index) + len(self.texts[index])


_BLOCK = 256
"""Parts of a TokenList summed together when positions are first asked for."""


def count_words(text: str) -> int:
    """How many words folded `text` has (as `tokens` would find), without listing them."""
    return len(re.findall(WORD, text))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the paragraphs of an article's text.

    Blank lines separate paragraphs; an article with no blank line at all has one paragraph per
    line (text extracted from web pages often comes that way). Leading and trailing whitespace
    of each paragraph is left out; empty paragraphs are not listed."""
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n\s*")
    spans: list[tuple[int, int]] = []
    start = 0
    for gap in [*separator.finditer(text), None]:
        end = gap.start() if gap is not None else len(text)
        left, right = start, end
        while left < right and text[left].isspace():
            left += 1
        while right > left and text[right - 1].isspace():
            right -= 1
        if left < right:
            spans.append((left, right))
        if gap is not None:
            start = gap.end()
    return spans
