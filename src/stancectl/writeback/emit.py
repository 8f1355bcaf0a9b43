"""How new YAML text is written: the scalar style of each text value, and list items rendered
in the file's own indentation. Only new text is rendered here; nothing re-emits the file."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.nodes import ScalarNode as EmittedScalar
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)
from yaml.nodes import MappingNode, Node, SequenceNode

from stancectl.writeback.errors import WritebackError

STR_TAG = "tag:yaml.org,2002:str"

_WIDTH = 1 << 30
"""No line folding: a quote stays on one line, as a curator would write it."""

_MUST_ESCAPE = re.compile(
    r"[\r\x85\u2028\u2029\ufeff]"  # read as (or next to) a line break, or dropped as a BOM
    r"|[^\n\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"  # not printable in YAML
)
"""Characters a YAML reader would change or refuse unless they are escaped (double quotes)."""

_YAML11 = yaml.resolver.Resolver()
PROSE_KEYS = frozenset({"note", "description", "summary"})
"""Keys whose long text is written as a folded block, as the bundled data file does."""
PROSE_WIDTH = 88
STYLE_SAMPLE = 1000
"""Mappings looked at to learn a file's indentation: a file is written in one style."""


class _Representer(RoundTripRepresenter):
    """Text is written plain only where every YAML reader gives it back as the same text."""


def _represent_text(representer: RoundTripRepresenter, value: str) -> EmittedScalar:
    return representer.represent_scalar(STR_TAG, value, style=text_style(value))


_Representer.add_representer(str, _represent_text)


def text_style(value: str, preferred: str | None = None) -> str | None:
    """The scalar style a text value is written in: None (plain, where the emitter allows it),
    "'" or '"' (quoted) or "|" (a literal block, for text with line breaks). A style the emitter
    cannot use for the value falls back to double quotes, which can hold any text."""
    if _MUST_ESCAPE.search(value):
        return '"'
    if "\n" in value:
        # a literal block only where an editor cannot change the value unseen: no whitespace
        # at the start or end of the value or of any line (editors strip it)
        if all(line.strip() == line for line in [value, *value.split("\n")]):
            return "|"
        return '"'
    if preferred in {"'", '"'}:
        return preferred
    # PyYAML's resolver is untyped
    tag = _YAML11.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    if tag != STR_TAG:
        return "'"  # `yes`, `no`, `1:20`, `~` are not text to a YAML 1.1 reader such as PyYAML
    return None


@dataclass(frozen=True)
class Style:
    """How the file indents block lists and mappings, and how its list items are spaced."""

    mapping: int = 2
    offset: int = 2
    """Columns from a key to the `-` of its list's items."""
    dash: int = 2
    """Columns from a `-` to the item's content."""
    newline: str = "\n"

    @classmethod
    def of(cls, text: str, root: Node | None) -> Style:
        newline = "\r\n" if "\r\n" in text else "\n"
        found: dict[str, int] = {}
        for parent_column, node in _block_children(root):
            if isinstance(node, SequenceNode) and node.value and "offset" not in found:
                found["offset"] = node.start_mark.column - parent_column
                first = node.value[0]
                if first.start_mark.line == node.start_mark.line:
                    found["dash"] = first.start_mark.column - node.start_mark.column
            elif isinstance(node, MappingNode) and parent_column >= 0 and "mapping" not in found:
                found["mapping"] = node.start_mark.column - parent_column
            if "offset" in found and "mapping" in found:
                break
        return cls(
            mapping=max(found.get("mapping", 2), 1),
            offset=max(found.get("offset", 2), 0),
            dash=max(found.get("dash", 2), 2),
            newline=newline,
        )

    def emitter(self) -> YAML:
        emitter = YAML(typ="rt")
        emitter.Representer = _Representer
        emitter.width = _WIDTH
        emitter.allow_unicode = True
        emitter.indent(mapping=self.mapping, sequence=self.offset + self.dash, offset=self.offset)
        return emitter

    def render(self, data: Any) -> str:
        out = io.StringIO()
        self.emitter().dump(data, out)
        return out.getvalue()


def _block_children(root: Node | None) -> Iterator[tuple[int, Node]]:
    """(column of the owning key, node) for every block list and block mapping that is the value
    of a key, in document order."""
    if not isinstance(root, MappingNode):
        return
    queue: deque[MappingNode] = deque([root])
    for _ in range(STYLE_SAMPLE):
        if not queue:
            return
        mapping = queue.popleft()
        for key, value in mapping.value:
            if isinstance(value, (MappingNode, SequenceNode)) and not value.flow_style:
                if value.start_mark.line > key.start_mark.line:
                    yield key.start_mark.column, value
                items = value.value if isinstance(value, SequenceNode) else [value]
                queue.extend(i for i in items if isinstance(i, MappingNode) and not i.flow_style)


def render_items(section: str, entries: list[dict[str, Any]], style: Style) -> list[str]:
    """Each entry rendered as one item of the top-level list `section`, without the key line."""
    rendered = []
    for entry in entries:
        lines = style.render({section: [entry]}).splitlines(keepends=True)
        rendered.append("".join(lines[1:]))
    return rendered


def join_items(items: list[str], *, spaced: bool, style: Style) -> str:
    return ("\n" if spaced else "").join(items).replace("\n", style.newline)


def styled(value: str, style: str | None) -> str:
    """The value as a ruamel string type that the emitter writes in `style`."""
    kinds: dict[str | None, type[str]] = {
        '"': DoubleQuotedScalarString,
        "'": SingleQuotedScalarString,
        "|": LiteralScalarString,
    }
    kind = kinds.get(style)
    return kind(value) if kind is not None else value


def plain_entry(value: Any) -> Any:
    """An entry as plain data the emitter writes as intended: None values left out, text
    subclasses (enums) as text, days as days, and times of day as ISO text."""
    if isinstance(value, Mapping):
        return {
            str(k): prose(v) if k in PROSE_KEYS and isinstance(v, str) else plain_entry(v)
            for k, v in value.items()
            if v is not None
        }
    if isinstance(value, (list, tuple)):
        return [plain_entry(item) for item in value]
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, (bool, int, float, dt.date)):
        return value
    if isinstance(value, Path):
        return value.as_posix()
    raise WritebackError(f"cannot write a {type(value).__name__} to the data file: {value!r}")


def prose(value: str) -> str:
    """A long note or description as a folded block (`>-`) of lines about as long as the data
    file's own, where folding gives back exactly the same text; otherwise as it is."""
    text = str(value)
    if len(text) <= PROSE_WIDTH or text_style(text) not in {None, "'"} or text != text.strip():
        return text
    breaks = _fold_points(text)
    if not breaks:
        return text
    folded = FoldedScalarString(text)
    folded.fold_pos = breaks  # where ruamel's emitter folds the block
    result: str = folded
    return result


def _fold_points(text: str) -> list[int]:
    """Spaces to fold at so that lines stay near PROSE_WIDTH: only single spaces between two
    words, since a folded line break reads back as one space."""
    breaks: list[int] = []
    line_start, last_space = 0, -1
    for position, character in enumerate(text):
        if character != " " or text[position - 1] == " " or text[position + 1] == " ":
            continue
        if position - line_start > PROSE_WIDTH and last_space > line_start:
            breaks.append(last_space)
            line_start = last_space + 1
        last_space = position
    if len(text) - line_start > PROSE_WIDTH and last_space > line_start:
        breaks.append(last_space)
    return breaks


def as_read(value: Any) -> Any:
    """Plain data as the loader reads it back: days stay text (see _DataReader)."""
    if isinstance(value, dict):
        return {k: as_read(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_read(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value
