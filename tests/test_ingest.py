"""Reading new articles: saved pages of several outlets (main text without the page around it,
metadata found where the page states it, never invented), charsets, and fetching from a local
HTTP server started here (redirects, timeouts, huge bodies, errors). Never the internet."""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import http.server
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import pytest

from conftest import REPO
from stancectl.dates import DatePrecision
from stancectl.ingest import Extracted, SourceError, SourceKind, kind_of, read_local, read_source
from stancectl.ingest.add import add_article, added_document
from stancectl.ingest.fetch import FetchError, ascii_url, fetch
from stancectl.ingest.metadata import FIELDS, parse_date, read_metadata, without_tracking
from stancectl.ingest.page import ExtractionError, MissingExtraError, decode_page
from stancectl.ingest.store import (
    DuplicateArticleError,
    Existing,
    UnreadableDataError,
    plan_article,
    short_id,
    store_text,
)
from stancectl.loader import load
from stancectl.render.added import render_text
from stancectl.writeback import EditRefusedError

PAGES = Path(__file__).parent / "pages"


@dataclass(frozen=True)
class Page:
    """A saved page and what a careful reader finds in it."""

    name: str
    fields: dict[str, Any]
    """Expected metadata values; a field not listed must be reported missing."""
    paragraphs: list[str]
    """The article's own paragraphs, in order (the opening words are enough)."""
    boilerplate: list[str]
    """Text of the page around the article that must not be stored."""
    charset: str
    where: dict[str, str] = field(default_factory=dict)
    """Expected (part of) where a field was found."""


CASES = [
    Page(
        "harbour-gazette.html",
        {
            "title": "Council votes to close the old ferry terminal by 2026",
            "outlet": "The Harbour Gazette",
            "authors": ["Ruth Okafor", "Tomasz Wiśniewski"],
            "published": dt.date(2024, 5, 14),
            "url": "https://www.harbourgazette.example/news/2024/05/14/ferry-terminal-closure",
        },
        [
            "Councillors voted on Tuesday night",
            "The motion passed by 31 votes to 12",
            "\u201cWe cannot ask taxpayers to spend \u00a348 million",
            "Opposition councillors said the closure",
            "A petition against the closure",
            "The ferry operator, Northsound Lines",
        ],
        [
            "We use cookies",
            "Subscribe for",
            "Advertisement",
            "Survey finds pier",
            "Get the Gazette in your inbox",
            "Parking charges to rise",
            "Absolute disgrace",
            "buses never run on time",
            "All rights reserved",
            "Share on Facebook",
            "Photo: Gazette archive",
        ],
        "utf-8",
        {
            "title": "JSON-LD NewsArticle headline",
            "outlet": "JSON-LD NewsArticle publisher",
            "authors": "JSON-LD NewsArticle author",
            "url": "<link rel=canonical> (tracking parameters dropped)",
        },
    ),
    Page(
        "valley-courier-latin1.html",
        {
            "title": "Regional assembly approves the Hochfeld wind farm",
            "outlet": "Valley Courier",
            "authors": ["Marie Lefèvre", "Jürgen Braun"],
            "published": dt.date(2024, 3, 21),
            "url": "https://www.valley-courier.example/politik/2024/03/wind-farm-vote.html",
        },
        [
            "The regional assembly approved the Hochfeld wind farm",
            "Environment minister Zoë Hartmann said",
            "Residents of Sankt Anna had opposed the plan",
            "The operator, Hochfeld Energie",
            "The assembly also rejected",
        ],
        ["Startseite", "Günstige Kredite", "Solar subsidies cut", "Endlich!", "Impressum"],
        "cp1252",
        {"title": "<h1>", "authors": "byline", "url": "<link rel=canonical>"},
    ),
    Page(
        "nordic-wire-cp1252.html",
        {
            "title": "Norway and Iceland agree mackerel quotas after six years of dispute",
            "outlet": "Nordic Wire",
            "authors": ["Anna Lindqvist"],
            "published": dt.date(2024, 6, 3),
            "url": "https://nordicwire.example/a/20240603-mackerel?id=7781",
        },
        [
            "OSLO \u2014 Norway and Iceland agreed on Monday",
            "Under the deal, Norway will take 46 percent",
            "Norway\u2019s fisheries minister, Eirik Dahl",
            "Environmental groups welcomed the deal",
            "The agreement runs for five years",
        ],
        ["Log in", "Front page", "fjord cruise", "Ferry strike", "Most read", "Editor-in-chief"],
        "cp1252",
        {"outlet": "JSON-LD WebSite name", "url": "JSON-LD NewsArticle url"},
    ),
    Page(
        "severnye-vesti-cp1251.html",
        {
            "title": "Депутаты одобрили строительство нового моста через Шую",
            "outlet": "Северные вести",
            "authors": ["Ольга Смирнова"],
            "published": dt.date(2024, 4, 9),
            "url": "https://sevvesti.example/news/2024/04/09/most-shuya/",
        },
        [
            "Депутаты городского совета во вторник",
            "Мост длиной 420 метров",
            "Стоимость проекта оценивается",
            "Жители прибрежных домов",
            "В мэрии пообещали",
        ],
        ["Главная", "Окна ПВХ", "Читайте также", "Давно пора", "Все права защищены"],
        "cp1251",
        {"published": "<meta name=pubdate>", "title": "<h1>"},
    ),
    Page(
        "metro-herald-microdata.html",
        {
            "title": "Transit agency orders 60 electric buses",
            "outlet": "Metro Herald",
            "authors": ["Kevin Alvarez"],
            "published": dt.date(2024, 2, 9),
            "url": "https://metroherald.example/transit/electric-buses-order-2024?page=2",
            "via": "Associated Press",
        },
        [
            "The regional transit agency will buy 60",
            "The order, worth $71 million",
            '"Riders have told us',
            "Drivers' union representative Carl Benson",
            "The first 20 buses will run",
        ],
        ["Skip to content", "Subscribe now", "Obituaries", "Morning Commute", "fare increase"],
        "utf-8",
        {"authors": "microdata", "published": "itemprop=datePublished", "via": "<meta name=byl>"},
    ),
    Page(
        "riverside-wordpress.html",
        {
            "title": "School board delays vote on later start times",
            "outlet": "The Riverside Ledger",
            "authors": ["Maria Gonzalez"],
            "published": dt.date(2024, 9, 12),
            "url": "https://riversideledger.example/2024/09/12/school-board-delays-vote-on-later-start-times/",
        },
        [
            "The Riverside Unified school board postponed a vote",
            "Board president Kevin Tran said",
            "\u201cWe are not going to vote",
            "Parents who spoke during public comment",
            "A state law that took effect in 2022",
            "The board is expected to take up",
        ],
        [
            "Skip to content",
            "Independent news for Riverside",
            "Posted on",
            "Sponsored",
            "Share this",
            "Bus driver shortage",
            "Library extends",
            "My son already",
            "Leave a Reply",
            "Recent Posts",
            "Support local journalism",
            "Proudly powered",
        ],
        "utf-8",
        {"title": "JSON-LD Article headline", "authors": "JSON-LD Article author"},
    ),
    Page(
        "minimal-saved.html",
        {
            "title": "Library opening hours to be cut",
            "url": "http://localnews.example/story.php?id=4412",
        },
        [
            "The town library will open on four days",
            "Board chair Priya Nair said",
            "The library will stay closed",
            "A group of parents has started",
        ],
        ["Archive"],
        "utf-8",
        {"url": "saved from url"},
    ),
]


