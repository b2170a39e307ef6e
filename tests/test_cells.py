"""Reading the cells of a published rectification table (cells.py) and the 台账's own cells back (sheet.decode_*)."""

from __future__ import annotations

from datetime import date

from rectiplan.cells import match_heading, read_deadline, read_divisions, read_people, split_numbered, year_of_title


def test_numbered_lines_become_entries() -> None:
    assert split_numbered("1.甲；\n2.乙").value == ["甲；", "乙"]


def test_grouped_divisions() -> None:
    assert read_divisions("（1）办公室；（2）高新处、区域处", 2).value == (
        ["办公室", "高新处", "区域处"],
        [["办公室"], ["高新处", "区域处"]],
    )


def test_people_and_deadline_and_heading() -> None:
    assert read_people("唐咸来/潘红雄").value == ("唐咸来", "潘红雄")
    assert read_deadline("2021年6月底前", None).value == (date(2021, 6, 30), None)
    assert year_of_title("2020年度自治区科技厅社会评价意见建议整改方案") == 2020
    assert match_heading("完成 时限") == "deadline"
