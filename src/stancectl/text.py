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
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, chain
from operator import add

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

_EATERS = "".join(sorted(SPACE_EATERS))
_INVISIBLES = "".join(sorted(INVISIBLE_CHARACTERS))
_SPACES_AROUND_EATERS = re.compile(rf"[\s{_INVISIBLES}]*([{re.escape(_EATERS)}])[\s{_INVISIBLES}]*")
_WHITESPACE_RUN = re.compile(r"\s+")


def fold(text: str) -> str:
    """`text` with its typography folded: the form in which quotes are compared.

    Invisible characters are removed; whitespace next to a double quotation mark or a guillemet
    is removed; quote marks become '"', apostrophes and single quotes "'", dashes '-', "…"
    "...", full-width ASCII forms their ASCII letter or digit; every other run of whitespace
    (line and paragraph breaks included) becomes one space, and none is left at either end.
    Letters, digits and case are untouched, and the text must already be NFC (as articles
    and quotes are, after `normalise_article_text`).
    """
    # whitespace next to an eater goes, invisible characters between them included; then one
    # translation folds the rest and removes the invisible characters left
    text = _SPACES_AROUND_EATERS.sub(r"\1", text)
    # in ASCII only the backtick folds: a replace is much faster than a translation
    text = text.replace("`", "'") if text.isascii() else text.translate(TYPOGRAPHY)
    return _WHITESPACE_RUN.sub(" ", text).strip(" ")


@dataclass(frozen=True, slots=True)
class _Piece:
    folded: int
    """Where the piece starts in the folded text."""
    original: int
    """Where it starts in the original text."""
    length: int
    """Its length in the original text."""
    verbatim: bool
    """Copied unchanged, so that offsets inside it map one to one."""


class FoldedText:
    """`fold(original)` together with a map from its offsets back to the original's.

    Built by copying the stretches that need no folding and folding only the few characters
    that do, so it costs little more than `fold` on ordinary prose."""

    __slots__ = ("_original_starts", "_piece_starts", "_pieces", "original", "text")

    def __init__(self, original: str) -> None:
        self.original = original
        parts: list[str] = []
        pieces: list[_Piece] = []
        folded_length = 0

        def emit(piece_text: str, original_at: int, length: int, verbatim: bool) -> None:
            nonlocal folded_length
            if not piece_text:
                return
            pieces.append(_Piece(folded_length, original_at, length, verbatim))
            parts.append(piece_text)
            folded_length += len(piece_text)

        copied_to = 0
        for run in _special_run().finditer(original):
            emit(original[copied_to : run.start()], copied_to, run.start() - copied_to, True)
            copied_to = run.end()
            for piece_text, at, length in _fold_run(run.group(), run.start()):
                emit(piece_text, at, length, False)
        emit(original[copied_to:], copied_to, len(original) - copied_to, True)
        # no space at either end, as in fold(): only a folded run can put one there
        while pieces and parts[-1] == " " and not pieces[-1].verbatim:
            pieces.pop()
            parts.pop()
        if pieces and parts[0] == " " and not pieces[0].verbatim:
            pieces = [_Piece(p.folded - 1, p.original, p.length, p.verbatim) for p in pieces[1:]]
            parts.pop(0)
        self.text = "".join(parts)
        self._pieces = pieces
        self._piece_starts = [piece.folded for piece in pieces]
        self._original_starts = [piece.original for piece in pieces]

    def _piece(self, position: int) -> _Piece:
        return self._pieces[max(bisect_right(self._piece_starts, position) - 1, 0)]

    def start_in_original(self, position: int) -> int:
        """Where the character at folded `position` starts in the original."""
        if not self._pieces:
            return 0
        piece = self._piece(position)
        if piece.verbatim:
            return piece.original + min(position - piece.folded, piece.length)
        return piece.original

    def end_in_original(self, position: int) -> int:
        """Where the folded text up to (not including) `position` ends in the original."""
        if position <= 0 or not self._pieces:
            return 0
        piece = self._piece(position - 1)
        if piece.verbatim:
            return piece.original + min(position - piece.folded, piece.length)
        return piece.original + piece.length

    def folded_position(self, original_position: int) -> int:
        """Where the original text at `original_position` stands in the folded text (for a
        character folded away, where the next one that is kept stands)."""
        if not self._pieces:
            return 0
        index = bisect_right(self._original_starts, original_position) - 1
        if index < 0:
            return 0
        piece = self._pieces[index]
        if original_position < piece.original + piece.length:
            offset = original_position - piece.original if piece.verbatim else 0
            return piece.folded + offset
        following = self._piece_starts[index + 1] if index + 1 < len(self._pieces) else None
        return following if following is not None else len(self.text)

    def span_in_original(self, start: int, end: int) -> tuple[int, int]:
        """The original text that folded text[start:end] came from."""
        if end <= start:
            at = self.start_in_original(start)
            return at, at
        return self.start_in_original(start), self.end_in_original(end)


