"""The text exports as files other programs read: iCalendar parsed back with icalendar, Markdown with a
CommonMark+GFM-tables parser (markdown-it, which rich already needs), csv with the csv module."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from conftest import BUNDLED, plan_text
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from markdown_it import MarkdownIt

from rectiplan.exports import ExportData, exporter
from rectiplan.exports.ics import item_uid
from rectiplan.exports.md import COLUMNS, markdown
from rectiplan.formats import Row
from rectiplan.formats.csv import formula_safe
from rectiplan.model import Plan
from rectiplan.query import days_overdue, entries_of
from rectiplan.sheet import LEDGER, encode_divisions, encode_list, encode_people, encode_progress

AS_OF = date(2021, 9, 1)
NASTY = 'comma, semicolon; backslash \\ colon: quote " pipe | <b>tag</b> &amp; 换行\n第二行'

PLAN: dict[str, Any] = {
    "title": "测试方案, with; commas\\and a long title that must be folded 一二三四五六七八九十",
    "warn_days": {"yellow": 15, "orange": 5},
    "items": [
        {
            "id": 1,
            "topic": "主题",
            "issue": NASTY,
            "measures": [{"text": "措施一, 有逗号", "divisions": ["办公室"]}, {"text": "措施二;分号"}],
            "evidence": ["证据一", "证据二"],
            "deadline": "2021-08-31",
            "divisions": ["办公室", "农村处"],
            "leader": "甲",
            "owner": "乙",
            "status": "in_progress",
            "progress": [{"on": "2021-08-01", "text": "已开会", "by": "乙"}],
            "extensions": [{"to": "2021-09-30", "reason": "需要时间", "approved_on": "2021-08-20"}],
        },
        {
            "id": 2,
            "topic": "主题",
            "issue": "已完成的事项",
            "measures": [{"text": "措施"}],
            "evidence": [],
            "deadline": "2021-08-31",
            "divisions": ["农村处"],
            "status": "done",
            "done_on": "2021-07-01",
        },
        {
            "id": 3,
            "topic": "主题",
            "issue": "长期坚持的事项" * 10,
            "measures": [{"text": "措施"}],
            "evidence": [],
            "divisions": ["农村处"],
            "status": "ongoing",
        },
        {
            "id": 4,
            "topic": "主题",
            "issue": "逾期的事项",
            "measures": [{"text": "=1+1"}],
            "evidence": ["-证据"],
            "deadline": "2021-08-01",
            "divisions": ["农村处"],
            "owner": "丙",
        },
    ],
}


def export_data(plan: dict[str, Any] = PLAN, as_of: date = AS_OF, lang: str = "zh") -> ExportData:
    model = Plan.model_validate(plan)
    entries = entries_of([("plan.yaml", model)])
    rows = tuple(Row(entry, days_overdue(entry.item, as_of), as_of) for entry in entries)
    return ExportData(plans=(("plan.yaml", model),), rows=rows, as_of=as_of, lang=lang)


def exported(name: str, data: ExportData) -> bytes:
    out = io.BytesIO()
    exporter(name).write(data, out)
    return out.getvalue()


# --- ics ----------------------------------------------------------------------------------------------------------


def todos(raw: bytes) -> dict[int, Any]:
    calendar = Calendar.from_ical(raw)
    found = {}
    for todo in calendar.walk("VTODO"):
        number = int(re.search(r"(\d+)", str(todo["SUMMARY"]))[1])  # type: ignore[index]
        found[number] = todo
    return found


def calendar_name(raw: bytes) -> str:
    """The X-WR-CALNAME value as written (escaped), its folds undone."""
    unfolded = raw.decode("utf-8").replace("\r\n ", "")
    (line,) = [line for line in unfolded.split("\r\n") if line.startswith("X-WR-CALNAME:")]
    return line.removeprefix("X-WR-CALNAME:")


def unescape_text(value: str) -> str:
    """RFC 5545 §3.3.11 TEXT read back, strictly: a backslash is followed by one of \\ ; , n N."""
    out, characters = [], iter(value)
    for character in characters:
        if character == "\\":
            following = next(characters)
            assert following in "\\;,nN", value
            out.append("\n" if following in "nN" else following)
        else:
            assert character not in ";,", value  # unescaped, they would separate values
            out.append(character)
    return "".join(out)


def test_ics_is_one_calendar_of_todos_with_every_field():
    data = export_data()
    raw = exported("ics", data)
    calendar = Calendar.from_ical(raw)
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"]).startswith("-//rectiplan")
    assert unescape_text(calendar_name(raw)) == PLAN["title"]
    found = todos(raw)
    assert sorted(found) == [1, 2, 3, 4]

    first = found[1]
    assert str(first["UID"]) == item_uid(data.plans[0][1], 1, "plan.yaml")
    assert first.decoded("DTSTAMP") == datetime(2021, 9, 1, tzinfo=timezone.utc)
    # DUE is the deadline in force (the extension), an all-day DATE.
    assert first.decoded("DUE") == date(2021, 9, 30) and not isinstance(first.decoded("DUE"), datetime)
    assert str(first["STATUS"]) == "IN-PROCESS"
    assert [str(c) for c in first["CATEGORIES"].cats] == ["办公室", "农村处"]
    assert str(first["SUMMARY"]).startswith("【序号 1】comma, semicolon; backslash \\ colon")
    description = str(first["DESCRIPTION"])
    assert description.startswith("整改内容：" + NASTY + "\n整改措施：\n1. 措施一, 有逗号（办公室）\n2. 措施二;分号\n")
    assert "整改检验形式：\n1. 证据一\n2. 证据二\n" in description
    assert "责任处室：办公室、农村处\n责任人：甲/乙\n" in description
    assert description.endswith("进展情况：2021-08-01 已开会（乙）")
    triggers = [(alarm["TRIGGER"].dt, alarm["TRIGGER"].params["RELATED"]) for alarm in first.walk("VALARM")]
    # At 09:00 (DUE, a DATE, starts at 00:00): 15 and 5 days before, and on the day itself.
    nine = timedelta(hours=9)
    assert triggers == [(nine - timedelta(days=15), "END"), (nine - timedelta(days=5), "END"), (nine, "END")]
    assert b"TRIGGER;RELATED=END:-P14DT15H" in raw and b"TRIGGER;RELATED=END:PT9H" in raw
    assert all(str(alarm["ACTION"]) == "DISPLAY" and str(alarm["DESCRIPTION"]) for alarm in first.walk("VALARM"))

    done = found[2]
    assert str(done["STATUS"]) == "COMPLETED" and not done.walk("VALARM")
    # Noon in Asia/Shanghai on done_on.
    assert done.decoded("COMPLETED") == datetime(2021, 7, 1, 4, tzinfo=timezone.utc)

    ongoing = found[3]
    assert "DUE" not in ongoing and str(ongoing["STATUS"]) == "IN-PROCESS" and not ongoing.walk("VALARM")
    assert str(ongoing["SUMMARY"]).endswith("…") and len(str(ongoing["SUMMARY"])) < 60

    late = found[4]
    assert str(late["STATUS"]) == "NEEDS-ACTION" and late.decoded("DUE") == date(2021, 8, 1)
    assert late.walk("VALARM") == []  # every alarm's day has passed: none to ring at once on import


def test_ics_leaves_out_the_alarms_whose_day_has_passed():
    # Item 1 is due 2021-09-30 (extended): yellow on 09-15, orange on 09-25, the day itself on 09-30.
    for as_of, count in (
        (date(2021, 9, 15), 3),
        (date(2021, 9, 16), 2),
        (date(2021, 9, 30), 1),
        (date(2021, 10, 1), 0),
    ):
        first = todos(exported("ics", export_data(as_of=as_of)))[1]
        assert len(first.walk("VALARM")) == count, as_of


def test_ics_lines_are_crlf_folded_at_75_octets_and_escaped():
    raw = exported("ics", export_data())
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # a fold never cuts a character in two
    unfolded = raw.decode("utf-8").replace("\r\n ", "")
    assert "comma\\, semicolon\\; backslash \\\\ colon: quote" in unfolded and "换行\\n第二行" in unfolded


def test_ics_uids_are_stable_and_the_output_reproducible():
    first = exported("ics", export_data())
    assert exported("ics", export_data()) == first
    later = todos(exported("ics", export_data(as_of=date(2021, 10, 1))))
    assert {n: str(t["UID"]) for n, t in later.items()} == {n: str(t["UID"]) for n, t in todos(first).items()}
    assert len({str(t["UID"]) for t in later.values()}) == 4


def test_ics_in_english():
    found = todos(exported("ics", export_data(lang="en")))
    assert str(found[4]["SUMMARY"]) == "[No. 4] 逾期的事项"
    assert str(found[4]["DESCRIPTION"]).startswith("Problem raised: 逾期的事项\nMeasures:\n1. =1+1\n")
    assert [str(alarm["DESCRIPTION"]).split(":")[0] for alarm in found[1].walk("VALARM")] == [
        "yellow alert",
        "orange alert",
        "due today",
    ]


_ICS_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), whitelist_characters='\n,;:\\"')
    | st.sampled_from([",", ";", "\\", "\n", ":", "中"]),
    min_size=1,
    max_size=120,
).filter(lambda value: value.strip() != "")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(issue=_ICS_TEXT, measure=_ICS_TEXT, division=_ICS_TEXT)
def test_ics_any_text_comes_back_and_every_line_fits(issue: str, measure: str, division: str):
    item = {**PLAN["items"][3], "issue": issue, "measures": [{"text": measure}], "divisions": [division]}
    raw = exported("ics", export_data({**PLAN, "items": [item]}))
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75 and b"\n" not in raw.replace(b"\r\n", b"")
    (todo,) = Calendar.from_ical(raw).walk("VTODO")
    assert str(todo["DESCRIPTION"]).startswith(f"整改内容：{issue}\n整改措施：\n1. {measure}\n")
    assert [str(name) for name in todo["CATEGORIES"].cats] == [division]


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(min_size=1, max_size=200).filter(lambda value: value.strip() != ""), issue=st.text(max_size=80))
@example(title="\ufeff", issue="")  # found by hypothesis: icalendar dropped a value's leading U+FEFF
def test_ics_any_title_and_text_is_escaped_never_raw(title: str, issue: str):
    item = {**PLAN["items"][3], "issue": (issue.strip() or "x") + "\\N\r\x1b\x00"}
    raw = exported("ics", export_data({**PLAN, "title": title, "items": [item]}))
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and max(len(line) for line in lines) <= 75
    # No CR, LF or other control character inside a content line: TEXT may hold none of them (§3.3.11).
    assert not any(_CONTROL.search(line.decode("utf-8")) or b"\r" in line or b"\n" in line for line in lines)
    # The name is the title on one line, whatever it holds, and reads back exactly.
    assert unescape_text(calendar_name(raw)) == _CONTROL.sub("\ufffd", " ".join(title.split()))
    unfolded = raw.decode("utf-8").replace("\r\n ", "")
    assert "\\\\N\\n\ufffd\ufffd" in unfolded  # a literal backslash-N stays one; CR is a line break


def test_ics_title_with_a_line_break_or_carriage_return(run, write_plan):
    for title, shown in (
        ('"整改方案\\n"', "整改方案"),
        ('"a\\rBEGIN:VEVENT"', "a BEGIN:VEVENT"),
        ('"a,b;c\\\\d"', "a\\,b\\;c\\\\d"),
    ):
        path = write_plan(plan_text({}, header=f"title: {title}\n"))
        result = run("export", "-f", "ics", "--plan", str(path), "--as-of", "2021-08-01")
        assert result.exit_code == 0, result.output
        assert f"X-WR-CALNAME:{shown}\r\n".encode() in result.stdout_bytes
        assert len(Calendar.from_ical(result.stdout_bytes).walk("VTODO")) == 1


def test_ics_a_deadline_in_year_1_is_exported_without_the_alarms_that_cannot_be_dated(run, write_plan):
    path = write_plan(plan_text({"deadline": "0001-01-02"}, {"deadline": "9999-12-31", "extra": ""}))
    for as_of in ([], ["--as-of", "0001-01-01"]):
        result = run("export", "-f", "ics", "--plan", str(path), *as_of)
        assert result.exit_code == 0, result.output
        (early, late) = Calendar.from_ical(result.stdout_bytes).walk("VTODO")
        assert early.decoded("DUE") == date(1, 1, 2) and late.decoded("DUE") == date(9999, 12, 31)
    # On 0001-01-01 only the alarm of the day itself can ring: yellow and orange would be before year 1.
    assert [alarm["TRIGGER"].dt for alarm in early.walk("VALARM")] == [timedelta(hours=9)]


def test_ics_uids_are_distinct_across_plans_and_stable_for_one_file(run, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for path in (tmp_path / "week.yaml", tmp_path / "copy2.yaml", tmp_path / "a" / "week.yaml"):
        path.write_text(plan_text({}, {}), encoding="utf-8")

    def uids(*plans: str) -> list[str]:
        args = [part for plan in plans for part in ("--plan", plan)]
        result = run("export", "-f", "ics", *args, "--as-of", "2021-08-01")
        assert result.exit_code == 0, result.output
        return [str(todo["UID"]) for todo in Calendar.from_ical(result.stdout_bytes).walk("VTODO")]

    both = uids("week.yaml", "copy2.yaml")
    assert len(both) == 4 and len(set(both)) == 4
    # The same file, however it is named and from wherever, gives the same UIDs.
    assert uids("week.yaml") == uids(str(tmp_path / "week.yaml")) == uids("./a/../week.yaml") == both[:2]
    alike = uids("week.yaml", "a/week.yaml")  # same title and file name in two folders: told apart by rank
    assert len(set(alike)) == 4 and alike[:2] == both[:2]


def test_ics_of_no_item_is_refused(run, tmp_path):
    result = run("export", "-f", "ics", "--plan", str(BUNDLED), "--status", "done", "--as-of", "2021-01-01")
    assert result.exit_code == 2 and "at least one to-do" in result.stderr and result.stdout == ""
    written = run("export", "-o", "x.ics", "--plan", str(BUNDLED), "--status", "done", "--as-of", "2021-01-01")
    assert written.exit_code == 2 and not (tmp_path / "x.ics").exists()
    zh = run("export", "-f", "ics", "--plan", str(BUNDLED), "--status", "done", "--as-of", "2021-01-01", "--lang", "zh")
    assert zh.exit_code == 2 and "未写入" in zh.stderr


# --- md -----------------------------------------------------------------------------------------------------------

_PARSER = MarkdownIt("commonmark").enable("table")


def table_cells(text: str) -> list[list[str]]:
    """Each row of the document's one table as the text its cells render to (a <br> read as a line break)."""
    rows: list[list[str]] = []
    tokens = _PARSER.parse(text)
    for index, token in enumerate(tokens):
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and tokens[index - 1].type in ("th_open", "td_open"):
            rendered = _PARSER.renderer.renderInline(token.children or [], _PARSER.options, {})
            rows[-1].append(html.unescape(rendered.replace("<br>", "\n")))
    return rows


