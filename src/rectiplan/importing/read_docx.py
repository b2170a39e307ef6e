"""Reading the tables of a .docx document with python-docx: each table a grid, horizontal (gridSpan) and vertical
(vMerge) merges resolved, a cell's paragraphs and line breaks kept as "\\n", and the paragraphs before each table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .grid import MAX_COLUMNS, MAX_ROWS, Cell, Grid, ImportRefused
from .zipped import check_archive


def read_docx(path: Path, shown: str) -> list[Grid]:
    check_archive(path, shown)
    import docx
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as error:  # noqa: BLE001 - python-docx raises whatever its parsers meet in a damaged file
        raise ImportRefused("import.corrupt", path=shown, reason=str(error) or type(error).__name__) from None

    def paragraph_text(element: Any) -> str:
        return str(Paragraph(element, None).text)  # type: ignore[arg-type]  # text needs no parent part

    numbered_styles = _numbered_styles(document)

    def numbered(p: Any) -> bool:
        """Whether Word numbers the paragraph itself (a list), directly or through its style."""
        properties = p.pPr
        if properties is None:
            return False
        if properties.numPr is not None:
            return True
        return properties.pStyle is not None and properties.pStyle.val in numbered_styles

    def cell_text(tc: Any) -> str:
        # Paragraphs and the text of any table nested in the cell, in document order: nothing in the cell is lost.
        # Numbers Word draws for a list are not in the text: written as `1.` `2.` … when two or more paragraphs of
        # the cell are so numbered, as the reader of the document sees them, so that the list splits as typed.
        paragraphs = [child for child in tc.iterchildren() if child.tag == qn("w:p")]
        listed = sum(1 for p in paragraphs if numbered(p)) >= 2
        lines = []
        number = 0
        for child in tc.iterchildren():
            if child.tag == qn("w:p"):
                line = paragraph_text(child)
                if listed and numbered(child):
                    number += 1
                    line = f"{number}.{line}"
                lines.append(line)
            elif child.tag == qn("w:tbl"):
                lines += [paragraph_text(p) for p in child.iter(qn("w:p"))]
        return "\n".join(lines)

    grids: list[Grid] = []
    before: list[str] = []
    total_rows = 0
    try:
        for child in document.element.body.iterchildren():
            if child.tag == qn("w:p"):
                text = paragraph_text(child).strip()
                if text:
                    before.append(text)
            elif child.tag == qn("w:tbl"):
                grid = _table_grid(child, len(grids) + 1, cell_text, shown)
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
    grids[0].info = _plan_info(str(document.core_properties.comments or ""))
    return grids


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


def _table_grid(tbl: Any, number: int, cell_text: Any, shown: str) -> Grid:
    rows: list[list[Cell]] = []
    for r, tr in enumerate(tbl.tr_lst):
        row: list[Cell] = []
        skipped = tr.grid_before
        row += [Cell("", (r, c)) for c in range(skipped)]
        for tc in tr.tc_lst:
            span = max(1, min(tc.grid_span, MAX_COLUMNS))
            c = len(row)
            if c + span > MAX_COLUMNS:
                raise ImportRefused("import.too_many_cells", path=shown, rows=MAX_ROWS, columns=MAX_COLUMNS)
            above = rows[r - 1][c] if r and c < len(rows[r - 1]) else None
            if tc.vMerge == "continue" and above is not None:
                cell = above
            else:
                cell = Cell(cell_text(tc), (r, c))
            row += [cell] * span
        rows.append(row)
    width = max((len(row) for row in rows), default=0)
    for r, row in enumerate(rows):
        row += [Cell("", (r, c)) for c in range(len(row), width)]
    return Grid(rows, [(number, r + 1) for r in range(len(rows))])
