"""`validate --format github` and `--format gitlab`, each checked against its published shape: GitHub's workflow
commands by a parser of their grammar as the runner reads them (actions/runner ActionCommand.TryParseV2), GitLab's
Code Quality report by a JSON Schema written from GitLab's documentation of it."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ROOT, plan_text
from hypothesis import given
from hypothesis import strategies as st

from rectiplan.messages import no_workflow_command, printable, problem_message
from rectiplan.problem_formats import repository_path
from rectiplan.problem_formats.github import escape_data, escape_property, workflow_command
from rectiplan.problem_formats.gitlab import code_quality_report
from rectiplan.problems import Problem, Severity
from rectiplan.report import PROBLEM_FORMATS

BROKEN = ROOT / "examples" / "broken_plan.yaml"
INVALID_EXAMPLES = sorted((ROOT / "tests" / "examples" / "invalid").glob("*.yaml"))
PARSABLE = re.compile(r"(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?:\[warning\] )?.* \[(?P<code>[a-z-]+)\]")


# --- GitHub: the workflow-command grammar, read as the runner reads it ----------------------------------------


def unescape_data(value: str) -> str:
    # The runner's UnescapeData: one replacement after another, "%25" last.
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(value: str) -> str:
    # The runner's UnescapeProperty.
    for escape, token in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escape, token)
    return value


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """`::name key=value,key=value::message` as the runner splits it: the command info ends at the first `::` after
    the opening one, the name at the first blank, properties at commas, each at its first `=`."""
    assert "\n" not in line and "\r" not in line, "a command is one line"
    line = line.lstrip()
    assert line.startswith("::"), line
    end = line.index("::", 2)
    info, data = line[2:end], line[end + 2 :]
    name, _, listed = info.partition(" ")
    properties: dict[str, str] = {}
    for entry in listed.strip().split(","):
        key, equals, value = entry.partition("=")
        assert key and equals and value, f"not key=value: {entry!r} in {line!r}"
        assert key not in properties, f"{key} twice in {line!r}"
        properties[key] = unescape_property(value)
    return name, properties, unescape_data(data)


def github_lines(run, *args: str) -> tuple[int, list[str], str]:
    result = run("validate", "--format", "github", *args)
    *commands, summary = result.stdout.splitlines()
    return result.exit_code, commands, summary


@given(st.text())
def test_escaped_data_and_properties_come_back_whole(value):
    data, prop = escape_data(value), escape_property(value)
    assert "\n" not in data and "\r" not in data
    assert not {"\n", "\r", ",", ":"} & set(prop)
    assert unescape_data(data) == value
    assert unescape_property(prop) == value


def test_the_escapes_are_the_runners():
    assert escape_data("100% a:b, c\r\nd") == "100%25 a:b, c%0D%0Ad"
    assert escape_property("100% a:b, c\r\nd") == "100%25 a%3Ab%2C c%0D%0Ad"
    assert escape_data("%0A") == "%250A"  # a literal escape in the text stays literal


NASTY_NAMES = ["计划, 第1版: 草稿 100%.yaml", "a%0A,b::c.yaml", "整改 方案=2021.yaml", "x\ny.yaml"]


@pytest.mark.parametrize("name", NASTY_NAMES)
def test_each_problem_is_one_command_that_the_runner_reads_back(run, tmp_path, name):
    shutil.copyfile(BROKEN, tmp_path / name)
    status, commands, summary = github_lines(run, name, "--lang", "en")
    parsable = run("validate", "--format", "parsable", name, "--lang", "en")
    assert status == parsable.exit_code == 1
    expected = [PARSABLE.fullmatch(line) for line in parsable.stdout.splitlines()[:-1]]
    assert len(commands) == len(expected) == 5
    for command, match in zip(commands, expected):
        assert match is not None
        kind, properties, message = parse_command(command)
        assert kind == "error"
        assert properties == {"file": name, "line": match["line"], "col": match["col"], "title": match["code"]}
        # The message says where too: past the 10th annotation of a step, the log shows the message alone.
        assert message.split("\n")[0] == printable(match[0])
    # The hint, as pretty shows it under the problem, is the annotation's second line.
    assert parse_command(commands[1])[2].split("\n")[1] == "add done_on: YYYY-MM-DD"
    assert summary == "5 problem(s) in 1 of 1 plan file(s)"
    assert not summary.startswith("::") and "::" not in summary


@given(
    path=st.text(min_size=1).filter(lambda text: not text.startswith(("=", "./", "/")) and text.strip() == text),
    key=st.text(min_size=1),
)
def test_any_path_and_any_text_in_the_message_survive_the_round_trip(path, key):
    problem = Problem(path, 3, 7, "unknown-key", {"key": key, "suggestion": None})
    line = workflow_command(problem, "en", "/nowhere")
    kind, properties, message = parse_command(line)
    assert kind == "error"
    # The name normalized; exact unless it holds what a terminal acts on (CR and LF travel escaped).
    normal = repository_path(path, "/nowhere")
    bare = normal.replace("\r", "").replace("\n", "")
    shown = normal if printable(bare) == no_workflow_command(bare) else printable(normal)
    assert properties == {"file": shown, "line": "3", "col": "7", "title": "unknown-key"}
    assert message == f"{printable(normal)}:3:7: {problem_message(problem, 'en')} [unknown-key]"
    # Nothing in the line drives a terminal or a CI log but the command itself: the sanitizer, which breaks a
    # workflow command at a line's start, finds that one only.
    assert printable(line) == "\N{REPLACEMENT CHARACTER}" + line[1:]


def test_control_characters_of_a_file_name_never_reach_the_terminal(run, tmp_path):
    (tmp_path / "plans").mkdir()
    name = "x\x1b]0;TITLE\x07\x1b[2J\u202e.yaml"
    shutil.copyfile(BROKEN, tmp_path / "plans" / name)
    result = run("validate", "--format", "github")
    assert result.exit_code == 1 and "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\u202e" not in result.stdout
    files = {parse_command(line)[1]["file"] for line in result.stdout.splitlines()[:-1]}
    assert files == {printable("plans/" + name)}


def test_paths_are_normalized_however_they_were_typed(run, tmp_path):
    (tmp_path / "plans").mkdir()
    shutil.copyfile(BROKEN, tmp_path / "plans" / "b.yaml")
    (tmp_path.parent / f"{tmp_path.name}-link").symlink_to(tmp_path)
    link = tmp_path.parent / f"{tmp_path.name}-link"
    spellings = ["plans/b.yaml", "plans//b.yaml", "plans/./b.yaml", "plans/../plans/b.yaml", "./plans/../plans/b.yaml",
                 str(link / "plans" / "b.yaml")]  # fmt: skip
    reports = []
    for spelling in spellings:
        _, commands, _ = github_lines(run, spelling)
        assert {parse_command(command)[1]["file"] for command in commands} == {"plans/b.yaml"}, spelling
        report = json.loads(run("validate", "--format", "gitlab", spelling).stdout)
        assert {issue["location"]["path"] for issue in report} == {"plans/b.yaml"}, spelling
        reports.append([issue["fingerprint"] for issue in report])
    assert all(fingerprints == reports[0] for fingerprints in reports)


def test_paths_are_relative_to_the_checkout_when_the_ci_server_names_it(run, tmp_path, monkeypatch):
    sub = tmp_path / "sub"
    (sub / "plans").mkdir(parents=True)
    shutil.copyfile(BROKEN, sub / "plans" / "x.yaml")
    monkeypatch.chdir(sub)
    for fmt, variable in (("github", "GITHUB_WORKSPACE"), ("gitlab", "CI_PROJECT_DIR")):
        result = run("validate", "--format", fmt, env={variable: str(tmp_path)})
        assert "sub/plans/x.yaml" in result.stdout and "=plans/x.yaml" not in result.stdout, fmt
        # A checkout that does not hold the file: relative to the working folder, as without it.
        elsewhere = run("validate", "--format", fmt, env={variable: "/nonexistent/checkout"})
        assert "plans/x.yaml" in elsewhere.stdout and "sub/plans" not in elsewhere.stdout, fmt


def test_a_problem_without_a_line_has_no_line_nor_column(run):
    status, [command], summary = github_lines(run, "nope.yaml", "--lang", "en")
    assert status == 2 == run("validate", "nope.yaml").exit_code
    kind, properties, message = parse_command(command)
    assert (kind, properties) == ("error", {"file": "nope.yaml", "title": "file-not-found"})
    assert message == "nope.yaml: file not found [file-not-found]"
    assert summary == "1 problem(s) in 1 of 1 plan file(s)"


def test_a_warning_is_a_warning_command_and_exit_codes_are_those_of_the_default_format(run, write_plan):
    plan = write_plan(plan_text({"division": "计划处"}, {"division": "计划处"}, {"division": "计化处"}))
    status, [command], _ = github_lines(run, str(plan))
    kind, properties, _ = parse_command(command)
    assert (kind, properties["title"], properties["line"]) == ("warning", "similar-division", "36")
    assert status == 0
    for strict in ([], ["--strict"]):
        statuses = {run("validate", *strict, "--format", fmt, str(plan)).exit_code for fmt in FORMATS}
        assert statuses == {1 if strict else 0}


FORMATS = PROBLEM_FORMATS


def test_validate_offers_every_problem_format():
    from typing import get_args, get_type_hints

    from rectiplan.cli.validate import validate_plans

    hint = get_type_hints(validate_plans, include_extras=True)["output_format"]
    assert get_args(get_args(hint)[0]) == PROBLEM_FORMATS


@pytest.mark.parametrize("case", ["good", "broken", "missing", "unreadable"])
def test_every_format_exits_as_the_default_one(run, tmp_path, case):
    if case == "good":
        target = str(ROOT / "plans")
    elif case == "broken":
        target = str(BROKEN)
    elif case == "missing":
        target = "nope.yaml"
    else:
        (tmp_path / "folder.yaml").mkdir()
        target = "folder.yaml"
    statuses = [run("validate", "--format", fmt, target).exit_code for fmt in FORMATS]
    assert statuses == [{"good": 0, "broken": 1, "missing": 2, "unreadable": 2}[case]] * len(FORMATS)


def test_paths_are_relative_to_the_working_folder_with_forward_slashes(run, tmp_path):
    (tmp_path / "plans").mkdir()
    shutil.copyfile(BROKEN, tmp_path / "plans" / "a.yaml")
    for named in ([], ["plans"], [str(tmp_path / "plans" / "a.yaml")], ["./plans/a.yaml"]):
        _, commands, _ = github_lines(run, *named)
        assert {parse_command(command)[1]["file"] for command in commands} == {"plans/a.yaml"}, named
        report = json.loads(run("validate", "--format", "gitlab", *named).stdout)
        assert {issue["location"]["path"] for issue in report} == {"plans/a.yaml"}, named


def test_repository_paths_on_windows_and_outside_the_working_folder():
    assert repository_path("plans\\a.yaml", "C:\\work", sep="\\") == "plans/a.yaml"
    assert repository_path("C:\\work\\plans\\a.yaml", "C:\\work", sep="\\") == "plans/a.yaml"
    assert repository_path(".\\plans\\a.yaml", "C:\\work", sep="\\") == "plans/a.yaml"
    assert repository_path("D:\\other\\a.yaml", "C:\\work", sep="\\") == "D:/other/a.yaml"
    assert repository_path("/work/plans/a.yaml", "/work", sep="/") == "plans/a.yaml"
    assert repository_path("/workshop/a.yaml", "/work", sep="/") == "/workshop/a.yaml"
    assert repository_path("../a.yaml", "/work", sep="/") == "../a.yaml"
    assert repository_path("plans\\.\\a.yaml", "C:\\work", sep="\\") == "plans/a.yaml"
    assert repository_path("plans//x/../a.yaml", "/work", sep="/") == "plans/a.yaml"
    assert repository_path("plans/a.yaml", "/work/sub", root="/work", sep="/") == "sub/plans/a.yaml"
    assert repository_path("/elsewhere/a.yaml", "/elsewhere", root="/work", sep="/") == "a.yaml"


def test_messages_and_summary_follow_the_language(run):
    _, commands, summary = github_lines(run, str(BROKEN), "--lang", "zh")
    assert parse_command(commands[2])[2].endswith(":19:9: 序号 1 重复（第一次出现在第 5 行） [duplicate-id]")
    assert summary == "1 个方案文件中有 1 个存在问题，共 5 处"
    report = json.loads(run("validate", "--format", "gitlab", str(BROKEN), "--lang", "zh").stdout)
    assert report[2]["description"] == "序号 1 重复（第一次出现在第 5 行）"


def test_every_invalid_example_gives_the_same_problems_in_every_format(run, monkeypatch):
    monkeypatch.chdir(ROOT)  # the paths as a CI job in the checkout names them
    for path in INVALID_EXAMPLES:
        example = path.relative_to(ROOT)
        parsable = run("validate", "--format", "parsable", str(example)).stdout.splitlines()[:-1]
        expected = [
            (match["line"], match["col"], match["code"]) for match in map(PARSABLE.fullmatch, parsable) if match
        ]
        assert len(expected) == len(parsable), example.name
        _, commands, _ = github_lines(run, str(example))
        found = [parse_command(command)[1] for command in commands]
        assert [(found["line"], found["col"], found["title"]) for found in found] == expected, example.name
        report = json.loads(run("validate", "--format", "gitlab", str(example)).stdout)
        jsonschema.validate(report, CODE_QUALITY_SCHEMA)
        lines = [(str(issue["location"]["lines"]["begin"]), issue["check_name"]) for issue in report]
        assert lines == [(line, code) for line, _, code in expected], example.name


# --- GitLab: the Code Quality report -------------------------------------------------------------------------

# Written from GitLab's "Implement a custom tool" (doc/ci/testing/code_quality.md): "an array of objects with the
# following properties": description, check_name, fingerprint, severity (info, minor, major, critical or blocker),
# location.path ("the relative path"), and location.lines.begin or location.positions.begin.line.
_LINE = {"type": "integer", "minimum": 1}
CODE_QUALITY_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path"],
                "properties": {
                    "path": {"type": "string", "minLength": 1, "not": {"pattern": "^(/|[A-Za-z]:|\\./)|\\\\"}},
                    "lines": {"type": "object", "required": ["begin"], "properties": {"begin": _LINE}},
                    "positions": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {
                            "begin": {"type": "object", "required": ["line"], "properties": {"line": _LINE}}
                        },
                    },
                },
                "anyOf": [{"required": ["lines"]}, {"required": ["positions"]}],
            },
        },
    },
}


def gitlab_report(run, *args: str) -> list[dict]:
    result = run("validate", "--format", "gitlab", *args)
    assert not result.stdout.startswith("\ufeff")  # GitLab's parser refuses a byte order mark
    report = json.loads(result.stdout)
    jsonschema.validate(report, CODE_QUALITY_SCHEMA)
    return report


def test_the_report_has_the_documented_shape_and_stdout_holds_only_it(run, tmp_path):
    shutil.copyfile(BROKEN, tmp_path / "plan.yaml")
    result = run("validate", "--format", "gitlab", "plan.yaml", "--lang", "en")
    report = gitlab_report(run, "plan.yaml", "--lang", "en")
    assert json.loads(result.stdout) == report
    assert report[0] == {
        "description": '"2021-02-30" is not a real date (no such day); write a date year first: 2021-08-31, '
        "2021-8-31, 2021/8/31, 2021.8.31 or 2021年8月31日",
        "check_name": "bad-date",
        "fingerprint": report[0]["fingerprint"],
        "severity": "major",
        "location": {"path": "plan.yaml", "lines": {"begin": 12}},
    }
    assert [issue["check_name"] for issue in report] == [
        "bad-date", "done-on-missing", "duplicate-id", "unknown-key", "measure-division",
    ]  # fmt: skip
    assert result.stderr == "5 problem(s) in 1 of 1 plan file(s)\n"  # the CI log still says what was found


def test_a_valid_plan_gives_an_empty_report(run):
    result = run("validate", "--format", "gitlab", str(ROOT / "plans"))
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


def test_a_file_problem_and_a_warning_have_their_severity_and_a_first_line(run, write_plan):
    [missing] = gitlab_report(run, "nope.yaml")
    assert (missing["check_name"], missing["location"]) == (
        "file-not-found",
        {"path": "nope.yaml", "lines": {"begin": 1}},
    )
    plan = write_plan(plan_text({"division": "计划处"}, {"division": "计划处"}, {"division": "计化处"}), "p.yaml")
    [warning] = gitlab_report(run, str(plan))
    assert (warning["check_name"], warning["severity"]) == ("similar-division", "minor")


def fingerprints(run, path: Path, *args: str) -> dict[str, str]:
    """Each problem's fingerprint, by the problem's code and what the message says apart from line numbers."""
    report = gitlab_report(run, str(path), *args)
    assert len({issue["fingerprint"] for issue in report}) == len(report), "fingerprints are unique in a report"
    return {issue["fingerprint"]: issue["check_name"] for issue in report}


def test_fingerprints_are_stable_across_runs_languages_and_edits_elsewhere(run, tmp_path):
    plan = tmp_path / "plan.yaml"
    text = BROKEN.read_text(encoding="utf-8")
    plan.write_text(text, encoding="utf-8")
    before = fingerprints(run, plan, "--lang", "en")
    assert fingerprints(run, plan, "--lang", "en") == before
    assert fingerprints(run, plan, "--lang", "zh") == before
    # Lines added above every problem, and a valid item inserted before the broken ones: every line moves, and
    # the duplicate id's message names another first line; every problem keeps its fingerprint.
    item = "  - id: 7\n    topic: 新增\n    issue: 新增问题\n    measures: [措施]\n    evidence: []\n"
    item += "    deadline: 2021-09-30\n    divisions: [农村处]\n"
    moved = text.replace("title:", "# 第二版\n# 修订说明\ntitle:").replace("items:\n", "items:\n" + item)
    plan.write_text(moved, encoding="utf-8")
    assert fingerprints(run, plan, "--lang", "en") == before
    # Fixing one problem leaves the others' fingerprints as they were.
    plan.write_text(moved.replace("tpoic:", "topic:"), encoding="utf-8")
    fixed = fingerprints(run, plan)
    assert fixed == {key: code for key, code in before.items() if code != "unknown-key"}


def test_alike_problems_in_one_file_have_distinct_fingerprints_and_other_files_others(run, tmp_path):
    empty = plan_text({}, {}, {}).replace("    leader: 唐咸来\n", "    leader: ''\n")
    (tmp_path / "a.yaml").write_text(empty, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(empty, encoding="utf-8")
    report = gitlab_report(run, "a.yaml", "b.yaml")
    assert [issue["check_name"] for issue in report] == ["empty-value"] * 6
    assert len({issue["fingerprint"] for issue in report}) == 6


def test_fingerprints_do_not_depend_on_the_line_but_on_what_and_where():
    first = Problem("plans/a.yaml", 10, 5, "unknown-key", {"key": "tpoic", "suggestion": "topic"})
    moved = Problem("plans/a.yaml", 40, 5, "unknown-key", {"key": "tpoic", "suggestion": "topic"})
    other_key = Problem("plans/a.yaml", 10, 5, "unknown-key", {"key": "isue", "suggestion": "issue"})
    other_file = Problem("plans/b.yaml", 10, 5, "unknown-key", {"key": "tpoic", "suggestion": "topic"})
    warning = Problem("plans/a.yaml", 10, 5, "similar-division", {"division": "计化处", "other": "计划处", "uses": 2},
                      Severity.WARNING)  # fmt: skip
    more_uses = Problem("plans/a.yaml", 10, 5, "similar-division", {"division": "计化处", "other": "计划处", "uses": 9},
                        Severity.WARNING)  # fmt: skip

    def print_of(problem: Problem) -> str:
        return code_quality_report([problem], "en", "/work")[0]["fingerprint"]

    assert print_of(first) == print_of(moved)
    assert print_of(warning) == print_of(more_uses)
    assert len({print_of(first), print_of(other_key), print_of(other_file), print_of(warning)}) == 4


# --- The README's CI jobs and pre-commit configuration -------------------------------------------------------

README_TEXT = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_yaml(first_line: str) -> list[str]:
    """The README's yaml blocks that start with the comment `# <file name>`."""
    blocks = re.findall(r"```yaml\n(.*?)```", README_TEXT, flags=re.DOTALL)
    return [block for block in blocks if block.startswith(f"# {first_line}\n")]


