"""Questions asked of loaded plans: which items match a filter, which are late as of a date, by how much, which
deadline is in force on a date, and how urgent an item is (三色预警).

Every answer is judged as of a date the caller passes in; nothing here reads the clock.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from enum import Enum
from typing import NamedTuple

from .model import Extension, Item, Plan, Progress, Status, WarnDays


class Level(str, Enum):
    """The warning level (三色预警) of an item not done: red when overdue, orange and yellow when close."""

    RED = "red"
    ORANGE = "orange"
    YELLOW = "yellow"


# Most urgent first, for sorting.
LEVEL_RANK: dict[Level | None, int] = {Level.RED: 0, Level.ORANGE: 1, Level.YELLOW: 2, None: 3}


class Entry(NamedTuple):
    """An item together with the plan, and the plan file, it belongs to."""

    source: str
    plan: Plan
    item: Item


class Overdue(NamedTuple):
    """An item past its deadline in force and not done on `as_of`, by `days_overdue` days (1 or more)."""

    entry: Entry
    as_of: date
    days_overdue: int


class ItemFilter(NamedTuple):
    """What `list` and `overdue` narrow items down by. Empty fields match everything; all given fields must match."""

    divisions: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    topic: str | None = None
    statuses: tuple[Status, ...] = ()
    due_before: date | None = None
    due_after: date | None = None
    search: str | None = None

    def matches(self, item: Item, as_of: date | None = None) -> bool:
        """Whether the item passes; the status filter looks at the status on `as_of` and the due filters at the
        deadline in force then (without a date, at the file's status and the last extension's deadline), and an
        item with no deadline at all passes neither due filter."""
        if self.divisions and not set(self.divisions).intersection(item.all_divisions()):
            return False
        if self.people and item.leader not in self.people and item.owner not in self.people:
            return False
        if self.topic is not None and self.topic.casefold() not in item.topic.casefold():
            return False
        # The status on the as-of date, the one the listing shows beside the item.
        if self.statuses and (status_as_of(item, as_of) if as_of else item.status) not in self.statuses:
            return False
        if self.due_before is not None or self.due_after is not None:
            deadline = deadline_in_force(item, as_of) if as_of is not None else last_deadline(item)
            if deadline is None:
                return False
            if self.due_before is not None and deadline > self.due_before:
                return False
            if self.due_after is not None and deadline < self.due_after:
                return False
        return self.search is None or _mentions(item, self.search.casefold())


def _mentions(item: Item, needle: str) -> bool:
    texts = [item.issue, *(measure.text for measure in item.measures), *item.evidence]
    return any(needle in text.casefold() for text in texts)


def entries_of(plans: Iterable[tuple[str, Plan]]) -> list[Entry]:
    return [Entry(source, plan, item) for source, plan in plans for item in plan.items]


def select(
    entries: Iterable[Entry], item_filter: ItemFilter, as_of: Callable[[Entry], date] | None = None
) -> list[Entry]:
    return [entry for entry in entries if item_filter.matches(entry.item, as_of(entry) if as_of else None)]


def extensions_in_force(item: Item, on: date) -> list[Extension]:
    """The extensions approved by `on`; one without `approved_on` counts from the start."""
    return [ext for ext in item.extensions if ext.approved_on is None or ext.approved_on <= on]


def deadline_in_force(item: Item, on: date) -> date | None:
    """The deadline that held on `on`: the last extension approved by then, else the published deadline.

    An extension approved on 2021-06-20 does not erase lateness on 2021-06-10: on that day the old date held.
    """
    granted = extensions_in_force(item, on)
    return granted[-1].to if granted else item.deadline


def last_deadline(item: Item) -> date | None:
    """The deadline once every recorded extension is in force."""
    return item.extensions[-1].to if item.extensions else item.deadline


def effective_deadline(item: Item, as_of: date) -> date | None:
    """The deadline in force on the as-of date: what lateness, days left and warning levels are judged against."""
    return deadline_in_force(item, as_of)


def days_overdue(item: Item, as_of: date) -> int | None:
    """Whole days past the effective deadline on `as_of`, or None when the item is not late then: due on or after
    that day, done by then, ongoing, or without a deadline. An item done after `as_of` was still open, and so late,
    on that day: `done_on` says when.

    `ongoing` (长期坚持) items are long-term work: never overdue, counted apart.
    """
    if item.status is Status.ONGOING:
        return None
    deadline = deadline_in_force(item, as_of)
    if deadline is None or deadline >= as_of or done_by(item, as_of):
        return None
    return (as_of - deadline).days


def done_late(item: Item, as_of: date | None = None) -> bool:
    """Done (by `as_of`, when given) but after the deadline in force on the day it was done (逾期完成)."""
    if item.status is not Status.DONE or item.done_on is None:
        return False
    if as_of is not None and item.done_on > as_of:
        return False
    deadline = deadline_in_force(item, item.done_on)
    return deadline is not None and item.done_on > deadline


def days_left(item: Item, as_of: date) -> int | None:
    """Days from `as_of` to the effective deadline (negative when past it), or None when nothing is due: without a
    deadline, done by `as_of`, or ongoing (长期坚持: never late, as `days_overdue` says). Every view's "N days left"
    or "N days late" is this number, so none can call late what `overdue` does not."""
    if item.status is Status.ONGOING or done_by(item, as_of):
        return None
    deadline = deadline_in_force(item, as_of)
    return None if deadline is None else (deadline - as_of).days


def warning_level(item: Item, as_of: date, warn_days: WarnDays | None = None) -> Level | None:
    """Red when overdue; orange when the effective deadline is at most `orange` days away (today included), yellow
    at most `yellow` days; None when further off, done by `as_of`, ongoing or without a deadline."""
    if item.status is Status.ONGOING or done_by(item, as_of):
        return None
    left = days_left(item, as_of)
    if left is None:
        return None
    thresholds = warn_days or WarnDays()
    if left < 0:
        return Level.RED
    if left <= thresholds.orange:
        return Level.ORANGE
    if left <= thresholds.yellow:
        return Level.YELLOW
    return None


def latest_progress(item: Item, as_of: date) -> Progress | None:
    """The newest progress entry dated on or before `as_of`: a report for a past date never sees later notes."""
    known = [entry for entry in item.progress if entry.on <= as_of]
    return known[-1] if known else None


class Tracking(NamedTuple):
    """An item's 台账 facts as of a date, computed once for whoever renders them."""

    as_of: date
    effective_deadline: date | None
    days_left: int | None
    days_overdue: int | None
    level: Level | None
    done_late: bool
    latest_progress: Progress | None
    status: Status  # as of `as_of` (see `status_as_of`), not necessarily the file's


