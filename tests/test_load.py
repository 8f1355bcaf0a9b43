"""The loader reports every kind of problem at the line of the node that caused it."""

from __future__ import annotations

import datetime as dt

from conftest import VALID, Loader, line_of, problem_table
from stancectl.evidence import ArticleMatcher, MatchLevel
from stancectl.problems import Problem, Report


def only(report: Report, code: str) -> Problem:
    found = [p for p in report.problems if p.code == code]
    assert len(found) == 1, report.sorted()
    return found[0]


def test_valid_data_loads_without_problems(load_text: Loader) -> None:
    dataset, report = load_text()
    assert report.problems == []
    assert dataset is not None
    assert list(dataset.statements) == ["macron-not-ruled-out", "peskov-warns"]
    assert dataset.actors["macron"].role_on(dt.date(2024, 2, 26)) is not None
    assert dataset.lines["peskov-warns"] == line_of(VALID, "id: peskov-warns")


def test_yaml_syntax_error_is_positioned(load_text: Loader) -> None:
    text = VALID.replace("name: France", "name: [France")
    dataset, report = load_text(text)
    problem = only(report, "yaml-syntax")
    assert dataset is None
    assert problem.line >= line_of(text, "name: [France")
    assert problem.severity.value == "error"


def test_tab_indentation_gets_a_hint(load_text: Loader) -> None:
    text = VALID.replace("    question:", "\tquestion:")
    _, report = load_text(text)
    problem = only(report, "yaml-syntax")
    assert problem.line == line_of(text, "\tquestion:")
    assert "indent with spaces, not tabs" in problem.message


def test_a_tab_that_starts_a_line_gets_the_hint_too(load_text: Loader) -> None:
    # there the scanner says only "found character that cannot start any token"
    text = VALID.replace("  - id: fr\n", "\t- id: fr\n")
    _, report = load_text(text)
    problem = only(report, "yaml-syntax")
    assert (problem.line, problem.column) == (line_of(text, "\t- id: fr"), 1)
    assert "indent with spaces, not tabs" in problem.message


def test_unknown_key_is_an_error_with_a_suggestion(load_text: Loader) -> None:
    text = VALID.replace('        quote: "nothing', '        qoute: "nothing')
    _, report = load_text(text)
    unknown = only(report, "unknown-key")
    assert unknown.line == line_of(text, "qoute:")
    assert unknown.column == 9
    assert unknown.message == "unknown key 'qoute'; did you mean 'quote'?"
    assert unknown.key == "statements[0].evidence[0].qoute"
    missing = only(report, "missing-key")
    assert missing.message == "missing required key 'quote'"
    assert missing.line == line_of(text, "- article: paper")


def test_wrong_type_names_the_field(load_text: Loader) -> None:
    text = VALID.replace("score: -2", "score: very low")
    _, report = load_text(text)
    problem = only(report, "schema")
    assert problem.line == line_of(text, "score: very low")
    assert problem.message.startswith("score: Input should be a valid integer")
    assert "(got 'very low')" in problem.message


def test_impossible_date(load_text: Loader) -> None:
    text = VALID.replace("said_on: 2024-02-26", "said_on: 2024-02-30")
    _, report = load_text(text)
    problem = only(report, "schema")
    assert problem.line == line_of(text, "2024-02-30")
    assert "said_on" in problem.message
    assert "2024-02-30" in problem.message


def test_duplicate_mapping_key_is_not_silently_overwritten(load_text: Loader) -> None:
    text = VALID.replace("    name: France\n", "    name: France\n    name: Frankreich\n")
    _, report = load_text(text)
    problem = only(report, "duplicate-key")
    assert problem.line == line_of(text, "name: Frankreich")
    assert problem.message == (
        f"duplicate key 'name' (first at line {line_of(text, 'name: France')}); only one may stay"
    )


def test_duplicate_id(load_text: Loader) -> None:
    text = VALID.replace("id: peskov-warns", "id: macron-not-ruled-out")
    _, report = load_text(text)
    problem = only(report, "duplicate-id")
    assert problem.line == line_of(text, "id: macron-not-ruled-out", 2)
    first = line_of(text, "id: macron-not-ruled-out") - 0
    assert problem.message == (
        f"duplicate id 'macron-not-ruled-out' in statements (first at line {first})"
    )


