"""Every change stancectl makes to a data file goes through this module.

An edit is a splice: ruamel.yaml's round-trip parser says where each node of the file starts and
ends, its emitter renders only the new text, and everything else is copied from the file as it
was. Comments, key order, blank lines, indentation and quoting of what the edit does not touch stay
byte for byte the same, whatever style the file is written in (a full round-trip dump would
re-indent and re-wrap the parts it does not record).

Before a file is replaced, the edited text is
- read back as data and compared with what was asked for (nothing else may change), and
- loaded and checked by stancectl's own loader: an edit that would add an error is refused with
  the problems it would cause.
The new file is written beside the old one and renamed into place (same mode); the previous
content is kept as `<name>.bak`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import os
import re
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, ClassVar

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from stancectl.inputs import MAX_DATA_BYTES, LoadOptions
from stancectl.problems import ExitCode, Problem, StancectlError

SECTION_ORDER = ("topics", "stances", "governments", "actors", "articles", "statements")
"""The order sections are written in; a missing section is added before the next one."""
BACKUP_SUFFIX = ".bak"
_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_WIDTH = 1 << 30
"""No line folding: a quote stays on one line, as a curator would write it."""
_MUST_ESCAPE = re.compile(
    r"[\r\x85\u2028\u2029\ufeff]"  # read as (or next to) a line break, or dropped as a BOM
    r"|[^\n\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"  # not printable in YAML
)
"""Characters a YAML reader would change or refuse unless they are escaped (double quotes)."""
_YAML11 = yaml.resolver.Resolver()


class WritebackError(StancectlError):
    """The data file cannot be edited as asked; the message says why and what to do."""

    exit_code = ExitCode.USAGE


class EditRefusedError(WritebackError):
    """The edited file would have errors the current one does not have; nothing was written."""

    exit_code = ExitCode.DATA_PROBLEMS

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.problems = problems
        listed = "\n".join(f"  {p.location()}: {p.message}" for p in problems)
        super().__init__(
            f"{path} was not changed: the edit would introduce {len(problems)} "
            f"error{'s' if len(problems) != 1 else ''}:\n{listed}"
        )


@dataclass(frozen=True)
class Edit:
    """A change to one data file: its text before and after. Nothing is written until `write`."""

    path: Path
    """The file as the user named it."""
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        """The change as a unified diff (empty when nothing changes)."""
        name = str(self.path)
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                fromfile=f"{name} (current)",
                tofile=f"{name} (edited)",
            )
        )


@dataclass(frozen=True)
class QuoteReplacement:
    """The new text of one evidence quote, found by statement id and evidence index (0-based)."""

    statement_id: str
    evidence_index: int
    quote: str


# --- the public operations -------------------------------------------------------------------


def append_article(
    path: Path | str,
    entry: Mapping[str, Any],
    *,
    dry_run: bool = False,
    options: LoadOptions | None = None,
) -> Edit:
    """Add one entry at the end of `articles:`. Keys keep the mapping's order; None values are
    left out. With `dry_run` nothing is written; the returned edit has the diff."""
    return append_entries(path, "articles", [entry], dry_run=dry_run, options=options)


def append_statements(
    path: Path | str,
    entries: Sequence[Mapping[str, Any]],
    *,
    dry_run: bool = False,
    options: LoadOptions | None = None,
) -> Edit:
    """Add entries at the end of `statements:`, as `append_article` does."""
    return append_entries(path, "statements", entries, dry_run=dry_run, options=options)


def append_entries(
    path: Path | str,
    section: str,
    entries: Sequence[Mapping[str, Any]],
    *,
    dry_run: bool = False,
    options: LoadOptions | None = None,
) -> Edit:
    """Add entries at the end of a top-level list (created if the file has none)."""
    path = Path(path)
    before = read_data_file(path)
    edit = Edit(path, before, with_entries_appended(before, section, entries, display=str(path)))
    if not dry_run:
        write(edit, options)
    return edit


def replace_quote(
    path: Path | str,
    statement_id: str,
    evidence_index: int,
    quote: str,
    *,
    dry_run: bool = False,
    options: LoadOptions | None = None,
) -> Edit:
    """Replace the quote of one piece of evidence (for `check --fix`)."""
    replacement = QuoteReplacement(statement_id, evidence_index, quote)
    return replace_quotes(path, [replacement], dry_run=dry_run, options=options)


def replace_quotes(
    path: Path | str,
    replacements: Sequence[QuoteReplacement],
    *,
    dry_run: bool = False,
    options: LoadOptions | None = None,
) -> Edit:
    """Replace several evidence quotes in one edit (one backup, one check, one rename)."""
    path = Path(path)
    before = read_data_file(path)
    edit = Edit(path, before, with_quotes_replaced(before, replacements, display=str(path)))
    if not dry_run:
        write(edit, options)
    return edit


# --- editing text (pure) ---------------------------------------------------------------------


def with_entries_appended(
    text: str, section: str, entries: Sequence[Mapping[str, Any]], *, display: str = "<data>"
) -> str:
    """`text` with `entries` added at the end of the top-level list `section`."""
    plain = [_plain(entry) for entry in entries]
    if not plain:
        return text
    root = _compose(text, display)
    style = _Style.of(text, root)
    found = _section(root, section)
    value = found[1] if found else None
    if found is None or value is None:
        updated = _with_new_section(text, root, section, plain, style)
    elif isinstance(value, SequenceNode) and not value.flow_style and value.value:
        updated = _with_items_added(text, value, section, plain, style)
    elif _is_empty(value):
        updated = _with_empty_value_filled(text, found[0], value, section, plain, style)
    else:
        raise WritebackError(
            f"{display}:{value.start_mark.line + 1}: `{section}:` is not a list written one "
            "item per line (`- ...`); rewrite it that way so that entries can be added"
        )
    expected = _read_data(text, display)
    if not isinstance(expected, dict):
        expected = {}
    current = expected.get(section)
    expected[section] = [*(current if isinstance(current, list) else []), *_as_read(plain)]
    _verify(updated, expected, display)
    return updated


def with_quotes_replaced(
    text: str, replacements: Sequence[QuoteReplacement], *, display: str = "<data>"
) -> str:
    """`text` with each replacement's quote written in place of the old one."""
    root = _compose(text, display)
    style = _Style.of(text, root)
    expected = _read_data(text, display)
    splices: list[tuple[int, int, str]] = []
    for change in replacements:
        node, key, in_flow = _quote_node(root, change, display)
        splices.append(_quote_splice(text, node, key, change.quote, in_flow, style))
        _quote_in(expected, change, display)["quote"] = change.quote
    starts = sorted(start for start, _, _ in splices)
    if len(set(starts)) != len(starts):
        raise WritebackError("the same quote is replaced twice in one edit")
    updated = text
    for start, end, new in sorted(splices, reverse=True):
        updated = updated[:start] + new + updated[end:]
    _verify(updated, expected, display)
    return updated


