"""rectiplan as a library: every function of `rectiplan.api` on temporary copies of the bundled plan, with a fixed
`today`; typed errors instead of exits; nothing printed; the garbage collector left to the caller."""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import BUNDLED, plan_text

import rectiplan
from rectiplan import api
from rectiplan.model import Status

TODAY = date(2021, 9, 1)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    path = tmp_path / "week.yaml"
    shutil.copyfile(BUNDLED, path)
    return path


@pytest.fixture
def loaded(copy: Path) -> rectiplan.Loaded:
    return rectiplan.load_plans(copy)


# --- loading ---------------------------------------------------------------------------------------------------------


def test_load_plans_reads_a_named_file(loaded, copy):
    assert loaded.ok and loaded.problems == [] and not loaded.bundled
    [(path, plan)] = loaded.plans
    assert path == str(copy) and len(plan.items) == 31 and len(loaded.entries) == 31


def test_load_plans_without_paths_discovers_as_the_cli_does(tmp_path, copy):
    (tmp_path / "plans").mkdir()
    shutil.copyfile(copy, tmp_path / "plans" / "a.yaml")
    found = rectiplan.load_plans(cwd=tmp_path, environ={})
    assert [path for path, _ in found.plans] == [str(Path("plans") / "a.yaml")]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert rectiplan.load_plans(cwd=empty, environ={}).bundled
    assert rectiplan.load_plans(cwd=empty, environ={"RECTIPLAN_PLAN": str(copy)}).plans[0][0] == str(copy)


def test_a_bad_plan_is_data_not_an_exception(tmp_path, copy):
    broken = tmp_path / "broken.yaml"
    broken.write_text(plan_text({"deadline": "2021-02-30"}), encoding="utf-8")
    found = rectiplan.load_plans([copy, broken])
    assert not found.ok and len(found.plans) == 1
    [problem] = found.problems
    assert isinstance(problem, rectiplan.Problem) and (problem.path, problem.code) == (str(broken), "bad-date")
    assert found.errors == [problem]
    assert [p.code for p in rectiplan.load_plans(tmp_path / "missing.yaml").problems] == ["file-not-found"]


def test_a_folder_without_plans_and_an_empty_path_raise_typed_errors(tmp_path):
    with pytest.raises(rectiplan.DiscoveryError) as raised:
        rectiplan.load_plans(tmp_path)
    assert isinstance(raised.value, rectiplan.RectiplanError) and str(tmp_path) in str(raised.value)
    with pytest.raises(rectiplan.EmptyPathError):
        rectiplan.load_plans([""])


# --- selection and questions -----------------------------------------------------------------------------------------


def test_select_filters_as_the_cli_does(loaded):
    assert len(rectiplan.select(loaded)) == 31
    rural = rectiplan.select(loaded, division="农村处")
    assert rural and all("农村处" in entry.item.all_divisions() for entry in rural)
    by_two = rectiplan.select(loaded, division=["农村处", "社发处"])
    assert len(by_two) > len(rural)
    assert {entry.item.id for entry in rectiplan.select(loaded, person="潘红雄")} >= {1}
    assert rectiplan.select(loaded, status="done", as_of=TODAY) == []
    assert len(rectiplan.select(loaded, status=[Status.PENDING, "进行中"], as_of=TODAY)) == 31
    due = rectiplan.select(loaded, due_before=date(2021, 8, 31), due_after=date(2021, 5, 1), as_of=TODAY)
    assert sorted(entry.item.deadline for entry in due) == [date(2021, 6, 30), date(2021, 8, 31), date(2021, 8, 31)]
    # the same entries, given as entries
    assert rectiplan.select(loaded.entries, division="农村处") == rural


def test_unknown_names_raise_typed_errors_with_the_nearest_name(loaded):
    with pytest.raises(rectiplan.UnknownDivision) as division:
        rectiplan.select(loaded, division="农村")
    assert (division.value.name, division.value.suggestion) == ("农村", "农村处")
    assert "农村处" in division.value.known
    assert str(division.value).startswith("unknown division '农村' (did you mean '农村处'?)")
    assert division.value.message("zh").startswith("未知的责任处室“农村”（是否指“农村处”？）")
    with pytest.raises(rectiplan.UnknownPerson) as person:
        rectiplan.select(loaded, person="潘红")
    assert person.value.suggestion == "潘红雄"
    with pytest.raises(rectiplan.UnknownStatus) as status:
        rectiplan.select(loaded, status="完成")
    assert status.value.suggestion == "已完成"
    for error in (division.value, person.value, status.value):
        assert isinstance(error, rectiplan.UnknownName) and isinstance(error, rectiplan.RectiplanError)


