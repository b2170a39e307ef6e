"""`--format json`: an array of full item records, Chinese unescaped (escaped when the output encoding lacks it)."""

from __future__ import annotations

import codecs
import json
from typing import Any, TextIO

from ..messages import LEGACY_COMMAND, compiled_pattern
from .interface import Listing, Output, listing_record


class JsonFormat:
    name = "json"
    description = "array of item records (all fields, ISO dates)"

    def render(self, listing: Listing, output: Output) -> None:
        records = [listing_record(row, listing.command) for row in listing.rows]
        write_json(records, output.stream)


def write_json(value: Any, stream: TextIO) -> None:
    """JSON that stays valid and lossless whatever the stream's encoding: Chinese as itself where the encoding
    holds every character, else as \\uXXXX escapes (an encoder's backslashreplace would write `\\U0001f600`, which
    is not JSON, and "replace" would lose text)."""
    text = json.dumps(value, ensure_ascii=not writes_all_unicode(stream), indent=2)
    # Characters that are invisible or reorder a line (bidi controls, zero-width, line separators) are written as
    # \uXXXX escapes: the same JSON, lossless, but nothing in it can make a terminal show it in another order.
    text = text.translate(_INVISIBLE_ESCAPED)
    # A CI runner acts on "##[" anywhere in a line (messages.no_workflow_command): its "#" is written \u0023, the
    # same JSON. (A line of this JSON never starts with "::": each starts with a bracket, a quote or a blank.)
    stream.write((compiled_pattern(LEGACY_COMMAND).sub("\\\\u0023", text) if "#" in text else text) + "\n")


# Format and separator characters that JSON leaves as they are (control characters it escapes itself), each to its
# escape: a table for str.translate rather than a pattern, which would cost more to compile than the whole output.
_INVISIBLE_ESCAPED = {
    code: f"\\u{code:04x}"
    for code in (0xAD, 0x61C, 0x180E, *range(0x200B, 0x2010), *range(0x2028, 0x202F), *range(0x2060, 0x2070))
    + (0xFEFF, *range(0xFFF9, 0xFFFC))
}


def writes_all_unicode(stream: TextIO) -> bool:
    try:
        name = codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name
    except LookupError:
        return False
    return name in ("utf-8", "utf-8-sig", "utf-16", "utf-32", "gb18030")
