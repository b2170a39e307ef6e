"""YAML 1.1 implicit typing does not bite: what a plan writes as text stays that text, and dates read as dates.

Under YAML 1.1 (PyYAML's default) `topic: no` would be False, `issue: 2021` the number 2021, `evidence: [yes]`
[True] and `deadline: 2021-08-31` a date object while `2021-8-31` stays a string. A plan's text fields must keep
their source text exactly, and every year-first date form must read as the same date. All plans here are valid.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rectiplan.model import Item, Status
from rectiplan.validate import load_plan

ITEM = {
    "id": "1",
    "topic": "反馈问题整改",
    "issue": "建议对于桂林市科技特派员加强相关政策法规、业务方面培训。",
    "measures": "[组织指导桂林市举办1期科技特派员政策解读及服务管理培训班。]",
    "evidence": "[培训通知、培训签到表、培训图片]",
    "deadline": "2021-08-31",
    "divisions": "[农村处]",
    "leader": "唐咸来",
    "owner": "潘红雄",
}


def load_item(tmp_path: Path, **fields: str) -> Item:
    """Load a one-item plan whose item has ITEM's values, with `fields` written in verbatim."""
    values = {**ITEM, **fields}
    entries = "\n    ".join(f"{key}: {value}" for key, value in values.items())
    text = f"title: 2020年度自治区科技厅社会评价意见建议整改方案\nitems:\n  - {entries}\n"
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    result = load_plan(path)
    assert result.problems == [], f"{text}\n{result.problems}"
    assert result.plan is not None
    return result.plan.items[0]


@pytest.mark.parametrize(
    ("field", "written"),
    [
        ("topic", "no"),
        ("leader", "yes"),
        ("owner", "on"),
        ("notes", "off"),
        ("issue", "2021"),
        ("topic", "1.5"),
        ("topic", "true"),
        ("issue", "0x1F"),
        ("issue", "0o17"),
        ("issue", "1e3"),
        ("notes", ".inf"),
        ("notes", "12:30"),  # sexagesimal 750 in YAML 1.1
        ("notes", "2021-08-31"),
        ("owner", "1_000"),
    ],
)
def test_plain_text_field_keeps_its_source_text(tmp_path: Path, field: str, written: str) -> None:
    item = load_item(tmp_path, **{field: written})
    assert getattr(item, field) == written


def test_list_entries_keep_their_source_text(tmp_path: Path) -> None:
    item = load_item(tmp_path, evidence="[yes, 2021-08-31]", measures="[on, 1.5]", divisions="[no]")
    assert item.evidence == ["yes", "2021-08-31"]
    assert [measure.text for measure in item.measures] == ["on", "1.5"]
    assert item.divisions == ["no"]


def test_measure_mapping_keeps_its_source_text(tmp_path: Path) -> None:
    item = load_item(tmp_path, measures="[{text: off, divisions: [no]}]", divisions="[no]")
    assert item.measures[0].text == "off"
    assert item.measures[0].divisions == ["no"]


def test_title_and_issuer_keep_their_source_text(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        "title: 2020\nissuer: yes\nitems:\n"
        "  - {id: 1, topic: t, issue: i, measures: [m], evidence: [], deadline: 2021-08-31, divisions: [d]}\n",
        encoding="utf-8",
    )
    result = load_plan(path)
    assert result.problems == []
    assert (result.plan.title, result.plan.issuer) == ("2020", "yes")


def test_id_is_still_a_number(tmp_path: Path) -> None:
    assert load_item(tmp_path, id="7").id == 7


@pytest.mark.parametrize(
    "written",
    [
        "2021-08-31",
        "2021-8-31",
        "2021/8/31",
        "2021.8.31",
        "2021年8月31日",
        "２０２１年８月３１日",
        '"2021-08-31"',
        "'2021年8月31日'",
    ],
)
def test_every_year_first_form_is_the_same_date(tmp_path: Path, written: str) -> None:
    assert load_item(tmp_path, deadline=written).deadline == date(2021, 8, 31)


def test_done_on_reads_the_same_forms(tmp_path: Path) -> None:
    item = load_item(tmp_path, status="已完成", done_on="２０２１年８月３１日")
    assert (item.status, item.done_on) == (Status.DONE, date(2021, 8, 31))


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("进行中", Status.IN_PROGRESS),
        ("in_progress", Status.IN_PROGRESS),
        ("未开始", Status.PENDING),
        ("长期坚持", Status.ONGOING),
        ("ongoing", Status.ONGOING),
    ],
)
def test_status_labels_read_in_either_language(tmp_path: Path, written: str, status: Status) -> None:
    assert load_item(tmp_path, status=written).status is status


def test_status_defaults_to_pending(tmp_path: Path) -> None:
    assert load_item(tmp_path).status is Status.PENDING
