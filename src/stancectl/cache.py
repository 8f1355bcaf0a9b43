"""A cache of loaded, checked data, keyed by the content of every input file.

Loading a large data file means parsing YAML, validating every record and anchoring every quote.
The result depends only on the bytes of the data file, the bytes of each article it cites, the
load options and this version of stancectl, so it is kept under the user's cache folder and
reused while all of those are unchanged. Any change to the YAML or to an article is a miss; a
missing or unreadable entry is a miss; deleting the folder is always safe.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
from dataclasses import asdict, dataclass
from pathlib import Path

from stancectl import __version__
from stancectl.load import Dataset, LoadOptions, load
from stancectl.output import OutputExistsError, write_atomically
from stancectl.problems import Report

CACHE_FORMAT = 1
CACHE_ENV = "STANCECTL_CACHE_DIR"
NO_CACHE_ENV = "STANCECTL_NO_CACHE"


def default_cache_dir() -> Path:
    """$STANCECTL_CACHE_DIR, else $XDG_CACHE_HOME/stancectl, else ~/.cache/stancectl."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "stancectl"


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


@dataclass
class _Entry:
    data_digest: str
    article_digests: dict[str, str | None]
    """Article path (as the data file names it, resolved) -> digest of its bytes, or None
    when it could not be read at the time."""
    dataset: Dataset | None
    report: Report
    text_paths: dict[str, str]
    """Article path -> id, for the articles whose text the load kept (texts are re-read)."""


@dataclass
class CacheInfo:
    """What happened, for benchmarks and --debug: a hit, a miss, or no cache at all."""

    path: Path | None
    hit: bool = False
    stored: bool = False


class LoadCache:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_cache_dir()

    def entry_path(self, source: Path, options: LoadOptions) -> Path:
        identity = repr((CACHE_FORMAT, __version__, str(source.resolve()), asdict(options)))
        return self.folder / f"{_digest(identity.encode())}.pickle"

    def load(
        self, source: Path, options: LoadOptions | None = None
    ) -> tuple[Dataset | None, Report, CacheInfo]:
        options = options or LoadOptions()
        entry_path = self.entry_path(source, options)
        info = CacheInfo(entry_path)
        try:
            data_bytes = source.read_bytes()
        except OSError:
            dataset, report = load(source, options)  # the loader says what is wrong
            return dataset, report, info
        data_digest = _digest(data_bytes)
        entry = self._read(entry_path)
        if entry is not None and entry.data_digest == data_digest:
            texts = self._articles_unchanged(entry)
            if texts is not None:
                if entry.dataset is not None:
                    entry.dataset.texts = texts
                info.hit = True
                return entry.dataset, entry.report, info
        dataset, report = load(source, options)
        info.stored = self._store(entry_path, data_digest, dataset, report)
        return dataset, report, info

    def _articles_unchanged(self, entry: _Entry) -> dict[str, str] | None:
        """The articles' texts when every one still has the bytes it had; None otherwise."""
        texts: dict[str, str] = {}
        for path, digest in entry.article_digests.items():
            try:
                raw = Path(path).read_bytes()
            except OSError:
                if digest is None:
                    continue
                return None
            if digest is None or _digest(raw) != digest:
                return None
            article_id = entry.text_paths.get(path)
            if article_id is not None:
                texts[article_id] = raw.decode("utf-8-sig")
        return texts

    def _read(self, entry_path: Path) -> _Entry | None:
        if not _private_folder(self.folder):
            return None
        try:
            with entry_path.open("rb") as handle:
                entry = pickle.load(handle)
        except Exception:  # a damaged, foreign or outdated entry is just a miss
            return None
        return entry if isinstance(entry, _Entry) else None

    def _store(
        self, entry_path: Path, data_digest: str, dataset: Dataset | None, report: Report
    ) -> bool:
        if dataset is None:
            return False  # nothing worth keeping: the file did not parse
        digests: dict[str, str | None] = {}
        text_paths: dict[str, str] = {}
        for article in dataset.articles.values():
            path = str(dataset.article_path(article).resolve())
            try:
                digests[path] = _digest(Path(path).read_bytes())
            except OSError:
                digests[path] = None
            if article.id in dataset.texts:
                text_paths[path] = article.id
        texts, dataset.texts = dataset.texts, {}  # texts are re-read on every hit
        entry = _Entry(data_digest, digests, dataset, report, text_paths)
        try:
            payload = pickle.dumps(entry, protocol=5)
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
