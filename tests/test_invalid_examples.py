"""Invalid example plans: one file per kind of problem, each beside the problems it must produce.

``tests/examples/invalid/<case>.yaml`` is a small plan with exactly the one fault its name says (its first line, a
comment, says which). ``<case>.expect`` lists the problems ``rectiplan validate`` must report for it, one
``LINE:COL CODE`` per line (1-based, as printed), in the order they are printed. Usually that is one line: a
mistake is reported once, where it is - the key for an unknown or duplicate key, the value for a wrong value, the
enclosing mapping for a missing key, the later occurrence for anything given twice.

To add a case, write the two files; nothing here changes. Each ``.expect`` says what a user should be told.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rectiplan.cli import app
from rectiplan.problems import CODES, WARNING_CODES
from rectiplan.validate import load_plan

EXAMPLES = Path(__file__).resolve().parent / "examples" / "invalid"
EXPECT_FILES = sorted(EXAMPLES.glob("*.expect"))
EXPECT_LINE = re.compile(r"(\d+):(\d+) ([a-z-]+)")

# Codes that concern a file that cannot be read at all (or is refused unread): they have no example plan to show;
# test_files.py and test_source.py test them.
NO_EXAMPLE_CODES = frozenset(
    {"file-not-found", "file-unreadable", "file-too-large", "symlink-refused", "too-many-values"}
)


def read_expectation(expect_file: Path) -> list[tuple[int, int, str]]:
    expected = []
    for number, line in enumerate(expect_file.read_text(encoding="utf-8").splitlines(), 1):
        match = EXPECT_LINE.fullmatch(line.strip())
        assert match, f"{expect_file.name}:{number}: not `LINE:COL CODE`: {line!r}"
        expected.append((int(match[1]), int(match[2]), match[3]))
    assert expected, f"{expect_file.name} expects no problem: an invalid example must have at least one"
    return expected


def cases() -> list[object]:
    return [pytest.param(expect_file, id=expect_file.stem) for expect_file in EXPECT_FILES]


@pytest.mark.parametrize("expect_file", cases())
def test_example_has_exactly_the_expected_problems(expect_file: Path) -> None:
    result = load_plan(expect_file.with_suffix(".yaml"))
    assert [(problem.line, problem.column, problem.code) for problem in result.problems] == read_expectation(
        expect_file
    )
    # A plan with only warnings is still read; any error means no plan.
    only_warnings = all(code in WARNING_CODES for _, _, code in read_expectation(expect_file))
    assert (result.plan is not None) == only_warnings


@pytest.mark.parametrize("expect_file", cases())
def test_validate_prints_each_expected_problem(expect_file: Path) -> None:
    plan = expect_file.with_suffix(".yaml")
    result = CliRunner().invoke(
        app, ["validate", "--format", "parsable", "--lang", "en", str(plan)], catch_exceptions=False
    )
    assert "Traceback" not in result.output
    only_warnings = all(code in WARNING_CODES for _, _, code in read_expectation(expect_file))
    assert result.exit_code == (0 if only_warnings else 1), result.output
    lines = result.output.splitlines()
    for line, column, code in read_expectation(expect_file):
        prefix = f"{plan}:{line}:{column}:"
        assert any(printed.startswith(prefix) and printed.endswith(f"[{code}]") for printed in lines), (
            f"no `{prefix} ... [{code}]` in:\n{result.output}"
        )


def test_every_problem_code_has_an_example() -> None:
    shown = {code for expect_file in EXPECT_FILES for _, _, code in read_expectation(expect_file)}
    assert shown <= set(CODES), f"unknown codes in .expect files: {sorted(shown - set(CODES))}"
    assert set(CODES) - NO_EXAMPLE_CODES - shown == set()


def test_there_are_enough_cases_and_each_has_both_files() -> None:
    assert len(EXPECT_FILES) >= 25
    plans = {path.stem for path in EXAMPLES.glob("*.yaml")}
    expectations = {path.stem for path in EXPECT_FILES}
    assert plans == expectations, f"unpaired: {sorted(plans ^ expectations)}"


# --- what the expectations alone do not show ----------------------------------------------------------------------


def test_gbk_example_really_is_gbk_and_the_empty_example_really_is_empty() -> None:
    raw = (EXAMPLES / "encoding_gbk.yaml").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "整改方案" in raw.decode("gb18030")
    assert (EXAMPLES / "empty_file.yaml").read_bytes() == b""


def test_alias_bomb_is_refused_at_once_one_problem_per_alias() -> None:
    result = load_plan(EXAMPLES / "yaml_alias_bomb.yaml")
    codes = [problem.code for problem in result.problems]
    assert codes.count("yaml-alias") == 72  # 8 levels of 9 aliases, none expanded
    assert set(codes) == {"yaml-alias", "wrong-type"}


def test_python_tag_is_never_executed(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *args: calls.append(args) or 0)
    result = load_plan(EXAMPLES / "yaml_python_tag.yaml")
    assert calls == []
    assert [problem.code for problem in result.problems] == ["yaml-tag"]


@pytest.mark.parametrize(
    ("case", "suggestion"),
    [
        ("unknown_item_key_near_miss", "topic"),
        ("unknown_optional_item_key", "owner"),
        ("unknown_measure_key", "divisions"),
        ("chinese_column_heading_key", "leader / owner"),
    ],
)
def test_unknown_key_names_the_key_meant(case: str, suggestion: str) -> None:
    plan = EXAMPLES / f"{case}.yaml"
    result = CliRunner().invoke(app, ["validate", "--format", "parsable", "--lang", "en", str(plan)])
    assert f'did you mean "{suggestion}"?' in result.output
