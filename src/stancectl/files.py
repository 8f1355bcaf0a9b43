"""Reading the files a data file names: UTF-8 text with every failure a problem, and where a
relative path really leads. Plain Python: the views read article texts through it without the
YAML or pydantic stack."""

from __future__ import annotations

from pathlib import Path

from stancectl.inputs import Fingerprint, digest, stamp_of
from stancectl.problems import Problem, Report, Severity


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

    def fail(code: str, message: str, line: int = 1, column: int = 1) -> None:
        report.add(Problem(display, line, column, code, Severity.ERROR, message))

    key = real = ""
    if fingerprints is not None:
        key, real = str(path.absolute()), str(real_path or path.resolve())
        fingerprints[key] = Fingerprint(None, None, real)
    try:
        info = path.stat()
        size = info.st_size
        if size > limit:
            fail("too-large", f"file is {size:,} bytes, over the limit of {limit:,} bytes")
            return None
        raw = path.read_bytes()
        if fingerprints is not None:
            fingerprints[key] = Fingerprint(digest(raw), stamp_of(info), real)
    except FileNotFoundError:
        fail("missing-file", "file not found")
        return None
    except IsADirectoryError:
        fail("missing-file", "is a directory, not a file")
        return None
    except OSError as error:
        fail("unreadable", f"cannot read file: {error.strerror or error}")
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
    return text


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
    if Path(relative).is_absolute():
        return False
    return real == root or root in real.parents
