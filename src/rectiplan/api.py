"""rectiplan as a Python library: load plans, select items, ask what is overdue or due soon, count them, and make
the edits of the daily 台账 loop, with the same rules as the command line but no exit codes and no printing.

Problems in a plan are data (`Loaded.problems`, each a `Problem`); a request that cannot be answered (an unknown
division, an edit refused, a write that would overwrite someone else's change) raises a `RectiplanError`. Every
answer that depends on a date takes it (`as_of`, `today`); left out, it is today in each plan's own time zone.
The garbage collector is never switched: that is the choice of the program that imports rectiplan.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal, TypeVar

from .errors import (
    AmbiguousItem,
    BadDate,
    NegativeDays,
    NoSuchItem,
    RectiplanError,
    UnknownDivision,
    UnknownGrouping,
    UnknownName,
    UnknownPerson,
    UnknownStatus,
)
from .problems import Problem, Severity

if TYPE_CHECKING:
    from .discovery import PlanSource, Skipped
    from .edit import Edit
    from .edit import Loaded as OpenPlan
    from .model import Plan, Status
    from .query import Due, Entry, Overdue
    from .summary import Summary
    from .validate import LoadResult

__all__ = [
    "TODAY",
    "AmbiguousItem",
    "BadDate",
    "Loaded",
    "NegativeDays",
    "NoSuchItem",
    "RectiplanError",
    "UnknownDivision",
    "UnknownGrouping",
    "UnknownName",
    "UnknownPerson",
    "UnknownStatus",
    "attach",
    "close",
    "done",
    "due_soon",
    "extend",
    "load_plans",
    "note",
    "open_plans",
    "overdue",
    "plan_holding",
    "select",
    "set_status",
    "start",
    "summarize",
]

PathLike = str | os.PathLike[str]


@dataclass(frozen=True)
class Loaded:
    """The plan files read, each with what validation found, and what discovery passed over.

    `plans` are the valid ones (as `(path shown, Plan)`); a plan with an error is left out of `plans` and
    `entries`, and its problems are in `problems` (warnings are there too, beside a valid plan)."""

    results: list[LoadResult]
    skipped: list[Skipped] = field(default_factory=list)
    # True when no plan was named, $RECTIPLAN_PLAN is unset and there is no plans/ folder: the bundled example.
    bundled: bool = False

    @property
    def plans(self) -> list[tuple[str, Plan]]:
        """The valid plans, each as (the path as shown, the `Plan`), in the order read."""
        return [(result.path, result.plan) for result in self.results if result.plan is not None]

    @property
    def problems(self) -> list[Problem]:
        """Every problem found, errors and warnings, file by file in the order read."""
        return [problem for result in self.results for problem in result.problems]

    @property
    def ok(self) -> bool:
        """No plan has an error (warnings allowed)."""
        return all(result.ok for result in self.results)

    @property
    def errors(self) -> list[Problem]:
        """The problems that are errors (a plan with one is left out of `plans`)."""
        return [problem for problem in self.problems if problem.severity is Severity.ERROR]

    @property
    def unreadable(self) -> bool:
        """Some file could not be read at all (missing, a folder, too large...): a file error, not a plan problem."""
        from .problems import FILE_ERROR_CODES

        return any(problem.code in FILE_ERROR_CODES for problem in self.problems)

    @property
    def left_out(self) -> list[LoadResult]:
        """The plans that were read but are not valid, so are not in `plans`."""
        from .problems import FILE_ERROR_CODES

        return [
            result
            for result in self.results
            if result.plan is None and not any(problem.code in FILE_ERROR_CODES for problem in result.problems)
        ]

    @property
    def entries(self) -> list[Entry]:
        """Every item of the valid plans, with its plan."""
        from .query import entries_of

        return entries_of(self.plans)


def load_plans(
    paths: PathLike | Sequence[PathLike] | None = None,
    *,
    cwd: PathLike | None = None,
    environ: Mapping[str, str] | None = None,
) -> Loaded:
    """Read and validate plan files, found as the command line finds them.

    `paths`: the files, or folders of *.yaml / *.yml, to read; none: $RECTIPLAN_PLAN, else ./plans/, else the plan
    bundled with rectiplan. `cwd`: where relative paths start (default: the current folder). `environ`: where
    $RECTIPLAN_PLAN is looked up (default: `os.environ`).

    Returns a `Loaded`: the valid plans, every problem (a bad plan file is data there, never raised), the files
    passed over. Raises `DiscoveryError` for a named folder without plans and `EmptyPathError` for an empty path
    (both `RectiplanError`)."""
    from .discovery import discover

    named = [os.fspath(paths)] if isinstance(paths, (str, os.PathLike)) else [os.fspath(one) for one in paths or ()]
    folder = Path.cwd() if cwd is None else Path(cwd)
    found = discover(named, os.environ if environ is None else environ, folder)
    return Loaded(load_sources(found.sources), list(found.skipped), found.bundled)


def load_sources(sources: Iterable[PlanSource]) -> list[LoadResult]:
    """Read and validate `sources` (`PlanSource` values from `discovery.discover`), each within its folder.

    Returns one `LoadResult` per source, in order; raises nothing (a file that cannot be read is a problem in its
    result)."""
    from . import validate  # looked up at each call: tests replace validate.load_plan

    return [validate.load_plan(source.path, source.display, within=source.within) for source in sources]


# --- selection --------------------------------------------------------------------------------------------------------

Names = str | Iterable[str] | None
_Named = TypeVar("_Named", bound=UnknownName)


# "today" for a date filter: today in each item's own plan's zone (a plan kept in Urumqi time is not judged by
# Shanghai's date), as `as_of` left out is. 今天 and 今日 are read the same way.
TODAY: Final = "today"
DayOrToday = date | Literal["today"]


def select(
    plans: Loaded | Iterable[Entry],
    *,
    division: Names = None,
    person: Names = None,
    topic: str | None = None,
    status: Status | str | Iterable[Status | str] | None = None,
    due_before: DayOrToday | None = None,
    due_after: DayOrToday | None = None,
    search: str | None = None,
    as_of: DayOrToday | None = None,
    now: datetime | None = None,
) -> list[Entry]:
    """The items of `plans` (a `Loaded`, or entries) that pass every filter given, in their order.

    Parameters: `division`, `person` (a name or several: any of them, an item's or its measures' divisions; leader
    or owner), `topic` (contained in the topic, any case), `status` (a `Status`, name or label, or several: any
    of them, the status on the as-of date), `due_before` / `due_after` (the deadline in force on the as-of date
    lies on or before / on or after it; `TODAY`, "today", is today in each item's plan's zone), `search` (in the
    issue, measures or evidence), `as_of` (the date each item is judged on; None or "today": today in its plan's
    zone), `now` (the instant whose date is "today", default this instant).

    Returns the matching `Entry` values (item and plan). Raises `UnknownDivision`, `UnknownPerson` or
    `UnknownStatus` for a name no plan has, with the nearest known name as `suggestion` (a typo would otherwise
    select nothing, silently), and `BadDate` for a string that is not "today"."""
    from .query import ItemFilter, known_divisions, known_people, today_in
    from .query import select as select_entries

    entries = _entries(plans)
    divisions, people = _names(division), _names(person)
    check_names(divisions, known_divisions(entries), UnknownDivision)
    check_names(people, known_people(entries), UnknownPerson)
    statuses = [status] if isinstance(status, str) else list(status or ())  # a Status is a str too
    before, after, on = _day(due_before), _day(due_after), _day(as_of)
    item_filter = ItemFilter(
        divisions=tuple(divisions),
        people=tuple(people),
        topic=topic,
        statuses=tuple(status_of(one) for one in statuses),
        due_before=before if isinstance(before, date) else None,
        due_after=after if isinstance(after, date) else None,
        search=search,
    )
    instant = now or datetime.now(timezone.utc)
    days = as_of_each(on if isinstance(on, date) else None, instant)
    if before != TODAY and after != TODAY:
        return select_entries(entries, item_filter, days)
    by_zone: dict[str, ItemFilter] = {}

    def filter_for(entry: Entry) -> ItemFilter:
        zone = entry.plan.timezone
        if zone not in by_zone:
            today = today_in(zone, instant)
            by_zone[zone] = item_filter._replace(
                due_before=today if before == TODAY else item_filter.due_before,
                due_after=today if after == TODAY else item_filter.due_after,
            )
        return by_zone[zone]

    return [entry for entry in entries if filter_for(entry).matches(entry.item, days(entry))]


def _day(value: DayOrToday | None) -> DayOrToday | None:
    """A date as given, or `TODAY` for any of the words for today; any other text raises `BadDate`."""
    from .dates import is_today_word

    if not isinstance(value, str):
        return _plain_date(value)
    if is_today_word(value):
        return TODAY
    return _iso_date(value)


def _iso_date(value: str) -> date:
    """`YYYY-MM-DD` text as its date (what a script most likely passes); any other text raises `BadDate`."""
    text = value.strip()
    if len(text) == 10:  # fromisoformat reads more forms on newer Pythons (20210901); the library reads one
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise BadDate(value)


def _plain_date(value: object) -> date | None:
    """A `date` as given (a `datetime` as its calendar day), `YYYY-MM-DD` text as its date, None as None;
    anything else is a caller's slip, raised as `BadDate` with what was passed."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return _iso_date(value)
    raise BadDate(repr(value))


