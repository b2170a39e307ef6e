"""Text laid out for a terminal: Chinese line breaking, boxed tables and styled lines, measured in terminal cells.

Rich folds text at any character, so lines began with `，` and numbers broke as `202|0`. Here text breaks by the
Chinese rules (kinsoku: no line starts with closing punctuation, none ends with opening punctuation) and keeps
runs of Latin letters and digits whole unless a run is longer than the line. Every character of the text is kept
at every width: a character wider than the line gets a line of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from rich.cells import cell_len, get_character_cell_size

# No line may start with these (closing brackets and quotes, pause and stop marks) ...
CLOSING = frozenset("，。、；：？！）」』】〕》〉〗〙〛”’…‥·・％,.;:?!)]}%»›")
# ... nor end with these (opening brackets and quotes).
OPENING = frozenset("（「『【〔《〈〖〘〚“‘([{«‹")
_ALNUM = "A-Za-z0-9\u00c0-\u024f\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
# A word or number (joined inside by . - / ' _ as in 8-9, 2021-10-31, 3.5, e-mail), a run of spaces, or one
# character: the units between which a line may break.
_UNIT = re.compile(f"[{_ALNUM}]+(?:[.\\-/'_][{_ALNUM}]+)*| +|.", re.DOTALL)
# What joins characters into one symbol on screen: combining marks, variation selectors (❤️), the keycap mark
# (1️⃣) and skin tones join the character before them, the zero-width joiner of emoji sequences (👨‍👩‍👧) the ones on
# both sides. A line never breaks inside a symbol. (A set, not a pattern: a class beyond Latin-1 costs a
# millisecond to compile on every run that draws a table.)
_JOINING = frozenset(
    chr(code)
    for first, last in ((0x300, 0x36F), (0x1AB0, 0x1AFF), (0x20D0, 0x20FF), (0xFE00, 0xFE0F), (0x1F3FB, 0x1F3FF))
    for code in range(first, last + 1)
)
_ZWJ = "\u200d"
# Characters that make a sequence wider or narrower than its characters one by one: measured whole by Rich.
_SEQUENCE_MARKS = frozenset("\u200d\ufe0f\u20e3\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff")


# The widest output laid out, whatever COLUMNS or the terminal says: a table is built line by line at its width, so
# COLUMNS=99999999999 would ask for lines of 100 GB. No screen is 1,000 columns wide; wider output only pads.
MAX_WIDTH = 1000


def usable_width(width: int) -> int:
    """`width` (a console's, from COLUMNS or the terminal) within 1..MAX_WIDTH; 0 or less says nothing about the
    terminal (`COLUMNS=0`, a pty of size 0) and means the usual 80, as for a terminal of unknown size."""
    return 80 if width <= 0 else min(width, MAX_WIDTH)


class _CellWidths(dict[str, int]):
    """Terminal cells of each character, as rich.cells counts them, looked up once per character."""

    def __missing__(self, char: str) -> int:
        size = get_character_cell_size(char)
        if len(self) < _WIDTHS_KEPT:
            self[char] = size
        return size


# A plan's text uses a few thousand characters; the cap keeps a file of every code point from growing the table.
_WIDTHS_KEPT = 65536
_WIDTHS = _CellWidths()


def text_width(text: str) -> int:
    """Terminal cells of `text`, as rich.cells.cell_len counts them, but cheaper for the many strings of a long
    table: each character's width is a dictionary look-up in C (`map`), the first sight of one asks rich. Patterns
    of the wide and narrow ranges did the same work but cost 15 ms to compile on every run that drew a table."""
    if text.isascii():
        return len(text)
    if not _SEQUENCE_MARKS.isdisjoint(text):
        return cell_len(text)  # emoji sequences: Rich reads them as graphemes
    return sum(map(_WIDTHS.__getitem__, text))


# An atom: (text that may not be broken, its width, the spaces before it). The text is a unit with the closing
# marks after it and the opening marks before it glued on; the spaces are a break opportunity, dropped at a break.
_Atom = tuple[str, int, str]


def _units(text: str) -> list[str]:
    """`_UNIT`s of `text`, a symbol made of several characters (see `_JOINING`) kept in one unit."""
    units: list[str] = _UNIT.findall(text)
    return units if _JOINING.isdisjoint(text) and _ZWJ not in text else _joined(units)


def _joined(pieces: Iterable[str]) -> list[str]:
    """`pieces` (units, or single characters) with each joining character, and what a zero-width joiner joins, put
    with the piece before it: the symbols on screen, in order."""
    joined: list[str] = []
    glue = False
    for piece in pieces:
        if joined and (glue or piece[0] in _JOINING or piece == _ZWJ):
            joined[-1] += piece
        else:
            joined.append(piece)
        glue = piece[-1] == _ZWJ
    return joined


def _atoms(line: str) -> list[_Atom]:
    atoms: list[_Atom] = []
    opening = pending_space = space = ""
    for unit in _units(line):
        if unit[0] == " ":
            space += unit
        elif unit in CLOSING and (atoms or opening):
            if opening:
                opening += space + unit
            else:
                text, size, before = atoms[-1]
                atoms[-1] = (text + space + unit, size + len(space) + text_width(unit), before)
            space = ""
        elif unit in OPENING:
            if opening:
                opening += space + unit
            else:
                opening, pending_space = unit, space
            space = ""
        else:
            if opening:
                glued = opening + space + unit
                atoms.append((glued, text_width(glued), pending_space))
                opening = ""
            else:
                known = _WIDTHS.get(unit) if len(unit) == 1 else None  # most units are one Chinese character
                atoms.append((unit, text_width(unit) if known is None else known, space))
            space = ""
    if opening:
        atoms.append((opening, text_width(opening), pending_space))
    if space:
        atoms.append(("", 0, space))
    return atoms


def wrap(text: str, width: int) -> list[str]:
    """The lines of `text` at most `width` cells wide (a wider character alone on its line); newlines kept."""
    return [line for line, _ in wrap_measured(text, width)]


def wrap_measured(text: str, width: int) -> list[tuple[str, int]]:
    """wrap(), each line with its width in cells."""
    width = max(width, 1)
    lines: list[tuple[str, int]] = []
    for hard_line in text.replace("\t", " ").split("\n"):
        total = text_width(hard_line)
        if total <= width:
            lines.append((hard_line, total))
            continue
        current, used = "", 0
        first = len(lines)
        for index, (atom, size, space) in enumerate(_atoms(hard_line)):
            if not current and index:
                space = ""
            if used + len(space) + size <= width:
                current += space + atom
                used += len(space) + size
                continue
            if current:
                lines.append((current, used))
                current, used = "", 0
            if size <= width:
                current, used = atom, size
                continue
            # Longer than the line: a long word, or a glued group. Break it by symbol, as little as possible.
            for char in _joined(atom):
                char_size = text_width(char)
                if current and used + char_size > width:
                    lines.append((current, used))
                    current, used = "", 0
                current += char
                used += char_size
        # Spaces at the end of a broken line are the break itself: no empty line after it.
        if current or len(lines) == first:
            lines.append((current, used))
    return lines


# --- styled lines ----------------------------------------------------------------------------------------------

Fragment = tuple[str, str]  # text and a Rich style ("" for none)
Line = list[Fragment]


def wrap_styled(fragments: Sequence[Fragment], width: int) -> list[Line]:
    """Wrap text made of differently styled fragments as one text, and keep each character's style."""
    text = "".join(part for part, _ in fragments)
    styles: list[str] = []
    for part, style in fragments:
        styles += [style] * len(part)
    result: list[Line] = []
    position = 0
    for line in wrap(text, width):
        start = text.find(line, position) if line else position
        if start < 0:  # cannot happen (lines are substrings in order); never lose text over it
            result.append([(line, "")])
            continue
        position = start + len(line)
        if position < len(text) and text[position] == "\n":
            position += 1
        result.append(_runs(line, styles[start:position]))
    return result


def _runs(line: str, styles: Sequence[str]) -> Line:
    runs: Line = []
    for char, style in zip(line, styles):
        if runs and runs[-1][1] == style:
            runs[-1] = (runs[-1][0] + char, style)
        else:
            runs.append((char, style))
    return runs or [("", "")]


def line_width(line: Line) -> int:
    return sum(text_width(part) for part, _ in line)


# --- boxed tables --------------------------------------------------------------------------------------------------


@dataclass
class Column:
    header: str
    wraps: bool = True  # False: the column is as wide as its widest line and never wraps
    justify: str = "left"
    max_width: int | None = None  # the most a wrapping column asks for
    min_width: int = 4  # the least a wrapping column is given (less if its text is narrower)


# A cell: paragraphs, each with its style; each paragraph starts on a new line.
Cell = list[Fragment]

BOX = "┌─┬┐│├┼┤└┴┘"
ASCII_BOX = "+-++|+++++" + "+"


def column_widths(
    columns: Sequence[Column], rows: Sequence[Sequence[Cell]], width: int, *, gap: int | None = None
) -> list[int] | None:
    """How wide each column is so that the table fills `width`; None when even the least widths do not fit.
    `gap`: the cells between two columns of an open table (OPEN_GAP); without it, a boxed table's borders.

    Non-wrapping columns get their widest line; wrapping ones at least min(min_width, their widest line), then
    up to their widest line (capped at max_width) in order, and the first column without a cap takes the rest.
    """
    widest = [max((text_width(line) for line in col.header.split("\n")), default=0) for col in columns]
    for row in rows:
        for index, cell in enumerate(row):
            for text, _ in cell:
                for line in text.split("\n"):
                    size = text_width(line)
                    widest[index] = max(widest[index], size)
    available = width - (3 * len(columns) + 1 if gap is None else gap * (len(columns) - 1))
    least = [
        widest[i] if not col.wraps else min(widest[i], max(col.min_width, _longest_header_word(col.header)))
        for i, col in enumerate(columns)
    ]
    spare = available - sum(least)
    if spare < 0:
        return None
    widths = list(least)
    elastic = next((i for i, col in enumerate(columns) if col.wraps and col.max_width is None), None)
    for i, col in enumerate(columns):
        if col.wraps and i != elastic:
            wanted = min(widest[i], col.max_width or widest[i])
            grow = min(max(wanted - widths[i], 0), spare)
            widths[i] += grow
            spare -= grow
    if elastic is not None:
        widths[elastic] += spare
    return widths


def _longest_header_word(header: str) -> int:
    return max((text_width(word) for word in header.replace("\n", " ").split(" ")), default=0)


def table_lines(
    columns: Sequence[Column], rows: Iterable[Sequence[Cell]], widths: Sequence[int], *, box: str = BOX
) -> Iterable[Line]:
    """The table's lines, row by row (a generator: 10,000 rows are never all held as lines at once)."""
    (
        top,
        horizontal,
        top_joint,
        top_right,
        vertical,
        left_joint,
        cross,
        right_joint,
        bottom_left,
        bottom_joint,
        bottom_right,
    ) = list(box)

    def rule(left: str, joint: str, right: str) -> Line:
        return [(left + joint.join(horizontal * (w + 2) for w in widths) + right, "")]

    yield rule(top, top_joint, top_right)
    header = [[(col.header, "bold")] for col in columns]
    yield from _row_lines(columns, header, widths, vertical)
    for row in rows:
        yield rule(left_joint, cross, right_joint)
        yield from _row_lines(columns, row, widths, vertical)
    yield rule(bottom_left, bottom_joint, bottom_right)


def _row_lines(columns: Sequence[Column], row: Sequence[Cell], widths: Sequence[int], vertical: str) -> list[Line]:
    cells: list[list[tuple[str, int, str]]] = []
    for col, cell, width in zip(columns, row, widths):
        lines: list[tuple[str, int, str]] = []
        for text, style in cell:
            measured = wrap_measured(text, width) if col.wraps else [(t, text_width(t)) for t in text.split("\n")]
            lines += [(line, size, style) for line, size in measured]
        cells.append(lines)
    height = max(len(lines) for lines in cells)
    out: list[Line] = []
    blank = ("", 0, "")
    for number in range(height):
        line: Line = [(vertical, "")]
        for col, lines, width in zip(columns, cells, widths):
            content, size, style = lines[number] if number < len(lines) else blank
            pad = " " * max(width - size, 0)
            if col.justify == "right":
                line += [(" " + pad, ""), (content, style), (" " + vertical, "")]
            else:
                line += [(" ", ""), (content, style), (pad + " " + vertical, "")]
        out.append(line)
    return out


# The cells between two columns of an open table.
OPEN_GAP = 2


def open_table_lines(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[int],
    *,
    rule: str = "─",
    total_row: bool = False,
) -> list[Line]:
    """A table without vertical rules, for a few short columns of figures: the header, a rule, the rows, and a
    rule above the last row when it is a total. Columns are OPEN_GAP spaces apart; no line ends in spaces."""
    full = sum(widths) + OPEN_GAP * (len(widths) - 1)
    ruled: Line = [(rule * full, "")]
    # Headings of two lines and of one stand on the same baseline, just above the rule.
    height = max(col.header.count("\n") for col in columns)
    headers = [[("\n" * (height - col.header.count("\n")) + col.header, "bold")] for col in columns]
    lines = _open_row_lines(columns, headers, widths)
    lines.append(ruled)
    for index, row in enumerate(rows):
        if total_row and index == len(rows) - 1 and index:
            lines.append(ruled)
        lines += _open_row_lines(columns, row, widths)
    return lines


def _open_row_lines(columns: Sequence[Column], row: Sequence[Cell], widths: Sequence[int]) -> list[Line]:
    # A boxed row without its rules: cells padded by a space either side, so two spaces between columns.
    return [rstrip_line(_trim_left(line)) for line in _row_lines(columns, row, widths, "")]


def _trim_left(line: Line) -> Line:
    parts = [(part, style) for part, style in line if part]
    if parts and parts[0][0].startswith(" "):
        parts[0] = (parts[0][0][1:], parts[0][1])
    return parts


def without_workflow_command(line: Line) -> Line:
    """The line as a CI runner may read it without acting on it (messages.no_workflow_command): every plan text in
    it went through `printable`, but wrapping starts lines inside a text ("… ::error::…" cut at the blank), and the
    cells of a row stand side by side. The replacement keeps each character's place, so the styles stay put."""
    from ..messages import no_workflow_command

    joined = "".join(part for part, _ in line)
    safe = no_workflow_command(joined)
    if safe == joined:
        return line
    fixed: Line = []
    start = 0
    for part, style in line:
        fixed.append((safe[start : start + len(part)], style))
        start += len(part)
    return fixed


def rstrip_line(line: Line) -> Line:
    """The line without the spaces it ends in (padding of the last column, or of a right-hand label)."""
    parts = list(line)
    while parts and parts[-1][0].rstrip(" ") == "":
        parts.pop()
    if parts:
        part, style = parts[-1]
        parts[-1] = (part.rstrip(" "), style)
    return parts or [("", "")]


def piece_lines(pieces: Sequence[Sequence[Fragment]], width: int, separator: str = " · ") -> list[Line]:
    """Short pieces ("已完成 0") on as few lines as fit `width`, `separator` between two on a line; a piece is only
    broken when it is wider than a line by itself."""
    lines: list[Line] = []
    current: Line = []
    used = 0
    for piece in pieces:
        size = sum(text_width(part) for part, _ in piece)
        if current and used + text_width(separator) + size <= width:
            current += [(separator, ""), *piece]
            used += text_width(separator) + size
            continue
        if current:
            lines.append(current)
            current, used = [], 0
        if size <= width:
            current, used = list(piece), size
        else:
            lines += wrap_styled(piece, width)
    if current:
        lines.append(current)
    return lines


# --- writing -------------------------------------------------------------------------------------------------------


class LineWriter:
    """Writes lines to the output: plain text when no terminal codes are wanted (a pipe, NO_COLOR), else through
    Rich in chunks, so that styles become the terminal's codes."""

    def __init__(self, console: Any, stream: TextIO) -> None:
        self.console = console
        self.stream = stream
        self.styled = bool(console.is_terminal and console.color_system is not None)
        self._pending: list[Line] = []

    def write(self, lines: Iterable[Line]) -> None:
        for line in lines:
            # No line for people ends in spaces, on a terminal or not (padding of a table's last column).
            self._pending.append(without_workflow_command(rstrip_line(line)))
            if len(self._pending) >= 2000:
                self.flush()

    def flush(self) -> None:
        if not self._pending:
            return
        if self.styled:
            from rich.text import Text

            block = Text()
            for index, line in enumerate(self._pending):
                if index:
                    block.append("\n")
                for part, style in line:
                    block.append(part, style or None)
            self.console.print(block, soft_wrap=True, crop=False, overflow="ignore", no_wrap=True)
        else:
            self.stream.write("".join("".join(part for part, _ in line) + "\n" for line in self._pending))
        self._pending = []


def box_for(stream: TextIO) -> str:
    """Box-drawing characters (and the ┄ rule of the narrower table) when the output encoding has them, else + - |."""
    try:
        (BOX + "┄").encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return ASCII_BOX
    return BOX
