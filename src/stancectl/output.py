"""Writing a result to a file without ever leaving a user's file half-written or overwritten."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from stancectl.problems import ExitCode, StancectlError


class OutputExistsError(StancectlError):
    exit_code = ExitCode.USAGE


def write_atomically(path: Path, content: str | bytes, *, force: bool = False) -> None:
    """Write `content` to a temporary file beside `path`, then rename it into place: a reader or an
    interruption sees the old file or the new one, never a mixture."""
    if path.is_dir():
        raise OutputExistsError(f"{path} is a directory; name a file to write")
    if path.exists() and not force:
        raise OutputExistsError(f"{path} exists; pass --force to replace it")
    binary = isinstance(content, bytes)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed before the rename below
        "wb" if binary else "w",
        encoding=None if binary else "utf-8",
        newline=None if binary else "",
        dir=path.parent or Path(),
        prefix=f".{path.name}.",
        suffix=".tmp",
        delete=False,
    )
    try:
        with handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        Path(handle.name).replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(handle.name).unlink()
        raise