# --- writing ---------------------------------------------------------------------------------


def read_data_file(path: Path) -> str:
    """The data file's text, exactly as stored (a byte-order mark and CRLF line ends are kept)."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_DATA_BYTES + 1)
    except FileNotFoundError:
        raise WritebackError(f"{path} does not exist") from None
    except OSError as error:
        raise WritebackError(f"cannot read {path}: {error.strerror or error}") from error
    if len(raw) > MAX_DATA_BYTES:
        raise WritebackError(f"{path} is over the limit of {MAX_DATA_BYTES:,} bytes")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise WritebackError(f"{path}:{line}: not valid UTF-8; save the file as UTF-8") from None


def write(edit: Edit, options: LoadOptions | None = None) -> None:
    """Check the edited text with stancectl's loader, then replace the file atomically, keeping
    the previous content as `<name>.bak`. Raises EditRefusedError (nothing written) when the
    edit would add errors; the file's mode is kept."""
    if not edit.changed:
        return
    target = edit.path.resolve()  # a symlinked data file is edited where it lives
    try:
        mode = target.stat().st_mode & 0o7777
    except OSError as error:
        raise WritebackError(f"cannot edit {edit.path}: {error.strerror or error}") from error
    content = edit.after.encode("utf-8")
    staged = _stage(target, content, mode)
    temporaries = [staged]
    try:
        # the loader finds articles relative to the path as named, so check a copy there
        checked = staged
        if target.parent != edit.path.parent.resolve():
            checked = _stage(edit.path, content, mode)
            temporaries.append(checked)
        added = _errors_added(edit, edit.path.with_name(checked.name), options)
        if added:
            raise EditRefusedError(edit.path, added)
        if read_data_file(target) != edit.before:
            raise WritebackError(f"{edit.path} changed while the edit was prepared; run it again")
        previous = _stage(target, edit.before.encode("utf-8"), mode)
        temporaries.append(previous)
        previous.replace(target.with_name(target.name + BACKUP_SUFFIX))
        staged.replace(target)
    except OSError as error:
        raise WritebackError(f"cannot write {edit.path}: {error.strerror or error}") from error
    finally:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)


