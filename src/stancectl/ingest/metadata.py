"""An article's metadata as its page states it: title, outlet, authors, publication date and
canonical URL, each either found (with where it was found) or reported missing. Nothing is
guessed: a field the page does not state is left out.

Sources, most trusted first for each field: JSON-LD (`NewsArticle` and the other article
types, inside `@graph` or lists too), `<link rel=canonical>`, `og:` / `article:` / other meta
tags, `<time datetime>`, a byline, the `<!-- saved from url=(NNNN)... -->` comment browsers
write into saved pages, and the URL the page was fetched from. Standard library only.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import json
import re
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from stancectl.dates import DatePrecision

FIELDS = ("title", "outlet", "authors", "published", "url")

ARTICLE_TYPES = (
    # the news types first: a page may also describe itself as a WebPage or an Article
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "AskPublicNewsArticle",
    "LiveBlogPosting",
    "Article",
    "BlogPosting",
    "Report",
    "SocialMediaPosting",
)

TRACKING_PARAMETERS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
        "ttclid", "li_fat_id", "igshid", "igsh", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc",
        "_hsmi", "__hstc", "__hssc", "__hsfp", "hsctatracking", "mkt_tok", "oly_anon_id",
        "oly_enc_id", "vero_id", "wickedid", "ref_src", "ref_url", "cmpid", "ocid", "s_cid",
        "icid", "ncid", "cid", "smid", "smtyp", "sr_share", "share", "spm", "xtor", "ito",
        "guccounter", "guce_referrer", "guce_referrer_sig", "rss", "cmp", "at_medium",
        "at_campaign", "__twitter_impression", "utm", "sid", "sessionid", "phpsessid",
        "jsessionid", "ref",
    }
)  # fmt: skip
"""Query parameters that say how a reader arrived, not which article it is."""
TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_", "hsa_", "itm_", "_branch", "trk_", "ns_")

_SAVED_FROM = re.compile(r"saved from url=\(\s*\d+\s*\)\s*(\S+)", re.IGNORECASE)
_BYLINE_MARKERS = re.compile(r"\b(?:byline|by-line|author|authors|writer|contributor)", re.I)
_BY = re.compile(r"^\s*(?:by|von|par|por|di|door|av|przez|autor(?:in)?:?|author:?)\s+", re.I)
_NAME_SEPARATORS = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bi\b)\s*")
_LABEL = re.compile(r"^[^\W\d_]{2,12}:\s+")
"""A one-word label before a byline: "Text: ...", "Autor: ..."."""
_BYLINE_ROLE = re.compile(r"\s+[|\u00b7\u2022\u2013\u2014-]\s+")
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")
_ISO_MONTH = re.compile(r"^\s*(\d{4})-(\d{2})\s*$")
_COMPACT_DAY = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:$|T)")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_INLINE = frozenset(
    (
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "em", "i", "kbd", "mark", "q",
        "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
    )
)  # fmt: skip
_MAX_BYLINE = 200
"""Longer text in an element marked as the author is a biography, not a byline."""
_MAX_TITLE = 400


@dataclass(frozen=True)
class Found:
    """One metadata field as found: its value, and where in the page it was found."""

    value: Any
    """str; list[str] for authors; datetime.date for published."""
    where: str
    precision: DatePrecision | None = None
    """For a date: how exactly the page gives it (day, or only month)."""


@dataclass
class Metadata:
    title: Found | None = None
    outlet: Found | None = None
    authors: Found | None = None
    published: Found | None = None
    url: Found | None = None
    notes: list[str] = field(default_factory=list)
    """What was seen but not used: unreadable JSON-LD or dates, conflicting dates."""

    def found(self) -> dict[str, Found]:
        return {name: f for name in FIELDS if (f := getattr(self, name)) is not None}

    def missing(self) -> list[str]:
        return [name for name in FIELDS if getattr(self, name) is None]


# --- reading the page ------------------------------------------------------------------------


class _PageReader(HTMLParser):
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
            text = _one_line(text)
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


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- JSON-LD ---------------------------------------------------------------------------------


def _objects(value: Any) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object in a document: top level, lists, `@graph`, and nested values."""
    stack = [value]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            yield item
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))


