"""`rectiplan import`: published tables in every shape issue 7 lists, read into plans with nothing lost."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from import_tables import WRITTEN, Value, lost_pieces, write_csv, write_docx, write_xlsx
from typer.testing import Result

from rectiplan.importing import import_file
from rectiplan.validate import load_plan_bytes

HEADER = ["序号", "主题", "整改内容", "整改措施", "整改检验形式", "计划完成时间", "责任处室", "责任人"]
ROW_1: list[Value] = ["1", "反馈问题整改", "问题一", "措施一", "通知", "2021-08-31", "农村处", "唐咸来/潘红雄"]
ROW_2: list[Value] = [
    "2",
    "热点难点工作",
    "问题二",
    "1.措施甲；\n2.措施乙。",
    "（1）材料甲\n（2）材料乙",
    "2021-12-15",
    "（1）办公室；（2）高新处、区域处",
    "廖文军/蔡朝亮",
]


def imported(run: Callable[..., Result], path: Path, *args: str) -> tuple[Result, dict[str, Any]]:
    """The run, and the plan it printed as data (as the project's loader reads it, when it validates)."""
    result = run("import", str(path), *args)
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1), result.output
    loaded = load_plan_bytes(result.stdout.encode(), "imported.yaml")
    if loaded.plan is not None:
        plan = loaded.plan.model_dump(mode="json", exclude_defaults=True)
    else:
        # Not a valid plan: the data as YAML reads it, dates as ISO text as model_dump gives them.
        plan = json.loads(json.dumps(yaml.safe_load(result.stdout), default=str))
    # Every fixture passes the nothing-lost check.
    assert_nothing_lost(WRITTEN[path], plan)
    return result, plan


def cells_of(rows: Sequence[Sequence[Value]], skip: Sequence[int] = ()) -> list[str]:
    return [value for row in rows for c, value in enumerate(row) if isinstance(value, str) and value and c not in skip]


# Columns whose cells become a date or a status (asserted by each test), or are worked out as of a date and not
# read back (an exported 台账's warning level): not compared as text.
NOT_TEXT = {"deadline", "status", "effective_deadline", "days", "level"}


def assert_nothing_lost(rows: Sequence[Sequence[Value]], plan: dict[str, Any]) -> None:
    """Every piece of every cell is in the plan, but for the NOT_TEXT columns; rows holding only headings (the
    header, repeated or over two rows) are not plan text."""
    from rectiplan.cells import match_heading

    def heading(value: Value) -> str | None:
        return match_heading(value) if isinstance(value, str) and value else None

    def is_header(row: Sequence[Value]) -> bool:
        return len({heading(value) for value in row} - {None}) >= 2 or all(not v or heading(v) for v in row)

    header = next(row for row in rows if is_header(row))
    skip = [c for c, value in enumerate(header) if heading(value) in NOT_TEXT]
    data_rows = [row for row in rows if not is_header(row)]
    assert lost_pieces(cells_of(data_rows, skip), plan) == []


# --- the three readers, the plain table --------------------------------------------------------------------------


@pytest.mark.parametrize("writer", [write_docx, write_xlsx, write_csv])
def test_a_plain_table_imports_in_each_format(run: Callable[..., Result], tmp_path: Path, writer: Any) -> None:
    suffix = {write_docx: "docx", write_xlsx: "xlsx", write_csv: "csv"}[writer]
    rows = [HEADER, ROW_1, ROW_2]
    path = writer(tmp_path / f"方案.{suffix}", rows)
    result, plan = imported(run, path, "--title", "测试方案")
    assert result.exit_code == 0, result.output
    assert plan["title"] == "测试方案"
    first, second = plan["items"]
    assert first == {
        "id": 1,
        "topic": "反馈问题整改",
        "issue": "问题一",
        "measures": [{"text": "措施一"}],
        "evidence": ["通知"],
        "deadline": "2021-08-31",
        "divisions": ["农村处"],
        "leader": "唐咸来",
        "owner": "潘红雄",
    }
    assert second["measures"] == [
        {"text": "措施甲；", "divisions": ["办公室"]},
        {"text": "措施乙。", "divisions": ["高新处", "区域处"]},
    ]
    assert second["evidence"] == ["材料甲", "材料乙"]
    assert second["divisions"] == ["办公室", "高新处", "区域处"]
    assert "2 rows read, 2 items written" in result.stderr
    assert "The plan validates." in result.stderr


def test_the_yaml_is_in_the_house_style(run: Callable[..., Result], tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [HEADER, ROW_1, ROW_2])
    result = run("import", str(path), "--title", "测试方案")
    assert result.stdout.startswith(
        "# Imported from t.csv by rectiplan import.\n\ntitle: 测试方案\nitems:\n  - id: 1\n"
    )
    assert "    measures:\n      - 措施一\n    evidence:\n      - 通知\n    deadline: 2021-08-31\n" in result.stdout
    assert "      - text: 措施甲；\n        divisions:\n          - 办公室\n" in result.stdout
    assert "\n\n  - id: 2\n" in result.stdout  # a blank line between items
    assert "\\u" not in result.stdout  # Chinese unescaped


# --- text before the table, titles ------------------------------------------------------------------------------


def test_word_text_before_the_table_gives_the_title(run: Callable[..., Result], tmp_path: Path) -> None:
    rows = [HEADER, ROW_1]
    path = write_docx(tmp_path / "a.docx", rows, before=["附件", "（公开版）", "2021年某某整改方案"])
    result, plan = imported(run, path)
    assert plan["title"] == "2021年某某整改方案"
    assert "text outside the table, not imported: “（公开版）”" in result.stderr
    result, plan = imported(run, path, "--title", "另一个标题")
    assert plan["title"] == "另一个标题"


@pytest.mark.parametrize("writer", [write_docx, write_xlsx])
def test_a_merged_first_row_is_the_title(run: Callable[..., Result], tmp_path: Path, writer: Any) -> None:
    rows: list[list[Value]] = [["合并标题整改方案", "", "", "", "", "", "", ""], HEADER, ROW_1]
    path = writer(tmp_path / f"t.{'docx' if writer is write_docx else 'xlsx'}", rows, merges=[((0, 0), (0, 7))])
    result, plan = imported(run, path)
    assert result.exit_code == 0, result.output
    assert plan["title"] == "合并标题整改方案"
    assert [item["id"] for item in plan["items"]] == [1]


