"""Files -> model. Reads stances.yaml and the articles it cites, and reports every problem found,
each positioned at the YAML node that caused it.

Loading never raises for bad data: `load()` returns what could be loaded plus a `Report`.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from stancectl.dates import date_span
from stancectl.evidence import ArticleMatcher, MatchLevel, QuoteMatch, is_short
from stancectl.inputs import Fingerprint, LoadOptions, digest, stamp_of
from stancectl.model import (
    SCHEMA_VERSION,
    Actor,
    Article,
    Evidence,
    Government,
    Stance,
    StanceFile,
    Statement,
    Topic,
)
from stancectl.problems import Problem, Report, Severity

MAX_NESTING = 64
PLAIN_TAG_CACHE_LENGTH = 40
"""Plain scalars up to this length have their resolved tag remembered during one read."""
ALIAS_EXPANSION_ALLOWANCE = 10_000
"""Nodes a document may expand to beyond one per source character, before it counts as an
alias bomb ("billion laughs"): honest files never come close."""

Location = tuple[int, int]
KeyPath = tuple[str | int, ...]
RecordT = TypeVar("RecordT", bound=BaseModel)


@dataclass
class Dataset:
    """A loaded data file: the records that validated, indexed by id, in file order."""

    source: Path
    topics: dict[str, Topic] = field(default_factory=dict)
    stances: dict[str, Stance] = field(default_factory=dict)
    governments: dict[str, Government] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    statements: dict[str, Statement] = field(default_factory=dict)
    texts: MutableMapping[str, str] = field(default_factory=dict)
    """Article id -> its text, for the articles that could be read."""
    fingerprints: dict[str, Fingerprint] = field(default_factory=dict)
    """Resolved path -> what was read of it: the data file and every article."""
    matches: dict[tuple[str, int], QuoteMatch] = field(default_factory=dict)
    """(statement id, evidence index) -> where its quote stands in the article."""
    lines: dict[str, int] = field(default_factory=dict)
    """Statement id -> line of its entry in the data file."""

    def article_path(self, article: Article) -> Path:
        return self.source.parent / article.file

    def display_path(self, article: Article) -> str:
        return _display(self.source.parent, article.file)


def _display(base: Path, relative: str) -> str:
    return str(Path(os.path.normpath(base / relative))) if str(base) != "." else relative


# --- reading files ---------------------------------------------------------------------------


def read_text(
    path: Path,
    display: str,
    limit: int,
    report: Report,
    fingerprints: dict[str, Fingerprint] | None = None,
    real_path: Path | None = None,
) -> str | None:
    """Read a UTF-8 file (a byte-order mark is accepted), or add a problem saying why not.
    With `fingerprints`, record what was read under the file's resolved path (`real_path`, if
    the caller knows it already)."""

    def fail(code: str, message: str, line: int = 1, column: int = 1) -> None:
        report.add(Problem(display, line, column, code, Severity.ERROR, message))

    key = str(real_path or path.resolve()) if fingerprints is not None else ""
    if fingerprints is not None:
        fingerprints[key] = Fingerprint(None, None)
    try:
        info = path.stat()
        size = info.st_size
        if size > limit:
            fail("too-large", f"file is {size:,} bytes, over the limit of {limit:,} bytes")
            return None
        raw = path.read_bytes()
        if fingerprints is not None:
            fingerprints[key] = Fingerprint(digest(raw), stamp_of(info))
    except FileNotFoundError:
        fail("missing-file", "file not found")
        return None
    except IsADirectoryError:
        fail("missing-file", "is a directory, not a file")
        return None
    except OSError as error:
        fail("unreadable", f"cannot read file: {error.strerror or error}")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        fail(
            "not-utf8",
            f"not valid UTF-8: byte 0x{raw[error.start]:02x} at offset {error.start}; "
            "save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)",
            line,
            column,
        )
        return None
    if "\x00" in text:
        fail("binary-file", "contains NUL bytes: this looks like a binary file, not text")
        return None
    return text


# --- YAML with positions ---------------------------------------------------------------------

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


class _Document:
    """Builds plain Python data straight from the parser's events, remembering where every key
    and value came from, and reporting duplicate keys, refused tags and alias bombs on the way.

    Building from events rather than from PyYAML's composed node tree is several times faster,
    and an alias shares the object already built instead of copying it."""

    def __init__(self, display: str, report: Report, node_budget: int) -> None:
        self.display = display
        self.report = report
        self.node_budget = node_budget
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


def parse_yaml(text: str, display: str, report: Report) -> tuple[Any, _Document] | None:
    """Read the document; None (with problems) when it is not usable YAML."""
    document = _Document(display, report, len(text) + ALIAS_EXPANSION_ALLOWANCE)
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
            "the document expands to far more nodes than it has characters "
            "(an alias/anchor bomb?); write the data out instead of aliasing it",
        )
    except _StopReadingError:
        pass
    finally:
        loader.dispose()
    return None


# --- validation ------------------------------------------------------------------------------

_SECTIONS: dict[str, type[BaseModel]] = {
    "topics": Topic,
    "stances": Stance,
    "governments": Government,
    "actors": Actor,
    "articles": Article,
    "statements": Statement,
}


def _allowed_keys(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


class _Validator:
    """Validates each record on its own, so one bad statement does not hide the others."""

    def __init__(self, document: _Document, report: Report) -> None:
        self.document = document
        self.report = report

    def problem(
        self,
        path: KeyPath,
        code: str,
        message: str,
        severity: Severity = Severity.ERROR,
        *,
        prefer_key: bool = False,
    ) -> None:
        line, column = self.document.position(path, prefer_key=prefer_key)
        self.report.add(
            Problem(self.document.display, line, column, code, severity, message, key_path(path))
        )

    def top_level(self, data: Any) -> dict[str, list[Any]] | None:
        if not isinstance(data, dict):
            self.problem(
                (),
                "schema",
                f"the file must be a mapping with the keys {', '.join(_allowed_keys(StanceFile))}",
            )
            return None
        allowed = _allowed_keys(StanceFile)
        for key in data:
            if key not in allowed:
                self.problem(
                    (key,),
                    "unknown-key",
                    f"unknown top-level key '{key}'{_suggest(key, allowed)}",
                    prefer_key=True,
                )
        version = data.get("version")
        if version != SCHEMA_VERSION:
            where: KeyPath = ("version",) if "version" in data else ()
            self.problem(
                where,
                "schema-version",
                f"'version: {SCHEMA_VERSION}' is required (found {version!r}); "
                "this stancectl reads schema version 1",
            )
        sections: dict[str, list[Any]] = {}
        for name in _SECTIONS:
            value = data.get(name)
            if value is None:
                if name in ("topics", "stances"):
                    self.problem((), "schema", f"missing required section '{name}'")
                sections[name] = []
            elif not isinstance(value, list):
                self.problem(
                    (name,),
                    "schema",
                    f"'{name}' must be a list of entries, each starting with '- '",
                )
                sections[name] = []
            else:
                sections[name] = value
        return sections

    def records(
        self, section: str, items: list[Any], model: type[RecordT]
    ) -> list[tuple[int, RecordT]]:
        valid: list[tuple[int, RecordT]] = []
        for index, item in enumerate(items):
            try:
                valid.append((index, model.model_validate(item)))
            except ValidationError as error:
                for detail in error.errors(include_url=False):
                    self._schema_problem((section, index, *detail["loc"]), detail, model)
        return valid

    def _schema_problem(self, path: KeyPath, detail: Any, model: type[BaseModel]) -> None:
        kind = detail["type"]
        name = path[-1]
        if kind == "extra_forbidden":
            parent = _model_at(model, path[2:-1])
            hint = _suggest(str(name), _allowed_keys(parent)) if parent else ""
            self.problem(path, "unknown-key", f"unknown key '{name}'{hint}", prefer_key=True)
            return
        if kind == "missing":
            self.problem(path, "missing-key", f"missing required key '{name}'")
            return
        value = detail.get("input")
        shown = (
            repr(value)
            if isinstance(value, str | int | float | bool) or value is None
            else (
                "a list"
                if isinstance(value, list)
                else "a mapping"
                if isinstance(value, dict)
                else ""
            )
        )
        got = f" (got {shown[:60]})" if shown else ""
        self.problem(path, "schema", f"{key_path(path[2:]) or path[0]}: {detail['msg']}{got}")


def _model_at(model: type[BaseModel], path: KeyPath) -> type[BaseModel] | None:
    """The nested model class a key path inside a record points into."""
    current: type[BaseModel] = model
    for part in path:
        if isinstance(part, int):
            continue
        info = next((f for n, f in current.model_fields.items() if (f.alias or n) == part), None)
        if info is None:
            return None
        nested = _nested_model(info.annotation)
        if nested is None:
            return None
        current = nested
    return current


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _nested_model(argument)
        if found is not None:
            return found
    return None


# --- the loader ------------------------------------------------------------------------------


def load(path: Path | str, options: LoadOptions | None = None) -> tuple[Dataset | None, Report]:
    """Load a data file and the articles it cites. Returns the dataset (None when the file
    cannot be read as YAML at all) and every problem found."""
    options = options or LoadOptions()
    path = Path(path)
    display = str(path)
    report = Report()
    fingerprints: dict[str, Fingerprint] = {}
    text = read_text(path, display, options.max_data_bytes, report, fingerprints)
    if text is None:
        return None, report
    parsed = parse_yaml(text, display, report)
    if parsed is None:
        return None, report
    data, document = parsed
    validator = _Validator(document, report)
    sections = validator.top_level(data)
    if sections is None:
        return None, report
    dataset = Dataset(source=path, fingerprints=fingerprints)
    _Checker(dataset, validator, sections, options).run()
    return dataset, report


class _Checker:
    """Cross-record checks: ids, references, dates, files and quotes."""

    def __init__(
        self,
        dataset: Dataset,
        validator: _Validator,
        sections: dict[str, list[Any]],
        options: LoadOptions,
    ) -> None:
        self.dataset = dataset
        self.validator = validator
        self.sections = sections
        self.options = options
        self.problem = validator.problem
        self.positions: dict[str, dict[str, int]] = {}
        """Section -> record id -> index of the record in that section's list."""

    def run(self) -> None:
        d = self.dataset
        d.topics = self._index("topics", Topic)
        d.stances = self._index("stances", Stance)
        d.governments = self._index("governments", Government)
        d.actors = self._index("actors", Actor)
        d.articles = self._index("articles", Article)
        d.statements = self._index("statements", Statement)
        d.lines = {
            statement_id: self.validator.document.position(("statements", index))[0]
            for statement_id, index in self.positions["statements"].items()
        }
        self._check_stances()
        self._check_actors()
        self._read_articles()
        self._check_statements()
        if self.options.check_quotes:
            self._check_quotes()

    def _index(self, section: str, model: type[RecordT]) -> dict[str, RecordT]:
        index: dict[str, RecordT] = {}
        where: dict[str, int] = {}
        for position, record in self.validator.records(section, self.sections[section], model):
            record_id: str = getattr(record, "id")  # noqa: B009 - every section's model has an id
            if record_id in index:
                first = self.validator.document.position((section, where[record_id]))[0]
                self.problem(
                    (section, position, "id"),
                    "duplicate-id",
                    f"duplicate id '{record_id}' in {section} (first at line {first})",
                )
                continue
            index[record_id] = record
            where[record_id] = position
        self.positions[section] = where
        return index

    def _at(self, section: str, record_id: str, *rest: str | int) -> KeyPath:
        return (section, self.positions[section][record_id], *rest)

    def _reference(
        self, path: KeyPath, value: str | None, known: dict[str, Any], what: str
    ) -> bool:
        if value is None or value in known:
            return True
        self.problem(path, "unknown-ref", f"unknown {what} '{value}'{_suggest(value, known)}")
        return False

    def _check_stances(self) -> None:
        for stance in self.dataset.stances.values():
            for i, topic in enumerate(stance.topics):
                self._reference(
                    self._at("stances", stance.id, "topics", i), topic, self.dataset.topics, "topic"
                )

    def _check_actors(self) -> None:
        for actor in self.dataset.actors.values():
            for i, role in enumerate(actor.roles):
                at = self._at("actors", actor.id, "roles", i)
                self._reference(
                    (*at, "government"), role.government, self.dataset.governments, "government"
                )
                if role.start and role.until and role.until < role.start:
                    self.problem(
                        (*at, "until"),
                        "role-dates",
                        f"role '{role.title}' ends ({role.until}) before it begins ({role.start})",
                    )

    def _read_articles(self) -> None:
        base = self.dataset.source.parent
        cited = {e.article for s in self.dataset.statements.values() for e in s.evidence}
        resolved: dict[Path, Path] = {}
        root = base.resolve()
        for article in self.dataset.articles.values():
            at = self._at("articles", article.id, "file")
            real = _real_path(base, article.file, resolved)
            if not self.options.allow_outside_files and not _inside(root, article.file, real):
                self.problem(
                    at,
                    "path-outside",
                    f"article file '{article.file}' is outside the data directory; "
                    "move it next to the data file, or pass --allow-outside-files "
                    "if you trust this data",
                )
                continue
            file_report = Report()
            text = read_text(
                base / article.file,
                self.dataset.display_path(article),
                self.options.max_article_bytes,
                file_report,
                self.dataset.fingerprints,
                real,
            )
            for found in file_report.problems:
                # the file's own problem, said where the data file names it
                inside = found.location() if (found.line, found.column) != (1, 1) else found.path
                self.problem(at, found.code, f"article '{article.id}' ({inside}): {found.message}")
            if text is not None:
                self.dataset.texts[article.id] = text
            if article.id not in cited:
                self.problem(
                    self._at("articles", article.id),
                    "uncited-article",
                    f"article '{article.id}' is not cited by any statement",
                    Severity.WARNING,
                )

    def _check_statements(self) -> None:
        d = self.dataset
        for statement in d.statements.values():
            at = self._at("statements", statement.id)
            if statement.actor is None and statement.government is None:
                self.problem(
                    at, "no-speaker", "a statement needs an 'actor', a 'government', or both"
                )
            self._reference((*at, "topic"), statement.topic, d.topics, "topic")
            self._reference((*at, "actor"), statement.actor, d.actors, "actor")
            self._reference((*at, "government"), statement.government, d.governments, "government")
            if self._reference((*at, "stance"), statement.stance, d.stances, "stance"):
                self._check_stance_topic((*at, "stance"), statement.stance, statement.topic)
            self._check_role(statement, at)
            for i, evidence in enumerate(statement.evidence):
                self._check_evidence(statement, evidence, (*at, "evidence", i))

    def _check_stance_topic(self, path: KeyPath, stance_id: str, topic_id: str) -> None:
        stance = self.dataset.stances[stance_id]
        if stance.topics and topic_id not in stance.topics:
            self.problem(
                path,
                "stance-topic",
                f"stance '{stance_id}' does not apply to topic '{topic_id}' "
                f"(it applies to: {', '.join(stance.topics)})",
            )

    def _check_role(self, statement: Statement, at: KeyPath) -> None:
        actor = self.dataset.actors.get(statement.actor or "")
        if actor is None or not actor.roles or statement.said_on is None:
            return
        role = actor.role_on(statement.said_on)
        if role is None:
            self.problem(
                (*at, "actor"),
                "no-role",
                f"{actor.name} holds none of the listed roles on {statement.said_on}; "
                "add the role held then",
                Severity.WARNING,
            )
        elif statement.government and role.government and role.government != statement.government:
            self.problem(
                (*at, "government"),
                "role-government",
                f"statement is for '{statement.government}' but {actor.name} served "
                f"'{role.government}' on {statement.said_on}",
                Severity.WARNING,
            )

    def _check_evidence(self, statement: Statement, evidence: Evidence, at: KeyPath) -> None:
        d = self.dataset
        if not self._reference((*at, "article"), evidence.article, d.articles, "article"):
            return
        account = evidence.differs
        if (
            account is not None
            and account.stance is not None
            and self._reference((*at, "differs", "stance"), account.stance, d.stances, "stance")
        ):
            self._check_stance_topic((*at, "differs", "stance"), account.stance, statement.topic)
        said_on = account.said_on if account and account.said_on else statement.said_on
        precision = (
            account.date_precision
            if account and account.date_precision
            else statement.date_precision
        )
        article = d.articles[evidence.article]
        if said_on is None or article.published is None:
            return
        earliest, _ = date_span(said_on, precision)
        _, published = date_span(article.published, article.published_precision)
        if earliest > published:
            where = (
                (*at, "differs", "said_on")
                if account and account.said_on
                else (*self._at("statements", statement.id), "said_on")
            )
            self.problem(
                where,
                "said-after-published",
                f"said on {said_on} ({precision.value}), after article "
                f"'{article.id}' reporting it was published ({article.published})",
            )

    def _check_quotes(self) -> None:
        d = self.dataset
        by_article: dict[str, list[tuple[Statement, int, Evidence]]] = {}
        for statement in d.statements.values():
            for i, evidence in enumerate(statement.evidence):
                if evidence.article in d.texts:
                    by_article.setdefault(evidence.article, []).append((statement, i, evidence))
        for article_id, quoted in by_article.items():
            matcher = ArticleMatcher(d.texts[article_id])
            for statement, i, evidence in quoted:
                found = matcher.match(evidence.quote)
                d.matches[(statement.id, i)] = found
                self._report_match(statement, i, evidence, found, matcher.text)

    def _report_match(
        self, statement: Statement, index: int, evidence: Evidence, found: QuoteMatch, text: str
    ) -> None:
        at = (*self._at("statements", statement.id), "evidence", index, "quote")
        article = evidence.article
        if found.level is MatchLevel.ALTERED:
            self.problem(at, "quote-altered", found.describe(article, text))
        elif found.level is MatchLevel.MISSING:
            self.problem(at, "quote-missing", found.describe(article, text))
        if is_short(evidence.quote):
            self.problem(
                at,
                "quote-short",
                f"quote {evidence.quote!r} is one or two words: it proves little; "
                "quote the whole clause",
                Severity.WARNING,
            )


def _real_path(base: Path, relative: str, resolved: dict[Path, Path]) -> Path:
    """base/relative with symlinks followed. `resolved` caches the real path of each folder, so
    thousands of articles in one folder cost one resolution each."""
    target = base / relative
    folder = target.parent
    if folder not in resolved:
        resolved[folder] = folder.resolve()
    real = resolved[folder] / target.name
    if real.is_symlink() or target.name in ("..", "."):
        real = real.resolve()
    return real


def _inside(root: Path, relative: str, real: Path) -> bool:
    """Whether an article path, given relative to the data folder (whose real path is `root`)
    and found at `real`, stays inside that folder."""
    if Path(relative).is_absolute():
        return False
    return real == root or root in real.parents
