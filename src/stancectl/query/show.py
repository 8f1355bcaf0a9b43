"""show: one statement, each quote in its article's paragraph."""

from __future__ import annotations

from dataclasses import dataclass

from stancectl.evidence import ArticleMatcher
from stancectl.records import Record, Records

SCHEMA = "stancectl.show/1"


@dataclass
class Context:
    """A quote inside its paragraph: `before` + `quote` + `after` is the paragraph."""

    before: str
    quote: str
    after: str


def paragraph_around(text: str, start: int, end: int) -> Context:
    """The paragraph (text between blank lines, or lines) holding text[start:end]."""
    left = max(text.rfind("\n", 0, start), -1) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    return Context(text[left:start], text[start:end], text[end:right])


def show(records: Records, statement_id: str) -> Record:
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
            around = paragraph_around(text, found.start, found.end)
            context = {"before": around.before, "quote": around.quote, "after": around.after}
        evidence["context"] = context
    record["line"] = records.lines.get(statement_id)
    return {"schema": SCHEMA, "statement": record}
