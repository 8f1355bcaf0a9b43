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
    out (also inside an elided quote, between segments far apart). `spans` are the article's
    words the quote matched, as offsets into that text: one span, or one per quoted segment
    of an elided quote (the words between were left out)."""

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
    left = line_start + 1 if line_start >= 0 else _word_start(text, window_start, start)
    cut_before = line_start < 0 and window_start > 0
    before = (CUT if cut_before else "") + text[left:start]
    window_end = min(end + CONTEXT_CHARS, len(text))
    line_end = text.find("\n", end, window_end)
    right = line_end if line_end >= 0 else _word_end(text, window_end, end)
    cut_after = line_end < 0 and window_end < len(text)
    after = text[end:right] + (CUT if cut_after else "")
    quote, quote_spans = _quote_with_gaps_cut(text, start, end, matched or ((start, end),))
    spans = [[len(before) + a, len(before) + b] for a, b in quote_spans]
    return Context(before, quote, after, spans)


def _word_start(text: str, at: int, limit: int) -> int:
    """`at`, or where the first whole word after it starts (before `limit`) when `at` falls
    inside a word."""
    if at == 0 or text[at - 1].isspace():
        return at
    space = text.find(" ", at, limit)
    return space + 1 if space >= 0 else at


def _word_end(text: str, at: int, limit: int) -> int:
    """`at`, or where the last whole word before it ends (after `limit`) when `at` falls
    inside a word."""
    if at >= len(text) or text[at].isspace():
        return at
    space = text.rfind(" ", limit, at)
    return space if space > limit else at


def _quote_with_gaps_cut(
    text: str, start: int, end: int, matched: tuple[tuple[int, int], ...]
) -> tuple[str, list[list[int]]]:
    """text[start:end] with each stretch between matched segments longer than twice
    CONTEXT_CHARS cut to its ends around ` … `, and the segments as offsets into that."""
    kept: list[str] = []
    spans: list[list[int]] = []
    length = 0
    position = start
    for segment_start, segment_end in matched:
        gap = [text[position:segment_start]]
        if segment_start - position > 2 * CONTEXT_CHARS:
            head_end = _word_end(text, position + CONTEXT_CHARS, position)
            tail_start = _word_start(text, segment_start - CONTEXT_CHARS, segment_start)
            gap = [text[position:head_end], f" {CUT} ", text[tail_start:segment_start]]
        kept += [*gap, text[segment_start:segment_end]]
        length += sum(map(len, gap))
        spans.append([length, length + segment_end - segment_start])
        length += segment_end - segment_start
        position = max(position, segment_end)
    kept.append(text[position:end])
    return "".join(kept), spans


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
