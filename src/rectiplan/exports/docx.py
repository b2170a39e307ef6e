"""`export --format docx`: the plan as the Word attachment (附件) it is published as, and `rectiplan import` reads
back; with `with_progress`, the 完成情况 columns of a progress report beside it.

The layout: A4 landscape; a "附件" line; the centred, bold title; one table with the 8 columns of
`sheet.PUBLISHED` (then, with progress, 状态, 完成日期, 进展情况, and 销号日期, 延期, 已交材料, 备注 when any row has
one). The header row repeats on every page and no row splits across pages; consecutive items with the same 主题
share one topic cell merged down, as in the published tables. Cells hold the published forms of
`sheet.encode_*`, one paragraph a line: numbered measures `1.…` as separate paragraphs, grouped divisions
`（1）…；（2）…`, 责任人 `leader/owner`, deadlines `2021-08-31`, or 长期坚持 for an ongoing item without one.
The plan's own fields (`sheet.PLAN_INFO`) are in the document properties: the title as the title, the issuer as
the subject, and every field as a `heading：value` line of the comments (File > Properties shows them).

Also `write_report_docx`: the 整改进展情况报告 of `rectiplan report` as a Word document.
"""

from __future__ import annotations

import io
import re
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
# The 完成情况 columns make 11 to 15 columns: set smaller, as progress tables are (8 pt: with dates and names kept
# whole, 9 pt left the issue and the measures three characters a line).
PROGRESS_TABLE_SIZE = Pt(8)
PAGE_WIDTH, PAGE_HEIGHT = Mm(297), Mm(210)
MARGIN = Mm(20)
# Column widths: a unit is half a Chinese character of the table font (10.5 pt = 210 twips a character); every
# column gets room for its longest line up to MIN_UNITS, plus the cell's left and right margins.
MIN_UNITS = 12
TWIPS_PER_UNIT = 105  # a unit: half a character of the font size, in twips (10 a point)
# The cell's left and right margins (108 twips each in Table Grid) and a little slack.
CELL_PADDING = 240
# At most this share of the width goes to the minimums.
MIN_BUDGET = 0.8
LONG_FLOOR = 6
# 主题 gets room for five characters a line: a topic such as 党的建设方面 wraps in two lines, not one character.
TOPIC_UNITS = 10
# A column filled in fewer than this share of the rows gets no more than its unbreakable content.
SPARSE = 0.05
# A column whose pieces are mostly this short (names, dates, divisions) keeps every short piece whole.
SHORT_SHARE = 0.8
# The widest Latin run kept whole (a long link may break).
WHOLE_MAX = 16
# Where a line may break between pieces of a column of short entries: after these signs, or at a blank. Not at the
# `/` of 责任人 `唐咸来/潘红雄`: LibreOffice breaks a line after a slash only between Latin words.
_BREAKS = re.compile(r"(?<=[、；，;,])|\s+")
# A Latin run, with the opening bracket and character after it that LibreOffice keeps on its line: `2021-08-20（潘`.
_LATIN_RUN = re.compile(r"[!-~]+(?:（.)?")
# Tracking columns added by `with_progress` only when some row has a value for them.
PROGRESS_ALWAYS = ("status", "done_on", "progress")
PROGRESS_WHEN_USED = ("closed_on", "extensions", "materials", "notes")
TWIPS_PER_EMU = 1 / 635
W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CENTRED_KEYS = frozenset({"id", "deadline", "status", "done_on", "closed_on"})
# Columns whose equal consecutive cells are one cell merged down, as in the published attachment, where several
# items share a topic: `rectiplan import` gives a merged cell's text to every row it spans.
MERGED_KEYS = frozenset({"topic"})


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
        floors = [TOPIC_UNITS if column.key == "topic" else 0 for column in columns]
        merged = [column.key in MERGED_KEYS for column in columns]
        _table(document, headings, table, total, centred=centred, unit=int(size.pt * 10), floors=floors, merged=merged)
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
    _set_chinese_defaults(document)
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


