"""Reading a news archive one article at a time: a folder of `.txt` files (recursively) or a
JSON-lines file of `{"id", "text", "published", "url", "title"}` records.

Nothing here holds more than one article: the reader yields entries in a fixed corpus order, each
either an article or a failure saying why that entry could not be read. A bad entry never stops
the reading of the others.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from stancectl.inputs import MAX_ARTICLE_BYTES
from stancectl.text import normalise_article_text

ARTICLE_SUFFIX = ".txt"
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class CorpusArticle:
    """One article as read from the corpus."""

    index: int
    """Position in corpus order, from 0; failures take positions too."""
    id: str
    """The record's `id`, or for a folder the file's path relative to it (`2024/03/a.txt`)."""
    text: str
    location: str
    """Where it was read, for messages: `archive.jsonl:12` or the file's path."""
    published: dt.date | None = None
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Failure:
    """An entry of the corpus that was not scanned, and why."""

    index: int
    id: str | None
    """The article's id, when it could be read before the failure."""
    location: str
    code: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "article": self.id,
            "location": self.location,
            "code": self.code,
            "reason": self.reason,
        }


Entry = CorpusArticle | Failure


class CorpusError(Exception):
    """The corpus as a whole cannot be read (missing, or neither a folder nor a file)."""


def decode_article(raw: bytes) -> tuple[str | None, str, str]:
    """The article text of `raw`, or None with a failure code and reason: UTF-8 with an optional
    byte-order mark, as stancectl reads every article."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        return (
            None,
            "not-utf8",
            f"not valid UTF-8: byte 0x{raw[error.start]:02x} at offset {error.start} "
            f"(line {line}); save it as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)",
        )
    return check_text(text)


def check_text(text: str) -> tuple[str | None, str, str]:
    """`text` in the normal form stancectl keeps every article in (so offsets mean the same as
    in `suggest` and `check`), or None with a failure code and reason."""
    if "\x00" in text:
        return None, "binary", "contains NUL bytes: this looks like a binary file, not text"
    text = normalise_article_text(text)
    if not text.strip():
        return None, "empty", "the article has no text"
    return text, "", ""


def read_corpus(path: Path, *, max_article_bytes: int = MAX_ARTICLE_BYTES) -> Iterator[Entry]:
    """Every entry of the corpus at `path`, in corpus order: a folder's `.txt` files sorted by name
    at each level, directories after the files beside them; a JSON-lines file's records in file
    order (blank lines skipped)."""
    if path.is_dir():
        yield from _read_folder(path, max_article_bytes)
    elif path.is_file():
        yield from _read_json_lines(path, max_article_bytes)
    elif path.exists():
        raise CorpusError(f"{path} is neither a folder of .txt articles nor a JSON-lines file")
    else:
        raise CorpusError(f"{path} does not exist")


def count_entries(path: Path) -> int:
    """How many entries `read_corpus` will yield at most, found without reading any article: for
    a progress bar's estimate of the time left."""
    if path.is_dir():
        return sum(1 for _ in _article_files(path))  # an unlistable folder is one entry too
    count = 0
    last = b"\n"
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (last != b"\n")


# --- a folder of .txt files -------------------------------------------------------------------


def _article_files(root: Path) -> Iterator[tuple[Path, str | None]]:
    """The folder's `.txt` files, depth first in name order, each with None, or a subfolder that
    cannot be listed with the reason. Symbolic links to folders are not followed (they can
    loop); links to files are read like files."""
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            if folder == root:
                raise CorpusError(f"cannot read {root}: {error.strerror or error}") from error
            yield folder, f"cannot list this folder: {error.strerror or error}"
            continue
        subfolders = []
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                subfolders.append(Path(entry.path))
            elif entry.name.lower().endswith(ARTICLE_SUFFIX):
                yield Path(entry.path), None
        pending.extend(reversed(subfolders))


