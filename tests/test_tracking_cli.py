"""The 台账 through the command line: list, overdue, show and the records on a plan with progress, extensions and
materials, and the commands due, summary, remind and report."""

from __future__ import annotations

import csv
import io
import json
import re

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
    approved_later = write_plan(
        plan_text({"extra": EXTENDED.replace("approved_on: 2021-08-20", "approved_on: 2021-09-02")})
    )
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
    assert "最新进展 2021-09-05：培训已举办" in out
    earlier = run("list", "--as-of", "2021-08-10", "--lang", "zh", plan=tracked).stdout
    assert "最新进展 2021-06-01：已印发培训通知" in earlier and "培训已举办" not in earlier


def test_show_gives_the_ledger_as_it_stood_on_the_as_of_date(run, tracked):
    early = run("show", "1", "--as-of", "2021-08-10", "--lang", "zh", plan=tracked).stdout
    assert "2021-08-31（还剩 21 天，截至 2021-08-10）" in early
    assert "延期" not in early and "培训已举办" not in early  # approved and written later
    late = run("show", "1", "--as-of", "2021-09-06", "--lang", "zh", plan=tracked).stdout
    assert "2021-09-30（原定 2021-08-31，还剩 24 天，截至 2021-09-06）" in late
    assert "延期至 2021-09-30：培训推迟（2021-08-20 批准）" in late and "培训已举办" in late
    done = run("show", "2", "--as-of", "2021-09-16", "--lang", "en", plan=tracked).stdout
    assert "2021-08-31 (done on 2021-09-03, done late)" in done
    assert re.search(r"Closed +2021-09-10", done) and "桂科办字〔2021〕12号" in done
    orange = run("show", "3", "--as-of", "2021-09-01", "--lang", "en", plan=tracked).stdout
    assert "2021-09-08 (7 days left, orange alert, as of 2021-09-01)" in orange


# --- due --------------------------------------------------------------------------------------------------------


def test_due_lists_what_needs_chasing_most_urgent_first(run, tracked):
    result = run("due", "--as-of", "2021-09-01", "-f", "json", plan=tracked)
    found = json.loads(result.stdout)
    # 2: done only on 2021-09-03, so 1 day late; 3: 7 days left; 4: 19 days left; 1: extended to 09-30 (29 days).
    assert [(r["id"], r["level"], r["days_left"]) for r in found] == [
        (2, "red", -1),
        (3, "orange", 7),
        (4, "yellow", 19),
    ]
    wider = json.loads(run("due", "--as-of", "2021-09-01", "--within", "30", "-f", "json", plan=tracked).stdout)
    assert [r["id"] for r in wider] == [2, 3, 4, 1]
    only_late = json.loads(run("due", "--as-of", "2021-09-01", "--within", "0", "-f", "json", plan=tracked).stdout)
    assert [r["id"] for r in only_late] == [2]
    filtered = run("due", "--as-of", "2021-09-01", "--division", "规配处", "-f", "json", plan=tracked)
    assert [r["id"] for r in json.loads(filtered.stdout)] == [4]


def test_due_follows_the_plans_warn_days(run, write_plan):
    plan = write_plan(plan_text({"deadline": "2021-09-25"}, header="title: t\nwarn_days: {yellow: 30, orange: 5}\n"))
    [record] = json.loads(run("due", "--as-of", "2021-09-01", "-f", "json", plan=plan).stdout)
    assert (record["level"], record["days_left"]) == ("yellow", 24)


