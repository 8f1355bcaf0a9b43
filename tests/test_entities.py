"""Beyond governments: entities of every kind, roles that do not speak for their entity,
accounts naming a different speaker, and articles' authors and wire services."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import VALID, Loader, line_of
from stancectl import cli, query
from stancectl.loader import load
from stancectl.model import EntityKind
from stancectl.records import Records, records_of
from stancectl.views import GroupBy, Lane

ELECTION_ARTICLE = (
    "Hacking inquiry widens\n\n"
    "WASHINGTON: The Department of Homeland Security and the Office of the Director of "
    "National Intelligence said in a joint statement that the US government is \u201cconfident "
    "that the Russian Government directed the recent compromises\u201d.\n\n"
    "Senator Lindsey Graham said the hacks were \u201can attack on our democracy\u201d and that "
    "sanctions were needed.\n\n"
    "In November Graham said that \u201csanctions would be premature\u201d.\n\n"
    "Homeland Security Secretary Jeh Johnson said the government was \u201cconfident\u201d of "
    "Russian involvement.\n\n"
    "The Trump campaign said the claims were \u201cridiculous\u201d.\n"
)

ELECTION = """\
version: 1
topics:
  - id: sanctions
    question: Should the United States sanction Russia over the 2016 election hacks?
  - id: hacking
    question: Did the Russian government direct the 2016 election hacks?
stances:
  - id: against
    label: against sanctions
    score: -1
  - id: for
    label: for sanctions
    score: 1
  - id: confident
    label: confident Russia directed it
    score: 1
  - id: dismisses
    label: dismisses the claims
    score: -1
entities:
  - id: us
    name: United States
    kind: state
  - id: trump-campaign
    name: Trump campaign
    kind: campaign
    aliases: [the Trump campaign]
  - id: senate
    name: United States Senate
    kind: legislature
actors:
  - id: graham
    name: Lindsey Graham
    aliases: [Senator Lindsey Graham, Graham]
    roles:
      - title: Senator from South Carolina
        government: us
        speaks_for: false
  - id: johnson
    name: Jeh Johnson
    aliases: [Homeland Security Secretary Jeh Johnson]
    roles:
      - title: Secretary of Homeland Security
        government: us
        from: 2013-12
        until: 2017-01
articles:
  - id: hacking-inquiry
    file: article.txt
    title: Hacking inquiry widens
    outlet: The Daily Example
    authors: [Ann Writer, Bob Reporter]
    via: AP
    published: 2016-12
statements:
  - id: us-sanctions
    government: us
    topic: sanctions
    stance: for
    said_on: 2016-10
    evidence:
      - article: hacking-inquiry
        quote: the US government is "confident that the Russian Government directed
        attribution: paraphrase
  - id: graham-against
    actor: graham
    topic: sanctions
    stance: against
    said_on: 2016-11
    evidence:
      - article: hacking-inquiry
        quote: In November Graham said that "sanctions would be premature"
        attribution: direct
  - id: graham-for
    actor: graham
    topic: sanctions
    stance: for
    said_on: 2016-12-15
    evidence:
      - article: hacking-inquiry
        quote: Senator Lindsey Graham said the hacks were "an attack on our democracy"
        attribution: direct
  - id: us-confident
    government: us
    topic: hacking
    stance: confident
    said_on: 2016-10-07
    evidence:
      - article: hacking-inquiry
        quote: said in a joint statement that the US government is "confident
        attribution: indirect
      - article: other-report
        quote: Jeh Johnson said the government was "confident"
        attribution: indirect
        differs:
          actor: johnson
  - id: campaign-dismisses
    government: trump-campaign
    topic: hacking
    stance: dismisses
    said_on: 2016-12
    evidence:
      - article: hacking-inquiry
        quote: The Trump campaign said the claims were "ridiculous"
        attribution: indirect
"""

OTHER_REPORT = """\
  - id: other-report
    file: other.txt
    published: 2016-12-20
