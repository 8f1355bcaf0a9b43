"""A cache of loaded, checked data, keyed by the content of every input file.

Loading a large data file means parsing YAML, validating every record and anchoring every quote.
The outcome depends only on the bytes of the data file, the bytes of each article it cites, the
load options and this version of stancectl, so it is kept under the user's cache folder and
reused while all of those are unchanged. Any change to the YAML or to an article is a miss, and
so is a symlink (to an article or to a folder of them) that now leads somewhere else; a missing
or unreadable entry is a miss; deleting the folder is always safe.

An entry is one file, written to a temporary name and renamed into place: a reader sees a whole
entry or none. It is plain JSON (no pickle): a head line (what was read, the problems, the
counts, where the records start), then the records. `check` reads the head line only.

Checking that nothing changed does not re-read every file: like git's index, a file whose size,
times, inode and device are those it had when it was hashed is unchanged, unless it was modified
so close to that moment that a coarse clock could hide a second change; such files are hashed
again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from stancectl import __version__
from stancectl.dataset import counts_of
from stancectl.files import read_bytes
from stancectl.inputs import (
    MATCH_RULE,
    MAX_DATA_BYTES,
    Fingerprint,
    LoadOptions,
    digest,
    stamp_of,
)
from stancectl.problems import Problem, Report, Severity
from stancectl.records import Records, records_of

if TYPE_CHECKING:  # loading the model (pydantic, PyYAML) is what a current entry saves
    from stancectl.dataset import Dataset

CACHE_FORMAT = 4
CACHE_ENV = "STANCECTL_CACHE_DIR"
NO_CACHE_ENV = "STANCECTL_NO_CACHE"
ENTRY_SUFFIX = ".entry"
TEMP_SUFFIX = ".tmp"
RACY_NS = 2_000_000_000
"""A file modified this close to (or after) the moment its load began is always re-hashed."""
ABANDONED_AFTER_S = 3600
"""A temporary file this old is left over from an interrupted write, whoever wrote it."""


def default_cache_dir() -> Path | None:
    """$STANCECTL_CACHE_DIR, else $XDG_CACHE_HOME/stancectl, else $HOME/.cache/stancectl; None
    when none of them is set to an absolute path (HOME unset: then there is no cache; the
    password database is not asked, so a cache never lands in a relative "~" folder)."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    for variable, below in (("XDG_CACHE_HOME", "stancectl"), ("HOME", ".cache/stancectl")):
        base = os.environ.get(variable, "")
        if base and Path(base).is_absolute():
            return Path(base) / below
    return None


NO_CACHE_FOLDER = "no cache folder: HOME is not set (nor STANCECTL_CACHE_DIR or XDG_CACHE_HOME)"


@dataclass
class CacheInfo:
    """What happened, for benchmarks and tests: a hit, a miss, or no cache at all."""

    path: Path | None
    hit: bool = False
    stored: bool = False
    note: str = ""
    """Why the cache was not used or not written, for --debug."""


@dataclass
class _Head:
    fingerprints: dict[str, Fingerprint]
    """Every input file read, by absolute path as opened: the data file and each article."""
    loaded_at_ns: int
    """When the load that made this entry began."""
    report: Report
    counts: dict[str, int]
    records_at: int | None
    """Byte offset of the records in the entry; None when the data has errors."""


class Loaded:
    """One load's outcome. The report and the counts are there at once; the records are read
    from the cache entry when first asked for, and if they are damaged, the files are loaded
    again."""

    def __init__(
        self,
        source: Path,
        options: LoadOptions,
        report: Report,
        counts: dict[str, int],
        info: CacheInfo,
        *,
        dataset: Dataset | None = None,
        records_at: int | None = None,
    ) -> None:
        self.source = source
        self.options = options
        self.report = report
        self.counts = counts
        self.info = info
        self._dataset = dataset
        self._records: Records | None = None
        self._records_at = records_at

    def dataset(self) -> Dataset | None:
        """The loaded model, or None if the data file could not be used at all. A cache hit
        holds records only: this loads the files."""
        if self._dataset is None:
            from stancectl.loader import load

            self._dataset, _ = load(self.source, self.options)
        return self._dataset

    def records(self) -> Records | None:
        """What the views read; None when the data has errors (views refuse it)."""
        if self._records is None and not self.report.errors and self.counts:
            if self._records_at is not None and self.info.path is not None:
                self._records = _read_records(self.info.path, self._records_at)
            if self._records is None:
                dataset = self.dataset()
                self._records = records_of(dataset) if dataset is not None else None
        return self._records


class LoadCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def entry_path(self, source: Path, options: LoadOptions) -> Path:
        identity = repr(
            (CACHE_FORMAT, MATCH_RULE, __version__, str(source.resolve()), asdict(options))
        )
        name = hashlib.blake2b(identity.encode(), digest_size=20).hexdigest()
        return self.folder / f"{name}{ENTRY_SUFFIX}"

    def open(self, source: Path, options: LoadOptions | None = None) -> Loaded:
        """The load's outcome from a current entry, else from the files (then stored)."""
        options = options or LoadOptions()
        path = self.entry_path(source, options)
        self.remove_abandoned()
        info = CacheInfo(path)
        head = _read_head(path)
        if head is not None and _unchanged(head):
            info.hit = True
            return Loaded(
                source, options, head.report, head.counts, info, records_at=head.records_at
            )
        from stancectl.loader import load

        started = time.time_ns()
        dataset, report = load(source, options)
        loaded = Loaded(source, options, report, counts_of(dataset), info, dataset=dataset)
        if dataset is not None:  # else nothing to keep: the data file itself is unusable
            info.stored = self._store(path, started, dataset, loaded)
        return loaded

    def _store(self, path: Path, started: int, dataset: Dataset, loaded: Loaded) -> bool:
        records = loaded.records()
        body = orjson.dumps(records.as_plain()) if records is not None else b""
        head = {
            "format": CACHE_FORMAT,
            "fingerprints": {p: asdict(f) for p, f in dataset.fingerprints.items()},
            "loaded_at_ns": started,
            "problems": [p.as_dict() for p in loaded.report.problems],
            "counts": loaded.counts,
            "records": records is not None,
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            _write_entry(path, orjson.dumps(head) + b"\n" + body)
        except OSError as error:  # a read-only or missing home, a full disk: no cache, no harm
            loaded.info.note = f"cache not written to {self.folder}: {error.strerror or error}"
            return False
        return True

    def remove_abandoned(self) -> int:
        """Delete the temporary files of writes that were interrupted (their writer is gone, or
        they are old); returns how many."""
        removed = 0
        try:
            found = list(os.scandir(self.folder))
        except OSError:
            return 0
        now = time.time()
        for item in found:
            if not item.name.endswith(TEMP_SUFFIX):
                continue
            with contextlib.suppress(OSError, ValueError):
                writer = int(item.name.split(".")[-3])
                if _alive(writer) and now - item.stat().st_mtime < ABANDONED_AFTER_S:
                    continue
                Path(item.path).unlink()
                removed += 1
        return removed

    def clear(self) -> int:
        """Delete every entry; returns how many there were."""
        removed = 0
        if self.folder.is_dir():
            for path in self.folder.glob(f"*{ENTRY_SUFFIX}"):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
        return removed


def _write_entry(path: Path, payload: bytes) -> None:
    """Write to `NAME.PID.RANDOM.tmp` beside the entry, then rename: one step makes it visible.
    The writer's pid in the name lets a later run tell an abandoned file from one being
    written."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{os.urandom(4).hex()}{TEMP_SUFFIX}")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, but belongs to someone else
    return True


def _read_head(path: Path) -> _Head | None:
    """The head of an entry if it is one this version wrote; else None (a miss)."""
    try:
        with path.open("rb") as handle:
            line = handle.readline()
            plain = orjson.loads(line)
            if plain.get("format") != CACHE_FORMAT:
                return None
            report = Report()
            for problem in plain["problems"]:
                report.add(Problem(**{**problem, "severity": Severity(problem["severity"])}))
            fingerprints = {
                p: Fingerprint(f["digest"], tuple(f["stamp"]) if f["stamp"] else None, f["real"])
                for p, f in plain["fingerprints"].items()
            }
            return _Head(
                fingerprints,
                int(plain["loaded_at_ns"]),
                report,
                dict(plain["counts"]),
                len(line) if plain["records"] else None,
            )
    except Exception:  # a damaged, foreign or outdated entry is just a miss
        return None


def _read_records(path: Path, offset: int) -> Records | None:
    try:
        with path.open("rb") as handle:
            handle.seek(offset)
            return Records.from_plain(orjson.loads(handle.read()))
    except Exception:  # damaged: the caller loads the files instead
        return None


def _unchanged(head: _Head) -> bool:
    """Whether every input file still has the bytes the entry was made from, at the same real
    path (a symlink pointed elsewhere is a change even if its new target looks the same)."""
    racy_from = head.loaded_at_ns - RACY_NS
    real_folders: dict[str, str] = {}
    for path, known in head.fingerprints.items():
        if _real_path(path, real_folders) != known.real:
            return False
        try:
            info = os.stat(path)  # noqa: PTH116 - thousands of Path objects would cost more
        except OSError:
            if known.digest is None:
                continue  # missing then, missing now
            return False
        if known.digest is None:
            return False  # unreadable then, there now: read it properly
        if stamp_of(info) == known.stamp and info.st_mtime_ns < racy_from:
            continue
        try:  # never a plain read: the file may be a FIFO or a device by now
            if digest(read_bytes(path, MAX_DATA_BYTES)[0]) != known.digest:
                return False
        except (OSError, ValueError):
            return False
    return True


def _real_path(path: str, real_folders: dict[str, str]) -> str:
    """os.path.realpath(path), resolving each folder once: thousands of articles in one folder
    cost one resolution and one lstat each."""
    folder, name = os.path.split(path)
    if folder not in real_folders:
        real_folders[folder] = os.path.realpath(folder)
    candidate = os.path.join(real_folders[folder], name)  # noqa: PTH118 - see above
    return os.path.realpath(candidate) if Path(candidate).is_symlink() else candidate


def open_cached(
    source: Path,
    options: LoadOptions | None = None,
    *,
    use_cache: bool = True,
    folder: Path | None = None,
) -> Loaded:
    """Load through the cache unless told not to (or $STANCECTL_NO_CACHE is set, or the user
    has no home folder to keep it in)."""
    folder = folder or default_cache_dir()
    if use_cache and folder is not None and not os.environ.get(NO_CACHE_ENV):
        return LoadCache(folder).open(source, options)
    from stancectl.loader import load

    options = options or LoadOptions()
    dataset, report = load(source, options)
    info = CacheInfo(None, note=NO_CACHE_FOLDER if use_cache and folder is None else "")
    return Loaded(source, options, report, counts_of(dataset), info, dataset=dataset)