def _stage(target: Path, content: bytes, mode: int) -> Path:
    """A temporary file beside `target` holding `content`, flushed to disk, with `mode`."""
    try:
        descriptor, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise WritebackError(f"cannot write beside {target}: {error.strerror or error}") from error
    staged = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        staged.chmod(mode)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return staged


def _errors_added(edit: Edit, staged: Path, options: LoadOptions | None) -> list[Problem]:
    """Errors the loader finds in the staged text that the current file does not have. The
    current file is loaded only when the edited one has errors at all."""
    from stancectl.load import load

    _, after = load(staged, options)
    if not after.errors:
        return []
    _, before = load(edit.path, options)
    known = {(p.code, p.key, p.message) for p in before.errors}
    return [
        replace(p, path=str(edit.path))
        for p in after.sorted()
        if p in after.errors and (p.code, p.key, p.message) not in known
    ]


# --- rendering -------------------------------------------------------------------------------


class _Representer(RoundTripRepresenter):
    """Text is written plain only where every YAML reader gives it back as the same text."""


def _represent_text(representer: RoundTripRepresenter, value: str) -> ScalarNode:
    return representer.represent_scalar(_STR_TAG, value, style=text_style(value))


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
    if tag != _STR_TAG:
        return "'"  # `yes`, `no`, `1:20`, `~` are not text to a YAML 1.1 reader such as PyYAML
    return None


@dataclass(frozen=True)
class _Style:
    """How the file indents block lists and mappings, and how its list items are spaced."""

    mapping: int = 2
    offset: int = 2
    """Columns from a key to the `-` of its list's items."""
    dash: int = 2
    """Columns from a `-` to the item's content."""
    newline: str = "\n"

    @classmethod
    def of(cls, text: str, root: Node | None) -> _Style:
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
    stack: list[MappingNode] = [root]
    while stack:
        mapping = stack.pop(0)
        for key, value in mapping.value:
            if isinstance(value, (MappingNode, SequenceNode)) and not value.flow_style:
                if value.start_mark.line > key.start_mark.line:
                    yield key.start_mark.column, value
                items = value.value if isinstance(value, SequenceNode) else [value]
                stack.extend(i for i in items if isinstance(i, MappingNode) and not i.flow_style)


def _items(section: str, entries: list[dict[str, Any]], style: _Style) -> list[str]:
    """Each entry rendered as one item of the top-level list `section`, without the key line."""
    rendered = []
    for entry in entries:
        lines = style.render({section: [entry]}).splitlines(keepends=True)
        rendered.append("".join(lines[1:]))
    return rendered


def _join_items(items: list[str], *, spaced: bool, style: _Style) -> str:
    return ("\n" if spaced else "").join(items).replace("\n", style.newline)


def _with_items_added(
    text: str, sequence: SequenceNode, section: str, entries: list[dict[str, Any]], style: _Style
) -> str:
    items = sequence.value
    at = _line_end_after(text, _content_end(text, items[-1]))
    spaced = len(items) > 1 and _blank_line_between(text, _content_end(text, items[-2]), items[-1])
    column = sequence.start_mark.column
    item_style = replace(style, offset=column)  # top-level lists: the key is at column 0
    fragment = _join_items(_items(section, entries, item_style), spaced=spaced, style=style)
    lead = ("" if text[:at].endswith("\n") else style.newline) + (style.newline if spaced else "")
    return text[:at] + lead + fragment + text[at:]


def _with_empty_value_filled(
    text: str, key: Node, value: Node, section: str, entries: list[dict[str, Any]], style: _Style
) -> str:
    """`section: []`, `section: ~` or `section:` with nothing: the value becomes a block list."""
    if isinstance(value, SequenceNode) or value.value:  # `[]`, `~` or `null`: drop the token
        start, end = value.start_mark.index, value.end_mark.index
        text = text[:start].rstrip(" ") + text[end:]
    fragment = _join_items(_items(section, entries, style), spaced=False, style=style)
    at = _line_end_after(text, key.end_mark.index)
    lead = "" if text[:at].endswith("\n") else style.newline
    return text[:at] + lead + fragment + text[at:]