def check_names(names: Iterable[str], known: Sequence[str], error: type[_Named]) -> None:
    """Check that each of `names` is among `known`.

    `error`: the `UnknownName` subclass to raise (`UnknownDivision`, `UnknownPerson`...). Returns nothing; raises
    `error` for the first name not among `known`, with the nearest known one as its `suggestion`."""
    from .query import closest

    for name in names:
        if name not in known:
            raise error(name, known, closest(name, known))


def status_of(name: Status | str) -> Status:
    """The `Status` that `name` means: a `Status`, or its name or label in either language (done, 已完成, DONE).

    Returns the `Status`; raises `UnknownStatus` for a name that is none, with the status most likely meant as its
    `suggestion` (完成: 已完成)."""
    from .model import Status, status_meant, status_named

    if isinstance(name, Status):
        return name
    found = status_named(name)
    if found is None:
        raise UnknownStatus(name, [status.value for status in Status], status_meant(name))
    return found


# --- questions --------------------------------------------------------------------------------------------------------


def overdue(
    plans: Loaded | Iterable[Entry], *, as_of: DayOrToday | None = None, now: datetime | None = None
) -> list[Overdue]:
    """The items of `plans` (a `Loaded`, or entries) past their deadline in force and not done on `as_of`.

    `as_of`: the date each item is judged on (a date, `YYYY-MM-DD`, or None or "today": today in its plan's zone);
    `now`: the instant whose date is "today" (default: this instant). Returns `Overdue` values (the entry, days
    overdue, the as-of date), most late first; raises `BadDate` for text that is neither "today" nor a date."""
    from .query import overdue as find_overdue

    return find_overdue(_entries(plans), _judged_on(as_of, now))


