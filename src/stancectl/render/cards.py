"""Statements as blocks of text ("cards"), painted without rich: the layout for pipes, files
and narrow terminals. Importing this module never imports rich, so output that is not for a
terminal does not pay for it."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from stancectl.query import groups
from stancectl.records import key_quote
from stancectl.render.fields import (
    Record,
    actor_label,
    articles_label,
    change_label,
    date_label,
    government_label,
    quote_pieces,
    where_label,
)
from stancectl.render.safe import one_line
from stancectl.render.style import PIPE_WIDTH, QUOTE_STYLES, stance_style, stance_symbol
from stancectl.views import GroupBy

Span = tuple[str, str]
"""A piece of text and its rich style."""


def card_lines(record: Record, *, with_change: bool = False) -> list[list[Span]]:
    """A statement as a block of lines: the heading (date, government, actor), then indented the
    stance, any change of position, the quote, and the articles with place and id. One layout
    for both painters below."""
    speaker = " \u00b7 ".join(
        part for part in (government_label(record), actor_label(record)) if part
    )
    stance = record["stance"]
    lines: list[list[Span]] = [
        [
            (date_label(record["said_on"], record["date_precision"]), "bold"),
            (f"  {one_line(speaker)}", ""),
        ],
        [
            (
                f"{stance_symbol(stance['score'])} {one_line(stance['label'])}",
                stance_style(stance["score"]),
            )
        ],
    ]
    if with_change and record.get("change"):
        lines.append(
            [("! change of position: " + one_line(change_label(record["change"])), "bold yellow")]
        )
    lines.append([(piece, QUOTE_STYLES[kind]) for piece, kind in quote_pieces(key_quote(record))])
    source: list[Span] = [(one_line(articles_label(record)), "cyan")]
    where = where_label(record)
    if where:
        source.append((f"  \u00b7 {one_line(where)}", "dim"))
    source.append((f"  [{one_line(record['id'])}]", "dim"))
    if record.get("review") == "pending":  # shown only with --include-pending
        source.append(("  (pending review)", "bold yellow"))
    lines.append(source)
    return lines


def plain_cards(
    records: Iterable[Record], title: str | None, *, width: int | None, with_change: bool = False
) -> str:
    """Cards as plain text, for pipes and files: the same layout without rich, which is many
    times faster on thousands of statements."""
    wrap = textwrap.TextWrapper(
        width=width or PIPE_WIDTH, subsequent_indent="  ", break_on_hyphens=False
    )
    out: list[str] = [title] if title else []
    for record in records:
        heading, *body = card_lines(record, with_change=with_change)
        wrap.initial_indent = ""
        wrap.subsequent_indent = " " * len(heading[0][0] + "  ")  # under the speaker, not the date
        out.append(fill(wrap, "".join(text for text, _ in heading)))
        wrap.initial_indent = wrap.subsequent_indent = "  "
        out += [fill(wrap, "".join(text for text, _ in line)) for line in body]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def fill(wrap: textwrap.TextWrapper, line: str) -> str:
    """`wrap.fill(line)`, without its cost for the many lines that fit as they are. Lines with
    whitespace at either end or characters that are not printable (tabs, odd spaces) are left
    to textwrap, which changes those."""
    fits = len(wrap.initial_indent) + len(line) <= wrap.width
    if fits and line and line == line.strip() and line.isprintable():
        return wrap.initial_indent + line
    return wrap.fill(line)


def who_said(records: list[Record], group_by: GroupBy | None, *, width: int | None) -> str:
    """who-said as plain cards, one block of cards per group."""
    blocks = groups(records, group_by) if group_by is not None else [("", records)]
    return "\n".join(
        plain_cards(block, f"{label} ({len(block)})" if label else None, width=width)
        for label, block in blocks
    )


def timeline(records: list[Record], *, width: int | None) -> str:
    """timeline as plain cards, each change of position flagged."""
    return plain_cards(records, None, width=width, with_change=True)
