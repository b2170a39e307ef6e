"""From a grid to a table of items: where the header is, what each column holds, which rows are items, which
continue the item above, which are repeated headers, blank, or group rows ("一、…") naming the topic below them.

How rows are told apart (the README says the same):
- the header is the first row (of the first 30) in which two or more cells name known fields, one of them the
  problem (整改内容…) or the measures; a row under it whose own cells are all headings, two or more under headings
  spread over several columns, splits merged headings (责任单位 over 牵头单位 / 配合单位);
- a row whose texts repeat the header's is a header repeated on a new page, and is skipped; so is the first row of
  a table appended to the plan's that names the same fields in the same columns in other words, while one naming
  other fields (or the same in another order) starts another table, which is not appended;
- a group row has text in one cell only, and that cell spans two or more columns or starts with a Chinese ordinal
  ("一、", "（二）"); one with no item under it goes into the notes of the next (at the end: the last) item;
- when the table has a 序号 column, a row whose 序号 cell is empty, or merged down from the item above, continues
  that item: its own cells are appended to the item's, line by line. Without a 序号 column every row is an item,
  numbered 1..n.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .grid import Cell, CellValue, Grid, ImportRefused, value_text

HEADER_SEARCH_ROWS = 30
# 一、… or （一）… / (一)…: a bracketed ordinal needs no separator after it, a bare one does (一些问题 is text).
_GROUP_ORDINAL = re.compile(r"^\s*(?:[（(][一二三四五六七八九十百]+[)）]|[一二三四五六七八九十百]+[、.．:：\s])")
# The attachment line above a published table: 附件, or the English label an English docx export writes
# (office.annex, "Annex"), with its number if any.
_ATTACHMENT = re.compile(r"^(?:附\s*件|(?i:annex|attachment|appendix))\s*[0-9０-９一二三四五六七八九十]*\s*[:：]?$")
# A note beside the title: "（公开版）", "(此件公开发布)".
_BRACKETED = re.compile(r"^[（(].*[)）]$")
_TITLE_WORDS = ("方案", "台账", "清单", "计划", "问题")


@dataclass(frozen=True)
class Column:
    """A column of the table: its index in the grid, its heading as written, the field it fills (None: kept
    in notes under its heading)."""

    index: int
    heading: str
    key: str | None


@dataclass
class Record:
    """One item as read from the table: the source rows it came from, and each column's value(s) in it."""

    places: list[tuple[int, int]]
    values: dict[int, CellValue]
    group: str | None = None
    first_row: int = -1  # the grid row it starts on
    # Each source row's own cells (a cell merged down from above belongs to the first row only): an item spread
    # over several rows, one measure a row, keeps which measure, unit and people each row gave.
    parts: list[dict[int, CellValue]] = field(default_factory=list)
    # Group rows with no item under them (one group row above another, or a footnote row at the end): their text,
    # kept in this item's notes (the item after them; at the end of the table, the last item).
    stray: list[str] = field(default_factory=list)


@dataclass
class Table:
    title: str | None
    columns: list[Column]
    records: list[Record]
    rows_read: int
    numbered: bool  # whether the table has a 序号 column
    # (message key, params) for the report, in order.
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


Matcher = Callable[[str], "str | None"]


def find_table(grids: list[Grid], match: Matcher, shown: str) -> Table:
    """The first grid with a header row, with the grids that follow it as wide as it (a table Word split at a page
    or a copy pasted in parts) appended; raise ImportRefused when no grid has a header."""
    for index, grid in enumerate(grids):
        header = _header_row(grid, match)
        if header is None:
            continue
        rows = list(grid.rows)
        places = list(grid.places)
        width = len(rows[0]) if rows else 0
        appended = index + 1
        plan_keys = [_key(cell, match) for cell in grid.rows[header]]
        # The first rows of appended tables that are the header worded differently (the same fields in the same
        # columns): skipped as a repeated header is, never read as an item.
        reworded: set[int] = set()
        for later in grids[index + 1 :]:
            if later.rows and len(later.rows[0]) == width:
                offset = len(rows)
                shape = _header_shape(later.rows[0], plan_keys, match)
                if shape == "other":
                    # A header of other columns: another table, named in the report below, not read into items.
                    break
                if shape == "same":
                    reworded.add(offset)
                rows += [[Cell(c.value, (c.origin[0] + offset, c.origin[1])) for c in row] for row in later.rows]
                places += later.places
                appended += 1
            else:
                break
        # Only one table is a plan; any other table that holds text is named in the report, never dropped unsaid.
        others = [(number, other) for number, other in enumerate(grids, 1) if not index < number <= appended]
        notes = list(grid.notes) + [_table_not_read(number, other) for number, other in others if _text_of(other)]
        return _read(Grid(rows, places, grid.before, notes), header, match, reworded)
    if not any(grid.rows for grid in grids):
        raise ImportRefused("import.no_table", path=shown)
    raise ImportRefused("import.no_heading", path=shown)


