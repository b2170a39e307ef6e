"""`rectiplan overdue`: items past their deadline and not done, most late first."""

from __future__ import annotations

from typing import Annotated

import typer

from .exit_status import ExitStatus
from .options import (
    AsOfOption,
    DivisionOption,
    DueAfterOption,
    DueBeforeOption,
    FormatOption,
    LangOption,
    PersonOption,
    PlanOption,
    SearchOption,
    StatusOption,
    TopicOption,
)
from .session import Session


def overdue_items(
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    fail_on_overdue: Annotated[
        bool, typer.Option("--fail-on-overdue", help="Exit with 3 when any item is overdue (for CI). 有逾期则返回 3。")
    ] = False,
    division: DivisionOption = None,
    person: PersonOption = None,
    topic: TopicOption = None,
    status: StatusOption = None,
    due_before: DueBeforeOption = None,
    due_after: DueAfterOption = None,
    search: SearchOption = None,
    output_format: FormatOption = "table",
    lang: LangOption = None,
) -> None:
    """Items past their deadline and not done, as of today or --as-of. 列出逾期事项。"""
    from ..formats import FORMAT_BY_NAME, Listing, Row
    from ..query import overdue

    session = Session(lang)
    chosen = session.select(
        plan, divisions=division, people=person, topic=topic, statuses=status,
        due_before=due_before, due_after=due_after, search=search, as_of=as_of,
    )  # fmt: skip
    as_of_date = chosen.as_of
    late = overdue(chosen.matching, as_of_date)
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
