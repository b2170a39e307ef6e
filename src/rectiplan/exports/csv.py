"""`export --format csv`: the 台账 as a CSV sheet, one row an item, in the columns of `sheet.LEDGER`.

Not the record of `list --format csv`: this one is made to be read back by `rectiplan import`, so its cells are the
published table's own forms (`sheet.encode_*`: measures `1.…` a line, 责任人 `leader/owner`, per-measure divisions
grouped `（1）办公室；（2）高新处、区域处`) under headings the import maps, where the listing's csv keeps json's
structure (a measure's divisions in brackets before it) and calls the materials 佐证材料, a published heading of the
evidence column. Like every rectiplan CSV it starts with a UTF-8 byte order mark, for Excel and WPS, ends lines with
CRLF, and guards a cell that would start a formula with a leading `'` (`sheet.guard_formula`, which import undoes).
The plan's own fields (`sheet.PLAN_INFO`: title, issuer, time zone, warning days, roster) follow the table after a
blank row, under a row holding only 方案信息 (Plan), one `heading,value` row each.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, BinaryIO

from ..messages import text
from ..sheet import (
    LEDGER,
    encode_date,
    encode_divisions,
    encode_extensions,
    encode_list,
    encode_people,
    encode_plan_info,
    encode_progress,
    guard_formula,
)
from . import ExportData

if TYPE_CHECKING:
    from ..formats.interface import Row


class CsvExporter:
    name = "csv"
    suffix = ".csv"
    binary = False
    description = "the 台账 as CSV (UTF-8 with BOM), the columns of the xlsx sheet, read back by import"

    def write(self, data: ExportData, out: BinaryIO) -> None:
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([column.heading(data.lang) for column in LEDGER])
        for row in data.rows:
            writer.writerow(ledger_cells(row, data.lang))
        # The plan's own fields, which no row holds, after a blank row under 方案信息 (Plan): `heading,value` rows,
        # a blank row between plans. A spreadsheet's filter on the table stops at the blank row; import reads
        # the block back (importing/read_csv.py).
        writer.writerow([])
        writer.writerow([text("office.sheet.plan", data.lang)])
        for number, (source, plan) in enumerate(data.plans):
            if number:
                writer.writerow([])
            for column, value in encode_plan_info(plan, source, data.as_of):
                writer.writerow([column.heading(data.lang), guard_formula(str(value))])
        out.write(buffer.getvalue().encode("utf-8"))


EXPORTER = CsvExporter()


def ledger_cells(row: Row, lang: str) -> list[str]:
    """The row's cells in the order of LEDGER, as text. The status is the file's (read back by import): its label
    in Chinese, its name (`in_progress`) in English, both of which a plan accepts."""
    item = row.entry.item
    facts = row.tracking
    level = facts.level.value if facts and facts.level else None
    days = facts.days_left if facts else None
    by_key = {
        "id": str(item.id),
        "topic": item.topic,
        "issue": item.issue,
        "measures": encode_list([measure.text for measure in item.measures]),
        "evidence": encode_list(list(item.evidence)),
        "deadline": encode_date(item.deadline),
        "divisions": encode_divisions(list(item.divisions), list(item.measures)),
        "people": encode_people(item.leader, item.owner),
        "status": text(f"status.{item.status.value}", lang) if lang == "zh" else item.status.value,
        "effective_deadline": encode_date(facts.effective_deadline if facts else item.deadline),
        "days": "" if days is None else str(days),
        "level": text(f"level.{level}", lang) if level else "",
        "done_on": encode_date(item.done_on),
        "closed_on": encode_date(item.closed_on),
        "progress": encode_progress(list(item.progress)),
        "extensions": encode_extensions(list(item.extensions)),
        "materials": encode_list(list(item.materials)),
        "notes": item.notes or "",
    }
    # A number of days is a number to a spreadsheet (-3: three days late), not plan text to guard.
    return [by_key[column.key] if column.key == "days" else guard_formula(by_key[column.key]) for column in LEDGER]
