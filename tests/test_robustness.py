"""What users actually throw at the tool: odd files, odd text, odd terminals. Each case once broke or misled."""

from __future__ import annotations

import json
import os
import re
import sys

import pytest
from conftest import BUNDLED, plan_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rectiplan.model import parse_plan_date
from rectiplan.problems import CODES
from rectiplan.validate import load_plan_bytes


def test_a_long_division_name_never_squeezes_the_issue_out_of_the_table(run, write_plan):
    division = "自治区科技厅农村科技处（乡村振兴工作领导小组办公室）"
    plan = write_plan(plan_text({"division": division}))
    for width in ("80", "160"):
        out = run("list", plan=plan, env={"COLUMNS": width}).stdout
        assert "问题1" in out
        assert all(len(line) <= int(width) for line in out.splitlines())


@pytest.mark.parametrize(
    "value",
    ['"evil \\e[2J\\e]0;pwned\\a"', '"\\e[31mRED"', '"[/bold] [red]not markup[/red]"'],
)
def test_plan_text_cannot_drive_the_terminal_or_rich_markup(run, write_plan, value):
    plan = write_plan(plan_text({}).replace("issue: 问题1", f"issue: {value}"))
    for args in (["list"], ["show", "1", "--as-of", "2021-09-01"]):
        result = run(*args, plan=plan)
        assert result.exit_code == 0
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    if "markup" in value:
        assert "[red]not markup[/red]" in run("list", plan=plan).stdout


def test_a_control_character_in_a_status_is_not_echoed_raw(run, write_plan):
    plan = write_plan(plan_text({"extra": '    status: "\\e[31mdone"\n'}))
    result = run("validate", str(plan))
    assert result.exit_code == 1 and "[bad-status]" in result.stdout
    assert "\x1b" not in result.stdout


def test_no_color_means_no_terminal_codes_even_on_a_terminal(run):
    forced = run("overdue", "--as-of", "2021-09-01", env={"FORCE_COLOR": "1"})
    assert "\x1b[" in forced.stdout  # the control: on a terminal there is colour
    plain = run("overdue", "--as-of", "2021-09-01", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b" not in plain.stdout
    assert plain.stdout == run("overdue", "--as-of", "2021-09-01").stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_is_refused_without_blocking(run, tmp_path):
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    result = run("validate", str(fifo))
    assert result.exit_code == 2
    assert result.stdout.splitlines()[0] == f"{fifo}: cannot read the file: not a regular file [file-unreadable]"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_an_endless_device_is_refused(run):
    result = run("validate", "/dev/zero")
    assert result.exit_code == 2 and "[file-unreadable]" in result.stdout


def test_a_name_too_long_for_the_file_system_is_a_file_error(run, tmp_path):
    name = str(tmp_path / ("a" * 300 + ".yaml"))
    result = run("validate", name)
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "[file-unreadable]" in result.stdout


def test_a_file_over_the_limit_is_a_file_error(run, tmp_path, monkeypatch):
    import rectiplan.source

    monkeypatch.setattr(rectiplan.source, "MAX_FILE_BYTES", 100)
    result = run("validate", str(BUNDLED))
    assert result.exit_code == 2 and "[file-too-large]" in result.stdout


def test_an_empty_plan_path_variable_falls_back_to_the_usual_search(run):
    result = run("list", "-f", "json", plan=None, env={"RECTIPLAN_PLAN": os.pathsep})
    assert len(json.loads(result.stdout)) == 31


def test_an_item_done_after_the_as_of_date_was_late_on_that_date(run, write_plan):
    plan = write_plan(plan_text({"extra": "    status: done\n    done_on: 2021-10-01\n"}))
    assert [r["id"] for r in json.loads(run("overdue", "--as-of", "2021-09-15", "-f", "json", plan=plan).stdout)] == [1]
    assert json.loads(run("overdue", "--as-of", "2021-10-01", "-f", "json", plan=plan).stdout) == []
    shown = run("show", "1", "--as-of", "2021-09-15", plan=plan).stdout
    assert "2021-08-31 (15 days late, as of 2021-09-15; done on 2021-10-01)" in shown


def test_validate_excerpts_read_the_file_as_the_loader_did(run, tmp_path):
    utf16 = tmp_path / "utf16.yaml"
    utf16.write_bytes(plan_text({}).replace("问题1", "").encode("utf-16"))
    lines = run("validate", str(utf16)).stdout.splitlines()
    assert lines[1].rstrip() == "    5 |     issue:"
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbf" + b"titel: x\nitems: []\n")
    lines = run("validate", str(bom)).stdout.splitlines()
    assert lines[:3] == [
        f'{bom}:1:1: unknown key "titel"; did you mean "title"? [unknown-key]',
        "    1 | titel: x",
        "      | ^",
    ]
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes(plan_text({}).encode("gb18030"))
    assert "    1 | title: 测试方案" in run("validate", str(gbk)).stdout


@pytest.mark.parametrize(
    ("args", "lang", "expected"),
    [
        (["list", "--bogus"], "en", "Error: no such option: --bogus"),
        (["list", "--bogus"], "zh", "错误：没有这个选项：--bogus"),
        (["frob"], "zh", "错误：没有这个命令：frob"),
        (["show"], "en", "Error: missing ID"),
        (["show", "abc"], "zh", "错误：ID 的值无效：“abc”不是事项序号；请给出整数序号，例如 3"),
        (["list", "-f", "xml"], "zh", "错误：--format / -f 的值无效：“xml”不是可选值：table, json, csv"),
    ],
)
def test_usage_errors_speak_the_users_language(run, args, lang, expected):
    result = run(*args, env={"RECTIPLAN_LANG": lang})
    assert result.exit_code == 2
    assert expected in result.stderr.splitlines()
    assert ("用法：" in result.stderr) == (lang == "zh")


def test_a_file_name_that_is_not_utf8_can_be_printed(run, tmp_path):
    if sys.platform == "win32" or os.fsencode("x") != b"x":
        pytest.skip("POSIX byte file names only")
    folder = tmp_path / "plans"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"bad\xfe.yaml"), "w", encoding="utf-8") as handle:
        handle.write("title: x\nitems: []\n")
    result = run("validate", "--format", "parsable", str(folder))
    assert result.exit_code == 1
    assert re.search(r"bad\\xfe\.yaml:2:8: must not be empty", result.stdout)


