"""The chart's lanes: one per government (or actor), each with its statements' marks placed
on the time axis and spread apart where they would overlap."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from stancectl.dates import DatePrecision
from stancectl.render.chart.look import (
    CHANGE_HEADROOM,
    LABEL_WIDTH,
    LANE_HEIGHT,
    MARK_SIZE,
    Record,
    stance_colour,
    stance_shape,
)
from stancectl.render.chart.timescale import Scale, record_days


def entity_word(records: list[Record]) -> str:
    """What the statements' governments are called: "government" when every one shown is a
    government (or says no kind), "entity" when some are parties, media, legislatures..."""
    kinds = {(r["government"] or {}).get("kind") or "government" for r in records}
    return "government" if kinds <= {"government"} else "entity"


def lane_of(record: Record, by: str) -> tuple[str, str, bool]:
    """(key, label, own): the lane a record is drawn in. A statement with no government (or no
    actor, with lanes by actor) gets a lane of whoever spoke; `own` is False for those."""
    other = "actor" if by == "government" else "government"
    part = record.get(by)
    if part:
        return f"{by}:{part['id']}", str(part["name"]), True
    part = record.get(other)
    if part:
        return f"{other}:{part['id']}", str(part["name"]), False
    return "none", "(no speaker)", False


@dataclass
class Mark:
    record: Record
    x: float
    range: tuple[float, float] | None
    shape: str
    colour: str


@dataclass
class Lane:
    key: str
    label: str
    own: bool
    marks: list[Mark] = field(default_factory=list)

    @property
    def has_change(self) -> bool:
        return any(m.record.get("change") for m in self.marks)

    @property
    def height(self) -> float:
        return LANE_HEIGHT + (CHANGE_HEADROOM if self.has_change else 0)


def _spread(marks: list[Mark]) -> None:
    """Marks of one lane closer than a mark's width apart are spread side by side."""
    marks.sort(key=lambda m: m.x)
    group: list[Mark] = []
    for mark in [*marks, None]:
        if mark is not None and group and mark.x - group[0].x < MARK_SIZE * 1.2:
            group.append(mark)
            continue
        if len(group) > 1:
            step = min(MARK_SIZE * 1.7, 60 / len(group))
            centre = sum(m.x for m in group) / len(group)
            for index, member in enumerate(group):
                member.x = centre + (index - (len(group) - 1) / 2) * step
        group = [mark] if mark is not None else []


def lanes_of(records: list[Record], by: str, scale: Scale, strongest: int) -> list[Lane]:
    lanes: dict[str, Lane] = {}
    for record in records:
        key, label, own = lane_of(record, by)
        lane = lanes.setdefault(key, Lane(key, label, own))
        days = record_days(record)
        score = record["stance"]["score"]
        if days is None:
            x, span = scale.undated_x or LABEL_WIDTH, None
        else:
            span = (scale.left(days[0]), scale.right(days[1])) if days[0] != days[1] else None
            if span and record["date_precision"] != DatePrecision.APPROXIMATE:
                x = (span[0] + span[1]) / 2  # a week or a month: no day in it is likelier
            else:
                x = scale.centre(dt.date.fromisoformat(record["said_on"]).toordinal())
        lane.marks.append(
            Mark(record, x, span, stance_shape(score), stance_colour(score, strongest))
        )
    for lane in lanes.values():
        _spread(lane.marks)

    def first_said(lane: Lane) -> str:
        return min((m.record["said_on"] for m in lane.marks if m.record["said_on"]), default="~")

    # governments first, each in the order it first spoke; speakers without one after them
    return sorted(lanes.values(), key=lambda lane: (not lane.own, first_said(lane), lane.label))
