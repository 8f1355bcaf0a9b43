"""Dates known to a precision: the days a date given as a week, a month or "about" may mean.

Plain Python, no pydantic: the views read dates from cached records without loading the model.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from enum import StrEnum


class DatePrecision(StrEnum):
    """How precisely a date is known. `said_on` is then the best single day to sort by."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    APPROXIMATE = "approximate"


WRITTEN_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
"""A date as stancectl takes it from a person: YYYY-MM-DD, or a month YYYY-MM, or a year YYYY."""


def written_date(text: str) -> tuple[dt.date, DatePrecision] | None:
    """The first day of a date written YYYY-MM-DD, YYYY-MM or YYYY, and its precision; None
    when `text` has none of those shapes. ValueError for one in the shape that is no day of
    the calendar, its message saying what is wrong where it can ("February 2024 has 29 days";
    empty otherwise)."""
    match = WRITTEN_DATE.fullmatch(text)
    if match is None:
        return None
    year, month, day = (int(part) if part else 1 for part in match.groups())
    precision = (
        DatePrecision.DAY if match[3] else DatePrecision.MONTH if match[2] else DatePrecision.YEAR
    )
    try:
        return dt.date(year, month, day), precision
    except ValueError:
        raise ValueError(_impossible(year, month, int(match[3]) if match[3] else None)) from None


def _impossible(year: int, month: int, day: int | None) -> str:
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if day is not None and year >= 1:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            return f"{calendar.month_name[month]} {year} has {last} days"
    return ""


APPROXIMATE_DAYS = 3
"""An approximate date may be this many days either side of the day given."""


def shift(day: dt.date, days: int) -> dt.date:
    """`day` moved by `days`, stopping at the first or last day of the calendar (year 1, 9999)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def date_span(day: dt.date, precision: DatePrecision) -> tuple[dt.date, dt.date]:
    """The first and last day a date of this precision may stand for (within the calendar:
    a week or "about" near year 1 or 9999 stops at its edge)."""
    if precision is DatePrecision.WEEK:
        monday = shift(day, -day.weekday())
        return monday, shift(monday, 6)
    if precision is DatePrecision.MONTH:
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    if precision is DatePrecision.YEAR:
        return day.replace(month=1, day=1), day.replace(month=12, day=31)
    if precision is DatePrecision.APPROXIMATE:
        return shift(day, -APPROXIMATE_DAYS), shift(day, APPROXIMATE_DAYS)
    return day, day


def sort_day(day: dt.date, precision: DatePrecision) -> dt.date:
    """The day a date sorts by: the one it is shown as. A week, month or year is shown (and
    sorted) by its first day, so "week of 2024-02-26" comes before "~2024-02-27"."""
    if precision in (DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.YEAR):
        return date_span(day, precision)[0]
    return day
