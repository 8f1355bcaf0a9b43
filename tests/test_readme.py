"""The README's console examples are real: each one is run and its output compared."""

from __future__ import annotations

import re
import shlex
from typing import Any

import pytest

import stancectl
from conftest import REPO
from stancectl import cli

README = (REPO / "README.md").read_text(encoding="utf-8")
WALKTHROUGH = re.search(r"\n## Curating a new topic\n.*?(?=\n## )", README, re.DOTALL)
"""Run step by step in a folder of its own by tests/test_walkthrough.py, not here."""
TOUR = README.replace(WALKTHROUGH.group(), "") if WALKTHROUGH else README
EXAMPLES = re.findall(r"```console\n\$ stancectl (.*?)\n(.*?)```", TOUR, re.DOTALL)


def test_the_readme_has_examples_of_every_view() -> None:
    commands = {shlex.split(args)[0] for args, _ in EXAMPLES}
    assert {"check", "who-said", "timeline", "diff", "show"} <= commands


@pytest.mark.parametrize(("args", "expected"), EXAMPLES, ids=[a for a, _ in EXAMPLES])
def test_example_output(
    args: str, expected: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("STANCECTL_DATA", raising=False)
    assert cli.run(shlex.split(args)) == 0
    out = capsys.readouterr().out
    if expected.endswith("...\n"):
        assert out.startswith(expected.removesuffix("...\n"))
    else:
        assert out == expected


PYTHON_EXAMPLES = re.findall(r"```python\n(.*?)```", README, re.DOTALL)


def test_the_python_example_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Use from Python' runs as written, and says what the CLI says."""
    assert PYTHON_EXAMPLES
    monkeypatch.chdir(REPO)
    namespace: dict[str, Any] = {}
    for example in PYTHON_EXAMPLES:
        exec(compile(example, "README.md", "exec"), namespace)  # the README's own code
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "2024-02-26 Emmanuel Macron does not rule out"
    # the loop meets statements no actor made: the government stands in for the speaker
    chosen = stancectl.who_said(namespace["records"], namespace["chosen"])
    government_only = [s for s in chosen if s["actor"] is None]
    assert government_only
    for statement in government_only:
        line = f"{statement['said_on']} {statement['government']['name']} "
        assert line + statement["stance"]["label"] in printed


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    """The quickstart's second command is what CI runs, and it installs every optional extra."""
    commands = re.findall(r"```sh\n(python3 -m venv .*?)\n```", README)
    assert len(commands) == 2, "the quickstart has two commands: one to run, one to test"
    test_command = commands[1]
    ci_lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci_lines[-1] == test_command
    extras = re.search(r"-e '\.\[(.*?)\]'", test_command)
    assert extras is not None
    assert set(extras.group(1).split(",")) == {"ingest", "suggest", "report", "scan", "test"}