def test_overdue_due_soon_and_summarize_take_the_date(loaded):
    assert rectiplan.overdue(loaded, as_of=date(2021, 4, 30)) == []
    late = rectiplan.overdue(loaded, as_of=date(2021, 9, 1))
    assert [(found.entry.item.id, found.days_overdue) for found in late][:1] == [(late[0].entry.item.id, 124)]
    assert len(late) == 4 and all(found.as_of == date(2021, 9, 1) for found in late)
    assert len(rectiplan.overdue(loaded, as_of=date(2021, 12, 31))) == 31
    soon = rectiplan.due_soon(loaded, within=30, as_of=date(2021, 8, 15))
    assert len(soon) == 4 and (soon[0].entry.item.id, soon[0].tracking.days_overdue) == (29, 107)
    summary = rectiplan.summarize(loaded, as_of=TODAY)
    assert summary.total.total == 31 and summary.total.overdue == 4 and summary.as_of == (TODAY,)
    assert summary.groups[0].name == "农村处"
    assert rectiplan.summarize(loaded, by="month", as_of=TODAY).groups[0].name == "2021-04"


def test_a_bad_within_or_grouping_raises_a_typed_error_in_both_languages(loaded):
    with pytest.raises(rectiplan.UnknownGrouping) as grouping:
        rectiplan.summarize(loaded, by="colour")
    assert grouping.value.name == "colour" and grouping.value.known == ["division", "person", "topic", "month"]
    assert str(grouping.value) == "cannot group by 'colour': group by division, person, topic, month"
    assert grouping.value.message("zh") == "无法按“colour”分组：可按 division、person、topic、month 分组"
    with pytest.raises(rectiplan.NegativeDays) as negative:
        rectiplan.due_soon(loaded, within=-1)
    assert negative.value.value == -1
    assert str(negative.value) == "-1 is not a number of days: give 0 or more"
    assert negative.value.message("zh") == "-1 不是有效的天数：请给出 0 或更大的整数"
    for error in (grouping.value, negative.value):
        # Typed, and still the ValueError an argument out of range has always been.
        assert isinstance(error, rectiplan.RectiplanError) and isinstance(error, ValueError)


# --- the 台账 edits --------------------------------------------------------------------------------------------------


def test_each_edit_writes_the_file_and_returns_what_changed(copy):
    started = rectiplan.start(copy, 1, today=TODAY)
    assert started.changed and started.action == "edit.started" and started.item_id == 1
    assert copy.read_bytes() == started.after
    assert _item(copy, 1).status is Status.IN_PROGRESS
    assert rectiplan.start(copy, 1, today=TODAY).action == "edit.unchanged"

    noted = rectiplan.note(copy, 1, "培训班已筹备", by="潘红雄", today=TODAY)
    assert noted.params["date"] == "2021-09-01" and _item(copy, 1).progress[-1].text == "培训班已筹备"

    extended = rectiplan.extend(copy, 5, to=date(2021, 10, 31), reason="疫情延后", today=TODAY)
    assert extended.params["previous"] == "2021-08-31"
    [extension] = _item(copy, 5).extensions
    assert (extension.to, extension.approved_on) == (date(2021, 10, 31), TODAY)  # approved today, as the CLI does

    assert rectiplan.attach(copy, 1, ["培训通知.pdf", "签到表.pdf"]).params["count"] == 2
    done = rectiplan.done(copy, 1, on=date(2021, 8, 30), today=TODAY)
    assert done.action == "edit.done" and _item(copy, 1).done_on == date(2021, 8, 30)
    closed = rectiplan.close(copy, 1, today=TODAY)
    assert closed.params["date"] == "2021-09-01" and _item(copy, 1).closed_on == TODAY

    assert rectiplan.set_status(copy, 3, "长期坚持", today=TODAY).params["status"] == "ongoing"
    assert _item(copy, 3).status is Status.ONGOING
    assert rectiplan.load_plans(copy).ok


