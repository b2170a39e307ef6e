"""Reading the dates people write: year-first plan dates, and the looser forms accepted on the command line."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time

# The forms a plan file may use, as shown in messages.
DATE_FORMS = ("2021-08-31", "2021-8-31", "2021/8/31", "2021.8.31", "2021年8月31日")
_NUMERIC = re.compile(r"(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})")
_CHINESE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]"
TODAY_WORDS = frozenset({"today", "今天", "今日"})

# Weekday names as people write them beside a date, Monday first (date.weekday()'s numbering).
_WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAYS_ZH = "一二三四五六日"
_WEEKDAY_EN = re.compile(
    r"\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\b\.?,?", re.IGNORECASE
)
_WEEKDAY_ZH = re.compile(r"[（(]?(?:星期|礼拜|周)([一二三四五六日天])[）)]?,?")


class DateError(ValueError):
    """Not a date: `impossible` when it has a date's form but names no real day (2021-02-30); `zoned` when it
    carries a time zone; `timed` when it carries a time of day; `day` when it is a real day but the weekday
    written beside it is not that day's."""

    def __init__(
        self,
        value: str,
        *,
        impossible: bool = False,
        zoned: bool = False,
        timed: bool = False,
        day: date | None = None,
    ) -> None:
        super().__init__(value)
        self.value = value
        self.impossible = impossible
        self.zoned = zoned
        self.timed = timed
        self.day = day


def is_today_word(value: str) -> bool:
    """`today` or 今天: a date that depends on whose today it is (each plan's own time zone)."""
    return unicodedata.normalize("NFKC", value).strip().lower() in TODAY_WORDS


def parse_year_first(value: str) -> date:
    """A date in one of DATE_FORMS; full-width digits and separators, as pasted from Word, are read too."""
    text = unicodedata.normalize("NFKC", value).strip()
    match = _NUMERIC.fullmatch(text)
    parts: tuple[str, ...] | None = (match.group(1), match.group(3), match.group(4)) if match else None
    if parts is None:
        chinese = re.fullmatch(_CHINESE, text)
        parts = chinese.groups() if chinese else None
    if parts is None:
        raise DateError(value)
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise DateError(value, impossible=True) from None


def parse_date_argument(value: str, today: date) -> date:
    """A date given on the command line: `today`, a year-first form, or what dateutil reads one way only.

    "1/9/2021" is refused (1 September or 9 January?), and so is anything missing its year, month or day, and
    anything with a time of day or a time zone: a deadline is a day of the plan's calendar, and reading
    "2021-09-01 23:30" as its date would silently drop what the user wrote.
    """
    text = unicodedata.normalize("NFKC", value).strip()
    if text.lower() in TODAY_WORDS:
        return today
    text, written_weekday = _without_weekday(text)
    reading = _read_argument(value, text)
    if written_weekday is not None and reading.weekday() != written_weekday:
        # "Tuesday Sep 1 2021": the day and the weekday disagree, and either could be the typo.
        raise DateError(value, day=reading)
    return reading


def _without_weekday(text: str) -> tuple[str, int | None]:
    """The text without a weekday name (星期二, 周二, Tue, Tuesday), and which weekday it named."""
    chinese = _WEEKDAY_ZH.search(text)
    if chinese:
        return (text[: chinese.start()] + " " + text[chinese.end() :]).strip(), _WEEKDAYS_ZH.index(
            "日" if chinese[1] == "天" else chinese[1]
        )
    english = _WEEKDAY_EN.search(text)
    if english:
        prefix = english[1].lower()[:3]
        number = next(index for index, name in enumerate(_WEEKDAYS_EN) if name.startswith(prefix))
        return (text[: english.start()] + " " + text[english.end() :]).strip(), number
    return text, None


def _read_argument(value: str, text: str) -> date:
    try:
        return parse_year_first(text)
    except DateError as error:
        if error.impossible:
            raise
    try:
        # ISO date-times ("2021-09-01T10:00"), which dateutil's day-first reading would turn into 9 January.
        iso = datetime.fromisoformat(text)
    except ValueError:
        pass
    else:
        if iso.tzinfo is not None:
            raise DateError(value, zoned=True)
        try:
            return date.fromisoformat(text)  # a compact ISO date, 20210901, has no time
        except ValueError:
            raise DateError(value, timed=True) from None
    import warnings

    from dateutil import parser

    # dateutil warns (UnknownTimezoneWarning, with its own file path) about a zone name it does not know, "CST";
    # a library's warning is no message for a user: a date with a time zone is refused in our own words.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            parsed = [
                parser.parse(text, default=datetime(2001, 1, 1), dayfirst=day_first, yearfirst=year_first)
                for day_first in (False, True)
                for year_first in (False, True)
            ]
            # dateutil fills what was not written from the default, the time of day too: an odd default time
            # that does not come back means a time was written ("Sep 1 2021 10pm").
            other = parser.parse(text, default=datetime(2002, 2, 2, 13, 57, 59, 123457))
        except (ValueError, OverflowError):
            raise DateError(value) from None
    if caught or any(moment.tzinfo is not None for moment in parsed):
        raise DateError(value, zoned=True)
    if other.time() != time(13, 57, 59, 123457):
        raise DateError(value, timed=True)
    other_default = other.date()
    readings = {moment.date() for moment in parsed}
    [reading] = readings if len(readings) == 1 else [None]
    # One reading only, nothing filled in from the defaults, and the year written out in full ("21-9-1" is not).
    if reading is None or reading != other_default or not re.search(rf"(?<!\d){reading.year:04d}(?!\d)", text):
        raise DateError(value)
    return reading


_MONTH_END = r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*份?\s*(?:底|末|中下旬|下旬)?\s*(?:前|以前|之前)?"
_YEAR_END = r"(?:(\d{4})\s*)?年\s*(?:底|末|内)\s*(?:前|以前|之前)?"


def deadline_meant(value: str) -> date | int | None:
    """The day a deadline written in words means: "2021年6月底" is 2021-06-30, "2021年底前" 2021-12-31. Without a
    year ("6月底", "年底前") the month is returned (12 for the year's end), for a message asking for the year;
    None when the words are no such deadline."""
    import calendar

    text = unicodedata.normalize("NFKC", value).strip()
    month_end = re.fullmatch(_MONTH_END, text)
    year_end = re.fullmatch(_YEAR_END, text)
    if month_end and 1 <= int(month_end[2]) <= 12:
        year, month = month_end[1], int(month_end[2])
    elif year_end:
        year, month = year_end[1], 12
    else:
        return None
    if year is None:
        return month
    return date(int(year), month, calendar.monthrange(int(year), month)[1])
