"""What a web page saved as HTML rather than as its text leaves in a .txt article: entities
and tags, found so that loading can warn about them (the text is never changed)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKUP = re.compile(
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
    """HTML entities and tags left in a text: the first `limit` found, 1-based line and
    column, and how many there are in all."""
    found: list[Markup] = []
    count = 0
    if "&" not in text and "<" not in text:
        return found, count  # every entity and tag begins with one of these
    for match in _MARKUP.finditer(text):
        count += 1
        if len(found) < limit:
            start = match.start()
            line = text.count("\n", 0, start) + 1
            column = start - (text.rfind("\n", 0, start) + 1) + 1
            found.append(Markup(line, column, match.group()[:40]))
    return found, count
