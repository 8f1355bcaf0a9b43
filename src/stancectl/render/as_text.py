"""Text for people: rich tables and colour on a terminal, plain cards in pipes and files
(which never import rich for who-said and timeline)."""

from __future__ import annotations

from stancectl.render.layout import Document, Layout, Renderer
from stancectl.views import GroupBy, Lane, record_key


def _who_said(document: Document, layout: Layout) -> str:
    records = document["statements"]
    group_by = GroupBy(document["group_by"]) if "group_by" in document else None
    if layout.colour:
        from stancectl.render import terminal

        return terminal.who_said(records, group_by, colour=True, width=layout.width)
    from stancectl.render import cards

    return cards.who_said(records, group_by, width=layout.width)


def _timeline(document: Document, layout: Layout) -> str:
    records, by = document["statements"], record_key(Lane(document["by"]))
    lanes = layout.lanes
    if layout.colour:
        from stancectl.render import terminal

        if lanes is None:
            lanes = (layout.width or 0) >= terminal.lane_width(records, by)
        return terminal.timeline(records, lanes=lanes, by=by, colour=True, width=layout.width)
    from stancectl.render import cards

    text = cards.timeline(records, width=layout.width)
    if not lanes:
        return text
    from stancectl.render import terminal  # the lane view, asked for in a pipe, is drawn by rich

    return text + terminal.lanes_text(records, by, colour=False, width=layout.width)


def _diff(document: Document, layout: Layout) -> str:
    from stancectl.render import terminal

    return terminal.diff(document, colour=layout.colour, width=layout.width)


def _articles(document: Document, layout: Layout) -> str:
    from stancectl.render import terminal

    return terminal.articles(document["articles"], colour=layout.colour, width=layout.width)


def _actors(document: Document, layout: Layout) -> str:
    from stancectl.render import terminal

    return terminal.actors(document["actors"], colour=layout.colour, width=layout.width)


def _show(document: Document, layout: Layout) -> str:
    from stancectl.render import terminal

    return terminal.show(document, colour=layout.colour, width=layout.width)


RENDERERS: dict[str, Renderer] = {
    "who-said": _who_said,
    "timeline": _timeline,
    "diff": _diff,
    "articles": _articles,
    "actors": _actors,
    "show": _show,
}
