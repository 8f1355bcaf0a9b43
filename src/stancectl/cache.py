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

from stancectl import __version__
from stancectl.load import Dataset, Fingerprint, LoadOptions, digest, load, stamp_of
from stancectl.output import OutputExistsError, write_atomically
from stancectl.problems import Report

CACHE_FORMAT = 2
CACHE_ENV = "STANCECTL_CACHE_DIR"
NO_CACHE_ENV = "STANCECTL_NO_CACHE"
BACKGROUND_FROM = 5_000
"""From this many statements, the entry is written by a child process in the background."""
RACY_NS = 2_000_000_000
"""A file modified this close to (or after) the moment its load began is always re-hashed."""


def default_cache_dir() -> Path:
    """$STANCECTL_CACHE_DIR, else $XDG_CACHE_HOME/stancectl, else ~/.cache/stancectl."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "stancectl"


@dataclass
class _Entry:
    fingerprints: dict[str, Fingerprint]
    """Every input file read, by resolved path: the data file and each article."""
    loaded_at_ns: int
    """When the load that made this entry began."""
    dataset: Dataset
    report: Report
    text_paths: dict[str, str]
    """Article id -> resolved path, for the articles whose text the load kept."""


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


class LoadCache:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_cache_dir()

    def entry_path(self, source: Path, options: LoadOptions) -> Path:
        identity = repr((CACHE_FORMAT, __version__, str(source.resolve()), asdict(options)))
        name = hashlib.blake2b(identity.encode(), digest_size=20).hexdigest()
        return self.folder / f"{name}.pickle"

    def load(
        self, source: Path, options: LoadOptions | None = None
    ) -> tuple[Dataset | None, Report, CacheInfo]:
        options = options or LoadOptions()
        entry_path = self.entry_path(source, options)
        info = CacheInfo(entry_path)
        entry = self._read(entry_path)
        if entry is not None and _unchanged(entry):
            entry.dataset.texts = ArticleTexts(entry.text_paths)
            info.hit = True
            return entry.dataset, entry.report, info
        started = time.time_ns()
        dataset, report = load(source, options)
        if dataset is None:
            return dataset, report, info
        if len(dataset.statements) >= BACKGROUND_FROM and hasattr(os, "fork"):
            self._store_in_background(entry_path, started, dataset, report)
        else:
            info.stored = self._store(entry_path, started, dataset, report)
        return dataset, report, info

    def _store_in_background(
        self, entry_path: Path, started: int, dataset: Dataset, report: Report
    ) -> None:
        """Write the entry from a forked child, on the other core, while this process answers.
        The child lets go of the terminal and pipes at once, so nobody waits for it; the entry
        appears atomically when done, and until then a run is simply a miss."""
        try:
            child = os.fork()
        except OSError:
            self._store(entry_path, started, dataset, report)
            return
        if child != 0:
            return
        try:
            devnull = os.open(os.devnull, os.O_RDWR)
            for descriptor in (0, 1, 2):
                os.dup2(devnull, descriptor)
            self._store(entry_path, started, dataset, report)
        finally:
            os._exit(0)  # never return into the parent's code

    def _read(self, entry_path: Path) -> _Entry | None:
        if not _private_folder(self.folder):
            return None
        try:
            with entry_path.open("rb") as handle:
                entry = pickle.load(handle)
        except Exception:  # a damaged, foreign or outdated entry is just a miss
            return None
        return entry if isinstance(entry, _Entry) else None

    def _store(self, entry_path: Path, started: int, dataset: Dataset, report: Report) -> bool:
        folder = dataset.source.parent.resolve()  # once: resolving each article is costly
        text_paths = {
            article_id: str(folder / dataset.articles[article_id].file)
            for article_id in dataset.texts
        }
        texts, dataset.texts = dataset.texts, {}  # texts are read again, when needed
        try:
            entry = _Entry(dataset.fingerprints, started, dataset, report, text_paths)
            payload = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
        finally:
            dataset.texts = texts
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not _private_folder(self.folder):
                return False
            write_atomically(entry_path, payload, force=True, private=True)
        except (OSError, OutputExistsError):
            return False  # a read-only home or a full disk must not break a command
        return True

    def clear(self) -> int:
        removed = 0
        if self.folder.is_dir():
            for entry in self.folder.glob("*.pickle"):
                with contextlib.suppress(OSError):
                    entry.unlink()
                    removed += 1
        return removed


def _unchanged(entry: _Entry) -> bool:
    """Whether every input file still has the bytes the entry was made from."""
    racy_from = entry.loaded_at_ns - RACY_NS
    for path, known in entry.fingerprints.items():
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


def load_cached(
    source: Path,
    options: LoadOptions | None = None,
    *,
    use_cache: bool = True,
    folder: Path | None = None,
) -> tuple[Dataset | None, Report]:
    """`load()`, through the cache unless told not to (or $STANCECTL_NO_CACHE is set)."""
    if not use_cache or os.environ.get(NO_CACHE_ENV):
        return load(source, options)
    dataset, report, _ = LoadCache(folder).load(source, options)
    return dataset, report
