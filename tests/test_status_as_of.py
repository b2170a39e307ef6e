"""The status shown for a past as-of date is the status on that date, in every output (one definition: query)."""

from __future__ import annotations

import json
from datetime import date

from conftest import plan_text

from rectiplan.model import Status
from rectiplan.query import entries_of, status_as_of
from rectiplan.validate import load_plan

DONE_LATER = "    status: done\n    done_on: 2021-09-15\n"
DONE_LATER_WITH_NOTE = DONE_LATER + "    progress:\n      - on: 2021-09-05\n        text: 已开展\n"


def _plan(write_plan):
    return write_plan(plan_text({"extra": DONE_LATER}, {"extra": DONE_LATER_WITH_NOTE}))


def test_status_as_of_infers_the_status_on_a_past_date(write_plan):
    entries = entries_of([("p", load_plan(_plan(write_plan)).plan)])
    first, second = (entry.item for entry in entries)
    assert status_as_of(first, date(2021, 9, 10)) is Status.PENDING
    assert status_as_of(second, date(2021, 9, 10)) is Status.IN_PROGRESS
    assert status_as_of(second, date(2021, 9, 4)) is Status.PENDING
    assert status_as_of(first, date(2021, 9, 15)) is Status.DONE


def test_overdue_list_and_show_show_the_status_of_the_as_of_date(run, write_plan):
    plan = _plan(write_plan)
    for command in (["overdue"], ["list"], ["show", "1", "2"]):
        for width in ("60", "100", "160"):
            out = run(*command, "--as-of", "2021-09-10", "--lang", "zh", plan=plan, env={"COLUMNS": width}).stdout
            assert "已完成" not in out, (command, width, out)
            assert "未开始" in out and "进行中" in out, (command, width, out)
    later = run("show", "1", "--as-of", "2021-09-20", "--lang", "zh", plan=plan).stdout
    assert "已完成" in later


def test_records_keep_the_files_status_and_add_the_status_as_of(run, write_plan):
    plan = _plan(write_plan)
    records = json.loads(run("list", "--as-of", "2021-09-10", "-f", "json", plan=plan).stdout)
    assert [(r["status"], r["status_as_of"]) for r in records] == [("done", "pending"), ("done", "in_progress")]
    shown = json.loads(run("show", "2", "--as-of", "2021-09-10", "-f", "json", plan=plan).stdout)
    assert shown[0]["status_as_of"] == "in_progress"
    csv = run("list", "--as-of", "2021-09-10", "-f", "csv", "--lang", "zh", plan=plan).stdout
    assert "截至日状态" in csv.splitlines()[0] and "进行中" in csv


def test_the_status_filter_asks_for_the_status_on_the_as_of_date(run, write_plan):
    plan = _plan(write_plan)

    def ids(*args: str) -> list[int]:
        return [record["id"] for record in json.loads(run("list", "-f", "json", *args, plan=plan).stdout)]

    assert ids("--as-of", "2021-09-10", "--status", "done") == []
    assert ids("--as-of", "2021-09-10", "--status", "in_progress") == [2]
    assert ids("--as-of", "2021-09-20", "--status", "done") == [1, 2]
