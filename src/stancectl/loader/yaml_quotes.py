"""YAML syntax errors as a curator reads them, and what to write instead when YAML cannot read
a quoted value.

News text is full of quotation marks and apostrophes. Written inside a quoted YAML value, the
first one ends the value early and the parser stops further on with "did not find expected key";
these hints point at the line where the value starts and say how to write it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

BLOCK_SCALAR = "or use a block scalar `>-`"
HOW_TO_WRITE = {
    '"': f"wrap it in single quotes, {BLOCK_SCALAR}",
    "'": f"write it twice (`''`) inside single quotes, wrap the value in double quotes, "
    f"{BLOCK_SCALAR}",
}


_KEY_LINE = re.compile(r"\n[ \t]*(?:- +)?[A-Za-z_][\w-]*:(?: |$)", re.MULTILINE)
"""A line inside a quoted value that looks like the next key: the value was not closed."""


@dataclass(frozen=True)
class QuoteHint:
    line: int
    column: int
    message: str


def _tab_at(source: str | bytes, mark: yaml.Mark | None) -> bool:
    """Whether the character a syntax error points at is a tab (the scanner says only that it
    "cannot start any token" when a line begins with one)."""
    if mark is None:
        return False
    text = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
    lines = text.split("\n", mark.line + 1)
    if mark.line >= len(lines):
        return False
    line = lines[mark.line]
    return mark.column < len(line) and line[mark.column] == "\t"


def syntax_error(source: str | bytes, error: yaml.MarkedYAMLError) -> tuple[str, tuple[int, int]]:
    """What a YAML syntax error says to a curator, and where (1-based line and column): for a
    quoted value, how to write it, at the line where it starts."""
    hint = quoted_value_hint(source, error)
    if hint is not None:
        return hint.message, (hint.line, hint.column)
    mark = error.problem_mark or error.context_mark
    message = " ".join(p for p in (error.context, error.problem) if p) or str(error)
    if "'\\t'" in message or "tab character" in message or _tab_at(source, mark):
        message += "; indent with spaces, not tabs"
    return message, (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def quoted_value_hint(source: str | bytes, error: yaml.MarkedYAMLError) -> QuoteHint | None:
    """A hint for a syntax error caused by a quoted value, positioned where the value starts;
    None when the error has another cause. `source` is the text, or its UTF-8 bytes."""
    text = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
    if error.context and "quoted scalar" in error.context and error.context_mark is not None:
        return _broken_inside(text, error)
    mark = error.problem_mark
    if mark is None:
        return None
    if error.problem and "mapping values are not allowed" in error.problem:
        return QuoteHint(
            mark.line + 1,
            mark.column + 1,
            "YAML reads this ': ' as the start of a new key: if it is part of the text, "
            f"wrap the value in quotes, {BLOCK_SCALAR}; if it is a key, indent it like the "
            "keys beside it",
        )
    return _ended_early(text, (mark.line, mark.column))


def _broken_inside(text: str, error: yaml.MarkedYAMLError) -> QuoteHint | None:
    """The parser stopped inside the value: a bad escape, or a value never closed."""
    start = error.context_mark
    assert start is not None
    quote = _char_at(text, start.line, start.column)
    if quote not in HOW_TO_WRITE:
        return None
    problem = (error.problem or "cannot be read").removeprefix("found ")
    if "end of stream" in problem:
        what = f"this value opens with `{quote}` and is never closed"
    elif "escape" in problem:
        what = f"this value has a backslash that YAML reads as an escape ({problem})"
        quote = '"'  # single quotes have no escapes
    else:
        what = f"this quoted value cannot be read ({problem})"
    return QuoteHint(start.line + 1, start.column + 1, f"{what}: {HOW_TO_WRITE[quote]}")


def _ended_early(text: str, stopped_at: tuple[int, int]) -> QuoteHint | None:
    """The parser stopped right after a quoted value: a quote mark inside it ended it early.
    Positions are compared as (line, column): the C parser counts a byte order mark
    differently in its character index."""
    last: yaml.ScalarToken | None = None
    key: str | None = None
    previous: yaml.Token | None = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if (token.start_mark.line, token.start_mark.column) >= stopped_at:
                break
            if isinstance(token, yaml.ValueToken) and isinstance(previous, yaml.ScalarToken):
                key = previous.value
            if isinstance(token, yaml.ScalarToken) and token.style in HOW_TO_WRITE:
                last = token
            previous = token
    except yaml.YAMLError:
        pass  # the tokens up to the error are all that is needed
    if last is None or last.end_mark.line != stopped_at[0]:
        return None
    if text.splitlines()[stopped_at[0]][last.end_mark.column : stopped_at[1]].strip(" \t"):
        return None
    quote = str(last.style)
    after = last.end_mark
    if _KEY_LINE.search(text, last.start_mark.index, after.index):
        return QuoteHint(
            last.start_mark.line + 1,
            last.start_mark.column + 1,
            f"this value opens with `{quote}` and is not closed before line {after.line + 1} "
            f"(it runs over the keys below it): close it on its own line; "
            f"if the text itself has a `{quote}`, {HOW_TO_WRITE[quote]}",
        )
    what = "this quote" if key == "quote" else "this value"
    return QuoteHint(
        last.start_mark.line + 1,
        last.start_mark.column + 1,
        f"{what} contains a `{quote}`: {HOW_TO_WRITE[quote]} (the `{quote}` at line "
        f"{after.line + 1}, column {after.column} ends the value early)",
    )


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    return lines[line][column] if line < len(lines) and column < len(lines[line]) else ""
