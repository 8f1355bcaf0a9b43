"""The chart's time axis: busy stretches of time side by side, long empty gaps cut out, and
the ticks and month headings of each stretch."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stancectl.dates import DatePrecision, date_span
from stancectl.render.chart.look import (
    BREAK_WIDTH,
    LABEL_WIDTH,
    MIN_CLUSTER_WIDTH,
    UNDATED_WIDTH,
    Record,
)


@dataclass(frozen=True)
class Stretch:
    """Days [first, last] (ordinals) drawn from x0 to x1."""

    first: int
    last: int
    x0: float
    x1: float

    @property
    def day_width(self) -> float:
        return (self.x1 - self.x0) / (self.last - self.first + 1)

    def left(self, day: int) -> float:
        return self.x0 + (day - self.first) * self.day_width


@dataclass(frozen=True)
class Scale:
    stretches: list[Stretch]
    undated_x: float | None
    """Centre of the column for statements without a date, if there are any."""

    def left(self, day: int) -> float:
        """The x where `day` begins; a day in a cut gap is placed at the gap's middle."""
        if not self.stretches:
            return LABEL_WIDTH
        for index, stretch in enumerate(self.stretches):
            if day < stretch.first:
                if index == 0:
                    return stretch.x0
                return (self.stretches[index - 1].x1 + stretch.x0) / 2
            if day <= stretch.last:
                return stretch.left(day)
        return self.stretches[-1].x1

    def centre(self, day: int) -> float:
        for stretch in self.stretches:
            if stretch.first <= day <= stretch.last:
                return stretch.left(day) + stretch.day_width / 2
        return self.left(day)

    def right(self, day: int) -> float:
        for stretch in self.stretches:
            if stretch.first <= day <= stretch.last:
                return stretch.left(day + 1)
        return self.left(day)


def record_days(record: Record) -> tuple[int, int] | None:
    """The first and last day (ordinals) a record's date may stand for; None if undated."""
    if record["said_on"] is None:
        return None
    first, last = date_span(
        dt.date.fromisoformat(record["said_on"]),
        DatePrecision(record["date_precision"] or DatePrecision.DAY),
    )
    return first.toordinal(), last.toordinal()


def _busy_stretches(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Days grouped into stretches; a gap is cut when it is over 60 days and over 30% of the
    whole range, so evenly spread statements keep a true scale."""
    spans = sorted(spans)
    whole = max(last for _, last in spans) - spans[0][0] + 1
    cut = max(60, whole * 0.3)
    stretches = [list(spans[0])]
    for first, last in spans[1:]:
        if first - stretches[-1][1] > cut:
            stretches.append([first, last])
        else:
            stretches[-1][1] = max(stretches[-1][1], last)
    padded: list[tuple[int, int]] = []
    for first, last in stretches:
        pad = max(1, (last - first) // 40)
        padded.append((first - pad, last + pad))
    return padded


def _weighted_lengths(busy: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[float]:
    """Each stretch's days, but a stretch gets no more than one and a half times its share of
    the statements: a lone statement's wide uncertain date does not take the debate's room."""
    lengths = [float(last - first + 1) for first, last in busy]
    counts = [sum(1 for day, _ in spans if first <= day <= last) for first, last in busy]
    total_days, total_count = sum(lengths), sum(counts)
    return [
        min(days, 1.5 * total_days * count / total_count)
        for days, count in zip(lengths, counts, strict=True)
    ]


def build_scale(records: list[Record], plot_left: float, plot_right: float) -> Scale:
    spans = [days for days in map(record_days, records) if days is not None]
    undated = any(r["said_on"] is None for r in records)
    right = plot_right - (UNDATED_WIDTH if undated else 0)
    undated_x = right + UNDATED_WIDTH / 2 if undated else None
    if not spans:
        return Scale([], undated_x if undated else None)
    busy = _busy_stretches(spans)
    room = right - plot_left - BREAK_WIDTH * (len(busy) - 1)
    lengths = _weighted_lengths(busy, spans)
    widths = [room * n / sum(lengths) for n in lengths]
    short = [i for i, w in enumerate(widths) if w < MIN_CLUSTER_WIDTH]
    if short and len(short) < len(widths):  # give short stretches a readable width
        rest = room - MIN_CLUSTER_WIDTH * len(short)
        long_total = sum(n for i, n in enumerate(lengths) if i not in short)
        widths = [
            MIN_CLUSTER_WIDTH if i in short else rest * n / long_total
            for i, n in enumerate(lengths)
        ]
    stretches: list[Stretch] = []
    x = plot_left
    for (first, last), width in zip(busy, widths, strict=True):
        stretches.append(Stretch(first, last, x, x + width))
        x += width + BREAK_WIDTH
    return Scale(stretches, undated_x)


# --- axis ticks -------------------------------------------------------------------------------

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    heading: str | None
    """A month or year named above the tick, where one begins."""


def ticks_of(stretch: Stretch) -> tuple[list[Tick], list[tuple[float, float]]]:
    """Ticks for one stretch, and the weekend columns to shade when days are wide enough."""
    ticks: list[Tick] = []
    weekends: list[tuple[float, float]] = []
    width = stretch.day_width
    first_label = True
    for ordinal in range(stretch.first, stretch.last + 1):
        day = dt.date.fromordinal(ordinal)
        month = f"{_MONTHS[day.month - 1]} {day.year}"
        if width >= 17:
            heading = month if first_label or day.day == 1 else None
            ticks.append(Tick(stretch.left(ordinal) + width / 2, f"{day.day:02d}", heading))
            if day.weekday() >= 5:
                weekends.append((stretch.left(ordinal), width))
        elif width >= 2.5:
            if day.weekday() == 0:
                heading = month if first_label or day.day <= 7 else None
                ticks.append(Tick(stretch.left(ordinal), f"{day.day:02d}", heading))
            else:
                continue
        elif width >= 0.25:
            if day.day == 1:
                heading = str(day.year) if first_label or day.month == 1 else None
                if width * 31 >= 26 or day.month in (1, 4, 7, 10):
                    ticks.append(Tick(stretch.left(ordinal), _MONTHS[day.month - 1], heading))
                    first_label = False
            continue
        elif day.month == 1 and day.day == 1:
            ticks.append(Tick(stretch.left(ordinal), str(day.year), None))
        else:
            continue
        first_label = False
    return _spaced_headings(ticks), weekends


HEADING_WIDTH = 62
"""Room a month heading ("Sep 2024") needs on the axis."""


def _spaced_headings(ticks: list[Tick]) -> list[Tick]:
    """Ticks whose headings would overlap lose the earlier heading: a month's own first day
    is named rather than the stretch's first tick."""
    kept: list[Tick] = []
    next_x = float("inf")
    for tick in reversed(ticks):
        if tick.heading and next_x - tick.x < HEADING_WIDTH:
            kept.append(Tick(tick.x, tick.label, None))
            continue
        if tick.heading:
            next_x = tick.x
        kept.append(tick)
    return kept[::-1]


def gap_label(days: int) -> str:
    if days >= 700:
        return f"{round(days / 365.25)} years"
    if days >= 56:
        return f"{round(days / 30.44)} months"
    return f"{round(days / 7)} weeks"
