"""Arguments as users get them wrong: dates, time zones, item numbers, languages (issue 5)."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone

import pytest
from conftest import BUNDLED, ROOT, ids_of, plan_text

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


@pytest.mark.parametrize(
    "zone", ["localtime", "posixrules", "Factory", "posix/Asia/Shanghai", "right/UTC", "/etc/localtime"]
)
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


@pytest.mark.parametrize("zone", ["Asia/Beijing", "北京时间", "UTC+8", "CST"])
def test_names_for_china_time_suggest_asia_shanghai(zone):
    [problem] = load_plan_bytes(plan_text({}, header=f"title: t\ntimezone: {zone}\n").encode(), "p.yaml").problems
    assert problem.code == "bad-timezone" and problem.params["suggestion"] == "Asia/Shanghai"


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


@pytest.mark.parametrize("text", ["2021-09-01 10:00", "2021-09-01T23:30", "Sep 1 2021 10pm", "2021-09-01 00:00"])
def test_a_date_with_a_time_of_day_is_refused(run, text):
    with pytest.raises(DateError) as caught:
        parse_date_argument(text, TODAY)
    assert caught.value.timed
    result = run("overdue", "--as-of", text)
    assert result.exit_code == 2
    assert "has a time of day; a DATE is a day" in result.output
    assert "带有时刻" in run("list", "--as-of", text, "--lang", "zh").output


@pytest.mark.parametrize(
    "text", ["2021-09-01 10:00 CST", "Sep 1 2021 10:00 PST", "2021-09-01T10:00+08:00", "2021-09-01T10:00Z"]
)
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


@pytest.mark.parametrize(
    "text", ["Wednesday Sep 1 2021", "Wed, 1 Sep 2021", "2021年9月1日（周三）", "2021年9月1日 星期三"]
)
def test_a_weekday_that_agrees_is_accepted(text):
    assert parse_date_argument(text, TODAY) == date(2021, 9, 1)


# --- item numbers -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["1_0", "٣", "３.0", "+3", "0x3", "3 4", "1" * 641])
def test_show_takes_ascii_digits_only(run, text):
    result = run("show", text)
    assert result.exit_code == 2
    assert "is not an item number" in result.output


def test_an_id_the_plan_format_accepts_is_an_item_number(run, write_plan):
    big = 9223372036854775807  # 19 digits: a valid `id:`, listed, and refused by show/done before
    path = write_plan(plan_text({"id": big}))
    assert run("show", str(big), plan=path).exit_code == 0
    result = run("done", str(big), "--on", "2021-08-01", "--plan", str(path))
    assert result.exit_code == 0, result.output
    assert "done_on: 2021-08-01" in path.read_text(encoding="utf-8")


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
    assert warnings == ["rectiplan: 警告：RECTIPLAN_LANG=“fr”不是 zh 或 en；按系统语言环境使用中文"]


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


# --- usage errors and help --------------------------------------------------------------------------------------

CLICK_ENGLISH = re.compile(r"\b(Option|Error|Usage|Try|Did you mean|Got|Missing|requires|argument|No such)\b")


@pytest.mark.parametrize(
    ("args", "en", "zh"),
    [
        (["list", "--bogus"], "Error: no such option: --bogus", "错误：没有这个选项：--bogus"),
        (
            ["list", "--as"],
            "Error: no such option: --as (did you mean '--as-of'?)",
            "错误：没有这个选项：--as（是否指“--as-of”？）",
        ),
        (["list", "--as-of"], "Error: option --as-of needs a value", "错误：选项 --as-of 后面需要跟一个值"),
        (
            ["overdue", "--fail-on-overdue=3"],
            "Error: option --fail-on-overdue takes no value",
            "错误：选项 --fail-on-overdue 不接受值",
        ),
        (["lst"], "Error: no such command: lst (did you mean 'list'?)", "错误：没有这个命令：lst（是否指“list”？）"),
        (["show"], "Error: missing ID", "错误：缺少 ID"),
        (
            ["list", "-f", "xml"],
            "Error: invalid value for --format / -f: 'xml' is not one of table, json, csv",
            "错误：--format / -f 的值无效：“xml”不是可选值：table, json, csv",
        ),
        (["schema", "extra"], "Error: unexpected extra argument(s): extra", "错误：多余的参数：extra"),
        (["--lang", "en"], "Error: missing command", "错误：缺少命令"),
    ],
)
def test_every_usage_error_is_in_one_language(run, args, en, zh):
    english = run(*args, env={"RECTIPLAN_LANG": "en"}, plan=None)
    assert english.exit_code == 2
    assert en in english.stderr.splitlines()
    chinese = run(
        *[argument if argument != "en" else "zh" for argument in args], env={"RECTIPLAN_LANG": "zh"}, plan=None
    )
    assert chinese.exit_code == 2
    assert zh in chinese.stderr.splitlines()
    assert not CLICK_ENGLISH.search(chinese.stderr), chinese.stderr


def test_a_bad_integer_is_reported_in_the_users_language():
    # No rectiplan option is an integer today; the translation is checked on a command of the same group.
    import typer
    from typer.testing import CliRunner

    from rectiplan.cli import _Group

    probe = typer.Typer(cls=_Group)

    @probe.command()
    def count(number: int = typer.Option(1, "--number")) -> None:
        """Probe."""

    @probe.command()
    def other() -> None:
        """Probe."""

    result = CliRunner().invoke(probe, ["count", "--number", "x"], env={"RECTIPLAN_LANG": "zh"})
    assert result.exit_code == 2
    assert "错误：--number 的值无效：必须是整数" in result.stderr.splitlines()


def test_lang_is_accepted_before_the_command_too(run):
    result = run("--lang", "zh", "list", "--topic", "定点帮扶")
    assert result.exit_code == 0 and "整改内容" in result.stdout
    # The command's own --lang is the more specific one.
    assert "Issue" in run("--lang", "zh", "list", "--topic", "定点帮扶", "--lang", "en").stdout
    assert run("--lang", "fr", "list").exit_code == 2


def test_h_is_help_and_version_prints_the_version(run):
    from importlib.metadata import version

    assert run("-h").exit_code == 0 and "list" in run("-h").stdout
    assert run("list", "-h").stdout == run("list", "--help").stdout
    result = run("--version")
    assert result.exit_code == 0 and result.stdout == f"rectiplan {version('rectiplan')}\n"


def test_rectiplan_alone_prints_the_help_and_no_empty_error_line(run):
    result = run()
    assert result.exit_code == 2
    assert "Commands" in result.stdout
    assert "Error" not in result.output and "错误" not in run(env={"RECTIPLAN_LANG": "zh"}).output


@pytest.mark.parametrize("command", ["", "list", "overdue", "show", "validate", "schema"])
def test_help_shows_no_python_type_names(run, command):
    result = run(*([command] if command else []), "--help")
    assert result.exit_code == 0
    assert not re.search(r"<bool>|<list\[|<str>|<int>|\{[A-Z]+", result.stdout), result.stdout
    assert not re.search(r"<(table|text|pretty)\|", result.stdout)


def test_validate_help_keeps_the_code_in_brackets(run):
    assert "message [code] only" in run("validate", "--help", env={"COLUMNS": "200"}).stdout


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["list", "--status", "完成", "--lang", "zh"], "未知的状态“完成”（是否指“已完成”？）"),
        (["list", "--status", "finished"], "unknown status 'finished' (did you mean 'done'?)"),
        (["set-status", "5", "完成"], "unknown status '完成' (did you mean '已完成'?)"),
    ],
)
def test_an_unknown_status_on_the_command_line_gets_the_suggestion_validate_gives(run, tmp_path, args, said):
    week = tmp_path / "week.yaml"
    week.write_bytes(BUNDLED.read_bytes())
    result = run(*args, "--plan", str(week))
    assert result.exit_code == 2
    assert said in " ".join(result.output.split())


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["note", "2", "-已发文", "--on", "2021-09-03", "--lang", "zh"],
         "要给出以 - 开头的文字，请在它前面加 --："),
        (["note", "2", "-done", "--on", "2021-09-03", "--lang", "en"],
         "To give text that starts with -, put -- before it:"),
    ],
)  # fmt: skip
def test_text_that_starts_with_a_dash_gets_a_hint_how_to_give_it(run, tmp_path, args, said):
    week = tmp_path / "week.yaml"
    week.write_bytes(BUNDLED.read_bytes())
    result = run(*args, "--plan", str(week))
    assert result.exit_code == 2
    [hint] = [line for line in result.output.splitlines() if said in line]
    assert hint.endswith(f"note 2 --on 2021-09-03 --lang {args[-1]} --plan {week} -- {args[2]}")
    assert week.read_bytes() == BUNDLED.read_bytes()
    words = hint.split(said)[1].split()
    assert run(*words[words.index("note") :]).exit_code == 0  # the command line suggested works
    from rectiplan.validate import load_plan

    [noted] = [item for item in load_plan(week).plan.items if item.id == 2]
    assert [entry.text for entry in noted.progress][-1] == args[2]


def test_a_mistyped_option_of_a_command_without_text_gets_no_dash_hint(run):
    result = run("list", "--sttus", "done")
    assert result.exit_code == 2 and "put -- before it" not in result.output


@pytest.mark.parametrize(("lang", "listed"), [("en", "农村处, 社发处"), ("zh", "农村处、社发处")])
def test_known_names_are_listed_with_the_separator_of_the_messages_language(run, write_plan, lang, listed):
    plan = write_plan(plan_text({"division": "农村处"}, {"division": "社发处"}))
    result = run("list", "--division", "财务处", "--lang", lang, "--plan", str(plan))
    assert result.exit_code == 2
    assert listed in result.output.replace("\n", "")


def test_every_prefix_is_ascii(run):
    from rectiplan.messages import TEXT

    assert not [key for key, both in TEXT.items() for said in both.values() if "rectiplan：" in said]


@pytest.mark.parametrize(("lang", "listed"), [("en", "(农村处, 区域处)"), ("zh", "（农村处、区域处）")])
def test_a_problems_list_of_divisions_uses_the_separator_of_its_language(run, tmp_path, lang, listed):
    source = (ROOT / "tests/examples/invalid/measure_division_not_in_item.yaml").read_text(encoding="utf-8")
    plan = tmp_path / "p.yaml"
    plan.write_text(source.replace("      - 农村处\n", "      - 农村处\n      - 区域处\n"), encoding="utf-8")
    result = run("validate", "--format", "parsable", "--lang", lang, str(plan))
    assert result.exit_code == 1 and listed in result.output
