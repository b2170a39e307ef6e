"""Output of `rectiplan remind`: one plain-text message per responsible person, ready to paste into an e-mail or a
chat group (no terminal codes, no table rules that a chat app would break)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from .formats.interface import Output
from .formats.table import due_note
from .messages import printable, text
from .query import Due, Reminder

# A chat message stays readable when each item is one line: the issue is cut after this many characters.
ISSUE_CHARS = 40


def render_reminders(reminders: Sequence[Reminder], as_of: Sequence[date], output: Output) -> None:
    lang, stream = output.lang, output.stream
    dates = " / ".join(day.isoformat() for day in as_of)
    if not reminders:
        stream.write(text("remind.nothing", lang, date=dates) + "\n")
        return
    for index, reminder in enumerate(reminders):
        if index:
            stream.write("\n" + "-" * 40 + "\n\n")
        greeting = "remind.greeting_division" if reminder.is_division else "remind.greeting"
        stream.write(text(greeting, lang, person=printable(reminder.person)) + "\n")
        count = len(reminder.overdue) + len(reminder.due_soon)
        stream.write(text("remind.intro", lang, date=dates, count=count) + "\n")
        for heading, hits in (("remind.overdue", reminder.overdue), ("remind.due_soon", reminder.due_soon)):
            if not hits:
                continue
            stream.write("\n" + text(heading, lang, count=len(hits)) + "\n")
            for number, hit in enumerate(hits, 1):
                stream.write(f"{number}. {_line(hit, lang)}\n")
        stream.write("\n" + text("remind.closing", lang) + "\n")


def _line(hit: Due, lang: str) -> str:
    item = hit.entry.item
    issue = printable(item.issue)
    if len(issue) > ISSUE_CHARS:
        issue = issue[:ISSUE_CHARS] + "…"
    facts = hit.tracking
    deadline = facts.effective_deadline.isoformat() if facts.effective_deadline else ""
    days = due_note(facts.days_left, lang) if facts.days_left is not None else ""
    return text("remind.item", lang, id=item.id, issue=issue, deadline=deadline, days=days)
