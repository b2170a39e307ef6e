"""`export --format docx`: the plan as the Word attachment (附件) it is published as, and `rectiplan import` reads
back; with `with_progress`, the 完成情况 columns of a progress report beside it.

The layout: A4 landscape; a "附件" line; the centred, bold title; one table with the 8 columns of
`sheet.PUBLISHED` (then, with progress, 状态, 完成日期, 进展情况, and 销号日期, 延期, 已交材料, 备注 when any row has
one). The header row repeats on every page and no row splits across pages. Cells hold the published forms of
`sheet.encode_*`, one paragraph a line: numbered measures `1.…` as separate paragraphs, grouped divisions
`（1）…；（2）…`, 责任人 `leader/owner`, deadlines `2021-08-31`, or 长期坚持 for an ongoing item without one.
The plan's own fields (`sheet.PLAN_INFO`) are in the document properties: the title as the title, the issuer as
the subject, and every field as a `heading：value` line of the comments (File > Properties shows them).

Also `write_report_docx`: the 整改进展情况报告 of `rectiplan report` as a Word document.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, BinaryIO
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..formats.layout import text_width
from ..messages import text
from ..model import STATUS_LABELS_ZH, Status
from ..sheet import (
    PUBLISHED,
    TRACKING,
    encode_date,
    encode_divisions,
    encode_extensions,
    encode_list,
    encode_people,
    encode_plan_info,
    encode_progress,
)
from . import ExportData
from .package import repacked, xml_safe

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject
    from docx.opc.coreprops import CoreProperties
    from docx.oxml.xmlchemy import BaseOxmlElement

    from ..formats.interface import Row
    from ..render_report import Block

# Fonts of a Chinese official document: the title in 方正小标宋简体 (二号), headings in 黑体, text in 宋体; the font
# table names a font Windows and WPS always have as the title font's fallback.
TITLE_FONT = "方正小标宋简体"
TITLE_FALLBACK = "宋体"
HEADING_FONT = "黑体"
BODY_FONT = "宋体"
LATIN_FONT = "Times New Roman"
TITLE_SIZE = Pt(22)
ANNEX_SIZE = Pt(16)
TABLE_SIZE = Pt(10.5)
# The 完成情况 columns make 11 to 15 columns: set smaller, as progress tables are.
PROGRESS_TABLE_SIZE = Pt(9)
PAGE_WIDTH, PAGE_HEIGHT = Mm(297), Mm(210)
MARGIN = Mm(20)
# Column widths: a unit is half a Chinese character of the table font (10.5 pt = 210 twips a character); every
# column gets room for its longest line up to MIN_UNITS, plus the cell's left and right margins.
MIN_UNITS = 12
TWIPS_PER_UNIT = 105  # a unit: half a character of the font size, in twips (10 a point)
CELL_PADDING = 330
# At most this share of the width goes to the minimums.
MIN_BUDGET = 0.8
LONG_FLOOR = 6
# Tracking columns added by `with_progress` only when some row has a value for them.
PROGRESS_ALWAYS = ("status", "done_on", "progress")
PROGRESS_WHEN_USED = ("closed_on", "extensions", "materials", "notes")
TWIPS_PER_EMU = 1 / 635
W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CENTRED_KEYS = frozenset({"id", "deadline", "status", "done_on", "closed_on"})


class DocxExporter:
    name = "docx"
    suffix = ".docx"
    binary = True
    description = "the published attachment as a Word table (--with-progress: 完成情况 columns), read back by import"

    def write(self, data: ExportData, out: BinaryIO) -> None:
        lang = data.lang
        size = PROGRESS_TABLE_SIZE if data.with_progress else TABLE_SIZE
        document = _new_document(data.as_of, size)
        _paragraph(document, text("office.annex", lang), font=HEADING_FONT, size=ANNEX_SIZE)
        _paragraph(document, data.title, font=TITLE_FONT, size=TITLE_SIZE, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        columns = list(PUBLISHED)
        cells = [published_cells(row, lang) for row in data.rows]
        if data.with_progress:
            progress = [progress_cells(row, lang) for row in data.rows]
            used = [key for key in PROGRESS_WHEN_USED if any(values[key] for values in progress)]
            keys = set(PROGRESS_ALWAYS) | set(used)
            columns += [column for column in TRACKING if column.key in keys]
            cells = [{**mine, **theirs} for mine, theirs in zip(cells, progress)]
        table = [[values[column.key] for column in columns] for values in cells]
        headings = [column.heading(lang) for column in columns]
        centred = [column.key in CENTRED_KEYS for column in columns]
        total = int((PAGE_WIDTH - 2 * MARGIN) * TWIPS_PER_EMU)
        _table(document, headings, table, total, centred=centred, unit=int(size.pt * 10))
        properties = document.core_properties
        issuers = [plan.issuer for _, plan in data.plans if plan.issuer]
        lines = []
        for source, plan in data.plans:
            for column, value in encode_plan_info(plan, source, data.as_of):
                lines.append(f"{column.heading(lang)}：{value}")
        _set_property(properties, "title", data.title)
        _set_property(properties, "subject", "；".join(dict.fromkeys(issuers)))
        _set_property(properties, "description", "\n".join(lines))  # the comments
        _save(document, data.as_of, out)


EXPORTER = DocxExporter()


def _set_property(properties: CoreProperties, name: str, value: str) -> None:
    """Set a core property's element text. python-docx's setters refuse more than 255 characters, a limit of
    its own (the package format has none): a long title, roster or plan path must not stop the export."""
    element = properties._element._get_or_add(name)
    element.text = xml_safe(value)


def published_cells(row: Row, lang: str) -> dict[str, list[str]]:
    """The 8 published cells of a row by PUBLISHED key, each a list of paragraphs."""
    item = row.entry.item
    ongoing = STATUS_LABELS_ZH[Status.ONGOING] if lang == "zh" else Status.ONGOING.value
    return {
        "id": [str(item.id)],
        "topic": _lines(item.topic),
        "issue": _lines(item.issue),
        "measures": _lines(encode_list([measure.text for measure in item.measures])),
        "evidence": _lines(encode_list(list(item.evidence))),
        "deadline": [encode_date(item.deadline) if item.deadline else ongoing],
        "divisions": _lines(encode_divisions(list(item.divisions), list(item.measures))),
        "people": _lines(encode_people(item.leader, item.owner)),
    }


def progress_cells(row: Row, lang: str) -> dict[str, list[str]]:
    """The 完成情况 cells by TRACKING key: the file's status (as a plan reads it back) and what was recorded."""
    item = row.entry.item
    return {
        "status": [STATUS_LABELS_ZH[item.status] if lang == "zh" else item.status.value],
        "done_on": _lines(encode_date(item.done_on)),
        "closed_on": _lines(encode_date(item.closed_on)),
        "progress": _lines(encode_progress(list(item.progress))),
        "extensions": _lines(encode_extensions(list(item.extensions))),
        "materials": _lines(encode_list(list(item.materials))),
        "notes": _lines(item.notes or ""),
    }


