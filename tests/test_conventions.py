"""Options behave alike across commands: --stance for who-said as for timeline, one data file
for check, the format an --output file's name asks for, and counts in plain English."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

import stancectl
from conftest import BUNDLED, VALID
from stancectl import cli, query
from stancectl.problems import ExitCode


def _ids(args: list[str], capsys: pytest.CaptureFixture[str]) -> set[str]:
    assert cli.run([*args, "--data", str(BUNDLED), "-f", "json"]) == ExitCode.OK
    return {s["id"] for s in json.loads(capsys.readouterr().out)["statements"]}


def test_who_said_takes_stance_options_that_combine_with_the_argument(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ruled_out = _ids(["who-said", "rules-out-troops"], capsys)
    open_to = _ids(["who-said", "--stance", "open-to-troops"], capsys)
    assert ruled_out and open_to and not ruled_out & open_to
    assert _ids(["who-said", "--stance", "rules-out-troops"], capsys) == ruled_out
    both = ruled_out | open_to
    assert _ids(["who-said", "rules-out-troops", "--stance", "open-to-troops"], capsys) == both
    assert _ids(["who-said", "-s", "rules-out-troops", "-s", "open-to-troops"], capsys) == both
    assert _ids(["timeline", "-s", "rules-out-troops", "-s", "open-to-troops"], capsys) == both


def test_check_refuses_a_path_and_a_different_data_option(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    other = tmp_path / "other.yaml"
    other.write_text("version: 1\n", encoding="utf-8")
    assert cli.run(["--data", str(other), "check", str(BUNDLED)]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert err.startswith("stancectl: error: two data files given: ")
    assert str(other) in err and str(BUNDLED) in err


def test_check_accepts_a_path_and_the_same_data_option_or_the_environment(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli.run(["check", str(BUNDLED), "--data", str(BUNDLED.parent)]) == ExitCode.OK
    monkeypatch.setenv("STANCECTL_DATA", str(tmp_path / "elsewhere.yaml"))
    assert cli.run(["check", str(BUNDLED)]) == ExitCode.OK  # the argument overrides the variable
    assert "FAILED" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("name", "starts"),
    [("out.json", '{"schema":"stancectl.who-said/1"'), ("out.csv", "id,"), ("out.md", "|")],
)
def test_output_without_format_takes_the_format_of_its_extension(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, starts: str
) -> None:
    target = tmp_path / name
    assert cli.run(["who-said", "--data", str(BUNDLED), "-o", str(target)]) == ExitCode.OK
    assert target.read_text(encoding="utf-8").startswith(starts)


def test_an_explicit_format_wins_over_the_extension(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    args = ["who-said", "--data", str(BUNDLED), "-o", str(target), "-f", "json"]
    assert cli.run(args) == ExitCode.OK
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == "stancectl.who-said/1"


@pytest.mark.parametrize("name", ["out.txt", "out"])
def test_a_txt_output_or_one_without_extension_writes_the_table(tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    assert cli.run(["who-said", "--data", str(BUNDLED), "-o", str(target)]) == ExitCode.OK
    written = target.read_text(encoding="utf-8")
    assert "rules out troops" in written and not written.startswith(("{", "|", "id,", "<"))


def test_an_unknown_extension_is_a_usage_error_not_a_table_in_disguise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "x.xlsx"
    assert cli.run(["who-said", "--data", str(BUNDLED), "-o", str(target)]) == ExitCode.USAGE
    assert "no output format is written as .xlsx" in capsys.readouterr().err
    assert not target.exists()
    args = ["who-said", "--data", str(BUNDLED), "-o", str(target), "-f", "table"]
    assert cli.run(args) == ExitCode.OK  # asked for in so many words
    assert target.exists()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["who-said", "--group-by", "stance", "-f", "csv"], "--group-by has no CSV form"),
        (["timeline", "--lanes", "-f", "markdown"], "--lanes has no markdown form"),
        (["timeline", "--lanes", "-f", "csv"], "--lanes has no csv form"),
        (["timeline", "--lanes", "-f", "json"], "--lanes has no json form"),
        (["timeline", "--no-lanes", "-f", "svg"], "--no-lanes has no svg form"),
    ],
)
def test_an_option_the_format_cannot_show_is_a_usage_error(
    args: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.run([*args, "--data", str(BUNDLED)]) == ExitCode.USAGE
    captured = capsys.readouterr()
    assert said in captured.err and captured.out == ""


def test_group_by_groups_the_json_as_its_help_says(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    assert cli.run(["who-said", "--group-by", "stance", "-f", "json", "-d", str(BUNDLED)]) == 0
    assert json.loads(capsys.readouterr().out)["groups"]
    assert cli.run(["who-said", "--help"]) == ExitCode.OK
    out = " ".join(capsys.readouterr().out.replace("\u2502", " ").split())
    assert "One block per group (table, markdown; json: a list of groups)" in out


def test_format_help_says_the_extension_decides(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.run(["who-said", "--help"]) == ExitCode.OK
    out = " ".join(capsys.readouterr().out.replace("\u2502", " ").split())
    assert "from the --output file's extension" in out


def test_check_counts_are_in_plain_english(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Alice said: we will never agree.\n", encoding="utf-8")
    data = tmp_path / "stances.yaml"
    data.write_text(
        "version: 1\ntopics:\n  - id: t\n    question: Agree?\n"
        "stances:\n  - id: refuses\n    label: refuses\n    score: -1\n"
        "actors:\n  - id: alice\n    name: Alice\n"
        "articles:\n  - id: a\n    file: a.txt\n"
        "statements:\n  - id: s\n    topic: t\n    actor: alice\n    stance: refuses\n"
        "    said_on: 2024-01-02\n    evidence:\n      - article: a\n        attribution: direct\n"
        "        quote: we will never agree\n",
        encoding="utf-8",
    )
    assert cli.run(["check", str(data)]) == ExitCode.OK, capsys.readouterr().out
    assert capsys.readouterr().out.endswith(
        "ok: 0 errors, 0 warnings (1 statement, 1 article, 1 quote: 1 exact)\n"
    )


MACRON = "nothing can be ruled out"
PESKOV = "absolutely not in the interests of these countries"
VAGUE_DATES = (
    VALID.replace("published: 2024-02-27", "published: 2025-02-01").split("statements:\n")[0]
    + "statements:\n"
    + "".join(
        f"""\
  - id: {id_}
    actor: {actor}
    topic: troops
    stance: {stance}
    said_on: {day}
    date_precision: {precision}
    evidence:
      - article: paper
        attribution: direct
        quote: "{quote}"
