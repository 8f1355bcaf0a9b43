"""The timeline as an SVG chart, laid out here in plain Python (no chart library, no network).

One chart per topic, titled by the topic's question: one lane per government (or per actor),
a mark per statement at its date, shaped and coloured by stance on the CLI's scale (▼ opposed,
▲ supportive, ■ neutral, ◆ off the scale), a pale bar over the days an uncertain date may mean,
and each change of position drawn as an arrow from the lane's previous position to the new one.
Long empty stretches of time (a standing position dated years before the debate) are cut out of
the axis and shown as a break, so the busy weeks stay readable.

The input is a `stancectl.timeline/1` document. Every piece of user text is made inert
(`render.safe.inert`) and XML-escaped before it is written. The same drawing serves
`timeline --format svg` (standalone: marks carry their quote as a native tooltip) and the HTML
report (marks are links to the table rows; the page shows tooltips and re-lays out lanes).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html import escape
from typing import Any

from stancectl.dates import DatePrecision, date_span
from stancectl.render.fields import date_label
from stancectl.render.safe import one_line

Record = dict[str, Any]

WIDTH = 1000
LABEL_WIDTH = 190
RIGHT_MARGIN = 16
UNDATED_WIDTH = 64
BREAK_WIDTH = 44
MIN_CLUSTER_WIDTH = 90
LANE_HEIGHT = 34
CHANGE_HEADROOM = 22
"""Extra height of a lane that shows a change of position: room for the arrow and its label."""
MARK_SIZE = 7.0
AXIS_TOP = 58
AXIS_HEIGHT = 44
LEGEND_ROW = 22
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"
CHANGE_COLOUR = "#c77c00"
CHANGE_TEXT = "#8a5300"

# A diverging red-blue scale (readable by most colour-blind people, unlike red-green): the
# more opposed, the deeper the red; the more supportive, the deeper the blue.
OPPOSED = ("#f4a582", "#d6604d", "#b2182b")
SUPPORTIVE = ("#92c5de", "#4393c3", "#2166ac")
NEUTRAL = "#a6761d"
OFF_SCALE = "#6e6e6e"


# --- stance appearance, shared with the HTML report ------------------------------------------


def stance_shape(score: int | None) -> str:
    """The CLI's symbol names: down (opposed), up (supportive), square (neutral), diamond."""
    if score is None:
        return "diamond"
    return "down" if score < 0 else "up" if score > 0 else "square"


def stance_symbol(score: int | None) -> str:
    return {"down": "\u25bc", "up": "\u25b2", "square": "\u25a0", "diamond": "\u25c6"}[
        stance_shape(score)
    ]


TONES = {
    **{f"opposed-{i + 1}": colour for i, colour in enumerate(OPPOSED)},
    **{f"supportive-{i + 1}": colour for i, colour in enumerate(SUPPORTIVE)},
    "neutral": NEUTRAL,
    "off-scale": OFF_SCALE,
}
"""Each stance colour by name: the HTML page's style sheet has a class per name."""


def stance_tone(score: int | None, strongest: int) -> str:
    """The name of a stance's colour: its side of the scale, deeper the further from 0
    (`strongest` is the largest distance from 0 among the scores shown)."""
    if score is None:
        return "off-scale"
    if score == 0:
        return "neutral"
    side = "opposed" if score < 0 else "supportive"
    depth = abs(score) / max(strongest, abs(score), 1)
    return f"{side}-{min(3, max(1, math.ceil(depth * 3)))}"


def stance_colour(score: int | None, strongest: int) -> str:
    return TONES[stance_tone(score, strongest)]


def strongest_score(records: Iterable[Record]) -> int:
    scores = [abs(r["stance"]["score"]) for r in records if r["stance"]["score"] is not None]
    return max(scores, default=1)


