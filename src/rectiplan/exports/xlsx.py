"""`export --format xlsx`: the 台账 as the Excel workbook an office keeps, and `rectiplan import` reads back.

The layout, which the import relies on:
- Sheet 1, 台账 (Ledger): row 1 holds the plan title, merged over the table; row 2 the headings of `sheet.LEDGER`
  (Chinese, or English with lang "en"); from row 3 one row an item, in the cell forms of `sheet.encode_*`. Dates are
  date cells (yyyy-mm-dd), the id and the days left (negative: late) numbers. The columns computed as of the
  export date (current deadline, days, warning) are for people: the import skips them. With several plans, a last
  column 方案文件 names each row's plan file.
- Sheet 2, 按处室汇总 (By division): `summary.summarize` by division as of the export date, with the total row.
- Sheet 3, 方案信息 (Plan): the plan's own fields (`sheet.PLAN_INFO`), heading in column A and value in column B,
  one block per plan. Visible on purpose: a person can check what the import will take.

Printed, every sheet is landscape and fitted to the page width, with its heading row repeated on every page. The
台账 is set on A3: its 18 columns fitted to the width of A4 came out at about 40 % (text of 4–5 pt); on A3 about 70 %
(7–8 pt), every column of a row still on one sheet of paper, the size offices print large tables on (a printer
without A3 scales it to A4 when told to fit the page). The other sheets are A4.

Rows are filled by warning level as of the export date (red, orange, yellow) and green once done. Plan text is
always a text cell: one that starts like a formula (= + - @, tab, CR) is also marked quote-prefixed, so that
editing it in Excel does not turn it into one either. The workbook's timestamps are the export date, so the same
plan gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ..formats.layout import text_width
from ..messages import text
from ..model import STATUS_LABELS_ZH, Status
from ..query import Level, done_by
from ..render_summary import FIGURES, group_label, summary_records
from ..sheet import (
    LEDGER,
    Column,
    encode_divisions,
    encode_extensions,
    encode_list,
    encode_people,
    encode_plan_info,
    encode_progress,
)
from ..summary import summarize
from . import ExportData
from .package import repacked, xml_safe

if TYPE_CHECKING:
    from ..formats.interface import Row

# Light fills, so that the text stays readable on screen and in print.
LEVEL_FILLS: dict[Level, str] = {Level.RED: "FFC7CE", Level.ORANGE: "FFD8A8", Level.YELLOW: "FFF2CC"}
DONE_FILL = "C6EFCE"
HEADER_FILL = "D9D9D9"
DATE_FORMAT = "yyyy-mm-dd"
# Characters that make a spreadsheet read a typed cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Column widths in characters (an East Asian wide character counts 2): at least the heading, at most these.
MAX_WIDTH = {"issue": 30, "measures": 44, "evidence": 22, "progress": 30, "extensions": 24, "notes": 20}
DEFAULT_MAX_WIDTH = 14
MIN_WIDTH = 4
# Neither Excel nor LibreOffice sizes a row to its wrapped text on opening: heights are set from the lines each
# cell wraps to, in points a line of the body font.
LINE_HEIGHT = 14.5
BODY_FONT = Font(size=10)
# Excel's limits: a row is at most 409 points high, a cell holds at most 32,767 characters (a longer one makes
# Excel repair the file, dropping the text).
MAX_ROW_HEIGHT = 409
MAX_CELL_CHARS = 32_767
CUT_MARK = "…"
CENTRED_KEYS = frozenset({"id", "status", "level"})
DATE_KEYS = frozenset({"deadline", "effective_deadline", "done_on", "closed_on"})
PLAN_SOURCE = Column("plan", "方案文件", "Plan file", imported=False)

_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)


class XlsxExporter:
    name = "xlsx"
    suffix = ".xlsx"
    binary = True
    description = "the 台账 as an Excel workbook (coloured by warning level, summary sheet), read back by import"

    def write(self, data: ExportData, out: BinaryIO) -> None:
        workbook = Workbook()
        ledger = workbook.active
        assert ledger is not None
        _ledger_sheet(ledger, data)
        _summary_sheet(workbook.create_sheet(), data)
        _plan_sheet(workbook.create_sheet(), data)
        stamp = datetime(data.as_of.year, data.as_of.month, data.as_of.day)
        properties = workbook.properties
        properties.title = xml_safe(data.title)
        properties.creator = properties.lastModifiedBy = "rectiplan"
        properties.created = properties.modified = stamp
        buffer = io.BytesIO()
        # ExcelWriter rather than Workbook.save, which stamps the file with the time of writing.
        ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
        out.write(repacked(buffer.getvalue(), data.as_of))


EXPORTER = XlsxExporter()


def status_cell(status: Status, lang: str) -> str:
    """The file's status as a plan reads it back: its Chinese label, or its name (`in_progress`) in English."""
    return STATUS_LABELS_ZH[status] if lang == "zh" else status.value


