"""How stances look, shared by the plain cards and the rich tables."""

from __future__ import annotations

PIPE_WIDTH = 100
"""Width of text output when the terminal's width is not known."""


def stance_style(score: int | None) -> str:
    if score is None:
        return "magenta"
    if score < 0:
        return "bold red" if score <= -2 else "red"
    if score > 0:
        return "bold green" if score >= 2 else "green"
    return "yellow"


def stance_symbol(score: int | None) -> str:
    if score is None:
        return "\u25c6"  # diamond: off the scale
    return "\u25bc" if score < 0 else "\u25b2" if score > 0 else "\u25a0"


QUOTE_STYLES = {"quoted": "italic", "elision": "bold", "insertion": "dim", "label": "italic"}
"""An elided quote's omissions stand out, and the curator's bracketed insertions are dimmed."""
