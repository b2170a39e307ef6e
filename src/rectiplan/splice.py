"""Change a YAML plan file by splicing new text into the exact text that was read, at the spans its node tree
records: only the bytes that must change do; comments, quoting, indentation, blank lines, BOM and line breaks stay.

The splicer never decides whether an edit is right: `edit` re-parses what it produces and compares the data.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import source
from .source import Document

# An entry to write: text, or a mapping of text (a progress entry, an extension), written in the order given.
Value = str | Mapping[str, str]


class SpliceError(Exception):
    """The file is written in a way this splicer does not edit (a flow-style item, a block scalar to remove...).

    `code` is a message key in `messages.TEXT`; `params` fill it."""

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class SourceText:
    """The file's text as the loader indexed it, and how to turn edited text back into the file's bytes."""

    text: str
    prefix: bytes  # the byte order mark, kept as it was
    codec: str
    index_shift: int  # subtracted from a mark's index to get an index into `text`

    def encode(self, text: str) -> bytes:
        return self.prefix + text.encode(self.codec)


def source_text(raw: bytes) -> SourceText:
    """Decode `raw` the way the loader read it: both loaders count marks in code points of the text after the byte
    order mark (source.parse_document hands them the text without it)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-16-le" if raw.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        decoded = SourceText(raw[2:].decode(codec), raw[:2], codec, 0)  # the loader was given this text, no mark
    elif raw.startswith(codecs.BOM_UTF8):
        decoded = SourceText(raw[3:].decode("utf-8"), raw[:3], "utf-8", 0)
    else:
        decoded = SourceText(raw.decode("utf-8"), b"", "utf-8", 0)
    if decoded.encode(decoded.text) != raw:  # every byte must come back exactly, or nothing is edited
        raise SpliceError("edit.not_round_trip")
    return decoded


# Characters that may not start a plain scalar, or that YAML would read as a line break or strip.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_NEEDS_ESCAPE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff\"\\]")
_FLOW_SPECIAL = frozenset(",[]{}")
_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\\": "\\\\", '"': '\\"', "\x85": "\\N",
            "\u2028": "\\L", "\u2029": "\\P", "\x00": "\\0"}  # fmt: skip


def scalar(value: str, *, flow: bool = False, style: str | None = None) -> str:
    """`value` as a YAML scalar that reads back as exactly this text: plain when that is safe, else double-quoted
    with escapes (Chinese stays as it is). `style` is the quoting of the value being replaced, kept when it can be."""
    if style == '"':
        return _double_quoted(value)
    if style == "'" and not _NEEDS_ESCAPE.search(value.replace('"', "").replace("\\", "")):
        return "'" + value.replace("'", "''") + "'"
    return value if _plain_is_safe(value, flow=flow) else _double_quoted(value)


def _plain_is_safe(value: str, *, flow: bool) -> bool:
    if not value or value != value.strip() or value[0] in _INDICATORS or _NEEDS_ESCAPE.search(value):
        return False
    if ": " in value or " #" in value or value.endswith(":") or "\x85" in value or value.startswith("..."):
        return False
    if flow and (_FLOW_SPECIAL & set(value)):
        return False
    # Whatever a YAML 1.2 reader would type as null, boolean or number is quoted, whatever key it stands under.
    return isinstance(source._plain_scalar(value), str)


def _double_quoted(value: str) -> str:
    def escape(match: re.Match[str]) -> str:
        char = match.group(0)
        if char in _ESCAPES:
            return _ESCAPES[char]
        code = ord(char)
        return f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}"

    return '"' + _NEEDS_ESCAPE.sub(escape, value) + '"'


