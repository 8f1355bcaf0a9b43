"""The errors of editing a data file."""

from __future__ import annotations

from pathlib import Path

from stancectl.problems import ExitCode, Problem, StancectlError


class WritebackError(StancectlError):
    """The data file cannot be edited as asked; the message says why and what to do."""

    exit_code = ExitCode.USAGE


class EditRefusedError(WritebackError):
    """The edited file would have errors the current one does not have; nothing was written."""

    exit_code = ExitCode.DATA_PROBLEMS

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.problems = problems
        listed = "\n".join(f"  {p.location()}: {p.message}" for p in problems)
        super().__init__(
            f"{path} was not changed: the edit would introduce {len(problems)} "
            f"error{'s' if len(problems) != 1 else ''}:\n{listed}"
        )