def test_no_title_anywhere_takes_the_file_name(run: Callable[..., Result], tmp_path: Path) -> None:
    path = write_csv(tmp_path / "整改台账.csv", [HEADER, ROW_1])
    result, plan = imported(run, path)
    assert plan["title"] == "整改台账"
    assert "the title is the file name" in result.stderr


# --- rows: repeated headers, two-row headers, merges, blanks, groups, continuations -----------------------------


def test_repeated_header_rows_are_skipped(run: Callable[..., Result], tmp_path: Path) -> None:
    rows = [HEADER, ROW_1, HEADER, ROW_2]
    path = write_docx(tmp_path / "r.docx", rows, before=["标题方案"])
    result, plan = imported(run, path)
    assert [item["id"] for item in plan["items"]] == [1, 2]
    assert "table 1, row 3: the header repeated, skipped" in result.stderr


def test_a_table_word_split_in_two_is_read_as_one(run: Callable[..., Result], tmp_path: Path) -> None:
    path = write_docx(tmp_path / "s.docx", [HEADER, ROW_1], before=["标题方案"], after=[[HEADER, ROW_2]])
    _result, plan = imported(run, path)
    assert [item["id"] for item in plan["items"]] == [1, 2]


@pytest.mark.parametrize("writer", [write_docx, write_xlsx, write_csv])
def test_a_header_over_two_rows(run: Callable[..., Result], tmp_path: Path, writer: Any) -> None:
    top: list[Value] = ["序号", "问题", "整改举措", "完成时限", "责任单位", ""]
    sub: list[Value] = ["", "", "", "", "牵头单位", "配合单位"]
    data: list[Value] = ["1", "问题一", "措施一", "2021-06-30", "科技厅", "财政厅、教育厅"]
    merges = [((0, c), (1, c)) for c in range(4)] + [((0, 4), (0, 5))]
    suffix = {write_docx: "docx", write_xlsx: "xlsx", write_csv: "csv"}[writer]
    kwargs = {} if writer is write_csv else {"merges": merges}
    path = writer(tmp_path / f"h.{suffix}", [top, sub, data], **kwargs)
    result, plan = imported(run, path, "--title", "T")
    item = plan["items"][0]
    assert item["divisions"] == ["科技厅", "财政厅", "教育厅"]
    assert item["issue"] == "问题一"
    assert "the header spans two rows" in result.stderr


@pytest.mark.parametrize("writer", [write_docx, write_xlsx])
def test_cells_merged_down_belong_to_every_row(run: Callable[..., Result], tmp_path: Path, writer: Any) -> None:
    rows: list[list[Value]] = [
        HEADER,
        ["1", "共同主题", "问题一", "措施一", "通知", "2021-06-30", "农村处", "张三/李四"],
        ["2", "", "问题二", "措施二", "通知", "", "社发处", ""],
        ["3", "", "问题三", "措施三", "通知", "", "高新处", ""],
    ]
    merges = [((1, 1), (3, 1)), ((1, 5), (3, 5)), ((1, 7), (3, 7))]
    path = writer(tmp_path / f"m.{'docx' if writer is write_docx else 'xlsx'}", rows, merges=merges)
    result, plan = imported(run, path, "--title", "T")
    assert result.exit_code == 0, result.output
    for item in plan["items"]:
        assert item["topic"] == "共同主题"
        assert item["deadline"] == "2021-06-30"
        assert (item["leader"], item["owner"]) == ("张三", "李四")


def test_blank_rows_are_skipped(run: Callable[..., Result], tmp_path: Path) -> None:
    rows = [HEADER, ["", "", "", ""], ROW_1, [], ROW_2, ["", ""]]
    for writer, suffix in ((write_xlsx, "xlsx"), (write_csv, "csv")):
        result, plan = imported(run, writer(tmp_path / f"b.{suffix}", rows), "--title", "T")
        assert [item["id"] for item in plan["items"]] == [1, 2]
        assert "blank, skipped" in result.stderr


@pytest.mark.parametrize("writer", [write_docx, write_xlsx, write_csv])
def test_group_rows_give_the_topic(run: Callable[..., Result], tmp_path: Path, writer: Any) -> None:
    header: list[Value] = ["序号", "存在问题", "整改措施", "整改时限", "责任处室", "责任人"]
    rows: list[list[Value]] = [
        header,
        ["一、作风建设方面", "", "", "", "", ""],
        ["1", "问题一", "措施一", "2021-06-30", "办公室", "甲/乙"],
        ["2", "问题二", "措施二", "2021-06-30", "办公室", "甲/乙"],
        ["二、业务工作方面", "", "", "", "", ""],
        ["3", "问题三", "措施三", "2021-06-30", "办公室", "甲/乙"],
    ]
    suffix = {write_docx: "docx", write_xlsx: "xlsx", write_csv: "csv"}[writer]
    kwargs = {} if writer is write_csv else {"merges": [((1, 0), (1, 5)), ((4, 0), (4, 5))]}
    result, plan = imported(run, writer(tmp_path / f"g.{suffix}", rows, **kwargs), "--title", "T")
    assert result.exit_code == 0, result.output
    assert [item["topic"] for item in plan["items"]] == ["一、作风建设方面"] * 2 + ["二、业务工作方面"]


def test_a_row_without_a_number_continues_the_item_above(run: Callable[..., Result], tmp_path: Path) -> None:
    rows: list[list[Value]] = [
        HEADER,
        ["1", "主题", "问题一", "1.措施一", "通知", "2021-06-30", "农村处", "甲/乙"],
        ["", "", "", "2.措施二", "签到表", "", "", ""],
        ["2", "主题", "问题二", "措施", "通知", "2021-06-30", "农村处", "甲/乙"],
    ]
    result, plan = imported(run, write_xlsx(tmp_path / "c.xlsx", rows), "--title", "T")
    first = plan["items"][0]
    assert first["measures"] == [{"text": "措施一"}, {"text": "措施二"}]
    # A continuation row's cells are entries of their own (review2 #4), not a line glued onto the row above's.
    assert first["evidence"] == ["通知", "签到表"]
    assert len(plan["items"]) == 2
    assert "row 3: no 序号, so it continues the item above" in result.stderr


def test_without_a_number_column_items_are_numbered(run: Callable[..., Result], tmp_path: Path) -> None:
    rows = [HEADER[1:], ROW_1[1:], ROW_2[1:]]
    result, plan = imported(run, write_csv(tmp_path / "n.csv", rows), "--title", "T")
    assert [item["id"] for item in plan["items"]] == [1, 2]
    assert "the items are numbered 1 to 2" in result.stderr


