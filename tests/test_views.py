"""The views on the bundled data: exact output per format, JSON contracts, and the CLI's JSON
equal to what the library returns.

Exact outputs live in tests/golden/. After an intended change, regenerate them with
`STANCECTL_UPDATE_GOLDEN=1 pytest tests/test_views.py`: that run writes the files and fails, so
an update is never mistaken for a pass; read the diff, then run the tests again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import textwrap
from pathlib import Path
from typing import Any, ClassVar

import pytest

from conftest import BUNDLED
from stancectl import cli, query
from stancectl.cli import completion, output
from stancectl.loader import load
from stancectl.records import Records, records_of
from stancectl.render import as_json, cards
from stancectl.views import SortKey

GOLDEN = Path(__file__).parent / "golden"
FIRST_TWO = ("danilov-open-to-nato", "european-leaders-reject")
"""Two bundled articles, by id."""
UPDATE = bool(os.environ.get("STANCECTL_UPDATE_GOLDEN"))


@pytest.fixture(scope="module")
def dataset() -> Records:
    loaded, report = load(BUNDLED)
    assert loaded is not None and not report.errors
    return records_of(loaded)


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str], expect: int = 0) -> str:
    code = cli.run([*args, "--data", str(BUNDLED)])
    out, err = capsys.readouterr()
    assert code == expect, err
    return out


@pytest.fixture(autouse=True)
def plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Output as in a pipe, at a fixed width, from the repository root (paths as users see them)."""
    monkeypatch.setenv("COLUMNS", "140")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.chdir(BUNDLED.parent)


