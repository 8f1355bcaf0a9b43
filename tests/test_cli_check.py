"""`stancectl check`: output lines, summary, exit codes, formats, and where the data comes from."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import VALID, line_of
from stancectl.checking import check
from stancectl.cli import run


def test_clean_data_exits_zero(
    write_data: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_data()
    assert run(["check", str(data)]) == 0
    out = capsys.readouterr().out
    assert out == (
        f"{data}: ok: 0 errors, 0 warnings (2 statements, 1 article, 2 quotes: 2 exact)\n"
    )


def test_problems_are_printed_as_file_line_column(
    write_data: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    text = VALID.replace("actor: peskov\n", "actor: peskow\n")
    data = write_data(text)
    assert run(["check", "--data", str(data)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        f"{data}:{line_of(text, 'actor: peskow')}:12: error[unknown-ref]: "
        "unknown actor 'peskow'; did you mean 'peskov'?"
    )
    assert lines[1].startswith(f"{data}: FAILED: 1 error, 0 warnings")


def test_strict_makes_warnings_fail(
    write_data: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_data(VALID.replace('quote: "nothing can be ruled out"', 'quote: "ruled out"'))
    assert run(["check", str(data)]) == 0
    assert run(["check", "--strict", str(data)]) == 1
    assert "(strict: warnings fail)" in capsys.readouterr().out


def test_json_format_equals_the_library_result(
    write_data: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_data(VALID.replace("score: -2", "score: low"))
    assert run(["check", str(data), "--format", "json"]) == 1
    printed = json.loads(capsys.readouterr().out)
    assert printed == check(data).as_dict()
    assert printed["schema"] == "stancectl.check/1"
    assert set(printed) == {
        "schema",
        "source",
        "valid",
        "strict",
        "errors",
        "warnings",
        "counts",
        "problems",
    }
    assert set(printed["problems"][0]) == {
        "path",
        "line",
        "column",
        "code",
        "severity",
        "message",
        "key",
    }


def test_github_annotations(
    write_data: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    text = VALID.replace("score: -2", "score: low")
    data = write_data(text)
    run(["check", str(data), "-f", "github"])
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(
        f"::error file={data},line={line_of(text, 'score: low')},col=12,title=schema::"
    )


def test_data_comes_from_env_then_current_directory(
    write_data: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    data = write_data()
    monkeypatch.setenv("STANCECTL_DATA", str(data))
    assert run(["check"]) == 0
    monkeypatch.delenv("STANCECTL_DATA")
    monkeypatch.chdir(tmp_path)
    assert run(["check"]) == 0
    assert capsys.readouterr().out.count("ok: 0 errors") == 2


def test_no_data_is_a_usage_error_that_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("STANCECTL_DATA", raising=False)
    assert run(["check"]) == 2
    err = capsys.readouterr().err
    assert "no stances.yaml in the current directory" in err
    assert "--data PATH" in err


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "--bogus"]) == 2
    assert "No such option: --bogus" in capsys.readouterr().err


def test_statements_left_out_for_their_errors_are_counted(
    write_data: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # a statement that does not validate is left out, and its quotes with it: the summary
    # says so, instead of counting only the statements that were checked
    data = write_data(VALID.replace("said_on: 2024-02-27", "said_on: 04/03/2024"))
    assert run(["check", "--data", str(data), "--no-cache"]) == 1
    last = capsys.readouterr().out.splitlines()[-1]
    assert "(1 statement, 1 left out for errors, 1 article, 1 quote: 1 exact)" in last
    assert check(data).counts["statements.invalid"] == 1
    assert "statements.invalid" not in check(write_data(VALID)).counts
