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
    from .. import api

    editing = EditSession(lang, plan, item)
    new_deadline = editing.date(to, "--to")
    why = editing.text_argument(reason, "--reason")
    # Without --approved-on the library has the extension approved today (and says which day it wrote): one written
    # with no approved_on would count from the start, and change what was overdue on every past date.
    approved = None if approved_on is None else editing.date(approved_on, "--approved-on")
    editing.apply(api.extend, to=new_deadline, reason=why, approved_on=approved, today=editing.today, dry_run=dry_run)
