"""Output for people that is not a list of items: one item in full (`show`) and plan problems (`validate`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

from .formats.interface import Output, Row, item_record
from .messages import no_workflow_command, printable, problem_hint, problem_message, text
from .problems import Problem, Severity

if TYPE_CHECKING:
    from .formats.layout import Fragment, Line
    from .query import Entry, Tracking

# The layout module (its regular expressions, rich.cells), the table and json formats and the query module (six
# dataclasses) are imported by the functions that lay out `show`'s output or write json: `validate` and every
# command that reports a plan's problems import this module too, and lay nothing out (benchmarks/README.md).

PROBLEM_FORMATS = ("pretty", "parsable", "json", "github", "gitlab")  # github, gitlab: see problem_formats
# A file with thousands of problems is one mistake repeated: "pretty" shows this many per file, then says how many
# more there are; parsable and json, read by programs, list them all (one bounded line each).
MAX_PRETTY_PROBLEMS = 1_000
# The excerpt shows this many terminal cells of the source line around the fault, however long the line is: a
# 16 KB one-line file with 8,000 problems printed its whole line under each of them (quadratic output).
EXCERPT_CELLS = 80
# Line breaks as YAML 1.2 and editors count them, and as problems are located (NEL, U+2028, U+2029 are not).
_LINE_BREAK = "\r\n|[\n\r]"


def render_item(entry: Entry, as_of: date, output: Output, *, show_plan: bool) -> None:
    """Everything about one item: numbered measures with their own divisions, evidence, deadline, status."""
    from .formats.layout import LineWriter, text_width, wrap_styled
    from .formats.table import make_console, status_label
    from .query import extensions_in_force, track

    lang = output.lang
    item = entry.item
    console = make_console(output)
    width = console.width
    rows: list[tuple[str, list[Line]]] = []
    labels = [text(key, lang) for key in ("col.plan", "col.issue", "col.measures", "col.evidence", "col.deadline",
                                           "col.divisions", "col.leader", "col.owner", "col.status", "col.closed_on",
                                           "col.extensions", "col.progress", "col.materials", "col.notes")]  # fmt: skip
    label_width = max(text_width(label) for label in labels)
    value_width = max(width - label_width - 2, 1)

    def add(key: str, fragments: list[Fragment]) -> None:
        rows.append((text(key, lang), wrap_styled(fragments, value_width)))

    if show_plan:
        add("col.plan", [(printable(entry.source), "")])
    add("col.issue", [(printable(item.issue, newlines=True), "")])
    measures: list[list[Fragment]] = []
    for measure in item.measures:
        line: list[Fragment] = [(printable(measure.text, newlines=True), "")]
        if measure.divisions:
            owners = text("show.measure_divisions", lang, divisions=printable("、".join(measure.divisions)))
            line.append((text("paren", lang, body=owners), "cyan"))
        measures.append(line)
    rows.append((text("col.measures", lang), _numbered(measures, value_width)))
    evidence = [[(printable(line, newlines=True), "")] for line in item.evidence]
    if evidence:
        rows.append((text("col.evidence", lang), _numbered(evidence, value_width)))
    else:
        add("col.evidence", [(text("show.none", lang), "")])
    facts = track(entry, as_of)
    add("col.deadline", _deadline(item, facts, lang))
    add("col.divisions", [(printable("、".join(item.divisions)), "")])
    if item.leader:
        add("col.leader", [(printable(item.leader), "")])
    if item.owner:
        add("col.owner", [(printable(item.owner), "")])
    add("col.status", [(status_label(facts.status, lang), "")])
    if item.closed_on and item.closed_on <= as_of:
        add("col.closed_on", [(item.closed_on.isoformat(), "")])
    # The 台账 as it stood on the as-of date: a later note or extension is not shown for an earlier day.
    extensions = [[(_extension_line(ext, lang), "")] for ext in extensions_in_force(item, as_of)]
    if extensions:
        rows.append((text("col.extensions", lang), _numbered(extensions, value_width)))
    progress = [
        [
            (
                f"{note.on.isoformat()} {printable(note.text, newlines=True)}"
                + (text("show.by", lang, name=printable(note.by)) if note.by else ""),
                "",
            )
        ]
        for note in item.progress
        if note.on <= as_of
    ]
    if progress:
        rows.append((text("col.progress", lang), _numbered(progress, value_width)))
    if item.materials:
        materials = [[(printable(line), "")] for line in item.materials]
        rows.append((text("col.materials", lang), _numbered(materials, value_width)))
    if item.notes:
        add("col.notes", [(printable(item.notes, newlines=True), "")])
    writer = LineWriter(console, output.stream)
    writer.write(wrap_styled([(f"{text('col.id', lang)} {item.id}  ", "bold"), (printable(item.topic), "")], width))
    for label, lines in rows:
        for number, line in enumerate(lines):
            gutter = label + " " * (label_width - text_width(label) + 2) if number == 0 else " " * (label_width + 2)
            writer.write([[(gutter, "bold" if number == 0 else ""), *line]])
    writer.flush()


def _numbered(entries: Sequence[list[Fragment]], width: int) -> list[Line]:
    """Entries under their numbers, wrapped lines indented past the number."""

    number_width = len(f"{len(entries)}.")
    lines: list[Line] = []
    for number, entry in enumerate(entries, 1):
        for index, line in enumerate(_wrapped_whole_suffix(entry, max(width - number_width - 1, 1))):
            prefix = f"{number}.".rjust(number_width) + " " if index == 0 else " " * (number_width + 1)
            lines.append([(prefix, ""), *line])
    return lines


def _wrapped_whole_suffix(entry: list[Fragment], width: int) -> list[Line]:
    """An entry wrapped, its last fragment after the first (a measure's "(by 办公室)") on a line of its own rather
    than broken between lines, when it fits on one: Chinese may break between any two characters, a name should
    not."""
    from .formats.layout import text_width, wrap_styled

    lines = wrap_styled(entry, width)
    if len(entry) < 2:
        return lines
    suffix, style = entry[-1]
    whole = suffix.strip()
    if text_width(whole) > width or any(whole in "".join(part for part, _ in line) for line in lines):
        return lines
    return wrap_styled([*entry[:-1], ("\n" + whole, style)], width)


def _extension_line(ext: Any, lang: str) -> str:
    line = text("show.extension", lang, to=ext.to.isoformat(), reason=printable(ext.reason, newlines=True))
    if ext.approved_on:
        line += text("show.approved_on", lang, date=ext.approved_on.isoformat())
    return line


def _deadline(item: Any, facts: Tracking, lang: str) -> list[Fragment]:
    """The deadline in force, the published one when an extension moved it, and where the item stands."""
    from .formats.table import due_note, level_style
    from .query import done_by

    as_of = facts.as_of
    if facts.effective_deadline is None:
        return [(text("due.none", lang), "")]
    line: list[Fragment] = [(facts.effective_deadline.isoformat(), "")]
    notes = []
    if item.deadline is not None and facts.effective_deadline != item.deadline:
        notes.append(text("due.published", lang, date=item.deadline.isoformat()))
    done_on = item.done_on.isoformat() if item.done_on else None
    if done_by(item, as_of):
        notes.append(text("due.closed", lang, date=done_on))
        if facts.done_late:
            notes.append(text("due.done_late", lang))
        body = text("paren", lang, body=text("comma", lang).join(notes))
        line.append((body, "red" if facts.done_late else "green"))
        return line
    if facts.days_left is not None:
        notes.append(due_note(facts.days_left, lang))
    if facts.level is not None and facts.days_overdue is None:  # "N days late" already says red
        notes.append(text(f"level.{facts.level.value}", lang))
    # An ongoing item has no days to count (never late): only the as-of date is said.
    note = text("comma", lang).join([*notes, text("show.as_of", lang, date=as_of.isoformat())])
    if done_on:  # done, but after the as-of date
        note += text("semicolon", lang) + text("due.closed", lang, date=done_on)
    line.append((text("paren", lang, body=note), level_style(facts.level)))
    return line


def items_json(entries: Sequence[Entry], as_of: Callable[[Entry], date], stream: TextIO) -> None:
    """An array of item records, as `list --format json` writes them: one per plan that has the id. `as_of` gives
    each entry's as-of date, for the tracking facts."""
    from .formats.json import write_json

    records = [item_record(Row(entry, as_of=as_of(entry)), with_days_overdue=False) for entry in entries]
    write_json(records, stream)


def problem_line(problem: Problem, lang: str) -> str:
    """`path:line:col: message [code]`, the form editors and CI read (yamllint's "parsable")."""
    path = printable(problem.path)  # a file name may hold any character but "/" and NUL
    where = f"{path}:{problem.line}:{problem.column}" if problem.line else path
    # Warnings are marked the way yamllint's parsable format marks them; errors stay unmarked, as before.
    marker = "[warning] " if problem.severity is Severity.WARNING else ""
    return f"{where}: {marker}{problem_message(problem, lang)} [{problem.code}]"


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
        from .formats.json import write_json

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
        write_json(records, stream)
        return
    lines_by_path: dict[str, list[str]] = {}  # each source split once, not once for each of its problems
    shown: dict[str, int] = {}
    for problem in problems:
        if style == "pretty":
            shown[problem.path] = shown.get(problem.path, 0) + 1
            if shown[problem.path] > MAX_PRETTY_PROBLEMS:
                continue
        stream.write(problem_line(problem, lang) + "\n")
        if style != "pretty":
            continue
        if problem.path not in lines_by_path:
            source = (sources or {}).get(problem.path)
            lines_by_path[problem.path] = re.split(_LINE_BREAK, source) if source else []
        excerpt = _excerpt(problem, lines_by_path[problem.path])
        if excerpt:
            stream.write(excerpt)
        hint = problem_hint(problem, lang)
        if hint:
            stream.write(f"  = {no_workflow_command(hint)}\n")  # a hint may quote the plan
    for path, count in shown.items():
        if count > MAX_PRETTY_PROBLEMS:
            more = text("summary.not_shown", lang, path=printable(path), count=count - MAX_PRETTY_PROBLEMS)
            stream.write(more + "\n")


def _excerpt(problem: Problem, lines: list[str]) -> str:
    # Lines as problems count them; str.splitlines() would also break at the very control character being reported.
    if problem.line < 1 or problem.line > len(lines):
        return ""
    source_line = lines[problem.line - 1]
    column = min(max(problem.column - 1, 0), len(source_line))
    # Cut the raw line near the fault first, so the work per problem is bounded too; a character takes at least
    # one cell, so EXCERPT_CELLS characters either side is always enough to fill the window.
    start = max(column - EXCERPT_CELLS, 0)
    # A tab shown as a blank would hide the very character reported: "→" takes its one column.
    line = printable(source_line[start : column + EXCERPT_CELLS].replace("\t", "→"))
    left, right = line[: column - start], line[column - start :]
    clipped_left = start > 0
    # Up to half the window before the fault, the rest after it; a short line is shown whole.
    room = EXCERPT_CELLS - 2  # the two … marks
    left_width, right_width = _display_width(left), _display_width(right)
    cut = 0
    while cut < len(left) and left_width > room // 2 and left_width + right_width > room:
        left_width -= _display_width(left[cut])
        cut += 1
    left, clipped_left = left[cut:], clipped_left or cut > 0
    clipped_right = len(source_line) > column + EXCERPT_CELLS
    keep = len(right)
    while keep and left_width + right_width > room:
        keep -= 1
        right_width -= _display_width(right[keep])
    right, clipped_right = right[:keep], clipped_right or keep < len(right)
    left = ("…" if clipped_left else "") + left
    right += "…" if clipped_right else ""
    gutter = f"{problem.line:>5} | "
    caret_offset = _display_width(left)
    return f"{gutter}{left}{right}\n{' ' * (len(gutter) - 2)}| {' ' * caret_offset}^\n"


def _display_width(fragment: str) -> int:
    # Chinese characters take two terminal cells: the caret must count them twice to land under the fault.
    return sum(2 if unicodedata.east_asian_width(char) in ("W", "F") else 1 for char in fragment)