def ledger_values(row: Row, lang: str) -> dict[str, Any]:
    """The row's cells by LEDGER key: text, dates, numbers, or None for an empty cell."""
    item = row.entry.item
    facts = row.tracking
    level = facts.level if facts else None
    return {
        "id": item.id,
        "topic": item.topic,
        "issue": item.issue,
        "measures": encode_list([measure.text for measure in item.measures]),
        "evidence": encode_list(list(item.evidence)),
        "deadline": item.deadline,
        "divisions": encode_divisions(list(item.divisions), list(item.measures)),
        "people": encode_people(item.leader, item.owner),
        "status": status_cell(item.status, lang),
        "effective_deadline": facts.effective_deadline if facts else item.deadline,
        "days": facts.days_left if facts else None,
        "level": text(f"level.{level.value}", lang) if level else None,
        "done_on": item.done_on,
        "closed_on": item.closed_on,
        "progress": encode_progress(list(item.progress)),
        "extensions": encode_extensions(list(item.extensions)),
        "materials": encode_list(list(item.materials)),
        "notes": item.notes,
        "plan": row.entry.source,
    }


def row_fill(row: Row) -> str | None:
    """Green once done by the export date, else the colour of the warning level then (None: no fill)."""
    facts = row.tracking
    if row.as_of is not None and done_by(row.entry.item, row.as_of):
        return DONE_FILL
    return LEVEL_FILLS[facts.level] if facts and facts.level else None


class _BodyStyles:
    """The few looks of a ledger cell (text, centred, date, days; by fill colour) as named styles, made on first
    use: a cell given a named style by name costs a lookup, where font, fill, border and alignment objects set on
    each cell are hashed one by one (most of the time of a 1,000-row sheet)."""

    def __init__(self, workbook: Any, days_format: str) -> None:
        self.workbook = workbook
        self.days_format = days_format
        self.made: set[str] = set()

    def name(self, kind: str, colour: str | None) -> str:
        name = f"rectiplan {kind} {colour or 'plain'}"
        if name not in self.made:
            style = NamedStyle(name=name, font=BODY_FONT, border=BORDER)
            style.alignment = WRAP if kind == "text" else CENTRED
            if colour:
                style.fill = PatternFill("solid", fgColor=colour)
            if kind == "date":
                style.number_format = DATE_FORMAT
            elif kind == "days":
                style.number_format = self.days_format
            self.workbook.add_named_style(style)
            self.made.add(name)
        return name


