"""Files as the file system and editors give them: links, special files, races, odd line breaks, huge numbers.

Nothing outside a plan folder is ever read through a link, nothing but a regular file is ever opened for reading,
and every position is the one an editor shows.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUNDLED, plan_text

import rectiplan.source
from rectiplan.validate import load_plan, load_plan_bytes

POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo") or sys.platform == "win32", reason="POSIX file system only")
LOADERS = [pytest.param(None, id="default"), pytest.param("pure", id="pure-python")]


@pytest.fixture(params=LOADERS)
def loader(request, monkeypatch):
    """Each position test runs with libyaml (when present) and with PyYAML's own parser: both must agree."""
    if request.param == "pure":
        monkeypatch.setattr(rectiplan.source, "LOADER", rectiplan.source.PurePythonLoader)


def located(raw: bytes) -> list[tuple[int, int, str]]:
    return [(problem.line, problem.column, problem.code) for problem in load_plan_bytes(raw, "x.yaml").problems]


# --- huge numbers ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("digits", [641, 4301, 50_000])
def test_a_huge_whole_number_is_a_located_problem_not_a_traceback(digits, loader):
    number = "9" * digits
    raw = plan_text({}).replace("  - id: 1\n", f"  - id: {number}\n").encode()
    problems = load_plan_bytes(raw, "x.yaml").problems
    assert [(p.line, p.column, p.code) for p in problems] == [(3, 9, "bad-value")]
    assert f"({digits} digits)" in problems[0].params["value"]


def test_a_huge_number_anywhere_is_typed_without_converting_it(loader):
    number = "-" + "7" * 5000
    raw = f"title: {number}\nitems: {number}\nextra: {number}\nnotes: [{number}]\n".encode()
    assert located(raw) == [(2, 8, "wrong-type"), (3, 1, "unknown-key"), (4, 1, "unknown-key")]
    # Where text is expected it stays the text it is.
    plan = plan_text({"extra": f"    notes: {number}\n"}, header=f"title: {number}\n")
    result = load_plan_bytes(plan.encode(), "x.yaml")
    assert result.problems == []
    assert result.plan.title == number and result.plan.items[0].notes == number


def test_a_huge_number_at_the_top_is_described_as_a_number(run, tmp_path):
    plan = tmp_path / "top.yaml"
    plan.write_text("9" * 5000 + "\n", encoding="utf-8")
    result = run("validate", "--format", "parsable", str(plan))
    assert result.exit_code == 1
    assert (
        result.stdout.splitlines()[0]
        == f"{plan}:1:1: the top level must be a mapping with title and items, not a number [not-a-mapping]"
    )


# --- line breaks ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("odd", ["\x85", "\u2028", "\u2029"])
def test_nel_and_unicode_separators_are_not_line_breaks(odd, loader):
    # YAML 1.2 and editors break lines only at LF, CR and CRLF; the parsers also count these three (YAML 1.1).
    raw = f"title: \"a{odd}b\"\nissuer: 'c{odd}d'\nitems: []\ntpoic: x\n".encode()
    assert located(raw) == [(3, 8, "empty-value"), (4, 1, "unknown-key")]
    raw = f'title: "a{odd}b{odd}c"\nitems: [1, 2\n'.encode()
    assert located(raw) == [(2, 8, "yaml-syntax")]  # the unclosed bracket, where it opens
    raw = f"title: a{odd}b: c\n".encode()  # in a plain scalar the parsers see a second key, on a line of its own
    assert (1, 10, "unknown-key") in located(raw)


@pytest.mark.parametrize("newline", ["\r", "\r\n"])
def test_old_mac_and_windows_line_ends_locate_every_kind_of_problem(newline, loader):
    raw = "title: x\nitems: []\ntpoic: y\nbad: \x01\n".replace("\n", newline).encode()
    assert located(raw) == [(4, 6, "yaml-syntax")]  # a reader error, counted from a byte offset
    raw = "title: x\nitems: []\ntpoic: y\ntpoic: z\n".replace("\n", newline).encode()
    assert located(raw) == [(2, 8, "empty-value"), (3, 1, "unknown-key"), (4, 1, "duplicate-key")]
    raw = "title: x\n\n\nitems: [\xff]\n".replace("\n", newline).encode("latin-1")
    assert located(raw) == [(4, 9, "encoding")]


