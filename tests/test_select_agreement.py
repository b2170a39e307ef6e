"""`rectiplan list` and `rectiplan.select` choose the same items for the same filters: the CLI only reads the text
typed (dates, the locale), the selection itself, "today" per plan's zone included, is the library's."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from conftest import BUNDLED, plan_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import rectiplan
import rectiplan.cli.session
from rectiplan.cli import app

# 20:00 UTC on 31 August: already 1 September in Shanghai, still 31 August in New York.
NOW = datetime(2021, 8, 31, 20, 0, tzinfo=timezone.utc)


class _Clock(datetime):
    @classmethod
    def now(cls, tz: Any = None) -> _Clock:  # type: ignore[override]
        return cls.fromtimestamp(NOW.timestamp(), tz)


@pytest.fixture
def plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The bundled plan (Shanghai time) and a small one kept in New York time, due on either side of midnight."""
    monkeypatch.chdir(tmp_path)
    for name in ("RECTIPLAN_PLAN", "RECTIPLAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(rectiplan.cli.session, "datetime", _Clock)  # the CLI's one reading of the clock
    shanghai = tmp_path / "week.yaml"
    shutil.copyfile(BUNDLED, shanghai)
    new_york = tmp_path / "ny.yaml"
    items = [
        {"id": 40, "deadline": "2021-08-31", "division": "社发处"},
        {"id": 41, "deadline": "2021-09-01"},
        {"id": 42, "deadline": "2021-09-02", "extra": "    status: done\n    done_on: 2021-08-30\n"},
    ]
    new_york.write_text(plan_text(*items, header="title: 纽约\ntimezone: America/New_York\n"), encoding="utf-8")
    return [shanghai, new_york]


def _cli(plans: list[Path], options: list[str]) -> list[tuple[str, int]]:
    argv = ["list", "--format", "json", "--lang", "en", *options]
    for path in plans:
        argv += ["--plan", str(path)]
    result = CliRunner().invoke(app, argv, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return [(record["plan"], record["id"]) for record in json.loads(result.stdout)]


def _library(plans: list[Path], filters: dict[str, Any]) -> list[tuple[str, int]]:
    found = rectiplan.select(rectiplan.load_plans(plans), now=NOW, **filters)
    return [(entry.source, entry.item.id) for entry in found]


DATES = [None, "today", date(2021, 4, 30), date(2021, 8, 31), date(2021, 9, 1), date(2021, 12, 31)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    division=st.sampled_from([None, "农村处", "社发处", ["规配处", "社发处"]]),
    person=st.sampled_from([None, "潘红雄"]),
    status=st.sampled_from([None, "done", ["pending", "进行中"]]),
    topic=st.sampled_from([None, "反馈"]),
    search=st.sampled_from([None, "培训"]),
    due_before=st.sampled_from(DATES),
    due_after=st.sampled_from(DATES),
    as_of=st.sampled_from([None, "today", date(2021, 6, 30), date(2021, 9, 1)]),
)
def test_the_cli_and_the_library_select_the_same_items(
    plans: list[Path], division: Any, person: Any, status: Any, topic: Any, search: Any, due_before: Any,
    due_after: Any, as_of: Any,
) -> None:  # fmt: skip
    filters = {
        "division": division,
        "person": person,
        "status": status,
        "topic": topic,
        "search": search,
        "due_before": due_before,
        "due_after": due_after,
        "as_of": as_of,
    }
    options: list[str] = []
    for name, value in filters.items():
        for one in value if isinstance(value, list) else [value]:
            if one is not None:
                options += [f"--{name.replace('_', '-')}", str(one)]
    assert sorted(_cli(plans, options)) == sorted(_library(plans, filters))


def test_today_is_each_plans_own_in_both(plans: list[Path]) -> None:
    """At 20:00 UTC on 31 August the Shanghai plan is on 1 September, the New York one still on 31 August."""
    ny = str(plans[1])
    due_today = [found for found in _library(plans, {"due_before": "today"}) if found[0] == ny]
    assert due_today == [(ny, 40)]
    assert [found for found in _cli(plans, ["--due-before", "today"]) if found[0] == ny] == due_today
    assert [found for found in _cli(plans, ["--due-before", "今天"]) if found[0] == ny] == due_today
    after = _library(plans, {"due_after": rectiplan.TODAY, "division": "农村处"})
    assert (ny, 41) in after  # due 1 September: after New York's today, 31 August
    assert sorted(_cli(plans, ["--due-after", "today", "--division", "农村处"])) == sorted(after)


def test_a_date_as_text_other_than_today_or_iso_is_a_typed_error(plans: list[Path]) -> None:
    # The library reads the words for today and YYYY-MM-DD (what a script passes); any other text is a typed error.
    loaded = rectiplan.load_plans(plans)
    with pytest.raises(rectiplan.BadDate) as bad:
        rectiplan.select(loaded, due_before="9/1/2021")  # type: ignore[arg-type]
    assert isinstance(bad.value, rectiplan.RectiplanError) and isinstance(bad.value, ValueError)
    assert str(bad.value).startswith("'9/1/2021' is not a date I can read unambiguously")
    assert rectiplan.select(loaded, due_before="今天", now=NOW) == rectiplan.select(loaded, due_before="today", now=NOW)


@pytest.mark.parametrize(
    ("options", "reported"),
    [
        (["--division", "无此处", "--due-before", "garbage"], "--division"),
        (["--status", "完成", "--as-of", "garbage"], "--status"),
        (["--person", "无此人", "--due-after", "garbage"], "--person"),
        (["--division", "农村处", "--due-after", "garbage"], "--due-after"),
    ],
)
def test_a_wrong_name_is_reported_before_a_wrong_date(run: Any, options: list[str], reported: str) -> None:
    result = run("list", *options, "--lang", "en")
    assert result.exit_code == 2 and f"invalid value for {reported}:" in result.output


def _cli_json(plans: list[Path], command: str, options: list[str]) -> Any:
    argv = [command, "--format", "json", "--lang", "en", *options]
    for path in plans:
        argv += ["--plan", str(path)]
    result = CliRunner().invoke(app, argv, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    command=st.sampled_from(["overdue", "due", "summary"]),
    division=st.sampled_from([None, "农村处", ["规配处", "社发处"]]),
    status=st.sampled_from([None, "pending", ["done", "进行中"]]),
    as_of=st.sampled_from([None, "today", date(2021, 4, 30), date(2021, 8, 31), date(2021, 9, 1)]),
    within=st.sampled_from([None, 0, 7, 60]),
    by=st.sampled_from(["division", "person", "topic", "month"]),
)
def test_the_cli_and_the_library_answer_overdue_due_and_summary_alike(
    plans: list[Path], command: str, division: Any, status: Any, as_of: Any, within: Any, by: str
) -> None:
    """The commands only map the library's answer to output: the same items, in the same order, with the same
    figures, "today" being each plan's own (20:00 UTC: 1 September in Shanghai, 31 August in New York)."""
    filters = {"division": division, "status": status}
    options: list[str] = []
    for name, value in filters.items():
        for one in value if isinstance(value, list) else [value]:
            if one is not None:
                options += [f"--{name}", str(one)]
    if as_of is not None:
        options += ["--as-of", str(as_of)]
    chosen = rectiplan.select(rectiplan.load_plans(plans), **filters, as_of=as_of, now=NOW)
    if command == "overdue":
        late = rectiplan.overdue(chosen, as_of=as_of, now=NOW)
        expected: Any = [(found.entry.source, found.entry.item.id, found.days_overdue) for found in late]
        shown = [
            (record["plan"], record["id"], record["days_overdue"]) for record in _cli_json(plans, command, options)
        ]
    elif command == "due":
        if within is not None:
            options += ["--within", str(within)]
        hits = rectiplan.due_soon(chosen, within=within, as_of=as_of, now=NOW)
        expected = [(hit.entry.source, hit.entry.item.id, hit.tracking.days_left, hit.tracking.level) for hit in hits]
        records = _cli_json(plans, command, options)
        shown = [(record["plan"], record["id"], record["days_left"], record["level"]) for record in records]
    else:
        from rectiplan.render_summary import summary_records

        expected = summary_records(rectiplan.summarize(chosen, by=by, as_of=as_of, now=NOW))
        shown = _cli_json(plans, command, [*options, "--by", by])
    assert shown == expected


def test_overdue_due_and_summary_read_today_as_each_plans_own(plans: list[Path]) -> None:
    """Left out or "today", the as-of date is each plan's own today, in the library as on the command line."""
    loaded = rectiplan.load_plans(plans)
    ny = str(plans[1])

    def late_in_new_york(**when: Any) -> list[tuple[int, date]]:
        found = rectiplan.overdue(loaded, now=NOW, **when)
        return [(one.entry.item.id, one.as_of) for one in found if one.entry.source == ny]

    # Item 40 is due 31 August: still today in New York, though 1 September has come in Shanghai.
    assert late_in_new_york() == [] and late_in_new_york(as_of="today") == []
    assert late_in_new_york(as_of=date(2021, 9, 1)) == [(40, date(2021, 9, 1))]
    assert rectiplan.overdue(loaded, as_of="today", now=NOW) == rectiplan.overdue(loaded, now=NOW)
    assert rectiplan.due_soon(loaded, as_of="今天", now=NOW) == rectiplan.due_soon(loaded, now=NOW)
    assert rectiplan.summarize(loaded, as_of="2021-09-01") == rectiplan.summarize(loaded, as_of=date(2021, 9, 1))
    with pytest.raises(rectiplan.BadDate):
        rectiplan.overdue(loaded, as_of="next week")  # type: ignore[arg-type]
