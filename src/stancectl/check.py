"""The result of checking a data file: its problems and what was checked."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stancectl.inputs import LoadOptions
from stancectl.problems import Problem, Report

if TYPE_CHECKING:
    from stancectl.load import Dataset

CHECK_SCHEMA = "stancectl.check/1"


@dataclass
class CheckResult:
    source: str
    report: Report
    counts: dict[str, int] = field(default_factory=dict)
    """Records checked per section, and quotes per match level (`quotes.exact`, ...)."""

    @property
    def problems(self) -> list[Problem]:
        return self.report.sorted()

    def as_dict(self, *, strict: bool = False) -> dict[str, Any]:
        return {
            "schema": CHECK_SCHEMA,
            "source": self.source,
            "valid": not self.report.failed(strict=strict),
            "strict": strict,
            "errors": len(self.report.errors),
            "warnings": len(self.report.warnings),
            "counts": self.counts,
            "problems": [p.as_dict() for p in self.problems],
        }


def counts_of(dataset: Dataset | None) -> dict[str, int]:
    if dataset is None:
        return {}
    counts = {
        "topics": len(dataset.topics),
        "stances": len(dataset.stances),
        "governments": len(dataset.governments),
        "actors": len(dataset.actors),
        "articles": len(dataset.articles),
        "statements": len(dataset.statements),
        "quotes": sum(len(s.evidence) for s in dataset.statements.values()),
    }
    levels = Counter(found.level.value for found in dataset.matches.values())
    unchecked = counts["quotes"] - len(dataset.matches)  # their article could not be read
    if unchecked:
        levels["unchecked"] = unchecked
    counts.update({f"quotes.{level}": n for level, n in sorted(levels.items())})
    return counts


def check(path: Path | str, options: LoadOptions | None = None) -> CheckResult:
    from stancectl.load import load

    dataset, report = load(path, options)
    return CheckResult(str(path), report, counts_of(dataset))
