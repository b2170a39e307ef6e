"""`export --format json`: the records of `list --format json`, byte for byte, as a UTF-8 file."""

from __future__ import annotations

import io
from typing import BinaryIO

from ..formats.interface import listing_record
from ..formats.json import write_json
from . import ExportData


class JsonExporter:
    name = "json"
    suffix = ".json"
    binary = False
    description = "the item records of list --format json"

    def write(self, data: ExportData, out: BinaryIO) -> None:
        records = [listing_record(row, "list") for row in data.rows]
        # UTF-8 holds every character, so Chinese is written as itself, as `list` writes it to a UTF-8 stdout.
        stream = io.TextIOWrapper(out, encoding="utf-8", newline="\n")
        try:
            write_json(records, stream)
            stream.flush()
        finally:
            stream.detach()


EXPORTER = JsonExporter()