@pytest.fixture(scope="module")
def extracted() -> dict[str, Extracted]:
    """Every saved page read once (trafilatura is the slow part)."""
    return {case.name: read_source(str(PAGES / case.name)) for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_saved_pages_give_their_metadata_and_never_more(
    case: Page, extracted: dict[str, Extracted]
) -> None:
    result = extracted[case.name]
    found = {name: f.value for name, f in result.metadata.found().items()}
    assert found == case.fields
    assert result.metadata.missing() == [f for f in FIELDS if f not in case.fields]
    for name, where in case.where.items():
        assert where in result.metadata.found()[name].where
    assert result.charset == case.charset


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_saved_pages_give_the_article_text_only(
    case: Page, extracted: dict[str, Extracted]
) -> None:
    text = extracted[case.name].text
    assert text.split("\n", 1)[0] == case.fields["title"]  # the title is the first line
    paragraphs = text.split("\n\n")
    positions = [
        next(i for i, p in enumerate(paragraphs) if p.startswith(opening))
        for opening in case.paragraphs
    ]
    assert positions == sorted(positions)  # all there, in order, each its own paragraph
    for words in case.boilerplate:
        assert words not in text
    assert text.count(case.fields["title"]) == 1  # the page's own headline is not repeated
    assert text.endswith("\n") and "\r" not in text and "\u00a0" not in text


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_stored_text_is_the_article_as_written(
    case: Page, extracted: dict[str, Extracted]
) -> None:
    """Against the article's own text, paragraph by paragraph: every one is stored whole,
    and at most one short line of the page around it slips in (a kicker, a category)."""
    expected = (PAGES / case.name).with_suffix(".expected.txt").read_text(encoding="utf-8")
    stored = extracted[case.name].text.strip().split("\n\n")
    wanted = expected.strip().split("\n\n")
    assert [p for p in stored if p in wanted] == wanted
    extra = [p for p in stored if p not in wanted]
    assert len(extra) <= 1 and all(len(p.split()) <= 3 for p in extra)


def test_footnote_markers_do_not_stick_to_the_words(tmp_path: Path) -> None:
    page = tmp_path / "notes.html"
    words = "Plain words of the article, long enough for a paragraph of its own text. "
    body = (
        f"<p>{words}It said the plan was \u201cnot ruled out\u201d.<sup><a href='#fn1'>1</a>"
        f"</sup> Critics disagreed.</p><p>{words * 3}</p><p>Area: 40 m<sup>2</sup>.</p>"
    )
    page.write_text(f"<html><body><article>{body}</article></body></html>", encoding="utf-8")
    text = read_source(str(page)).text
    assert "\u201cnot ruled out\u201d. Critics disagreed." in text
    assert "40 m2." in text  # a superscript that is not a note stays


def test_a_single_file_archive_reads_as_the_page_it_holds(
    extracted: dict[str, Extracted],
) -> None:
    """Browsers save "a single file" as MHTML: the page is its quoted-printable HTML part,
    and the archive records the address the page was saved from."""
    archived = read_source(str(PAGES / "valley-courier.mhtml"))
    page = extracted["valley-courier-latin1.html"]
    assert archived.text == page.text
    assert archived.charset == "cp1252"
    assert archived.charset_where == "the archive's Content-Type"
    assert archived.metadata.url == page.metadata.url  # the relative canonical link, resolved
    bare = (PAGES / "valley-courier.mhtml").read_bytes().replace(b"canonical", b"alternate")
    assert read_metadata(bare.decode("latin-1"), saved_from="https://a.example/p?utm_term=x").url


def test_reading_pages_imports_no_terminal_library() -> None:
    code = (
        "import sys, stancectl.ingest, stancectl.ingest.store, stancectl.writeback;"
        "print(sorted(m for m in ('typer', 'rich', 'click', 'trafilatura') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stdout.strip() == "[]"  # trafilatura too: only a web page needs it


def test_a_page_without_metadata_reports_every_field_missing(tmp_path: Path) -> None:
    page = tmp_path / "bare.html"
    line = "<p>Paragraph {} of a plain page, long enough to read as text.</p>"
    body = "".join(line.format(n) for n in range(12))
    page.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    result = read_source(str(page))
    assert result.metadata.found() == {}
    assert result.metadata.missing() == ["title", "outlet", "authors", "published", "url"]
    assert result.text.startswith("Paragraph 0 of a plain page")


# --- metadata, field by field ----------------------------------------------------------------


def _meta(head: str, body: str = "", url: str | None = None) -> dict[str, tuple[Any, str]]:
    metadata = read_metadata(f"<html><head>{head}</head><body>{body}</body></html>", page_url=url)
    return {name: (f.value, f.where) for name, f in metadata.found().items()}


def test_json_ld_in_a_list_with_types_as_lists_and_references() -> None:
    head = """<script type="application/ld+json">[{"@type": "WebPage", "mainEntity":
      {"@type": ["Thing", "ReportageNewsArticle"], "headline": "A &amp; B agree",
       "author": [{"@id": "#p1"}, "By C. Dee"], "publisher": {"@id": "#org"},
       "datePublished": "2016-09"}},
      {"@id": "#p1", "@type": "Person", "name": "Ann Bee"},
      {"@id": "#org", "@type": "NewsMediaOrganization", "name": "The Daily"}]</script>"""
    found = _meta(head)
    assert found["title"] == ("A & B agree", "JSON-LD ReportageNewsArticle headline")
    assert found["authors"][0] == ["Ann Bee", "C. Dee"]
    assert found["outlet"] == ("The Daily", "JSON-LD ReportageNewsArticle publisher")
    metadata = read_metadata(f"<head>{head}</head>")
    assert metadata.published is not None
    assert (metadata.published.value, metadata.published.precision) == (
        dt.date(2016, 9, 1),
        DatePrecision.MONTH,
    )


def test_the_headline_is_the_one_the_page_shows() -> None:
    clipped = """<script type="application/ld+json">{"@type": "NewsArticle", "headline":
      "Minister resigns after weeks of pressure over the housing plan and its\u2026"}</script>
      <meta property="og:title" content="Minister resigns after weeks of pressure over the
      housing plan and its costs | Daily">"""
    body = "<h1>Minister resigns after weeks of pressure over the housing plan and its costs</h1>"
    assert _meta(clipped, body)["title"] == (
        "Minister resigns after weeks of pressure over the housing plan and its costs",
        "<h1>",
    )
    logo = '<meta property="og:title" content="Storm closes the coast road">'
    assert _meta(logo, "<h1>The Daily Bugle</h1>")["title"][1] == "<meta property=og:title>"
    assert _meta("", "<h1>The Daily Bugle</h1>")["title"][1] == "<h1>"


def test_what_the_page_shows_wins_and_a_conflict_is_noted() -> None:
    page = """<head><title>Kremlin warns of \u2018inevitable\u2019 conflict - Wire</title>
      <script type="application/ld+json">{"@type": "NewsArticle", "headline":
      "Kremlin warns West over troops", "datePublished": "2024-02-27"}</script></head>
      <body><h1>Kremlin warns of \u2018inevitable\u2019 conflict</h1>
      <time datetime="2024-02-28" pubdate>28 February</time></body>"""
    metadata = read_metadata(page)
    assert metadata.title is not None and metadata.published is not None
    assert metadata.title.value == "Kremlin warns of \u2018inevitable\u2019 conflict"
    assert metadata.published.value == dt.date(2024, 2, 27)
    assert metadata.notes == [
        "the JSON-LD headline differs from the page's <h1>: 'Kremlin warns West over troops'",
        "a <time> marked as published says 2024-02-28",
    ]


def test_a_news_article_is_preferred_to_other_article_types() -> None:
    head = """<script type="application/ld+json">{"@graph": [
      {"@type": "Article", "headline": "Teaser"},
      {"@type": "NewsArticle", "headline": "The story"}]}</script>"""
    assert _meta(head)["title"][0] == "The story"


def test_an_organisation_counts_as_author_only_without_people() -> None:
    head = """<script type="application/ld+json">{"@type": "NewsArticle",
      "author": [{"@type": "Organization", "name": "Civic Desk Ltd"}]}</script>"""
    assert _meta(head)["authors"][0] == ["Civic Desk Ltd"]


def test_a_news_agency_is_the_via_not_an_author() -> None:
    head = """<script type="application/ld+json">{"@type": "NewsArticle",
      "author": [{"@type": "Person", "name": "Ann Bee"},
                 {"@type": "Organization", "name": "Reuters"}]}</script>"""
    found = _meta(head)
    assert found["authors"] == (["Ann Bee"], "JSON-LD NewsArticle author")
    assert found["via"] == ("Reuters", "JSON-LD NewsArticle author")
    assert "via" not in _meta("", '<p class="byline">By Ann Bee</p>')
    byline = _meta("", '<p class="byline">By Ann Bee and the Associated Press</p>')
    assert byline["via"][0] == "Associated Press"
    assert byline["authors"][0] == ["Ann Bee"]


def test_a_news_agency_in_the_dateline_is_the_via(tmp_path: Path) -> None:
    page = tmp_path / "wire.html"
    body = "<p>KYIV, Ukraine (AP) \u2014 The city council met on Monday to discuss repairs.</p>"
    body += "<p>Another paragraph of the article, long enough to be kept as its text.</p>" * 6
    page.write_text(f"<html><body><h1>Repairs</h1>{body}</body></html>", encoding="utf-8")
    via = read_source(str(page)).metadata.via
    assert via is not None
    assert (via.value, via.where) == ("AP", "the dateline 'KYIV, Ukraine (AP) \u2014'")
    assert "via" not in read_source(str(page)).metadata.missing()


def test_unreadable_json_ld_and_dates_are_noted_not_guessed() -> None:
    page = """<head><script type="application/ld+json">{"@type": "NewsArticle",</script>
      <meta property="article:published_time" content="last Tuesday"></head>"""
    metadata = read_metadata(page)
    assert metadata.published is None and metadata.title is None
    assert metadata.notes == [
        "JSON-LD block 1 is not valid JSON (Expecting property name enclosed in double "
        "quotes); ignored",
        "unreadable date 'last Tuesday' in <meta property=article:published_time>; ignored",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-02-27", (dt.date(2024, 2, 27), DatePrecision.DAY)),
        ("2024-02-27T23:30:00-05:00", (dt.date(2024, 2, 27), DatePrecision.DAY)),
        ("2024-02-27 08:00", (dt.date(2024, 2, 27), DatePrecision.DAY)),
        ("20240227T1000", (dt.date(2024, 2, 27), DatePrecision.DAY)),
        ("Tue, 27 Feb 2024 23:59:00 +0000", (dt.date(2024, 2, 27), DatePrecision.DAY)),
        ("2016-09", (dt.date(2016, 9, 1), DatePrecision.MONTH)),
        ("30 September 2025", (dt.date(2025, 9, 30), DatePrecision.DAY)),
        ("Sept. 30, 2025", (dt.date(2025, 9, 30), DatePrecision.DAY)),
        ("Tuesday, 27th February 2024", (dt.date(2024, 2, 27), DatePrecision.DAY)),
        ("February 27 2024", (dt.date(2024, 2, 27), DatePrecision.DAY)),
        ("30 Septober 2025", None),
        ("31 June 2024", None),
        ("2024-02-30", None),
        ("2016-13", None),
        ("27/02/2024", None),
        ("", None),
    ],
)
def test_dates_are_read_as_written(
    value: str, expected: tuple[dt.date, DatePrecision] | None
) -> None:
    assert parse_date(value) == expected


def test_a_time_element_is_used_only_when_it_is_unambiguous() -> None:
    two = '<time datetime="2024-01-02">x</time><time datetime="2024-03-04">y</time>'
    assert "published" not in _meta("", two)
    marked = two + '<time datetime="2024-05-06" itemprop="datePublished">z</time>'
    assert _meta("", marked)["published"][0] == dt.date(2024, 5, 6)
    assert _meta("", '<time datetime="2024-07-08">z</time>')["published"] == (
        dt.date(2024, 7, 8),
        "the only <time datetime> in the page",
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://a.example/x?utm_source=t&utm_medium=s&id=5&fbclid=F&gclid=G",
            "https://a.example/x?id=5",
        ),
        ("https://a.example/x?id=5&b=2", "https://a.example/x?id=5&b=2"),
        ("https://a.example/x?MC_CID=1&mc_eid=2&_ga=3&igshid=4", "https://a.example/x"),
        ("https://a.example/x#xtor=RSS-1", "https://a.example/x"),
        ("https://a.example/x#section-2", "https://a.example/x#section-2"),
        ("https://a.example", "https://a.example/"),
    ],
)
def test_tracking_parameters_are_dropped(url: str, expected: str) -> None:
    assert without_tracking(url) == expected


