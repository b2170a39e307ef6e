"""Output safety beyond the table: bounded widths, start-up interruption, sanitized edit and usage messages,
summary's encodings, locale recovery for edit text, and visible zero-width characters."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from conftest import BUNDLED, plan_text

from rectiplan import cli
from rectiplan.formats.layout import text_width

MAX_WIDTH = 1000  # the README promises it

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and locales")


# --- a huge COLUMNS --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["list"], ["summary"], ["report"], ["list", "--help"], ["--help"]], ids=" ".join)
def test_a_huge_columns_is_clamped_for_tables_and_help(run, args):
    # COLUMNS=99999999999 asked for 100 GB lines; a width beyond MAX_WIDTH stands in for it here.
    result = run(*args, env={"COLUMNS": str(MAX_WIDTH * 5)})
    assert result.exit_code == 0, result.output
    assert max(text_width(line) for line in result.stdout.splitlines()) <= MAX_WIDTH


def test_an_unexpected_error_is_one_line_and_exit_70(monkeypatch, capsys):
    def exhausted() -> None:
        raise MemoryError

    monkeypatch.setattr(cli, "app", exhausted)
    monkeypatch.setattr(sys, "argv", ["rectiplan", "--lang", "en", "list"])
    with pytest.raises(SystemExit) as ended:
        cli.main()
    assert ended.value.code == 70
    errors = capsys.readouterr().err
    assert errors.startswith("rectiplan: unexpected error (MemoryError)") and errors.count("\n") == 1


# --- Ctrl-C while the command line is still being imported -----------------------------------------------------------


@POSIX
def test_ctrl_c_during_start_up_is_one_line_and_exit_130(tmp_path):
    # Ctrl-C at random moments once rectiplan's own code runs, while typer, rich and pydantic are still being
    # imported. `-X importtime` says when the entry point has been imported: before that the interpreter is starting
    # up itself, and what Python prints when interrupted then is out of rectiplan's hands.
    plan = tmp_path / "p.yaml"
    plan.write_text(plan_text(*[{} for _ in range(300)]), encoding="utf-8")
    environ = {key: value for key, value in os.environ.items() if key != "RECTIPLAN_PLAN"}
    rng = random.Random(20211031)
    for delay in [0.0, 0.02, 0.1, 0.4, *(rng.uniform(0.0, 0.4) for _ in range(4))]:
        process = subprocess.Popen(
            [sys.executable, "-X", "importtime", "-m", "rectiplan", "list", "--lang", "en", "--plan", str(plan)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environ,
        )  # fmt: skip
        assert process.stderr is not None
        for line in process.stderr:
            if line.rstrip().endswith(b"rectiplan.launch"):
                break
        else:
            pytest.fail("rectiplan.launch, the entry point, was never imported")
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        rest = process.stderr.read()
        process.wait(timeout=60)
        errors = b"".join(line for line in rest.splitlines(keepends=True) if not line.startswith(b"import time:"))
        if process.returncode == 0:
            continue  # it had already finished
        assert process.returncode == 130, (delay, errors)
        assert b"Traceback" not in errors and errors.strip() == b"rectiplan: interrupted", (delay, errors)


def test_the_console_script_and_python_m_start_through_the_quiet_entry_point():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    assert 'rectiplan = "rectiplan.launch:main"' in (root / "pyproject.toml").read_text(encoding="utf-8")
    assert "from rectiplan.launch import main" in (root / "src/rectiplan/__main__.py").read_text(encoding="utf-8")


# --- the edit commands' messages and diffs ---------------------------------------------------------------------------

NASTY_NAME = "p\x1b]0;pwn\x07\u202e.yaml"
CONTROLS = ("\x1b", "\x07", "\u202e", "\x85", "\u2066", "\u200f", "\u2028")


def _edit_plan(tmp_path, name: str = "plan.yaml", leader: str = "唐咸来"):
    path = tmp_path / name
    path.write_text(plan_text({}).replace("唐咸来", leader), encoding="utf-8")
    return path


@POSIX
@pytest.mark.parametrize(
    "args",
    [
        ["note", "1", "hi", "--on", "2021-07-01"],
        ["start", "1"],
        ["done", "1", "--on", "2021-07-01"],
        ["set-status", "1", "ongoing"],
        ["attach", "1", "m.pdf"],
        ["extend", "1", "--to", "2021-12-31", "--reason", "r", "--approved-on", "2021-07-01"],
        ["note", "1", "hi", "--on", "2021-07-01", "--dry-run"],
    ],
    ids=" ".join,
)
def test_edit_messages_and_diff_headers_sanitize_the_file_name(run, tmp_path, args):
    plan = _edit_plan(tmp_path, NASTY_NAME)
    result = run(*args, "--plan", str(plan))
    assert result.exit_code == 0, result.output
    assert not any(char in result.stdout for char in CONTROLS), result.stdout
    assert "p\ufffd]0;pwn\ufffd\ufffd.yaml" in result.stdout


@POSIX
def test_close_message_sanitizes_the_file_name(run, tmp_path):
    plan = _edit_plan(tmp_path, NASTY_NAME)
    assert run("done", "1", "--on", "2021-07-01", "--plan", str(plan)).exit_code == 0
    assert run("attach", "1", "m.pdf", "--plan", str(plan)).exit_code == 0
    result = run("close", "1", "--on", "2021-07-02", "--plan", str(plan))
    assert result.exit_code == 0, result.output
    assert not any(char in result.output for char in CONTROLS)


@pytest.mark.parametrize("leader", ["L\u202eabc", "L\u2066x", "L\u200fx"])
def test_dry_run_context_lines_are_sanitized_but_stay_a_diff(run, tmp_path, leader):
    plan = _edit_plan(tmp_path, leader=leader)  # raw in the file, so the diff's context line copies it
    result = run("note", "1", "进展", "--on", "2021-07-01", "--dry-run", "--plan", str(plan))
    assert result.exit_code == 0, result.output
    assert not any(char in result.stdout for char in CONTROLS)
    diff = result.stdout.splitlines()[:-1]  # the last line says nothing was written
    assert diff[0].startswith("--- ") and diff[1].startswith("+++ ") and diff[2].startswith("@@ ")
    assert all(line[:1] in (" ", "+", "-") for line in diff[3:]), diff
    assert any(line.startswith(" ") and "\ufffd" in line for line in diff[3:])


# --- summary's CSV and JSON: the same writers as the listings' --------------------------------------------------------


class _Terminal(io.StringIO):
    encoding = "utf-8"

    def isatty(self) -> bool:
        return True


def _summary_csv(tmp_path, stream: io.StringIO) -> list[list[str]]:
    from datetime import date

    from rectiplan.formats import Output
    from rectiplan.query import entries_of
    from rectiplan.render_summary import render_summary
    from rectiplan.summary import summarize
    from rectiplan.validate import load_plan

    plan = tmp_path / "nasty.yaml"
    plan.write_text(plan_text({}).replace("  - 农村处", '  - "A\\e[5m"\n      - "B\\u202e"'), encoding="utf-8")
    result = load_plan(plan)
    assert result.plan is not None, result.problems
    render_summary(summarize(entries_of([(str(plan), result.plan)]), lambda entry: date(2021, 9, 1), "division"),
                   Output(stream, "en"), "csv")  # fmt: skip
    return list(csv.reader(io.StringIO(stream.getvalue().lstrip("\ufeff"))))


def test_summary_csv_on_a_terminal_is_sanitized_and_in_a_pipe_exact(tmp_path):
    shown = _summary_csv(tmp_path, _Terminal())
    assert [row[0] for row in shown[1:3]] == ["A\ufffd[5m", "B\ufffd"]
    piped = _summary_csv(tmp_path, io.StringIO())
    assert [row[0] for row in piped[1:3]] == ["A\x1b[5m", "B\u202e"]


def _rectiplan(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    environ = {key: value for key, value in os.environ.items() if key not in ("RECTIPLAN_PLAN", "PYTHONIOENCODING")}
    command = [sys.executable, "-m", "rectiplan", *args]
    return subprocess.run(command, env={**environ, **env}, check=False, capture_output=True, timeout=60)


@pytest.mark.parametrize("encoding", ["ascii", "gbk", "latin-1"])
def test_summary_json_and_csv_keep_their_promises_in_any_output_encoding(encoding):
    env = {"PYTHONIOENCODING": encoding, "RECTIPLAN_LANG": "en"}
    as_json = _rectiplan("summary", "-f", "json", "--as-of", "2021-09-01", "--plan", str(BUNDLED), env=env)
    assert as_json.returncode == 0, as_json.stderr
    groups = [record["group"] for record in json.loads(as_json.stdout.decode(encoding))]
    assert "农村处" in groups
    as_csv = _rectiplan("summary", "-f", "csv", "--as-of", "2021-09-01", "--plan", str(BUNDLED), env=env)
    assert as_csv.returncode == 0, as_csv.stderr
    assert "农村处" in [row[0] for row in csv.reader(io.StringIO(as_csv.stdout.decode("utf-8-sig")))]


@pytest.mark.parametrize("command", [["report"], ["remind"]], ids=" ".join)
def test_report_and_remind_in_an_encoding_without_chinese_stop_without_offering_json(command):
    env = {"PYTHONIOENCODING": "ascii", "RECTIPLAN_LANG": "en"}
    result = _rectiplan(*command, "--as-of", "2021-09-01", "--plan", str(BUNDLED), env=env)
    assert result.returncode == 4
    assert result.stderr.decode().strip() == (
        "rectiplan: the output encoding ascii cannot show this text; set a UTF-8 locale (LANG=zh_CN.UTF-8) or "
        "PYTHONIOENCODING=utf-8"
    )


# --- usage errors echo what was typed, sanitized ---------------------------------------------------------------------

TYPED = "X\x1b[31mRED\x1b]0;pwn\x07\u202eRTL\x9b"


@pytest.mark.parametrize(
    "args",
    [["list", f"--x{TYPED}"], ["list", "extra", TYPED], [TYPED], ["list", "--status", TYPED], ["show", TYPED]],
    ids=["option", "extra", "command", "choice", "id"],
)
def test_usage_errors_never_echo_terminal_controls(run, args):
    result = run(*args)
    assert result.exit_code == 2
    assert not any(char in result.output for char in ("\x1b", "\x07", "\u202e", "\x9b")), repr(result.output)


# --- edit text under a locale that is not UTF-8 ----------------------------------------------------------------------

C_LOCALE = {"LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0", "RECTIPLAN_LANG": "en"}


@POSIX
@pytest.mark.parametrize(
    ("args", "written"),
    [
        (["note", "1", "进展", "--by", "张三", "--on", "2021-07-01"], "进展"),
        (["note", "1", "进展", "--by", "张三", "--on", "2021-07-01"], "张三"),
        (["extend", "1", "--to", "2021-12-31", "--reason", "待批复", "--approved-on", "2021-07-01"], "待批复"),
        (["attach", "1", "材料.pdf"], "材料.pdf"),
        (["set-status", "1", "进行中"], "in_progress"),
    ],
    ids=["text", "by", "reason", "material", "status"],
)
def test_edit_text_survives_a_locale_that_is_not_utf8(tmp_path, args, written):
    plan = _edit_plan(tmp_path)
    result = _rectiplan(*args, "--dry-run", "--plan", str(plan), env=C_LOCALE)
    assert result.returncode == 0, result.stderr.decode()
    assert any(line.startswith("+") and written in line for line in result.stdout.decode().splitlines())


# --- zero-width characters are shown ----------------------------------------------------------------------------------


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])
def test_zero_width_characters_are_visible_in_names_and_tables(run, tmp_path, invisible):
    plan = tmp_path / "p.yaml"
    plan.write_text(plan_text({}, {"division": f"农村处{invisible}"}), encoding="utf-8")
    unknown = run("list", "--division", "农村处\u200b\u200b", "--plan", str(plan))
    assert unknown.exit_code == 2
    assert invisible not in unknown.output and "农村处\ufffd" in unknown.output  # the known names show the difference
    table = run("list", "--plan", str(plan))
    assert invisible not in table.stdout and "农村处\ufffd" in table.stdout


# --- the exit-code table -----------------------------------------------------------------------------------------------


def test_the_exit_code_table_lists_sigpipe_and_nothing_else_beyond_the_enum():
    import re
    from pathlib import Path

    from rectiplan.cli.exit_status import ExitStatus

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Exit codes", 1)[1].split("\n\n", 2)[1]
    codes = {int(code) for code in re.findall(r"^\| (\d+) \|", table, re.MULTILINE)}
    assert codes == {int(status) for status in ExitStatus} | {141}  # 128 + SIGPIPE
    assert "SIGPIPE" in table and "head" in table
