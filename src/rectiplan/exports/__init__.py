"""`rectiplan export`: the 台账 written as files other programs open (xlsx, docx, ics, md, csv, json).

Each exporter is a pure function of an `ExportData` and a binary stream. Modules are imported only when their
format is asked for, so that `list` and `overdue` never pay for openpyxl, python-docx or icalendar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib import import_module
from typing import TYPE_CHECKING, BinaryIO, Protocol

if TYPE_CHECKING:
    from ..formats.interface import Row
    from ..model import Plan


@dataclass(frozen=True)
class ExportData:
    """What an export writes: the plans the rows come from, the selected rows (each with its as-of date), the
    date of the export, the language of headings and labels, and whether the 完成情况 columns are wanted."""

    plans: tuple[tuple[str, Plan], ...]  # (source, plan) of every plan read, in order
    rows: tuple[Row, ...]
    as_of: date
    lang: str  # "zh" or "en"
    with_progress: bool = False

    @property
    def title(self) -> str:
        """The title of the one plan, or the titles of several joined."""
        return "；".join(dict.fromkeys(plan.title for _, plan in self.plans))


class Exporter(Protocol):
    name: str
    suffix: str  # the file name extension, with its dot
    binary: bool  # whether it may not be written to a terminal
    description: str

    def write(self, data: ExportData, out: BinaryIO) -> None: ...


# name -> module defining `EXPORTER`; imported on demand. A format's name is also its file suffix (`-o plan.ics`).
EXPORT_MODULES: dict[str, str] = {
    "ics": ".ics",
    "md": ".md",
    "csv": ".csv",
    "json": ".json",
    "xlsx": ".xlsx",
    "docx": ".docx",
}


def exporter(name: str) -> Exporter:
    module = import_module(EXPORT_MODULES[name], __name__)
    found: Exporter = module.EXPORTER
    return found
