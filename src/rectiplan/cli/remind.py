"""`rectiplan remind`: one message per responsible person listing their overdue and due-soon items."""

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
    StatusOption,
    TopicOption,
    WithinOption,
)
from .session import Session


def remind_people(
    plan: PlanOption = None,
    within: WithinOption = None,
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
    """One message per responsible person (owner, else leader, else division) with their overdue and due-soon
    items, ready to paste into an e-mail or a chat group. 督办提醒。"""
    from ..query import reminders
    from ..render_reminders import render_reminders

    session = Session(lang)
    session.check_days(within, "--within")
    chosen = session.select(
        plan, divisions=division, people=person, topic=topic, statuses=status,
        due_before=due_before, due_after=due_after, search=search, as_of=as_of,
    )  # fmt: skip
    dates = sorted({chosen.as_of(entry) for entry in chosen.entries})
    render_reminders(reminders(chosen.matching, chosen.as_of, within), dates, session.out)
