"""The command line's own errors; `run()` turns each into its message and exit code."""

from __future__ import annotations

from stancectl.problems import ExitCode, StancectlError


class UsageError(StancectlError):
    """The command line asks for something that cannot be done as given."""

    exit_code = ExitCode.USAGE


class OutputClosedError(StancectlError):
    """The reader of standard output went away (`stancectl who-said | head -1`)."""

    exit_code = ExitCode.BROKEN_PIPE


class StdoutClosedError(StancectlError):
    """Standard output was closed before the command started (`stancectl who-said >&-`)."""

    exit_code = ExitCode.USAGE

    def __init__(self) -> None:
        super().__init__(
            "standard output is closed, so nothing can be shown; run without `>&-`, or write "
            "to a file with --output FILE"
        )
