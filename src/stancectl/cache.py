"""A cache of loaded, checked data, keyed by the content of every input file.

Loading a large data file means parsing YAML, validating every record and anchoring every quote.
The outcome depends only on the bytes of the data file, the bytes of each article it cites, the
load options and this version of stancectl, so it is kept under the user's cache folder and
reused while all of those are unchanged. Any change to the YAML or to an article is a miss, and
so is a symlink (to an article or to a folder of them) that now leads somewhere else; a missing
or unreadable entry is a miss; deleting the folder is always safe.

An entry is one file, written to a temporary name and renamed into place: a reader sees a whole
entry or none. It holds a head line of JSON (what was read, the problems, the counts), then
the records in `marshal` form, which reads back twice as fast as JSON and stores an object that
many records share (a stance, an actor in a role) once: first what every view reads (names and
statements), then the catalog only some views read (articles, actors, lines), then every
statement record as compact JSON, for a view that prints JSON and needs nothing else (it joins the
stored bytes of the records it selects instead of building them as Python objects). `check` reads
the head line only.

marshal, unlike pickle, cannot run code while reading: it only builds dicts, lists, strings
and numbers. It is not meant for data from others, though (a crafted file could crash the
reader), so entries are read only from a folder that the user owns and nobody else can
write to, where only the user's own stancectl writes.

Checking that nothing changed does not re-read every file: like git's index, a file whose size,
times, inode and device are those it had when it was hashed is unchanged, unless it was modified
so close to that moment that a coarse clock could hide a second change; such files are hashed
again.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import marshal
import os
import stat
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from stancectl import __version__
from stancectl.dataset import counts_of
from stancectl.files import read_bytes
from stancectl.inputs import MATCH_RULE, MAX_DATA_BYTES, LoadOptions, digest, stamp_of
from stancectl.problems import Problem, Report, Severity, StancectlError

if TYPE_CHECKING:  # loading the model (pydantic, PyYAML) is what a current entry saves
    from stancectl.dataset import Dataset
    from stancectl.records import Records
    from stancectl.stored_json import StoredJson

CACHE_FORMAT = 10  # 10: counts say how many statements were left out for their errors
CACHE_ENV = "STANCECTL_CACHE_DIR"
NO_CACHE_ENV = "STANCECTL_NO_CACHE"
ENTRY_SUFFIX = ".entry"
TEMP_SUFFIX = ".tmp"
RACY_NS = 2_000_000_000
"""A file modified this close to (or after) the moment its load began is always re-hashed."""
ABANDONED_AFTER_S = 3600
"""A temporary file this old is left over from an interrupted write, whoever wrote it."""


def default_cache_dir() -> Path | None:
    """$STANCECTL_CACHE_DIR, else $XDG_CACHE_HOME/stancectl, else $HOME/.cache/stancectl; else
    None: no cache (never a relative "~" folder from a user with no home)."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    for variable, below in (("XDG_CACHE_HOME", "stancectl"), ("HOME", ".cache/stancectl")):
        base = os.environ.get(variable, "")
        if base and Path(base).is_absolute():
            return Path(base) / below
    return None


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
    fingerprints: dict[str, list[Any]]
    """Every input file read, by absolute path as opened: the data file and each article, as
    `[digest, stamp, real path]` (see `Fingerprint`)."""
    loaded_at_ns: int
    """When the load that made this entry began."""
    problems: list[dict[str, Any]]
    """The report's problems as stored: most views show none, so they are made when asked."""
    counts: dict[str, int]
    records_at: tuple[int, int, int] | None
    """Byte offset and length of the records in the entry, and the length of the catalog that
    follows them; None when the data has errors."""
    json_at: int | None = None
    """Byte offset of the records' stored JSON, which fills the rest of the entry."""


