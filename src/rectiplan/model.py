"""The plan format, version 1, as Pydantic models: what a plan file may contain and what each value means."""

# No `from __future__ import annotations` here: Pydantic would evaluate every field's annotation from its text, and
# the models are built on every run (5 M instructions of start-up, cachegrind). Python >= 3.10 reads `X | None`.

import difflib
import functools
import re
from datetime import date
from enum import Enum
from typing import Annotated, Any, Union, get_args, get_origin

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
    """An item's status as the plan file writes it (its label in either language is read as well: 已完成)."""

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
    # The form the JSON Schema states, checked as written: the parser reads the text NFKC-normalized, which would
    # also take Arabic-Indic or mathematical digits and odd dashes that no editor's schema check accepts.
    if not _DATE_FORM.fullmatch(value):
        raise PydanticCustomError("bad-date", "not a date", {"value": value, "reason": "form"})
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


def is_iana_zone(name: str) -> bool:
    """Whether `name` is one of iana_zones(). Listing the zone database opens every file in it (≈600: 50-80 ms of
    CPU time, most of it in the kernel, measured on a loaded machine; 3 % of `overdue`'s instructions besides), so a
    name is first looked up on its own path (`zone_file_listed`); only a name not found there costs the full list,
    which the error message needs anyway for its suggestion."""
    if name in _NOT_ZONES:
        return False
    return zone_file_listed(name) or tzdata_lists(name) or name in iana_zones()


def tzdata_lists(name: str) -> bool:
    """Whether the tzdata package (the zone database on Windows) lists `name`: one file, its list of zones."""
    from importlib import resources

    try:
        with resources.files("tzdata").joinpath("zones").open("r", encoding="utf-8") as zones:
            return any(line.strip() == name for line in zones)
    except (ImportError, OSError):
        return False


def zone_file_listed(name: str) -> bool:
    """Whether zoneinfo.available_timezones() lists `name` because of a file in the zone database, found the way
    it walks it (os.walk of each folder of zoneinfo.TZPATH): below a folder, not under its right/ or posix/, through
    real folders (os.walk does not enter a linked one), each part spelled exactly as the folder lists it (on a
    case-insensitive file system `asia/shanghai` opens the file but is not listed), to a file that starts with
    the TZif magic. True only for a name the full list holds; False may still be a zone of the tzdata package."""
    import os
    import zoneinfo

    parts = name.split("/")
    if not all(parts) or any(part in (".", "..") or os.sep in part or "\0" in part for part in parts):
        return False
    if parts[0] in ("right", "posix") or name == "posixrules":  # as available_timezones() leaves them out
        return False
    for root in zoneinfo.TZPATH:
        folder = root
        try:
            for index, part in enumerate(parts):
                with os.scandir(folder) as entries:
                    entry = next((entry for entry in entries if entry.name == part), None)
                if entry is None:
                    break
                if index < len(parts) - 1:
                    if entry.is_symlink() or not entry.is_dir():
                        break
                    folder = entry.path
                    continue
                if entry.is_dir():
                    break
                with open(entry.path, "rb") as file:
                    if file.read(4) == b"TZif":
                        return True
        except (OSError, ValueError):
            continue
    return False


def _timezone(value: str) -> str:
    from zoneinfo import ZoneInfo

    try:
        # Membership first: ZoneInfo also opens `localtime`, `posix/…` files, and any case on macOS.
        if not is_iana_zone(value):
            raise KeyError(value)
        ZoneInfo(value)
    except (KeyError, ValueError, OSError):
        zones = iana_zones()
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
_DATE_FORM = re.compile(_DATE_PATTERN)
Text = Annotated[str, AfterValidator(_not_blank), WithJsonSchema({"type": "string", "minLength": 1, "pattern": r"\S"})]
_DATE_SCHEMA = {
    "type": "string",
    "description": "A date, year first: " + ", ".join(DATE_FORMS),
    "pattern": _DATE_PATTERN,
}
PlanDate = Annotated[date, BeforeValidator(parse_plan_date), WithJsonSchema(_DATE_SCHEMA)]


def _any_case(names: list[str]) -> str:
    """A pattern for the names in any case with blanks around, as status_named reads them: a JSON Schema pattern
    has no flags, so each letter is a class (`[dD][oO][nN][eE]`)."""
    spelled = ("".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() and c.isascii() else re.escape(c) for c in name)
               for name in names)  # fmt: skip
    return "^\\s*(" + "|".join(spelled) + ")\\s*$"


STATUS_PATTERN = _any_case(list(STATUS_BY_NAME))
ONGOING_PATTERN = _any_case([Status.ONGOING.value, STATUS_LABELS_ZH[Status.ONGOING]])
StatusField = Annotated[
    Status,
    BeforeValidator(_status),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": STATUS_PATTERN,
            "examples": list(STATUS_BY_NAME),
            "description": "pending, in_progress, done, ongoing (any case) or 未开始, 进行中, 已完成, 长期坚持",
        }
    ),
]


class Measure(BaseModel):
    """One corrective measure (整改措施); `divisions` lists its own owners when not all of the item's own it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: Text
    divisions: list[Text] = []


class Progress(BaseModel):
    """One dated progress entry (进展情况), as divisions report it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    on: Annotated[PlanDate, Field(description="the date of the entry")]
    text: Annotated[Text, Field(description="what was done")]
    by: Annotated[Text | None, Field(description="who reported it")] = None