def test_the_excerpt_shows_the_line_that_is_reported(run, tmp_path):
    plan = tmp_path / "odd.yaml"
    plan.write_bytes('title: "甲\u2028乙"\rissuer: "丙\x85丁"\r\nitems: []\rtpoic: x\r'.encode())
    lines = run("validate", str(plan)).stdout.splitlines()
    assert lines[0] == f"{plan}:3:8: must not be empty [empty-value]"
    assert lines[1] == "    3 | items: []"
    assert lines[3] == f'{plan}:4:1: unknown key "tpoic" [unknown-key]'
    assert lines[4] == "    4 | tpoic: x"


def test_the_loaded_text_keeps_its_encoding_bom_and_line_ends():
    from rectiplan.source import parse_document

    doc = parse_document(b"\xef\xbb\xbftitle: x\r\nitems: []\r\n", "x.yaml")
    assert (doc.text, doc.encoding, doc.bom, doc.newline) == ("title: x\r\nitems: []\r\n", "utf-8", True, "\r\n")
    doc = parse_document("title: 甲\ritems: []\r".encode("utf-16"), "x.yaml")
    assert (doc.text, doc.encoding, doc.bom, doc.newline) == ("title: 甲\ritems: []\r", "utf-16", True, "\r")


# --- excerpts come from what was validated --------------------------------------------------------------------


def test_excerpts_show_the_validated_text_even_if_the_file_changes_after(run, tmp_path, monkeypatch):
    import rectiplan.validate

    plan = tmp_path / "plan.yaml"
    plan.write_text("titel: 原来的内容\nitems: []\n", encoding="utf-8")
    original = rectiplan.validate.load_plan

    def load_then_replace(*args, **kwargs):
        result = original(*args, **kwargs)
        plan.write_text("titel: 别的文件\nitems: []\n", encoding="utf-8")
        return result

    monkeypatch.setattr(rectiplan.validate, "load_plan", load_then_replace)
    out = run("validate", str(plan)).stdout
    assert "    1 | titel: 原来的内容" in out and "别的文件" not in out


def test_two_files_shown_under_one_name_each_get_their_own_excerpt(run, tmp_path, monkeypatch):
    import rectiplan.validate

    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("titel: 第一个\nitems: []\n", encoding="utf-8")
    second.write_text("title: x\nitems: []\nnote: 第二个\n", encoding="utf-8")
    original = rectiplan.validate.load_plan
    monkeypatch.setattr(
        rectiplan.validate, "load_plan", lambda path, display=None, **kw: original(path, "plan.yaml", **kw)
    )
    lines = run("validate", str(first), str(second)).stdout.splitlines()
    assert "    1 | titel: 第一个" in lines and "    3 | note: 第二个" in lines
    assert "    1 | title: x" not in lines


# --- links and special files ------------------------------------------------------------------------------------


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "good.yaml").write_text(plan_text({}), encoding="utf-8")
    return folder


def secret(tmp_path: Path) -> Path:
    outside = tmp_path / "secret.txt"
    outside.write_text("PASSWORD=hunter2\ntitle: leaked\n", encoding="utf-8")
    return outside


@POSIX
@pytest.mark.parametrize("where", ["plans", "named-folder", "env"])
def test_a_link_out_of_the_plan_folder_is_refused_and_never_shown(run, tmp_path, plans, where):
    (plans / "x.yaml").symlink_to(secret(tmp_path))
    args, env = ["validate"], {}
    if where == "named-folder":
        args.append(str(plans))
    elif where == "env":
        env["RECTIPLAN_PLAN"] = str(plans)
    result = run(*args, env=env)
    assert result.exit_code == 2
    assert "hunter2" not in result.output and "leaked" not in result.output
    shown = "plans/x.yaml" if where == "plans" else str(plans / "x.yaml")
    folder = "plans" if where == "plans" else str(plans)
    assert (
        f"{shown}: not read: a symbolic link that leads out of the folder {folder} [symlink-refused]" in result.stdout
    )
    listed = (
        run("list", "-f", "json", plan=None, env=env)
        if where != "named-folder"
        else run("list", "-f", "json", plan=plans)
    )
    assert listed.exit_code == 2 and "hunter2" not in listed.output


