"""Drawing the chart: lanes, marks and changes of position, assembled with the axis and the
legend (guides.py) into one SVG, or for the page into a drawing per lane. Every piece of user
text is made inert and escaped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape

from stancectl.render.chart.guides import draw_axis, legend_items
from stancectl.render.chart.lanes import Lane, Mark, entity_word, lanes_of
from stancectl.render.chart.look import (
    AXIS_HEIGHT,
    AXIS_TOP,
    CHANGE_COLOUR,
    CHANGE_HEADROOM,
    CHANGE_TEXT,
    FONT,
    LABEL_WIDTH,
    LANE_HEIGHT,
    MARK_SIZE,
    RIGHT_MARGIN,
    WIDTH,
    Record,
    shape_path,
    stance_colour,
    stance_shape,
    strongest_score,
    text,
)
from stancectl.render.chart.timescale import Scale, build_scale
from stancectl.render.fields import date_label


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
    lanes = lanes_of(records, by, scale, strongest)
    title = question or topic
    dated = sorted(r["said_on"] for r in records if r["said_on"])
    period = f", {dated[0]} to {dated[-1]}" if dated else ""
    governments = sum(1 for lane in lanes if lane.own)
    lane_word = entity_word(records) if by == "government" else "actor"
    if governments != 1:
        lane_word = {"entity": "entities"}.get(lane_word, lane_word + "s")
    subtitle = (
        f"{len(records)} statement{'s' if len(records) != 1 else ''} by {governments} "
        f"{lane_word}{period}. Every mark links to its quote."
    )
    drawing = _Drawing(scale, strongest, standalone, link_prefix, chart_id)
    grid, axis = draw_axis(scale, AXIS_TOP if standalone else AXIS_TOP - 28)
    legend, legend_height = legend_items(records, strongest, WIDTH)
    arrow = (
        f'<marker id="{chart_id}-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" '
        f'fill="{CHANGE_COLOUR}"/></marker>'
    )
    description = (
        f"Timeline of positions: {text(subtitle)} Marks: \u25bc opposed, \u25b2 supportive, "
        "\u25a0 neutral, \u25c6 off the scale; a ring and arrow mark a change of position."
    )
    if not standalone:
        return _page_chart(
            topic,
            title,
            subtitle,
            description,
            lanes,
            drawing,
            (grid, axis, arrow),
            (legend, legend_height),
        )
    lanes_top = AXIS_TOP + AXIS_HEIGHT
    lanes_height = sum(lane.height for lane in lanes)
    height = lanes_top + lanes_height + 12 + legend_height
    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" id="{text(chart_id)}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="{WIDTH}" height="{height:.0f}" '
        f'role="group" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'data-topic="{text(topic)}" font-family="{escape(FONT, quote=True)}">',
        f'<title id="{chart_id}-title">{text(title)}</title>',
        f'<desc id="{chart_id}-desc">{description}</desc>',
        f"<defs>{arrow}</defs>",
        f'<rect width="{WIDTH}" height="{height:.0f}" fill="#ffffff"/>',
        f'<text x="12" y="26" font-size="19" font-weight="700" fill="#1a1a1a">{text(title)}</text>',
        f'<text x="12" y="46" font-size="12.5" fill="#555555">{text(subtitle)}</text>',
        f'<g transform="translate(0,{lanes_top}) scale(1,{max(lanes_height, 1):.0f})">{grid}</g>',
        f"<g>{axis}</g>",
    ]
    y = float(lanes_top)
    for index, lane in enumerate(lanes):
        out.append(
            f'<g class="lane" data-lane="{text(lane.key)}" transform="translate(0,{y:.0f})">'
            f"{_draw_lane(lane, index, drawing)}</g>"
        )
        y += lane.height
    out.append(f'<g transform="translate(0,{y + 12:.0f})">{"".join(legend)}</g></svg>')
    return Chart(topic, "".join(out), len(records), height)


def _svg(css_class: str, height: float, content: str, extra: str = "") -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" viewBox="0 0 {WIDTH} '
        f'{height:.0f}" width="{WIDTH}" height="{height:.0f}"{extra}>{content}</svg>'
    )


def _page_chart(
    topic: str,
    title: str,
    subtitle: str,
    description: str,
    lanes: list[Lane],
    drawing: _Drawing,
    axis_parts: tuple[str, str, str],
    legend_parts: tuple[list[str], float],
) -> Chart:
    """The chart for the page: a drawing per lane between the axis and the legend, so a
    filter that hides marks or lanes makes the browser lay out one lane, not the chart."""
    grid, axis, arrow = axis_parts
    chart_id = drawing.chart_id
    head_height = AXIS_TOP - 28 + AXIS_HEIGHT
    head = _svg(
        "head",
        head_height,
        f'<defs>{arrow}<g id="{chart_id}-grid">{grid}</g></defs>'
        f'<text x="12" y="20" font-size="12.5" fill="#555555">{text(subtitle)}</text>{axis}',
        ' aria-hidden="true"',
    )
    rows = [
        _svg(
            "lane",
            lane.height,
            _draw_lane(lane, index, drawing),
            f' data-lane="{text(lane.key)}" role="group" aria-label="{text(lane.label)}"',
        )
        for index, lane in enumerate(lanes)
    ]
    legend, legend_height = legend_parts
    foot = _svg("legend", legend_height, "".join(legend))
    html = (
        f'<div class="timeline" id="{text(chart_id)}" data-topic="{text(topic)}" role="group" '
        f'aria-label="{text(title)}. {description}">{head}{"".join(rows)}{foot}</div>'
    )
    total = head_height + sum(lane.height for lane in lanes) + legend_height
    return Chart(topic, html, sum(len(lane.marks) for lane in lanes), total)


def _lane_note(lane: Lane) -> str:
    """Why a lane is not of the chart's kind: its statements name no government (or actor)."""
    if lane.own:
        return ""
    if lane.key.startswith("government:"):
        return " (no actor recorded: the government itself)"
    return " (no government recorded)" if lane.key.startswith("actor:") else ""


def _draw_lane(lane: Lane, index: int, drawing: _Drawing) -> str:
    """A lane's stripe, label, marks and changes, in the lane's own coordinates."""
    height = lane.height
    cy = height - LANE_HEIGHT / 2
    label = lane.label if len(lane.label) <= 24 else lane.label[:23] + "\u2026"
    count = len(lane.marks)
    style = "" if lane.own else ' font-style="italic"'
    parts = [
        f'<rect x="4" y="0" width="{WIDTH - 8}" height="{height:.0f}" '
        f'fill="{"#f5f6f8" if index % 2 == 0 else "#ffffff"}" fill-opacity="0.55"/>',
    ]
    if not drawing.standalone:  # the page's lanes are separate drawings: each has its grid
        parts.append(f'<use href="#{drawing.chart_id}-grid" transform="scale(1,{height:.0f})"/>')
    parts.append(
        f'<text x="12" y="{cy + 4:.1f}" font-size="12.5" fill="#1a1a1a"{style}>'
        f'<tspan font-weight="600">{text(label)}</tspan>'
        f' <tspan class="count" fill="#666666">({count})</tspan>'
        f"<title>{text(lane.label)}{_lane_note(lane)}</title>"
        "</text>"
    )
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
