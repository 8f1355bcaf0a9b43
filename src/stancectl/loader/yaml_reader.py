"""A positioned YAML reader: plain Python data built straight from PyYAML's events, with the
line and column of every key and value, and duplicate keys, refused tags and alias bombs
reported as problems on the way."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

import yaml

from stancectl.loader.expansion import ALIAS_EXPANSION_ALLOWANCE, TextBudget
from stancectl.loader.yaml_quotes import syntax_error
from stancectl.problems import Problem, Report, Severity

MAX_NESTING = 64
PLAIN_TAG_CACHE_LENGTH = 40
"""Plain scalars up to this length have their resolved tag remembered during one read."""

Location = tuple[int, int]
KeyPath = tuple[str | int, ...]


_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loading that leaves dates as text, so pydantic reports `2024-02-30` as a data
    problem instead of PyYAML raising while it builds the document."""

    yaml_implicit_resolvers: ClassVar[dict[Any, list[tuple[str, Any]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_SCALARS: dict[str, Callable[[yaml.ScalarNode], Any]] = {
    "tag:yaml.org,2002:bool": _CONSTRUCTOR.construct_yaml_bool,
    "tag:yaml.org,2002:int": _CONSTRUCTOR.construct_yaml_int,
    "tag:yaml.org,2002:float": _CONSTRUCTOR.construct_yaml_float,
}
_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_MERGE = "tag:yaml.org,2002:merge"


class _AliasBombError(Exception):
    """The document expands past its node budget."""


class _StopReadingError(Exception):
    """The document cannot be read further; the reason is already a problem."""


class _NeedPositionsError(Exception):
    """A problem found while reading needs positions that a quick read does not keep."""


class _Frame:
    """A mapping or list being built, and where it stands in the document."""

    __slots__ = ("anchor", "container", "key", "path", "size", "skip_value", "start", "track")

    def __init__(
        self,
        container: dict[str, Any] | list[Any],
        path: KeyPath,
        anchor: str | None,
        *,
        track: bool,
    ) -> None:
        self.container = container
        self.path = path
        self.anchor = anchor
        self.track = track
        """Remember where this container's keys and values are."""
        self.start: tuple[int, int] | None = None
        """For a record (a section's item): its start (line, column), 0-based."""
        self.key: str | None = None
        """For a mapping: the key read, waiting for its value."""
        self.skip_value = False
        """For a mapping: the key was a duplicate (or not a name); its value is read and dropped."""
        self.size = 1


class Document:
    """Builds plain Python data straight from the parser's events, reporting duplicate keys,
    refused tags and alias bombs on the way, and says where a key path came from.

    Building from events rather than from PyYAML's composed node tree is several times faster,
    and an alias shares the object already built instead of copying it.

    Keeping the position of every key and value would cost more than the data itself, and
    positions are needed only to place a problem. So a quick read (`deep=False`) keeps them for
    the top-level keys and for each record (an item of a section) only, with the text span of
    each record; a deeper position is found when asked for, by reading that record's text again
    with every position kept (`deep=True`)."""

    def __init__(
        self,
        display: str,
        report: Report,
        node_budget: int,
        *,
        text: str | bytes = "",
        deep: bool = True,
        base: KeyPath = (),
    ) -> None:
        self.display = display
        self.report = report
        self.node_budget = node_budget
        self.text_budget = TextBudget(node_budget - ALIAS_EXPANSION_ALLOWANCE)
        self.text = text
        self.deep = deep
        self.base = base
        """The key path of the document's root (a record, when reading one record again)."""
        self.values: dict[KeyPath, Location] = {}
        self.keys: dict[KeyPath, Location] = {}
        self.spans: dict[KeyPath, tuple[int, int, int, int]] = {}
        """Record path -> (start line, start column, end line, end column), 0-based."""
        self._line_starts: list[int] | None = None
        self._records: dict[KeyPath, Document | None] = {}
        self.aliased = False
        """An alias was read: some of the data is shared between places."""
        self._anchors: dict[str, tuple[Any, int]] = {}
        self._plain_tags: dict[str, str] = {}
        """Plain scalar -> the tag PyYAML's resolver gives it (which depends on the text only)."""

    def problem(self, at: Location, code: str, message: str, key: KeyPath = ()) -> None:
        self.report.add(
            Problem(self.display, at[0], at[1], code, Severity.ERROR, message, key_path(key))
        )

    def read(self, loader: _Loader) -> tuple[bool, Any]:
        """(found a document, its data). Raises yaml errors, _AliasBombError, _StopReadingError."""
        stack: list[_Frame] = []
        root: list[Any] = []
        documents = 0
        get_event, values, keys = loader.get_event, self.values, self.keys
        plain_tags = self._plain_tags
        while True:
            event = get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                # quoted text, and plain scalars already known to be text, without a call
                if event.tag is None and (
                    not event.implicit[0] or plain_tags.get(event.value) == _STR
                ):
                    self.node_budget -= 1
                    value = event.value
                else:
                    value = self._scalar(loader, event, stack)
                top = stack[-1] if stack else None
                # The two common cases, a value or a new key in a mapping, come first without
                # the general bookkeeping of _place; anything unusual goes through _place.
                if top is None or top.skip_value or event.anchor is not None:
                    self._place(stack, root, event, value, 1)
                elif top.key is not None:
                    if top.track:
                        mark = event.start_mark
                        at = (mark.line + 1, mark.column + 1)
                        values.setdefault((*top.path, top.key), at)
                    top.container[top.key] = value  # type: ignore[call-overload]
                    top.key = None
                    top.size += 1
                elif (
                    type(value) is str
                    and type(top.container) is dict
                    and value not in top.container
                    and value != _MERGE
                ):
                    if top.track:
                        mark = event.start_mark
                        keys[(*top.path, value)] = (mark.line + 1, mark.column + 1)
                    top.key = value
                    top.size += 1
                else:
                    self._place(stack, root, event, value, 1)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self._open(stack, event)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                self._close(stack, root, event)
            elif kind is yaml.AliasEvent:
                self._alias(stack, root, event)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self.problem(
                        _mark(event.start_mark),
                        "yaml-syntax",
                        "a second YAML document ('---'); stances.yaml holds one",
                    )
                    raise _StopReadingError
            elif kind is yaml.StreamEndEvent:
                return bool(root), root[0] if root else None

    def _close(self, stack: list[_Frame], root: list[Any], event: Any) -> None:
        frame = stack.pop()
        if frame.start is not None:
            end = event.end_mark
            self.spans[frame.path] = (*frame.start, end.line, end.column)
        if frame.anchor is not None:
            self._anchors[frame.anchor] = (frame.container, frame.size)
        if stack:
            top = stack[-1]
            top.size += frame.size
            # the common cases, an item of a list or a mapping's value, without _place
            if type(top.container) is list:
                top.container.append(frame.container)
                return
            if top.key is not None and not top.skip_value:
                top.container[top.key] = frame.container  # type: ignore[call-overload]
                top.key = None
                return
        self._place(stack, root, event, frame.container, 0, frame)

    def _spend(self, nodes: int) -> None:
        self.node_budget -= nodes
        if self.node_budget < 0:
            raise _AliasBombError

    def _child_path(self, stack: list[_Frame]) -> KeyPath | None:
        """The path of the value about to be read; None where a mapping expects a key."""
        if not stack:
            return self.base
        top = stack[-1]
        if type(top.container) is list:
            return (*top.path, len(top.container))
        if top.key is None and not top.skip_value:
            return None
        return (*top.path, top.key if top.key is not None else "?")

    def _open(self, stack: list[_Frame], event: Any) -> None:
        self._spend(1)
        path = self._child_path(stack)
        is_mapping = type(event) is yaml.MappingStartEvent
        if path is None:
            self.problem(
                _mark(event.start_mark),
                "schema",
                "a key must be a plain name, not a list or mapping",
                stack[-1].path,
            )
            stack[-1].skip_value = True
            path = (*stack[-1].path, "?")
        if len(stack) >= MAX_NESTING:
            at = _mark(event.start_mark)
            self.problem(at, "too-deep", f"nesting deeper than {MAX_NESTING} levels", path)
            raise _StopReadingError
        depth = len(path) - len(self.base)
        if self.deep or depth <= 2:
            self.values.setdefault(path, _mark(event.start_mark))
        if event.tag is not None and event.tag != "!":
            expected = "tag:yaml.org,2002:map" if is_mapping else "tag:yaml.org,2002:seq"
            if event.tag != expected:
                self._refuse_tag(_mark(event.start_mark), event.tag, path)
        frame = _Frame({} if is_mapping else [], path, event.anchor, track=self.deep or depth <= 1)
        if depth == 2:
            frame.start = (event.start_mark.line, event.start_mark.column)
        stack.append(frame)

    def _scalar(self, loader: _Loader, event: yaml.ScalarEvent, stack: list[_Frame]) -> Any:
        self.node_budget -= 1  # a scalar alone cannot exhaust the budget: aliases are counted
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:  # quoted: always text
                return event.value
            tag = self._plain_tags.get(event.value)  # keys and dates repeat thousands of times
            if tag is None:
                tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
                if len(event.value) <= PLAIN_TAG_CACHE_LENGTH:
                    self._plain_tags[event.value] = tag
        if tag in (_STR, _TIMESTAMP):
            return event.value
        if tag == _NULL:
            return None
        if tag == _MERGE:
            return _MERGE  # a '<<' key; refused where it is placed
        construct = _SCALARS.get(tag)
        at = _mark(event.start_mark)
        if construct is None:
            self._refuse_tag(at, tag, self._child_path(stack) or ())
            return event.value
        try:
            return construct(yaml.ScalarNode(tag, event.value))
        except (ValueError, yaml.YAMLError):
            self.problem(
                at, "schema", f"invalid value {event.value!r}", self._child_path(stack) or ()
            )
            return event.value

    def _alias(self, stack: list[_Frame], root: list[Any], event: yaml.AliasEvent) -> None:
        at = _mark(event.start_mark)
        if event.anchor not in self._anchors:
            self.problem(at, "yaml-syntax", f"unknown alias '*{event.anchor}'")
            raise _StopReadingError
        value, size = self._anchors[event.anchor]
        self.aliased = True
        self._spend(size)
        if not self.text_budget.spend(value):
            raise _AliasBombError
        if stack:
            stack[-1].size += size
        self._place(stack, root, event, value, 0)

    def _place(
        self,
        stack: list[_Frame],
        root: list[Any],
        event: Any,
        value: Any,
        size: int,
        finished: _Frame | None = None,
    ) -> None:
        """Put a finished value where it belongs: the root, a list, a mapping's key or value."""
        at = _mark(event.start_mark)
        if finished is None and isinstance(event, yaml.ScalarEvent) and event.anchor:
            self._anchors[event.anchor] = (value, 1)
        if not stack:
            root.append(value)
            return
        top = stack[-1]
        top.size += size
        container = top.container
        if isinstance(container, list):
            if finished is None and top.track:
                self.values.setdefault((*top.path, len(container)), at)
            container.append(value)
            return
        if top.key is None and not top.skip_value:
            self._take_key(top, value, at, is_name=finished is None)
            return
        if not top.skip_value:
            assert top.key is not None
            if finished is None and top.track:
                self.values.setdefault((*top.path, top.key), at)
            container[top.key] = value
        top.key, top.skip_value = None, False

    def _take_key(self, top: _Frame, key: Any, at: Location, *, is_name: bool) -> None:
        container = top.container
        assert isinstance(container, dict)
        if not is_name or isinstance(key, dict | list):
            self.problem(
                at, "schema", "a key must be a plain name, not a list or mapping", top.path
            )
            top.skip_value = True
        elif key == _MERGE:
            self.problem(
                at, "merge-key", "merge keys (<<) are not supported; write the keys out", top.path
            )
            top.skip_value = True
        else:
            name = str(key)
            path = (*top.path, name)
            if name in container:
                if not top.track:
                    raise _NeedPositionsError  # to say where the first one is
                first = self.keys.get(path, at)
                self.problem(
                    at,
                    "duplicate-key",
                    f"duplicate key '{name}' (first at line {first[0]}); only one may stay",
                    path,
                )
                top.skip_value = True
            else:
                if top.track:
                    self.keys[path] = at
                top.key = name

    def _refuse_tag(self, at: Location, tag: str, path: KeyPath) -> None:
        self.problem(
            at,
            "refused-tag",
            f"the YAML tag {tag!r} is not allowed: stances.yaml holds plain data only",
            path,
        )

    def position(self, path: KeyPath, *, prefer_key: bool = False) -> Location:
        """The closest known position for a key path, falling back to its parents."""
        current = tuple(path)
        if not self.deep and len(current) > 2:
            record = self._record(current[:2])
            if record is not None:
                return record.position(current, prefer_key=prefer_key)
        if prefer_key and current in self.keys:
            return self.keys[current]
        while current:
            if current in self.values:
                return self.values[current]
            current = current[:-1]
        return self.values.get((), (1, 1))

    def _record(self, path: KeyPath) -> Document | None:
        """Every position inside one record, from its text read again (cached)."""
        if path not in self._records:
            span = self.spans.get(path)
            self._records[path] = self._read_record(path, span) if span else None
        return self._records[path]

    def _read_record(self, path: KeyPath, span: tuple[int, int, int, int]) -> Document | None:
        line, column, end_line, end_column = span
        # the record's own text, at its own column, so every line keeps its indentation
        text = " " * column + self._between(line, column, end_line, end_column)
        record = Document(self.display, Report(), len(text) + ALIAS_EXPANSION_ALLOWANCE, base=path)
        loader = _Loader(text)
        try:
            record.read(loader)
        except (yaml.YAMLError, _AliasBombError, _StopReadingError):
            return None  # e.g. an alias to an anchor outside the record: its start will do
        finally:
            loader.dispose()
        record.values = {p: (row + line, col) for p, (row, col) in record.values.items()}
        record.keys = {p: (row + line, col) for p, (row, col) in record.keys.items()}
        return record

    def _between(self, line: int, column: int, end_line: int, end_column: int) -> str:
        """The text from one position to another (0-based lines and columns in characters,
        lines broken as YAML breaks them)."""
        text = self.text
        if self._line_starts is None:
            breaks = _BREAKS_IN_BYTES if isinstance(text, bytes) else _BREAKS
            self._line_starts = [0, *(m.end() for m in breaks.finditer(text))]  # type: ignore[arg-type]
        starts = self._line_starts
        if line >= len(starts):
            return ""
        upto = starts[end_line + 1] if end_line + 1 < len(starts) else len(text)
        lines = text[starts[line] : upto]
        chunk = lines.decode("utf-8") if isinstance(lines, bytes) else lines
        chunk_starts = [0, *(m.end() for m in _BREAKS.finditer(chunk))]
        if end_line - line >= len(chunk_starts):
            return chunk[column:]  # the end is past the last line break: the end of the text
        return chunk[column : chunk_starts[end_line - line] + end_column]


def _mark(mark: Any) -> Location:
    """1-based (line, column) of a PyYAML mark (from the C or the Python parser)."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def key_path(path: Iterable[str | int]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


_BREAKS = re.compile("\r\n|\r|\n|\x85|\u2028|\u2029")
"""Line breaks as YAML 1.1 (and so PyYAML) counts lines."""
_BREAKS_IN_BYTES = re.compile("\r\n|\r|\n|\x85|\u2028|\u2029".encode())


def parse_yaml(text: str | bytes, display: str, report: Report) -> tuple[Any, Document] | None:
    """Read the document (text, or UTF-8 bytes); None (with problems) when it is not usable
    YAML."""
    try:
        return _parse(text, display, report, deep=False)
    except _NeedPositionsError:
        return _parse(text, display, report, deep=True)


def _parse(
    text: str | bytes, display: str, report: Report, *, deep: bool
) -> tuple[Any, Document] | None:
    budget = len(text) + ALIAS_EXPANSION_ALLOWANCE
    document = Document(display, report, budget, text=text, deep=deep)
    loader = _Loader(text)

    def fail(code: str, message: str, at: Location = (1, 1)) -> None:
        report.add(Problem(display, at[0], at[1], code, Severity.ERROR, message))

    try:
        found, data = document.read(loader)
        if not found or data is None:
            fail("empty", "file is empty: delete it, then `stancectl add-article FILE` starts one")
            return None
        return data, document
    except yaml.MarkedYAMLError as error:
        message, at = syntax_error(text, error)
        fail("yaml-syntax", message, at)
    except yaml.YAMLError as error:
        fail("yaml-syntax", str(error))
    except _AliasBombError:
        fail(
            "alias-bomb",
            "aliases expand the document far beyond its own size, in nodes or in bytes "
            "(an alias/anchor bomb?); write the data out instead of aliasing it",
        )
    except _StopReadingError:
        pass
    finally:
        loader.dispose()
    return None
