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
import typer.core

from stancectl import __version__
from stancectl.cli.errors import OutputClosedError, UsageError
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


class ListFormat(StrEnum):
    """The formats of a view that has no chart: all but svg, so --help offers only these."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


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


@dataclass(frozen=True)
class ChartViewOptions(ViewOptions):
    """A view that can also be drawn as a chart: --format offers svg."""


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
        help=f"The stances.yaml to read (default: ./{DEFAULT_DATA}, or ${DATA_ENV}).",
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
FORMAT_OF_EXTENSION = {
    ".json": ViewFormat.JSON,
    ".csv": ViewFormat.CSV,
    ".md": ViewFormat.MARKDOWN,
    ".markdown": ViewFormat.MARKDOWN,
    ".svg": ViewFormat.SVG,
}
"""The format an --output file's name asks for when --format is not given."""
PLAIN_SUFFIXES = ("", ".txt")
"""--output names that ask for no format in particular: a table, as on a terminal."""

FormatOption = Annotated[
    ListFormat | None,
    typer.Option(
        "--format",
        "-f",
        show_default=False,
        help="table (colour on a terminal), json, csv or markdown; without it, from the "
        "--output file's extension (.json, .csv, .md), else table.",
    ),
]
ChartFormatOption = Annotated[
    ViewFormat | None,
    typer.Option(
        "--format",
        "-f",
        show_default=False,
        help="table (colour on a terminal), json, csv, markdown, or svg (a chart); without it, "
        "from the --output file's extension (.json, .csv, .md, .svg), else table.",
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
    _parameter("output_format", FormatOption, None),
    _parameter("output", OutputOption, None),
    _parameter("force", ForceOption, False),
    *_SOURCE[1:],
    _parameter("include_pending", IncludePendingOption, False),
]
_CHART_VIEW = [
    _parameter("output_format", ChartFormatOption, None) if p.name == "output_format" else p
    for p in _VIEW
]
_GLOBAL = [
    _parameter("debug", DebugOption, False),
    _parameter("version", VersionOption, False),
    _parameter("ctx", typer.Context, inspect.Parameter.empty),
]


_GROUPS: dict[Any, list[inspect.Parameter]] = {
    ViewOptions: _VIEW,
    ChartViewOptions: _CHART_VIEW,
    SourceOptions: _SOURCE,
    FilterOptions: FILTER_PARAMETERS,
}
"""The type of a parameter that receives shared options -> the options it is made of."""


def format_for(output: Path | None) -> ViewFormat:
    """The format of a view written to `output` without --format: its extension's, or table
    for a .txt file or one without extension. UsageError for any other extension (.xlsx),
    rather than a table written into a file its name says is something else."""
    suffix = output.suffix.lower() if output is not None and str(output) != "-" else ""
    if suffix in PLAIN_SUFFIXES:
        return ViewFormat.TABLE
    if suffix not in FORMAT_OF_EXTENSION:
        known = ", ".join(s for s in FORMAT_OF_EXTENSION if s != ".markdown")
        raise UsageError(
            f"{output}: no output format is written as {suffix}; name the file {known} "
            "or .txt (a table), or choose the format with --format"
        )
    return FORMAT_OF_EXTENSION[suffix]


class Command(typer.core.TyperCommand):
    """A command whose arguments are named in capitals, as its options' values are: `diff
    [OPTIONS] A B`, where typer would write `{A} {B}` and the parameter's own name (`{corpus}`)
    where no metavar was given."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for parameter in self.params:
            if isinstance(parameter, typer.core.TyperArgument) and parameter.metavar is None:
                parameter.metavar = (parameter.name or "").upper()

    def collect_usage_pieces(self, ctx: Any) -> list[str]:  # ctx: the click typer bundles
        pieces = [self.options_metavar] if self.options_metavar else []
        for parameter in self.get_params(ctx):
            if not isinstance(parameter, typer.core.TyperArgument):
                pieces.extend(parameter.get_usage_pieces(ctx))
                continue
            name = str(parameter.metavar) + ("..." if parameter.nargs != 1 else "")
            pieces.append(name if parameter.required else f"[{name}]")
        return pieces


def unwrapped(doc: str | None) -> str | None:
    """A docstring as help text: each paragraph on one line, for the help to wrap at the
    terminal's width (typer keeps the docstring's line breaks). Indented paragraphs, such as
    examples, stay as written."""
    if doc is None:
        return None
    paragraphs = inspect.cleandoc(doc).split("\n\n")
    return "\n\n".join(
        p if any(line[:1].isspace() for line in p.splitlines()) else " ".join(p.split("\n"))
        for p in paragraphs
    )


def command(function: Callable[..., None]) -> Callable[..., None]:
    """`function` as typer sees a command: its own parameters, then the shared options, which
    it receives grouped in the objects its parameters are annotated with (ViewOptions or
    ChartViewOptions, SourceOptions, FilterOptions)."""
    signature = inspect.signature(function, eval_str=True)
    own = [p for p in signature.parameters.values() if p.annotation not in _GROUPS]
    groups = [(p.name, p.annotation) for p in signature.parameters.values() if p not in own]

    @functools.wraps(function)
    def run(**values: Any) -> None:
        settings = global_options(values.pop("ctx"))
        settings.debug = bool(values.pop("debug")) or settings.debug
        values.pop("version")
        for group, kind in groups:
            given = {p.name: values.pop(p.name) for p in _GROUPS[kind]}
            if "data" in given:
                given["data"] = given["data"] or settings.data
                if given["data"] is None and os.environ.get(DATA_ENV):
                    given["data"] = Path(os.environ[DATA_ENV])
            if "output_format" in given:
                chosen = given["output_format"]
                given["output_format"] = (
                    format_for(given["output"]) if chosen is None else ViewFormat(chosen)
                )
            values[group] = kind(**given)
        try:
            function(**values)
        except BrokenPipeError:  # raised past the parser's own handling, to `run()`
            raise OutputClosedError from None

    parameters = [*own, *(p for _, kind in groups for p in _GROUPS[kind]), *_GLOBAL]
    run.__doc__ = unwrapped(function.__doc__)
    run.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in parameters}
    return run