def _lines(value: str) -> list[str]:
    return value.split("\n") if value else []


def _new_document(as_of: date, size: Pt = TABLE_SIZE) -> DocumentObject:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN
    normal = document.styles["Normal"]
    normal.font.size = size
    _set_fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    _add_fallback_font(document)
    stamp = datetime(as_of.year, as_of.month, as_of.day, tzinfo=timezone.utc)
    properties = document.core_properties
    properties.author = properties.last_modified_by = "rectiplan"
    properties.created = properties.modified = stamp
    properties.revision = 1
    return document


def _save(document: DocumentObject, as_of: date, out: BinaryIO) -> None:
    buffer = io.BytesIO()
    document.save(buffer)
    out.write(repacked(buffer.getvalue(), as_of))


def _add_fallback_font(document: DocumentObject) -> None:
    """Name, in the font table, the font Word takes for the title font where it is not installed."""
    part = document.part.part_related_by(RELATIONSHIP_TYPE.FONT_TABLE)
    entry = (
        f'<w:font w:name="{TITLE_FONT}"><w:altName w:val="{TITLE_FALLBACK}"/><w:charset w:val="86"/>'
        '<w:family w:val="script"/><w:pitch w:val="variable"/></w:font></w:fonts>'
    )
    part._blob = part.blob.replace(b"</w:fonts>", entry.encode("utf-8"))


