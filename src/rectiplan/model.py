"""The plan format, version 1, as Pydantic models: what a plan file may contain and what each value means."""

from __future__ import annotations

import difflib
import functools
from datetime import date
from enum import Enum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from .dates import DATE_FORMS, DateError, parse_year_first

DEFAULT_TIMEZONE = "Asia/Shanghai"


class Status(str, Enum):
    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    ONGOING = "ongoing"


# The labels Chinese plans and spreadsheets use for the same four states.
STATUS_LABELS_ZH: dict[Status, str] = {
    Status.PENDING: "未开始",
    Status.IN_PROGRESS: "进行中",
    Status.DONE: "已完成",
    Status.ONGOING: "长期坚持",
}
STATUS_BY_NAME: dict[str, Status] = {
    **{status.value: status for status in Status},
    **{label: status for status, label in STATUS_LABELS_ZH.items()},
}


# Words people write for a status that are not its name or label: suggested, never silently taken.
STATUS_SYNONYMS: dict[str, Status] = {
    **dict.fromkeys(("完成", "完成了", "已办结", "办结", "已结束", "finished", "completed", "complete"), Status.DONE),
    **dict.fromkeys(
        ("进行", "正在进行", "在办", "推进中", "办理中", "in progress", "in-progress", "doing", "started"),
        Status.IN_PROGRESS,
    ),
    **dict.fromkeys(("未完成", "未启动", "未开展", "待办", "todo", "not started", "not_started"), Status.PENDING),
    **dict.fromkeys(("长期", "持续", "持续推进", "常态化", "长期推进", "continuous", "permanent"), Status.ONGOING),
}


def status_meant(value: str) -> str | None:
    """The status name or label `value` most likely means, written as the plan writes (Chinese for Chinese)."""
    typed = value.strip().lower()
    status = STATUS_SYNONYMS.get(typed)
    if status is None:
        close = difflib.get_close_matches(typed, list(STATUS_BY_NAME), n=1, cutoff=0.5)
        status = STATUS_BY_NAME[close[0]] if close else None
    if status is None:
        return None
    return status.value if typed.isascii() else STATUS_LABELS_ZH[status]


def parse_plan_date(value: object) -> date:
    """A plan date: a date object, or text in one of the year-first DATE_FORMS."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("bad-date", "not a date", {"value": repr(value), "reason": "form"})
    try:
        return parse_year_first(value)
    except DateError as error:
        reason = "impossible" if error.impossible else "form"
        raise PydanticCustomError("bad-date", "not a date", {"value": value, "reason": reason}) from None


def status_named(name: str) -> Status | None:
    """The status a name or label means, whatever its case and surrounding blanks: "Done", " 已完成 "."""
    return STATUS_BY_NAME.get(name.strip().lower())


def _status(value: object) -> object:
    if isinstance(value, Status):
        return value
    status = status_named(value) if isinstance(value, str) else None
    if status is None:
        raise PydanticCustomError("bad-status", "unknown status", {"value": str(value)})
    return status


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty-value", "empty text", {})
    return value


# Files of the zone database that are not zones: `localtime` is whatever the machine is set to (so "today" would
# depend on where rectiplan runs), `posixrules` a default for POSIX TZ strings, `Factory` a placeholder.
_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})


# Names people write for China's time, which has one zone in the database: Asia/Shanghai (there is no Asia/Beijing).
_CHINA_TIME = dict.fromkeys(
    ("asia/beijing", "beijing", "北京", "北京时间", "china", "cst", "gmt+8", "utc+8", "utc+08:00", "+08:00"),
    "Asia/Shanghai",
)


@functools.cache
def iana_zones() -> frozenset[str]:
    """The IANA zone names a plan may use: Area/Location names and the like (UTC, PRC), not the machine's own."""
    from zoneinfo import available_timezones

    return frozenset(available_timezones() - _NOT_ZONES)


