"""`rectiplan summary`: counts per division, person, topic or month, with the completion rate."""

from __future__ import annotations

from typing import Annotated, Literal

import typer

from .options import (
    AsOfOption,
    DivisionOption,
    DueAfterOption,
    DueBeforeOption,
    LangOption,
    PersonOption,
    PlanOption,
    SearchOption,
    StatusOption,
    TopicOption,
)
from .session import Session


def summary_counts(
    by: Annotated[
        Literal["division", "person", "topic", "month"],
        typer.Option("--by", help="Group by division, person, topic or month of the deadline. 分组方式。"),
    ] = "division",
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    division: DivisionOption = None,
    person: PersonOption = None,
    topic: TopicOption = None,
    status: StatusOption = None,
    due_before: DueBeforeOption = None,
    due_after: DueAfterOption = None,
    search: SearchOption = None,
    output_format: Annotated[
        Literal["table", "json", "csv"], typer.Option("--format", "-f", help="table, json or csv. 输出格式。")
    ] = "table",
    lang: LangOption = None,
) -> None:
    """Per group: items, done, done late, in progress, pending, ongoing, overdue, due soon, completion rate. 统计。"""
    from ..render_summary import render_summary
    from ..summary import summarize

    session = Session(lang)
    chosen = session.select(
        plan, divisions=division, people=person, topic=topic, statuses=status,
        due_before=due_before, due_after=due_after, search=search, as_of=as_of,
    )  # fmt: skip
    render_summary(summarize(chosen.matching, chosen.as_of, by), session.out, output_format)
