"""Output for people that is not a list of items: one item in full (`show`) and plan problems (`validate`)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, TextIO

from .formats.interface import Output, Row, item_record
from .formats.table import due_note, make_console, status_label
from .messages import printable, problem_hint, problem_message, text
from .problems import Problem
from .query import Entry, days_until, done_by

PROBLEM_FORMATS = ("pretty", "parsable", "json")
# Line breaks as YAML 1.2 and editors count them, and as problems are located (NEL, U+2028, U+2029 are not).
_LINE_BREAK = re.compile("\r\n|[\n\r]")


def render_item(entry: Entry, as_of: date, output: Output, *, show_plan: bool) -> None:
    """Everything about one item: numbered measures with their own divisions, evidence, deadline, status."""
    from rich.table import Table
    from rich.text import Text

    lang = output.lang
    item = entry.item
    console = make_console(output)
    heading = Text(f"{text('col.id', lang)} {item.id}  ", style="bold")
    heading.append(printable(item.topic))
    console.print(heading)
    grid = Table.grid(padding=(0, 2), expand=False)
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    if show_plan:
        grid.add_row(text("col.plan", lang), printable(entry.source))
    grid.add_row(text("col.issue", lang), printable(item.issue, newlines=True))
    measures = []
    for measure in item.measures:
        line = Text(printable(measure.text, newlines=True))
        if measure.divisions:
            owners = text("show.measure_divisions", lang, divisions=printable("、".join(measure.divisions)))
            line.append(text("paren", lang, body=owners), style="cyan")
        measures.append(line)
    grid.add_row(text("col.measures", lang), _numbered(measures))
    evidence = [printable(line, newlines=True) for line in item.evidence]
    grid.add_row(text("col.evidence", lang), _numbered(evidence) if evidence else text("show.none", lang))
    grid.add_row(text("col.deadline", lang), _deadline(item, as_of, lang))
    grid.add_row(text("col.divisions", lang), printable("、".join(item.divisions)))
    if item.leader:
        grid.add_row(text("col.leader", lang), printable(item.leader))
    if item.owner:
        grid.add_row(text("col.owner", lang), printable(item.owner))
    grid.add_row(text("col.status", lang), status_label(item.status, lang))
    if item.notes:
        grid.add_row(text("col.notes", lang), printable(item.notes, newlines=True))
    # The grid pads every line to its widest; trailing blanks only get in the way of whoever pastes the output.
    with console.capture() as captured:
        console.print(grid)
    output.stream.write("".join(line.rstrip(" ") + "\n" for line in captured.get().splitlines()))


def _numbered(entries: Sequence[Any]) -> Any:
    """Entries under their numbers, wrapped lines indented past the number."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column(overflow="fold")
    for number, entry in enumerate(entries, 1):
        grid.add_row(f"{number}.", entry)
    return grid


def _deadline(item: Any, as_of: date, lang: str) -> Any:
    from rich.text import Text

    line = Text(item.deadline.isoformat())
    done_on = item.done_on.isoformat() if item.done_on else None
    if done_by(item, as_of):
        line.append(text("paren", lang, body=text("due.closed", lang, date=done_on)), style="green")
        return line
    days_left = days_until(item, as_of)
    note = due_note(days_left, lang) + text("comma", lang) + text("show.as_of", lang, date=as_of.isoformat())
    if done_on:  # done, but after the as-of date
        note += text("semicolon", lang) + text("due.closed", lang, date=done_on)
    line.append(text("paren", lang, body=note), style="bold red" if days_left < 0 else "")
    return line


def items_json(entries: Sequence[Entry], stream: TextIO) -> None:
    """An array of item records, as `list --format json` writes them: one per plan that has the id."""
    records = [item_record(Row(entry), with_days_overdue=False) for entry in entries]
    stream.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")


def problem_line(problem: Problem, lang: str) -> str:
    """`path:line:col: message [code]`, the form editors and CI read (yamllint's "parsable")."""
    where = f"{problem.path}:{problem.line}:{problem.column}" if problem.line else problem.path
    return f"{where}: {problem_message(problem, lang)} [{problem.code}]"


def render_problems(
    problems: Sequence[Problem],
    output: Output,
    *,
    style: str = "pretty",
    sources: Mapping[str, str | None] | None = None,
) -> None:
    """Write problems as parsable lines; "pretty" adds the source line with a caret under the fault, and a hint."""
    stream, lang = output.stream, output.lang
    if style == "json":
        records = [
            {
                "path": problem.path,
                "line": problem.line,
                "column": problem.column,
                "code": problem.code,
                "severity": problem.severity.value,
                "message": problem_message(problem, lang),
            }
            for problem in problems
        ]
        stream.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        return
    lines_by_path: dict[str, list[str]] = {}  # each source split once, not once for each of its problems
    for problem in problems:
        stream.write(problem_line(problem, lang) + "\n")
        if style != "pretty":
            continue
        if problem.path not in lines_by_path:
            source = (sources or {}).get(problem.path)
            lines_by_path[problem.path] = _LINE_BREAK.split(source) if source else []
        excerpt = _excerpt(problem, lines_by_path[problem.path])
        if excerpt:
            stream.write(excerpt)
        hint = problem_hint(problem, lang)
        if hint:
            stream.write(f"  = {hint}\n")


def _excerpt(problem: Problem, lines: list[str]) -> str:
    # Lines as problems count them; str.splitlines() would also break at the very control character being reported.
    if problem.line < 1 or problem.line > len(lines):
        return ""
    line = printable(lines[problem.line - 1])
    gutter = f"{problem.line:>5} | "
    caret_offset = _display_width(line[: max(problem.column - 1, 0)])
    return f"{gutter}{line}\n{' ' * (len(gutter) - 2)}| {' ' * caret_offset}^\n"


def _display_width(fragment: str) -> int:
    # Chinese characters take two terminal cells: the caret must count them twice to land under the fault.
    return sum(2 if unicodedata.east_asian_width(char) in ("W", "F") else 1 for char in fragment)
