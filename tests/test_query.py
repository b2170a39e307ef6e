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
    Level,
    closest,
    days_overdue,
    deadline_in_force,
    done_late,
    due,
    effective_deadline,
    entries_of,
    known_divisions,
    latest_progress,
    overdue,
    select,
    today_in,
    warning_level,
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


def test_done_items_and_ongoing_ones_are_never_late():
    assert days_overdue(make_item(status="done", done_on=date(2021, 9, 5)), date(2022, 1, 1)) is None
    # 长期坚持: long-term work has no point at which it is late, deadline or not.
    assert days_overdue(make_item(status="ongoing"), date(2021, 9, 10)) is None
    assert days_overdue(make_item(status="长期坚持"), date(2021, 9, 10)) is None
    assert days_overdue(make_item(status="ongoing", deadline=None), date(2021, 9, 10)) is None


@given(
    deadline=st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)),
    as_of=st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)),
    status=st.sampled_from([Status.PENDING, Status.IN_PROGRESS]),
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


# --- the 台账: deadline in force, done late, warning levels ----------------------------------------------------------

EXTENDED = {
    "deadline": date(2021, 6, 1),
    "extensions": [{"to": date(2021, 7, 31), "reason": "推迟", "approved_on": date(2021, 6, 20)}],
}


def test_an_extension_counts_from_the_day_it_was_approved():
    item = make_item(**EXTENDED)
    # Before approval the published deadline held: the item was late on 2021-06-10, and stays late on record then.
    assert deadline_in_force(item, date(2021, 6, 10)) == date(2021, 6, 1)
    assert days_overdue(item, date(2021, 6, 10)) == 9
    # From approval the new deadline holds.
    assert effective_deadline(item, date(2021, 6, 20)) == date(2021, 7, 31)
    assert days_overdue(item, date(2021, 6, 20)) is None
    assert days_overdue(item, date(2021, 8, 2)) == 2
    assert item.deadline == date(2021, 6, 1)  # the published date is never changed


def test_an_extension_without_approval_date_counts_from_the_start():
    item = make_item(deadline=date(2021, 6, 1), extensions=[{"to": date(2021, 7, 31), "reason": "推迟"}])
    assert deadline_in_force(item, date(2021, 1, 1)) == date(2021, 7, 31)
    assert days_overdue(item, date(2021, 6, 10)) is None


def test_the_last_extension_in_force_wins():
    item = make_item(
        deadline=date(2021, 6, 1),
        extensions=[
            {"to": date(2021, 7, 31), "reason": "一", "approved_on": date(2021, 5, 1)},
            {"to": date(2021, 9, 30), "reason": "二", "approved_on": date(2021, 7, 15)},
        ],
    )
    assert [deadline_in_force(item, day) for day in (date(2021, 4, 1), date(2021, 5, 1), date(2021, 8, 1))] == [
        date(2021, 6, 1),
        date(2021, 7, 31),
        date(2021, 9, 30),
    ]


def test_done_late_is_judged_against_the_deadline_in_force_on_the_day_it_was_done():
    on_time = make_item(status="done", done_on=date(2021, 7, 1), **EXTENDED)
    assert not done_late(on_time)
    # Done on 2021-06-15, before the extension was approved: late then, and an approval later does not undo it.
    late = make_item(status="done", done_on=date(2021, 6, 15), **EXTENDED)
    assert done_late(late) and done_late(late, date(2021, 12, 31))
    # Not done yet on the as-of date: nothing to say about being done late.
    assert not done_late(late, date(2021, 6, 14))
    assert not done_late(make_item(status="done", done_on=date(2021, 8, 31)))
    assert done_late(make_item(status="done", done_on=date(2021, 9, 1)))


@pytest.mark.parametrize(
    ("as_of", "level"),
    [
        (date(2021, 8, 10), None),  # 21 days left
        (date(2021, 8, 11), Level.YELLOW),  # 20 days left
        (date(2021, 8, 20), Level.YELLOW),  # 11 days left
        (date(2021, 8, 21), Level.ORANGE),  # 10 days left
        (date(2021, 8, 31), Level.ORANGE),  # due today: not late yet
        (date(2021, 9, 1), Level.RED),  # 1 day late
    ],
)
def test_warning_levels_at_their_boundaries(as_of, level):
    assert warning_level(make_item(deadline=date(2021, 8, 31)), as_of) is level


def test_warning_levels_follow_the_plans_warn_days():
    from rectiplan.model import WarnDays

    item = make_item(deadline=date(2021, 8, 31))
    assert warning_level(item, date(2021, 8, 1), WarnDays(yellow=30, orange=5)) is Level.YELLOW
    assert warning_level(item, date(2021, 8, 26), WarnDays(yellow=30, orange=5)) is Level.ORANGE


def test_done_and_ongoing_items_have_no_level():
    assert warning_level(make_item(status="done", done_on=date(2021, 8, 1)), date(2021, 9, 10)) is None
    assert warning_level(make_item(status="ongoing"), date(2021, 9, 10)) is None
    assert warning_level(make_item(status="ongoing", deadline=None), date(2021, 9, 10)) is None
    # Done after the as-of date: still open, and red, on that day.
    assert warning_level(make_item(status="done", done_on=date(2021, 9, 20)), date(2021, 9, 10)) is Level.RED


def test_latest_progress_never_shows_a_note_written_after_the_as_of_date():
    item = make_item(
        progress=[{"on": date(2021, 6, 1), "text": "一"}, {"on": date(2021, 7, 1), "text": "二", "by": "潘红雄"}]
    )
    assert latest_progress(item, date(2021, 5, 31)) is None
    assert latest_progress(item, date(2021, 6, 30)).text == "一"
    assert latest_progress(item, date(2021, 7, 1)).by == "潘红雄"


def test_due_lists_open_items_overdue_or_within_the_window_most_urgent_first():
    plan = Plan(
        title="t",
        items=[
            make_item(id=1, deadline=date(2021, 9, 30)),  # 29 days: outside the yellow window
            make_item(id=2, deadline=date(2021, 9, 15)),  # 14 days: yellow
            make_item(id=3, deadline=date(2021, 8, 1)),  # 31 days late
            make_item(id=4, deadline=date(2021, 9, 2)),  # 1 day: orange
            make_item(id=5, deadline=date(2021, 8, 1), status="done", done_on=date(2021, 8, 20)),
            make_item(id=6, deadline=None, status="ongoing"),
        ],
    )
    entries = entries_of([("p.yaml", plan)])
    found = due(entries, lambda entry: date(2021, 9, 1))
    assert [(hit.entry.item.id, hit.tracking.days_left, hit.tracking.level) for hit in found] == [
        (3, -31, Level.RED),
        (4, 1, Level.ORANGE),
        (2, 14, Level.YELLOW),
    ]
    assert [hit.entry.item.id for hit in due(entries, lambda entry: date(2021, 9, 1), within=30)] == [3, 4, 2, 1]
    assert [hit.entry.item.id for hit in due(entries, lambda entry: date(2021, 9, 1), within=0)] == [3]


def test_due_filters_judge_the_deadline_in_force():
    item = make_item(**EXTENDED)
    assert ItemFilter(due_before=date(2021, 6, 30)).matches(item, date(2021, 6, 10))
    assert not ItemFilter(due_before=date(2021, 6, 30)).matches(item, date(2021, 6, 25))
    assert not ItemFilter(due_before=date(2030, 1, 1)).matches(make_item(status="ongoing", deadline=None))
