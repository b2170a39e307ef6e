"""The similar-division warning finds exactly the pairs a comparison of every pair finds, without comparing them all."""

from __future__ import annotations

import json

from conftest import plan_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rectiplan.validate import _pairs_one_substitution_apart, load_plan_bytes

NUMERALS = set("0123456789０１２３４５６７８９一二三四五六七八九十")


def brute_force(names_in_use: list[str]) -> list[tuple[str, str, int]]:
    """The old check, every pair compared: (rarer name, common name, uses of the common one), in pair order."""
    count: dict[str, int] = {}
    for name in names_in_use:
        count[name] = count.get(name, 0) + 1
    names = list(count)
    found = []
    for position, name in enumerate(names):
        for other in names[position + 1 :]:
            if len(name) != len(other):
                continue
            different = [(a, b) for a, b in zip(name, other) if a != b]
            if len(different) != 1 or (different[0][0] in NUMERALS and different[0][1] in NUMERALS):
                continue
            rare, common = (name, other) if count[name] < count[other] else (other, name)
            found.append((rare, common, count[common]))
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
    # 10,000 distinct names (79 s when every pair was compared): only names sharing a wildcard key are candidates.
    names = [f"处室{number:05d}号" for number in range(10_000)]
    candidates = _pairs_one_substitution_apart(names)
    # Names differing in one digit share a key: 10,000 names have 5 positions × 9 others / 2 each; nothing else.
    assert len(candidates) <= 10_000 * 5 * 9 // 2
    distinct = [f"{chr(0x4E00 + number)}{chr(0x5E00 + number)}处" for number in range(10_000)]
    assert _pairs_one_substitution_apart(distinct) == []
