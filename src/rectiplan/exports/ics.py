r"""`export --format ics`: the items as to-dos of an iCalendar file (RFC 5545), so that deadlines and their warning
levels show up in phone, Thunderbird and Outlook calendars.

One VTODO per item. Its UID comes from the plan's title, the plan file's name (not its folder: the same file gives
the same UIDs from any working folder) and the item's id, so importing a newer export updates the to-dos instead
of adding copies, and two plans with one title (a copy of a plan beside it) do not share UIDs; should two plan
files of one name and title in different folders be exported together, the second one's UIDs are told apart by
their rank. DTSTAMP is the as-of date, so the same plan and date give the same bytes. DUE is
the deadline in force as an all-day DATE (no time zone can move it to another day). An ongoing item without a
deadline is a VTODO without DUE: it stays on the list, and nothing warns about it, as in `due`. Alarms ring at
09:00 at the yellow and orange levels and on the day itself, those still ahead on the as-of date (and after year
1).

Every TEXT value is escaped here (RFC 5545 §3.3.11), not by icalendar, which leaves an X- property such as
X-WR-CALNAME unescaped, turns a literal `\N` into a line break and lets control characters through: `\`, `;`
and `,` get a backslash, a line break (CRLF, LF or a lone CR) becomes `\n`, and the other control characters,
which TEXT may not hold, become U+FFFD. The calendar's name is the title on one line.

An iCalendar file needs at least one component (RFC 5545 §3.6): an export that selects no item is refused by the
command rather than written as an empty calendar some apps reject.
"""

from __future__ import annotations

import os
import re
import uuid
from collections import Counter
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


# What TEXT may not hold (RFC 5545 §3.3.11: no CONTROL but HTAB); CR and LF are line breaks, escaped as such. And
# U+FEFF: icalendar decodes each value as utf-8-sig, so one at a value's start vanished (a title of only U+FEFF
# became an empty calendar name); invisible, it is replaced as the terminal sanitizer replaces it.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]")


def ical_text(value: str) -> Any:
    """A TEXT value escaped as RFC 5545 §3.3.11 says, to be written as it is (icalendar's vInline)."""
    from icalendar.prop import vInline

    return vInline(_escape(value))


def _escape(value: str) -> str:
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return _CONTROL.sub("\ufffd", value)


def calendar_bytes(data: ExportData) -> bytes:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", "-//rectiplan//rectiplan//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", ical_text(" ".join(data.title.split())))
    uids = item_uids(data.rows)
    for row, uid in zip(data.rows, uids, strict=True):
        calendar.add_component(_todo(row, data, uid))
    return folded_for_logs(calendar.to_ical())


# RFC 5545 §3.1 folds a content line longer than 75 octets: CRLF and a blank, which every reader removes. A CI log's
# runner reads each physical line for workflow commands (see messages.no_workflow_command): "::" at its start after
# blanks, so a fold before "::error::…" in an item's text made one, and "##[" anywhere. TEXT has no escape for ":" or
# "#", but where a fold goes is free: such lines are folded again where no physical line is a command.
_LIMIT = 75


def folded_for_logs(ical: bytes) -> bytes:
    """`ical` as it is when no physical line of it reads as a workflow command, else with its long lines folded
    elsewhere: the same calendar to any reader, byte for byte once unfolded."""
    from ..messages import LEGACY_COMMAND, LINE_START_COMMAND, compiled_pattern

    text = ical.decode("utf-8")
    if not (compiled_pattern(LINE_START_COMMAND).search(text) or compiled_pattern(LEGACY_COMMAND).search(text)):
        return ical
    lines = text.replace("\r\n ", "").split("\r\n")
    return "\r\n".join(_fold(line) for line in lines).encode("utf-8")


def _fold(line: str) -> str:
    """One content line folded at 75 octets, but between the two "#" of a "##[" always, and never before a "::"
    (after blanks and ignorable characters): there the fold moves on to the next place it may go, a longer line
    being only against a SHOULD of the RFC, a command in a log against what it means. (Not a pattern match at each
    place: in a run of blanks that would take time quadratic in the run.)"""
    from ..messages import IGNORABLE, LEGACY_COMMAND, compiled_pattern

    ignorable = compiled_pattern(IGNORABLE)
    legacy = compiled_pattern(LEGACY_COMMAND)
    count = len(line)
    skip_blank = [count] * (count + 1)  # the first index from j on that is no blank or ignorable character
    skip_ignorable = [count] * (count + 1)  # the same, ignorable characters only
    for index in range(count - 1, -1, -1):
        char = line[index]
        is_ignorable = ignorable.match(char) is not None
        skip_ignorable[index] = skip_ignorable[index + 1] if is_ignorable else index
        skip_blank[index] = skip_blank[index + 1] if is_ignorable or char.isspace() else index

    def may_start(index: int) -> bool:
        first = skip_blank[index]
        if first >= count or line[first] != ":":
            return True
        second = skip_ignorable[first + 1]
        return second >= count or line[second] != ":"

    forced = {match.start() + 1 for match in legacy.finditer(line)}
    parts: list[str] = []
    start = size = 0
    for index, char in enumerate(line):
        octets = len(char.encode("utf-8"))
        at = index if index > start and (index in forced or size + octets > _LIMIT) else None
        if at is not None and at not in forced:
            # A little earlier if "::" would start the next line (a shorter line is no harm), else later.
            at = next((back for back in range(index, max(start, index - 16), -1) if may_start(back)), None)
        if at is not None:
            parts.append(line[start:at])
            size = 1 + len(line[at:index].encode("utf-8"))  # the blank that starts a continuation counts
            start = at
        size += octets
    parts.append(line[start:])
    return "\r\n ".join(parts)


