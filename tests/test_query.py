"""The core questions, asked directly: filters, lateness, today in the plan's zone."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from conftest import BUNDLED
from hypothesis import given
from hypothesis import strategies as st

from rectiplan.model import Item, Plan, Status
from rectiplan.query import (
    Entry,
    ItemFilter,
    closest,
    days_overdue,
    entries_of,
    known_divisions,
    overdue,
    select,
    today_in,
)
from rectiplan.validate import load_plan


def make_item(**fields: object) -> Item:
    values: dict[str, object] = {
        "id": 1,
        "topic": "定点帮扶",
        "issue": "问题",
        "measures": ["措施"],
        "evidence": [],
        "deadline": date(2021, 8, 31),
        "divisions": ["农村处"],
        **fields,
    }
    return Item.model_validate(values)


@pytest.fixture(scope="module")
def bundled_entries() -> list[Entry]:
    result = load_plan(BUNDLED)
    assert result.problems == []
    return entries_of([(str(BUNDLED), result.plan)])


def test_an_item_due_on_the_as_of_date_is_not_late():
    item = make_item(deadline=date(2021, 8, 31))
    assert days_overdue(item, date(2021, 8, 31)) is None
    assert days_overdue(item, date(2021, 9, 1)) == 1


def test_done_items_are_never_late_and_ongoing_ones_are():
    assert days_overdue(make_item(status="done", done_on=date(2021, 9, 5)), date(2022, 1, 1)) is None
    assert days_overdue(make_item(status="ongoing"), date(2021, 9, 10)) == 10
    assert days_overdue(make_item(status="长期坚持"), date(2021, 9, 10)) == 10


@given(
    deadline=st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)),
    as_of=st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)),
    status=st.sampled_from([Status.PENDING, Status.IN_PROGRESS, Status.ONGOING]),
)
def test_days_overdue_is_the_whole_days_past_the_deadline(deadline, as_of, status):
    days = days_overdue(make_item(deadline=deadline, status=status), as_of)
    if as_of > deadline:
        assert days == (as_of - deadline).days and days >= 1
        assert deadline + timedelta(days=days) == as_of
    else:
        assert days is None


def test_overdue_sorts_most_late_first_then_by_id(bundled_entries):
    late = overdue(bundled_entries, lambda entry: date(2021, 11, 1))
    assert [(found.entry.item.id, found.days_overdue) for found in late][:4] == [(29, 185), (19, 124), (1, 62), (5, 62)]
    assert len(late) == 14
    assert all(found.as_of == date(2021, 11, 1) for found in late)


def test_filters_are_inclusive_and_combine_with_and(bundled_entries):
    due_on = date(2021, 10, 31)
    both = ItemFilter(due_before=due_on, due_after=due_on, divisions=("规配处",))
    assert [entry.item.id for entry in select(bundled_entries, both)] == [18]
    assert select(bundled_entries, ItemFilter()) == bundled_entries


def test_search_looks_in_issue_measures_and_evidence_ignoring_case(bundled_entries):
    def ids(text: str) -> list[int]:
        return [entry.item.id for entry in select(bundled_entries, ItemFilter(search=text))]

    assert ids("r&d") == [25]  # in the issue
    assert ids("网络课程") == [30]  # in a measure
    assert ids("道路维护合同") == [13]  # in the evidence
    assert ids("反馈问题整改") == []  # the topic is not searched


def test_known_divisions_include_those_named_only_on_measures():
    plan = Plan.model_validate(
        {
            "title": "t",
            "items": [
                make_item(divisions=["甲处", "乙处"], measures=[{"text": "m", "divisions": ["乙处"]}]).model_dump(),
            ],
        }
    )
    assert known_divisions(entries_of([("p", plan)])) == ["甲处", "乙处"]


def test_closest_prefers_a_name_containing_what_was_typed():
    known = ["农村处", "社发处", "规配处"]
    assert closest("农村", known) == "农村处"
    assert closest("农材处", known) == "农村处"
    assert closest("财务处处长", known) is None


@pytest.mark.parametrize(
    ("instant", "zone", "expected"),
    [
        # A CI job in UTC at 20:00 on the 31st: in Shanghai it is already the 1st.
        (datetime(2021, 8, 31, 20, 0, tzinfo=timezone.utc), "Asia/Shanghai", date(2021, 9, 1)),
        (datetime(2021, 8, 31, 15, 59, tzinfo=timezone.utc), "Asia/Shanghai", date(2021, 8, 31)),
        (datetime(2021, 9, 1, 3, 0, tzinfo=timezone.utc), "America/New_York", date(2021, 8, 31)),
    ],
)
def test_today_is_today_in_the_plans_zone(instant, zone, expected):
    assert today_in(zone, instant) == expected
