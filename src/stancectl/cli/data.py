"""From the command line's options to the data a command reads: the data file's path, the
load options, and the records (through the cache), refusing data with errors."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from stancectl.cli.errors import UsageError
from stancectl.cli.settings import DATA_ENV, DEFAULT_DATA

if TYPE_CHECKING:
    from stancectl.cache import Loaded
    from stancectl.cli.options import SourceOptions
    from stancectl.inputs import LoadOptions
    from stancectl.problems import Report
    from stancectl.records import Records


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
        origin = f"${DATA_ENV}" if os.environ.get(DATA_ENV) else "--data"
        raise UsageError(f"data file not found: {path}; check the path given to {origin}")
    return path


def data_given(source: SourceOptions) -> bool:
    """Whether the data file was named by --data (before or after the command), not only by
    $STANCECTL_DATA, which a path given to the command overrides."""
    from_env = os.environ.get(DATA_ENV)
    return source.data is not None and not (from_env and source.data == Path(from_env))


def load_options(source: SourceOptions) -> LoadOptions:
    from stancectl.inputs import LoadOptions

    return LoadOptions(allow_outside_files=source.allow_outside_files)


def open_source(source: SourceOptions, path: Path | None = None) -> Loaded:
    """The load's outcome, through the cache unless --no-cache."""
    from stancectl.cache import open_cached

    data = resolve_data_path(path if path is not None else source.data)
    loaded = open_cached(data, load_options(source), use_cache=not source.no_cache)
    if loaded.info.note and _debugging():
        sys.stderr.write(f"stancectl: {loaded.info.note}\n")
    return loaded


def _debugging() -> bool:
    """Whether --debug (or $STANCECTL_DEBUG) is in force for the running command."""
    from stancectl.cli.settings import active

    return active().debug


def refuse(report: Report, data: Path | None = None) -> NoReturn:
    """Print the data's first errors (and how to see all) and stop with exit code 1.
    `data`: the data file as the user named it, for the `check` hint (None: the default)."""
    from stancectl.problems import DataError, Severity
    from stancectl.render.fields import counted
    from stancectl.render.problems import problem_line

    errors = [p for p in report.sorted() if p.severity is Severity.ERROR]  # in file order
    shown = errors[:5]
    more = len(errors) - len(shown)
    lines = [problem_line(p) for p in shown]
    if more:
        lines.append(f"... and {more} more")
    command = "stancectl check" + (f" {shlex.quote(str(data))}" if data is not None else "")
    lines.append(f"{counted(len(errors), 'error')} in the data; run `{command}` for all")
    sys.stderr.write("\n".join(lines) + "\n")
    raise DataError(report)


def open_for_view(source: SourceOptions) -> Loaded:
    """The load's outcome for a view; refuse to show anything from data with errors."""
    loaded = open_source(source)
    if loaded.has_errors:
        refuse(loaded.report, source.data)
    return loaded


def records_for_view(source: SourceOptions, loaded: Loaded | None = None) -> Records:
    """What a view reads; refuse to show anything from data with errors."""

    loaded = loaded or open_source(source)
    report = loaded.report
    records = loaded.records()
    if report.errors or records is None:
        refuse(report, source.data)
    if getattr(source, "include_pending", False):
        from stancectl.records import with_pending

        return with_pending(records)
    return records
