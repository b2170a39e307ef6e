"""What every output format of `list` and `overdue` receives, and the item record that json and csv share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol, TextIO

if TYPE_CHECKING:
    from ..query import Entry


# The columns of an item record, in order; `overdue` adds "days_overdue".
RECORD_FIELDS = (
    "plan", "id", "topic", "issue", "measures", "evidence", "deadline",
    "divisions", "leader", "owner", "status", "done_on", "notes",
)  # fmt: skip


@dataclass(frozen=True)
class Row:
    """An item to show; `days_overdue` is set when it is late as of its plan's as-of date."""

    entry: Entry
    days_overdue: int | None = None


@dataclass(frozen=True)
class Listing:
    """The answer of `list` or `overdue`: the rows to show, and the facts for the closing line."""

    command: str  # "list" or "overdue"
    rows: list[Row]
    total: int
    as_of: tuple[date, ...]  # the distinct as-of dates: plans in different time zones may be on different days
    many_plans: bool = False


@dataclass(frozen=True)
class Output:
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


def item_record(row: Row, *, with_days_overdue: bool) -> dict[str, Any]:
    """An item as plain data: every field, dates as ISO text, the plan file it came from."""
    item = row.entry.item
    record: dict[str, Any] = {
        "plan": row.entry.source,
        "id": item.id,
        "topic": item.topic,
        "issue": item.issue,
        "measures": [{"text": measure.text, "divisions": list(measure.divisions)} for measure in item.measures],
        "evidence": list(item.evidence),
        "deadline": item.deadline.isoformat(),
        "divisions": list(item.divisions),
        "leader": item.leader,
        "owner": item.owner,
        "status": item.status.value,
        "done_on": item.done_on.isoformat() if item.done_on else None,
        "notes": item.notes,
    }
    if with_days_overdue:
        record["days_overdue"] = row.days_overdue
    return record