def shape_path(shape: str, x: float, y: float, size: float = MARK_SIZE) -> str:
    """An SVG path for a stance mark centred on (x, y)."""
    s = size
    if shape == "down":
        points = [(x - s, y - s * 0.8), (x + s, y - s * 0.8), (x, y + s * 0.9)]
    elif shape == "up":
        points = [(x - s, y + s * 0.8), (x + s, y + s * 0.8), (x, y - s * 0.9)]
    elif shape == "square":
        k = s * 0.75
        points = [(x - k, y - k), (x + k, y - k), (x + k, y + k), (x - k, y + k)]
    else:
        points = [(x, y - s), (x + s, y), (x, y + s), (x - s, y)]
    return "M" + "L".join(f"{px:.1f} {py:.1f}" for px, py in points) + "Z"


def text(value: object) -> str:
    """User text made inert, on one line, and escaped for XML and HTML (attributes too)."""
    return escape(one_line(str(value)), quote=True)


# --- time scale: busy stretches of time side by side, long empty gaps cut out -----------------


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


def build_scale(records: list[Record], plot_left: float, plot_right: float) -> Scale:
    spans = [days for days in map(record_days, records) if days is not None]
    undated = any(r["said_on"] is None for r in records)
    right = plot_right - (UNDATED_WIDTH if undated else 0)
    undated_x = right + UNDATED_WIDTH / 2 if undated else None
    if not spans:
        return Scale([], undated_x if undated else None)
    busy = _busy_stretches(spans)
    room = right - plot_left - BREAK_WIDTH * (len(busy) - 1)
    lengths = [last - first + 1 for first, last in busy]
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


def _ticks(stretch: Stretch) -> tuple[list[Tick], list[tuple[float, float]]]:
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


def _gap_label(days: int) -> str:
    if days >= 700:
        return f"{round(days / 365.25)} years"
    if days >= 56:
        return f"{round(days / 30.44)} months"
    return f"{round(days / 7)} weeks"


# --- lanes and marks --------------------------------------------------------------------------


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


def _lanes(records: list[Record], by: str, scale: Scale, strongest: int) -> list[Lane]:
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


# --- drawing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Chart:
    topic: str
    svg: str
    marks: int
    height: float


def _mark_description(record: Record) -> str:
    """Date, government, actor and stance: what a screen reader says of a mark."""
    actor, government = record["actor"], record["government"]
    who = " \u00b7 ".join(
        part for part in ((government or {}).get("name"), (actor or {}).get("name")) if part
    )
    said = date_label(record["said_on"], record["date_precision"])
    described = f"{said} \u00b7 {who}: {record['stance']['label']}"
    change = record.get("change")
    if change:
        described += f" (changed from {change['from']['label']})"
    return described


def _key_quote(record: Record) -> Record | None:
    evidence: list[Record] = record["evidence"]
    return next((e for e in evidence if e["attribution"] == "direct"), None) or (
        evidence[0] if evidence else None
    )


@dataclass(frozen=True)
class _Drawing:
    """What every lane of one chart is drawn with."""

    scale: Scale
    strongest: int
    standalone: bool
    link_prefix: str
    chart_id: str


def _draw_mark(mark: Mark, cy: float, drawing: _Drawing) -> str:
    """A mark (and the pale bar of its uncertain date): in the page a link to the statement's
    row, in a standalone file a focusable group whose native tooltip gives the quote."""
    record = mark.record
    rid = text(record["id"])
    label = text(_mark_description(record))
    inner = ""
    if mark.range:
        x0, x1 = mark.range
        inner = (
            f'<rect x="{x0:.1f}" y="{cy - 4:.1f}" width="{max(x1 - x0, 2):.1f}" height="8" '
            f'rx="4" fill="{mark.colour}" fill-opacity="0.28" stroke="none"/>'
        )
    inner += f'<path d="{shape_path(mark.shape, mark.x, cy)}" fill="{mark.colour}"/>'
    if not drawing.standalone:
        return (
            f'<a class="mark" data-id="{rid}" href="{drawing.link_prefix}{rid}" '
            f'aria-label="{label}">{inner}</a>'
        )
    tip = _mark_description(record)
    quote = _key_quote(record)
    if quote:
        tip += f" \u201c{quote['quote']}\u201d ({quote['article']}, {quote['match']} match)"
    return (
        f'<g class="mark" data-id="{rid}" tabindex="0" role="img" aria-label="{label}">'
        f"<title>{text(tip[:600])}</title>{inner}</g>"
    )


