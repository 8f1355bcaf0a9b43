"""How the chart looks: its measures, and each stance's shape and colour on the CLI's scale
(shared with the HTML report's table and filters)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from html import escape
from typing import Any

from stancectl.render.safe import one_line

Record = dict[str, Any]

WIDTH = 1000
LABEL_WIDTH = 212
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