@pytest.mark.parametrize(
    "text",
    ["2021-08-31", "2021-8-31", "2021/8/31", "2021.8.31", "2021年8月31日", "２０２１年８月３１日", " 2021 - 8 - 31 ",
     "2021-8/31", "2021-8-31日", "2021年8月31", "8/31/2021", "20210831", "٢٠٢١-٠٨-٣١", "2021﹣08﹣31"],
)  # fmt: skip
def test_the_json_schema_date_pattern_accepts_what_the_loader_accepts(run, text):
    deadline = json.loads(run("schema").stdout)["$defs"]["Item"]["properties"]["deadline"]
    pattern = deadline["anyOf"][0]["pattern"]  # a date, or empty for an ongoing item
    try:
        parse_plan_date(text)
        readable = True
    except ValueError:
        readable = False
    assert bool(re.search(pattern, text)) == readable


def test_status_names_ignore_case_and_blanks(write_plan):
    from rectiplan.model import Status
    from rectiplan.validate import load_plan

    plan = write_plan(
        plan_text({"extra": "    status: DONE\n    done_on: 2021-08-01\n"}, {"extra": '    status: " 进行中 "\n'})
    )
    result = load_plan(plan)
    assert result.problems == []
    assert [item.status for item in result.plan.items] == [Status.DONE, Status.IN_PROGRESS]


def test_a_full_width_key_gets_its_suggestion(write_plan):
    from rectiplan.validate import load_plan

    plan = write_plan(plan_text({}).replace("    topic:", "    ｔｏｐｉｃ:"))
    [problem] = load_plan(plan).problems
    assert (problem.code, problem.params["suggestion"]) == ("unknown-key", "topic")


def test_csv_cells_cannot_become_spreadsheet_formulas(run, write_plan):
    plan = write_plan(plan_text({}).replace("issue: 问题1", 'issue: "=HYPERLINK(\\"http://x\\")"'))
    out = run("list", "-f", "csv", plan=plan).stdout
    assert "'=HYPERLINK" in out
    assert json.loads(run("list", "-f", "json", plan=plan).stdout)[0]["issue"].startswith("=HYPERLINK")


def test_empty_item_divisions_are_reported_once(write_plan):
    from rectiplan.validate import load_plan

    text = plan_text({}).replace("      - 措施1\n", "      - text: 措施1\n        divisions: [农村处]\n")
    plan = write_plan(text.replace("    divisions:\n      - 农村处\n", "    divisions: []\n"))
    assert [problem.code for problem in load_plan(plan).problems] == ["empty-value"]


