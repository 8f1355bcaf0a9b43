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
from array import array
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
"""At the end of an entry: the lengths of the stored JSON's five parts."""
DAMAGED = "a cache entry is damaged; run the command again with --no-cache"
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

    read_names: Callable[[], Records]
    joined: memoryview
    """Every record's JSON, joined by commas (mapped from the entry, not copied)."""
    ends: array[int]
    """Where each record's JSON ends in `joined` (the next one starts one byte later)."""
    keys: Callable[[], list[FilterKey]]
    """Each record's filter key, read when first needed."""
    by_article: Callable[[], dict[str, list[int]]]
    """Article id -> the records citing it (by index, in order), read when first needed."""

    @functools.cached_property
    def names(self) -> Records:
        """The data's source and names, to resolve what a user typed; it holds no statements.
        Read when first used: an unfiltered view needs none."""
        try:
            return self.read_names()
        except Exception as error:  # the rest of the entry read well: it was changed in place
            raise DataDamagedError(DAMAGED) from error

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
    """The records' stored JSON as pieces to write one after another: names, the joined records
    (made a batch at a time, so that they are never all held at once), where each ends, the
    filter keys, the records by article, and a trailer of `TRAILER.size` bytes with the lengths
    of those five parts. Each piece is let go of once written: the first `check` of a large
    corpus is at its peak of memory here."""
    lengths: list[int] = []
    piece = marshal.dumps({"source": records.source, "names": vars(records.names)})
    lengths.append(len(piece))
    yield piece
    ends = array("q")
    end = -1
    statements = records.statements
    for start in range(0, len(statements), BATCH):
        made = [orjson.dumps(record) for record in statements[start : start + BATCH]]
        for one in made:
            end += 1 + len(one)
            ends.append(end)
        piece = (b"," if start else b"") + b",".join(made)
        del made
        yield piece
    lengths.append(max(end, 0))
    for make in (ends.tobytes, lambda: _keys_of(statements), lambda: _by_article(statements)):
        piece = make()
        lengths.append(len(piece))
        yield piece
    yield TRAILER.pack(*lengths)


def _keys_of(statements: list[Record]) -> bytes:
    """The filter keys in `marshal` form, a batch at a time (a list of the batches' bytes)."""
    batches = range(0, len(statements), BATCH)
    return marshal.dumps(
        [marshal.dumps([filter_key(r) for r in statements[i : i + BATCH]]) for i in batches]
    )


def _by_article(statements: list[Record]) -> bytes:
    by_article: dict[str, list[int]] = {}
    for index, record in enumerate(statements):
        for article in dict.fromkeys(e["article"] for e in record["evidence"]):
            by_article.setdefault(article, []).append(index)
    return marshal.dumps(by_article)


def read_stored(handle: BinaryIO, offset: int, catalog: Callable[[], dict[str, Any]]) -> StoredJson:
    """The stored JSON that starts at `offset` and fills the rest of the file; ValueError if
    its parts do not fit together."""
    # Mapped, not read: the view writes the records' bytes from the page cache. An entry is
    # replaced by a rename, never rewritten in place, so the mapped file does not change.
    mapped = memoryview(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
    lengths = TRAILER.unpack(mapped[len(mapped) - TRAILER.size :])
    if offset + sum(lengths) + TRAILER.size != len(mapped):
        raise ValueError("damaged stored JSON")
    names, joined, ends, keys, by_article = _cut(mapped, offset, lengths)
    ends_list = array("q")
    ends_list.frombytes(ends)
    if ends_list and ends_list[-1] != len(joined):
        raise ValueError("damaged stored JSON")
    return StoredJson(
        lambda: Records.from_plain({**marshal.loads(names), "statements": []}, catalog),
        joined,
        ends_list,
        functools.cache(lambda: _all_keys(keys)),
        functools.cache(lambda: _plain(by_article, dict)),
    )


def _cut(whole: memoryview, offset: int, lengths: tuple[int, ...]) -> list[memoryview]:
    parts = []
    for length in lengths:
        parts.append(whole[offset : offset + length])
        offset += length
    return parts


def _all_keys(body: memoryview) -> list[FilterKey]:
    keys: list[FilterKey] = []
    for batch in _plain(body, list):
        keys += _plain(batch, list)
    return keys


def _plain(body: memoryview | bytes, kind: type[Any]) -> Any:
    """A part read when first needed; the rest of the entry read well, so if this part does
    not, the entry was changed in place."""
    try:
        plain = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        plain = None
    if not isinstance(plain, kind):
        raise DataDamagedError(DAMAGED)
    return plain


class Packed(Mapping[str, Any]):
    """A dict kept in `marshal` form until it is first used."""

    def __init__(self, body: bytes) -> None:
        self._body: bytes | None = body
        self._plain: dict[str, Any] = {}

    def _unpacked(self) -> dict[str, Any]:
        if self._body is not None:
            self._plain, self._body = _plain(self._body, dict), None
        return self._plain

    def __getitem__(self, key: str) -> Any:
        return self._unpacked()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._unpacked())

    def __len__(self) -> int:
        return len(self._unpacked())
