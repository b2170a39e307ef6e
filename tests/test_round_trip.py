"""`import(export(plan)) == plan` through the command line: the bundled plan, and a copy of it with every tracking
field filled, exported to xlsx, docx and csv and imported again, compared as loaded `Plan` models.

The plain docx is the published attachment, which has no tracking columns: the tracking fields come back from
`export --format docx --with-progress`. The property test over generated plans is in test_round_trip_property.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import BUNDLED
from typer.testing import Result

from rectiplan.model import Plan
from rectiplan.validate import load_plan

PUBLISHED_FIELDS = ("id", "topic", "issue", "measures", "evidence", "deadline", "divisions", "leader", "owner")


def round_trip(run: Callable[..., Result], plan_path: Path, fmt: str, *options: str) -> tuple[Plan, Plan]:
    """(the plan as loaded, the plan exported to `fmt` and imported again, as loaded)."""
    exported = plan_path.parent / f"exported.{fmt}"
    result = run("export", "--plan", str(plan_path), "--format", fmt, "-o", str(exported), *options)
    assert result.exit_code == 0, result.output
    back = plan_path.parent / f"back-{fmt}.yaml"
    result = run("import", str(exported), "-o", str(back))
    assert result.exit_code == 0, result.output
    original, imported = load_plan(plan_path), load_plan(back)
    assert original.plan is not None and imported.plan is not None, imported.problems
    return original.plan, imported.plan


@pytest.mark.parametrize(("fmt", "options"), [("xlsx", ()), ("docx", ()), ("docx", ("--with-progress",)), ("csv", ())])
def test_the_bundled_plan_round_trips(
    run: Callable[..., Result], tmp_path: Path, fmt: str, options: tuple[str]
) -> None:
    plan_path = tmp_path / "plan.yaml"
    plan_path.write_bytes(BUNDLED.read_bytes())
    original, imported = round_trip(run, plan_path, fmt, *options)
    # The issuer is in no cell: it comes back from the 方案信息 sheet, the document properties or the csv's block.
    assert original.issuer == "自治区科技厅"
    assert imported == original


def tracked_plan_data() -> dict[str, Any]:
    """The bundled plan with its own fields set away from the defaults and every tracking field filled somewhere:
    progress with and without a reporter, extensions with and without approval, done and closed dates, materials,
    notes, every status, an ongoing item with and one without a deadline."""
    data: dict[str, Any] = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    items = data["items"]
    data["timezone"] = "Asia/Urumqi"
    data["warn_days"] = {"yellow": 30, "orange": 7}
    roster = {division for item in items for division in item["divisions"]}
    for item in items:
        for measure in item["measures"]:
            if isinstance(measure, dict):
                roster.update(measure.get("divisions", []))
    data["divisions"] = sorted(roster) + ["未用处室"]

    def deadline(item: dict[str, Any]) -> date:
        value = item["deadline"]
        return value if isinstance(value, date) else date.fromisoformat(str(value))

    first = items[0]
    first.update(
        status="done",
        done_on=deadline(first) - timedelta(days=3),
        closed_on=deadline(first) + timedelta(days=10),
        materials=["培训通知.pdf", "签到表（第1期）.xlsx", "https://example.org/a?b=1"],
        progress=[
            {"on": deadline(first) - timedelta(days=40), "text": "已发通知，\n待报名", "by": "农村处（牵头）"},
            {"on": deadline(first) - timedelta(days=3), "text": "办班完成"},
        ],
        notes="按期完成；\n第二行备注",
    )
    second = items[1]
    second.update(
        status="in_progress",
        progress=[{"on": deadline(second) - timedelta(days=5), "text": "起草中（初稿）"}],
        extensions=[
            {"to": deadline(second) + timedelta(days=60), "reason": "等待指南发布", "approved_on": deadline(second)},
            {"to": deadline(second) + timedelta(days=120), "reason": "再次延期：\n人员调整"},
        ],
    )
    # Ongoing without a deadline (长期坚持), ongoing with one, done without closing.
    items[2].update(status="ongoing", deadline=None)
    items[3].update(status="ongoing", materials=["制度汇编"])
    items[4].update(status="done", done_on=deadline(items[4]), notes="=提前完成")
    items[5].update(status="pending", notes="-")
    return data


class _NoAliases(yaml.SafeDumper):
    """A plan file may not hold YAML aliases: shared values (the same date twice) are written out each time."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def write_plan(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("fmt", "options"), [("xlsx", ()), ("docx", ("--with-progress",)), ("csv", ())])
def test_a_tracked_plan_round_trips(
    run: Callable[..., Result], tmp_path: Path, fmt: str, options: tuple[str], lang: str
) -> None:
    plan_path = tmp_path / "plan.yaml"
    write_plan(plan_path, tracked_plan_data())
    original, imported = round_trip(run, plan_path, fmt, *options, "--lang", lang)
    assert original.timezone == "Asia/Urumqi" and original.items[2].deadline is None
    assert imported == original


# 责任人 with slashes of the names' own: a leader, an owner, both, a name in brackets, one already quoted.
SLASHED_PEOPLE = [
    ("唐咸来/潘红雄", "张士军"),
    ("厅长/副厅长", None),
    (None, "潘红雄／张士军"),
    ("A/B", "C/D"),
    ("张三（副厅长/党组成员）", "李四"),
    ("“A/B”", "E"),
]


