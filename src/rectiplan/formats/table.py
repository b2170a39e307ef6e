"""`--format table`: a table for people, Chinese text wrapped by the Chinese rules and never cut, late deadlines
in red. When the terminal is too narrow for a table, each item becomes a short block of lines instead."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..messages import printable, text
from .interface import Listing, Output, Row

if TYPE_CHECKING:
    from .layout import Cell, Column, Fragment, Line

# The layout module (its regular expressions, rich.cells) is imported where a table is laid out, not here: every
# command imports the format registry, and `--format json` never lays anything out.

# From this width on the topic gets a column, and divisions and people one each.
WIDE = 120


def make_console(output: Output) -> Any:
    """What a layout writes through: Rich's console when the output may get terminal codes, else (a pipe, a file,
    NO_COLOR) a stand-in that knows only the width Rich would give, since plain lines need nothing else of Rich and
    importing its console costs a tenth of a Typer command line's start-up."""
    import os

    from .layout import usable_width

    # Rich writes no terminal codes at all when the stream is not a terminal; with NO_COLOR set it would still
    # write bold and dim, so no colour system at all then. Plan text is never read as Rich markup: "[/x]" is text.
    plain = bool(os.environ.get("NO_COLOR"))
    # Rich could take the stream for a terminal when it is one, or when the environment says to act as if.
    may_be_terminal = output.is_terminal() or "FORCE_COLOR" in os.environ or "TTY_COMPATIBLE" in os.environ
    if plain or not may_be_terminal:
        width = _plain_width()
        if width is not None:
            return PlainConsole(usable_width(width))
    from rich.console import Console

    console = Console(
        file=output.stream, highlight=False, emoji=False, markup=False, color_system=None if plain else "auto"
    )
    console.width = usable_width(console.width)  # every layout measures itself by this width
    return console


class PlainConsole:
    """The little of a Rich console that plain output uses: the width, and that it is no terminal."""

    is_terminal = False
    color_system = None

    def __init__(self, width: int) -> None:
        self.width = width


def _plain_width() -> int | None:
    """The width Rich's Console gives an output that is no terminal: COLUMNS when it is a number, else the size
    of the first of stdin, stdout and stderr that is a terminal, else 80. None where Rich's own rules say more
    than these (Windows, whose legacy console takes a column off), to ask Rich itself."""
    import os
    import sys

    if sys.platform == "win32":
        return None
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        return int(columns)
    for stream, usual in ((sys.__stdin__, 0), (sys.__stdout__, 1), (sys.__stderr__, 2)):
        try:
            descriptor = stream.fileno()  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            descriptor = usual
        try:
            return os.get_terminal_size(descriptor).columns or 80
        except (ValueError, OSError):
            continue
    return 80


def status_label(status: Any, lang: str) -> str:
    return text(f"status.{status.value}", lang)


# How each warning level looks on a terminal (三色预警); without colour the note's words still say it.
LEVEL_STYLE = {"red": "bold red", "orange": "dark_orange", "yellow": "yellow"}


def level_style(level: Any) -> str:
    return LEVEL_STYLE.get(level.value, "") if level is not None else ""


def deadline_cell(row: Row, lang: str, *, with_level: bool = False) -> Cell:
    """The deadline in force, the published one under it when an extension moved it, and the days left or late
    for an item not yet done, in its warning level's colour; `with_level` names the level too, for `due`, whose
    output is often pasted where colour is lost. One paragraph a fact."""
    item = row.entry.item
    facts = row.tracking
    effective = facts.effective_deadline if facts else item.deadline
    level = facts.level if facts else None
    if effective is None:
        return [(text("due.none", lang), "dim")]
    late = row.days_overdue is not None
    cell: Cell = [(effective.isoformat(), "bold red" if late else level_style(level))]
    if item.deadline is not None and effective != item.deadline:
        cell.append((text("due.published", lang, date=item.deadline.isoformat()), "dim"))
    if late:
        cell.append((due_note(-(row.days_overdue or 0), lang), "red"))
    elif facts is not None and facts.days_left is not None:
        cell.append((due_note(facts.days_left, lang), level_style(level)))
    if with_level and level is not None:
        cell.append((text(f"level.{level.value}", lang), level_style(level)))
    return cell


def latest_progress_line(row: Row, lang: str) -> str | None:
    """ "最新进展 2021-09-05：培训已举办", the newest progress note by the as-of date, or None."""
    facts = row.tracking
    latest = facts.latest_progress if facts else None
    if latest is None:
        return None
    return text("col.latest", lang, date=latest.on.isoformat(), text=printable(latest.text, newlines=True))


def status_cell(row: Row, lang: str) -> Cell:
    """The status as of the row's date, and "done late" (逾期完成) under it when it was."""
    facts = row.tracking
    cell: Cell = [(status_label(facts.status if facts else row.entry.item.status, lang), "")]
    if facts and facts.done_late:
        cell.append((text("due.done_late", lang), "red"))
    return cell


def due_note(days_left: int, lang: str) -> str:
    if days_left == 0:
        return text("due.today", lang)
    if days_left > 0:
        return text("due.left_one", lang) if days_left == 1 else text("due.left", lang, days=days_left)
    late = -days_left
    return text("due.late_one", lang) if late == 1 else text("due.late", lang, days=late)


