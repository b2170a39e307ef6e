"""`export --format ics`: the items as to-dos of an iCalendar file (RFC 5545), so that deadlines and their warning
levels show up in phone, Thunderbird and Outlook calendars.

One VTODO per item. Its UID comes from the plan's title and the item's id, so importing a newer export updates the
to-dos instead of adding copies; DTSTAMP is the as-of date, so the same plan and date give the same bytes. DUE is
the deadline in force as an all-day DATE (no time zone can move it to another day). An ongoing item without a
deadline is a VTODO without DUE: it stays on the list, and nothing warns about it, as in `due`. Alarms ring at
the yellow and orange levels and on the day itself, those still ahead on the as-of date.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING, Any, BinaryIO
from zoneinfo import ZoneInfo

from ..messages import text
from ..sheet import LEDGER, encode_people
from . import ExportData

if TYPE_CHECKING:
    from ..formats.interface import Row
    from ..model import Plan

# The namespace of the UIDs: any fixed UUID would do; changing it would duplicate every imported to-do.
_UID_NAMESPACE = uuid.UUID("5f0d1f7c-2b1e-5d6a-9a43-7c2f6b1e0a11")
_STATUS = {"pending": "NEEDS-ACTION", "in_progress": "IN-PROCESS", "done": "COMPLETED", "ongoing": "IN-PROCESS"}
_SUMMARY_CHARS = 40
_HEADING = {column.key: column for column in LEDGER}


class IcsExporter:
    name = "ics"
    suffix = ".ics"
    binary = False
    description = "iCalendar to-dos (VTODO): deadlines and warning alarms for calendar apps"

    def write(self, data: ExportData, out: BinaryIO) -> None:
        out.write(calendar_bytes(data))


EXPORTER = IcsExporter()


def calendar_bytes(data: ExportData) -> bytes:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", "-//rectiplan//rectiplan//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", data.title)
    for row in data.rows:
        calendar.add_component(_todo(row, data))
    result: bytes = calendar.to_ical()
    return result


def item_uid(plan: Plan, item_id: int) -> str:
    """The same plan title and id give the same UID in every export, from any copy of the file."""
    return f"{uuid.uuid5(_UID_NAMESPACE, f'{plan.title}#{item_id}')}@rectiplan"


def _todo(row: Row, data: ExportData) -> Any:
    from icalendar import Todo

    entry, lang = row.entry, data.lang
    item = entry.item
    as_of = row.as_of or data.as_of
    facts = row.tracking
    status = facts.status.value if facts else item.status.value
    deadline = facts.effective_deadline if facts else item.deadline
    todo = Todo()
    todo.add("uid", item_uid(entry.plan, item.id))
    # DTSTAMP must be a UTC date-time; midnight of the as-of date keeps the file reproducible.
    todo.add("dtstamp", datetime.combine(as_of, time(0), tzinfo=timezone.utc))
    todo.add("summary", summary(row, lang))
    if deadline is not None:
        todo.add("due", deadline)  # a date: VALUE=DATE, an all-day to-do
    todo.add("status", _STATUS[status])
    if status == "done" and item.done_on is not None:
        todo.add("completed", _completed(item.done_on, entry.plan.timezone))
        todo.add("percent-complete", 100)
    divisions = _divisions(row)
    if divisions:
        todo.add("categories", divisions)
    todo.add("description", description(row, lang))
    if deadline is not None and status in ("pending", "in_progress"):
        warn_days = entry.plan.warn_days
        for label, days in (
            ("level.yellow", warn_days.yellow),
            ("level.orange", warn_days.orange),
            ("export.due_today", 0),
        ):
            # An alarm whose day has passed by the as-of date is left out: a calendar would ring every one of them
            # at once on import (three for each overdue item), and DUE already shows the item late.
            if deadline - timedelta(days=days) >= as_of:
                todo.add_component(_alarm(text(label, lang), days, row, lang))
    return todo


def summary(row: Row, lang: str) -> str:
    """`【序号 18】希望上级科技部门…`: the id and the start of the issue, on one line."""
    item = row.entry.item
    issue = " ".join(item.issue.split())
    short = issue if len(issue) <= _SUMMARY_CHARS else issue[: _SUMMARY_CHARS - 1] + "…"
    return f"【{_HEADING['id'].heading(lang)} {item.id}】{short}" if lang == "zh" else f"[No. {item.id}] {short}"


def description(row: Row, lang: str) -> str:
    """The item as a person reads it in the to-do: the issue, the numbered measures (with the divisions of those
    that name their own), the evidence, the responsible divisions and people, and the latest progress."""
    item = row.entry.item
    colon = "：" if lang == "zh" else ": "
    lines = [f"{_label('issue', lang)}{colon}{item.issue}", f"{_label('measures', lang)}{colon.rstrip()}"]
    for number, measure in enumerate(item.measures, 1):
        owners = f"（{'、'.join(measure.divisions)}）" if measure.divisions else ""
        lines.append(f"{number}. {measure.text}{owners}")
    if item.evidence:
        lines.append(f"{_label('evidence', lang)}{colon.rstrip()}")
        lines += [f"{number}. {evidence}" for number, evidence in enumerate(item.evidence, 1)]
    lines.append(f"{_label('divisions', lang)}{colon}{'、'.join(item.divisions)}")
    people = encode_people(item.leader, item.owner)
    if people:
        lines.append(f"{_label('people', lang)}{colon}{people}")
    if item.deadline is not None:
        lines.append(f"{_label('deadline', lang)}{colon}{item.deadline.isoformat()}")
    facts = row.tracking
    latest = facts.latest_progress if facts else (item.progress[-1] if item.progress else None)
    if latest is not None:
        by = f"（{latest.by}）" if latest.by else ""
        lines.append(f"{_label('progress', lang)}{colon}{latest.on.isoformat()} {latest.text}{by}")
    return "\n".join(lines)


def _label(key: str, lang: str) -> str:
    return _HEADING[key].heading(lang)


def _divisions(row: Row) -> list[str]:
    item = row.entry.item
    named = [*item.divisions, *(name for measure in item.measures for name in measure.divisions)]
    return list(dict.fromkeys(named))


def _completed(done_on: date, zone: str) -> datetime:
    """COMPLETED is a UTC date-time; noon of done_on in the plan's zone shows as that day in any calendar within
    twelve hours of it (midnight would show as the day before west of the plan)."""
    try:
        local = datetime.combine(done_on, time(12), tzinfo=ZoneInfo(zone))
    except (KeyError, ValueError):  # validated already; a missing zone database must not lose the export
        local = datetime.combine(done_on, time(12), tzinfo=timezone.utc)
    return local.astimezone(timezone.utc)


def _alarm(label: str, days: int, row: Row, lang: str) -> Any:
    """A reminder `days` before DUE (RELATED=END: a VTODO's end is its DUE): at the yellow and orange levels, and on
    the day itself."""
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", -timedelta(days=days), parameters={"RELATED": "END"})
    alarm.add("description", f"{label}{'：' if lang == 'zh' else ': '}{summary(row, lang)}")
    return alarm
