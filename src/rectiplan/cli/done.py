"""`rectiplan done ID`: the item is done, on a date."""

from __future__ import annotations

from .editing import DryRunOption, EditSession, ItemArgument, OnOption
from .options import LangOption, PlanOption


def done_item(item: ItemArgument, on: OnOption = None, plan: PlanOption = None, dry_run: DryRunOption = False,
              lang: LangOption = None) -> None:  # fmt: skip
    """Mark an item done (status done, done_on DATE; default today in the plan's zone). 整改完成。"""
    from .. import api

    editing = EditSession(lang, plan, item)
    day = None if on is None else editing.date(on, "--on")  # None: today, unless the item is already done
    editing.apply(api.done, on=day, today=editing.today, dry_run=dry_run)