# --- headings ----------------------------------------------------------------------------------------------------

HEADING_VARIANTS = {
    "issue": ["整改内容", "存在问题", "问题", "反馈问题", "整改任务", "重点任务"],
    "measures": ["整改措施", "工作措施", "整改举措"],
    "evidence": ["整改检验形式", "整改成效", "佐证材料"],
    "deadline": ["计划完成时间", "完成时限", "整改时限", "时限", "完成 时限", "整改时限（年月日）", "整改时限(年月日)"],
    "divisions": ["责任处室", "责任单位", "牵头单位"],
    "people": ["责任人"],
}


@pytest.mark.parametrize(
    ("field", "heading"), [(field, heading) for field, headings in HEADING_VARIANTS.items() for heading in headings]
)
def test_each_heading_variant(run: Callable[..., Result], tmp_path: Path, field: str, heading: str) -> None:
    names = {"issue": "整改内容", "measures": "整改措施", "evidence": "整改检验形式", "deadline": "计划完成时间"}
    names |= {"divisions": "责任处室", "people": "责任人"}
    header = ["序号", "主题"] + [heading if key == field else names[key] for key in HEADING_VARIANTS]
    row: list[Value] = ["1", "主题", "问题", "措施", "通知", "2021-06-30", "农村处", "甲/乙"]
    result, plan = imported(run, write_csv(tmp_path / "v.csv", [header, row]), "--title", "T")
    assert result.exit_code == 0, result.output
    item = plan["items"][0]
    assert (item["issue"], item["measures"], item["evidence"]) == ("问题", [{"text": "措施"}], ["通知"])
    assert (item["deadline"], item["divisions"], item["leader"]) == ("2021-06-30", ["农村处"], "甲")


def test_leaders_and_lead_and_assisting_units(run: Callable[..., Result], tmp_path: Path) -> None:
    header: list[Value] = ["序号", "问题", "整改措施", "时限", "牵头单位", "配合单位", "责任领导", "具体责任人"]
    row: list[Value] = ["1", "问题", "措施", "2021-06-30", "办公室", "人事处；财务处", "王五", "赵六"]
    _result, plan = imported(run, write_csv(tmp_path / "l.csv", [header, row]), "--title", "T")
    item = plan["items"][0]
    assert item["divisions"] == ["办公室", "人事处", "财务处"]
    assert (item["leader"], item["owner"]) == ("王五", "赵六")


def test_an_unknown_column_goes_into_notes(run: Callable[..., Result], tmp_path: Path) -> None:
    rows = [[*HEADER, "督办意见"], [*ROW_1, "按季度督办"]]
    result, plan = imported(run, write_csv(tmp_path / "u.csv", rows), "--title", "T")
    assert plan["items"][0]["notes"] == "督办意见：按季度督办"
    assert "column '督办意见' has no field in a plan" in result.stderr


def test_column_option_maps_a_heading(run: Callable[..., Result], tmp_path: Path) -> None:
    rows = [[*HEADER[:5], "办结节点", *HEADER[6:]], ROW_1]
    _result, plan = imported(run, write_csv(tmp_path / "o.csv", rows), "--title", "T", "--column", "办结节点=deadline")
    assert plan["items"][0]["deadline"] == "2021-08-31"
    bad = run("import", str(tmp_path / "o.csv"), "--column", "办结节点=when")
    assert bad.exit_code == 2 and "unknown field 'when'" in bad.stderr
    bad = run("import", str(tmp_path / "o.csv"), "--column", "办结节点")
    assert bad.exit_code == 2 and "write HEADING=field" in bad.stderr


# --- cells: paragraphs, numbering, people, deadlines -------------------------------------------------------------


def test_word_paragraphs_and_line_breaks_are_lines(run: Callable[..., Result], tmp_path: Path) -> None:
    row: list[Value] = [
        "1",
        "主题",
        "第一段\n第二段\v第二段续",
        "1.措施一\n2.措施二",
        "通知",
        "2021-06-30",
        "农村处",
        "甲/乙",
    ]
    _result, plan = imported(run, write_docx(tmp_path / "p.docx", [HEADER, row]), "--title", "T")
    item = plan["items"][0]
    assert item["issue"] == "第一段\n第二段\n第二段续"
    assert item["measures"] == [{"text": "措施一"}, {"text": "措施二"}]


NUMBERINGS = {
    "1.甲\n2.乙": ["甲", "乙"],
    "1、甲\n2、乙": ["甲", "乙"],
    "（1）甲\n（2）乙": ["甲", "乙"],
    "(1)甲\n(2)乙": ["甲", "乙"],
    "①甲\n②乙": ["甲", "乙"],
    "1、甲；2、乙。": ["甲；", "乙。"],
    "三类定义3.自治区": ["三类定义3.自治区"],
    "1.明确三类定义2.自治区": ["明确三类定义", "自治区"],
    "3月31日前完成": ["3月31日前完成"],
    "投入2.5万元": ["投入2.5万元"],
    "6、7、9月开展": ["6、7、9月开展"],
}


@pytest.mark.parametrize(("cell", "entries"), list(NUMBERINGS.items()))
def test_every_numbering_form(run: Callable[..., Result], tmp_path: Path, cell: str, entries: list[str]) -> None:
    row: list[Value] = ["1", "主题", "问题", cell, cell, "2021-06-30", "农村处", "甲/乙"]
    _result, plan = imported(run, write_csv(tmp_path / "n.csv", [HEADER, row]), "--title", "T")
    item = plan["items"][0]
    assert [measure["text"] for measure in item["measures"]] == entries
    assert item["evidence"] == entries


PEOPLE = {"唐咸来/潘红雄": ("唐咸来", "潘红雄"), "唐咸来／潘红雄": ("唐咸来", "潘红雄"), "唐咸来": ("唐咸来", None)}


@pytest.mark.parametrize(("cell", "people"), list(PEOPLE.items()))
def test_people(run: Callable[..., Result], tmp_path: Path, cell: str, people: tuple[str, str | None]) -> None:
    row: list[Value] = ["1", "主题", "问题", "措施", "通知", "2021-06-30", "农村处", cell]
    _result, plan = imported(run, write_csv(tmp_path / "p.csv", [HEADER, row]), "--title", "T")
    item = plan["items"][0]
    assert (item["leader"], item.get("owner")) == people