def test_a_relative_canonical_link_is_resolved_against_the_page() -> None:
    head = '<link rel="canonical" href="/story/7?utm_campaign=x">'
    assert _meta(head, url="https://news.example/a/b?fbclid=1")["url"] == (
        "https://news.example/story/7",
        "<link rel=canonical> (tracking parameters dropped)",
    )
    assert "url" not in _meta(head)  # nothing to resolve it against: not guessed


def test_the_fetched_address_is_the_last_resort_for_the_url() -> None:
    assert _meta("", url="https://news.example/a?utm_source=x")["url"] == (
        "https://news.example/a",
        "the address it was fetched from (tracking parameters dropped)",
    )


def test_bylines_give_names_not_roles_or_outlets() -> None:
    def authors(body: str, head: str = "") -> Any:
        return _meta(head, body).get("authors", (None,))[0]

    assert authors('<p class="byline">By JANE DOE | Staff Writer</p>') == ["JANE DOE"]
    assert authors('<p class="byline">By Ann Lee, Local Democracy Reporter</p>') == ["Ann Lee"]
    structured = '<script type="application/ld+json">{"@type": "NewsArticle", "author": "Al Roe"}'
    assert _meta(structured + "</script>", '<p class="byline">By Al Roe and Bo Li</p>')[
        "authors"
    ] == (["Al Roe"], "JSON-LD NewsArticle author")
    assert authors('<div class="author">Von Max Muster und Erika Mustermann</div>') == [
        "Max Muster",
        "Erika Mustermann",
    ]
    assert authors('<span class="c-byline">by the newsroom</span>') is None
    long_bio = "<div class='author-bio'>" + "Jane Doe writes about cities. " * 20 + "</div>"
    assert authors(long_bio) is None
    outlet = '<meta property="og:site_name" content="The Post">'
    assert authors('<p class="byline">By Al Roe, The Post</p>', outlet) == ["Al Roe"]


