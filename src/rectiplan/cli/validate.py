"""`rectiplan validate`: check plan files and report every problem, located."""

from __future__ import annotations

import os
from typing import Annotated, Literal

import typer

from .exit_status import ExitStatus
from .options import LangOption, PlanOption
from .session import Session


def validate_plans(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Plan files or folders. Default: $RECTIPLAN_PLAN, else ./plans/ (never the bundled plan).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        Literal["pretty", "parsable", "json", "github", "gitlab"],
        typer.Option(
            "--format",
            "-f",
            # `\\[` keeps Typer's rich help from reading "[code]" as markup and dropping it.
            help="pretty: with the source line and a hint; parsable: path:line:col: message \\[code] only; json; "
            "github: GitHub Actions annotations; gitlab: GitLab Code Quality report (JSON). 输出格式。",
        ),
    ] = "pretty",
    plan: PlanOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 on warnings too (a probable typo). 警告也视为问题。")
    ] = False,
    lang: LangOption = None,
) -> None:
    """Check plan files; print each problem as path:line:col and exit 1 if any error. 校验方案文件。"""
    from ..messages import text
    from ..problems import FILE_ERROR_CODES, Severity
    from ..report import render_problems

    session = Session(lang)
    # A CI job run in the wrong folder must fail, not pass on the bundled example plan.
    try:
        results = session.load_results([*(paths or ()), *(plan or ())], bundled=False)
    except typer.Exit:
        # Nothing was checked (no plan found, an empty path): the report a CI job keeps as its artifact must still
        # parse, so json and gitlab write an empty array; the exit status still fails the job.
        if output_format in ("json", "gitlab"):
            from ..formats.json import write_json

            write_json([], session.out.stream)
        raise
    problems = [problem for result in results for problem in result.problems]
    if output_format == "json":
        render_problems(problems, session.out, style=output_format)
    elif output_format == "github":
        from ..problem_formats import ROOT_VARIABLES
        from ..problem_formats.github import workflow_commands

        root = os.environ.get(ROOT_VARIABLES["github"]) or None
        for line in workflow_commands(problems, session.lang, os.getcwd(), root):
            session.out.stream.write(line + "\n")
    elif output_format == "gitlab":
        from ..formats.json import write_json
        from ..problem_formats import ROOT_VARIABLES
        from ..problem_formats.gitlab import code_quality_report

        root = os.environ.get(ROOT_VARIABLES["gitlab"]) or None
        write_json(code_quality_report(problems, session.lang, os.getcwd(), root), session.out.stream)
    else:
        # File by file, each with the text that was validated: two files may be shown under the same name.
        for result in results:
            render_problems(result.problems, session.out, style=output_format, sources={result.path: result.text})
    bad = sum(1 for result in results if result.problems)
    if output_format != "json":
        if problems and all(problem.severity is Severity.WARNING for problem in problems):
            # Say why a run with only warnings passed (unless --strict): they are not errors.
            summary = text("summary.warnings_only", session.lang, problems=len(problems), bad=bad, files=len(results))
        elif problems:
            summary = text("summary.invalid", session.lang, problems=len(problems), bad=bad, files=len(results))
        else:
            summary = text("summary.valid", session.lang, files=len(results))
        # The Code Quality report is the whole of stdout (redirected to its file): the CI log gets the summary.
        # Under github the summary is a plain line, never a workflow command: it starts with no "::".
        (session.err if output_format == "gitlab" else session.out).stream.write(summary + "\n")
    if any(problem.code in FILE_ERROR_CODES for problem in problems):
        raise typer.Exit(int(ExitStatus.USAGE))
    if any(strict or problem.severity is Severity.ERROR for problem in problems):
        raise typer.Exit(int(ExitStatus.PLAN_PROBLEMS))
