"""The articles and actors lists for people: a table on a wide colour terminal, cards in a
pipe, a file or a narrow terminal, so a title, a name or an id is never cut into slivers."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from stancectl.render.fields import NOT_SPEAKING_FOR, Record, counted, date_label, source_label
from stancectl.render.safe import one_line
from stancectl.render.terminal import TABLE_MIN_WIDTH, list_table, text, to_text


def articles(records: list[Record], *, colour: bool, width: int | None) -> str:
    """A table on a wide colour terminal, cards elsewhere: a title is never cut into slivers."""
    if not (colour and (width or 0) >= TABLE_MIN_WIDTH):
        return to_text([_cards(_article_card(r) for r in records)], colour=colour, width=width)
    table = list_table(colour)
    for column in ("Id", "Published", "Outlet", "Title", "Statements", "File"):
        wraps = column in ("Outlet", "Title")
        table.add_column(
            column,
            justify="right" if column == "Statements" else "left",
            no_wrap=not wraps,
            ratio=(3 if column == "Title" else 1) if wraps else None,
        )
    table.expand = True
    for r in records:
        table.add_row(
            text(r["id"], "bold"),
            text(_published(r)),
            text(source_label(r)),
            text(r["title"] or "(untitled)"),
            text(r["statements"]),
            text(r["file"], "dim"),
        )
    return to_text([table], colour=colour, width=width)


def _published(record: Record) -> str:
    if not record["published"]:
        return "unknown"
    return date_label(record["published"], record["published_precision"])


def _cards(cards: Iterable[tuple[Text, list[Text]]]) -> Group:
    parts: list[RenderableType] = []
    for heading, body in cards:
        parts += [heading, Padding(Group(*body), (0, 0, 1, 2))]
    return Group(*parts)


def _article_card(record: Record) -> tuple[Text, list[Text]]:
    heading = text(record["id"], "bold")
    source = source_label(record)
    details = [_published(record), "source unknown" if source == "unknown" else source]
    details.append(counted(record["statements"], "statement"))
    heading.append("  " + one_line(" \u00b7 ".join(details)))
    return heading, [text(record["title"] or "(untitled)", "italic"), text(record["file"], "dim")]


def role_span(role: Record) -> str:
    """When a role was held, as far as the data says: '2017-05-14 \u2013 2024-01-01',
    'from 2017-05-14', 'until 2024-01-01', or '' when it does not say."""
    start, until = role["from"], role["until"]
    if start and until:
        return f"{start} \u2013 {until}"
    if start:
        return f"from {start}"
    return f"until {until}" if until else ""


def _roles(record: Record) -> Text:
    roles = Text()
    for i, role in enumerate(record["roles"]):
        roles.append(("\n" if i else "") + one_line(role["title"]))
        span = role_span(role)
        if not role.get("speaks_for", True):
            span = f"{span}; {NOT_SPEAKING_FOR}" if span else NOT_SPEAKING_FOR
        if span:
            roles.append(f" ({span})", style="dim")
    return roles


def _actor_card(record: Record) -> tuple[Text, list[Text]]:
    heading = text(record["name"], "bold")
    heading.append(f"  [{one_line(record['id'])}]", style="dim")
    statements = counted(record["statements"], "statement")
    heading.append(f"  {one_line(record['kind'])} \u00b7 {statements}")
    body = [_roles(record)] if record["roles"] else []
    if record["aliases"]:
        body.append(text("also: " + ", ".join(record["aliases"]), "dim"))
    return heading, body


def actors(records: list[Record], *, colour: bool, width: int | None) -> str:
    """A table on a wide colour terminal, cards elsewhere; the id always stands apart."""
    if not (colour and (width or 0) >= TABLE_MIN_WIDTH):
        return to_text([_cards(_actor_card(r) for r in records)], colour=colour, width=width)
    table = list_table(colour)
    table.expand = True
    table.add_column("Actor", ratio=2)
    table.add_column("Id", no_wrap=True)
    table.add_column("Kind", no_wrap=True)
    table.add_column("Roles", ratio=3)
    table.add_column("Aliases", ratio=3)
    table.add_column("Statements", justify="right", no_wrap=True)
    for r in records:
        table.add_row(
            text(r["name"], "bold"),
            text(r["id"]),
            text(r["kind"]),
            _roles(r),
            text(", ".join(r["aliases"]), "dim"),
            text(r["statements"]),
        )
    return to_text([table], colour=colour, width=width)
