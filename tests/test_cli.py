"""The commands as a user runs them: arguments in, exit code and output out."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import BUNDLED, ids_of, plan_text

RURAL = [1, 5, 10, 11, 12, 13, 14, 15, 17, 18, 19, 28]


# --- list -------------------------------------------------------------------------------------------------------


def test_list_division_gives_exactly_the_items_it_owns(run):
    result = run("list", "--division", "农村处", "--format", "json")
    assert result.exit_code == 0
    assert ids_of(result) == RURAL


def test_list_division_matches_divisions_named_only_on_a_measure(run, write_plan):
    plan = write_plan(
        plan_text(
            {"division": "规配处", "extra": "    notes: 无\n"},
            {"division": "基础处"},
        ).replace("      - 措施1\n", "      - text: 措施1\n        divisions:\n          - 规配处\n")
    )
    # 基础处 owns item 2 only; 规配处 owns item 1 both as the item's division and on its measure.
    assert ids_of(run("list", "-d", "基础处", "-f", "json", plan=plan)) == [2]
    assert ids_of(run("list", "-d", "规配处", "-f", "json", plan=plan)) == [1]


def test_list_division_is_repeatable_and_means_either(run):
    result = run("list", "--division", "人才处", "--division", "引智处", "--format", "json")
    assert ids_of(result) == [16, 21, 23, 30]


def test_unknown_division_is_a_usage_error_naming_the_closest_and_the_known_ones(run):
    result = run("list", "--division", "农材处")
    assert result.exit_code == 2
    assert "农村处" in result.output and "did you mean" in result.output
    assert "引智处" in result.output  # the list of known divisions
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--person", "宋建元"], [16, 21, 23]),
        (["--person", "蔡朝亮"], [3]),
        (["--person", "湛永松", "--person", "罗锦模"], [22, 28, 30, 31]),
        (["--topic", "定点帮扶"], [10, 11, 12, 13, 14, 15, 17]),
        (["--topic", "区直部门"], [24, 26, 27, 28, 29, 30, 31]),
        (["--search", "物流"], [10]),
        (["--search", "R&D"], [25]),
        (["--due-before", "2021-08-31"], [1, 5, 19, 29]),
        (["--due-after", "2021-12-15"], [2, 4, 6, 7, 8, 9, 30, 31]),
        (["--due-after", "2021-10-30", "--due-before", "2021-10-30"], [21]),
        (["--due-before", "2021年6月30日"], [19, 29]),
        (["--status", "pending", "--division", "区域处"], [3, 22, 28, 31]),
        (["--status", "done"], []),
        (["--status", "未开始", "--person", "陈丹", "--topic", "本系统"], [18, 20, 25]),
    ],
)
def test_list_filters(run, args, expected):
    result = run("list", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    assert ids_of(result) == expected


def test_unknown_person_and_status_are_usage_errors(run):
    person = run("list", "--person", "唐咸")
    assert person.exit_code == 2 and "唐咸来" in person.output
    status = run("list", "--status", "finished")
    assert status.exit_code == 2 and "in_progress" in status.output


def test_json_records_hold_every_field_with_iso_dates_and_unescaped_chinese(run):
    result = run("list", "--division", "办公室", "--format", "json", "--as-of", "2021-09-01")
    assert "\\u" not in result.stdout and "办公室" in result.stdout
    [record] = json.loads(result.stdout)
    assert record == {
        "plan": str(BUNDLED),
        "id": 3,
        "topic": "反馈问题整改",
        "issue": "临桂县桂林市科技局多到各市部门做调研，要设立各区、市合理的绩效考核指标。",
        "measures": [
            {"text": "加强调研指导和宣传，全年到市、县实地调研指导30个以上；", "divisions": ["办公室"]},
            {
                "text": "自治区是对设区市进行绩效考评，考评指标任务只下达到市级。指标设置进行2次征求意见。"
                "同时，将县区的意见建议与各市科技主管部门进行沟通，要求各市科技局合理分配任务。",
                "divisions": ["高新处", "区域处"],
            },
        ],
        "evidence": ["预下达指标通知、自治区绩效办指标设置征求意见通知"],
        "deadline": "2021-11-30",
        "divisions": ["办公室", "高新处", "区域处"],
        "leader": "廖文军",
        "owner": "蔡朝亮",
        "status": "pending",
        "done_on": None,
        "notes": None,
        "closed_on": None,
        "materials": [],
        "progress": [],
        "extensions": [],
        "effective_deadline": "2021-11-30",
        "status_as_of": "pending",
        "level": None,
        "done_late": False,
        "latest_progress": None,
    }


def test_csv_has_the_json_columns_list_cells_on_lines_and_a_bom_for_excel(run):
    result = run("list", "--division", "办公室", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    json_record = json.loads(run("list", "--division", "办公室", "--format", "json").stdout)[0]
    assert list(rows[0]) == list(json_record)
    assert rows[0]["divisions"] == "办公室\n高新处\n区域处"
    assert rows[0]["measures"].splitlines()[0] == "1. [办公室] 加强调研指导和宣传，全年到市、县实地调研指导30个以上；"
    assert rows[0]["done_on"] == ""


# --- overdue ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2021-09-01", [29, 19, 1, 5]),  # most late first
        ("2021-08-31", [29, 19]),  # due on the as-of date is not late
        ("2021-04-30", []),
        ("2021-05-01", [29]),
    ],
)
def test_overdue_as_of(run, as_of, expected):
    result = run("overdue", "--as-of", as_of, "--format", "json")
    assert result.exit_code == 0
    assert ids_of(result) == expected


def test_overdue_on_the_first_of_november_finds_fourteen(run):
    result = run("overdue", "--as-of", "2021-11-01", "--format", "json")
    records = json.loads(result.stdout)
    assert len(records) == 14
    assert sorted(record["id"] for record in records) == [1, 5, 10, 11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 29]
    assert [record["days_overdue"] for record in records] == sorted(
        (record["days_overdue"] for record in records), reverse=True
    )
    assert records[0] == {**records[0], "id": 29, "days_overdue": 185}


def test_overdue_table_ends_with_the_count(run):
    result = run("overdue", "--as-of", "2021-09-01")
    assert result.exit_code == 0
    assert result.stdout.rstrip().splitlines()[-1] == "4 of 31 items overdue as of 2021-09-01"
    zh = run("overdue", "--as-of", "2021-09-01", "--lang", "zh")
    assert zh.stdout.rstrip().splitlines()[-1] == "截至 2021-09-01，31 项中有 4 项逾期"


def test_overdue_counts_against_the_filtered_items(run):
    result = run("overdue", "--as-of", "2021-09-01", "--division", "规配处")
    assert result.stdout.rstrip().splitlines()[-1] == "1 of 10 items overdue as of 2021-09-01"


def test_done_items_and_ongoing_ones_are_never_overdue(run, write_plan):
    plan = write_plan(
        plan_text(
            {"extra": "    status: done\n    done_on: 2021-09-10\n"},
            {"extra": "    status: 长期坚持\n"},
            {"extra": "    status: in_progress\n"},
        )
    )
    result = run("overdue", "--as-of", "2021-10-01", "-f", "json", plan=plan)
    assert ids_of(result) == [3]


def test_fail_on_overdue_exits_3_only_when_something_is_late(run):
    late = run("overdue", "--as-of", "2021-09-01", "--fail-on-overdue")
    assert late.exit_code == 3
    on_time = run("overdue", "--as-of", "2021-04-01", "--fail-on-overdue")
    assert on_time.exit_code == 0
    assert on_time.stdout.rstrip().splitlines()[-1] == "0 of 31 items overdue as of 2021-04-01"


@pytest.mark.parametrize(
    "as_of", ["2021-09-01", "2021-9-1", "2021/9/1", "2021.9.1", "2021年9月1日", "Sep 1 2021", "1 September 2021"]
)
def test_as_of_accepts_the_forms_people_paste(run, as_of):
    assert ids_of(run("overdue", "--as-of", as_of, "-f", "json")) == [29, 19, 1, 5]


@pytest.mark.parametrize("command", ["overdue", "list"])
@pytest.mark.parametrize("as_of", ["1/9/2021", "21-9-1", "2021-09", "2021-02-30", "next week", ""])
def test_ambiguous_incomplete_or_impossible_dates_are_usage_errors(run, command, as_of):
    result = run(command, "--as-of", as_of)
    assert result.exit_code == 2
    assert "--as-of" in result.output and "Traceback" not in result.output
    assert ("not a real date" in result.output) == (as_of == "2021-02-30")


def test_an_empty_deadline_filter_is_an_error_not_ignored(run):
    assert run("list", "--due-before", "").exit_code == 2


# --- show -------------------------------------------------------------------------------------------------------


def test_show_prints_numbered_measures_with_their_own_divisions(run):
    result = run("show", "3", "--as-of", "2021-09-01", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    out = result.stdout
    assert "No. 3" in out and "反馈问题整改" in out
    assert re.search(r"1\. 加强调研指导和宣传", out) and "(by 办公室)" in out
    assert re.search(r"2\. 自治区是对设区市进行绩效考评", out) and "(by 高新处、区域处)" in out
    assert "预下达指标通知" in out
    assert "2021-11-30 (90 days left, as of 2021-09-01)" in out
    assert "廖文军" in out and "蔡朝亮" in out and "pending" in out


def test_show_says_how_late_in_chinese(run):
    result = run("show", "19", "--as-of", "2021-09-01", "--lang", "zh")
    assert "2021-06-30（逾期 63 天，截至 2021-09-01）" in result.stdout
    assert "未开始" in result.stdout


def test_show_done_item_shows_completion(run, write_plan):
    plan = write_plan(plan_text({"extra": "    status: done\n    done_on: 2021-08-20\n"}))
    result = run("show", "1", "--as-of", "2021-09-01", plan=plan)
    assert "2021-08-31 (done on 2021-08-20)" in result.stdout


def test_show_json_is_an_array_like_list_gives(run, write_plan):
    result = run("show", "26", "--format", "json")
    [record] = json.loads(result.stdout)
    assert record["id"] == 26
    assert [measure["divisions"] for measure in record["measures"]] == [["规配处", "审批办"]] * 2 + [["基础处"]] * 3


def test_show_an_id_found_in_two_plans_shows_both(run, write_plan):
    other = write_plan(plan_text({}))
    result = run("show", "1", "--format", "json", "--plan", str(BUNDLED), "--plan", str(other))
    assert [record["plan"] for record in json.loads(result.stdout)] == [str(BUNDLED), str(other)]
    table = run("show", "1", "--plan", str(BUNDLED), "--plan", str(other), "--as-of", "2021-09-01")
    assert table.stdout.count("No. 1") == 2 and str(other) in table.stdout


def test_show_unknown_id_is_a_usage_error(run):
    result = run("show", "99")
    assert result.exit_code == 2
    assert "no item with id 99; the plans have ids 1-31" in result.output


# --- validate ---------------------------------------------------------------------------------------------------


def test_validate_the_bundled_plan(run):
    result = run("validate", str(BUNDLED))
    assert result.exit_code == 0
    assert result.stdout == "1 plan file(s) checked: no problems\n"
    # --plan works here as on the other commands; a file named twice (here, also through its folder) is read once.
    both = run("validate", str(BUNDLED), "--plan", str(BUNDLED.parent))
    assert both.stdout == "1 plan file(s) checked: no problems\n"


def test_validate_without_paths_uses_the_discovered_plans(run, tmp_path):
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "a.yaml").write_text(BUNDLED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "plans" / "b.yaml").write_text("title: x\nitems: []\n", encoding="utf-8")
    result = run("validate", "--format", "parsable")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "plans/b.yaml:2:8: must not be empty [empty-value]",
        "1 problem(s) in 1 of 2 plan file(s)",
    ]


def test_validate_reports_every_problem_located_with_an_excerpt_and_hint(run, write_plan):
    path = write_plan(plan_text({"extra": "    status: done\n"}, {"id": 1}).replace("topic:", "tpoic:", 1))
    result = run("validate", str(path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    # The misspelt key is not reported a second time as a missing "topic".
    assert lines[:3] == [
        f'{path}:4:5: unknown key "tpoic"; did you mean "topic"? [unknown-key]',
        "    4 |     tpoic: 反馈问题整改",
        "      |     ^",
    ]
    codes = re.findall(r"\[([a-z-]+)\]$", result.stdout, flags=re.MULTILINE)
    assert codes == ["unknown-key", "done-on-missing", "duplicate-id"]
    assert "  = add done_on: YYYY-MM-DD" in lines
    assert lines[-1] == "3 problem(s) in 1 of 1 plan file(s)"


def test_validate_caret_counts_chinese_characters_as_two_columns(run, write_plan):
    path = write_plan(plan_text({}).replace("    issue: 问题1", "    issue: 问题1\n    notes: [措施, *x]"))
    lines = run("validate", str(path)).stdout.splitlines()
    excerpt = next(index for index, line in enumerate(lines) if "*x" in line)
    before_fault = lines[excerpt][: lines[excerpt].index("*x")]
    cells = sum(2 if unicodedata.east_asian_width(char) == "W" else 1 for char in before_fault)
    assert lines[excerpt + 1].index("^") == cells == len(before_fault) + 2  # 措施 is two wide characters


def test_validate_json_format(run, write_plan):
    path = write_plan("title: x\nitems: 3\n")
    result = run("validate", "--format", "json", str(path))
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {
            "path": str(path),
            "line": 2,
            "column": 8,
            "code": "wrong-type",
            "severity": "error",
            "message": "expected a list, found a number",
        }
    ]


def test_validate_messages_in_chinese(run, write_plan):
    path = write_plan(plan_text({}).replace("2021-08-31", "2021-02-30"))
    result = run("validate", "--lang", "zh", "--format", "parsable", str(path))
    assert "“2021-02-30”不是真实存在的日期" in result.stdout
    assert result.stdout.splitlines()[-1] == "1 个方案文件中有 1 个存在问题，共 1 处"


def test_missing_file_is_one_clear_line_and_exit_2(run, tmp_path):
    result = run("validate", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert result.stdout.splitlines()[0] == f"{tmp_path / 'nope.yaml'}: file not found [file-not-found]"
    listing = run("list", "--plan", str(tmp_path / "nope.yaml"))
    assert listing.exit_code == 2
    assert listing.stderr == f"{tmp_path / 'nope.yaml'}: file not found [file-not-found]\n"


def test_a_folder_without_plans_is_a_usage_error(run, tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("list", "--plan", str(tmp_path / "empty"))
    assert result.exit_code == 2
    assert "no plan files found" in result.stderr


def test_read_commands_on_an_invalid_plan_print_its_problems_and_exit_1(run, write_plan):
    path = write_plan(plan_text({}).replace("2021-08-31", "8/31/2021"))
    for command in (["list"], ["overdue"], ["show", "1"]):
        result = run(*command, "--plan", str(path))
        assert result.exit_code == 1
        assert result.stdout == ""
        assert f"{path}:10:15: " in result.stderr and "[bad-date]" in result.stderr
        assert "rectiplan validate" in result.stderr


def test_validate_never_changes_the_file(run, write_plan):
    path = write_plan("title: x\nitems:\n  - id: 1\n    topic: [\n")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    assert run("validate", str(path)).exit_code == 1
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


# --- plan discovery ---------------------------------------------------------------------------------------------


def test_plan_discovery_order(run, tmp_path, write_plan):
    env_plan = write_plan(plan_text({}, {}), name="env/a.yaml")
    local = tmp_path / "plans"
    local.mkdir()
    (local / "only.yaml").write_text(plan_text({}), encoding="utf-8")
    # $RECTIPLAN_PLAN beats ./plans/, which beats the bundled plan.
    assert len(json.loads(run("list", "-f", "json", plan=None, env={"RECTIPLAN_PLAN": str(env_plan)}).stdout)) == 2
    assert json.loads(run("list", "-f", "json", plan=None).stdout)[0]["plan"] == "plans/only.yaml"
    (local / "only.yaml").unlink()
    assert len(json.loads(run("list", "-f", "json", plan=None).stdout)) == 31


def test_several_plans_are_read_together(run, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    (folder / "a.yaml").write_text(plan_text({"deadline": "2021-01-01"}), encoding="utf-8")
    (folder / "b.yml").write_text(plan_text({"deadline": "2021-02-01"}), encoding="utf-8")
    (folder / "notes.txt").write_text("not a plan", encoding="utf-8")
    result = run("overdue", "--plan", str(folder), "--as-of", "2021-03-01", "-f", "json")
    assert [(Path(r["plan"]).name, r["days_overdue"]) for r in json.loads(result.stdout)] == [
        ("a.yaml", 59),
        ("b.yml", 28),
    ]
    table = run("list", "--plan", str(folder), "--plan", str(BUNDLED))
    assert "a.yaml" in table.stdout and "2020_social_eval" in table.stdout


# --- output for people ------------------------------------------------------------------------------------------


def _column_texts(table: str, column: int) -> list[str]:
    """The text of one column of a Rich table, row by row, its wrapped lines joined back together."""
    rows, current = [], []
    for line in table.splitlines():
        if line.startswith(("├", "└")):
            rows.append("".join(current))
            current = []
        elif line.startswith("│"):
            current.append(line.split("│")[column].strip())
    return rows[1:]  # the first block is the header


@pytest.mark.parametrize("width", ["80", "160"])
def test_table_wraps_chinese_text_and_never_cuts_it(run, width):
    result = run("list", "--division", "农村处", env={"COLUMNS": width})
    assert "…" not in result.stdout
    assert all(len(line) <= int(width) for line in result.stdout.splitlines())
    records = json.loads(run("list", "--division", "农村处", "-f", "json").stdout)
    issue_column = 2 if width == "80" else 3
    assert _column_texts(result.stdout, issue_column) == [record["issue"] for record in records]


def test_late_deadlines_say_so_and_no_colour_codes_reach_a_pipe(run):
    result = run("list", "--division", "农村处", "--as-of", "2021-09-01", env={"COLUMNS": "80"})
    assert "\x1b[" not in result.stdout
    assert "1 day late" in result.stdout and "63 days late" in result.stdout
    assert "12 of 31 items" in result.stdout


@pytest.mark.parametrize(
    ("env", "args", "header"),
    [
        ({}, [], "Issue"),
        ({"LANG": "zh_CN.UTF-8"}, [], "整改内容"),
        ({"LANG": "C"}, [], "Issue"),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, [], "整改内容"),
        ({"RECTIPLAN_LANG": "zh", "LANG": "en_US.UTF-8"}, [], "整改内容"),
        ({"RECTIPLAN_LANG": "zh"}, ["--lang", "en"], "Issue"),
        ({}, ["--lang", "zh_CN"], "整改内容"),
        ({}, ["--lang", "ZH"], "整改内容"),
    ],
)
def test_language_choice(run, env, args, header):
    result = run("list", "--topic", "定点帮扶", *args, env=env)
    assert header in result.stdout


def test_unknown_language_is_a_usage_error(run):
    assert run("list", "--lang", "fr").exit_code == 2


def test_status_names_are_translated(run, write_plan):
    plan = write_plan(plan_text({"extra": "    status: ongoing\n"}))
    assert "长期坚持" in run("list", "--lang", "zh", plan=plan).stdout
    assert "ongoing" in run("list", "--lang", "en", plan=plan).stdout


def test_schema_is_json_schema_of_the_plan_format(run):
    result = run("schema")
    schema = json.loads(result.stdout)
    assert schema["required"] == ["title", "items"]
    item = schema["$defs"]["Item"]
    assert item["additionalProperties"] is False
    # The deadline is required unless the item is ongoing (长期坚持).
    assert set(item["required"]) == {"id", "topic", "issue", "measures", "evidence", "divisions"}
    assert item["else"] == {"required": ["deadline"], "properties": {"deadline": {"type": "string"}}}
    assert "长期坚持" in item["if"]["properties"]["status"]["pattern"]
    # Any case, as validate reads it: a pattern, with the names listed for completion.
    assert "已完成" in item["properties"]["status"]["examples"]
    assert "[dD][oO][nN][eE]" in item["properties"]["status"]["pattern"]
    for tracking in ("progress", "extensions", "materials", "closed_on"):
        assert tracking in item["properties"]
    assert {"divisions", "warn_days"} <= set(schema["properties"])


def test_python_dash_m_runs_the_cli():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "rectiplan",
            "overdue",
            "--as-of",
            "2021-09-01",
            "--format",
            "json",
            "--plan",
            str(BUNDLED),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert [record["id"] for record in json.loads(result.stdout)] == [29, 19, 1, 5]


@pytest.mark.parametrize(("lang", "said"), [("en", "no plan files to check"), ("zh", "没有可校验的方案文件")])
def test_validate_never_falls_back_to_the_bundled_plan(run, lang, said):
    """In a folder with no plans/ and no RECTIPLAN_PLAN a CI job must fail, not pass on the example plan."""
    result = run("validate", "--lang", lang)
    assert result.exit_code == 2
    assert said in result.stderr and "RECTIPLAN_PLAN" in result.stderr
    assert result.stdout == ""


def test_the_other_commands_still_read_the_bundled_plan_when_there_is_no_other(run):
    result = run("list", plan=None)
    assert result.exit_code == 0 and "bundled example plan" in result.stderr