@pytest.mark.parametrize(("fmt", "options"), [("xlsx", ()), ("docx", ()), ("docx", ("--with-progress",)), ("csv", ())])
def test_people_with_slashes_in_their_names_round_trip(
    run: Callable[..., Result], tmp_path: Path, fmt: str, options: tuple[str]
) -> None:
    data = tracked_plan_data()
    for item, (leader, owner) in zip(data["items"], SLASHED_PEOPLE):
        item["leader"], item["owner"] = leader, owner
    plan_path = tmp_path / "plan.yaml"
    write_plan(plan_path, data)
    original, imported = round_trip(run, plan_path, fmt, *options)
    assert [(item.leader, item.owner) for item in original.items[: len(SLASHED_PEOPLE)]] == SLASHED_PEOPLE
    if options:
        assert imported == original
    else:
        assert [(item.leader, item.owner) for item in imported.items] == [
            (item.leader, item.owner) for item in original.items
        ]
    if fmt == "csv":
        # Quoted only where a name's slash needs it; the other names read as published.
        cells = (tmp_path / "exported.csv").read_text(encoding="utf-8-sig")
        for cell in ("“唐咸来/潘红雄”/张士军", "“厅长/副厅长”", "/“潘红雄／张士军”", "“A/B”/“C/D”",
                     "张三（副厅长/党组成员）/李四", "““A/B”””/E", "廖文军/詹建"):  # fmt: skip
            assert cell in cells


# Units that a bare 责任处室 cell would misread (a separator a plan allows, a role mark, a group number, a final
# digit, a bare number, a line break), quoted by the export and unquoted by the import.
HARD_UNITS = ["Office A,B", "农村处（牵头）", "科室（1）", "科室2", "12", "A\nB"]


@pytest.mark.parametrize(("fmt", "options"), [("xlsx", ()), ("docx", ("--with-progress",)), ("csv", ())])
def test_units_a_bare_cell_would_misread_round_trip(
    run: Callable[..., Result], tmp_path: Path, fmt: str, options: tuple[str]
) -> None:
    data = tracked_plan_data()
    data["items"][0]["divisions"] = HARD_UNITS[:3]
    data["items"][1]["divisions"] = HARD_UNITS[3:]
    # Measures naming their own: the grouped form `（1）“科室（1）”；（2）…`.
    data["items"][1]["measures"] = [
        {"text": text, "divisions": [HARD_UNITS[3 + number % 3]]}
        for number, text in enumerate(data["items"][1]["measures"])
    ]
    data["divisions"] += HARD_UNITS
    plan_path = tmp_path / "plan.yaml"
    write_plan(plan_path, data)
    original, imported = round_trip(run, plan_path, fmt, *options)
    assert list(original.items[1].divisions) == HARD_UNITS[3:]
    assert imported == original


def test_the_plain_docx_is_the_published_table(run: Callable[..., Result], tmp_path: Path) -> None:
    """Without --with-progress the attachment carries the published columns and the plan's own fields only."""
    plan_path = tmp_path / "plan.yaml"
    write_plan(plan_path, tracked_plan_data())
    original, imported = round_trip(run, plan_path, "docx")
    assert [[getattr(item, key) for key in PUBLISHED_FIELDS] for item in imported.items] == [
        [getattr(item, key) for key in PUBLISHED_FIELDS] for item in original.items
    ]
    assert (imported.timezone, imported.warn_days, imported.divisions) == (
        original.timezone,
        original.warn_days,
        original.divisions,
    )
    # No tracking column: nothing done, no progress; the ongoing item without a deadline reads 长期坚持.
    assert not any(item.progress or item.done_on or item.materials for item in imported.items)
    assert imported.items[2].status.value == "ongoing"


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "csv"])
def test_an_export_of_several_plans_gives_no_plan_fields_back(
    run: Callable[..., Result], tmp_path: Path, fmt: str
) -> None:
    """Two plans' 方案信息 blocks in one file: whose issuer or time zone the import should take is a guess."""
    data = tracked_plan_data()
    write_plan(tmp_path / "a.yaml", data)
    write_plan(tmp_path / "b.yaml", {**data, "title": "另一个方案", "issuer": "另一个单位", "timezone": "UTC"})
    exported = tmp_path / f"both.{fmt}"
    options = ["--with-progress"] if fmt == "docx" else []
    result = run("export", "--plan", str(tmp_path / "a.yaml"), "--plan", str(tmp_path / "b.yaml"), "-o", str(exported),
                 *options)  # fmt: skip
    assert result.exit_code == 0, result.output
    result = run("import", str(exported))
    imported = yaml.safe_load(result.stdout)
    assert "issuer" not in imported and "timezone" not in imported and "divisions" not in imported
    assert len(imported["items"]) == 2 * len(data["items"])


def test_a_csv_ending_in_rows_of_its_own_is_read_whole(run: Callable[..., Result], tmp_path: Path) -> None:
    """Only the block the export writes is taken as the plan's fields: a published CSV whose last rows merely
    follow a blank row and a row reading `Plan` keeps them as rows of its table."""
    path = tmp_path / "published.csv"
    path.write_text(
        "序号,整改内容,整改措施,计划完成时间,责任处室\n1,问题一,措施一,2021-06-30,办公室\n\nPlan\n2,问题二,措施二,2021-07-31,农村处\n",
        encoding="utf-8",
    )
    result = run("import", str(path))
    assert result.exit_code == 1, result.output  # the `Plan` row is an item without its cells, and says so
    imported = yaml.safe_load(result.stdout)
    assert [item["issue"] for item in imported["items"] if "issue" in item] == ["问题一", "问题二"]
