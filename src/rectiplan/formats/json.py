"""`--format json`: an array of full item records, Chinese unescaped."""

from __future__ import annotations

import json

from .interface import Listing, Output, item_record


class JsonFormat:
    name = "json"
    description = "array of item records (all fields, ISO dates)"

    def render(self, listing: Listing, output: Output) -> None:
        with_days = listing.command == "overdue"
        records = [item_record(row, with_days_overdue=with_days) for row in listing.rows]
        output.stream.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
