"""`rectiplan start ID`: the item is in progress."""

from __future__ import annotations

from .editing import DryRunOption, EditSession, ItemArgument
from .options import LangOption, PlanOption


def start_item(item: ItemArgument, plan: PlanOption = None, dry_run: DryRunOption = False,
               lang: LangOption = None) -> None:  # fmt: skip
    """Mark an item in progress (status in_progress). 开始整改。"""
    from .. import api

    editing = EditSession(lang, plan, item)
    editing.apply(api.start, today=editing.today, dry_run=dry_run)
