"""show: one statement, each quote in its article's paragraph."""

from __future__ import annotations

from dataclasses import dataclass

from stancectl.query.names import resolve_statement
from stancectl.records import Record, Records

SCHEMA = "stancectl.show/1"


CONTEXT_CHARS = 300
"""At most this many characters of the paragraph are shown on each side of a quote: an
article kept as one long line would otherwise be printed whole."""
CUT = "\u2026"


@dataclass
class Context:
    """A quote inside its paragraph: `before` + `quote` + `after` is the paragraph, or, in a
    long one, a window of it around the quote, cut at a space with `…` where words were left
    out. `spans` are the article's words the quote matched, as offsets into that text: one
    span, or one per quoted segment of an elided quote (the words between were left out)."""

    before: str
    quote: str
    after: str
    spans: list[list[int]]


def paragraph_around(
    text: str, start: int, end: int, matched: tuple[tuple[int, int], ...] = ()
) -> Context:
    """The lines of text holding text[start:end] (at most CONTEXT_CHARS on each side of it),
    the matched spans within them."""
    window_start = max(start - CONTEXT_CHARS, 0)
    line_start = text.rfind("\n", window_start, start)
    left = line_start + 1 if line_start >= 0 else window_start
    cut_before = line_start < 0 and window_start > 0
    if cut_before and not text[left - 1].isspace():  # from the first whole word
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    before = (CUT if cut_before else "") + text[left:start]
    window_end = min(end + CONTEXT_CHARS, len(text))
    line_end = text.find("\n", end, window_end)
    right = line_end if line_end >= 0 else window_end
    cut_after = line_end < 0 and window_end < len(text)
    if cut_after:  # up to the last whole word
        space = text.rfind(" ", end, right)
        right = space if space > end else right
    after = text[end:right] + (CUT if cut_after else "")
    origin = left - (len(CUT) if cut_before else 0)
    spans = [[a - origin, b - origin] for a, b in matched or ((start, end),)]
    return Context(before, text[start:end], after, spans)


def show(records: Records, statement: str) -> Record:
    """One statement by id or unambiguous prefix, each quote in its paragraph.
    LookupFailedError names the choices when the id matches no statement, or several."""
    statement_id = resolve_statement(records, statement)
    from stancectl.evidence import ArticleMatcher  # only show looks quotes up again

    stored = next(r for r in records.statements if r["id"] == statement_id)
    record = {**stored, "evidence": [dict(e) for e in stored["evidence"]]}  # stored stay as read
    for evidence in record["evidence"]:
        text = records.texts.get(evidence["article"], "")
        found = ArticleMatcher(text).locate(evidence["quote"]) if text else None
        context = None
        if (
            found
            and found.start is not None
            and found.end is not None
            and found.level.value != "missing"
        ):
            around = paragraph_around(text, found.start, found.end, found.spans)
            context = {
                "before": around.before,
                "quote": around.quote,
                "after": around.after,
                "spans": around.spans,
            }
        evidence["context"] = context
    record["line"] = records.lines.get(statement_id)
    return {"schema": SCHEMA, "statement": record}