@POSIX
def test_a_link_to_proc_environ_is_refused(run, tmp_path, plans, monkeypatch):
    if not os.path.exists("/proc/self/environ"):
        pytest.skip("no /proc")
    monkeypatch.setenv("RECTIPLAN_TEST_SECRET", "s3cr3t-value")
    (plans / "x.yaml").symlink_to("/proc/self/environ")
    result = run("validate", "--format", "pretty")
    assert result.exit_code == 2 and "s3cr3t-value" not in result.output
    assert "[symlink-refused]" in result.stdout


@POSIX
def test_a_link_inside_the_folder_is_read_and_one_to_a_special_file_refused(run, tmp_path, plans):
    (plans / "alias.yml").symlink_to("good.yaml")
    sub = plans / "sub"
    sub.mkdir()
    (sub / "deep.yaml").write_text(plan_text({}), encoding="utf-8")
    (plans / "deep.yaml").symlink_to(sub / "deep.yaml")
    assert run("validate", str(plans)).exit_code == 0  # the same file twice is read once
    os.mkfifo(plans / "pipe")
    (plans / "pipe.yaml").symlink_to(plans / "pipe")
    result = run("validate", "--format", "parsable", str(plans))
    assert result.exit_code == 2
    assert (
        f"{plans / 'pipe.yaml'}: not read: a symbolic link to what is not a regular file (a FIFO or device) [symlink-refused]"
        in result.stdout
    )


@POSIX
def test_a_link_named_on_the_command_line_must_stay_in_its_own_folder(run, tmp_path):
    # CI names files by a glob (`validate plans/*.yaml`) or from a diff: a link from a merge request arrives so too.
    folder = tmp_path / "plans"
    folder.mkdir()
    link = folder / "x.yaml"
    link.symlink_to(secret(tmp_path))
    result = run("validate", "--format", "pretty", str(link))
    assert result.exit_code == 2 and "hunter2" not in result.output
    assert f"{link}: not read: a symbolic link that leads out of the folder {folder} [symlink-refused]" in result.stdout
    # The file itself, named, is read; and a link beside its target is followed.
    assert run("validate", "--format", "parsable", str(tmp_path / "secret.txt")).exit_code == 1
    (folder / "real.yaml").write_text(plan_text({}), encoding="utf-8")
    (folder / "alias.yaml").symlink_to("real.yaml")
    assert run("list", plan=folder / "alias.yaml").exit_code == 0
    if os.path.exists("/dev/zero"):
        device = tmp_path / "zero.yaml"
        device.symlink_to("/dev/zero")
        assert "[symlink-refused]" in run("validate", str(device)).stdout


@POSIX
@pytest.mark.parametrize("how", ["plan", "env", "validate"])
def test_a_link_loop_is_a_located_file_error(run, tmp_path, how):
    loop = tmp_path / "loop"
    loop.symlink_to("loop")
    if how == "plan":
        result = run("list", plan=loop)
    elif how == "env":
        result = run("list", plan=None, env={"RECTIPLAN_PLAN": str(loop)})
    else:
        result = run("validate", str(loop))
    assert result.exit_code == 2
    assert f"{loop}: cannot read the file: Too many levels of symbolic links [file-unreadable]" in result.output


@POSIX
def test_discovery_says_what_it_skipped_and_reads_upper_case_suffixes(run, tmp_path, plans):
    (plans / "UPPER.YAML").write_text(plan_text({"deadline": "2021-02-01"}), encoding="utf-8")
    (plans / "dangling.yaml").symlink_to(tmp_path / "nowhere")
    (plans / "loop.yml").symlink_to("loop.yml")
    (plans / "folder.yaml").mkdir()
    os.mkfifo(plans / "fifo.yaml")
    result = run("list", "-f", "json", plan=None)
    assert result.exit_code == 0
    assert sorted(record["plan"] for record in json.loads(result.stdout)) == ["plans/UPPER.YAML", "plans/good.yaml"]
    assert result.stderr.splitlines() == [
        "rectiplan: skipped plans/dangling.yaml: a symbolic link to nothing",
        "rectiplan: skipped plans/fifo.yaml: not a regular file (a FIFO, socket or device)",
        "rectiplan: skipped plans/folder.yaml: a folder, not a plan file",
        "rectiplan: skipped plans/loop.yml: a symbolic link that loops",
    ]
    zh = run("validate", env={"RECTIPLAN_LANG": "zh"})
    assert "rectiplan: 已跳过 plans/folder.yaml：这是文件夹，不是方案文件" in zh.stderr.splitlines()


