"""The chart's guides: the date axis above the lanes (with the grid and weekend shading drawn
at height 1, to be stretched to the lanes' height) and the legend below them."""

from __future__ import annotations

from html import escape

from stancectl.render.chart.look import (
    BREAK_WIDTH,
    CHANGE_COLOUR,
    LABEL_WIDTH,
    LEGEND_ROW,
    OFF_SCALE,
    RIGHT_MARGIN,
    UNDATED_WIDTH,
    WIDTH,
    Record,
    shape_path,
    stance_colour,
    stance_shape,
)
from stancectl.render.chart.timescale import HEADING_WIDTH, Scale, gap_label, ticks_of
from stancectl.render.safe import one_line


def legend_items(records: list[Record], strongest: int, width: float) -> tuple[list[str], float]:
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
    uncertain = any(r["said_on"] and r["date_precision"] != "day" for r in records)
    if uncertain:
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


def draw_axis(scale: Scale, axis_top: float) -> tuple[str, str]:
    """Date labels above the lanes, and the grid and weekend shading drawn at height 1, to be
    stretched to the height of the lanes."""
    labels: list[str] = []
    grid: list[str] = []
    for index, stretch in enumerate(scale.stretches):
        ticks, weekends = ticks_of(stretch)
        for x, width in weekends:
            grid.append(f'<rect x="{x:.1f}" y="0" width="{width:.1f}" height="1" fill="#f3f1e8"/>')
        last_label = -float(WIDTH)
        for tick in ticks:
            grid.append(
                f'<line x1="{tick.x:.1f}" x2="{tick.x:.1f}" y1="0" y2="1" stroke="#e3e3e3" '
                'vector-effect="non-scaling-stroke"/>'
            )
            if tick.x - last_label >= len(tick.label) * 7 + 4:  # labels never overlap
                last_label = tick.x
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
                f'text-anchor="middle">{gap_label(gap)}</text></g>'
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
    return "".join(grid), "".join(labels)