def _draw_change(mark: Mark, lane: Lane, cy: float, drawing: _Drawing, labelled: bool) -> str:
    """The ring around a new position and a dashed arrow from the previous one, labelled
    "old -> new" when `labelled` (labels that would overlap are left to the tooltip)."""
    change: Record = mark.record["change"]
    previous = next((m for m in lane.marks if m.record["id"] == change["previous"]), None)
    parts = [f'<g class="change" data-id="{text(mark.record["id"])}">']
    if previous is not None:
        x0 = previous.x
    else:  # the earlier position is not in this document (filtered out): a hollow ghost mark
        since = dt.date.fromisoformat(change["since"]).toordinal()
        x0 = drawing.scale.centre(since)
        ghost_shape = stance_shape(change["from"]["score"])
        parts.append(
            f'<path d="{shape_path(ghost_shape, x0, cy)}" stroke-dasharray="2 2" '
            f'stroke="{stance_colour(change["from"]["score"], drawing.strongest)}">'
            f"<title>earlier position, not shown: {text(change['from']['label'])}</title></path>"
        )
    x1 = mark.x
    lift = CHANGE_HEADROOM + 2
    towards = -1 if x1 < x0 else 1
    start_x, end_x = x0 + towards * (MARK_SIZE + 2), x1 - towards * (MARK_SIZE + 5)
    mid = (start_x + end_x) / 2
    label = change_words(change)
    parts.append(
        f'<path d="M{start_x:.1f} {cy - 6:.1f} Q{mid:.1f} {cy - lift - 6:.1f} {end_x:.1f} '
        f'{cy - 8:.1f}" stroke-dasharray="5 3" marker-end="url(#{drawing.chart_id}-arrow)"/>'
        f'<circle cx="{x1:.1f}" cy="{cy:.1f}" r="{MARK_SIZE + 4.5:.1f}" stroke-width="2.2"/>'
    )
    if labelled:
        parts.append(
            f'<text x="{mid:.1f}" y="{cy - lift + 1:.1f}" fill="{CHANGE_TEXT}" stroke="#ffffff" '
            f'stroke-width="3" paint-order="stroke">{text(label)}</text></g>'
        )
    else:
        parts.append(f"<title>{text(label)}</title></g>")
    return "".join(parts)


def change_words(change: Record) -> str:
    return f"{change['from']['label']} \u2192 {change['to']['label']}"


def _labelled_changes(lane: Lane) -> list[tuple[Mark, bool]]:
    """The lane's changes, each with whether its label fits without overlapping another."""
    taken: list[tuple[float, float]] = []
    changes: list[tuple[Mark, bool]] = []
    positions = {m.record["id"]: m.x for m in lane.marks}
    for mark in lane.marks:
        change = mark.record.get("change")
        if not change:
            continue
        mid = (positions.get(change["previous"], mark.x) + mark.x) / 2
        half = len(change_words(change)) * 3.2 + 6
        extent = (mid - half, mid + half)
        fits = (
            extent[0] >= LABEL_WIDTH - 20
            and extent[1] <= WIDTH
            and all(extent[1] < left or extent[0] > right for left, right in taken)
        )
        if fits:
            taken.append(extent)
        changes.append((mark, fits))
    return changes