DEADLINES: dict[str, tuple[str | None, str | None]] = {
    "2021-06-30": ("2021-06-30", None),
    "2021/6/30": ("2021-06-30", None),
    "2021.6.30": ("2021-06-30", None),
    "2021年6月30日": ("2021-06-30", None),
    "2021年6月底": ("2021-06-30", None),
    "2021年6月底前": ("2021-06-30", None),
    "2021年底前": ("2021-12-31", None),
    "长期坚持": (None, "ongoing"),
}


@pytest.mark.parametrize(("cell", "expected"), list(DEADLINES.items()))
def test_each_deadline_form(
    run: Callable[..., Result], tmp_path: Path, cell: str, expected: tuple[str | None, str | None]
) -> None:
    row: list[Value] = ["1", "主题", "问题", "措施", "通知", cell, "农村处", "甲/乙"]
    result, plan = imported(run, write_csv(tmp_path / "d.csv", [HEADER, row]), "--title", "T")
    assert result.exit_code == 0, result.output
    item = plan["items"][0]
    assert (item.get("deadline"), item.get("status")) == expected


def test_a_real_excel_date(run: Callable[..., Result], tmp_path: Path) -> None:
    row: list[Value] = ["1", "主题", "问题", "措施", "通知", date(2021, 6, 30), "农村处", "甲/乙"]
    _result, plan = imported(run, write_xlsx(tmp_path / "d.xlsx", [HEADER, row]), "--title", "T")
    assert plan["items"][0]["deadline"] == "2021-06-30"


def test_a_year_less_deadline_takes_the_year_given_or_the_title_s(run: Callable[..., Result], tmp_path: Path) -> None:
    row: list[Value] = ["1", "主题", "问题", "措施", "通知", "6月底前", "农村处", "甲/乙"]
    path = write_csv(tmp_path / "y.csv", [HEADER, row])
    result, plan = imported(run, path, "--title", "2021年整改方案")
    assert plan["items"][0]["deadline"] == "2021-06-30"
    result, plan = imported(run, path, "--title", "2021年整改方案", "--year", "2022")
    assert plan["items"][0]["deadline"] == "2022-06-30"
    assert "take 2022 (--year)" in result.stderr
    assert run("import", str(path), "--year", "twenty").exit_code == 2


def test_immediate_and_done_deadlines(run: Callable[..., Result], tmp_path: Path) -> None:
    rows: list[list[Value]] = [
        HEADER,
        ["1", "主题", "问题", "措施", "通知", "立行立改，2021年6月底前", "农村处", "甲/乙"],
        ["2", "主题", "问题", "措施", "通知", "已完成", "农村处", "甲/乙"],
    ]
    result, data = imported(run, write_csv(tmp_path / "i.csv", rows), "--title", "T")
    first, second = data["items"]
    assert (first["deadline"], first["status"]) == ("2021-06-30", "in_progress")
    # Done, but the day it was done is not in the table: the plan asks for it instead of inventing one.
    assert second["status"] == "done"
    assert result.exit_code == 1
    assert "done_on" in result.stderr


def test_an_unreadable_cell_is_written_as_found_with_a_comment(run: Callable[..., Result], tmp_path: Path) -> None:
    row: list[Value] = ["1", "主题", "问题", "措施", "通知", "视情况而定", "农村处", "甲/乙"]
    result = run("import", str(write_csv(tmp_path / "x.csv", [HEADER, row])), "--title", "T")
    assert result.exit_code == 1
    assert "    # row 2, column 计划完成时间: could not be read; written as found: correct it\n" in result.stdout
    assert "    deadline: 视情况而定\n" in result.stdout
    assert "row 2, 计划完成时间: could not be read: '视情况而定'" in result.stderr
    assert "1 cell could not be read" in result.stderr
    # validate points at the very line.
    line = result.stdout.splitlines().index("    deadline: 视情况而定") + 1
    assert f"<stdout>:{line}:15:" in result.stderr


# --- encodings ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "bom", "named"),
    [
        ("utf-8", False, "UTF-8"),
        ("utf-8", True, "UTF-8 (BOM)"),
        ("gbk", False, "GB18030"),
        ("gb18030", False, "GB18030"),
    ],
)
def test_csv_encodings(run: Callable[..., Result], tmp_path: Path, encoding: str, bom: bool, named: str) -> None:
    rows = [HEADER, ROW_1, ROW_2]
    result, plan = imported(run, write_csv(tmp_path / "e.csv", rows, encoding=encoding, bom=bom), "--title", "T")
    assert result.exit_code == 0, result.output
    assert plan["items"][0]["issue"] == "问题一"
    assert f"read as {named}" in result.stderr


# --- an exported 台账 ----------------------------------------------------------------------------------------------


def test_an_exported_ledger_reads_back(run: Callable[..., Result], tmp_path: Path) -> None:
    from rectiplan import sheet

    for lang in ("zh", "en"):
        headings: list[Value] = [column.heading(lang) for column in sheet.LEDGER]
        row: list[Value] = ["1", "主题", "问题", "1.措施一\n2.措施二", "通知", date(2021, 6, 30), "农村处", "甲/乙"]
        row += [
            "已完成" if lang == "zh" else "done",
            date(2021, 6, 30),
            "12",
            "红色预警",
            date(2021, 6, 1),
            "",
            "",
            "",
            "",
            "备注",
        ]
        rows: list[list[Value]] = [["导出方案", *[""] * (len(headings) - 1)], headings, row]
        path = write_xlsx(
            tmp_path / f"ledger-{lang}.xlsx",
            rows,
            merges=[((0, 0), (0, len(headings) - 1))],
            more_sheets=[("汇总", [["责任处室", "事项"], ["农村处", 1]])],
        )
        result, plan = imported(run, path)
        assert result.exit_code == 0, result.output
        assert plan["title"] == "导出方案"
        item = plan["items"][0]
        assert item["status"] == "done" and item["done_on"] == "2021-06-01" and item["notes"] == "备注"
        assert item["measures"] == [{"text": "措施一"}, {"text": "措施二"}]
        assert "warning" not in str(item)


def test_sheet_option(run: Callable[..., Result], tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "w.xlsx", [HEADER, ROW_2], sheet="第二张", first=[("说明", [["本表说明"]])])
    assert run("import", str(path)).exit_code == 2  # the first sheet holds no table
    _result, plan = imported(run, path, "--sheet", "第二张", "--title", "T")
    assert plan["items"][0]["id"] == 2
    missing = run("import", str(path), "--sheet", "无此表")
    assert missing.exit_code == 2 and "no sheet named '无此表'; the sheets are: 说明、第二张" in missing.stderr


