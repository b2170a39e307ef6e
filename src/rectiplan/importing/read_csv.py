"""Reading a .csv file: UTF-8 (with or without a byte order mark), else GB18030 (which contains GBK and GB2312,
what Excel and WPS write on Chinese Windows), or UTF-16 with its byte order mark (Excel's "Unicode text")."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .grid import MAX_COLUMNS, MAX_ROWS, MAX_TEXT_BYTES, Cell, Grid, ImportRefused


def decode(raw: bytes, shown: str) -> tuple[str, str]:
    """(text, encoding name). UTF-8 first: a GB18030 reading of UTF-8 bytes rarely fails, the other way round
    almost always does, so UTF-8 that decodes is UTF-8."""
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
    try:
        for values in reader:
            if len(rows) >= MAX_ROWS or len(values) > MAX_COLUMNS:
                raise ImportRefused("import.too_many_cells", path=shown, rows=MAX_ROWS, columns=MAX_COLUMNS)
            r = len(rows)
            # Cells written by Excel end lines with \r\n inside quotes too: one line break is "\n".
            rows.append([Cell(value.replace("\r\n", "\n"), (r, c)) for c, value in enumerate(values)])
            # The row as a spreadsheet opening the file numbers it (a quoted cell's line breaks do not count).
            places.append((0, r + 1))
    except csv.Error as error:
        raise ImportRefused("import.corrupt", path=shown, reason=str(error)) from None
    width = max((len(row) for row in rows), default=0)
    for r, row in enumerate(rows):
        row += [Cell("", (r, c)) for c in range(len(row), width)]
    grid = Grid(rows, places)
    grid.notes.append(("import.encoding", {"encoding": encoding}))
    return grid
