"""Output of `rectiplan report`: the 整改进展情况报告 in Markdown, as an office sends it upward.

Everything in it comes from `summary.progress_report`, which sees nothing recorded after the as-of date, so the
report for a past date reads the same whenever it is made.
"""

from __future__ import annotations

from collections.abc import Sequence

from .formats.interface import Output
from .formats.table import due_note
from .messages import printable, text
from .render_summary import FIGURES, group_label, percent, summary_records
from .summary import Counts, ItemFacts, ProgressReport

# Chinese section numbers, as official documents number their parts.
_SECTION_ZH = "一二三四五六七八九"


def render_report(report: ProgressReport, output: Output) -> None:
    lang = output.lang
    lines: list[str] = []
    dates = " / ".join(day.isoformat() for day in report.as_of)
    title = "、".join(printable(name) for name in report.titles) if len(report.titles) == 1 else ""
    lines.append("# " + text("report.title", lang, plan=title).strip())
    lines.append("")
    period = text("report.period", lang, since=report.since.isoformat(), date=dates) if report.since else ""
    lines.append(text("report.as_of", lang, date=dates) + period)
    sections = [
        ("report.h.overall", _overall(report.summary.total, lang)),
        ("report.h.divisions", _division_table(report, lang)),
        ("report.h.completed_since" if report.since else "report.h.completed", _completed(report, lang)),
        ("report.h.overdue", _overdue(report.overdue, lang)),
        ("report.h.extensions", _extensions(report, lang)),
    ]
    for number, (heading, body) in enumerate(sections):
        label = _SECTION_ZH[number] + "、" if lang == "zh" else f"{number + 1}. "
        since = report.since.isoformat() if report.since else ""
        lines += ["", f"## {label}{text(heading, lang, since=since)}", "", *body]
    output.stream.write("\n".join(lines) + "\n")


def _overall(total: Counts, lang: str) -> list[str]:
    figures = {figure: getattr(total, figure) for figure in FIGURES}
    sentence = text("report.overall", lang, **figures)
    rate = total.completion_rate
    if rate is None:
        sentence += text("report.rate_none", lang)
    else:
        sentence += text("report.rate", lang, rate=percent(rate), done=total.done, due=total.due)
    return [sentence]


def _cell(value: str) -> str:
    """Plan text made safe for one Markdown table cell."""
    return printable(value).replace("\\", "\\\\").replace("|", "\\|")


def _division_table(report: ProgressReport, lang: str) -> list[str]:
    headings = [text("summary.by_division", lang)]
    joiner = "" if lang == "zh" else " "  # headings set on two lines in the terminal table
    headings += [text(f"summary.col.{figure}", lang).replace("\n", joiner) for figure in (*FIGURES, "completion_rate")]
    lines = ["| " + " | ".join(headings) + " |", "|" + "---|" + "---:|" * (len(headings) - 1)]
    for record in summary_records(report.summary):
        label = group_label(record["group"], "division", lang)
        label = f"**{label}**" if record["group"] is None else _cell(label)
        cells = [label, *(str(record[figure]) for figure in FIGURES), percent(record["completion_rate"])]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", text("report.division_note", lang)]
    return lines


def _who(facts: ItemFacts) -> str:
    item = facts.entry.item
    return "、".join(item.all_divisions())


def _completed(report: ProgressReport, lang: str) -> list[str]:
    if not report.completed:
        return [text("report.none_completed", lang)]
    lines = []
    for facts in report.completed:
        item = facts.entry.item
        done_on = item.done_on.isoformat() if item.done_on else ""
        note = text("report.done_late", lang) if facts.tracking.done_late else ""
        lines.append(
            "- " + text("report.completed_item", lang, id=item.id, issue=_cell(item.issue), divisions=_cell(_who(facts)),
                        date=done_on, note=note)
        )  # fmt: skip
    return lines


def _overdue(overdue: Sequence[ItemFacts], lang: str) -> list[str]:
    if not overdue:
        return [text("report.none_overdue", lang)]
    headings = [text(key, lang) for key in ("col.id", "col.issue", "col.divisions", "col.people", "col.deadline")]
    headings += [text("report.col.late", lang), text("report.col.latest", lang)]
    lines = ["| " + " | ".join(headings) + " |", "|---:|" + "---|" * (len(headings) - 1)]
    for facts in overdue:
        item = facts.entry.item
        latest = facts.tracking.latest_progress
        note = f"{latest.on.isoformat()} {_cell(latest.text)}" if latest else text("report.no_progress", lang)
        people = "/".join(name for name in (item.leader, item.owner) if name)
        deadline = facts.tracking.effective_deadline
        cells = [
            str(item.id),
            _cell(item.issue),
            _cell(_who(facts)),
            _cell(people),
            deadline.isoformat() if deadline else "",
            due_note(-(facts.tracking.days_overdue or 0), lang),
            note,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _extensions(report: ProgressReport, lang: str) -> list[str]:
    if not report.extensions:
        return [text("report.none_extended", lang)]
    lines = []
    for granted in report.extensions:
        item = granted.entry.item
        extension = granted.extension
        approved = (
            text("show.approved_on", lang, date=extension.approved_on.isoformat()) if extension.approved_on else ""
        )
        previous = granted.previous.isoformat() if granted.previous else text("due.none", lang)
        lines.append(
            "- " + text("report.extension_item", lang, id=item.id, issue=_cell(item.issue), previous=previous,
                        to=extension.to.isoformat(), approved=approved, reason=_cell(extension.reason))
        )  # fmt: skip
    return lines