def test_broken_markup_does_not_stop_the_reader() -> None:
    page = (
        "<html><head><title>T</head><body><div class=byline>By Ann Bee</span></div><p>Text"
        '<meta property="og:site_name" content="Site"><h1>Head<br>line <b>two</h1><div><div>'
        '<script>var x = "</'
    )
    found = read_metadata(page).found()
    assert found["outlet"].value == "Site"
    assert found["authors"].value == ["Ann Bee"]
    assert found["title"].value == "Head line two"


# --- character sets --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "declared", "charset", "where"),
    [
        ("\ufeffcafé".encode(), None, "utf-8", "byte-order mark"),
        ("café".encode("utf-16"), "iso-8859-1", "utf-16", "byte-order mark"),
        ("café".encode("cp1252"), "windows-1252", "cp1252", "Content-Type header"),
        (b'<meta charset="koi8-r">' + "Кремль".encode("koi8-r"), None, "koi8-r", "<meta"),
        ("café".encode("cp1252"), "iso-8859-1", "cp1252", "Content-Type header"),
        ("café".encode(), None, "utf-8", "valid UTF-8"),
        ("café".encode("cp1252"), None, "windows-1252", "the bytes are not UTF-8"),
        ("café ☕".encode(), "utf-16le", "utf-8", "valid UTF-8"),
        ("café ☕".encode(), "no-such-charset", "utf-8", "valid UTF-8"),
    ],
)
def test_charsets(body: bytes, declared: str | None, charset: str, where: str) -> None:
    decoded = decode_page(body, declared)
    assert decoded.charset == charset
    assert where in decoded.where
    assert "caf" in decoded.text or "Кремль" in decoded.text
    assert "\ufeff" not in decoded.text