def _types(item: dict[str, Any]) -> list[str]:
    kind = item.get("@type", [])
    kinds = kind if isinstance(kind, list) else [kind]
    return [k.rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)]


class _JsonLd:
    def __init__(self, scripts: list[str], notes: list[str]) -> None:
        self.objects: list[dict[str, Any]] = []
        for number, script in enumerate(scripts, 1):
            try:
                document = json.loads(_without_comment_wrappers(script), strict=False)
            except json.JSONDecodeError as error:
                notes.append(f"JSON-LD block {number} is not valid JSON ({error.msg}); ignored")
                continue
            except RecursionError:
                notes.append(f"JSON-LD block {number} is nested too deeply; ignored")
                continue
            self.objects.extend(_objects(document))
        self.by_id = {
            o["@id"]: o for o in self.objects if isinstance(o.get("@id"), str) and len(o) > 1
        }  # the objects themselves, not the `{"@id": ...}` references to them
        self.article, self.article_type = self._article()

    def _article(self) -> tuple[dict[str, Any] | None, str]:
        for kind in ARTICLE_TYPES:
            for item in self.objects:
                if kind in _types(item):
                    return item, kind
        return None, ""

    def resolve(self, value: Any) -> Any:
        """A `{"@id": ...}` reference replaced by the object it names, where the page has it."""
        if isinstance(value, dict) and set(value) == {"@id"}:
            return self.by_id.get(value["@id"], value)
        return value

    def text(self, key: str) -> str | None:
        value = self.article.get(key) if self.article else None
        if isinstance(value, list):
            value = value[0] if value else None
        value = self.resolve(value)
        if isinstance(value, dict):
            value = value.get("name") or value.get("@value")
        return _clean_text(value) if isinstance(value, str) else None

    def names(self, key: str) -> list[str]:
        value = self.article.get(key) if self.article else None
        items = value if isinstance(value, list) else [value]
        people: list[str] = []
        organisations: list[str] = []
        for item in map(self.resolve, items):
            if isinstance(item, str):
                people.extend(_names_in_byline(item))
            elif isinstance(item, dict) and isinstance(item.get("name"), str):
                name = _clean_text(item["name"])
                kinds = _types(item)
                target = organisations if "Organization" in "".join(kinds) else people
                if name:
                    target.append(name)
        return _unique(people or organisations)

    def site_name(self) -> str | None:
        for item in self.objects:
            if "WebSite" in _types(item) and isinstance(item.get("name"), str):
                return _clean_text(item["name"])
        return None


def _without_comment_wrappers(script: str) -> str:
    """Some pages wrap JSON-LD in `<!-- -->` or CDATA markers."""
    text = script.strip()
    for start, end in (("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")):
        if text.startswith(start) and text.endswith(end):
            text = text[len(start) : -len(end)].strip()
    return text


# --- the fields ------------------------------------------------------------------------------


def read_metadata(page: str, *, page_url: str | None = None) -> Metadata:
    """Every metadata field the page states, and where; `page_url` is where it was fetched
    from (used only to resolve relative links, and as the URL if the page names none)."""
    reader = _PageReader()
    reader.feed(page)
    reader.close()
    metadata = Metadata()
    ld = _JsonLd(reader.json_ld, metadata.notes)
    metas = _MetaTags(reader.metas)
    label = f"JSON-LD {ld.article_type}" if ld.article else "JSON-LD"

    metadata.outlet = _first(
        (ld.text("publisher"), f"{label} publisher"),
        (metas.get("og:site_name"), "<meta property=og:site_name>"),
        (metas.get("application-name"), "<meta name=application-name>"),
        (ld.site_name(), "JSON-LD WebSite name"),
    )
    outlet = metadata.outlet.value if metadata.outlet else None
    metadata.title = _first(
        (ld.text("headline"), f"{label} headline"),
        _titled(metas.get("og:title"), outlet, "<meta property=og:title>"),
        _titled(metas.get("twitter:title"), outlet, "<meta name=twitter:title>"),
        (reader.h1, "<h1>"),
        _titled(reader.title, outlet, "<title>"),
    )
    if metadata.title and len(metadata.title.value) > _MAX_TITLE:
        metadata.title = None
    metadata.authors = _authors(ld, label, metas, reader, outlet)
    metadata.published = _published(ld, label, metas, reader, metadata.notes)
    metadata.url = _canonical(ld, label, metas, reader, page_url)
    return metadata


