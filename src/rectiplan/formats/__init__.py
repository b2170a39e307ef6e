"""Output formats of `list` and `overdue`: one module each, found through FORMAT_BY_NAME (which feeds --format)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from .interface import Format, Listing, Output, Row

# Each format's module, class and description. The module is imported only when its format is used: every command
# imports this registry (for --format's choices and help), and `--format json` needs neither the table's nor the
# CSV's module. A test checks each description against its class's.
FORMATS: dict[str, tuple[str, str, str]] = {
    "table": ("table", "TableFormat", "a table for people (the default)"),
    "json": ("json", "JsonFormat", "array of item records (all fields, ISO dates)"),
    "csv": ("csv", "CsvFormat", "comma-separated, same columns as json, for Excel/WPS"),
}


class _Registry(Mapping[str, Format]):
    """The formats by name, each built on first use."""

    def __init__(self) -> None:
        self._built: dict[str, Format] = {}

    def __getitem__(self, name: str) -> Format:
        built = self._built.get(name)
        if built is None:
            module, class_name, _ = FORMATS[name]
            built = getattr(importlib.import_module(f"{__name__}.{module}"), class_name)()
            self._built[name] = built
        return built

    def __iter__(self) -> Iterator[str]:
        return iter(FORMATS)

    def __len__(self) -> int:
        return len(FORMATS)


FORMAT_BY_NAME: Mapping[str, Format] = _Registry()
FORMAT_DESCRIPTIONS: dict[str, str] = {name: description for name, (_, _, description) in FORMATS.items()}

__all__ = ["FORMATS", "FORMAT_BY_NAME", "FORMAT_DESCRIPTIONS", "Format", "Listing", "Output", "Row"]