class Extension(BaseModel):
    """A granted extension (延期): the new deadline, why, and from when it counts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    to: Annotated[PlanDate, Field(description="the new deadline, later than the one before it")]
    reason: Annotated[Text, Field(description="why more time was given")]
    approved_on: Annotated[
        PlanDate | None,
        Field(description="from this day the new deadline is in force; without it, from the start"),
    ] = None


class WarnDays(BaseModel):
    """When a deadline turns yellow and orange (三色预警): within this many days of it; red once it has passed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    yellow: Annotated[int, Field(strict=True, ge=1, description="days before the deadline: yellow")] = 20
    orange: Annotated[int, Field(strict=True, ge=1, description="days before the deadline: orange (< yellow)")] = 10


# An item without a deadline is only allowed when ongoing; the validator says so with a located problem, and the
# schema tells editors the same (for the spellings an editor can list).
_DEADLINE_UNLESS_ONGOING: dict[str, Any] = {
    "if": {"properties": {"status": {"type": "string", "pattern": ONGOING_PATTERN}}, "required": ["status"]},
    "else": {"required": ["deadline"], "properties": {"deadline": {"type": "string"}}},
}


class Item(BaseModel):
    """One row of the plan: a problem raised and what will be done about it, by whom, by when."""

    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra=_DEADLINE_UNLESS_ONGOING)

    id: Annotated[int, Field(strict=True, ge=1, description="序号")]
    topic: Annotated[Text, Field(description="主题")]
    issue: Annotated[Text, Field(description="整改内容: the problem raised")]
    measures: Annotated[
        list[Measure],
        Field(min_length=1, description="整改措施", json_schema_extra={"minItems": 1}),
        BeforeValidator(_measures, json_schema_input_type=list[Text | Measure]),
    ]
    evidence: Annotated[list[Text], Field(description="整改检验形式")]
    # Required unless the item is ongoing (checked by the validator): the published date, never overwritten.
    deadline: Annotated[
        PlanDate | None,
        Field(description="计划完成时间: the published deadline; extensions do not change it"),
        # An ongoing item may leave it out or empty (`deadline:`), as the validator allows; others need a date.
        WithJsonSchema(
            {
                "anyOf": [
                    {**_DATE_SCHEMA, "description": "计划完成时间; " + _DATE_SCHEMA["description"]},
                    {"type": "null"},
                ]
            }
        ),
    ] = None
    divisions: Annotated[list[Text], Field(min_length=1, description="责任处室")]
    leader: Annotated[Text | None, Field(description="责任人 (the part before /)")] = None
    owner: Annotated[Text | None, Field(description="责任人 (the part after /)")] = None
    status: StatusField = Status.PENDING
    done_on: Annotated[PlanDate | None, Field(description="completion date; required when status is done")] = None
    notes: Text | None = None
    closed_on: Annotated[PlanDate | None, Field(description="销号日期: only on a done item, not before done_on")] = None
    materials: Annotated[list[Text], Field(description="佐证材料: file paths, URLs, document numbers")] = []
    progress: Annotated[list[Progress], Field(description="进展情况, oldest first")] = []
    extensions: Annotated[list[Extension], Field(description="延期, each later than the deadline before it")] = []

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
    divisions: Annotated[
        list[Text] | None,
        Field(
            min_length=1,
            description="处室名录: when given, every division an item or measure names must be one of these",
        ),
    ] = None
    warn_days: Annotated[WarnDays, Field(description="三色预警 thresholds in days")] = WarnDays()


def json_schema() -> dict[str, Any]:
    return Plan.model_json_schema()


# The keys of each mapping in a plan file, derived from the models so that no other module keeps its own copy.
PLAN_KEYS: tuple[str, ...] = tuple(Plan.model_fields)
ITEM_KEYS: tuple[str, ...] = tuple(Item.model_fields)
MEASURE_KEYS: tuple[str, ...] = tuple(Measure.model_fields)
PROGRESS_KEYS: tuple[str, ...] = tuple(Progress.model_fields)
EXTENSION_KEYS: tuple[str, ...] = tuple(Extension.model_fields)
WARN_DAYS_KEYS: tuple[str, ...] = tuple(WarnDays.model_fields)
MODELS: tuple[type[BaseModel], ...] = (Plan, Item, Measure, Progress, Extension, WarnDays)


def _without_none(annotation: Any) -> Any:
    """The type inside `Annotated[...]` and `X | None`."""
    if get_origin(annotation) is Annotated:
        return _without_none(get_args(annotation)[0])
    if get_origin(annotation) in (Union, type(int | None)):
        remaining = [arg for arg in get_args(annotation) if arg is not type(None)]
        return _without_none(remaining[0]) if len(remaining) == 1 else annotation
    return annotation


def _is_text(annotation: Any) -> bool:
    # Dates and statuses are text to the reader as well: the model parses them from their source text.
    return isinstance(annotation, type) and issubclass(annotation, (str, date))


def _text_keys() -> tuple[frozenset[str], frozenset[str]]:
    """(keys whose plain scalar value is text, keys whose plain list entries are text), from the models' fields."""
    text: set[str] = set()
    text_list: set[str] = set()
    other: set[str] = set()
    for model in MODELS:
        for name, info in model.model_fields.items():
            annotation = _without_none(info.annotation)
            if _is_text(annotation):
                text.add(name)
            elif get_origin(annotation) is list and _is_text(_without_none(get_args(annotation)[0])):
                text_list.add(name)
            else:
                other.add(name)
    # A measure may be written as plain text instead of {text, divisions}.
    text_list.add("measures")
    other.discard("measures")
    # The reader types values by key name alone, wherever the key stands: one name must mean one kind everywhere.
    clash = (text | text_list) & other
    assert not clash, f"keys that are text in one mapping and not in another: {sorted(clash)}"
    return frozenset(text), frozenset(text_list)


TEXT_KEYS, TEXT_LIST_KEYS = _text_keys()
