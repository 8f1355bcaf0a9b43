"""Markdown: GitHub tables, every cell made inert and its table syntax escaped."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from stancectl.query import groups
from stancectl.records import key_quote
from stancectl.render.fields import (
    Record,
    account_text,
    actor_label,
    articles_label,
    change_label,
    date_label,
    diff_rows,
    entity_heading,
    government_label,
    paragraph_pieces,
    quote_label,
    roles_text,
    source_label,
    where_label,
)
from stancectl.render.layout import Document, Layout, Renderer
from stancectl.render.safe import one_line
from stancectl.views import GroupBy

_INERT = str.maketrans(
    {
        "\\": "\\\\",
        "|": "\\|",  # a table's cell separator
        "[": "\\[",  # links, images (![...]) and references
        "]": "\\]",
        "<": "&lt;",  # raw HTML and <autolinks>
        ">": "&gt;",
    }
)
_BARE_LINK = re.compile(r"(?i)(?<=[a-z0-9+.-])(:)(?=//)|(?<=\bwww)(\.)|(@)(?=[a-z0-9])")
"""What renderers that link bare addresses look for: `scheme://`, `www.`, `name@host`."""


def md_cell(value: object) -> str:
    """Text from the data made inert for Markdown: one line, the table syntax escaped, and no
    link, image, autolink or raw HTML a renderer would act on (it would load a resource or
    show a live link that came from data). The text still reads the same once rendered."""
    text = one_line(str(value)) if value is not None else ""
    return _BARE_LINK.sub(lambda m: "\\" + m.group(), text.translate(_INERT))


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


def statement_headers(records: list[Record]) -> list[str]:
    """The column heads, saying "Government" only when every entity shown is one."""
    return [STATEMENT_HEADERS[0], entity_heading(records), *STATEMENT_HEADERS[2:]]


def statements_markdown(records: list[Record], headers: Sequence[str] | None = None) -> str:
    return md_table(headers or statement_headers(records), (statement_cells(r) for r in records))


def timeline_markdown(records: list[Record]) -> str:
    columns = statement_headers(records)
    headers = [*columns[:4], "Change", *columns[4:]]
    rows = []
    for record in records:
        cells = statement_cells(record)
        rows.append([*cells[:4], change_label(record.get("change")), *cells[4:]])
    return md_table(headers, rows)


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
                    account_text(r["a"]),
                    account_text(r["b"]),
                ]
                for section, r, fields in diff_rows(document)
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


def articles_markdown(records: list[Record]) -> str:
    return md_table(
        ["Id", "Published", "Outlet", "Title", "Statements"],
        (
            [
                r["id"],
                date_label(r["published"], r["published_precision"])
                if r["published"]
                else "unknown",
                source_label(r),
                r["title"] or "(untitled)",
                r["statements"],
            ]
            for r in records
        ),
    )


def actors_markdown(records: list[Record]) -> str:
    return md_table(
        ["Actor", "Kind", "Roles", "Aliases", "Statements"],
        (
            [
                f"{r['name']} ({r['id']})",
                r["kind"],
                roles_text(r),
                ", ".join(r["aliases"]),
                r["statements"],
            ]
            for r in records
        ),
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
    """The paragraph with exactly the matched words in bold, keeping the spaces around each
    piece (which md_cell would trim) so the words do not run together and the emphasis
    renders."""
    out = ""
    for piece, matched in paragraph_pieces(context):
        cell = md_cell(piece)
        if piece[:1].isspace() and out:
            out += " "
        out += f"**{cell}**" if matched else cell
        if piece[-1:].isspace():
            out += " "
    return out.strip()


def _who_said(document: Document, layout: Layout) -> str:
    records = document["statements"]
    if "group_by" not in document:
        return statements_markdown(records)
    return "\n".join(
        f"### {md_cell(label)}\n\n{statements_markdown(block)}"
        for label, block in groups(records, GroupBy(document["group_by"]))
    )


def _timeline(document: Document, layout: Layout) -> str:
    return timeline_markdown(document["statements"])


def _diff(document: Document, layout: Layout) -> str:
    return diff_markdown(document)


def _articles(document: Document, layout: Layout) -> str:
    return articles_markdown(document["articles"])


def _actors(document: Document, layout: Layout) -> str:
    return actors_markdown(document["actors"])


def _show(document: Document, layout: Layout) -> str:
    return show_markdown(document)


RENDERERS: dict[str, Renderer] = {
    "who-said": _who_said,
    "timeline": _timeline,
    "diff": _diff,
    "articles": _articles,
    "actors": _actors,
    "show": _show,
}
