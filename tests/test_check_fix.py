"""`stancectl check --fix`: typos in quotes replaced by the article's words, shown first, written
only once confirmed, comments and formatting kept; meaningful changes never touched."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import VALID
from stancectl import cli
from stancectl.fixing import plan_fixes
from stancectl.inputs import LoadOptions
from stancectl.loader import load

WriteData = Callable[..., Path]

COMMENTED = VALID.replace(
    "statements:\n", "statements:  # who said what\n# the Kremlin's warning comes second\n"
)
TYPO = COMMENTED.replace('"nothing can be ruled out"', '"nothing can be ruled uot"').replace(
    '"absolutely not in the interests of these countries"',
    "'absolutely not in the intrests of these countries'",
)


def run_fix(data: Path, *extra: str) -> int:
    return cli.run(["check", "--fix", "--data", str(data), "--no-cache", *extra])


def test_typos_are_shown_then_written_when_confirmed(
    write_data: WriteData, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = write_data(TYPO)
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    assert run_fix(data) == 0
    out = capsys.readouterr().out
    assert '-        quote: "nothing can be ruled uot"' in out
    assert '+        quote: "nothing can be ruled out"' in out
    assert "-        quote: 'absolutely not in the intrests of these countries'" in out
    assert "+        quote: 'absolutely not in the interests of these countries'" in out
    assert "wrote" in out
    assert "ok: 0 errors" in out
    written = data.read_text(encoding="utf-8")
    assert written == COMMENTED.replace(
        '"absolutely not in the interests of these countries"',
        "'absolutely not in the interests of these countries'",
    )  # comments, quoting style and everything else as it was
    assert data.with_name("stances.yaml.bak").read_text(encoding="utf-8") == TYPO


@pytest.mark.parametrize("answer", ["n\n", "", "no\n"])
def test_nothing_is_written_without_a_yes(
    write_data: WriteData,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
) -> None:
    data = write_data(TYPO)
    monkeypatch.setattr("sys.stdin", io.StringIO(answer))
    assert run_fix(data) == 1
    out = capsys.readouterr().out
    assert '+        quote: "nothing can be ruled out"' in out  # the diff was shown
    assert "nothing written" in out
    assert data.read_text(encoding="utf-8") == TYPO
    assert not data.with_name("stances.yaml.bak").exists()


def test_yes_writes_without_asking(write_data: WriteData, monkeypatch: pytest.MonkeyPatch) -> None:
    data = write_data(TYPO)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # nothing to read: no question asked
    assert run_fix(data, "--yes") == 0
    assert 'ruled out"' in data.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("changed", "reason"),
    [
        ('"nothing can be ruled in"', "words differ"),
        ('"nothing can not be ruled out"', "a changed negation"),
        ('"nothing can be ruled out" on Tuesday', None),
    ],
)
def test_meaningful_changes_are_never_fixed(
    write_data: WriteData, capsys: pytest.CaptureFixture[str], changed: str, reason: str | None
) -> None:
    text = VALID.replace('"nothing can be ruled out"', changed)
    if not changed.endswith('"'):
        text = VALID.replace('"nothing can be ruled out"', "'said on Tuesday that nothing'")
    data = write_data(text)
    assert run_fix(data, "--yes") == 1
    out = capsys.readouterr().out
    assert "not fixed: macron-not-ruled-out evidence[0] ('paper')" in out or ("error[quote-" in out)
    if reason is not None:
        assert reason in out
    assert data.read_text(encoding="utf-8") == text


def test_plan_names_every_altered_quote(write_data: WriteData) -> None:
    text = TYPO.replace("nothing can be ruled uot", "nothing can be ruled in")
    dataset, _ = load(write_data(text), LoadOptions())
    assert dataset is not None
    fixes = plan_fixes(dataset)
    assert [(f.statement_id, f.replacement is not None) for f in fixes] == [
        ("macron-not-ruled-out", False),
        ("peskov-warns", True),
    ]
    assert fixes[1].replacement == "absolutely not in the interests of these countries"


def test_yes_alone_and_fix_with_json_are_usage_errors(write_data: WriteData) -> None:
    data = write_data(TYPO)
    assert cli.run(["check", "--yes", "--data", str(data)]) == 2
    assert cli.run(["check", "--fix", "-f", "json", "--data", str(data)]) == 2
    assert data.read_text(encoding="utf-8") == TYPO