def _with_new_section(
    text: str, root: Node | None, section: str, entries: list[dict[str, Any]], style: _Style
) -> str:
    """A new top-level `section:`, before the section that follows it in the usual order, or
    after the last one."""
    if isinstance(root, MappingNode) and root.flow_style:
        raise WritebackError("the data file is one flow mapping ({...}); write it in block style")
    rendered = style.render({section: entries}).replace("\n", style.newline)
    following = _next_section_key(root, section)
    if following is not None:
        at = _comment_block_start(text, following.start_mark.index)
        return text[:at] + rendered + style.newline + text[at:]
    at = _line_end_after(text, _content_end(text, root)) if root is not None else len(text)
    lead = "" if not text[:at] or text[:at].endswith("\n") else style.newline
    if text[:at].strip():
        lead += style.newline  # a blank line between sections
    return text[:at] + lead + rendered + text[at:]


# --- finding nodes ---------------------------------------------------------------------------


def _compose(text: str, display: str) -> Node | None:
    try:
        node: Node | None = YAML(typ="rt").compose(text)
    except RuamelError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "syntax error"
        context, start = getattr(error, "context", None), getattr(error, "context_mark", None)
        if context and start is not None:
            problem += f" {context} that starts at line {start.line + 1}"
        raise WritebackError(
            f"{display}{where}: not valid YAML: {problem}; fix it (`stancectl check` shows "
            "every problem) before stancectl edits the file"
        ) from None
    if node is not None and not isinstance(node, MappingNode):
        raise WritebackError(f"{display}: the data file is not a mapping of sections")
    return node


