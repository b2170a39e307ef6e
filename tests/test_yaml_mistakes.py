"""The mistakes Chinese users make in plan files, each reported where it is, naming the character, showing the fix."""

from __future__ import annotations

import pytest
from conftest import plan_text

from rectiplan.messages import problem_hint, problem_message
from rectiplan.validate import load_plan_bytes

PLAN = plan_text({})


def problems_of(text: str) -> list[tuple[int, int, str]]:
    return [(problem.line, problem.column, problem.code) for problem in load_plan_bytes(text.encode(), "p.yaml").problems]


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