def test_dry_run_writes_nothing(copy):
    before = copy.read_bytes()
    edit = rectiplan.start(copy, 6, today=TODAY, dry_run=True)
    assert edit.changed and copy.read_bytes() == before
    assert "+    status: in_progress" in edit.diff()


def test_a_refused_edit_raises_and_leaves_the_file(copy, tmp_path):
    before = copy.read_bytes()
    refusals = {
        "edit.close_not_done": lambda: rectiplan.close(copy, 4, today=TODAY),
        "edit.future": lambda: rectiplan.done(copy, 4, on=date(2021, 9, 2), today=TODAY),
        "edit.no_item": lambda: rectiplan.start(copy, 99, today=TODAY),
        "edit.not_later": lambda: rectiplan.extend(copy, 4, to=date(2021, 1, 1), reason="x", today=TODAY),
        "error.empty_text": lambda: rectiplan.note(copy, 4, "  ", today=TODAY),
        "edit.bundled": lambda: rectiplan.start(BUNDLED, 1, today=TODAY),
    }
    for code, attempt in refusals.items():
        with pytest.raises(rectiplan.EditRefused) as refused:
            attempt()
        assert refused.value.code == code and isinstance(refused.value, rectiplan.RectiplanError)
        assert str(refused.value) != code, "the English message, not the key"
    assert copy.read_bytes() == before
    broken = tmp_path / "broken.yaml"
    broken.write_text(plan_text({"deadline": "2021-02-30"}), encoding="utf-8")
    with pytest.raises(rectiplan.EditRefused) as invalid:
        rectiplan.start(broken, 1, today=TODAY)
    assert invalid.value.code == "edit.invalid_plan" and [p.code for p in invalid.value.problems] == ["bad-date"]


def test_an_edit_of_a_file_that_cannot_be_read_says_why_in_both_languages(tmp_path):
    missing = tmp_path / "missing.yaml"
    with pytest.raises(rectiplan.EditRefused) as refused:
        rectiplan.note(missing, 1, "已部署", today=TODAY)
    assert refused.value.code == "edit.unreadable_plan"
    assert [problem.code for problem in refused.value.problems] == ["file-not-found"]
    assert str(refused.value) == f"{missing}: file not found [file-not-found]; nothing was edited"
    assert refused.value.message("zh") == f"{missing}：文件不存在 [file-not-found]，未作修改"
    assert not missing.exists()
    with pytest.raises(rectiplan.EditRefused) as folder:
        rectiplan.done(tmp_path, 1, today=TODAY)
    assert folder.value.code == "edit.unreadable_plan"
    assert str(folder.value).startswith(f"{tmp_path}: cannot read the file: ") and "[file-unreadable]" in str(
        folder.value
    )


def test_a_chinese_refusal_is_all_chinese(copy, tmp_path):
    """The status as the command line says it (未开始, not pending), and the system's reason in Chinese; the params
    keep the value a program compares."""
    with pytest.raises(rectiplan.EditRefused) as not_done:
        rectiplan.close(copy, 4, today=TODAY)
    assert "（状态 未开始）" in not_done.value.message("zh") and "pending" not in not_done.value.message("zh")
    assert "(status pending)" in str(not_done.value) and not_done.value.params["status"] == "pending"
    with pytest.raises(rectiplan.EditRefused) as folder:
        rectiplan.done(tmp_path, 1, today=TODAY)
    assert folder.value.message("zh") == f"{tmp_path}：无法读取文件：这是一个目录 [file-unreadable]，未作修改"
    assert (
        str(folder.value) == f"{tmp_path}: cannot read the file: is a directory [file-unreadable]; nothing was edited"
    )
    from rectiplan.writing import WriteRefused

    failed = WriteRefused("write.failed", path="p.md", reason="No space left on device")
    assert failed.message("zh") == "无法写入 p.md：磁盘空间不足；未写入"
    assert "No space left on device" in str(failed)


