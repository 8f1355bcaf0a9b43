"""The Python API as README's "Use from Python" shows it, on ordinary inputs: names and dates
as a user writes them, ids that match nothing or several things, and data with errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

import stancectl
from conftest import BUNDLED, VALID
from stancectl import FilterValueError, LookupFailedError, Records
from stancectl.loader import load
from stancectl.model import Statement


@pytest.fixture(scope="module")
def records() -> Records:
    return stancectl.load(BUNDLED)


def test_show_takes_an_id_or_an_unambiguous_prefix(records: Records) -> None:
    assert stancectl.show(records, "sikorski-not")["statement"]["id"] == "sikorski-not-unthinkable"
    whole = stancectl.show(records, "sikorski-not-unthinkable")
    assert whole["statement"]["id"] == "sikorski-not-unthinkable"


def test_show_of_an_unknown_id_names_the_closest_choices(records: Records) -> None:
    with pytest.raises(LookupFailedError, match="no statement 'sikorski-not-unthinkabel'") as err:
        stancectl.show(records, "sikorski-not-unthinkabel")
    assert "closest: sikorski-not-unthinkable" in str(err.value)
    with pytest.raises(LookupFailedError, match="no statement 'nope'"):
        stancectl.show(records, "nope")


def test_show_of_an_ambiguous_prefix_names_what_it_matches(records: Records) -> None:
    with pytest.raises(LookupFailedError, match="statement 'sikorski' is ambiguous") as err:
        stancectl.show(records, "sikorski")
    assert "sikorski-not-unthinkable" in str(err.value)
    assert "sikorski-welcomes-french-initiative" in str(err.value)


def test_diff_takes_the_article_names_the_command_line_takes(records: Records) -> None:
    by_id = stancectl.diff(records, "ft-special-forces", "kremlin-not-in-interest")
    assert stancectl.diff(records, "000", "003") == by_id
    assert stancectl.diff(records, "seeds/000_df5fe8fdcd7a19b4.txt", "003_25035b92f0a22851") == (
        by_id
    )
    assert (by_id["a"]["id"], by_id["b"]["id"]) == ("ft-special-forces", "kremlin-not-in-interest")


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ("999", "003", "no article id or file name starts with '999'"),
        ("000", "0", "article '0' is ambiguous: it starts danilov-open-to-nato, "),
        ("000", "ft-special-forces", "both arguments name the article 'ft-special-forces'"),
    ],
)
def test_diff_of_articles_it_cannot_tell_apart_says_why(
    records: Records, first: str, second: str, message: str
) -> None:
    with pytest.raises(LookupFailedError) as err:
        stancectl.diff(records, first, second)
    assert message in str(err.value)


def test_since_and_until_take_iso_strings_as_dates(records: Records) -> None:
    as_text = stancectl.Filters.parse(records, since="2024-03-01", until="2024-03-08")
    as_dates = stancectl.Filters.parse(
        records, since=dt.date(2024, 3, 1), until=dt.datetime(2024, 3, 8, 12, 30)
    )
    assert as_text == as_dates
    assert (as_text.since, as_text.until) == (dt.date(2024, 3, 1), dt.date(2024, 3, 8))
    kept = stancectl.who_said(records, as_text)
    assert kept
    assert len(kept) < len(records.statements)
    assert all(s["said_on"] is not None for s in kept)
    assert all(
        "2024-02-29" < s["said_on"] < "2024-03-09" for s in kept if s["date_precision"] == "day"
    )


@pytest.mark.parametrize(
    ("since", "until", "first", "last"),
    [
        ("2024-03", "2024-03", dt.date(2024, 3, 1), dt.date(2024, 3, 31)),
        ("2024-02", "2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2024", "2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    ],
)
def test_a_month_or_a_year_stands_for_its_first_and_last_day(
    records: Records, since: str, until: str, first: dt.date, last: dt.date
) -> None:
    # as on the command line: `--since 2024-03 --until 2024-03` is the whole of March
    parsed = stancectl.Filters.parse(records, since=since, until=until)
    assert (parsed.since, parsed.until) == (first, last)


@pytest.mark.parametrize("given", ["2024-02-30", "2024-13", "1 March 2024", "", 20240301, 1.5])
def test_a_date_filter_that_is_not_a_date_is_refused_when_parsed(
    records: Records, given: object
) -> None:
    with pytest.raises(FilterValueError, match=r"since .* is not a date: "):
        stancectl.Filters.parse(records, since=given)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="until"):
        stancectl.Filters.parse(records, until=given)  # type: ignore[arg-type]


def test_one_name_given_as_a_string_is_one_name(records: Records) -> None:
    one = stancectl.Filters.parse(
        records, actors="macron", governments="Poland", topics="troops", stances="rules out"
    )
    listed = stancectl.Filters.parse(
        records, actors=["macron"], governments=["Poland"], topics=["troops"], stances=["rules out"]
    )
    assert one == listed
    assert one.actors == {"macron"}
    assert stancectl.Filters.parse(records, articles="000").articles == {"ft-special-forces"}


def test_a_data_error_names_an_error_not_a_warning_before_it(
    write_data: Callable[..., Path],
) -> None:
    uncited = VALID.replace("articles:\n", "articles:\n  - id: unused\n    file: article.txt\n", 1)
    broken = uncited.replace("stance: not-ruled-out", "stance: no-such-stance").replace(
        "actor: peskov", "actor: no-such-actor"
    )
    with pytest.raises(stancectl.DataError) as err:
        stancectl.load(write_data(broken))
    report = err.value.report
    assert len(report.errors) == 2
    assert "not cited by any statement" in report.sorted()[0].message  # the warning comes first
    first_error = min(report.errors, key=lambda p: (p.line, p.column))
    assert str(err.value) == f"{first_error.location()}: {first_error.message}"
    assert "no-such-stance" in str(err.value)


def test_records_given_the_same_fields_share_one_fields_set_that_stays_right() -> None:
    dataset, _ = load(BUNDLED)
    assert dataset is not None
    statements = list(dataset.statements.values())
    by_fields: dict[frozenset[str], list[Statement]] = {}
    for statement in statements:
        by_fields.setdefault(frozenset(statement.model_fields_set), []).append(statement)
    shared = max(by_fields.values(), key=len)
    assert len(shared) > 1
    assert all(s.__pydantic_fields_set__ is shared[0].__pydantic_fields_set__ for s in shared)
    # each record still says which fields it was given: every field that is not a default
    for statement in statements:
        given = {k for k, v in statement.__dict__.items() if v not in (None, [])}
        assert given - {"date_precision"} <= statement.model_fields_set
    before = set(shared[1].model_fields_set)
    unset = next(f for f in ("note", "summary", "occasion", "where") if f not in before)
    copied = shared[0].model_copy(update={unset: "changed"})
    assert unset in copied.model_fields_set
    assert shared[1].model_fields_set == before
