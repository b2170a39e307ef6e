"""`--format table`: a table for people, Chinese text wrapped by the Chinese rules and never cut, late deadlines
in red. When the terminal is too narrow for a table, each item becomes a short block of lines instead."""

from __future__ import annotations

from typing import Any

from ..messages import printable, text
from .interface import Listing, Output, Row
from .layout import BOX, Cell, Column, Fragment, Line, LineWriter, box_for, column_widths, table_lines, wrap_styled

# From this width on the topic gets a column, and divisions and people one each.
WIDE = 120


def make_console(output: Output) -> Any:
    import os

    from rich.console import Console

    # Rich writes no terminal codes at all when the stream is not a terminal; with NO_COLOR set it would still
    # write bold and dim, so no colour system at all then. Plan text is never read as Rich markup: "[/x]" is text.
    plain = bool(os.environ.get("NO_COLOR"))
    return Console(
        file=output.stream, highlight=False, emoji=False, markup=False, color_system=None if plain else "auto"
    )


def status_label(status: Any, lang: str) -> str:
    return text(f"status.{status.value}", lang)


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
        else:
            summary = text("summary.list", lang, shown=len(listing.rows), total=listing.total)
        writer.write(wrap_styled([(summary, "")], width))
        writer.flush()

    def _columns(self, listing: Listing, lang: str, *, wide: bool, rule: str) -> list[Column]:
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
        item = row.entry.item
        late = row.days_overdue is not None
        heading: list[Fragment] = [(f"{text('col.id', lang)} {item.id}", "bold")]
        if listing.many_plans:
            heading.append((" · " + printable(_file_name(row.entry.source)), "bold"))
        heading.append((" · " + item.deadline.isoformat(), "bold red" if late else "bold"))
        if late:
            heading.append((" " + due_note(-(row.days_overdue or 0), lang), "red"))
        lines = wrap_styled(heading, width)
        lines += wrap_styled([(printable(item.issue, newlines=True), "")], width)
        owners = [_labelled("col.divisions", "、".join(item.all_divisions()), lang)]
        people = "/".join(name for name in (item.leader, item.owner) if name)
        if people:
            owners.append(_labelled("col.people", people, lang))
        owners.append(_labelled("col.status", status_label(item.status, lang), lang))
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
        cells.append([(printable(item.issue, newlines=True), "")])
        deadline: Cell = [(item.deadline.isoformat(), "bold red" if row.days_overdue is not None else "")]
        if row.days_overdue is not None:
            deadline.append((due_note(-row.days_overdue, lang), "red"))
        cells.append(deadline)
        divisions = printable("\n".join(item.all_divisions()), newlines=True)
        people = printable("/".join(name for name in (item.leader, item.owner) if name))
        if wide:
            cells += [[(divisions, "")], [(people, "")]]
        else:
            cells.append([(divisions, ""), (rule, "dim"), (people, "dim")] if people else [(divisions, "")])
        cells.append([(status_label(item.status, lang), "")])
        return cells


# Between the divisions and the people of the narrower table: a short rule, so a person never reads as a division.
_RULE = "┄┄┄"


def _file_name(source: str) -> str:
    return source.replace("\\", "/").rsplit("/", 1)[-1]


def _labelled(key: str, value: str, lang: str) -> str:
    return f"{text(key, lang)}{'：' if lang == 'zh' else ': '}{value}"
