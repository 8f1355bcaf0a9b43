"""A cache of loaded, checked data, keyed by the content of every input file.

Loading a large data file means parsing YAML, validating every record and anchoring every quote.
The result depends only on the bytes of the data file, the bytes of each article it cites, the
load options and this version of stancectl, so it is kept under the user's cache folder and
reused while all of those are unchanged. Any change to the YAML or to an article is a miss; a
missing or unreadable entry is a miss; deleting the folder is always safe.

Checking that nothing changed does not re-read every file: like git's index, a file whose size,
times and inode are those it had when it was hashed is unchanged, unless it was modified so close
to that moment that a coarse clock could hide a second change; such files are hashed again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import time
from collections.abc import Iterator, MutableMapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stancectl import __version__
from stancectl.check import counts_of
from stancectl.inputs import Fingerprint, LoadOptions, digest, stamp_of
from stancectl.output import OutputExistsError, write_atomically
from stancectl.problems import Report

if TYPE_CHECKING:  # loading the model (pydantic, PyYAML) is what a current entry saves
    from stancectl.load import Dataset
    from stancectl.query import StatementTable

CACHE_FORMAT = 3
CACHE_ENV = "STANCECTL_CACHE_DIR"
NO_CACHE_ENV = "STANCECTL_NO_CACHE"
BACKGROUND_FROM = 5_000
"""From this many statements, the entry is written by a child process in the background."""
RACY_NS = 2_000_000_000
"""A file modified this close to (or after) the moment its load began is always re-hashed."""
PARTS = ("head", "table", "dataset")
"""An entry is three files, read as needed: `check` reads the head only, who-said and timeline
the statement table, and the other views the whole dataset."""


def default_cache_dir() -> Path:
    """$STANCECTL_CACHE_DIR, else $XDG_CACHE_HOME/stancectl, else ~/.cache/stancectl."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "stancectl"


@dataclass
class _Head:
    generation: str
    """Written into every part of one entry, so parts of different loads never mix."""
    fingerprints: dict[str, Fingerprint]
    """Every input file read, by resolved path: the data file and each article."""
    loaded_at_ns: int
    """When the load that made this entry began."""
    report: Report
    counts: dict[str, int]


@dataclass
class _Part:
    generation: str
    content: Any


@dataclass
class CacheInfo:
    """What happened, for benchmarks and tests: a hit, a miss, or no cache at all."""

    path: Path | None
    hit: bool = False
    stored: bool = False


class ArticleTexts(MutableMapping[str, str]):
    """Article texts read when first asked for: a view that shows one statement reads one file."""

    def __init__(self, paths: dict[str, str]) -> None:
        self._paths = paths
        self._texts: dict[str, str] = {}

    def __getitem__(self, article_id: str) -> str:
        if article_id not in self._texts:
            path = self._paths[article_id]
            self._texts[article_id] = Path(path).read_bytes().decode("utf-8-sig")
        return self._texts[article_id]

    def __setitem__(self, article_id: str, text: str) -> None:
        self._texts[article_id] = text

    def __delitem__(self, article_id: str) -> None:
        self._paths.pop(article_id, None)
        self._texts.pop(article_id, None)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._paths or article_id in self._texts

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*self._paths, *self._texts]))

    def __len__(self) -> int:
        return len(dict.fromkeys([*self._paths, *self._texts]))


class Loaded:
    """One load's outcome. The report and the counts are there at once; the statement table
    and the dataset are read from the cache entry when first asked for, and if a part is gone
    or damaged, the files are loaded again."""

    def __init__(
        self,
        source: Path,
        options: LoadOptions,
        report: Report,
        counts: dict[str, int],
        info: CacheInfo,
        *,
        dataset: Dataset | None = None,
        entry: _EntryReader | None = None,
    ) -> None:
        self.source = source
        self.options = options
        self.report = report
        self.counts = counts
        self.info = info
        self._dataset = dataset
        self._table: StatementTable | None = None
        self._entry = entry

    def dataset(self) -> Dataset | None:
        """The loaded data, or None if the data file could not be used at all."""
        if self._dataset is None and self._entry is not None:
            found = self._entry.part("dataset")
            if found is not None:
                dataset, text_paths = found
                dataset.texts = ArticleTexts(text_paths)
                self._dataset = dataset
            else:
                from stancectl.load import load

                self._dataset, _ = load(self.source, self.options)
        return self._dataset

    def table(self) -> StatementTable | None:
        """Every statement as a record; None when the data has errors (views refuse it)."""
        if self._table is None and not self.report.errors:
            found = self._entry.part("table") if self._entry is not None else None
            if found is None:
                from stancectl.query import statement_table

                dataset = self.dataset()
                found = statement_table(dataset) if dataset is not None else None
            self._table = found
        return self._table


class _EntryReader:
    """The parts of a current entry, each checked to belong to the head that was read."""

    def __init__(self, cache: LoadCache, paths: dict[str, Path], head: _Head) -> None:
        self._cache = cache
        self._paths = paths
        self._generation = head.generation

    def part(self, name: str) -> Any:
        found = self._cache.read(self._paths[name], _Part)
        if found is None or found.generation != self._generation:
            return None
        return found.content


