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
