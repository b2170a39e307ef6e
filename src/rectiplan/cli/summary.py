"""`rectiplan summary`: counts per division, person, topic or month, with the completion rate."""

from __future__ import annotations

from typing import Annotated, Literal

import typer

from .options import (
    NO_FILTERS,
    AsOfOption,
    Filters,
    LangOption,
    PlanOption,
    with_filters,
)
from .session import Session


@with_filters
def summary_counts(
    by: Annotated[
        Literal["division", "person", "topic", "month"],
        typer.Option("--by", help="Group by division, person, topic or month of the deadline. 分组方式。"),
    ] = "division",
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    filters: Filters = NO_FILTERS,
    output_format: Annotated[
        Literal["table", "json", "csv"], typer.Option("--format", "-f", help="table, json or csv. 输出格式。")
    ] = "table",
    lang: LangOption = None,
) -> None:
    """Per group: items, done, done late, in progress, pending, ongoing, overdue, due soon, completion rate. 统计。"""
    from .. import api
    from ..render_summary import render_summary

    session = Session(lang)
    chosen = session.select(plan, filters, as_of=as_of)
    summary = api.summarize(chosen.matching, by=by, as_of=chosen.as_of_day, now=session.now)
    render_summary(summary, session.out, output_format)
