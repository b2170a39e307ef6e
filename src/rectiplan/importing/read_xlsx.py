"""Reading a sheet of an .xlsx workbook with openpyxl: values streamed (read-only mode), merged ranges read from
the sheet's XML (which read-only mode does not expose), real dates kept as dates."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import iterparse

from .grid import MAX_COLUMNS, MAX_ROWS, Cell, CellValue, Grid, ImportRefused
from .zipped import check_archive

_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REFERENCE = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$")


def read_xlsx(path: Path, shown: str, sheet: str | None = None) -> Grid:
    check_archive(path, shown)
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises whatever its parsers meet in a damaged file
        raise ImportRefused("import.corrupt", path=shown, reason=str(error) or type(error).__name__) from None
    try:
        names = workbook.sheetnames
        if sheet is None:
            # The first sheet: an exported 台账 keeps its summary on the second.
            worksheet = workbook.worksheets[0] if workbook.worksheets else None
        elif sheet in names:
            worksheet = workbook[sheet]
        else:
            raise ImportRefused("import.no_sheet", path=shown, sheet=sheet, sheets="、".join(names))
        if worksheet is None or not hasattr(worksheet, "iter_rows"):
            raise ImportRefused("import.no_table", path=shown)
        # A writer's stated dimensions can be wrong (or huge): read what is there instead.
        worksheet.reset_dimensions()
        rows: list[list[Cell]] = []
        try:
            for values in worksheet.iter_rows(values_only=True):
                values = _trimmed(values)
                if len(rows) >= MAX_ROWS or len(values) > MAX_COLUMNS:
                    raise ImportRefused("import.too_many_cells", path=shown, rows=MAX_ROWS, columns=MAX_COLUMNS)
                r = len(rows)
                rows.append([Cell(_value(value), (r, c)) for c, value in enumerate(values)])
            merges, formulas = _merged_ranges(workbook, worksheet)
            info = _plan_info(workbook, worksheet)
        except ImportRefused:
            raise
        except Exception as error:  # noqa: BLE001 - a damaged part surfaces as any parser error
            raise ImportRefused("import.corrupt", path=shown, reason=str(error) or type(error).__name__) from None
    finally:
        workbook.close()
    # Trailing empty rows (formatting applied far down the sheet) are not part of the table.
    while rows and not any(cell.text.strip() for cell in rows[-1]):
        rows.pop()
    width = max((len(row) for row in rows), default=0)
    for r, row in enumerate(rows):
        row += [Cell("", (r, c)) for c in range(len(row), width)]
    for top, left, bottom, right in merges:
        if top >= len(rows) or left >= width:
            continue
        value = rows[top][left].value
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            for c in range(left, min(right, width - 1) + 1):
                rows[r][c] = Cell(value, (top, left))
    grid = Grid(rows, [(0, r + 1) for r in range(len(rows))], info=info)
    others = [name for name in names if name != worksheet.title]
    grid.notes.append(("import.sheet", {"sheet": worksheet.title, "others": others}))
    for (r, c), formula in sorted(formulas.items()):
        # A formula no program has computed (a workbook written by a script): there is no value to read, so its
        # text stands in the cell, written as found, and the report says how to get the value.
        if r < len(rows) and c < width and rows[r][c].origin == (r, c) and not rows[r][c].text.strip():
            rows[r][c] = Cell(formula, (r, c))
            grid.notes.append(("import.formula_no_value", {"table": 0, "row": r + 1, "formula": formula}))
    return grid


def _plan_info(workbook: Any, worksheet: Any) -> list[tuple[str, object]]:
    """The (heading, value) pairs of an exported workbook's 方案信息 sheet (columns A and B), unless that is the
    sheet being read; none when the workbook has no such sheet."""
    from ..messages import text

    names = {text("office.sheet.plan", lang) for lang in ("zh", "en")}
    found: list[tuple[str, object]] = []
    for other in workbook.worksheets:
        if other is worksheet or other.title not in names or not hasattr(other, "iter_rows"):
            continue
        for values in other.iter_rows(max_col=2, values_only=True):
            if len(found) >= MAX_ROWS:
                break
            heading, value = (tuple(values) + (None, None))[:2]
            if isinstance(heading, str) and value is not None:
                found.append((heading, _value(value)))
        break
    return found


def _trimmed(values: tuple[Any, ...]) -> tuple[Any, ...]:
    end = len(values)
    while end and (values[end - 1] is None or values[end - 1] == ""):
        end -= 1
    return values[:end]


def _value(value: Any) -> CellValue:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, (date, str)):
        return value.replace("\r\n", "\n") if isinstance(value, str) else value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, time):
        return value.isoformat()
    return str(value)


def _merged_ranges(workbook: Any, worksheet: Any) -> tuple[list[tuple[int, int, int, int]], dict[tuple[int, int], str]]:
    """(top, left, bottom, right), 0-based and inclusive, of each merged range of the sheet; and the formula
    ("=…") of each cell that has one but no cached value, by (row, column)."""
    archive: zipfile.ZipFile = workbook._archive
    found: list[tuple[int, int, int, int]] = []
    formulas: dict[tuple[int, int], str] = {}
    with archive.open(worksheet._worksheet_path) as handle:
        for _, element in iterparse(handle):
            if element.tag == f"{_MAIN_NS}c":
                formula = element.find(f"{_MAIN_NS}f")
                cached = element.find(f"{_MAIN_NS}v")
                place = _REFERENCE.match(element.get("r", ""))
                if formula is not None and formula.text and (cached is None or not cached.text) and place:
                    formulas[(int(place.group(2)) - 1, _column(place.group(1)))] = "=" + formula.text
            elif element.tag == f"{_MAIN_NS}mergeCell":
                match = _REFERENCE.match(element.get("ref", ""))
                if match:
                    left, top = _column(match.group(1)), int(match.group(2)) - 1
                    right = _column(match.group(3)) if match.group(3) else left
                    bottom = int(match.group(4)) - 1 if match.group(4) else top
                    found.append((top, left, bottom, right))
            elif element.tag == f"{_MAIN_NS}row":
                element.clear()
    return found, formulas


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number - 1
