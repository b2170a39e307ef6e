"""The 台账 fields of format v1: progress, extensions, materials, closed_on, ongoing items without a deadline, the
divisions roster and warn_days. Each rule's located problem has its example in tests/examples/invalid/; these tests
cover what the examples alone do not show."""

from __future__ import annotations

from datetime import date

from conftest import BUNDLED, plan_text

from rectiplan.problems import Severity
from rectiplan.validate import load_plan

ONGOING_NO_DEADLINE = """\
  - id: 9
    topic: 长期工作
    issue: 持续改进作风
    measures:
      - 常态化开展
    evidence: []
    divisions:
      - 农村处
    status: 长期坚持
"""

TRACKED = """\
    status: done
    done_on: 2021-09-10
    closed_on: 2021-09-20
    progress:
      - on: 2021.6.1
        text: 2021
        by: 潘红雄
      - on: 2021年7月1日
        text: no
    extensions:
      - to: 2021-09-30
        reason: 培训推迟
        approved_on: 2021-08-20
    materials:
      - 桂科办字〔2021〕12号
      - 2021
"""


def test_existing_plans_stay_valid_and_mean_the_same():
    result = load_plan(BUNDLED)
    assert result.problems == []
    item = result.plan.items[0]
    assert (item.progress, item.extensions, item.materials, item.closed_on) == ([], [], [], None)
    assert (result.plan.divisions, result.plan.warn_days.yellow, result.plan.warn_days.orange) == (None, 20, 10)


def test_tracking_fields_are_read_with_text_kept_as_written(write_plan):
    result = load_plan(write_plan(plan_text({"extra": TRACKED})))
    assert result.problems == []
    item = result.plan.items[0]
    assert [(entry.on, entry.text, entry.by) for entry in item.progress] == [
        (date(2021, 6, 1), "2021", "潘红雄"),
        (date(2021, 7, 1), "no", None),
    ]
    assert item.extensions[0].to == date(2021, 9, 30)
    assert item.extensions[0].approved_on == date(2021, 8, 20)
    assert item.materials == ["桂科办字〔2021〕12号", "2021"]
    assert item.closed_on == date(2021, 9, 20)
    assert item.deadline == date(2021, 8, 31)  # the published deadline is kept


def test_an_ongoing_item_may_have_no_deadline_but_no_other_item(write_plan):
    ongoing = write_plan(plan_text({}) + ONGOING_NO_DEADLINE)
    result = load_plan(ongoing)
    assert result.problems == []
    assert result.plan.items[1].deadline is None
    pending = write_plan(plan_text({}) + ONGOING_NO_DEADLINE.replace("    status: 长期坚持\n", ""))
    assert [(p.line, p.code) for p in load_plan(pending).problems] == [(15, "missing-key")]


def test_a_misspelt_deadline_is_reported_once_as_the_misspelling(write_plan):
    plan = write_plan(plan_text({}).replace("    deadline:", "    deadlin:"))
    assert [problem.code for problem in load_plan(plan).problems] == ["unknown-key"]


def test_a_chinese_heading_for_a_tracking_field_names_the_key(write_plan):
    plan = write_plan(plan_text({"extra": "    销号日期: 2021-09-01\n"}))
    [problem] = load_plan(plan).problems
    assert (problem.code, problem.params["suggestion"]) == ("unknown-key", "closed_on")


def test_extension_order_counts_from_the_published_deadline(write_plan):
    same_day = "    extensions:\n      - to: 2021-08-31\n        reason: 同日\n"
    [problem] = load_plan(write_plan(plan_text({"extra": same_day}))).problems
    assert problem.code == "extension-not-later"


def test_divisions_roster_covers_measure_divisions_too(write_plan):
    text = plan_text({}, header="title: 测试方案\ndivisions: [农村处]\n").replace(
        "      - 措施1\n", "      - text: 措施1\n        divisions: [农村处]\n"
    )
    assert load_plan(write_plan(text)).problems == []
    text = plan_text({}, {"division": "区域处"}, header="title: 测试方案\ndivisions: [农村处, 规配处]\n")
    problems = load_plan(write_plan(text)).problems
    assert [problem.code for problem in problems] == ["unknown-division"]


def test_numbered_divisions_are_not_taken_for_typos(write_plan):
    plan = write_plan(plan_text({"division": "综合一处"}, {"division": "综合二处"}, {"division": "计划处"}))
    assert load_plan(plan).problems == []


def test_a_probable_typo_is_a_warning_and_read_commands_still_work(run, write_plan):
    plan = write_plan(plan_text({"division": "计划处"}, {"division": "计划处"}, {"division": "计化处"}))
    result = load_plan(plan)
    [problem] = result.problems
    assert (problem.code, problem.severity, problem.line) == ("similar-division", Severity.WARNING, 36)
    assert result.ok and result.plan is not None
    listed = run("list", "--as-of", "2021-08-01", "--format", "json", plan=plan)
    assert listed.exit_code == 0
    assert "[warning]" in listed.stderr and "[similar-division]" in listed.stderr
    assert run("validate", str(plan)).exit_code == 0
    assert run("validate", "--strict", str(plan)).exit_code == 1


def test_warn_days_must_be_whole_days(write_plan):
    plan = write_plan(plan_text({}, header="title: 测试方案\nwarn_days: {yellow: 0, orange: x}\n"))
    assert sorted(problem.code for problem in load_plan(plan).problems) == ["bad-value", "wrong-type"]
