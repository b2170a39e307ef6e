"""Counts over the 台账, as of a date: per division, person, topic or month (`summary`), and the facts of the
整改进展情况报告 (`report`). Plain data; rendering is left to `render_summary` and `render_report`.

How each figure is counted is documented in the README ("How summary counts"); the docstrings here say the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from .model import Extension, Plan, Status
from .query import Entry, Level, Tracking, done_by, extensions_in_force, track

GROUPINGS = ("division", "person", "topic", "month")
Grouping = Literal["division", "person", "topic", "month"]

# The group of items that have no value to group by (no person named, no deadline for the month).
NO_GROUP = ""


@dataclass
class Counts:
    """The figures of one group of items, as of the as-of date.

    - `total`: items in the group; `done` + `in_progress` + `pending` + `ongoing` == `total`.
    - `done`: status done with `done_on` on or before the as-of date; `done_late`: of those, done late.
    - `in_progress`, `pending`, `ongoing`: by status; an item done only after the as-of date counts as in progress
      when a progress note dated by then shows work had started, else as pending.
    - `overdue`: not done by the as-of date and past the deadline in force (never an ongoing item).
    - `due_soon`: not done, not overdue, and orange or yellow: the deadline in force within the plan's yellow days.
    - `due`: items that should be done by the as-of date (应完成): done ones, and the others whose deadline in force
      is on or before it; ongoing items never.
    - `completion_rate` (整改完成率): `done` / `due`, None when nothing is due yet.
    """

    total: int = 0
    done: int = 0
    done_late: int = 0
    in_progress: int = 0
    pending: int = 0
    ongoing: int = 0
    overdue: int = 0
    due_soon: int = 0
    due: int = 0

    @property
    def completion_rate(self) -> float | None:
        return self.done / self.due if self.due else None

    def add(self, facts: ItemFacts) -> None:
        self.total += 1
        self.done += facts.done
        self.done_late += facts.tracking.done_late
        self.in_progress += facts.state == "in_progress"
        self.pending += facts.state == "pending"
        self.ongoing += facts.state == "ongoing"
        self.overdue += facts.tracking.days_overdue is not None
        self.due_soon += facts.tracking.level in (Level.ORANGE, Level.YELLOW)
        self.due += facts.due


@dataclass(frozen=True)
class ItemFacts:
    """What the counts need of one item, worked out once however many groups it is counted in."""

    entry: Entry
    tracking: Tracking
    state: str  # done, in_progress, pending or ongoing, as of the as-of date
    done: bool
    due: bool


def item_facts(entry: Entry, as_of: date) -> ItemFacts:
    item = entry.item
    facts = track(entry, as_of)
    done = done_by(item, as_of)
    state = facts.status.value
    deadline = facts.effective_deadline
    due = item.status is not Status.ONGOING and (done or (deadline is not None and deadline <= as_of))
    return ItemFacts(entry, facts, state, done, due)


@dataclass
class Group:
    name: str  # NO_GROUP for the items without a value to group by
    counts: Counts = field(default_factory=Counts)


@dataclass
class Summary:
    """Counts per group, and the total row, which counts every item once: an item in two groups (two divisions,
    a leader and an owner) is counted in both, so the groups may add up to more than the total."""

    by: str
    groups: list[Group]
    total: Counts
    as_of: tuple[date, ...]


def group_names(facts: ItemFacts, by: str) -> list[str]:
    """The groups an item counts in, each once."""
    item = facts.entry.item
    if by == "division":
        return item.all_divisions()
    if by == "person":
        return list(dict.fromkeys(name for name in (item.leader, item.owner) if name)) or [NO_GROUP]
    if by == "topic":
        return [item.topic]
    deadline = facts.tracking.effective_deadline
    return [f"{deadline.year:04d}-{deadline.month:02d}"] if deadline else [NO_GROUP]


def summarize(entries: Iterable[Entry], as_of: Callable[[Entry], date], by: str) -> Summary:
    """Counts by division, person, topic or month (of the deadline in force), groups in order of first appearance
    (months in date order; a plan's `divisions` roster order first when it has one), the no-value group last."""
    groups: dict[str, Group] = {}
    total = Counts()
    dates: set[date] = set()
    for entry in entries:
        if by == "division" and entry.plan.divisions:
            for name in entry.plan.divisions:
                groups.setdefault(name, Group(name))
        when = as_of(entry)
        dates.add(when)
        facts = item_facts(entry, when)
        total.add(facts)
        for name in group_names(facts, by):
            groups.setdefault(name, Group(name)).counts.add(facts)
    ordered = list(groups.values())
    if by == "month":
        ordered.sort(key=lambda group: group.name)
    ordered.sort(key=lambda group: group.name == NO_GROUP)  # stable: only moves the no-value group last
    return Summary(by, ordered, total, tuple(sorted(dates)))


@dataclass(frozen=True)
class Granted:
    """An extension in the report: the item, the deadline before it, and the extension."""

    entry: Entry
    previous: date | None
    extension: Extension


@dataclass
class ProgressReport:
    """The facts of a 整改进展情况报告 as of a date: nothing recorded after that date is in it."""

    titles: list[str]
    as_of: tuple[date, ...]
    since: date | None
    summary: Summary  # by division
    completed: list[ItemFacts]  # done by the as-of date (and on or after `since`), in order of done_on
    overdue: list[ItemFacts]  # most late first
    extensions: list[Granted]  # in force by the as-of date (and approved on or after `since`), by approval date


def progress_report(
    plans: Sequence[tuple[str, Plan]],
    entries: Sequence[Entry],
    as_of: Callable[[Entry], date],
    since: date | None = None,
) -> ProgressReport:
    summary = summarize(entries, as_of, "division")
    completed: list[ItemFacts] = []
    overdue: list[ItemFacts] = []
    granted: list[Granted] = []
    for entry in entries:
        when = as_of(entry)
        facts = item_facts(entry, when)
        item = entry.item
        if facts.done and item.done_on is not None and (since is None or item.done_on >= since):
            completed.append(facts)
        if facts.tracking.days_overdue is not None:
            overdue.append(facts)
        previous = item.deadline
        for extension in extensions_in_force(item, when):
            approved = extension.approved_on
            # An extension without an approval date has no day to fall in a period: only shown without --since.
            if since is None or (approved is not None and approved >= since):
                granted.append(Granted(entry, previous, extension))
            previous = extension.to
    completed.sort(key=lambda facts: (facts.entry.item.done_on, facts.entry.source, facts.entry.item.id))
    overdue.sort(key=lambda facts: (-(facts.tracking.days_overdue or 0), facts.entry.source, facts.entry.item.id))
    granted.sort(key=lambda hit: (hit.extension.approved_on or date.min, hit.entry.source, hit.entry.item.id))
    titles = list(dict.fromkeys(plan.title for _, plan in plans))
    return ProgressReport(titles, summary.as_of, since, summary, completed, overdue, granted)