def test_an_empty_plan_path_is_a_usage_error(run):
    for args in (["list", "--plan", ""], ["validate", ""], ["show", "1", "-p", ""]):
        result = run(*args, plan=None)
        assert result.exit_code == 2, args
        assert "an empty plan path was given" in result.stderr
        assert result.stdout == ""


def test_reading_the_bundled_plan_is_said_on_stderr(run, tmp_path):
    (tmp_path / "my_plan.yaml").write_text(plan_text({}), encoding="utf-8")
    result = run("list", "-f", "json", plan=None)
    assert len(json.loads(result.stdout)) == 31
    [line] = result.stderr.splitlines()
    assert line.startswith(
        "rectiplan: no --plan, $RECTIPLAN_PLAN or plans/*.yaml here: reading the bundled example plan "
    )
    assert "自带的示例方案" in run("overdue", plan=None, env={"RECTIPLAN_LANG": "zh"}).stderr
    assert run("list", "-f", "json", plan=BUNDLED).stderr == ""


# --- one bad plan among good ones ------------------------------------------------------------------------------


def test_one_invalid_plan_does_not_hide_the_answer_from_the_others(run, tmp_path, plans):
    (plans / "bad.yaml").write_text(plan_text({}).replace("topic:", "tpoic:"), encoding="utf-8")
    result = run("list", "-f", "json", plan=None)
    assert result.exit_code == 1
    assert [record["plan"] for record in json.loads(result.stdout)] == ["plans/good.yaml"]
    assert 'plans/bad.yaml:4:5: unknown key "tpoic"; did you mean "topic"? [unknown-key]' in result.stderr
    assert (
        "plans/bad.yaml: the plan has problems and is left out; the answer is from the other plans only"
        in result.stderr
    )
    show = run("show", "1", "-f", "json", plan=None)
    assert show.exit_code == 1 and json.loads(show.stdout)[0]["plan"] == "plans/good.yaml"
    # Plan problems (1) win over overdue items (3); a usage error (2) still wins over both.
    assert run("overdue", "--as-of", "2022-01-01", "--fail-on-overdue", plan=None).exit_code == 1
    assert run("list", "--division", "没有这个处", plan=None).exit_code == 2


@POSIX
def test_a_file_error_among_valid_plans_exits_2_after_the_answer(run, tmp_path, plans):
    (plans / "x.yaml").symlink_to(secret(tmp_path))
    result = run("list", "-f", "json", plan=None)
    assert result.exit_code == 2
    assert [record["plan"] for record in json.loads(result.stdout)] == ["plans/good.yaml"]


def test_when_every_plan_is_invalid_nothing_is_answered(run, write_plan):
    bad = write_plan("title: x\n")
    result = run("list", plan=bad)
    assert result.exit_code == 1 and result.stdout == ""
    assert "the plan has problems; run `rectiplan validate` for details" in result.stderr


# --- FIFOs and races --------------------------------------------------------------------------------------------


@POSIX
def test_a_fifo_in_place_of_the_file_after_the_first_look_is_refused_without_blocking(tmp_path, monkeypatch):
    """The check that counts is fstat of what was opened: a FIFO swapped in after os.stat must not block open()."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(plan_text({}), encoding="utf-8")
    real_stat = os.stat

    def stat_then_swap(path, *args, **kwargs):
        result = real_stat(path, *args, **kwargs)
        if Path(path) == plan:
            plan.unlink()
            os.mkfifo(plan)
        return result

    monkeypatch.setattr(rectiplan.source.os, "stat", stat_then_swap)

    def hung(signum, frame):
        raise TimeoutError("open() blocked on a FIFO")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(5)  # a blocking open() would hang the suite: end it with an error instead
    try:
        result = load_plan(plan)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert [(p.code, p.params.get("reason")) for p in result.problems] == [("file-unreadable", "not a regular file")]


# Swaps the path between a regular file and a FIFO as fast as the file system allows, each swap one rename.
SWAPPER = """
import os, sys
path = sys.argv[1]
regular, fifo, spare = path + ".regular", path + ".fifo", path + ".spare"
with open(regular, "w") as handle:
    handle.write("title: x\\nitems: []\\n")