def test_an_edit_of_an_invalid_plan_names_the_first_problem_and_the_count(tmp_path):
    not_a_plan = tmp_path / "list.yaml"
    not_a_plan.write_text("- 1\n- 2\n", encoding="utf-8")
    with pytest.raises(rectiplan.EditRefused) as refused:
        rectiplan.note(not_a_plan, 1, "x", today=TODAY)
    assert refused.value.code == "edit.invalid_plan"
    assert str(refused.value) == (
        f"{not_a_plan}: the plan has 1 problem and is not edited; the first at line 1, column 1: the top level must "
        "be a mapping with title and items, not a list [not-a-mapping]; fix them first (rectiplan validate)"
    )
    broken = tmp_path / "broken.yaml"
    broken.write_text(plan_text({"deadline": "2021-02-30"}, {"deadline": "2021-13-01"}), encoding="utf-8")
    before = broken.read_bytes()
    with pytest.raises(rectiplan.EditRefused) as invalid:
        rectiplan.start(broken, 1, today=TODAY)
    assert [problem.code for problem in invalid.value.problems] == ["bad-date", "bad-date"]
    first = invalid.value.problems[0]
    assert str(invalid.value).startswith(
        f"{broken}: the plan has 2 problems and is not edited; the first at line {first.line}, column {first.column}: "
        '"2021-02-30" is not a real date (no such day)'
    )
    assert invalid.value.message("zh").startswith(
        f"{broken}：方案文件有 2 个问题，不予修改；第一个（第 {first.line} 行第 {first.column} 列）：“2021-02-30”不是真实存在的日期"
    )
    assert broken.read_bytes() == before


def test_a_refusal_about_the_whole_file_names_the_file(copy, monkeypatch):
    import rectiplan.splice

    def not_round_trip(raw: bytes) -> None:
        raise rectiplan.splice.SpliceError("edit.not_round_trip")

    monkeypatch.setattr(rectiplan.splice, "source_text", not_round_trip)
    with pytest.raises(rectiplan.EditRefused) as refused:
        rectiplan.start(copy, 6, today=TODAY)
    assert str(refused.value) == f"{copy}: the file's bytes do not decode and encode back exactly; it is not edited"
    assert refused.value.message("zh").startswith(f"{copy}：文件内容无法按原样解码再编码")