def test_the_source_typing_knows_every_field_of_the_model():
    from rectiplan.model import MODELS, Item, Measure, Plan
    from rectiplan.source import TEXT_KEYS, TEXT_LIST_KEYS

    fields = {name for model in MODELS for name in model.model_fields}
    # Every field is text, or a list of text, but the whole numbers, and the lists and mappings of mappings.
    numbers_and_mappings = {"id", "yellow", "orange", "items", "progress", "extensions", "warn_days"}
    assert TEXT_KEYS | TEXT_LIST_KEYS == fields - numbers_and_mappings
    assert {"on", "to", "approved_on", "closed_on", "by", "reason"} <= TEXT_KEYS
    assert "materials" in TEXT_LIST_KEYS
    from rectiplan.validate import ITEM_KEYS, MEASURE_KEYS, PLAN_KEYS

    assert (set(PLAN_KEYS), set(ITEM_KEYS), set(MEASURE_KEYS)) == (
        set(Plan.model_fields),
        set(Item.model_fields),
        set(Measure.model_fields),
    )


@pytest.mark.skipif(not hasattr(__import__("signal"), "SIGPIPE"), reason="no SIGPIPE on this platform")
def test_a_reader_that_goes_away_ends_the_command_quietly(write_plan):
    import signal
    import subprocess

    plan = write_plan(plan_text(*[{} for _ in range(600)]))  # far more output than a pipe buffers
    command = [sys.executable, "-m", "rectiplan", "list", "--format", "json", "--plan", str(plan)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()  # like `| head -c 10`
    errors = process.stderr.read()
    # Ended by SIGPIPE, as `cat` or `grep` would be, not by Click's "exit 1" that reads as "plan problems".
    assert process.wait() == -signal.SIGPIPE
    assert errors == b""


@pytest.mark.parametrize("width", ["30", "40", "63"])
def test_a_narrow_terminal_gets_blocks_not_a_cropped_table(run, width):
    result = run("overdue", "--as-of", "2021-11-01", env={"COLUMNS": width})
    lines = result.stdout.splitlines()
    assert all(len(line) <= int(width) for line in lines)
    joined = "".join(lines)
    for record in json.loads(run("overdue", "--as-of", "2021-11-01", "-f", "json").stdout):
        assert record["issue"] in joined and f"No. {record['id']} · {record['deadline']}" in joined
        assert f"{'、'.join(record['divisions'])}".split("、")[0] in joined
    assert " ".join(result.stdout.split()).endswith("14 of 31 items overdue as of 2021-11-01")


def test_yaml_syntax_errors_of_the_examples_read_fully_in_chinese():
    from pathlib import Path

    from rectiplan.messages import problem_message
    from rectiplan.validate import load_plan

    examples = sorted((Path(__file__).parent / "examples" / "invalid").glob("*.yaml"))
    syntax = [p for path in examples for p in load_plan(path).problems if p.code == "yaml-syntax"]
    assert len(syntax) >= 7
    for problem in syntax:
        message = problem_message(problem, "zh").replace("YAML", "").replace("Word", "").replace("Tab", "")
        assert not re.search(r"[A-Za-z]{3,}", message), message


def test_tab_indentation_gets_the_hint_to_use_spaces(run):
    from pathlib import Path

    example = Path(__file__).parent / "examples" / "invalid" / "yaml_tab_indentation.yaml"
    assert "  = indent with spaces, not tabs" in run("validate", str(example)).stdout.splitlines()


# --- fuzzing the classes of issue 5: huge numbers, line breaks, links and special files ---------------------------

HUGE_NUMBERS = st.builds(
    lambda sign, digits: sign + "1" + "0" * digits, st.sampled_from(["", "-", "+"]), st.integers(640, 6000)
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_huge_number_in_any_value_never_raises(data):
    lines = plan_text({}, {}).splitlines()
    number = data.draw(HUGE_NUMBERS)
    index = data.draw(st.integers(0, len(lines) - 1))
    line = lines[index]
    if ":" in line and not line.rstrip().endswith(":"):
        lines[index] = line.split(":", 1)[0] + ": " + number  # in place of a value
    elif line.lstrip().startswith("- "):
        lines[index] = line.split("- ", 1)[0] + "- " + number  # as a list entry
    else:
        lines.insert(index, number + ": x")  # as a key
    raw = ("\n".join(lines) + "\n").encode()
    result = load_plan_bytes(raw, "huge.yaml")
    assert all(problem.code in CODES for problem in result.problems)
    assert (result.plan is None) == bool(result.problems)
    from rectiplan.messages import problem_message

    for problem in result.problems:
        message = problem_message(problem, "en")  # wording it must not convert the number either
        if problem.code == "bad-value":
            assert "digits)" in message and len(message) < 200  # where a number was needed: shortened


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_problems_are_where_an_editor_shows_them_whatever_the_line_breaks(data):
    """Any mix of LF, CR and CRLF, and NEL / U+2028 / U+2029 inside quoted text, leaves every position unchanged."""
    import rectiplan.source

    text = plan_text({}, {"extra": "    notes: 备注\n"}).replace("topic:", "tpoic:", 1).replace("id: 2", "id: 0")
    text = text.replace("问题1", '"问题\u2028一"').replace("措施2", "'措施\x85二'")
    plain = text.replace("\u2028", " ").replace("\x85", " ")  # the same text with no odd character at all
    expected = [(p.line, p.column, p.code) for p in load_plan_bytes(plain.encode(), "x.yaml").problems]
    assert expected  # the edits above are problems to place
    odd = data.draw(st.sampled_from(["\u2028", "\x85", "\u2029"]))
    breaks = data.draw(
        st.lists(st.sampled_from(["\n", "\r", "\r\n"]), min_size=text.count("\n"), max_size=text.count("\n"))
    )
    mixed = "".join(part + (breaks[i] if i < len(breaks) else "") for i, part in enumerate(text.split("\n")))
    mixed = mixed.replace("\u2028", odd)
    default = rectiplan.source.LOADER
    try:
        for loader in (default, rectiplan.source.PurePythonLoader):
            rectiplan.source.LOADER = loader
            found = [(p.line, p.column, p.code) for p in load_plan_bytes(mixed.encode(), "x.yaml").problems]
            assert found == expected, loader
    finally:
        rectiplan.source.LOADER = default


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.binary(max_size=300).map(lambda raw: raw.replace(b"\n", b"\r"))
    | st.lists(
        st.sampled_from(list("ab: -[]{}'\"#\t01") + ["\r", "\x85", "\u2028", "\u2029", "\r\n", "\n", "- ", "x: "]),
        max_size=80,
    ).map(lambda parts: "".join(parts).encode())
)
def test_odd_line_breaks_never_raise_and_stay_inside_the_file(raw):
    result = load_plan_bytes(raw, "odd.yaml")
    lines = len(re.split(rb"\r\n|\r|\n", raw))
    for problem in result.problems:
        assert problem.code in CODES
        assert 0 <= problem.line <= lines + 1, (problem, lines)  # libyaml ends the stream on a line of its own


ENTRY_KINDS = ["plan", "invalid", "link-inside", "link-outside", "dangling", "fifo", "folder", "loop", "link-fifo"]


@pytest.mark.skipif(not hasattr(os, "mkfifo") or sys.platform == "win32", reason="POSIX file system only")
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(
    entries=st.lists(
        st.tuples(st.sampled_from(ENTRY_KINDS), st.sampled_from([".yaml", ".yml", ".YAML", ".Yml"])), max_size=6
    )
)
def test_whatever_a_plan_folder_holds_nothing_outside_it_is_shown_and_nothing_hangs(entries):
    import tempfile
    from pathlib import Path

    from typer.testing import CliRunner

    from rectiplan.cli import app

    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        secret = root / "secret.txt"
        secret.write_text("title: TOPSECRET\nitems: []\n", encoding="utf-8")
        folder = root / "plans"
        folder.mkdir()
        (folder / "base.yaml").write_text(plan_text({}), encoding="utf-8")
        os.mkfifo(root / "outside-fifo")
        # Links to one target are one file, read once; a refused link stands only for itself, each one reported.
        refused = sum(kind in ("link-outside", "link-fifo") for kind, _ in entries)
        skipped = invalid = 0
        for number, (kind, suffix) in enumerate(entries):
            path = folder / f"e{number}{suffix}"
            if kind == "plan":
                path.write_text(plan_text({}), encoding="utf-8")
            elif kind == "invalid":
                path.write_text("title: x\n", encoding="utf-8")
                invalid += 1
            elif kind == "link-inside":
                path.symlink_to("base.yaml")
            elif kind == "link-outside":
                path.symlink_to(secret)
            elif kind == "link-fifo":
                path.symlink_to(root / "outside-fifo")
            elif kind == "dangling":
                path.symlink_to(root / "nothing")
                skipped += 1
            elif kind == "fifo":
                os.mkfifo(path)
                skipped += 1
            elif kind == "folder":
                path.mkdir()
                skipped += 1
            elif kind == "loop":
                path.symlink_to(path.name)
                skipped += 1
        result = CliRunner().invoke(app, ["validate", str(folder)], catch_exceptions=False)
        assert "TOPSECRET" not in result.output
        assert result.exit_code == (2 if refused else 1 if invalid else 0), result.output
        assert result.stdout.count("[symlink-refused]") == refused
        assert result.stderr.count(": skipped ") == skipped
