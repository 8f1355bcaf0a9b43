"""One pass over a page's markup, collecting what metadata can come from (title, first
heading, meta tags, canonical and base links, JSON-LD scripts, <time> elements, bylines,
the browser's saved-from comment), tolerant of broken markup; and reading names in bylines."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_SAVED_FROM = re.compile(r"saved from url=\(\s*\d+\s*\)\s*(\S+)", re.IGNORECASE)
_BYLINE_MARKERS = re.compile(r"\b(?:byline|by-line|author|authors|writer|contributor)", re.I)
_BY = re.compile(r"^\s*(?:by|von|par|por|di|door|av|przez|autor(?:in)?:?|author:?)\s+", re.I)
_NAME_SEPARATORS = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bi\b)\s*")
_LABEL = re.compile(r"^[^\W\d_]{2,12}:\s+")
"""A one-word label before a byline: "Text: ...", "Autor: ..."."""
_BYLINE_ROLE = re.compile(r"\s+[|\u00b7\u2022\u2013\u2014-]\s+")
_VOID = frozenset(
    (
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    )
)  # fmt: skip
"""Elements that have no end tag."""
_INLINE = frozenset(
    (
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "em", "i", "kbd", "mark", "q",
        "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
    )
)  # fmt: skip
ROLE_WORDS = frozenset(
    (
        "reporter", "correspondent", "editor", "writer", "staff", "contributor", "columnist",
        "journalist", "photographer", "producer", "bureau", "desk", "newsroom", "team", "agencies",
    )
)  # fmt: skip
"""Words of a byline part that name a job, not a person."""
_MAX_BYLINE = 200
"""Longer text in an element marked as the author is a biography, not a byline."""


class PageReader(HTMLParser):
    """Collects the elements metadata can come from, in one pass, tolerating broken markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title_parts: list[str] | None = None
        self.title: str | None = None
        self.h1: str | None = None
        self.base: str | None = None
        self.canonical: str | None = None
        self.metas: list[tuple[str, str]] = []
        """(lower-cased property, name or itemprop, content) in page order."""
        self.json_ld: list[str] = []
        self.times: list[tuple[str, dict[str, str]]] = []
        self.bylines: list[str] = []
        self.microdata_authors: list[str] = []
        self.saved_from: str | None = None
        self._stack: list[str] = []
        self._captures: list[tuple[int, str, list[str]]] = []
        """Open captures: (stack depth, kind, text parts)."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name.lower(): value or "" for name, value in attrs}
        if tag == "meta":
            self._meta(attributes)
        elif tag == "link" and "canonical" in attributes.get("rel", "").lower().split():
            self.canonical = self.canonical or attributes.get("href", "").strip() or None
        elif tag == "base" and self.base is None:
            self.base = attributes.get("href", "").strip() or None
        elif tag == "time" and attributes.get("datetime"):
            self.times.append((attributes["datetime"], attributes))
        if tag not in _INLINE:
            self.handle_data(" ")  # block boundaries separate words
        if tag in _VOID:
            return
        self._stack.append(tag)
        depth = len(self._stack)
        if tag == "script" and "ld+json" in attributes.get("type", "").lower():
            self._captures.append((depth, "json-ld", []))
        elif tag == "title" and self.title is None:
            self._captures.append((depth, "title", []))
        elif tag == "h1" and self.h1 is None:
            self._captures.append((depth, "h1", []))
        elif attributes.get("itemprop", "").lower() == "author":
            self._captures.append((depth, "microdata-author", []))
        elif _marks_a_byline(tag, attributes):
            self._captures.append((depth, "byline", []))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _INLINE:
            self.handle_data(" ")
        if tag not in self._stack:
            return  # a stray end tag in broken markup
        while self._stack:
            closed = self._stack.pop()
            self._finish_captures(len(self._stack))
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, _, parts in self._captures:
            parts.append(data)

    def handle_comment(self, data: str) -> None:
        match = _SAVED_FROM.search(data)
        if match and self.saved_from is None:
            self.saved_from = match.group(1)

    def close(self) -> None:
        super().close()
        self._finish_captures(0)

    def _finish_captures(self, depth: int) -> None:
        while self._captures and self._captures[-1][0] > depth:
            _, kind, parts = self._captures.pop()
            text = "".join(parts)
            if kind == "json-ld":
                self.json_ld.append(text)
                continue
            text = one_line(_CONTROL.sub("", text))
            if not text:
                continue
            if kind == "title" and self.title is None:
                self.title = text
            elif kind == "h1" and self.h1 is None:
                self.h1 = text
            elif kind == "microdata-author" and len(text) <= _MAX_BYLINE:
                self.microdata_authors.append(text)
            elif kind == "byline" and len(text) <= _MAX_BYLINE:
                self.bylines.append(text)

    def _meta(self, attributes: dict[str, str]) -> None:
        content = attributes.get("content")
        if content is None:
            return
        for key in ("property", "name", "itemprop"):
            if attributes.get(key):
                self.metas.append((attributes[key].strip().lower(), html.unescape(content)))


def _marks_a_byline(tag: str, attributes: dict[str, str]) -> bool:
    if tag in {"script", "style", "meta", "link", "head", "html", "body"}:
        return False
    if attributes.get("rel", "").lower() == "author":
        return True
    marks = " ".join(attributes.get(name, "") for name in ("class", "id", "data-testid"))
    lowered = marks.lower()
    return bool(_BYLINE_MARKERS.search(marks)) and not any(
        word in lowered for word in ("avatar", "comment", "reply", "bio")
    )


def one_line(text: str) -> str:
    return " ".join(text.split())


def names_in_byline(text: str) -> list[str]:
    """Names in "By Jane Doe and John Roe": each part that reads as a name (capitalised words,
    no digits, at most six words)."""
    text = _LABEL.sub("", _BY.sub("", clean_text(text) or ""))
    text = _BYLINE_ROLE.split(text)[0]  # "Jane Doe | Staff writer"
    names = []
    for piece in _NAME_SEPARATORS.split(text):
        part = piece.strip(" .:")
        words = part.split()
        if not words or len(words) > 6 or any(c.isdigit() for c in part) or "@" in part:
            continue
        if not words[0][0].isupper() or any(w.casefold() in ROLE_WORDS for w in words):
            continue  # "Staff Writer", "Local Democracy Reporter": a role, not a name
        names.append(part)
    return unique(names)


def clean_text(value: str | None) -> str | None:
    """Text as a page shows it: entities decoded, control characters (which show nothing, or
    worse) left out, whitespace folded."""
    if value is None:
        return None
    text = one_line(_CONTROL.sub("", html.unescape(value)))
    return text or None


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))
