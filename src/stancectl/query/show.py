"""show: one statement, each quote in its article's paragraph."""

from __future__ import annotations

from dataclasses import dataclass

from stancectl.query.names import resolve_statement
from stancectl.records import Record, Records

SCHEMA = "stancectl.show/1"


@dataclass
class Context:
    """A quote inside its paragraph: `before` + `quote` + `after` is the paragraph. `spans`
    are the article's words the quote matched, as offsets into the paragraph: one span, or
    one per quoted segment of an elided quote (the words between were left out)."""

    before: str
    quote: str
    after: str
    spans: list[list[int]]


def paragraph_around(
    text: str, start: int, end: int, matched: tuple[tuple[int, int], ...] = ()
) -> Context:
    """The lines of text holding text[start:end], the matched spans within it."""
    left = max(text.rfind("\n", 0, start), -1) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    spans = [[a - left, b - left] for a, b in matched or ((start, end),)]
    return Context(text[left:start], text[start:end], text[end:right], spans)


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
