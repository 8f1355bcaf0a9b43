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


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (OWASP's advice: prefix a quote)."""
    return "'" + value if value.startswith(_FORMULA_START) else value
