"""Read a plan file into plain Python data, safely, keeping every value's position in the file.

YAML is composed into nodes (libyaml's C parser when present) and turned into data here rather than by a PyYAML
constructor, so that:
- no tag ever constructs an object, and aliases are refused instead of expanded;
- typing follows YAML 1.2: only `true`/`false` are booleans, and the plan's text fields keep their source text
  (`notes: no` is the text "no", `topic: 2021` the text "2021");
- duplicate keys are reported with both lines, where PyYAML keeps the last one silently;
- the node tree stays available to map any later finding back to `line:col`.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from .problems import Problem

# A real 100,000-item plan is about 90 MB; anything past this is refused before it is read.
MAX_FILE_BYTES = 256 * 1024 * 1024
# The plan format nests six levels deep; libyaml itself stops at 1,000.
MAX_DEPTH = 32

STR_TAG = "tag:yaml.org,2002:str"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"
# Marks a plain (unquoted, untagged) scalar, whose type is decided here from its key, not by a YAML 1.1 resolver.
PLAIN_TAG = "tag:rectiplan,2026:plain"
ALLOWED_TAGS = frozenset({STR_TAG, SEQ_TAG, MAP_TAG, PLAIN_TAG})

# Keys whose plain scalar values are text, whatever they look like (dates are text here too: the model parses them).
TEXT_KEYS = frozenset(
    {
        "title",
        "issuer",
        "timezone",
        "topic",
        "issue",
        "text",
        "leader",
        "owner",
        "status",
        "notes",
        "deadline",
        "done_on",
    }
)
# Keys whose list entries are text when they are scalars.
TEXT_LIST_KEYS = frozenset({"measures", "evidence", "divisions"})

NULLS = frozenset({"", "~", "null", "Null", "NULL"})
BOOLEANS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
INT_RE = re.compile(r"[-+]?[0-9]+")  # decimal only: a plan's `id: 0x10` is a mistake, not 16
FLOAT_RE = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")


class _Resolver(BaseResolver):
    """Resolves nothing implicitly: plain scalars are tagged PLAIN_TAG and typed later, by key."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            return PLAIN_TAG if implicit[0] else STR_TAG
        return SEQ_TAG if kind is SequenceNode else MAP_TAG


class PurePythonLoader(Reader, Scanner, Parser, Composer, _Resolver):
    """PyYAML's own parser, for where PyYAML was built without libyaml (and for the tests of that case)."""

    def __init__(self, stream: str | bytes) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _Resolver.__init__(self)


LOADER: type = PurePythonLoader
if getattr(yaml, "__with_libyaml__", False):
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _CLoader(CParser, _Resolver):
        """libyaml's parser and composer, several times faster."""

        def __init__(self, stream: str | bytes) -> None:
            CParser.__init__(self, stream)
            _Resolver.__init__(self)

    LOADER = _CLoader


Loc = tuple[str | int, ...]

# Errors libyaml notices only where the construct should have ended; the construct's start is the place to show.
_OPENING_CONTEXTS = frozenset(
    {
        "while scanning a quoted scalar",
        "while scanning a simple key",
        "while parsing a flow sequence",
        "while parsing a flow mapping",
    }
)


class _Aliased:
    """Stands in for a value reached through an alias: reported once, at the alias, and by nothing else."""

    def __repr__(self) -> str:
        return "<alias>"


ALIASED = _Aliased()


