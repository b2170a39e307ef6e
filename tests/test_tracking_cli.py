"""The 台账 through the command line: list, overdue, show and the records on a plan with progress, extensions and
materials, and the commands due, summary, remind and report."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import plan_text

EXTENDED = """\
    status: in_progress
    progress:
      - on: 2021-06-01
        text: 已印发培训通知
        by: 潘红雄
      - on: 2021-09-05
        text: 培训已举办
    extensions:
      - to: 2021-09-30
        reason: 培训推迟
        approved_on: 2021-08-20
"""
DONE_LATE = """\
    status: done
    done_on: 2021-09-03
    closed_on: 2021-09-10
    materials:
      - 桂科办字〔2021〕12号
"""
ONGOING = """\
  - id: 5
    topic: 长期工作
    issue: 持续改进作风
    measures:
      - 常态化开展
    evidence: []
    divisions:
      - 规配处
    leader: 蹇兴超
    status: 长期坚持
"""


@pytest.fixture
def tracked(write_plan):
    """Item 1 extended (approved 2021-08-20) with two notes; 2 done late and closed; 3 and 4 pending; 5 ongoing."""
    return write_plan(
        plan_text(
            {"extra": EXTENDED},
            {"extra": DONE_LATE},
            {"deadline": "2021-09-08"},
            {"deadline": "2021-09-20", "division": "规配处"},
        )
        + ONGOING
    )


def records(result):
    assert result.exit_code == 0, result.output
    return {record["id"]: record for record in json.loads(result.stdout)}


def test_records_carry_the_published_and_the_effective_deadline(run, tracked):
    before = records(run("list", "--as-of", "2021-08-10", "-f", "json", plan=tracked))
    after = records(run("list", "--as-of", "2021-09-06", "-f", "json", plan=tracked))
    assert (before[1]["deadline"], before[1]["effective_deadline"]) == ("2021-08-31", "2021-08-31")
    assert (after[1]["deadline"], after[1]["effective_deadline"]) == ("2021-08-31", "2021-09-30")
    assert before[1]["latest_progress"] == {"on": "2021-06-01", "text": "已印发培训通知", "by": "潘红雄"}
    assert after[1]["latest_progress"]["text"] == "培训已举办"
    assert after[2]["done_late"] is True and before[2]["done_late"] is False  # not done yet on 2021-08-10
    assert (after[3]["level"], after[4]["level"], after[5]["level"]) == ("orange", "yellow", None)
    assert after[5]["deadline"] is None and after[5]["effective_deadline"] is None
    assert after[2]["materials"] == ["桂科办字〔2021〕12号"] and after[2]["closed_on"] == "2021-09-10"


def test_an_extension_approved_later_does_not_erase_lateness(run, tracked, write_plan):
    late = records(run("overdue", "--as-of", "2021-09-01", "-f", "json", plan=tracked))
    # On 2021-09-01 item 1's extension (approved 2021-08-20) holds; item 2 is done only on 2021-09-03.
    assert {item_id: record["days_overdue"] for item_id, record in late.items()} == {2: 1}
    approved_later = write_plan(plan_text({"extra": EXTENDED.replace("approved_on: 2021-08-20", "approved_on: 2021-09-02")}))
    on_the_day = records(run("overdue", "--as-of", "2021-09-01", "-f", "json", plan=approved_later))
    assert (on_the_day[1]["days_overdue"], on_the_day[1]["effective_deadline"]) == (1, "2021-08-31")
    assert records(run("overdue", "--as-of", "2021-09-02", "-f", "json", plan=approved_later)) == {}


def test_csv_holds_the_tracking_columns(run, tracked):
    result = run("list", "--as-of", "2021-09-06", "-f", "csv", plan=tracked)
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff")))}
    assert rows["1"]["progress"] == "2021-06-01 已印发培训通知 (潘红雄)\n2021-09-05 培训已举办"
    assert rows["1"]["extensions"] == "2021-09-30 (2021-08-20): 培训推迟"
    assert rows["1"]["effective_deadline"] == "2021-09-30"
    assert rows["2"]["done_late"] == "true" and rows["3"]["done_late"] == "false"
    assert rows["3"]["level"] == "orange"


def test_the_table_shows_the_deadline_in_force_the_published_one_and_done_late(run, tracked):
    out = run("list", "--as-of", "2021-09-06", "--lang", "zh", plan=tracked).stdout
    assert "2021-09-30" in out and "原定 2021-08-31" in out
    assert "逾期完成" in out
    assert "还剩 2 天" in out  # item 3: orange
    assert "无完成时限" in out  # item 5: ongoing, no deadline


def test_show_gives_the_ledger_as_it_stood_on_the_as_of_date(run, tracked):
    early = run("show", "1", "--as-of", "2021-08-10", "--lang", "zh", plan=tracked).stdout
    assert "2021-08-31（还剩 21 天，截至 2021-08-10）" in early
    assert "延期" not in early and "培训已举办" not in early  # approved and written later
    late = run("show", "1", "--as-of", "2021-09-06", "--lang", "zh", plan=tracked).stdout
    assert "2021-09-30（原定 2021-08-31，还剩 24 天，截至 2021-09-06）" in late
    assert "延期至 2021-09-30：培训推迟（2021-08-20 批准）" in late and "培训已举办" in late
    done = run("show", "2", "--as-of", "2021-09-16", "--lang", "en", plan=tracked).stdout
    assert "2021-08-31 (done on 2021-09-03, done late)" in done
    assert "Closed     2021-09-10" in done and "桂科办字〔2021〕12号" in done
    orange = run("show", "3", "--as-of", "2021-09-01", "--lang", "en", plan=tracked).stdout
    assert "2021-09-08 (7 days left, orange, as of 2021-09-01)" in orange