def due_soon(
    plans: Loaded | Iterable[Entry],
    *,
    within: int | None = None,
    as_of: DayOrToday | None = None,
    now: datetime | None = None,
) -> list[Due]:
    """The items of `plans` (a `Loaded`, or entries) not done that are overdue or due within `within` days.

    `within`: a number of days, 0 or more (default: each plan's yellow warning level). `as_of`, `now`: as for
    `overdue`. Returns `Due` values, most urgent first, each with its tracking facts (days left, warning level,
    latest progress); raises `NegativeDays` for a `within` below 0 and `BadDate` for an `as_of` that is no date."""
    from .query import due

    if within is not None and within < 0:
        raise NegativeDays(within)
    return due(_entries(plans), _judged_on(as_of, now), within)


def summarize(
    plans: Loaded | Iterable[Entry],
    *,
    by: str = "division",
    as_of: DayOrToday | None = None,
    now: datetime | None = None,
) -> Summary:
    """Count the items of `plans` (a `Loaded`, or entries) per group.

    `by`: "division", "person", "topic" or "month" (of the deadline). `as_of`, `now`: as for `overdue`. Returns a
    `Summary`: per group the items, done, done late, in progress, pending, ongoing, overdue, due soon and the
    completion rate, and a total that counts each item once. Raises `UnknownGrouping` for any other `by` and
    `BadDate` for an `as_of` that is no date."""
    from .summary import GROUPINGS
    from .summary import summarize as count

    if by not in GROUPINGS:
        raise UnknownGrouping(by, list(GROUPINGS))
    return count(_entries(plans), _judged_on(as_of, now), by)


