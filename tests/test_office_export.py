"""The xlsx and docx exports, re-opened with openpyxl and python-docx, and `report --format docx`."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from conftest import BUNDLED, MINIMAL_ITEM
from typer.testing import Result

from rectiplan.exports import EXPORT_MODULES, ExportData, exporter
from rectiplan.formats.interface import Row
from rectiplan.query import days_overdue, entries_of
from rectiplan.sheet import LEDGER, PLAN_INFO, PUBLISHED, TRACKING
from rectiplan.validate import load_plan

AS_OF = date(2021, 9, 1)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def export_data(path: Path, as_of: date = AS_OF, lang: str = "zh", with_progress: bool = False) -> ExportData:
    """What `rectiplan export` hands an exporter: every item of the plan, each with its as-of date."""
    result = load_plan(path)
    assert result.plan is not None, result.problems
    plans = ((str(path), result.plan),)
    rows = tuple(Row(entry, days_overdue(entry.item, as_of), as_of) for entry in entries_of(plans))
    return ExportData(plans, rows, as_of, lang, with_progress)


def export(name: str, data: ExportData) -> bytes:
    buffer = io.BytesIO()
    exporter(name).write(data, buffer)
    return buffer.getvalue()


# openpyxl and python-docx are imported when a test re-opens a file, not when pytest collects this module: a
# test elsewhere measures a child process's peak memory, which on Linux starts from the parent's.
def open_workbook(raw: bytes) -> Any:
    import openpyxl

    return openpyxl.load_workbook(io.BytesIO(raw))


def open_document(source: bytes | Path) -> Any:
    import docx

    return docx.Document(io.BytesIO(source) if isinstance(source, bytes) else str(source))


def workbook(data: ExportData) -> Any:
    return open_workbook(export("xlsx", data))


def document(data: ExportData) -> Any:
    return open_document(export("docx", data))


def item(id_: int, deadline: str = "2021-12-31", extra: str = "", **fields: str) -> str:
    values = {"id": id_, "deadline": deadline, "division": "农村处", **fields}
    return MINIMAL_ITEM.format(**values) + extra


# As of 2021-09-01, with the default thresholds (yellow 20 days, orange 10): one item of each colour.
LEVELS_PLAN = (
    "title: 预警测试方案\nissuer: 测试厅\nwarn_days:\n  yellow: 20\n  orange: 10\ndivisions:\n  - 农村处\n  - 社发处\n"
    "items:\n"
    + item(1, "2021-08-20")  # red: late
    + item(2, "2021-09-05")  # orange: 4 days left
    + item(3, "2021-09-15")  # yellow: 14 days left
    + item(4, "2021-12-31")  # none
    + item(5, "2021-08-01", extra="    status: done\n    done_on: 2021-07-30\n")  # green: done
)

TRACKED_PLAN = (
    "title: 跟踪测试\nitems:\n"
    + item(
        1,
        "2021-08-31",
        extra=(
            "    status: in_progress\n"
            "    progress:\n      - on: 2021-07-01\n        text: 已启动\n        by: 潘红雄\n"
            "      - on: 2021-08-15\n        text: 完成一半\n"
            "    extensions:\n      - to: 2021-10-31\n        reason: 等待批复\n        approved_on: 2021-08-20\n"
            "    materials:\n      - 通知.pdf\n      - 签到表.pdf\n"
            "    notes: 重点督办\n"
        ),
    )
    + "  - id: 2\n    topic: 反馈问题整改\n    issue: 长期工作\n    measures:\n      - 持续推进\n    evidence: []\n"
    "    divisions:\n      - 社发处\n    leader: 唐咸来\n    status: ongoing\n"
)

FORMULA_PLAN = (
    "title: 公式测试\nitems:\n"
    "  - id: 1\n    topic: '=1+1'\n    issue: \"+SUM(A1:A2)\"\n    measures:\n      - '-2'\n      - '@cmd'\n"
    '    evidence:\n      - "\\tindented"\n    deadline: 2021-12-31\n    divisions:\n      - "=HYPERLINK(1)"\n'
    "    leader: '-A'\n    owner: B\n    notes: \"=cmd|' /C calc'!A0\"\n"
)


# ---- xlsx


def test_xlsx_is_registered_and_binary() -> None:
    assert {"xlsx", "docx"} <= set(EXPORT_MODULES)
    assert exporter("xlsx").binary and exporter("docx").binary
    assert exporter("xlsx").suffix == ".xlsx" and exporter("docx").suffix == ".docx"


def test_xlsx_title_row_then_ledger_headings() -> None:
    book = workbook(export_data(BUNDLED))
    sheet = book.worksheets[0]
    assert sheet.title == "台账"
    assert sheet["A1"].value == "2020年度自治区科技厅社会评价意见建议整改方案"
    assert "A1:R1" in {str(cells) for cells in sheet.merged_cells.ranges}
    assert [cell.value for cell in sheet[2]] == [column.zh for column in LEDGER]
    assert sheet.max_row == 2 + 31
    assert [ws.title for ws in book.worksheets] == ["台账", "按处室汇总", "方案信息"]


def test_xlsx_english_headings() -> None:
    book = workbook(export_data(BUNDLED, lang="en"))
    sheet = book.worksheets[0]
    assert [cell.value for cell in sheet[2]] == [column.en for column in LEDGER]
    assert [ws.title for ws in book.worksheets] == ["Ledger", "By division", "Plan"]
    assert sheet.cell(row=3, column=9).value == "pending"  # the status as a plan reads it back
    assert sheet.cell(row=3, column=11).number_format == '0" days left";0" days late";"due today"'


def test_xlsx_cells_values_and_types() -> None:
    sheet = workbook(export_data(BUNDLED)).worksheets[0]
    column = {col.key: index for index, col in enumerate(LEDGER, 1)}

    def cell(row: int, key: str) -> Any:
        return sheet.cell(row=row, column=column[key])

    assert cell(3, "id").value == 1 and cell(3, "id").data_type == "n"
    assert isinstance(cell(3, "deadline").value, datetime)
    assert cell(3, "deadline").value.date() == date(2021, 8, 31)
    assert cell(3, "deadline").number_format == "yyyy-mm-dd"
    assert cell(3, "effective_deadline").value.date() == date(2021, 8, 31)
    assert cell(3, "days").value == -1  # one day late as of 2021-09-01
    assert cell(3, "level").value == "红色预警"
    assert cell(3, "status").value == "未开始"
    assert cell(3, "people").value == "唐咸来/潘红雄"
    # Item 2: three measures, numbered a line each; item 3: divisions grouped per measure.
    assert cell(4, "measures").value.split("\n")[1].startswith("2.将科技支撑平安广西建设纳入")
    assert cell(5, "divisions").value == "（1）办公室；（2）高新处、区域处"
    assert cell(3, "done_on").value is None


def test_xlsx_tracking_fields(write_plan: Callable[..., Path]) -> None:
    sheet = workbook(export_data(write_plan(TRACKED_PLAN))).worksheets[0]
    values = {col.key: sheet.cell(row=3, column=index).value for index, col in enumerate(LEDGER, 1)}
    assert values["status"] == "进行中"
    assert values["progress"] == "2021-07-01（潘红雄）已启动\n2021-08-15 完成一半"
    assert values["extensions"] == "2021-10-31（2021-08-20批准）：等待批复"
    assert values["materials"] == "1.通知.pdf\n2.签到表.pdf"
    assert values["notes"] == "重点督办"
    # The extension holds on 2021-09-01: the current deadline is the new one.
    assert values["effective_deadline"].date() == date(2021, 10, 31)
    ongoing = {col.key: sheet.cell(row=4, column=index).value for index, col in enumerate(LEDGER, 1)}
    assert ongoing["status"] == "长期坚持" and ongoing["deadline"] is None and ongoing["people"] == "唐咸来"


def test_xlsx_rows_coloured_by_level(write_plan: Callable[..., Path]) -> None:
    sheet = workbook(export_data(write_plan(LEVELS_PLAN))).worksheets[0]
    colours = [sheet.cell(row=row, column=3).fill.fgColor.rgb[-6:] for row in range(3, 8)]
    assert colours == ["FFC7CE", "FFD8A8", "FFF2CC", "000000", "C6EFCE"]
    assert sheet.cell(row=6, column=3).fill.fill_type is None
    # The whole row, not only one cell.
    assert {sheet.cell(row=3, column=col).fill.fgColor.rgb[-6:] for col in range(1, len(LEDGER) + 1)} == {"FFC7CE"}
    levels = [sheet.cell(row=row, column=12).value for row in range(3, 8)]
    assert levels == ["红色预警", "橙色预警", "黄色预警", None, None]


def test_xlsx_text_never_a_formula(write_plan: Callable[..., Path]) -> None:
    raw = export("xlsx", export_data(write_plan(FORMULA_PLAN)))
    sheet = open_workbook(raw).worksheets[0]
    column = {col.key: index for index, col in enumerate(LEDGER, 1)}
    assert sheet.cell(row=3, column=column["topic"]).value == "=1+1"
    assert sheet.cell(row=3, column=column["issue"]).value == "+SUM(A1:A2)"
    assert sheet.cell(row=3, column=column["measures"]).value == "1.-2\n2.@cmd"
    assert sheet.cell(row=3, column=column["evidence"]).value == "\tindented"
    # Quoted, since a bare `(1)` would read back as a group number (cells.quoted_unit).
    assert sheet.cell(row=3, column=column["divisions"]).value == "“=HYPERLINK(1)”"
    assert sheet.cell(row=3, column=column["people"]).value == "-A/B"
    assert sheet.cell(row=3, column=column["notes"]).value == "=cmd|' /C calc'!A0"
    for ws in open_workbook(raw).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
    # Quote-prefixed, so that editing the cell in Excel keeps it text too.
    assert sheet.cell(row=3, column=column["topic"]).quotePrefix
    assert sheet.cell(row=3, column=column["evidence"]).quotePrefix
    with zipfile.ZipFile(io.BytesIO(raw)) as package:
        assert b"<f>" not in package.read("xl/worksheets/sheet1.xml")


def test_xlsx_ledger_prints_legibly() -> None:
    # Fitted to the page width, the 台账's text (11 pt) is scaled by the printable width over the columns' width: a
    # column of width w is about 7w + 5 pixels (96 dpi). At least 7 pt on paper; the other sheets stay A4.
    book = workbook(export_data(BUNDLED))
    sheet = book.worksheets[0]
    pixels = sum(7 * dimension.width + 5 for dimension in sheet.column_dimensions.values() if dimension.width)
    paper_mm = {9: 297, 8: 420}[int(sheet.page_setup.paperSize)]  # landscape: the long side is the width
    printable_mm = paper_mm - 2 * 0.7 * 25.4  # Excel's default left and right margins, 0.7 inch
    scale = min(1.0, printable_mm / (pixels / 96 * 25.4))
    assert 11 * scale >= 7, f"{11 * scale:.1f} pt"
    assert [int(other.page_setup.paperSize) for other in book.worksheets[1:]] == [9, 9]


def test_xlsx_sheet_setup() -> None:
    sheet = workbook(export_data(BUNDLED)).worksheets[0]
    assert sheet.freeze_panes == "C3"
    assert sheet.auto_filter.ref == "A2:R33"
    assert sheet.print_title_rows == "$2:$2"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 8  # A3: the 18 columns stay legible (see test_xlsx_ledger_prints_legibly)
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    measures = sheet.cell(row=4, column=4)
    assert measures.alignment.wrap_text
    # Widths follow the text, Chinese characters counted double, within caps.
    widths = {col.key: sheet.column_dimensions[chr(ord("A") + i)].width for i, col in enumerate(LEDGER)}
    assert widths["id"] < widths["topic"] < widths["measures"] <= 46
    assert widths["people"] >= 14  # 唐咸来/潘红雄 on one line
    # Row heights follow the wrapped lines: item 4's long measures need a tall row.
    assert sheet.row_dimensions[6].height > 3 * sheet.row_dimensions[3].height


def test_xlsx_summary_sheet(write_plan: Callable[..., Path]) -> None:
    sheet = workbook(export_data(write_plan(LEVELS_PLAN))).worksheets[1]
    assert sheet["A1"].value == "预警测试方案 — 按处室汇总（截至 2021-09-01）"
    assert [cell.value for cell in sheet[2]][:3] == ["责任处室", "事项数", "已完成"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
    # The roster's order; 社发处 has no item.
    assert [row[0] for row in rows] == ["农村处", "社发处", "合计"]
    assert rows[0][1:3] == [5, 1]  # 5 items, 1 done
    assert rows[0][7] == 1  # overdue
    assert rows[0][8] == 2  # due soon: orange and yellow
    assert rows[0][9] == pytest.approx(0.5)  # 1 done of 2 due
    assert sheet.cell(row=5, column=1).font.b
    assert sheet.cell(row=3, column=10).number_format == "0.0%"


def test_xlsx_plan_info_sheet(write_plan: Callable[..., Path]) -> None:
    path = write_plan(LEVELS_PLAN)
    sheet = workbook(export_data(path)).worksheets[2]
    info = {row[0].value: row[1].value for row in sheet.iter_rows() if row[0].value}
    assert info == {
        "方案名称": "预警测试方案",
        "印发单位": "测试厅",
        "时区": "Asia/Shanghai",
        "黄色预警天数": 20,
        "橙色预警天数": 10,
        "处室名录": "农村处、社发处",
        "方案文件": str(path),
        "统计日期": "2021-09-01",
    }
    assert [column.zh for column in PLAN_INFO] == list(info)
    assert sheet.sheet_state == "visible"


def test_xlsx_same_plan_same_bytes() -> None:
    first = export("xlsx", export_data(BUNDLED))
    assert export("xlsx", export_data(BUNDLED)) == first
    book = open_workbook(first)
    assert book.properties.created == book.properties.modified == datetime(2021, 9, 1)
    assert book.properties.title == "2020年度自治区科技厅社会评价意见建议整改方案"


def test_xlsx_control_characters_do_not_break_the_file(write_plan: Callable[..., Path]) -> None:
    path = write_plan(
        'title: 控制字符\nitems:\n  - id: 1\n    topic: "a\\x07b"\n' + item(2)[item(2).index("    issue") :]
    )
    sheet = workbook(export_data(path)).worksheets[0]
    assert sheet["B3"].value == "a\ufffdb"


# ---- docx


def table_texts(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_docx_layout() -> None:
    doc = document(export_data(BUNDLED))
    section = doc.sections[0]
    assert section.orientation == 1  # landscape
    assert round(section.page_width.mm) == 297 and round(section.page_height.mm) == 210
    paragraphs = [p for p in doc.paragraphs if p.text]
    assert paragraphs[0].text == "附件"
    title = paragraphs[1]
    assert title.text == "2020年度自治区科技厅社会评价意见建议整改方案"
    assert title.alignment == 1  # centred
    assert title.runs[0].bold
    fonts = title.runs[0]._r.rPr.find(f"{W}rFonts")
    assert fonts.get(f"{W}eastAsia") == "方正小标宋简体"
    # Where that font is not installed, the font table names the one to take instead.
    with zipfile.ZipFile(io.BytesIO(export("docx", export_data(BUNDLED)))) as package:
        font_table = ElementTree.fromstring(package.read("word/fontTable.xml"))
    [entry] = [font for font in font_table if font.get(f"{W}name") == "方正小标宋简体"]
    assert entry.find(f"{W}altName").get(f"{W}val") == "宋体"
    [table] = doc.tables
    texts = table_texts(table)
    assert texts[0] == [column.zh for column in PUBLISHED]
    assert len(texts) == 32
    assert texts[1] == ["1", "反馈问题整改", "建议对于桂林市科技特派员加强相关政策法规、业务方面培训。",
                        "组织指导桂林市举办1期科技特派员政策解读及服务管理培训班。", "培训通知、培训签到表、培训图片",
                        "2021-08-31", "农村处", "唐咸来/潘红雄"]  # fmt: skip


def test_docx_header_repeats_and_rows_do_not_split() -> None:
    table = document(export_data(BUNDLED)).tables[0]
    rows = table._tbl.findall(f"{W}tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(row.find(f"{W}trPr/{W}tblHeader") is None for row in rows[1:])
    assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
    widths = [int(col.get(f"{W}w")) for col in table._tbl.tblGrid.findall(f"{W}gridCol")]
    # Proportional to content: 序号 narrowest, 整改措施 widest; together the text width of A4 landscape.
    assert widths[0] == min(widths) and widths[3] == max(widths)
    assert abs(sum(widths) - (297 - 40) / 25.4 * 1440) < 10


def topic_merges(table: Any) -> list[tuple[str | None, str]]:
    """(vMerge value, own text) of each data row's 主题 cell, as the file holds them."""
    found = []
    for tr in table._tbl.findall(f"{W}tr")[1:]:
        tc = tr.findall(f"{W}tc")[1]
        found.append((tc.vMerge, "".join(t.text or "" for t in tc.iter(f"{W}t"))))
    return found


