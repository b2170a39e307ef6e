"""`rectiplan note ID TEXT`: a dated progress entry (进展情况)."""

from __future__ import annotations

from typing import Annotated

import typer

from .editing import DryRunOption, EditSession, ItemArgument, OnOption
from .options import LangOption, PlanOption


def note_item(
    item: ItemArgument,
    note: Annotated[str, typer.Argument(metavar="TEXT", help="What was done. 进展情况。", show_default=False)],
    on: OnOption = None,
    by: Annotated[str | None, typer.Option("--by", metavar="NAME", help="Who reports it. 报告人。")] = None,
    plan: PlanOption = None,
    dry_run: DryRunOption = False,
    lang: LangOption = None,
) -> None:
    """Add a progress note to an item (dated today unless --on). 记录进展。"""
    from .. import api

    editing = EditSession(lang, plan, item)
    words = editing.text_argument(note, "TEXT")
    person = None if by is None else editing.text_argument(by, "--by")
    day = editing.date(on, "--on")
    editing.apply(api.note, words, on=day, by=person, today=editing.today, dry_run=dry_run)