def test_an_edit_that_would_make_the_plan_invalid_names_the_first_problem(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(plan_text({}), encoding="utf-8")
    rectiplan.note(path, 1, "已部署", on=date(2021, 8, 20), today=TODAY)
    before = path.read_bytes()
    with pytest.raises(rectiplan.EditRefused) as refused:
        rectiplan.note(path, 1, "补记", on=date(2021, 8, 10), today=TODAY)
    assert refused.value.code == "edit.invalid_result" and refused.value.problems
    english, chinese = str(refused.value), refused.value.message("zh")
    assert english.startswith("item 1: the edit would make the plan invalid; nothing was written. The edited file ")
    assert "1 problem, the first at line " in english and english.endswith("[progress-order]")
    assert "1 个问题，第一个（第 " in chinese and chinese.endswith("[progress-order]")
    assert path.read_bytes() == before


def test_plan_holding_finds_the_one_plan_with_the_item_or_raises_typed_errors(copy, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(plan_text({"id": 40}, {"id": 41}, {"id": 42}, {"id": 44}), encoding="utf-8")
    plans = rectiplan.open_plans([copy, other])
    assert [plan.path for plan in plans] == [copy, other]
    assert rectiplan.plan_holding(plans, 41).path == other and rectiplan.plan_holding(plans, 5).path == copy
    with pytest.raises(rectiplan.NoSuchItem) as missing:
        rectiplan.plan_holding(plans, 43)
    assert missing.value.item_id == 43 and missing.value.ids == [*range(1, 32), 40, 41, 42, 44]
    assert str(missing.value) == "no item with id 43; the plans have ids 1-31, 40-42, 44"
    assert missing.value.message("zh") == "没有序号为 43 的事项；方案中的序号为 1-31、40-42、44"
    twice = tmp_path / "twice.yaml"
    shutil.copyfile(copy, twice)
    with pytest.raises(rectiplan.AmbiguousItem) as ambiguous:
        rectiplan.plan_holding(rectiplan.open_plans([copy, twice]), 5)
    assert ambiguous.value.paths == [str(copy), str(twice)]
    assert str(ambiguous.value) == f"item 5 is in several plans: {copy}, {twice}; choose one with --plan"
    with pytest.raises(rectiplan.EditRefused) as bundled:
        rectiplan.plan_holding(rectiplan.open_plans(BUNDLED), 5)
    assert bundled.value.code == "edit.bundled"
    for error in (missing.value, ambiguous.value):
        assert isinstance(error, rectiplan.RectiplanError) and isinstance(error, LookupError)


def test_an_edit_takes_a_plan_already_read_and_writes_it_only_when_asked(copy, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(plan_text({"id": 40}), encoding="utf-8")
    before = copy.read_bytes()
    plan = rectiplan.plan_holding(rectiplan.open_plans([copy, other]), 6)
    tried = rectiplan.start(plan, 6, today=TODAY, dry_run=True)
    assert tried.changed and copy.read_bytes() == before and tried.before == before
    assert "+    status: in_progress" in tried.diff() and tried.diff().startswith(f"--- {copy}\n")
    made = rectiplan.start(plan, 6, today=TODAY)
    assert made.after == tried.after == copy.read_bytes()
    with pytest.raises(rectiplan.WriteRefused):  # read before the write above: it would overwrite it
        rectiplan.note(plan, 6, "again", today=TODAY)


def test_extend_without_an_approval_date_says_it_was_approved_today(copy):
    today = rectiplan.extend(copy, 5, to=date(2021, 10, 31), reason="疫情延后", today=TODAY, dry_run=True)
    assert today.action == "edit.extended_today" and today.params["approved_on"] == "2021-09-01"
    named = rectiplan.extend(copy, 5, to=date(2021, 10, 31), reason="疫情延后", approved_on=TODAY, today=TODAY)
    assert named.action == "edit.extended"


def test_every_cli_edit_goes_through_the_library(run, copy, monkeypatch):
    """The CLI parses and prints; the edit itself is the library's (one path for both)."""
    called: list[str] = []
    for verb in ("start", "done", "set_status", "note", "extend", "attach", "close"):
        real = getattr(api, verb)

        def spy(*args, _real=real, _verb=verb, **kwargs):
            called.append(_verb)
            return _real(*args, **kwargs)

        monkeypatch.setattr(api, verb, spy)
    commands = [
        ["start", "6"],
        ["note", "6", "已部署"],
        ["extend", "6", "--to", "2031-12-31", "--reason", "推迟"],
        ["attach", "6", "通知.pdf"],
        ["set-status", "6", "pending"],
        ["done", "6"],
        ["close", "6"],
    ]
    for args in commands:
        result = run(*args, "--plan", str(copy), "--lang", "en")
        assert result.exit_code == 0, result.output
    assert called == ["start", "set_status", "note", "extend", "attach", "set_status", "done", "close"]
    # The library's refusal, in the CLI's words: a usage error on ID, the ids there are as ranges.
    missing = run("start", "99", "--plan", str(copy), "--lang", "en")
    assert missing.exit_code == 2 and "no item with id 99; the plans have ids 1-31" in missing.output


def test_a_write_over_someone_elses_change_raises_write_refused(copy, monkeypatch):
    import rectiplan.edit

    real = rectiplan.edit.open_plan

    def read_then_someone_writes(*args, **kwargs):
        plan = real(*args, **kwargs)
        copy.write_bytes(copy.read_bytes() + b"# a colleague's line\n")
        return plan

    monkeypatch.setattr(rectiplan.edit, "open_plan", read_then_someone_writes)
    with pytest.raises(rectiplan.WriteRefused) as refused:
        rectiplan.start(copy, 1, today=TODAY)
    assert isinstance(refused.value, rectiplan.RectiplanError)
    assert copy.read_bytes().endswith(b"# a colleague's line\n")


# --- what a library must not do --------------------------------------------------------------------------------------


def test_the_library_prints_nothing_and_never_exits(copy, capsys):
    loaded = rectiplan.load_plans([copy])
    rectiplan.select(loaded, division="农村处", as_of=TODAY)
    rectiplan.overdue(loaded, as_of=TODAY)
    rectiplan.due_soon(loaded, as_of=TODAY)
    rectiplan.summarize(loaded, as_of=TODAY)
    rectiplan.start(copy, 1, today=TODAY)
    for failing in (
        lambda: rectiplan.select(loaded, division="无此处"),
        lambda: rectiplan.close(copy, 2, today=TODAY),
        lambda: rectiplan.load_plans(copy.parent / "missing-folder" / ""),
    ):
        try:
            failing()
        except SystemExit:  # pragma: no cover - the failure this test is for
            pytest.fail("the library exited")
        except rectiplan.RectiplanError:
            pass
    broken = copy.parent / "broken.yaml"
    broken.write_text("title: [", encoding="utf-8")
    assert not rectiplan.load_plans(broken).ok
    assert capsys.readouterr() == ("", "")


def test_loading_and_editing_leave_the_garbage_collector_to_the_caller(copy, monkeypatch):
    """The CLI pauses the collector while it loads; a library may not switch it for its caller's process: while
    the library validates a plan (loading it, or checking an edit) the collector stays on, and afterwards its
    settings are as they were."""
    import rectiplan.validate

    real = rectiplan.validate._cross_checks
    collecting: list[bool] = []

    def cross_checks(*args, **kwargs):
        collecting.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(rectiplan.validate, "_cross_checks", cross_checks)
    settings = (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count())
    assert rectiplan.load_plans(copy).ok
    rectiplan.start(copy, 1, today=TODAY)
    assert len(collecting) >= 2 and all(collecting), "the collector was paused"
    assert (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count()) == settings
    gc.disable()
    try:
        rectiplan.load_plans(copy)
        rectiplan.start(copy, 2, today=TODAY)
        assert not gc.isenabled(), "a caller's paused collector stays paused"
    finally:
        gc.enable()


def test_the_cli_still_pauses_the_collector_while_it_loads(run, tmp_path, monkeypatch):
    import rectiplan.validate

    real = rectiplan.validate.load_plan
    seen: list[bool] = []

    def load_plan(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(rectiplan.validate, "load_plan", load_plan)
    assert run("validate", str(BUNDLED)).exit_code == 0
    assert seen == [False] and gc.isenabled()


# --- the package -----------------------------------------------------------------------------------------------------


def test_every_exported_name_resolves_and_import_rectiplan_stays_cheap():
    assert sorted(rectiplan.__all__) == sorted(["__version__", *rectiplan._EXPORTS])
    for name in rectiplan.__all__:
        assert getattr(rectiplan, name) is not None
    assert set(api.__all__) <= set(rectiplan.__all__) | {"summarize"}
    with pytest.raises(AttributeError):
        rectiplan.no_such_name  # noqa: B018
    code = "import sys, rectiplan; print(sorted(m for m in ('pydantic', 'yaml', 'typer', 'rectiplan.api') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_every_public_function_says_what_it_returns_and_raises_and_names_only_real_errors():
    """help(rectiplan.note) is a script writer's reference: what comes back, what can be raised (an error class
    named in a docstring must be one a script can catch as rectiplan.<Name>), and the README lists each function."""
    import inspect
    import re

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    functions = [name for name in rectiplan.__all__ if inspect.isfunction(getattr(rectiplan, name))]
    assert len(functions) >= 14
    for name in functions:
        doc = inspect.getdoc(getattr(rectiplan, name)) or ""
        assert re.search(r"\b[Rr]eturns\b", doc) and re.search(r"\b[Rr]aises\b", doc), name
        for error in re.findall(r"`(\w+(?:Error|Refused|Item|Date|Days|Division|Person|Status|Grouping|Name))`", doc):
            assert error in {"TypeError"} or issubclass(getattr(rectiplan, error), Exception), (name, error)
        assert f"`{name}" in readme or f"`{name}`" in readme, name
    for name in rectiplan.__all__:  # and each class says what it is (a dataclass's own signature is not that)
        value = getattr(rectiplan, name)
        own = value.__dict__.get("__doc__") if inspect.isclass(value) else None
        assert not inspect.isclass(value) or (own and not own.startswith(f"{name}(")), name
    # The errors the docstrings name are the ones the functions raise: an edit's argument slips, for one.
    with pytest.raises(TypeError):
        rectiplan.note(Path("week.yaml"), "1", "x")  # type: ignore[arg-type]
    with pytest.raises(rectiplan.BadDate):
        rectiplan.done(Path("week.yaml"), 1, on="1 September")  # type: ignore[arg-type]


def test_the_package_says_it_is_typed():
    assert (Path(rectiplan.__file__).parent / "py.typed").is_file()


def _item(path: Path, item_id: int) -> rectiplan.Item:
    [(_, plan)] = rectiplan.load_plans(path).plans
    [item] = [item for item in plan.items if item.id == item_id]
    return item


def test_every_public_function_says_its_parameters_what_it_returns_and_raises():
    import inspect

    public = [
        value
        for name, value in vars(api).items()
        if inspect.isfunction(value) and not name.startswith("_") and value.__module__ == api.__name__
    ]
    assert len(public) >= 19
    for function in public:
        doc = inspect.getdoc(function) or ""
        for parameter in inspect.signature(function).parameters:
            assert f"`{parameter}`" in doc, (function.__name__, parameter)
        assert "Returns" in doc or "returns" in doc.replace("Returns", ""), function.__name__
        assert "raises" in doc.lower(), function.__name__


def test_an_edit_refuses_a_link_out_of_its_folder_as_the_command_line_does(tmp_path, monkeypatch):
    # A merge request can add plans/link.yaml -> ../elsewhere/plan.yaml; the library must not rewrite that file.
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    target = outside / "plan.yaml"
    target.write_bytes(BUNDLED.read_bytes())
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "link.yaml").symlink_to(Path("..") / "elsewhere" / "plan.yaml")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(rectiplan.EditRefused) as refused:
        rectiplan.start("plans/link.yaml", 1, today=date(2021, 9, 1))
    assert [problem.code for problem in refused.value.problems] == ["symlink-refused"]
    assert target.read_bytes() == BUNDLED.read_bytes()
    with pytest.raises(rectiplan.EditRefused):
        rectiplan.start(tmp_path / "plans", 1, today=date(2021, 9, 1))


def test_dates_may_be_iso_text_or_datetimes_and_anything_else_is_a_bad_date(tmp_path):
    # A script passes "2021-09-01" or datetime.now(); both mean that day. Other values are a typed error, not a
    # TypeError from deep inside.
    from datetime import datetime

    loaded = rectiplan.load_plans([BUNDLED])
    by_date = rectiplan.overdue(loaded, as_of=date(2021, 9, 1))
    assert by_date and rectiplan.overdue(loaded, as_of="2021-09-01") == by_date
    assert rectiplan.overdue(loaded, as_of=datetime(2021, 9, 1, 23, 0)) == by_date
    assert rectiplan.select(loaded, due_before="2021-09-01") == rectiplan.select(loaded, due_before=date(2021, 9, 1))
    for wrong in ("2021/9/1", "next week", 20210901):
        with pytest.raises(rectiplan.BadDate):
            rectiplan.overdue(loaded, as_of=wrong)  # type: ignore[arg-type]


def test_wrong_argument_types_are_refused_before_the_plan_is_touched(tmp_path):
    # True is not item 1, None is not a note, and a number is not a material: each is the caller's slip.
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(BUNDLED.read_bytes())
    for call in (
        lambda: rectiplan.start(plan, True, today=date(2021, 9, 1)),  # type: ignore[arg-type]
        lambda: rectiplan.start(plan, "1", today=date(2021, 9, 1)),  # type: ignore[arg-type]
        lambda: rectiplan.note(plan, 1, None, today=date(2021, 9, 1)),  # type: ignore[arg-type]
        lambda: rectiplan.note(plan, 1, "进展", by=3, today=date(2021, 9, 1)),  # type: ignore[arg-type]
        lambda: rectiplan.attach(plan, 1, [1]),  # type: ignore[list-item]
        lambda: rectiplan.extend(plan, 1, to=None, reason="原因", today=date(2021, 9, 1)),  # type: ignore[arg-type]
    ):
        with pytest.raises(TypeError):
            call()
    with pytest.raises(rectiplan.BadDate):
        rectiplan.done(plan, 1, on="next week", today=date(2021, 9, 1))  # type: ignore[arg-type]
    assert plan.read_bytes() == BUNDLED.read_bytes()
    # A datetime or YYYY-MM-DD text is that day, as for the queries.
    edit = rectiplan.note(plan, 1, "进展", on="2021-08-30", today=datetime(2021, 9, 1, 8))  # type: ignore[arg-type]
    assert "2021-08-30" in edit.after.decode("utf-8") and edit.changed


@pytest.mark.parametrize("ask", ["select", "overdue", "due_soon", "summarize"])
def test_one_entry_or_other_values_where_entries_are_wanted_is_a_type_error(ask):
    # Found by the attacker: an Entry is a NamedTuple, and iterating one gave an AttributeError deep inside.
    loaded = api.load_plans([BUNDLED])
    for wrong in (loaded.entries[0], [loaded.entries[0].item], "plans.yaml", 5):
        with pytest.raises(TypeError):
            getattr(api, ask)(wrong, as_of="2021-09-01")
    assert getattr(api, ask)(loaded.entries[:3], as_of="2021-09-01") is not None