@pytest.mark.parametrize("with_progress", [False, True])
def test_docx_merges_equal_consecutive_topics_down(with_progress: bool) -> None:
    """As in the published attachment, items one after another with the same topic share one 主题 cell merged
    down: vMerge restart on the first row of the run (holding the text), continue (empty) on the others."""
    plan = load_plan(BUNDLED).plan
    assert plan is not None
    topics = [item.topic for item in plan.items]
    table = document(export_data(BUNDLED, with_progress=with_progress)).tables[0]
    expected: list[tuple[str | None, str]] = []
    for number, topic in enumerate(topics):
        same_before = number > 0 and topics[number - 1] == topic
        same_after = number + 1 < len(topics) and topics[number + 1] == topic
        merge = "continue" if same_before else "restart" if same_after else None
        expected.append((merge, "" if same_before else topic))
    assert topic_merges(table) == expected
    # The bundled plan: 反馈问题整改 ×3, 热点难点工作, 反馈问题整改, 热点难点工作 ×4, 定点帮扶 ×6, …
    assert [merge for merge, _ in expected[:11]] == [
        "restart", "continue", "continue", None, None, "restart", "continue", "continue", "continue", "restart",
        "continue",
    ]  # fmt: skip
    # python-docx sees one cell spanning the run, and every row reads the run's topic.
    assert table.cell(1, 1)._tc is table.cell(3, 1)._tc
    assert [table.cell(row, 1).text for row in range(1, len(topics) + 1)] == topics
    # Only the topic is merged; the header still repeats and no row splits.
    rows = table._tbl.findall(f"{W}tr")
    assert [tc.vMerge for tr in rows for c, tc in enumerate(tr.findall(f"{W}tc")) if c != 1] == [None] * (
        len(rows) * (len(table.columns) - 1)
    )
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)


