"""`rectiplan attach ID MATERIAL...`: evidence material (佐证材料) for an item."""

from __future__ import annotations

from typing import Annotated

import typer

from .editing import DryRunOption, EditSession, ItemArgument
from .options import LangOption, PlanOption


def attach_materials(
    item: ItemArgument,
    materials: Annotated[
        list[str],
        typer.Argument(metavar="MATERIAL...", help="A file path, a URL or a document number. 佐证材料。",
                       show_default=False),
    ],
    plan: PlanOption = None,
    dry_run: DryRunOption = False,
    lang: LangOption = None,
) -> None:  # fmt: skip
    """List materials (佐证材料) for an item; one already listed is not listed twice. 添加佐证材料。"""
    from .. import api

    editing = EditSession(lang, plan, item)
    listed = [editing.text_argument(material, "MATERIAL") for material in materials]
    editing.apply(api.attach, listed, dry_run=dry_run)