def test_unknown_references_of_every_kind(load_text: Loader) -> None:
    text = (
        VALID.replace("    actor: peskov\n", "    actor: peskow\n")
        .replace("    stance: warns\n", "    stance: warning\n")
        .replace(
            "    topic: troops\n    stance: not-ruled-out",
            "    topic: troop\n    stance: not-ruled-out",
        )
        .replace("    government: fr\n    topic", "    government: france\n    topic")
        .replace(
            '      - article: paper\n        quote: "absolutely',
            '      - article: papers\n        quote: "absolutely',
        )
        .replace("        government: ru\n", "        government: rus\n")
    )
    _, report = load_text(text)
    messages = {(p.line, p.message) for p in report.problems if p.code == "unknown-ref"}
    assert messages == {
        (line_of(text, "actor: peskow"), "unknown actor 'peskow'; did you mean 'peskov'?"),
        (line_of(text, "stance: warning"), "unknown stance 'warning'; did you mean 'warns'?"),
        (line_of(text, "topic: troop"), "unknown topic 'troop'; did you mean 'troops'?"),
        (line_of(text, "article: papers"), "unknown article 'papers'; did you mean 'paper'?"),
        (line_of(text, "government: rus"), "unknown government 'rus'; did you mean 'ru'?"),
    }
    named = only(report, "name-not-id")  # 'france' is the name of the government 'fr'
    assert named.line == line_of(text, "government: france")
    assert named.message.endswith("did you mean 'fr'?")


def test_missing_article_file(load_text: Loader) -> None:
    text = VALID.replace("file: article.txt", "file: gone.txt")
    _, report = load_text(text)
    problem = only(report, "missing-file")
    assert problem.line == line_of(text, "file: gone.txt")
    assert problem.message.startswith("article 'paper' (")
    assert problem.message.endswith("gone.txt): file not found")


def test_statement_said_after_the_article_reporting_it(load_text: Loader) -> None:
    text = VALID.replace("said_on: 2024-02-27", "said_on: 2024-03-01")
    _, report = load_text(text)
    problem = only(report, "said-after-published")
    assert problem.line == line_of(text, "said_on: 2024-03-01")
    assert problem.message == (
        "said on 2024-03-01 (day), after article 'paper' reporting it was published (2024-02-27)"
    )


def test_vague_date_may_reach_past_publication(load_text: Loader) -> None:
    text = VALID.replace(
        "said_on: 2024-02-27", "said_on: 2024-02-28\n    date_precision: approximate"
    )
    _, report = load_text(text)
    assert report.problems == []


def test_role_ending_before_it_begins(load_text: Loader) -> None:
    text = VALID.replace("from: 2012-05-22", "from: 2012-05-22\n        until: 2001-01-01")
    _, report = load_text(text)
    problem = only(report, "role-dates")
    assert problem.line == line_of(text, "until: 2001-01-01")
    assert "ends (2001-01-01) before it begins (2012-05-22)" in problem.message


def test_statement_needs_a_speaker(load_text: Loader) -> None:
    text = VALID.replace("    actor: peskov\n", "")
    _, report = load_text(text)
    problem = only(report, "no-speaker")
    assert problem.line == line_of(text, "- id: peskov-warns")


def test_stance_limited_to_other_topics(load_text: Loader) -> None:
    text = VALID.replace(
        "topics:\n  - id: troops\n",
        "topics:\n  - id: ammo\n    question: Buy ammunition outside the EU?\n  - id: troops\n",
    ).replace("label: warns of consequences", "label: warns of consequences\n    topics: [ammo]")
    _, report = load_text(text)
    problem = only(report, "stance-topic")
    assert problem.line == line_of(text, "stance: warns")


# --- quote matching levels -------------------------------------------------------------------


def test_exact_quote(load_text: Loader) -> None:
    dataset, _ = load_text()
    assert dataset is not None
    found = dataset.matches[("macron-not-ruled-out", 0)]
    assert found.level is MatchLevel.EXACT
    assert found.passage(dataset.texts["paper"]) == "nothing can be ruled out"


def test_normalised_quote_folds_typography_and_spacing(load_text: Loader) -> None:
    text = VALID.replace(
        'quote: "nothing can be ruled out"',
        "quote: 'said on Monday that \"nothing  can be ruled out\"'",
    )
    dataset, report = load_text(text)
    assert report.problems == []
    assert dataset is not None
    assert dataset.matches[("macron-not-ruled-out", 0)].level is MatchLevel.NORMALISED
    quote = dataset.statements["macron-not-ruled-out"].evidence[0].quote
    found = ArticleMatcher(dataset.texts["paper"]).locate(quote)
    assert found.level is MatchLevel.NORMALISED
    assert found.passage(dataset.texts["paper"]) == (
        "said on Monday that \u201cnothing can be ruled out\u201d"
    )