class LoadCache:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_cache_dir()

    def entry_paths(self, source: Path, options: LoadOptions) -> dict[str, Path]:
        identity = repr((CACHE_FORMAT, __version__, str(source.resolve()), asdict(options)))
        name = hashlib.blake2b(identity.encode(), digest_size=20).hexdigest()
        return {part: self.folder / f"{name}.{part}.pickle" for part in PARTS}

    def open(self, source: Path, options: LoadOptions | None = None) -> Loaded:
        """The load's outcome from a current entry, else from the files (then stored)."""
        options = options or LoadOptions()
        paths = self.entry_paths(source, options)
        info = CacheInfo(paths["head"])
        head = self.read(paths["head"], _Head)
        if head is not None and _unchanged(head):
            info.hit = True
            reader = _EntryReader(self, paths, head)
            return Loaded(source, options, head.report, head.counts, info, entry=reader)
        from stancectl.load import load

        started = time.time_ns()
        dataset, report = load(source, options)
        loaded = Loaded(source, options, report, counts_of(dataset), info, dataset=dataset)
        if dataset is None:
            return loaded  # nothing to keep: the data file itself is unusable
        if len(dataset.statements) >= BACKGROUND_FROM:
            self._store_in_background(paths, started, dataset, loaded)
        else:
            info.stored = self._store(paths, started, dataset, loaded)
        return loaded

    def _store_in_background(
        self, paths: dict[str, Path], started: int, dataset: Dataset, loaded: Loaded
    ) -> None:
        """Write the entry from a forked child, on the other core, while this process answers.
        The child lets go of the terminal and pipes at once, so nobody waits for it; the entry
        appears atomically when done, and until then a run is simply a miss."""
        try:
            child = os.fork() if hasattr(os, "fork") else -1
        except OSError:
            child = -1
        if child < 0:
            self._store(paths, started, dataset, loaded)
            return
        if child != 0:
            return
        try:
            devnull = os.open(os.devnull, os.O_RDWR)
            for descriptor in (0, 1, 2):
                os.dup2(devnull, descriptor)
            self._store(paths, started, dataset, loaded)
        finally:
            os._exit(0)  # never return into the parent's code

    def read(self, path: Path, kind: type[Any]) -> Any:
        """The object stored in one file of an entry if it is a `kind`; else None (a miss)."""
        if not _private_folder(self.folder):
            return None
        try:
            with path.open("rb") as handle:
                found = pickle.load(handle)
        except Exception:  # a damaged, foreign or outdated entry is just a miss
            return None
        return found if isinstance(found, kind) else None

    def _store(
        self, paths: dict[str, Path], started: int, dataset: Dataset, loaded: Loaded
    ) -> bool:
        """Write the parts, the head last: a head on disk means its parts were written."""
        generation = os.urandom(8).hex()
        parts: dict[str, bytes] = {}
        folder = dataset.source.parent.resolve()  # once: resolving each article is costly
        text_paths = {
            article_id: str(folder / dataset.articles[article_id].file)
            for article_id in dataset.texts
        }
        texts, dataset.texts = dataset.texts, {}  # texts are read again, when needed
        try:
            parts["dataset"] = _pickled(_Part(generation, (dataset, text_paths)))
        finally:
            dataset.texts = texts
        table = loaded.table()
        if table is not None:
            parts["table"] = _pickled(_Part(generation, table))
        head = _Head(generation, dataset.fingerprints, started, loaded.report, loaded.counts)
        parts["head"] = _pickled(head)
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not _private_folder(self.folder):
                return False
            for name, payload in parts.items():
                write_atomically(paths[name], payload, force=True, private=True)
        except (OSError, OutputExistsError):
            return False  # a read-only home or a full disk must not break a command
        return True

    def clear(self) -> int:
        """Delete every entry; returns how many there were."""
        removed = set()
        if self.folder.is_dir():
            for path in self.folder.glob("*.pickle"):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.add(path.name.split(".")[0])
        return len(removed)


def _pickled(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _unchanged(head: _Head) -> bool:
    """Whether every input file still has the bytes the entry was made from."""
    racy_from = head.loaded_at_ns - RACY_NS
    for path, known in head.fingerprints.items():
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
        try:
            if digest(Path(path).read_bytes()) != known.digest:
                return False
        except OSError:
            return False
    return True


def _private_folder(folder: Path) -> bool:
    """Only trust a cache folder the user owns and others cannot write to: entries are pickles."""
    try:
        info = folder.stat()
    except OSError:
        return False
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return owner_ok and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def open_cached(
    source: Path,
    options: LoadOptions | None = None,
    *,
    use_cache: bool = True,
    folder: Path | None = None,
) -> Loaded:
    """Load through the cache unless told not to (or $STANCECTL_NO_CACHE is set)."""
    if use_cache and not os.environ.get(NO_CACHE_ENV):
        return LoadCache(folder).open(source, options)
    from stancectl.load import load

    options = options or LoadOptions()
    dataset, report = load(source, options)
    info = CacheInfo(None)
    return Loaded(source, options, report, counts_of(dataset), info, dataset=dataset)
