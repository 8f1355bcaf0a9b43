"""CSV, written with the standard library: one row per statement (or article, actor, quote).
Cells a spreadsheet would run as formulas are neutralised."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from stancectl.records import key_quote
from stancectl.render.fields import Record, account_text, change_label, diff_rows, roles_text
from stancectl.render.layout import Document, Layout, Renderer
from stancectl.render.safe import inert, spreadsheet_safe

STATEMENT_COLUMNS = [
    "id",
    "topic",
    "said_on",
    "date_precision",
    "government_id",
    "government",
    "actor_id",
    "actor",
    "role",
    "stance_id",
    "stance",
    "score",
    "where",
    "occasion",
    "quote",
    "articles",
    "quotes",
    "matches",
    "summary",
    "entity_kind",
    "speaks_for",
]


def statement_row(record: Record) -> dict[str, Any]:
    actor, government = record["actor"] or {}, record["government"] or {}
    evidence = record["evidence"]
    return {
        "id": record["id"],
        "topic": record["topic"],
        "said_on": record["said_on"] or "",
        "date_precision": record["date_precision"],
        "government_id": government.get("id", ""),
        "government": government.get("name", ""),
        "actor_id": actor.get("id", ""),
        "actor": actor.get("name", ""),
        "role": actor.get("role") or "",
        "stance_id": record["stance"]["id"],
        "stance": record["stance"]["label"],
        "score": "" if record["stance"]["score"] is None else record["stance"]["score"],
        "where": record["where"] or "",
        "occasion": record["occasion"] or "",
        "quote": key_quote(record)["quote"],
        "articles": "; ".join(dict.fromkeys(e["article"] for e in evidence)),
        "quotes": "; ".join(f"{e['article']}: {e['quote']}" for e in evidence),
        "matches": "; ".join(e["match"] or "" for e in evidence),
        "summary": record["summary"] or "",
        "entity_kind": government.get("kind", ""),
        "speaks_for": "" if not actor else ("yes" if actor.get("speaks_for", True) else "no"),
    }


def to_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_cell(v) for k, v in row.items()})
    return buffer.getvalue()


def _csv_cell(value: Any) -> Any:
    return spreadsheet_safe(inert(value)) if isinstance(value, str) else value


def statements_csv(records: list[Record], extra: dict[str, str] | None = None) -> str:
    """`extra` adds columns computed per record: {column: record key}."""
    extra = extra or {}
    rows = []
    for record in records:
        row = statement_row(record)
        for column, key in extra.items():
            value = record.get(key)
            row[column] = change_label(value) if key == "change" else (value or "")
        rows.append(row)
    return to_csv(rows, [*STATEMENT_COLUMNS, *extra])


def timeline_csv(records: list[Record]) -> str:
    return statements_csv(records, {"change": "change"})


DIFF_COLUMNS = ["section", "conflicts", "a_account", "b_account", *STATEMENT_COLUMNS]


def diff_csv(document: Record) -> str:
    rows = []
    for section, record, fields in diff_rows(document):
        rows.append(
            {
                "section": section,
                "conflicts": "; ".join(fields),
                "a_account": account_text(record.get("a")),
                "b_account": account_text(record.get("b")),
                **statement_row(record),
            }
        )
    return to_csv(rows, DIFF_COLUMNS)


ARTICLE_COLUMNS = [
    "id",
    "published",
    "published_precision",
    "outlet",
    "title",
    "statements",
    "file",
    "url",
    "dateline",
    "authors",
    "via",
]


def articles_csv(records: list[Record]) -> str:
    rows = (
        {
            **{k: r.get(k) if r.get(k) is not None else "" for k in ARTICLE_COLUMNS},
            "authors": "; ".join(r.get("authors", [])),
        }
        for r in records
    )
    return to_csv(rows, ARTICLE_COLUMNS)


ACTOR_COLUMNS = ["id", "name", "kind", "aliases", "roles", "governments", "statements"]


def actors_csv(records: list[Record]) -> str:
    rows = (
        {
            **r,
            "aliases": "; ".join(r["aliases"]),
            "roles": roles_text(r),
            "governments": "; ".join(r["governments"]),
        }
        for r in records
    )
    return to_csv(rows, ACTOR_COLUMNS)


SHOW_COLUMNS = ["statement", "article", "file", "attribution", "via", "match", "quote", "paragraph"]


def _paragraph(evidence: Record) -> str:
    context = evidence["context"]
    return "" if context is None else context["before"] + context["quote"] + context["after"]


def show_csv(document: Record) -> str:
    record = document["statement"]
    return to_csv(
        (
            {
                "statement": record["id"],
                **{k: evidence[k] or "" for k in SHOW_COLUMNS[1:-1]},
                "paragraph": _paragraph(evidence),
            }
            for evidence in record["evidence"]
        ),
        SHOW_COLUMNS,
    )


def _who_said(document: Document, layout: Layout) -> str:
    return statements_csv(document["statements"])


def _timeline(document: Document, layout: Layout) -> str:
    return timeline_csv(document["statements"])


def _diff(document: Document, layout: Layout) -> str:
    return diff_csv(document)


def _articles(document: Document, layout: Layout) -> str:
    return articles_csv(document["articles"])


def _actors(document: Document, layout: Layout) -> str:
    return actors_csv(document["actors"])


def _show(document: Document, layout: Layout) -> str:
    return show_csv(document)


RENDERERS: dict[str, Renderer] = {
    "who-said": _who_said,
    "timeline": _timeline,
    "diff": _diff,
    "articles": _articles,
    "actors": _actors,
    "show": _show,
}
