"""The options commands share, declared once.

A command declares only its own options and takes the shared ones as one object: a parameter
`view: ViewOptions` (the views: --data, --format, --output, --force, --allow-outside-files,
--no-cache) or `source: SourceOptions` (--data, --allow-outside-files, --no-cache), and
`filters: FilterOptions` for the statement filters. `command()` adds those options to its
signature for typer, and also the global --debug and --version, so they are accepted after the
command as well as before it.
"""

from __future__ import annotations

import functools
import inspect
import os
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from stancectl import __version__
from stancectl.cli.errors import OutputClosedError
from stancectl.cli.filters import FILTER_PARAMETERS, FilterOptions
from stancectl.cli.settings import (
    DATA_ENV,
    DEBUG_ENV,
    DEFAULT_DATA,
    global_options,
)


class ViewFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"
    SVG = "svg"


@dataclass(frozen=True)
class SourceOptions:
    """Which data to read, and how."""

    data: Path | None
    """--data after the command, else before it, else $STANCECTL_DATA (None: the default)."""
    allow_outside_files: bool
    no_cache: bool


@dataclass(frozen=True)
class ViewOptions(SourceOptions):
    """What a view reads, and where and how it writes its answer."""

    output_format: ViewFormat
    output: Path | None
    force: bool
    include_pending: bool = False
    """Show statements awaiting review (`review: pending`) too."""


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"stancectl {__version__}")
        raise typer.Exit


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        "-d",
        show_default=False,
        help=f"The stances.yaml to read [default: ./{DEFAULT_DATA}, or ${DATA_ENV}]",
    ),
]
DebugOption = Annotated[
    bool,
    typer.Option("--debug", help=f"Show tracebacks of internal errors (or set ${DEBUG_ENV})."),
]
VersionOption = Annotated[
    bool,
    typer.Option(
        "--version",
        callback=_show_version,
        is_eager=True,
        help="Show stancectl's version and exit.",
    ),
]
AllowOutsideOption = Annotated[
    bool,
    typer.Option(
        "--allow-outside-files",
        help="Accept article files outside the data file's folder (only for data you trust).",
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        envvar="STANCECTL_NO_CACHE",
        help="Read the files, not the cache of checked data (safe to delete).",
    ),
]
FormatOption = Annotated[
    ViewFormat,
    typer.Option(
        "--format",
        "-f",
        help="table (colour on a terminal), json, csv, markdown, or svg (timeline: a chart).",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        show_default=False,
        help="Write to this file (atomically) instead of standard output.",
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace an existing --output file.")]
IncludePendingOption = Annotated[
    bool,
    typer.Option(
        "--include-pending",
        help="Show proposed statements awaiting review (review: pending) too.",
    ),
]


def _parameter(name: str, annotation: Any, default: Any) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
    )


_SOURCE = [
    _parameter("data", DataOption, None),
    _parameter("allow_outside_files", AllowOutsideOption, False),
    _parameter("no_cache", NoCacheOption, False),
]
_VIEW = [
    _SOURCE[0],
    _parameter("output_format", FormatOption, ViewFormat.TABLE),
    _parameter("output", OutputOption, None),
    _parameter("force", ForceOption, False),
    *_SOURCE[1:],
    _parameter("include_pending", IncludePendingOption, False),
]
_GLOBAL = [
    _parameter("debug", DebugOption, False),
    _parameter("version", VersionOption, False),
    _parameter("ctx", typer.Context, inspect.Parameter.empty),
]


_GROUPS: dict[str, tuple[type[Any], list[inspect.Parameter]]] = {
    "view": (ViewOptions, _VIEW),
    "source": (SourceOptions, _SOURCE),
    "filters": (FilterOptions, FILTER_PARAMETERS),
}
"""Parameter name -> the object it receives, and the options that object is made of."""


def command(function: Callable[..., None]) -> Callable[..., None]:
    """`function` as typer sees a command: its own parameters, then the shared options, which
    it receives grouped as `view`, `source` or `filters` objects."""
    signature = inspect.signature(function, eval_str=True)
    own = [p for p in signature.parameters.values() if p.name not in _GROUPS]
    groups = [name for name in _GROUPS if name in signature.parameters]

    @functools.wraps(function)
    def run(**values: Any) -> None:
        settings = global_options(values.pop("ctx"))
        settings.debug = bool(values.pop("debug")) or settings.debug
        values.pop("version")
        for group in groups:
            kind, parameters = _GROUPS[group]
            given = {p.name: values.pop(p.name) for p in parameters}
            if "data" in given:
                given["data"] = given["data"] or settings.data
                if given["data"] is None and os.environ.get(DATA_ENV):
                    given["data"] = Path(os.environ[DATA_ENV])
            values[group] = kind(**given)
        try:
            function(**values)
        except BrokenPipeError:  # raised past the parser's own handling, to `run()`
            raise OutputClosedError from None

    parameters = [*own, *(p for group in groups for p in _GROUPS[group][1]), *_GLOBAL]
    run.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in parameters}
    return run
