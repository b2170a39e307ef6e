"""`rectiplan set-status ID STATUS`: any status; leaving done removes done_on."""

from __future__ import annotations

from typing import Annotated

import typer

from .complete import complete_status
from .editing import DryRunOption, EditSession, ItemArgument
from .options import LangOption, PlanOption


def set_item_status(
    item: ItemArgument,
    status: Annotated[
        str,
        typer.Argument(metavar="STATUS", help="pending, in_progress, done, ongoing (or 未开始, 进行中, 已完成, 长期坚持).",
                       show_default=False, autocompletion=complete_status),
    ],
    plan: PlanOption = None,
    dry_run: DryRunOption = False,
    lang: LangOption = None,
) -> None:  # fmt: skip
    """Set an item's status; done means done today, and leaving done removes done_on. 修改状态。"""
    from .. import api

    editing = EditSession(lang, plan, item)
    chosen = editing.session.parse_status(status, "STATUS")
    editing.apply(api.set_status, chosen, today=editing.today, dry_run=dry_run)
