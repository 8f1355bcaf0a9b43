"""Rendering a check: `file:line:col: severity[code]: message` lines, JSON, or CI annotations."""

from __future__ import annotations

import json

from stancectl.checking import CheckResult
from stancectl.problems import Problem, Severity
from stancectl.render.fields import counted
from stancectl.render.safe import inert

_COLOURS = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[1;33m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def problem_line(problem: Problem, *, colour: bool = False) -> str:
    message = inert(problem.message)
    location = inert(problem.location())
    level = f"{problem.severity.value}[{problem.code}]"
    if not colour:
        return f"{location}: {level}: {message}"
    return f"{_BOLD}{location}{_RESET}: {_COLOURS[problem.severity]}{level}{_RESET}: {message}"


def summary_line(result: CheckResult, *, strict: bool = False) -> str:
    errors, warnings = len(result.report.errors), len(result.report.warnings)
    counts = result.counts
    checked = ""
    if counts:
        levels = ", ".join(
            f"{counts[key]} {key.split('.', 1)[1]}"
            for key in sorted(counts)
            if key.startswith("quotes.")
        )
        pending = f", {counts['pending']} pending review" if counts.get("pending") else ""
        if counts.get("statements.invalid"):  # their quotes are checked once they validate
            pending += f", {counts['statements.invalid']} left out for errors"
        checked = (
            f" ({counted(counts['statements'], 'statement')}{pending}, "
            f"{counted(counts['articles'], 'article')}, "
            f"{counted(counts['quotes'], 'quote')}{': ' + levels if levels else ''})"
        )
    verdict = "FAILED" if result.report.failed(strict=strict) else "ok"
    strictness = " (strict: warnings fail)" if strict and warnings else ""
    return (
        f"{inert(result.source)}: {verdict}: {counted(errors, 'error')}, "
        f"{counted(warnings, 'warning')}{strictness}{checked}"
    )


def render_text(result: CheckResult, *, strict: bool = False, colour: bool = False) -> str:
    lines = [problem_line(p, colour=colour) for p in result.problems]
    lines.append(summary_line(result, strict=strict))
    return "\n".join(lines) + "\n"


def render_json(result: CheckResult, *, strict: bool = False) -> str:
    return json.dumps(result.as_dict(strict=strict), ensure_ascii=False, indent=2) + "\n"


def _annotation_escape(text: str) -> str:
    return inert(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def render_github(result: CheckResult, *, strict: bool = False) -> str:
    """GitHub Actions workflow commands, so problems show up on the pull request's lines."""
    lines = []
    for p in result.problems:
        level = "error" if p.severity is Severity.ERROR or strict else "warning"
        lines.append(
            f"::{level} file={_annotation_escape(p.path)},line={p.line},col={p.column},"
            f"title={p.code}::{_annotation_escape(p.message)}"
        )
    lines.append(summary_line(result, strict=strict))
    return "\n".join(lines) + "\n"