# --- output file -------------------------------------------------------------------------------------------------


def test_output_file_is_never_overwritten_without_force(run: Callable[..., Result], tmp_path: Path) -> None:
    source = write_csv(tmp_path / "t.csv", [HEADER, ROW_1])
    target = tmp_path / "plan.yaml"
    result = run("import", str(source), "-o", str(target), "--title", "T")
    assert result.exit_code == 0 and result.stdout == ""
    assert f"Wrote {target}." in result.stderr
    written = target.read_text(encoding="utf-8")
    assert written.startswith("# Imported from t.csv")
    target.write_text("mine", encoding="utf-8")
    refused = run("import", str(source), "-o", str(target))
    assert refused.exit_code == 2
    assert refused.stderr == f"rectiplan: {target} exists; nothing was written: give --force to replace it\n"
    assert target.read_text(encoding="utf-8") == "mine"
    assert run("import", str(source), "-o", str(target), "--force", "--title", "T").exit_code == 0
    assert target.read_text(encoding="utf-8") == written
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left
    same = run("import", str(source), "-o", str(source), "--force")
    assert same.exit_code == 2 and "is the file being imported" in same.stderr


# --- bad input: a clear message, exit 2, never a traceback --------------------------------------------------------


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    import docx
    import openpyxl

    doc = docx.Document()
    doc.add_paragraph("只有文字，没有表格")
    doc.save(str(tmp_path / "no-table.docx"))
    workbook = openpyxl.Workbook()
    workbook.active.append(["姓名", "电话"])
    workbook.active.append(["张三", "123"])
    workbook.save(tmp_path / "no-heading.xlsx")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    (tmp_path / "locked.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    (tmp_path / "corrupt.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "truncated.xlsx").write_bytes((tmp_path / "no-heading.xlsx").read_bytes()[:300])
    # A zip whose central directory asks for a later zip version than Python's zipfile implements (13.8).
    raw = bytearray((tmp_path / "no-heading.xlsx").read_bytes())
    central = raw.find(b"PK\x01\x02")
    raw[central + 6 : central + 8] = (138).to_bytes(2, "little")
    (tmp_path / "zip-version.xlsx").write_bytes(bytes(raw))
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "binary.csv").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "header-only.csv").write_text(",".join(HEADER) + "\n", encoding="utf-8")
    (tmp_path / "plan.pdf").write_bytes(b"%PDF-1.4")
    return {
        "no table in a docx": (tmp_path / "no-table.docx", "the file holds no table"),
        "no heading": (tmp_path / "no-heading.xlsx", "no header row found"),
        "a .doc": (
            tmp_path / "old.doc",
            ".doc is an old binary format: open it in Word, Excel or WPS and save it as .docx",
        ),
        "a .xls": (tmp_path / "old.xls", "save it as .xlsx"),
        "encrypted": (tmp_path / "locked.xlsx", "password-protected"),
        "corrupt zip": (tmp_path / "corrupt.docx", "damaged or not what its name says"),
        "truncated xlsx": (tmp_path / "truncated.xlsx", "damaged or not what its name says"),
        "zip version": (tmp_path / "zip-version.xlsx", "damaged or not what its name says"),
        "empty csv": (tmp_path / "empty.csv", "the file holds no table"),
        "binary csv": (tmp_path / "binary.csv", "not a text table"),
        "header only": (tmp_path / "header-only.csv", "a header but no rows"),
        "unknown suffix": (tmp_path / "plan.pdf", "cannot tell the format from the name"),
        "missing": (tmp_path / "missing.xlsx", "file not found"),
        "a folder": (tmp_path, "cannot tell the format"),
    }


def test_bad_input_is_refused_with_a_located_message(run: Callable[..., Result], tmp_path: Path) -> None:
    for case, (path, message) in _bad_files(tmp_path).items():
        result = run("import", str(path), "-o", str(tmp_path / "out.yaml"))
        assert result.exit_code == 2, (case, result.output)
        assert result.stderr.startswith(f"rectiplan: {path}: "), (case, result.stderr)
        assert message in result.stderr, (case, result.stderr)
        assert len(result.stderr.splitlines()) == 1, (case, result.stderr)
        assert not (tmp_path / "out.yaml").exists()


