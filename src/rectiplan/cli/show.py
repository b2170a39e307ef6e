"""`rectiplan show ID`: one item in full."""

from __future__ import annotations

import re
from typing import Annotated, Literal

import typer

from .options import AsOfOption, LangOption, PlanOption
from .session import Session


def show_item(
    id: Annotated[str, typer.Argument(metavar="ID", help="The item's number (序号).", show_default=False)],
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
    from ..report import items_json, render_item

    session = Session(lang)
    item_id = _item_number(id, session.lang)
    plans = session.load(plan)
    entries = entries_of(plans)
    found = find_item(entries, item_id)
    if not found:
        message = text("error.no_item", session.lang, id=item_id, ids=_ranges({entry.item.id for entry in entries}))
        raise typer.BadParameter(message, param_hint="ID")
    as_of_date = session.as_of(as_of, plans)
    if output_format == "json":
        items_json(found, session.out.stream)
        return
    for index, entry in enumerate(found):
        if index:
            session.out.stream.write("\n")
        render_item(entry, as_of_date(entry), session.out, show_plan=len(plans) > 1)


def _item_number(value: str, lang: str) -> int:
    from ..messages import text

    # ASCII digits only: int() would also read "1_0" as 10 and Arabic-Indic "٣" as 3. Full-width digits ("３"),
    # which a Chinese input method types, are the same number to the person who typed them.
    digits = value.strip().translate(_FULL_WIDTH_DIGITS)
    if not _ID.fullmatch(digits):
        raise typer.BadParameter(text("error.bad_id", lang, value=value), param_hint="ID")
    return int(digits)


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_ID = re.compile(r"[0-9]{1,18}")


def _ranges(ids: set[int]) -> str:
    """1, 2, 3, 5, 6 as "1-3, 5-6": the ids there are, gaps visible."""
    ordered = sorted(ids)
    runs: list[list[int]] = []
    for number in ordered:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs)
