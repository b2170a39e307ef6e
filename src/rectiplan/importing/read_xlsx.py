"""Reading a sheet of an .xlsx workbook: the sheet's XML streamed row by row (openpyxl's row parser turns each
row's cells into values: shared strings, real dates), merged ranges, hidden rows and columns read in the same
pass, numbers shown through their number format, Excel's `_xHHHH_` escapes undone.

Bounded before anything is built: the shared string table (count and size), the cells (rows × width of what the
sheet holds, not what it claims), the merged ranges (count and area) and the text (grid.check_text)."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import iterparse

from .grid import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_MERGES,
    MAX_ROWS,
    MAX_SHARED_STRINGS,
    MAX_TEXT_BYTES,
    Cell,
    CellValue,
    Grid,
    ImportRefused,
    check_text,
)
from .zipped import check_archive

_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REFERENCE = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$")
# Excel writes a character XML cannot hold (a CR, a control character) as _xHHHH_, and a literal `_x` that would
# read so as _x005F_x…: undone left to right, as Excel reads them.
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Number formats that show a fixed number of decimals (`0.00`, `#,##0.0`): 2021.10 is shown, and meant, so.
_DECIMALS = re.compile(r"^[#,]*0(?:\.(0+))?$")


def read_xlsx(path: Path, shown: str, sheet: str | None = None) -> Grid:
    check_archive(path, shown)
    _check_shared_strings(path, shown)
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises whatever its parsers meet in a damaged file
        raise ImportRefused("import.corrupt", path=shown, reason=str(error) or type(error).__name__) from None
    notes: list[tuple[str, dict[str, Any]]] = []
    try:
        names = workbook.sheetnames
        if sheet is None:
            worksheet = _default_sheet(workbook)
            hidden = [ws.title for ws in workbook.worksheets if getattr(ws, "sheet_state", "visible") != "visible"]
            if hidden:
                notes.append(("import.xlsx_hidden_sheets", {"sheets": "、".join(hidden)}))
        elif sheet in names:
            worksheet = workbook[sheet]
        else:
            raise ImportRefused("import.no_sheet", path=shown, sheet=sheet, sheets="、".join(names))
        if worksheet is None or not hasattr(worksheet, "iter_rows"):
            raise ImportRefused("import.no_table", path=shown)
        try:
            rows, places, merges, hidden_rows, hidden_columns = _read_sheet(workbook, worksheet, shown, notes)
            info = _plan_info(workbook, worksheet)
        except ImportRefused:
            raise
        except Exception as error:  # noqa: BLE001 - a damaged part surfaces as any parser error
            raise ImportRefused("import.corrupt", path=shown, reason=str(error) or type(error).__name__) from None
    finally:
        workbook.close()
    _apply_merges(rows, places, merges, shown, notes)
    check_text(rows, places, shown)
    if hidden_rows:
        notes.append(("import.xlsx_hidden_rows", {"rows": _ranges(sorted(hidden_rows))}))
    if hidden_columns:
        notes.append(
            ("import.xlsx_hidden_columns", {"columns": ", ".join(_letters(c) for c in sorted(hidden_columns))})
        )
    grid = Grid(rows, places, info=info)
    others = [name for name in names if name != worksheet.title]
    grid.notes.append(("import.sheet", {"sheet": worksheet.title, "others": others}))
    grid.notes += notes
    return grid


def _default_sheet(workbook: Any) -> Any:
    """The sheet the user sees on opening the workbook: the active one when it is visible and not the summary or
    plan sheet an export adds, else the first visible sheet, else the first."""
    from ..messages import text

    extra = {text(key, lang) for key in ("office.sheet.plan", "office.sheet.summary") for lang in ("zh", "en")}
    visible = [ws for ws in workbook.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
    try:
        active = workbook.active
    except (IndexError, AttributeError):
        active = None
    if active is not None and active in visible and active.title not in extra:
        return active
    if visible:
        return visible[0]
    return workbook.worksheets[0] if workbook.worksheets else None


def _check_shared_strings(path: Path, shown: str) -> None:
    """Refuse a shared string table larger than a plan's (openpyxl reads all of it up front, used or not): its
    unpacked size, and the number of strings counted streaming."""
    try:
        with zipfile.ZipFile(path) as archive:
            for member in archive.infolist():
                if not member.filename.lower().endswith("sharedstrings.xml"):
                    continue
                limit = {
                    "path": shown,
                    "limit": f"{MAX_SHARED_STRINGS:,}",
                    "size": f"{MAX_TEXT_BYTES // 1024 // 1024} MB",
                }
                if member.file_size > MAX_TEXT_BYTES:
                    raise ImportRefused("import.too_many_strings", **limit)
                count = 0
                with archive.open(member) as handle:
                    for _, element in iterparse(handle):
                        if element.tag == f"{_MAIN_NS}si":
                            count += 1
                            if count > MAX_SHARED_STRINGS:
                                raise ImportRefused("import.too_many_strings", **limit)
                            element.clear()
    except ImportRefused:
        raise
    except Exception as error:  # noqa: BLE001 - a damaged part surfaces as any parser error
        raise ImportRefused("import.corrupt", path=shown, reason=str(error) or type(error).__name__) from None


def _read_sheet(
    workbook: Any, worksheet: Any, shown: str, notes: list[tuple[str, dict[str, Any]]]
) -> tuple[list[list[Cell]], list[tuple[int, int]], list[tuple[int, int, int, int]], set[int], set[int]]:
    """The sheet's rows placed by their row number (a row written twice is kept, after the first, and reported),
    only as wide as its cells that hold something; its merged ranges (row numbers, columns 0-based) and hidden
    rows and columns."""
    from openpyxl.cell.read_only import ReadOnlyCell
    from openpyxl.worksheet._reader import WorkSheetParser

    found: dict[int, list[list[tuple[int, CellValue]]]] = {}
    merges: list[tuple[int, int, int, int]] = []
    seen_merges: set[tuple[int, int, int, int]] = set()
    hidden_rows: set[int] = set()
    hidden_columns: set[int] = set()
    with worksheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            worksheet._shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        for _, element in iterparse(source):
            tag = element.tag
            if tag == f"{_MAIN_NS}row":
                formulas = _uncached_formulas(element)
                hidden = element.get("hidden") in ("1", "true")
                row_element: Any = element  # openpyxl's stubs want an lxml element; ElementTree's is what it reads
                number, cells = parser.parse_row(row_element)
                element.clear()
                values: list[tuple[int, CellValue]] = []
                for cell in cells:
                    column = cell["column"] - 1
                    raw = cell["value"]
                    if column in formulas:
                        raw = formulas[column]
                        notes.append(("import.xlsx_formula", {"cell": f"{_letters(column)}{number}", "formula": raw}))
                    if raw is None or raw == "":
                        continue
                    if column >= MAX_COLUMNS or number > MAX_ROWS:
                        raise ImportRefused("import.too_many_cells", path=shown, rows=MAX_ROWS, columns=MAX_COLUMNS)
                    shown_format = ReadOnlyCell(worksheet, **cell).number_format if cell["style_id"] else "General"
                    values.append((column, _value(raw, shown_format)))
                if hidden and values:
                    hidden_rows.add(number)
                if values:
                    found.setdefault(number, []).append(values)
            elif tag == f"{_MAIN_NS}col":
                if element.get("hidden") in ("1", "true"):
                    low, high = element.get("min", "0"), element.get("max", "0")
                    if low.isdigit() and high.isdigit():
                        hidden_columns.update(range(int(low) - 1, min(int(high), MAX_COLUMNS)))
            elif tag == f"{_MAIN_NS}mergeCell":
                match = _REFERENCE.match(element.get("ref", ""))
                if match:
                    left, top = _column(match.group(1)), int(match.group(2))
                    right = _column(match.group(3)) if match.group(3) else left
                    bottom = int(match.group(4)) if match.group(4) else top
                    merge = (min(top, bottom), min(left, right), max(top, bottom), max(left, right))
                    if merge not in seen_merges:
                        seen_merges.add(merge)
                        merges.append(merge)
                        if len(merges) > MAX_MERGES:
                            raise ImportRefused("import.too_many_merges", path=shown, limit=f"{MAX_MERGES:,}")
                element.clear()
    last = max(found, default=0)
    width = max((column + 1 for number in found for values in found[number] for column, _ in values), default=0)
    hidden_columns = {column for column in hidden_columns if column < width}
    count = last + sum(len(versions) - 1 for versions in found.values())
    if count * width > MAX_CELLS:
        raise ImportRefused("import.too_many_positions", path=shown, rows=last, columns=width, limit=f"{MAX_CELLS:,}")
    rows: list[list[Cell]] = []
    places: list[tuple[int, int]] = []
    starts: dict[int, int] = {}
    for number in range(1, last + 1):
        starts[number] = len(rows)
        for version, values in enumerate(found.get(number, [[]])):
            if version:
                notes.append(("import.xlsx_row_repeated", {"row": number, "table": 0}))
            r = len(rows)
            row = [Cell("", (r, c)) for c in range(width)]
            for column, value in values:
                row[column] = Cell(value, (r, column))
            rows.append(row)
            places.append((0, number))
    # Merged ranges in positions of `rows` (a repeated row shifts those below it), clipped to the grid.
    placed: list[tuple[int, int, int, int]] = []
    for top, left, bottom, right in merges:
        if top < 1 or top > last or left >= width:
            continue
        end = starts[bottom + 1] - 1 if bottom < last else len(rows) - 1
        placed.append((starts[top], left, end, min(right, width - 1)))
    merges[:] = placed
    # Trailing rows that hold only blanks (a formula's empty text) are not part of the table.
    while rows and not any(cell.text.strip() for cell in rows[-1]):
        rows.pop()
        places.pop()
    return rows, places, merges, hidden_rows, hidden_columns


def _uncached_formulas(row: Any) -> dict[int, str]:
    """The formulas of the row's cells saved without a computed value (`<f>` but no `<v>`), by column: what the
    cell would show is unknown, its formula is kept instead of nothing."""
    found: dict[int, str] = {}
    for c, cell in enumerate(row.iter(f"{_MAIN_NS}c")):
        formula = cell.find(f"{_MAIN_NS}f")
        if formula is not None and formula.text and not cell.findtext(f"{_MAIN_NS}v"):
            match = re.match(r"([A-Z]{1,3})\d", cell.get("r", ""))
            found[_column(match.group(1)) if match else c] = f"={formula.text}"
    return found


def _apply_merges(
    rows: list[list[Cell]],
    places: list[tuple[int, int]],
    merges: list[tuple[int, int, int, int]],
    shown: str,
    notes: list[tuple[str, dict[str, Any]]],
) -> None:
    """Each merged range's top-left value at every position it covers, one Cell shared by them all. Overlapping
    ranges (Excel refuses them; a generator may write them) are settled in file order: the first range wins, a later
    one that meets any position of an earlier kept range is ignored (its cells read as written), and the ignored
    ones are reported together on one line. So no value is spread by two ranges, whatever their order or number."""
    owner: dict[tuple[int, int], int] = {}
    kept: list[tuple[int, int, int, int]] = []
    ignored: list[tuple[int, int]] = []  # (the ignored range, the kept range it meets), by index in `merges`
    area = 0
    for index, (top, left, bottom, right) in enumerate(merges):
        bottom = min(bottom, len(rows) - 1)
        if top > bottom:
            continue
        area += (bottom - top + 1) * (right - left + 1)
        if area > MAX_CELLS:
            raise ImportRefused("import.too_many_merges", path=shown, limit=f"{MAX_MERGES:,}")
        positions = [(r, c) for r in range(top, bottom + 1) for c in range(left, right + 1)]
        met = next((owner[position] for position in positions if position in owner), None)
        if met is not None:
            ignored.append((index, met))
            continue
        for position in positions:
            owner[position] = index
        kept.append((top, left, bottom, right))
    tops = {(top, left) for top, left, _, _ in kept}
    for top, left, bottom, right in kept:
        cell = Cell(rows[top][left].value, (top, left))
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                under = rows[r][c]
                if under.origin == (r, c) and (r, c) not in tops and under.text.strip():
                    # Excel keeps only the top-left value of a merged range; a writer may leave others under it.
                    notes.append(
                        (
                            "import.xlsx_under_merge",
                            {"cell": f"{_letters(c)}{places[r][1]}", "text": under.text.strip()},
                        )
                    )
                rows[r][c] = cell
    if ignored:
        shown_ranges = [
            f"{_reference(merges[index], places)} ({_reference(merges[met], places)})" for index, met in ignored[:5]
        ]
        notes.append(
            (
                "import.xlsx_merges_overlap",
                {"count": len(ignored), "ranges": ", ".join(shown_ranges) + (", …" if len(ignored) > 5 else "")},
            )
        )


def _reference(merge: tuple[int, int, int, int], places: list[tuple[int, int]]) -> str:
    top, left, bottom, right = merge
    bottom = min(bottom, len(places) - 1)
    return f"{_letters(left)}{places[top][1]}:{_letters(right)}{places[bottom][1]}"


def _ranges(numbers: list[int]) -> str:
    """3, 5, 6, 7 as "3, 5-7"."""
    from ..messages import number_runs

    return ", ".join(number_runs(numbers))


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


def _value(value: Any, number_format: str = "General") -> CellValue:
    if value is None:
        return ""
    if isinstance(value, datetime):
        # Kept with its time of day when it has one (2021-06-30 14:30 in a 备注 column is text to keep); a deadline
        # reads its date (cells.read_deadline_value).
        return value if value.time() != time() else value.date()
    if isinstance(value, str):
        return _ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), value).replace("\r\n", "\n")
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        decimals = _DECIMALS.match(number_format.strip())
        if decimals and decimals.group(1):
            # As Excel shows it: 2021.1 formatted 0.00 is 2021.10, which a reader takes for October.
            grouping = "," if "," in number_format else ""
            return f"{value:{grouping}.{len(decimals.group(1))}f}"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
    if isinstance(value, time):
        return value.isoformat()
    return str(value)


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number - 1


def _letters(column: int) -> str:
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