def test_a_table_too_big_is_refused(
    run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rectiplan.importing import grid, read_csv, read_docx, read_xlsx

    for module in (grid, read_csv, read_docx, read_xlsx):
        monkeypatch.setattr(module, "MAX_ROWS", 10)
    rows = [HEADER] + [[str(n), *ROW_1[1:]] for n in range(1, 20)]
    for writer, suffix in ((write_csv, "csv"), (write_xlsx, "xlsx"), (write_docx, "docx")):
        result = run("import", str(writer(tmp_path / f"big.{suffix}", rows)))
        assert result.exit_code == 2, result.output
        assert "more than 10 rows or 100 columns" in result.stderr


def test_a_zip_bomb_is_not_unpacked(run: Callable[..., Result], tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "bomb.xlsx"
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member,
    ):
        chunk = b"\0" * (1 << 20)
        for _ in range(210):
            member.write(chunk)
    result = run("import", str(path))
    assert result.exit_code == 2
    assert "unpacks to more than 200 MB" in result.stderr


# --- core ----------------------------------------------------------------------------------------------------------


def test_the_core_function_returns_the_yaml_and_the_report(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [HEADER, ROW_1, ROW_2])
    result = import_file(path, "t.csv", lang="zh", title="测试方案")
    assert result.yaml_text.startswith("# 由 rectiplan import 从 t.csv 导入。\n")
    assert (result.rows_read, result.items) == (2, 2)
    assert ("import.encoding", {"encoding": "UTF-8"}) in result.notes
    assert {finding.what for finding in result.findings} >= {"import.numbering_removed", "import.divisions_grouped"}


def test_a_number_merged_down_makes_one_item_of_its_rows(run: Callable[..., Result], tmp_path: Path) -> None:
    rows: list[list[Value]] = [
        HEADER,
        ["1", "主题", "问题一", "措施一", "通知", "2021-06-30", "农村处", "甲/乙"],
        ["", "", "", "措施二", "", "", "", ""],
        ["2", "主题", "问题二", "措施", "通知", "2021-06-30", "农村处", "甲/乙"],
    ]
    merges = [((1, c), (2, c)) for c in (0, 1, 2, 4, 5, 6, 7)]
    for writer, suffix in ((write_docx, "docx"), (write_xlsx, "xlsx")):
        _result, plan = imported(run, writer(tmp_path / f"k.{suffix}", rows, merges=merges), "--title", "T")
        assert [item["id"] for item in plan["items"]] == [1, 2]
        first = plan["items"][0]
        # One measure a row (review2 #27): each row's cell is an entry of its own.
        assert first["measures"] == [{"text": "措施一"}, {"text": "措施二"}]
        assert (first["issue"], first["evidence"]) == ("问题一", ["通知"])  # merged, so not repeated


def test_a_group_row_over_a_table_with_topics_goes_into_notes(run: Callable[..., Result], tmp_path: Path) -> None:
    rows = [HEADER, ["一、第一部分", "", "", "", "", "", "", ""], ROW_1]
    result, plan = imported(run, write_csv(tmp_path / "g.csv", rows), "--title", "T")
    item = plan["items"][0]
    assert (item["topic"], item["notes"]) == ("反馈问题整改", "一、第一部分")
    assert "the table has a topic column, so it goes into the notes" in result.stderr


def test_a_utf16_tab_separated_file(run: Callable[..., Result], tmp_path: Path) -> None:
    # Excel's "Unicode text": UTF-16 with a byte order mark, tab-separated.
    path = tmp_path / "u.csv"
    path.write_bytes("\n".join("\t".join(str(v) for v in row) for row in [HEADER, ROW_1]).encode("utf-16"))
    WRITTEN[path] = [HEADER, ROW_1]
    result, plan = imported(run, path, "--title", "T")
    assert plan["items"][0]["issue"] == "问题一"
    assert "read as UTF-16" in result.stderr


def test_an_empty_first_row_keeps_the_sheet_s_row_numbers(run: Callable[..., Result], tmp_path: Path) -> None:
    row: list[Value] = ["1", "主题", "问题", "措施", "通知", "不详", "农村处", "甲/乙"]
    result, _plan = imported(run, write_xlsx(tmp_path / "e.xlsx", [[], [], HEADER, row]), "--title", "T")
    assert "row 4, 计划完成时间: could not be read" in result.stderr


def test_the_report_in_chinese(run: Callable[..., Result], tmp_path: Path) -> None:
    path = write_csv(tmp_path / "z.csv", [HEADER, ROW_1, ROW_2], encoding="gbk")
    result, _plan = imported(run, path, "--title", "T", "--lang", "zh")
    assert "按 GB18030 编码读取" in result.stderr
    assert "读取 2 行，写出 2 个事项" in result.stderr
    assert "方案校验通过。" in result.stderr
    assert result.stdout.startswith("# 由 rectiplan import 从 z.csv 导入。")


def test_the_nothing_lost_check_can_fail() -> None:
    plan = {"title": "T", "items": [{"issue": "问题一", "measures": ["措施甲"]}]}
    assert lost_pieces(["问题一", "1.措施甲"], plan) == []
    assert lost_pieces(["问题一", "1.措施甲\n2.措施乙"], plan) == ["措施乙"]


def test_word_list_numbering_splits_measures(run: Callable[..., Result], tmp_path: Path) -> None:
    # Numbers Word draws for a numbered list (style List Number) are not in the text of the paragraphs.
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=len(HEADER))
    for c, heading in enumerate(HEADER):
        table.cell(0, c).text = heading
    for c, value in enumerate(ROW_1):
        table.cell(1, c).text = str(value)
    cell = table.cell(1, 3)
    cell.paragraphs[0].text = "措施甲"
    cell.paragraphs[0].style = "List Number"
    cell.add_paragraph("措施乙", style="List Number")
    path = tmp_path / "list.docx"
    document.save(str(path))
    WRITTEN[path] = [HEADER, [*ROW_1[:3], "措施甲\n措施乙", *ROW_1[4:]]]
    _result, plan = imported(run, path, "--title", "T")
    assert plan["items"][0]["measures"] == [{"text": "措施甲"}, {"text": "措施乙"}]


def test_csv_rows_are_numbered_as_a_spreadsheet_shows_them(run: Callable[..., Result], tmp_path: Path) -> None:
    # Row 2 spans three lines of the file (a quoted cell with line breaks); the report still says row 3.
    row: list[Value] = ["2", "主题", "问题", "措施", "通知", "不详", "农村处", "甲/乙"]
    path = write_csv(tmp_path / "r.csv", [HEADER, [*ROW_2[:2], "第一行\n第二行\n第三行", *ROW_2[3:]], row])
    result, _plan = imported(run, path, "--title", "T")
    assert "row 3, 计划完成时间: could not be read" in result.stderr


def test_other_commands_never_load_the_office_libraries() -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom typer.testing import CliRunner\nfrom rectiplan.cli import app\n"
        "CliRunner().invoke(app, ['list', '--lang', 'en'])\n"
        "print(sorted({m.split('.')[0] for m in sys.modules if m.startswith(('openpyxl', 'docx', 'lxml'))}"
        " | {m for m in sys.modules if m.startswith(('rectiplan.importing', 'rectiplan.cells'))}))"
    )
    finished = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert finished.stdout == "[]\n"


def test_an_excel_date_that_lost_its_format_is_read_from_its_serial(run: Callable[..., Result], tmp_path: Path) -> None:
    row: list[Value] = ["1", "主题", "问题", "措施", "通知", 44377, "农村处", "甲/乙"]  # 2021-06-30, format General
    result, plan = imported(run, write_xlsx(tmp_path / "s.xlsx", [HEADER, row]), "--title", "T")
    assert result.exit_code == 0, result.output
    assert plan["items"][0]["deadline"] == "2021-06-30"
    assert "44377" in result.stderr