def _legend(records: list[Record], strongest: int, width: float) -> tuple[list[str], float]:
    """Legend items flowed into rows; returns the drawing and its height."""
    stances: dict[str, Record] = {}
    for record in records:
        stances.setdefault(record["stance"]["id"], record["stance"])
    ordered = sorted(
        stances.values(),
        key=lambda s: (s["score"] is None, s["score"] if s["score"] is not None else 0, s["label"]),
    )
    items: list[tuple[str, str]] = []  # (symbol drawn around the origin, label)
    for stance in (s for s in ordered if s["score"] is not None):
        shape = stance_shape(stance["score"])
        colour = stance_colour(stance["score"], strongest)
        items.append(
            (
                f'<path d="{shape_path(shape, 6, -4, 6)}" fill="{colour}"/>',
                f"{one_line(stance['label'])} ({stance['score']:+d})",
            )
        )
    off_scale = [one_line(s["label"]) for s in ordered if s["score"] is None]
    if off_scale:  # one colour for all of them, as in the CLI: one legend entry
        items.append(
            (
                f'<path d="{shape_path("diamond", 6, -4, 6)}" fill="{OFF_SCALE}"/>',
                "off the scale: " + ", ".join(off_scale),
            )
        )
    items.append(
        (
            f'<rect x="-4" y="-8" width="22" height="8" rx="4" fill="{OFF_SCALE}" '
            'fill-opacity="0.28"/>',
            "date uncertain (approximate, week, month)",
        )
    )
    if any(r.get("change") for r in records):
        items.append(
            (
                f'<circle cx="6" cy="-4" r="7" fill="none" stroke="{CHANGE_COLOUR}" '
                'stroke-width="2.2"/>',
                "change of position (arrow from the previous one)",
            )
        )
    parts: list[str] = []
    x, y = LABEL_WIDTH * 0.1, LEGEND_ROW
    room = int((width - RIGHT_MARGIN - LABEL_WIDTH * 0.1 - 44) / 6.4)
    for symbol, full_label in items:
        label = full_label if len(full_label) <= room else full_label[: room - 1] + "\u2026"
        item_width = 26 + len(label) * 6.4 + 18
        if x + item_width > width - RIGHT_MARGIN and x > LABEL_WIDTH * 0.1:
            x, y = LABEL_WIDTH * 0.1, y + LEGEND_ROW
        parts.append(
            f'<g transform="translate({x:.1f},{y:.1f})">{symbol}'
            f'<text x="22" y="0" font-size="12" fill="#333333">{escape(label, quote=True)}'
            f"<title>{escape(full_label, quote=True)}</title></text></g>"
        )
        x += item_width
    return parts, y + 10


def topic_chart(
    records: list[Record],
    *,
    topic: str,
    question: str | None,
    by: str = "government",
    standalone: bool = True,
    link_prefix: str = "#st-",
    chart_id: str = "chart",
) -> Chart:
    """One topic's chart as an <svg> element. `records` are timeline/1 statements of this topic."""
    strongest = strongest_score(records)
    scale = build_scale(records, LABEL_WIDTH, WIDTH - RIGHT_MARGIN)
    lanes = _lanes(records, by, scale, strongest)
    title = question or topic
    dated = sorted(r["said_on"] for r in records if r["said_on"])
    period = f", {dated[0]} to {dated[-1]}" if dated else ""
    governments = sum(1 for lane in lanes if lane.own)
    lane_word = "governments" if by == "government" else "actors"
    subtitle = (
        f"{len(records)} statement{'s' if len(records) != 1 else ''} by {governments} "
        f"{lane_word}{period}. Every mark links to its quote."
    )
    axis_top = AXIS_TOP if standalone else AXIS_TOP - 28
    lanes_top = axis_top + AXIS_HEIGHT
    lanes_height = sum(lane.height for lane in lanes)
    legend, legend_height = _legend(records, strongest, WIDTH)
    height = lanes_top + lanes_height + 12 + legend_height
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"

    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" id="{text(chart_id)}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="{WIDTH}" height="{height:.0f}" '
        f'role="group" aria-labelledby="{title_id} {desc_id}" data-topic="{text(topic)}" '
        f'data-lanes-top="{lanes_top}" font-family="{escape(FONT, quote=True)}">',
        f'<title id="{title_id}">{text(title)}</title>',
        f'<desc id="{desc_id}">Timeline of positions: {text(subtitle)} Marks: \u25bc opposed, '
        "\u25b2 supportive, \u25a0 neutral, \u25c6 off the scale; a ring and arrow mark a change "
        "of position.</desc>",
        f'<defs><marker id="{chart_id}-arrow" viewBox="0 0 10 10" refX="8" refY="5" '
        f'markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" '
        f'fill="{CHANGE_COLOUR}"/></marker></defs>',
        f'<rect width="{WIDTH}" height="{height:.0f}" fill="#ffffff"/>',
    ]
    if standalone:  # in the page, the question is the section's heading
        out.append(
            f'<text x="12" y="26" font-size="19" font-weight="700" fill="#1a1a1a">{text(title)}'
            "</text>"
        )
    out.append(
        f'<text x="12" y="{46 if standalone else 20}" font-size="12.5" fill="#555555">'
        f"{text(subtitle)}</text>"
    )
    out += _draw_axis(scale, axis_top, lanes_height)
    drawing = _Drawing(scale, strongest, standalone, link_prefix, chart_id)
    y = float(lanes_top)
    for index, lane in enumerate(lanes):
        out.append(_draw_lane(lane, index, y, drawing))
        y += lane.height
    out.append(
        f'<g class="legend" transform="translate(0,{lanes_top + lanes_height + 12:.0f})">'
        + "".join(legend)
        + "</g></svg>"
    )
    return Chart(topic, "".join(out), len(records), height)


