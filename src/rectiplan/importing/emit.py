"""Writing plan data as YAML in the bundled plan's house style: block style, Chinese unescaped, one value a line,
a blank line between items, comments where the import wants a person to look.

Every scalar is written plain only when it reads back as the same text under YAML 1.1 and 1.2 (no `no`, `on`, `y`,
`1`, `0o17`, `1e3`, `# …`, `- …` left plain; checked with PyYAML's own resolver and the forms it leaves to YAML 1.2 or
omits from 1.1); a lone surrogate (which YAML cannot hold) is written as U+FFFD; anything else is double-quoted with every
character that is not printable, or that YAML reads as a line break, escaped. Nothing cell text holds can change
the structure of the file.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import yaml

# Characters a double-quoted scalar may hold as they are: YAML's printable set, less the quote and backslash and
# the characters YAML reads as line breaks (NEL, LS, PS) or strips (the byte order mark).
_PLAIN_CHARS_SKIPPED = {"\\", '"', "\x85", "\u2028", "\u2029", "\ufeff"}
_NAMED_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}

Path = tuple[str | int, ...]


# Any character _printable refuses, as one search: the per-character test is too slow for thousands of cells.
_NOT_PRINTABLE = re.compile('[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\\\\"\u2028\u2029\ufeff]')


def _printable(char: str) -> bool:
    code = ord(char)
    return (
        0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF
    ) and char not in _PLAIN_CHARS_SKIPPED


def quoted(value: str, *, escaped: frozenset[int] = frozenset()) -> str:
    """`value` double-quoted; the characters at the `escaped` indexes are escaped too."""
    parts = ['"']
    for index, char in enumerate(value):
        if index in escaped:
            parts.append(f"\\x{ord(char):02x}")
        elif char in _NAMED_ESCAPES:
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


# A plain scalar may not start with an indicator, nor hold ": " or " #" (a key, a comment), nor end with ":".
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`=~")
_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
# What YAML 1.1 or 1.2 (core schema) could read as something other than text, beyond PyYAML's resolver: numbers in
# every base and form (`0o17`, `1e3`, `+1e3`, `0b1_0`, `1:20`, `.inf`, `.NaN`), timestamps, and words (`y`, `n`, `yes`,
# `Off`, `null`, in any case). Deliberately wide: any ASCII run that starts like a number is quoted.
_NOT_TEXT = re.compile(
    r"[-+]?\.?[0-9][0-9A-Za-z_.:+ \t-]*|[-+]?\.[0-9.]*(?:e[-+]?[0-9]+)?|[-+]?\.(?:inf|nan)"
    r"|y|n|yes|no|on|off|true|false|null|~",
    re.IGNORECASE,
)
# A lone surrogate: what Python makes of bytes in a file name or an argument that are not UTF-8. YAML cannot hold
# one (not even escaped), so emitted text has U+FFFD in its place.
_SURROGATE = re.compile("[\ud800-\udfff]")


def has_surrogate(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def without_surrogates(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)


def plain_is_safe(value: str) -> bool:
    """Whether `value` written plain reads back as this very text, under YAML 1.1 (PyYAML: `no`, `on`, `1:20`,
    `2021-06-30` are not text there) and 1.2 alike. Stricter than YAML needs, never looser."""
    return (
        bool(value)
        and value[0] not in _INDICATORS
        and value == value.strip(" ")
        and not value.startswith(("...", "---"))
        and ": " not in value
        and " #" not in value
        and not value.endswith(":")
        and _NOT_PRINTABLE.search(value) is None
        and _NOT_TEXT.fullmatch(value) is None
        and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STR_TAG  # type: ignore[no-untyped-call]
    )


def scalar(value: str | int | date) -> str:
    if isinstance(value, bool):
        raise TypeError("no booleans in a plan")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    value = without_surrogates(value)
    if "#" in value:
        # A GitHub Actions runner acts on "##[" anywhere in a line of a log (see messages.no_workflow_command): the
        # first "#" of each is written \x23, the same text to any YAML reader.
        from ..messages import LEGACY_COMMAND

        commands = frozenset(match.start() for match in re.finditer(LEGACY_COMMAND, value))
        if commands:
            return quoted(value, escaped=commands)
    return value if plain_is_safe(value) else quoted(value)


def comment(text: str) -> str:
    """A comment line's text: one line, nothing a terminal, YAML reader or CI log's runner would act on."""
    from ..messages import no_workflow_command

    return no_workflow_command(
        "".join(char if _printable(char) or char == "\\" or char == '"' else " " for char in text)
    )


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
