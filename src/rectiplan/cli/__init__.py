"""The command line: parses arguments, calls the core, hands the result to a renderer."""

from __future__ import annotations

import errno
import io
import os
import re
import signal
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperGroup

from ..messages import detect_language, printable, text
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
            # Click turns Ctrl-C into Abort; it is an interruption, not a plan problem.
            raise KeyboardInterrupt from None
        except Exception as error:
            if not _is_usage_error(error):
                raise
            _report_usage_error(error, _language(argv))
            sys.exit(int(ExitStatus.USAGE))
        sys.exit(status if isinstance(status, int) else 0)


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
    _prepare_streams()
    sys.exit(_run())


class _ClosedStream(io.TextIOBase):
    """Stands in for a standard stream the shell closed (`>&-`): writing to it is an output error, not a crash."""

    encoding = "utf-8"

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def _prepare_streams() -> None:
    if sys.stdout is None:
        sys.stdout = _ClosedStream()
    if sys.stderr is None:
        # Nothing can be reported without stderr; what matters then is that the exit code stays the documented one.
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    # Plan text is Chinese: a legacy console code page (latin-1, cp936) must not decide what the output holds.
    # Without PYTHONIOENCODING everything is written as UTF-8. With it, the user's encoding is kept: machine
    # formats stay lossless on their own (json escapes what the encoding lacks, csv is UTF-8 bytes, as its byte
    # order mark says), and text for people fails with a clear message rather than changing silently. Messages on
    # stderr use backslash escapes instead: a diagnostic that gets out beats none.
    chosen = bool(os.environ.get("PYTHONIOENCODING"))
    for stream, errors in ((sys.stdout, "strict"), (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        if chosen:
            reconfigure(errors=errors)
        else:
            reconfigure(encoding="utf-8", errors=errors)


# Errors of writing, not of reading: a plan file that cannot be read is a Problem long before this.
_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EIO, errno.EBADF, errno.EPIPE, errno.EFBIG, getattr(errno, "EDQUOT", -1)}


def _run() -> int:
    """Run the command and flush its output; every way of failing becomes one line on stderr and an exit code."""
    argv = sys.argv[1:]
    try:
        try:
            app()
            status: Any = 0
        except SystemExit as done:
            status = done.code
        if status == ExitStatus.INTERRUPTED:  # Typer turns Ctrl-C into a quiet exit 130
            raise KeyboardInterrupt
        sys.stdout.flush()
    except KeyboardInterrupt:
        return _stop(ExitStatus.INTERRUPTED, text("error.interrupted", _message_language(argv)))
    except UnicodeEncodeError as error:
        encoding = getattr(sys.stdout, "encoding", None) or error.encoding
        return _stop(ExitStatus.OUTPUT, text("error.output_encoding", _message_language(argv), encoding=encoding))
    except OSError as error:
        reason = error.strerror or str(error)
        if error.errno not in _OUTPUT_ERRNOS:
            # Not a write error: reading is handled (and located) long before; still one line, not a traceback.
            return _stop(ExitStatus.USAGE, f"{reason}: {printable(str(error.filename or ''))}".rstrip(": "))
        return _stop(ExitStatus.OUTPUT, text("error.output", _message_language(argv), reason=reason))
    if status is None:
        return 0
    return status if isinstance(status, int) else int(ExitStatus.USAGE)


def _stop(status: ExitStatus, message: str) -> int:
    # What is still buffered for stdout cannot be written either; drop it so that the interpreter's own flush at
    # exit does not print a second, Python-worded error.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass
    try:
        sys.stderr.write(f"rectiplan: {message}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    return int(status)


def _message_language(argv: list[str]) -> str:
    """The language of a last message; English when stderr cannot even encode Chinese."""
    lang = _language(argv)
    try:
        "中文".encode(getattr(sys.stderr, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return "en"
    return lang
