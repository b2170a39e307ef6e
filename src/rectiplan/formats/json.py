"""`--format json`: an array of full item records, Chinese unescaped."""

from __future__ import annotations

import json

from .interface import Listing, Output, listing_record


class JsonFormat:
    name = "json"
    description = "array of item records (all fields, ISO dates)"

    def render(self, listing: Listing, output: Output) -> None:
        records = [listing_record(row, listing.command) for row in listing.rows]
        output.stream.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
