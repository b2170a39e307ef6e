"""`validate --format github`: each problem as a GitHub Actions workflow command, which the runner turns into an
annotation on the file and line of the pull request: `::error file=PATH,line=L,col=C,title=CODE::MESSAGE`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..messages import printable, problem_hint, problem_message
from ..problems import Problem, Severity
from . import repository_path


# The escapes are those of the runner's own toolkit, actions/toolkit packages/core/src/command.ts (escapeData,
# escapeProperty), which the runner undoes in actions/runner src/Runner.Common/ActionCommand.cs (UnescapeData,
# UnescapeProperty). "%" goes first, so that the "%" of an escape is never escaped again. A property also escapes
# "," (it separates the properties) and ":" (a "::" would end them).
def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def workflow_command(problem: Problem, lang: str, cwd: str) -> str:
    """One problem as one line: `::error` or `::warning`, the file (as the repository names it: relative, with
    forward slashes), its line and column when it has them, the code as the title, and the message in `lang` with
    the hint, if any, on a second line of the annotation."""
    command = "warning" if problem.severity is Severity.WARNING else "error"
    # The file as it is in the repository, unsanitized: the annotation is attached by this name. Only the message,
    # which people read, goes through the sanitizer (problem_message does it).
    properties = [("file", repository_path(problem.path, cwd))]
    if problem.line:  # a problem about the whole file has no position; the runner drops a column without a line
        properties.append(("line", str(problem.line)))
        if problem.column:
            properties.append(("col", str(problem.column)))
    properties.append(("title", problem.code))
    message = problem_message(problem, lang)
    hint = problem_hint(problem, lang)
    if hint:
        message += "\n" + printable(hint)
    listed = ",".join(f"{name}={escape_property(value)}" for name, value in properties)
    return f"::{command} {listed}::{escape_data(message)}"


def workflow_commands(problems: Sequence[Problem], lang: str, cwd: str) -> Iterator[str]:
    """Every problem, one command a line, in the order given (by file, then position)."""
    for problem in problems:
        yield workflow_command(problem, lang, cwd)
