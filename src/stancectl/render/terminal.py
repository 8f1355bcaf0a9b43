"""Tables for people, drawn with rich. Colour only on a terminal that wants it; in a pipe, the
same tables in plain text at a fixed width, so the layout is stable.

Every string from a user file enters rich as a `Text` (never parsed as markup), made inert first.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from stancectl.query import groups
from stancectl.records import key_quote
from stancectl.render.cards import card_lines
from stancectl.render.fields import (
    Record,
    actor_label,
    articles_label,
    change_label,
    date_label,
    entity_heading,
    entity_kind_label,
    entity_text,
    government_label,
    paragraph_pieces,
    quote_pieces,
    where_label,
)
from stancectl.render.safe import inert, one_line
from stancectl.render.style import PIPE_WIDTH, QUOTE_STYLES, stance_style, stance_symbol
from stancectl.views import GroupBy

TABLE_MIN_WIDTH = 140
"""Below this many columns a statement table wraps every cell into slivers: use cards."""


def text(value: object, style: str = "") -> Text:
    return Text(one_line(str(value)) if value is not None else "", style=style)


def stance_text(stance: Record) -> Text:
    return Text(
        f"{stance_symbol(stance['score'])} {one_line(stance['label'])}",
        style=stance_style(stance["score"]),
    )


def to_text(renderables: Sequence[RenderableType], *, colour: bool, width: int | None) -> str:
    console = Console(
        file=io.StringIO(),
        force_terminal=colour,
        color_system="auto" if colour else None,
        no_color=not colour,
        width=width or PIPE_WIDTH,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
    )
    for renderable in renderables:
        console.print(renderable)
    output = str(console.file.getvalue())  # type: ignore[attr-defined]
    # rich pads every line to the full width; in a file or a pipe that is just noise
    return "\n".join(line.rstrip(" ") for line in output.split("\n")).rstrip("\n") + "\n"


class _Table(Table):
    """A table whose cells wrap long words instead of cutting them: ids and quotes are evidence."""

    def add_column(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("overflow", "fold")
        super().add_column(*args, **kwargs)


def _table(title: str | None, colour: bool) -> Table:
    return _Table(
        title=Text(inert(title), style="bold") if title else None,
        title_justify="left",
        box=box.SIMPLE_HEAD if colour else box.ASCII2,
        header_style="bold" if colour else "",
        show_lines=False,
        expand=False,
    )


def list_table(colour: bool) -> Table:
    """An untitled table in the house style, for the articles and actors lists."""
    return _table(None, colour)


def _actor_cell(record: Record) -> Text:
    actor = record["actor"]
    if actor is None:
        return Text("")
    cell = text(actor["name"])
    if actor["role"]:
        cell.append("\n")
        cell.append(one_line(actor["role"]), style="dim")
    return cell


def _quote_cell(record: Record) -> Text:
    cell = Text()
    for piece, kind in quote_pieces(key_quote(record)):
        cell.append(piece, style=QUOTE_STYLES[kind])
    return cell


_FLEXIBLE = {"Actor": 3, "Stance": 3, "Change": 3, "Quote": 8, "Where": 3}  # share what is left


def statements_table(
    records: Iterable[Record], title: str | None, *, colour: bool, with_change: bool = False
) -> Table:
    """Date, the entity and Articles are never wrapped: ids are copied from here."""
    records = list(records)
    table = _table(title, colour)
    table.expand = True  # column ratios apply only to a table that fills the width
    table.add_column("Date", no_wrap=True)
    table.add_column(entity_heading(records), no_wrap=True)
    for name, ratio in _FLEXIBLE.items():
        if name == "Change" and not with_change:
            continue
        if name == "Where":
            table.add_column("Articles", no_wrap=True)
        table.add_column(name, ratio=ratio)
    for record in records:
        cells: list[RenderableType] = [
            text(date_label(record["said_on"], record["date_precision"])),
            text(government_label(record)),
            _actor_cell(record),
            stance_text(record["stance"]),
        ]
        if with_change:
            cells.append(text(change_label(record.get("change")), "bold yellow"))
        cells += [
            _quote_cell(record),
            Text("\n".join(one_line(a) for a in articles_label(record).split(", "))),
            text(where_label(record), "dim"),
        ]
        table.add_row(*cells)
    return table


def _longest_word(values: Iterable[str]) -> int:
    return max((len(word) for value in values for word in value.split()), default=0)


def table_fits(records: list[Record], width: int, *, with_change: bool = False) -> bool:
    """Whether the statement table fits `width` without breaking a header, an id or a word of
    a name or stance: the fixed columns at their widest, each flexible one at its share."""
    padding = 2  # a space either side of every cell
    fixed = [
        ["Date", *(date_label(r["said_on"], r["date_precision"]) for r in records)],
        [entity_heading(records), *(government_label(r) for r in records)],
        ["Articles", *(a for r in records for a in articles_label(r).split(", "))],
    ]
    fixed_width = sum(max(len(one_line(v)) for v in column) + padding for column in fixed)
    needs = {
        "Actor": _longest_word(["Actor", *(actor_label(r) or "" for r in records)]),
        "Stance": _longest_word(["Stance", *(r["stance"]["label"] for r in records)]) + 2,
        "Change": len("Change") if with_change else 0,
        "Quote": len("Quote"),
        "Where": _longest_word(["Where", *(where_label(r) for r in records)]),
    }
    ratios = {name: ratio for name, ratio in _FLEXIBLE.items() if needs[name]}
    flexible = width - fixed_width - 2  # the table's outer edges
    total = sum(ratios.values())
    return all(flexible * ratio // total - padding >= needs[n] for n, ratio in ratios.items())


def statement_cards(
    records: Iterable[Record], title: str | None, *, with_change: bool = False
) -> Group:
    """Cards painted by rich, with colour: for a narrow terminal."""
    parts: list[RenderableType] = []
    if title:
        parts.append(Text(inert(title), style="bold underline"))
    for record in records:
        heading, *body = card_lines(record, with_change=with_change)
        parts.append(_card_heading(heading))
        block = Group(*(Text.assemble(*line) for line in body))
        parts.append(Padding(block, (0, 0, 1, 2)))
    return Group(*parts)


def _card_heading(heading: list[tuple[str, str]]) -> Table:
    """The date, then the speaker, which wraps under itself rather than under the date."""
    (date, date_style), (speaker, speaker_style), *rest = heading
    grid = Table.grid(padding=(0, 0, 0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column()
    speaker_text = Text.assemble((speaker.lstrip(), speaker_style), *rest)
    grid.add_row(Text(date, style=date_style), speaker_text)
    return grid


def statements_view(
    records: list[Record],
    title: str | None,
    *,
    colour: bool,
    width: int | None,
    with_change: bool = False,
) -> RenderableType:
    """A table on a wide terminal, cards in a pipe or on a narrow one."""
    wide = colour and (width or 0) >= TABLE_MIN_WIDTH
    if wide and table_fits(records, width or 0, with_change=with_change):
        return statements_table(records, title, colour=colour, with_change=with_change)
    return statement_cards(records, title, with_change=with_change)


def who_said(
    records: list[Record], group_by: GroupBy | None, *, colour: bool, width: int | None
) -> str:
    """who-said on a terminal: tables when wide, cards when narrow."""
    blocks = groups(records, group_by) if group_by is not None else [("", records)]
    views = [
        statements_view(
            block, f"{label} ({len(block)})" if label else None, colour=colour, width=width
        )
        for label, block in blocks
    ]
    return to_text(views, colour=colour, width=width)


def timeline(
    records: list[Record], *, lanes: bool, by: str, colour: bool, width: int | None
) -> str:
    """timeline on a terminal, with the lane view below when asked for."""
    table = statements_view(records, None, colour=colour, width=width, with_change=True)
    text_out = to_text([table], colour=colour, width=width)
    return text_out + (lanes_text(records, by, colour=colour, width=width) if lanes else "")


def lanes_text(records: list[Record], by: str, *, colour: bool, width: int | None) -> str:
    return to_text(
        [Rule(style="dim"), lane_view(records, by, colour=colour)], colour=colour, width=width
    )


def _lane_of(record: Record, by: str) -> Record | None:
    """The row a statement goes in: its entity's, unless its speaker does not speak for the
    entity, whose statements then get a row of their own (as timeline counts them)."""
    actor = record["actor"]
    if by == "government" and actor is not None and not actor.get("speaks_for", True):
        return actor  # type: ignore[no-any-return]
    return record[by]  # type: ignore[no-any-return]


def lane_width(records: list[Record], by: str) -> int:
    """Columns the lane view needs: names, then up to twelve per distinct date."""
    names = [len(lane["name"]) for r in records if (lane := _lane_of(r, by))]
    days = {r["said_on"] for r in records if r["said_on"]}
    return (max(names) if names else 10) + 12 * len(days) + 8


def lane_view(records: list[Record], by: str, *, colour: bool) -> Group:
    """A row per government (or actor), a column per day, a mark per statement."""
    days = sorted({r["said_on"] for r in records if r["said_on"]})
    heading = entity_heading(records) if by == "government" else by.capitalize()
    legend = Text(
        f"Lanes by {heading.lower()}: \u25bc opposed  \u25a0 neutral  \u25b2 supportive  "
        "\u25c6 off the scale  ! change of position",
        style="bold",
    )
    table = _table(None, colour)
    table.add_column(heading, no_wrap=True)
    several_years = len({day[:4] for day in days}) > 1
    for day in days:
        table.add_column(
            Text(_day_heading(day, several_years), style="dim"), justify="center", no_wrap=True
        )
    lanes: dict[str, dict[str, list[Record]]] = {}
    names: dict[str, str] = {}
    for record in records:
        lane = _lane_of(record, by)
        if lane is None or record["said_on"] is None:
            continue
        names[lane["id"]] = lane["name"]
        lanes.setdefault(lane["id"], {}).setdefault(record["said_on"], []).append(record)
    for lane_id in sorted(lanes, key=lambda i: names[i]):
        row: list[RenderableType] = [text(names[lane_id])]
        for day in days:
            cell = Text()
            for record in lanes[lane_id].get(day, []):
                score = record["stance"]["score"]
                cell.append(stance_symbol(score), style=stance_style(score))
                if record.get("change"):
                    cell.append("!", style="bold yellow")
            row.append(cell)
        table.add_row(*row)
    return Group(legend, table)


def _day_heading(day: str, with_year: bool) -> str:
    parsed = dt.date.fromisoformat(day)
    return parsed.strftime("%d %b %y" if with_year else "%d %b")


def diff(document: Record, *, colour: bool, width: int | None) -> str:
    a, b = document["a"], document["b"]
    parts: list[RenderableType] = [
        text(f"A: {a['id']} ({a['file']})", "bold cyan"),
        text(f"B: {b['id']} ({b['file']})", "bold magenta"),
        Text(""),
    ]
    wide = colour and (width or 0) >= TABLE_MIN_WIDTH
    parts += _both_tables(document, colour) if wide else _both_cards(document)
    for key, label in (("only_a", f"Only in A: {a['id']}"), ("only_b", f"Only in B: {b['id']}")):
        records = document[key]
        title = f"{label} ({len(records)})"
        parts.append(statements_view(records, title, colour=colour, width=width))
    for side in ("a", "b"):
        mentions = document["unrecorded_mentions"][side]
        names = (
            ", ".join(
                m["name"] if m["as"] == m["name"] else f"{m['name']} (as \u201c{m['as']}\u201d)"
                for m in mentions
            )
            or "none"
        )
        parts.append(text(f"Named in {side.upper()} without a recorded statement: {names}", "dim"))
    return to_text([Group(*parts)], colour=colour, width=width)


def _both_cards(document: Record) -> list[RenderableType]:
    conflicts = {c["id"]: c["fields"] for c in document["conflicts"]}
    parts: list[RenderableType] = [
        Text(
            f"Both report ({len(document['both'])}), {len(conflicts)} with conflicting accounts",
            style="bold underline",
        )
    ]
    for record in document["both"]:
        heading = Text(one_line(record["id"]), style="bold")
        heading.append("  " + one_line(actor_label(record) or government_label(record)))
        settled = " \u00b7 ".join(
            part
            for part in (
                date_label(record["said_on"], record["date_precision"]),
                where_label(record),
            )
            if part
        )
        body: list[RenderableType] = [
            stance_text(record["stance"]),
            Text(f"recorded as: {one_line(settled)}", style="dim"),
        ]
        if record["id"] in conflicts:
            fields = ", ".join(conflicts[record["id"]])
            body.append(Text(f"! accounts differ in: {fields}", style="bold yellow"))
        accounts = Table.grid(padding=(0, 1))
        accounts.add_column(no_wrap=True)
        accounts.add_column()
        for side, style in (("a", "cyan"), ("b", "magenta")):
            accounts.add_row(
                Text(f"{side.upper()}:", style=f"bold {style}"), _account_cell(record[side])
            )
        body.append(accounts)
        parts += [heading, Padding(Group(*body), (0, 0, 1, 2))]
    return parts


def _both_tables(document: Record, colour: bool) -> list[RenderableType]:
    both = _table(f"Both report ({len(document['both'])})", colour)
    both.add_column("Statement", ratio=2)
    both.add_column("Stance", ratio=2)
    both.add_column("A's account", ratio=3)
    both.add_column("B's account", ratio=3)
    for record in document["both"]:
        both.add_row(
            _statement_cell(record),
            stance_text(record["stance"]),
            _account_cell(record["a"]),
            _account_cell(record["b"]),
        )
    conflicts = _table(f"Conflicts ({len(document['conflicts'])})", colour)
    conflicts.add_column("Statement")
    conflicts.add_column("Differs in")
    conflicts.add_column("A says", ratio=3)
    conflicts.add_column("B says", ratio=3)
    for conflict in document["conflicts"]:
        fields = conflict["fields"]
        conflicts.add_row(
            text(conflict["id"]),
            text(", ".join(fields), "bold yellow"),
            _conflict_cell(conflict["a"], fields),
            _conflict_cell(conflict["b"], fields),
        )
    return [both, conflicts]


def _statement_cell(record: Record) -> Text:
    cell = text(record["id"], "bold")
    speaker = actor_label(record) or government_label(record)
    if speaker:
        cell.append("\n" + one_line(speaker), style="dim")
    return cell


def _account_cell(account: Record) -> Text:
    """An article's account: its quotes, and only what it reports differently from the
    statement's settled account (the rest is the statement's, shown once in its heading)."""
    lines = [Text(one_line(quote), style="italic") for quote in account["quotes"]]
    own = account["reported"]
    details = []
    if "said_on" in own or "date_precision" in own:
        details.append("dates it " + date_label(account["said_on"], account["date_precision"]))
    for name, label in (
        ("where", "places it at "),
        ("occasion", "occasion: "),
        ("stance", "stance: "),
    ):
        if name in own:
            details.append(label + str(own[name]))
    if details:
        lines.append(Text("reports differently: " + one_line("; ".join(details)), style="yellow"))
    if account["note"]:
        lines.append(Text("note: " + one_line(account["note"]), style="dim"))
    return Text("\n").join(lines)


def _conflict_cell(account: Record, fields: list[str]) -> Text:
    own = account["reported"]

    def marked(name: str, value: str) -> str:
        return value if name in own else f"{value} (the statement's)"

    lines = []
    if "date" in fields:
        label = date_label(account["said_on"], account["date_precision"])
        lines.append(
            label if "said_on" in own or "date_precision" in own else f"{label} (the statement's)"
        )
    if "where" in fields:
        lines.append(marked("where", account["where"] or ""))
    if "stance" in fields:
        lines.append(marked("stance", account["stance"]))
    if "wording" in fields:
        lines += account["quotes"]
    return Text("\n".join(one_line(line) for line in lines))


def show(document: Record, *, colour: bool, width: int | None) -> str:
    record = document["statement"]
    header = Table.grid(padding=(0, 2))
    header.add_column(style="bold")
    header.add_column()
    rows: list[tuple[str, Any]] = [
        ("Statement", text(record["id"], "bold")),
        ("Topic", text(record["topic"])),
        ("Who", text(actor_label(record) or "\u2014")),
        (entity_kind_label(record), text(entity_text(record) or "\u2014")),
        ("Stance", stance_text(record["stance"])),
        ("Said", text(date_label(record["said_on"], record["date_precision"]))),
        ("Where", text(record["where"] or "\u2014")),
    ]
    rows += [
        (label, text(record[key]))
        for label, key in (("Occasion", "occasion"), ("Summary", "summary"), ("Note", "note"))
        if record[key]
    ]
    for label, value in rows:
        header.add_row(label, value)
    parts: list[RenderableType] = [header]
    for evidence in record["evidence"]:
        title = f"{evidence['article']} ({evidence['file']}) \u00b7 {evidence['attribution']}"
        if evidence["via"]:
            title += f" \u00b7 via {evidence['via']}"
        title += f" \u00b7 {evidence['match'] or 'unchecked'} match"
        parts.append(Rule(Text(inert(title), style="bold"), align="left", style="dim"))
        context = evidence["context"]
        if context is None:
            parts.append(text(f"{evidence['quote']} (not found in the article)", "red"))
        else:
            paragraph = Text()
            for piece, matched in paragraph_pieces(context):
                shown = inert(piece, keep_newlines=True)
                if matched and not colour:  # mark the quote where there is no highlight
                    shown = f"\u00bb{shown}\u00ab"
                paragraph.append(shown, style="bold black on yellow" if matched and colour else "")
            parts.append(paragraph)
        if evidence["differs"]:
            differs = ", ".join(f"{k}: {v}" for k, v in evidence["differs"].items())
            parts.append(text(f"This article differs: {differs}", "yellow"))
    return to_text(parts, colour=colour, width=width)
