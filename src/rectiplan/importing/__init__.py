"""`rectiplan import`: a published Word or Excel table (or a CSV file) read into a plan.

Readers (`read_docx`, `read_xlsx`, `read_csv`) give a neutral grid; `structure` finds the table in it; `assemble`
reads each cell into plan data with `cells` and `sheet`; `emit` writes the YAML.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .grid import Grid, ImportRefused

__all__ = ["READERS", "ImportRefused", "ImportResult", "import_file"]

# The readers by file suffix; the old binary formats are named so that the refusal can say what to do.
READERS = (".docx", ".xlsx", ".csv")
OLD_FORMATS = {".doc": ".docx", ".wps": ".docx", ".rtf": ".docx", ".xls": ".xlsx", ".et": ".xlsx", ".xlsb": ".xlsx"}
_SUFFIXES = {".docm": ".docx", ".xlsm": ".xlsx", ".tsv": ".csv", ".txt": ".csv"}


@dataclass
class ImportResult:
    """The YAML written, and what the report says: rows read, items, each interpretation and unread cell."""

    yaml_text: str
    rows_read: int
    items: int
    # (message key, params) about the whole import, in order: encoding, header, rows skipped, year…
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    findings: list[Any] = field(default_factory=list)  # assemble.Finding


def place_text(place: tuple[int, int], lang: str) -> str:
    """A source row as the report and the comments name it: `row 5`, or `table 2, row 5` in a document."""
    from ..messages import text

    table, row = place
    if table:
        return text("import.place_table", lang, table=table, row=row)
    return text("import.place", lang, row=row)


def read_grids(path: Path, shown: str, sheet: str | None) -> list[Grid]:
    suffix = path.suffix.lower()
    suffix = _SUFFIXES.get(suffix, suffix)
    if suffix in OLD_FORMATS:
        raise ImportRefused("import.old_format", path=shown, suffix=path.suffix, new=OLD_FORMATS[suffix])
    if suffix not in READERS:
        raise ImportRefused("import.unknown_suffix", path=shown, suffixes=", ".join(READERS))
    if not path.exists():
        raise ImportRefused("import.not_found", path=shown)
    if not path.is_file():
        raise ImportRefused("import.not_a_file", path=shown)
    if sheet is not None and suffix != ".xlsx":
        raise ImportRefused("import.sheet_not_xlsx", path=shown)
    if suffix == ".docx":
        from .read_docx import read_docx

        return read_docx(path, shown)
    if suffix == ".xlsx":
        from .read_xlsx import read_xlsx

        return [read_xlsx(path, shown, sheet)]
    from .read_csv import read_csv

    return [read_csv(path, shown)]


def _plan_info(grids: list[Grid]) -> dict[str, Any]:
    """The plan's own fields an export keeps beside its table (sheet.PLAN_INFO), those that differ from a plan's
    defaults (which a plan file leaves out). None from an export of several plans: which plan's would be a guess."""
    from ..model import Plan
    from ..sheet import PLAN_INFO, decode_plan_info

    pairs = [pair for grid in grids for pair in grid.info]
    titles = {column.zh for column in PLAN_INFO if column.key == "title"} | {
        column.en for column in PLAN_INFO if column.key == "title"
    }
    if sum(1 for heading, _ in pairs if str(heading).strip() in titles) > 1:
        return {}
    data = decode_plan_info(pairs)
    defaults = {"timezone": Plan.model_fields["timezone"].default, "warn_days": Plan.model_fields["warn_days"].default}
    if data.get("timezone") == defaults["timezone"]:
        del data["timezone"]
    if "warn_days" in data and data["warn_days"] == defaults["warn_days"].model_dump():
        del data["warn_days"]
    return data


def import_file(
    path: Path,
    shown: str,
    *,
    lang: str,
    sheet: str | None = None,
    title: str | None = None,
    year: int | None = None,
    columns: Mapping[str, str] | None = None,
) -> ImportResult:
    """Read a published table into plan YAML. Raises ImportRefused when the file cannot be read as a table."""
    from .. import cells
    from ..messages import text
    from .assemble import assemble
    from .emit import emit_plan
    from .structure import find_table

    extra = dict(columns or {})
    grids = read_grids(path, shown, sheet)
    try:
        table = find_table(grids, lambda heading: cells.match_heading(heading, extra), shown)
    except ImportRefused as refused:
        # The first sheet a cover or instructions sheet: the table is likely one --sheet away, not a --column.
        others = [params.get("others") for grid in grids for key, params in grid.notes if key == "import.sheet"]
        if refused.code == "import.no_heading" and sheet is None and others and others[0]:
            first = next(params["sheet"] for key, params in grids[0].notes if key == "import.sheet")
            raise ImportRefused(
                "import.no_heading_sheets", path=shown, sheet=first, sheets="、".join(others[0])
            ) from None
        raise
    notes = list(table.notes)
    info = _plan_info(grids)
    table_title = info.pop("title", None) or table.title
    chosen_title = title if title is not None and title.strip() else table_title
    if chosen_title is None:
        chosen_title = path.stem
        notes.append(("import.title_from_name", {"title": chosen_title}))
    if not table.records:
        raise ImportRefused("import.no_rows", path=shown)
    from .emit import has_surrogate, without_surrogates

    if has_surrogate(chosen_title):
        # Bytes of a file name or of --title that are not UTF-8: YAML cannot hold them.
        chosen_title = without_surrogates(chosen_title)
        notes.append(("import.surrogate_replaced", {"title": chosen_title}))
    assembled = assemble(table, year, chosen_title)
    notes += assembled.notes
    if info:
        # The plan's own fields before its items, in the order of a plan file.
        items = assembled.data.pop("items")
        assembled.data.update(info)
        assembled.data["items"] = items
    comments = {
        path_: [
            text(key, lang, place=place_text((params["table"], params["row"]), lang), **params)
            for key, params in entries
        ]
        for path_, entries in assembled.comments.items()
    }
    header = [text("import.yaml_header", lang, name=path.name)]
    yaml_text = emit_plan(assembled.data, comments, header)
    return ImportResult(yaml_text, table.rows_read, len(table.records), notes, assembled.findings)