def readme_commands(steps: list[str]) -> list[list[str]]:
    return [shlex.split(step.split(">")[0]) for step in steps if step.startswith("rectiplan ")]


def run_readme_command(run, words: list[str], *extra: str) -> int:
    assert words[0] == "rectiplan"
    return run(*words[1:], *extra).exit_code


def test_the_github_workflow_validates_on_push_and_lists_overdue_items_on_a_schedule(run, tmp_path):
    [block] = readme_yaml(".github/workflows/plans.yml")
    workflow = yaml.safe_load(block)
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true, as PyYAML does; GitHub reads it as "on"
    assert {"push", "pull_request", "schedule"} <= set(triggers)
    steps = {name: [step.get("run", "") for step in job["steps"]] for name, job in workflow["jobs"].items()}
    assert workflow["jobs"]["validate"]["if"] == "github.event_name != 'schedule'"
    assert workflow["jobs"]["overdue"]["if"] == "github.event_name == 'schedule'"
    [validate] = readme_commands(steps["validate"])
    [overdue] = readme_commands(steps["overdue"])
    assert validate[:4] == ["rectiplan", "validate", "--format", "github"]
    assert "--fail-on-overdue" in overdue
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    assert run_readme_command(run, validate) == 0
    assert run_readme_command(run, overdue, "--as-of", "2021-09-01") == 3
    assert run_readme_command(run, overdue, "--as-of", "2021-01-04") == 0


