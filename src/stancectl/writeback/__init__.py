"""Every change stancectl makes to a data file goes through this package.

An edit is a splice: a YAML composer says where each node of the file starts and ends, the
new text alone is rendered (by ruamel.yaml's emitter, in the file's own indentation), and
everything else is copied from the file as it was. Comments, key order, blank lines,
indentation and quoting of what the edit does not touch stay byte for byte the same, whatever
style the file is written in (a round-trip dump of the whole file would re-indent and re-wrap
what it does not record).

Before a file is replaced, the edited text is
- read back as data and compared with what was asked for (nothing else may change), and
- loaded and checked by stancectl's own loader: an edit that would add an error is refused with
  the problems it would cause.
The new file is written beside the old one and renamed into place (same mode); the previous
content is kept as `<name>.bak`.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import os
import re
import tempfile
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from stancectl.inputs import MAX_DATA_BYTES, LoadOptions
from stancectl.output import new_file_mode
from stancectl.problems import Problem
from stancectl.writeback.emit import text_style
from stancectl.writeback.errors import EditRefusedError, WritebackError
from stancectl.writeback.splice import (
    SECTION_ORDER,
    QuoteReplacement,
    with_entries_appended,
    with_quotes_replaced,
)

__all__ = [
    "BACKUP_SUFFIX",
    "SECTION_ORDER",
    "STARTER",
    "Edit",
    "EditRefusedError",
    "QuoteReplacement",
    "WritebackError",
    "append_article",
    "append_entries",
    "append_statements",
    "create_data_file",
    "read_data_file",
    "replace_quote",
    "replace_quotes",
    "text_style",
    "unified_diff",
    "with_entries_appended",
    "with_quotes_replaced",
    "write",
]

BACKUP_SUFFIX = ".bak"
STARTER = """\
# stancectl data file: who said what, where and when, according to which article.
# topics: the questions; stances: the positions, scored from most opposed (low) to most
# supportive (high); governments and actors (with their roles); articles; statements, each
# with the verbatim quote that proves it. See the README, "Curating a new topic".

version: 1

topics: []

stances: []

governments: []

actors: []

articles: []

statements: []
"""
"""A new data file, for the first article added in a folder that has none."""


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
        return unified_diff(self.before, self.after, str(self.path))


def unified_diff(before: str, after: str, name: str) -> str:
    """A unified diff of two texts, as difflib writes it. The texts are first cut where both
    have the same line, found once in each, with the same lines around it: difflib's cost grows
    with the lines between a diff's first and last change, and an edit of a large file changes
    a few places in it."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    header = [f"--- {name} (current)\n", f"+++ {name} (edited)\n"]
    hunks: list[str] = []
    cuts = [(0, 0), *_cuts(old, new), (len(old), len(new))]
    for (old_start, new_start), (old_end, new_end) in itertools.pairwise(cuts):
        if old[old_start:old_end] == new[new_start:new_end]:
            continue
        lines = difflib.unified_diff(
            old[old_start:old_end], new[new_start:new_end], n=DIFF_CONTEXT, lineterm="\n"
        )
        shift = functools.partial(_shifted, old_lines=old_start, new_lines=new_start)
        hunks += [_HUNK.sub(shift, line) for line in itertools.islice(lines, 2, None)]
    return "".join(header + hunks) if hunks else ""


DIFF_CONTEXT = 3
_HUNK = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@")


def _cuts(old: list[str], new: list[str]) -> list[tuple[int, int]]:
    """(old line, new line) pairs where both texts may be cut: a line found once in each, in
    the same order, with DIFF_CONTEXT equal lines before and after it in both."""
    once_old, once_new = Counter(old), Counter(new)
    where_new = {line: number for number, line in enumerate(new) if once_new[line] == 1}
    cuts: list[tuple[int, int]] = []
    last = -1
    for number, line in enumerate(old):
        other = where_new.get(line) if once_old[line] == 1 else None
        if other is None or other <= last:
            continue
        low, high = DIFF_CONTEXT, DIFF_CONTEXT + 1
        if (
            old[number - low : number + high] == new[other - low : other + high]
            and min(number, other) >= low
        ):
            cuts.append((number, other))
            last = other
    return cuts


def _shifted(match: re.Match[str], old_lines: int, new_lines: int) -> str:
    """A hunk header of a diff of two slices, numbered as in the whole texts (an empty range
    is numbered by the line before it)."""
    old_start, old_count, new_start, new_count = match.groups()
    old = int(old_start) + old_lines if old_start != "0" or old_lines else 0
    new = int(new_start) + new_lines if new_start != "0" or new_lines else 0
    return f"@@ -{old}{old_count or ''} +{new}{new_count or ''} @@"


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
    edit would add errors; the file's mode is kept. An edit whose `before` is empty, of a file
    that does not exist, creates it (no backup: there was nothing before it)."""
    if not edit.changed:
        return
    if not edit.before and not edit.path.exists():
        _create(edit, options)
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


def _create(edit: Edit, options: LoadOptions | None) -> None:
    """A new data file, checked by the loader first: it may have no error at all."""
    staged = _stage(edit.path, edit.after.encode("utf-8"), new_file_mode())
    try:
        added = _errors_added(edit, edit.path.with_name(staged.name), options)
        if added:
            raise EditRefusedError(edit.path, added)
        os.link(staged, edit.path)  # fails if the name exists, unlike a rename
    except FileExistsError:
        raise WritebackError(f"{edit.path} exists already; run it again") from None
    except OSError as error:
        raise WritebackError(f"cannot create {edit.path}: {error.strerror or error}") from error
    finally:
        staged.unlink(missing_ok=True)


def create_data_file(path: Path, text: str = STARTER) -> None:
    """Create a new data file holding `text`, atomically; never replaces a file (not even one
    that appears meanwhile)."""
    staged = _stage(path, text.encode("utf-8"), new_file_mode())
    try:
        os.link(staged, path)  # fails if the name exists, unlike a rename
    except FileExistsError:
        raise WritebackError(f"{path} exists already") from None
    except OSError as error:
        raise WritebackError(f"cannot create {path}: {error.strerror or error}") from error
    finally:
        staged.unlink(missing_ok=True)


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
    from stancectl.loader import load

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
