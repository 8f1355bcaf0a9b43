"""One row per candidate, and how rows are written: Parquet (via pyarrow) or JSON lines.

A scan writes the rows of each batch of articles as a part file, then joins the parts in corpus
order into the output. Both formats have the same columns, in the same order; offsets are
character offsets into the article text as stancectl reads it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

import orjson

SCHEMA = "stancectl.scan/1"
"""The name and version of the columns below; stored in the Parquet file's metadata."""
ROW_GROUP_ROWS = 64_000
"""Rows per Parquet row group in the output: large enough for fast column scans, small enough
that one group is all the memory the join needs."""


class OutputFormat(StrEnum):
    PARQUET = "parquet"
    JSONL = "jsonl"

    @classmethod
    def of(cls, path: Path) -> OutputFormat | None:
        suffix = path.suffix.lower()
        if suffix == ".parquet":
            return cls.PARQUET
        if suffix in {".jsonl", ".ndjson"}:
            return cls.JSONL
        return None


class Kind(StrEnum):
    SUGGESTION = "suggestion"
    """An attribution `suggest` finds in the article."""
    SECOND_SOURCE = "second-source"
    """A curated quote found in an article that none of its statements cites."""


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class CandidateRow:
    article: str
    article_index: int
    kind: Kind
    content: Span
    source: Span | None = None
    cue: Span | None = None
    actor: str | None = None
    government: str | None = None
    """For a state or organisation speaking as such."""
    new_actor: str | None = None
    """The name proposed for a speaker the registry does not know."""
    new_actor_id: str | None = None
    attribution: str | None = None
    stance: str | None = None
    topic: str | None = None
    said_on: dt.date | None = None
    date_precision: str | None = None
    published: dt.date | None = None
    curated: bool = False
    """An existing statement already has this evidence in this article."""
    statements: tuple[str, ...] = field(default_factory=tuple)
    """The statements that cover a suggestion, or whose quote a second source carries."""
    cited_by: tuple[str, ...] = field(default_factory=tuple)
    """For a second source: the articles the curated statements cite for the quote."""
    gap: Span | None = None
    """For an interrupted quotation: the writer's words inside `content` ("Scholz said,")."""

    def as_record(self) -> dict[str, Any]:
        def part(span: Span | None, name: str) -> dict[str, Any]:
            if span is None:
                return {name: None, f"{name}_start": None, f"{name}_end": None}
            return {name: span.text, f"{name}_start": span.start, f"{name}_end": span.end}

        return {
            "article": self.article,
            "article_index": self.article_index,
            "kind": self.kind.value,
            **part(self.source, "source"),
            **part(self.cue, "cue"),
            **part(self.content, "content"),
            "actor": self.actor,
            "government": self.government,
            "new_actor": self.new_actor,
            "new_actor_id": self.new_actor_id,
            "attribution": self.attribution,
            "stance": self.stance,
            "topic": self.topic,
            "said_on": self.said_on,
            "date_precision": self.date_precision,
            "published": self.published,
            "curated": self.curated,
            "statements": list(self.statements),
            "cited_by": list(self.cited_by),
            **part(self.gap, "gap"),
        }


COLUMNS = tuple(CandidateRow("", 0, Kind.SUGGESTION, Span("", 0, 0)).as_record())
"""The column names, in order."""


def arrow_schema() -> Any:
    import pyarrow as pa

    text, offset = pa.string(), pa.int64()
    types = {
        "article": text,
        "article_index": offset,
        "kind": text,
        "source": text,
        "source_start": offset,
        "source_end": offset,
        "cue": text,
        "cue_start": offset,
        "cue_end": offset,
        "content": text,
        "content_start": offset,
        "content_end": offset,
        "actor": text,
        "government": text,
        "new_actor": text,
        "new_actor_id": text,
        "attribution": text,
        "stance": text,
        "topic": text,
        "said_on": pa.date32(),
        "date_precision": text,
        "published": pa.date32(),
        "curated": pa.bool_(),
        "statements": pa.list_(text),
        "cited_by": pa.list_(text),
        "gap": text,
        "gap_start": offset,
        "gap_end": offset,
    }
    assert tuple(types) == COLUMNS
    required = {"article", "article_index", "kind", "content", "content_start", "content_end"}
    fields = [pa.field(name, kind, nullable=name not in required) for name, kind in types.items()]
    return pa.schema(fields, metadata={"stancectl.schema": SCHEMA})


def encode_rows(rows: list[CandidateRow], output_format: OutputFormat) -> bytes:
    """The bytes of one part file holding `rows`."""
    records = [row.as_record() for row in rows]
    if output_format is OutputFormat.JSONL:
        return b"".join(orjson.dumps(record) + b"\n" for record in records)
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema()
    table = pa.Table.from_pylist(records, schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return bytes(sink.getvalue())


def join_parts(parts: Iterable[Path], output_format: OutputFormat, handle: IO[bytes]) -> None:
    """Write the rows of `parts`, in order, to `handle` as one file: JSON lines concatenated;
    Parquet regrouped into row groups of ROW_GROUP_ROWS, holding one group at a time."""
    if output_format is OutputFormat.JSONL:
        for part in parts:
            with part.open("rb") as source:
                while chunk := source.read(1 << 20):
                    handle.write(chunk)
        return
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema()
    with pq.ParquetWriter(handle, schema, compression="zstd") as writer:
        pending: list[Any] = []
        count = 0
        for table in _tables(parts):
            pending.append(table)
            count += table.num_rows
            while count >= ROW_GROUP_ROWS:
                joined = pa.concat_tables(pending)
                writer.write_table(joined.slice(0, ROW_GROUP_ROWS), row_group_size=ROW_GROUP_ROWS)
                rest = joined.slice(ROW_GROUP_ROWS)
                pending, count = [rest], rest.num_rows
        if count:
            writer.write_table(pa.concat_tables(pending), row_group_size=ROW_GROUP_ROWS)


def _tables(parts: Iterable[Path]) -> Iterator[Any]:
    import pyarrow.parquet as pq

    for part in parts:
        table = pq.read_table(part)
        if table.num_rows:
            yield table