def test_a_failed_write_leaves_nothing_behind(
    run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    source = write_csv(tmp_path / "t.csv", [HEADER, ROW_1])
    target = tmp_path / "out" / "plan.yaml"
    target.parent.mkdir()

    def full_disk(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    result = run("import", str(source), "-o", str(target), "--title", "T")
    assert result.exit_code == 4
    assert result.stderr.endswith(f"rectiplan: cannot write {target}: No space left on device; nothing was written\n")
    assert list(target.parent.iterdir()) == []


@pytest.mark.parametrize("writer", [write_xlsx, write_csv])
@pytest.mark.parametrize("attachment", ["附件", "附件2", "附件 1：", "附件2:"])
def test_an_attachment_line_above_the_title_is_skipped(
    run: Callable[..., Result], tmp_path: Path, writer: Any, attachment: str
) -> None:
    rows: list[list[Value]] = [[attachment], ["2021年整改方案", "", "", "", "", "", "", ""], HEADER, ROW_1]
    kwargs = {} if writer is write_csv else {"merges": [((1, 0), (1, 7))]}
    path = writer(tmp_path / f"a.{'csv' if writer is write_csv else 'xlsx'}", rows, **kwargs)
    # Not `imported`: the 附件 line is dropped on purpose, as in a Word file.
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(result.stdout)["title"] == "2021年整改方案"
    assert "not read" not in result.stderr, result.stderr


@pytest.mark.parametrize("writer", [write_docx, write_xlsx])
def test_an_item_over_several_rows_keeps_each_row_s_measure_unit_and_people(
    run: Callable[..., Result], tmp_path: Path, writer: Any
) -> None:
    header: list[Value] = ["序号", "整改内容", "整改措施", "完成时限", "责任处室", "责任人"]
    rows: list[list[Value]] = [
        header,
        ["1", "会议多", "精简会议", "2021年6月底前", "办公室", "张三/李四"],
        ["", "", "压减发文", "2021年12月底前", "人事处", "王五/赵六"],
        ["2", "文件多", "精简文件", "2021年6月底前", "办公室", "张三/李四"],
    ]
    merges = [((1, 0), (2, 0)), ((1, 1), (2, 1))]
    path = writer(tmp_path / f"r.{'docx' if writer is write_docx else 'xlsx'}", rows, merges=merges)
    result, plan = imported(run, path, "--title", "T")
    assert result.exit_code == 0, result.output
    first = plan["items"][0]
    assert first["measures"] == [
        {"text": "精简会议", "divisions": ["办公室"]},
        {"text": "压减发文", "divisions": ["人事处"]},
    ]
    assert first["divisions"] == ["办公室", "人事处"]
    assert (first["leader"], first["owner"]) == ("张三", "李四")
    assert "王五/赵六" in first["notes"]
    assert "the first row's “张三/李四” is kept" in result.stderr
    assert "the item spans 2 rows" in result.stderr
    assert len(plan["items"]) == 2


def test_the_same_people_typed_on_each_row_are_one(run: Callable[..., Result], tmp_path: Path) -> None:
    header: list[Value] = ["序号", "整改内容", "整改措施", "整改检验形式", "完成时限", "责任处室", "责任人"]
    rows: list[list[Value]] = [
        header,
        ["1", "会议多", "精简会议", "通知", "2021-06-30", "办公室", "张三/李四"],
        ["", "", "压减发文", "责任清单", "", "办公室", "张三/李四"],
    ]
    result, plan = imported(run, write_xlsx(tmp_path / "s.xlsx", rows), "--title", "T")
    assert result.exit_code == 0, result.output
    first = plan["items"][0]
    assert first["measures"] == [{"text": "精简会议"}, {"text": "压减发文"}]
    assert first["evidence"] == ["通知", "责任清单"]
    assert first["divisions"] == ["办公室"]
    assert (first["leader"], first["owner"]) == ("张三", "李四")
    assert "notes" not in first


def test_the_yaml_on_stdout_is_utf8_whatever_pythonioencoding_says(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    path = write_csv(tmp_path / "整改台账.csv", [HEADER, ROW_1])
    environ = {key: value for key, value in os.environ.items() if key != "RECTIPLAN_PLAN"}
    env = {**environ, "PYTHONIOENCODING": "gbk", "RECTIPLAN_LANG": "en"}
    command = [sys.executable, "-m", "rectiplan", "import", str(path)]
    done = subprocess.run(command, env=env, check=False, capture_output=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode("gbk")
    assert load_plan_bytes(done.stdout, "p.yaml").ok
    assert "唐咸来" in done.stdout.decode("utf-8")


def test_a_formula_without_a_computed_value_is_reported_and_kept(run: Callable[..., Result], tmp_path: Path) -> None:
    # openpyxl writes "=…" as a formula and computes nothing, as any script that makes a workbook.
    row: list[Value] = ["1", "主题", "问题一", "措施一", "通知", "=DATE(2021,9,30)", "农村处", "甲/乙"]
    path = write_xlsx(tmp_path / "f.xlsx", [HEADER, row])
    result = run("import", str(path), "--title", "T")
    assert result.exit_code == 1, result.output
    assert (
        "cell F2 holds a formula saved without its value: the formula is imported as text, '=DATE(2021,9,30)'; open and save"
        in result.stderr
    )
    assert "could not be read: '=DATE(2021,9,30)'" in result.stderr
    assert 'deadline: "=DATE(2021,9,30)"' in result.stdout
    lines = result.stdout.splitlines()
    at = next(n for n, line in enumerate(lines) if line.strip().startswith("deadline:"))
    assert lines[at - 1].strip().startswith("#")


def test_immediate_alone_is_one_report_line_and_a_missing_deadline(run: Callable[..., Result], tmp_path: Path) -> None:
    row: list[Value] = ["1", "主题", "问题", "措施", "通知", "立行立改", "农村处", "甲/乙"]
    result = run("import", str(write_csv(tmp_path / "i.csv", [HEADER, row])), "--title", "T")
    assert result.exit_code == 1, result.output
    assert "read as status in progress" in result.stderr
    assert "could not be read" not in result.stderr
    assert "cells could not be read" not in result.stderr
    data = yaml.safe_load(result.stdout)
    assert data["items"][0]["status"] == "in_progress"
    assert "deadline" not in data["items"][0]
    assert "“立行立改” is read as status in progress; fill in the deadline" in result.stdout
    assert "[missing-key]" in result.stderr and "[bad-date]" not in result.stderr


def test_a_leader_column_naming_two_people_is_reported(run: Callable[..., Result], tmp_path: Path) -> None:
    header: list[Value] = ["序号", "整改内容", "整改措施", "完成时限", "责任处室", "责任领导"]
    rows: list[list[Value]] = [header, ["1", "问题", "措施", "2021-06-30", "办公室", "王五/赵六"]]
    result, plan = imported(run, write_csv(tmp_path / "l.csv", rows), "--title", "T")
    assert result.exit_code == 0, result.output
    assert plan["items"][0]["leader"] == "王五/赵六"
    assert "several names in one cell, “王五/赵六”, kept together" in result.stderr


def _ledger_with(tmp_path: Path, name: str, progress: str, extensions: str) -> Path:
    from rectiplan import sheet

    keys = [column.key for column in sheet.LEDGER]
    row: list[Value] = [""] * len(keys)
    given = {"id": "1", "topic": "主题", "issue": "问题", "measures": "措施", "deadline": date(2021, 12, 31)}
    given |= {"divisions": "农村处", "people": "甲/乙", "progress": progress, "extensions": extensions}
    for key, value in given.items():
        row[keys.index(key)] = value
    headings: list[Value] = [column.heading("zh") for column in sheet.LEDGER]
    return write_xlsx(tmp_path / name, [["导出方案", *[""] * (len(headings) - 1)], headings, row])


@pytest.mark.parametrize(
    "typed",
    ["2021/9/1 已召开座谈会", "2021年9月1日 已召开座谈会", "2021-09-01已召开座谈会", "2021.9.1：已召开座谈会"],
)
def test_progress_and_extensions_typed_in_other_date_forms_are_read(
    run: Callable[..., Result], tmp_path: Path, typed: str
) -> None:
    extension = "延期至2022年3月31日，原因：需自治区绩效办批复"
    result, plan = imported(run, _ledger_with(tmp_path, "p.xlsx", typed, extension))
    assert result.exit_code == 0, result.output
    item = plan["items"][0]
    assert item["progress"] == [{"on": "2021-09-01", "text": "已召开座谈会"}]
    assert item["extensions"] == [{"to": "2022-03-31", "reason": "需自治区绩效办批复"}]


def test_a_progress_line_without_a_date_is_reported_with_its_row(run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("import", str(_ledger_with(tmp_path, "q.xlsx", "9月1日 已召开座谈会", "")))
    assert result.exit_code == 1, result.output
    assert "row 3, 进展情况: could not be read: '9月1日 已召开座谈会'" in result.stderr
    assert "each line of 进展情况 should start with a date" in result.stderr
    assert "[wrong-type]" not in result.stderr


def test_a_cover_sheet_first_suggests_sheet(run: Callable[..., Result], tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "cover.xlsx", [HEADER, ROW_1], sheet="整改台账", first=[("填表说明", [["请按要求填写"]])]
    )
    result = run("import", str(path))
    assert result.exit_code == 2
    assert "no header row on the first sheet, '填表说明'" in result.stderr
    assert "(整改台账): name it with --sheet NAME" in result.stderr
    assert run("import", str(path), "--sheet", "整改台账", "--title", "T").exit_code == 0


def test_o_into_a_missing_folder_is_refused_before_reading(run: Callable[..., Result], tmp_path: Path) -> None:
    source = write_csv(tmp_path / "t.csv", [HEADER, ROW_1])
    result = run("import", str(source), "-o", str(tmp_path / "plans" / "方案.yaml"))
    assert result.exit_code == 2
    assert "does not exist; nothing was read or written" in result.stderr
    assert "Imported" not in result.stderr
    assert not (tmp_path / "plans").exists()


@pytest.mark.parametrize("given", ["", "plans/", "."])
def test_o_that_names_no_file_is_refused_as_export_does(run: Callable[..., Result], tmp_path: Path, given: str) -> None:
    (tmp_path / "plans").mkdir()
    source = write_csv(tmp_path / "t.csv", [HEADER, ROW_1])
    result = run("import", str(source), "-o", given, "--force")
    assert result.exit_code == 2, result.output
    assert "give -o a file name (such as" in result.stderr
    assert "Imported" not in result.stderr


def test_o_with_force_keeps_the_file_s_mode(run: Callable[..., Result], tmp_path: Path) -> None:
    source = write_csv(tmp_path / "t.csv", [HEADER, ROW_1])
    target = tmp_path / "plan.yaml"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    assert run("import", str(source), "-o", str(target), "--force", "--title", "T").exit_code == 0
    assert target.stat().st_mode & 0o777 == 0o640
    assert target.read_bytes().decode("utf-8").startswith("# Imported from t.csv")


def test_the_default_year_is_said_only_when_a_deadline_lacks_one(run: Callable[..., Result], tmp_path: Path) -> None:
    with_years = [HEADER, ROW_1, [*ROW_2[:5], "2021年6月底前", *ROW_2[6:]]]
    result = run("import", str(write_csv(tmp_path / "y.csv", with_years)), "--title", "T")
    assert result.exit_code == 0, result.output
    assert "without a year" not in result.stderr
    yearless = [HEADER, ROW_1, [*ROW_2[:5], "6月底前", *ROW_2[6:]]]
    result = run("import", str(write_csv(tmp_path / "n.csv", yearless)), "--title", "T")
    assert result.exit_code == 0, result.output
    assert "deadlines without a year are read in 2021" in result.stderr


def test_a_later_table_of_another_width_is_named_in_the_report(run: Callable[..., Result], tmp_path: Path) -> None:
    # Only one table is the plan; a table of signatures or notes after it is not imported, but never unsaid.
    row: list[Value] = ["1", "主题", "问题一", "措施一", "通知", "2021-09-30", "农村处", "甲/乙"]
    path = write_docx(
        tmp_path / "t.docx", [HEADER, row], after=[[["签发人", "张三", "日期"], ["备注", "附表另行报送", ""]]]
    )
    result = run("import", str(path), "--title", "T")
    assert result.exit_code == 0, result.output
    assert "table 2 (2 rows) is not the plan's table and was not imported: “签发人 张三 日期 备注 附表另行报送”" in (
        result.stderr
    )


def test_the_report_counts_agree_with_their_number(run: Callable[..., Result], tmp_path: Path) -> None:
    """English says "1 row", "1 cell", "1 problem": not "1 rows", "1 cells", "1 problems"."""
    path = write_csv(tmp_path / "one.csv", [HEADER, ["1", "x", "问题", "m", "通知", "某天", "办公室", "张三/李四"]])
    result = run("import", str(path), "--title", "t", "--lang", "en")
    assert result.exit_code == 1
    assert "1 row read, 1 item written\n" in result.stderr
    assert "1 cell could not be read: written as found, with a comment; correct it\n" in result.stderr
    assert "The plan was written but has 1 problem:\n" in result.stderr
    zh = run("import", str(path), "--title", "t", "--lang", "zh")
    assert (
        "读取 1 行，写出 1 个事项\n" in zh.stderr and "1 个单元格无法识别" in zh.stderr and "有 1 个问题：" in zh.stderr
    )