@dataclass
class Splicer:
    """Collects changes to one document's text and applies them all at once; spans are read from the tree of the
    text as it was, so every change refers to the original text and changes never overlap."""

    doc: Document
    decoded: SourceText = field(init=False)
    newline: str = field(init=False)
    _splices: list[tuple[int, int, int, str]] = field(default_factory=list, init=False)
    _line_break_added: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        self.decoded = source_text(self.doc.raw)
        text = self.decoded.text
        first_break = text.find("\n")
        self.newline = "\r\n" if first_break > 0 and text[first_break - 1] == "\r" else "\n"

    @property
    def text(self) -> str:
        return self.decoded.text

    # --- positions ------------------------------------------------------------------------------------------------

    def start(self, node: Node) -> int:
        return int(node.start_mark.index) - self.decoded.index_shift

    def end(self, node: Node) -> int:
        return int(node.end_mark.index) - self.decoded.index_shift

    def content_end(self, node: Node) -> int:
        """Where the node's own text ends: a block collection's end mark lies past the comments and blank lines
        that follow it, and a block scalar's past its trailing line breaks."""
        if isinstance(node, ScalarNode):
            if node.style not in ("|", ">"):
                return self.end(node)
            start, end = self.start(node), self.end(node)
            if "+" in self.text[start : self.line_end(start)].partition("#")[0]:
                return end  # kept (`|+`): the trailing blank lines are part of the value
            while end > start and self.text[end - 1] in " \t\r\n":
                end -= 1
            return end
        if getattr(node, "flow_style", False) or not node.value:
            return self.end(node)
        last = node.value[-1]
        if isinstance(node, MappingNode):
            key, value = last
            if isinstance(value, ScalarNode) and value.value == "" and not value.style:
                return self.end(key)  # `key:` with nothing after it
            return self.content_end(value)
        return self.content_end(last)

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def line_end(self, index: int) -> int:
        """The index just past the line break that ends the line holding `index` (or the end of the text)."""
        found = self.text.find("\n", index)
        return len(self.text) if found < 0 else found + 1

    def after_value(self, node: Node, indent: int) -> int:
        """Where a new line goes after `node`: past the rest of its last line (a trailing comment stays there), and
        past the comment lines right below it that are indented deeper than `indent` (they belong to it)."""
        end = self.content_end(node)
        position = end if end > 0 and self.text[end - 1] == "\n" else self.line_end(end)
        while position < len(self.text):
            line_end = self.line_end(position)
            line = self.text[position:line_end]
            stripped = line.lstrip(" ")
            if not stripped.startswith("#") or len(line) - len(stripped) <= indent:
                break
            position = line_end
        return position

    # --- lookups --------------------------------------------------------------------------------------------------

    @staticmethod
    def pair(mapping: MappingNode, key: str) -> tuple[Node, Node] | None:
        for key_node, value_node in mapping.value:
            if isinstance(key_node, ScalarNode) and key_node.value == key:
                return key_node, value_node
        return None

    def item_node(self, index: int) -> MappingNode:
        root = self.doc.root
        assert isinstance(root, MappingNode)
        found = self.pair(root, "items")
        assert found is not None and isinstance(found[1], SequenceNode)
        item = found[1].value[index]
        assert isinstance(item, MappingNode)
        return item

    # --- changes --------------------------------------------------------------------------------------------------

    def _splice(self, start: int, end: int, new: str, *, in_line: bool = False) -> None:
        # At one position, text that continues the line there (a value after `key:`) goes before new lines
        # inserted at the same place, whatever order the edit made them in.
        order = -1 - len(self._splices) if in_line else len(self._splices)
        self._splices.append((start, end, order, new))

    def set_scalar(self, mapping: MappingNode, key: str, value: str, *, after: Sequence[str] = ()) -> None:
        """Set `key` to the text `value`: the old value's span is replaced (key, spacing and comment stay), or the
        key is added after the first of `after` that the mapping has, else after its last key."""
        found = self.pair(mapping, key)
        if found is None:
            self.add_key(mapping, key, value, after=after)
            return
        old = found[1]
        if not isinstance(old, ScalarNode):
            raise SpliceError("edit.not_scalar", key=key, line=old.start_mark.line + 1)
        flow = bool(mapping.flow_style)
        if old.value == "" and not old.style:  # `key:` with nothing: write the value after the colon
            position = self.end(found[0])
            colon = self.text.find(":", position)
            self._splice(colon + 1, colon + 1, " " + scalar(value, flow=flow), in_line=True)
            return
        style = old.style if old.style in ('"', "'") else None
        self._splice(self.start(old), self.content_end(old), scalar(value, flow=flow, style=style))

    def add_key(self, mapping: MappingNode, key: str, value: str | list[Value], *, after: Sequence[str] = ()) -> None:
        """Add `key: value` (text, or a list) to a mapping that does not have it."""
        if self.pair(mapping, key) is not None:
            raise SpliceError("edit.key_exists", key=key)
        if mapping.flow_style:
            rendered = f"{key}: " + (scalar(value, flow=True) if isinstance(value, str) else _flow_list(value))
            self._insert_in_flow(mapping, rendered, "}")
            return
        anchor = next((found for name in after if (found := self.pair(mapping, name))), None)
        key_node, value_node = anchor or mapping.value[-1]
        indent = key_node.start_mark.column
        position = self.after_value(value_node, indent)
        lines = [" " * indent + f"{key}:" + (" " + scalar(value) if isinstance(value, str) else "")]
        if not isinstance(value, str):
            dash = indent + self._sequence_offset(mapping)
            for entry in value:
                lines.extend(self._block_entry(entry, dash))
        self._insert_lines(position, lines)

    def remove_key(self, mapping: MappingNode, key: str) -> None:
        """Remove `key` and its value: whole lines when they stand on lines of their own; `, key: value` from a
        flow mapping; the key after an item's `- ` with the line break and indentation up to the next key. Anything
        else (a comment in the way, a value over several lines there) is refused: remove it by hand."""
        found = self.pair(mapping, key)
        if found is None:
            return
        key_node, value_node = found
        refused = SpliceError("edit.cannot_remove", key=key, line=key_node.start_mark.line + 1)
        if mapping.flow_style:
            self._splice(*self._flow_pair_span(mapping, key_node, refused), "")
            return
        start = self.line_start(self.start(key_node))
        before = self.text[start : self.start(key_node)]
        if before.strip(" ") == "":
            end = self.content_end(value_node)
            self._splice(start, end if self.text[end - 1] == "\n" else self.line_end(end), "")
            return
        # `- key: value` as the item's first key: the next key moves up behind the dash.
        position = [pair[0] for pair in mapping.value].index(key_node)
        if before.strip(" ") != "-" or position + 1 >= len(mapping.value):
            raise refused
        following = mapping.value[position + 1][0]
        between = self.text[self.content_end(value_node) : self.start(following)]
        if (
            not re.fullmatch(r"[ \t]*(#[^\n]*)?\r?\n[ ]*", between)
            or "\n" in self.text[self.start(key_node) : self.content_end(value_node)]
        ):
            raise refused
        self._splice(self.start(key_node), self.start(following), "")

    def _flow_pair_span(self, mapping: MappingNode, key_node: Node, refused: SpliceError) -> tuple[int, int]:
        """The span of `, key: value` (or `key: value, ` for the first pair) in a flow mapping; only spaces and line
        breaks may stand beside the comma, so no comment is lost."""
        keys = [pair[0] for pair in mapping.value]
        position = keys.index(key_node)
        value_node = mapping.value[position][1]
        if position > 0:
            start, end = self.content_end(mapping.value[position - 1][1]), self.content_end(value_node)
            if not re.fullmatch(r"\s*,\s*", self.text[start : self.start(key_node)]):
                raise refused
            return start, end
        if len(keys) == 1:
            raise refused  # `{key: value}` alone: never an item (an item has an id), so not worth a special case
        start, end = self.start(key_node), self.start(keys[1])
        if not re.fullmatch(r"\s*,\s*", self.text[self.content_end(value_node) : end]):
            raise refused
        return start, end

    def append(self, mapping: MappingNode, key: str, entries: Sequence[Value], *, after: Sequence[str] = ()) -> None:
        """Append `entries` to the list under `key`, creating the key when the mapping does not have it."""
        found = self.pair(mapping, key)
        if found is None:
            self.add_key(mapping, key, list(entries), after=after)
            return
        sequence = found[1]
        if not isinstance(sequence, SequenceNode):
            raise SpliceError("edit.not_list", key=key, line=sequence.start_mark.line + 1)
        if sequence.flow_style:
            for entry in entries:
                rendered = scalar(entry, flow=True) if isinstance(entry, str) else _flow_mapping(entry)
                self._insert_in_flow(sequence, rendered, "]")
            return
        dash = sequence.start_mark.column
        if not sequence.value or self.text[self.start(sequence) : self.start(sequence) + 1] != "-":
            raise SpliceError("edit.not_list", key=key, line=sequence.start_mark.line + 1)
        lines = [line for entry in entries for line in self._block_entry(entry, dash)]
        self._insert_lines(self.after_value(sequence.value[-1], dash), lines)

    # --- text -----------------------------------------------------------------------------------------------------

    def _sequence_offset(self, mapping: MappingNode) -> int:
        """How far this file indents a block list under its key: as the mapping's own lists do, else 2."""
        for key_node, value_node in mapping.value:
            if isinstance(value_node, SequenceNode) and not value_node.flow_style and value_node.value:
                return int(value_node.start_mark.column - key_node.start_mark.column)
        return 2

    def _block_entry(self, entry: Value, dash: int) -> list[str]:
        if isinstance(entry, str):
            return [" " * dash + "- " + scalar(entry)]
        lines = []
        for number, (name, text) in enumerate(entry.items()):
            lead = " " * dash + "- " if number == 0 else " " * (dash + 2)
            lines.append(f"{lead}{name}: {scalar(text)}")
        return lines

    def _insert_lines(self, position: int, lines: list[str]) -> None:
        block = "".join(line + self.newline for line in lines)
        if position == len(self.text) and self.text and not self.text.endswith("\n") and not self._line_break_added:
            block = self.newline + block  # the file's last line had no line break: it gets one, once
            self._line_break_added = True
            self._keep_last_block_scalar()
        self._splice(position, position, block)

    def _keep_last_block_scalar(self) -> None:
        """The line break added at the end of the file must not become part of a `|` or `>` value that ends there:
        one read without a final line break gets strip chomping (`|-`), which reads the same text with the break;
        a kept one (`|+`) that already ends in a line break would gain one, and is refused."""
        node: Node | None = self.doc.root
        while isinstance(node, (MappingNode, SequenceNode)) and node.value:
            last = node.value[-1]
            node = last[1] if isinstance(node, MappingNode) else last
        if not isinstance(node, ScalarNode) or node.style not in ("|", ">"):
            return
        start = self.start(node)
        header = re.match(r"[|>]([1-9]?)([+-]?)([1-9]?)", self.text[start:])
        if header is None or header[2] == "-":
            return
        if not node.value.endswith("\n"):
            digit = header[1] or header[3]
            self._splice(start, start + header.end(), header[0][0] + digit + "-")
        elif header[2] == "+":
            raise SpliceError("edit.no_final_newline", line=node.start_mark.line + 1)

    def _insert_in_flow(self, node: Node, rendered: str, closing: str) -> None:
        close = self.end(node) - 1
        if self.text[close : close + 1] != closing:
            raise SpliceError("edit.flow_unreadable", line=node.start_mark.line + 1)
        if not node.value:
            already = any(start == close == end for start, end, _, _ in self._splices)
            self._splice(close, close, (", " if already else "") + rendered)
            return
        last = node.value[-1][1] if isinstance(node, MappingNode) else node.value[-1]
        self._splice(self.content_end(last), self.content_end(last), ", " + rendered)

    def changed_spans(self) -> list[tuple[int, int]]:
        """The spans of the original text that the changes replace (an insertion is an empty span)."""
        return [(start, end) for start, end, _, _ in self._splices]

    def result(self) -> str:
        """The text with every change applied; changes at one place go in the order they were made."""
        ordered = sorted(self._splices)
        pieces = []
        position = 0
        for start, end, _, new in ordered:
            if start < position:
                raise SpliceError("edit.overlap")
            pieces.append(self.text[position:start])
            pieces.append(new)
            position = end
        pieces.append(self.text[position:])
        return "".join(pieces)

    def result_bytes(self) -> bytes:
        return self.decoded.encode(self.result())


def _flow_list(entries: list[Value]) -> str:
    return "[" + ", ".join(scalar(e, flow=True) if isinstance(e, str) else _flow_mapping(e) for e in entries) + "]"


def _flow_mapping(entry: Mapping[str, str]) -> str:
    return "{" + ", ".join(f"{name}: {scalar(text, flow=True)}" for name, text in entry.items()) + "}"
