"""`rectiplan import FILE`: a published Word or Excel table (or CSV) read into plan YAML, with a report of every
cell it had to interpret, and the result validated."""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from .exit_status import ExitStatus
from .options import LangOption
from .session import Session


def import_plan(
    file: Annotated[
        str,
        typer.Argument(metavar="FILE", help="A .docx, .xlsx or .csv table. 要导入的表格文件。", show_default=False),
    ],
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="PATH", help="Write the plan here, not to stdout. 输出文件。"),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace PATH if it exists. 覆盖已有文件。")] = False,
    sheet: Annotated[
        str | None,
        typer.Option("--sheet", metavar="NAME", help="The sheet of an .xlsx (default: the first). 工作表。"),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option("--title", metavar="TEXT", help="The plan's title (default: the table's). 方案标题。"),
    ] = None,
    year: Annotated[
        str | None,
        typer.Option(
            "--year",
            metavar="YEAR",
            help="The year of deadlines written without one (6月底前). Default: the year most deadlines name, "
            "else the title's. 未写年份的期限按此年计。",
        ),
    ] = None,
    column: Annotated[
        list[str] | None,
        typer.Option(
            "--column",
            metavar="HEADING=FIELD",
            help="Read the column HEADING as FIELD (issue, measures, deadline, divisions…); repeatable. 列名映射。",
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Import a published table (.docx, .xlsx, .csv) as a plan. 从 Word/Excel 表格导入方案。

    The YAML goes to stdout (or -o PATH), a report of every cell it interpreted or could not read to stderr.

    Exit 0 when the plan validates, 1 when it was written with problems (listed), 2 when the file cannot be read."""
    from ..cells import FIELDS
    from ..importing import ImportRefused, import_file, place_text
    from ..importing.assemble import IGNORED_KEYS
    from ..messages import counted, printable, text
    from ..report import render_problems
    from ..validate import load_plan_bytes
    from ..writing import WriteRefused, output_path, write_output

    session = Session(lang)
    columns: dict[str, str] = {}
    for given in column or ():
        heading, sep, field = given.rpartition("=")
        if not sep or not heading.strip() or not field.strip():
            session.fail(text("import.bad_column", session.lang, value=given))
        # The 台账's worked-out columns (days, level…) are never read: naming a column one would drop it.
        given_fields = FIELDS - IGNORED_KEYS
        if field.strip() not in given_fields:
            session.fail(
                text("import.bad_field", session.lang, field=field.strip(), fields=", ".join(sorted(given_fields)))
            )
        columns[heading.strip()] = field.strip()
    chosen_year: int | None = None
    if year is not None:
        folded = year.strip().removesuffix("年")
        if not (folded.isascii() and folded.isdigit() and 1900 <= int(folded) <= 2999):
            session.fail(text("import.bad_year", session.lang, value=year))
        chosen_year = int(folded)
    source = Path(file)
    if output is not None and os.path.exists(output) and os.path.exists(file) and os.path.samefile(output, file):
        session.fail(text("import.same_as_input", session.lang, path=output))
    if output is not None:
        # A -o that cannot be written is said before the work and its report, not after (exit 2, nothing read).
        try:
            folder = output_path(output, printable(output)).parent
        except WriteRefused as refused:
            session.fail(text(refused.code, session.lang, **refused.params, example=_EXAMPLE))
        if os.path.isdir(output):
            example = os.path.join(output, _EXAMPLE)
            session.fail(text("output.folder", session.lang, path=printable(output), example=printable(example)))
        if not os.path.isdir(folder if str(folder) else "."):
            session.fail(text("output.no_folder", session.lang, path=printable(output), folder=printable(str(folder))))
        if not force and os.path.lexists(output):
            # Said before the work, and again (atomically) when writing.
            session.fail(text("write.exists", session.lang, path=output))
    try:
        result = import_file(
            source, file, lang=session.lang, sheet=sheet, title=title, year=chosen_year, columns=columns
        )
    except ImportRefused as refused:
        session.fail(text(refused.code, session.lang, **_shown(refused.params)))
    err = session.err.stream
    err.write(text("import.report_head", session.lang, path=printable(file)) + "\n")
    # Interpretations of one kind (the same message, bar the row and its counts) are said once, with how many
    # rows and the first of them: an exported 台账 of 1,000 rows splits some 1,000 numbered cells.
    for key, notes in _grouped([(key, params, None) for key, params in result.notes], lambda _: False):
        rows = [(params["table"], params["row"]) for params, _ in notes if "row" in params and "table" in params]
        several = _places(rows, session.lang) if len(notes) > 1 and len(rows) == len(notes) else None
        err.write("  " + _say(key, _merged([params for params, _ in notes]), session.lang, several) + "\n")
    unread = 0
    findings = [((finding.what, finding.heading), finding.params, finding) for finding in result.findings]
    for (what_key, heading), group in _grouped(findings, lambda finding: bool(finding.unread)):
        what = _say(what_key, _merged([params for params, _ in group]), session.lang)
        places = [finding.place for _, finding in group]
        if len(group) == 1:
            where = place_text(places[0], session.lang)
            line = text("import.report_cell", session.lang, place=where, column=printable(heading), what=what)
        else:
            where = _places(places, session.lang)
            line = text(
                "import.report_cells",
                session.lang,
                count=len(group),
                places=where,
                column=printable(heading),
                what=what,
            )
        err.write("  " + line + "\n")
        unread += sum(finding.unread for _, finding in group)
    rows_read = counted("import.count_rows", session.lang, result.rows_read)
    written = counted("import.count_items", session.lang, result.items)
    err.write(text("import.report_counts", session.lang, rows=rows_read, items=written) + "\n")
    if unread:
        err.write(counted("import.report_unread_count", session.lang, unread) + "\n")
    data = result.yaml_text.encode("utf-8")
    shown = output if output is not None else "<stdout>"
    if output is None:
        _write_stdout(data, session)
    else:
        try:
            write_output(output, data, force=force, shown=output)
        except WriteRefused as refused:
            status = ExitStatus.OUTPUT if refused.code == "write.failed" else ExitStatus.USAGE
            session.fail(text(refused.code, session.lang, **refused.params, example=_EXAMPLE), status)
        err.write(text("import.report_written", session.lang, path=printable(output)) + "\n")
    loaded = load_plan_bytes(data, shown)
    if loaded.problems:
        err.write(counted("import.report_invalid", session.lang, len(loaded.problems)) + "\n")
        render_problems(loaded.problems, session.err, sources={shown: loaded.text})
    else:
        err.write(text("import.report_valid", session.lang) + "\n")
    if not loaded.ok:
        raise typer.Exit(int(ExitStatus.PLAN_PROBLEMS))


_EXAMPLE = "plan.yaml"


def _write_stdout(data: bytes, session: Session) -> None:
    """The plan's UTF-8 bytes to a pipe or a redirected stdout, whatever PYTHONIOENCODING says: a plan file is
    UTF-8, and `rectiplan import t.xlsx > plan.yaml` must give one; to a terminal, text."""
    stream = session.out.stream
    binary = getattr(stream, "buffer", None)
    if session.out.is_terminal() or binary is None:
        stream.write(data.decode("utf-8"))
        stream.flush()
        return
    stream.flush()
    binary.write(data)
    binary.flush()


def _shown(params: dict[str, Any]) -> dict[str, Any]:
    from ..messages import printable

    return {key: printable(value) if isinstance(value, str) else value for key, value in params.items()}


def _say(key: str, params: dict[str, Any], lang: str, place: str | None = None) -> str:
    """A report line from a message key; the place of a row-level note is spelled out first (`place`: the places
    of several rows said at once). A quoted cell text longer than _QUOTED_CHARS is cut, with its length: the
    YAML holds it whole."""
    from ..importing import place_text
    from ..messages import TEXT, printable, text

    values = _shown(params)
    for name in _QUOTED_PARAMS & values.keys():
        value = values[name]
        if isinstance(value, str) and len(value) > _QUOTED_CHARS:
            values[name] = text("import.report_cut", lang, head=value[:_QUOTED_CHARS], length=len(value))
    if place is not None:
        values["place"] = place
    elif "row" in params and "table" in params:
        values["place"] = place_text((params["table"], params["row"]), lang)
    if key not in TEXT:
        return printable(f"{key} {params}")
    return text(key, lang, **values)


# The params that quote a cell's text (or a part of it) in a report line.
_QUOTED_PARAMS = frozenset({"text", "name", "kept", "other", "formula", "leader", "owner", "units", "heading"})
_QUOTED_CHARS = 60
# How many places a line about several rows names before "and N more".
_PLACES_SHOWN = 3

_Key = TypeVar("_Key", bound=Hashable)
_Entry = TypeVar("_Entry")


def _grouped(
    entries: list[tuple[_Key, dict[str, Any], _Entry]], alone: Callable[[_Entry], bool]
) -> list[tuple[_Key, list[tuple[dict[str, Any], _Entry]]]]:
    """Entries of one kind together, in the order each kind first appears: the same key, and the same params
    but for the row and table (the place) and counts. An entry `alone` says (an unread cell, to be corrected
    where it is) is never grouped."""
    groups: dict[Hashable, tuple[_Key, list[tuple[dict[str, Any], _Entry]]]] = {}
    for index, (key, params, entry) in enumerate(entries):
        same = repr(sorted((name, repr(value)) for name, value in params.items() if not _is_number(name, value)))
        kind = (key, index) if alone(entry) else (key, same)
        groups.setdefault(kind, (key, []))[1].append((params, entry))
    return list(groups.values())


def _is_number(name: str, value: object) -> bool:
    """Whether a param is a place or a count, which may differ between entries of one kind (cells.py gives its
    counts as text)."""
    if name in ("row", "table"):
        return True
    if name in _COUNTS and isinstance(value, str) and value.isdigit():
        return True
    return isinstance(value, int) and not isinstance(value, bool)


# The params that count something (entries, groups, measures): "split into 2–5 entries" says the kind once.
_COUNTS = frozenset({"count", "groups", "measures"})


def _merged(group: list[dict[str, Any]]) -> dict[str, Any]:
    """The params of one kind's entries as one: a number that differs between them as its range, 2–5."""
    merged = dict(group[0])
    for name, value in group[0].items():
        if name in ("row", "table") or not _is_number(name, value):
            continue
        numbers = [int(params[name]) for params in group]
        low, high = min(numbers), max(numbers)
        merged[name] = low if low == high else f"{low}–{high}"
    return merged


def _places(places: list[tuple[int, int]], lang: str) -> str:
    """`rows 4, 5, 9 and 12 more` (`table 1, rows 3, 4, 5 and 13 more` in a document): the first places of a kind,
    each table named once, and how many others."""
    from itertools import groupby

    from ..importing import place_text
    from ..messages import join_list, text

    runs = []
    for table, run in groupby(places[:_PLACES_SHOWN], key=lambda place: place[0]):
        rows = [row for _, row in run]
        if len(rows) == 1:
            runs.append(place_text((table, rows[0]), lang))
        else:
            key = "import.places_table" if table else "import.places"
            runs.append(text(key, lang, table=table, rows=join_list((str(row) for row in rows), lang)))
    shown = text("semicolon", lang).join(runs)
    more = len(places) - _PLACES_SHOWN
    return text("import.report_places_more", lang, places=shown, more=more) if more > 0 else shown
