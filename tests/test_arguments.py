"""Arguments as users get them wrong: dates, time zones, item numbers, languages (issue 5)."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest
from conftest import BUNDLED, ids_of, plan_text

from rectiplan.dates import DateError, parse_date_argument
from rectiplan.validate import load_plan_bytes

TODAY = date(2021, 9, 1)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """The CLI's one reading of the clock, fixed at 20:00 UTC on 31 August: already 1 September in Shanghai."""
    instant = datetime(2021, 8, 31, 20, 0, tzinfo=timezone.utc)

    class Fixed(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[no-untyped-def]
            return instant if tz is None else instant.astimezone(tz)

    monkeypatch.setattr("rectiplan.cli.session.datetime", Fixed)
    return instant


# --- time zones -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("zone", ["localtime", "posixrules", "Factory", "posix/Asia/Shanghai", "right/UTC", "/etc/localtime"])
def test_zone_files_that_are_not_iana_zones_are_refused(zone):
    result = load_plan_bytes(plan_text({}, header=f"title: t\ntimezone: {zone}\n").encode(), "p.yaml")
    assert [(problem.line, problem.column, problem.code) for problem in result.problems] == [(2, 11, "bad-timezone")]


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "UTC", "America/Argentina/Buenos_Aires", "Etc/GMT-8", "PRC"])
def test_iana_zone_names_are_accepted(zone):
    assert load_plan_bytes(plan_text({}, header=f"title: t\ntimezone: {zone}\n").encode(), "p.yaml").ok


def test_a_zone_written_in_the_wrong_case_gets_the_right_spelling(run, write_plan):
    plan = write_plan(plan_text({}, header="title: t\ntimezone: asia/shanghai\n"))
    result = run("validate", str(plan))
    assert result.exit_code == 1
    assert '"asia/shanghai" is not an IANA time zone name; did you mean "Asia/Shanghai"?' in result.stdout


def test_as_of_today_is_each_plans_own_today_as_the_default_is(run, write_plan, clock):
    shanghai = write_plan(plan_text({}, header="title: a\ntimezone: Asia/Shanghai\n"), "a.yaml")
    utc = write_plan(plan_text({}, header="title: b\ntimezone: UTC\n"), "b.yaml")
    for plans in ([shanghai, utc], [utc, shanghai]):
        paths = [argument for path in plans for argument in ("--plan", str(path))]
        default = run("overdue", "-f", "json", *paths, plan=None)
        today = run("overdue", "-f", "json", "--as-of", "today", *paths, plan=None)
        assert [record["plan"] for record in json.loads(default.stdout)] == [str(shanghai)]
        assert today.stdout == default.stdout


def test_due_before_today_is_each_plans_own_today(run, write_plan, clock):
    # Deadlines 2021-09-01: on or before today in Shanghai (1 September), not yet in UTC (31 August).
    shanghai = write_plan(plan_text({"deadline": "2021-09-01"}, header="title: a\ntimezone: Asia/Shanghai\n"), "a.yaml")
    utc = write_plan(plan_text({"deadline": "2021-09-01"}, header="title: b\ntimezone: UTC\n"), "b.yaml")
    for plans in ([shanghai, utc], [utc, shanghai]):
        paths = [argument for path in plans for argument in ("--plan", str(path))]
        result = run("list", "-f", "json", "--due-before", "今天", *paths, plan=None)
        assert [record["plan"] for record in json.loads(result.stdout)] == [str(shanghai)]


# --- dates on the command line ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["2021-09-01 10:00 CST", "Sep 1 2021 10:00 PST", "2021-09-01T10:00+08:00", "2021-09-01T10:00Z"])
def test_a_date_with_a_time_zone_is_refused_in_our_words_without_a_library_warning(run, text, recwarn):
    with pytest.raises(DateError) as caught:
        parse_date_argument(text, TODAY)
    assert caught.value.zoned
    assert not recwarn.list
    result = run("overdue", "--as-of", text)
    assert result.exit_code == 2
    assert "has a time zone; give the day alone" in result.output
    assert "Warning" not in result.output and "site-packages" not in result.output


