"""Option types shared by the commands, as Annotated aliases."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any, Literal, NamedTuple

import typer

from ..formats import FORMAT_BY_NAME, FORMAT_DESCRIPTIONS
from .complete import complete_division, complete_lang, complete_person, complete_status, complete_topic

# The choices of --format come from the format registry, so a new format needs no change here.
FormatName = Literal[tuple(FORMAT_BY_NAME)]  # type: ignore[valid-type]

PlanOption = Annotated[
    list[str] | None,
    typer.Option(
        "--plan",
        "-p",
        metavar="PATH",
        help="Plan file, or folder of *.yaml files; repeatable. "
        "Default: $RECTIPLAN_PLAN, else ./plans/, else the bundled plan. 方案文件或目录。",
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="zh|en",
        help="Output language. Default: $RECTIPLAN_LANG, else the locale. 输出语言。",
        autocompletion=complete_lang,
    ),
]
FormatOption = Annotated[
    FormatName,  # type: ignore[valid-type]
    typer.Option(
        "--format",
        "-f",
        help="; ".join(f"{name}: {description}" for name, description in FORMAT_DESCRIPTIONS.items()) + ". 输出格式。",
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Judge deadlines as of this date (2021-09-01, 2021年9月1日, today). "
        "Default: today in the plan's time zone. 以该日期为准。",
    ),
]
DivisionOption = Annotated[
    list[str] | None,
    typer.Option(
        "--division",
        "-d",
        metavar="NAME",
        help="Items this division owns; repeatable. 责任处室。",
        autocompletion=complete_division,
    ),
]
PersonOption = Annotated[
    list[str] | None,
    typer.Option(
        "--person",
        metavar="NAME",
        help="Items with this leader or owner; repeatable. 责任人。",
        autocompletion=complete_person,
    ),
]
TopicOption = Annotated[
    str | None,
    typer.Option(
        "--topic", metavar="TEXT", help="Items whose topic contains TEXT. 主题。", autocompletion=complete_topic
    ),
]
StatusOption = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        metavar="STATUS",
        help="pending, in_progress, done, ongoing (or 未开始, 进行中, 已完成, 长期坚持); repeatable. 状态。",
        autocompletion=complete_status,
    ),
]
DueBeforeOption = Annotated[
    str | None,
    typer.Option("--due-before", metavar="DATE", help="Deadline on or before DATE. 计划完成时间不晚于。"),
]
DueAfterOption = Annotated[
    str | None,
    typer.Option("--due-after", metavar="DATE", help="Deadline on or after DATE. 计划完成时间不早于。"),
]
SearchOption = Annotated[
    str | None,
    typer.Option("--search", "-s", metavar="TEXT", help="TEXT in the issue, measures or evidence. 全文搜索。"),
]
WithinOption = Annotated[
    int | None,
    typer.Option(
        "--within",
        metavar="DAYS",
        help="Due within DAYS days (default: the plan's yellow level, 20 unless warn_days says). N 天内到期。",
    ),
]
SinceOption = Annotated[
    str | None,
    typer.Option("--since", metavar="DATE", help="The start of the period the report covers. 统计起始日期。"),
]
# For the commands that write a file with -o (export, report).
ForceOption = Annotated[bool, typer.Option("--force", help="Replace the -o file if it exists. 覆盖已存在的文件。")]


class Filters(NamedTuple):
    """The item filters `list`, `overdue`, `due`, `summary`, `remind` and `report` share, as given."""

    divisions: list[str] | None = None
    people: list[str] | None = None
    topic: str | None = None
    statuses: list[str] | None = None
    due_before: str | None = None
    due_after: str | None = None
    search: str | None = None


# Each filter's option, by the parameter name Typer shows it under and the Filters field it fills.
_FILTER_OPTIONS: dict[str, tuple[str, Any]] = {
    "division": ("divisions", DivisionOption),
    "person": ("people", PersonOption),
    "topic": ("topic", TopicOption),
    "status": ("statuses", StatusOption),
    "due_before": ("due_before", DueBeforeOption),
    "due_after": ("due_after", DueAfterOption),
    "search": ("search", SearchOption),
}


def with_filters(command: Callable[..., None]) -> Callable[..., None]:
    """Declares the shared filter options once. The command takes one `filters: Filters` parameter; the signature
    Typer reads has the seven options in its place instead, and the command is handed them as one Filters."""
    signature = inspect.signature(command, eval_str=True)
    options = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation)
        for name, (_, annotation) in _FILTER_OPTIONS.items()
    ]
    parameters: list[inspect.Parameter] = []
    for parameter in signature.parameters.values():
        if parameter.name == "filters":
            parameters += options
        else:
            parameters.append(parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY))

    @functools.wraps(command)
    def run(**given: Any) -> None:
        filters = Filters(**{field: given.pop(name) for name, (field, _) in _FILTER_OPTIONS.items()})
        command(**given, filters=filters)

    run.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    run.__annotations__ = {parameter.name: parameter.annotation for parameter in parameters}
    return run


NO_FILTERS = Filters()