class TableFormat:
    name = "table"
    description = "a table for people (the default)"

    def render(self, listing: Listing, output: Output) -> None:
        from .layout import BOX, LineWriter, box_for, column_widths, table_lines, wrap_styled

        console = make_console(output)
        width = console.width
        lang = output.lang
        writer = LineWriter(console, output.stream)
        box = box_for(output.stream)
        rule = _RULE if box == BOX else "---"
        if listing.rows:
            # The widest layout that fits: every column at least as wide as its text needs to stay whole (the
            # id, the dates, the statuses) or readable (the issue); else a block of lines per item.
            for wide in (True, False) if width >= WIDE else (False,):
                columns = self._columns(listing, lang, wide=wide, rule=rule)
                rows = [self._cells(row, listing, lang, wide=wide, rule=rule) for row in listing.rows]
                widths = column_widths(columns, rows, width)
                if widths is not None:
                    writer.write(table_lines(columns, rows, widths, box=box))
                    break
            else:
                for row in listing.rows:
                    writer.write([*self._block(row, listing, lang, width), [("", "")]])
        else:
            writer.write(wrap_styled([(text("no_items", lang), "")], width))
        if listing.command == "overdue":
            dates = " / ".join(day.isoformat() for day in listing.as_of)
            summary = text("summary.overdue", lang, count=len(listing.rows), total=listing.total, date=dates)
        elif listing.command == "due":
            dates = " / ".join(day.isoformat() for day in listing.as_of)
            late = sum(1 for row in listing.rows if row.days_overdue is not None)
            summary = text(
                "summary.due", lang, count=len(listing.rows), total=listing.total, date=dates,
                late=late, soon=len(listing.rows) - late,
            )  # fmt: skip
        else:
            summary = text("summary.list", lang, shown=len(listing.rows), total=listing.total)
        writer.write(wrap_styled([(summary, "")], width))
        writer.flush()

    def _columns(self, listing: Listing, lang: str, *, wide: bool, rule: str) -> list[Column]:
        from .layout import Column

        columns = []
        if listing.many_plans:
            columns.append(Column(text("col.plan", lang), max_width=16))
        columns.append(Column(text("col.id", lang), wraps=False, justify="right"))
        if wide:
            columns.append(Column(text("col.topic", lang), max_width=24))
        # The issue takes what the other columns leave, and at least 20 cells (ten Chinese characters): below that
        # the block layout reads better than a table.
        columns.append(Column(text("col.issue", lang), min_width=20))
        columns.append(Column(text("col.deadline", lang), wraps=False))
        if wide:
            columns.append(Column(text("col.divisions", lang), max_width=20))
            columns.append(Column(text("col.people", lang), max_width=16))
        else:
            # Divisions above, people below a rule: the header says which is which.
            header = f"{text('col.divisions', lang)}\n{rule}\n{text('col.people', lang)}"
            columns.append(Column(header, max_width=14))
        columns.append(Column(text("col.status", lang), wraps=False))
        return columns

    def _block(self, row: Row, listing: Listing, lang: str, width: int) -> list[Line]:
        """One item in a few lines: number, deadline and lateness; the issue; labelled divisions, people, status."""
        from .layout import wrap_styled

        item = row.entry.item
        heading: list[Fragment] = [(f"{text('col.id', lang)} {item.id}", "bold")]
        if listing.many_plans:
            heading.append((" · " + printable(_file_name(row.entry.source)), "bold"))
        for fact, style in deadline_cell(row, lang, with_level=listing.command == "due"):
            heading.append((" · " + fact, style))
        lines = wrap_styled(heading, width)
        lines += wrap_styled([(printable(item.issue, newlines=True), "")], width)
        note = latest_progress_line(row, lang)
        if note:
            lines += wrap_styled([(note, "dim")], width)
        owners = [_labelled("col.divisions", "、".join(item.all_divisions()), lang)]
        people = "/".join(name for name in (item.leader, item.owner) if name)
        if people:
            owners.append(_labelled("col.people", people, lang))
        status = " · ".join(fact for fact, _ in status_cell(row, lang))
        owners.append(_labelled("col.status", status, lang))
        together = wrap_styled([(printable(" · ".join(owners)), "dim")], width)
        if len(together) == 1:
            return lines + together
        # Too long for one line: each on its own, so that no name is broken between two labels.
        for part in owners:
            lines += wrap_styled([(printable(part), "dim")], width)
        return lines

    def _cells(self, row: Row, listing: Listing, lang: str, *, wide: bool, rule: str) -> list[Cell]:
        item = row.entry.item
        cells: list[Cell] = []
        if listing.many_plans:
            cells.append([(printable(_file_name(row.entry.source)), "")])
        cells.append([(str(item.id), "")])
        if wide:
            cells.append([(printable(item.topic, newlines=True), "")])
        issue: Cell = [(printable(item.issue, newlines=True), "")]
        note = latest_progress_line(row, lang)
        if note:
            issue.append((note, "dim"))
        cells.append(issue)
        cells.append(deadline_cell(row, lang, with_level=listing.command == "due"))
        divisions = printable("\n".join(item.all_divisions()), newlines=True)
        people = printable("/".join(name for name in (item.leader, item.owner) if name))
        if wide:
            cells += [[(divisions, "")], [(people, "")]]
        else:
            cells.append([(divisions, ""), (rule, "dim"), (people, "dim")] if people else [(divisions, "")])
        cells.append(status_cell(row, lang))
        return cells


# Between the divisions and the people of the narrower table: a short rule, so a person never reads as a division.
_RULE = "┄┄┄"


def _file_name(source: str) -> str:
    return source.replace("\\", "/").rsplit("/", 1)[-1]


def _labelled(key: str, value: str, lang: str) -> str:
    return f"{text(key, lang)}{'：' if lang == 'zh' else ': '}{value}"
