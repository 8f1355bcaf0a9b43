"""What every renderer is given: a view's document and how to lay it out. One renderer per
view in each format module (`as_text`, `as_json`, `as_csv`, `as_markdown`), each listed in the
module's `RENDERERS` by view name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

Document = dict[str, Any]
"""A view's JSON-ready document, as the query layer returns it."""


@dataclass(frozen=True)
class Layout:
    colour: bool = False
    """A person is reading on a terminal that wants colour (this also indents JSON)."""
    width: int | None = None
    """Columns to fill; None where unknown (a pipe or a file)."""
    lanes: bool | None = None
    """timeline: add the lane view; None leaves it to the width of a colour terminal."""


class Renderer(Protocol):
    def __call__(self, document: Document, layout: Layout) -> str | bytes: ...
