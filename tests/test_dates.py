"""Dates as people write them: in plan files (year first, strict) and on the command line (looser, never a guess)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rectiplan.dates import DateError, parse_date_argument, parse_year_first

TODAY = date(2021, 9, 1)


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_every_year_first_form_reads_back_the_same_day(day):
    forms = [
        day.isoformat(),
        f"{day.year}-{day.month}-{day.day}",
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}.{day.month}.{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
        f" {day.year} 年 {day.month} 月 {day.day} 日 ",
    ]
    assert {parse_year_first(form) for form in forms} == {day}


def test_full_width_digits_pasted_from_word_are_read():
    assert parse_year_first("２０２１年８月３１日") == date(2021, 8, 31)
    assert parse_year_first("２０２１－０８－３１") == date(2021, 8, 31)


@pytest.mark.parametrize("text", ["2021-02-30", "2021-13-01", "2021年2月29日", "2021/4/31"])
def test_impossible_dates_are_refused_as_impossible(text):
    with pytest.raises(DateError) as caught:
        parse_year_first(text)
    assert caught.value.impossible


@pytest.mark.parametrize("text", ["8/31/2021", "31.8.2021", "2021-08", "20210831", "2021-8/31", "明年", ""])
def test_other_forms_are_refused_in_plan_files(text):
    with pytest.raises(DateError) as caught:
        parse_year_first(text)
    assert not caught.value.impossible


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", TODAY),
        ("TODAY", TODAY),
        ("今天", TODAY),
        ("2021-09-01", date(2021, 9, 1)),
        ("2021年9月1日", date(2021, 9, 1)),
        ("Sep 1 2021", date(2021, 9, 1)),
        ("1 September 2021", date(2021, 9, 1)),
        ("13/9/2021", date(2021, 9, 13)),  # 13 cannot be a month: one reading only
    ],
)
def test_command_line_dates(text, expected):
    assert parse_date_argument(text, TODAY) == expected


@pytest.mark.parametrize(
    "text",
    ["1/9/2021", "01.09.2021", "Sep 2021", "September", "2021-02-30", "soon", "21-9-1", "21/9/1", "210901",
     "32-01-01", "111111111", ""],
)  # fmt: skip
def test_ambiguous_or_incomplete_command_line_dates_are_refused(text):
    with pytest.raises(DateError):
        parse_date_argument(text, TODAY)
