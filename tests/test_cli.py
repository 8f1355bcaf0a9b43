"""The command line's shape: global options before or after the command, the version, the
exit codes, and the one catch site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import BUNDLED
from stancectl import __version__, cli
from stancectl.problems import ExitCode


def _json(args: list[str], capsys: pytest.CaptureFixture[str]) -> object:
    assert cli.run(args) == ExitCode.OK, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def test_data_is_accepted_before_and_after_the_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no stances.yaml here: the option must be what finds it
    before = _json(["--data", str(BUNDLED), "who-said", "-f", "json"], capsys)
    after = _json(["who-said", "-f", "json", "--data", str(BUNDLED)], capsys)
    assert before == after


def test_data_after_the_command_wins_over_before_and_over_the_environment(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "missing.yaml"
    monkeypatch.setenv("STANCECTL_DATA", str(missing))
    assert cli.run(["who-said", "-f", "json"]) == ExitCode.USAGE
    assert "$STANCECTL_DATA" in capsys.readouterr().err
    assert _json(["--data", str(BUNDLED), "who-said", "-f", "json"], capsys)
    assert cli.run(["--data", str(BUNDLED), "who-said", "--data", str(missing)]) == 2
    assert f"data file not found: {missing}" in capsys.readouterr().err


@pytest.mark.parametrize("args", [["--version"], ["who-said", "--version"]])
def test_version_before_or_after_the_command(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.run(args) == ExitCode.OK
    assert capsys.readouterr().out == f"stancectl {__version__}\n"


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_before_or_after_the_command_shows_the_traceback(
    where: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("stancectl.query.timeline_document", broken)
    command = ["timeline", "--data", str(BUNDLED)]
    assert cli.run(command) == 70  # EX_SOFTWARE, as sysexits.h names it
    assert "internal error: RuntimeError: boom" in capsys.readouterr().err
    with pytest.raises(RuntimeError):
        cli.run(["--debug", *command] if where == "before" else [*command, "--debug"])


def test_check_says_what_the_library_says(capsys: pytest.CaptureFixture[str]) -> None:
    from stancectl.checking import check

    printed = _json(["check", str(BUNDLED), "-f", "json"], capsys)
    assert printed == check(BUNDLED).as_dict()


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    commands = [
        "check",
        "who-said",
        "timeline",
        "diff",
        "articles",
        "actors",
        "show",
        "add-article",
    ]
    for name in commands:
        assert cli.run([name, "--help"]) == ExitCode.OK
        out = capsys.readouterr().out
        assert f"stancectl {name}" in out and "--data" in out and "--debug" in out


def test_help_texts_are_wrapped_by_the_terminal_not_by_the_source(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    assert cli.run(["--help"]) == ExitCode.OK
    listing = capsys.readouterr().out
    assert "find curated quotes carried by articles not cited for them" in listing
    assert cli.run(["report", "--help"]) == ExitCode.OK
    assert "send it as it is. Filters in the page" in capsys.readouterr().out
    assert cli.run(["scan", "--help"]) == ExitCode.OK
    assert "Articles that cannot be read or analysed" in capsys.readouterr().out
    assert cli.run(["who-said", "--help"]) == ExitCode.OK
    assert '\n   stancectl who-said "rules out"' in capsys.readouterr().out  # examples stay apart


VIEWS = ["who-said", "timeline", "diff", "articles", "actors", "show"]


def _format_choices(command_name: str) -> list[str]:
    import typer

    command = typer.main.get_command(cli.app).commands[command_name]  # type: ignore[attr-defined]
    option = next(p for p in command.params if "--format" in p.opts)
    return [str(choice) for choice in option.type.choices]


@pytest.mark.parametrize("view", VIEWS)
def test_help_offers_exactly_the_formats_a_view_can_give(view: str) -> None:
    from stancectl.cli.options import ViewFormat
    from stancectl.cli.output import renderers

    offered = _format_choices(view)
    assert offered == [f.value for f in ViewFormat if view in renderers(f)]
    assert ("svg" in offered) == (view == "timeline")


def test_svg_is_refused_by_the_parser_where_there_is_no_chart(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.run(["show", "x", "-f", "svg", "--data", str(BUNDLED)]) == ExitCode.USAGE
    assert "'svg' is not one of 'table', 'json', 'csv', 'markdown'" in capsys.readouterr().err


def test_a_format_a_view_cannot_give_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from stancectl.render import as_csv

    monkeypatch.delitem(as_csv.RENDERERS, "actors")
    assert cli.run(["actors", "-f", "csv", "--data", str(BUNDLED)]) == ExitCode.USAGE
    assert "actors has no csv output" in capsys.readouterr().err
