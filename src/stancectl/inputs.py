"""The inputs of a load: the options it ran with, and what it read of each file, so that a
cached result can prove it is still current. Plain Python: the cache checks these before it
decides whether the loader (PyYAML, pydantic) is needed at all."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

MATCH_RULE = 2
"""The version of the rule quotes are checked by (`stancectl.evidence`; 1 took near misses as
warnings): a cached result made under another rule is not used. Kept here, not there, so that
a cache hit need not import the matcher."""
MAX_DATA_BYTES = 256 * 1024 * 1024
MAX_ARTICLE_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class LoadOptions:
    max_data_bytes: int = MAX_DATA_BYTES
    max_article_bytes: int = MAX_ARTICLE_BYTES
    allow_outside_files: bool = False
    """Accept article files given as absolute paths or leaving the data file's directory."""
    check_quotes: bool = True


Stamp = tuple[int, int, int, int, int]
"""A file's size, mtime_ns, ctime_ns, inode and device: changes whenever its content may have."""


@dataclass(frozen=True)
class Fingerprint:
    """What a load read of one input file: a digest of its bytes, and its stamp taken before
    reading (None for both when the file could not be read), and the real path the file was
    found at, symlinks followed."""

    digest: str | None
    stamp: Stamp | None
    real: str


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def stamp_of(info: os.stat_result) -> Stamp:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)