def _judged_on(as_of: DayOrToday | None, now: datetime | None) -> _AsOf:
    """`as_of_each` for an `as_of` that may also be "today" (or 今天): each plan's own today, as None is."""
    day = _day(as_of)
    return as_of_each(day if isinstance(day, date) else None, now)


def as_of_each(as_of: date | None, now: datetime | None = None) -> _AsOf:
    """The as-of date of each entry: `as_of` if given, else today at `now` (default: this instant) in the zone of
    the entry's plan, so a plan kept in Urumqi time is not judged by Shanghai's date.

    Returns a callable from an `Entry` to its date (each zone's today worked out once); raises nothing."""
    return _AsOf(_plain_date(as_of), now or datetime.now(timezone.utc))


class _AsOf:
    """A fixed date, or each plan's own today (computed once per time zone)."""

    def __init__(self, fixed: date | None, now: datetime) -> None:
        self.fixed = fixed
        self.now = now
        self.by_zone: dict[str, date] = {}

    def __call__(self, entry: Entry) -> date:
        if self.fixed is not None:
            return self.fixed
        from .query import today_in

        zone = entry.plan.timezone
        if zone not in self.by_zone:
            self.by_zone[zone] = today_in(zone, self.now)
        return self.by_zone[zone]


def _entries(plans: Loaded | Iterable[Entry]) -> list[Entry]:
    """The entries of `plans`; a caller's slip (one `Entry`, or anything else that is not entries) is a TypeError.
    An `Entry` is a tuple, so iterating one would give its plan and item instead."""
    from .query import Entry

    if isinstance(plans, Loaded):
        return plans.entries
    if isinstance(plans, (Entry, str, bytes)) or not isinstance(plans, Iterable):
        raise TypeError(f"plans must be a Loaded or entries (an iterable of Entry), not {type(plans).__name__}")
    entries = list(plans)
    strays = [entry for entry in entries if not isinstance(entry, Entry)]
    if strays:
        raise TypeError(f"plans must hold Entry values, not {type(strays[0]).__name__}")
    return entries


def _names(names: Names) -> list[str]:
    return [names] if isinstance(names, str) else list(names or ())


# --- the 台账 edits ---------------------------------------------------------------------------------------------------
# Each reads the plan file (or takes one already read: `open_plans`, `plan_holding`), makes one change to one item,
# checks the result as `validate` would, and writes it atomically (never half-written, never over a change made since
# it was read). It returns the `Edit`: the bytes before and after, `changed`, `diff()`, and `action`/`params` saying
# what was done. With `dry_run` nothing is written. A change that cannot be made raises `EditRefused` (a file that
# cannot be read, an invalid plan, no such item, a date in the future, a closed item...: its message names the first
# problem, `.problems` has them all) or `WriteRefused` (the file changed meanwhile, or cannot be written); both are
# `RectiplanError`.


