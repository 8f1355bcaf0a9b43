"""`stancectl check`: every problem as file:line:col, exit 1 on errors."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from stancectl.cli.data import load_options, resolve_data_path
from stancectl.cli.options import SourceOptions
from stancectl.cli.output import colour_wanted, write
from stancectl.problems import ExitCode


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


def check(
    source: SourceOptions,
    path: Annotated[
        Path | None,
        typer.Argument(show_default=False, help="The stances.yaml to check (overrides --data)."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    output_format: Annotated[
        CheckFormat,
        typer.Option(
            "--format", "-f", help="text: file:line:col lines; json; github: CI annotations."
        ),
    ] = CheckFormat.TEXT,
) -> None:
    """Validate the data and every quote: problems as file:line:col, exit 1 if any error.

    Exit codes: 0 clean, 1 errors (or warnings with --strict), 2 usage error.
    """
    from stancectl.checking import check as check_data
    from stancectl.render import problems as render

    data = resolve_data_path(path if path is not None else source.data)
    result = check_data(data, load_options(source), use_cache=not source.no_cache)
    if output_format is CheckFormat.JSON:
        write(render.render_json(result, strict=strict))
    elif output_format is CheckFormat.GITHUB:
        write(render.render_github(result, strict=strict))
    else:
        write(render.render_text(result, strict=strict, colour=colour_wanted()))
    raise typer.Exit(ExitCode.DATA_PROBLEMS if result.report.failed(strict=strict) else ExitCode.OK)