def test_a_declared_charset_the_bytes_do_not_fit_is_said() -> None:
    decoded = decode_page("«café»".encode(), "us-ascii")  # ASCII read as windows-1252: fits
    assert decoded.charset == "cp1252"
    wrong = decode_page("Кремль".encode(), "shift_jis")
    assert wrong.charset == "utf-8"
    assert "shift_jis (the server's Content-Type header) does not fit the bytes" in wrong.where


# --- sources ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("https://a.example/x", SourceKind.URL),
        ("HTTP://a.example/x", SourceKind.URL),
        ("saved/page.HTM", SourceKind.PAGE),
        ("single-file.mhtml", SourceKind.PAGE),
        ("notes.txt", SourceKind.TEXT),
    ],
)
def test_kinds_of_source(source: str, kind: SourceKind) -> None:
    assert kind_of(source) == kind


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("ftp://a.example/x.html", "only http:// and https:// URLs"),
        ("file:///etc/hosts.txt", "only http:// and https:// URLs"),
        ("report.pdf", "add a .txt file, a saved web page"),
        ("page.webarchive", "add a .txt file, a saved web page"),
    ],
)
def test_unsupported_sources_say_what_works(source: str, message: str) -> None:
    with pytest.raises(SourceError, match=message):
        kind_of(source)


def test_a_text_file_is_stored_normalised(tmp_path: Path) -> None:
    source = tmp_path / "note.txt"
    source.write_bytes("\ufeffLine one\r\nLine\u00a0two\u200b\r\n\r\nNext".encode())
    result = read_source(str(source))
    assert result.text == "Line one\nLine two\n\nNext\n"
    assert result.metadata.found() == {}


def test_files_that_hold_no_article_say_so_by_name(tmp_path: Path) -> None:
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"abc\x00def")
    with pytest.raises(SourceError, match=r"binary.txt: contains NUL bytes"):
        read_source(str(binary))
    for content in (b"", b"\n \r\n\t\n", "\ufeff\u00a0\n".encode()):
        (tmp_path / "empty.txt").write_bytes(content)
        with pytest.raises(SourceError, match=r"empty.txt: holds no text; save the article"):
            read_source(str(tmp_path / "empty.txt"))
    for name, content in (("noise.html", bytes(range(256)) * 50), ("empty.html", b"")):
        (tmp_path / name).write_bytes(content)
        with pytest.raises(ExtractionError, match=rf"{name}: no article text found in the page"):
            read_source(str(tmp_path / name))


def test_a_text_file_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    source = tmp_path / "note.txt"
    source.write_bytes(b"fine\nna\xefve\n")
    with pytest.raises(SourceError, match=r"note.txt:2: not valid UTF-8; convert it first"):
        read_source(str(source))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs need a POSIX system")
def test_only_regular_files_are_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(SourceError, match="not a regular file"):
        read_local(fifo, 100)  # would block for ever if opened for a plain read
    with pytest.raises(SourceError, match="not a regular file"):
        read_local(tmp_path, 100)
    with pytest.raises(SourceError, match="not a valid file name"):
        read_local(Path("bad\x00name.txt"), 100)
    with pytest.raises(SourceError, match="file not found"):
        read_local(tmp_path / "missing.txt", 100)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 101)
    with pytest.raises(SourceError, match="over the limit of 100 bytes"):
        read_local(big, 100)


