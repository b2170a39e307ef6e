"""Output formats of `list` and `overdue`: one module each, found through FORMAT_BY_NAME (which feeds --format)."""

from __future__ import annotations

from .csv import CsvFormat
from .interface import Format, Listing, Output, Row
from .json import JsonFormat
from .table import TableFormat

FORMAT_BY_NAME: dict[str, Format] = {fmt.name: fmt for fmt in (TableFormat(), JsonFormat(), CsvFormat())}

__all__ = ["FORMAT_BY_NAME", "Format", "Listing", "Output", "Row"]