class _MetaTags:
    def __init__(self, metas: list[tuple[str, str]]) -> None:
        self.values: dict[str, list[str]] = {}
        for key, content in metas:
            if content.strip():
                self.values.setdefault(key, []).append(_one_line(content))

    def get(self, key: str) -> str | None:
        values = self.values.get(key)
        return values[0] if values else None

    def all(self, key: str) -> list[str]:
        return self.values.get(key, [])


def _first(*candidates: tuple[str | None, str]) -> Found | None:
    for value, where in candidates:
        if value:
            return Found(value, where)
    return None


def _authors(
    ld: _JsonLd, label: str, metas: _MetaTags, reader: _PageReader, outlet: str | None
) -> Found | None:
    """Authors, most structured source first. A byline that names the same people and more
    (a meta tag often names only the first author) is preferred to that tag."""
    candidates: list[tuple[list[str], str]] = [(ld.names("author"), f"{label} author")]
    microdata = [n for text in reader.microdata_authors for n in _names_in_byline(text)]
    candidates.append((microdata, "microdata itemprop=author"))
    for key in ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator"):
        values = [v for v in metas.all(key) if not _is_url(v)]
        kind = "property" if ":" in key else "name"
        candidates.append(
            ([n for v in values for n in _names_in_byline(v)], f"<meta {kind}={key}>")
        )
    candidates.append((_names_in_byline(metas.get("byl") or ""), "<meta name=byl>"))
    bylines = [(_names_in_byline(text), f"byline {text!r}") for text in reader.bylines]
    candidates.extend(bylines)

    def people(names: list[str]) -> list[str]:  # a byline often ends with the outlet's name
        return _unique([n for n in names if not outlet or n.casefold() != outlet.casefold()])

    for listed, where in candidates:
        names = people(listed)
        if not names:
            continue
        for more, more_where in bylines:
            if set(names) < set(people(more)):
                return Found(people(more), more_where)
        return Found(names, where)
    return None


def _names_in_byline(text: str) -> list[str]:
    """Names in "By Jane Doe and John Roe": each part that reads as a name (capitalised words,
    no digits, at most six words)."""
    text = _LABEL.sub("", _BY.sub("", _clean_text(text) or ""))
    text = _BYLINE_ROLE.split(text)[0]  # "Jane Doe | Staff writer"
    names = []
    for piece in _NAME_SEPARATORS.split(text):
        part = piece.strip(" .:")
        words = part.split()
        if not words or len(words) > 6 or any(c.isdigit() for c in part) or "@" in part:
            continue
        if not words[0][0].isupper():
            continue
        names.append(part)
    return _unique(names)


def _published(
    ld: _JsonLd, label: str, metas: _MetaTags, reader: _PageReader, notes: list[str]
) -> Found | None:
    candidates: list[tuple[str | None, str]] = [
        (ld.text("datePublished"), f"{label} datePublished"),
        (metas.get("article:published_time"), "<meta property=article:published_time>"),
        (metas.get("datepublished"), "<meta itemprop=datePublished>"),
    ]
    for key in (
        "pubdate", "publishdate", "publish-date", "date", "dc.date", "dc.date.issued",
        "dcterms.created", "dcterms.issued", "sailthru.date", "parsely-pub-date", "og:pubdate",
        "citation_publication_date",
    ):  # fmt: skip
        candidates.append((metas.get(key), f"<meta name={key}>"))
    marked = [
        value
        for value, attributes in reader.times
        if "pubdate" in attributes
        or attributes.get("itemprop", "").lower() == "datepublished"
        or "publish" in attributes.get("class", "").lower()
    ]
    candidates.append((marked[0] if marked else None, "<time datetime> marked as published"))
    distinct = {value.strip() for value, _ in reader.times}
    if len(distinct) == 1:
        candidates.append((distinct.pop(), "the only <time datetime> in the page"))
    for value, where in candidates:
        if not value:
            continue
        parsed = parse_date(value)
        if parsed is None:
            notes.append(f"unreadable date {value!r} in {where}; ignored")
            continue
        day, precision = parsed
        return Found(day, where, precision)
    return None


