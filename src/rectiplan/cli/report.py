"""`rectiplan report`: the 整改进展情况报告 in Markdown, reproducible for any past as-of date."""

from __future__ import annotations

from .options import (
    AsOfOption,
    DivisionOption,
    DueAfterOption,
    DueBeforeOption,
    LangOption,
    PersonOption,
    PlanOption,
    SearchOption,
    SinceOption,
    StatusOption,
    TopicOption,
)
from .session import Session


def progress_report(
    plan: PlanOption = None,
    since: SinceOption = None,
    as_of: AsOfOption = None,
    division: DivisionOption = None,
    person: PersonOption = None,
    topic: TopicOption = None,
    status: StatusOption = None,
    due_before: DueBeforeOption = None,
    due_after: DueAfterOption = None,
    search: SearchOption = None,
    lang: LangOption = None,
) -> None:
    """Markdown progress report: totals and completion rate, per division, completed since --since, overdue with
    their latest progress, extensions granted. 整改进展情况报告。"""
    from ..render_report import render_report
    from ..summary import progress_report as build_report

    session = Session(lang)
    chosen = session.select(
        plan, divisions=division, people=person, topic=topic, statuses=status,
        due_before=due_before, due_after=due_after, search=search, as_of=as_of,
    )  # fmt: skip
    since_date = None if since is None else session.parse_date(since, "--since", chosen.today)
    render_report(build_report(chosen.plans, chosen.matching, chosen.as_of, since_date), session.out)
