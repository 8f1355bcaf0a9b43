"""actors: names, aliases, roles over time, governments, number of statements."""

from __future__ import annotations

from stancectl.naming import fold
from stancectl.records import Record, Records

SCHEMA = "stancectl.actors/1"


def actors_document(records: Records) -> Record:
    shown = list(records.actors.values())
    shown.sort(key=lambda r: (-r["statements"], fold(r["name"])))
    return {"schema": SCHEMA, "count": len(shown), "actors": shown}