def _draw_axis(scale: Scale, axis_top: float, lanes_height: float) -> list[str]:
    """Date labels above the lanes, and the grid and weekend shading, drawn at height 1 and
    stretched to the lanes' height (the page shrinks it when a filter hides lanes)."""
    lanes_top = axis_top + AXIS_HEIGHT
    labels: list[str] = []
    grid: list[str] = []
    for index, stretch in enumerate(scale.stretches):
        ticks, weekends = _ticks(stretch)
        for x, width in weekends:
            grid.append(f'<rect x="{x:.1f}" y="0" width="{width:.1f}" height="1" fill="#f3f1e8"/>')
        for tick in ticks:
            grid.append(
                f'<line x1="{tick.x:.1f}" x2="{tick.x:.1f}" y1="0" y2="1" stroke="#e3e3e3" '
                'vector-effect="non-scaling-stroke"/>'
            )
            labels.append(
                f'<text x="{tick.x:.1f}" y="{axis_top + 36}" font-size="11" fill="#444444" '
                f'text-anchor="middle">{tick.label}</text>'
            )
            if tick.heading:
                x = min(tick.x - 6, WIDTH - RIGHT_MARGIN - HEADING_WIDTH)
                labels.append(
                    f'<text x="{x:.1f}" y="{axis_top + 16}" font-size="11.5" '
                    f'font-weight="600" fill="#333333">{tick.heading}</text>'
                )
        if index:
            previous = scale.stretches[index - 1]
            x = (previous.x1 + stretch.x0) / 2
            gap = stretch.first - previous.last
            labels.append(
                f'<g class="break"><path d="M{x - 7:.1f} {axis_top + 30}l6 -8m2 16l6 -8" '
                f'stroke="#777777" stroke-width="1.4" fill="none"/>'
                f'<text x="{x:.1f}" y="{axis_top + 16}" font-size="10" fill="#777777" '
                f'text-anchor="middle">{_gap_label(gap)}</text></g>'
            )
            grid.append(
                f'<rect x="{previous.x1 + 6:.1f}" y="0" width="{BREAK_WIDTH - 12}" height="1" '
                'fill="#f0f0f0"/>'
            )
    if scale.undated_x is not None:
        labels.append(
            f'<text x="{scale.undated_x:.1f}" y="{axis_top + 36}" font-size="11" fill="#444444" '
            'text-anchor="middle" font-style="italic">undated</text>'
        )
        grid.append(
            f'<rect x="{scale.undated_x - UNDATED_WIDTH / 2 + 6:.1f}" y="0" '
            f'width="{UNDATED_WIDTH - 12}" height="1" fill="#f0f0f0"/>'
        )
    return [
        f'<g class="grid" transform="translate(0,{lanes_top}) scale(1,{max(lanes_height, 1):.0f})">'
        + "".join(grid)
        + "</g>",
        '<g class="axis">' + "".join(labels) + "</g>",
    ]