GOLDEN_CASES = {
    "who-said.txt": ["who-said"],
    "who-said-rules-out.md": ["who-said", "rules out", "-f", "markdown"],
    "who-said-by-government.txt": ["who-said", "--group-by", "government", "--topic", "troops"],
    "who-said.csv": ["who-said", "-f", "csv"],
    "timeline.txt": ["timeline"],
    "timeline.md": ["timeline", "-f", "markdown"],
    "diff-000-003.txt": ["diff", "000", "003"],
    "diff-001-003.md": ["diff", "001", "003", "-f", "markdown"],
    "articles.txt": ["articles"],
    "actors.md": ["actors", "-f", "markdown"],
    "show-sikorski.txt": ["show", "sikorski-not-unthinkable"],
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_exact_output(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = run_cli(GOLDEN_CASES[name], capsys)
    golden = GOLDEN / name
    if UPDATE:
        golden.write_text(out, encoding="utf-8")
        pytest.fail(f"wrote {golden}: read the diff, then run without STANCECTL_UPDATE_GOLDEN")
    assert out == golden.read_text(encoding="utf-8")
    assert "\x1b" not in out  # no escape codes in a pipe


# --- JSON: contracts and equality with the library ------------------------------------------------

STATEMENT_KEYS = {
    "id",
    "topic",
    "actor",
    "government",
    "stance",
    "said_on",
    "date_precision",
    "where",
    "occasion",
    "summary",
    "note",
    "evidence",
}
EVIDENCE_KEYS = {"article", "file", "quote", "match", "attribution", "via", "differs"}


def assert_statement_contract(record: dict[str, Any]) -> None:
    assert set(record) >= STATEMENT_KEYS
    actor_keys = {"id", "name", "role", "speaks_for"}  # speaks_for: added in schema /1
    assert record["actor"] is None or set(record["actor"]) == actor_keys
    assert record["government"] is None or set(record["government"]) == {"id", "name", "kind"}
    assert set(record["stance"]) == {"id", "label", "score"}
    assert record["evidence"]
    for evidence in record["evidence"]:
        assert set(evidence) == EVIDENCE_KEYS
        assert evidence["match"] in {"exact", "normalised", "elided"}


def test_who_said_contract_and_equality(
    dataset: Records, capsys: pytest.CaptureFixture[str]
) -> None:
    printed = json.loads(run_cli(["who-said", "-f", "json"], capsys))
    assert set(printed) == {"schema", "count", "statements"}
    assert printed["schema"] == "stancectl.who-said/1"
    assert printed["count"] == len(printed["statements"]) == len(dataset.statements)
    for record in printed["statements"]:
        assert_statement_contract(record)
    assert printed == query.who_said_document(dataset)


def test_who_said_filters_match_the_library(
    dataset: Records, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [
        "who-said",
        "not rule out",
        "--government",
        "France",
        "--since",
        "2024-02-27",
        "-f",
        "json",
    ]
    printed = json.loads(run_cli(args, capsys))
    filters = query.Filters.parse(
        dataset, stances=["not rule out"], governments=["France"], since=dt.date(2024, 2, 27)
    )
    assert printed == query.who_said_document(dataset, filters)
    assert printed["count"] >= 1
    assert {r["government"]["id"] for r in printed["statements"]} == {"france"}


def test_timeline_contract_and_equality(
    dataset: Records, capsys: pytest.CaptureFixture[str]
) -> None:
    printed = json.loads(run_cli(["timeline", "-f", "json"], capsys))
    assert set(printed) == {"schema", "by", "count", "changes", "statements"}
    assert printed["schema"] == "stancectl.timeline/1"
    for record in printed["statements"]:
        assert_statement_contract(record)
        assert "change" in record
    changes = [r["change"] for r in printed["statements"] if r["change"]]
    assert printed["changes"] == len(changes) > 0
    for change in changes:
        assert set(change) == {
            "lane",
            "lane_by",
            "personal",
            "previous",
            "from",
            "to",
            "direction",
            "since",
            "since_precision",
        }
    assert printed == query.timeline_document(dataset)


def test_diff_contract_and_equality(dataset: Records, capsys: pytest.CaptureFixture[str]) -> None:
    printed = json.loads(run_cli(["diff", "001", "003", "-f", "json"], capsys))
    assert set(printed) == {
        "schema",
        "a",
        "b",
        "both",
        "only_a",
        "only_b",
        "conflicts",
        "unrecorded_mentions",
    }
    assert printed["schema"] == "stancectl.diff/1"
    for record in printed["both"]:
        assert {"a", "b"} <= set(record)
    for conflict in printed["conflicts"]:
        assert set(conflict) == {"id", "fields", "a", "b"}
        assert set(conflict["fields"]) <= {"date", "where", "stance", "speaker", "wording"}
    a, b = printed["a"]["id"], printed["b"]["id"]
    assert printed == query.diff(dataset, a, b)


@pytest.mark.parametrize(
    ("command", "schema"),
    [
        (["articles"], "stancectl.articles/1"),
        (["actors"], "stancectl.actors/1"),
        (["show", "sikorski-not-unthinkable"], "stancectl.show/1"),
    ],
)
def test_other_views_are_versioned(
    command: list[str], schema: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert json.loads(run_cli([*command, "-f", "json"], capsys))["schema"] == schema


# --- what the views must show ---------------------------------------------------------------------


def test_timeline_flags_polands_change_of_position(dataset: Records) -> None:
    changes = [
        r["change"]
        for r in query.timeline(dataset)
        if r["change"] and r["government"] and r["government"]["name"] == "Poland"
    ]
    assert len(changes) == 1
    change = changes[0]
    assert change["from"]["label"] == "rules out troops"
    assert change["to"]["label"] == "does not rule out"
    assert change["direction"] == "toward support"


def test_diff_shows_the_conflicting_dates_of_macrons_remark(dataset: Records) -> None:
    document = query.diff(
        dataset, query.resolve_article(dataset, "000"), query.resolve_article(dataset, "003")
    )
    conflict = next(
        c for c in document["conflicts"] if c["id"] == "macron-does-not-rule-out-troops"
    )
    assert "date" in conflict["fields"]
    assert {conflict["a"]["said_on"], conflict["b"]["said_on"]} == {"2024-02-26", "2024-02-27"}


def test_diff_shows_the_wording_conflict_of_macrons_words(dataset: Records) -> None:
    document = query.diff(dataset, "european-leaders-reject", "danilov-open-to-nato")
    conflict = next(
        c for c in document["conflicts"] if c["id"] == "macron-does-not-rule-out-troops"
    )
    assert conflict["fields"] == ["wording"]


def test_words_printed_without_quotation_marks_are_not_compared_as_direct_quotes(
    dataset: Records,
) -> None:
    # one article prints Peskov's words as a free-standing sentence, without quotation marks
    document = query.diff(
        dataset, query.resolve_article(dataset, "001"), query.resolve_article(dataset, "003")
    )
    assert "peskov-conflict-inevitable" in {r["id"] for r in document["both"]}
    assert "peskov-conflict-inevitable" not in {c["id"] for c in document["conflicts"]}


@pytest.mark.parametrize(
    ("typed", "actor"),
    [
        ("Radoslaw", "sikorski"),
        ("radosław sikorski", "sikorski"),
        ("Macron", "macron"),
        ("the French leader", "macron"),
        ("PESKOV", "peskov"),
    ],
)
def test_names_match_ignoring_case_and_accents_and_through_aliases(
    dataset: Records, typed: str, actor: str
) -> None:
    assert query.resolve_actor(dataset, typed) == actor


@pytest.mark.parametrize(
    ("typed", "stance"),
    [
        ("rules out", "rules-out-troops"),
        ("not rule out", "does-not-rule-out"),
        ("does-not-rule-out", "does-not-rule-out"),
    ],
)
def test_stances_by_id_or_part_of_label(dataset: Records, typed: str, stance: str) -> None:
    assert query.resolve_stance(dataset, typed) == stance


def test_articles_by_id_file_name_or_prefix(dataset: Records) -> None:
    by_prefix = query.resolve_article(dataset, "002")
    assert by_prefix == query.resolve_article(dataset, "002_942448c536809d1f.txt")
    assert query.resolve_article(dataset, by_prefix) == by_prefix


def test_ambiguous_or_unknown_names_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    run_cli(["who-said", "rule"], capsys, expect=2)
    cli.run(["who-said", "rule", "--data", str(BUNDLED)])
    err = capsys.readouterr().err
    assert "ambiguous" in err and "does-not-rule-out" in err
    cli.run(["who-said", "--actor", "Makron", "--data", str(BUNDLED)])
    assert "no actor matches 'Makron'; closest: macron" in capsys.readouterr().err


def test_no_results_are_said_plainly(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_cli(["who-said", "--since", "2030-01-01"], capsys)
    assert out == "No statements match these filters.\n"
    printed = json.loads(run_cli(["who-said", "--since", "2030-01-01", "-f", "json"], capsys))
    assert printed["count"] == 0


def test_filters_combine(dataset: Records) -> None:
    everyone = query.who_said(dataset)
    french = query.who_said(dataset, query.Filters.parse(dataset, governments=["france"]))
    french_macron = query.who_said(
        dataset, query.Filters.parse(dataset, governments=["france"], actors=["macron"])
    )
    assert len(everyone) > len(french) > len(french_macron) > 0
    assert all(r["actor"]["id"] == "macron" for r in french_macron)
    two = query.Filters.parse(dataset, actors=["macron", "peskov"])
    assert {r["actor"]["id"] for r in query.who_said(dataset, two)} == {"macron", "peskov"}


def test_csv_has_one_row_per_statement_and_parses(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_cli(["who-said", "-f", "csv"], capsys)
    rows = list(csv.DictReader(io.StringIO(out)))
    printed = json.loads(run_cli(["who-said", "-f", "json"], capsys))
    assert [r["id"] for r in rows] == [s["id"] for s in printed["statements"]]


def test_colour_only_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(output, "stdout_is_terminal", lambda: True)
    assert "\x1b[" in run_cli(["who-said"], capsys)
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run_cli(["who-said"], capsys)


def test_shell_completion_offers_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    complete = completion.completer("actors")

    class Context:
        params: ClassVar[dict[str, Any]] = {"data": BUNDLED}

    assert "sikorski" in complete(Context(), "sik")  # type: ignore[arg-type]
    assert complete(Context(), "zzz") == []  # type: ignore[arg-type]


def test_articles_are_named_by_prefix_never_by_a_fragment(dataset: Records) -> None:
    with pytest.raises(
        query.LookupFailedError, match="no article id or file name starts with '52'"
    ):
        query.resolve_article(dataset, "52")


def test_a_vague_date_next_to_a_day_is_not_a_change(dataset: Records) -> None:
    flagged = [r["id"] for r in query.timeline(dataset) if r["change"]]
    assert flagged == ["sikorski-not-unthinkable"]
    only_sikorski = query.timeline(dataset, query.Filters.parse(dataset, actors=["sikorski"]))
    assert [r["id"] for r in only_sikorski if r["change"]] == ["sikorski-not-unthinkable"]


def test_diff_accounts_say_only_what_each_article_reports(dataset: Records) -> None:
    document = query.diff(
        dataset, query.resolve_article(dataset, "000"), query.resolve_article(dataset, "003")
    )
    both = next(r for r in document["both"] if r["id"] == "macron-does-not-rule-out-troops")
    assert "where" not in both["a"]["reported"] and "where" not in both["b"]["reported"]
    assert both["b"]["reported"]["said_on"] == "2024-02-27"


def test_markdown_show_keeps_the_spaces_around_the_highlight(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = run_cli(["show", "macron-does-not-rule-out-troops", "-f", "markdown"], capsys)
    assert "reached. **The French leader" in out
    assert "“cannot be ruled out”** as European" in out


@pytest.mark.parametrize("width", [40, 100, 200])
def test_an_account_ending_in_its_differences_renders_at_any_width(width: int) -> None:
    from stancectl.render import terminal

    account = {
        "quotes": ["We keep every option on the table, troops included"],
        "reported": {"where": "Berlin"},
        "note": None,
        "said_on": "2021-01-01",
        "date_precision": "day",
        "where": "Berlin",
        "occasion": None,
        "stance": "x",
        "attribution": ["direct"],
    }
    cell = terminal._account_cell(account)
    assert cell.plain.endswith("reports differently: places it at Berlin")
    rendered = terminal.to_text([cell], colour=True, width=width)
    assert "Berlin" in rendered


def test_every_pair_of_bundled_articles_diffs_in_every_layout(dataset: Records) -> None:
    """Each layout names both articles and says how many statements fall in each section."""
    from stancectl.render import terminal

    ids = list(dataset.articles)
    for a in ids:
        for b in ids:
            if a != b:
                document = query.diff(dataset, a, b)
                for colour, width in ((False, 80), (True, 200)):
                    shown = terminal.diff(document, colour=colour, width=width)
                    plain = " ".join(re.sub(r"\x1b\[[0-9;]*m", "", shown).split())
                    assert f"A: {a}" in plain and f"B: {b}" in plain
                    assert f"Both report ({len(document['both'])})" in plain
                    assert f"Only in A: {a} ({len(document['only_a'])})" in plain
                    assert f"Only in B: {b} ({len(document['only_b'])})" in plain


@pytest.mark.parametrize("pretty", [True, False])
def test_json_is_what_the_standard_library_writes(dataset: Records, pretty: bool) -> None:
    """orjson writes the JSON for speed; it must be byte for byte the standard library's."""
    documents = [
        query.who_said_document(dataset),
        query.timeline_document(dataset),
        query.diff(dataset, *FIRST_TWO),
        query.show(dataset, "sikorski-not-unthinkable"),
    ]
    for document in documents:
        layout: dict[str, Any] = {"indent": 2} if pretty else {"separators": (",", ":")}
        expected = json.dumps(document, ensure_ascii=False, **layout) + "\n"
        assert as_json.to_json(document, pretty=pretty) == expected.encode()


def test_the_records_are_read_only_to_the_views(dataset: Records) -> None:
    """One set of records serves every view in turn: views copy what they add to."""
    before = json.dumps(dataset.as_plain())
    flagged = [r["id"] for r in query.timeline(dataset) if r["change"]]
    query.who_said(dataset, query.Filters.parse(dataset, search="Sikorski"), SortKey.STANCE)
    shown = query.show(dataset, "sikorski-not-unthinkable")
    query.diff(dataset, *FIRST_TWO)
    query.actors_document(dataset)
    assert flagged and shown["statement"]["line"] and json.dumps(dataset.as_plain()) == before


@pytest.mark.parametrize(
    "line",
    [
        "",
        "   ",
        "short",
        "  lead",
        "trail  ",
        "a\tb",
        "a\rb\x0bc\x0cd",
        "x " * 60,
        "word " * 3 + "\u00a0end",
        "é" * 99,
    ],
)
def test_lines_that_fit_are_filled_as_textwrap_fills_them(line: str) -> None:
    """Lines that fit skip textwrap; the output must be what textwrap would have made."""
    wrap = textwrap.TextWrapper(width=100, subsequent_indent="  ", break_on_hyphens=False)
    for indent in ("", "  "):
        wrap.initial_indent = indent
        assert cards.fill(wrap, line) == wrap.fill(line)