def _text_of(grid: Grid) -> str:
    return " ".join(cell.text.strip() for row in grid.rows for cell in _own_cells(row) if cell.text.strip())


def _table_not_read(number: int, grid: Grid) -> tuple[str, dict[str, Any]]:
    # Whole: the report cuts a long quote and says its length.
    return ("import.table_not_read", {"table": number, "rows": len(grid.rows), "text": _text_of(grid)})


def _header_shape(row: list[Cell], plan_keys: list[str | None], match: Matcher) -> str | None:
    """Whether the first row of a table appended to the plan's is a header: "same" when its headings name the
    same fields in the same columns as the plan's header (worded differently or not), "other" when they name
    other fields or the same in other columns (another table), None when it is no header (a row of data). A
    header is a row most of whose cells are headings, naming two known fields, one of them the problem or the
    measures, or whose every cell is a known heading."""
    own = [cell for cell in _own_cells(row) if cell.text.strip()]
    keys = [_key(cell, match) for cell in row]
    found = {key for key in keys if key is not None}
    headed = sum(1 for cell in own if _key(cell, match))
    # Most of its cells headings, too: a row of data whose 问题 and 整改措施 cells read as headings is no header.
    if not own or headed * 2 < len(own):
        return None
    if not ((len(found) >= 2 and found & {"issue", "measures"}) or (len(own) >= 2 and headed == len(own))):
        return None
    agree = [c for c, key in enumerate(keys) if key is not None and key == plan_keys[c]]
    differ = [c for c, key in enumerate(keys) if key is not None and plan_keys[c] is not None and key != plan_keys[c]]
    return "same" if len(agree) >= 2 and not differ else "other"


def _key(cell: Cell, match: Matcher) -> str | None:
    text = cell.text.strip()
    return match(text) if text and isinstance(cell.value, str) else None


def _header_row(grid: Grid, match: Matcher) -> int | None:
    for r, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
        keys = {_key(cell, match) for cell in _own_cells(row)} - {None}
        if len(keys) >= 2 and keys & {"issue", "measures"}:
            return r
    return None


def _own_cells(row: list[Cell]) -> list[Cell]:
    """The row's cells, each merged range once."""
    seen: set[tuple[int, int]] = set()
    cells = []
    for cell in row:
        if cell.origin not in seen:
            seen.add(cell.origin)
            cells.append(cell)
    return cells


def _signature(row: list[Cell]) -> tuple[str, ...]:
    return tuple("".join(cell.text.split()) for cell in row)


