"""Writing an answer: the renderer for the chosen format, then standard output or a file
(atomically). Colour, and indented JSON, only where a person is reading."""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

from stancectl.cli.errors import StdoutClosedError, UsageError
from stancectl.cli.options import ViewFormat, ViewOptions

if TYPE_CHECKING:
    from stancectl.render.layout import Document, Renderer

NOTHING_MATCHES = "No statements match these filters.\n"


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def colour_wanted() -> bool:
    return (
        stdout_is_terminal() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    )


def terminal_width() -> int | None:
    if stdout_is_terminal():
        return shutil.get_terminal_size().columns
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() else None


def write(text: str | bytes | memoryview) -> None:
    """Write to standard output: bytes as they are (machine formats are UTF-8 whatever the
    terminal), text as the output's encoding can show it."""
    if isinstance(sys.stdout, ClosedOutput):
        raise StdoutClosedError
    if not isinstance(text, str):
        sys.stdout.flush()
        sys.stdout.buffer.write(text)
    else:
        from stancectl.render.safe import for_encoding

        sys.stdout.write(for_encoding(text, getattr(sys.stdout, "encoding", None)))


class ClosedOutput(io.TextIOBase):
    """Stands for standard output when the process was started with it closed (`>&-`):
    nothing may be written, which `write` says as a usage error instead of crashing."""

    encoding = "utf-8"

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        raise StdoutClosedError


def warn(text: str) -> None:
    from stancectl.render.safe import inert

    sys.stderr.write(f"stancectl: {inert(text, keep_newlines=True)}\n")


def renderers(output_format: ViewFormat) -> Mapping[str, Renderer]:
    """The format -> renderer table: each format's module lists a renderer per view. Only the
    chosen format's module is imported (rich only for tables)."""
    if output_format is ViewFormat.JSON:
        from stancectl.render import as_json

        return as_json.RENDERERS
    if output_format is ViewFormat.CSV:
        from stancectl.render import as_csv

        return as_csv.RENDERERS
    if output_format is ViewFormat.MARKDOWN:
        from stancectl.render import as_markdown

        return as_markdown.RENDERERS
    if output_format is ViewFormat.SVG:
        from stancectl.render import as_svg

        return as_svg.RENDERERS
    from stancectl.render import as_text

    return as_text.RENDERERS


def emit(
    view_name: str,
    document: Document,
    view: ViewOptions,
    *,
    empty: bool = False,
    lanes: bool | None = None,
) -> None:
    """Render a view's document in the chosen format, to standard output or, atomically, to
    --output. `empty` says no statement matched (said in words in tables and Markdown)."""
    from stancectl.render.layout import Layout

    to_terminal = view.output is None or str(view.output) == "-"
    for_person = to_terminal and colour_wanted()
    if empty and view.output_format in (ViewFormat.TABLE, ViewFormat.MARKDOWN):
        rendered: str | bytes = NOTHING_MATCHES
    else:
        layout = Layout(
            colour=for_person, width=terminal_width() if to_terminal else None, lanes=lanes
        )
        renderer = renderers(view.output_format).get(view_name)
        if renderer is None:
            raise UsageError(f"{view_name} has no {view.output_format.value} output")
        rendered = renderer(document, layout)
    if to_terminal and view.output_format in (ViewFormat.CSV, ViewFormat.MARKDOWN):
        # machine formats are UTF-8 data whatever the terminal's encoding
        rendered = rendered.encode() if isinstance(rendered, str) else rendered
    emit_rendered(rendered, view)


def compact_json_wanted(view: ViewOptions) -> bool:
    """Whether `emit` would write the view as compact JSON (a program reads it)."""
    to_terminal = view.output is None or str(view.output) == "-"
    return view.output_format is ViewFormat.JSON and not (to_terminal and colour_wanted())


def emit_rendered(rendered: str | bytes | list[bytes | memoryview], view: ViewOptions) -> None:
    """Write a rendered view (or its pieces, in order) to standard output or, atomically, to
    --output."""
    pieces = rendered if isinstance(rendered, list) else [rendered]
    if view.output is None or str(view.output) == "-":
        for piece in pieces:
            write(piece)
        return
    from stancectl.output import write_atomically

    whole = rendered if not isinstance(rendered, list) else b"".join(rendered)
    write_atomically(view.output, whole, force=view.force)
    sys.stderr.write(f"wrote {view.output}\n")
