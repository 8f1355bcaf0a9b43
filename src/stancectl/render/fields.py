"""How record fields read as text, shared by every format that is not JSON."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from stancectl.render.safe import one_line

Record = dict[str, Any]


def date_label(said_on: str | None, precision: str | None) -> str:
    """A date as precise as it is known: '2024-02-26', '~2024-02-27', 'week of 2024-02-26'
    (always the Monday), '2024-02', '2024', or 'undated'."""
    if said_on is None:
        return "undated"
    if precision == "month":
        return said_on[:7]
    if precision == "year":
        return said_on[:4]
    if precision == "week":
        day = dt.date.fromisoformat(said_on)
        return f"week of {day - dt.timedelta(days=day.weekday())}"
    if precision == "approximate":
        return f"~{said_on}"
    return said_on


def actor_label(record: Record) -> str:
    actor = record["actor"]
    if actor is None:
        return ""
    return f"{actor['name']} ({actor['role']})" if actor["role"] else str(actor["name"])


def government_label(record: Record) -> str:
    government = record["government"]
    return str(government["name"]) if government else ""


def entity_heading(records: Iterable[Record]) -> str:
    """'Government' when every entity shown is a government, else 'Entity'."""
    kinds = {r["government"].get("kind", "government") for r in records if r["government"]}
    return "Government" if kinds <= {"government"} else "Entity"


def entity_kind_label(record: Record) -> str:
    """The kind of the entity a statement speaks for, as a heading: 'Government', 'Party'."""
    entity = record["government"]
    kind = entity.get("kind", "government") if entity else "government"
    return str(kind).capitalize()


def source_label(article: Record) -> str:
    """Where an article comes from: outlet, authors, wire service ("Reuters, by A. Smith,
    via AP"); "unknown" when nothing is recorded."""
    parts = [str(article["outlet"] or "unknown")]
    if article.get("authors"):
        parts.append("by " + " and ".join(article["authors"]))
    if article.get("via"):
        parts.append(f"via {article['via']}")
    return ", ".join(parts)


def articles_label(record: Record) -> str:
    seen: list[str] = []
    for evidence in record["evidence"]:
        if evidence["article"] not in seen:
            seen.append(evidence["article"])
    return ", ".join(seen)


def where_label(record: Record) -> str:
    return ", ".join(part for part in (record["where"], record["occasion"]) if part)


def paragraph_pieces(context: Record) -> list[tuple[str, bool]]:
    """A quote's paragraph as (text, matched) pieces: exactly the words the quote matched are
    marked (one piece, or one per quoted segment of an elided quote)."""
    paragraph = context["before"] + context["quote"] + context["after"]
    spans = context.get("spans") or [
        [len(context["before"]), len(context["before"]) + len(context["quote"])]
    ]
    pieces: list[tuple[str, bool]] = []
    at = 0
    for start, end in spans:
        if start > at:
            pieces.append((paragraph[at:start], False))
        pieces.append((paragraph[start:end], True))
        at = end
    if at < len(paragraph):
        pieces.append((paragraph[at:], False))
    return pieces


def quote_pieces(evidence: Record) -> list[tuple[str, str]]:
    """quote_label as (text, kind) pieces, kind one of "quoted", "elision", "insertion" and
    "label": an elided quote's omissions and the curator's bracketed insertions are pieces of
    their own, so that a view can show them as such."""
    label = one_line(quote_label(evidence))
    quote = one_line(str(evidence["quote"]))
    if evidence["match"] != "elided" or not label.startswith(quote):
        return [(label, "quoted")]
    from stancectl.elision import quote_parts

    pieces = [(part.text, part.kind.value) for part in quote_parts(quote)]
    if len(label) > len(quote):
        pieces.append((label[len(quote) :], "label"))
    return pieces


def quote_label(evidence: Record) -> str:
    # quotes are verbatim article text, with the article's own quotation marks
    text = str(evidence["quote"])
    if evidence["attribution"] != "direct":
        text += f" [{evidence['attribution']}]"
    if evidence["match"] not in (None, "exact", "normalised"):
        text += f" ({evidence['match']} match)"
    return text


def change_label(change: Record | None) -> str:
    if not change:
        return ""
    since = date_label(change["since"], change.get("since_precision", "day"))
    personal = "; the speaker's own, not on behalf of an entity" if change.get("personal") else ""
    return (
        f"{change['from']['label']} \u2192 {change['to']['label']} ({change['direction']}, "
        f"since {since}{personal})"
    )


def account_text(account: Record | None) -> str:
    if account is None:
        return ""
    quotes = " / ".join(account["quotes"])
    own = account["reported"]
    differs = "; ".join(f"{name}: {value}" for name, value in own.items())
    note = f" (note: {account['note']})" if account["note"] else ""
    return f"{quotes}{' [reports differently: ' + differs + ']' if differs else ''}{note}"


def diff_rows(document: Record) -> list[tuple[str, Record, list[str]]]:
    conflicts = {c["id"]: c["fields"] for c in document["conflicts"]}
    rows = [("both", r, conflicts.get(r["id"], [])) for r in document["both"]]
    rows += [("only_a", r, []) for r in document["only_a"]]
    rows += [("only_b", r, []) for r in document["only_b"]]
    return rows


NOT_SPEAKING_FOR = "does not speak for it"


def roles_text(record: Record) -> str:
    return "; ".join(
        f"{role['title']} ({role['from'] or '?'} to {role['until'] or 'now'}"
        f"{'' if role.get('speaks_for', True) else ', ' + NOT_SPEAKING_FOR})"
        for role in record["roles"]
    )


def counted(count: int, noun: str) -> str:
    """'1 quote', '2 quotes'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def entity_text(record: Record) -> str:
    """The entity a statement is counted under, and whether its speaker speaks for it."""
    actor, entity = record["actor"], government_label(record)
    if entity and actor is not None and not actor.get("speaks_for", True):
        return f"{entity} (the speaker {NOT_SPEAKING_FOR})"
    return entity
