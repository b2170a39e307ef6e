"""Writing an edit: never half-written, never over someone else's change, the mode and symlinks kept; races and a
killed writer lose nothing."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import plan_text

from rectiplan import writing
from rectiplan.writing import WriteRefused, lock_path, replace_file

OLD = b"old\n"
NEW = b"new\n"


def test_the_new_bytes_replace_the_old_and_nothing_is_left_beside_them(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(OLD)
    replace_file(plan, OLD, NEW)
    assert plan.read_bytes() == NEW
    assert sorted(path.name for path in tmp_path.iterdir()) == ["plan.yaml"]


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(b"someone else's change\n")
    with pytest.raises(WriteRefused) as refused:
        replace_file(plan, OLD, NEW)
    assert refused.value.code == "write.changed"
    assert plan.read_bytes() == b"someone else's change\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["plan.yaml"]


def test_a_lock_held_by_another_edit_refuses_and_is_named(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(OLD)
    lock_path(plan).write_text("12345\n")
    with pytest.raises(WriteRefused) as refused:
        replace_file(plan, OLD, NEW)
    assert refused.value.code == "write.locked"
    assert refused.value.params["lock"] == str(tmp_path / "plan.yaml.lock")
    assert plan.read_bytes() == OLD
    assert lock_path(plan).read_text() == "12345\n"  # someone else's lock is never removed


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="POSIX modes")
def test_the_mode_is_kept(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(OLD)
    plan.chmod(0o640)
    replace_file(plan, OLD, NEW)
    assert stat.S_IMODE(plan.stat().st_mode) == 0o640


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_read_only_plan_is_not_replaced(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(OLD)
    plan.chmod(0o444)
    with pytest.raises(WriteRefused) as refused:
        replace_file(plan, OLD, NEW)
    assert refused.value.code == "write.failed"
    assert plan.read_bytes() == OLD


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_a_symlinked_plan_has_its_target_replaced_and_stays_a_link(tmp_path):
    real = tmp_path / "real" / "plan.yaml"
    real.parent.mkdir()
    real.write_bytes(OLD)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    replace_file(link, OLD, NEW)
    assert link.is_symlink() and real.read_bytes() == NEW
    assert sorted(path.name for path in tmp_path.iterdir()) == ["link.yaml", "real"]


def test_a_failure_before_the_rename_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(OLD)

    def fail(temp: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writing, "AFTER_TEMP_WRITTEN", fail)
    with pytest.raises(WriteRefused) as refused:
        replace_file(plan, OLD, NEW)
    assert refused.value.code == "write.failed"
    assert plan.read_bytes() == OLD
    assert sorted(path.name for path in tmp_path.iterdir()) == ["plan.yaml"]


# --- a killed writer ------------------------------------------------------------------------------------------------

KILLED_AFTER_FSYNC = textwrap.dedent(
    """
    import os, signal, sys
    from rectiplan import writing
    writing.AFTER_TEMP_WRITTEN = lambda temp: os.kill(os.getpid(), signal.SIGKILL)
    from rectiplan.cli import main
    sys.argv = ["rectiplan", *sys.argv[1:]]
    main()
    """
)


def _rectiplan(*args: str, cwd: Path, script: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", script, *args] if script else [sys.executable, "-m", "rectiplan", *args]
    env = {**os.environ, "RECTIPLAN_LANG": "en", "RECTIPLAN_PLAN": ""}
    return subprocess.run(command, check=False, cwd=cwd, capture_output=True, text=True, env=env, timeout=60)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
def test_a_writer_killed_between_temp_file_and_rename_leaves_the_old_file_whole(tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    plan = plans / "week.yaml"
    plan.write_text(plan_text({}), encoding="utf-8")
    before = plan.read_bytes()
    killed = _rectiplan("note", "1", "培训", "--on", "2021-09-01", "--plan", "plans", cwd=tmp_path,
                        script=KILLED_AFTER_FSYNC)  # fmt: skip
    assert killed.returncode == -signal.SIGKILL
    assert plan.read_bytes() == before
    left = sorted(path.name for path in plans.iterdir())
    assert left[0].startswith(".week.yaml.") and left[0].endswith(".tmp")  # fsynced, never renamed
    assert left[1:] == ["week.yaml", "week.yaml.lock"]
    # The folder still reads as the one plan: the temporary file is not a *.yaml file.
    assert _rectiplan("validate", "plans", cwd=tmp_path).returncode == 0
    # The next edit is refused, naming the stale lock and what to do about it...
    refused = _rectiplan("note", "1", "培训", "--on", "2021-09-01", "--plan", "plans", cwd=tmp_path)
    assert refused.returncode == 5
    assert str(plans / "week.yaml.lock") in refused.stderr and "delete" in refused.stderr
    assert plan.read_bytes() == before
    # ...and once the user deletes it, goes through.
    (plans / "week.yaml.lock").unlink()
    done = _rectiplan("note", "1", "培训", "--on", "2021-09-01", "--plan", "plans", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "text: 培训" in plan.read_text(encoding="utf-8")


# --- two writers ----------------------------------------------------------------------------------------------------

NOTE_WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from pathlib import Path
    from rectiplan.edit import EditRefused, add_note, open_plan
    from rectiplan.writing import WriteRefused, replace_file

    path, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    for number in range(count):
        text = f"{name}-{number}"
        try:
            plan = open_plan(path)
            edit = add_note(plan, 1, text, on=date(2021, 9, 1), by=None, today=date(2021, 9, 1))
            replace_file(path, edit.before, edit.after)
        except (EditRefused, WriteRefused) as refused:
            print("refused", text, refused.code, flush=True)
        else:
            print("written", text, flush=True)
    """
)


