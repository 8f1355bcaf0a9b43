"""Dates known to a precision: the days a date given as a week, a month or "about" may mean.

Plain Python, no pydantic: the views read dates from cached records without loading the model.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum


class DatePrecision(StrEnum):
    """How precisely a date is known. `said_on` is then the best single day to sort by."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    APPROXIMATE = "approximate"


APPROXIMATE_DAYS = 3
"""An approximate date may be this many days either side of the day given."""


def date_span(day: dt.date, precision: DatePrecision) -> tuple[dt.date, dt.date]:
    """The first and last day a date of this precision may stand for."""
    if precision is DatePrecision.WEEK:
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)
    if precision is DatePrecision.MONTH:
        first = day.replace(day=1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        return first, following - dt.timedelta(days=1)
    if precision is DatePrecision.YEAR:
        return day.replace(month=1, day=1), day.replace(month=12, day=31)
    if precision is DatePrecision.APPROXIMATE:
        margin = dt.timedelta(days=APPROXIMATE_DAYS)
        return day - margin, day + margin
    return day, day


def sort_day(day: dt.date, precision: DatePrecision) -> dt.date:
    """The day a date sorts by: the one it is shown as. A week, month or year is shown (and
    sorted) by its first day, so "week of 2024-02-26" comes before "~2024-02-27"."""
    if precision in (DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.YEAR):
        return date_span(day, precision)[0]
    return day
