"""The result of checking a data file: its problems and what was checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stancectl.inputs import LoadOptions
from stancectl.problems import Problem, Report

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


def check(
    path: Path | str, options: LoadOptions | None = None, *, use_cache: bool = False
) -> CheckResult:
    """Load and check a data file and every quote. With `use_cache`, a current cache entry
    answers without loading the files (and a fresh load is stored)."""
    from stancectl.cache import open_cached

    loaded = open_cached(Path(path), options, use_cache=use_cache)
    return CheckResult(str(path), loaded.report, loaded.counts)
