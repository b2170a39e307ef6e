"""`rectiplan show ID...`: items in full, in the order asked."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

import typer

from ..messages import id_ranges, join_list
from .complete import complete_item_id
from .options import AsOfOption, LangOption, PlanOption
from .session import Session


def show_item(
    ids: Annotated[
        list[str],
        typer.Argument(
            metavar="ID...",
            help="Item numbers (序号), one or more. 事项序号，可多个。",
            show_default=False,
            autocompletion=complete_item_id,
        ),
    ],
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    output_format: Annotated[
        Literal["text", "json"], typer.Option("--format", "-f", help="text or json. 输出格式。")
    ] = "text",
    lang: LangOption = None,
) -> None:
    """Everything about items: measures, evidence, deadline, owners, status. 查看事项详情。

    An id no plan has is reported on stderr after the others are shown, and the exit code is then 2."""
    from ..messages import text
    from ..query import entries_of, find_item

    session = Session(lang)
    item_ids = list(dict.fromkeys(_item_number(value, session.lang) for value in ids))
    plans = session.load(plan)
    entries = entries_of(plans)
    found = [entry for item_id in item_ids for entry in find_item(entries, item_id)]
    missing = [item_id for item_id in item_ids if not find_item(entries, item_id)]
    as_of_date = session.as_of(as_of, plans)
    if found:
        _render(found, output_format, session, as_of_date, many_plans=len(plans) > 1)
    if missing:
        known = id_ranges({entry.item.id for entry in entries}, session.lang)
        message = text("error.no_item", session.lang, id=join_list(map(str, missing), session.lang), ids=known)
        if found:  # what exists is shown, like `cat a missing b`; the missing ones still make the run fail
            session.fail(message)
        raise typer.BadParameter(message, param_hint="ID")


def _render(found: list[Any], output_format: str, session: Session, as_of_date: Any, *, many_plans: bool) -> None:
    from ..report import items_json, render_item

    if output_format == "json":
        items_json(found, as_of_date, session.out.stream)
        return
    for index, entry in enumerate(found):
        if index:
            session.out.stream.write("\n")
        render_item(entry, as_of_date(entry), session.out, show_plan=many_plans)


def _item_number(value: str, lang: str) -> int:
    from ..messages import text

    # ASCII digits only: int() would also read "1_0" as 10 and Arabic-Indic "٣" as 3. Full-width digits ("３"),
    # which a Chinese input method types, are the same number to the person who typed them.
    from ..source import MAX_INT_DIGITS

    digits = value.strip().translate(_FULL_WIDTH_DIGITS)
    # As many digits as a plan's `id:` may have (9223372036854775807 is a valid id), and no more: never a long
    # conversion of an argument.
    if not _ID.fullmatch(digits) or len(digits) > MAX_INT_DIGITS:
        raise typer.BadParameter(text("error.bad_id", lang, value=value), param_hint="ID")
    return int(digits)


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_ID = re.compile(r"[0-9]+")