def _same_text(shown: str, original: str) -> bool:
    # The zero-width spaces md puts after reference sigils (@all, #12) show nothing.
    return " ".join(shown.replace("\u200b", "").split()) == " ".join(original.replace("\u200b", "").split())


# What GitHub and GitLab turn into a mention or a reference in rendered text.
_REFERENCES = re.compile(r"[@~%][\w\"]|[#!&$]\d")


def test_md_mentions_and_references_notify_and_link_nobody():
    issue = '@all 请 @张三 看 #12、!3、&5、$7、~bug、~"待办"、%"v1" 和 a@b.cn\n#3 开头'
    plan = {**PLAN, "title": "@all #1", "items": [{**PLAN["items"][3], "issue": issue, "owner": "@owner"}]}
    text = markdown(export_data(plan))
    cells = dict(zip((column.key for column in COLUMNS), table_cells(text)[1]))
    # An owner alone is written `/owner` (sheet.encode_people), so that it reads back as the owner.
    assert _same_text(cells["issue"], issue) and _same_text(cells["people"], "/@owner")
    assert not _REFERENCES.search(cells["issue"]) and not _REFERENCES.search(cells["people"])
    assert "@&#8203;all 请 @&#8203;张三 看 #&#8203;12、!&#8203;3" in text and text.startswith(
        "# @&#8203;all #&#8203;1\n"
    )
    # Nothing else is touched: a sigil before what makes no reference stays as it is.
    assert "# 标题 @ #x !" in markdown(export_data({**PLAN, "title": "标题 @ #x !"}))


