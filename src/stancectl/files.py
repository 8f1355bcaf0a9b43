"""Reading the files a data file names: UTF-8 text with every failure a problem, and where a
relative path really leads. Plain Python: the views read article texts through it without the
YAML or pydantic stack."""

from __future__ import annotations

import codecs
import errno
import os
import stat
from pathlib import Path

from stancectl.inputs import Fingerprint, digest, stamp_of
from stancectl.problems import Problem, Report, Severity
from stancectl.text import normalise_article_text


class NotRegularFileError(OSError):
    """A path that leads to a FIFO, a device, a socket or a folder: never read."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"is {kind}, not a regular file")
        self.kind = kind


def _kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "not a file"


_UNKNOWN_SIZE_CHUNK = 1 << 16
"""How much to ask for at a time from a file that reports no size (e.g. under /proc)."""


def read_bytes(path: Path | str, limit: int) -> tuple[bytes, os.stat_result]:
    """Up to `limit` + 1 bytes of a regular file, and its status when opened. Whatever size a
    file reports, no more is read (files under /proc report 0; a file may grow meanwhile).
    Opening never waits (a FIFO with no writer would block a plain open) and anything that is
    not a regular file is refused, a link to one included: NotRegularFileError."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ENXIO:  # a socket cannot be opened for reading
            raise NotRegularFileError("a socket") from error
        raise
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(_kind(info.st_mode))
        chunks: list[bytes] = []
        total = 0
        # The reported size only sizes the buffer: a read allocates all it asks for (asking
        # for a megabyte costs more than reading a small file), and one read of the whole
        # file needs no joining. The reads still go on to the end of the file or the limit,
        # whatever the size said.
        ask = info.st_size + 1 if info.st_size > 0 else _UNKNOWN_SIZE_CHUNK
        while total <= limit:
            chunk = os.read(descriptor, min(ask, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks), info
    finally:
        os.close(descriptor)


def path_problem(error: BaseException) -> tuple[str, str]:
    """(code, message) for a path that cannot be opened or followed."""
    if isinstance(error, NotRegularFileError):
        if error.kind == "a directory":
            return "missing-file", "is a directory, not a file"
        return "not-a-file", f"{error}: only regular files are read"
    if isinstance(error, ValueError):  # os functions refuse a NUL byte in a path
        return "bad-path", "the file name contains a NUL byte"
    if isinstance(error, RuntimeError) or getattr(error, "errno", None) == errno.ELOOP:
        return "bad-path", "symbolic links that lead round in a loop"
    if isinstance(error, FileNotFoundError):
        return "missing-file", "file not found"
    if isinstance(error, OSError) and error.errno == errno.ENAMETOOLONG:
        return "bad-path", "the file name is too long for the file system"
    if isinstance(error, OSError):
        return "unreadable", f"cannot read file: {error.strerror or error}"
    return "unreadable", f"cannot read file: {error}"


def read_text(
    path: Path,
    display: str,
    limit: int,
    report: Report,
    fingerprints: dict[str, Fingerprint] | None = None,
    real_path: Path | None = None,
) -> str | None:
    """Read a UTF-8 file (a byte-order mark is accepted), or add a problem saying why not.
    With `fingerprints`, record what was read under the absolute path as opened, with the real
    path it led to (`real_path`, if the caller knows it already): a symlink pointed elsewhere
    later is then seen to lead somewhere else."""
    found = _read(path, display, limit, report, fingerprints, real_path)
    return found[1] if found is not None else None


def read_utf8(
    path: Path,
    display: str,
    limit: int,
    report: Report,
    fingerprints: dict[str, Fingerprint] | None = None,
) -> bytes | None:
    """As `read_text`, but the checked UTF-8 bytes (without a byte-order mark): a large data
    file is then held as its bytes, not also as a str of up to four bytes a character."""
    found = _read(path, display, limit, report, fingerprints, None)
    if found is None:
        return None
    raw = found[0]
    return raw[len(codecs.BOM_UTF8) :] if raw.startswith(codecs.BOM_UTF8) else raw


def _read(
    path: Path,
    display: str,
    limit: int,
    report: Report,
    fingerprints: dict[str, Fingerprint] | None,
    real_path: Path | None,
) -> tuple[bytes, str] | None:

    def fail(code: str, message: str, line: int = 1, column: int = 1) -> None:
        report.add(Problem(display, line, column, code, Severity.ERROR, message))

    key = real = ""
    try:
        if fingerprints is not None:
            key, real = str(path.absolute()), str(real_path or path.resolve())
            fingerprints[key] = Fingerprint(None, None, real)
        raw, info = read_bytes(path, limit)
    except (OSError, ValueError, RuntimeError) as error:
        fail(*path_problem(error))
        return None
    if len(raw) > limit:
        fail("too-large", f"file is over the limit of {limit:,} bytes")
        return None
    if fingerprints is not None:
        fingerprints[key] = Fingerprint(digest(raw), stamp_of(info), real)
    wide = _wide_encoding(raw)
    if wide:
        fail(
            "not-utf8",
            f"not UTF-8: the file starts with a {wide.upper()} byte order mark; save it as UTF-8 "
            f"(e.g. `iconv -f {wide} -t utf-8`)",
        )
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        fail(
            "not-utf8",
            f"not valid UTF-8: byte 0x{raw[error.start]:02x} at offset {error.start}; "
            "save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)",
            line,
            column,
        )
        return None
    if "\x00" in text:
        fail("binary-file", "contains NUL bytes: this looks like a binary file, not text")
        return None
    return raw, text


_WIDE_BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _wide_encoding(raw: bytes) -> str | None:
    """The encoding a UTF-16/32 byte order mark announces (iconv reads the mark itself)."""
    return next((name for mark, name in _WIDE_BOMS if raw.startswith(mark)), None)


def read_article(
    path: Path,
    display: str,
    limit: int,
    report: Report,
    fingerprints: dict[str, Fingerprint] | None = None,
    real_path: Path | None = None,
) -> str | None:
    """An article's text as stancectl keeps it: read as `read_text` does, then normalised
    (`stancectl.text.normalise_article_text`). Every offset into an article refers to this."""
    text = read_text(path, display, limit, report, fingerprints, real_path)
    return None if text is None else normalise_article_text(text)


def real_path(base: Path, relative: str, resolved: dict[Path, Path]) -> Path:
    """base/relative with symlinks followed. `resolved` caches the real path of each folder, so
    thousands of articles in one folder cost one resolution each."""
    target = base / relative
    folder = target.parent
    if folder not in resolved:
        resolved[folder] = folder.resolve()
    real = resolved[folder] / target.name
    if real.is_symlink() or target.name in ("..", "."):
        real = real.resolve()
    return real


def stays_inside(root: Path, relative: str, real: Path) -> bool:
    """Whether an article path, given relative to the data folder (whose real path is `root`)
    and found at `real`, stays inside that folder."""
    if os.path.isabs(relative):  # noqa: PTH117 - a string, thousands of times
        return False
    # both are resolved, so comparing their text is comparing the paths (and far quicker
    # than walking `real.parents` for each of thousands of articles)
    inside, folder = str(real), str(root)
    return inside == folder or inside.startswith(folder.rstrip(os.sep) + os.sep)