def track(entry: Entry, as_of: date) -> Tracking:
    item = entry.item
    return Tracking(
        as_of=as_of,
        effective_deadline=effective_deadline(item, as_of),
        days_left=days_left(item, as_of),
        days_overdue=days_overdue(item, as_of),
        level=warning_level(item, as_of, entry.plan.warn_days),
        done_late=done_late(item, as_of),
        latest_progress=latest_progress(item, as_of),
        status=status_as_of(item, as_of),
    )


class Due(NamedTuple):
    """An item that needs chasing: not done, and overdue or due within the window."""

    entry: Entry
    tracking: Tracking


def due(entries: Iterable[Entry], as_of: Callable[[Entry], date], within: int | None = None) -> list[Due]:
    """Items not done by their as-of date that are overdue or due within `within` days (default: each plan's
    yellow level), most urgent first: fewest days left (most late first), then plan and id."""
    found = []
    for entry in entries:
        facts = track(entry, as_of(entry))
        if facts.days_left is None or entry.item.status is Status.ONGOING or done_by(entry.item, facts.as_of):
            continue
        window = entry.plan.warn_days.yellow if within is None else within
        if facts.days_left <= window:
            found.append(Due(entry, facts))
    return sorted(found, key=lambda hit: (hit.tracking.days_left, hit.entry.source, hit.entry.item.id))