def test_docx_measures_are_paragraphs_and_divisions_grouped() -> None:
    table = document(export_data(BUNDLED)).tables[0]
    measures = [p.text for p in table.rows[2].cells[3].paragraphs]
    assert len(measures) == 3
    assert measures[0] == "1.与公安厅沟通协调，共同抓好《科技支撑平安广西建设实施方案》的落实；"
    assert measures[2].startswith("3.以重点研发计划项目的形式")
    assert table.rows[3].cells[6].text == "（1）办公室；（2）高新处、区域处"


def test_docx_ongoing_without_deadline(write_plan: Callable[..., Path]) -> None:
    table = document(export_data(write_plan(TRACKED_PLAN))).tables[0]
    assert table.rows[2].cells[5].text == "长期坚持"
    assert table.rows[2].cells[7].text == "唐咸来"
    assert table.rows[2].cells[4].text == ""  # no evidence


def test_docx_with_progress_columns(write_plan: Callable[..., Path]) -> None:
    path = write_plan(TRACKED_PLAN)
    texts = table_texts(document(export_data(path, with_progress=True)).tables[0])
    extra = [column.zh for column in TRACKING if column.key in ("status", "done_on", "progress", "extensions",
                                                                  "materials", "notes")]  # fmt: skip
    assert texts[0] == [column.zh for column in PUBLISHED] + extra
    assert texts[1][8:] == ["进行中", "", "2021-07-01（潘红雄）已启动\n2021-08-15 完成一半",
                            "2021-10-31（2021-08-20批准）：等待批复", "1.通知.pdf\n2.签到表.pdf", "重点督办"]  # fmt: skip
    assert texts[2][8] == "长期坚持"
    # Columns no row uses are left out: nothing was closed.
    assert "销号日期" not in texts[0]
    # Without progress: the 8 published columns only.
    assert len(table_texts(document(export_data(path)).tables[0])[0]) == 8


