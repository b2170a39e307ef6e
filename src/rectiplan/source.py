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

import bisect
import errno
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

# TEXT_KEYS: keys whose plain scalar values are text, whatever they look like (dates are text here too: the model
# parses them); TEXT_LIST_KEYS: keys whose list entries are text when they are scalars. Both come from the model.
from .discovery import leads_out
from .model import TEXT_KEYS, TEXT_LIST_KEYS
from .problems import Problem

# A real 100,000-item plan is about 90 MB; anything past this is refused before it is read.
MAX_FILE_BYTES = 256 * 1024 * 1024
# The plan format nests six levels deep; libyaml itself stops at 1,000.
MAX_DEPTH = 32
# The most places a value can start (see _refused_for_size): a 100,000-item plan has 3.7 million.
MAX_VALUE_MARKS = 5_000_000
_VALUE_MARKS = ("\n", ",", "[", "{", "-", ":", "?")
_VALUE_MARK_BYTES = tuple(mark.encode("ascii") for mark in _VALUE_MARKS)
# The most digits a plain whole number may have; 640 is the lowest int-to-text limit Python can be set to.
MAX_INT_DIGITS = 640

STR_TAG = "tag:yaml.org,2002:str"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"
# Marks a plain (unquoted, untagged) scalar, whose type is decided here from its key, not by a YAML 1.1 resolver.
PLAIN_TAG = "tag:rectiplan,2026:plain"
ALLOWED_TAGS = frozenset({STR_TAG, SEQ_TAG, MAP_TAG, PLAIN_TAG})

NULLS = frozenset({"", "~", "null", "Null", "NULL"})
BOOLEANS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
INT_RE = re.compile(r"[-+]?[0-9]+")  # decimal only: a plan's `id: 0x10` is a mistake, not 16
FLOAT_RE = r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"


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


# Line breaks as YAML 1.2 and editors count them; NEL, U+2028 and U+2029 are ordinary characters there.
_LINE_BREAK = re.compile("\r\n|\r|\n")
_ODD_BREAK = "[\x85\u2028\u2029]"


class _Aliased:
    """Stands in for a value reached through an alias: reported once, at the alias, and by nothing else."""

    def __repr__(self) -> str:
        return "<alias>"


ALIASED = _Aliased()


