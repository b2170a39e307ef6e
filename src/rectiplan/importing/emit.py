"""Writing plan data as YAML in the bundled plan's house style: block style, Chinese unescaped, one value a line,
a blank line between items, comments where the import wants a person to look.

Every scalar is written plain only when PyYAML itself would write it plain (so it reads back as the same text
under YAML 1.1 and 1.2: no `no`, `on`, `1`, `# …`, `- …` left plain); anything else is double-quoted with every
character that is not printable, or that YAML reads as a line break, escaped. Nothing cell text holds can change
the structure of the file.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml

# Characters a double-quoted scalar may hold as they are: YAML's printable set, less the quote and backslash and
# the characters YAML reads as line breaks (NEL, LS, PS) or strips (the byte order mark).
_PLAIN_CHARS_SKIPPED = {"\\", '"', "\x85", "\u2028", "\u2029", "\ufeff"}
_NAMED_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}

Path = tuple[str | int, ...]


def _printable(char: str) -> bool:
    code = ord(char)
    return (
        0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF
    ) and char not in _PLAIN_CHARS_SKIPPED


def quoted(value: str) -> str:
    parts = ['"']
    for char in value:
        if char in _NAMED_ESCAPES:
            parts.append(_NAMED_ESCAPES[char])
        elif _printable(char):
            parts.append(char)
        elif ord(char) <= 0xFF:
            parts.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            parts.append(f"\\u{ord(char):04x}")
        else:
            parts.append(f"\\U{ord(char):08x}")
    parts.append('"')
    return "".join(parts)


def scalar(value: str | int | date) -> str:
    if isinstance(value, bool):
        raise TypeError("no booleans in a plan")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    dumped = yaml.safe_dump(value, allow_unicode=True, width=float("inf"), default_flow_style=False)
    dumped = dumped.removesuffix("\n...\n").removesuffix("\n")
    if "\n" in dumped or dumped[:1] in ("'", '"', "|", ">", "") or not all(_printable(c) for c in dumped):
        return quoted(value)
    return dumped


def comment(text: str) -> str:
    """A comment line's text: one line, nothing a terminal or YAML reader would act on."""
    return "".join(char if _printable(char) or char == "\\" or char == '"' else " " for char in text)


def emit_plan(data: dict[str, Any], comments: dict[Path, list[str]], header: list[str]) -> str:
    """The YAML text of `data` (a mapping of text, ints, dates, lists and mappings; None values are left out),
    `comments[path]` written above the key at `path`, the `header` lines first as comments."""
    lines = [f"# {comment(line)}".rstrip() for line in header]
    if lines:
        lines.append("")
    _mapping(data, 0, (), comments, lines, first_prefix=None)
    return "\n".join(lines) + "\n"


def _mapping(
    data: dict[str, Any],
    indent: int,
    path: Path,
    comments: dict[Path, list[str]],
    lines: list[str],
    first_prefix: str | None,
) -> None:
    """`first_prefix`: the dash the mapping's first key follows when the mapping is a list entry."""
    pad = " " * indent
    first = True
    for key, value in data.items():
        if value is None:
            continue
        here = (*path, key)
        lead = first_prefix if first and first_prefix is not None else pad
        # Comments on a list entry's first key stand above its dash, at the dash's indentation.
        comment_pad = " " * (len(lead) - 2) if lead.endswith("- ") else pad
        for note in comments.get(here, []):
            lines.append(f"{comment_pad}# {comment(note)}".rstrip())
        first = False
        if isinstance(value, list):
            if not value:
                lines.append(f"{lead}{key}: []")
                continue
            lines.append(f"{lead}{key}:")
            for index, entry in enumerate(value):
                entry_path = (*here, index)
                if key == "items" and index:
                    lines.append("")
                for note in comments.get(entry_path, []):
                    lines.append(f"{pad}  # {comment(note)}".rstrip())
                if isinstance(entry, dict):
                    _mapping(entry, indent + 4, entry_path, comments, lines, first_prefix=f"{pad}  - ")
                else:
                    lines.append(f"{pad}  - {scalar(entry)}")
        elif isinstance(value, dict):
            lines.append(f"{lead}{key}:")
            _mapping(value, indent + 2, here, comments, lines, first_prefix=None)
        else:
            lines.append(f"{lead}{key}: {scalar(value)}")
