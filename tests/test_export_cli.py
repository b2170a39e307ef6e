"""`rectiplan export` through the command line: filters and --as-of as `list`, -o written whole (or refused), the
format from the suffix, binary formats never to a terminal, output errors as exit 4."""

from __future__ import annotations

import errno
import json
import os
import sys
from pathlib import Path

import pytest
from conftest import BUNDLED, plan_text
from icalendar import Calendar

from rectiplan.exports import exporter
from rectiplan.formats.interface import Output


def test_json_export_is_the_list_records(run):
    for args in (["--as-of", "2021-09-01", "--division", "农村处"], ["--status", "pending", "--as-of", "2021-10-25"]):
        listed = run("list", "--format", "json", *args)
        exported = run("export", "--format", "json", *args, "--plan", str(BUNDLED))
        assert exported.exit_code == 0, exported.output
        assert exported.stdout == listed.stdout
    assert len(json.loads(exported.stdout)) == 31


def test_export_takes_the_filters_and_as_of(run):
    result = run("export", "-f", "md", "--division", "规配处", "--as-of", "2021-10-25", "--plan", str(BUNDLED))
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ")][1:]
    assert len(rows) == 10 and "As of 2021-10-25; items: 10." in result.stdout
    late = run("export", "-f", "ics", "--due-before", "2021-06-30", "--as-of", "2021-09-01", "--plan", str(BUNDLED))
    todos = Calendar.from_ical(late.stdout.encode()).walk("VTODO")
    assert sorted(todo.decoded("DUE").isoformat() for todo in todos) == ["2021-04-30", "2021-06-30"]
    assert {todo.decoded("DTSTAMP").date().isoformat() for todo in todos} == {"2021-09-01"}
    unknown = run("export", "-f", "md", "--division", "农材处", "--plan", str(BUNDLED))
    assert unknown.exit_code == 2 and "农村处" in unknown.output


def test_output_file_is_written_and_never_replaced_without_force(run, tmp_path):
    target = tmp_path / "plan.md"
    first = run("export", "-o", str(target), "--as-of", "2021-09-01", "--plan", str(BUNDLED))
    assert first.exit_code == 0 and first.stdout == ""
    assert first.stderr == f"Wrote {target}.\n"  # a one-line confirmation, as import gives
    assert target.read_text(encoding="utf-8").startswith("# 2020年度")
    target.write_text("mine", encoding="utf-8")
    os.chmod(target, 0o640)
    again = run("export", "-o", str(target), "--as-of", "2021-09-01", "--plan", str(BUNDLED))
    assert again.exit_code == 2 and str(target) in again.stderr and "--force" in again.stderr
    assert target.read_text(encoding="utf-8") == "mine"
    forced = run("export", "-o", str(target), "--force", "--as-of", "2021-09-01", "--plan", str(BUNDLED))
    assert forced.exit_code == 0 and target.read_text(encoding="utf-8").startswith("# 2020年度")
    assert os.stat(target).st_mode & 0o777 == 0o640  # the replaced file keeps its mode
    assert sorted(path.name for path in tmp_path.iterdir()) == ["plan.md"]  # no temporary file left


def test_refusal_is_in_chinese_too(run, tmp_path):
    (tmp_path / "x.csv").write_text("", encoding="utf-8")
    result = run("export", "-o", str(tmp_path / "x.csv"), "--lang", "zh", "--plan", str(BUNDLED))
    assert result.exit_code == 2 and "已存在" in result.stderr


@pytest.mark.parametrize(
    ("name", "start"),
    [("p.ics", b"BEGIN:VCALENDAR"), ("p.MD", b"# "), ("p.markdown", b"# "), ("p.csv", "\ufeff序号".encode()),
     ("p.json", b"[")],
)  # fmt: skip
def test_format_from_the_suffix(run, tmp_path, name, start):
    result = run("export", "-o", str(tmp_path / name), "--lang", "zh", "--plan", str(BUNDLED))
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).read_bytes().startswith(start)


def test_format_and_suffix_must_agree(run, tmp_path):
    conflict = run("export", "-f", "md", "-o", str(tmp_path / "x.csv"), "--plan", str(BUNDLED))
    assert conflict.exit_code == 2 and "x.csv" in conflict.stderr and not (tmp_path / "x.csv").exists()
    unknown = run("export", "-o", str(tmp_path / "x.txt"), "--plan", str(BUNDLED))
    assert unknown.exit_code == 2 and "--format" in unknown.stderr and not (tmp_path / "x.txt").exists()
    told = run("export", "-f", "md", "-o", str(tmp_path / "x.txt"), "--plan", str(BUNDLED))
    assert told.exit_code == 0 and (tmp_path / "x.txt").read_text(encoding="utf-8").startswith("# ")
    neither = run("export", "--plan", str(BUNDLED))
    assert neither.exit_code == 2 and "--format" in neither.stderr
    folder = run("export", "-f", "md", "-o", str(tmp_path), "--plan", str(BUNDLED))
    assert folder.exit_code == 2 and "plan.md" in folder.stderr


