"""JSON: a view's document as it is, versioned by its `schema` key. Never through rich."""

from __future__ import annotations

from stancectl.render.layout import Document, Layout, Renderer


def to_json(document: Document, *, pretty: bool = True) -> bytes:
    """UTF-8 JSON and a newline: indented for people; compact (several times faster to write)
    for programs. orjson writes what `json.dumps(ensure_ascii=False)` writes, five times
    faster, and as bytes, which go out without a round trip through str."""
    import orjson

    option = orjson.OPT_INDENT_2 if pretty else 0
    return orjson.dumps(document, option=option | orjson.OPT_APPEND_NEWLINE)


def document(document: Document, layout: Layout) -> bytes:
    """Indented for a person at a terminal, compact for programs."""
    return to_json(document, pretty=layout.colour)


RENDERERS: dict[str, Renderer] = dict.fromkeys(
    ("who-said", "timeline", "diff", "articles", "actors", "show"), document
)