"""
        for id_, actor, stance, day, precision, quote in (
            ("a-approx", "macron", "rules-out", "2024-02-27", "approximate", MACRON),
            ("b-week", "macron", "not-ruled-out", "2024-02-29", "week", MACRON),
            ("c-later", "macron", "rules-out", "2024-03-11", "day", MACRON),
            ("d-next-year", "macron", "rules-out", "2025-01-05", "day", MACRON),
            ("e-leap-day", "peskov", "warns", "2024-02-29", "day", PESKOV),
        )
    )
)


def test_a_week_sorts_by_its_first_day_and_changes_are_found_as_before(
    write_data: Callable[..., Path],
) -> None:
    records = stancectl.load(write_data(VAGUE_DATES))
    shown = query.timeline(records)
    assert [r["id"] for r in shown] == [
        "b-week",  # week of 2024-02-26, shown and sorted as its Monday
        "a-approx",  # ~2024-02-27
        "e-leap-day",
        "c-later",
        "d-next-year",
    ]
    changes = {r["id"]: r["change"] for r in shown if r["change"]}
    # the week and the approximate day may be the same day: never a change between them
    assert set(changes) == {"c-later"}
    assert changes["c-later"]["previous"] == "b-week"
    assert changes["c-later"]["direction"] == "toward opposition"


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--until", "2024-02"], {"a-approx", "b-week", "e-leap-day"}),  # to Feb 29
        (["--until", "2024"], {"a-approx", "b-week", "c-later", "e-leap-day"}),
        (["--since", "2024-04"], {"d-next-year"}),
        (["--since", "2025"], {"d-next-year"}),
        (["--since", "2024-03", "--until", "2024-12"], {"a-approx", "b-week", "c-later"}),
    ],
)
def test_since_and_until_take_a_month_or_a_year(
    write_data: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    options: list[str],
    expected: set[str],
) -> None:
    data = write_data(VAGUE_DATES)
    assert cli.run(["who-said", "--data", str(data), "-f", "json", *options]) == ExitCode.OK
    assert {s["id"] for s in json.loads(capsys.readouterr().out)["statements"]} == expected


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("2024-13", "there is no month 13"),
        ("24-02", "write it as YYYY-MM-DD, YYYY-MM or YYYY"),
        ("2024-2", "write it as YYYY-MM-DD, YYYY-MM or YYYY"),
        ("February", "write it as YYYY-MM-DD, YYYY-MM or YYYY"),
    ],
)
def test_a_date_option_that_is_no_period_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], value: str, says: str
) -> None:
    assert cli.run(["who-said", "--data", str(BUNDLED), "--since", value]) == ExitCode.USAGE
    assert says in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["who-said", "--bogus"], "No such option: --bogus (see `stancectl who-said --help`)"),
        (["timeline", "rules out"], "unexpected extra argument"),
        (["who-said", "-f", "xml"], "'xml' is not one of"),
        (["bogus"], "No such command 'bogus'"),
    ],
)
def test_parser_errors_speak_in_the_house_style(
    capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    assert cli.run(args) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert err.startswith("stancectl: error: ")
    assert says in err
    assert "Usage:" not in err and "Try '" not in err


def test_the_data_option_help_keeps_its_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.run(["who-said", "--help"]) == ExitCode.OK
    out = " ".join(capsys.readouterr().out.replace("\u2502", " ").split())
    assert "(default: ./stances.yaml, or $STANCECTL_DATA)." in out


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("who-said", "[STANCE]"),
        ("show", "STATEMENT"),
        ("check", "[PATH]"),
        ("diff", "A B"),
        ("add-article", "SOURCE"),
        ("suggest", "ARTICLE"),
        ("scan", "CORPUS"),
    ],
)
def test_arguments_are_named_in_capitals_like_every_metavar(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: str, usage: str
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    assert cli.run([command, "--help"]) == ExitCode.OK
    line = next(line for line in capsys.readouterr().out.splitlines() if "Usage:" in line)
    assert line.strip() == f"Usage: stancectl {command} [OPTIONS] {usage}"  # no {A}, {corpus}


@pytest.mark.parametrize("cached", [False, True])
def test_who_said_json_lists_a_week_by_its_first_day(
    write_data: Callable[..., Path], capsys: pytest.CaptureFixture[str], cached: bool
) -> None:
    data = write_data(VAGUE_DATES)
    args = ["who-said", "--data", str(data), "-f", "json"]
    if cached:  # a second run reads the stored JSON
        assert cli.run(args) == ExitCode.OK
        capsys.readouterr()
    assert cli.run(args) == ExitCode.OK
    ids = [s["id"] for s in json.loads(capsys.readouterr().out)["statements"]]
    assert ids[:2] == ["b-week", "a-approx"]


def test_an_svg_output_draws_the_timeline_chart(tmp_path: Path) -> None:
    target = tmp_path / "chart.svg"
    assert cli.run(["timeline", "--data", str(BUNDLED), "-o", str(target)]) == ExitCode.OK
    assert "<svg" in target.read_text(encoding="utf-8")[:200]