@dataclass
class Document:
    """A plan file read as data. `data` is None when the file could not be read or parsed at all."""

    path: str
    data: Any = None
    root: Node | None = None
    problems: list[Problem] = field(default_factory=list)
    # Where a mapping used a merge key (`<<`): its "missing key" findings are the merge's doing, not news.
    merged_at: set[tuple[int, int]] = field(default_factory=set)

    def problem(self, loc: Loc, code: str, *, at_key: bool = False, **params: Any) -> Problem:
        line, column = self.position(loc, at_key=at_key)
        return Problem(self.path, line, column, code, params)

    def position(self, loc: Loc, *, at_key: bool = False) -> tuple[int, int]:
        """The 1-based `line, column` of the value at `loc`, or of its longest prefix that exists.

        With `at_key`, a mapping entry's position is that of its key (for "unknown key" and the like).
        """
        node = self.root
        if node is None:
            return (1, 1)
        for depth, part in enumerate(loc):
            last = depth == len(loc) - 1
            if isinstance(node, MappingNode):
                for key_node, value_node in node.value:
                    if isinstance(key_node, ScalarNode) and key_node.value == part:
                        node = key_node if (last and at_key) else value_node
                        break
                else:
                    break
            elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
            else:
                break
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def scalar_at(self, loc: Loc) -> ScalarNode | None:
        """The scalar node at exactly `loc`, for a position inside its text; None when there is none."""
        node = self.root
        for part in loc:
            if isinstance(node, MappingNode):
                node = next(
                    (value for key, value in node.value if isinstance(key, ScalarNode) and key.value == part), None
                )
            elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
            else:
                return None
        return node if isinstance(node, ScalarNode) else None


def read_document(path: Path, display: str | None = None) -> Document:
    """Read and parse one plan file. Never raises for a bad file: every fault becomes a Problem."""
    shown = display if display is not None else str(path)

    def refused(code: str, **params: Any) -> Document:
        return Document(shown, problems=[Problem(shown, 0, 0, code, params)])

    try:
        # A FIFO would block the open() itself and /dev/zero never ends: only regular files are read.
        before = os.stat(path)
        if not stat.S_ISREG(before.st_mode):
            return refused(
                "file-unreadable", reason="is a directory" if stat.S_ISDIR(before.st_mode) else "not a regular file"
            )
        with open(path, "rb") as handle:
            # Bounded even if the file grew after the stat; a file already too large is not read at all.
            raw = handle.read(MAX_FILE_BYTES + 1) if before.st_size <= MAX_FILE_BYTES else b""
    except FileNotFoundError:
        return refused("file-not-found")
    except OSError as error:
        return refused("file-unreadable", reason=error.strerror or error.__class__.__name__)
    size = max(before.st_size, len(raw))
    if size > MAX_FILE_BYTES:
        return refused("file-too-large", size=size, limit=MAX_FILE_BYTES)
    return parse_document(raw, shown)


def parse_document(raw: bytes, path: str) -> Document:
    """Parse plan text given as bytes; `path` is how problems name the file."""
    doc = Document(path)
    text_or_bytes = _decoded(raw, doc)
    if text_or_bytes is None:
        return doc
    if not (text_or_bytes.strip() if isinstance(text_or_bytes, str) else raw.strip()):
        doc.problems.append(Problem(path, 1, 1, "empty-file"))
        return doc
    try:
        root = _compose(text_or_bytes)
    except yaml.MarkedYAMLError as error:
        # An unclosed quote or bracket is noticed far below it: point at where it opens, as a person would.
        opening = error.context in _OPENING_CONTEXTS and error.context_mark is not None
        mark = error.context_mark if opening else (error.problem_mark or error.context_mark)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = "; ".join(part for part in (error.context, error.problem) if part) or "invalid YAML"
        code = "too-deep" if "maximum nesting depth" in detail else "yaml-syntax"
        params: dict[str, Any] = {"detail": detail, "limit": 1000}
        culprit = _typing_slip(text_or_bytes, line) if code == "yaml-syntax" else None
        if culprit:
            # libyaml names what it expected, often a line late; the character a Chinese input method typed is
            # what the person must change, so the problem stands where that character is, and names it.
            line, column, params["found"], params["fixed"] = culprit
        doc.problems.append(Problem(path, line, column, code, params))
        return doc
    except yaml.reader.ReaderError as error:
        utf8 = text_or_bytes.encode("utf-8") if isinstance(text_or_bytes, str) else text_or_bytes
        offset = error.position
        if LOADER is PurePythonLoader:  # it counts characters of the decoded text, libyaml bytes of UTF-8
            offset = len(utf8.decode("utf-8")[:offset].encode("utf-8"))
        line, column = _line_col_at_byte(utf8, offset)
        doc.problems.append(Problem(path, line, column, "yaml-syntax", {"detail": error.reason}))
        return doc
    except RecursionError:  # only the pure-Python composer recurses; libyaml stops at its own limit
        doc.problems.append(Problem(path, 1, 1, "too-deep", {"limit": MAX_DEPTH}))
        return doc
    if root is None:
        doc.problems.append(Problem(path, 1, 1, "empty-file"))
        return doc
    doc.root = root
    # An alias needs a `*` somewhere in the file; without one, the identity bookkeeping is skipped.
    builder = _Builder(doc, track_aliases=b"*" in raw)
    doc.data = builder.build(root, text=False, depth=0)
    if builder.aliases_found:
        _report_aliases(text_or_bytes, doc)
    return doc


