"""`rectiplan extend ID --to DATE --reason TEXT`: an extension (延期); the published deadline stays."""

from __future__ import annotations

from typing import Annotated

import typer

from .editing import DryRunOption, EditSession, ItemArgument
from .options import LangOption, PlanOption


def extend_item(
    item: ItemArgument,
    to: Annotated[str, typer.Option("--to", metavar="DATE", help="The new deadline. 延期至。", show_default=False)],
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT", help="Why. 延期理由。", show_default=False)],
    approved_on: Annotated[
        str | None, typer.Option("--approved-on", metavar="DATE", help="When the extension was approved. 批准日期。")
    ] = None,
    plan: PlanOption = None,
    dry_run: DryRunOption = False,
    lang: LangOption = None,
) -> None:
    """Give an item more time: a new deadline later than the one in force, with its reason. 延期。"""
    from ..edit import extend

    editing = EditSession(lang, plan, item)
    new_deadline = editing.date(to, "--to")
    why = editing.text_argument(reason, "--reason")
    approved = None if approved_on is None else editing.date(approved_on, "--approved-on")
    editing.apply(
        lambda loaded: extend(
            loaded, editing.item_id, to=new_deadline, reason=why, approved_on=approved, today=editing.today
        ),
        dry_run=dry_run,
    )
