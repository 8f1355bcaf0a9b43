"""who-said: the statements that pass the filters, in the order asked for, optionally grouped."""

from __future__ import annotations

from stancectl.query.filters import Filters
from stancectl.records import Record, Records, sort_records
from stancectl.stored_json import StoredJson
from stancectl.views import GroupBy, SortKey, record_key

SCHEMA = "stancectl.who-said/1"


def group_label(record: Record, group_by: GroupBy) -> str:
    if group_by is GroupBy.STANCE:
        return str(record["stance"]["label"])
    part = record[record_key(group_by)]
    return str(part["name"]) if part else f"(no {group_by.value})"


def groups(records: list[Record], group_by: GroupBy) -> list[tuple[str, list[Record]]]:
    """Records in blocks, in the order their first record appears (so --sort orders groups)."""
    blocks: dict[str, list[Record]] = {}
    for record in records:
        blocks.setdefault(group_label(record, group_by), []).append(record)
    return list(blocks.items())


def who_said(
    records: Records, filters: Filters | None = None, sort: SortKey = SortKey.DATE
) -> list[Record]:
    kept = (filters or Filters()).select(records)
    return kept if sort is SortKey.DATE else sort_records(kept, sort)  # stored by date


def who_said_document(
    records: Records,
    filters: Filters | None = None,
    sort: SortKey = SortKey.DATE,
    group_by: GroupBy | None = None,
) -> Record:
    kept = who_said(records, filters, sort)
    document: Record = {"schema": SCHEMA, "count": len(kept), "statements": kept}
    if group_by is not None:
        document["group_by"] = group_by.value
        document["groups"] = [
            {"key": label, "statements": [r["id"] for r in block]}
            for label, block in groups(kept, group_by)
        ]
    return document


def who_said_json(stored: StoredJson, filters: Filters | None = None) -> list[bytes | memoryview]:
    """`who_said_document(records, filters)` as compact JSON (what `orjson.dumps` writes, and a
    newline), in pieces to write one after another, made from the stored JSON of the records
    kept; --search is not served here."""
    import orjson

    filters = filters or Filters()
    if filters.search:
        raise ValueError("who_said_json cannot search; use who_said_document")
    kept = None
    if filters != Filters():
        kept = [i for i, key in enumerate(stored.keys()) if filters.keep_key(key)]
    count = len(stored.ends) if kept is None else len(kept)
    empty = orjson.dumps({"schema": SCHEMA, "count": count, "statements": []})
    return [empty[:-2], stored.select(kept), b"]}\n"]  # the records put inside `[]`
