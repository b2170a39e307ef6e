"""Text that reaches a terminal: plan text and file names are sanitized, data written to a pipe stays exact."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import BUNDLED, plan_text

from rectiplan.formats import FORMAT_BY_NAME, Listing, Output, Row
from rectiplan.messages import printable
from rectiplan.query import entries_of
from rectiplan.validate import load_plan

# Terminal-driving and display-reordering characters a plan or a file name can carry.
HOSTILE = ["\x1b[2J", "\x1b]8;;http://x\x07", "\x9b31m", "\x9d0;t\x9c", "\u202e", "\u2066", "\u2069", "\u200f",
           "\u061c", "\u2028", "\u2029"]  # fmt: skip
FORBIDDEN = set("\x1b\x07\x9b\x9d\x9c\u202e\u2066\u2069\u200f\u061c\u2028\u2029")


def _clean(output: str) -> bool:
    return not FORBIDDEN & set(output)


def test_printable_covers_c0_c1_del_bidi_and_unicode_line_breaks():
    for value in HOSTILE + ["\x7f", "\x85", "\u202a", "\u2067", "\u2068", "\u200e"]:
        cleaned = printable("a" + value + "b")
        assert all(char not in cleaned for char in value if not char.isprintable() or char in FORBIDDEN), repr(value)
    assert printable("a\u2028b", newlines=True) == "a\nb"
    assert printable("a\u2029b") == "a b"


def test_unknown_division_message_sanitizes_the_known_names_and_the_suggestion(run, write_plan):
    plan = write_plan(plan_text({"division": '"农村\\e]8;;http://evil\\a处\\u202e"'}))
    for lang in ("en", "zh"):
        result = run("list", "--division", "农村处", "--lang", lang, plan=plan)
        assert result.exit_code == 2
        assert "农村" in result.stderr and _clean(result.stderr), repr(result.stderr)
    person = write_plan(plan_text({}).replace("owner: 潘红雄", 'owner: "潘\\e[2J红雄"'))
    result = run("list", "--person", "潘红雄", plan=person)
    assert result.exit_code == 2 and "\x1b" not in result.stderr


@pytest.mark.parametrize(
    "value", ['"a\\u202eb\\u2066c\\u2069d\\u200fe"', '"a\\u2028b\\u2029c\\L"', '"\\x9b31m\\x9d0;t\\x9c"']
)
def test_bidi_controls_and_unicode_line_breaks_never_reach_tables_or_show(run, write_plan, value):
    plan = write_plan(
        plan_text({}).replace("issue: 问题1", f"issue: {value}").replace("topic: 反馈问题整改", f"topic: {value}")
    )
    for args in (["list"], ["list", "--lang", "zh"], ["show", "1", "--as-of", "2021-09-01"]):
        for width in ("40", "100", "160"):
            result = run(*args, plan=plan, env={"COLUMNS": width})
            assert result.exit_code == 0
            assert _clean(result.stdout), (args, width, repr(result.stdout))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names")
def test_file_names_in_problem_lines_are_sanitized(run, tmp_path):
    name = "bad\x1b[31m\u202e.yaml"
    (tmp_path / name).write_text("title: x\nitems: []\n", encoding="utf-8")
    for style in ("pretty", "parsable"):
        result = run("validate", "--format", style, str(tmp_path / name))
        assert result.exit_code == 1
        assert "must not be empty" in result.stdout and _clean(result.stdout), repr(result.stdout)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _csv_of(write_plan, stream: io.StringIO) -> list[list[str]]:
    plan = write_plan(plan_text({}).replace("issue: 问题1", 'issue: "x\\e]8;;http://x\\a\\u202ey\\x9bz"'))
    result = load_plan(plan)
    listing = Listing("list", [Row(entry) for entry in entries_of([(str(plan), result.plan)])], total=1, as_of=())
    FORMAT_BY_NAME["csv"].render(listing, Output(stream, "en"))
    return list(csv.reader(io.StringIO(stream.getvalue().lstrip("\ufeff"))))


def test_csv_on_a_terminal_is_sanitized_and_in_a_pipe_is_exact(write_plan):
    terminal = _csv_of(write_plan, _Terminal())
    assert _clean("".join(terminal[1])) and "x" in terminal[1][3]
    piped = _csv_of(write_plan, io.StringIO())
    assert piped[1][3] == "x\x1b]8;;http://x\x07\u202ey\x9bz"


def test_json_in_a_pipe_keeps_every_character(run, write_plan):
    plan = write_plan(plan_text({}).replace("issue: 问题1", 'issue: "x\\u202ey\\e"'))

    assert json.loads(run("list", "-f", "json", plan=plan).stdout)[0]["issue"] == "x\u202ey\x1b"


# --- output errors, interruption, encodings: real processes, real file descriptors -------------------------------

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX shells and devices")


def _rectiplan(*args: str, env: dict[str, str] | None = None, **popen: object) -> subprocess.CompletedProcess[bytes]:
    environ = {key: value for key, value in os.environ.items() if key not in ("RECTIPLAN_PLAN", "PYTHONIOENCODING")}
    command = [sys.executable, "-m", "rectiplan", *args]
    return subprocess.run(command, env={**environ, "COLUMNS": "100", **(env or {})}, check=False, **popen)  # type: ignore[call-overload]


COMMANDS = [
    ["list", "--plan", str(BUNDLED)],
    ["list", "--plan", str(BUNDLED), "-f", "json"],
    ["show", "3", "--plan", str(BUNDLED)],
    ["validate", str(BUNDLED)],
    ["schema"],
]


@POSIX
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_full_disk_is_one_line_and_exit_4(args):
    with open("/dev/full", "wb") as full:
        result = _rectiplan(*args, env={"RECTIPLAN_LANG": "en"}, stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 4
    assert result.stderr.decode() == "rectiplan: cannot write the output: No space left on device\n"


@POSIX
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_closed_stdout_is_one_line_and_exit_4(args):
    # `>&-`: the child starts with file descriptor 1 closed.
    result = _rectiplan(*args, env={"RECTIPLAN_LANG": "en"}, stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1))
    assert result.returncode == 4, result.stderr
    assert result.stderr.decode() == "rectiplan: cannot write the output: standard output is closed\n"


@POSIX
def test_a_closed_stderr_keeps_the_exit_code():
    result = _rectiplan("list", "--no-such-option", stdout=subprocess.PIPE, preexec_fn=lambda: os.close(2))
    assert result.returncode == 2
    result = _rectiplan("list", "--division", "没有", "--plan", str(BUNDLED), preexec_fn=lambda: os.close(2))
    assert result.returncode == 2


@POSIX
def test_ctrl_c_exits_130_with_one_line(tmp_path):
    plan = tmp_path / "big.yaml"
    plan.write_text(plan_text(*[{} for _ in range(600)]), encoding="utf-8")
    environ = {key: value for key, value in os.environ.items() if key != "RECTIPLAN_PLAN"}
    process = subprocess.Popen(
        [sys.executable, "-m", "rectiplan", "list", "-f", "json", "--lang", "en", "--plan", str(plan)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environ,
    )  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(1)  # it is writing; unread, the pipe fills and the command waits in the middle of it
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    errors = process.stderr.read().decode()
    assert process.wait(timeout=30) == 130
    assert "Traceback" not in errors and errors.strip() == "rectiplan: interrupted"


@pytest.mark.parametrize("encoding", ["gbk", "latin-1", "ascii"])
def test_machine_formats_are_valid_and_lossless_in_any_output_encoding(encoding, tmp_path):
    plan = tmp_path / "p.yaml"
    plan.write_text(plan_text({}).replace("issue: 问题1", 'issue: "问题😀é\\u202e"'), encoding="utf-8")
    env = {"PYTHONIOENCODING": encoding}
    as_json = _rectiplan("list", "-f", "json", "--plan", str(plan), env=env, capture_output=True)
    assert as_json.returncode == 0
    assert json.loads(as_json.stdout.decode(encoding))[0]["issue"] == "问题😀é\u202e"
    as_csv = _rectiplan("list", "-f", "csv", "--plan", str(plan), env=env, capture_output=True)
    rows = list(csv.reader(io.StringIO(as_csv.stdout.decode("utf-8-sig"))))
    assert rows[1][3] == "问题😀é\u202e"
    if encoding != "ascii":
        return
    schema = _rectiplan("schema", env=env, capture_output=True)
    assert "已完成" in json.loads(schema.stdout.decode(encoding))["$defs"]["Item"]["properties"]["status"]["examples"]
    problems = _rectiplan("validate", "-f", "json", str(plan), env=env, capture_output=True)
    assert json.loads(problems.stdout.decode(encoding)) == []


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_text_for_people_that_the_encoding_cannot_show_is_a_clear_error(encoding):
    for args in (["list"], ["show", "3"]):
        result = _rectiplan(*args, "--plan", str(BUNDLED), env={"PYTHONIOENCODING": encoding}, capture_output=True)
        assert result.returncode == 4
        assert b"\\u" not in result.stdout
        assert b"PYTHONIOENCODING=utf-8" in result.stderr and b"Traceback" not in result.stderr


def test_a_gbk_terminal_reads_the_table():
    result = _rectiplan("list", "--plan", str(BUNDLED), env={"PYTHONIOENCODING": "gbk"}, capture_output=True)
    assert result.returncode == 0
    assert "建议对于桂林市" in result.stdout.decode("gbk")


@POSIX
def test_chinese_arguments_survive_a_locale_that_is_not_utf8():
    # LANG=C without the UTF-8 mode: Python decodes 农村处 from argv as surrogate escapes ('\udce5\udc86...').
    env = {"LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
    result = _rectiplan("list", "-d", "农村处", "--search", "培训", "--due-before", "2021年10月31日", "-f", "json",
                        "--plan", str(BUNDLED), env=env, capture_output=True)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert [record["id"] for record in json.loads(result.stdout)] == [1, 11, 12, 18]


# --- CSV for Excel and WPS ---------------------------------------------------------------------------------------


def test_csv_speaks_chinese_under_lang_zh_and_numbers_the_measures(run):
    def rows_of(lang: str) -> list[dict[str, str]]:
        out = run("overdue", "--as-of", "2021-12-01", "-d", "办公室", "-f", "csv", "--lang", lang).stdout
        assert out.startswith("\ufeff")
        return list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))

    chinese = rows_of("zh")
    assert list(chinese[0])[:8] == [
        "方案",
        "序号",
        "主题",
        "整改内容",
        "整改措施",
        "整改检验形式",
        "计划完成时间",
        "责任处室",
    ]
    assert list(chinese[0])[-1] == "逾期天数"
    item_3 = next(row for row in chinese if row["序号"] == "3")
    assert item_3["状态"] == "未开始"
    measures = item_3["整改措施"].split("\n")
    assert measures[0].startswith("1. [办公室] 加强调研") and measures[1].startswith("2. [高新处、区域处] 自治区")
    english = rows_of("en")
    assert list(english[0])[:3] == ["plan", "id", "topic"] and english[0]["status"] in ("pending", "in progress")
    assert next(row for row in english if row["id"] == "3")["measures"].startswith("1. [办公室]")
    # JSON stays language-neutral: the same field names and status values in both languages.
    assert run("list", "-f", "json", "--lang", "zh").stdout == run("list", "-f", "json", "--lang", "en").stdout


def test_csv_keeps_the_formula_guard_under_both_languages(run, write_plan):
    plan = write_plan(plan_text({}).replace("measures:\n      - 措施1", 'measures:\n      - "=1+1"'))
    plan_issue = write_plan(plan_text({}).replace("issue: 问题1", 'issue: "+SUM(A1)"'))
    for lang in ("zh", "en"):
        assert "'+SUM(A1)" in run("list", "-f", "csv", "--lang", lang, plan=plan_issue).stdout
        assert "1. =1+1" in run("list", "-f", "csv", "--lang", lang, plan=plan).stdout


def test_an_ascii_output_gets_an_ascii_table_when_the_plan_is_ascii(tmp_path):
    plan = tmp_path / "p.yaml"
    text = (
        plan_text({"division": "Office"})
        .replace("issue: 问题1", "issue: Fix the roads")
        .replace("title: 测试方案", "title: t")
    )
    text = (
        text.replace("唐咸来", "Tang").replace("潘红雄", "Pan").replace("反馈问题整改", "Roads").replace("措施1", "m")
    )
    plan.write_text(text.replace("培训通知", "notice"), encoding="utf-8")
    result = _rectiplan("list", "--plan", str(plan), env={"PYTHONIOENCODING": "ascii"}, capture_output=True)
    assert result.returncode == 0, result.stderr
    assert b"| Fix the roads" in result.stdout and b"Tang/Pan" in result.stdout and b"+---" in result.stdout


def test_arguments_decoded_as_latin1_mojibake_are_recovered(monkeypatch):
    # In an ISO-8859-1 locale every byte decodes, so 农村处 arrives as 'å\x86\x9c...' without surrogates.
    from rectiplan.cli import session

    typed = "农村处"
    as_python_sees_it = typed.encode("utf-8").decode("latin-1")
    monkeypatch.setattr(session.os, "fsencode", lambda value: value.encode("latin-1", "surrogateescape"))
    assert session._from_locale(as_python_sees_it) == typed
    assert session._from_locale("café".encode("latin-1").decode("latin-1")) == "café"  # real Latin-1 stays
    assert session._from_locale("2021-09-01") == "2021-09-01"


@pytest.mark.parametrize("columns", [None, "100", "0", "7", "abc", "２０", "99999999999"])
@pytest.mark.parametrize("no_color", [None, "1"])
def test_plain_output_is_laid_out_at_the_width_rich_gives_it(monkeypatch, columns, no_color):
    # Output that gets no terminal codes is laid out without importing Rich's console, at the same width.
    from rich.console import Console

    from rectiplan.formats.layout import usable_width
    from rectiplan.formats.table import PlainConsole, make_console

    for name, value in (("COLUMNS", columns), ("NO_COLOR", no_color), ("FORCE_COLOR", None), ("TTY_COMPATIBLE", None)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    stream = io.StringIO()
    made = make_console(Output(stream, "zh"))
    assert isinstance(made, PlainConsole) and not made.is_terminal and made.color_system is None
    assert made.width == usable_width(Console(file=stream).width)


@pytest.mark.parametrize("setting", [{"FORCE_COLOR": "1"}, {"FORCE_COLOR": ""}, {"TTY_COMPATIBLE": "1"}])
def test_output_the_environment_calls_a_terminal_goes_through_rich(monkeypatch, setting):
    from rectiplan.formats.table import PlainConsole, make_console

    monkeypatch.delenv("NO_COLOR", raising=False)
    for name, value in setting.items():
        monkeypatch.setenv(name, value)
    assert not isinstance(make_console(Output(io.StringIO(), "zh")), PlainConsole)
