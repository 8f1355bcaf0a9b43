"""Reading a new article for `add-article`: a `.txt` file, a saved web page or an http(s) URL
-> its text (normalised as `check` reads articles) and the metadata its page states.

Plain text needs nothing beyond stancectl itself. Web pages need the optional extra
`stancectl[ingest]` (trafilatura for the main text); only `add-article` imports this package.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from stancectl.ingest.fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, fetch
from stancectl.ingest.metadata import Found, Metadata, read_metadata, without_tracking
from stancectl.ingest.page import (
    INSTALL_INGEST,
    SERVER_HEADER,
    Decoded,
    ExtractionError,
    decode_page,
    main_text,
    require_extra,
    unpack_mhtml,
)
from stancectl.ingest.wires import wire_in_dateline
from stancectl.inputs import MAX_ARTICLE_BYTES
from stancectl.problems import ExitCode, StancectlError
from stancectl.text import normalise_article_text

__all__ = [
    "INSTALL_INGEST",
    "Extracted",
    "SourceError",
    "SourceKind",
    "kind_of",
    "read_source",
]

TEXT_SUFFIXES = (".txt", ".text")
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".mhtml", ".mht")
ARCHIVE_SUFFIXES = (".mhtml", ".mht")
_HEADLINE_WITHIN = 3
"""Paragraphs at the top of a page's text where a copy of the headline is looked for."""


class SourceError(StancectlError):
    """The source cannot be read as an article; the message names it and says why."""

    exit_code = ExitCode.USAGE


class SourceKind(StrEnum):
    TEXT = "text"
    PAGE = "page"
    URL = "url"


@dataclass(frozen=True)
class Extracted:
    """A new article as read: its text (title first, when the page states one) and metadata."""

    source: str
    """The source as given (a path or a URL)."""
    kind: SourceKind
    text: str
    """The text to store, normalised as `check` reads articles."""
    metadata: Metadata
    charset: str | None = None
    charset_where: str | None = None
    fetched_from: str | None = None
    """For a URL: the address the page finally came from (after redirects)."""


def kind_of(source: str) -> SourceKind:
    """What kind of source this is, from its scheme or its file name."""
    lowered = source.strip().lower()
    if lowered.startswith(("http://", "https://")):
        return SourceKind.URL
    if re.match(r"[a-z][a-z0-9+.-]*://", lowered):
        raise SourceError(f"{source}: only http:// and https:// URLs can be fetched")
    suffix = Path(source).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return SourceKind.TEXT
    if suffix in PAGE_SUFFIXES:
        return SourceKind.PAGE
    raise SourceError(
        f"{source}: add a .txt file, a saved web page (.html, .htm, .mhtml) or an http(s):// URL"
    )


def read_source(
    source: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Extracted:
    """Read `source` as a new article. A web page's extra is checked before anything is read
    or fetched, so a missing extra costs no download."""
    kind = kind_of(source)
    if kind is SourceKind.TEXT:
        raw = read_local(Path(source), MAX_ARTICLE_BYTES)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw.count(b"\n", 0, error.start) + 1
            raise SourceError(
                f"{source}:{line}: not valid UTF-8; convert it first "
                "(e.g. `iconv -f windows-1252 -t utf-8`) or add the web page it came from"
            ) from None
        if "\x00" in text:
            raise SourceError(f"{source}: contains NUL bytes; this is not a text file")
        _refuse_empty(source, text)
        return Extracted(source, kind, _article_text(None, text), Metadata(), "utf-8", None)
    require_extra()
    saved_from, declared_where = None, SERVER_HEADER
    if kind is SourceKind.PAGE:
        body, declared, page_url = read_local(Path(source), max_bytes), None, None
        if Path(source).suffix.lower() in ARCHIVE_SUFFIXES:
            archived = unpack_mhtml(body)
            body, declared, saved_from = archived.body, archived.charset, archived.address
            declared_where = "the archive's Content-Type"
    else:
        fetched = fetch(source, timeout=timeout, max_bytes=max_bytes)
        body, declared, page_url = fetched.body, fetched.charset, fetched.url
        if fetched.content_type == "text/plain":
            return _plain_text_from(source, fetched.url, decode_page(body, declared))
    decoded = decode_page(body, declared, declared_where)
    metadata = read_metadata(decoded.text, page_url=page_url, saved_from=saved_from)
    title = metadata.title.value if metadata.title else None
    try:
        body_text = main_text(decoded.text, url=page_url)
    except ExtractionError as error:
        raise ExtractionError(f"{source}: {error}") from None
    dateline = wire_in_dateline(body_text) if metadata.via is None else None
    if dateline is not None:
        metadata.via = Found(dateline[0], f"the dateline {dateline[1]!r}")
    return Extracted(
        source=source,
        kind=kind,
        text=_article_text(title, body_text),
        metadata=metadata,
        charset=decoded.charset,
        charset_where=decoded.where,
        fetched_from=page_url,
    )


def _refuse_empty(source: str, text: str) -> None:
    if not text.strip():
        raise SourceError(f"{source}: holds no text; save the article's text in it, then add it")


def _plain_text_from(source: str, address: str, decoded: Decoded) -> Extracted:
    """A URL that serves plain text: stored as it is; its address is all the metadata."""
    _refuse_empty(source, decoded.text)
    metadata = Metadata(url=Found(without_tracking(address), "the address it was fetched from"))
    return Extracted(
        source=source,
        kind=SourceKind.URL,
        text=_article_text(None, decoded.text),
        metadata=metadata,
        charset=decoded.charset,
        charset_where=decoded.where,
        fetched_from=address,
    )


def _article_text(title: str | None, body: str) -> str:
    """Title as the first line (so that a quote of the headline matches), then the body. A
    page's own copy of the headline near the top of the body is dropped, not repeated."""
    body = normalise_article_text(body).strip("\n")
    if not title:
        return body + "\n"
    title = normalise_article_text(title).strip()
    paragraphs = body.split("\n\n")
    head = [p for p in paragraphs[:_HEADLINE_WITHIN] if _words(p) != _words(title)]
    return "\n\n".join([title, *head, *paragraphs[_HEADLINE_WITHIN:]]) + "\n"


def _words(text: str) -> list[str]:
    return text.split()


def read_local(path: Path, limit: int) -> bytes:
    """A regular file's bytes, refusing anything else (a FIFO or device would block or never
    end) and bounding the read by the bytes actually read, not the size the file reports."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise SourceError(f"{path}: file not found") from None
    except OSError as error:
        raise SourceError(f"{path}: cannot open: {error.strerror or error}") from None
    except ValueError:  # a NUL byte in the path
        raise SourceError(f"{path!r}: not a valid file name") from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise SourceError(f"{path}: not a regular file")
    with os.fdopen(descriptor, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise SourceError(f"{path}: over the limit of {limit:,} bytes")
    return data
