"""Reading the tables of a .docx document: each table a grid, horizontal (gridSpan) and vertical (vMerge) merges
resolved, a cell's paragraphs and line breaks kept as "\\n", and the paragraphs before each table.

The text is what Word shows: runs anywhere under a paragraph (tracked insertions, content controls, smart tags,
simple fields, custom XML, hyperlinks, symbols, text boxes), and rows, cells and tables wrapped in content
controls or custom XML read as rows, cells and tables; deleted text (w:del, w:moveFrom) and field codes are not.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .grid import (
    MAX_COLUMNS,
    MAX_DOCUMENT_ELEMENTS,
    MAX_ROWS,
    Cell,
    Grid,
    ImportRefused,
    check_text,
)
from .zipped import check_archive

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Subtrees whose text Word does not show: deletions, moved-away text, field instructions, and the fallback copy
# of a drawing (a text box is written twice, as a DrawingML choice and a VML fallback).
_HIDDEN = {f"{_W}del", f"{_W}moveFrom", f"{_W}instrText", f"{_W}delText", f"{_W}delInstrText", f"{_MC}Fallback"}
# Properties hold no text; skipping them saves the walk.
_PROPERTIES = {f"{_W}pPr", f"{_W}rPr", f"{_W}tblPr", f"{_W}trPr", f"{_W}tcPr", f"{_W}sdtPr", f"{_W}tblGrid"}
# Wingdings / Symbol characters that 完成情况 columns use, by their w:sym code (Word stores them in U+F0xx).
_SYMBOLS = {"F0FC": "✓", "F0FB": "✗", "F0FE": "☑", "F0FD": "☒", "F0A8": "☐", "F06F": "□", "F0B2": "☆", "F0AB": "★"}


def read_docx(path: Path, shown: str) -> list[Grid]:
    check_archive(path, shown)
    if path.suffix.lower() == ".docm":
        raise ImportRefused("import.macro_enabled", path=shown)
    _count_elements(path, shown)
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as error:  # noqa: BLE001 - python-docx raises whatever its parsers meet in a damaged file
        if "macroEnabled" in str(error):
            raise ImportRefused("import.macro_enabled", path=shown) from None
        raise ImportRefused("import.corrupt", path=shown, reason=str(error) or type(error).__name__) from None

    numbered_styles = _numbered_styles(document)

    def numbered(p: Any) -> bool:
        """Whether Word numbers the paragraph itself (a list), directly or through its style."""
        properties = p.find(f"{_W}pPr")
        if properties is None:
            return False
        if properties.find(f"{_W}numPr") is not None:
            return True
        style = properties.find(f"{_W}pStyle")
        return style is not None and style.get(f"{_W}val") in numbered_styles

    def cell_text(tc: Any) -> str:
        # Paragraphs and the text of any table nested in the cell, in document order: nothing in the cell is lost.
        # Numbers Word draws for a list are not in the text: written as `1.` `2.` … when two or more paragraphs of
        # the cell are so numbered, as the reader of the document sees them, so that the list splits as typed.
        blocks = list(_blocks(tc, {f"{_W}p", f"{_W}tbl"}))
        listed = sum(1 for block in blocks if block.tag == f"{_W}p" and numbered(block)) >= 2
        lines = []
        number = 0
        for block in blocks:
            if block.tag == f"{_W}p":
                line = paragraph_text(block)
                if listed and numbered(block):
                    number += 1
                    line = f"{number}.{line}"
                lines.append(line)
            else:
                lines += [paragraph_text(p) for p in _blocks(block, {f"{_W}p"}, through_tables=True)]
        return "\n".join(lines)

    grids: list[Grid] = []
    before: list[str] = []
    total_rows = 0
    try:
        for block in _blocks(document.element.body, {f"{_W}p", f"{_W}tbl"}):
            if block.tag == f"{_W}p":
                text = paragraph_text(block).strip()
                if text:
                    before.append(text)
            else:
                grid = _table_grid(block, len(grids) + 1, cell_text, shown)
                total_rows += len(grid.rows)
                if total_rows > MAX_ROWS:
                    raise ImportRefused("import.too_many_cells", path=shown, rows=MAX_ROWS, columns=MAX_COLUMNS)
                grid.before = before
                before = []
                grids.append(grid)
    except ImportRefused:
        raise
    except Exception as error:  # noqa: BLE001 - a damaged part surfaces as any parser error
        raise ImportRefused("import.corrupt", path=shown, reason=str(error) or type(error).__name__) from None
    if not grids:
        raise ImportRefused("import.no_table", path=shown)
    # Each table's text is bounded as it is read; the tables together too, as several may be read as one.
    check_text([row for grid in grids for row in grid.rows], [place for grid in grids for place in grid.places], shown)
    # Text between two tables or after the last one (a 注： under the table, a 续表 heading, a signature) is in no
    # table: the table read reports the paragraphs before it, so each grid also carries those that stand after it,
    # since only the notes of the grid the table starts in are reported.
    for index, grid in enumerate(grids):
        later = [paragraph for other in grids[index + 1 :] for paragraph in other.before] + before
        grid.notes += [("import.text_not_read", {"text": paragraph}) for paragraph in later]
    grids[0].info = _plan_info(str(document.core_properties.comments or ""))
    return grids


def _count_elements(path: Path, shown: str) -> None:
    """Refuse a document whose parts hold more XML elements than any plan (millions of empty paragraphs unpack
    from a few kilobytes), counted streaming, before python-docx builds the whole tree."""
    import zipfile

    from lxml import etree  # type: ignore[import-untyped]  # no stubs; python-docx depends on lxml

    count = 0
    try:
        with zipfile.ZipFile(path) as archive:
            for member in archive.infolist():
                if not member.filename.lower().endswith(".xml"):
                    continue
                with archive.open(member) as handle:
                    parser = etree.iterparse(handle, events=("end",), resolve_entities=False, no_network=True)
                    for _, element in parser:
                        count += 1
                        if count > MAX_DOCUMENT_ELEMENTS:
                            raise ImportRefused(
                                "import.too_many_elements", path=shown, limit=f"{MAX_DOCUMENT_ELEMENTS:,}"
                            )
                        # Drop what was counted, or the tree grows as it is counted.
                        element.clear()
                        while element.getprevious() is not None:
                            del element.getparent()[0]
    except ImportRefused:
        raise
    except Exception as error:  # noqa: BLE001 - a damaged part surfaces as any parser error
        raise ImportRefused("import.corrupt", path=shown, reason=str(error) or type(error).__name__) from None


def _blocks(parent: Any, wanted: set[str], through_tables: bool = False) -> Iterator[Any]:
    """The elements tagged `wanted` under `parent` in document order, looking through the containers that wrap
    them (content controls, custom XML, tracked insertions…) but not into a wanted element itself, a hidden
    subtree or (unless `through_tables`) a nested table."""
    stack = list(reversed(list(parent)))
    while stack:
        element = stack.pop()
        tag = element.tag
        if not isinstance(tag, str) or tag in _HIDDEN or tag in _PROPERTIES:
            continue
        if tag in wanted:
            yield element
        elif through_tables or tag != f"{_W}tbl":
            stack += reversed(list(element))


def paragraph_text(p: Any) -> str:
    """What Word shows of the paragraph: every run's text under it, tabs and breaks, symbols; the paragraphs of
    a text box in it on lines of their own."""
    parts: list[str] = []
    stack = list(reversed(list(p)))
    while stack:
        element = stack.pop()
        tag = element.tag
        if not isinstance(tag, str) or tag in _HIDDEN or tag in _PROPERTIES:
            continue
        if tag == f"{_W}t":
            parts.append(element.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{_W}sym":
            code = (element.get(f"{_W}char") or "").upper()
            try:
                parts.append(_SYMBOLS.get(code) or chr(int(code, 16)))
            except ValueError:
                pass
        else:
            if tag == f"{_W}p":
                parts.append("\n")  # a text box's paragraph, on a line of its own
            stack += reversed(list(element))
    return "".join(parts)


def _plan_info(comments: str) -> list[tuple[str, object]]:
    """The `heading：value` lines an export writes into the document's comments (sheet.PLAN_INFO), as pairs; a
    line with no heading of its own continues the value before it (a value may hold a line break)."""
    from ..sheet import PLAN_INFO

    headings = {heading for column in PLAN_INFO for heading in (column.zh, column.en)}
    found: list[tuple[str, object]] = []
    for line in comments.splitlines():
        heading, colon, value = line.partition("：")
        if colon and heading in headings:
            found.append((heading, value))
        elif found:
            found[-1] = (found[-1][0], f"{found[-1][1]}\n{line}")
    return found


def _numbered_styles(document: Any) -> set[str]:
    """The ids of the paragraph styles that number their paragraphs (List Number and the like)."""
    found = set()
    for style in document.styles.element.iterchildren():
        properties = getattr(style, "pPr", None)
        if properties is not None and properties.numPr is not None:
            found.add(style.styleId)
    return found


def _number(element: Any, child: str, default: int) -> int:
    """An integer property (`w:gridSpan`, `w:gridBefore`…) of a cell or row, `default` when absent or not one."""
    found = element.find(child) if element is not None else None
    if found is None:
        return default
    value = found.get(f"{_W}val", "")
    return int(value) if value.isdigit() and len(value) < 7 else MAX_COLUMNS + 1


def _table_grid(tbl: Any, number: int, cell_text: Any, shown: str) -> Grid:
    rows: list[list[Cell]] = []
    notes: list[tuple[str, dict[str, Any]]] = []
    # Positions of the row above that a vMerge continue may extend: a restart, or a continue of one.
    merging: set[int] = set()
    columns = len(tbl.findall(f"{_W}tblGrid/{_W}gridCol"))
    for r, tr in enumerate(_blocks(tbl, {f"{_W}tr"})):
        row: list[Cell] = []
        now_merging: set[int] = set()
        # Every span is capped by the column limit before anything is allocated for it.
        skipped = _number(tr.find(f"{_W}trPr"), f"{_W}gridBefore", 0)
        if skipped > MAX_COLUMNS:
            raise ImportRefused("import.too_many_cells", path=shown, rows=MAX_ROWS, columns=MAX_COLUMNS)
        row += [Cell("", (r, c)) for c in range(skipped)]
        tcs = list(_blocks(tr, {f"{_W}tc"}))
        for index, tc in enumerate(tcs):
            properties = tc.find(f"{_W}tcPr")
            span = max(1, _number(properties, f"{_W}gridSpan", 1))
            c = len(row)
            # A span running past the grid (Word never writes one) would push the cells after it out of their
            # columns: cut to leave each later cell of the row a column of its own, and report the row.
            room = columns - c - (len(tcs) - index - 1)
            if columns and span > 1 and span > room:
                notes.append(
                    ("import.docx_span_past_grid", {"table": number, "row": r + 1, "span": span, "columns": columns})
                )
                span = max(1, room)
            if c + span > MAX_COLUMNS:
                raise ImportRefused("import.too_many_cells", path=shown, rows=MAX_ROWS, columns=MAX_COLUMNS)
            merge = properties.find(f"{_W}vMerge") if properties is not None else None
            own = cell_text(tc)
            above = rows[r - 1][c] if r and c < len(rows[r - 1]) else None
            if merge is not None and merge.get(f"{_W}val", "continue") == "continue":
                if above is not None and c in merging and not own.strip():
                    cell = above
                else:
                    # A continue with no merge above it, or with text of its own: the text is the cell's own,
                    # and the report says so rather than take the heading or drop the text.
                    cell = Cell(own, (r, c))
                    if own.strip():
                        notes.append(("import.docx_merge_own", {"table": number, "row": r + 1, "text": own.strip()}))
                now_merging.add(c)
            else:
                cell = Cell(own, (r, c))
                if merge is not None:
                    now_merging.add(c)
            row += [cell] * span
        if columns and len(row) > columns and any(cell.text.strip() for cell in row[columns:]):
            notes.append(("import.docx_past_grid", {"table": number, "row": r + 1, "columns": columns}))
        merging = now_merging
        rows.append(row)
    width = max((len(row) for row in rows), default=0)
    for r, row in enumerate(rows):
        row += [Cell("", (r, c)) for c in range(len(row), width)]
    places = [(number, r + 1) for r in range(len(rows))]
    check_text(rows, places, shown)
    return Grid(rows, places, notes=notes)
