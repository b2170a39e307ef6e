"""`rectiplan report`: the 整改进展情况报告 in Markdown or Word, reproducible for any past as-of date."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Annotated, Literal, NoReturn

import typer

from ..messages import text
from .exit_status import ExitStatus
from .options import (
    NO_FILTERS,
    AsOfOption,
    Filters,
    ForceOption,
    LangOption,
    PlanOption,
    SinceOption,
    with_filters,
)
from .session import Session

if TYPE_CHECKING:
    from ..writing import WriteRefused

ReportFormatOption = Annotated[
    Literal["md", "docx"] | None,
    typer.Option(
        "--format",
        "-f",
        help="md: Markdown; docx: a Word document (needs -o or a pipe). Default: from the suffix of -o, else md. "
        "格式，默认按 -o 的后缀，否则为 md。",
    ),
]
ReportOutputOption = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar="PATH", help="Write to this file (whole or not at all). 输出文件。"),
]


@with_filters
def progress_report(
    plan: PlanOption = None,
    since: SinceOption = None,
    as_of: AsOfOption = None,
    filters: Filters = NO_FILTERS,
    lang: LangOption = None,
    output_format: ReportFormatOption = None,
    output: ReportOutputOption = None,
    force: ForceOption = False,
) -> None:
    """Progress report in Markdown or Word: totals and completion rate, per division, completed since --since,
    overdue with their latest progress, extensions granted. 整改进展情况报告。"""
    from ..render_report import render_report, report_blocks
    from ..summary import progress_report as build_report

    session = Session(lang)
    to_file = output not in (None, "-")
    if to_file:
        # As export does: the suffix of -o picks the format, and a format at odds with it is refused (a Word file
        # named .md, or Markdown named .docx, would not open).
        from ..messages import printable
        from ..writing import WriteRefused, output_path
        from .export import format_for

        assert output is not None
        try:  # an empty name or one ending in a slash is said as such, before its (missing) suffix is
            output_path(output, printable(output))
        except WriteRefused as refused:
            _refuse(session, refused, output_format or "md")
        name = format_for(session, output_format, output, ("md", "docx"))
    else:
        name = output_format or "md"
    # Checked before the plans are read: the answer is the same whatever they hold.
    if name == "docx" and not to_file and session.out.is_terminal():
        session.fail(text("export.binary_terminal", session.lang, format=name))
    chosen = session.select(plan, filters, as_of=as_of)
    since_date = None if since is None else session.parse_date(since, "--since", chosen.today)
    if since_date is not None:
        # The period runs from --since to the as-of date (each plan's own today when not given): never backwards.
        latest = max((chosen.as_of(entry) for entry in chosen.entries), default=chosen.today)
        if since_date > latest:
            message = text("error.since_after_as_of", session.lang, since=since_date, as_of=latest)
            raise typer.BadParameter(message, param_hint="--since")
    report = build_report(chosen.plans, chosen.matching, chosen.as_of, since_date)
    if name == "md" and not to_file:
        render_report(report, session.out)
        return
    if name == "docx":
        from ..exports.docx import write_report_docx

        buffer = io.BytesIO()
        write_report_docx(report_blocks(report, session.lang), max(report.as_of, default=chosen.today), buffer)
        data = buffer.getvalue()
    else:
        from ..formats.interface import Output

        markdown = io.StringIO()
        render_report(report, Output(markdown, session.lang))
        data = markdown.getvalue().encode("utf-8")
    if not to_file:
        _write_binary(data, session)
        return
    _write_file(session, output or "", data, force=force, suffix=name)


def _refuse(session: Session, refused: WriteRefused, suffix: str) -> NoReturn:
    status = ExitStatus.OUTPUT if refused.code == "write.failed" else ExitStatus.USAGE
    session.fail(text(refused.code, session.lang, **refused.params, example=f"report.{suffix}"), status)


def _write_binary(data: bytes, session: Session) -> None:
    stream = session.out.stream
    binary = getattr(stream, "buffer", None)
    stream.flush()
    if binary is None:  # a text-only stream (an embedding program's StringIO)
        raise typer.BadParameter(text("export.binary_terminal", session.lang, format="docx"), param_hint="-o")
    binary.write(data)
    binary.flush()


def _write_file(session: Session, output: str, data: bytes, *, force: bool, suffix: str) -> None:
    from ..messages import printable
    from ..writing import WriteRefused, write_output

    try:
        write_output(output, data, force=force, shown=printable(output), protected=session.plan_paths)
    except WriteRefused as refused:
        _refuse(session, refused, suffix)