def _special_class() -> str:
    characters = {chr(code) for code in TYPOGRAPHY} | set(SPACE_EATERS)
    return "".join(sorted(characters))


@cache
def _special_run() -> re.Pattern[str]:
    """A stretch `fold` changes: a run holding a character to fold, together with the
    whitespace around it; two or more whitespace characters; one that is not a plain space;
    whitespace at either end. (Compiled when first needed: `import stancectl.text` is on the
    path of every command.)"""
    special = re.escape(_special_class())
    return re.compile(rf"(?:\s*[{special}](?:[{special}]|\s)*)|\s{{2,}}|[^\S ]|\A\s|\s\Z")


def _fold_run(run: str, offset: int) -> list[tuple[str, int, int]]:
    """The folded pieces of one special run starting at `offset` in the original: (text,
    original offset, original length). Mirrors `fold`: FoldedText's property test holds them
    together. Whitespace at either end of the whole text is dropped by the caller."""
    out: list[tuple[str, int, int]] = []
    pending_space: int | None = None
    previous_eats = False
    for i, char in enumerate(run):
        if char in INVISIBLE_CHARACTERS:
            continue
        if char.isspace():
            if pending_space is None:
                pending_space = offset + i
            continue
        eats = char in SPACE_EATERS
        if pending_space is not None and not eats and not previous_eats:
            out.append((" ", pending_space, 1))
        pending_space = None
        previous_eats = eats
        out.append((char.translate(TYPOGRAPHY), offset + i, 1))
    if pending_space is not None and not previous_eats:
        out.append((" ", pending_space, 1))
    return out


def search_key(text: str) -> str:
    """A key for names and search words, never for quotes: typography, compatibility forms
    (NFKC) and case folded, runs of whitespace made single spaces."""
    # no space is dropped next to quotation marks, as `fold` does: names are split on spaces
    return " ".join(unicodedata.normalize("NFKC", text).translate(TYPOGRAPHY).casefold().split())


# --- what a saved web page may leave in a text file ----------------------------------------

_MARKUP = (
    r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});"  # &amp; &#8217; &#x2019;
    r"|<!--|<!\[CDATA\[|<![A-Za-z]"  # comments, CDATA, doctype
    r"|</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*?)?\s*/?>"  # tags: <p>, </div>, <a href="...">, <br/>
)


@dataclass(frozen=True, slots=True)
class Markup:
    line: int
    column: int
    text: str


def markup_in(text: str, limit: int = 3) -> tuple[list[Markup], int]:
    """HTML entities and tags left in a text (a page saved as HTML rather than its text): the
    first `limit` found, 1-based line and column, and how many there are in all."""
    found: list[Markup] = []
    count = 0
    if "&" not in text and "<" not in text:
        return found, count  # every entity and tag begins with one of these
    for match in re.finditer(_MARKUP, text):
        count += 1
        if len(found) < limit:
            start = match.start()
            line = text.count("\n", 0, start) + 1
            column = start - (text.rfind("\n", 0, start) + 1) + 1
            found.append(Markup(line, column, match.group()[:40]))
    return found, count


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
_TOKEN_TILES = rf"(\s*)(?:({WORD})|([^\s\w{_MARKS}]))"
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

    __slots__ = ("_spaces", "_starts", "is_word", "text", "texts")

    def __init__(self, text: str) -> None:
        self.text = text
        # each match is the whitespace before a token, then the token: the matches tile the
        # text, so positions are sums of lengths; the lists are built by C loops (zip, map)
        found: list[tuple[str, str, str]] = re.findall(_TOKEN_TILES, text)
        spaces, words, marks = zip(*found, strict=True) if found else ((), (), ())
        self.texts: list[str] = list(map(max, words, marks))  # the one that is not empty
        self.is_word: list[bool] = list(map(bool, words))
        self._spaces: tuple[str, ...] = spaces
        self._starts: list[int] | None = None

    def __len__(self) -> int:
        return len(self.texts)

    def start(self, index: int) -> int:
        if self._starts is None:
            steps = map(add, map(len, self._spaces), chain((0,), map(len, self.texts)))
            self._starts = list(accumulate(steps))
        return self._starts[index]

    def end(self, index: int) -> int:
        return self.start(index) + len(self.texts[index])


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