def test_md_is_a_titled_table_of_every_item():
    text = markdown(export_data())
    assert text.startswith("# 测试方案, with; commas\\\\and a long title")
    assert "截至 2021-09-01，共 4 项。" in text
    rows = table_cells(text)
    assert rows[0] == [column.zh for column in COLUMNS]
    assert all(len(row) == len(COLUMNS) for row in rows)
    first = dict(zip((column.key for column in COLUMNS), rows[1]))
    assert first["issue"] == NASTY
    assert first["measures"] == "1. 措施一, 有逗号\n2. 措施二;分号"
    # The cell forms are sheet.py's (the import reads them back); md only escapes them.
    item = export_data().rows[0].entry.item
    assert first["divisions"] == encode_divisions(item.divisions, item.measures)
    assert (first["people"], first["status"], first["effective_deadline"], first["level"]) == (
        "甲/乙",
        "进行中",
        "2021-09-30",
        "",  # 29 days left: no level below yellow's 15
    )
    assert rows[4][len(COLUMNS) - 1] == "红色预警" and rows[3][5] == ""


_CELL_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), whitelist_characters="\n\t"), min_size=1, max_size=40
).filter(lambda value: value.strip() != "")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(topic=_CELL_TEXT, issue=_CELL_TEXT, measures=st.lists(_CELL_TEXT, min_size=1, max_size=3), owner=_CELL_TEXT)
def test_md_any_cell_text_stays_in_its_cell(topic: str, issue: str, measures: list[str], owner: str):
    plan = {**PLAN, "items": [{**PLAN["items"][3], "topic": topic, "issue": issue, "owner": owner,
                               "measures": [{"text": text} for text in measures]}]}  # fmt: skip
    rows = table_cells(markdown(export_data(plan)))
    assert len(rows) == 2 and all(len(row) == len(COLUMNS) for row in rows), rows
    cells = dict(zip((column.key for column in COLUMNS), rows[1]))
    assert _same_text(cells["topic"], topic) and _same_text(cells["issue"], issue)
    assert _same_text(cells["people"], encode_people(None, owner))
    expected = measures[0] if len(measures) == 1 else "\n".join(f"{n}. {m}" for n, m in enumerate(measures, 1))
    assert _same_text(cells["measures"], expected)


