"""The 台账 as a table: the columns an office sheet has, and how each field is written in a cell and read back.

One place for both directions: the xlsx, docx and csv exports write cells with the `encode_*` functions, and
`rectiplan import` reads an exported file back with the `decode_*` ones, so `import(export(plan)) == plan`.
Published tables (whose cells people wrote by hand) are read by `cells.py`, which is more forgiving.
"""

from __future__ import annotations

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
    """Measures or evidence in one cell: one entry as it is, several as `1.…` lines (the published form)."""
    if len(texts) == 1:
        return texts[0]
    return "\n".join(f"{number}.{text}" for number, text in enumerate(texts, 1))


def encode_people(leader: str | None, owner: str | None) -> str:
    """责任人 as published: `leader/owner`, or the one there is."""
    return "/".join(name for name in (leader, owner) if name)


def encode_divisions(divisions: list[str], measures: list[Measure]) -> str:
    """责任处室: `A、B`, or grouped per measure `（1）A；（2）B、C` when measures name their own divisions."""
    if not any(measure.divisions for measure in measures):
        return "、".join(divisions)
    return "；".join(f"（{n}）{'、'.join(m.divisions)}" for n, m in enumerate(measures, 1))


def encode_progress(entries: list[Progress]) -> str:
    """进展情况: one line an entry, `YYYY-MM-DD text（by）`."""
    return "\n".join(
        f"{entry.on.isoformat()} {entry.text}" + (f"（{entry.by}）" if entry.by else "") for entry in entries
    )


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
    """The PLAN_INFO values of a plan: numbers as numbers, the roster joined by `、` (empty when it has none)."""
    values: dict[str, str | int] = {
        "title": plan.title,
        "issuer": plan.issuer or "",
        "timezone": plan.timezone,
        "warn_days.yellow": plan.warn_days.yellow,
        "warn_days.orange": plan.warn_days.orange,
        "divisions": "、".join(plan.divisions or ()),
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
            data["divisions"] = [name for name in str(value).split("、") if name]
        else:
            data[column.key] = str(value)
    if warn_days:
        data["warn_days"] = warn_days
    return data