def test_without_the_extra_pages_say_which_command_installs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # as if it were not installed
    for source in (str(PAGES / "minimal-saved.html"), "http://127.0.0.1:9/never-fetched"):
        with pytest.raises(MissingExtraError, match=re.escape("pip install 'stancectl[ingest]'")):
            read_source(source)
    text = tmp_path / "plain.txt"
    text.write_text("Plain text needs no extra.\n", encoding="utf-8")
    assert read_source(str(text)).text == "Plain text needs no extra.\n"


# --- fetching from a local server ------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, Any]] = {}

    def do_GET(self) -> None:
        route = self.routes.get(self.path.split("?")[0])
        if route is None:
            self.send_error(404, "Not Found")
            return
        route(self)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet test output


def _reply(body: bytes, content_type: str = "text/html", **headers: str) -> Any:
    def send(handler: _Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            handler.send_header(name.replace("_", "-"), value)
        handler.end_headers()
        with contextlib.suppress(OSError):  # the client gave up first (a timeout test)
            handler.wfile.write(body)

    return send


def _redirect(location: str, status: int = 302) -> Any:
    def send(handler: _Handler) -> None:
        handler.send_response(status)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return send


def _status(code: int) -> Any:
    def send(handler: _Handler) -> None:
        handler.send_error(code)

    return send


def _slow_headers(handler: _Handler) -> None:
    time.sleep(2)
    _reply(b"<p>late</p>")(handler)


def _drip(handler: _Handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    try:
        for _ in range(40):
            handler.wfile.write(b"<p>drip</p>")
            handler.wfile.flush()
            time.sleep(0.1)
    except OSError:
        pass  # the client gave up, as it should


def _endless(handler: _Handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    try:
        for _ in range(64):
            handler.wfile.write(b"<p>" + b"x" * 65536 + b"</p>")
    except OSError:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    harbour = (PAGES / "harbour-gazette.html").read_bytes()
    courier = (PAGES / "valley-courier-latin1.html").read_bytes()
    without_meta = courier.replace(b"charset=iso-8859-1", b"")
    _Handler.routes = {
        "/harbour": _reply(harbour),
        "/courier-header-charset": _reply(without_meta, "text/html; charset=ISO-8859-1"),
        "/gzip": _reply(gzip.compress(harbour), Content_Encoding="gzip"),
        "/gzip-bomb": _reply(gzip.compress(b" " * 3_000_000), Content_Encoding="gzip"),
        "/redirect-1": _redirect("/redirect-2", 301),
        "/redirect-2": _redirect("/redirect-3", 307),
        "/redirect-3": _redirect("/harbour?utm_source=feed", 308),
        "/relative": _redirect("harbour"),
        "/loop": _redirect("/loop-2"),
        "/loop-2": _redirect("/loop"),
        "/to-ftp": _redirect("ftp://127.0.0.1/file.html"),
        "/to-file": _redirect("file:///etc/passwd"),
        "/missing-location": _status(302),
        "/gone": _status(404),
        "/broken": _status(500),
        "/pdf": _reply(b"%PDF-1.4", "application/pdf"),
        "/plain": _reply(
            "Caf\u00e9 owners protest.\r\n\r\nSecond.".encode("cp1252"),
            "text/plain; charset=windows-1252",
        ),
        "/caf%C3%A9": _reply(b"<p>found by its encoded name</p>"),
        "/json": _reply(b"{}", "application/json"),
        "/declared-huge": _reply(b"<p>x</p>"),
        "/huge": _endless,
        "/slow": _slow_headers,
        "/drip": _drip,
    }
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy from the environment must not see the test server's requests."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")


def test_a_page_is_fetched_and_read(server: str) -> None:
    result = read_source(f"{server}/harbour?utm_source=x")
    assert result.kind is SourceKind.URL
    assert result.fetched_from == f"{server}/harbour?utm_source=x"
    assert result.metadata.title is not None
    assert result.metadata.title.value.startswith("Council votes")
    assert result.metadata.url is not None and "harbourgazette.example" in result.metadata.url.value
    assert "Councillors voted on Tuesday night" in result.text


def test_a_plain_text_address_is_stored_as_text(server: str, tmp_path: Path) -> None:
    result = read_source(f"{server}/plain?utm_medium=mail")
    planned = plan_article(result, Existing(tmp_path / "stances.yaml", set(), {}, {}))
    assert planned.article_id == "plain"  # from the address, as a file's name would be
    assert result.text == "Caf\u00e9 owners protest.\n\nSecond.\n"
    assert result.metadata.url is not None
    assert result.metadata.url.value == f"{server}/plain"
    assert result.metadata.missing() == ["title", "outlet", "authors", "published"]


def test_an_address_with_letters_beyond_ascii_is_encoded(server: str) -> None:
    assert fetch(f"{server}/caf\u00e9").body == b"<p>found by its encoded name</p>"
    assert fetch(f"{server}/caf%C3%A9").url == f"{server}/caf%C3%A9"


@pytest.mark.parametrize(
    ("url", "wire"),
    [
        (
            "http://b\u00fccher.example/\u00e4?q=\u00fc",
            "http://xn--bcher-kva.example/%C3%A4?q=%C3%BC",
        ),
        ("https://a.example:8080/x%20y?a=1&b=%2F", "https://a.example:8080/x%20y?a=1&b=%2F"),
        ("http://[::1]:8000/p", "http://[::1]:8000/p"),
    ],
)
def test_addresses_go_on_the_wire_in_ascii(url: str, wire: str) -> None:
    assert ascii_url(url) == wire


def test_redirects_are_followed_and_recorded(server: str) -> None:
    fetched = fetch(f"{server}/redirect-1")
    assert fetched.url == f"{server}/harbour?utm_source=feed"
    assert fetched.redirects == [
        f"{server}/redirect-2",
        f"{server}/redirect-3",
        f"{server}/harbour?utm_source=feed",
    ]
    assert fetch(f"{server}/relative").url == f"{server}/harbour"


def test_the_charset_of_the_header_is_used(server: str) -> None:
    result = read_source(f"{server}/courier-header-charset")
    assert result.charset == "cp1252"
    assert result.charset_where == "the server's Content-Type header"
    assert "Zoë Hartmann" in result.text


def test_a_compressed_page_is_decompressed_within_the_limit(server: str) -> None:
    assert fetch(f"{server}/gzip").body == (PAGES / "harbour-gazette.html").read_bytes()
    with pytest.raises(FetchError, match="over 1,000,000 bytes once decompressed"):
        fetch(f"{server}/gzip-bomb", max_bytes=1_000_000)


@pytest.mark.parametrize(
    ("path", "options", "message"),
    [
        ("/redirect-1", {"max_redirects": 2}, "more than 2 redirects"),
        ("/loop", {}, "redirect loop back to"),
        ("/to-ftp", {}, "redirected to 'ftp://127.0.0.1/file.html', which is not http"),
        ("/to-file", {}, "redirected to 'file:///etc/passwd', which is not http"),
        ("/missing-location", {}, "a redirect without a Location"),
        ("/gone", {}, "the server answered 404 Not Found"),
        ("/broken", {}, "the server answered 500 Internal Server Error"),
        ("/pdf", {}, "the server sent application/pdf, not a web page or text"),
        ("/json", {}, "the server sent application/json"),
        ("/huge", {"max_bytes": 1_000_000}, "the page is over 1,000,000 bytes; not read further"),
        ("/slow", {"timeout": 0.5}, "timed out"),
        ("/drip", {"timeout": 0.8}, "timed out while reading the page"),
    ],
)
def test_each_failure_has_its_own_message(
    server: str, path: str, options: dict[str, Any], message: str
) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match=re.escape(message)) as failure:
        fetch(f"{server}{path}", **options)
    assert str(failure.value).startswith(server)  # names the URL that failed
    assert time.monotonic() - started < 30  # a guard against hanging, not a speed test


def test_a_declared_length_over_the_limit_is_refused_before_reading(server: str) -> None:
    with pytest.raises(FetchError, match="the page is 8 bytes, over 4"):
        fetch(f"{server}/declared-huge", max_bytes=4)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://127.0.0.1/x", "only http:// and https:// URLs"),
        ("http:///nohost", "has no host name"),
        ("http://127.0.0.1/a b", "contains spaces"),
    ],
)
def test_urls_are_checked_before_any_request(url: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        fetch(url)


def test_a_closed_port_is_connection_refused() -> None:
    with pytest.raises(FetchError, match="connection refused"):
        fetch("http://127.0.0.1:9/x", timeout=2)


# --- storing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Russia Warns Sending Troops to Ukraine \u2018Not in Interest\u2019 of West",
            "russia-warns-sending-troops-ukraine-not",
        ),
        ("Zoë Hartmann: «Le vent tourne»", "zoe-hartmann-le-vent-tourne"),
        ("Депутаты одобрили", "deputaty-odobrili"),
        ("Η Αθήνα σήμερα", "i-atina-simera"),
        ("中国新闻", "article"),
        ("The", "the"),
        ("a" * 60 + " b", "a" * 48),
    ],
)
def test_short_ids(title: str, expected: str) -> None:
    assert short_id(title) == expected