class Loaded:
    """One load's outcome. The counts are there at once; the report is made from the stored
    problems when first asked for; the records are read from the cache entry when first asked
    for, and if they are damaged, the files are loaded again."""

    def __init__(
        self,
        source: Path,
        options: LoadOptions,
        report: Report | list[dict[str, Any]],
        counts: dict[str, int],
        info: CacheInfo,
        *,
        dataset: Dataset | None = None,
        records_at: tuple[int, int, int] | None = None,
        json_at: int | None = None,
    ) -> None:
        self.source = source
        self.options = options
        self._report = report if isinstance(report, Report) else None
        self._stored_problems = report if isinstance(report, list) else []
        self.counts = counts
        self.info = info
        self._dataset = dataset
        self._records: Records | None = None
        self._records_at = records_at
        self._json_at = json_at

    @property
    def report(self) -> Report:
        if self._report is None:
            self._report = Report()
            for problem in self._stored_problems:
                severity = Severity(problem["severity"])
                self._report.add(Problem(**{**problem, "severity": severity}))
        return self._report

    @property
    def has_errors(self) -> bool:
        """Whether the report has errors, without making it."""
        if self._report is not None:
            return bool(self._report.errors)
        return any(p["severity"] == Severity.ERROR.value for p in self._stored_problems)

    def dataset(self) -> Dataset | None:
        """The loaded model, or None if the data file could not be used at all. A cache hit
        holds records only: this loads the files."""
        if self._dataset is None:
            from stancectl.loader import load

            self._dataset, _ = load(self.source, self.options)
        return self._dataset

    def made_records(self, records: Records) -> Records:
        """Keep records made from this load's dataset, for a view that asks for them."""
        self._records = records
        return records

    def _catalog_from_files(self) -> dict[str, Any]:
        from stancectl.records import records_of

        dataset = self.dataset()
        if dataset is None:
            raise StancectlError(f"{self.source} could not be read again; run the command again")
        return records_of(dataset).catalog()

    def stored_json(self) -> StoredJson | None:
        """The statement records as stored JSON, from a current entry; None when there is none
        (then read `records()`), or when the data has errors."""
        if self.has_errors or self._json_at is None or self.info.path is None:
            return None
        return _read_json(self.info.path, self._json_at, catalog=self._catalog)

    def _catalog(self) -> dict[str, Any]:
        """The catalog alone: from the records if they were read, else from the entry."""
        if self._records is not None:
            return self._records.catalog()
        if self._records_at is not None and self.info.path is not None:
            offset, length, catalog_length = self._records_at
            with contextlib.suppress(OSError), self.info.path.open("rb") as handle:
                handle.seek(offset + length)
                catalog = _catalog(handle.read(catalog_length))
                if catalog is not None:
                    return catalog
        return self._catalog_from_files()

    def records(self) -> Records | None:
        """What the views read; None when the data has errors (views refuse it)."""
        if self._records is None and not self.report.errors and self.counts:
            if self._records_at is not None and self.info.path is not None:
                self._records = _read_records(
                    self.info.path, *self._records_at, fallback=self._catalog_from_files
                )
            if self._records is None:
                from stancectl.records import records_of

                dataset = self.dataset()
                self._records = records_of(dataset) if dataset is not None else None
        return self._records


class LoadCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def entry_path(self, source: Path, options: LoadOptions) -> Path:
        # the name depends on marshal's format (Python's version) and on the quote rule's version
        version = (CACHE_FORMAT, MATCH_RULE, __version__, sys.version_info[:2], marshal.version)
        identity = repr((*version, str(source.resolve()), asdict(options)))
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
                source,
                options,
                head.problems,
                head.counts,
                info,
                records_at=head.records_at,
                json_at=head.json_at,
            )
        from stancectl.loader import load

        started = time.time_ns()
        dataset, report = load(source, options)
        loaded = Loaded(source, options, report, counts_of(dataset), info, dataset=dataset)
        if dataset is not None:  # else nothing to keep: the data file itself is unusable
            info.stored = self._store(path, started, dataset, loaded)
        return loaded

    def _store(self, path: Path, started: int, dataset: Dataset, loaded: Loaded) -> bool:
        from stancectl.records import records_of
        from stancectl.stored_json import stored_parts

        with_records = not loaded.report.errors  # views refuse data with errors
        main = catalog = b""
        stored: Iterable[bytes] = ()
        if with_records:  # what every view reads, then what only some views read
            records = loaded.made_records(records_of(dataset))
            parts = records.catalog()
            main = marshal.dumps({n: v for n, v in records.as_plain().items() if n not in parts})
            # each statement's line is needed only by views that show one: unpacked on demand
            catalog = marshal.dumps({**parts, "lines": marshal.dumps(parts["lines"])})
            stored = stored_parts(records)  # made while it is written
        head = {
            "format": CACHE_FORMAT,
            "fingerprints": {
                p: [f.digest, f.stamp, f.real] for p, f in dataset.fingerprints.items()
            },
            "loaded_at_ns": started,
            "problems": [p.as_dict() for p in loaded.report.problems],
            "counts": loaded.counts,
            "records": len(main) if with_records else None,
            "catalog": len(catalog),
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not _private_folder(self.folder):
                loaded.info.note = f"cache not written: {self.folder} is not private to this user"
                return False
            _write_entry(path, itertools.chain([orjson.dumps(head) + b"\n", main, catalog], stored))
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


def _write_entry(path: Path, pieces: Iterable[bytes]) -> None:
    """Write to `NAME.PID.RANDOM.tmp` beside the entry, then rename: one step makes it visible.
    The writer's pid in the name lets a later run tell an abandoned file from one being
    written."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{os.urandom(4).hex()}{TEMP_SUFFIX}")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.writelines(pieces)
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
            severities = {p["severity"] for p in plain["problems"]}
            if not severities <= {s.value for s in Severity}:
                return None
            records_at = None
            json_at = None
            if plain["records"] is not None:
                records_at = (len(line), int(plain["records"]), int(plain["catalog"]))
                json_at = len(line) + records_at[1] + records_at[2]
            return _Head(
                dict(plain["fingerprints"]),
                int(plain["loaded_at_ns"]),
                plain["problems"],
                dict(plain["counts"]),
                records_at,
                json_at,
            )
    except Exception:  # a damaged, foreign or outdated entry is just a miss
        return None


def _read_records(
    path: Path,
    offset: int,
    length: int,
    catalog_length: int,
    *,
    fallback: Callable[[], dict[str, Any]],
) -> Records | None:
    """The records of an entry; their catalog (read at once, with them, from the same file)
    is unpacked only if a view uses it, and made from the files if it is damaged."""
    from stancectl.records import Records

    if not _private_folder(path.parent):
        return None
    try:
        with path.open("rb") as handle:
            handle.seek(offset)
            main = handle.read(length)
            catalog = handle.read(catalog_length)
        plain = marshal.loads(main)
        del main
        return Records.from_plain(plain, lambda: _catalog(catalog) or fallback())
    except Exception:  # damaged: the caller loads the files instead
        return None


def _read_json(
    path: Path, offset: int, *, catalog: Callable[[], dict[str, Any]]
) -> StoredJson | None:
    """An entry's stored JSON; None if it is damaged (the caller reads the records instead)."""
    from stancectl.stored_json import read_stored

    if not _private_folder(path.parent):
        return None
    try:
        with path.open("rb") as handle:
            return read_stored(handle, offset, catalog)
    except Exception:  # damaged: the caller reads the records instead
        return None


def _catalog(body: bytes) -> dict[str, Any] | None:
    try:
        catalog = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(catalog, dict) or not isinstance(catalog.get("lines"), bytes):
        return None
    from stancectl.stored_json import Packed

    return {**catalog, "lines": Packed(catalog["lines"])}


def _private_folder(folder: Path) -> bool:
    """Whether the folder is the user's own and nobody else can write to it."""
    try:
        info = folder.stat()
    except OSError:
        return False
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return owner_ok and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _unchanged(head: _Head) -> bool:
    """Whether every input file still has the bytes the entry was made from, at the same real
    path (a symlink pointed elsewhere is a change even if its new target looks the same)."""
    racy_from = head.loaded_at_ns - RACY_NS
    real_folders: dict[str, str] = {}
    for path, (known_digest, known_stamp, known_real) in head.fingerprints.items():
        try:
            real, info = _real_path_and_stat(path, real_folders)
        except OSError:
            if known_digest is None and _real_path(path, real_folders) == known_real:
                continue  # missing then, missing now
            return False
        if real != known_real or known_digest is None:
            return False  # elsewhere now, or unreadable then and there now: read it properly
        if list(stamp_of(info)) == known_stamp and info.st_mtime_ns < racy_from:
            continue
        try:  # never a plain read: the file may be a FIFO or a device by now
            if digest(read_bytes(path, MAX_DATA_BYTES)[0]) != known_digest:
                return False
        except (OSError, ValueError):
            return False
    return True


def _real_path_and_stat(path: str, real_folders: dict[str, str]) -> tuple[str, os.stat_result]:
    """The real path of a file and its stat, in one system call for a file that is not a
    symlink (its folder's real path is resolved once for all its files)."""
    folder, _, name = path.rpartition(os.sep)  # paths as stored: absolute, one separator
    if folder not in real_folders:
        real_folders[folder] = os.path.realpath(folder or os.sep)
    candidate = f"{real_folders[folder].rstrip(os.sep)}{os.sep}{name}"
    info = os.lstat(candidate)
    if stat.S_ISLNK(info.st_mode):
        candidate = os.path.realpath(candidate)
        info = os.stat(candidate)  # noqa: PTH116 - a str is cheaper here
    return candidate, info


def _real_path(path: str, real_folders: dict[str, str]) -> str:
    """The real path of a file that may not exist."""
    folder, name = os.path.split(path)
    if folder not in real_folders:
        real_folders[folder] = os.path.realpath(folder)
    return os.path.realpath(os.path.join(real_folders[folder], name))  # noqa: PTH118


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
    note = "no cache folder: HOME is not set" if use_cache and not folder else ""
    return Loaded(
        source, options, report, counts_of(dataset), CacheInfo(None, note=note), dataset=dataset
    )