# --- csv and json -------------------------------------------------------------------------------------------------


def test_csv_is_the_ledger_with_a_byte_order_mark_and_formulas_guarded():
    raw = exported("csv", export_data())
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [column.zh for column in LEDGER]
    cells = {n: dict(zip((column.key for column in LEDGER), row)) for n, row in enumerate(rows[1:], 1)}
    # Each cell is sheet.py's form (what the import reads back), guarded against formulas.
    items = [row.entry.item for row in export_data().rows]
    assert cells[1]["issue"] == NASTY and cells[1]["measures"] == encode_list([m.text for m in items[0].measures])
    assert cells[1]["divisions"] == encode_divisions(items[0].divisions, items[0].measures)
    assert cells[1]["people"] == "甲/乙" and cells[1]["status"] == "进行中"
    assert cells[1]["extensions"] == "2021-09-30（2021-08-20批准）：需要时间"
    assert cells[1]["progress"] == encode_progress(items[0].progress) and "已开会" in cells[1]["progress"]
    assert (cells[1]["effective_deadline"], cells[1]["days"], cells[1]["level"]) == ("2021-09-30", "29", "")
    assert cells[2]["done_on"] == "2021-07-01" and cells[2]["days"] == ""
    assert cells[4]["measures"] == "'=1+1" and cells[4]["evidence"] == formula_safe(encode_list(["-证据"]))
    assert (
        cells[4]["days"] == "-31"
        and cells[4]["level"] == "红色预警"
        and cells[4]["people"] == encode_people(None, "丙")
    )
    english = list(csv.reader(io.StringIO(exported("csv", export_data(lang="en")).decode("utf-8-sig"))))
    assert english[0] == [column.en for column in LEDGER] and english[1][8] == "in_progress"


@pytest.mark.parametrize(
    "issue",
    [
        "a" * 46 + "::error::pwned",  # the new user's: icalendar folded right before the "::"
        "问题" * 20 + " \u00ad::warning file=x::y",
        "##[group]folded ##[error]x " * 5,
        "#\u00ad#[endgroup]" + ":" * 300 + "x",
        " " * 200 + "::error::after blanks",
    ],
)
def test_ics_folds_never_make_a_workflow_command_in_a_ci_log(issue):
    from rectiplan.messages import IGNORABLE, LEGACY_COMMAND

    item = {**PLAN["items"][3], "issue": issue}
    raw = exported("ics", export_data({**PLAN, "items": [item]}))
    physical = raw.decode("utf-8").split("\r\n")
    assert not [line for line in physical if re.search(LEGACY_COMMAND, line)]
    assert not [line for line in physical if re.match(f"(?:\\s|{IGNORABLE})*:{IGNORABLE}*:", line)]
    # The same calendar to a reader: the issue reads back exactly.
    (todo,) = Calendar.from_ical(raw).walk("VTODO")
    assert issue.strip() in str(todo["DESCRIPTION"])