def item_uid(plan: Plan, item_id: int, source: str = "", rank: int = 0) -> str:
    """The same plan title, file name and id give the same UID in every export, from any working folder. `rank`
    tells apart the items of plans alike in all three (counted from 0, the first one's UID left as it is)."""
    seed = f"{plan.title}#{item_id}@{os.path.basename(source)}" + (f"~{rank}" if rank else "")
    return f"{uuid.uuid5(_UID_NAMESPACE, seed)}@rectiplan"


def item_uids(rows: tuple[Row, ...]) -> list[str]:
    """The UID of each row, distinct within the file (RFC 5545 requires it)."""
    seen: Counter[str] = Counter()
    uids = []
    for row in rows:
        base = item_uid(row.entry.plan, row.entry.item.id, row.entry.source)
        uids.append(item_uid(row.entry.plan, row.entry.item.id, row.entry.source, seen[base]) if seen[base] else base)
        seen[base] += 1
    return uids


def _todo(row: Row, data: ExportData, uid: str) -> Any:
    from icalendar import Todo

    entry, lang = row.entry, data.lang
    item = entry.item
    as_of = row.as_of or data.as_of
    facts = row.tracking
    status = facts.status.value if facts else item.status.value
    deadline = facts.effective_deadline if facts else item.deadline
    todo = Todo()
    todo.add("uid", uid)
    # DTSTAMP must be a UTC date-time; midnight of the as-of date keeps the file reproducible.
    todo.add("dtstamp", datetime.combine(as_of, time(0), tzinfo=timezone.utc))
    todo.add("summary", ical_text(summary(row, lang)))
    if deadline is not None:
        todo.add("due", deadline)  # a date: VALUE=DATE, an all-day to-do
    todo.add("status", _STATUS[status])
    if status == "done" and item.done_on is not None:
        todo.add("completed", _completed(item.done_on, entry.plan.timezone))
        todo.add("percent-complete", 100)
    divisions = _divisions(row)
    if divisions:
        todo.add("categories", ical_text_list(divisions))
    todo.add("description", ical_text(description(row, lang)))
    if deadline is not None and status in ("pending", "in_progress"):
        warn_days = entry.plan.warn_days
        for label, days in (
            ("level.yellow", warn_days.yellow),
            ("level.orange", warn_days.orange),
            ("export.due_today", 0),
        ):
            # An alarm whose day has passed by the as-of date is left out: a calendar would ring every one of them
            # at once on import (three for each overdue item), and DUE already shows the item late.
            # Counted in day numbers: `deadline - timedelta(days)` overflows before year 1 (such an alarm is
            # before any as-of date, and left out with the others).
            if deadline.toordinal() - days >= as_of.toordinal():
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


def ical_text_list(values: list[str]) -> Any:
    """A list of TEXT values (CATEGORIES), each escaped, joined by the unescaped commas that separate them."""
    from icalendar.prop import vInline

    return vInline(",".join(_escape(value) for value in values))


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
        return local.astimezone(timezone.utc)
    # A zone validated already, but a missing zone database must not lose the export; noon of 0001-01-01 far east
    # of UTC, or of 9999-12-31 far west of it, is outside datetime's range in UTC.
    except (KeyError, ValueError, OverflowError):
        pass
    return datetime.combine(done_on, time(12), tzinfo=timezone.utc)


# When a reminder rings on its day: 09:00.
OFFICE_HOURS = timedelta(hours=9)


def _alarm(label: str, days: int, row: Row, lang: str) -> Any:
    """A reminder `days` before DUE (RELATED=END: a VTODO's end is its DUE): at the yellow and orange levels, and on
    the day itself."""
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    # DUE is an all-day DATE, so its start is 00:00 of the deadline: a trigger of -P{days}D would ring at midnight.
    # Nine hours later rings at 09:00 (local time of the calendar), the start of an office day, on the day `days`
    # before the deadline: -P{days-1}DT15H before it, and PT9H after it on the day itself.
    alarm.add("trigger", OFFICE_HOURS - timedelta(days=days), parameters={"RELATED": "END"})
    alarm.add("description", ical_text(f"{label}{'：' if lang == 'zh' else ': '}{summary(row, lang)}"))
    return alarm
