"""`rectiplan remind`: one message per responsible person listing their overdue and due-soon items."""

from __future__ import annotations

from .options import (
    NO_FILTERS,
    AsOfOption,
    Filters,
    LangOption,
    PlanOption,
    WithinOption,
    with_filters,
)
from .session import Session


@with_filters
def remind_people(
    plan: PlanOption = None,
    within: WithinOption = None,
    as_of: AsOfOption = None,
    filters: Filters = NO_FILTERS,
    lang: LangOption = None,
) -> None:
    """One message per responsible person (owner, else leader, else division) with their overdue and due-soon
    items, ready to paste into an e-mail or a chat group. 督办提醒。"""
    from ..query import reminders
    from ..render_reminders import render_reminders

    session = Session(lang)
    session.check_days(within, "--within")
    chosen = session.select(plan, filters, as_of=as_of)
    dates = sorted({chosen.as_of(entry) for entry in chosen.entries})
    render_reminders(reminders(chosen.matching, chosen.as_of, within), dates, session.out)