def test_due_table_and_csv(run, tracked):
    table = run("due", "--as-of", "2021-09-01", "--lang", "en", plan=tracked)
    assert table.exit_code == 0
    assert table.stdout.rstrip().splitlines()[-1] == "3 of 5 items to chase as of 2021-09-01: 1 overdue, 2 due soon"
    assert "7 days left" in table.stdout and "1 day late" in table.stdout
    # The level is named too: pasted into a chat, the colour is gone.
    assert "red alert" in table.stdout and "orange alert" in table.stdout and "yellow alert" in table.stdout
    assert "橙色预警" in run("due", "--as-of", "2021-09-01", "--lang", "zh", plan=tracked).stdout
    rows = list(
        csv.DictReader(
            io.StringIO(run("due", "--as-of", "2021-09-01", "-f", "csv", plan=tracked).stdout.lstrip("\ufeff"))
        )
    )
    assert [(row["id"], row["level"], row["days_left"]) for row in rows] == [
        ("2", "red", "-1"),
        ("3", "orange", "7"),
        ("4", "yellow", "19"),
    ]


def test_due_refuses_a_negative_window(run, tracked):
    result = run("due", "--within", "-1", plan=tracked)
    assert result.exit_code == 2 and "Traceback" not in result.output


# --- summary ----------------------------------------------------------------------------------------------------

SUMMARY_KEYS = [
    "group",
    "total",
    "done",
    "done_late",
    "in_progress",
    "pending",
    "ongoing",
    "overdue",
    "due_soon",
    "completion_rate",
]


def summary_json(run, plan, *args):
    result = run("summary", "-f", "json", *args, plan=plan)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_summary_json_shape(run, tracked):
    rows = summary_json(run, tracked, "--as-of", "2021-09-06")
    assert all(list(row) == SUMMARY_KEYS for row in rows)
    assert [row["group"] for row in rows] == ["农村处", "规配处", None]
    rural, planning, total = rows
    assert rural == {
        "group": "农村处", "total": 3, "done": 1, "done_late": 1, "in_progress": 1, "pending": 1, "ongoing": 0,
        "overdue": 0, "due_soon": 1, "completion_rate": 1.0,
    }  # fmt: skip
    assert (planning["ongoing"], planning["due_soon"], planning["completion_rate"]) == (1, 1, None)
    assert total["total"] == 5


@pytest.mark.parametrize("by", ["division", "person", "topic", "month"])
@pytest.mark.parametrize("as_of", ["2021-08-15", "2021-09-01", "2021-09-06", "2022-01-01"])
def test_summary_rows_add_up_as_documented(run, tracked, write_plan, by, as_of):
    from conftest import BUNDLED

    for plan in (tracked, BUNDLED):
        rows = summary_json(run, plan, "--as-of", as_of, "--by", by)
        *groups, total = rows
        items = json.loads(run("list", "--as-of", as_of, "-f", "json", plan=plan).stdout)
        for row in rows:
            # Every item is in exactly one of the four states on the as-of date.
            assert row["done"] + row["in_progress"] + row["pending"] + row["ongoing"] == row["total"]
            assert row["done_late"] <= row["done"] and row["overdue"] + row["due_soon"] <= row["total"] - row["done"]
        # The total row counts each item once; a group counts every item it holds.
        assert total["group"] is None and total["total"] == len(items)
        assert total["overdue"] == len(json.loads(run("overdue", "--as-of", as_of, "-f", "json", plan=plan).stdout))
        for figure in SUMMARY_KEYS[1:-1]:
            assert sum(group[figure] for group in groups) >= total[figure]
        if by in ("topic", "month"):  # one group per item: the groups add up to the total exactly
            for figure in SUMMARY_KEYS[1:-1]:
                assert sum(group[figure] for group in groups) == total[figure]


def test_summary_counts_an_item_of_two_divisions_in_each_and_once_in_the_total(run, write_plan):
    plan = write_plan(plan_text({}).replace("      - 农村处\n", "      - 农村处\n      - 规配处\n"))
    rows = summary_json(run, plan, "--as-of", "2021-09-01")
    assert [(row["group"], row["total"], row["overdue"]) for row in rows] == [
        ("农村处", 1, 1),
        ("规配处", 1, 1),
        (None, 1, 1),
    ]