def test_two_processes_editing_one_file_lose_no_note(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(plan_text({}), encoding="utf-8")
    writers = [
        subprocess.Popen([sys.executable, "-c", NOTE_WRITER, str(plan), name, "30"], stdout=subprocess.PIPE, text=True)
        for name in ("a", "b")
    ]
    outcomes = [line.split() for writer in writers for line in writer.communicate(timeout=120)[0].splitlines()]
    assert all(writer.returncode == 0 for writer in writers)
    assert len(outcomes) == 60
    written = {text for outcome, text, *_ in outcomes if outcome == "written"}
    refused = {text for outcome, text, *_ in outcomes if outcome == "refused"}
    assert {outcome[2] for outcome in outcomes if outcome[0] == "refused"} <= {"write.changed", "write.locked"}
    from rectiplan.validate import load_plan

    result = load_plan(plan)
    assert result.ok
    in_file = [entry.text for entry in result.plan.items[0].progress]
    assert sorted(in_file) == sorted(written)  # every note reported written is there, and no other
    assert not refused & set(in_file)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["plan.yaml"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_a_link_swapped_in_after_the_read_is_not_followed_out_of_the_folder(tmp_path, monkeypatch):
    from datetime import date

    from rectiplan import edit
    from rectiplan.model import Status

    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    (tmp_path / "outside").mkdir()
    content = plan_text({}).encode()
    plan = Path("plans/p.yaml")
    plan.write_bytes(content)
    loaded = edit.open_plan(plan, within=Path("plans"))
    change = edit.set_status(loaded, 1, Status.IN_PROGRESS, today=date(2021, 9, 1))
    victim = tmp_path / "outside" / "victim.yaml"
    victim.write_bytes(content)  # the same bytes: the content check alone cannot tell
    plan.unlink()
    plan.symlink_to(victim)
    with pytest.raises(WriteRefused) as refused:
        replace_file(plan, change.before, change.after, within=loaded.within, identity=loaded.identity)
    assert refused.value.code == "write.moved"
    assert victim.read_bytes() == content
    assert sorted(path.name for path in victim.parent.iterdir()) == ["victim.yaml"]  # no lock, no temporary file


def test_a_file_replaced_by_another_with_the_same_bytes_is_not_written(tmp_path):
    from datetime import date

    from rectiplan import edit
    from rectiplan.model import Status

    content = plan_text({}).encode()
    plan = tmp_path / "p.yaml"
    plan.write_bytes(content)
    loaded = edit.open_plan(plan, within=tmp_path)
    change = edit.set_status(loaded, 1, Status.IN_PROGRESS, today=date(2021, 9, 1))
    other = tmp_path / "other.yaml"
    other.write_bytes(content)
    os.replace(other, plan)
    with pytest.raises(WriteRefused) as refused:
        replace_file(plan, change.before, change.after, within=loaded.within, identity=loaded.identity)
    assert refused.value.code == "write.moved"
    assert plan.read_bytes() == content
    # Unchanged, it is written.
    loaded = edit.open_plan(plan, within=tmp_path)
    replace_file(plan, change.before, change.after, within=loaded.within, identity=loaded.identity)
    assert plan.read_bytes() == change.after
