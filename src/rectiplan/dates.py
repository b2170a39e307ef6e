"""Reading the dates people write: year-first plan dates, and the looser forms accepted on the command line."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

# The forms a plan file may use, as shown in messages.
DATE_FORMS = ("2021-08-31", "2021-8-31", "2021/8/31", "2021.8.31", "2021年8月31日")
_NUMERIC = re.compile(r"(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})")
_CHINESE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
TODAY_WORDS = frozenset({"today", "今天", "今日"})


class DateError(ValueError):
    """Not a date: `impossible` when it has a date's form but names no real day (2021-02-30)."""

    def __init__(self, value: str, *, impossible: bool = False) -> None:
        super().__init__(value)
        self.value = value
        self.impossible = impossible


def parse_year_first(value: str) -> date:
    """A date in one of DATE_FORMS; full-width digits and separators, as pasted from Word, are read too."""
    text = unicodedata.normalize("NFKC", value).strip()
    match = _NUMERIC.fullmatch(text)
    parts: tuple[str, ...] | None = (match.group(1), match.group(3), match.group(4)) if match else None
    if parts is None:
        chinese = _CHINESE.fullmatch(text)
        parts = chinese.groups() if chinese else None
    if parts is None:
        raise DateError(value)
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise DateError(value, impossible=True) from None


def parse_date_argument(value: str, today: date) -> date:
    """A date given on the command line: `today`, a year-first form, or what dateutil reads one way only.

    "1/9/2021" is refused (1 September or 9 January?), and so is anything missing its year, month or day.
    """
    text = unicodedata.normalize("NFKC", value).strip()
    if text.lower() in TODAY_WORDS:
        return today
    try:
        return parse_year_first(text)
    except DateError as error:
        if error.impossible:
            raise
    try:
        # ISO date-times ("2021-09-01T10:00"), which dateutil's day-first reading would turn into 9 January.
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    from dateutil import parser

    try:
        readings = {
            parser.parse(text, default=datetime(2001, 1, 1), dayfirst=day_first, yearfirst=year_first).date()
            for day_first in (False, True)
            for year_first in (False, True)
        }
        other_default = parser.parse(text, default=datetime(2002, 2, 2)).date()
    except (ValueError, OverflowError):
        raise DateError(value) from None
    [reading] = readings if len(readings) == 1 else [None]
    # One reading only, nothing filled in from the defaults, and the year written out in full ("21-9-1" is not).
    if reading is None or reading != other_default or not re.search(rf"(?<!\d){reading.year:04d}(?!\d)", text):
        raise DateError(value)
    return reading
