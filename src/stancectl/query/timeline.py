"""timeline: statements in date order, each change of a lane's position flagged."""

from __future__ import annotations

import bisect
import datetime as dt

from stancectl.query.filters import Filters
from stancectl.records import Record, Records, record_span
from stancectl.views import Lane, record_key

SCHEMA = "stancectl.timeline/1"


def _direction(before: Record, after: Record) -> str:
    old, new = before["score"], after["score"]
    if old is None or new is None:
        return "changed"
    return "toward support" if new > old else "toward opposition"


def _lane(record: Record, by: Lane) -> tuple[str, Record | None]:
    """Whose position a statement moves: the entity's, when its speaker speaks for it (or it
    is the entity's own); else, with lanes by entity, only the speaker's own."""
    if by is Lane.ACTOR:
        return "actor", record["actor"]
    actor = record["actor"]
    if actor is not None and not actor.get("speaks_for", True):
        return "actor", actor
    return by.value, record[record_key(by)]


def timeline(
    records: Records, filters: Filters | None = None, by: Lane = Lane.GOVERNMENT
) -> list[Record]:
    """Statements in date order; a statement carries `change` when its government's (or actor's)
    position on the topic differs from that lane's latest position before it.

    Only those who speak for an entity (or the entity itself) move its position: a senator's
    or an adviser's statement (a role with `speaks_for: false`) is shown, and its changes are
    flagged against that actor's own earlier statements (`change.lane_by` is "actor").
    Only positions on the scale count (a warning of consequences is not a position to change
    from). "Before" means certainly before: the earlier statement's dates, with their precision,
    all fall before the later one's, so two statements of one day, or a vague date next to the
    day it may stand for, are never read as a change. Changes are found over every statement,
    then the filters choose what to show, so a filter never hides or invents a change."""
    flagged = [{**r, "change": None} for r in records.statements]  # the stored ones stay as read
    # lane, topic -> (last day, order) of its scored records, sorted, and the records themselves
    ends: dict[tuple[str, str, str], list[tuple[dt.date, int]]] = {}
    seen: list[Record] = []
    for record in flagged:
        lane_by, lane = _lane(record, by)
        if lane is None or record["said_on"] is None or record["stance"]["score"] is None:
            continue
        key = (lane_by, lane["id"], record["topic"])
        first_day, last_day = record_span(record)
        lane_ends = ends.setdefault(key, [])
        before = bisect.bisect_left(lane_ends, (first_day, -1))
        previous = seen[lane_ends[before - 1][1]] if before else None
        if previous is not None and previous["stance"]["score"] != record["stance"]["score"]:
            record["change"] = {
                "lane": lane["id"],
                "lane_by": lane_by,
                "personal": by is not Lane.ACTOR and lane_by == "actor",
                "previous": previous["id"],
                "from": previous["stance"],
                "to": record["stance"],
                "direction": _direction(previous["stance"], record["stance"]),
                "since": previous["said_on"],
                "since_precision": previous["date_precision"],
            }
        bisect.insort(lane_ends, (last_day, len(seen)))
        seen.append(record)
    if filters is None:
        return flagged
    return [r for r in flagged if filters.keep(r, records.names)]


def timeline_document(
    records: Records, filters: Filters | None = None, by: Lane = Lane.GOVERNMENT
) -> Record:
    shown = timeline(records, filters, by)
    changes = sum(1 for r in shown if r["change"])
    return {
        "schema": SCHEMA,
        "by": by.value,
        "count": len(shown),
        "changes": changes,
        "statements": shown,
    }
