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
import re
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from stancectl.dates import DatePrecision
from stancectl.ingest.jsonld import JsonLd
from stancectl.ingest.markup import PageReader, clean_text, names_in_byline, unique
from stancectl.ingest.wires import is_wire, wire_named

FIELDS = ("title", "outlet", "authors", "published", "url")
"""Fields every article has; each is found or reported missing."""
OPTIONAL_FIELDS = ("via",)
"""Fields only some articles have (a news agency): shown when found, never reported missing."""
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
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")
_ISO_MONTH = re.compile(r"^\s*(\d{4})-(\d{2})\s*$")
_COMPACT_DAY = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:$|T)")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")),
        start=1,
    )
    for name in names
}  # fmt: skip
_WRITTEN_DAY = re.compile(
    r"\s*(?:[A-Za-z]{3,9}\.?,?\s+)??"  # a weekday: "Monday, "
    r"(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]{3,9})\.?"
    r"|(?P<month2>[A-Za-z]{3,9})\.?\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?),?\s+(?P<year>\d{4})\s*"
)
"""A day written out in English, the whole value: "30 September 2025", "Sept. 30, 2025"."""
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
    via: Found | None = None
    notes: list[str] = field(default_factory=list)
    """What was seen but not used: unreadable JSON-LD or dates, conflicting dates."""

    def found(self) -> dict[str, Found]:
        names = FIELDS + OPTIONAL_FIELDS
        return {name: f for name in names if (f := getattr(self, name)) is not None}

    def missing(self) -> list[str]:
        return [name for name in FIELDS if getattr(self, name) is None]


def read_metadata(
    page: str, *, page_url: str | None = None, saved_from: str | None = None
) -> Metadata:
    """Every metadata field the page states, and where; `page_url` is where it was fetched
    from (used only to resolve relative links, and as the URL if the page names none);
    `saved_from` is the address a web archive (MHTML) records for the page."""
    reader = PageReader()
    reader.feed(page)
    reader.close()
    saved = (saved_from, "the address the saved page records") if saved_from else None
    metadata = Metadata()
    ld = JsonLd(reader.json_ld, metadata.notes)
    metas = _MetaTags(reader.metas)
    label = f"JSON-LD {ld.article_type}" if ld.article else "JSON-LD"

    metadata.outlet = _first(
        (ld.text("publisher"), f"{label} publisher"),
        (metas.get("og:site_name"), "<meta property=og:site_name>"),
        (metas.get("application-name"), "<meta name=application-name>"),
        (ld.site_name(), "JSON-LD WebSite name"),
    )
    outlet = metadata.outlet.value if metadata.outlet else None
    metadata.title = _title(ld, label, metas, reader, outlet, metadata.notes)
    metadata.authors = _authors(ld, label, metas, reader, outlet)
    metadata.published = _published(ld, label, metas, reader, metadata.notes)
    metadata.url = _canonical(ld, label, metas, reader, page_url, saved)
    metadata.via = _via(ld, label, metas, reader)
    return metadata


def _via(ld: JsonLd, label: str, metas: _MetaTags, reader: PageReader) -> Found | None:
    """A news agency named as an author or in a byline (a dateline is read in the text)."""
    sources = [(name, f"{label} author") for name in ld.all_names("author")]
    sources += [(text, "microdata itemprop=author") for text in reader.microdata_authors]
    for key in ("author", "byl"):
        sources += [(text, f"<meta name={key}>") for text in metas.all(key)]
    sources += [(text, f"byline {text!r}") for text in reader.bylines]
    for text, where in sources:
        if name := wire_named(text):
            return Found(name, where)
    return None


class _MetaTags:
    def __init__(self, metas: list[tuple[str, str]]) -> None:
        self.values: dict[str, list[str]] = {}
        for key, content in metas:
            if content.strip():
                self.values.setdefault(key, []).append(clean_text(content) or "")

    def get(self, key: str) -> str | None:
        values = self.values.get(key)
        return values[0] if values else None

    def all(self, key: str) -> list[str]:
        return self.values.get(key, [])


