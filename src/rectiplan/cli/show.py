"""`rectiplan show ID`: one item in full."""

from __future__ import annotations

from typing import Annotated, Literal

import typer

from .options import AsOfOption, LangOption, PlanOption
from .session import Session


def show_item(
    item_id: Annotated[int, typer.Argument(metavar="ID", help="The item's number (序号).")],
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    output_format: Annotated[
        Literal["text", "json"], typer.Option("--format", "-f", help="text or json. 输出格式。")
    ] = "text",
    lang: LangOption = None,
) -> None:
    """Everything about one item: measures, evidence, deadline, owners, status. 查看单个事项。"""
    from ..messages import text
    from ..query import entries_of, find_item
    from ..report import item_json, render_item

    session = Session(lang)
    plans = session.load(plan)
    entries = entries_of(plans)
    found = find_item(entries, item_id)
    if not found:
        ids = sorted({entry.item.id for entry in entries})
        message = text("error.no_item", session.lang, id=item_id, first=ids[0], last=ids[-1])
        raise typer.BadParameter(message, param_hint="ID")
    as_of_date = session.as_of(as_of, plans)
    for index, entry in enumerate(found):
        if output_format == "json":
            item_json(entry, session.out.stream)
            continue
        if index:
            session.out.stream.write("\n")
        render_item(entry, as_of_date(entry), session.out, show_plan=len(plans) > 1)