def _set_chinese_defaults(document: DocumentObject) -> None:
    """The document defaults name the body font and Simplified Chinese as the East Asian language. python-docx's
    template says `eastAsia="en-US"` and takes the East Asian font from the theme, which LibreOffice then sets in a
    Japanese face (Noto Sans CJK JP) even where a Chinese one is installed; with zh-CN, Word, WPS and LibreOffice
    all choose a Simplified Chinese font for 宋体 where it is missing."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
    if run_properties is None:  # python-docx's template always has them
        return
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is not None:
        run_properties.remove(fonts)  # the theme attributes (eastAsiaTheme…) would win over named fonts
    _set_fonts(run_properties, BODY_FONT)
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_properties.append(language)
    language.set(qn("w:val"), "en-US")
    language.set(qn("w:eastAsia"), "zh-CN")


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
    headings: Sequence[str],
    rows: Sequence[Sequence[list[str]]],
    total: int,
    unit: int = TWIPS_PER_UNIT,
    floors: Sequence[int] = (),
) -> list[int]:
    """Widths (in twips) that add up to `total`. Each column first gets its unbreakable content (`_whole`): a
    date, a status, a name of 责任人, a division, a topic `党的建设方面`, a figure `20.0%`, which a line break
    inside would garble; then room for most of its rows (the 80th percentile of their widest lines, at most
    MIN_UNITS);
    what is left goes to the columns of longer text by how much more their filled cells hold on average (to the
    power 0.9, so that 整改措施 gets the most without squeezing 整改内容 to a sliver), weighed by the share of rows
    that fill them: a column empty in all rows but one (完成日期, 延期 of a progress table) gets no more than its
    content needs. `floors` are minimums in units by column (主题: a few characters a line, not one or two).
    Only when the unbreakable content alone is wider than the page is everything scaled down."""
    hard: list[int] = []
    wants: list[int] = []
    weights: list[float] = []
    longest: list[int] = []
    for index, heading in enumerate(headings):
        lines = [line for row in rows for line in row[index]]
        widths = sorted(_units(line) for line in lines)
        # Over the rows, an empty cell counting as 0: a column filled in few rows has no typical width to make room for.
        rowwise = sorted(max((_units(line) for line in row[index]), default=0) for row in rows)
        typical = rowwise[int(0.8 * (len(rowwise) - 1))] if rowwise else 0
        filled = sum(1 for row in rows if row[index])
        share = filled / len(rows) if rows else 0.0
        floor = max(min(text_width(heading), 4), floors[index] if index < len(floors) else 0)
        if share >= SPARSE and typical > LONG_FLOOR:
            floor = max(floor, LONG_FLOOR)
        must = max(floor, _whole(lines, share < SPARSE))
        hard.append(must * unit + CELL_PADDING)
        need = min(max(typical, must), max(MIN_UNITS, must))
        wants.append(need * unit + CELL_PADDING)
        average = sum(widths) / filled if filled else 0.0
        weights.append(max(average - need, 0.0) ** 0.9 * share)
        longest.append((widths[-1] if widths else 0) * unit + CELL_PADDING)
    if sum(hard) >= total:
        return _fill([width * total // sum(hard) for width in hard], total)
    budget = max(int(total * MIN_BUDGET), sum(hard))
    extra = sum(wants) - sum(hard)
    if sum(wants) > budget and extra:
        # The room for most lines is given short where needed, in proportion; the unbreakable content never is.
        wants = [must + (want - must) * (budget - sum(hard)) // extra for must, want in zip(hard, wants)]
    spare = total - sum(wants)
    scale = sum(weights) or 1.0
    # No column gets more than its longest line; what that leaves goes to every column alike.
    given = [
        min(int(spare * weight / scale), max(most - want, 0)) for want, weight, most in zip(wants, weights, longest)
    ]
    left = spare - sum(given)
    return _fill([want + more + left * want // sum(wants) for want, more in zip(wants, given)], total)


def _whole(lines: Sequence[str], sparse: bool = False) -> int:
    """Half-character units of the widest run a line break may not go through. In a column of short entries (most
    pieces no longer than MIN_UNITS between the places a line may break: after `、`, `；`, `，` or a blank), its
    widest short piece, so that `唐咸来/潘红雄`, `2021-08-31`, `未开始` or `（1）办公室` not
    at all. In a column of sentences, where any Chinese character may end a line, its widest run of Latin letters,
    digits and signs (`2021-08-20`, `20.0%`), at most WHOLE_MAX; not in a `sparse` one: the one cell of a column
    otherwise empty may wrap more rather than take width from every row."""
    # A short Latin piece (`20.0%`) gets a unit more: the widths of Latin characters vary from font to font (and in
    # bold), which `_units` allows for only from four characters on.
    pieces = [_units(piece) + (piece.isascii() and len(piece) < 8) for line in lines for piece in _BREAKS.split(line)]
    pieces = [width for width in pieces if width]
    short = [width for width in pieces if width <= MIN_UNITS + 1]
    if pieces and len(short) >= SHORT_SHARE * len(pieces):
        return max(short)
    if sparse:
        return 0
    runs = [_units(run) + 1 for line in lines for run in _LATIN_RUN.findall(line)]
    return min(max(runs, default=0), WHOLE_MAX)


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
    floors: Sequence[int] = (),
    merged: Sequence[bool] = (),
) -> None:
    """A bordered table `total` twips wide: the header row repeated on every page, rows kept whole, each cell's
    lines as paragraphs; in the `merged` columns, a run of equal non-empty cells one after another is one cell
    merged down (vMerge, as python-docx's `cell.merge` writes it). The rows are built as XML: python-docx's cell
    access walks the whole grid each time."""
    widths = column_widths(headings, rows, total, unit, floors)
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
    spans = _merge_spans(rows, merged)
    for number, cells in enumerate(rows, 1):
        markup.append(
            _row(cells, widths, centred=centred, bold=bold_last and number == len(rows), merges=spans[number - 1])
        )
    # Parsed once as a whole: making each element with OxmlElement took most of the time of a 1,000-row table.
    parsed = parse_xml(f'<w:tbl xmlns:w="{W_NAMESPACE}">{"".join(markup)}</w:tbl>')
    for row in list(parsed):
        tbl.append(row)


def _merge_spans(rows: Sequence[Sequence[list[str]]], merged: Sequence[bool]) -> list[list[str | None]]:
    """Each row's vMerge value by column: "restart" for the first cell of a run of equal non-empty cells in a
    `merged` column, "continue" for the others, None outside a run. An empty cell is never merged: a run of items
    without a topic is not one shared topic."""
    spans: list[list[str | None]] = [[None] * len(row) for row in rows]
    for column, merging in enumerate(merged):
        if not merging:
            continue
        for number in range(1, len(rows)):
            value = rows[number][column]
            if value and value == rows[number - 1][column]:
                spans[number][column] = "continue"
                if spans[number - 1][column] is None:
                    spans[number - 1][column] = "restart"
    return spans


def _row(
    cells: Sequence[list[str]],
    widths: Sequence[int],
    *,
    header: bool = False,
    centred: Sequence[bool] = (),
    bold: bool = False,
    merges: Sequence[str | None] = (),
) -> str:
    """A table row as WordprocessingML: kept whole on a page (cantSplit); the header row repeats (tblHeader). A
    cell whose `merges` value is "continue" continues the merged cell above: Word shows the text of the run's
    first ("restart") cell only, so the continuing cell holds an empty paragraph, as `cell.merge` leaves it."""
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
        merge = merges[index] if index < len(merges) else None
        parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>')
        if merge == "restart":
            parts.append('<w:vMerge w:val="restart"/>')
        elif merge == "continue":
            parts.append("<w:vMerge/>")  # continue is the default value, written as Word and cell.merge write it
            lines = []
        if short and not header:
            parts.append("<w:noWrap/>")  # a date or a number is read whole, never broken at its hyphens
        if centre or merge is not None:
            # A merged topic stands in the middle of the rows it spans, as in the published tables.
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
