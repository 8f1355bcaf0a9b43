"""When words were said, from the text around the attribution and the publication date.

"on February 27" and "earlier on 8 March" give a day (the year is the one that puts it on or
before publication); "on Monday" the latest such weekday up to publication; "yesterday" the day
before; "last week" and "last month" a week or a month. An article whose own date is
approximate makes a day it resolves relative to publication approximate too.

A dateline ("MADRID, 9 April 2024 — ...") dates the article, not what is said in it: it
stands in for the publication date when none is known, and is never taken as the day words
were said.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}  # fmt: skip
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\.?(?:,?\s+(\d{{4}}))?\b", re.I
)
_MONTH_DAY = re.compile(
    rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.I
)
_WEEKDAY = re.compile(rf"\b(?:on\s+|last\s+)?({'|'.join(_WEEKDAYS)})\b", re.IGNORECASE)
_RELATIVE = re.compile(
    r"\b(yesterday|today|last week|earlier this week|this week|last month|earlier this month"
    r"|this month)\b",
    re.I,
)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DATELINE = re.compile(
    rf"(?:(?P<place>\w[^\n!?;\"\u201c\u201d]{{0,59}}?),\s*)?"  # `THE HAGUE,` `KYIV, Ukraine,`
    rf"(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH})\.?"
    rf"|(?P<month2>{_MONTH})\.?\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)"
    rf"(?:,?\s+(?P<year>\d{{4}}))?"
    rf"(?:\s*\([^()\n]{{1,40}}\))?"  # a news agency: `(AP)`
    rf"\s*[\u2014\u2013-]+\s",
    re.I,
)
DATELINE_PARAGRAPHS = 3
"""Paragraphs from the top in which a dateline is looked for (a headline may come first)."""


def dateline(text: str) -> tuple[int, int, dt.date | None] | None:
    """The article's dateline, as (start, end, its date when it gives the year)."""
    position = 0
    for _ in range(DATELINE_PARAGRAPHS):
        while position < len(text) and text[position].isspace():
            position += 1
        match = _DATELINE.match(text, position)
        if match and _a_place(match.group("place"), match.group("year") is not None):
            day = int(match.group("day") or match.group("day2"))
            month = _MONTHS[(match.group("month") or match.group("month2")).lower()]
            year = match.group("year")
            return match.start(), match.end(), _date(int(year), month, day) if year else None
        position = text.find("\n", position)
        if position < 0:
            return None
    return None


_NOT_PLACES = frozenset({"on", "last", "this", "since", "until", "by", "from", "in", "at"})


def _a_place(place: str | None, with_year: bool) -> bool:
    """A dateline's place is in capitals (`THE HAGUE`, `KYIV, Ukraine`), or in capitalised
    words before a full date (`Madrid, 9 April 2024`); `On Tuesday, March 5 - ...` is prose."""
    if place is None:
        return True
    first = place.split()[0]
    if len(first) > 1 and first.isupper():
        return True
    return (
        with_year
        and first.lower() not in _NOT_PLACES
        and all(word[0].isupper() for word in place.replace(",", " ").split())
    )


def resolve_date(
    passage: str, published: dt.date | None, published_precision: str = "day"
) -> tuple[dt.date | None, str | None]:
    """The date `passage` (the attribution without its content) gives, and its precision."""
    exact = _absolute(passage, published)
    if exact is not None:
        return exact, "day"
    if published is None:
        return None, None
    relative_precision = "day" if published_precision == "day" else "approximate"
    weekday = _WEEKDAY.search(passage)
    if weekday:
        target = _WEEKDAYS.index(weekday.group(1).lower())
        back = (published.weekday() - target) % 7
        if weekday.group(0).lower().startswith("last") and back == 0:
            back = 7
        return published - dt.timedelta(days=back), relative_precision
    relative = _RELATIVE.search(passage)
    if relative:
        word = relative.group(1).lower()
        if word == "yesterday":
            return published - dt.timedelta(days=1), relative_precision
        if word == "today":
            return published, relative_precision
        monday = published - dt.timedelta(days=published.weekday())
        if word == "last week":
            return monday - dt.timedelta(days=4), "week"  # Thursday: the middle of that week
        if word in {"this week", "earlier this week"}:
            return monday + dt.timedelta(days=3), "week"
        if word == "last month":
            previous = published.replace(day=1) - dt.timedelta(days=1)
            return previous.replace(day=1), "month"
        return published.replace(day=1), "month"
    return None, None


def _absolute(passage: str, published: dt.date | None) -> dt.date | None:
    iso = _ISO.search(passage)
    if iso:
        return _date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        match = pattern.search(passage)
        if not match:
            continue
        day = int(match.group(day_group))
        month = _MONTHS[match.group(month_group).lower().rstrip(".")]
        if match.group(3):
            return _date(int(match.group(3)), month, day)
        if published is None:
            return None
        found = _date(published.year, month, day)
        if found is not None and found > published + dt.timedelta(days=1):
            found = _date(published.year - 1, month, day)
        return found
    return None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
