"""`rectiplan overdue`: items past their deadline and not done, most late first."""

from __future__ import annotations

from typing import Annotated

import typer

from .exit_status import ExitStatus
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
def overdue_items(
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    fail_on_overdue: Annotated[
        bool, typer.Option("--fail-on-overdue", help="Exit with 3 when any item is overdue (for CI). 有逾期则返回 3。")
    ] = False,
    filters: Filters = NO_FILTERS,
    output_format: FormatOption = "table",
    lang: LangOption = None,
) -> None:
    """Items past their deadline and not done, as of today or --as-of. 列出逾期事项。"""
    from .. import api
    from ..formats import FORMAT_BY_NAME, Listing, Row

    session = Session(lang)
    chosen = session.select(plan, filters, as_of=as_of)
    as_of_date = chosen.as_of
    late = api.overdue(chosen.matching, as_of=chosen.as_of_day, now=session.now)
    rows = [Row(found.entry, found.days_overdue, found.as_of) for found in late]
    listing = Listing(
        "overdue",
        rows,
        total=len(chosen.matching),
        as_of=tuple(sorted({as_of_date(entry) for entry in chosen.entries})),
        many_plans=len(chosen.plans) > 1,
    )
    FORMAT_BY_NAME[output_format].render(listing, session.out)
    if fail_on_overdue and late:
        raise typer.Exit(int(ExitStatus.OVERDUE))
