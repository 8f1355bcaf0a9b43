"""Broken or hostile input: a clear problem with file:line and a non-zero exit, never a crash;
text from user files never reaches the terminal raw; user files are never damaged."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ARTICLE, REPO, VALID, Loader, line_of
from stancectl import cli
from stancectl.cli import output
from stancectl.inputs import LoadOptions
from stancectl.loader import load
from stancectl.output import write_atomically
from stancectl.problems import ExitCode

WriteData = Callable[..., Path]


def codes(report) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.code for p in report.sorted()]


# --- broken data -----------------------------------------------------------------------------


def test_empty_file(load_text: Loader) -> None:
    dataset, report = load_text("")
    assert dataset is None
    assert codes(report) == ["empty"]
    assert report.problems[0].line == 1


def test_a_list_where_a_mapping_belongs(load_text: Loader) -> None:
    _, report = load_text("- version: 1\n- topics: []\n")
    assert codes(report) == ["schema"]
    assert "must be a mapping" in report.problems[0].message
    text = VALID.replace("  - id: fr\n    name: France\n", "  - [fr, France]\n")
    _, report = load_text(text)
    problem = next(p for p in report.problems if p.code == "schema")
    assert problem.line == line_of(text, "- [fr, France]")


def test_section_that_is_not_a_list(load_text: Loader) -> None:
    text = VALID.replace(
        "governments:\n  - id: fr\n    name: France\n  - id: ru\n    name: Russia\n",
        "governments: France\n",
    )
    _, report = load_text(text)
    problem = next(p for p in report.problems if p.code == "schema")
    assert problem.line == line_of(text, "governments: France")
    assert "must be a list" in problem.message


def test_non_utf8_data_file_names_the_byte_offset(write_data: WriteData) -> None:
    data = write_data()
    raw = VALID.replace("name: France", "name: Fran\xe7e").encode("latin-1")
    data.write_bytes(raw)
    _, report = load(data)
    problem = report.problems[0]
    assert problem.code == "not-utf8"
    assert problem.path == str(data)
    assert problem.line == line_of(VALID, "name: France")
    offset = raw.index(b"\xe7")
    assert f"byte 0xe7 at offset {offset}" in problem.message


def test_non_utf8_article_is_named(load_text: Loader) -> None:
    _, report = load_text(article=ARTICLE.encode("utf-8") + b"\n\xff\xfe broken\n")
    problem = next(p for p in report.problems if p.code == "not-utf8")
    assert "article 'paper' (" in problem.message
    assert "article.txt:5:1): not valid UTF-8: byte 0xff at offset" in problem.message
    assert problem.line == line_of(VALID, "file: article.txt")


def test_byte_order_mark_and_crlf_are_accepted(write_data: WriteData) -> None:
    data = write_data(article=ARTICLE.replace("\n", "\r\n"))
    data.write_bytes(b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode("utf-8"))
    dataset, report = load(data)
    assert report.problems == []
    assert dataset is not None
    assert len(dataset.statements) == 2


def test_file_over_the_size_limit(write_data: WriteData) -> None:
    data = write_data()
    _, report = load(data, LoadOptions(max_data_bytes=100))
    assert codes(report) == ["too-large"]
    assert "over the limit of 100 bytes" in report.problems[0].message
    _, report = load(data, LoadOptions(max_article_bytes=10))
    assert "too-large" in codes(report)


def test_billion_laughs_is_refused(load_text: Loader) -> None:
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        prev = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        bomb.append(f"{name}: &{name} [{', '.join('*' + prev for _ in range(10))}]")
    dataset, report = load_text("\n".join(bomb) + "\n")
    assert dataset is None
    assert codes(report) == ["alias-bomb"]


def test_python_tags_are_refused(load_text: Loader, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = VALID.replace(
        "name: France",
        f"name: !!python/object/apply:os.system ['touch {marker}']",
    )
    _, report = load_text(text)
    assert "refused-tag" in codes(report) or "yaml-syntax" in codes(report)
    assert not marker.exists()
    problem = report.sorted()[0]
    assert problem.line == line_of(text, "!!python")


def test_deep_nesting_is_a_problem_not_a_crash(load_text: Loader) -> None:
    _, report = load_text("version: " + "[" * 5000 + "]" * 5000 + "\n")
    assert report.problems
    assert report.problems[0].code in {"too-deep", "yaml-syntax"}


# --- paths -----------------------------------------------------------------------------------


@pytest.mark.parametrize("file", ["../../etc/passwd", "/etc/passwd"])
def test_article_outside_the_data_folder_is_refused(load_text: Loader, file: str) -> None:
    text = VALID.replace("file: article.txt", f"file: {file}")
    _, report = load_text(text)
    problem = next(p for p in report.problems if p.code == "path-outside")
    assert problem.line == line_of(text, f"file: {file}")
    assert "--allow-outside-files" in problem.message


def test_symlink_leaving_the_folder_is_refused_unless_allowed(
    write_data: WriteData, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.txt"
    outside.write_text(ARTICLE, encoding="utf-8")
    data = write_data(VALID.replace("file: article.txt", "file: link.txt"))
    (tmp_path / "link.txt").symlink_to(outside)
    _, report = load(data)
    assert "path-outside" in codes(report)
    _, report = load(data, LoadOptions(allow_outside_files=True))
    assert report.problems == []


# --- hostile text ----------------------------------------------------------------------------

HOSTILE_QUOTE = "nothing [bold red]can[/] \x1b[2J be \u202eruled out"


def _hostile(write_data: WriteData) -> Path:
    article = ARTICLE.replace("nothing can be ruled out", HOSTILE_QUOTE)
    text = VALID.replace(
        'quote: "nothing can be ruled out"',
        'quote: "nothing [bold red]can[/] \\e[2J be \\u202eruled out"',
    ).replace("name: Emmanuel Macron", 'name: "Emmanuel [link=http://x]Macron[/link] \\e]8;;"')
    return write_data(text, article)


@pytest.mark.parametrize(
    "command",
    [["who-said"], ["timeline"], ["show", "macron"], ["actors"], ["diff", "paper", "paper"]],
)
def test_markup_and_escapes_are_shown_inertly(
    write_data: WriteData,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    data = _hostile(write_data)
    for colour in (False, True):
        monkeypatch.setattr(output, "colour_wanted", lambda colour=colour: colour)
        monkeypatch.setattr(output, "stdout_is_terminal", lambda colour=colour: colour)
        monkeypatch.setattr(output, "terminal_width", lambda: 1000)  # no wrapping inside cells
        cli.run([*command, "--data", str(data)])
        captured = capsys.readouterr()
        shown = captured.out + captured.err
        if command[0] == "diff":
            assert "give two different articles" in shown
            continue
        assert "\x1b[2J" not in shown and "\x1b]8" not in shown
        assert "\u202e" not in shown
        if command[0] != "actors":
            assert "[bold red]can[/]" in shown
            assert "\\x1b[2J" in shown
            # show quotes the article, whose text is read without invisible bidi controls
            assert ("\\u202e" in shown) is (command[0] != "show")
        if command[0] in ("who-said", "actors", "show"):
            assert "[link=http://x]Macron[/link]" in shown


def test_check_messages_are_inert(
    write_data: WriteData, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_data(VALID.replace("actor: peskov\n", 'actor: "pes\\e[31mkov"\n'))
    assert cli.run(["check", str(data)]) == 1
    out = capsys.readouterr().out
    assert "\x1b[31m" not in out
    assert "\\x1b[31m" in out


def test_csv_neutralises_spreadsheet_formulas(
    write_data: WriteData, capsys: pytest.CaptureFixture[str]
) -> None:
    article = ARTICLE.replace("nothing can be ruled out", '=HYPERLINK("http://x") is ruled out')
    text = VALID.replace(
        'quote: "nothing can be ruled out"', "quote: '=HYPERLINK(\"http://x\") is ruled out'"
    ).replace("name: Emmanuel Macron", "name: '@SUM(1+1)'")
    data = write_data(text, article)
    assert cli.run(["who-said", "--data", str(data), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "'=HYPERLINK" in out and "'@SUM(1+1)" in out
    assert ",=HYPERLINK" not in out and ",@SUM" not in out


# --- nothing lost ----------------------------------------------------------------------------


def test_output_file_is_written_and_never_overwritten_without_force(
    write_data: WriteData, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_data()
    target = tmp_path / "out.json"
    assert cli.run(["who-said", "--data", str(data), "-f", "json", "-o", str(target)]) == 0
    first = json.loads(target.read_text(encoding="utf-8"))
    assert first["count"] == 2
    target.write_text("precious", encoding="utf-8")
    assert cli.run(["who-said", "--data", str(data), "-f", "json", "-o", str(target)]) == 2
    assert "exists; pass --force" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "precious"
    assert (
        cli.run(["who-said", "--data", str(data), "-f", "json", "-o", str(target), "--force"]) == 0
    )
    assert json.loads(target.read_text(encoding="utf-8")) == first


def test_interrupted_write_leaves_the_original_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("original", encoding="utf-8")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, "new text " * 1000, force=True)
    assert target.read_text(encoding="utf-8") == "original"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_commands_never_write_the_data_files(write_data: WriteData, tmp_path: Path) -> None:
    data = write_data()
    before = {p: p.read_bytes() for p in tmp_path.iterdir()}
    for command in (
        ["check", str(data)],
        ["who-said", "-d", str(data), "-f", "csv"],
        ["timeline", "-d", str(data)],
        ["show", "peskov", "-d", str(data)],
    ):
        cli.run(command)
    assert {p: p.read_bytes() for p in tmp_path.iterdir()} == before


# --- interrupts and pipes ----------------------------------------------------------------------


def test_ctrl_c_exits_130_without_a_traceback(
    write_data: WriteData, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_data()

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("stancectl.cache.open_cached", interrupt)
    assert cli.run(["who-said", "--data", str(data)]) == 130
    assert "Traceback" not in capsys.readouterr().err


def test_internal_error_is_a_message_unless_debug(
    write_data: WriteData, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_data()

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("stancectl.query.who_said_document", broken)
    assert cli.run(["who-said", "--data", str(data)]) == 70
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: boom" in err
    assert "--debug" in err
    with pytest.raises(RuntimeError):
        cli.run(["--debug", "who-said", "--data", str(data)])


def test_closed_pipe_ends_quietly(write_data: WriteData) -> None:
    data = write_data()
    for command in (["who-said", "-f", "json"], ["timeline"], ["check"]):
        process = subprocess.Popen(
            [sys.executable, "-m", "stancectl", *command, "--data", str(data)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=REPO,
        )
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # the reader is gone before the first line is written
        err = process.stderr.read().decode()
        process.wait(timeout=30)
        assert err == "", command
        assert process.returncode == ExitCode.BROKEN_PIPE, command  # as if killed by SIGPIPE


def test_a_second_document_is_refused(load_text: Loader) -> None:
    text = VALID + "---\nversion: 1\n"
    dataset, report = load_text(text)
    assert dataset is None
    problem = report.problems[0]
    assert (problem.code, problem.line) == ("yaml-syntax", line_of(text, "---"))


def test_merge_keys_are_refused(load_text: Loader) -> None:
    text = VALID.replace("  - id: ru\n    name: Russia\n", "  - <<: {id: ru}\n    name: Russia\n")
    _, report = load_text(text)
    problem = next(p for p in report.problems if p.code == "merge-key")
    assert problem.line == line_of(text, "<<:")
    # the keys the merge would have brought are not said to be missing as well
    assert "missing-key" not in {p.code for p in report.problems}


def test_a_modest_alias_is_fine(load_text: Loader) -> None:
    text = VALID.replace(
        "    aliases: [Macron, the French leader]",
        "    aliases: &names [Macron, the French leader]",
    ).replace(
        "  - id: peskov\n    name: Dmitry Peskov\n",
        "  - id: peskov\n    name: Dmitry Peskov\n    aliases: *names\n",
    )
    dataset, report = load_text(text)
    assert report.problems == []
    assert dataset is not None
    assert dataset.actors["peskov"].aliases == ["Macron", "the French leader"]


def test_force_replaces_only_a_regular_file(
    write_data: WriteData, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_data()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link"
    link.symlink_to(fifo)
    for target in (fifo, link):
        command = ["who-said", "-d", str(data), "-f", "json", "-o", str(target), "--force"]
        assert cli.run(command) == 2
        assert "not a regular file" in capsys.readouterr().err
    assert stat.S_ISFIFO(fifo.stat().st_mode) and link.is_symlink()


def test_output_into_a_missing_folder_is_a_usage_error(
    write_data: WriteData, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_data()
    target = tmp_path / "no" / "such" / "out.json"
    assert cli.run(["who-said", "-d", str(data), "-f", "json", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "the folder" in err and "does not exist" in err
    assert "internal error" not in err
    assert not target.exists()


def test_output_dash_is_standard_output_and_files_are_readable(
    write_data: WriteData,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = write_data()
    monkeypatch.chdir(tmp_path)
    assert cli.run(["who-said", "-d", str(data), "-f", "json", "-o", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["count"] == 2
    assert not (tmp_path / "-").exists()
    previous = os.umask(0o022)
    try:
        assert cli.run(["who-said", "-d", str(data), "-f", "csv", "-o", "out.csv"]) == 0
    finally:
        os.umask(previous)
    assert (tmp_path / "out.csv").stat().st_mode & 0o777 == 0o644


def test_impossible_date_options_are_usage_errors(
    write_data: WriteData, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_data()
    assert cli.run(["who-said", "-d", str(data), "--since", "2024-02-30"]) == 2
    assert (
        "--since '2024-02-30' is not a date: February 2024 has 29 days" in capsys.readouterr().err
    )
    assert cli.run(["who-said", "-d", str(data), "--until", "2024-13"]) == 2
    assert "--until '2024-13' is not a date: there is no month 13" in capsys.readouterr().err
    assert cli.run(["who-said", "-d", str(data), "--since", "1 March"]) == 2
    assert "--since '1 March' is not a date: write it as YYYY-MM-DD" in capsys.readouterr().err
