"""Statement records kept as compact JSON, for a view that prints JSON and needs nothing else.

A repeat `who-said --format json` spent most of its time building every record as Python
objects from the cache, only to write them out as JSON again. So a cache entry also keeps each
record's JSON, as `orjson.dumps(record)` writes it, and a small key per record for the filters:
such a view joins the stored bytes of the records it selects, and its output is byte for byte
what writing the records would give.
"""

from __future__ import annotations

import functools
import marshal
import mmap
import struct
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, BinaryIO

import orjson

from stancectl.problems import StancectlError
from stancectl.records import Record, Records

FilterKey = tuple[str, str | None, str | None, str, tuple[str, ...], str | None, str | None]
"""What the filters (all but --search) read of a statement record: its stance, actor,
government, topic, articles, date and date precision."""

TRAILER = struct.Struct("<5Q")
BATCH = 2000
"""Records whose JSON is joined at a time while writing: memory stays about one copy."""


class DataDamagedError(StancectlError):
    """A part of a cache entry that cannot be unpacked."""


def filter_key(record: Record) -> FilterKey:
    actor, government = record["actor"], record["government"]
    return (
        record["stance"]["id"],
        actor["id"] if actor else None,
        government["id"] if government else None,
        record["topic"],
        tuple(e["article"] for e in record["evidence"]),
        record["said_on"],
        record["date_precision"],
    )


@dataclass
class StoredJson:
    """Every statement record as compact JSON, in the records' order."""

    names: Records
    """The data's source and names, to resolve what a user typed; it holds no statements."""
    joined: memoryview
    """Every record's JSON, joined by commas (mapped from the entry, not copied)."""
    ends: list[int]
    """Where each record's JSON ends in `joined` (the next one starts one byte later)."""
    keys: Callable[[], list[FilterKey]]
    """Each record's filter key, read when first needed."""
    by_article: Callable[[], dict[str, list[int]]]
    """Article id -> the records citing it (by index, in order), read when first needed."""

    def select(self, kept: list[int] | None) -> bytes | memoryview:
        """The JSON of the records kept (by index; None: all), joined by commas."""
        if kept is None:
            return self.joined
        return b",".join(self.record(i) for i in kept)

    def record(self, index: int) -> memoryview:
        """The JSON of one record."""
        ends = self.ends
        return self.joined[(ends[index - 1] + 1 if index else 0) : ends[index]]


def citing(stored: StoredJson, articles: frozenset[str]) -> Records:
    """The records (read back from their JSON) of the statements citing any of `articles`,
    with the names and catalog of all: what a view about a few articles reads."""
    index = stored.by_article()
    kept = sorted({i for article in articles for i in index.get(article, ())})
    statements = [orjson.loads(stored.record(i)) for i in kept]
    return replace(stored.names, statements=statements)


def stored_parts(records: Records) -> Iterator[bytes]:
    """The records' stored JSON as pieces to write one after another: names, filter keys, the
    joined records (made a batch at a time, so that they are never all held at once), where
    each ends, the records by article, and a trailer of `TRAILER.size` bytes with the lengths
    of those five parts."""
    names = marshal.dumps({"source": records.source, "names": vars(records.names)})
    keys = [filter_key(record) for record in records.statements]
    by_article: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        for article in dict.fromkeys(key[4]):
            by_article.setdefault(article, []).append(index)
    stored_keys, stored_by_article = marshal.dumps(keys), marshal.dumps(by_article)
    del keys, by_article
    yield names
    yield stored_keys
    ends: list[int] = []
    end = -1
    statements = records.statements
    for start in range(0, len(statements), BATCH):
        made = [orjson.dumps(record) for record in statements[start : start + BATCH]]
        for one in made:
            end += 1 + len(one)
            ends.append(end)
        yield (b"," if start else b"") + b",".join(made)
    stored_ends = marshal.dumps(ends)
    yield stored_ends
    yield stored_by_article
    lengths = (len(names), len(stored_keys), max(end, 0), len(stored_ends), len(stored_by_article))
    yield TRAILER.pack(*lengths)


def read_stored(handle: BinaryIO, offset: int, catalog: Callable[[], dict[str, Any]]) -> StoredJson:
    """The stored JSON that starts at `offset` and fills the rest of the file; ValueError if
    its parts do not fit together."""
    # Mapped, not read: the view writes the records' bytes from the page cache. An entry is
    # replaced by a rename, never rewritten in place, so the mapped file does not change.
    mapped = memoryview(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
    lengths = TRAILER.unpack(mapped[len(mapped) - TRAILER.size :])
    if offset + sum(lengths) + TRAILER.size != len(mapped):
        raise ValueError("damaged stored JSON")
    names, keys, joined, ends, by_article = _cut(mapped, offset, lengths)
    plain = marshal.loads(names)
    ends_list = marshal.loads(ends)
    if not isinstance(ends_list, list) or (ends_list and ends_list[-1] != len(joined)):
        raise ValueError("damaged stored JSON")
    return StoredJson(
        Records.from_plain({**plain, "statements": []}, catalog),
        joined,
        ends_list,
        functools.cache(lambda: _plain(keys, list)),
        functools.cache(lambda: _plain(by_article, dict)),
    )


def _cut(whole: memoryview, offset: int, lengths: tuple[int, ...]) -> list[memoryview]:
    parts = []
    for length in lengths:
        parts.append(whole[offset : offset + length])
        offset += length
    return parts


def _plain(body: memoryview, kind: type[Any]) -> Any:
    plain = marshal.loads(body)
    if not isinstance(plain, kind):
        raise ValueError("damaged stored JSON")
    return plain


class Packed(Mapping[str, Any]):
    """A dict kept in `marshal` form until it is first used."""

    def __init__(self, body: bytes) -> None:
        self._body: bytes | None = body
        self._plain: dict[str, Any] = {}

    def _unpacked(self) -> dict[str, Any]:
        if self._body is not None:
            plain = marshal.loads(self._body)
            if not isinstance(plain, dict):
                raise DataDamagedError(
                    "a cache entry is damaged; run the command again with --no-cache"
                )
            self._plain, self._body = plain, None
        return self._plain

    def __getitem__(self, key: str) -> Any:
        return self._unpacked()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._unpacked())

    def __len__(self) -> int:
        return len(self._unpacked())