def test_summary_completion_rate_is_done_over_items_due(run, write_plan):
    plan = write_plan(
        plan_text(
            {"extra": "    status: done\n    done_on: 2021-07-01\n", "deadline": "2021-12-31"},  # done early: counts
            {"deadline": "2021-08-01"},  # due, not done
            {"deadline": "2021-08-01", "extra": "    status: done\n    done_on: 2021-08-05\n"},  # done late
            {"deadline": "2021-12-31"},  # not due yet: not counted
        )
    )
    [_, total] = summary_json(run, plan, "--as-of", "2021-09-01")
    assert (total["done"], total["done_late"], total["completion_rate"]) == (2, 1, round(2 / 3, 4))


def test_summary_by_person_topic_and_month(run, tracked):
    by_person = summary_json(run, tracked, "--as-of", "2021-09-06", "--by", "person")
    assert [(row["group"], row["total"]) for row in by_person] == [
        ("唐咸来", 4),
        ("潘红雄", 4),
        ("蹇兴超", 1),
        (None, 5),
    ]
    by_month = summary_json(run, tracked, "--as-of", "2021-09-06", "--by", "month")
    # Item 1's deadline in force is in September; item 5 has none.
    assert [(row["group"], row["total"]) for row in by_month] == [("2021-08", 1), ("2021-09", 3), ("", 1), (None, 5)]
    by_topic = summary_json(run, tracked, "--as-of", "2021-09-06", "--by", "topic")
    assert [row["group"] for row in by_topic] == ["反馈问题整改", "长期工作", None]


def test_summary_table_and_csv(run, tracked):
    table = run("summary", "--as-of", "2021-09-06", "--lang", "zh", plan=tracked)
    assert table.exit_code == 0
    assert "合计" in table.stdout and "100.0%" in table.stdout
    assert "合计中只计一次" in table.stdout
    month = run("summary", "--as-of", "2021-09-06", "--by", "month", "--lang", "en", plan=tracked)
    assert "(no deadline)" in month.stdout and "Total" in month.stdout
    rows = list(
        csv.reader(
            io.StringIO(run("summary", "--as-of", "2021-09-06", "-f", "csv", plan=tracked).stdout.lstrip("\ufeff"))
        )
    )
    assert rows[0] == SUMMARY_KEYS
    assert rows[-1][:2] == ["Total", "5"]


def test_summary_refuses_an_unknown_grouping(run, tracked):
    result = run("summary", "--by", "week", plan=tracked)
    assert result.exit_code == 2 and "Traceback" not in result.output


# --- remind -----------------------------------------------------------------------------------------------------


def test_remind_writes_one_message_per_responsible_person(run, write_plan):
    def item(**fields):
        return plan_text(fields, header="").removeprefix("items:\n")

    leader_only = item(id=1, deadline="2021-08-20").replace("    owner: 潘红雄\n", "")
    nobody = item(id=2, deadline="2021-09-10", division="规配处").replace("    leader: 唐咸来\n    owner: 潘红雄\n", "")
    plan = write_plan("title: t\nitems:\n" + leader_only + nobody + item(id=3, deadline="2021-12-31"))
    # Item 1: leader only (the owner line went); item 2: nobody, so its division; item 3: not due soon.
    zh = run("remind", "--as-of", "2021-09-01", "--lang", "zh", plan=plan)
    assert zh.exit_code == 0
    messages = zh.stdout.split("-" * 40)
    assert len(messages) == 2
    assert (
        messages[0].startswith("唐咸来同志：") and "【序号 1】问题1（完成时限 2021-08-20，逾期 12 天）" in messages[0]
    )
    assert messages[1].strip().startswith("规配处：") and "还剩 9 天" in messages[1]
    en = run("remind", "--as-of", "2021-09-01", "--lang", "en", plan=plan)
    assert "Dear 唐咸来," in en.stdout and "[No. 1] 问题1 (deadline 2021-08-20, 12 days late)" in en.stdout
    quiet = run("remind", "--as-of", "2021-01-01", "--lang", "en", plan=plan)
    assert quiet.stdout.startswith("Nothing to chase as of 2021-01-01")