class LongNumber:
    """A plain whole number too long to be one (see MAX_INT_DIGITS): kept as its text, so that where the model
    needs a number it is reported as out of range, and nothing ever converts it."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"{self.text[:12]}…{self.text[-4:]} ({len(self.text.lstrip('+-'))} digits)"


@dataclass
class Document:
    """A plan file read as data. `data` is None when the file could not be read or parsed at all."""

    path: str
    data: Any = None
    root: Node | None = None
    problems: list[Problem] = field(default_factory=list)
    # Where a mapping used a merge key (`<<`): its "missing key" findings are the merge's doing, not news.
    merged_at: set[tuple[int, int]] = field(default_factory=set)
    # The exact bytes parsed: an edit is computed on these and written only if the file still holds them.
    raw: bytes = b""
    # The text exactly as it was parsed (without its byte order mark), so that excerpts, and later edits, show and
    # change the bytes that were validated, never a second reading of the path. None when the file was not read.
    text: str | None = None
    encoding: str | None = None  # "utf-8", "utf-16", or the guess for a file that is not UTF-8 ("gb18030")
    bom: bool = False
    newline: str = "\n"  # the file's first line break: "\n", "\r\n" or "\r"
    _odd_breaks: bool | None = field(default=None, repr=False)
    _line_starts: list[int] | None = field(default=None, repr=False)
    _keys_by_mapping: dict[int, dict[str, tuple[Node, Node]]] = field(default_factory=dict, repr=False)

    def problem(self, loc: Loc, code: str, *, at_key: bool = False, **params: Any) -> Problem:
        line, column = self.position(loc, at_key=at_key)
        return Problem(self.path, line, column, code, params, where=self.key_path(loc))

    def key_path(self, loc: Loc) -> str:
        """`items[id=7].done_on`: a place in the data named by the item's id, which stays when items are added,
        removed or moved above it (the index does not), else by its index (`items[3]`, `measures[0]`)."""
        parts: list[str] = []
        node = self.data
        for step in loc:
            if isinstance(step, int):
                entry = node[step] if isinstance(node, list) and 0 <= step < len(node) else None
                ident = entry.get("id") if isinstance(entry, dict) and parts == ["items"] else None
                named = isinstance(ident, (int, str)) and not isinstance(ident, bool)
                parts.append(f"[id={ident}]" if named else f"[{step}]")
                node = entry
            else:
                parts.append(f".{step}" if parts else str(step))
                node = node.get(step) if isinstance(node, dict) else None
        return "".join(parts)

    def locate(self, mark: Any) -> tuple[int, int]:
        """The 1-based `line, column` of a parser mark, as an editor shows it.

        YAML 1.2 and editors break lines only at LF, CR and CRLF; both parsers also break at NEL, U+2028 and
        U+2029 (YAML 1.1). Where the text holds one of those, the line is counted again from the mark's
        character index (both parsers count it in characters of the text they were given).
        """
        if self._odd_breaks is None:  # looked for once: a file has many marks
            self._odd_breaks = self.text is not None and re.search(_ODD_BREAK, self.text) is not None
        if not self._odd_breaks:
            return (mark.line + 1, mark.column + 1)
        return self.locate_index(mark.index)

    def locate_index(self, index: int) -> tuple[int, int]:
        """The 1-based `line, column` of a character index into `text`."""
        if self._line_starts is None:
            self._line_starts = [0] + [match.end() for match in _LINE_BREAK.finditer(self.text or "")]
        index = max(0, min(index, len(self.text or "")))
        line = bisect.bisect_right(self._line_starts, index)
        return (line, index - self._line_starts[line - 1] + 1)

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
                entry = self._keys_of(node).get(part) if isinstance(part, str) else None
                if entry is None:
                    break
                node = entry[0] if (last and at_key) else entry[1]
            elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
            else:
                break
        return self.locate(node.start_mark)

    def _keys_of(self, node: MappingNode) -> dict[str, tuple[Node, Node]]:
        """Each text key's first entry in a mapping, indexed once: a mapping of 50,000 unknown keys has 50,000
        problems to place, and scanning the mapping for each made validation quadratic."""
        index = self._keys_by_mapping.get(id(node))
        if index is None:
            index = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode):
                    index.setdefault(key_node.value, (key_node, value_node))
            self._keys_by_mapping[id(node)] = index
        return index

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


def read_document(path: Path, display: str | None = None, *, within: Path | None = None) -> Document:
    """Read and parse one plan file. Never raises for a bad file: every fault becomes a Problem.

    `within` is the folder a link may not lead out of: the folder the file was found in, or a link's own folder
    when the link was named directly (see discovery). A link that leads out of it, or to anything but a regular
    file, is refused unread. With `within` None the path is read wherever it leads, if it is a regular file.
    """
    shown = display if display is not None else str(path)

    def refused(code: str, **params: Any) -> Document:
        return Document(shown, problems=[Problem(shown, 0, 0, code, params)])

    target: str | Path = path
    nofollow = 0
    try:
        if within is not None:
            # strict: a link loop or a link to nothing fails here, as itself (ELOOP, ENOENT), not as "outside".
            real = os.path.realpath(path, strict=True)
            if leads_out(real, within):
                return refused("symlink-refused", why="outside", folder=os.path.dirname(shown) or ".")
            # The link was followed here, once: opening the target itself with O_NOFOLLOW means a link swapped in
            # after this check is refused by open(), not followed.
            target, nofollow = real, getattr(os, "O_NOFOLLOW", 0)
        # A FIFO would block an ordinary open() and /dev/zero never ends: only regular files are read. This first
        # look avoids even opening a device; the fstat below of what was really opened is the check that counts.
        mode = os.stat(target).st_mode
        if not stat.S_ISREG(mode):
            return _not_regular(refused, mode, linked=within is not None and os.path.islink(path))
        flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        descriptor = os.open(target, flags | nofollow)
        with open(descriptor, "rb") as handle:
            opened = os.fstat(handle.fileno())
            if not stat.S_ISREG(opened.st_mode):  # swapped for a FIFO or a device since the look above
                return _not_regular(refused, opened.st_mode, linked=False)
            if opened.st_size > MAX_FILE_BYTES:  # not read at all
                return refused("file-too-large", size=opened.st_size, limit=MAX_FILE_BYTES)
            # Read what fstat promised, and the rest only if it grew since (bounded): asking for the limit up front
            # would allocate a 256 MiB buffer for every file. /proc files say 0 and grow.
            raw = handle.read(opened.st_size + 1)
            if len(raw) > opened.st_size:
                raw += handle.read(MAX_FILE_BYTES + 1 - len(raw))
    except FileNotFoundError:
        return refused("file-not-found")
    except OSError as error:
        if error.errno == errno.ELOOP and nofollow:  # the checked target became a link after the check
            return refused("symlink-refused", why="outside", folder=os.path.dirname(shown) or ".")
        return refused("file-unreadable", reason=error.strerror or error.__class__.__name__)
    except (RuntimeError, ValueError) as error:  # a NUL in the name, a link loop in older pathlib
        return refused("file-unreadable", reason=str(error) or error.__class__.__name__)
    if len(raw) > MAX_FILE_BYTES:
        return refused("file-too-large", size=len(raw), limit=MAX_FILE_BYTES)
    return parse_document(raw, shown)


def _not_regular(refused: Any, mode: int, *, linked: bool) -> Document:
    if linked:
        return refused("symlink-refused", why="special", folder="")  # type: ignore[no-any-return]
    reason = "is a directory" if stat.S_ISDIR(mode) else "not a regular file"
    return refused("file-unreadable", reason=reason)  # type: ignore[no-any-return]


def parse_document(raw: bytes, path: str) -> Document:
    """Parse plan text given as bytes; `path` is how problems name the file."""
    doc = Document(path, raw=raw)
    source = _decoded(raw, doc)
    if source is None:
        return doc
    if not (doc.text or "").strip():
        doc.problems.append(Problem(path, 1, 1, "empty-file"))
        return doc
    problem = _refused_for_size(source, doc)
    if problem is not None:
        doc.problems.append(problem)
        return doc
    try:
        root = _compose(source)
    except yaml.MarkedYAMLError as error:
        # An unclosed quote or bracket is noticed far below it: point at where it opens, as a person would.
        opening = error.context in _OPENING_CONTEXTS and error.context_mark is not None
        mark = error.context_mark if opening else (error.problem_mark or error.context_mark)
        line, column = doc.locate(mark) if mark else (1, 1)
        detail = "; ".join(part for part in (error.context, error.problem) if part) or "invalid YAML"
        code = "too-deep" if "maximum nesting depth" in detail else "yaml-syntax"
        params: dict[str, Any] = {"detail": detail, "limit": 1000}
        culprit = _typing_slip(source, line) if code == "yaml-syntax" else None
        if culprit:
            # libyaml names what it expected, often a line late; the character a Chinese input method typed is
            # what the person must change, so the problem stands where that character is, and names it.
            line, column, params["found"], params["fixed"] = culprit
        doc.problems.append(Problem(path, line, column, code, params))
        return doc
    except yaml.reader.ReaderError as error:
        offset = error.position
        if LOADER is not PurePythonLoader:  # libyaml counts bytes of UTF-8, the pure-Python reader characters
            utf8 = source.encode("utf-8") if isinstance(source, str) else source
            offset = len(utf8[: max(0, offset)].decode("utf-8", errors="replace"))
        line, column = doc.locate_index(offset)
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
        _report_aliases(source, doc)
    return doc


# What a Chinese input method types where YAML needs ASCII, at the places it breaks the syntax: a full-width colon
# after a key (`title： x`), a full-width space (U+3000) in the indentation or after a key's colon, a tab in the
# indentation. Only ASCII keys count, so text such as `- 措施：内容` is never taken for a slip.
_KEY = r"^[ ]*(?:-[ ]+)?[A-Za-z_][A-Za-z0-9_]*"
_SLIPS = (
    ("fullwidth-colon", _KEY + r"[ ]*(：)"),
    ("ideographic-indent", r"^[ -]*(\u3000)"),
    ("ideographic-space", _KEY + r":(\u3000)"),
    ("tab", r"^[ -]*(\t)"),
)
_INDENT = r"[ \u3000-]*"
_YAML_LINE_BREAK = "\r\n|[\n\r\x85\u2028\u2029]"


def _typing_slip(source: str | bytes, error_line: int) -> tuple[int, int, str, str] | None:
    """The full-width colon, full-width space or indenting tab behind a syntax error on `error_line`: its line,
    column, kind, and the line as it should read (empty for a tab, whose width only the writer knows).

    libyaml notices such a slip on its own line or the next; a slip there is taken first, else the last one before.
    """
    text = source.decode("utf-8", errors="replace") if isinstance(source, bytes) else source
    if "：" not in text and "\u3000" not in text and "\t" not in text:
        return None
    found: list[tuple[int, int, str, str]] = []
    for number, line in enumerate(re.split(_YAML_LINE_BREAK, text)[:error_line], 1):
        for kind, pattern in _SLIPS:
            match = re.match(pattern, line)
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
        indent = re.match(_INDENT, line)
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
                line, column = doc.locate(mark)
                doc.problems.append(Problem(doc.path, line, column, "yaml-alias"))
    finally:
        loader.dispose()


def _decoded(raw: bytes, doc: Document) -> str | bytes | None:
    """What the parser should read, without a byte order mark: the bytes when they are UTF-8, else the decoded
    UTF-16, else None with a problem. `doc` keeps the text, its encoding, BOM and line-break style."""
    source: str | bytes | None = None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            source = raw.decode("utf-16").removeprefix("\ufeff")
            doc.text, doc.encoding, doc.bom = source, "utf-16", True
        except UnicodeDecodeError:
            pass
    if source is None and _utf16_without_bom(raw):
        # Notepad's "Unicode" without its byte order mark: to UTF-8 eyes the text is a NUL after every letter.
        text_start = 0 if raw[0] == 0 else 1
        doc.text = raw.decode("utf-8", errors="replace")
        params = {"guess": "UTF-16", "byte": 0, "codec": "UTF-16BE" if text_start == 0 else "UTF-16LE"}
        doc.problems.append(Problem(doc.path, 1, 1 + text_start, "encoding", params))
        return None
    if source is None:
        try:
            doc.text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            # utf-8-sig counts the error's offset after the byte order mark it removed; the position is in raw.
            bom_size = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
            start = error.start + bom_size
            try:
                doc.text, doc.encoding = raw.decode("gb18030"), "gb18030"
                guess: str | None = "GB18030"
            except UnicodeDecodeError:
                doc.text, guess = raw.decode("utf-8", errors="replace"), None
            before = raw[bom_size:start].decode("utf-8", errors="replace")
            line, column = _count_position(before)
            doc.problems.append(Problem(doc.path, line, column, "encoding", {"guess": guess, "byte": raw[start]}))
            return None
        doc.encoding, doc.bom = "utf-8", raw.startswith(b"\xef\xbb\xbf")
        source = raw[3:] if doc.bom else raw
    newline = _LINE_BREAK.search(doc.text or "")
    doc.newline = newline.group() if newline else "\n"
    return source


def _utf16_without_bom(raw: bytes) -> bool:
    """Whether the file starts as UTF-16 text of ASCII characters does, a NUL in every other byte (a plan starts
    with a key such as `title:`); valid UTF-8 text has no NUL there."""
    head = raw[:4]
    if len(head) < 4:
        return False
    little = head[1] == 0 and head[3] == 0 and head[0] != 0 and head[2] != 0
    big = head[0] == 0 and head[2] == 0 and head[1] != 0 and head[3] != 0
    return little or big


def _refused_for_size(source: str | bytes, doc: Document) -> Problem | None:
    """A problem when the file has more places where a value can start than any plan needs; None otherwise.

    Memory goes with the number of values, not with bytes: `x: [a,a,a,…]` spends two bytes on each value, which
    then costs about 300 bytes as a node and its data (150 times the file). Every YAML value starts at one of
    the bytes counted here (a line, `,`, `[`, `{`, `-`, `:`, `?`), and one of them starts at most two values, so
    this bounds the node count before any node is made. A real 100,000-item plan (90 MB) has 3.7 million.
    """
    if isinstance(source, str):
        marks = 1 + sum(source.count(mark) for mark in _VALUE_MARKS)
    else:
        marks = 1 + sum(source.count(mark) for mark in _VALUE_MARK_BYTES)
    if marks > MAX_VALUE_MARKS:
        return Problem(doc.path, 0, 0, "too-many-values", {"count": marks, "limit": MAX_VALUE_MARKS})
    return None


def _count_position(text: str) -> tuple[int, int]:
    """The 1-based `line, column` just after `text`, counting LF, CR and CRLF as line breaks."""
    starts = [match.end() for match in _LINE_BREAK.finditer(text)]
    line_start = starts[-1] if starts else 0
    return len(starts) + 1, len(text) - line_start + 1


class _Builder:
    """Turns a node tree into dicts, lists and scalars, reporting what the plan format does not allow."""

    def __init__(self, doc: Document, *, track_aliases: bool) -> None:
        self.doc = doc
        self.seen: set[int] | None = set() if track_aliases else None
        self.aliases_found = False

    def _report(self, node: Node, code: str, **params: Any) -> None:
        line, column = self.doc.locate(node.start_mark)
        self.doc.problems.append(Problem(self.doc.path, line, column, code, params))

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
        first_key_nodes: dict[str, Node] = {}  # to name the first line of a duplicate without a scan per key
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
                self.doc.merged_at.add(self.doc.locate(node.start_mark))
                if self.seen is None or id(value_node) not in self.seen:
                    self._report(key_node, "yaml-alias")  # a merge of a value written in place, no alias to blame
                else:
                    self.aliases_found = True
                continue
            if key in first_key_nodes:
                first_line, _ = self.doc.locate(first_key_nodes[key].start_mark)
                self._report(key_node, "duplicate-key", key=key, first_line=first_line)
                continue
            first_key_nodes[key] = key_node
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
        # Python refuses to convert more than 4,300 digits (and as few as 640 when so configured): with a traceback.
        return LongNumber(value) if len(value) > MAX_INT_DIGITS else int(value)
    if re.fullmatch(FLOAT_RE, value):
        lowered = value.lower()
        if lowered.endswith(".inf"):
            return float("-inf") if lowered.startswith("-") else float("inf")
        if lowered.endswith(".nan"):
            return float("nan")
        return float(value)
    return value