def _set_fonts(run_properties: BaseOxmlElement, east_asian: str) -> None:
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_properties.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asian)


def _paragraph(
    document: DocumentObject,
    content: str,
    *,
    font: str = BODY_FONT,
    size: Pt | None = None,
    bold: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
) -> None:
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    run = paragraph.add_run(xml_safe(content))
    run.bold = bold
    if size is not None:
        run.font.size = size
    _set_fonts(run._r.get_or_add_rPr(), font)


def column_widths(
    headings: Sequence[str], rows: Sequence[Sequence[list[str]]], total: int, unit: int = TWIPS_PER_UNIT
) -> list[int]:
    """Widths (in twips) that add up to `total`. Each column first gets room for most of its lines (the 80th
    percentile of their widths, at most MIN_UNITS: a date, `唐咸来/潘红雄`, a topic on one line; 序号 two
    characters); what is left goes to the columns of longer text by how much more their filled cells hold on
    average (to the power 0.9, so that 整改措施 gets the most without squeezing 整改内容 to a sliver). When the
    minimums take more than MIN_BUDGET of the width (the 完成情况 columns), the long-text columns give up theirs
    first, down to LONG_FLOOR units: a date or a status stays on one line."""
    needs: list[int] = []
    weights: list[float] = []
    for index, heading in enumerate(headings):
        widths = sorted(_units(line) for row in rows for line in row[index])
        typical = widths[int(0.8 * (len(widths) - 1))] if widths else 0
        need = min(max(typical, min(text_width(heading), 4)), MIN_UNITS)
        needs.append(need * unit + CELL_PADDING)
        filled = sum(1 for row in rows if row[index])
        average = sum(widths) / filled if filled else 0.0
        weights.append(max(average - need, 0.0) ** 0.9)
    budget = int(total * MIN_BUDGET)
    floor = LONG_FLOOR * unit + CELL_PADDING
    excess = sum(needs) - budget
    long = [index for index, weight in enumerate(weights) if weight > 0 and needs[index] > floor]
    if excess > 0 and long:
        room = sum(needs[index] - floor for index in long)
        for index in long:
            needs[index] -= min(excess, room) * (needs[index] - floor) // room
    if sum(needs) > budget:
        needs = [need * budget // sum(needs) for need in needs]
    spare = total - sum(needs)
    scale = sum(weights) or 1.0
    return _fill([need + int(spare * weight / scale) for need, weight in zip(needs, weights)], total)


def _units(line: str) -> int:
    """Half-character units of a line: Latin letters and digits, set in the Latin font of a Chinese document,
    take about a quarter more than half a Chinese character."""
    wide = text_width(line)
    return wide + sum(1 for char in line if char.isascii()) // 4


def _fill(widths: list[int], total: int) -> list[int]:
    """The widths, the widest made up to `total` (rounding)."""
    widest = widths.index(max(widths))
    widths[widest] += total - sum(widths)
    return widths


def _table(
    document: DocumentObject,
    headings: Sequence[str],
    rows: Sequence[Sequence[list[str]]],
    total: int,
    *,
    centred: Sequence[bool] = (),
    bold_last: bool = False,
    unit: int = TWIPS_PER_UNIT,
) -> None:
    """A bordered table `total` twips wide: the header row repeated on every page, rows kept whole, each cell's
    lines as paragraphs. The rows are built as XML: python-docx's cell access walks the whole grid each time."""
    widths = column_widths(headings, rows, total, unit)
    table = document.add_table(rows=0, cols=len(headings))
    table.style = document.styles["Table Grid"]
    table.autofit = False
    tbl = table._tbl
    properties = tbl.tblPr
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(total))
    width.set(qn("w:type"), "dxa")
    properties.append(width)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    for column, grid in zip(widths, tbl.tblGrid.findall(qn("w:gridCol"))):
        grid.set(qn("w:w"), str(column))
    markup = [_row([[heading] for heading in headings], widths, header=True)]
    for number, cells in enumerate(rows, 1):
        markup.append(_row(cells, widths, centred=centred, bold=bold_last and number == len(rows)))
    # Parsed once as a whole: making each element with OxmlElement took most of the time of a 1,000-row table.
    parsed = parse_xml(f'<w:tbl xmlns:w="{W_NAMESPACE}">{"".join(markup)}</w:tbl>')
    for row in list(parsed):
        tbl.append(row)