def test_remind_prefers_the_owner_and_never_colours_the_text(run, tracked):
    result = run("remind", "--as-of", "2021-09-01", "--lang", "en", plan=tracked, env={"TERM": "xterm-256color"})
    assert result.stdout.startswith("Dear 潘红雄,") and "\x1b[" not in result.stdout
    assert "唐咸来" not in result.stdout


# --- report -----------------------------------------------------------------------------------------------------

LATER_FACTS = """\
    progress:
      - on: 2021-06-01
        text: 已印发培训通知
      - on: 2021-09-20
        text: 后来才写的进展
    extensions:
      - to: 2021-12-31
        reason: 后来才批准的延期
        approved_on: 2021-09-15
"""


def test_a_past_report_is_the_same_whatever_was_recorded_after_its_date(run, write_plan):
    before = write_plan(
        plan_text({"extra": "    progress:\n      - on: 2021-06-01\n        text: 已印发培训通知\n"}, {})
    )
    after = write_plan(
        plan_text(
            {"extra": LATER_FACTS}, {"extra": "    status: done\n    done_on: 2021-09-12\n    closed_on: 2021-09-30\n"}
        )
    )
    for lang in ("zh", "en"):
        args = ("report", "--as-of", "2021-09-10", "--since", "2021-09-01", "--lang", lang)
        old, new = run(*args, plan=before), run(*args, plan=after)
        assert old.exit_code == new.exit_code == 0
        assert new.stdout == old.stdout.replace(str(before), str(after))
        assert "后来" not in new.stdout


def test_the_report_holds_what_an_office_sends_upward(run, tracked):
    result = run("report", "--as-of", "2021-09-06", "--since", "2021-09-01", "--lang", "zh", plan=tracked)
    out = result.stdout
    assert result.exit_code == 0
    assert out.startswith(
        "# 关于《测试方案》落实情况的报告\n\n截至 2021-09-06。本期统计时段：2021-09-01 至 2021-09-06。"
    )
    assert "整改完成率 100.0%（应完成 1 项，已完成 1 项）" in out
    assert "| **合计** | 5 | 1 | 1 | 1 | 2 | 1 | 0 | 2 | 100.0% |" in out
    assert "- 序号 2（农村处）：问题2已于 2021-09-03 完成（逾期完成）。" in out
    assert (
        "序号 1：问题1完成时限由 2021-08-31 延期至 2021-09-30（2021-08-20 批准），原因：培训推迟" not in out
    )  # before --since
    full = run("report", "--as-of", "2021-09-06", "--lang", "zh", plan=tracked).stdout
    assert "- 序号 1：问题1完成时限由 2021-08-31 延期至 2021-09-30（2021-08-20 批准），原因：培训推迟" in full
    late = run("report", "--as-of", "2021-10-05", "--lang", "en", plan=tracked).stdout
    assert "| 1 | 问题1 | 农村处 | 唐咸来/潘红雄 | 2021-09-30 | 5 days late | 2021-09-05 培训已举办 |" in late


def test_report_markdown_cells_cannot_break_the_table(run, write_plan):
    plan = write_plan(plan_text({"deadline": "2021-08-01"}).replace("问题1", "甲|乙"))
    out = run("report", "--as-of", "2021-09-01", "--lang", "en", plan=plan).stdout
    assert "| 甲\\|乙 |" in out


def test_report_refuses_a_bad_since_date(run, tracked):
    result = run("report", "--since", "1/9/2021", plan=tracked)
    assert result.exit_code == 2 and "--since" in result.output


def test_summary_by_division_follows_the_roster_and_lists_every_division(run, write_plan):
    plan = write_plan(plan_text({"division": "规配处"}, header="title: t\ndivisions: [办公室, 规配处, 农村处]\n"))
    rows = summary_json(run, plan, "--as-of", "2021-09-01")
    assert [(row["group"], row["total"]) for row in rows] == [("办公室", 0), ("规配处", 1), ("农村处", 0), (None, 1)]


