"""Output of `rectiplan summary`: a table for people, JSON for scripts, CSV for Excel/WPS."""

from __future__ import annotations

import csv
import json
from typing import Any

from .formats.interface import Output
from .formats.table import make_console
from .messages import printable, text
from .summary import NO_GROUP, Counts, Summary

SUMMARY_FORMATS = ("table", "json", "csv")
# The figures of a row, in order; the keys of `--format json` (after "group") and the CSV columns.
FIGURES = ("total", "done", "done_late", "in_progress", "pending", "ongoing", "overdue", "due_soon")


def summary_records(summary: Summary) -> list[dict[str, Any]]:
    """One object per group, then the total row, whose `group` is null."""
    rows = [(group.name, group.counts) for group in summary.groups] + [(None, summary.total)]
    return [_record(name, counts) for name, counts in rows]


def _record(name: str | None, counts: Counts) -> dict[str, Any]:
    record: dict[str, Any] = {"group": name}
    record.update({figure: getattr(counts, figure) for figure in FIGURES})
    rate = counts.completion_rate
    record["completion_rate"] = None if rate is None else round(rate, 4)
    return record


def percent(rate: float | None) -> str:
    return "-" if rate is None else f"{rate * 100:.1f}%"


def group_label(name: str | None, by: str, lang: str) -> str:
    if name is None:
        return text("summary.total_row", lang)
    return text(f"summary.no_{by}", lang) if name == NO_GROUP else printable(name)


def render_summary(summary: Summary, output: Output, output_format: str) -> None:
    records = summary_records(summary)
    if output_format == "json":
        output.stream.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        return
    if output_format == "csv":
        writer = csv.writer(output.stream, lineterminator="\r\n")
        output.stream.write("\ufeff")  # so that Excel and WPS read the Chinese names as UTF-8
        writer.writerow(["group", *FIGURES, "completion_rate"])
        for record in records:
            name = "" if record["group"] is None else record["group"]
            # A group name from the plan must stay text in a spreadsheet, never a formula.
            name = "'" + name if name[:1] in ("=", "+", "-", "@", "\t", "\r") else name
            label = text("summary.total_row", output.lang) if record["group"] is None else name
            rate = record["completion_rate"]
            writer.writerow([label, *(record[figure] for figure in FIGURES), "" if rate is None else rate])
        return
    _table(summary, records, output)


def _table(summary: Summary, records: list[dict[str, Any]], output: Output) -> None:
    from rich import box
    from rich.table import Table

    lang = output.lang
    console = make_console(output)
    # Ten columns must fit in 80: no vertical rules, headings of two words on two lines, names never split.
    table = Table(box=box.HORIZONTALS, show_edge=False, pad_edge=False, collapse_padding=True)
    table.add_column(text(f"summary.by_{summary.by}", lang), overflow="fold", min_width=6, max_width=24)
    for figure in (*FIGURES, "completion_rate"):
        table.add_column(text(f"summary.col.{figure}", lang), justify="right", no_wrap=True)
    for index, record in enumerate(records):
        last = index == len(records) - 1
        cells = [group_label(record["group"], summary.by, lang), *(str(record[figure]) for figure in FIGURES)]
        cells.append(percent(record["completion_rate"]))
        table.add_row(*cells, style="bold" if last else "", end_section=index == len(records) - 2)
    console.print(table)
    dates = " / ".join(day.isoformat() for day in summary.as_of)
    note = "summary.note_shared" if summary.by in ("division", "person") else "summary.note"
    # Written as is: a terminal-width wrap would break the Chinese sentence at an arbitrary place.
    output.stream.write(text(note, lang, date=dates) + "\n")
