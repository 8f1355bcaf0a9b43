"""Problems are data: the loader collects every one it finds instead of stopping at the first."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import IntEnum, StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class ExitCode(IntEnum):
    OK = 0
    DATA_PROBLEMS = 1
    USAGE = 2
    SOFTWARE = 70
    """An internal error: a bug in stancectl (EX_SOFTWARE in sysexits.h)."""
    INTERRUPTED = 130
    """Ctrl-C, as a shell reports a process ended by SIGINT."""
    BROKEN_PIPE = 141
    """The reader of standard output went away, as a shell reports a process ended by SIGPIPE."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input, positioned at the offending YAML node (1-based)."""

    path: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    key: str = ""
    """Where in the document, as a key path: `statements[3].evidence[0].quote`."""

    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    def as_dict(self) -> dict[str, Any]:
        record = asdict(self)
        record["severity"] = self.severity.value
        return record


@dataclass
class Report:
    """Every problem found while loading and checking a data file."""

    problems: list[Problem] = field(default_factory=list)
    _seen: set[Problem] = field(default_factory=set, repr=False)

    def add(self, problem: Problem) -> None:
        # two quotes from one article can raise the same date problem: say it once
        if problem not in self._seen:
            self._seen.add(problem)
            self.problems.append(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def failed(self, *, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))

    def sorted(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: (p.path, p.line, p.column, p.code))


class StancectlError(Exception):
    """The one error type the CLI catches: something the user can fix, with the fix in the text."""

    exit_code: ExitCode = ExitCode.USAGE


class DataError(StancectlError):
    """The data could not be loaded at all; `report` says why, with positions."""

    exit_code = ExitCode.DATA_PROBLEMS

    def __init__(self, report: Report) -> None:
        self.report = report
        # the message names what stopped the load: an error, never a warning before it
        ranked = sorted(report.sorted(), key=lambda p: p.severity is not Severity.ERROR)
        first = ranked[0] if ranked else None
        summary = (
            f"{first.location()}: {first.message}" if first else "the data could not be loaded"
        )
        super().__init__(summary)