def _read_folder(root: Path, limit: int) -> Iterator[Entry]:
    for index, (path, problem) in enumerate(_article_files(root)):
        article_id = path.relative_to(root).as_posix()
        if problem is not None:
            yield Failure(index, None, str(path), "unreadable", problem)
            continue
        text, code, reason = _read_file(path, limit)
        if text is None:
            yield Failure(index, article_id, str(path), code, reason)
        else:
            yield CorpusArticle(index, article_id, text, str(path))


def _read_file(path: Path, limit: int) -> tuple[str | None, str, str]:
    try:
        # without blocking: opening a FIFO to read waits for a writer that may never come
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(descriptor, "rb") as handle:  # noqa: PTH123 - from a descriptor
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                return None, "not-a-file", "not a regular file"
            raw = handle.read(limit + 1)  # bounded even if the file grows while it is read
    except OSError as error:
        return None, "unreadable", f"cannot read file: {error.strerror or error}"
    if len(raw) > limit:
        return None, "too-large", f"file is over the limit of {limit:,} bytes"
    return decode_article(raw)


# --- a JSON-lines file --------------------------------------------------------------------------


def _read_json_lines(path: Path, limit: int) -> Iterator[Entry]:
    index = 0
    with path.open("rb") as handle:
        for number, line, whole in _lines(handle, limit):
            if not line.strip():
                continue
            location = f"{path}:{number}"
            if not whole:
                yield Failure(index, None, location, "too-large", f"record is over {limit:,} bytes")
            else:
                yield _record(index, location, line)
            index += 1


def _lines(handle: IO[bytes], limit: int) -> Iterator[tuple[int, bytes, bool]]:
    """(line number, content, whether it was read whole) for each line, reading at most `limit`
    bytes of any line; the rest of an oversize line is skipped in bounded chunks."""
    number = 0
    while True:
        line = handle.readline(limit + 2)  # the record, a CR and the LF
        if not line:
            return
        number += 1
        if line.endswith(b"\n") or len(line) < limit + 2:  # the whole line, or the last one
            content = line.rstrip(b"\r\n")
            yield number, content, len(content) <= limit
            continue
        while line and not line.endswith(b"\n"):
            line = handle.readline(_CHUNK)
        yield number, b"-", False


def _record(index: int, location: str, line: bytes) -> Entry:
    def failed(code: str, reason: str, article_id: str | None = None) -> Failure:
        return Failure(index, article_id, location, code, reason)

    try:
        decoded = line.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return failed(
            "not-utf8",
            f"not valid UTF-8: byte 0x{line[error.start]:02x} at column {error.start + 1}",
        )
    try:
        record = json.loads(decoded)
    except (json.JSONDecodeError, RecursionError) as error:
        reason = error.msg if isinstance(error, json.JSONDecodeError) else "nested too deeply"
        return failed("invalid-json", f"not a JSON record: {reason}")
    if not isinstance(record, dict):
        return failed("invalid-record", "a record must be a JSON object with an id and a text")
    article_id = record.get("id")
    if isinstance(article_id, int) and not isinstance(article_id, bool):
        article_id = str(article_id)
    if not isinstance(article_id, str) or not article_id.strip():
        return failed("invalid-record", "the record has no `id` (a non-empty string)")
    fields: dict[str, str | None] = {}
    for key in ("text", "url", "title", "published"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return failed("invalid-record", f"`{key}` must be a string", article_id)
        fields[key] = value
    text = fields["text"]
    if text is None:
        return failed("invalid-record", "the record has no `text`", article_id)
    published: dt.date | None = None
    if fields["published"]:
        published = _date(fields["published"])
        if published is None:
            return failed(
                "invalid-record",
                f"`published` is not an ISO 8601 date: {fields['published'][:40]!r}",
                article_id,
            )
    checked, code, reason = check_text(text)
    if checked is None:
        return failed(code, reason, article_id)
    return CorpusArticle(
        index, article_id, checked, location, published, fields["url"], fields["title"]
    )


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        return None
