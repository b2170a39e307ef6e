"""`rectiplan export`: the selected items written as a file other programs open (xlsx, docx, ics, md, csv, json)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Annotated, Literal, NoReturn

import typer

from ..exports import EXPORT_MODULES
from ..messages import printable, text
from ..writing import WriteRefused, output_path, write_output
from .exit_status import ExitStatus
from .options import NO_FILTERS, AsOfOption, Filters, ForceOption, LangOption, PlanOption, with_filters
from .session import Session

# The choices of --format come from the export registry, as those of `list` come from the format registry.
ExportName = Literal[tuple(EXPORT_MODULES)]  # type: ignore[valid-type]
# A format's name is its file suffix; one more spelling is read.
_SUFFIX_ALIASES = {"markdown": "md"}

ExportFormatOption = Annotated[
    ExportName | None,  # type: ignore[valid-type]
    typer.Option(
        "--format",
        "-f",
        help="The file format. Default: from the suffix of -o (plan.xlsx, plan.ics). 导出格式，默认按 -o 的后缀。",
    ),
]
OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="PATH",
        help="Write to this file (whole or not at all). Default: stdout, for all but xlsx and docx. 输出文件。",
    ),
]
WithProgressOption = Annotated[
    bool,
    typer.Option(
        "--with-progress", help="docx only: add the 完成情况 columns, for a progress report. 仅 docx：增加完成情况列。"
    ),
]


@with_filters
def export_items(
    plan: PlanOption = None,
    filters: Filters = NO_FILTERS,
    as_of: AsOfOption = None,
    output_format: ExportFormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    with_progress: WithProgressOption = False,
    lang: LangOption = None,
) -> None:
    """Export the items to Excel, Word, a calendar (ics), Markdown, CSV or JSON, with the filters of list. 导出台账。"""
    from ..exports import ExportData, exporter

    session = Session(lang)
    to_file = output not in (None, "-")
    if to_file:
        assert output is not None
        try:  # an empty name or one ending in a slash is said as such, before its (missing) suffix is
            output_path(output, printable(output))
        except WriteRefused as refused:
            _refuse(session, refused, output, output_format or "md")
    name = format_for(session, output_format, output if to_file else None)
    if with_progress and name != "docx":
        # Said rather than ignored: the columns asked for would silently be missing from the file.
        raise typer.BadParameter(
            text("export.progress_docx_only", session.lang, format=name), param_hint="--with-progress"
        )
    chosen_exporter = exporter(name)
    # Checked before the plans are read: the answer is the same whatever they hold.
    if not to_file and chosen_exporter.binary and session.out.is_terminal():
        session.fail(text("export.binary_terminal", session.lang, format=name))
    chosen = session.select(plan, filters, as_of=as_of)
    rows = chosen.rows()
    if name == "ics" and not rows:
        # RFC 5545 §3.6: a calendar holds at least one component; an empty one is rejected by some importers.
        session.fail(text("export.ics_empty", session.lang))
    data = ExportData(
        plans=tuple(chosen.plans),
        rows=tuple(rows),
        as_of=chosen.as_of(chosen.entries[0]) if chosen.entries else chosen.today,
        lang=session.lang,
        with_progress=with_progress,
    )
    # Made whole in memory first: a file is then written in one step, and a failing exporter writes nothing.
    buffer = io.BytesIO()
    chosen_exporter.write(data, buffer)
    if not to_file:
        _write_stdout(buffer.getvalue(), session)
        return
    assert output is not None
    try:
        write_output(output, buffer.getvalue(), force=force, shown=printable(output), protected=session.plan_paths)
    except WriteRefused as refused:
        _refuse(session, refused, output, name)
    # Said on stderr, as import does: stdout stays empty for a script, and a user sees the file was written.
    session.err.stream.write(text("export.written", session.lang, path=printable(output)) + "\n")


def _refuse(session: Session, refused: WriteRefused, output: str, name: str) -> NoReturn:
    """Nothing written: exit 4 when writing failed, 2 when the -o name was refused; a folder's refusal shows a file
    name inside it."""
    status = ExitStatus.OUTPUT if refused.code == "write.failed" else ExitStatus.USAGE
    example = f"plan.{name}"
    if refused.code in ("output.folder", "output.slash"):
        example = output + example if refused.code == "output.slash" else str(Path(output) / example)
    session.fail(text(refused.code, session.lang, **refused.params, example=printable(example)), status)


def format_for(
    session: Session, given: str | None, output: str | None, names: tuple[str, ...] = tuple(EXPORT_MODULES)
) -> str:
    """The format: --format, else the suffix of -o. Both given and at odds is refused rather than guessed: a file
    named .xlsx holding CSV would not open, and which of the two was the slip cannot be known. `names`: the formats
    the command writes (`report` writes two); a suffix of any export format still counts as at odds."""
    formats = "|".join(names)
    suffix = Path(output).suffix.lower().lstrip(".") if output else ""
    from_suffix = _SUFFIX_ALIASES.get(suffix, suffix) if suffix else None
    if from_suffix not in EXPORT_MODULES:
        from_suffix = None
    if given is not None:
        if from_suffix is not None and from_suffix != given:
            shown = printable(output or "")
            session.fail(text("export.suffix_conflict", session.lang, format=given, path=shown, suffix=suffix))
        return given
    if from_suffix is not None and from_suffix in names:
        return from_suffix
    if output is None:
        session.fail(text("export.no_format", session.lang, formats=formats))
    session.fail(text("export.unknown_suffix", session.lang, path=printable(output), formats=formats))


def _write_stdout(data: bytes, session: Session) -> None:
    """The file's own bytes to a pipe or a redirected stdout, whatever its encoding (the file says it is UTF-8);
    to a terminal, text through the sanitizer, as every piece of plan text a person reads there."""
    stream = session.out.stream
    if session.out.is_terminal():
        shown = data.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
        stream.write(printable(shown, newlines=True))
        return
    binary = getattr(stream, "buffer", None)
    if binary is None:  # a text-only stream (an embedding program's StringIO): the text exports still fit
        stream.write(data.decode("utf-8"))
        return
    stream.flush()
    binary.write(data)
    binary.flush()
