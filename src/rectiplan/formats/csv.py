"""`--format csv`: the json record's columns, one row an item, list cells joined by newlines.

It starts with a UTF-8 byte order mark so that Excel and WPS open the Chinese text correctly.
"""

from __future__ import annotations

import csv
from typing import Any

from .interface import Listing, Output, extra_fields, listing_record, record_fields


def _cell(name: str, value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # a number (days_left: -1) is a number to a spreadsheet, not plan text to guard
    text = _text(name, value)
    # Excel and WPS run a cell that starts with = + - @ as a formula: a plan's text must stay text.
    return "'" + text if text[:1] in _FORMULA_STARTS else text


_FORMULA_STARTS = frozenset("=+-@\t\r")


def _text(name: str, value: Any) -> str:
    if value is None:
        return ""
    if name == "measures":
        # A measure owned by only some divisions keeps them, in front: "[办公室] 加强调研指导…".
        return "\n".join(
            f"[{'、'.join(measure['divisions'])}] {measure['text']}" if measure["divisions"] else measure["text"]
            for measure in value
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
        writer = csv.writer(output.stream, lineterminator="\r\n")
        output.stream.write("\ufeff")
        writer.writerow(columns)
        for record in records:
            writer.writerow([_cell(name, record[name]) for name in columns])