@pytest.mark.parametrize("command", ["due", "remind"])
def test_a_negative_window_is_refused_in_the_users_language(run, command):
    result = run(command, "--within", "-3", "--lang", "zh")
    assert result.exit_code == 2
    assert "不是有效的天数" in result.output and "Input should" not in result.output
    help_text = run(command, "-h", env={"COLUMNS": "200"}).output
    assert "[x>=0]" not in help_text


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "2022-01-01 is after the as-of date 2021-10-01"), ("zh", "2022-01-01 晚于截至日期 2021-10-01")],
)
def test_report_refuses_a_period_that_runs_backwards(run, tracked, lang, said):
    result = run("report", "--since", "2022-01-01", "--as-of", "2021-10-01", "--lang", lang, plan=tracked)
    assert result.exit_code == 2
    assert said in result.output and "--since" in result.output


ONGOING_PAST_DEADLINE = plan_text({"deadline": "2021-02-01", "extra": "    status: ongoing\n"})


@pytest.mark.parametrize("command", ["show", "list"])
def test_an_ongoing_item_is_never_shown_late(run, write_plan, command):
    """overdue, summary and the records never count an ongoing (长期坚持) item late: the text views agree."""
    path = write_plan(ONGOING_PAST_DEADLINE)
    args = [command, *(["1"] if command == "show" else []), "--as-of", "2021-06-15", "--plan", str(path)]
    result = run(*args, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "late" not in result.stdout and "2021-02-01" in result.stdout
    if command == "show":
        assert "2021-02-01 (as of 2021-06-15)" in result.stdout
    assert "逾期" not in run(*args, "--lang", "zh").stdout


def test_days_left_is_none_for_an_ongoing_or_done_item():
    from datetime import date

    from rectiplan.model import Status
    from rectiplan.query import days_left
    from rectiplan.validate import load_plan_bytes

    item = load_plan_bytes(ONGOING_PAST_DEADLINE.encode(), "p.yaml").plan.items[0]
    assert days_left(item, date(2021, 6, 15)) is None
    assert days_left(item.model_copy(update={"status": Status.PENDING}), date(2021, 6, 15)) == -134
    done = item.model_copy(update={"status": Status.DONE, "done_on": date(2021, 3, 1)})
    assert days_left(done, date(2021, 6, 15)) is None


def test_report_markdown_escapes_plan_text_as_the_md_export_does(run, write_plan):
    """Pasted into a wiki or merge request, the report's plan text renders as written and notifies or links nobody:
    the same escaping as `export --format md`, in headings, table cells and list entries."""
    from rectiplan.exports.md import escape

    plan = write_plan(
        'title: "t | *x*"\nitems:\n  - id: 1\n    topic: x\n    issue: "a <script> @alice #12 `c` _y_"\n'
        "    measures: [m]\n    evidence: []\n    deadline: 2021-06-30\n    divisions: [办公室]\n"
        '    leader: "@bob"\n    progress:\n      - on: 2021-06-01\n        text: "进展 ~~删~~"\n'
    )
    out = run("report", "--as-of", "2021-07-01", "--lang", "en", plan=plan).stdout
    assert "# Rectification progress report: t \\| \\*x\\*\n" in out
    assert f"| {escape('a <script> @alice #12 `c` _y_')} |" in out
    assert f"| {escape('@bob')} |" in out and escape("进展 ~~删~~") in out
    for raw in ("<script>", "@alice", "#12", "`c`", "*x*", "~~删", "@bob"):
        assert raw not in out
    assert "| **Total** | 1 |" in out and "| 0.0% |" in out  # our own figures and markup are left alone


def test_report_counts_in_english_agree_with_their_number(run, write_plan):
    plan = write_plan(plan_text({"deadline": "2021-06-30"}))
    out = run("report", "--as-of", "2021-07-01", "--lang", "en", plan=plan).stdout
    assert "Items: 1. Done: 0 (late: 0); in progress: 0; not started: 1; ongoing: 0. Overdue: 1; due soon: 0." in out
    assert "1 items" not in out and "1 are" not in out
