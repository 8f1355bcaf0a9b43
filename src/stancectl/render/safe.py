"""Making text from user files inert before it is shown.

Articles are pasted from the web and YAML is edited by hand: either may carry terminal escape
sequences, other control characters or bidi overrides that would rewrite what the terminal shows.
They are replaced by visible escapes (`\\x1b`, `\\u202e`) before any text reaches a terminal.
Rich markup needs no escaping here because the terminal renderer never parses user text as markup.
"""

from __future__ import annotations

import re

_BIDI_AND_INVISIBLE = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + _BIDI_AND_INVISIBLE + "\u2028\u2029]")
_CONTROL_WITH_NEWLINES = re.compile("[\x00-\x1f\x7f-\x9f" + _BIDI_AND_INVISIBLE + "\u2028\u2029]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with every control, bidi and line-separator character shown as an escape."""
    pattern = _CONTROL if keep_newlines else _CONTROL_WITH_NEWLINES
    if keep_newlines:
        text = text.replace("\r\n", "\n")
    return pattern.sub(_visible, text)


def one_line(text: str) -> str:
    """Inert text with runs of whitespace folded to one space, for table cells and lists."""
    return inert(" ".join(text.split()))


_ASCII_SYMBOLS = {
    "\u25bc": "v",  # opposed
    "\u25b2": "^",  # supportive
    "\u25a0": "=",  # neutral
    "\u25c6": "*",  # off the scale
    "\u2192": "->",
    "\u00b7": "-",
    "\u2013": "-",
    "\u2014": "--",
    "\u2026": "...",
    "\u00bb": ">>",
    "\u00ab": "<<",
    "\u201c": '"',
    "\u201d": '"',
    "\u2018": "'",
    "\u2019": "'",
}


def _ascii_symbol(char: str) -> str:
    if char in _ASCII_SYMBOLS:
        return _ASCII_SYMBOLS[char]
    if "\u2500" <= char <= "\u257f":  # box drawing: tables and rules
        import unicodedata

        name = unicodedata.name(char, "")
        if "HORIZONTAL" in name and "VERTICAL" not in name:
            return "-"
        if "VERTICAL" in name and "HORIZONTAL" not in name:
            return "|"
        return "+"
    return char


def for_encoding(text: str, encoding: str | None) -> str:
    """`text` as an output in `encoding` can show it: unchanged when it can; else the symbols
    stancectl draws (stance markers, arrows, rules) in ASCII, and any other character it
    cannot show as an escape (`\\u0142`), never an error."""
    if not encoding:
        return text
    try:
        text.encode(encoding)
        return text
    except (UnicodeEncodeError, LookupError):
        pass
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "ascii"
    shown = []
    for char in text:
        try:
            char.encode(encoding)
            shown.append(char)
        except UnicodeEncodeError:
            shown.append(_ascii_symbol(char))
    return "".join(shown).encode(encoding, "backslashreplace").decode(encoding)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (OWASP's advice: prefix a quote)."""
    return "'" + value if value.startswith(_FORMULA_START) else value