def done_by(item: Item, as_of: date) -> bool:
    """Whether the item was done on `as_of` (its status is done and it was done on that day or before)."""
    return item.status is Status.DONE and (item.done_on is None or item.done_on <= as_of)


def status_as_of(item: Item, as_of: date) -> Status:
    """The item's status on `as_of`: the one definition that summary, the table, `show` and the records use.

    Done by then (status done, `done_on` on or before it) is done. An item done only after that date was not done
    then; the file does not date status changes, so what it was is read from what is dated: a progress note dated
    by then shows work had started (in progress), without one it had not (pending). Any other status is the file's:
    nothing dated says when an item became in progress or ongoing."""
    if item.status is not Status.DONE:
        return item.status
    if item.done_on is None or item.done_on <= as_of:
        return Status.DONE
    return Status.IN_PROGRESS if latest_progress(item, as_of) is not None else Status.PENDING


def overdue(entries: Iterable[Entry], as_of: Callable[[Entry], date]) -> list[Overdue]:
    """Late items, most late first (then by plan and id). `as_of` gives each entry's date: plans may differ in zone."""
    found = []
    for entry in entries:
        when = as_of(entry)
        days = days_overdue(entry.item, when)
        if days is not None:
            found.append(Overdue(entry, when, days))
    return sorted(found, key=lambda late: (-late.days_overdue, late.entry.source, late.entry.item.id))


class Reminder(NamedTuple):
    """What one responsible person is asked to chase: their overdue and due-soon items, most urgent first."""

    person: str
    overdue: list[Due]
    due_soon: list[Due]
    is_division: bool = False  # no person is named on the item: the division is addressed


def responsible(item: Item) -> list[str]:
    """Who is reminded of an item: its owner, else its leader, else each of its divisions."""
    named = item.owner or item.leader
    return [named] if named else item.divisions


def reminders(entries: Iterable[Entry], as_of: Callable[[Entry], date], within: int | None = None) -> list[Reminder]:
    """One reminder per responsible person, in order of their most urgent item (the `due` order)."""
    by_person: dict[str, Reminder] = {}
    for hit in due(entries, as_of, within):
        item = hit.entry.item
        for person in responsible(item):
            addressed = Reminder(person, [], [], is_division=not (item.owner or item.leader))
            reminder = by_person.setdefault(person, addressed)
            (reminder.overdue if hit.tracking.days_overdue is not None else reminder.due_soon).append(hit)
    return list(by_person.values())


def today_in(timezone: str, now: datetime) -> date:
    """The calendar date in `timezone` at the instant `now` (which must be timezone-aware)."""
    from zoneinfo import ZoneInfo

    return now.astimezone(ZoneInfo(timezone)).date()


def known_divisions(entries: Iterable[Entry]) -> list[str]:
    seen: dict[str, None] = {}
    for entry in entries:
        seen.update(dict.fromkeys(entry.item.all_divisions()))
    return list(seen)


def known_people(entries: Iterable[Entry]) -> list[str]:
    seen: dict[str, None] = {}
    for entry in entries:
        seen.update(dict.fromkeys(name for name in (entry.item.leader, entry.item.owner) if name))
    return list(seen)


def closest(name: str, known: Sequence[str]) -> str | None:
    """The known name nearest to `name`, for "did you mean"; a known name that contains it counts first."""
    containing = [candidate for candidate in known if name and name in candidate]
    if containing:
        return containing[0]
    matches = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    return matches[0] if matches else None


def find_item(entries: Iterable[Entry], item_id: int) -> list[Entry]:
    return [entry for entry in entries if entry.item.id == item_id]