def open_plans(
    paths: PathLike | Sequence[PathLike] | None = None,
    *,
    cwd: PathLike | None = None,
    environ: Mapping[str, str] | None = None,
) -> list[OpenPlan]:
    """Read plan files for editing, found as `load_plans` finds them (the same `paths`, `cwd` and `environ`).

    Returns one `edit.Loaded` per file: its path, its document (the exact bytes and node tree), what validation
    found (`.result`), and the identity of the file read, which a later write checks. Raises `DiscoveryError` or
    `EmptyPathError` as `load_plans` does; a bad plan is not raised here but refused by the edit."""
    from .discovery import discover

    named = [os.fspath(paths)] if isinstance(paths, (str, os.PathLike)) else [os.fspath(one) for one in paths or ()]
    folder = Path.cwd() if cwd is None else Path(cwd)
    return open_sources(discover(named, os.environ if environ is None else environ, folder).sources)


def open_sources(sources: Iterable[PlanSource]) -> list[OpenPlan]:
    """Read `sources` (`PlanSource` values from `discovery.discover`) for editing, each within its folder.

    Returns one `edit.Loaded` per source, in order (see `open_plans`); raises nothing: a file that cannot be read,
    or an invalid plan, has its problems in `.result` and is refused by an edit."""
    from . import edit  # looked up at each call: tests replace edit.open_plan

    return [edit.open_plan(source.path, source.display, within=source.within) for source in sources]


def plan_holding(plans: Iterable[OpenPlan], item_id: int) -> OpenPlan:
    """The one plan among `plans` (from `open_plans`) whose items include number `item_id`, to pass to an edit.

    Returns that plan (an `edit.Loaded`). Raises `NoSuchItem` (no plan has it; `.ids` lists the numbers there are), `AmbiguousItem` (several have it;
    `.paths` says which) or `EditRefused` with code "edit.bundled" (it is the plan shipped with rectiplan, which is
    reference data: edit a copy). Only valid plans are searched: an invalid one holds no items to edit."""
    opened = list(plans)
    items = {id(plan): [item.id for item in plan.result.plan.items] if plan.result.plan else [] for plan in opened}
    holding = [plan for plan in opened if item_id in items[id(plan)]]
    if len(holding) == 1:
        _not_bundled(holding[0])
        return holding[0]
    if holding:
        raise AmbiguousItem(item_id, [plan.doc.path for plan in holding])
    raise NoSuchItem(item_id, (number for numbers in items.values() for number in numbers))


def start(path: PlanFile, item_id: int, *, today: date | None = None, dry_run: bool = False) -> Edit:
    """Status in_progress (进行中) for item `item_id` of the plan `path` (a file, or a plan from `open_plans`).

    `today` is the date the edit is judged on (default: today in the plan's zone). Returns the `Edit` (written
    unless `dry_run`); raises `EditRefused` (an invalid plan, no such item, a closed item) or `WriteRefused`, and
    for a caller's slip `TypeError` (an `item_id` that is not an int) or `BadDate` (a `today` that is no date)."""
    from .model import Status

    return set_status(path, item_id, Status.IN_PROGRESS, today=today, dry_run=dry_run)


def set_status(
    path: PlanFile, item_id: int, status: Status | str, *, today: date | None = None, dry_run: bool = False
) -> Edit:
    """Another `status` (a `Status`, or its name or label: done, 已完成) for item `item_id` of the plan `path`.

    Done is dated `today` (default: today in the plan's zone), leaving done removes `done_on`, a closed (销号) item
    is not reopened. Returns the `Edit` (written unless `dry_run`); raises `UnknownStatus` for a status that does
    not exist, `EditRefused` for a change that cannot be made, `WriteRefused` when the file cannot be replaced,
    `TypeError` for an `item_id` that is not an int and `BadDate` for a `today` that is no date."""
    from . import edit

    _item(item_id)
    wanted = status_of(status)
    return _edit(path, dry_run, today, lambda plan, day: edit.set_status(plan, item_id, wanted, today=day))