def _title(
    ld: JsonLd,
    label: str,
    metas: _MetaTags,
    reader: PageReader,
    outlet: str | None,
    notes: list[str],
) -> Found | None:
    """The headline as the page shows it, so that a quote of it matches the stored text: the
    first <h1> where it reads as the headline the page's tags name, else the JSON-LD headline,
    else those tags. A JSON-LD headline that differs from the one shown is noted, not used
    (some sites clip it to 110 characters, others write one for search engines)."""
    social = _titled(metas.get("og:title"), outlet, "<meta property=og:title>")
    tab = _titled(reader.title, outlet, "<title>")
    headline = ld.text("headline")
    named = [t for t in (social[0], tab[0], headline) if t]
    h1 = reader.h1 if reader.h1 and _names_the_same(reader.h1, named) else None
    if h1 and headline and h1 != headline:
        notes.append(f"the JSON-LD headline differs from the page's <h1>: {headline!r}")
        headline = None
    found = _first(
        (headline, f"{label} headline"),
        (h1, "<h1>"),
        social,
        _titled(metas.get("twitter:title"), outlet, "<meta name=twitter:title>"),
        (reader.h1, "<h1>"),
        tab,
    )
    return found if found and len(found.value) <= _MAX_TITLE else None


def _names_the_same(heading: str, others: list[str]) -> bool:
    """Whether a page's <h1> is its headline rather than, say, the site's name: most of its
    words are in a title the page's tags give (or there is no such title to compare)."""
    if not others:
        return True
    words = heading.casefold().split()
    for other in others:
        named = set(other.casefold().split())
        if words and sum(word in named for word in words) >= 0.6 * len(words):
            return True
    return False


def _first(*candidates: tuple[str | None, str]) -> Found | None:
    for value, where in candidates:
        if value:
            return Found(value, where)
    return None


def _authors(
    ld: JsonLd, label: str, metas: _MetaTags, reader: PageReader, outlet: str | None
) -> Found | None:
    """Authors, most structured source first. A byline that names the same people and more
    (a meta tag often names only the first author) is preferred to that tag."""
    candidates: list[tuple[list[str], str]] = [(ld.names("author"), f"{label} author")]
    microdata = [n for text in reader.microdata_authors for n in names_in_byline(text)]
    candidates.append((microdata, "microdata itemprop=author"))
    for key in ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator"):
        values = [v for v in metas.all(key) if not _is_url(v)]
        kind = "property" if ":" in key else "name"
        candidates.append(([n for v in values for n in names_in_byline(v)], f"<meta {kind}={key}>"))
    candidates.append((names_in_byline(metas.get("byl") or ""), "<meta name=byl>"))
    bylines = [(names_in_byline(text), f"byline {text!r}") for text in reader.bylines]
    candidates.extend(bylines)

    def people(names: list[str]) -> list[str]:  # not the outlet, nor a news agency (`via`)
        return unique(
            [
                n
                for n in names
                if (not outlet or n.casefold() != outlet.casefold()) and not is_wire(n)
            ]
        )

    structured = 2  # JSON-LD and microdata name the authors as such: never second-guessed
    for number, (listed, where) in enumerate(candidates):
        names = people(listed)
        if not names:
            continue
        for more, more_where in bylines if number >= structured else []:
            if set(names) < set(people(more)):
                return Found(people(more), more_where)
        return Found(names, where)
    return None


def _published(
    ld: JsonLd, label: str, metas: _MetaTags, reader: PageReader, notes: list[str]
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
        for shown in marked:
            other = parse_date(shown)
            if other is not None and other[0] != day:
                notes.append(f"a <time> marked as published says {other[0].isoformat()}")
                break
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
    if written := _WRITTEN_DAY.fullmatch(value):
        named = _MONTHS.get((written["month"] or written["month2"]).lower())
        day = int(written["day"] or written["day2"])
        try:
            return (dt.date(int(written["year"]), named, day), DatePrecision.DAY) if named else None
        except ValueError:
            return None
    try:
        stamp = email.utils.parsedate_to_datetime(value)  # "Tue, 27 Feb 2024 10:00:00 GMT"
    except (TypeError, ValueError, IndexError):
        return None
    return stamp.date(), DatePrecision.DAY


def _canonical(
    ld: JsonLd,
    label: str,
    metas: _MetaTags,
    reader: PageReader,
    page_url: str | None,
    saved: tuple[str, str] | None,
) -> Found | None:
    if saved is None and reader.saved_from:
        saved = (reader.saved_from, "the browser's 'saved from url' comment")
    base = reader.base or page_url or (saved[0] if saved else None)
    main = ld.article.get("mainEntityOfPage") if ld.article else None
    main_id = main.get("@id") if isinstance(main, dict) else main
    candidates = [
        (reader.canonical, "<link rel=canonical>"),
        (metas.get("og:url"), "<meta property=og:url>"),
        (ld.text("url"), f"{label} url"),
        (main_id if isinstance(main_id, str) else None, f"{label} mainEntityOfPage"),
        saved or (None, ""),
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