# What a Chinese input method types where YAML needs ASCII, at the places it breaks the syntax: a full-width colon
# after a key (`title： x`), a full-width space (U+3000) in the indentation or after a key's colon, a tab in the
# indentation. Only ASCII keys count, so text such as `- 措施：内容` is never taken for a slip.
_KEY = r"^[ ]*(?:-[ ]+)?[A-Za-z_][A-Za-z0-9_]*"
_SLIPS = (
    ("fullwidth-colon", re.compile(_KEY + r"[ ]*(：)")),
    ("ideographic-indent", re.compile(r"^[ -]*(\u3000)")),
    ("ideographic-space", re.compile(_KEY + r":(\u3000)")),
    ("tab", re.compile(r"^[ -]*(\t)")),
)
_INDENT = re.compile(r"[ \u3000-]*")
_YAML_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def _typing_slip(source: str | bytes, error_line: int) -> tuple[int, int, str, str] | None:
    """The full-width colon, full-width space or indenting tab behind a syntax error on `error_line`: its line,
    column, kind, and the line as it should read (empty for a tab, whose width only the writer knows).

    libyaml notices such a slip on its own line or the next; a slip there is taken first, else the last one before.
    """
    text = source.decode("utf-8", errors="replace") if isinstance(source, bytes) else source
    if "：" not in text and "\u3000" not in text and "\t" not in text:
        return None
    found: list[tuple[int, int, str, str]] = []
    for number, line in enumerate(_YAML_LINE_BREAK.split(text)[:error_line], 1):
        for kind, pattern in _SLIPS:
            match = pattern.match(line)
            if match is not None:
                found.append((number, match.start(1) + 1, kind, _fixed(line, kind, match.start(1))))
                break
    near = [slip for slip in found if slip[0] >= error_line - 1]
    return near[0] if near else (found[-1] if found else None)


def _fixed(line: str, kind: str, start: int) -> str:
    if kind == "fullwidth-colon":
        return (line[:start].rstrip(" ") + ": " + line[start + 1 :].lstrip(" \u3000")).rstrip()
    if kind == "ideographic-space":
        return (line[:start] + " " + line[start + 1 :]).rstrip()
    if kind == "ideographic-indent":
        # U+3000 shows two columns wide: two spaces keep the line where the writer saw it.
        indent = _INDENT.match(line)
        written = indent.group() if indent else ""
        # After a list's dash, one space is what YAML wants; a wider one would move the item's keys.
        lead = re.sub("(?<=-)\u3000", " ", written).replace("\u3000", "  ")
        return (lead + line[len(written) :]).rstrip()
    return ""


def _compose(source: str | bytes) -> Node | None:
    loader = LOADER(source)  # the pure-Python reader already checks the first characters here
    try:
        return loader.get_single_node()  # type: ignore[no-any-return]
    finally:
        loader.dispose()


def _report_aliases(source: str | bytes, doc: Document) -> None:
    """One problem at each `*name`: the node tree only knows where the anchored value stands, so read the events."""
    loader = LOADER(source)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, AliasEvent) and event.start_mark is not None:
                mark = event.start_mark
                doc.problems.append(Problem(doc.path, mark.line + 1, mark.column + 1, "yaml-alias"))
    finally:
        loader.dispose()