_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _DataReader(_SafeLoader):  # type: ignore[misc,valid-type]  # CSafeLoader has no stubs
    """PyYAML's safe reading with days left as text, as stancectl's loader reads them (so a
    `2024-02-30` elsewhere in the file is the loader's problem to report, not a crash here)."""

    yaml_implicit_resolvers: ClassVar[dict[Any, list[tuple[str, Any]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP_TAG]
        for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
    }


def _read_data(text: str, display: str) -> Any:
    try:
        return yaml.load(text, Loader=_DataReader)
    except (yaml.YAMLError, ValueError) as error:
        raise WritebackError(f"{display}: the file is not valid YAML: {error}") from None


def _verify(updated: str, expected: Any, display: str) -> None:
    """The edited text, read as data, is exactly what was asked for; anything else is a bug
    here, and the edit is refused rather than written."""
    try:
        actual = _read_data(updated, display)
    except WritebackError:
        actual = None
    if actual != expected:
        raise WritebackError(
            f"{display} was not changed: the edited file would not read back as intended "
            "(please report this with the entry being added)"
        )


def _section(root: Node | None, section: str) -> tuple[Node, Node] | None:
    """The key and value nodes of a top-level section."""
    return _mapping_get(root, section) if root is not None else None


def _next_section_key(root: Node | None, section: str) -> Node | None:
    """The key of the first existing section that comes after `section` in the usual order."""
    if not isinstance(root, MappingNode) or section not in SECTION_ORDER:
        return None
    later = SECTION_ORDER[SECTION_ORDER.index(section) + 1 :]
    keys = [k for k, _ in root.value if isinstance(k, ScalarNode) and k.value in later]
    return min(keys, key=lambda k: k.start_mark.index, default=None)


def _mapping_get(node: Node, key: str) -> tuple[Node, Node] | None:
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if isinstance(k, ScalarNode) and k.value == key:
                return k, v
    return None


def _quote_node(
    root: Node | None, change: QuoteReplacement, display: str
) -> tuple[ScalarNode, Node, bool]:
    """The quote's value node, its key node, and whether it sits in a flow mapping."""
    found_statements = _section(root, "statements")
    statements = found_statements[1] if found_statements else None
    statement = next(
        (
            item
            for item in (statements.value if isinstance(statements, SequenceNode) else [])
            if (found := _mapping_get(item, "id")) and found[1].value == change.statement_id
        ),
        None,
    )
    if statement is None:
        raise WritebackError(f"{display}: no statement with id '{change.statement_id}'")
    found = _mapping_get(statement, "evidence")
    evidence = found[1] if found else None
    count = len(evidence.value) if isinstance(evidence, SequenceNode) else 0
    if not isinstance(evidence, SequenceNode) or not 0 <= change.evidence_index < count:
        raise WritebackError(
            f"{display}: statement '{change.statement_id}' has no evidence "
            f"#{change.evidence_index + 1} (it has {count})"
        )
    item = evidence.value[change.evidence_index]
    quote = _mapping_get(item, "quote")
    if quote is None or not isinstance(quote[1], ScalarNode):
        raise WritebackError(
            f"{display}: evidence #{change.evidence_index + 1} of '{change.statement_id}' "
            "has no quote to replace"
        )
    in_flow = bool(item.flow_style) or bool(evidence.flow_style)
    return quote[1], quote[0], in_flow


def _quote_in(data: Any, change: QuoteReplacement, display: str) -> dict[str, Any]:
    """The evidence mapping of `change` in plain data (read with PyYAML)."""
    statements = data.get("statements") if isinstance(data, dict) else None
    for statement in statements if isinstance(statements, list) else []:
        if isinstance(statement, dict) and statement.get("id") == change.statement_id:
            evidence: dict[str, Any] = statement["evidence"][change.evidence_index]
            return evidence
    raise WritebackError(f"{display}: no statement with id '{change.statement_id}'")


def _quote_splice(
    text: str, node: ScalarNode, key: Node, quote: str, in_flow: bool, style: _Style
) -> tuple[int, int, str]:
    """(start, end, new text) replacing the quote's scalar in `text`. Quoting style is kept
    where the new text allows it; continuation lines are indented under the key."""
    start = node.start_mark.index
    end = start + len(text[start : node.end_mark.index].rstrip())
    preferred = node.style if node.style in {"'", '"'} else None
    chosen = '"' if in_flow else text_style(quote, preferred)
    rendered = style.render({"k": _styled(quote, chosen)})
    value = rendered.removeprefix("k:").lstrip(" ").rstrip("\n")
    value = value.replace("\n", "\n" + " " * key.start_mark.column)
    return start, end, value.replace("\n", style.newline)


def _styled(value: str, style: str | None) -> str:
    """The value as a ruamel string type that the emitter writes in `style`."""
    kinds: dict[str | None, type[str]] = {
        '"': DoubleQuotedScalarString,
        "'": SingleQuotedScalarString,
        "|": LiteralScalarString,
    }
    kind = kinds.get(style)
    return kind(value) if kind is not None else value


# --- positions in text -----------------------------------------------------------------------


def _content_end(text: str, node: Node) -> int:
    """Index just after the last character of the node's own text (its last scalar or flow
    collection), not counting the blank lines and comments a block node's end mark includes."""
    last = node
    while isinstance(last, (MappingNode, SequenceNode)) and not last.flow_style and last.value:
        tail = last.value[-1]
        last = tail[1] if isinstance(tail, tuple) else tail
    start: int = last.start_mark.index
    return start + len(text[start : last.end_mark.index].rstrip())


def _line_end_after(text: str, index: int) -> int:
    """Index just after the line break that ends the line holding `index` (or the text's end)."""
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _blank_line_between(text: str, end: int, item: Node) -> bool:
    return "\n\n" in text[end : item.start_mark.index].replace("\r\n", "\n").replace(" ", "")


def _comment_block_start(text: str, index: int) -> int:
    """Start of the line at `index`, moved up over the comment lines directly above it."""
    start = text.rfind("\n", 0, index) + 1
    while start > 0:
        previous = text.rfind("\n", 0, start - 1) + 1
        if not text[previous:start].lstrip().startswith("#"):
            break
        start = previous
    return start


def _is_empty(node: Node) -> bool:
    if isinstance(node, SequenceNode):
        return not node.value
    return isinstance(node, ScalarNode) and node.value in {"", "null", "Null", "NULL", "~"}


def _plain(value: Any) -> Any:
    """An entry as plain data the emitter writes as intended: None values left out, text
    subclasses (enums) as text, days as days, and times of day as ISO text."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, (bool, int, float, dt.date)):
        return value
    if isinstance(value, Path):
        return value.as_posix()
    raise WritebackError(f"cannot write a {type(value).__name__} to the data file: {value!r}")


def _as_read(value: Any) -> Any:
    """Plain data as the loader reads it back: days stay text (see _DataReader)."""
    if isinstance(value, dict):
        return {k: _as_read(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_read(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value