def parse_date(value: str) -> tuple[dt.date, DatePrecision] | None:
    """The calendar day a date string gives, as written (no time zone conversion: a page's
    own local date is its publication day), or None. A month alone gives its first day with
    month precision."""
    for pattern in (_ISO_DAY, _COMPACT_DAY):
        if match := pattern.match(value):
            year, month, day = map(int, match.groups())
            try:
                return dt.date(year, month, day), DatePrecision.DAY
            except ValueError:
                return None
    if match := _ISO_MONTH.match(value):
        year, month = map(int, match.groups())
        if 1 <= month <= 12:
            return dt.date(year, month, 1), DatePrecision.MONTH
        return None
    try:
        stamp = email.utils.parsedate_to_datetime(value)  # "Tue, 27 Feb 2024 10:00:00 GMT"
    except (TypeError, ValueError, IndexError):
        return None
    return stamp.date(), DatePrecision.DAY


def _canonical(
    ld: _JsonLd, label: str, metas: _MetaTags, reader: _PageReader, page_url: str | None
) -> Found | None:
    base = reader.base or page_url or reader.saved_from
    main = ld.article.get("mainEntityOfPage") if ld.article else None
    main_id = main.get("@id") if isinstance(main, dict) else main
    candidates = [
        (reader.canonical, "<link rel=canonical>"),
        (metas.get("og:url"), "<meta property=og:url>"),
        (ld.text("url"), f"{label} url"),
        (main_id if isinstance(main_id, str) else None, f"{label} mainEntityOfPage"),
        (reader.saved_from, "the browser's 'saved from url' comment"),
        (page_url, "the address it was fetched from"),
    ]
    for value, where in candidates:
        if not value:
            continue
        url = urllib.parse.urljoin(base, value.strip()) if base else value.strip()
        if urllib.parse.urlsplit(url).scheme in {"http", "https"}:
            cleaned = without_tracking(url)
            note = " (tracking parameters dropped)" if cleaned != url else ""
            return Found(cleaned, where + note)
    return None


def without_tracking(url: str) -> str:
    """The URL without query parameters that only track how the reader arrived (utm_*,
    fbclid, gclid, ...) and without a fragment that carries them (`#xtor=...`)."""
    parts = urllib.parse.urlsplit(url)
    query = [
        (name, value)
        for name, value in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
        if name.lower() not in TRACKING_PARAMETERS
        and not name.lower().startswith(TRACKING_PREFIXES)
    ]
    unchanged = query == urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    kept = parts.query if unchanged else urllib.parse.urlencode(query)
    fragment = "" if "=" in parts.fragment else parts.fragment
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path or "/", kept, fragment))


# --- text helpers ----------------------------------------------------------------------------


def _clean_text(value: str | None) -> str | None:
    if value is None:
        return None
    text = _one_line(html.unescape(value))
    return text or None


def _titled(title: str | None, outlet: str | None, where: str) -> tuple[str | None, str]:
    """A title candidate without the site name pages add ("Headline | Outlet")."""
    if not title or not outlet:
        return title, where
    for separator in (" | ", " - ", " \u2013 ", " \u2014 ", " :: ", " \u00b7 ", ": "):
        suffix, prefix = f"{separator}{outlet}", f"{outlet}{separator}"
        if title.endswith(suffix) and len(title) > len(suffix):
            return title[: -len(suffix)].strip(), f"{where} (site name removed)"
        if title.startswith(prefix) and len(title) > len(prefix):
            return title[len(prefix) :].strip(), f"{where} (site name removed)"
    return title, where


def _is_url(value: str) -> bool:
    return bool(re.match(r"^(?:https?:)?//|^www\.", value.strip(), re.I))


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))