def _timezone(value: str) -> str:
    from zoneinfo import ZoneInfo

    zones = iana_zones()
    try:
        # Membership first: ZoneInfo also opens `localtime`, `posix/…` files, and any case on macOS.
        if value not in zones:
            raise KeyError(value)
        ZoneInfo(value)
    except (KeyError, ValueError, OSError):
        by_case = {zone.lower(): zone for zone in zones}
        near = (
            by_case.get(value.strip().lower())
            or _CHINA_TIME.get(value.strip().lower().replace(" ", ""))
            or next(iter(difflib.get_close_matches(value, sorted(zones), n=1, cutoff=0.8)), None)
        )
        params = {"value": value, "suggestion": near or ""}
        raise PydanticCustomError("bad-timezone", "unknown time zone", params) from None
    return value


def _measures(value: object) -> object:
    # A measure is written as plain text, or as {text, divisions} when only some of the item's units own it.
    if isinstance(value, list):
        return [{"text": entry} if isinstance(entry, str) else entry for entry in value]
    return value


# The forms parse_year_first reads, full-width digits and separators included, for the JSON Schema.
_D = "[0-9０-９]"
_DATE_PATTERN = (
    "^\\s*("
    + "|".join(
        [rf"{_D}{{4}}\s*{sep}\s*{_D}{{1,2}}\s*{sep}\s*{_D}{{1,2}}" for sep in ("[-－]", "[/／]", "[.．]")]
        + [rf"{_D}{{4}}\s*年\s*{_D}{{1,2}}\s*月\s*{_D}{{1,2}}\s*[日号]"]
    )
    + ")\\s*$"
)
Text = Annotated[str, AfterValidator(_not_blank), WithJsonSchema({"type": "string", "minLength": 1, "pattern": r"\S"})]
PlanDate = Annotated[
    date,
    BeforeValidator(parse_plan_date),
    WithJsonSchema(
        {
            "type": "string",
            "description": "A date, year first: " + ", ".join(DATE_FORMS),
            "pattern": _DATE_PATTERN,
        }
    ),
]
StatusField = Annotated[
    Status,
    BeforeValidator(_status),
    WithJsonSchema({"type": "string", "enum": list(STATUS_BY_NAME)}),
]


class Measure(BaseModel):
    """One corrective measure (整改措施); `divisions` lists its own owners when not all of the item's own it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: Text
    divisions: list[Text] = []


class Item(BaseModel):
    """One row of the plan: a problem raised and what will be done about it, by whom, by when."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[int, Field(strict=True, ge=1, description="序号")]
    topic: Annotated[Text, Field(description="主题")]
    issue: Annotated[Text, Field(description="整改内容: the problem raised")]
    measures: Annotated[
        list[Measure],
        Field(min_length=1, description="整改措施", json_schema_extra={"minItems": 1}),
        BeforeValidator(_measures, json_schema_input_type=list[Text | Measure]),
    ]
    evidence: Annotated[list[Text], Field(description="整改检验形式")]
    deadline: Annotated[PlanDate, Field(description="计划完成时间")]
    divisions: Annotated[list[Text], Field(min_length=1, description="责任处室")]
    leader: Annotated[Text | None, Field(description="责任人 (the part before /)")] = None
    owner: Annotated[Text | None, Field(description="责任人 (the part after /)")] = None
    status: StatusField = Status.PENDING
    done_on: Annotated[PlanDate | None, Field(description="completion date; required when status is done")] = None
    notes: Text | None = None

    def all_divisions(self) -> list[str]:
        """The item's divisions, then any division named only on a measure, each once."""
        seen = dict.fromkeys(self.divisions)
        for measure in self.measures:
            seen.update(dict.fromkeys(measure.divisions))
        return list(seen)


class Plan(BaseModel):
    """A rectification plan (整改方案): a title and its items."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="rectiplan plan, format v1")

    title: Text
    issuer: Text | None = None
    timezone: Annotated[Text, AfterValidator(_timezone), Field(description="IANA time zone of 'today'")] = (
        DEFAULT_TIMEZONE
    )
    items: Annotated[list[Item], Field(min_length=1)]


def json_schema() -> dict[str, Any]:
    return Plan.model_json_schema()
