"""Output of `rectiplan report`: the 整改进展情况报告 in Markdown, as an office sends it upward.

Everything in it comes from `summary.progress_report`, which sees nothing recorded after the as-of date, so the
report for a past date reads the same whenever it is made.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .formats.interface import Output
from .formats.table import due_note
from .messages import printable, text
from .render_summary import FIGURES, group_label, percent, summary_records
from .summary import Counts, ItemFacts, ProgressReport

# Chinese section numbers, as official documents number their parts.
_SECTION_ZH = "一二三四五六七八九"


@dataclass(frozen=True)
class Heading:
    level: int  # 1: the title, 2: a section
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    entries: list[str]


@dataclass(frozen=True)
class Table:
    headings: list[str]
    rows: list[list[str]]
    numeric: list[bool]  # per column: figures, aligned right in Markdown and centred in Word
    total_row: bool = False  # the last row is the total, set in bold


# The report as a sequence of blocks, which Markdown (`render_report`) and Word (`exports.docx`) lay out alike.
Block = Heading | Paragraph | Bullets | Table


def render_report(report: ProgressReport, output: Output) -> None:
    """The report in Markdown: blocks one blank line apart, table cells escaped."""
    lines: list[str] = []
    for block in report_blocks(report, output.lang):
        if lines:
            lines.append("")
        if isinstance(block, Heading):
            lines.append("#" * block.level + " " + _cell(block.text))
        elif isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Bullets):
            lines += ["- " + _cell(entry) for entry in block.entries]
        else:
            lines += _markdown_table(block)
    output.stream.write("\n".join(lines) + "\n")


def _markdown_table(table: Table) -> list[str]:
    lines = ["| " + " | ".join(table.headings) + " |", "|" + "".join("---:|" if n else "---|" for n in table.numeric)]
    for number, row in enumerate(table.rows, 1):
        # Figures are ours, not plan text: a lone "-" (no rate) is left as it is, not escaped as a list marker.
        cells = [cell if numeric else _cell(cell) for cell, numeric in zip(row, table.numeric, strict=True)]
        if table.total_row and number == len(table.rows):
            cells[0] = f"**{cells[0]}**"
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def report_blocks(report: ProgressReport, lang: str) -> list[Block]:
    """The report's headings, sentences, lists and tables, plan text made printable (not yet escaped)."""
    dates = " / ".join(day.isoformat() for day in report.as_of)
    title = "、".join(printable(name) for name in report.titles) if len(report.titles) == 1 else ""
    period = text("report.period", lang, since=report.since.isoformat(), date=dates) if report.since else ""
    blocks: list[Block] = [
        Heading(1, text("report.title", lang, plan=title) if title else text("report.title_untitled", lang)),
        Paragraph(text("report.as_of", lang, date=dates) + period),
    ]
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
        blocks += [Heading(2, f"{label}{text(heading, lang, since=since)}"), *body]
    return blocks


def _overall(total: Counts, lang: str) -> list[Block]:
    figures = {figure: getattr(total, figure) for figure in FIGURES}
    sentence = text("report.overall", lang, **figures)
    rate = total.completion_rate
    if rate is None:
        sentence += text("report.rate_none", lang)
    else:
        sentence += text("report.rate", lang, rate=percent(rate), done=total.done, due=total.due)
    return [Paragraph(sentence)]


def _cell(value: str) -> str:
    """Plan text made safe for one Markdown table cell, list entry or heading: escaped as `export --format md`
    escapes it (inline markup, raw HTML, and @mentions and #12 references that would notify or link someone)."""
    from .exports.md import escape

    return escape(printable(value))


def _division_table(report: ProgressReport, lang: str) -> list[Block]:
    headings = [text("summary.by_division", lang)]
    joiner = "" if lang == "zh" else " "  # headings set on two lines in the terminal table
    headings += [text(f"summary.col.{figure}", lang).replace("\n", joiner) for figure in (*FIGURES, "completion_rate")]
    rows = []
    for record in summary_records(report.summary):
        label = group_label(record["group"], "division", lang)
        rows.append([label, *(str(record[figure]) for figure in FIGURES), percent(record["completion_rate"])])
    table = Table(headings, rows, [False] + [True] * (len(headings) - 1), total_row=True)
    return [table, Paragraph(text("report.division_note", lang))]


def _who(facts: ItemFacts) -> str:
    item = facts.entry.item
    return "、".join(item.all_divisions())


def _completed(report: ProgressReport, lang: str) -> list[Block]:
    if not report.completed:
        return [Paragraph(text("report.none_completed", lang))]
    entries = []
    for facts in report.completed:
        item = facts.entry.item
        done_on = item.done_on.isoformat() if item.done_on else ""
        note = text("report.done_late", lang) if facts.tracking.done_late else ""
        entries.append(
            text("report.completed_item", lang, id=item.id, issue=printable(item.issue),
                 divisions=printable(_who(facts)), date=done_on, note=note)
        )  # fmt: skip
    return [Bullets(entries)]


def _overdue(overdue: Sequence[ItemFacts], lang: str) -> list[Block]:
    if not overdue:
        return [Paragraph(text("report.none_overdue", lang))]
    headings = [text(key, lang) for key in ("col.id", "col.issue", "col.divisions", "col.people", "col.deadline")]
    headings += [text("report.col.late", lang), text("report.col.latest", lang)]
    rows = []
    for facts in overdue:
        item = facts.entry.item
        latest = facts.tracking.latest_progress
        note = f"{latest.on.isoformat()} {printable(latest.text)}" if latest else text("report.no_progress", lang)
        people = "/".join(name for name in (item.leader, item.owner) if name)
        deadline = facts.tracking.effective_deadline
        rows.append(
            [
                str(item.id),
                printable(item.issue),
                printable(_who(facts)),
                printable(people),
                deadline.isoformat() if deadline else "",
                due_note(-(facts.tracking.days_overdue or 0), lang),
                note,
            ]
        )
    return [Table(headings, rows, [True] + [False] * (len(headings) - 1))]


def _extensions(report: ProgressReport, lang: str) -> list[Block]:
    if not report.extensions:
        return [Paragraph(text("report.none_extended", lang))]
    entries = []
    for granted in report.extensions:
        item = granted.entry.item
        extension = granted.extension
        approved = (
            text("show.approved_on", lang, date=extension.approved_on.isoformat()) if extension.approved_on else ""
        )
        previous = granted.previous.isoformat() if granted.previous else text("due.none", lang)
        entries.append(
            text("report.extension_item", lang, id=item.id, issue=printable(item.issue), previous=previous,
                 to=extension.to.isoformat(), approved=approved, reason=printable(extension.reason))
        )  # fmt: skip
    return [Bullets(entries)]
