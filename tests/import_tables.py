"""Builders of the tables `rectiplan import` reads, made in the tests with python-docx, openpyxl and csv, and the
nothing-lost check: every piece of every source cell is somewhere in the imported plan."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

# The rows of every table written, by path: the nothing-lost check compares them with what was imported.
WRITTEN: dict[Path, list[Sequence[Value]]] = {}

Merge = tuple[tuple[int, int], tuple[int, int]]  # (top, left), (bottom, right), 0-based, inclusive
Value = str | date | int | None


def write_docx(
    path: Path,
    rows: Sequence[Sequence[Value]],
    *,
    before: Sequence[str] = (),
    merges: Iterable[Merge] = (),
    after: Sequence[Sequence[Sequence[Value]]] = (),
) -> Path:
    """A Word document: the paragraphs `before`, then a table of `rows` (a cell's "\\n" starts a new paragraph,
    except after "\\v", which is a line break inside the paragraph), merged as `merges` says; `after`: more
    tables, each after a paragraph."""
    import docx

    document = docx.Document()
    for paragraph in before:
        document.add_paragraph(paragraph)
    _docx_table(document, rows, merges)
    for table in after:
        document.add_paragraph("（续表）")
        _docx_table(document, table, ())
    document.save(str(path))
    WRITTEN[path] = [*rows, *(row for table in after for row in table)]
    return path


def _docx_table(document: Any, rows: Sequence[Sequence[Value]], merges: Iterable[Merge]) -> None:
    width = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            text = value.isoformat() if isinstance(value, date) else str(value)
            cell = table.cell(r, c)
            paragraphs = text.split("\n")
            _fill_paragraph(cell.paragraphs[0], paragraphs[0])
            for paragraph in paragraphs[1:]:
                _fill_paragraph(cell.add_paragraph(), paragraph)
    for (top, left), (bottom, right) in merges:
        # python-docx keeps the text of every merged cell; the source value is the top-left one only.
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                if (r, c) != (top, left):
                    for paragraph in table.cell(r, c).paragraphs:
                        for run in paragraph.runs:
                            run.text = ""
        table.cell(top, left).merge(table.cell(bottom, right))


def _fill_paragraph(paragraph: Any, text: str) -> None:
    parts = text.split("\v")
    run = paragraph.add_run(parts[0])
    for part in parts[1:]:
        run.add_break()
        run = paragraph.add_run(part)


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[Value]],
    *,
    merges: Iterable[Merge] = (),
    sheet: str = "Sheet1",
    more_sheets: Sequence[tuple[str, Sequence[Sequence[Value]]]] = (),
    first: Sequence[tuple[str, Sequence[Sequence[Value]]]] = (),
) -> Path:
    import openpyxl
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, other in first:
        _fill_sheet(workbook.create_sheet(name), other)
    worksheet = workbook.create_sheet(sheet)
    _fill_sheet(worksheet, rows)
    for (top, left), (bottom, right) in merges:
        worksheet.merge_cells(f"{get_column_letter(left + 1)}{top + 1}:{get_column_letter(right + 1)}{bottom + 1}")
    for name, other in more_sheets:
        _fill_sheet(workbook.create_sheet(name), other)
    workbook.save(path)
    WRITTEN[path] = list(rows)
    return path


def _fill_sheet(worksheet: Any, rows: Sequence[Sequence[Value]]) -> None:
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if value is not None and value != "":
                cell = worksheet.cell(row=r, column=c, value=value)
                if isinstance(value, date):
                    cell.number_format = "yyyy-mm-dd"


def write_csv(path: Path, rows: Sequence[Sequence[Value]], *, encoding: str = "utf-8", bom: bool = False) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    data = buffer.getvalue().encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    WRITTEN[path] = list(rows)
    return path


# What the import removes from a cell: numbering markers, unit and people separators, blanks.
REMOVED = re.compile(r"(?:[（(]\d{1,2}[）)]|\d{1,2}[.．、)）]|[①-⑳]|[、，,；;/／\s])+")


def strings_of(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for entry in value.values():
            yield from strings_of(entry)
    elif isinstance(value, (list, tuple)):
        for entry in value:
            yield from strings_of(entry)
    elif value is not None:
        yield str(value)


def lost_pieces(cells: Iterable[str], plan_data: dict[str, Any]) -> list[str]:
    """The pieces of the cells (split where the import removes numbering and separators) found nowhere in the
    plan's text: empty when nothing was lost."""
    haystack = "\n".join(strings_of(plan_data))
    missing = []
    for cell in cells:
        for piece in REMOVED.split(cell):
            if piece and piece not in haystack:
                missing.append(piece)
    return missing
