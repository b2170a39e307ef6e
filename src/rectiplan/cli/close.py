"""`rectiplan close ID`: 销号, for a done item with its materials."""

from __future__ import annotations

from .editing import DryRunOption, EditSession, ItemArgument, OnOption
from .options import LangOption, PlanOption


def close_item(item: ItemArgument, on: OnOption = None, plan: PlanOption = None, dry_run: DryRunOption = False,
               lang: LangOption = None) -> None:  # fmt: skip
    """Close a done item that has materials (销号; closed_on DATE, default today). 销号。"""
    from .. import api

    editing = EditSession(lang, plan, item)
    day = editing.date(on, "--on")
    editing.apply(api.close, on=day, today=editing.today, dry_run=dry_run)
