"""The similar-division warning names each likely typo once, as comparing every pair would find it, without comparing
them all."""

from __future__ import annotations

import json

from conftest import plan_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rectiplan.validate import _one_substitution_groups, load_plan_bytes

NUMERALS = set("0123456789０１２３４５６７８９一二三四五六七八九十")


def brute_force(names_in_use: list[str]) -> list[tuple[str, str, int]]:
    """Every pair compared: for each name, the most established name (most used, then written first) that is more
    established than it and one character away, but not a number for a number: (name, that name, its uses)."""
    count: dict[str, int] = {}
    for name in names_in_use:
        count[name] = count.get(name, 0) + 1
    names = list(count)
    rank = {name: (count[name], -index) for index, name in enumerate(names)}
    found = []
    for name in names:
        near = []
        for other in names:
            if other == name or len(name) != len(other) or rank[other] <= rank[name]:
                continue
            different = [(a, b) for a, b in zip(name, other) if a != b]
            if len(different) == 1 and not (different[0][0] in NUMERALS and different[0][1] in NUMERALS):
                near.append(other)
        if near:
            best = max(near, key=rank.__getitem__)
            found.append((name, best, count[best]))
    return found


def warnings_of(names_in_use: list[str]) -> list[tuple[str, str, int]]:
    items = [{"division": json.dumps(name, ensure_ascii=False)} for name in names_in_use]
    result = load_plan_bytes(plan_text(*items).encode("utf-8"), "x.yaml")
    return [
        (problem.params["division"], problem.params["other"], problem.params["uses"])
        for problem in result.problems
        if problem.code == "similar-division"
    ]


NAME = st.text(alphabet="计划处化一二1２ab", min_size=1, max_size=4)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(NAME, min_size=1, max_size=25))
def test_the_same_warnings_as_comparing_every_pair(names):
    # Warnings come ordered by position in the file; the brute force lists them by pair. Compare as sorted lists.
    assert sorted(warnings_of(names)) == sorted(brute_force(names))


def test_typical_names():
    names = ["计划处", "计化处", "一处", "二处", "农村处", "农林处", "计划处", "农材处"]
    assert sorted(warnings_of(names)) == sorted(brute_force(names))
    assert ("计化处", "计划处", 2) in warnings_of(names)


def test_unrelated_names_are_not_compared():
    # 10,000 distinct names (79 s when every pair was compared): only names sharing a wildcard key are grouped.
    names = [f"处室{number:05d}号" for number in range(10_000)]
    groups = _one_substitution_groups(names)
    # Names differing in one digit share a key: the last 4 positions (the first digit is always 0), each splitting
    # the names into groups of 10.
    assert sum(len(group) for group in groups) == 10_000 * 4 and {len(group) for group in groups} == {10}
    distinct = [f"{chr(0x4E00 + number)}{chr(0x5E00 + number)}处" for number in range(10_000)]
    assert _one_substitution_groups(distinct) == []


def test_names_all_one_character_apart_give_one_warning_each():
    # 2,000 names 处 + one character were two million warnings (every pair): now one per name but the first.
    names = [f"处{chr(0x4E00 + number)}" for number in range(2_000)]
    warnings = warnings_of(names)
    assert len(warnings) == 1_999 == len({name for name, _, _ in warnings})
    # Against the first name, except numerals (七 for 一), which are named against the next name, 处丁.
    assert {common for _, common, _ in warnings} == {"处一", "处丁"}


def test_the_warning_says_how_often_the_other_name_is_used_in_agreement_with_the_number():
    from rectiplan.messages import problem_message

    items = [{"division": name} for name in ("计划处", "计化处")]
    result = load_plan_bytes(plan_text(*items).encode("utf-8"), "x.yaml")
    (warning,) = [problem for problem in result.problems if problem.code == "similar-division"]
    assert "1 times" not in problem_message(warning, "en") and "(uses: 1)" in problem_message(warning, "en")