def test_dash_is_stdout(run):
    result = run("export", "-f", "csv", "-o", "-", "--plan", str(BUNDLED))
    assert result.exit_code == 0 and result.stdout.startswith("\ufeff")


@pytest.fixture
def binary_json(monkeypatch: pytest.MonkeyPatch) -> None:
    """json as if it were a binary format (xlsx and docx are another module's): what a binary one gets."""
    monkeypatch.setattr(exporter("json"), "binary", True, raising=False)


def test_binary_format_is_refused_on_a_terminal(run, monkeypatch, binary_json):
    monkeypatch.setattr(Output, "is_terminal", lambda self: True)
    result = run("export", "-f", "json", "--plan", str(BUNDLED))
    assert result.exit_code == 2 and "-o" in result.stderr and result.stdout == ""


def test_binary_format_goes_to_a_pipe(run, binary_json):
    result = run("export", "-f", "json", "--plan", str(BUNDLED))
    assert result.exit_code == 0 and json.loads(result.stdout)


def test_text_export_on_a_terminal_is_sanitized(run, monkeypatch, write_plan):
    plan = write_plan(plan_text({}).replace("issue: 问题1", 'issue: "x\\e[31my\\u202ez"'))
    monkeypatch.setattr(Output, "is_terminal", lambda self: True)
    shown = run("export", "-f", "md", "--plan", str(plan))
    assert "\x1b" not in shown.stdout and "\u202e" not in shown.stdout and "x\ufffd\\[31my\ufffdz" in shown.stdout
    monkeypatch.undo()
    piped = run("export", "-f", "md", "--plan", str(plan))
    assert "x\x1b\\[31my\u202ez" in piped.stdout


def test_a_failed_write_leaves_nothing(run, tmp_path, monkeypatch):
    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = run("export", "-o", str(tmp_path / "p.ics"), "--plan", str(BUNDLED))
    assert result.exit_code == 4 and "p.ics" in result.stderr and os.strerror(errno.ENOSPC) in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_failing_exporter_leaves_no_file(run, tmp_path, monkeypatch):
    def broken(data: object, out: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(exporter("md"), "write", broken)
    with pytest.raises(RuntimeError):
        run("export", "-o", str(tmp_path / "p.md"), "--plan", str(BUNDLED))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="Linux's /dev/full")
def test_dev_full_is_exit_4(tmp_path):
    import subprocess

    env = {key: value for key, value in os.environ.items() if key not in ("RECTIPLAN_PLAN", "PYTHONIOENCODING")}
    command = [sys.executable, "-m", "rectiplan", "export", "-f", "ics", "--plan", str(BUNDLED)]
    with open("/dev/full", "wb") as full:
        piped = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, env=env, cwd=tmp_path, check=False)
    assert piped.returncode == 4 and piped.stderr.decode().count("\n") == 1
    named = subprocess.run([*command, "-o", "/dev/full"], capture_output=True, env=env, cwd=tmp_path, check=False)
    assert named.returncode == 4 and b"/dev/full" in named.stderr


def test_list_never_imports_the_export_libraries(tmp_path):
    import subprocess

    code = (
        "import sys\nfrom typer.testing import CliRunner\nfrom rectiplan.cli import app\n"
        f"result = CliRunner().invoke(app, ['list', '--plan', {str(BUNDLED)!r}, '-f', 'json'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(name for name in ('icalendar', 'openpyxl', 'docx') if name in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert done.stdout.strip() == "[]"


# --- writing an export file: the core function --------------------------------------------------------------------


def test_a_file_made_while_the_export_was_written_is_not_replaced(tmp_path, monkeypatch):
    from rectiplan.writing import WriteRefused, write_output

    target = tmp_path / "p.md"
    real_fsync = os.fsync

    def someone_else_writes(descriptor: int) -> None:
        real_fsync(descriptor)
        target.write_text("theirs", encoding="utf-8")

    monkeypatch.setattr(os, "fsync", someone_else_writes)
    with pytest.raises(WriteRefused) as refused:
        write_output(target, b"ours", force=False)
    assert refused.value.code == "output.exists"
    assert target.read_text(encoding="utf-8") == "theirs" and sorted(tmp_path.iterdir()) == [target]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX links and modes")
def test_force_through_a_link_replaces_the_file_it_leads_to(tmp_path):
    from rectiplan.writing import write_output

    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real.name)
    write_output(link, b"new", force=True)
    assert link.is_symlink() and real.read_bytes() == b"new"
    fresh = tmp_path / "fresh.csv"
    old_mask = os.umask(0o027)
    try:
        write_output(fresh, b"x", force=False)
    finally:
        os.umask(old_mask)
    assert os.stat(fresh).st_mode & 0o777 == 0o640  # a new file's mode is the umask's, as for any new file


