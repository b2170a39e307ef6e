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
_UNIT = re.compile(f"[{_ALNUM}]+(?:[.\\-/'_][{_ALNUM}]+)*| +|.", re.S)


@dataclass
class _Atom:
    text: str  # what may not be broken: a unit with the closing marks after it and the opening marks before it
    width: int
    space: str  # the spaces before it: a break opportunity, dropped when the line breaks there


def _atoms(line: str) -> list[_Atom]:
    atoms: list[_Atom] = []
    opening = ""
    space = ""
    for unit in _UNIT.findall(line):
        if unit[0] == " ":
            space += unit
        elif unit in CLOSING and (atoms or opening):
            if opening:
                opening += space + unit
            else:
                atoms[-1].text += space + unit
                atoms[-1].width += cell_len(space + unit)
            space = ""
        elif unit in OPENING:
            if opening:
                opening += space + unit
            else:
                opening, pending_space = unit, space
                space = ""
                continue
            space = ""
        else:
            if opening:
                atoms.append(_Atom(opening + space + unit, cell_len(opening + space + unit), pending_space))
                opening = ""
            else:
                atoms.append(_Atom(unit, cell_len(unit), space))
            space = ""
    if opening:
        atoms.append(_Atom(opening, cell_len(opening), pending_space))
    if space:
        atoms.append(_Atom("", 0, space))
    return atoms


def wrap(text: str, width: int) -> list[str]:
    """The lines of `text` at most `width` cells wide (a wider character alone on its line); newlines kept."""
    width = max(width, 1)
    lines: list[str] = []
    for hard_line in text.replace("\t", " ").split("\n"):
        if cell_len(hard_line) <= width:
            lines.append(hard_line)
            continue
        current, used = "", 0
        for index, atom in enumerate(_atoms(hard_line)):
            space = atom.space if (current or index == 0) else ""
            if used + cell_len(space) + atom.width <= width:
                current += space + atom.text
                used += cell_len(space) + atom.width
                continue
            if current:
                lines.append(current)
                current, used = "", 0
            if atom.width <= width:
                current, used = atom.text, atom.width
                continue
            # Longer than the line: a long word, or a glued group. Break it by character, as little as possible.
            for char in atom.text:
                size = get_character_cell_size(char)
                if current and used + size > width:
                    lines.append(current)
                    current, used = "", 0
                current += char
                used += size
        lines.append(current)
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
    return sum(cell_len(part) for part, _ in line)


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


def column_widths(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], width: int) -> list[int] | None:
    """How wide each column is so that the table fills `width`; None when even the least widths do not fit.

    Non-wrapping columns get their widest line; wrapping ones at least min(min_width, their widest line), then
    up to their widest line (capped at max_width) in order, and the first column without a cap takes the rest.
    """
    widest = [max((cell_len(line) for line in col.header.split("\n")), default=0) for col in columns]
    for row in rows:
        for index, cell in enumerate(row):
            for text, _ in cell:
                for line in text.split("\n"):
                    size = cell_len(line)
                    if size > widest[index]:
                        widest[index] = size
    available = width - (3 * len(columns) + 1)
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
    return max((cell_len(word) for word in header.replace("\n", " ").split(" ")), default=0)


def table_lines(
    columns: Sequence[Column], rows: Iterable[Sequence[Cell]], widths: Sequence[int], *, box: str = BOX
) -> Iterable[Line]:
    """The table's lines, row by row (a generator: 10,000 rows are never all held as lines at once)."""
    top, horizontal, top_joint, top_right, vertical, left_joint, cross, right_joint, bottom_left, bottom_joint = (
        box[:10]
    )
    bottom_right = box[10]

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
    cells: list[list[Line]] = []
    for col, cell, width in zip(columns, row, widths):
        lines: list[Line] = []
        for text, style in cell:
            lines += [[(line, style)] for line in (wrap(text, width) if col.wraps else text.split("\n"))]
        cells.append(lines)
    height = max(len(lines) for lines in cells)
    out: list[Line] = []
    for number in range(height):
        line: Line = [(vertical, "")]
        for col, lines, width in zip(columns, cells, widths):
            content = lines[number] if number < len(lines) else [("", "")]
            pad = max(width - line_width(content), 0)
            if col.justify == "right":
                line += [(" " * (pad + 1), ""), *content, (" " + vertical, "")]
            else:
                line += [(" ", ""), *content, (" " * (pad + 1) + vertical, "")]
        out.append(line)
    return out


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
            self._pending.append(line)
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
            self.stream.write("".join("".join(part for part, _ in line).rstrip(" ") + "\n" for line in self._pending))
        self._pending = []


def box_for(stream: TextIO) -> str:
    """Box-drawing characters when the output encoding has them, else + - |."""
    try:
        BOX.encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return ASCII_BOX
    return BOX