def _decoded(raw: bytes, doc: Document) -> str | bytes | None:
    """The text libyaml should read: the bytes when they are UTF-8, else decoded UTF-16, else None with a problem."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        column = len(raw[line_start : error.start].decode("utf-8", errors="replace")) + 1
        try:
            raw.decode("gb18030")
            guess: str | None = "GB18030"
        except UnicodeDecodeError:
            guess = None
        doc.problems.append(Problem(doc.path, line, column, "encoding", {"guess": guess, "byte": raw[error.start]}))
        return None
    return raw


def _line_col_at_byte(utf8: bytes, offset: int) -> tuple[int, int]:
    """libyaml counts its reader's position in bytes of UTF-8; a column is counted in characters."""
    offset = max(0, min(offset, len(utf8)))
    line_start = utf8.rfind(b"\n", 0, offset) + 1
    column = len(utf8[line_start:offset].decode("utf-8", errors="replace")) + 1
    return utf8.count(b"\n", 0, offset) + 1, column


class _Builder:
    """Turns a node tree into dicts, lists and scalars, reporting what the plan format does not allow."""

    def __init__(self, doc: Document, *, track_aliases: bool) -> None:
        self.doc = doc
        self.seen: set[int] | None = set() if track_aliases else None
        self.aliases_found = False

    def _report(self, node: Node, code: str, **params: Any) -> None:
        self.doc.problems.append(
            Problem(self.doc.path, node.start_mark.line + 1, node.start_mark.column + 1, code, params)
        )

    def build(self, node: Node, *, text: bool, depth: int) -> Any:
        if self.seen is not None:
            if id(node) in self.seen:
                self.aliases_found = True
                return ALIASED
            self.seen.add(id(node))
        tag = node.tag
        if tag not in ALLOWED_TAGS:
            self._report(node, "yaml-tag", tag=_short_tag(tag))
            return None
        if isinstance(node, ScalarNode):
            value: str = node.value
            if tag != PLAIN_TAG:
                return value
            return _plain_text(value) if text else _plain_scalar(value)
        if depth >= MAX_DEPTH:
            self._report(node, "too-deep", limit=MAX_DEPTH)
            return None
        if isinstance(node, SequenceNode):
            return [self.build(child, text=text, depth=depth + 1) for child in node.value]
        assert isinstance(node, MappingNode)
        return self._mapping(node, depth)

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if self.seen is not None:
                if id(key_node) in self.seen:
                    self.aliases_found = True
                    continue
                self.seen.add(id(key_node))
            if not isinstance(key_node, ScalarNode):
                self._report(key_node, "wrong-type", expected="text", got="key")
                continue
            if key_node.tag not in ALLOWED_TAGS:
                self._report(key_node, "yaml-tag", tag=_short_tag(key_node.tag))
                continue
            key = key_node.value
            if key == "<<" and key_node.tag == PLAIN_TAG:
                self.doc.merged_at.add((node.start_mark.line + 1, node.start_mark.column + 1))
                if self.seen is None or id(value_node) not in self.seen:
                    self._report(key_node, "yaml-alias")  # a merge of a value written in place, no alias to blame
                else:
                    self.aliases_found = True
                continue
            if key in result:
                first = next(k for k, _ in node.value if isinstance(k, ScalarNode) and k.value == key)
                self._report(key_node, "duplicate-key", key=key, first_line=first.start_mark.line + 1)
                continue
            result[key] = self.build(value_node, text=key in TEXT_KEYS or key in TEXT_LIST_KEYS, depth=depth + 1)
        return result


def _short_tag(tag: str) -> str:
    """`!!binary` as the user wrote it, not `tag:yaml.org,2002:binary`."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _plain_text(value: str) -> str | None:
    return None if value in NULLS else value


def _plain_scalar(value: str) -> Any:
    """YAML 1.2 core schema typing for a plain scalar outside the text fields."""
    if value in NULLS:
        return None
    if value in BOOLEANS:
        return BOOLEANS[value]
    if INT_RE.fullmatch(value):
        return int(value)
    if FLOAT_RE.fullmatch(value):
        lowered = value.lower()
        if lowered.endswith(".inf"):
            return float("-inf") if lowered.startswith("-") else float("inf")
        if lowered.endswith(".nan"):
            return float("nan")
        return float(value)
    return value
