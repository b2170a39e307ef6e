"""The 台账 as a table: the columns an office sheet has, and how each field is written in a cell and read back.

One place for both directions: the xlsx, docx and csv exports write cells with the `encode_*` functions, and
`rectiplan import` reads an exported file back with the `decode_*` ones, so `import(export(plan)) == plan`.
Published tables (whose cells people wrote by hand) are read by `cells.py`, which is more forgiving.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Extension, Measure, Plan, Progress


@dataclass(frozen=True)
class Column:
    """A column of the 台账: `key` names what it holds; `imported` says whether `import` reads it back (the
    tracking facts worked out as of a date, such as the warning level, are written for people, never read)."""

    key: str
    zh: str
    en: str
    imported: bool = True

    def heading(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


# The 8 columns of the published attachment, in its order.
PUBLISHED: tuple[Column, ...] = (
    Column("id", "序号", "No."),
    Column("topic", "主题", "Topic"),
    Column("issue", "整改内容", "Problem raised"),
    Column("measures", "整改措施", "Measures"),
    Column("evidence", "整改检验形式", "Evidence"),
    Column("deadline", "计划完成时间", "Deadline"),
    Column("divisions", "责任处室", "Divisions"),
    Column("people", "责任人", "Responsible"),
)

# What the 台账 adds: the tracking fields of the plan (read back by import) and the facts as of a date (not).
# 佐证材料 is a published heading for 整改检验形式 (evidence), so materials are 已交材料 here.
TRACKING: tuple[Column, ...] = (
    Column("status", "状态", "Status"),
    Column("effective_deadline", "当前期限", "Current deadline", imported=False),
    Column("days", "剩余/逾期天数", "Days left/late", imported=False),
    Column("level", "预警", "Warning", imported=False),
    Column("done_on", "完成日期", "Done on"),
    Column("closed_on", "销号日期", "Closed on"),
    Column("progress", "进展情况", "Progress"),
    Column("extensions", "延期", "Extensions"),
    Column("materials", "已交材料", "Materials"),
    Column("notes", "备注", "Notes"),
)

LEDGER: tuple[Column, ...] = PUBLISHED + TRACKING


def encode_list(texts: list[str]) -> str:
    """Measures or evidence in one cell: one entry as it is, several as `1.…` lines (the published form).

    When that would not read back as the same entries (one entry that itself looks numbered, `（1）…`; an entry
    holding `2.` where a later entry starts), the first of `1.` lines, `（1）` lines and `①` lines that does is
    written: the cell is checked by reading it back, which costs one scan of its text."""
    if not texts:
        return ""
    if len(texts) == 1:
        candidates = [texts[0], f"1.{texts[0]}", f"①{texts[0]}"]
    else:
        candidates = [
            "\n".join(f"{number}.{text}" for number, text in enumerate(texts, 1)),
            "\n".join(f"（{number}）{text}" for number, text in enumerate(texts, 1)),
        ]
        if len(texts) <= len(_CIRCLED):
            candidates.append("\n".join(f"{_CIRCLED[number]}{text}" for number, text in enumerate(texts)))
    return next((cell for cell in candidates if decode_list(cell) == texts), candidates[0])


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def encode_people(leader: str | None, owner: str | None) -> str:
    """责任人 as published: `leader/owner`, or the one there is. An owner alone is `/owner`, and a leader alone
    that would read as two people (`唐咸来 潘红雄`) `leader/`: one name alone reads as the leader. A name holding a
    slash of its own is quoted, `“A/B”/owner` (cells.quoted_name), so that the slash between them is the only one
    outside brackets and quotes; every other name is written as it is."""
    from .cells import quoted_name

    written_leader = quoted_name(leader) if leader else ""
    written_owner = quoted_name(owner) if owner else ""
    if owner and not leader:
        return f"/{written_owner}"
    if leader and not owner:
        return written_leader if decode_people(written_leader) == (leader, None) else f"{written_leader}/"
    return "/".join(name for name in (written_leader, written_owner) if name)


def encode_divisions(divisions: list[str], measures: list[Measure]) -> str:
    """责任处室: `A、B`, or grouped per measure `（1）A；（2）B、C` when measures name their own divisions.

    Each group is numbered as the measures it covers: consecutive measures with the same units share one,
    `（1）（2）A` for two and `（3）—（5）B` for more (the bundled plan's item 26), so that every measure reads back
    its own. A measure naming none has no group, except the last, written `（n）` empty, so that the groups never
    look like fewer groups than measures. When the item's divisions are not exactly the groups' units in order,
    they come first on a line of their own."""
    from .cells import quoted_unit

    divisions = [quoted_unit(division) for division in divisions]
    if not any(measure.divisions for measure in measures):
        return "、".join(divisions)
    runs: list[tuple[int, int, list[str]]] = []  # (first measure, last measure, units), numbered from 1
    for number, measure in enumerate(measures, 1):
        own = [quoted_unit(division) for division in measure.divisions]
        if runs and runs[-1][1] == number - 1 and runs[-1][2] == own and own:
            runs[-1] = (runs[-1][0], number, own)
        elif own or number == len(measures):
            runs.append((number, number, own))
    groups = []
    for first, last, own in runs:
        if last - first >= 2:
            numbers = f"（{first}）—（{last}）"
        else:
            numbers = "".join(f"（{n}）" for n in range(first, last + 1))
        groups.append(numbers + "、".join(own))
    union = list(dict.fromkeys(quoted_unit(division) for measure in measures for division in measure.divisions))
    cell = "；".join(groups)
    return cell if union == divisions else "、".join(divisions) + "\n" + cell


def encode_progress(entries: list[Progress]) -> str:
    """进展情况: one line an entry, `YYYY-MM-DD text`, or `YYYY-MM-DD（by）text` with who reported it: the reporter
    stands right after the date, where no text can be mistaken for it (a text may well end in `（…）`)."""
    return "\n".join(entry.on.isoformat() + (f"（{entry.by}）" if entry.by else " ") + entry.text for entry in entries)


def encode_extensions(extensions: list[Extension]) -> str:
    """延期: one line an extension, `YYYY-MM-DD：reason` or `YYYY-MM-DD（YYYY-MM-DD批准）：reason`."""
    lines = []
    for extension in extensions:
        approved = f"（{extension.approved_on.isoformat()}批准）" if extension.approved_on else ""
        lines.append(f"{extension.to.isoformat()}{approved}：{extension.reason}")
    return "\n".join(lines)


def encode_date(day: date | None) -> str:
    return day.isoformat() if day else ""


# The plan's own fields, which no item row holds: an exported file keeps them where a person can read them and
# `import` can find them by heading (the xlsx on its 方案信息 sheet, heading in column A and value in B; the docx in
# its document properties, as `heading：value` lines). `imported=False`: written for people, never read back.
PLAN_INFO: tuple[Column, ...] = (
    Column("title", "方案名称", "Title"),
    Column("issuer", "印发单位", "Issuer"),
    Column("timezone", "时区", "Time zone"),
    Column("warn_days.yellow", "黄色预警天数", "Yellow warning (days)"),
    Column("warn_days.orange", "橙色预警天数", "Orange warning (days)"),
    Column("divisions", "处室名录", "Divisions roster"),
    Column("source", "方案文件", "Plan file", imported=False),
    Column("as_of", "统计日期", "As of", imported=False),
)


def encode_plan_info(plan: Plan, source: str, as_of: date) -> list[tuple[Column, str | int]]:
    """The PLAN_INFO values of a plan: numbers as numbers, the roster joined by `、` (empty when it has none; a
    unit quoted as in 责任处室 where it must be)."""
    from .cells import quoted_unit

    values: dict[str, str | int] = {
        "title": plan.title,
        "issuer": plan.issuer or "",
        "timezone": plan.timezone,
        "warn_days.yellow": plan.warn_days.yellow,
        "warn_days.orange": plan.warn_days.orange,
        "divisions": "、".join(quoted_unit(division) for division in plan.divisions or ()),
        "source": source,
        "as_of": as_of.isoformat(),
    }
    return [(column, values[column.key]) for column in PLAN_INFO]


def decode_plan_info(pairs: Iterable[tuple[str, object]]) -> dict[str, object]:
    """The plan fields in (heading, value) pairs read back from an export (the 方案信息 sheet's columns A and B, or
    the docx comments' `heading：value` lines), as plan data: `{"title": …, "issuer": …, "timezone": …,
    "warn_days": {"yellow": 20, "orange": 10}, "divisions": [...]}`. Headings are matched in either language;
    empty values, unknown headings and the columns written for people only are left out."""
    by_heading = {heading: column for column in PLAN_INFO for heading in (column.zh, column.en)}
    data: dict[str, object] = {}
    warn_days: dict[str, object] = {}
    for heading, value in pairs:
        column = by_heading.get(str(heading).strip())
        if column is None or not column.imported or value is None or str(value).strip() == "":
            continue
        if column.key.startswith("warn_days."):
            number = str(value).strip()
            warn_days[column.key.split(".", 1)[1]] = int(number) if number.isdigit() else number
        elif column.key == "divisions":
            from .cells import split_units, unquoted_unit

            data["divisions"] = [unquoted_unit(name) for name in split_units(str(value))]
        else:
            data[column.key] = str(value)
    if warn_days:
        data["warn_days"] = warn_days
    return data


# What cannot round trip (decode(encode(x)) != x), because the cell text is the same for two values:
# - a list entry holding the number of a later entry followed by `.` or `、` (entry 2 `…定义3.…`), or a line break
#   followed by such a number: it reads as where that entry starts; an entry with blanks around it reads stripped,
#   and so does any cell's text (a topic, an issue, notes, the title);
# - (nothing of a person's name or a unit: one that a bare cell would misread, a slash of a name's own, a separator,
#   a line break, `（n）`, a role mark or label, a final digit, blanks around it, a bracket or quotation mark it does
#   not pair, is quoted, `“A/B”/C`, `“科室2”、“A（”、办公室` (cells.quoted_name, cells.quoted_unit), a `”` in it
#   doubled; what a quotation holds is read literally, its brackets and marks do not nest);
# - a progress or extension text holding a line that starts like an entry (`2021-05-10 …`), and a reporter
#   holding a line break, or brackets inside brackets (`（甲（乙（丙）））`).
# Everything else does (tests/test_cells.py proves it for generated values, tests/test_round_trip_property.py for
# generated plans through the xlsx, docx and csv exports and the import).


# Characters that make Excel or WPS read a cell of a CSV file as a formula.
FORMULA_STARTS = frozenset("=+-@\t\r")


def guard_formula(text: str) -> str:
    """A CSV cell that a spreadsheet keeps as text: `'` before a text that starts like a formula, and before one
    that starts with `'` and then such a character or another `'`, so that unguard_formula undoes every guard and
    changes nothing else (`'=x` is written `''=x`). Blank text is no formula and is left alone, so that a cell `'`
    and a tab, typed by hand, is not read back as a tab (found by hypothesis)."""
    starts_like_one = text[:1] in FORMULA_STARTS or (
        text[:1] == "'" and (text[1:2] in FORMULA_STARTS or text[1:2] == "'")
    )
    return "'" + text if starts_like_one and text.strip() else text


def unguard_formula(text: str) -> str:
    """The inverse of guard_formula: a leading `'` dropped when a formula start or another `'` follows it, and the
    rest is not blank."""
    if text[:1] == "'" and (text[1:2] in FORMULA_STARTS or text[1:2] == "'") and text[1:].strip():
        return text[1:]
    return text


def decode_list(text: str) -> list[str]:
    """Measures, evidence or materials from a cell: the inverse of encode_list, which also reads the numbered
    lists of published tables (cells.split_numbered)."""
    from .cells import split_numbered

    return split_numbered(text).value


def decode_people(text: str) -> tuple[str | None, str | None]:
    """(leader, owner) from a 责任人 cell: the inverse of encode_people (cells.read_people)."""
    from .cells import read_people

    return read_people(text).value


def decode_divisions(text: str, measure_count: int) -> tuple[list[str], list[list[str]] | None]:
    """(the item's divisions, each measure's own or None): the inverse of encode_divisions. A first line of units
    before grouped ones is the item's list as written; otherwise the groups' units in order (cells.read_divisions,
    which also reads published cells)."""
    from .cells import first_line_break, read_divisions, split_units, unquoted_unit

    # The line break after the item's list, not one inside a quoted unit of it.
    at = first_line_break(text)
    first, newline, rest = (text[:at], "\n", text[at + 1 :]) if at >= 0 else (text, "", "")
    if newline and not _GROUP_START.match(first.strip()) and _GROUP_START.match(rest.strip()):
        grouped, per_measure = read_divisions(rest, measure_count).value
        if per_measure is None:
            # The groups do not read as the measures' own (numbers that do not match the measures): the units are
            # still the item's, never dropped.
            return list(dict.fromkeys([*(unquoted_unit(unit) for unit in split_units(first)), *grouped])), None
        return [unquoted_unit(unit) for unit in split_units(first)], per_measure
    return read_divisions(text, measure_count).value


_GROUP_START = re.compile(r"[（(]\d{1,2}[）)]")
# Every year-first date form of the plan format, as a person types it into the exported sheet (2021/9/1,
# 2021年9月1日), not only the 2021-09-01 rectiplan writes.
_DAY = r"(\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}(?!\d)|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号])"
# The separator rectiplan writes (one blank, one ：) is tried first, so that what it wrote reads back exactly; then
# what people type: a colon, a comma or nothing, 延期至… and 原因：….
# The reporter's brackets may hold one level of brackets of their own: （社发处（牵头））.
_PROGRESS_LINE = re.compile(r"\s*" + _DAY + r"(?:（((?:[^（）\n]|（[^（）\n]*）)+)）| |[\s:：，,、]*)(.+)")
_EXTENSION_LINE = re.compile(
    r"\s*(?:(?:延期至|延期到|延至|延到)\s*)?"
    + _DAY
    + r"(?:（"
    + _DAY
    + r"批准）)?(?:：|[\s:：，,、]*(?:(?:延期)?原因[:：]\s*)?)(.+)"
)


def _lines(text: str, line: re.Pattern[str], what: str) -> list[tuple[re.Match[str], str]]:
    """Each entry's header match and its whole text: a line that does not start an entry continues the one
    before (a text may have line breaks). ValueError when the first line starts no entry."""
    found: list[tuple[re.Match[str], str]] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        match = line.fullmatch(raw)
        if match and found and not _real_dates(match):
            match = None  # `2021.62.5万元` on a later line is text that continues the entry, not a date
        if match:
            found.append((match, match[line.groups]))  # the text is the last group
        elif found:
            header, body = found[-1]
            found[-1] = (header, f"{body}\n{raw}")
        elif raw.strip():
            raise ValueError(f"not a {what} entry: {raw!r}")
    return found


def _real_dates(match: re.Match[str]) -> bool:
    """Whether every date an entry's header names is a real day (the header pattern also matches `2021.62.5`)."""
    try:
        for group in (1, 2) if match.re is _EXTENSION_LINE else (1,):
            if match[group]:
                decode_date(match[group])
    except ValueError:
        return False
    return True


def decode_progress(text: str) -> list[dict[str, object]]:
    """Progress entries from a 进展情况 cell, the inverse of encode_progress: `{"on": date, "text": …}` with `"by"`
    when a reporter is written. ValueError when a line cannot be read."""
    entries: list[dict[str, object]] = []
    for match, body in _lines(text, _PROGRESS_LINE, "progress"):
        entry: dict[str, object] = {"on": decode_date(match[1]), "text": body}
        if match[2]:
            entry["by"] = match[2]
        entries.append(entry)
    return entries


def decode_extensions(text: str) -> list[dict[str, object]]:
    """Extensions from a 延期 cell, the inverse of encode_extensions: `{"to": date, "reason": …}` with
    `"approved_on"` when written. ValueError when a line cannot be read."""
    entries: list[dict[str, object]] = []
    for match, body in _lines(text, _EXTENSION_LINE, "extension"):
        entry: dict[str, object] = {"to": decode_date(match[1]), "reason": body}
        if match[2]:
            entry["approved_on"] = decode_date(match[2])
        entries.append(entry)
    return entries


def decode_date(text: str) -> date | None:
    """A date cell's text: None when blank, else a date in a form the plan format reads. ValueError otherwise."""
    from .dates import parse_year_first

    if not text.strip():
        return None
    return parse_year_first(text)
