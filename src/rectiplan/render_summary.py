"""Output of `rectiplan summary`: a table for people, JSON for scripts, CSV for Excel/WPS."""

from __future__ import annotations

from typing import Any

from .formats.csv import formula_safe, write_csv
from .formats.interface import Output
from .formats.json import write_json
from .formats.layout import (
    BOX,
    OPEN_GAP,
    Cell,
    Column,
    Fragment,
    LineWriter,
    box_for,
    column_widths,
    open_table_lines,
    piece_lines,
    text_width,
    wrap_styled,
)
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
        write_json(records, output.stream)  # as every json: \uXXXX escapes where the encoding lacks a character
        return
    if output_format == "csv":
        rows = []
        for record in records:
            # A group name from the plan must stay text in a spreadsheet, never a formula.
            name = "" if record["group"] is None else formula_safe(record["group"])
            label = text("summary.total_row", output.lang) if record["group"] is None else name
            rate = record["completion_rate"]
            rows.append([label, *(str(record[figure]) for figure in FIGURES), "" if rate is None else str(rate)])
        write_csv(["group", *FIGURES, "completion_rate"], rows, output)
        return
    _table(summary, records, output)


def _table(summary: Summary, records: list[dict[str, Any]], output: Output) -> None:
    lang = output.lang
    console = make_console(output)
    width = console.width
    writer = LineWriter(console, output.stream)
    labels = [group_label(record["group"], summary.by, lang) for record in records]
    figures = [[str(record[figure]) for figure in FIGURES] + [percent(record["completion_rate"])] for record in records]
    headers = [text(f"summary.col.{figure}", lang) for figure in (*FIGURES, "completion_rate")]
    widest_label = max(text_width(label) for label in labels)
    # A table only when every group name fits whole on one line (else blocks); the figures never wrap.
    heading = text(f"summary.by_{summary.by}", lang)
    columns = [Column(heading, min_width=widest_label, max_width=max(widest_label, text_width(heading), 1))]
    columns += [Column(header, wraps=False, justify="right") for header in headers]
    rows: list[list[Cell]] = []
    for index, (label, values) in enumerate(zip(labels, figures)):
        style = "bold" if index == len(records) - 1 else ""
        rows.append([[(label, style)], *([(value, style)] for value in values)])
    widths = column_widths(columns, rows, width, gap=OPEN_GAP)
    if widths is not None:
        writer.write(open_table_lines(columns, rows, widths, rule=_rule(output), total_row=True))
    else:
        # Too narrow for ten columns: a block of labelled figures per group, never a figure cut off.
        colon = "：" if lang == "zh" else ": "
        names = [header.replace("\n", "" if lang == "zh" else " ") for header in headers]
        blocks = []
        for index, (label, values) in enumerate(zip(labels, figures)):
            style = "bold" if index == len(records) - 1 else ""
            pieces: list[list[Fragment]] = [[(f"{name} {value}", style)] for name, value in zip(names, values)]
            named = [(label + colon, "bold"), *pieces[0]]
            if sum(text_width(part) for part, _ in named) <= width:
                blocks.append(piece_lines([named, *pieces[1:]], width))
            else:  # the name on a line of its own rather than "事项数" broken after it
                blocks.append(wrap_styled([(label + colon, "bold")], width) + piece_lines(pieces, width))
        # A group of more than one line is set apart by a blank line, so that its figures read as its own.
        spaced = any(len(block) > 1 for block in blocks)
        for block in blocks:
            writer.write([*block, [("", "")]] if spaced else block)
    dates = " / ".join(day.isoformat() for day in summary.as_of)
    note = "summary.note_shared" if summary.by in ("division", "person") else "summary.note"
    writer.write(wrap_styled([(text(note, lang, date=dates), "")], width))
    writer.flush()


def _rule(output: Output) -> str:
    return "─" if box_for(output.stream) == BOX else "-"
