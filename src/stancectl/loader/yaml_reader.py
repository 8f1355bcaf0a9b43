"""A positioned YAML reader: plain Python data built straight from PyYAML's events, with the
line and column of every key and value, and duplicate keys, refused tags and alias bombs
reported as problems on the way."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

import yaml

from stancectl.problems import Problem, Report, Severity

MAX_NESTING = 64
PLAIN_TAG_CACHE_LENGTH = 40
"""Plain scalars up to this length have their resolved tag remembered during one read."""
ALIAS_EXPANSION_ALLOWANCE = 10_000
"""Nodes a document may expand to beyond one per source character, before it counts as an
alias bomb ("billion laughs"): honest files never come close."""
ALIAS_EXPANSION_BYTES = 4_000_000
"""Bytes of text aliases may repeat beyond the document's own size: a few aliases of a long
string expand as much as millions of aliases of short ones."""

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


class _Frame:
    """A mapping or list being built, and where it stands in the document."""

    __slots__ = ("anchor", "container", "key", "path", "size", "skip_value")

    def __init__(self, container: dict[str, Any] | list[Any], path: KeyPath, anchor: str | None):
        self.container = container
        self.path = path
        self.anchor = anchor
        self.key: str | None = None
        """For a mapping: the key read, waiting for its value."""
        self.skip_value = False
        """For a mapping: the key was a duplicate (or not a name); its value is read and dropped."""
        self.size = 1


class Document:
    """Builds plain Python data straight from the parser's events, remembering where every key
    and value came from, and reporting duplicate keys, refused tags and alias bombs on the way.

    Building from events rather than from PyYAML's composed node tree is several times faster,
    and an alias shares the object already built instead of copying it."""

    def __init__(self, display: str, report: Report, node_budget: int) -> None:
        self.display = display
        self.report = report
        self.node_budget = node_budget
        self.byte_budget = node_budget - ALIAS_EXPANSION_ALLOWANCE + ALIAS_EXPANSION_BYTES
        self._sizes: dict[int, int] = {}
        self.values: dict[KeyPath, Location] = {}
        self.keys: dict[KeyPath, Location] = {}
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
        while True:
            event = get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                value = self._scalar(loader, event, stack)
                top = stack[-1] if stack else None
                # The two common cases, a value or a new key in a mapping, come first without
                # the general bookkeeping of _place; anything unusual goes through _place.
                if top is None or top.skip_value or event.anchor is not None:
                    self._place(stack, root, event, value, 1)
                elif top.key is not None:
                    mark = event.start_mark
                    values.setdefault((*top.path, top.key), (mark.line + 1, mark.column + 1))
                    top.container[top.key] = value  # type: ignore[call-overload]
                    top.key = None
                    top.size += 1
                elif (
                    type(value) is str
                    and type(top.container) is dict
                    and value not in top.container
                    and value != _MERGE
                ):
                    mark = event.start_mark
                    keys[(*top.path, value)] = (mark.line + 1, mark.column + 1)
                    top.key = value
                    top.size += 1
                else:
                    self._place(stack, root, event, value, 1)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self._open(stack, event)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = stack.pop()
                if frame.anchor is not None:
                    self._anchors[frame.anchor] = (frame.container, frame.size)
                if stack:
                    stack[-1].size += frame.size
                self._place(stack, root, event, frame.container, 0, frame)
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

    def _spend(self, nodes: int) -> None:
        self.node_budget -= nodes
        if self.node_budget < 0:
            raise _AliasBombError

    def _child_path(self, stack: list[_Frame]) -> KeyPath | None:
        """The path of the value about to be read; None where a mapping expects a key."""
        if not stack:
            return ()
        top = stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        if top.key is None and not top.skip_value:
            return None
        return (*top.path, top.key if top.key is not None else "?")

    def _open(self, stack: list[_Frame], event: Any) -> None:
        self._spend(1)
        at = _mark(event.start_mark)
        path = self._child_path(stack)
        is_mapping = isinstance(event, yaml.MappingStartEvent)
        if path is None:
            self.problem(
                at, "schema", "a key must be a plain name, not a list or mapping", stack[-1].path
            )
            stack[-1].skip_value = True
            path = (*stack[-1].path, "?")
        if len(stack) >= MAX_NESTING:
            self.problem(at, "too-deep", f"nesting deeper than {MAX_NESTING} levels", path)
            raise _StopReadingError
        self.values.setdefault(path, at)
        expected = "tag:yaml.org,2002:map" if is_mapping else "tag:yaml.org,2002:seq"
        if event.tag not in (None, "!", expected):
            self._refuse_tag(at, event.tag, path)
        stack.append(_Frame({} if is_mapping else [], path, event.anchor))

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
        self._spend(size)
        self.byte_budget -= self._bytes_of(value)
        if self.byte_budget < 0:
            raise _AliasBombError
        if stack:
            stack[-1].size += size
        self._place(stack, root, event, value, 0)

    def _bytes_of(self, value: Any) -> int:
        """The UTF-8 size of the text in `value`, each shared object measured once."""
        known = self._sizes.get(id(value))
        if known is not None:
            return known
        if isinstance(value, str):
            size = len(value.encode("utf-8", "surrogatepass"))
        elif isinstance(value, dict):
            size = 1 + sum(self._bytes_of(k) + self._bytes_of(v) for k, v in value.items())
        elif isinstance(value, list):
            size = 1 + sum(self._bytes_of(item) for item in value)
        else:
            size = 1
        if isinstance(value, str | dict | list):  # containers and text live as long as the read
            self._sizes[id(value)] = size
        return size

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
            if finished is None:
                self.values.setdefault((*top.path, len(container)), at)
            container.append(value)
            return
        if top.key is None and not top.skip_value:
            self._take_key(top, value, at, is_name=finished is None)
            return
        if not top.skip_value:
            assert top.key is not None
            if finished is None:
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
                first = self.keys.get(path, at)
                self.problem(
                    at,
                    "duplicate-key",
                    f"duplicate key '{name}' (first at line {first[0]}); only one may stay",
                    path,
                )
                top.skip_value = True
            else:
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
        if prefer_key and current in self.keys:
            return self.keys[current]
        while current:
            if current in self.values:
                return self.values[current]
            current = current[:-1]
        return self.values.get((), (1, 1))


def _mark(mark: Any) -> Location:
    """1-based (line, column) of a PyYAML mark (from the C or the Python parser)."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def key_path(path: Iterable[str | int]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def parse_yaml(text: str, display: str, report: Report) -> tuple[Any, Document] | None:
    """Read the document; None (with problems) when it is not usable YAML."""
    document = Document(display, report, len(text) + ALIAS_EXPANSION_ALLOWANCE)
    loader = _Loader(text)

    def fail(code: str, message: str, at: Location = (1, 1)) -> None:
        report.add(Problem(display, at[0], at[1], code, Severity.ERROR, message))

    try:
        found, data = document.read(loader)
        if not found or data is None:
            fail("empty", "the file is empty; start from the bundled stances.yaml")
            return None
        return data, document
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(p for p in (error.context, error.problem) if p) or str(error)
        if "'\\t'" in message or "tab character" in message:
            message += "; indent with spaces, not tabs"
        fail("yaml-syntax", message, _mark(mark))
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