def grid_widths(table: Any) -> dict[str, int]:
    """Each column's width in twips by its heading."""
    widths = [int(col.get(f"{W}w")) for col in table._tbl.tblGrid.findall(f"{W}gridCol")]
    return dict(zip(table_texts(table)[0], widths))


def set_width(line: str, size: float) -> float:
    """The twips a line takes at `size` points, generously: a Chinese character is one em, a Latin character or
    digit 0.6 em (DejaVu Serif, which LibreOffice sets for Times New Roman where that is missing, is that wide)."""
    return sum(size * 20 * (0.6 if char.isascii() else 1.0) for char in line)


def test_docx_with_progress_keeps_dates_names_and_statuses_whole(write_plan: Callable[..., Path]) -> None:
    # Twenty rows with a long issue, one of them with a long note: the 备注 column is empty in 19 rows.
    long_note = "    status: in_progress\n    notes: 该事项需协调多个部门共同推进，另行报送专项说明材料\n"
    long_issue = "issue: " + "建议加强对科技特派员的政策法规和业务培训，" * 3
    plan = "title: 跟踪测试\nitems:\n" + "".join(
        item(number, "2021-12-31", extra=(long_note if number == 1 else "")).replace(f"issue: 问题{number}", long_issue)
        for number in range(1, 21)
    )
    table = document(export_data(write_plan(plan), with_progress=True)).tables[0]
    widths = grid_widths(table)
    size = 8  # the progress table's font size
    margins = 216  # Table Grid's left and right cell margins
    # Nothing that a line break would garble is narrower than its column: a date, 责任人 leader/owner, a status.
    for heading, content in (("计划完成时间", "2021-12-31"), ("责任人", "唐咸来/潘红雄"), ("状态", "进行中")):
        assert widths[heading] - margins >= set_width(content, size), heading
    # 主题 holds at least four characters a line; 序号 its two-character heading.
    assert widths["主题"] - margins >= 4 * size * 20
    assert widths["序号"] - margins >= 2 * size * 20
    # A column filled in one row of twenty gets little width: less than a date column.
    assert widths["备注"] < widths["计划完成时间"]


