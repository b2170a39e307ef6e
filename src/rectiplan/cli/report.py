"""`rectiplan report`: the 整改进展情况报告 in Markdown, reproducible for any past as-of date."""

from __future__ import annotations

import typer

from ..messages import text
from .options import (
    NO_FILTERS,
    AsOfOption,
    Filters,
    LangOption,
    PlanOption,
    SinceOption,
    with_filters,
)
from .session import Session


@with_filters
def progress_report(
    plan: PlanOption = None,
    since: SinceOption = None,
    as_of: AsOfOption = None,
    filters: Filters = NO_FILTERS,
    lang: LangOption = None,
) -> None:
    """Markdown progress report: totals and completion rate, per division, completed since --since, overdue with
    their latest progress, extensions granted. 整改进展情况报告。"""
    from ..render_report import render_report
    from ..summary import progress_report as build_report

    session = Session(lang)
    chosen = session.select(plan, filters, as_of=as_of)
    since_date = None if since is None else session.parse_date(since, "--since", chosen.today)
    if since_date is not None:
        # The period runs from --since to the as-of date (each plan's own today when not given): never backwards.
        latest = max((chosen.as_of(entry) for entry in chosen.entries), default=chosen.today)
        if since_date > latest:
            message = text("error.since_after_as_of", session.lang, since=since_date, as_of=latest)
            raise typer.BadParameter(message, param_hint="--since")
    render_report(build_report(chosen.plans, chosen.matching, chosen.as_of, since_date), session.out)
