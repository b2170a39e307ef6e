"""`rectiplan import`: the leftovers of review 3 (issue 7): DTDs in a document, bracketed group ordinals, long
cells in the report, date-times, reworded headers in an appended table, spans past the grid, overlapping merges,
and the report of an exported 台账 summarised by kind."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from import_tables import Value, write_csv, write_docx, write_xlsx
from typer.testing import Result

GROUP_HEADER: list[Value] = ["序号", "存在问题", "整改措施", "整改时限", "责任处室", "责任人"]


def _plan(result: Result) -> dict[str, Any]:
    data = yaml.safe_load(result.stdout)
    assert isinstance(data, dict), result.output
    return data


# --- r3-20 (a): （一）… is a group row, as 一、… is ----------------------------------------------------------------


@pytest.mark.parametrize("writer", [write_docx, write_xlsx, write_csv])
def test_a_bracketed_chinese_ordinal_starts_a_group_row(
    run: Callable[..., Result], tmp_path: Path, writer: Any
) -> None:
    rows: list[list[Value]] = [
        GROUP_HEADER,
        ["（一）会风文风", "", "", "", "", ""],
        ["1", "问题一", "措施一", "2021-06-30", "办公室", "甲/乙"],
        ["(二)业务工作", "", "", "", "", ""],
        ["2", "问题二", "措施二", "2021-06-30", "办公室", "甲/乙"],
    ]
    suffix = {write_docx: "docx", write_xlsx: "xlsx", write_csv: "csv"}[writer]
    # Not merged across the row: the ordinal alone says it is a group row.
    result = run("import", str(writer(tmp_path / f"g.{suffix}", rows)), "--title", "T")
    assert result.exit_code == 0, result.output
    assert [item["topic"] for item in _plan(result)["items"]] == ["（一）会风文风", "(二)业务工作"]
    assert "a group row, “（一）会风文风”" in result.stderr
    assert "could not be read" not in result.stderr


# --- r3-13: a part with a DTD is refused ------------------------------------------------------------------------


def _patched(path: Path, member: str, change: Callable[[bytes], bytes]) -> Path:
    patched = path.with_name("patched_" + path.name)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, change(data) if item.filename == member else data)
    return patched


def _with_entity(data: bytes, root: bytes, text: bytes) -> bytes:
    """The part with a DTD declaring the internal entity e, used inside `text`."""
    head, rest = data.split(b"?>", 1)
    data = head + b"?>\n<!DOCTYPE " + root + b' [<!ENTITY e "x">]>' + rest
    return data.replace(text, text[:2] + b"&e;" + text[2:], 1)


ROWS: list[list[Value]] = [
    ["序号", "整改内容", "整改措施", "完成时限", "责任处室"],
    ["1", "问题甲", "措施甲之后的文字", "2021-06-30", "办公室"],
]


def test_a_docx_part_with_a_dtd_is_refused(run: Callable[..., Result], tmp_path: Path) -> None:
    path = write_docx(tmp_path / "dtd.docx", ROWS, before=["方案"])
    measure = "措施甲之后的文字".encode()
    patched = _patched(path, "word/document.xml", lambda data: _with_entity(data, b"w:document", measure))
    result = run("import", str(patched))
    assert result.exit_code == 2, result.output
    assert "word/document.xml, line 2: the part declares a DTD" in result.output
    assert "Traceback" not in result.output and result.stdout == ""


def test_an_xlsx_part_with_a_dtd_is_refused(run: Callable[..., Result], tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "dtd.xlsx", ROWS)

    def with_entity(data: bytes) -> bytes:
        # openpyxl writes no declaration and inline strings: the entity goes into the 序号 cell.
        data = b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE worksheet [<!ENTITY e "1">]>' + data
        return data.replace(b"<t>1</t>", b"<t>&e;</t>", 1)

    result = run("import", str(_patched(path, "xl/worksheets/sheet1.xml", with_entity)), "--lang", "zh")
    assert result.exit_code == 2, result.output
    assert "xl/worksheets/sheet1.xml 第 2 行：该部件声明了 DTD" in result.output


def test_a_dtd_after_a_comment_is_found_and_parts_without_one_pass(tmp_path: Path) -> None:
    from rectiplan.importing.grid import ImportRefused
    from rectiplan.importing.zipped import check_archive

    path = write_docx(tmp_path / "ok.docx", ROWS, before=["方案"])
    check_archive(path, "ok.docx")  # a document as Word writes it passes

    def commented(data: bytes) -> bytes:
        head, rest = data.split(b"?>", 1)
        return head + b"?><!-- a comment -->\n\n<!DOCTYPE w:document SYSTEM 'file:///etc/passwd'>" + rest

    with pytest.raises(ImportRefused) as refused:
        check_archive(_patched(path, "word/styles.xml", commented), "x.docx")
    assert refused.value.code == "import.doctype"
    assert refused.value.params["part"] == "word/styles.xml" and refused.value.params["line"] == 3


# --- r3-20 (c): an .xlsx date-time keeps its time of day ----------------------------------------------------------


def test_an_xlsx_date_time_keeps_its_time_in_text_and_a_date_stays_a_date(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["序号", "整改内容", "整改措施", "完成时限", "责任处室", "备注", "督办时间"])
    sheet.append([1, "问题甲", "措施甲", datetime(2021, 6, 30, 14, 30), "办公室", datetime(2021, 5, 4, 9, 5, 7), None])
    sheet.append([2, "问题乙", "措施乙", datetime(2021, 7, 31), "办公室", None, datetime(2021, 8, 1)])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
    path = tmp_path / "times.xlsx"
    workbook.save(path)
    result = run("import", str(path), "--title", "T")
    assert result.exit_code == 0, result.output
    first, second = _plan(result)["items"]
    assert first["notes"] == "2021-05-04 09:05:07"  # 备注 is the notes column: the time is kept
    assert first["deadline"] == date(2021, 6, 30)
    assert "2021-06-30 14:30 has a time of day: the deadline is the day, 2021-06-30" in result.stderr
    # A date at midnight is a date: a real deadline, and a date as text in notes.
    assert second["deadline"] == date(2021, 7, 31)
    assert second["notes"] == "督办时间：2021-08-01"


# --- r3-6: a gridSpan past the grid is cut to fit ---------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.mark.parametrize("span", ["3", "40"])
def test_a_docx_span_past_the_grid_is_cut_and_the_cells_stay_in_their_columns(
    run: Callable[..., Result], tmp_path: Path, span: str
) -> None:
    from docx.oxml import parse_xml

    rows: list[list[Value]] = [*ROWS, ["2", "问题乙", "措施乙", "2021-07-31", "人事处"]]
    path = write_docx(tmp_path / "span.docx", rows, before=["方案"])
    import docx

    document = docx.Document(str(path))
    tc = document.tables[0]._tbl.tr_lst[1].tc_lst[2]  # 措施甲: its row still has five cells
    tc.get_or_add_tcPr().append(parse_xml(f'<w:gridSpan xmlns:w="{W}" w:val="{span}"/>'))
    document.save(str(path))
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    first, second = _plan(result)["items"]
    assert first["measures"] == ["措施甲之后的文字"]
    assert first["deadline"] == date(2021, 6, 30)
    assert first["divisions"] == ["办公室"]
    assert second["divisions"] == ["人事处"]
    assert (
        f"table 1, row 2: a cell spans {span} columns, past the table's 5: the row is malformed; the span is cut"
        in result.stderr
    )


# --- r3-19: overlapping merged ranges: the first wins, the others are reported once ---------------------------


def test_many_overlapping_merges_do_not_multiply_cells_and_are_reported_once(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    rows: list[list[Value]] = [
        ["序号", "整改内容", "整改措施", "完成时限", "责任处室"],
        *([str(n), f"问题{n}", f"措施{n}", "2021-06-30", f"处室{n}"] for n in range(1, 7)),
    ]
    path = write_xlsx(tmp_path / "overlap.xlsx", rows)
    # As a generator may write them: a range, then ranges stepping over it and over each other.
    refs = ["B2:C3", "C3:D4", "B2:B4", "C2:E7", "B3:C5", "D4:E5", "B3:B7", "C6:C7"]
    merges = b"<mergeCells>" + b"".join(b'<mergeCell ref="%s"/>' % ref.encode() for ref in refs) + b"</mergeCells>"
    patched = _patched(
        path, "xl/worksheets/sheet1.xml", lambda data: data.replace(b"</sheetData>", b"</sheetData>" + merges)
    )
    result = run("import", str(patched))
    assert "Traceback" not in result.output
    # Kept: B2:C3 (the first), D4:E5 and C6:C7 (they meet no kept range); the five others are ignored.
    lines = [line for line in result.stderr.splitlines() if "overlap an earlier one" in line]
    assert len(lines) == 1, result.stderr
    assert lines[0].strip().startswith("5 merged ranges overlap an earlier one")
    assert "C3:D4 (B2:C3), B2:B4 (B2:C3), C2:E7 (B2:C3), B3:C5 (B2:C3), B3:B7 (B2:C3)" in lines[0]
    items = _plan(result)["items"]
    assert [item["issue"] for item in items] == ["问题1", "问题1", "问题3", "问题4", "问题5", "问题6"]
    assert [item["measures"] for item in items][:2] == [["问题1"], ["问题1"]]
    assert items[2]["divisions"] == items[3]["divisions"] == ["2021-06-30"]  # D4:E5 spreads D4, as Excel shows
    assert items[4]["measures"] == ["措施5"] and items[5]["measures"] == ["措施5"]  # C6:C7
    assert result.stdout.count("问题1") == 4


# --- r3-28: an appended table's header worded differently ---------------------------------------------------------

PLAN_ROWS: list[list[Value]] = [
    ["序号", "整改内容", "整改措施", "完成时限", "责任处室"],
    ["1", "问题甲", "措施甲", "2021-06-30", "办公室"],
]


def test_an_appended_table_whose_header_is_worded_differently_continues_the_plan(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    later: list[list[Value]] = [
        ["编号", "存在问题", "工作措施", "时限", "责任单位"],
        ["2", "问题乙", "措施乙", "2021-07-31", "人事处"],
    ]
    path = write_docx(tmp_path / "reworded.docx", PLAN_ROWS, before=["方案"], after=[later])
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    items = _plan(result)["items"]
    assert [item["issue"] for item in items] == ["问题甲", "问题乙"]
    assert "table 2, row 1: the header again, worded differently but naming the same columns: skipped" in result.stderr
    assert "could not be read" not in result.stderr


def test_an_appended_table_with_a_header_of_other_columns_is_named_not_read(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    later: list[list[Value]] = [
        ["序号", "整改内容", "整改措施", "责任处室", "完成时限"],  # 完成时限 and 责任处室 swapped: another table
        ["2", "问题乙", "措施乙", "人事处", "2021-07-31"],
    ]
    path = write_docx(tmp_path / "other.docx", PLAN_ROWS, before=["方案"], after=[later])
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert [item["issue"] for item in _plan(result)["items"]] == ["问题甲"]
    assert "table 2 (2 rows) is not the plan's table and was not imported: “序号 整改内容" in result.stderr


def test_an_appended_table_of_data_is_still_read_as_the_plan_continued(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    later: list[list[Value]] = [["2", "问题乙", "措施乙", "2021-07-31", "人事处"]]
    path = write_docx(tmp_path / "data.docx", PLAN_ROWS, before=["方案"], after=[later])
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert [item["issue"] for item in _plan(result)["items"]] == ["问题甲", "问题乙"]


# --- r3-20 (b): long cells are cut in the report, whole in the YAML ----------------------------------------------


def test_a_long_cell_is_cut_in_the_report_and_whole_in_the_yaml(run: Callable[..., Result], tmp_path: Path) -> None:
    long = "视情况而定" + "，需与多个部门反复协商后再确定具体完成时间" * 5  # 106 characters, not a date
    rows: list[list[Value]] = [PLAN_ROWS[0], ["1", "问题甲", "措施甲", long, "办公室"]]
    result = run("import", str(write_csv(tmp_path / "long.csv", rows)), "--title", "T")
    assert result.exit_code == 1, result.output
    assert f"could not be read: '{long[:60]}… ({len(long)} characters)'" in result.stderr
    assert long not in result.stderr.split("The plan was written")[0]
    assert _plan(result)["items"][0]["deadline"] == long
    result = run("import", str(tmp_path / "long.csv"), "--title", "T", "--lang", "zh")
    assert f"无法识别：“{long[:60]}…（共 {len(long)} 字）”" in result.stderr


# --- noise: interpretations of one kind are said once ---------------------------------------------------------------


def test_an_exported_ledger_reports_each_kind_of_interpretation_once(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    from conftest import BUNDLED

    ledger = tmp_path / "ledger.xlsx"
    assert run("export", "--plan", str(BUNDLED), "--format", "xlsx", "-o", str(ledger)).exit_code == 0
    result = run("import", str(ledger))
    assert result.exit_code == 0, result.output
    split = [line for line in result.stderr.splitlines() if "split into" in line]
    # Before: one line per numbered cell (25 of them); now one per column and numbering form.
    removed = "entries at their numbering (1. …), the numbers removed"
    assert split == [
        f"  16 cells (row 4, row 5, row 6 and 13 more), Measures: split into 2–5 {removed}",
        f"  9 cells (row 8, row 10, row 11 and 6 more), Evidence: split into 2–4 {removed}",
    ]
    assert "  2 cells (row 5, row 28), Divisions: 2 numbered groups of units given to the measures they number" in (
        result.stderr
    )


def test_distinct_interpretations_and_every_unread_cell_keep_lines_of_their_own(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    rows: list[list[Value]] = [
        PLAN_ROWS[0],
        ["1", "问题甲", "1、措施一\n2、措施二", "视情况而定", "办公室"],
        ["2", "问题乙", "（1）措施一\n（2）措施二", "待定", "办公室"],
        ["3", "问题丙", "1、措施一\n2、措施二\n3、措施三", "2021-06-30", "办公室"],
        ["", "", "", "", ""],
        ["4", "问题丁", "措施", "2021-06-30", "办公室"],
        ["", "", "", "", ""],
        ["5", "问题戊", "措施", "2021-06-30", "办公室"],
    ]
    result = run("import", str(write_csv(tmp_path / "kinds.csv", rows)), "--title", "T")
    assert result.exit_code == 1, result.output
    assert "  2 cells (row 2, row 4), 整改措施: split into 2–3 entries at their numbering (1、 …)" in result.stderr
    assert "  row 3, 整改措施: split into 2 entries at their numbering (（1） …)" in result.stderr
    assert "  row 2, 完成时限: could not be read: '视情况而定'" in result.stderr
    assert "  row 3, 完成时限: could not be read: '待定'" in result.stderr
    assert "2 cells could not be read" in result.stderr
    # Row-level notes of one kind too: the rows named on one line.
    assert "  row 5, row 7: blank, skipped" in result.stderr


def test_an_appended_row_of_data_with_heading_like_cells_is_data(run: Callable[..., Result], tmp_path: Path) -> None:
    later: list[list[Value]] = [["2", "问题", "整改措施", "2021-07-31", "人事处"]]
    path = write_docx(tmp_path / "data.docx", PLAN_ROWS, before=["方案"], after=[later])
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert [item["issue"] for item in _plan(result)["items"]] == ["问题甲", "问题"]


def test_a_table_not_read_is_quoted_cut_with_its_length(run: Callable[..., Result], tmp_path: Path) -> None:
    other: list[list[Value]] = [["签发人", "张三" * 40], ["日期", "2021年6月30日"]]
    path = write_docx(tmp_path / "other.docx", PLAN_ROWS, before=["方案"], after=[other])
    result = run("import", str(path))
    text = "签发人 " + "张三" * 40 + " 日期 2021年6月30日"
    assert (
        f"table 2 (2 rows) is not the plan's table and was not imported: “{text[:60]}… ({len(text)} characters)”"
        in (result.stderr)
    )
