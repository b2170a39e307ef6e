"""`export --format md`: the plan as a GitHub-flavoured Markdown table, for wikis and merge requests.

A heading with the title, one line with the as-of date and the count, then the 8 columns of the published table
and the status, deadline in force and warning level as of that date. Cell text is escaped so that whatever a plan
holds stays one cell's text: `|`, backslashes and inline markup are backslash-escaped, `<` and `&` written as
entities (only the `<br>` this module writes is HTML), and line breaks become `<br>`.

Pasted into a GitHub or GitLab merge request, plan text must not notify or link anyone: `@all` would notify every
member of the project, `#12` and `!3` would link (and add a back-reference to) unrelated issues and merge requests.
Both sites find these references in the rendered text, after Markdown escapes are undone, so a backslash does not
stop them; a zero-width space (U+200B, written `&#8203;`) between the sigil and what follows does, and shows
nothing, as dependency bots do for release notes. It goes after `@` and GitLab's `~` (label) and `%` (milestone)
before a letter, digit, `_` or `"`, and after `#` `!` `&` `$` (issue, merge request, epic, snippet) before a digit.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, BinaryIO

from ..messages import text
from ..sheet import PUBLISHED, TRACKING, encode_divisions, encode_people
from . import ExportData

if TYPE_CHECKING:
    from ..formats.interface import Row

COLUMNS = (*PUBLISHED, *(column for column in TRACKING if column.key in ("status", "effective_deadline", "level")))

# Backslash and the characters of inline markup (code, emphasis, links, strikethrough, GitHub's math); `|` would
# end the cell.
_INLINE = re.compile(r"([\\`*_\[\]|~$])")
# At the start of a line these begin a heading, quote, list or rule where a cell's text is read as a block.
_LINE_START = re.compile(r"^([#>+=-])")
# The references GitHub and GitLab make of plain text (see above); a zero-width space is put after the sigil.
_REFERENCE = re.compile(r"([@~%])(?=[\w\"])|([#!&$])(?=\d)")
_BREAK = "\u200b"


class MarkdownExporter:
    name = "md"
    suffix = ".md"
    binary = False
    description = "a Markdown table (GitHub-flavoured) for wikis and merge requests"

    def write(self, data: ExportData, out: BinaryIO) -> None:
        out.write(markdown(data).encode("utf-8"))


EXPORTER = MarkdownExporter()


def markdown(data: ExportData) -> str:
    lang = data.lang
    title = " ".join(data.title.split())
    lines = [
        f"# {escape(title)}",
        "",
        text("export.md_as_of", lang, as_of=data.as_of.isoformat(), count=len(data.rows)),
        "",
        "| " + " | ".join(column.heading(lang) for column in COLUMNS) + " |",
        "|" + "|".join("---:" if column.key == "id" else "---" for column in COLUMNS) + "|",
    ]
    lines += ["| " + " | ".join(cells(row, lang)) + " |" for row in data.rows]
    return "\n".join(lines) + "\n"


def cells(row: Row, lang: str) -> list[str]:
    """The row's cells, escaped, in the order of COLUMNS."""
    item = row.entry.item
    facts = row.tracking
    status = facts.status.value if facts else item.status.value
    effective = facts.effective_deadline if facts else item.deadline
    level = facts.level.value if facts and facts.level else None
    return [
        str(item.id),
        escape(item.topic),
        escape(item.issue),
        _numbered([measure.text for measure in item.measures]),
        _numbered(item.evidence),
        item.deadline.isoformat() if item.deadline else "",
        escape(encode_divisions(item.divisions, item.measures)),
        escape(encode_people(item.leader, item.owner)),
        text(f"status.{status}", lang),
        effective.isoformat() if effective else "",
        text(f"level.{level}", lang) if level else "",
    ]


def _numbered(entries: list[str]) -> str:
    """One entry as it is; several as `1. …<br>2. …`, as the published table numbers them."""
    if len(entries) == 1:
        return escape(entries[0])
    return "<br>".join(f"{number}. {escape(entry)}" for number, entry in enumerate(entries, 1))


def escape(value: str) -> str:
    """Text as one table cell's content: it renders as exactly this text, whatever characters it holds (with a
    zero-width space after each reference sigil, so that it links and notifies nobody)."""
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    escaped = []
    for line in lines:
        line = _REFERENCE.sub(lambda sigil: sigil[0] + _BREAK, line)
        line = _INLINE.sub(r"\\\1", line).replace("&", "&amp;").replace("<", "&lt;")
        escaped.append(_LINE_START.sub(r"\\\1", line).replace(_BREAK, "&#8203;"))
    return "<br>".join(escaped)
