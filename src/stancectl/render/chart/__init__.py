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

from stancectl.render.chart.draw import Chart, timeline_charts, timeline_svg, topic_chart, topics_in
from stancectl.render.chart.lanes import entity_word, lane_of
from stancectl.render.chart.look import (
    LABEL_WIDTH,
    MARK_SIZE,
    RIGHT_MARGIN,
    TONES,
    WIDTH,
    stance_symbol,
    stance_tone,
    strongest_score,
)
from stancectl.render.chart.timescale import build_scale, record_days

__all__ = [
    "LABEL_WIDTH",
    "MARK_SIZE",
    "RIGHT_MARGIN",
    "TONES",
    "WIDTH",
    "Chart",
    "build_scale",
    "entity_word",
    "lane_of",
    "record_days",
    "stance_symbol",
    "stance_tone",
    "strongest_score",
    "timeline_charts",
    "timeline_svg",
    "topic_chart",
    "topics_in",
]