def _row(
    cells: Sequence[list[str]],
    widths: Sequence[int],
    *,
    header: bool = False,
    centred: Sequence[bool] = (),
    bold: bool = False,
) -> str:
    """A table row as WordprocessingML: kept whole on a page (cantSplit); the header row repeats (tblHeader)."""
    parts = ["<w:tr><w:trPr><w:cantSplit/>", "<w:tblHeader/>" if header else "", "</w:trPr>"]
    run_properties = ""
    if header or bold:
        fonts = (
            f'<w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:cs="{LATIN_FONT}" w:eastAsia="{HEADING_FONT}"/>'
        )
        run_properties = "<w:rPr>" + (fonts if header else "") + "<w:b/></w:rPr>"
    for index, (lines, width) in enumerate(zip(cells, widths)):
        short = index < len(centred) and centred[index]
        centre = header or short
        parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>')
        if short and not header:
            parts.append("<w:noWrap/>")  # a date or a number is read whole, never broken at its hyphens
        if centre:
            parts.append('<w:vAlign w:val="center"/>')
        parts.append("</w:tcPr>")
        paragraph = '<w:p><w:pPr><w:jc w:val="center"/></w:pPr>' if centre else "<w:p>"
        for line in lines or [""]:  # a cell needs one paragraph, even empty
            parts.append(paragraph)
            if line:
                parts.append(f'<w:r>{run_properties}<w:t xml:space="preserve">{escape(xml_safe(line))}</w:t></w:r>')
            parts.append("</w:p>")
        parts.append("</w:tc>")
    parts.append("</w:tr>")
    return "".join(parts)


def write_report_docx(blocks: Sequence[Block], as_of: date, out: BinaryIO) -> None:
    """The progress report's blocks (`render_report.report_blocks`) as a Word document: A4 portrait, headings in
    黑体, tables bordered with the header row repeated."""
    from ..render_report import Bullets, Heading, Paragraph, Table

    document = _new_document(as_of)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_HEIGHT, PAGE_WIDTH
    for block in blocks:
        if isinstance(block, Heading):
            title = block.level == 1
            _paragraph(
                document,
                block.text,
                font=TITLE_FONT if title else HEADING_FONT,
                size=Pt(18) if title else Pt(14),
                bold=title,
                align=WD_ALIGN_PARAGRAPH.CENTER if title else None,
            )
        elif isinstance(block, Paragraph):
            _paragraph(document, block.text)
        elif isinstance(block, Bullets):
            for entry in block.entries:
                _paragraph(document, "• " + entry)
        elif isinstance(block, Table):
            rows = [[_lines(cell) for cell in row] for row in block.rows]
            # Portrait: the text width is the short side less the margins.
            total = int((PAGE_HEIGHT - 2 * MARGIN) * TWIPS_PER_EMU)
            _table(document, block.headings, rows, total, centred=block.numeric, bold_last=block.total_row)
    _save(document, as_of, out)