def put(sheet: Worksheet, row: int, column: int, value: Any, *, date_format: bool = True) -> Any:
    """Write a value: text always as a text cell (never a formula), dates with the date format."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        value = xml_safe(value)
        if len(value) > MAX_CELL_CHARS:
            # Rather a cut cell than a file Excel repairs: say so with a mark at the end.
            value = value[: MAX_CELL_CHARS - len(CUT_MARK)] + CUT_MARK
        cell.value = value
        cell.data_type = "s"  # openpyxl would store "=…" as a formula
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    elif value is not None:
        cell.value = value
        if date_format and isinstance(value, date):
            cell.number_format = DATE_FORMAT
    return cell


def cell_width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return 10
    return max((text_width(line) for line in str(value).split("\n")), default=0)


def wrapped_lines(value: Any, width: float) -> int:
    """How many lines a cell's text takes in a column `width` characters wide, wrapped at any character (as
    Chinese text wraps; a little generous for English, which wraps at words)."""
    if not isinstance(value, str) or not value:
        return 1
    # A column's width counts digits of the default font; a line of 10-point text holds about a fifth more.
    room = max(int((width - 1) * 1.2), 1)
    return sum(max(1, -(-text_width(line) // room)) for line in value.split("\n"))


def _ledger_sheet(sheet: Worksheet, data: ExportData) -> None:
    lang = data.lang
    sheet.title = text("office.sheet.ledger", lang)
    columns = list(LEDGER) + ([PLAN_SOURCE] if len(data.plans) > 1 else [])
    last = get_column_letter(len(columns))
    title = put(sheet, 1, 1, data.title)
    title.font = Font(bold=True, size=16)
    title.alignment = Alignment(horizontal="center", vertical="center")
    sheet.merge_cells(f"A1:{last}1")
    sheet.row_dimensions[1].height = 30
    widths = [text_width(column.heading(lang)) for column in columns]
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    for index, column in enumerate(columns, 1):
        cell = put(sheet, 2, index, column.heading(lang))
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = CENTRED
        cell.border = BORDER
    days_format = text("office.days_format", lang)
    table = [ledger_values(row, lang) for row in data.rows]
    for values in table:
        for index, column in enumerate(columns):
            widths[index] = max(widths[index], cell_width(values[column.key]))
    widths = [max(MIN_WIDTH, min(width, MAX_WIDTH.get(column.key, DEFAULT_MAX_WIDTH))) + 2
              for width, column in zip(widths, columns)]  # fmt: skip
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.row_dimensions[2].height = LINE_HEIGHT * max(
        wrapped_lines(c.heading(lang), w) for c, w in zip(columns, widths)
    )
    kinds = [
        "date" if column.key in DATE_KEYS else "days" if column.key == "days" else
        "centred" if column.key in CENTRED_KEYS else "text"
        for column in columns
    ]  # fmt: skip
    styles = _BodyStyles(sheet.parent, days_format)
    for number, (row, values) in enumerate(zip(data.rows, table), 3):
        colour = row_fill(row)
        lines = 1
        for index, column in enumerate(columns, 1):
            value = values[column.key]
            cell = put(sheet, number, index, value, date_format=False)
            quoted = cell.quotePrefix
            cell.style = styles.name(kinds[index - 1], colour)
            if quoted:  # the named style resets it
                cell.quotePrefix = True
            lines = max(lines, wrapped_lines(value, widths[index - 1]))
        sheet.row_dimensions[number].height = min(LINE_HEIGHT * lines + 2, MAX_ROW_HEIGHT)
    end = 2 + len(data.rows)
    sheet.freeze_panes = "C3"  # the headings and the id and topic stay in view
    sheet.auto_filter.ref = f"A2:{last}{end}"
    _print_setup(sheet, "2:2", paper=sheet.PAPERSIZE_A3)


def _print_setup(sheet: Worksheet, title_rows: str | None, paper: str = Worksheet.PAPERSIZE_A4) -> None:
    """Landscape A4 (the 台账: A3), as wide as the page, headings repeated on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = paper
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    if sheet.sheet_properties.pageSetUpPr is None:  # a new sheet has none until asked for
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties()
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    if title_rows:
        sheet.print_title_rows = title_rows


def _summary_sheet(sheet: Worksheet, data: ExportData) -> None:
    lang = data.lang
    sheet.title = text("office.sheet.summary", lang)
    entries = [row.entry for row in data.rows]
    # Entries hold unhashable plans: keyed by identity.
    dates = {id(row.entry): row.as_of or data.as_of for row in data.rows}
    summary = summarize(entries, lambda entry: dates[id(entry)], "division")
    headings = [text("summary.by_division", lang)]
    joiner = "" if lang == "zh" else " "
    headings += [text(f"summary.col.{figure}", lang).replace("\n", joiner) for figure in (*FIGURES, "completion_rate")]
    put(sheet, 1, 1, text("office.summary_title", lang, title=data.title, date=data.as_of.isoformat()))
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headings))
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    for index, heading in enumerate(headings, 1):
        cell = put(sheet, 2, index, heading)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = CENTRED
        cell.border = BORDER
    widths = [text_width(heading) for heading in headings]
    for number, record in enumerate(summary_records(summary), 3):
        label = group_label(record["group"], "division", lang)
        values: Sequence[Any] = [label, *(record[figure] for figure in FIGURES), record["completion_rate"]]
        for index, value in enumerate(values, 1):
            cell = put(sheet, number, index, value)
            cell.border = BORDER
            if record["group"] is None:
                cell.font = Font(bold=True)
            widths[index - 1] = max(widths[index - 1], cell_width(value))
        sheet.cell(row=number, column=len(values)).number_format = "0.0%"
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width, MIN_WIDTH), DEFAULT_MAX_WIDTH) + 2
    sheet.freeze_panes = "B3"
    _print_setup(sheet, "2:2")


def _plan_sheet(sheet: Worksheet, data: ExportData) -> None:
    lang = data.lang
    sheet.title = text("office.sheet.plan", lang)
    number = 1
    widths = [0, 0]
    for source, plan in data.plans:
        for column, value in encode_plan_info(plan, source, data.as_of):
            heading = put(sheet, number, 1, column.heading(lang))
            heading.font = Font(bold=True)
            put(sheet, number, 2, value).alignment = Alignment(wrap_text=True, horizontal="left")
            widths = [max(widths[0], text_width(column.heading(lang))), max(widths[1], cell_width(value))]
            number += 1
        number += 1  # a blank row between plans
    sheet.column_dimensions["A"].width = widths[0] + 2
    sheet.column_dimensions["B"].width = min(max(widths[1], MIN_WIDTH), 80) + 2
    _print_setup(sheet, None)
