"""The errors a curator meets every day: each says where and what to write instead."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import VALID, Loader, line_of
from stancectl.dates import DatePrecision
from stancectl.problems import Problem, Report
from stancectl.records import records_of


def errors_of(report: Report, code: str) -> list[Problem]:
    return [p for p in report.errors if p.code == code]


# --- dates known to the month or the year ---------------------------------------------------


@pytest.mark.parametrize(
    ("written", "day", "precision"),
    [
        ("2024-02", dt.date(2024, 2, 1), DatePrecision.MONTH),
        ("2024", dt.date(2024, 1, 1), DatePrecision.YEAR),
        ('"2024"', dt.date(2024, 1, 1), DatePrecision.YEAR),
        ("2024-02-26", dt.date(2024, 2, 26), DatePrecision.DAY),
    ],
)
def test_month_and_year_dates_take_their_precision_from_their_shape(
    load_text: Loader, written: str, day: dt.date, precision: DatePrecision
) -> None:
    text = VALID.replace("said_on: 2024-02-26", f"said_on: {written}")
    dataset, report = load_text(text)
    assert dataset is not None and not report.errors, report.problems
    statement = dataset.statements["macron-not-ruled-out"]
    assert (statement.said_on, statement.date_precision) == (day, precision)


def test_a_month_date_may_be_given_a_coarser_precision_but_not_a_finer_one(
    load_text: Loader,
) -> None:
    coarser = VALID.replace("said_on: 2024-02-26", "said_on: 2024-02\n    date_precision: year")
    dataset, report = load_text(coarser)
    assert dataset is not None and not report.errors
    assert dataset.statements["macron-not-ruled-out"].date_precision is DatePrecision.YEAR
    finer = VALID.replace("said_on: 2024-02-26", "said_on: 2024-02\n    date_precision: day")
    _, report = load_text(finer)
    [problem] = errors_of(report, "date-precision")
    assert problem.line == line_of(finer, "date_precision: day")
    assert "'day' contradicts said_on '2024-02'" in problem.message
    assert "leave date_precision out, or write the day" in problem.message


def test_published_and_differing_dates_take_month_precision_too(load_text: Loader) -> None:
    text = VALID.replace("published: 2024-02-27", "published: 2024-02").replace(
        '        quote: "nothing can be ruled out"',
        '        quote: "nothing can be ruled out"\n        differs:\n          said_on: 2024-02',
    )
    dataset, report = load_text(text)
    assert dataset is not None and not report.errors, report.problems
    article = dataset.articles["paper"]
    assert (article.published, article.published_precision.value) == (dt.date(2024, 2, 1), "month")
    account = dataset.statements["macron-not-ruled-out"].evidence[0].differs
    assert account is not None and account.date_precision is DatePrecision.MONTH
    record = records_of(dataset).statements[0]
    assert record["evidence"][0]["differs"]["date_precision"] == "month"


def test_role_periods_written_as_years_cover_the_whole_year(load_text: Loader) -> None:
    text = VALID.replace("from: 2017-05-14", "from: 2017\n        until: 2024")
    dataset, report = load_text(text)
    assert dataset is not None and not report.errors
    [role] = dataset.actors["macron"].roles
    assert (role.start, role.until) == (dt.date(2017, 1, 1), dt.date(2024, 12, 31))


@pytest.mark.parametrize("written", ["26/02/2024", "Feb 2024", "2024-2-26", "24-02-26"])
def test_other_date_shapes_are_told_how_to_write_dates(load_text: Loader, written: str) -> None:
    text = VALID.replace("said_on: 2024-02-26", f"said_on: {written}")
    _, report = load_text(text)
    [problem] = report.errors
    assert problem.line == line_of(text, "said_on: ")
    assert "write dates as YYYY-MM-DD (or YYYY-MM, YYYY)" in problem.message


def test_an_impossible_day_is_named_as_such(load_text: Loader) -> None:
    text = VALID.replace("said_on: 2024-02-26", "said_on: 2024-02-30")
    _, report = load_text(text)
    [problem] = report.errors
    assert "no such day in the calendar" in problem.message and "'2024-02-30'" in problem.message


def test_an_invalid_published_date_is_one_error_not_one_per_citation(load_text: Loader) -> None:
    text = VALID.replace("published: 2024-02-27", "published: 27 February 2024")
    _, report = load_text(text)
    assert [(p.line, p.code) for p in report.errors] == [
        (line_of(text, "published: 27 February"), "schema")
    ]
    assert "write dates as YYYY-MM-DD" in report.errors[0].message


# --- names written where an id belongs ------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "hint"),
    [
        ("    actor: peskov\n", "    actor: Dmitry Peskov\n", "did you mean 'peskov'?"),
        ("    actor: macron\n", "    actor: the French leader\n", "did you mean 'macron'?"),
        ("    actor: macron\n", "    actor: Macron\n", "did you mean 'macron'?"),
        ("    government: fr\n    topic", "    government: France\n    topic", "'fr'?"),
        ("    government: fr\n    topic", "    government: france\n    topic", "'fr'?"),
        ("        government: ru\n", "        government: Russia\n", "did you mean 'ru'?"),
        ("      - article: paper\n", "      - article: article\n", "did you mean 'paper'?"),
        ("    stance: warns\n", "    stance: Warns of consequences\n", "'warns'?"),
        ("    stance: warns\n", "    stance: warns of consequences\n", "'warns'?"),
    ],
)
def test_a_name_where_an_id_belongs_suggests_the_id(
    load_text: Loader, old: str, new: str, hint: str
) -> None:
    text = VALID.replace(old, new, 1)
    _, report = load_text(text)
    [problem] = report.errors
    assert problem.code == "name-not-id"
    assert problem.line == line_of(text, new.strip().splitlines()[0])
    assert problem.message.endswith(hint)


# --- names typed on the command line match as whole names ----------------------------------


def test_an_actor_is_not_matched_through_a_name_inside_anothers_alias(
    load_text: Loader,
) -> None:
    from stancectl import query

    text = VALID.replace(
        "    name: Dmitry Peskov\n",
        "    name: Dmitry Peskov\n"
        "    aliases: [Russian President Vladimir Putin\u2019s spokesman]\n",
    ).replace(
        "actors:\n",
        "actors:\n  - id: putin\n    name: Vladimir Putin\n    aliases: [the Russian president]\n",
    )
    dataset, report = load_text(text)
    assert dataset is not None and not report.errors
    records = records_of(dataset)
    assert query.resolve_actor(records, "putin") == "putin"
    assert query.resolve_actor(records, "PUTIN") == "putin"
    assert query.resolve_actor(records, "vladimir putin") == "putin"
    assert query.resolve_actor(records, "putin\u2019s spokesman") == "peskov"
    assert query.resolve_actor(records, "Russian President Vladimir") == "peskov"
    with pytest.raises(query.LookupFailedError, match="no actor matches 'puti'"):
        query.resolve_actor(records, "puti")
    kept = query.who_said(records, query.Filters.parse(records, actors=["putin"]))
    assert kept == []  # Putin has no statement here; Peskov's are not his


def test_entities_match_as_whole_names_with_accents_and_case_ignored(load_text: Loader) -> None:
    from stancectl import query

    text = VALID.replace("    name: France\n", "    name: République française\n")
    dataset, _ = load_text(text)
    assert dataset is not None
    records = records_of(dataset)
    assert query.resolve_government(records, "republique") == "fr"
    assert query.resolve_government(records, "FRANÇAISE") == "fr"
    with pytest.raises(query.LookupFailedError):
        query.resolve_government(records, "fran")


# --- YAML syntax errors caused by quotation marks in news text ------------------------------

NOTHING_RULED_OUT = '        quote: "nothing can be ruled out"\n'


@pytest.mark.parametrize(
    ("written", "quote_mark", "advice"),
    [
        (
            '        quote: "Macron said "nothing" can be ruled out"\n',
            '"',
            "wrap it in single quotes, or use a block scalar `>-`",
        ),
        (
            '        quote: "Macron said that\n          "nothing" can be ruled out"\n',
            '"',
            "wrap it in single quotes, or use a block scalar `>-`",
        ),
        (
            "        quote: 'the Kremlin's view'\n",
            "'",
            "write it twice (`''`) inside single quotes",
        ),
    ],
)
def test_a_quote_mark_inside_a_quoted_value_says_how_to_write_it(
    load_text: Loader, written: str, quote_mark: str, advice: str
) -> None:
    text = VALID.replace(NOTHING_RULED_OUT, written)
    dataset, report = load_text(text)
    assert dataset is None
    [problem] = report.errors
    assert (problem.line, problem.column) == (line_of(text, written.splitlines()[0]), 16)
    assert problem.message.startswith(f"this quote contains a `{quote_mark}`: {advice}")


def test_an_unclosed_quoted_value_is_pointed_at_where_it_starts(load_text: Loader) -> None:
    text = VALID.replace(NOTHING_RULED_OUT, '        quote: "nothing can be ruled out\n')
    _, report = load_text(text)
    [problem] = report.errors
    assert problem.line == line_of(text, 'quote: "nothing can')
    assert 'opens with `"` and is not closed before line' in problem.message


def test_a_backslash_in_double_quotes_is_explained(load_text: Loader) -> None:
    text = VALID.replace(NOTHING_RULED_OUT, '        quote: "nothing \\can be ruled out"\n')
    _, report = load_text(text)
    [problem] = report.errors
    assert problem.line == line_of(text, "quote: ")
    assert "backslash" in problem.message and "wrap it in single quotes" in problem.message


def test_a_colon_in_a_plain_value_is_explained(load_text: Loader) -> None:
    text = VALID.replace(NOTHING_RULED_OUT, "        quote: he said: nothing can be ruled out\n")
    _, report = load_text(text)
    [problem] = report.errors
    assert problem.line == line_of(text, "quote: he said")
    assert "this ': ' as the start of a new key" in problem.message
    assert "if it is part of the text, wrap the value in quotes" in problem.message


def test_the_suggested_ways_of_writing_a_quote_all_load(load_text: Loader) -> None:
    article = 'Macron said "nothing" can be ruled out, and the Kremlin\'s view was clear.\n'
    for written in (
        "        quote: 'Macron said \"nothing\" can be ruled out'\n",
        '        quote: >-\n          Macron said "nothing" can be\n          ruled out\n',
        "        quote: 'the Kremlin''s view'\n",
    ):
        text = VALID.replace(NOTHING_RULED_OUT, written).replace(
            '"absolutely not in the interests of these countries"', "the Kremlin's view"
        )
        dataset, report = load_text(text, article)
        assert dataset is not None and not report.errors, (written, report.problems)


def test_a_quoted_value_never_closed_at_the_end_of_the_file(load_text: Loader) -> None:
    text = VALID + '    note: "unfinished\n'
    _, report = load_text(text)
    [problem] = report.errors
    assert problem.line == line_of(text, 'note: "unfinished')
    assert 'opens with `"` and is never closed: wrap it in single quotes' in problem.message


# --- attribution is stated on every piece of evidence ---------------------------------------


def test_evidence_without_attribution_is_an_error_not_a_direct_quote(load_text: Loader) -> None:
    text = VALID.replace("        attribution: direct\n", "", 1)
    dataset, report = load_text(text)
    [problem] = report.errors
    assert (problem.code, problem.line) == ("missing-key", line_of(text, "- article: paper"))
    assert problem.message == "missing required key 'attribution'"
    assert problem.key == "statements[0].evidence[0].attribution"
    assert dataset is not None and "macron-not-ruled-out" not in dataset.statements


def test_putin_on_the_command_line_is_putin_in_the_bundled_data(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json

    from conftest import BUNDLED
    from stancectl import cli

    code = cli.run(["who-said", "--actor", "putin", "-f", "json", "--data", str(BUNDLED)])
    out, err = capsys.readouterr()
    assert code == 0, err
    speakers = {r["actor"]["id"] for r in json.loads(out)["statements"]}
    assert "peskov" not in speakers


@pytest.mark.parametrize("precision", ["[day]", "{a: 1}", "7"])
def test_a_precision_of_the_wrong_type_beside_a_month_is_a_plain_schema_error(
    load_text: Loader, precision: str
) -> None:
    text = VALID.replace(
        "said_on: 2024-02-26", f"said_on: 2024-02\n    date_precision: {precision}"
    )
    _, report = load_text(text)
    [problem] = report.errors
    assert problem.line == line_of(text, "date_precision:")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=st.lists(
        st.text(alphabet="abc xyz,.'\"-:#", min_size=1, max_size=12), min_size=1, max_size=6
    )
)
def test_a_quote_typed_naively_loads_or_is_pointed_at_where_it_starts(words: list[str]) -> None:
    """Whatever news text is pasted between double quotes, the data either reads, or its first
    problem is on the line where the quote starts."""
    from stancectl.loader.yaml_reader import parse_yaml

    quote = " ".join(words)
    text = VALID.replace(NOTHING_RULED_OUT, f'        quote: "{quote}"\n')
    report = Report()
    parse_yaml(text, "stances.yaml", report)
    if report.problems:
        quote_line = line_of(text, "        quote: ")
        assert report.problems[0].line == quote_line, (quote, report.problems)


@settings(max_examples=40, deadline=None)
@given(
    year=st.integers(min_value=1000, max_value=9999),
    month=st.integers(min_value=1, max_value=12),
    precision=st.sampled_from([None, *DatePrecision]),
)
def test_any_month_date_reads_as_that_month_unless_given_a_finer_precision(
    year: int, month: int, precision: DatePrecision | None
) -> None:
    from stancectl.model import Statement

    raw = {
        "id": "s",
        "topic": "t",
        "stance": "x",
        "government": "g",
        "said_on": f"{year:04d}-{month:02d}",
        "evidence": [{"article": "a", "quote": "q", "attribution": "direct"}],
    }
    if precision is not None:
        raw["date_precision"] = precision.value
    if precision in (None, DatePrecision.MONTH, DatePrecision.YEAR):
        statement = Statement.model_validate(raw)
        assert statement.said_on == dt.date(year, month, 1)
        assert statement.date_precision is (precision or DatePrecision.MONTH)
    else:
        with pytest.raises(ValueError, match="contradicts said_on"):
            Statement.model_validate(raw)


def test_the_hint_finds_its_line_after_a_byte_order_mark_and_curly_quotes(
    load_text: Loader,
) -> None:
    text = "\ufeff" + VALID.replace(
        "question: Should Western", "question: \u201cShould\u201d Western"
    ).replace(NOTHING_RULED_OUT, '        quote: "Macron said "nothing" can be ruled out"\n')
    _, report = load_text(text)
    [problem] = report.errors
    assert problem.line == line_of(text, 'quote: "Macron said')
    assert problem.message.startswith('this quote contains a `"`')