def test_report_docx_keeps_names_dates_and_rates_whole(run: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    assert run("report", "--as-of", "2021-12-20", "--format", "docx", "-o", str(out), "--lang", "zh").exit_code == 0
    divisions, overdue = open_document(out).tables
    size = 10.5
    margins = 216
    widths = grid_widths(overdue)
    texts = table_texts(overdue)
    for heading in ("责任人", "计划完成时间"):
        column = texts[0].index(heading)
        longest = max((line for row in texts[1:] for line in row[column].split("\n")), key=len)
        assert widths[heading] - margins >= set_width(longest, size), heading
    # The bold total rate (`20.0%`) stays on one line.
    rates = grid_widths(divisions)["完成率"] - margins
    assert rates >= 1.1 * set_width(table_texts(divisions)[-1][-1], size)


@pytest.mark.parametrize("report", [False, True])
def test_docx_defaults_are_simplified_chinese_with_a_chinese_body_font(
    report: bool, run: Callable[..., Result], tmp_path: Path
) -> None:
    if report:
        out = tmp_path / "report.docx"
        assert run("report", "--as-of", "2021-12-20", "--format", "docx", "-o", str(out)).exit_code == 0
        raw = out.read_bytes()
    else:
        raw = export("docx", export_data(BUNDLED))
    with zipfile.ZipFile(io.BytesIO(raw)) as package:
        styles = ElementTree.fromstring(package.read("word/styles.xml"))
    run_properties = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert run_properties is not None
    assert run_properties.find(f"{W}lang").get(f"{W}eastAsia") == "zh-CN"
    fonts = run_properties.find(f"{W}rFonts")
    assert fonts.get(f"{W}eastAsia") == "宋体"
    assert fonts.get(f"{W}eastAsiaTheme") is None  # a theme font would win over the named one


def test_docx_english_and_plan_properties(write_plan: Callable[..., Path]) -> None:
    doc = document(export_data(write_plan(LEVELS_PLAN), lang="en"))
    assert doc.paragraphs[0].text == "Annex"
    assert table_texts(doc.tables[0])[0] == [column.en for column in PUBLISHED]
    properties = doc.core_properties
    assert properties.title == "预警测试方案" and properties.subject == "测试厅"
    lines = properties.comments.split("\n")
    assert "Time zone：Asia/Shanghai" in lines and "Yellow warning (days)：20" in lines
    assert "Divisions roster：农村处、社发处" in lines


def test_docx_same_plan_same_bytes() -> None:
    first = export("docx", export_data(BUNDLED))
    assert export("docx", export_data(BUNDLED)) == first
    properties = open_document(first).core_properties
    assert properties.created.date() == properties.modified.date() == date(2021, 9, 1)


@pytest.mark.parametrize("name", ["xlsx", "docx"])
def test_every_part_is_well_formed_xml(name: str, write_plan: Callable[..., Path]) -> None:
    for path in (BUNDLED, write_plan(FORMULA_PLAN), write_plan(TRACKED_PLAN)):
        with zipfile.ZipFile(io.BytesIO(export(name, export_data(path, with_progress=True)))) as package:
            assert package.testzip() is None
            names = package.namelist()
            assert "[Content_Types].xml" in names
            for part in names:
                if part.endswith((".xml", ".rels")):
                    ElementTree.fromstring(package.read(part))
            assert {info.date_time for info in package.infolist()} == {(2021, 9, 1, 0, 0, 0)}


# ---- report --format docx


def test_report_docx(run: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    result = run("report", "--as-of", "2021-12-20", "--format", "docx", "-o", str(out), "--lang", "zh")
    assert result.exit_code == 0, result.output
    doc = open_document(out)
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "关于《2020年度自治区科技厅社会评价意见建议整改方案》落实情况的报告"
    assert texts[1] == "截至 2021-12-20。"
    assert "一、总体情况" in texts and "四、逾期未完成事项" in texts
    divisions, overdue = doc.tables
    assert table_texts(divisions)[0][:2] == ["责任处室", "事项数"]
    assert table_texts(divisions)[-1][0] == "合计"
    assert divisions.rows[-1].cells[0].paragraphs[0].runs[0].bold
    assert table_texts(overdue)[1][0] == "29"  # most late first, as in the Markdown
    header = overdue._tbl.findall(f"{W}tr")[0]
    assert header.find(f"{W}trPr/{W}tblHeader") is not None
    # The same content as the Markdown report.
    markdown = run("report", "--as-of", "2021-12-20", "--lang", "zh").stdout
    assert all(f"## {heading}" in markdown for heading in texts if heading.startswith(("一、", "四、")))


def test_report_docx_refuses_a_terminal(run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    from rectiplan.formats.interface import Output

    monkeypatch.setattr(Output, "is_terminal", lambda self: True)
    result = run("report", "--format", "docx")
    assert result.exit_code == 2
    assert "binary" in result.stderr and "-o" in result.stderr


def test_report_docx_to_a_pipe_and_no_overwrite(run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("report", "--as-of", "2021-12-20", "--format", "docx")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"PK")
    out = tmp_path / "r.docx"
    out.write_bytes(b"keep")
    refused = run("report", "--format", "docx", "-o", str(out))
    assert refused.exit_code == 2 and out.read_bytes() == b"keep"
    assert run("report", "--format", "docx", "-o", str(out), "--force").exit_code == 0
    assert out.read_bytes().startswith(b"PK")


def test_report_markdown_unchanged_by_default(run: Callable[..., Result], tmp_path: Path) -> None:
    plain = run("report", "--as-of", "2021-12-20")
    assert plain.stdout.startswith("# Rectification progress report")
    out = tmp_path / "r.md"
    assert run("report", "--as-of", "2021-12-20", "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8") == plain.stdout


def test_commands_do_not_import_the_office_libraries(run: Callable[..., Result]) -> None:
    """openpyxl and python-docx are imported by the exports that need them, never by the command line itself."""
    import subprocess
    import sys

    code = (
        "import sys\nfrom rectiplan.cli import app\nimport rectiplan.exports, rectiplan.render_report\n"
        "print(sorted(name for name in ('openpyxl', 'docx') if name in sys.modules))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


def test_xlsx_within_excel_limits(write_plan: Callable[..., Path]) -> None:
    """A row at most 409 points high and a cell at most 32,767 characters: past either, Excel repairs the file."""
    long_notes = "很长的备注" * 8_000  # 40,000 characters
    many = "".join(f"      - 措施第{n}条\n" for n in range(1, 120))
    path = write_plan(
        "title: 极限\nitems:\n"
        + item(1, extra=f"    notes: {long_notes}\n").replace("      - 措施1\n", "      - 措施1\n" + many)
    )
    sheet = workbook(export_data(path)).worksheets[0]
    notes = sheet.cell(row=3, column=len(LEDGER)).value
    assert len(notes) == 32_767 and notes.endswith("…") and notes.startswith("很长的备注")
    assert sheet.row_dimensions[3].height == 409


@pytest.mark.parametrize("name", ["xlsx", "docx"])
def test_nothing_selected_still_makes_a_file(name: str) -> None:
    """The filters may match no item: the file has its headings and nothing else."""
    full = export_data(BUNDLED)
    empty = ExportData(full.plans, (), full.as_of, "zh", True)
    raw = export(name, empty)
    if name == "xlsx":
        sheet = open_workbook(raw).worksheets[0]
        assert sheet.max_row == 2 and sheet.auto_filter.ref == "A2:R2"
    else:
        [table] = open_document(raw).tables
        assert len(table.rows) == 1


def test_xlsx_several_plans_name_each_row_s_plan(write_plan: Callable[..., Path]) -> None:
    first, second = write_plan(LEVELS_PLAN, "a.yaml"), write_plan(TRACKED_PLAN, "b.yaml")
    one, two = export_data(first), export_data(second)
    data = ExportData(one.plans + two.plans, one.rows + two.rows, AS_OF, "zh")
    book = workbook(data)
    sheet = book.worksheets[0]
    assert sheet["A1"].value == "预警测试方案；跟踪测试"
    assert sheet.cell(row=2, column=len(LEDGER) + 1).value == "方案文件"
    assert sheet.cell(row=3, column=len(LEDGER) + 1).value == str(first)
    assert sheet.cell(row=8, column=len(LEDGER) + 1).value == str(second)
    titles = [row[1].value for row in book.worksheets[2].iter_rows() if row[0].value == "方案名称"]
    assert titles == ["预警测试方案", "跟踪测试"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plan_info_reads_back(lang: str, write_plan: Callable[..., Path]) -> None:
    """What the 方案信息 sheet and the docx comments hold gives back the plan's own fields (for `import`)."""
    from rectiplan.model import Plan
    from rectiplan.sheet import decode_plan_info

    path = write_plan(LEVELS_PLAN.replace("issuer: 测试厅\n", "issuer: 测试厅\ntimezone: Asia/Urumqi\n"))
    data = export_data(path, lang=lang)
    plan = data.plans[0][1]
    sheet = workbook(data).worksheets[2]
    from_xlsx = decode_plan_info((row[0].value, row[1].value) for row in sheet.iter_rows())
    comments = document(data).core_properties.comments
    from_docx = decode_plan_info(tuple(line.split("：", 1)) for line in comments.split("\n"))
    expected = {key: value for key, value in plan.model_dump().items() if key != "items"}
    for found in (from_xlsx, from_docx):
        rebuilt = Plan.model_validate({**found, "items": [item.model_dump() for item in plan.items]})
        assert {key: value for key, value in rebuilt.model_dump().items() if key != "items"} == expected
    assert from_xlsx["timezone"] == "Asia/Urumqi" and from_xlsx["warn_days"] == {"yellow": 20, "orange": 10}


def test_report_takes_its_format_from_the_suffix_of_o(run: Callable[..., Result], tmp_path: Path) -> None:
    """As export: `report -o r.docx` writes Word, `-o r.md` Markdown; a --format at odds with the suffix is refused
    with exit 2 and nothing written (a Word file named .md, or Markdown named .docx, would not open)."""
    assert run("report", "--as-of", "2021-12-20", "-o", str(tmp_path / "r.docx")).exit_code == 0
    assert (tmp_path / "r.docx").read_bytes().startswith(b"PK")
    assert run("report", "--as-of", "2021-12-20", "-o", str(tmp_path / "r.markdown")).exit_code == 0
    assert (tmp_path / "r.markdown").read_text(encoding="utf-8").startswith("# ")
    for given, name in (("docx", "x.md"), ("md", "x.docx"), ("md", "x.xlsx")):
        refused = run("report", "-f", given, "-o", str(tmp_path / name), "--lang", "en")
        assert refused.exit_code == 2, refused.output
        assert f"--format {given} but" in refused.stderr and not (tmp_path / name).exists()
    zh = run("report", "-f", "docx", "-o", str(tmp_path / "x.md"), "--lang", "zh")
    assert zh.exit_code == 2 and "--format 为 docx" in zh.stderr
    unknown = run("report", "-o", str(tmp_path / "r.txt"), "--lang", "en")
    assert unknown.exit_code == 2 and "cannot tell the format" in unknown.stderr and "md|docx" in unknown.stderr
    assert not (tmp_path / "r.txt").exists()
    assert run("report", "-f", "md", "-o", str(tmp_path / "r.txt")).exit_code == 0
