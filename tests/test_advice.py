"""File errors give advice that works: the right iconv line, a way out of an empty file
wherever the user is, where a symlink leads, and a `check` hint naming the file."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ARTICLE, VALID, line_of
from stancectl.cli import run
from stancectl.loader import load
from stancectl.problems import ExitCode

WriteData = Callable[..., Path]


@pytest.mark.parametrize(
    ("encoding", "family"),
    [("utf-16", "utf-16"), ("utf-16-be", "utf-16"), ("utf-32", "utf-32"), ("utf-32-be", "utf-32")],
)
def test_a_utf16_or_utf32_data_file_gets_its_own_iconv_line(
    write_data: WriteData, encoding: str, family: str
) -> None:
    data = write_data()
    bom = "\ufeff" if encoding.endswith("-be") else ""  # the plain codecs write their own
    data.write_bytes((bom + VALID).encode(encoding))
    _, report = load(data)
    [problem] = report.problems
    assert problem.code == "not-utf8"
    assert f"`iconv -f {family} -t utf-8`" in problem.message
    assert "latin1" not in problem.message


def test_a_utf16_article_gets_the_utf16_advice(write_data: WriteData) -> None:
    data = write_data(article=ARTICLE.encode("utf-16"))
    _, report = load(data)
    problem = next(p for p in report.problems if p.code == "not-utf8")
    assert "`iconv -f utf-16 -t utf-8`" in problem.message


def test_an_empty_data_file_points_to_a_command_not_to_a_bundled_file(
    write_data: WriteData,
) -> None:
    data = write_data("")
    _, report = load(data)
    [problem] = report.problems
    assert problem.code == "empty"
    assert "bundled" not in problem.message
    assert "stancectl add-article" in problem.message


def test_an_article_behind_a_symlink_says_where_it_leads(
    write_data: WriteData, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.txt"
    outside.write_text(ARTICLE, encoding="utf-8")
    data = write_data(VALID.replace("file: article.txt", "file: link.txt"))
    (tmp_path / "link.txt").symlink_to(outside)
    _, report = load(data)
    problem = next(p for p in report.problems if p.code == "path-outside")
    assert f"'link.txt' is a symlink (it leads to '{outside.resolve()}')" in problem.message


def test_a_path_that_climbs_out_is_not_called_a_symlink(write_data: WriteData) -> None:
    data = write_data(VALID.replace("file: article.txt", "file: ../article.txt"))
    _, report = load(data)
    problem = next(p for p in report.problems if p.code == "path-outside")
    assert "symlink" not in problem.message


def test_the_check_hint_names_a_data_file_given_by_option(
    write_data: WriteData, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_data(VALID.replace("actor: peskov\n", "actor: peskow\n"))
    named = data.rename(tmp_path / "my data.yaml")
    assert run(["who-said", "--data", str(named)]) == ExitCode.DATA_PROBLEMS
    last = capsys.readouterr().err.splitlines()[-1]
    assert last == f"1 error in the data; run `stancectl check {shlex.quote(str(named))}` for all"


def test_the_check_hint_is_plain_for_the_default_file(
    write_data: WriteData,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = write_data(VALID.replace("actor: peskov\n", "actor: peskow\n"))
    data.rename(tmp_path / "stances.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("STANCECTL_DATA", raising=False)
    assert run(["who-said"]) == ExitCode.DATA_PROBLEMS
    assert "1 error in the data; run `stancectl check` for all" in capsys.readouterr().err


def test_a_refusing_view_lists_the_errors_in_file_order(
    write_data: WriteData, capsys: pytest.CaptureFixture[str]
) -> None:
    # a schema error late in the file is found before a reference error early in it
    text = VALID.replace("actor: macron\n", "actor: macrom\n").replace(
        "said_on: 2024-02-27", "said_on: 2024-02-31"
    )
    data = write_data(text)
    assert run(["who-said", "--data", str(data)]) == ExitCode.DATA_PROBLEMS
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 3
    assert f":{line_of(text, 'actor: macrom')}:" in lines[0]
    assert f":{line_of(text, 'said_on: 2024-02-31')}:" in lines[1]
    assert lines[2].startswith("2 errors in the data")
