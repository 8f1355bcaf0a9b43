"""How the views show evidence: exactly the matched words highlighted, elided quotes and the
curator's bracketed insertions shown as such."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ARTICLE, VALID
from stancectl import cli

WriteData = Callable[..., Path]

ELIDED = "Macron said ... \u201cnothing can be ruled out\u201d"
INSERTED = "[The French president] said on Monday"


def with_quotes(write_data: WriteData, first: str, second: str | None = None) -> Path:
    text = VALID.replace('"nothing can be ruled out"', json.dumps(first))
    if second is not None:
        text = text.replace(
            '"absolutely not in the interests of these countries"', json.dumps(second)
        )
    return write_data(text)


def run(data: Path, capsys: pytest.CaptureFixture[str], *command: str) -> str:
    """The command's output, its lines joined (plain output wraps at the terminal width)."""
    assert cli.run([*command, "--data", str(data)]) == 0
    out = capsys.readouterr().out
    return out if "json" in command else " ".join(out.split())


def test_show_marks_each_quoted_segment_and_not_what_was_left_out(
    write_data: WriteData, capsys: pytest.CaptureFixture[str]
) -> None:
    data = with_quotes(write_data, ELIDED)
    out = run(data, capsys, "show", "macron-not-ruled-out")
    assert "\u00b7 elided match" in out
    assert (
        "French President Emmanuel \u00bbMacron said\u00ab on Monday that "
        "\u00bb\u201cnothing can be ruled out\u201d\u00ab in the development" in out
    )


def test_show_as_json_gives_the_matched_spans(
    write_data: WriteData, capsys: pytest.CaptureFixture[str]
) -> None:
    data = with_quotes(write_data, ELIDED)
    document = json.loads(run(data, capsys, "show", "macron-not-ruled-out", "-f", "json"))
    evidence = document["statement"]["evidence"][0]
    assert evidence["match"] == "elided"
    context = evidence["context"]
    paragraph = context["before"] + context["quote"] + context["after"]
    assert [paragraph[a:b] for a, b in context["spans"]] == [
        "Macron said",
        "\u201cnothing can be ruled out\u201d",
    ]


def test_show_as_markdown_puts_each_segment_in_bold(
    write_data: WriteData, capsys: pytest.CaptureFixture[str]
) -> None:
    data = with_quotes(write_data, ELIDED)
    out = run(data, capsys, "show", "macron-not-ruled-out", "-f", "markdown")
    assert (
        "> PARIS: French President Emmanuel **Macron said** on Monday that "
        "**\u201cnothing can be ruled out\u201d** in the development of the situation." in out
    )


def test_show_highlights_whole_words_of_a_normalised_quote(
    write_data: WriteData, capsys: pytest.CaptureFixture[str]
) -> None:
    data = with_quotes(write_data, 'Macron said on Monday that "nothing can be ruled out"')
    out = run(data, capsys, "show", "macron-not-ruled-out")
    assert "\u00b7 normalised match" in out
    assert (
        "Emmanuel \u00bbMacron said on Monday that \u201cnothing can be ruled out\u201d\u00ab in"
        in out
    )


def test_an_insertion_is_shown_as_the_curators_words(
    write_data: WriteData, capsys: pytest.CaptureFixture[str]
) -> None:
    data = with_quotes(write_data, INSERTED)
    out = run(data, capsys, "who-said", "--actor", "macron")
    assert "[The French president] said on Monday (elided match)" in out
    shown = run(data, capsys, "show", "macron-not-ruled-out")
    assert "\u00bbsaid on Monday\u00ab that" in shown  # the insertion is not in the article


def test_show_gives_a_window_of_a_huge_one_line_paragraph(
    write_data: WriteData, capsys: pytest.CaptureFixture[str]
) -> None:
    filler = "word " * 100_000
    data = write_data(article=filler + ARTICLE.replace("\n", " ") + filler)
    for output_format in ("table", "markdown", "csv"):
        out = run(data, capsys, "show", "macron-not-ruled-out", "-f", output_format)
        assert len(out) < 3_000, output_format
        assert "\u2026word word" in out and "word word\u2026" in out, output_format
    document = json.loads(run(data, capsys, "show", "macron-not-ruled-out", "-f", "json"))
    context = document["statement"]["evidence"][0]["context"]
    assert context["before"].startswith("\u2026word ") and context["before"].endswith("that \u201c")
    assert context["after"].startswith("\u201d in the") and context["after"].endswith("word\u2026")
    paragraph = context["before"] + context["quote"] + context["after"]
    assert [paragraph[a:b] for a, b in context["spans"]] == ["nothing can be ruled out"]


def test_show_cuts_what_an_elided_quote_leaves_out_when_it_is_huge(
    write_data: WriteData, capsys: pytest.CaptureFixture[str]
) -> None:
    article = ARTICLE.replace(
        "Macron said on Monday", "Macron said " + "word " * 100_000 + "on Monday"
    )
    data = write_data(VALID.replace('"nothing can be ruled out"', json.dumps(ELIDED)), article)
    document = json.loads(run(data, capsys, "show", "macron-not-ruled-out", "-f", "json"))
    evidence = document["statement"]["evidence"][0]
    assert evidence["match"] == "elided"
    context = evidence["context"]
    paragraph = context["before"] + context["quote"] + context["after"]
    assert len(paragraph) < 1_000
    assert "word word \u2026 word word" in context["quote"]
    assert [paragraph[a:b] for a, b in context["spans"]] == [
        "Macron said",
        "\u201cnothing can be ruled out\u201d",
    ]
    assert len(run(data, capsys, "show", "macron-not-ruled-out")) < 2_000


def test_show_cuts_no_paragraph_that_fits_the_window(
    write_data: WriteData, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(run(write_data(), capsys, "show", "macron-not-ruled-out", "-f", "json"))
    context = document["statement"]["evidence"][0]["context"]
    assert context["before"] == "PARIS: French President Emmanuel Macron said on Monday that \u201c"
    assert context["after"] == "\u201d in the development of the situation."


@pytest.mark.parametrize("command", [["who-said"], ["timeline"]])
def test_every_view_labels_an_elided_quote(
    write_data: WriteData, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    data = with_quotes(write_data, ELIDED)
    for output_format in ("table", "markdown", "csv"):
        out = run(data, capsys, *command, "-f", output_format)
        assert "elided" in out, (command, output_format)


def test_on_a_terminal_insertions_are_dimmed_and_omissions_stand_out(
    write_data: WriteData, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from stancectl.cli import output

    data = with_quotes(write_data, "[The French president] said on Monday ... \u201cnothing")
    monkeypatch.setattr(output, "colour_wanted", lambda: True)
    monkeypatch.setattr(output, "stdout_is_terminal", lambda: True)
    monkeypatch.setattr(output, "terminal_width", lambda: 200)
    for command in (["who-said", "--actor", "macron"], ["timeline", "--actor", "macron"]):
        assert cli.run([*command, "--data", str(data)]) == 0
        out = capsys.readouterr().out
        assert "\x1b[2m[The French president]" in out  # dim: the curator's words
        assert "\x1b[1m...\x1b[0m" in out or "\x1b[1m...\x1b" in out  # bold: left out
        assert "\x1b[3m said on Monday " in out  # italic: the article's words