os.mkfifo(fifo)
while True:
    for source in (regular, fifo):
        os.link(source, spare)
        os.replace(spare, path)
"""
LOADER_LOOP = """
import sys
from rectiplan.validate import load_plan
codes = set()
for _ in range(int(sys.argv[2])):
    codes.update(problem.code for problem in load_plan(sys.argv[1]).problems)
print(sorted(codes))
"""


@POSIX
def test_swapping_a_file_and_a_fifo_never_hangs(tmp_path):
    path = str(tmp_path / "plan.yaml")
    swapper = subprocess.Popen([sys.executable, "-c", SWAPPER, path])  # another process: truly at the same time
    try:
        # In a subprocess with a timeout: a hang must fail this test, not stop the suite.
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        done = subprocess.run(
            [sys.executable, "-c", LOADER_LOOP, path, "5000"],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            check=False,
        )
    finally:
        swapper.kill()
        swapper.wait()
    assert done.returncode == 0, done.stderr
    assert set(eval(done.stdout)) <= {"file-unreadable", "file-not-found", "empty-value", "empty-file", "yaml-syntax"}


# --- scale -------------------------------------------------------------------------------------------------------


def test_a_file_with_more_values_than_a_plan_can_need_is_refused_before_parsing(run, tmp_path, monkeypatch):
    monkeypatch.setattr(rectiplan.source, "MAX_VALUE_MARKS", 50)
    plan = tmp_path / "flow.yaml"
    plan.write_text("title: x\nitems: [" + ",".join(["a"] * 60) + "]\n", encoding="utf-8")
    result = run("validate", str(plan))
    assert result.exit_code == 2
    assert result.stdout.splitlines()[0] == (
        f"{plan}: the file has 65 places where a YAML value can start (lines, commas, brackets, dashes, colons), "
        "over the 50 a plan can need (a 100,000-item plan has 3.7 million); it is not parsed [too-many-values]"
    )


# The peak is the process's own VmHWM: Linux carries ru_maxrss over fork and exec, so getrusage in the child said
# how big the pytest process that started it had grown (156 MB in a full run: a failure with nothing to do with it).
PEAK_MEMORY = """
import re, sys
from pathlib import Path
from rectiplan.validate import load_plan
codes = [problem.code for problem in load_plan(Path(sys.argv[1])).problems]
status = Path("/proc/self/status").read_text()
print(codes, re.search(r"VmHWM:\\s*(\\d+) kB", status)[1])
"""


@pytest.mark.skipif(sys.platform != "linux", reason="/proc/self/status is Linux's")
def test_a_long_flow_sequence_cannot_cost_150_times_its_size(tmp_path):
    plan = tmp_path / "flow.yaml"
    with plan.open("w", encoding="utf-8") as handle:  # 12 MB: 6 million values of one letter each
        handle.write("title: x\nitems: [" + ",".join(["a"] * 6_000_000) + "]\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", PEAK_MEMORY, str(plan)], capture_output=True, text=True, env=env,
                          timeout=120, check=True)  # fmt: skip
    codes, peak_kib = done.stdout.rsplit(" ", 1)
    assert codes == "['too-many-values']"
    # Refused after counting: the file read once (12 MB) plus the interpreter, not 1.8 GB of nodes.
    assert int(peak_kib) < 150 * 1024


def test_exit_precedence_follows_the_readme_and_lets_other_endings_through():
    from rectiplan.cli.session import first_in_precedence

    assert first_in_precedence(1, 2) == 2 and first_in_precedence(3, 1) == 1 and first_in_precedence(0, 3) == 3
    # A status outside the README's order (an output error, Ctrl-C's 130) says the answer did not get through.
    assert first_in_precedence(1, 130) == 130 and first_in_precedence(4, 2) == 4


@POSIX
def test_a_skipped_name_cannot_drive_the_terminal(run, tmp_path, plans):
    (plans / "evil\x1b]0;pwned\x07.yaml").mkdir()
    result = run("list", "-f", "json", plan=None)
    assert result.exit_code == 0
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr and "skipped plans/evil" in result.stderr


# --- links to folders, plans/ as a link, and reading each file once ----------------------------------------------


def secret_folder(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "creds.yaml").write_text("SECRET_TOKEN: hunter2\n", encoding="utf-8")
    return outside


@POSIX
@pytest.mark.parametrize("how", ["validate", "env", "plan"])
def test_a_link_to_an_outside_folder_named_directly_is_refused_unread(run, tmp_path, plans, how):
    evil = plans / "evil.yaml"
    evil.symlink_to(secret_folder(tmp_path))
    if how == "validate":
        result = run("validate", "--format", "pretty", str(plans / "good.yaml"), str(evil))
    elif how == "env":
        result = run("list", plan=None, env={"RECTIPLAN_PLAN": str(evil)})
    else:
        result = run("list", plan=evil)
    assert result.exit_code == 2
    assert "hunter2" not in result.output and "SECRET_TOKEN" not in result.output
    assert f"{evil}: not read: a symbolic link that leads out of the folder {plans} [symlink-refused]" in result.output


@POSIX
def test_a_link_to_a_folder_inside_its_own_folder_is_listed(run, tmp_path, plans):
    real = plans / "real"
    real.mkdir()
    (real / "one.yaml").write_text(plan_text({}), encoding="utf-8")
    (plans / "alias").symlink_to("real")
    result = run("validate", "--format", "parsable", str(plans / "alias"))
    assert result.exit_code == 0, result.output


@POSIX
@pytest.mark.parametrize("how", ["default", "named-file", "named-folder", "env"])
def test_plans_as_a_link_out_of_the_current_folder_is_refused(run, tmp_path, how):
    outside = secret_folder(tmp_path)
    here = tmp_path / "repo"
    here.mkdir()
    (here / "plans").symlink_to(outside)
    os.chdir(here)
    if how == "default":
        result = run("list", plan=None)
    elif how == "named-file":
        result = run("validate", "plans/creds.yaml")
    elif how == "named-folder":
        result = run("validate", "plans")
    else:
        result = run("list", plan=None, env={"RECTIPLAN_PLAN": "plans/creds.yaml"})
    assert result.exit_code == 2, result.output
    assert "hunter2" not in result.output and "SECRET_TOKEN" not in result.output
    assert "plans: not read: a symbolic link that leads out of the folder . [symlink-refused]" in result.output


@POSIX
def test_plans_as_a_link_to_a_folder_beside_it_is_read(run, tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.yaml").write_text(plan_text({}), encoding="utf-8")
    (tmp_path / "plans").symlink_to("real")
    assert run("list", "-f", "json", plan=None).exit_code == 0
    assert run("validate", "plans/a.yaml").exit_code == 0


@POSIX
def test_the_default_plans_folder_reads_a_linked_file_once(run, tmp_path, plans):
    (plans / "zlink.yaml").symlink_to("good.yaml")
    result = run("list", "-f", "json", plan=None)
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 1
    assert run("note", "1", "progress made", "--on", "2021-01-05", plan=None).exit_code == 0


@POSIX
def test_a_refused_link_does_not_stand_for_its_target_named_beside_it(run, tmp_path, plans):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "s.yaml").write_text(plan_text({}) + "title: [bad\n", encoding="utf-8")
    (plans / "s.yaml").symlink_to("../shared/s.yaml")
    result = run("validate", "--format", "parsable", "plans/s.yaml", "shared/s.yaml")
    assert result.exit_code == 2
    assert (
        "plans/s.yaml: not read: a symbolic link that leads out of the folder plans [symlink-refused]" in result.stdout
    )
    assert "shared/s.yaml:" in result.stdout.replace("plans/s.yaml", "")
    assert "[yaml-syntax]" in result.stdout


# --- bounded output -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [2_000, 8_000])
def test_problem_output_grows_linearly_with_the_file(run, tmp_path, count):
    # One long line with a problem at every value printed the whole line under each: 192 MB from 16 KB.
    path = tmp_path / "f.yaml"
    path.write_text("title: T\nitems: [" + ",".join(["1"] * count) + "]\n", encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 1
    # Each shown problem costs its line and a bounded excerpt, the rest one line in all: the same bound for 2,000
    # problems as for 8,000 (was the whole 4-16 KB line under each).
    assert len(result.stdout) < 1_000 * (len(str(path)) + 300)
    assert f"{count} problem(s) in 1 of 1 plan file(s)" in result.stdout
    assert f"{path}: {count - 1000} more problem(s) not shown" in result.stdout
    assert result.stdout.count("[wrong-type]") == 1000
    parsable = run("validate", "--format", "parsable", str(path))
    assert parsable.stdout.count("[wrong-type]") == count


def test_an_excerpt_is_a_window_around_the_fault_with_the_caret_under_it(run, tmp_path):
    path = tmp_path / "w.yaml"
    topic = "整改" * 100
    path.write_text(plan_text({"extra": f"    bogus: {topic}x{topic}\n"}), encoding="utf-8")
    lines = run("validate", str(path)).stdout.splitlines()
    at = next(index for index, line in enumerate(lines) if "[unknown-key]" in line)
    source, caret = lines[at + 1], lines[at + 2]
    assert source.endswith("…") and len(source) < 100
    assert caret.index("^") == source.index("bogus")
    # A fault far to the right of a long line: the window is cut on the left, and the caret still lands on it.
    path.write_text("title: T\nitems: [" + ",".join(["1"] * 200) + ",整改]\n", encoding="utf-8")
    lines = run("validate", str(path)).stdout.splitlines()
    at = max(index for index, line in enumerate(lines) if ":2:" in line)
    source, caret = lines[at + 1], lines[at + 2]
    assert source.startswith("    2 | …")
    from rectiplan.report import _display_width

    assert _display_width(source[: caret.index("^") - 0]) <= 90
    assert source[len("    2 | ") :].count("整") <= 1


# --- encodings ------------------------------------------------------------------------------------------------


def test_an_encoding_error_after_a_bom_is_placed_as_without_it():
    body = plan_text({}).replace("问题1", "整改 caf\xe9").encode("utf-8").replace(b"caf\xc3\xa9", b"caf\xe9")
    plain = load_plan_bytes(body, "x.yaml").problems
    with_bom = load_plan_bytes(b"\xef\xbb\xbf" + body, "x.yaml").problems
    assert [(p.line, p.column, p.params["byte"]) for p in plain] == [(5, 18, 0xE9)]
    assert [(p.line, p.column, p.params["byte"]) for p in with_bom] == [(5, 18, 0xE9)]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_named_as_such(run, tmp_path, codec):
    path = tmp_path / "u.yaml"
    path.write_bytes(plan_text({}).encode(codec))
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert "it is UTF-16 without a byte order mark" in result.stdout and "[encoding]" in result.stdout
    assert f"iconv -f {codec.upper().replace('-LE', 'LE').replace('-BE', 'BE')} -t UTF-8" in result.stdout
    assert "control characters" not in result.stdout


def test_a_hard_link_to_a_plan_is_read_once(tmp_path, monkeypatch):
    # Found in review: plans/a.yaml and a hard link plans/h.yaml counted every item twice.
    from typer.testing import CliRunner

    from rectiplan.cli import app

    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "a.yaml").write_text(plan_text({}), encoding="utf-8")
    os.link(folder / "a.yaml", folder / "h.yaml")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate", "--lang", "en"], catch_exceptions=False)
    assert result.exit_code == 0 and "1 plan file" in result.output


def test_columns_zero_means_a_terminal_of_unknown_size(tmp_path):
    # COLUMNS=0 (or a pty of size 0) says nothing about the width: the usual 80, not a character a line.
    from typer.testing import CliRunner

    from rectiplan.cli import app

    plan = tmp_path / "p.yaml"
    plan.write_text(plan_text({}), encoding="utf-8")
    for command in (["list", "--plan", str(plan)], ["-h"]):
        result = CliRunner().invoke(app, command, env={"COLUMNS": "0"}, catch_exceptions=False)
        assert result.exit_code == 0
        assert max(len(line) for line in result.output.splitlines()) > 40


def test_json_escapes_what_would_reorder_or_hide_text(tmp_path):
    # Bidi controls and zero-width characters in a plan reach a terminal through JSON too: written as \uXXXX.
    import json

    from typer.testing import CliRunner

    from rectiplan.cli import app

    issue = "整改\u202e内容\u200b\u2066x\u2069"
    plan = tmp_path / "p.yaml"
    text = plan_text({})
    plan.write_text(
        text.replace("    issue: ", f"    issue: {json.dumps(issue, ensure_ascii=False)}  # ", 1), encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["list", "--plan", str(plan), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0
    assert not any(char in result.output for char in "\u202e\u200b\u2066\u2069")
    assert "\\u202e" in result.output and json.loads(result.output)[0]["issue"] == issue
