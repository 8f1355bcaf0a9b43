"""The command line: options in, a core call, a renderer out, an exit code.

Heavy modules (pydantic, PyYAML, rich) are imported inside the commands that need them, so
`stancectl --help` stays fast.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from stancectl.problems import ExitCode, StancectlError

if TYPE_CHECKING:
    from stancectl.load import Dataset, LoadOptions

DATA_ENV = "STANCECTL_DATA"
DEFAULT_DATA = "stances.yaml"

app = typer.Typer(
    name="stancectl",
    help=(
        "Track who said what about an issue, where and when, and according to whom.\n\n"
        "Reads a curated stances.yaml (found in the current directory, or given with --data "
        f"or ${DATA_ENV}) and the articles it cites; every quote is checked against its article."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class _State:
    debug = False


@app.callback()
def _global_options(
    debug: Annotated[
        bool,
        typer.Option("--debug", envvar="STANCECTL_DEBUG", help="Show tracebacks of internal errors."),
    ] = False,
) -> None:
    _State.debug = debug


class UsageError(StancectlError):
    exit_code = ExitCode.USAGE


# --- options shared by every command -----------------------------------------------------------

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        "-d",
        envvar=DATA_ENV,
        show_default=False,
        help=f"The stances.yaml to read [default: ./{DEFAULT_DATA}].",
    ),
]
AllowOutsideOption = Annotated[
    bool,
    typer.Option(
        "--allow-outside-files",
        help="Accept article files outside the data file's folder (only for data you trust).",
    ),
]


def resolve_data_path(data: Path | None) -> Path:
    path = data if data is not None else Path(DEFAULT_DATA)
    if path.is_dir():
        path = path / DEFAULT_DATA
    if not path.exists():
        if data is None:
            raise UsageError(
                f"no {DEFAULT_DATA} in the current directory; run stancectl where your data is, "
                f"or pass --data PATH (or set {DATA_ENV})"
            )
        raise UsageError(f"data file not found: {path}; check the path given to --data")
    return path


def load_options(*, allow_outside_files: bool) -> LoadOptions:
    from stancectl.load import LoadOptions

    return LoadOptions(allow_outside_files=allow_outside_files)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def colour_wanted() -> bool:
    return stdout_is_terminal() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def write(text: str) -> None:
    sys.stdout.write(text)


def warn(text: str) -> None:
    from stancectl.render.safe import inert

    sys.stderr.write(f"stancectl: {inert(text, keep_newlines=True)}\n")


# --- check ---------------------------------------------------------------------------------


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


@app.command()
def check(
    path: Annotated[
        Path | None,
        typer.Argument(show_default=False, help="The stances.yaml to check (overrides --data)."),
    ] = None,
    data: DataOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    output_format: Annotated[
        CheckFormat,
        typer.Option("--format", "-f", help="text: file:line:col lines; json; github: CI annotations."),
    ] = CheckFormat.TEXT,
    allow_outside_files: AllowOutsideOption = False,
) -> None:
    """Validate the data and every quote: problems as file:line:col, exit 1 if any error.

    Exit codes: 0 clean, 1 errors (or warnings with --strict), 2 usage error.
    """
    from stancectl.check import check as run_check
    from stancectl.render import problems as render

    source = resolve_data_path(path if path is not None else data)
    result = run_check(source, load_options(allow_outside_files=allow_outside_files))
    if output_format is CheckFormat.JSON:
        write(render.render_json(result, strict=strict))
    elif output_format is CheckFormat.GITHUB:
        write(render.render_github(result, strict=strict))
    else:
        write(render.render_text(result, strict=strict, colour=colour_wanted()))
    raise typer.Exit(ExitCode.DATA_PROBLEMS if result.report.failed(strict=strict) else ExitCode.OK)


def load_for_view(data: Path | None, *, allow_outside_files: bool) -> Dataset:
    """Load the data for a view; refuse to show anything from data with errors."""
    from stancectl.load import load
    from stancectl.problems import DataError
    from stancectl.render.problems import problem_line

    source = resolve_data_path(data)
    dataset, report = load(source, load_options(allow_outside_files=allow_outside_files))
    if dataset is None or report.errors:
        shown = report.errors[:5]
        more = len(report.errors) - len(shown)
        lines = [problem_line(p) for p in shown]
        if more:
            lines.append(f"... and {more} more")
        lines.append(f"{len(report.errors)} error(s) in the data; run `stancectl check` for all")
        sys.stderr.write("\n".join(lines) + "\n")
        raise DataError(report)
    return dataset


# --- entry point ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    """Run the CLI: the one place where errors become messages and exit codes."""
    sys.exit(run(argv))


def run(argv: list[str] | None = None) -> int:
    from stancectl.problems import DataError

    command = typer.main.get_command(app)
    try:
        result = command.main(
            args=sys.argv[1:] if argv is None else argv,
            prog_name="stancectl",
            standalone_mode=False,
        )
        return int(result) if isinstance(result, int) else ExitCode.OK
    except typer.TyperException as error:  # usage errors from the parser
        error.show()
        return int(getattr(error, "exit_code", ExitCode.USAGE))
    except DataError as error:
        return int(error.exit_code)  # its problems were printed where it was raised
    except StancectlError as error:
        warn(f"error: {error}")
        return int(error.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        sys.stderr.write("\ninterrupted\n")
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        return _quiet_broken_pipe()
    except Exception as error:
        if _State.debug:
            raise
        warn(
            f"internal error: {type(error).__name__}: {error}\n"
            "This is a bug in stancectl. Run again with --debug for the traceback, and report it."
        )
        return 70  # EX_SOFTWARE


def _quiet_broken_pipe() -> int:
    # The reader went away (`stancectl who-said | head -1`): nothing left to say to anyone.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 141  # as a process killed by SIGPIPE reports to the shell