def test_a_pipe_gets_the_files_utf8_bytes_whatever_the_output_encoding(tmp_path):
    import subprocess

    env = {key: value for key, value in os.environ.items() if key != "RECTIPLAN_PLAN"}
    command = [sys.executable, "-m", "rectiplan", "export", "-f", "csv", "--lang", "zh", "--plan", str(BUNDLED)]
    env["PYTHONIOENCODING"] = "latin-1"
    done = subprocess.run(command, capture_output=True, env=env, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("\ufeff序号".encode()) and "农村处".encode() in done.stdout


@pytest.mark.parametrize("fmt", ["json", "md", "csv"])
def test_force_never_writes_over_a_plan_that_was_read(run, tmp_path, fmt):
    plans = tmp_path / "plans"
    plans.mkdir()
    plan = plans / "p.yaml"
    original = plan_text({})
    plan.write_text(original, encoding="utf-8")
    (plans / "link.yml").symlink_to("p.yaml")
    os.link(plan, tmp_path / "hard.yaml")
    for output in ("plans/p.yaml", "plans/link.yml", "hard.yaml", "./plans/../plans//p.yaml", str(plan)):
        result = run("export", "-f", fmt, "-o", output, "--force")
        assert result.exit_code == 2, (output, result.output)
        assert f"{output} is (or leads to) a plan file" in result.stderr and "--force" in result.stderr
        assert plan.read_text(encoding="utf-8") == original
    named = run("export", "-f", fmt, "-o", str(plan), "--force", "--plan", str(plan), "--lang", "zh")
    assert named.exit_code == 2 and "方案文件" in named.stderr
    assert plan.read_text(encoding="utf-8") == original
    assert sorted(path.name for path in plans.iterdir()) == ["link.yml", "p.yaml"]  # no temporary file left


def test_report_docx_never_writes_over_a_plan_that_was_read(run, tmp_path):
    plan = tmp_path / "p.yaml"
    plan.write_text(plan_text({}), encoding="utf-8")
    result = run("report", "-f", "docx", "-o", str(plan), "--force", "--plan", str(plan))
    assert result.exit_code == 2 and "leads to) a plan file" in result.stderr
    assert plan.read_text(encoding="utf-8") == plan_text({})


def test_a_trailing_slash_names_a_folder_and_is_refused(run, tmp_path):
    new = run("export", "-f", "md", "-o", "newdir/", "--plan", str(BUNDLED))
    assert new.exit_code == 2 and "newdir/ ends in a slash" in new.stderr and "newdir/plan.md" in new.stderr
    assert not (tmp_path / "newdir").exists()
    suffixed = run("export", "-o", "out.md/", "--plan", str(BUNDLED))
    assert suffixed.exit_code == 2 and not (tmp_path / "out.md").exists()
    (tmp_path / "exist.md").write_text("mine", encoding="utf-8")
    forced = run("export", "-o", "exist.md/", "--force", "--plan", str(BUNDLED), "--lang", "zh")
    assert forced.exit_code == 2 and "斜杠" in forced.stderr
    assert (tmp_path / "exist.md").read_text(encoding="utf-8") == "mine"
    report = run("report", "-o", "r.md/", "--plan", str(BUNDLED))
    assert report.exit_code == 2 and "ends in a slash" in report.stderr and not (tmp_path / "r.md").exists()


def test_an_empty_output_is_said_to_be_empty(run):
    for args in (["-f", "md"], []):
        result = run("export", *args, "-o", "", "--plan", str(BUNDLED))
        assert result.exit_code == 2 and "an empty -o path" in result.stderr and "folder" not in result.stderr
    report = run("report", "-o", "", "--plan", str(BUNDLED))
    assert report.exit_code == 2 and "an empty -o path" in report.stderr


@pytest.mark.parametrize("fmt", ["md", "csv", "json", "ics", "xlsx"])
def test_with_progress_is_refused_for_formats_other_than_docx(run, tmp_path, fmt):
    result = run("export", "-f", fmt, "-o", f"x.{fmt}", "--with-progress", "--plan", str(BUNDLED))
    assert result.exit_code == 2 and "docx" in result.output and not (tmp_path / f"x.{fmt}").exists()


def test_xlsx_and_docx_are_exported(run, tmp_path):
    for name in ("x.xlsx", "x.docx"):
        result = run("export", "-o", name, "--plan", str(BUNDLED), "--as-of", "2021-09-01")
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).read_bytes().startswith(b"PK")
    progress = run("export", "-o", "p.docx", "--with-progress", "--plan", str(BUNDLED))
    assert progress.exit_code == 0 and (tmp_path / "p.docx").stat().st_size > (tmp_path / "x.docx").stat().st_size