def test_the_gitlab_job_publishes_the_report_it_writes_even_when_validation_fails(run, tmp_path):
    [block] = readme_yaml(".gitlab-ci.yml")
    jobs = yaml.safe_load(block)
    validate_job, overdue_job = jobs["validate-plans"], jobs["overdue"]
    [written] = [line.split(">")[1].strip() for line in validate_job["script"] if "--format gitlab >" in line]
    assert validate_job["artifacts"] == {"when": "always", "reports": {"codequality": written}}
    assert validate_job["rules"] == [{"if": '$CI_PIPELINE_SOURCE != "schedule"'}]
    assert overdue_job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    [overdue] = readme_commands(overdue_job["script"])
    assert "--fail-on-overdue" in overdue
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    assert run_readme_command(run, overdue, "--as-of", "2021-09-01") == 3


def test_the_hook_manifest_and_the_readme_configurations_are_valid_for_pre_commit(tmp_path):
    from pre_commit.clientlib import load_config, load_manifest

    [hook] = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert (hook["id"], hook["entry"], hook["language"]) == ("rectiplan-validate", "rectiplan validate", "python")
    assert hook["pass_filenames"] and hook["require_serial"]
    remote, local = readme_yaml(".pre-commit-config.yaml")
    # No release is tagged: the example must not name a tag that does not exist (pre-commit would fail on it).
    assert not re.search(r"rev: v?\d+\.\d+", remote) and "commit SHA" in remote
    for number, block in enumerate((remote, local)):
        path = tmp_path / f"config{number}.yaml"
        path.write_text(block, encoding="utf-8")
        [repo] = load_config(str(path))["repos"]
        [configured] = repo["hooks"]
        assert configured["id"] == hook["id"]
    # The local hook is the manifest's hook, run from the installed rectiplan. (pre-commit 4.4 renamed `system`
    # to `unsupported` and reads the old name as the new one; older versions know only `system`.)
    assert (configured["entry"], configured["files"]) == (hook["entry"], hook["files"])
    assert configured["language"] in ("system", "unsupported")
    files = re.compile(hook["files"])
    assert [bool(files.search(name)) for name in ("plans/a.yaml", "plans/B.YML", "plans/old/a.yaml", "a.yaml")] == [
        True, True, False, False,
    ]  # fmt: skip


