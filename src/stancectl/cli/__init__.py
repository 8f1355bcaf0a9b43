"""The command line: options in, a library call, a renderer out, an exit code.

One module per command (or family of commands); each is registered below in one line. Heavy
modules (pydantic, PyYAML, rich) are imported inside the commands that need them, so
`stancectl --help` stays fast. `run()` is the one place where errors become messages and
exit codes.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from typing import Any

import typer

from stancectl.cli import (
    add_article,
    catalog,
    check,
    diff,
    report,
    scan,
    show,
    suggest,
    timeline,
    who_said,
)
from stancectl.cli.errors import OutputClosedError
from stancectl.cli.options import Command, DataOption, DebugOption, VersionOption, command
from stancectl.cli.output import ClosedOutput, warn
from stancectl.cli.settings import DATA_ENV, DEBUG_ENV, GlobalOptions, activate
from stancectl.problems import ExitCode, StancectlError

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


@app.callback()
def _global_options(
    ctx: typer.Context,
    data: DataOption = None,
    debug: DebugOption = False,
    version: VersionOption = False,
) -> None:
    """Options given before the command; each is accepted after it too."""
    settings = ctx.ensure_object(GlobalOptions)
    settings.data = data
    settings.debug = debug or settings.debug


def _register(name: str, function: Callable[..., None]) -> None:
    app.command(name, cls=Command)(command(function))


_register("check", check.check)
_register("who-said", who_said.who_said)
_register("timeline", timeline.timeline)
_register("diff", diff.diff)
_register("articles", catalog.articles)
_register("actors", catalog.actors)
_register("show", show.show)
_register("add-article", add_article.add_article)
_register("suggest", suggest.suggest)
_register("report", report.report)
_register("scan", scan.scan)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI and exit with its code."""
    sys.exit(run(argv))


def run(argv: list[str] | None = None) -> int:
    # A command is a short burst that builds many objects and almost no cycles; the cyclic
    # collector would walk the growing heap over and over (a third of a 50,000-statement load).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(argv)
    finally:
        if collecting:
            gc.enable()


def _run(argv: list[str] | None) -> int:
    from stancectl.problems import DataError

    settings = activate(GlobalOptions(debug=bool(os.environ.get(DEBUG_ENV))))
    if sys.stdout is None:  # started with standard output closed
        sys.stdout = ClosedOutput()
    cli = typer.main.get_command(app)
    try:
        result: Any = cli.main(
            args=sys.argv[1:] if argv is None else argv,
            prog_name="stancectl",
            standalone_mode=False,
            obj=settings,
        )
        sys.stdout.flush()  # a reader that left early shows up here, inside the handlers below
        return int(result) if isinstance(result, int) else ExitCode.OK
    except typer.TyperException as error:  # usage errors from the parser
        message = _parser_message(error)
        if message:  # none when the help was shown instead (`stancectl` alone)
            warn(f"error: {message}")
        return int(getattr(error, "exit_code", ExitCode.USAGE))
    except DataError as error:
        return int(error.exit_code)  # its problems were printed where it was raised
    except (BrokenPipeError, OutputClosedError):
        return _quiet_broken_pipe()
    except StancectlError as error:
        warn(f"error: {error}")
        return int(error.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        sys.stderr.write("\ninterrupted\n")
        return ExitCode.INTERRUPTED
    except Exception as error:
        if settings.debug:
            raise
        warn(
            f"internal error: {type(error).__name__}: {error}\n"
            "This is a bug in stancectl. Run again with --debug for the traceback, and report it."
        )
        return ExitCode.SOFTWARE


def _parser_message(error: typer.TyperException) -> str:
    """The parser's complaint in stancectl's own style (`stancectl: error: ...`), with where
    to look for the right usage."""
    format_message = getattr(error, "format_message", None)
    message = format_message() if callable(format_message) else str(error)
    if not message.strip():
        return ""
    context = getattr(error, "ctx", None)
    command = getattr(context, "command_path", None)
    return f"{message} (see `{command} --help`)" if command else message


def _quiet_broken_pipe() -> int:
    # The reader went away (`stancectl who-said | head -1`): nothing left to say to anyone.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return ExitCode.BROKEN_PIPE