def done(
    path: PlanFile, item_id: int, *, on: date | None = None, today: date | None = None, dry_run: bool = False
) -> Edit:
    """Status done for item `item_id` of the plan `path`, completed on `on` (default `today`, never after it).

    An item already done keeps its `done_on` unless `on` names another day. `today` defaults to today in the
    plan's zone. Returns the `Edit` (written unless `dry_run`); raises `EditRefused` (a date after today, a closed
    item's date, an invalid plan, no such item) or `WriteRefused`, `TypeError` for an `item_id` that is not an int
    and `BadDate` for an `on` or `today` that is no date."""
    from . import edit

    _item(item_id)
    on = _plain_date(on)

    return _edit(path, dry_run, today, lambda plan, day: edit.mark_done(plan, item_id, on=on, today=day))


def note(
    path: PlanFile,
    item_id: int,
    text: str,
    *,
    on: date | None = None,
    by: str | None = None,
    today: date | None = None,
    dry_run: bool = False,
) -> Edit:
    """A progress entry (进展情况) `text` for item `item_id` of the plan `path`, dated `on` (default `today`, never
    after it), by `by` if given.

    `today` defaults to today in the plan's zone. Returns the `Edit` (written unless `dry_run`); raises
    `EditRefused` (blank text, a date after today, an invalid plan, no such item) or `WriteRefused`, `TypeError`
    for an `item_id` that is not an int or a `text` or `by` that is not a str, and `BadDate` for an `on` or
    `today` that is no date."""
    from . import edit

    _item(item_id)
    on = _plain_date(on)
    if by is not None:
        _text_given(by, "by")

    _text_given(text, "text")
    return _edit(
        path, dry_run, today, lambda plan, day: edit.add_note(plan, item_id, text, on=on or day, by=by, today=day)
    )


def extend(
    path: PlanFile,
    item_id: int,
    *,
    to: date,
    reason: str,
    approved_on: date | None = None,
    today: date | None = None,
    dry_run: bool = False,
) -> Edit:
    """An extension (延期) of item `item_id` of the plan `path` to `to`, later than the deadline in force, for
    `reason`, approved on `approved_on`.

    Without `approved_on` the extension is approved `today` (default: today in the plan's zone), as on the command
    line: one with no approval date would count from the start and change the past; the `Edit`'s action is then
    "edit.extended_today", whose message names that day. Returns the `Edit` (written unless `dry_run`); raises
    `EditRefused` (a blank reason, a date not later than the deadline in force, a done item, an approval after
    `to` or before the last one, an invalid plan, no such item) or `WriteRefused`, `TypeError` for an `item_id`
    that is not an int, a `reason` that is not a str or no `to`, and `BadDate` for a date that is none."""
    from . import edit

    _item(item_id)
    to, approved_on = _given_date(to, "to"), _plain_date(approved_on)

    _text_given(reason, "reason")

    def extended(plan: OpenPlan, day: date) -> Edit:
        approved = approved_on or day
        change = edit.extend(plan, item_id, to=to, reason=reason, approved_on=approved, today=day)
        if approved_on is None and change.action == "edit.extended":
            params = {**change.params, "approved_on": approved.isoformat()}
            return replace(change, action="edit.extended_today", params=params)
        return change

    return _edit(path, dry_run, today, extended)


def attach(path: PlanFile, item_id: int, materials: str | Sequence[str], *, dry_run: bool = False) -> Edit:
    """`materials` (佐证材料: a file path, URL or document number, or several) added to the list of item `item_id`
    of the plan `path`; those already listed are not listed twice.

    Returns the `Edit` (written unless `dry_run`; unchanged when every material was listed already); raises
    `EditRefused` (a blank material, an invalid plan, no such item) or `WriteRefused`, and `TypeError` for an
    `item_id` that is not an int or a material that is not a str."""
    from . import edit

    _item(item_id)

    given = [materials] if isinstance(materials, str) else list(materials)
    for material in given:
        _text_given(material, "materials")
    return _edit(path, dry_run, None, lambda plan, day: edit.attach(plan, item_id, given))


