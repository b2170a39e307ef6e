"""What every output format of `list`, `overdue` and `due` receives, and the item record that json and csv share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TextIO

if TYPE_CHECKING:
    from ..query import Entry, Tracking


# The facts an item record adds to the item's own fields, as of the listing's date (see `item_record`).
TRACKING_FIELDS = ("effective_deadline", "status_as_of", "level", "done_late", "latest_progress")


def record_fields() -> tuple[str, ...]:
    """The columns of an item record, in order: the plan file, every field of the model, then the tracking facts;
    `overdue` adds "days_overdue". Derived from the model, so a new field needs no change here."""
    from ..model import ITEM_KEYS

    return ("plan", *ITEM_KEYS, *TRACKING_FIELDS)


@dataclass(frozen=True)
class Row:
    """An item to show as of a date (its plan's as-of date); `days_overdue` is set when it is late then."""

    entry: Entry
    days_overdue: int | None = None
    as_of: date | None = None

    @cached_property
    def tracking(self) -> Tracking | None:
        # Worked out once per row: the table reads it for the deadline cell and again for the status cell.
        from ..query import track

        return None if self.as_of is None else track(self.entry, self.as_of)


class Listing(NamedTuple):
    """The answer of `list` or `overdue`: the rows to show, and the facts for the closing line."""

    command: str  # "list", "overdue" or "due"
    rows: list[Row]
    total: int
    as_of: tuple[date, ...]  # the distinct as-of dates: plans in different time zones may be on different days
    many_plans: bool = False


class Output(NamedTuple):
    stream: TextIO
    lang: str

    def is_terminal(self) -> bool:
        """Whether a person's terminal reads this stream (text for people is sanitized there, data is not)."""
        isatty = getattr(self.stream, "isatty", None)
        try:
            return bool(isatty and isatty())
        except (OSError, ValueError):  # a closed stream
            return False


class Format(Protocol):
    name: str
    description: str

    def render(self, listing: Listing, output: Output) -> None: ...


def extra_fields(command: str) -> tuple[str, ...]:
    """The columns a command adds after the record's own: how late (`overdue`), how long is left (`due`)."""
    return {"overdue": ("days_overdue",), "due": ("days_left",)}.get(command, ())


def listing_record(row: Row, command: str) -> dict[str, Any]:
    """The record of a row as `command` writes it in json and csv."""
    record = item_record(row, with_days_overdue=command == "overdue")
    if command == "due":
        facts = row.tracking
        record["days_left"] = facts.days_left if facts else None
    return record


def item_record(row: Row, *, with_days_overdue: bool) -> dict[str, Any]:
    """An item as plain data: every field, dates as ISO text, the plan file it came from, and the tracking facts as
    of the row's date (`effective_deadline`, `status_as_of`, `level`, `done_late`, `latest_progress`; null without a date)."""
    item = row.entry.item
    record: dict[str, Any] = {
        "plan": row.entry.source,
        "id": item.id,
        "topic": item.topic,
        "issue": item.issue,
        "measures": [{"text": measure.text, "divisions": list(measure.divisions)} for measure in item.measures],
        "evidence": list(item.evidence),
        "deadline": _iso(item.deadline),
        "divisions": list(item.divisions),
        "leader": item.leader,
        "owner": item.owner,
        "status": item.status.value,
        "done_on": _iso(item.done_on),
        "notes": item.notes,
        "closed_on": _iso(item.closed_on),
        "materials": list(item.materials),
        "progress": [_progress(entry) for entry in item.progress],
        "extensions": [
            {"to": _iso(ext.to), "reason": ext.reason, "approved_on": _iso(ext.approved_on)} for ext in item.extensions
        ],
    }
    facts = row.tracking
    record["effective_deadline"] = _iso(facts.effective_deadline) if facts else _iso(item.deadline)
    # `status` is the file's; `status_as_of` what it was on the as-of date (query.status_as_of).
    record["status_as_of"] = facts.status.value if facts else item.status.value
    record["level"] = facts.level.value if facts and facts.level else None
    record["done_late"] = facts.done_late if facts else None
    record["latest_progress"] = _progress(facts.latest_progress) if facts and facts.latest_progress else None
    if with_days_overdue:
        record["days_overdue"] = row.days_overdue
    return record


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _progress(entry: Any) -> dict[str, Any]:
    return {"on": entry.on.isoformat(), "text": entry.text, "by": entry.by}
