"""A large data file read on two cores: the `statements` list is cut between two of its items,
a forked child reads the second part while this process reads the first, and the two are
joined.

This is only a faster way to the same result. It is taken for a plain, clean document alone:
if either part has any problem, uses an alias, or cannot be cut safely, or if the child fails,
the caller reads the document in one piece, so every problem is found and placed exactly as
the one-piece reader finds and places it. The cut cannot change the data unnoticed: it falls on
a line that starts a statement at the list's own indentation, which in block YAML can only
begin an item or lie inside a quoted or flow scalar, and a part that ends inside one of those
is a syntax error (and so a problem)."""

from __future__ import annotations

import contextlib
import marshal
import os
import re
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from stancectl.loader.yaml_reader import Document, KeyPath, Location, parse_yaml
from stancectl.problems import Report

SPLIT_FROM_BYTES = 4_000_000
"""Smaller files are read in one piece: they take under 0.4 s, and the fork, the data passed
back and a second core that is busy can cost what they save (at 2 MB, with the other core
busy, both ways took the same time)."""
FIRST_PART = 0.5
"""The share of the statements this process reads (the child packs its part as this process
unpacks it: the two about even out)."""

SECTION = b"statements"
_SECTION_KEY = re.compile(rb"^" + SECTION + rb":[ \t]*(?:#[^\n]*)?\n", re.MULTILINE)
_FIRST_ITEM = re.compile(rb"(?:[ \t]*(?:#[^\n]*)?\n)*( *)- ")
"""Blank and comment lines, then the first item: its indentation is the list's."""
_OTHER_LINE_BREAKS = (b"\r", "\x85".encode(), "\u2028".encode(), "\u2029".encode())
"""Line breaks PyYAML counts besides LF: with any of them, line numbers would need more care
than the cut is worth."""
_TOP_LEVEL_LINE = re.compile(rb"\n[^ \t\n#-]")
"""A line that may start another top-level key: the statements end before it."""

Parts = tuple[Any, dict[KeyPath, Location], dict[KeyPath, Location], dict[KeyPath, Any]]


def read_in_two(text: str | bytes, display: str) -> tuple[Any, Document] | None:
    """The document read on two cores, or None when that does not apply or did not work
    cleanly: the caller then reads it in one piece (and reports what is wrong)."""
    if not isinstance(text, bytes) or not _two_cores_free():
        return None
    cut = find_cut(text)
    if cut is None:
        return None
    offset, indent = cut
    lines_before = text.count(b"\n", 0, offset)
    try:
        reader, writer = os.pipe()
    except OSError:  # no file descriptor left: read in one piece
        return None
    try:
        child = os.fork()
    except OSError:  # no process or memory to spare
        os.close(reader)
        os.close(writer)
        return None
    if child == 0:  # pragma: no cover - runs in the child, which leaves by os._exit
        _read_second_part(text, offset, lines_before, display, reader, writer)
    os.close(writer)
    try:
        first = _read_clean(text[:offset], display)
        if first is None:
            return None  # read in one piece; the child is stopped below
        with os.fdopen(reader, "rb") as pipe:
            reader = -1
            packed = pipe.read()
    finally:
        if reader >= 0:
            os.close(reader)
        with contextlib.suppress(OSError):
            os.kill(child, signal.SIGKILL)  # finished already, or no longer needed
        with contextlib.suppress(ChildProcessError):  # reaped already (SIGCHLD ignored)
            os.waitpid(child, 0)
    if not packed:
        return None
    try:
        second: Parts = marshal.loads(packed)
    except (EOFError, ValueError, TypeError):
        return None
    return _join(first, second, text, (lines_before, indent))


def find_cut(text: bytes) -> tuple[int, int] | None:
    """(offset, indentation) of a line that starts an item of the top-level `statements`
    list, `FIRST_PART` of the way through it; None when there is no safe place."""
    if len(text) < SPLIT_FROM_BYTES or any(mark in text for mark in _OTHER_LINE_BREAKS):
        return None
    return find_cut_in(text, FIRST_PART)


def find_cut_in(text: bytes, share: float) -> tuple[int, int] | None:
    """`find_cut` without the size and line-break conditions (the tests cut small files)."""
    key = _SECTION_KEY.search(text)
    if key is None:
        return None
    first = _FIRST_ITEM.match(text, key.end())
    if first is None:
        return None
    indent = first.group(1)
    items_start = first.start(1)
    section_end = _TOP_LEVEL_LINE.search(text, items_start)
    end = section_end.start() if section_end else len(text)
    target = items_start + int((end - items_start) * share)
    found = text.find(b"\n" + indent + b"- ", target, end)
    if found < 0:
        return None
    return found + 1, len(indent)


def _two_cores_free() -> bool:
    """Forking is safe and worth it: Linux (elsewhere a fork without exec is discouraged), no
    other thread (a fork copies locks another thread may hold), two cores to run on."""
    if not sys.platform.startswith("linux") or threading.active_count() != 1:
        return False
    try:  # threads started by compiled libraries too, which `threading` does not see
        if sum(1 for _ in Path("/proc/self/task").iterdir()) != 1:
            return False
    except OSError:
        return False
    return len(os.sched_getaffinity(0)) >= 2


def _read_clean(text: bytes, display: str) -> tuple[Any, Document] | None:
    """The part read, if it reads without any problem and without aliases."""
    report = Report()
    parsed = parse_yaml(text, display, report)
    if parsed is None or report.problems or parsed[1].aliased:
        return None
    return parsed


def _read_second_part(
    text: bytes, offset: int, lines_before: int, display: str, reader: int, writer: int
) -> None:  # pragma: no cover - runs in the forked child
    """In the child: read from `offset` on, with the key above it and the lines before it
    blank, so every line keeps its number; send the data and positions back, then leave."""
    try:
        os.close(reader)
        part = b"\n" * (lines_before - 1) + SECTION + b":\n" + text[offset:]
        parsed = _read_clean(part, display)
        packed = b""
        if parsed is not None:
            data, document = parsed
            packed = marshal.dumps((data, document.values, document.keys, document.spans))
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(packed)
    finally:
        os._exit(0)


def _join(
    first: tuple[Any, Document], second: Parts, text: bytes, cut_at: tuple[int, int]
) -> tuple[Any, Document] | None:
    data, document = first
    more, values, keys, spans = second
    section = SECTION.decode()
    if not isinstance(data, dict) or not isinstance(more, dict):
        return None
    items, more_items = data.get(section), more.pop(section, None)
    if not isinstance(items, list) or not isinstance(more_items, list):
        return None
    if any(key in data for key in more):
        return None  # a key given twice: the one-piece read says where both are
    offset = len(items)
    items.extend(more_items)
    data.update(more)

    def moved(path: KeyPath) -> KeyPath:
        if len(path) >= 2 and path[0] == section and type(path[1]) is int:
            return (section, path[1] + offset, *path[2:])
        return path

    skipped = {(), (section,)}  # the second part's root and its stand-in key
    document.values.update((moved(p), at) for p, at in values.items() if p not in skipped)
    document.keys.update((moved(p), at) for p, at in keys.items() if p not in skipped)
    document.spans.update((moved(p), span) for p, span in spans.items())
    last = (section, offset - 1)
    if last in document.spans:
        # the first part ends at the start of the cut line; read whole, the item ends where
        # the next item's "- " stands
        line, column, _, _ = document.spans[last]
        document.spans[last] = (line, column, *cut_at)
    document.text = text
    return data, document