def _draw_lane(lane: Lane, index: int, y: float, drawing: _Drawing) -> str:
    height = lane.height
    cy = height - LANE_HEIGHT / 2
    label = lane.label if len(lane.label) <= 24 else lane.label[:23] + "\u2026"
    count = len(lane.marks)
    style = "" if lane.own else ' font-style="italic"'
    parts = [
        f'<g class="lane" data-lane="{text(lane.key)}" data-height="{height:.0f}" '
        f'transform="translate(0,{y:.0f})">',
        f'<rect class="stripe" x="4" y="0" width="{WIDTH - 8}" height="{height:.0f}" '
        f'fill="{"#f5f6f8" if index % 2 == 0 else "#ffffff"}" fill-opacity="0.55"/>',
        f'<text x="12" y="{cy + 4:.1f}" font-size="12.5" fill="#1a1a1a"{style}>'
        f'<tspan font-weight="600">{text(label)}</tspan>'
        f' <tspan class="count" fill="#666666">({count})</tspan>'
        f"<title>{text(lane.label)}{'' if lane.own else ' (no government recorded)'}</title>"
        "</text>",
    ]
    parts.append('<g stroke="#ffffff" stroke-width="1">')  # a white edge keeps marks apart
    for mark in lane.marks:
        parts.append(_draw_mark(mark, cy, drawing))
    parts.append("</g>")
    changes = _labelled_changes(lane)
    if changes:  # what all changes share, said once
        parts.append(
            f'<g fill="none" stroke="{CHANGE_COLOUR}" stroke-width="1.6" font-size="11" '
            'font-weight="600" text-anchor="middle">'
        )
        for mark, labelled in changes:
            parts.append(_draw_change(mark, lane, cy, drawing, labelled))
        parts.append("</g>")
    parts.append("</g>")
    return "".join(parts)


def topics_in(records: Iterable[Record]) -> list[str]:
    """Topic ids in the order their first statement appears."""
    return list(dict.fromkeys(r["topic"] for r in records))


def timeline_charts(
    document: Record,
    questions: Mapping[str, str] | None = None,
    *,
    standalone: bool = True,
    link_prefix: str = "#st-",
) -> list[Chart]:
    """One chart per topic of a timeline/1 document, in the order topics first appear."""
    questions = questions or {}
    records: list[Record] = document["statements"]
    by = str(document.get("by", "government"))
    return [
        topic_chart(
            [r for r in records if r["topic"] == topic],
            topic=topic,
            question=questions.get(topic),
            by=by,
            standalone=standalone,
            link_prefix=link_prefix,
            chart_id=f"chart-{index}",
        )
        for index, topic in enumerate(topics_in(records))
    ]


def timeline_svg(document: Record, questions: Mapping[str, str] | None = None) -> str:
    """A standalone SVG file: each topic's chart, stacked. For slides and articles."""
    charts = timeline_charts(document, questions)
    if not charts:
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
            f'viewBox="0 0 {WIDTH} 60" width="{WIDTH}" height="60" role="img" '
            'aria-label="No statements match these filters."><text x="12" y="34" '
            'font-size="14">No statements match these filters.</text></svg>\n'
        )
    if len(charts) == 1:
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + charts[0].svg + "\n"
    heights = [chart.height for chart in charts]
    total = sum(heights) + 16 * (len(charts) - 1)
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {total:.0f}" width="{WIDTH}" height="{total:.0f}" role="group" '
        'aria-label="Timelines of positions, one per topic">'
    ]
    y = 0.0
    for chart, height in zip(charts, heights, strict=True):
        parts.append(f'<g transform="translate(0,{y:.0f})">{chart.svg}</g>')
        y += height + 16
    parts.append("</svg>\n")
    return "".join(parts)