def _with_bundled(tmp_path: Path) -> Path:
    data = tmp_path / "stances.yaml"
    data.write_bytes((REPO / "stances.yaml").read_bytes())
    (tmp_path / "seeds").mkdir()
    for article in (REPO / "seeds").iterdir():
        (tmp_path / "seeds" / article.name).write_bytes(article.read_bytes())
    return data


def test_a_new_article_goes_beside_the_others_under_an_id_from_its_title(
    tmp_path: Path, extracted: dict[str, Extracted]
) -> None:
    existing = Existing.read(_with_bundled(tmp_path))
    assert existing.folder() == Path("seeds")
    planned = plan_article(extracted["harbour-gazette.html"], existing)
    assert planned.article_id == "council-votes-close-old-ferry-terminal"
    assert planned.path == tmp_path / "seeds" / "council-votes-close-old-ferry-terminal.txt"
    assert planned.entry == {
        "id": "council-votes-close-old-ferry-terminal",
        "file": "seeds/council-votes-close-old-ferry-terminal.txt",
        "title": "Council votes to close the old ferry terminal by 2026",
        "outlet": "The Harbour Gazette",
        "authors": ["Ruth Okafor", "Tomasz Wi\u015bniewski"],  # the model takes authors
        "url": "https://www.harbourgazette.example/news/2024/05/14/ferry-terminal-closure",
        "published": dt.date(2024, 5, 14),
        "note": planned.entry["note"],
    }
    assert planned.entry["note"].startswith(
        "Added by add-article from the saved page harbour-gazette.html. As the page states: "
        "title from JSON-LD NewsArticle headline; outlet from JSON-LD NewsArticle publisher;"
    )
    store_text(planned)
    assert planned.path.read_text(encoding="utf-8") == planned.text
    with pytest.raises(Exception, match="exists"):
        store_text(planned)  # never replaces a file


