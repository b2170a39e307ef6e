"""Plan text never becomes a GitHub Actions workflow command in a CI log. The runner reads every line a step writes
(actions/runner src/Runner.Common/ActionCommand.cs): `::name::data` at the start of a line after white space
(TryParseV2), and the legacy `##[name]data` anywhere in a line (TryParse). A topic, a division, an issue or a file
name in a problem line, a notice, a table or JSON must start neither; `validate --format github` writes only its own.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import plan_text
from hypothesis import given
from hypothesis import strategies as st

from rectiplan.messages import no_workflow_command, printable
from rectiplan.problem_formats.github import escape_property

# Unicode's default-ignorable code points that .NET's culture-aware comparison can skip ("#<U+00AD>#[" is "##[").
IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164"
    "\ufe00-\ufe0f\ufeff\uffa0\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


def runner_commands(output: str) -> list[str]:
    """The lines of `output` the runner would take for a workflow command, in either form, whatever the name (the
    runner acts only on registered names, but a test that waits for a registered one misses the next one added)."""
    found = []
    for line in output.splitlines():
        seen = IGNORABLE.sub("", line)
        trimmed = seen.lstrip()
        new_form = trimmed.startswith("::") and trimmed.find("::", 2) > 0
        legacy_form = "##[" in seen and "]" in seen[seen.index("##[") :]
        if new_form or legacy_form:
            found.append(line)
    return found


ATTACKS = [
    "##[group]折叠",
    "a ##[set-output name=x;]pwned",
    "::error::假的注释",
    "  ::add-mask::secret",
    "#\u00ad#[endgroup]",
]


@given(st.text(alphabet=st.sampled_from(["#", "[", "]", ":", " ", "\n", "\u00ad", "\u034f", "a", "整"]), max_size=40))
def test_no_text_keeps_a_workflow_command_and_each_character_keeps_its_place(value: str) -> None:
    safe = no_workflow_command(value)
    assert runner_commands(safe) == [] and len(safe) == len(value)
    assert all(old == new or new == "\N{REPLACEMENT CHARACTER}" for old, new in zip(value, safe, strict=True))


@pytest.mark.parametrize("value", ATTACKS)
def test_printable_breaks_each_form(value: str) -> None:
    assert (
        runner_commands(value)
        and not runner_commands(printable(value))
        and not runner_commands(printable(value, newlines=True))
    )


@pytest.mark.parametrize(
    "value", ["整改：完成，详见第3条", "std::vector a::b", "问题#1 [已整改]", "C# [见附件]", "时间 10:30", "issue #12"]
)
def test_ordinary_text_is_left_as_it_is(value: str) -> None:
    assert printable(value) == value and no_workflow_command(value) == value


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    items = [
        {"division": "'##[group]农村处'", "extra": "    notes: '::error::假的注释'\n"},
        {"id": 2, "division": "社发处", "extra": "    notes: 'see ##[add-mask]secret and ::warning::x'\n"},
    ]
    text = plan_text(*items, header="title: '::error file=a.yaml::标题'\n")
    text = text.replace(
        "问题1", "'整改问题 ::error::在换行处 ##[set-output name=x;]pwned 很长很长很长很长很长很长的文字'"
    )
    path = tmp_path / "::warning::plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("width", ["40", "200"])
@pytest.mark.parametrize("command", [["list"], ["show", "1"], ["list", "--format", "json"], ["overdue"], ["summary"]])
def test_tables_blocks_and_json_of_a_hostile_plan_hold_no_workflow_command(
    run: Any, hostile: Path, command: list[str], width: str
) -> None:
    result = run(*command, "--plan", str(hostile), "--as-of", "2021-09-01", env={"COLUMNS": width})
    assert result.exit_code == 0, result.output
    assert runner_commands(result.stdout) == [] and runner_commands(result.stderr) == []
    if "json" in command:
        records = json.loads(result.stdout)
        assert records[0]["divisions"] == ["##[group]农村处"]  # the data is exact: only its spelling in JSON changed


@pytest.mark.parametrize("style", ["pretty", "parsable", "json"])
def test_problems_of_a_hostile_plan_hold_no_workflow_command(run: Any, tmp_path: Path, style: str) -> None:
    broken = tmp_path / "::error::broken ##[group].yaml"
    broken.write_text(plan_text({"extra": "    '##[add-mask]key': 1\n    '::error::k': 2\n"}), encoding="utf-8")
    result = run("validate", "--format", style, str(broken))
    assert result.exit_code == 1, result.output
    assert "unknown-key" in result.output
    assert runner_commands(result.stdout) == [] and runner_commands(result.stderr) == []
    listing = run("list", "--plan", str(broken))
    assert listing.exit_code == 1 and runner_commands(listing.stderr) == []


def test_a_skipped_folder_named_like_a_command_is_noticed_without_one(run: Any, tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "a.yaml").write_text(plan_text({}), encoding="utf-8")
    (plans / "x ##[group]y.yaml").mkdir()
    result = run("list", plan=None)
    assert result.exit_code == 0, result.output
    assert "skipped" in result.stderr and runner_commands(result.stderr) == []


def test_github_format_lines_are_exactly_our_own_commands(run: Any, tmp_path: Path) -> None:
    broken = tmp_path / "::error::broken ##[group].yaml"
    broken.write_text(plan_text({"extra": "    '##[add-mask]key': 1\n"}), encoding="utf-8")
    result = run("validate", "--format", "github", broken.name, env={"GITHUB_WORKSPACE": str(tmp_path)})
    [command] = runner_commands(result.stdout)
    # The file property keeps the exact name, so the annotation lands on the file; the message for people is safe.
    assert command.startswith(f"::error file={escape_property(broken.name)},")
    assert "::error::broken" not in command.split("::", 2)[2] and "##[" not in command.split("::", 2)[2]


@pytest.mark.parametrize("command", [["list"], ["overdue"], ["show", "1"]])
def test_wrapping_never_starts_a_line_with_a_workflow_command(run: Any, tmp_path: Path, command: list[str]) -> None:
    """Each text went through `printable`, but a wrapped line starts inside a text: "aaa… ::error::x" cut at the
    blank. Lengths around the width make sure one of them is cut there."""
    items = [{"id": number, "extra": ""} for number in range(1, 41)]
    text = plan_text(*items)
    for number in range(1, 41):
        text = text.replace(f"issue: 问题{number}\n", f"issue: '{'a' * (number + 10)} ::error::x'\n")
    path = tmp_path / "wrap.yaml"
    path.write_text(text, encoding="utf-8")
    for width in ("40", "60"):
        result = run(*command, "--plan", str(path), "--as-of", "2021-09-01", env={"COLUMNS": width})
        assert result.exit_code == 0, result.output
        assert "::error::x" in result.stdout.replace("\n", "")  # texts not cut there are shown as they are
        assert runner_commands(result.stdout) == []


def test_import_writes_no_workflow_command_and_the_same_text(run: Any, tmp_path: Path) -> None:
    # The new user's: a cell `##[group]问题` came out as itself in the YAML written to stdout.
    import yaml

    table = tmp_path / "plan.csv"
    table.write_text(
        "序号,主题,问题,整改措施,整改检验形式,完成时限,责任单位,责任人\n"
        "1,##[group]主题,##[error]问题 ::x,措施,材料,2021-06-30,办公室,张三/李四\n",
        encoding="utf-8",
    )
    result = run("import", str(table), "--title", "##[endgroup]方案")
    assert result.exit_code == 0, result.output
    assert runner_commands(result.stdout) == [] and runner_commands(result.stderr) == []
    plan = yaml.safe_load(result.stdout)
    assert plan["title"] == "##[endgroup]方案"
    assert (plan["items"][0]["topic"], plan["items"][0]["issue"]) == ("##[group]主题", "##[error]问题 ::x")


@pytest.mark.parametrize("breaks", ["\n", "\r", "\r\n", "\n \u00ad"])
def test_many_line_breaks_before_a_colon(breaks: str) -> None:
    # The attacker's plan of 40,000 line breaks and one ":" took 20 s to show (the blanks before a line-start "::"
    # ran across lines). How the time grows is measured in benchmarks/run.py (scale, "line breaks, then '::'").
    cleaned = no_workflow_command(breaks * 20_000 + "::error::x")
    assert runner_commands(cleaned) == []
    assert cleaned.endswith("\ufffd:error::x")


@pytest.mark.parametrize("text", ["a\r::error::x", "a\r  ::error::x", "a\r\u00ad::error::x"])
def test_a_carriage_return_starts_a_line_for_the_runner(text: str) -> None:
    assert runner_commands(no_workflow_command(text)) == []


def test_interlinear_annotation_marks_are_replaced_like_control_characters() -> None:
    assert printable("#\ufff9#[group]x") == "#\ufffd#[group]x"


def test_every_format_character_is_looked_through() -> None:
    # The verifier's: U+FFF9 between the two "#" of "##[" passed the ics folding, and other format characters
    # (Arabic number signs, Egyptian format controls) passed everywhere.
    import unicodedata

    from rectiplan.messages import IGNORABLE

    looked_through = re.compile(IGNORABLE)
    missed = [hex(code) for code in range(0x110000) if unicodedata.category(chr(code)) == "Cf"]
    missed = [code for code in missed if not looked_through.match(chr(int(code, 16)))]
    assert missed == []
    for mark in ("\ufff9", "\u0600", "\U00013430"):
        assert runner_commands(no_workflow_command(f"x #{mark}#[group]y")) == []
        assert no_workflow_command(f"x #{mark}#[group]y") != f"x #{mark}#[group]y"
