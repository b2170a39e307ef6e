"""Questions asked of loaded plans: which items match a filter, which are late as of a date, by how much."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from .model import Item, Plan, Status


@dataclass(frozen=True)
class Entry:
    """An item together with the plan, and the plan file, it belongs to."""

    source: str
    plan: Plan
    item: Item


@dataclass(frozen=True)
class Overdue:
    entry: Entry
    as_of: date
    days_overdue: int


@dataclass(frozen=True)
class ItemFilter:
    """What `list` and `overdue` narrow items down by. Empty fields match everything; all given fields must match."""

    divisions: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    topic: str | None = None
    statuses: tuple[Status, ...] = ()
    due_before: date | None = None
    due_after: date | None = None
    search: str | None = None

    def matches(self, item: Item) -> bool:
        if self.divisions and not set(self.divisions).intersection(item.all_divisions()):
            return False
        if self.people and item.leader not in self.people and item.owner not in self.people:
            return False
        if self.topic is not None and self.topic.casefold() not in item.topic.casefold():
            return False
        if self.statuses and item.status not in self.statuses:
            return False
        if self.due_before is not None and item.deadline > self.due_before:
            return False
        if self.due_after is not None and item.deadline < self.due_after:
            return False
        return self.search is None or _mentions(item, self.search.casefold())


def _mentions(item: Item, needle: str) -> bool:
    texts = [item.issue, *(measure.text for measure in item.measures), *item.evidence]
    return any(needle in text.casefold() for text in texts)


def entries_of(plans: Iterable[tuple[str, Plan]]) -> list[Entry]:
    return [Entry(source, plan, item) for source, plan in plans for item in plan.items]


def select(entries: Iterable[Entry], item_filter: ItemFilter) -> list[Entry]:
    return [entry for entry in entries if item_filter.matches(entry.item)]


def days_overdue(item: Item, as_of: date) -> int | None:
    """Whole days past the deadline on `as_of`, or None when the item is not late then: due on or after that day,
    or done by then. An item done after `as_of` was still open, and so late, on that day: `done_on` says when.

    `ongoing` (长期坚持) items are chased like any other once their deadline has passed.
    """
    if item.deadline >= as_of or done_by(item, as_of):
        return None
    return (as_of - item.deadline).days


def done_by(item: Item, as_of: date) -> bool:
    """Whether the item was done on `as_of` (its status is done and it was done on that day or before)."""
    return item.status is Status.DONE and (item.done_on is None or item.done_on <= as_of)


def overdue(entries: Iterable[Entry], as_of: Callable[[Entry], date]) -> list[Overdue]:
    """Late items, most late first (then by plan and id). `as_of` gives each entry's date: plans may differ in zone."""
    found = []
    for entry in entries:
        when = as_of(entry)
        days = days_overdue(entry.item, when)
        if days is not None:
            found.append(Overdue(entry, when, days))
    return sorted(found, key=lambda late: (-late.days_overdue, late.entry.source, late.entry.item.id))


def days_until(item: Item, as_of: date) -> int:
    """Days from `as_of` to the deadline: negative when late."""
    return (item.deadline - as_of).days


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
