"""SVG: the timeline as a chart, for slides and articles (standard library only). The timeline
command hands over the topics' questions with the document (`questions`: topic id -> question),
the charts' titles."""

from __future__ import annotations

from stancectl.render.chart import timeline_svg
from stancectl.render.layout import Document, Layout, Renderer


def timeline(document: Document, layout: Layout) -> str:
    return timeline_svg(document, document.get("questions") or {})


RENDERERS: dict[str, Renderer] = {"timeline": timeline}