def _read(grid: Grid, header: int, match: Matcher, reworded: set[int] | None = None) -> Table:
    rows = grid.rows
    notes: list[tuple[str, dict[str, Any]]] = list(grid.notes)
    top = rows[header]
    headings = [cell.text.strip() for cell in top]
    header_rows = [header]
    below = rows[header + 1] if header + 1 < len(rows) else None
    if below is not None:
        own = [cell for c, cell in enumerate(below) if cell.origin[0] == header + 1 and cell.text.strip()]
        spread = _under_spread_headings(top)
        under = {cell.origin for c, cell in enumerate(below) if c in spread and cell in own}
        if own and all(_key(cell, match) for cell in own) and len(under) >= 2:
            for c, cell in enumerate(below):
                if cell.origin[0] == header + 1 and cell.text.strip() and c in spread:
                    headings[c] = cell.text.strip()
            header_rows.append(header + 1)
            notes.append(("import.two_row_header", {"row": grid.places[header + 1][1]}))
    columns: list[Column] = []
    for c, heading in enumerate(headings):
        if not heading:
            headless = _headless_column(grid, header_rows[-1], c)
            if headless is not None:
                columns.append(headless)
                notes.append(("import.headless_column", {"column": c + 1, "heading": headless.heading}))
            continue
        # A heading merged over several columns without sub-headings fills one field from all of them.
        columns.append(Column(c, heading, match(heading)))
    for column in columns:
        if column.key is None and column.heading != _headless_heading(column.index):
            notes.append(("import.unknown_column", {"heading": column.heading}))
    title = _title(grid, header, notes)
    signatures = {_signature(rows[r]) for r in header_rows}
    keyed = {column.key: column.index for column in columns if column.key}
    id_column = keyed.get("id")
    data_columns = {column.index for column in columns}
    records: list[Record] = []
    group: str | None = None
    strays = _StrayGroups(notes)
    rows_read = 0
    for r in range(header_rows[-1] + 1, len(rows)):
        row = rows[r]
        place = grid.places[r]
        texts = [cell.text.strip() for cell in row]
        if not any(texts):
            notes.append(("import.blank_row", {"row": place[1], "table": place[0]}))
            continue
        rows_read += 1
        if _signature(row) in signatures:
            notes.append(("import.repeated_header", {"row": place[1], "table": place[0]}))
            continue
        if reworded and r in reworded:
            notes.append(("import.reworded_header", {"row": place[1], "table": place[0]}))
            continue
        filled = [cell for cell in _own_cells(row) if cell.text.strip()]
        may_continue = id_column is not None and bool(records) and not row[id_column].text.strip()
        if len(filled) == 1 and _is_group(row, filled[0]) and not _continues_text(row, filled[0], may_continue):
            group = filled[0].text.strip()
            kind = "import.group_row_notes" if "topic" in keyed else "import.group_row"
            strays.group_row(group, (kind, {"row": place[1], "table": place[0], "text": group}))
            continue
        own_values = {
            c: cell.value
            for c, cell in enumerate(row)
            if c in data_columns and cell.text.strip() and cell.origin == (r, c)
        }
        continues = False
        if id_column is not None and records:
            id_cell = row[id_column]
            merged_down = id_cell.origin[0] < r and id_cell.origin == rows[records[-1].first_row][id_column].origin
            continues = not id_cell.text.strip() or merged_down
        if continues:
            record = records[-1]
            for c, value in own_values.items():
                before = record.values.get(c, "")
                if before == "" or before == value:
                    record.values[c] = value
                else:
                    record.values[c] = f"{_as_text(before)}\n{_as_text(value)}"
            record.places.append(place)
            record.parts.append(own_values)
            notes.append(("import.continuation", {"row": place[1], "table": place[0]}))
            continue
        repeated = _merged_across(row, columns)
        values = {
            c: cell.value for c, cell in enumerate(row) if c in data_columns and cell.text.strip() and c not in repeated
        }
        records.append(Record([place], values, group, r, [dict(values)]))
        strays.item(records[-1])
    strays.end(records)
    if id_column is None:
        notes.append(("import.numbered", {"count": len(records)}))
    return Table(title, columns, records, rows_read, id_column is not None, notes)


def _headless_heading(index: int) -> str:
    return f"列{index + 1}"


def _headless_column(grid: Grid, last_header: int, c: int) -> Column | None:
    """A column without a heading that holds text under the header: kept like an unknown column, its notes
    headed 列N (never dropped); None when it is empty all the way down (padding to the widest row)."""
    for r in range(last_header + 1, len(grid.rows)):
        cell = grid.rows[r][c]
        if cell.origin[1] == c and cell.text.strip():
            return Column(c, _headless_heading(c), None)
    return None


