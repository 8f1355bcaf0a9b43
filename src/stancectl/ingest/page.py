"""A web page's bytes -> its text: the character set it is written in, and its main text
(without navigation, ads, comments or related links) through trafilatura, the optional extra."""

from __future__ import annotations

import codecs
import email
import email.policy
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from stancectl.problems import ExitCode, StancectlError

INSTALL_INGEST = "pip install 'stancectl[ingest]'"
_MIN_TEXT = 200
"""Characters below which a precise extraction is retried favouring recall."""
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE
)
_SNIFF_BYTES = 4096
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WINDOWS_1252_ALIASES = {"iso8859-1", "latin-1", "ascii", "us-ascii", "iso-8859-1", "latin1"}


class MissingExtraError(StancectlError):
    """A capability needs an optional extra that is not installed; the message says how to
    install it."""

    exit_code = ExitCode.USAGE


class ExtractionError(StancectlError):
    """The page has no text that reads as an article."""

    exit_code = ExitCode.USAGE


@dataclass(frozen=True)
class Decoded:
    text: str
    charset: str
    where: str
    """How the charset was chosen ("byte-order mark", "Content-Type header", ...)."""


SERVER_HEADER = "the server's Content-Type header"


def decode_page(
    body: bytes, declared: str | None = None, declared_where: str = SERVER_HEADER
) -> Decoded:
    """A page's text. The charset is taken, in order, from a byte-order mark, the server's
    Content-Type header (`declared`), a `<meta charset>` / `http-equiv` tag in the first 4 KiB,
    else UTF-8 if the bytes are valid UTF-8, else windows-1252 (what browsers assume, and a
    superset of ISO-8859-1). A declared charset the bytes do not fit is reported in `where`;
    undecodable bytes become U+FFFD rather than failing."""
    for bom, charset in _BOMS:
        if body.startswith(bom):
            return Decoded(
                body.decode(charset, errors="replace").lstrip("\ufeff"), charset, "byte-order mark"
            )
    in_page = _META_CHARSET.search(body[:_SNIFF_BYTES])
    tried: list[str] = []
    for name, where in (
        (declared, declared_where),
        (in_page.group(1).decode("ascii") if in_page else None, "the page's <meta charset>"),
    ):
        codec = _codec(name)
        if codec is None:
            continue
        try:
            return Decoded(body.decode(codec), codec, where)
        except UnicodeDecodeError:
            tried.append(f"{name} ({where}) does not fit the bytes")
    try:
        return Decoded(body.decode("utf-8"), "utf-8", _and("the bytes are valid UTF-8", tried))
    except UnicodeDecodeError:
        text = body.decode("cp1252", errors="replace")
        return Decoded(text, "windows-1252", _and("the bytes are not UTF-8", tried))


def _codec(name: str | None) -> str | None:
    """The Python codec for a charset label, with ISO-8859-1 and ASCII read as windows-1252
    as browsers do; None for an unknown label (UTF-16 labels in an ASCII-readable page lie)."""
    if not name:
        return None
    label = name.strip().lower()
    if label in _WINDOWS_1252_ALIASES:
        return "cp1252"
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return None
    return None if codec.startswith("utf-16") or codec.startswith("utf-32") else codec


def _and(where: str, tried: list[str]) -> str:
    return "; ".join([where, *tried])


@dataclass(frozen=True)
class Archived:
    """The page inside a web archive (.mhtml, as browsers save "a single file")."""

    body: bytes
    charset: str | None
    address: str | None
    """Where the page was saved from, as the archive records it."""


def unpack_mhtml(data: bytes) -> Archived:
    """The HTML page of an MHTML archive (its first text/html part, transfer encoding undone)."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() in {"text/html", "application/xhtml+xml"}:
            body = part.get_payload(decode=True)
            if isinstance(body, bytes):
                address = message.get("Snapshot-Content-Location") or part.get("Content-Location")
                return Archived(body, part.get_content_charset(), address)
    raise ExtractionError("the archive holds no HTML page")


# --- the main text ---------------------------------------------------------------------------


def require_extra() -> None:
    """Raise MissingExtraError unless trafilatura (and what it needs) can be imported."""
    try:
        import trafilatura  # noqa: F401 - imported to see that it can be
    except ImportError as error:
        raise MissingExtraError(
            f"reading web pages needs the ingest extra ({error.name or 'trafilatura'} is "
            f"missing): {INSTALL_INGEST}"
        ) from None


@contextmanager
def _quiet_library() -> Iterator[None]:
    """trafilatura logs its own warnings about odd markup; stancectl reports what matters."""
    logger = logging.getLogger("trafilatura")
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.CRITICAL + 1)
    logger.propagate = False
    try:
        yield
    finally:
        logger.setLevel(level)
        logger.propagate = propagate


def main_text(page: str, *, url: str | None = None) -> str:
    """The article's main text, one paragraph per block of the page, blank lines between them.
    Raises ExtractionError when the page has no text that reads as an article."""
    require_extra()
    import trafilatura

    with _quiet_library():
        text = _extract(trafilatura, page, url, precision=True)
        if text is None or len(text) < _MIN_TEXT:
            text = _extract(trafilatura, page, url, precision=False) or text
    if not text or not text.strip():
        raise ExtractionError("no article text found in the page")
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    return "\n\n".join(paragraphs)


def _has_class(token: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {token} ')"


AD_CLASSES = ("ad", "ads", "advert", "advertisement", "sponsored", "sponsor", "promo", "promoted")
PRUNE = [
    "//*[" + " or ".join(_has_class(token) for token in AD_CLASSES) + "]",
    "//*[starts-with(@class, 'ad-') or contains(@class, ' ad-')]",
    "//sup[a[starts-with(@href, '#')] or contains(@class, 'footnote')"
    " or contains(@class, 'reference')]",
]
"""Blocks inside an article's body that are advertising, whatever the page calls its body
(trafilatura keeps an ad placed between two paragraphs of the story), and footnote markers
(`<sup><a href="#note-1">1</a></sup>`), which would stick to the word before them."""


def _extract(library: Any, page: str, url: str | None, *, precision: bool) -> str | None:
    text: str | None = library.extract(
        page,
        url=url,
        include_comments=False,
        include_tables=False,
        favor_precision=precision,
        favor_recall=not precision,
        prune_xpath=PRUNE,
    )
    return text
