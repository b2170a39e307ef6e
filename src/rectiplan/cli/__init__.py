"""The command line: parses arguments, calls the core, hands the result to a renderer."""

from __future__ import annotations

import os
import re
import signal
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperGroup

from ..messages import detect_language, text
from .exit_status import ExitStatus
from .list_items import list_items
from .overdue import overdue_items
from .schema import print_schema
from .show import show_item
from .validate import validate_plans


class _Group(TyperGroup):
    """Reports usage errors itself, in the user's language and as plain lines, instead of Click's English box."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        argv = list(sys.argv[1:] if args is None else args)
        try:
            status = super().main(argv, prog_name, complete_var, False, **extra)
        except typer.Abort:
            sys.exit(int(ExitStatus.PLAN_PROBLEMS))
        except Exception as error:
            if not _is_usage_error(error):
                raise
            _report_usage_error(error, _language(argv))
            sys.exit(int(ExitStatus.USAGE))
        sys.exit(status if isinstance(status, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        """Run the command; a status it set aside (a plan left out of the answer) ends the run once it answered."""
        from .session import DEFERRED_EXIT, first_in_precedence

        token = DEFERRED_EXIT.set(None)
        try:
            try:
                result = super().invoke(ctx)
            except typer.Exit as done:
                deferred = DEFERRED_EXIT.get()
                if deferred is not None:
                    raise typer.Exit(int(first_in_precedence(done.exit_code, deferred))) from None
                raise
            deferred = DEFERRED_EXIT.get()
            if deferred is not None:
                raise typer.Exit(int(deferred))
            return result
        finally:
            DEFERRED_EXIT.reset(token)


def _is_usage_error(error: Exception) -> bool:
    # Typer vendors its own Click: recognise its UsageError by what it carries rather than by import path.
    return hasattr(error, "format_message") and getattr(error, "exit_code", None) == 2


def _language(argv: list[str]) -> str:
    requested = None
    for index, word in enumerate(argv):
        if word == "--lang" and index + 1 < len(argv):
            requested = argv[index + 1]
        elif word.startswith("--lang="):
            requested = word.partition("=")[2]
    return detect_language(requested, os.environ)


_NOT_A_CHOICE = re.compile(r"'(.*)' is not one of (.*?)\.?$")
_NO_SUCH_COMMAND = re.compile(r"No such command '(.*)'")


def _report_usage_error(error: Any, lang: str) -> None:
    context = getattr(error, "ctx", None)
    lines = []
    if context is not None:
        usage = context.get_usage().removeprefix("Usage: ")
        lines.append(text("usage.usage", lang, usage=usage))
        lines.append(text("usage.try", lang, command=context.command_path))
    hint = getattr(error, "param_hint", None)
    param = getattr(error, "param", None)
    if hint is None and param is not None:
        is_argument = getattr(param, "param_type_name", "") == "argument"
        hint = getattr(param, "metavar", None) if is_argument else None
        hint = hint or " / ".join(getattr(param, "opts", ()))
    kind = type(error).__name__
    message = (getattr(error, "message", None) or error.format_message()).removeprefix("Value error, ")
    choice = _NOT_A_CHOICE.search(message)
    unknown_command = _NO_SUCH_COMMAND.match(message)
    if choice:
        message = text("usage.not_a_choice", lang, value=choice[1], choices=choice[2].replace("'", ""))
    if unknown_command:
        detail = text("usage.no_such_command", lang, command=unknown_command[1])
    elif kind == "NoSuchOption":
        possibilities = getattr(error, "possibilities", None) or []
        detail = text("usage.no_such_option", lang, option=error.option_name)
        if possibilities:
            detail += text("closest", lang, closest=", ".join(sorted(possibilities)))
    elif kind == "MissingParameter":
        detail = text("usage.missing", lang, param=hint or (param.human_readable_name if param else ""))
    elif kind == "BadParameter" and hint:
        detail = text(
            "usage.bad_value", lang, param=hint if isinstance(hint, str) else " / ".join(hint), message=message
        )
    else:
        detail = message
    lines.append(text("usage.error", lang, detail=detail))
    sys.stderr.write("\n".join(lines) + "\n")


app = typer.Typer(
    name="rectiplan",
    cls=_Group,
    help="Track rectification plans (整改方案) kept as YAML: list items, flag overdue ones, validate plan files.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("list")(list_items)
app.command("overdue")(overdue_items)
app.command("show")(show_item)
app.command("validate")(validate_plans)
app.command("schema")(print_schema)

__all__ = ["ExitStatus", "app", "main"]


def main() -> None:
    # `rectiplan list | head`: end quietly when the reader goes away, as Unix tools do, not with Click's exit 1.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    # Plan text is Chinese: a legacy console code page (cp936, latin-1) must not turn it into an encoding crash,
    # and neither may a file name that is not UTF-8. An explicit PYTHONIOENCODING is the user's choice.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        if os.environ.get("PYTHONIOENCODING"):
            reconfigure(errors="backslashreplace")
        else:
            reconfigure(encoding="utf-8", errors="backslashreplace")
    app()