def _merged_across(row: list[Cell], columns: list[Column]) -> set[int]:
    """The columns whose cell is the same source cell as a column before it under the same heading (a cell merged
    across a heading merged the same way): read once, not once per column it covers."""
    heading_of = {column.index: column.heading for column in columns}
    seen: set[tuple[tuple[int, int], str]] = set()
    repeated: set[int] = set()
    for c, cell in enumerate(row):
        if c not in heading_of:
            continue
        mark = (cell.origin, heading_of[c])
        if mark in seen:
            repeated.add(c)
        seen.add(mark)
    return repeated


def _under_spread_headings(top: list[Cell]) -> set[int]:
    """The columns under a heading spread over several columns: merged across them, or (as a CSV writes such a
    heading) followed by empty header cells. Only there does a row of headings below name the columns: a single
    heading-like cell under the header (问题清单) is a group or data row, not a second header row."""
    spread: set[int] = set()
    for c, cell in enumerate(top):
        merged = sum(1 for other in top if other.origin == cell.origin) >= 2
        empty = not cell.text.strip()
        followed_by_empty = c + 1 < len(top) and not top[c + 1].text.strip() and top[c + 1].origin != cell.origin
        if merged or empty or (followed_by_empty and cell.text.strip()):
            spread.add(c)
    return spread


class _StrayGroups:
    """Group rows that turn out to have no item under them: the next group row or the end of the table follows.
    Their text goes into the notes of the next item (the last one at the end), and their report line says so."""

    def __init__(self, notes: list[tuple[str, dict[str, Any]]]) -> None:
        self.notes = notes
        self.open: int | None = None  # the report line of the group row no item has followed yet
        self.texts: list[str] = []

    def _close(self) -> None:
        if self.open is not None:
            _, params = self.notes[self.open]
            self.notes[self.open] = ("import.group_row_empty", params)
            self.texts.append(params["text"])
            self.open = None

    def group_row(self, text: str, note: tuple[str, dict[str, Any]]) -> None:
        self._close()
        self.open = len(self.notes)
        self.notes.append(note)

    def item(self, record: Record) -> None:
        self.open = None
        record.stray += self.texts
        self.texts = []

    def end(self, records: list[Record]) -> None:
        self._close()
        if records:
            records[-1].stray += self.texts
        self.texts = []


def _continues_text(row: list[Cell], cell: Cell, may_continue: bool) -> bool:
    """Whether a lone `二、…` in one cell, in a row that may continue the item above (no 序号), is that item's text
    (a measure numbered in Chinese) rather than a group row: a group row starts at the left, in the first or the
    序号 column, or spans columns."""
    span = sum(1 for other in row if other.origin == cell.origin)
    return may_continue and span == 1 and cell.origin[1] != 0 and row[0].text.strip() == ""


def _as_text(value: CellValue) -> str:
    return value_text(value)


def _is_group(row: list[Cell], cell: Cell) -> bool:
    span = sum(1 for other in row if other.origin == cell.origin)
    return span >= 2 or bool(_GROUP_ORDINAL.match(cell.text))


def _title(grid: Grid, header: int, notes: list[tuple[str, dict[str, Any]]]) -> str | None:
    """A row above the header spanning the table, else the paragraph before the table that reads as a title."""
    title: str | None = None
    for r in range(header):
        filled = [cell for cell in _own_cells(grid.rows[r]) if cell.text.strip()]
        if not filled:
            continue
        if len(filled) == 1 and _ATTACHMENT.match(filled[0].text.strip()):
            # "附件2" in A1 of a published attachment: the title is the row below, as in a Word file.
            continue
        if title is None and len(filled) == 1:
            title = filled[0].text.strip()
        else:
            notes.append(("import.text_not_read", {"text": " ".join(c.text.strip() for c in filled)}))
    candidates = [p for p in grid.before if not _ATTACHMENT.match(p)]
    if title is None and candidates:
        titled = [p for p in candidates if any(word in p for word in _TITLE_WORDS) and not _BRACKETED.match(p)]
        title = (titled or candidates)[0]
    for paragraph in grid.before:
        if paragraph != title and not _ATTACHMENT.match(paragraph):
            notes.append(("import.text_not_read", {"text": paragraph}))
    return title
