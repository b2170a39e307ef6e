"""The mistakes Chinese users make in plan files, each reported where it is, naming the character, showing the fix."""

from __future__ import annotations

import pytest
from conftest import plan_text

from rectiplan.messages import problem_hint, problem_message
from rectiplan.validate import load_plan_bytes

PLAN = plan_text({})


def problems_of(text: str) -> list[tuple[int, int, str]]:
    return [
        (problem.line, problem.column, problem.code) for problem in load_plan_bytes(text.encode(), "p.yaml").problems
    ]


def only_problem(text: str):  # type: ignore[no-untyped-def]
    [problem] = load_plan_bytes(text.encode(), "p.yaml").problems
    return problem


# --- characters an input method types -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "where", "zh", "fixed"),
    [
        ("    topic: 反馈", "    topic： 反馈", (4, 10), "全角冒号“：”", "    topic: 反馈问题整改"),
        ("    topic: 反馈", "    topic：反馈", (4, 10), "全角冒号“：”", "    topic: 反馈问题整改"),
        ("title: ", "title： ", (1, 6), "全角冒号“：”", "title: 测试方案"),
        ("    topic: 反馈", "\u3000\u3000topic: 反馈", (4, 1), "全角空格（U+3000）", "    topic: 反馈问题整改"),
        ("    topic: 反馈", "  \u3000topic: 反馈", (4, 3), "全角空格（U+3000）", "    topic: 反馈问题整改"),
        ("    topic: 反馈", "\ttopic: 反馈", (4, 1), "制表符（Tab）", None),
        ("  - id: 1", "  -\u3000id: 1", (3, 4), "全角空格（U+3000）", "  - id: 1"),
        ("title: ", "title:\u3000", (1, 7), "全角空格（U+3000）", "title: 测试方案"),
    ],
)
def test_an_input_method_slip_is_located_named_and_fixed(old, new, where, zh, fixed):
    problem = only_problem(PLAN.replace(old, new, 1))
    assert ((problem.line, problem.column), problem.code) == (where, "yaml-syntax")
    assert zh in problem_message(problem, "zh")
    assert "while" not in problem_message(problem, "zh")  # nothing of libyaml's English left
    if fixed:
        assert problem_hint(problem, "zh") == f"应改为：{fixed}"
        assert problem_hint(problem, "en") == f"write it so: {fixed}"
    else:
        assert problem_hint(problem, "en") == "indent with spaces, not tabs"


def test_a_full_width_colon_inside_text_is_text_not_a_slip():
    assert problems_of(PLAN.replace("      - 措施1", "      - 措施：加强培训\n    notes: 备注：无")) == []


def test_a_slip_far_before_an_unrelated_error_is_not_blamed():
    # A tab inside a block scalar is text; the error (a full-width colon) is many lines below it.
    text = PLAN.replace("    topic: 反馈问题整改", "    notes: |\n      a\n      \tb\n    topic: 反馈问题整改")
    text = text.replace("    leader: 唐咸来", "    leader： 唐咸来")
    problem = only_problem(text)
    assert (problem.line, problem.column, problem.params.get("found")) == (16, 11, "fullwidth-colon")


def test_the_excerpt_shows_a_tab_visibly(run, write_plan):
    plan = write_plan(PLAN.replace("    topic: 反馈", "\ttopic: 反馈"))
    lines = run("validate", str(plan), "--lang", "zh").stdout.splitlines()
    assert lines[1] == "    4 | →topic: 反馈问题整改"
    assert lines[3] == "  = 请用空格缩进，不要用制表符（Tab）"


# --- values that say what they mean in the wrong form -------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "column", "fixed"),
    [
        ("[政务服务中心，办公室]", 23, "divisions: [政务服务中心, 办公室]"),
        ("[政务服务中心、办公室]", 23, "divisions: [政务服务中心, 办公室]"),
        ('["政务服务中心，办公室"]', 24, "divisions: [政务服务中心, 办公室]"),
        ("[计划处, 政务服务中心；办公室]", 28, "divisions: [计划处, 政务服务中心, 办公室]"),
        ("\n      - 政务服务中心，办公室", 15, "divisions: [政务服务中心, 办公室]"),
    ],
)
def test_a_full_width_separator_in_divisions_is_an_error_showing_the_list_meant(written, column, fixed):
    problem = only_problem(PLAN.replace("    divisions:\n      - 农村处", f"    divisions: {written}"))
    assert (problem.column, problem.code, problem.severity.value) == (column, "fullwidth-separator", "error")
    assert problem_hint(problem, "zh") == f"应改为：{fixed}"
    assert "全角分隔符" in problem_message(problem, "zh")


def test_a_full_width_separator_in_a_measures_divisions_is_found_too():
    text = PLAN.replace("      - 措施1\n", "      - text: 措施1\n        divisions: [农村处，办公室]\n")
    assert ("fullwidth-separator") in [code for _, _, code in problems_of(text)]


def test_list_expected_shows_the_list_syntax():
    problem = only_problem(PLAN.replace("    divisions:\n      - 农村处", "    divisions: 计划处"))
    assert problem.code == "wrong-type"
    assert problem_hint(problem, "zh") == "请写成列表：divisions: [计划处]，或在 divisions: 下每行一项“  - 计划处”"


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("完成", "已完成"),
        ("完成了", "已完成"),
        ("Completed", "done"),
        ("finished", "done"),
        ("正在进行", "进行中"),
        ("在办", "进行中"),
        ("未完成", "未开始"),
        ("未启动", "未开始"),
        ("长期", "长期坚持"),
        ("已完", "已完成"),
    ],
)
def test_an_unknown_status_gets_the_one_meant(written, meant):
    problem = only_problem(PLAN + f"    status: {written}\n")
    assert problem.code == "bad-status"
    assert problem_hint(problem, "zh") == f"是否指 status: {meant}？"


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("2021年6月底", "请写出具体日期：deadline: 2021-06-30"),
        ("2021年2月底前", "请写出具体日期：deadline: 2021-02-28"),
        ("２０２１年６月末", "请写出具体日期：deadline: 2021-06-30"),
        ("2021年底前", "请写出具体日期：deadline: 2021-12-31"),
        ("2021年底", "请写出具体日期：deadline: 2021-12-31"),
        ("年底前", "请写明年份，例如 deadline: 2021-12-31"),
        ("6月底", "请写明年份，例如 deadline: 2021-06-30"),
        # An ongoing item needs no deadline (issue 6): the fix is to leave it out.
        ("长期坚持", "“长期坚持”是状态，应写作 status: 长期坚持，并删去 deadline；长期坚持的事项无需完成时限"),
        ("长期", "“长期坚持”是状态，应写作 status: 长期坚持，并删去 deadline；长期坚持的事项无需完成时限"),
        ("进行中", "“进行中”是状态，应写作 status: 进行中；deadline 仍需填写日期"),
    ],
)
def test_a_deadline_in_words_gets_the_date_meant_or_a_question(written, hint):
    problem = only_problem(PLAN.replace("deadline: 2021-08-31", f"deadline: {written}"))
    assert (problem.line, problem.column, problem.code) == (10, 15, "bad-date")
    assert problem_hint(problem, "zh") == hint


def test_a_deadline_that_means_nothing_gets_no_invented_hint():
    problem = only_problem(PLAN.replace("deadline: 2021-08-31", "deadline: 尽快"))
    assert problem_hint(problem, "zh") is None
