"""`rectiplan due`: what needs chasing: items not done that are overdue or due within a number of days."""

from __future__ import annotations

from .options import (
    NO_FILTERS,
    AsOfOption,
    Filters,
    FormatOption,
    LangOption,
    PlanOption,
    WithinOption,
    with_filters,
)
from .session import Session


@with_filters
def due_items(
    plan: PlanOption = None,
    within: WithinOption = None,
    as_of: AsOfOption = None,
    filters: Filters = NO_FILTERS,
    output_format: FormatOption = "table",
    lang: LangOption = None,
) -> None:
    """Items not done that are overdue or due within DAYS, most urgent first, with their warning level. 督办清单。"""
    from .. import api
    from ..formats import FORMAT_BY_NAME, Listing, Row

    session = Session(lang)
    session.check_days(within, "--within")  # before reading the plans, in the user's language
    chosen = session.select(plan, filters, as_of=as_of)
    found = api.due_soon(chosen.matching, within=within, as_of=chosen.as_of_day, now=session.now)
    rows = [Row(hit.entry, hit.tracking.days_overdue, hit.tracking.as_of) for hit in found]
    listing = Listing(
        "due",
        rows,
        total=len(chosen.matching),
        as_of=tuple(sorted({chosen.as_of(entry) for entry in chosen.entries})),
        many_plans=len(chosen.plans) > 1,
    )
    FORMAT_BY_NAME[output_format].render(listing, session.out)