def close(
    path: PlanFile, item_id: int, *, on: date | None = None, today: date | None = None, dry_run: bool = False
) -> Edit:
    """Item `item_id` of the plan `path` closed (销号) on `on` (default `today`, never after it): only a done item
    with materials, not before it was done.

    `today` defaults to today in the plan's zone. Returns the `Edit` (written unless `dry_run`); raises
    `EditRefused` (not done, no materials, closed on another day, a date before completion or after today, an
    invalid plan, no such item) or `WriteRefused`, `TypeError` for an `item_id` that is not an int and `BadDate`
    for an `on` or `today` that is no date."""
    from . import edit

    _item(item_id)
    on = _plain_date(on)

    return _edit(path, dry_run, today, lambda plan, day: edit.close(plan, item_id, on=on or day, today=day))


def _edit(path: PlanFile, dry_run: bool, today: date | None, make: _Make) -> Edit:
    from . import edit
    from .model import DEFAULT_TIMEZONE
    from .query import today_in
    from .writing import replace_file

    if isinstance(path, edit.Loaded):
        plan = path
        _not_bundled(plan)
    else:
        plan_path = Path(path)
        if _same_file(plan_path, _bundled_path()):
            raise edit.EditRefused("edit.bundled", path=str(plan_path))
        # Found as the command line finds a named file, so the same link policy holds: a link may lead only
        # within its own folder (a plan from a merge request must not make the library rewrite a file elsewhere).
        from .discovery import discover

        sources = [] if plan_path.is_dir() else discover([os.fspath(plan_path)], {}, Path.cwd()).sources
        if len(sources) == 1:
            plan = edit.open_plan(sources[0].path, sources[0].display, within=sources[0].within)
        else:  # a folder: read as a file, it is refused with a located problem
            plan = edit.open_plan(plan_path)
    today = _plain_date(today)
    if today is None:
        zone = plan.result.plan.timezone if plan.result.plan is not None else DEFAULT_TIMEZONE
        today = today_in(zone, datetime.now(timezone.utc))
    change = make(plan, today)
    if change.changed and not dry_run:
        replace_file(
            plan.path, change.before, change.after, shown=change.path, within=plan.within, identity=plan.identity
        )
    return change


if TYPE_CHECKING:
    from collections.abc import Callable

    _Make = Callable[[OpenPlan, date], Edit]
    # A plan file to edit: its path, or the plan as `open_plans` read it (then it is not read again).
    PlanFile = PathLike | OpenPlan


def _not_bundled(plan: OpenPlan) -> None:
    """The plan shipped with rectiplan is reference data (and may sit in site-packages): edit a copy."""
    from .edit import EditRefused

    if _same_file(plan.path, _bundled_path()):
        raise EditRefused("edit.bundled", path=plan.doc.path)


def _bundled_path() -> Path:
    from .discovery import bundled_plan_path

    return bundled_plan_path()


def _text_given(value: str, name: str) -> None:
    from .edit import EditRefused

    if not isinstance(value, str):
        raise TypeError(f"{name} must be text (str), not {type(value).__name__}")
    if not value.strip():
        raise EditRefused("error.empty_text", param=name)


def _item(item_id: object) -> None:
    """An item id is an int (True is not item 1): a caller's slip is a TypeError here, not an edit of another item."""
    if isinstance(item_id, bool) or not isinstance(item_id, int):
        raise TypeError(f"item_id must be an int, not {type(item_id).__name__}")


def _given_date(value: object, name: str) -> date:
    day = _plain_date(value)
    if day is None:
        raise TypeError(f"{name} must be a date, not None")
    return day


def _same_file(path: Path, other: Path) -> bool:
    try:
        return path.resolve() == other.resolve()
    except OSError:
        return False
