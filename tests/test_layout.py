"""Text layouts people read: tables never cut an id, a header or a title in two (cards when
they would), list views read well in a pipe, and card headings wrap under themselves."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

import stancectl
from conftest import BUNDLED, VALID
from stancectl import query
from stancectl.render import cards, listings, terminal
from stancectl.render.fields import date_label

ANSI = re.compile(r"\x1b\[[0-9;]*m")
HEADERS = ["Date", "Government", "Actor", "Stance", "Quote", "Articles", "Where"]


def _plain(text: str) -> str:
    return ANSI.sub("", text)


def _tokens(text: str) -> set[str]:
    return {token.strip(",") for token in text.split()}


@pytest.fixture(scope="module")
def bundled() -> stancectl.Records:
    return stancectl.load(BUNDLED)


@pytest.mark.parametrize("width", [140, 160, 200, 260])
@pytest.mark.parametrize("government", [None, "poland"])
def test_statement_tables_never_break_ids_or_headers(
    bundled: stancectl.Records, width: int, government: str | None
) -> None:
    filters = query.Filters.parse(bundled, governments=[government] if government else ())
    statements = query.who_said(bundled, filters)
    out = _plain(terminal.who_said(statements, None, colour=True, width=width))
    tokens = _tokens(out)
    ids = {e["article"] for r in statements for e in r["evidence"]}
    assert ids <= tokens
    header = next((line for line in out.splitlines() if line.split()[:1] == ["Date"]), None)
    if header is None:  # cards: every statement id whole, in brackets
        assert {f"[{r['id']}]" for r in statements} <= tokens
    else:
        entity = header.split()[1]  # 'Government', or 'Entity' when not all are governments
        assert header.split() == [HEADERS[0], entity, *HEADERS[2:]]
        widest = max(len(date_label(r["said_on"], r["date_precision"])) for r in statements)
        # the Date column is as wide as its widest date and the gap before the next column
        assert header.index(entity) - header.index("Date") == widest + 3


def test_a_table_is_used_where_it_fits(bundled: stancectl.Records) -> None:
    filters = query.Filters.parse(bundled, governments=["poland"])
    statements = query.who_said(bundled, filters)
    out = _plain(terminal.who_said(statements, None, colour=True, width=160))
    assert any(line.split() == HEADERS for line in out.splitlines())


@pytest.mark.parametrize("colour", [False, True])
@pytest.mark.parametrize("width", [None, 80])
def test_articles_in_a_pipe_or_a_narrow_terminal_keep_titles_and_ids_whole(
    bundled: stancectl.Records, colour: bool, width: int | None
) -> None:
    records = query.articles_document(bundled)["articles"]
    out = listings.articles(records, colour=colour, width=width)
    lines = [line.strip() for line in _plain(out).splitlines()]
    for record in records:
        assert any(line.startswith(record["id"] + "  ") for line in lines)
        if record["title"]:
            assert record["title"] in lines
        assert record["file"] in lines


def _actor_records(write_data: Callable[..., Path], yaml_text: str) -> list[dict[str, object]]:
    records: list[dict[str, object]] = query.actors_document(stancectl.load(write_data(yaml_text)))[
        "actors"
    ]
    return records


def test_actors_in_a_pipe_set_the_id_apart_and_read_undated_roles_sensibly(
    write_data: Callable[..., Path],
) -> None:
    text = VALID.replace("        from: 2017-05-14\n", "")
    out = listings.actors(_actor_records(write_data, text), colour=False, width=None)
    lines = out.splitlines()
    assert "Emmanuel Macron  [macron]  person \u00b7 1 statement" in lines
    assert "  President of France" in lines  # no date known: no '(? \u2013)'
    assert "  Kremlin spokesman (from 2012-05-22)" in lines
    assert "?" not in out


def test_a_role_with_both_ends_shows_its_span(write_data: Callable[..., Path]) -> None:
    text = VALID.replace("from: 2012-05-22\n", "from: 2012-05-22\n        until: 2030-01-01\n")
    out = listings.actors(_actor_records(write_data, text), colour=False, width=None)
    assert "  Kremlin spokesman (2012-05-22 \u2013 2030-01-01)" in out.splitlines()


def test_actors_on_a_wide_terminal_have_an_id_column(bundled: stancectl.Records) -> None:
    records = query.actors_document(bundled)["actors"]
    out = _plain(listings.actors(records, colour=True, width=200))
    header = out.splitlines()[1].split()
    assert header == ["Actor", "Id", "Kind", "Roles", "Aliases", "Statements"]
    assert {r["id"] for r in records} <= _tokens(out)


LONG_SPEAKER = VALID.replace("name: Dmitry Peskov", "name: " + " ".join(["Dmitry Peskov"] * 6))


@pytest.mark.parametrize("painter", ["plain", "rich"])
def test_a_long_card_heading_wraps_under_itself(
    write_data: Callable[..., Path], painter: str
) -> None:
    statements = stancectl.who_said(stancectl.load(write_data(LONG_SPEAKER)))
    if painter == "plain":
        out = cards.who_said(statements, None, width=50)
    else:
        out = _plain(terminal.who_said(statements, None, colour=True, width=50))
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("2024-02-27  Russia"))
    continued = lines[start + 1]
    assert continued.startswith(" " * len("2024-02-27  ") + "Dmitry")