@pytest.mark.parametrize(
    ("text", "real"),
    [("Tuesday Sep 1 2021", "Wednesday"), ("Tue, 1 Sep 2021", "Wednesday"), ("2021年9月1日 星期二", "Wednesday")],
)
def test_a_weekday_that_contradicts_the_date_names_the_real_one(run, text, real):
    with pytest.raises(DateError) as caught:
        parse_date_argument(text, TODAY)
    assert caught.value.day == date(2021, 9, 1)
    result = run("overdue", "--as-of", text)
    assert result.exit_code == 2
    assert f"2021-09-01 is a {real}" in result.output
    assert "2021-09-01 是星期三" in run("overdue", "--as-of", text, "--lang", "zh").output


@pytest.mark.parametrize("text", ["Wednesday Sep 1 2021", "Wed, 1 Sep 2021", "2021年9月1日（周三）", "2021年9月1日 星期三"])
def test_a_weekday_that_agrees_is_accepted(text):
    assert parse_date_argument(text, TODAY) == date(2021, 9, 1)


# --- item numbers -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["1_0", "٣", "３.0", "+3", "0x3", "3 4", "1" * 40])
def test_show_takes_ascii_digits_only(run, text):
    result = run("show", text)
    assert result.exit_code == 2
    assert "is not an item number" in result.output


def test_show_reads_full_width_digits_typed_with_a_chinese_input_method(run):
    result = run("show", "２６", "-f", "json")
    assert result.exit_code == 0
    assert ids_of(result) == [26]


# --- languages --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["zh", "ZH", "zh_CN", "zh-CN", "zh_CN.UTF-8", "zh-Hans-CN"])
def test_lang_accepts_chinese_in_its_locale_forms(run, value):
    assert "整改内容" in run("list", "--topic", "定点帮扶", "--lang", value).stdout


@pytest.mark.parametrize("value", ["enormous", "zhong", "fr", "e", ""])
def test_lang_refuses_what_is_not_zh_or_en(run, value):
    result = run("list", "--lang", value)
    assert result.exit_code == 2
    assert "unknown language" in result.output


def test_an_unknown_rectiplan_lang_warns_once_and_falls_back_to_the_locale(run):
    result = run("list", "--topic", "定点帮扶", env={"RECTIPLAN_LANG": "fr", "LANG": "zh_CN.UTF-8"})
    assert result.exit_code == 0
    assert "整改内容" in result.stdout
    warnings = [line for line in result.stderr.splitlines() if "RECTIPLAN_LANG" in line]
    assert warnings == ["rectiplan：警告：RECTIPLAN_LANG=“fr”不是 zh 或 en；按系统语言环境使用中文"]


def test_a_good_rectiplan_lang_says_nothing(run):
    result = run("list", env={"RECTIPLAN_LANG": "en_US"})
    assert result.stderr == ""


# --- show several items -----------------------------------------------------------------------------------------


def test_show_takes_several_ids_and_shows_them_in_the_order_given(run):
    result = run("show", "26", "3", "--as-of", "2021-09-01", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert result.stdout.index("No. 26") < result.stdout.index("No. 3 ")
    assert ids_of(run("show", "26", "3", "26", "-f", "json")) == [26, 3]  # one array, each item once


def test_show_with_a_missing_id_shows_the_others_then_fails_with_2(run):
    result = run("show", "3", "99", "98", "-f", "json")
    assert result.exit_code == 2
    assert ids_of(result) == [3]
    assert "no item with id 99, 98; the plans have ids 1-31" in result.stderr
    only_missing = run("show", "99")
    assert only_missing.exit_code == 2 and only_missing.stdout == ""


def test_show_checks_every_id_before_reading_any_plan(run):
    result = run("show", "3", "x")
    assert result.exit_code == 2 and result.stdout == ""
    assert "'x' is not an item number" in result.stderr
