"""`rectiplan list`: the items that match the filters."""

from __future__ import annotations

from .options import (
    NO_FILTERS,
    AsOfOption,
    Filters,
    FormatOption,
    LangOption,
    PlanOption,
    with_filters,
)
from .session import Session


@with_filters
def list_items(
    plan: PlanOption = None,
    filters: Filters = NO_FILTERS,
    as_of: AsOfOption = None,
    output_format: FormatOption = "table",
    lang: LangOption = None,
) -> None:
    """List items, filtered by division, person, topic, status, deadline or text. 列出整改事项。"""
    from ..formats import FORMAT_BY_NAME, Listing

    session = Session(lang)
    chosen = session.select(plan, filters, as_of=as_of)
    rows = chosen.rows()
    dates = tuple(sorted({chosen.as_of(entry) for entry in chosen.entries}))
    listing = Listing("list", rows, total=len(chosen.entries), as_of=dates, many_plans=len(chosen.plans) > 1)
    FORMAT_BY_NAME[output_format].render(listing, session.out)
