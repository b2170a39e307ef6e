"""`--format csv`: the json record's columns, one row an item, list cells joined by newlines.

It starts with a UTF-8 byte order mark so that Excel and WPS open the Chinese text correctly. Written to a file
or a pipe it is data, kept exactly; written to a terminal, where a person reads it, the cells go through the same
sanitizer as the table (an ESC or a bidi control in a plan must not drive the terminal).
"""

from __future__ import annotations

import codecs
import csv
import io
from typing import Any, TextIO

from ..messages import printable
from .interface import RECORD_FIELDS, Listing, Output, item_record


def _cell(name: str, value: Any) -> str:
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
    if isinstance(value, list):
        return "\n".join(value)
    return str(value)


class CsvFormat:
    name = "csv"
    description = "comma-separated, same columns as json, for Excel/WPS"

    def render(self, listing: Listing, output: Output) -> None:
        with_days = listing.command == "overdue"
        records = [item_record(row, with_days_overdue=with_days) for row in listing.rows]
        columns = [*RECORD_FIELDS, "days_overdue"] if with_days else list(RECORD_FIELDS)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        buffer.write("\ufeff")
        writer.writerow(columns)
        on_terminal = output.is_terminal()
        for record in records:
            cells = [_cell(name, record[name]) for name in columns]
            writer.writerow([printable(cell, newlines=True) for cell in cells] if on_terminal else cells)
        _write_utf8(buffer.getvalue(), output.stream)


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