def test_fixing_one_items_problem_leaves_another_items_alike_problem_its_fingerprint(run, tmp_path):
    # Items 3 and 7 both done without done_on (a problem with no parameters): fixing item 3 must show item 3's as
    # fixed, not item 7's, so item 7's fingerprint must not be the rank it had among alike problems.
    done = "    status: done\n"
    plan = plan_text(*({"id": n, "extra": done if n in (3, 7) else ""} for n in range(1, 9)))
    path = tmp_path / "plan.yaml"
    path.write_text(plan, encoding="utf-8")
    before = gitlab_report(run, str(path))
    assert [issue["check_name"] for issue in before] == ["done-on-missing"] * 2
    item_7 = before[1]["fingerprint"]
    fixed = plan.replace("  - id: 3\n", "  - id: 3\n    done_on: 2021-08-01\n")
    path.write_text(fixed, encoding="utf-8")
    [after] = gitlab_report(run, str(path))
    assert after["fingerprint"] == item_7
    # Empty values of two items, too.
    empty = plan_text({"id": 4}, {"id": 9}).replace("    leader: 唐咸来\n", "    leader: ''\n")
    path.write_text(empty, encoding="utf-8")
    both = [issue["fingerprint"] for issue in gitlab_report(run, str(path))]
    path.write_text(empty.replace("    leader: ''\n", "    leader: 唐咸来\n", 1), encoding="utf-8")
    assert [issue["fingerprint"] for issue in gitlab_report(run, str(path))] == both[1:]


def test_with_no_plan_found_the_machine_formats_still_write_a_valid_report(run, tmp_path):
    # Run in a folder without plans: exit 2, and the artifact a CI job keeps still parses (GitLab refuses an empty
    # file); github writes no stray output, only the stderr line.
    for fmt in ("gitlab", "json"):
        result = run("validate", "--format", fmt)
        assert result.exit_code == 2
        assert json.loads(result.stdout) == []
    result = run("validate", "--format", "github")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_a_run_with_only_warnings_says_warnings(run):
    example = ROOT / "tests" / "examples" / "invalid" / "similar_division_warning.yaml"
    result = run("validate", str(example), "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "1 warning(s) in 1 of 1 plan file(s), no errors"
    result = run("validate", str(example), "--lang", "zh", "--strict")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "1 个方案文件中有 1 个存在警告，共 1 处警告，无错误"
