"""Writing a result to a file without ever leaving a user's file half-written or overwritten."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from stancectl.problems import ExitCode, StancectlError


class OutputExistsError(StancectlError):
    """The output file cannot be written as asked: it exists, or its folder does not."""

    exit_code = ExitCode.USAGE


def write_atomically(
    path: Path, content: str | bytes, *, force: bool = False, private: bool = False
) -> None:
    """Write `content` to a temporary file beside `path`, then rename it into place: a reader or an
    interruption sees the old file or the new one, never a mixture. The file gets the usual
    permissions (0666 less the umask) unless `private`."""
    if path.is_dir():
        raise OutputExistsError(f"{path} is a directory; name a file to write")
    if path.exists() and not force:
        raise OutputExistsError(f"{path} exists; pass --force to replace it")
    if path.exists() and not path.is_file():
        # a FIFO, socket or device is not replaced, even with --force: it is not a file's output
        raise OutputExistsError(f"{path} is not a regular file; name a file to write")
    folder = path.parent
    if not folder.is_dir():
        raise OutputExistsError(f"cannot write {path}: the folder {folder} does not exist")
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    with atomic_output(path, private=private) as handle:
        handle.write(data)


@contextmanager
def atomic_output(path: Path, *, private: bool = False) -> Iterator[IO[bytes]]:
    """A binary handle whose content replaces `path` only once the block completes: a reader
    or an interruption sees the old file (or none) or the new one, never a part of it. The
    file gets the usual permissions (0666 less the umask) unless `private`."""
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed before the rename below
            "wb", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
        )
    except OSError as error:
        raise OutputExistsError(f"cannot write {path}: {error.strerror or error}") from error
    temporary = Path(handle.name)
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if not private:
            temporary.chmod(new_file_mode())
        temporary.replace(path)
    except OSError as error:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        raise OutputExistsError(f"cannot write {path}: {error.strerror or error}") from error
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        raise


def new_file_mode() -> int:
    """The permissions a new file gets: 0666 less the process's umask."""
    current = os.umask(0)
    os.umask(current)
    return 0o666 & ~current