def test_case_is_not_typography(load_text: Loader) -> None:
    text = VALID.replace(
        'quote: "nothing can be ruled out"', "quote: 'said on monday that nothing can be ruled out'"
    )
    _, report = load_text(text)
    problem = only(report, "quote-altered")
    assert "'monday' where the article has 'Monday' (a changed date)" in problem.message


def test_altered_quote_is_an_error_with_the_closest_passage(load_text: Loader) -> None:
    text = VALID.replace("nothing can be ruled out", "nothing could be ruled out")
    dataset, report = load_text(text)
    problem = only(report, "quote-altered")
    assert problem.severity.value == "error"
    assert problem.line == line_of(text, "nothing could be ruled out")
    assert problem.message.startswith("quote differs from article 'paper': ")
    assert "'could' where the article has 'can'" in problem.message
    assert "closest passage: 'nothing can be ruled out'" in problem.message
    assert dataset is not None
    assert dataset.matches[("macron-not-ruled-out", 0)].level is MatchLevel.ALTERED


def test_missing_quote_is_an_error(load_text: Loader) -> None:
    text = VALID.replace("nothing can be ruled out", "troops will be sent next week for sure")
    _, report = load_text(text)
    problem = only(report, "quote-missing")
    assert problem.severity.value == "error"
    assert problem.line == line_of(text, "troops will be sent")
    assert problem.message.startswith("quote not found in article 'paper'")


def test_one_or_two_word_quote_is_a_warning(load_text: Loader) -> None:
    text = VALID.replace('quote: "nothing can be ruled out"', 'quote: "ruled out"')
    _, report = load_text(text)
    assert problem_table(report) == [
        (line_of(text, 'quote: "ruled out"'), "warning", "quote-short")
    ]


def test_a_section_shared_through_an_alias_is_validated_in_full(load_text: Loader) -> None:
    """Raw items are let go of as they are validated, but never when the data is shared."""
    shared = VALID.replace("topics:\n  - id: troops", "topics: &both\n  - id: troops").replace(
        "stances:\n  - id: rules-out\n    label: rules out troops\n    score: -2\n"
        "  - id: not-ruled-out\n    label: does not rule out\n    score: 1\n"
        "  - id: warns\n    label: warns of consequences\n",
        "stances: *both\n",
    )
    assert "stances: *both" in shared
    _, report = load_text(shared)
    codes = {(p.code, p.key) for p in report.problems}
    assert ("unknown-key", "stances[0].question") in codes  # a topic read as a stance
    assert ("missing-key", "stances[0].label") in codes


def test_a_boolean_score_is_an_error_not_one(load_text: Loader) -> None:
    # YAML reads `true` as a boolean: taken as 1, it would turn "rules out" into support
    text = VALID.replace("score: -2", "score: true")
    _, report = load_text(text)
    problem = only(report, "schema")
    assert problem.line == line_of(text, "score: true")
    assert problem.message.startswith("score: Input should be a valid integer")


def test_an_article_cited_only_by_an_invalid_statement_is_not_called_uncited(
    load_text: Loader,
) -> None:
    data = VALID.replace(
        "articles:\n", "articles:\n  - id: other\n    file: article.txt\n", 1
    ).replace(
        '      - article: paper\n        quote: "absolutely',
        '      - article: other\n        quote: "absolutely',
    )
    _, report = load_text(data)
    assert not report.problems  # the second article is cited: both load cleanly
    _, report = load_text(data.replace("attribution: direct", "atribution: direct", 2))
    codes = {p.code for p in report.problems}
    assert "unknown-key" in codes
    assert "uncited-article" not in codes  # its statement's own error says what is wrong


def test_an_empty_article_is_said_to_be_empty(load_text: Loader) -> None:
    _, report = load_text(VALID, article="\n\n  \n")
    empty = [p for p in report.problems if p.code == "article-empty"]
    assert len(empty) == 1
    assert empty[0].line == line_of(VALID, "file: article.txt")
    assert "holds no text" in empty[0].message
    assert {p.code for p in report.errors} == {"quote-missing"}  # its quotes are not found


def test_a_misspelt_choice_names_the_closest_one(load_text: Loader) -> None:
    text = VALID.replace("said_on: 2024-02-26", "said_on: 2024-02-26\n    date_precision: aprox")
    _, report = load_text(text)
    problem = only(report, "schema")
    assert problem.line == line_of(text, "date_precision: aprox")
    assert problem.message.endswith("(got 'aprox'); did you mean 'approximate'?")
