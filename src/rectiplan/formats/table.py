"""`--format table`: a Rich table for people, Chinese text wrapped (never cut), late deadlines in red."""

from __future__ import annotations

from typing import Any

from ..messages import printable, text
from .interface import Listing, Output, Row

# From this width on there is room for the topic column and for "leader/owner" on one line.
WIDE = 120
# Below this width no table fits without cropping columns: each item becomes a short block of lines instead.
NARROW = 64


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


# How each warning level looks on a terminal (三色预警); without colour the note's words still say it.
LEVEL_STYLE = {"red": "bold red", "orange": "dark_orange", "yellow": "yellow"}


def level_style(level: Any) -> str:
    return LEVEL_STYLE.get(level.value, "") if level is not None else ""


def deadline_text(row: Row, lang: str, *, separator: str = "\n", with_level: bool = False) -> Any:
    """The effective deadline, the published one under it when an extension moved it, and the days left or late
    when the item is overdue or within its warning window, in the level's colour; `with_level` names the level too,
    for `due`, whose output is often pasted where colour is lost."""
    from rich.text import Text

    item = row.entry.item
    facts = row.tracking
    effective = facts.effective_deadline if facts else item.deadline
    level = facts.level if facts else None
    if effective is None:
        return Text(text("due.none", lang), style="dim")
    late = row.days_overdue is not None
    cell = Text(effective.isoformat(), style="bold red" if late else level_style(level))
    if item.deadline is not None and effective != item.deadline:
        cell.append(separator + text("due.published", lang, date=item.deadline.isoformat()), style="dim")
    if late:
        cell.append(separator + due_note(-row.days_overdue, lang), style="red")  # type: ignore[operator]
    elif level is not None and facts is not None and facts.days_left is not None:
        cell.append(separator + due_note(facts.days_left, lang), style=level_style(level))
    if with_level and level is not None:
        cell.append(separator + text(f"level.{level.value}", lang), style=level_style(level))
    return cell


def latest_progress_line(row: Row, lang: str) -> str | None:
    """"最新进展 2021-09-05：培训已举办", the newest progress note by the as-of date, or None."""
    facts = row.tracking
    latest = facts.latest_progress if facts else None
    if latest is None:
        return None
    return text("col.latest", lang, date=latest.on.isoformat(), text=printable(latest.text, newlines=True))


def status_text(row: Row, lang: str) -> str:
    """The status, and "done late" (逾期完成) under it when it was."""
    label = status_label(row.entry.item.status, lang)
    facts = row.tracking
    return label + "\n" + text("due.done_late", lang) if facts and facts.done_late else label


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
        lang = output.lang
        if not listing.rows:
            console.print(text("no_items", lang))
        elif console.width < NARROW:
            for row in listing.rows:
                console.print(self._block(row, listing, lang))
        else:
            console.print(self._table(listing, lang, wide=console.width >= WIDE))
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
        console.print(summary)

    def _table(self, listing: Listing, lang: str, *, wide: bool) -> Any:
        from rich import box
        from rich.table import Table

        table = Table(box=box.SQUARE, show_lines=True, expand=True)
        if listing.many_plans:
            table.add_column(text("col.plan", lang), overflow="fold", max_width=16)
        table.add_column(text("col.id", lang), justify="right", no_wrap=True)
        if wide:
            table.add_column(text("col.topic", lang), overflow="fold", ratio=1, max_width=24)
        # The issue always keeps room to wrap; long division or people names fold instead of squeezing it out.
        table.add_column(text("col.issue", lang), overflow="fold", ratio=4 if wide else 1, min_width=16)
        table.add_column(text("col.deadline", lang), no_wrap=True)
        if wide:
            table.add_column(text("col.divisions", lang), overflow="fold", max_width=20)
            table.add_column(text("col.people", lang), overflow="fold", max_width=16)
        else:
            # Narrow terminals: divisions and people share one column, so the issue keeps room to wrap.
            header = f"{text('col.divisions', lang)}\n{text('col.people', lang)}"
            table.add_column(header, overflow="fold", max_width=14)
        table.add_column(text("col.status", lang), overflow="fold", max_width=10)
        for row in listing.rows:
            table.add_row(*self._cells(row, listing, lang, wide=wide))
        return table

    def _block(self, row: Row, listing: Listing, lang: str) -> Any:
        """One item in a few lines: number, deadline and lateness; the issue; divisions, people, status."""
        from rich.text import Text

        item = row.entry.item
        block = Text(f"{text('col.id', lang)} {item.id}", style="bold")
        if listing.many_plans:
            block.append(" · " + printable(row.entry.source.replace("\\", "/").rsplit("/", 1)[-1]))
        block.append(" · ")
        block.append_text(deadline_text(row, lang, separator=" · ", with_level=listing.command == "due"))
        block.append("\n" + printable(item.issue, newlines=True) + "\n")
        note = latest_progress_line(row, lang)
        if note:
            block.append(note + "\n", style="dim")
        people = "/".join(name for name in (item.leader, item.owner) if name)
        owners = [*item.all_divisions(), people, status_text(row, lang).replace("\n", " · ")]
        block.append(printable(" · ".join(part for part in owners if part)) + "\n", style="dim")
        return block

    def _cells(self, row: Row, listing: Listing, lang: str, *, wide: bool) -> list[Any]:
        from rich.text import Text

        item = row.entry.item
        cells: list[Any] = []
        if listing.many_plans:
            cells.append(printable(row.entry.source.replace("\\", "/").rsplit("/", 1)[-1]))
        cells.append(str(item.id))
        if wide:
            cells.append(printable(item.topic, newlines=True))
        note = latest_progress_line(row, lang)
        issue = printable(item.issue, newlines=True)
        cells.append(Text(issue).append("\n" + note, style="dim") if note else issue)
        cells.append(deadline_text(row, lang, with_level=listing.command == "due"))
        divisions = printable("\n".join(item.all_divisions()), newlines=True)
        people = printable("/".join(name for name in (item.leader, item.owner) if name))
        if wide:
            cells += [divisions, people]
        else:
            cells.append(Text(divisions).append("\n" + people, style="dim") if people else divisions)
        cells.append(status_text(row, lang))
        return cells