def test_an_id_that_is_taken_gets_a_number(tmp_path: Path, extracted: dict[str, Extracted]) -> None:
    existing = Existing(tmp_path / "stances.yaml", {"library-opening-hours-cut"}, {}, {})
    planned = plan_article(extracted["minimal-saved.html"], existing)
    assert planned.article_id == "library-opening-hours-cut-2"
    assert planned.path == tmp_path / "articles" / "library-opening-hours-cut-2.txt"
    assert planned.entry["note"].endswith("Not stated: outlet, authors, published.")
    chosen = plan_article(extracted["minimal-saved.html"], existing, article_id="library")
    assert chosen.article_id == "library"
    with pytest.raises(SourceError, match="exists already"):
        plan_article(
            extracted["minimal-saved.html"], existing, article_id="library-opening-hours-cut"
        )
    with pytest.raises(SourceError, match="ids are lower-case letters"):
        plan_article(extracted["minimal-saved.html"], existing, article_id="Library Hours")


def test_an_article_already_stored_is_refused_naming_its_id(tmp_path: Path) -> None:
    data = _with_bundled(tmp_path)
    seed = tmp_path / "seeds" / "003_25035b92f0a22851.txt"
    copy = tmp_path / "copy.txt"
    copy.write_bytes(seed.read_bytes().replace(b"\n", b"\r\n"))  # other line ends: same text
    with pytest.raises(DuplicateArticleError, match="already stored as 'kremlin-not-in-interest'"):
        plan_article(read_source(str(copy)), Existing.read(data))


# --- the whole of add-article, as a library call ---------------------------------------------


def test_adding_to_an_empty_folder_creates_the_data_file(tmp_path: Path) -> None:
    data = tmp_path / "stances.yaml"
    preview = add_article(str(PAGES / "harbour-gazette.html"), data, dry_run=True)
    assert not preview.written and preview.creates_data_file
    assert list(tmp_path.iterdir()) == []  # a dry run writes nothing
    assert preview.edit.diff().startswith(f"--- {data} (current)\n+++ {data} (edited)\n")
    assert "+  - id: council-votes-close-old-ferry-terminal\n" in preview.edit.diff()

    added = add_article(str(PAGES / "harbour-gazette.html"), data)
    assert added.written and added.edit.after == data.read_text(encoding="utf-8")
    stored = tmp_path / "articles" / "council-votes-close-old-ferry-terminal.txt"
    assert stored.read_text(encoding="utf-8") == added.extracted.text
    second = add_article(str(PAGES / "metro-herald-microdata.html"), data, article_id="buses")
    assert not second.creates_data_file
    dataset, report = load(data)
    assert dataset is not None
    assert sorted(dataset.articles) == ["buses", "council-votes-close-old-ferry-terminal"]
    assert dataset.texts["buses"].startswith("Transit agency orders 60 electric buses\n\n")
    assert report.errors == []  # the new file is valid as it stands
    assert {p.code for p in report.warnings} == {"uncited-article"}  # no statements yet


def test_a_refused_entry_takes_its_stored_text_away_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "stances.yaml"
    add_article(str(PAGES / "minimal-saved.html"), data)
    before = data.read_bytes()

    def refuse(edit: Any, options: Any = None) -> None:
        raise EditRefusedError(edit.path, [])

    monkeypatch.setattr("stancectl.ingest.add.write", refuse)
    with pytest.raises(EditRefusedError):
        add_article(str(PAGES / "harbour-gazette.html"), data)
    assert data.read_bytes() == before
    assert [p.name for p in (tmp_path / "articles").iterdir()] == ["library-opening-hours-cut.txt"]
    with pytest.raises(EditRefusedError):
        add_article(str(PAGES / "harbour-gazette.html"), tmp_path / "new" / "stances.yaml")
    assert not (tmp_path / "new").exists()  # nor the folders made for it


def test_a_broken_data_file_is_reported_before_anything_is_fetched(tmp_path: Path) -> None:
    data = tmp_path / "stances.yaml"
    data.write_text("version: 1\ntopics: [\n", encoding="utf-8")
    with pytest.raises(UnreadableDataError, match=r"stances.yaml:\d+:\d+: .*fix the data file"):
        add_article("http://127.0.0.1:9/never-fetched", data)


def test_what_a_page_says_reaches_the_terminal_inert(tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    paragraph = "<p>Plain words for the body of the article, long enough to be its text.</p>"
    page.write_text(
        "<html><head><title>Red \x1b[31malert\x1b[0m \u202eevil</title></head><body>"
        + paragraph * 8
        + "</body></html>",
        encoding="utf-8",
    )
    added = add_article(str(page), tmp_path / "s.yaml", dry_run=True)
    shown = render_text(added_document(added))
    assert "\x1b" not in shown and "\u202e" not in shown
    assert "Red [31malert[0m \\u202eevil" in shown  # controls left out, the rest inert
    assert added.extracted.text.count("Red [31malert") == 1  # the headline not repeated
    assert shown.startswith("Would add article 'red-31malert-0m-evil' to ")