"""


@pytest.fixture
def election(tmp_path: Path) -> Path:
    (tmp_path / "article.txt").write_text(ELECTION_ARTICLE, encoding="utf-8")
    (tmp_path / "other.txt").write_text(
        "Homeland Security Secretary Jeh Johnson said the government was \u201cconfident\u201d "
        "of Russian involvement.\n",
        encoding="utf-8",
    )
    data = tmp_path / "stances.yaml"
    data.write_text(ELECTION.replace("statements:\n", OTHER_REPORT + "statements:\n"), "utf-8")
    return data


@pytest.fixture
def records(election: Path) -> Records:
    dataset, report = load(election)
    assert dataset is not None and not report.problems, report.problems
    return records_of(dataset)


def run_cli(args: list[str], data: Path, capsys: pytest.CaptureFixture[str]) -> str:
    code = cli.run([*args, "--data", str(data), "--no-cache"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


# --- entities and their kinds ---------------------------------------------------------------


def test_entities_have_kinds_and_old_kinds_still_load(load_text: Loader) -> None:
    text = VALID.replace("    name: France\n", "    name: France\n    kind: state\n").replace(
        "    name: Russia\n", "    name: Russia\n    kind: international-organisation\n"
    )
    dataset, report = load_text(text)
    assert dataset is not None and not report.problems
    assert dataset.governments["fr"].kind is EntityKind.GOVERNMENT
    assert dataset.governments["ru"].kind is EntityKind.ORGANISATION


def test_entities_may_be_listed_under_either_key_or_both(load_text: Loader) -> None:
    under_entities = VALID.replace("governments:\n", "entities:\n")
    dataset, report = load_text(under_entities)
    assert dataset is not None and not report.problems
    assert set(dataset.governments) == {"fr", "ru"}
    both = VALID.replace(
        "  - id: ru\n    name: Russia\n",
        "entities:\n  - id: ru\n    name: Russia\n    kind: government\n",
    )
    dataset, report = load_text(both)
    assert dataset is not None and not report.problems
    assert set(dataset.governments) == {"fr", "ru"}


def test_an_entity_in_both_lists_is_a_duplicate(load_text: Loader) -> None:
    text = VALID.replace("actors:\n", "entities:\n  - id: fr\n    name: France\nactors:\n")
    _, report = load_text(text)
    [problem] = report.errors
    assert problem.code == "duplicate-id"
    assert problem.line == line_of(text, "  - id: fr", 2)
    assert f"first at line {line_of(text, '  - id: fr')}" in problem.message


def test_an_unknown_kind_names_the_kinds(load_text: Loader) -> None:
    text = VALID.replace("    name: France\n", "    name: France\n    kind: country\n")
    _, report = load_text(text)
    [problem] = report.errors
    assert problem.line == line_of(text, "kind: country")
    for kind in ("government", "legislature", "party", "campaign", "media"):
        assert kind in problem.message


def test_records_say_each_entitys_kind(records: Records) -> None:
    kinds = {r["id"]: r["government"]["kind"] for r in records.statements if r["government"]}
    assert kinds["campaign-dismisses"] == "campaign"
    assert kinds["us-sanctions"] == "government"


def test_views_say_government_only_for_governments(
    records: Records, election: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mixed = run_cli(["who-said", "-f", "markdown"], election, capsys)
    assert mixed.startswith("| Date | Entity | Actor |")
    only_us = run_cli(["who-said", "-f", "markdown", "--government", "us"], election, capsys)
    assert only_us.startswith("| Date | Government | Actor |")
    shown = run_cli(["show", "campaign-dismisses"], election, capsys)
    assert "Campaign" in shown and "Trump campaign" in shown and "Government" not in shown
    ungrouped = query.who_said_document(records, group_by=GroupBy.ENTITY)
    assert ungrouped["group_by"] == "entity"
    labels = [group["key"] for group in ungrouped["groups"]]
    assert labels == ["United States", "Trump campaign"]


def test_entity_filter_and_grouping_on_the_command_line(
    election: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    by_entity = json.loads(
        run_cli(["who-said", "--entity", "trump campaign", "-f", "json"], election, capsys)
    )
    assert [r["id"] for r in by_entity["statements"]] == ["campaign-dismisses"]
    by_government = json.loads(
        run_cli(["who-said", "--government", "trump-campaign", "-f", "json"], election, capsys)
    )
    assert by_government == by_entity
    grouped = run_cli(["who-said", "--group-by", "entity"], election, capsys)
    assert "Trump campaign (1)" in grouped and "United States (4)" in grouped
    timeline = json.loads(run_cli(["timeline", "--by", "entity", "-f", "json"], election, capsys))
    assert timeline["by"] == "entity"


# --- roles that do not speak for their entity -------------------------------------------------


def test_a_senators_change_is_his_own_not_the_governments(records: Records) -> None:
    document = query.timeline_document(records, by=Lane.ENTITY)
    changes = {r["id"]: r["change"] for r in document["statements"] if r["change"]}
    # graham-against (Nov) is no change of the US position (for, October): he does not
    # speak for the US; graham-for (Dec) is a change of his own earlier position
    assert set(changes) == {"graham-for"}
    change = changes["graham-for"]
    assert (change["lane"], change["lane_by"], change["personal"]) == ("graham", "actor", True)
    assert change["previous"] == "graham-against"
    assert {r["id"] for r in document["statements"]} >= {"graham-against", "graham-for"}
    speaker = next(r for r in records.statements if r["id"] == "graham-for")["actor"]
    assert speaker["speaks_for"] is False


def test_the_same_statements_count_for_the_entity_when_the_role_speaks_for_it(
    election: Path,
) -> None:
    election.write_text(
        election.read_text("utf-8").replace("        speaks_for: false\n", ""), "utf-8"
    )
    dataset, _ = load(election)
    assert dataset is not None
    changes = {
        r["id"]: r["change"]
        for r in query.timeline(records_of(dataset), by=Lane.GOVERNMENT)
        if r["change"]
    }
    assert set(changes) == {"graham-against", "graham-for"}
    assert changes["graham-against"]["lane"] == "us"
    assert changes["graham-against"]["personal"] is False


def test_a_personal_change_says_so_in_text(
    election: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = " ".join(run_cli(["timeline"], election, capsys).split())
    assert "(toward support, since 2016-11; the speaker's own, not on behalf of an entity)" in out


# --- an account naming a different speaker ----------------------------------------------------


def test_diff_reports_a_different_speaker_as_a_conflict(records: Records) -> None:
    document = query.diff(records, "hacking-inquiry", "other-report")
    [conflict] = document["conflicts"]
    assert conflict["id"] == "us-confident"
    assert conflict["fields"] == ["speaker"]
    assert (conflict["a"]["actor"], conflict["b"]["actor"]) == (None, "johnson")
    assert conflict["b"]["reported"] == {"actor": "johnson"}


def test_a_different_speaker_must_be_a_known_actor(
    election: Path, write_data: Callable[..., Path]
) -> None:
    text = election.read_text("utf-8").replace("actor: johnson\n", "actor: jonson\n")
    election.write_text(text, "utf-8")
    _, report = load(election)
    [problem] = report.errors
    assert problem.code == "unknown-ref" and problem.line == line_of(text, "actor: jonson")
    assert problem.message == "unknown actor 'jonson'; did you mean 'johnson'?"


# --- authors and wire services ----------------------------------------------------------------


def test_articles_name_their_authors_and_wire_service(
    records: Records,
    election: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # the table's cells on one line each
    article = records.articles["hacking-inquiry"]
    assert (article["authors"], article["via"]) == (["Ann Writer", "Bob Reporter"], "AP")
    assert records.articles["other-report"]["authors"] == []
    expected = "The Daily Example, by Ann Writer and Bob Reporter, via AP"
    assert expected in run_cli(["articles", "-f", "markdown"], election, capsys)
    assert expected in run_cli(["articles"], election, capsys)
    rows = list(csv.DictReader(io.StringIO(run_cli(["articles", "-f", "csv"], election, capsys))))
    row = next(r for r in rows if r["id"] == "hacking-inquiry")
    assert (row["authors"], row["via"]) == ("Ann Writer; Bob Reporter", "AP")


def test_the_new_keys_are_added_to_the_versioned_documents(records: Records) -> None:
    articles = query.articles_document(records)
    assert articles["schema"] == "stancectl.articles/1"
    assert {"authors", "via"} <= set(articles["articles"][0])
    actors = query.actors_document(records)
    assert actors["schema"] == "stancectl.actors/1"
    graham = next(a for a in actors["actors"] if a["id"] == "graham")
    assert [role["speaks_for"] for role in graham["roles"]] == [False]
    johnson = next(a for a in actors["actors"] if a["id"] == "johnson")
    assert (johnson["roles"][0]["from"], johnson["roles"][0]["until"]) == (
        "2013-12-01",
        "2017-01-31",
    )


def test_show_and_actors_say_who_does_not_speak_for_their_entity(
    election: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    shown = run_cli(["show", "graham-for"], election, capsys)
    assert "United States (the speaker does not speak for it)" in shown
    assert "does not speak for it" not in run_cli(["show", "us-sanctions"], election, capsys)
    listed = run_cli(["actors", "-f", "markdown"], election, capsys)
    assert "Senator from South Carolina (? to now, does not speak for it)" in listed
    assert "does not speak for it" in run_cli(["actors"], election, capsys)
