"""The neutral form every reader gives: a rectangular grid of cells with merges resolved, and the text before it.

A merged cell's value belongs to every position it covers; `origin` says which source cell it came from, so the
table reader can tell a value merged down from the row above (shared) from a value written in the row itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

# Reading stops here, whatever the file claims: a real plan has hundreds of rows, a zip bomb has millions.
MAX_ROWS = 20_000
MAX_COLUMNS = 100
# The uncompressed size a .docx/.xlsx may unpack to (a 1,000-row sheet is about 1 MB).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_TEXT_BYTES = 50 * 1024 * 1024
# Bounds on the work a small file can ask for, checked before the grid is built: a sheet's stray far cell or a
# document's gridBefore claims millions of positions, merged ranges and shared strings multiply one text.
MAX_CELLS = 500_000  # rows × width of a grid (20,000 rows of 25 columns)
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell; a plan's cell is a few hundred characters
MAX_GRID_CHARS = 20_000_000  # all positions' text together, each merged position counted: what the plan can grow to
MAX_MERGES = 20_000  # merged ranges in a sheet
MAX_SHARED_STRINGS = 200_000  # a workbook's shared string table
MAX_DOCUMENT_ELEMENTS = 1_000_000  # XML elements of a document (a 1,000-row Word table has about 250,000)

# A date-time is a date with a time of day (an .xlsx cell); a date-time at midnight is read as its date.
CellValue = str | date


@dataclass(frozen=True)
class Cell:
    """One position of the grid: its value (text, '' when empty, or a real date) and the (row, column) of the
    source cell it came from: itself, or the top-left cell of the merged range that covers it."""

    value: CellValue
    origin: tuple[int, int]

    @property
    def text(self) -> str:
        return value_text(self.value)


@dataclass
class Grid:
    """A table as read: `rows` all as wide as the widest; `places[i]` names row i in the source as (table number,
    row number), 1-based (table 0 when the format has one table: a sheet or a CSV file)."""

    rows: list[list[Cell]]
    places: list[tuple[int, int]]
    before: list[str] = field(default_factory=list)
    # What the reader decided that the report should say: (message key, params), e.g. the CSV encoding.
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    # The plan's own fields as an export keeps them beside the table (sheet.PLAN_INFO): (heading, value) pairs
    # for sheet.decode_plan_info, from the xlsx 方案信息 sheet, the docx comments or the csv's trailing block.
    info: list[tuple[str, object]] = field(default_factory=list)


def value_text(value: CellValue) -> str:
    """A cell's value as text: a date as 2021-06-30, a date-time (an .xlsx cell with a time of day) with its time,
    2021-06-30 14:30 (seconds when it has them), so that notes and text keep what the cell showed."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
    return value.isoformat() if isinstance(value, date) else value


def check_text(rows: list[list[Cell]], places: list[tuple[int, int]], shown: str) -> None:
    """Refuse a grid whose cells hold more text than a plan can: one cell past MAX_CELL_CHARS, or all positions
    together past MAX_GRID_CHARS (a merged or shared text counts at every position it fills, as it is read)."""
    total = 0
    for r, row in enumerate(rows):
        for cell in row:
            if isinstance(cell.value, str):
                length = len(cell.value)
                if length > MAX_CELL_CHARS:
                    raise ImportRefused("import.cell_too_long", path=shown, row=places[r][1], limit=MAX_CELL_CHARS)
                total += length
        if total > MAX_GRID_CHARS:
            raise ImportRefused("import.too_much_text", path=shown, limit=f"{MAX_GRID_CHARS:,}")


class ImportRefused(Exception):
    """The file cannot be imported; nothing is written. `code` is a message key in `messages.TEXT`."""

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params
