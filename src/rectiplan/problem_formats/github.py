"""`validate --format github`: each problem as a GitHub Actions workflow command, which the runner turns into an
annotation on the file and line of the pull request: `::error file=PATH,line=L,col=C,title=CODE::MESSAGE`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..messages import no_workflow_command, printable, problem_hint, problem_message
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


def file_property(path: str) -> str:
    """The file as the annotation names it: the repository's name for it, exact, so that the runner attaches the
    annotation to it, unless it holds characters other than CR and LF (which the runner's escapes carry) that a
    terminal or a CI log would act on (ESC, BEL, an RLO): then sanitized, as the runner could not map such a name to
    the file anyway (its UnescapeProperty decodes only %25 %0D %0A %3A %2C). A "##[" or a leading "::", which the
    sanitizer breaks in text for people, is harmless inside a property: the name stays exact."""
    bare = path.replace("\r", "").replace("\n", "")
    return path if printable(bare) == no_workflow_command(bare) else printable(path)


def workflow_command(problem: Problem, lang: str, cwd: str, root: str | None = None) -> str:
    """One problem as one line: `::error` or `::warning`, the file (as the repository names it: relative, with
    forward slashes), its line and column when it has them, and the code as the title. The message is the
    problem's parsable line, `path:line:col: message [code]` in `lang`, with the hint, if any, as its second line:
    the runner makes annotations of the first 10 errors and 10 warnings of a step only, and writes the others to
    the log as their message alone (actions/runner ExecutionContext.AddIssue), which must then say where."""
    command = "warning" if problem.severity is Severity.WARNING else "error"
    path = repository_path(problem.path, cwd, root=root)
    # The file property is the name in the repository (see file_property). The message, which people read in the
    # log, goes through the sanitizer, as every text for people does.
    properties = [("file", file_property(path))]
    where = printable(path)
    if problem.line:  # a problem about the whole file has no position; the runner drops a column without a line
        properties.append(("line", str(problem.line)))
        where += f":{problem.line}"
        if problem.column:
            properties.append(("col", str(problem.column)))
            where += f":{problem.column}"
    properties.append(("title", problem.code))
    message = f"{where}: {problem_message(problem, lang)} [{problem.code}]"
    hint = problem_hint(problem, lang)
    if hint:
        message += "\n" + printable(hint)
    listed = ",".join(f"{name}={escape_property(value)}" for name, value in properties)
    return f"::{command} {listed}::{escape_data(message)}"


def workflow_commands(problems: Sequence[Problem], lang: str, cwd: str, root: str | None = None) -> Iterator[str]:
    """Every problem, one command a line, in the order given (by file, then position). `root`: the checkout
    ($GITHUB_WORKSPACE), which paths are relative to when the files are inside it (see repository_path)."""
    for problem in problems:
        yield workflow_command(problem, lang, cwd, root)
