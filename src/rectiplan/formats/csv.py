"""`--format csv`: the json record's columns, one row an item, list cells joined by newlines, for Excel and WPS.

It is for people with a spreadsheet: under `--lang zh` the headings are the Word table's own (序号, 整改内容, …),
statuses read 未开始/进行中/已完成/长期坚持, and measures are numbered `1. …` on their own lines, as in the
published plan; under `--lang en` the headings are the json field names and statuses the English labels.

It starts with a UTF-8 byte order mark so that Excel and WPS open the Chinese text correctly. Written to a file
or a pipe it is data, kept exactly; written to a terminal, where a person reads it, the cells go through the same
sanitizer as the table (an ESC or a bidi control in a plan must not drive the terminal).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from ..messages import printable
from ..messages import text as message_text
from .interface import Listing, Output, extra_fields, listing_record, record_fields

# The Word table's column headings, for the Chinese CSV; English keeps the json field names.
HEADINGS_ZH = {
    "plan": "方案", "id": "序号", "topic": "主题", "issue": "整改内容", "measures": "整改措施",
    "evidence": "整改检验形式", "deadline": "计划完成时间", "divisions": "责任处室", "leader": "分管领导",
    "owner": "责任人", "status": "状态", "done_on": "完成时间", "notes": "备注", "closed_on": "销号日期",
    "materials": "佐证材料", "progress": "进展情况", "extensions": "延期", "effective_deadline": "现行完成时限",
    "status_as_of": "截至日状态", "level": "预警等级", "done_late": "逾期完成", "latest_progress": "最新进展", "days_overdue": "逾期天数",
    "days_left": "剩余天数",
}  # fmt: skip


def _cell(name: str, value: Any, lang: str) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # a number (days_left: -1) is a number to a spreadsheet, not plan text to guard
    if name in ("status", "status_as_of"):
        text = message_text(f"status.{value}", lang)
    elif name == "level" and value and lang == "zh":
        text = message_text(f"level.{value}", lang)
    elif name == "done_late" and isinstance(value, bool) and lang == "zh":
        text = "是" if value else "否"
    else:
        text = _text(name, value)
    return formula_safe(text)


_FORMULA_STARTS = frozenset("=+-@\t\r")


def _text(name: str, value: Any) -> str:
    if value is None:
        return ""
    if name == "measures":
        # A measure owned by only some divisions keeps them, in front: "[办公室] 加强调研指导…".
        return "\n".join(
            f"{number}. [{'、'.join(measure['divisions'])}] {measure['text']}"
            if measure["divisions"]
            else f"{number}. {measure['text']}"
            for number, measure in enumerate(value, 1)
        )
    if name == "progress":
        return "\n".join(_progress_line(entry) for entry in value)
    if name == "latest_progress":
        return _progress_line(value)
    if name == "extensions":
        return "\n".join(_extension_line(ext) for ext in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "\n".join(value)
    return str(value)


def _extension_line(ext: dict[str, Any]) -> str:
    """`2021-12-31 (2021-11-25): reason`: the new deadline, the day it was approved, why."""
    approved = f" ({ext['approved_on']})" if ext["approved_on"] else ""
    return f"{ext['to']}{approved}: {ext['reason']}"


def _progress_line(entry: dict[str, Any]) -> str:
    by = f" ({entry['by']})" if entry["by"] else ""
    return f"{entry['on']} {entry['text']}{by}"


class CsvFormat:
    name = "csv"
    description = "comma-separated, same columns as json, for Excel/WPS"

    def render(self, listing: Listing, output: Output) -> None:
        records = [listing_record(row, listing.command) for row in listing.rows]
        columns = [*record_fields(), *extra_fields(listing.command)]
        heading = [HEADINGS_ZH[name] for name in columns] if output.lang == "zh" else list(columns)
        write_csv(heading, ([_cell(name, record[name], output.lang) for name in columns] for record in records), output)


def write_csv(heading: Sequence[str], rows: Iterable[Sequence[str]], output: Output) -> None:
    """The one way CSV is written (`list`, `overdue`, `due`, `summary`): a byte order mark, then the rows as UTF-8
    bytes whatever the stream's encoding; sanitized when a person's terminal reads it, exact in a file or a pipe.
    The cells are text already guarded against formulas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(heading)
    on_terminal = output.is_terminal()
    for cells in rows:
        writer.writerow([printable(cell, newlines=True) for cell in cells] if on_terminal else cells)
    _write_utf8(buffer.getvalue(), output.stream)


def formula_safe(text: str) -> str:
    """Excel and WPS run a cell that starts with = + - @ as a formula: a plan's text must stay text."""
    return "'" + text if text[:1] in _FORMULA_STARTS else text


def _write_utf8(text: str, stream: TextIO) -> None:
    """The byte order mark promises UTF-8, so the bytes are UTF-8 whatever the stream's own encoding: a GBK or
    ASCII stdout would otherwise change or escape cells silently."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    binary = getattr(stream, "buffer", None)
    if binary is None or codecs.lookup(encoding).name == "utf-8":
        stream.write(text)
        return
    stream.flush()
    binary.write(text.encode("utf-8"))
    binary.flush()
