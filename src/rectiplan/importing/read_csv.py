"""Reading a .csv file: UTF-8 (with or without a byte order mark), else GB18030 (which contains GBK and GB2312,
what Excel and WPS write on Chinese Windows), or UTF-16 with its byte order mark (Excel's "Unicode text")."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..sheet import unguard_formula
from .grid import MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, MAX_TEXT_BYTES, Cell, Grid, ImportRefused, check_text


def decode(raw: bytes, shown: str) -> tuple[str, str]:
    """(text, encoding name). UTF-8 first: a GB18030 reading of UTF-8 bytes rarely fails, the other way round
    almost always does, so UTF-8 that decodes is UTF-8. A NUL character is binary data in any encoding."""
    text, encoding = _decode(raw, shown)
    if "\x00" in text:
        raise ImportRefused("import.not_text", path=shown)
    return text, encoding


def _decode(raw: bytes, shown: str) -> tuple[str, str]:
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "UTF-8 (BOM)"
        except UnicodeDecodeError:
            raise ImportRefused("import.not_text", path=shown) from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise ImportRefused("import.not_text", path=shown) from None
    if b"\x00" in raw:
        raise ImportRefused("import.not_text", path=shown)
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "GB18030"
    except UnicodeDecodeError:
        raise ImportRefused("import.not_text", path=shown) from None


def read_csv(path: Path, shown: str) -> Grid:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_TEXT_BYTES + 1)
    except OSError as error:
        raise ImportRefused("import.unreadable", path=shown, reason=error.strerror or type(error).__name__) from None
    if len(raw) > MAX_TEXT_BYTES:
        raise ImportRefused("import.too_large", path=shown, limit=f"{MAX_TEXT_BYTES // 1024 // 1024} MB")
    text, encoding = decode(raw, shown)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    rows: list[list[Cell]] = []
    places: list[tuple[int, int]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # The csv module's own cell limit (131,072) is process-wide: raised to the import's cell limit while reading,
    # so that a long cell is refused as one, not as a damaged file.
    field_limit = csv.field_size_limit(MAX_CELL_CHARS)
    try:
        for values in reader:
            if len(rows) >= MAX_ROWS or len(values) > MAX_COLUMNS:
                raise ImportRefused("import.too_many_cells", path=shown, rows=MAX_ROWS, columns=MAX_COLUMNS)
            r = len(rows)
            # Cells written by Excel end lines with \r\n inside quotes too: one line break is "\n".
            # The `'` rectiplan's export puts before a text that starts like a formula is not part of the text.
            rows.append([Cell(unguard_formula(value.replace("\r\n", "\n")), (r, c)) for c, value in enumerate(values)])
            # The row as a spreadsheet opening the file numbers it (a quoted cell's line breaks do not count).
            places.append((0, r + 1))
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise ImportRefused("import.cell_too_long", path=shown, row=len(rows) + 1, limit=MAX_CELL_CHARS) from None
        raise ImportRefused("import.corrupt", path=shown, reason=str(error)) from None
    finally:
        csv.field_size_limit(field_limit)
    info = _plan_info(rows)
    if info is not None:
        rows, info_pairs = info
        places = places[: len(rows)]
    width = max((len(row) for row in rows), default=0)
    for r, row in enumerate(rows):
        row += [Cell("", (r, c)) for c in range(len(row), width)]
    check_text(rows, places, shown)
    grid = Grid(rows, places, info=info_pairs if info is not None else [])
    grid.notes.append(("import.encoding", {"encoding": encoding}))
    return grid


def _plan_info(rows: list[list[Cell]]) -> tuple[list[list[Cell]], list[tuple[str, object]]] | None:
    """(the table's rows, the plan's fields) when the file ends with the block rectiplan's export writes after
    the table: a blank row, a row holding only 方案信息 (Plan), then `heading,value` rows (sheet.PLAN_INFO)."""
    from ..messages import text
    from ..sheet import PLAN_INFO

    names = {text("office.sheet.plan", lang) for lang in ("zh", "en")}
    headings = {heading for column in PLAN_INFO for heading in (column.zh, column.en)}

    def blank(row: list[Cell]) -> bool:
        return not any(cell.text.strip() for cell in row)

    # From the end up, over the block's rows only: a row that is not `heading,value` means there is no block.
    for r in range(len(rows) - 1, 0, -1):
        row = rows[r]
        if not blank(row) and row[0].text.strip() not in headings | names:
            return None
        if row and row[0].text.strip() in names and blank(row[1:]) and blank(rows[r - 1]):
            pairs: list[tuple[str, object]] = [
                (pair[0].text, pair[1].text) for pair in rows[r + 1 :] if len(pair) >= 2 and not blank(pair)
            ]
            table = rows[: r - 1]
            while table and blank(table[-1]):
                table.pop()
            return table, pairs
    return None
