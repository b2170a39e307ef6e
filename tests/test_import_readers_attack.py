"""`rectiplan import` readers under attack (review 3): files that ask for unbounded work are refused, with exit 2
and a message naming the limit, before the work; text Word, Excel or a CSV shows is read, or the report says
where it went."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from rectiplan.importing import read_docx as read_docx_module

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WNS = f'xmlns:w="{W}"'
HEAD = ("序号", "整改内容", "整改措施", "完成时限", "责任处室")


def _base(rows: list[tuple[str, ...]] | None = None) -> tuple[Any, Any]:
    import docx

    document = docx.Document()
    document.add_paragraph("2021年整改方案")
    rows = rows or [("1", "问题甲", "措施甲", "2021年6月30日", "办公室")]
    table = document.add_table(rows=1 + len(rows), cols=len(HEAD))
    for c, heading in enumerate(HEAD):
        table.cell(0, c).text = heading
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r + 1, c).text = value
    return document, table


def _xml(text: str) -> Any:
    from docx.oxml import parse_xml

    return parse_xml(text)


def _wrap_in_sdt(element: Any) -> None:
    from lxml import etree

    sdt = etree.Element(f"{{{W}}}sdt")
    content = etree.SubElement(sdt, f"{{{W}}}sdtContent")
    element.addprevious(sdt)
    content.append(element)


# --- resource bounds -------------------------------------------------------------------------------------------


def test_docx_grid_before_is_capped_before_cells_are_made(
    run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document, table = _base()
    table._tbl.append(_xml(f'<w:tr {WNS}><w:trPr><w:gridBefore w:val="3000000"/></w:trPr><w:tc><w:p/></w:tc></w:tr>'))
    path = tmp_path / "gb.docx"
    document.save(str(path))
    made = [0]
    real_cell = read_docx_module.Cell

    def counting(*args: Any) -> Any:
        made[0] += 1
        assert made[0] < 10_000, "cells made for a gridBefore past the column limit"
        return real_cell(*args)

    monkeypatch.setattr(read_docx_module, "Cell", counting)
    result = run("import", str(path))
    assert result.exit_code == 2
    assert "100 columns" in result.output


def test_docx_of_many_empty_paragraphs_is_refused(
    run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document, _ = _base()
    plain = tmp_path / "plain.docx"
    document.save(str(plain))
    path = tmp_path / "paras.docx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * 20_000, 1)
            target.writestr(member, data)
    monkeypatch.setattr(read_docx_module, "MAX_DOCUMENT_ELEMENTS", 10_000)
    result = run("import", str(path))
    assert result.exit_code == 2
    assert "more than 10,000 XML elements" in result.output
    monkeypatch.setattr(read_docx_module, "MAX_DOCUMENT_ELEMENTS", 100_000)
    assert run("import", str(path)).exit_code == 0


# --- text Word shows -------------------------------------------------------------------------------------------


def test_docx_text_in_revisions_controls_fields_symbols_and_text_boxes_is_read(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    rows = [("1", "问题甲", "措施甲", "2021年6月30日", "办公室"), ("2", "问题乙", "措施乙", "2021年6月30日", "人事处")]
    document, table = _base(rows)
    issue = table.cell(1, 1).paragraphs[0]._p
    issue.append(_xml(f'<w:ins {WNS} w:id="1" w:author="x"><w:r><w:t>【插入】</w:t></w:r></w:ins>'))
    issue.append(_xml(f'<w:del {WNS} w:id="2" w:author="x"><w:r><w:delText>【删除】</w:delText></w:r></w:del>'))
    issue.append(_xml(f"<w:sdt {WNS}><w:sdtContent><w:r><w:t>【控件】</w:t></w:r></w:sdtContent></w:sdt>"))
    issue.append(_xml(f'<w:smartTag {WNS} w:element="e"><w:r><w:t>【标记】</w:t></w:r></w:smartTag>'))
    issue.append(_xml(f'<w:fldSimple {WNS} w:instr="PAGE"><w:r><w:t>【域】</w:t></w:r></w:fldSimple>'))
    issue.append(_xml(f'<w:customXml {WNS} w:element="c"><w:r><w:t>【自定义】</w:t></w:r></w:customXml>'))
    issue.append(_xml(f'<w:r {WNS}><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>'))
    issue.append(
        _xml(
            f'<w:r {WNS} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
            "<mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><w:txbxContent><w:p><w:r><w:t>【文本框】"
            "</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p>"
            "<w:r><w:t>【文本框】</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        )
    )
    table.cell(1, 2)._tc.append(
        _xml(f"<w:sdt {WNS}><w:sdtContent><w:p><w:r><w:t>【块级】</w:t></w:r></w:p></w:sdtContent></w:sdt>")
    )
    # Row 2 in a repeating-section control, and its measures cell in a control of its own.
    trs = table._tbl.tr_lst
    _wrap_in_sdt(trs[2].tc_lst[2])
    _wrap_in_sdt(trs[2])
    path = tmp_path / "controls.docx"
    document.save(str(path))
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    for piece in ("【插入】", "【控件】", "【标记】", "【域】", "【自定义】", "✓", "【块级】", "措施乙", "人事处"):
        assert piece in result.stdout, piece
    assert "【删除】" not in result.stdout
    assert result.stdout.count("【文本框】") == 1
    assert "- id: 2" in result.stdout


def test_docx_table_inside_a_content_control_is_read(run: Callable[..., Result], tmp_path: Path) -> None:
    document, table = _base()
    _wrap_in_sdt(table._tbl)
    path = tmp_path / "wrapped.docx"
    document.save(str(path))
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert "问题甲" in result.stdout


def test_docx_merge_continue_without_restart_keeps_its_own_text(run: Callable[..., Result], tmp_path: Path) -> None:
    rows = [("1", "问题甲", "措施甲", "2021年6月30日", "办公室"), ("2", "问题乙", "措施乙", "2021年6月30日", "人事处")]
    document, table = _base(rows)
    table.cell(1, 1)._tc.get_or_add_tcPr().append(_xml(f"<w:vMerge {WNS}/>"))
    table.cell(2, 2)._tc.get_or_add_tcPr().append(_xml(f"<w:vMerge {WNS}/>"))
    path = tmp_path / "vmerge.docx"
    document.save(str(path))
    result = run("import", str(path))
    assert "issue: 问题甲" in result.stdout
    assert "措施乙" in result.stdout
    assert "issue: 整改内容" not in result.stdout
    assert "table 1, row 3: a cell marked as merged with the one above holds its own text, “措施乙”" in result.stderr


def test_docx_cells_past_the_grid_are_reported(run: Callable[..., Result], tmp_path: Path) -> None:
    import copy

    document, table = _base()
    tr = table._tbl.tr_lst[1]
    extra = copy.deepcopy(tr.tc_lst[-1])
    extra.xpath(".//w:t")[0].text = "第六格"
    tr.append(extra)
    path = tmp_path / "wide.docx"
    document.save(str(path))
    result = run("import", str(path))
    assert "table 1, row 2: the row's cells run past the table's 5 columns" in result.stderr


def test_docx_text_after_the_table_is_reported(run: Callable[..., Result], tmp_path: Path) -> None:
    document, _ = _base()
    document.add_paragraph("注：表后说明文字")
    second = document.add_table(rows=1, cols=2)
    second.cell(0, 0).text = "另一张表"
    document.add_paragraph("落款")
    path = tmp_path / "after.docx"
    document.save(str(path))
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert "text outside the table, not imported: “注：表后说明文字”" in result.stderr
    assert "text outside the table, not imported: “落款”" in result.stderr


def test_docm_is_refused_as_macro_enabled(run: Callable[..., Result], tmp_path: Path) -> None:
    document, _ = _base()
    path = tmp_path / "m.docm"
    document.save(str(path))
    result = run("import", str(path))
    assert result.exit_code == 2
    assert "macro-enabled" in result.output and "save it as .docx" in result.output
    assert "damaged" not in result.output


# --- xlsx ------------------------------------------------------------------------------------------------------

XHEAD = ["序号", "整改内容", "整改措施", "完成时限", "责任处室"]


def _workbook(rows: list[list[Any]]) -> Any:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in [XHEAD, *rows]:
        sheet.append(row)
    return workbook


def _patched(path: Path, member: str, change: Callable[[bytes], bytes]) -> Path:
    patched = path.with_name("patched_" + path.name)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, change(data) if item.filename == member else data)
    return patched


ROW1: list[Any] = [1, "问题甲", "措施甲", "2021年6月30日", "办公室"]
ROW2: list[Any] = [2, "问题乙", "措施乙", "2021年6月30日", "人事处"]


def test_xlsx_far_stray_cell_is_refused_before_the_grid_is_built(run: Callable[..., Result], tmp_path: Path) -> None:
    workbook = _workbook([ROW1])
    workbook.active.cell(row=6000, column=100, value="x")
    path = tmp_path / "far.xlsx"
    workbook.save(path)
    result = run("import", str(path))
    assert result.exit_code == 2
    assert "reach row 6000 and column 100" in result.output


def test_xlsx_repeated_and_many_merged_ranges_are_bounded(
    run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rectiplan.importing import read_xlsx as read_xlsx_module

    path = tmp_path / "merges.xlsx"
    _workbook([ROW1, ROW2]).save(path)
    repeated = b'<mergeCells count="1000">' + b'<mergeCell ref="E2:E3"/>' * 1000 + b"</mergeCells>"
    same = _patched(
        path, "xl/worksheets/sheet1.xml", lambda data: data.replace(b"</sheetData>", b"</sheetData>" + repeated)
    )
    result = run("import", str(same))
    assert result.exit_code == 0, result.output
    assert result.stdout.count("办公室") == 2  # the merged value, in both rows, once each
    many = b"".join(b'<mergeCell ref="F%d:G%d"/>' % (r, r) for r in range(1, 61))
    distinct = _patched(
        path,
        "xl/worksheets/sheet1.xml",
        lambda data: data.replace(b"</sheetData>", b"</sheetData><mergeCells>" + many + b"</mergeCells>"),
    )
    monkeypatch.setattr(read_xlsx_module, "MAX_MERGES", 50)
    result = run("import", str(distinct))
    assert result.exit_code == 2
    assert "more than 50 merged ranges" in result.output


def test_xlsx_huge_shared_string_table_is_refused(
    run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rectiplan.importing import read_xlsx as read_xlsx_module

    path = tmp_path / "strings.xlsx"
    _workbook([ROW1]).save(path)
    # openpyxl writes inline strings: add a shared string table of unused strings, as a generator might.
    table = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b"<si><t>a</t></si>" * 200
        + b"</sst>"
    )
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/sharedStrings.xml", table)
    monkeypatch.setattr(read_xlsx_module, "MAX_SHARED_STRINGS", 100)
    result = run("import", str(path))
    assert result.exit_code == 2
    assert "shared string table holds more than 100 strings" in result.output


def test_xlsx_cell_text_is_bounded(run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "long.xlsx"
    _workbook([[1, "问题甲", "LONG", "2021年6月30日", "办公室"]]).save(path)
    # openpyxl cuts a cell at Excel's limit when it writes: the long text is put in afterwards.
    path = _patched(path, "xl/worksheets/sheet1.xml", lambda data: data.replace(b"LONG", b"x" * 40_000))
    result = run("import", str(path))
    assert result.exit_code == 2
    assert "row 2 holds a cell of more than 32767 characters" in result.output
    # All positions together: a text repeated over the rows counts at each.
    from rectiplan.importing import grid

    path = tmp_path / "many.xlsx"
    _workbook([[r, "问题" * 100, "措施", "2021年6月30日", "办公室"] for r in range(1, 11)]).save(path)
    monkeypatch.setattr(grid, "MAX_GRID_CHARS", 1_000)
    result = run("import", str(path))
    assert result.exit_code == 2
    assert "more than 1,000 characters" in result.output


def test_xlsx_number_format_hidden_rows_escapes_and_formulas(run: Callable[..., Result], tmp_path: Path) -> None:
    workbook = _workbook(
        [
            ROW1,
            [2, "问题乙_x000D_\n续_x005F_x0041_", "措施乙", 2021.1, "人事处"],
            [3, "隐藏行问题", "=A1&A2", "2021年6月30日", "财务处"],
        ]
    )
    sheet = workbook.active
    sheet["D3"].number_format = "0.00"
    sheet.row_dimensions[4].hidden = True
    path = tmp_path / "formats.xlsx"
    workbook.save(path)
    result = run("import", str(path))
    assert "deadline: 2021-10-31" in result.stdout
    assert "问题乙\\n续_x0041_" in result.stdout
    assert "rows hidden in the sheet, imported: 4" in result.stderr
    assert "cell C4 holds a formula saved without its value" in result.stderr
    assert "=A1&A2" in result.stdout


def test_xlsx_hidden_first_sheet_is_not_the_default(run: Callable[..., Result], tmp_path: Path) -> None:
    workbook = _workbook([[1, "旧版隐藏表", "措施", "2021年6月30日", "办公室"]])
    workbook.active.title = "数据源"
    workbook.active.sheet_state = "hidden"
    visible = workbook.create_sheet("整改台账")
    for row in [XHEAD, ROW1]:
        visible.append(row)
    workbook.active = 1
    path = tmp_path / "hidden.xlsx"
    workbook.save(path)
    result = run("import", str(path))
    assert "问题甲" in result.stdout and "旧版隐藏表" not in result.stdout
    assert "sheet '整改台账'" in result.stderr
    assert "hidden sheets, not read: 数据源" in result.stderr


def test_xlsx_overlapping_merges_the_first_wins(run: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "overlap.xlsx"
    _workbook([ROW1, ROW2, [3, "问题丙", "措施丙", "2021年6月30日", "财务处"]]).save(path)
    merges = b'<mergeCells><mergeCell ref="B2:C3"/><mergeCell ref="C3:D4"/></mergeCells>'
    patched = _patched(
        path, "xl/worksheets/sheet1.xml", lambda data: data.replace(b"</sheetData>", b"</sheetData>" + merges)
    )
    result = run("import", str(patched))
    # B2:C3 is read as Excel would read it alone; C3:D4 is ignored and its other cells are read as written.
    assert "1 merged ranges overlap an earlier one (Excel does not allow it) and are ignored" in result.stderr
    assert "C3:D4 (B2:C3)" in result.stderr
    assert result.stdout.count("问题甲") == 4  # B2:C3 over two rows, issue and measure of each
    assert "措施丙" in result.stdout  # C4 is read as written, not C3 spread over it
    assert "cell C2 lies under a merged range" in result.stderr
    assert "cell C3 lies under a merged range" in result.stderr


def test_xlsx_rows_are_placed_by_number_and_a_repeated_number_is_kept(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    path = tmp_path / "order.xlsx"
    _workbook([ROW1, ROW2, [3, "问题丙", "措施丙", "2021年6月30日", "财务处"]]).save(path)

    def shuffle(data: bytes) -> bytes:
        start, end = data.index(b'<row r="2"'), data.index(b"</sheetData>")
        rows = data[start:end].split(b"</row>")[:-1]
        two, three, four = (row + b"</row>" for row in rows)
        return data[:start] + three + two + four.replace(b'r="4"', b'r="3"').replace(b'4"', b'3"') + data[end:]

    result = run("import", str(_patched(path, "xl/worksheets/sheet1.xml", shuffle)))
    assert result.stdout.index("问题甲") < result.stdout.index("问题乙") < result.stdout.index("问题丙")
    assert "row 3: the sheet writes this row number twice" in result.stderr


# --- csv -------------------------------------------------------------------------------------------------------

CSV_HEAD = "序号,整改内容,整改措施,完成时限,责任处室\n"


def test_csv_long_cell_is_refused_as_long_not_damaged(run: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text(CSV_HEAD + "1,问题甲," + "措施" * 20_000 + ",2021年6月30日,办公室\n", encoding="utf-8")
    result = run("import", str(path))
    assert result.exit_code == 2
    assert "row 2 holds a cell of more than 32767 characters" in result.output
    assert "damaged" not in result.output
    # A long cell under the limit is read.
    path.write_text(CSV_HEAD + "1,问题甲," + "措" * 20_000 + ",2021年6月30日,办公室\n", encoding="utf-8")
    assert run("import", str(path)).exit_code == 0


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_csv_nul_is_refused_with_or_without_a_bom(run: Callable[..., Result], tmp_path: Path, bom: bytes) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(bom + (CSV_HEAD + "1,问\x00题甲,措施甲,2021年6月30日,办公室\n").encode())
    result = run("import", str(path))
    assert result.exit_code == 2
    assert "not a text table" in result.output


def test_docx_text_of_all_tables_together_is_bounded(
    run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rectiplan.importing import grid

    document, _ = _base([("1", "问题" * 100, "措施甲", "2021年6月30日", "办公室")])
    for _ in range(3):
        document.add_paragraph("续表")
        table = document.add_table(rows=1, cols=len(HEAD))
        for c, value in enumerate(("2", "问题" * 100, "措施乙", "2021年6月30日", "人事处")):
            table.cell(0, c).text = value
    path = tmp_path / "tables.docx"
    document.save(str(path))
    # One table's text is under the bound, the four together are over it.
    monkeypatch.setattr(grid, "MAX_GRID_CHARS", 500)
    result = run("import", str(path))
    assert result.exit_code == 2
    assert "more than 500 characters" in result.output
