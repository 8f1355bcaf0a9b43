"""JSON, CSV and Markdown, written with the standard library only: stable for scripts."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from stancectl.query import key_quote
from stancectl.render.fields import (
    Record,
    actor_label,
    articles_label,
    change_label,
    date_label,
    government_label,
    quote_label,
    where_label,
)
from stancectl.render.safe import inert, one_line, spreadsheet_safe


def to_json(document: Record, *, pretty: bool = True) -> bytes:
    """UTF-8 JSON and a newline: indented for people; compact (several times faster to write)
    for programs. orjson writes what `json.dumps(ensure_ascii=False)` writes, five times
    faster, and as bytes, which go out without a round trip through str."""
    import orjson

    option = orjson.OPT_INDENT_2 if pretty else 0
    return orjson.dumps(document, option=option | orjson.OPT_APPEND_NEWLINE)


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


# --- Markdown: GitHub tables -------------------------------------------------------------------


def md_cell(value: object) -> str:
    text = one_line(str(value)) if value is not None else ""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


def md_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = [
        "| " + " | ".join(headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
    ]
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


STATEMENT_HEADERS = ["Date", "Government", "Actor", "Stance", "Quote", "Articles", "Where"]


def statement_cells(record: Record) -> list[str]:
    return [
        date_label(record["said_on"], record["date_precision"]),
        government_label(record),
        actor_label(record),
        record["stance"]["label"],
        quote_label(key_quote(record)),
        articles_label(record),
        where_label(record),
    ]


def statements_markdown(records: list[Record], headers: Sequence[str] = STATEMENT_HEADERS) -> str:
    return md_table(headers, (statement_cells(r) for r in records))


# --- per-view layouts --------------------------------------------------------------------------


def timeline_csv(records: list[Record]) -> str:
    return statements_csv(records, {"change": "change"})


def timeline_markdown(records: list[Record]) -> str:
    headers = [*STATEMENT_HEADERS[:4], "Change", *STATEMENT_HEADERS[4:]]
    rows = []
    for record in records:
        cells = statement_cells(record)
        rows.append([*cells[:4], change_label(record.get("change")), *cells[4:]])
    return md_table(headers, rows)


DIFF_COLUMNS = ["section", "conflicts", "a_account", "b_account", *STATEMENT_COLUMNS]


def _account_text(account: Record | None) -> str:
    if account is None:
        return ""
    quotes = " / ".join(account["quotes"])
    own = account["reported"]
    differs = "; ".join(f"{name}: {value}" for name, value in own.items())
    note = f" (note: {account['note']})" if account["note"] else ""
    return f"{quotes}{' [reports differently: ' + differs + ']' if differs else ''}{note}"


def _diff_rows(document: Record) -> list[tuple[str, Record, list[str]]]:
    conflicts = {c["id"]: c["fields"] for c in document["conflicts"]}
    rows = [("both", r, conflicts.get(r["id"], [])) for r in document["both"]]
    rows += [("only_a", r, []) for r in document["only_a"]]
    rows += [("only_b", r, []) for r in document["only_b"]]
    return rows


def diff_csv(document: Record) -> str:
    rows = []
    for section, record, fields in _diff_rows(document):
        rows.append(
            {
                "section": section,
                "conflicts": "; ".join(fields),
                "a_account": _account_text(record.get("a")),
                "b_account": _account_text(record.get("b")),
                **statement_row(record),
            }
        )
    return to_csv(rows, DIFF_COLUMNS)


def diff_markdown(document: Record) -> str:
    a, b = document["a"], document["b"]
    out = [f"# {md_cell(a['id'])} vs {md_cell(b['id'])}\n"]
    out.append(f"## Both report ({len(document['both'])})\n")
    out.append(
        md_table(
            ["Statement", "Stance", "Conflicts", f"A: {a['id']}", f"B: {b['id']}"],
            (
                [
                    r["id"],
                    r["stance"]["label"],
                    ", ".join(fields),
                    _account_text(r["a"]),
                    _account_text(r["b"]),
                ]
                for section, r, fields in _diff_rows(document)
                if section == "both"
            ),
        )
    )
    for key, label in (("only_a", a["id"]), ("only_b", b["id"])):
        out.append(f"\n## Only in {md_cell(label)} ({len(document[key])})\n")
        out.append(statements_markdown(document[key]))
    for side in ("a", "b"):
        mentions = document["unrecorded_mentions"][side]
        names = ", ".join(m["name"] for m in mentions) or "none"
        out.append(f"\nNamed in {side.upper()} without a recorded statement: {md_cell(names)}\n")
    return "\n".join(out)


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
]


def articles_csv(records: list[Record]) -> str:
    return to_csv(
        ({k: r[k] if r[k] is not None else "" for k in ARTICLE_COLUMNS} for r in records),
        ARTICLE_COLUMNS,
    )


def articles_markdown(records: list[Record]) -> str:
    return md_table(
        ["Id", "Published", "Outlet", "Title", "Statements"],
        (
            [
                r["id"],
                date_label(r["published"], r["published_precision"])
                if r["published"]
                else "unknown",
                r["outlet"] or "unknown",
                r["title"] or "(untitled)",
                r["statements"],
            ]
            for r in records
        ),
    )


def _roles_text(record: Record) -> str:
    return "; ".join(
        f"{role['title']} ({role['from'] or '?'} to {role['until'] or 'now'})"
        for role in record["roles"]
    )


ACTOR_COLUMNS = ["id", "name", "kind", "aliases", "roles", "governments", "statements"]


def actors_csv(records: list[Record]) -> str:
    rows = (
        {
            **r,
            "aliases": "; ".join(r["aliases"]),
            "roles": _roles_text(r),
            "governments": "; ".join(r["governments"]),
        }
        for r in records
    )
    return to_csv(rows, ACTOR_COLUMNS)


def actors_markdown(records: list[Record]) -> str:
    return md_table(
        ["Actor", "Kind", "Roles", "Aliases", "Statements"],
        (
            [
                f"{r['name']} ({r['id']})",
                r["kind"],
                _roles_text(r),
                ", ".join(r["aliases"]),
                r["statements"],
            ]
            for r in records
        ),
    )


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


def show_markdown(document: Record) -> str:
    record = document["statement"]
    out = [f"## {md_cell(record['id'])}\n", statements_markdown([record])]
    for evidence in record["evidence"]:
        out.append(
            f"\n**{md_cell(evidence['article'])}** ({md_cell(evidence['attribution'])}, "
            f"{md_cell(evidence['match'])} match)\n"
        )
        context = evidence["context"]
        if context is None:
            out.append(f"> {md_cell(evidence['quote'])} *(not found in the article)*\n")
        else:
            out.append(f"> {_highlighted(context)}\n")
    return "\n".join(out)


def _highlighted(context: Record) -> str:
    """The paragraph with the quote in bold, keeping the spaces around it (which md_cell would
    trim) so the words do not run together and the emphasis renders."""
    before, quote, after = (md_cell(context[k]) for k in ("before", "quote", "after"))
    space_before = " " if context["before"][-1:].isspace() else ""
    space_after = " " if context["after"][:1].isspace() else ""
    return f"{before}{space_before}**{quote}**{space_after}{after}".strip()
