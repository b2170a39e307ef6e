"""The command line: parses arguments, calls the core, hands the result to a renderer."""

from __future__ import annotations

import contextlib
import difflib
import errno
import importlib
import inspect
import io
import os
import re
import shlex
import signal
import sys
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from ..messages import detect_language, language_named, printable, text, word
from .complete import COMPLETE_VAR, is_completing, prepare, script_request
from .exit_status import ExitStatus
from .options import LangOption
from .session import GLOBAL_LANG

# Every command: its name, and where its function is ("module:function" in this package), in the order help lists
# them; a new command is one line here. A command's module is imported, and its Click command built, only when it
# runs or when help lists the commands: importing all of them and building every command's options on every run
# cost 79 million instructions, 7 % of `overdue --format json` (benchmarks/README.md, "Start-up (issue 8)").
COMMANDS: dict[str, str] = {
    "list": "list_items:list_items",
    "overdue": "overdue:overdue_items",
    "show": "show:show_item",
    "validate": "validate:validate_plans",
    "schema": "schema:print_schema",
    # The 台账's warnings, counts and reports (issue 6).
    "due": "due:due_items",
    "summary": "summary:summary_counts",
    "remind": "remind:remind_people",
    "report": "report:progress_report",
    # The 台账's edits (issue 6).
    "start": "start:start_item",
    "done": "done:done_item",
    "set-status": "set_status:set_item_status",
    "note": "note:note_item",
    "extend": "extend:extend_item",
    "attach": "attach:attach_materials",
    "close": "close:close_item",
    # The office formats (issue 7).
    "export": "export:export_items",
    "import": "import_plan:import_plan",
}


class _LazyCommands(MutableMapping[str, Any]):
    """The group's commands, by name, as Click reads them (`commands[name]`, `.get`, iteration for the names): the
    names come from COMMANDS, a command is built the first time it is looked up."""

    def __init__(self, table: Mapping[str, str], given: Mapping[str, Any]) -> None:
        self._names = [*table, *(name for name in given if name not in table)]
        self._table = dict(table)
        self._built: dict[str, Any] = dict(given)

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in self._table:
                raise KeyError(name)
            self._built[name] = _build_command(name, self._table[name])
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        if name not in self._names:
            self._names.append(name)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        if name not in self._names:
            raise KeyError(name)
        self._names.remove(name)
        self._table.pop(name, None)
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._names))

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:
        return name in self._names


def _build_command(name: str, where: str) -> Any:
    """The Click command of one entry of COMMANDS, built as `app.command(name, cls=_Command)` would build it."""
    from typer.main import get_command_from_info
    from typer.models import CommandInfo

    module_name, _, function = where.partition(":")
    module = importlib.import_module(f".{module_name}", __name__)
    info = CommandInfo(name=name, cls=_Command, callback=getattr(module, function))
    return get_command_from_info(
        info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode
    )


class _Group(TyperGroup):
    """Reports usage errors itself, in the user's language and as plain lines, instead of Click's English box;
    builds its commands from COMMANDS as they are needed."""

    def __init__(self, *, commands: Any = None, **attrs: Any) -> None:
        super().__init__(commands=commands, **attrs)
        # Commands registered with `app.command` too (none in rectiplan itself) come after the table's.
        self.commands = _LazyCommands(COMMANDS, dict(self.commands))

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # the names only: TyperGroup's `.items()` would build every command

    def get_params(self, ctx: Any) -> list[Any]:
        return _plain_metavars(super().get_params(ctx), ctx)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        for command in self.commands.values():
            if command.short_help is None and command.help:
                # Rich help keeps a docstring's line breaks in the commands panel: a sentence broke where the
                # source line ended. The first paragraph as one line, wrapped to the terminal instead.
                first = inspect.cleandoc(command.help).split("\n\n")[0]
                command.short_help = " ".join(first.split())
        with _folding_help():
            super().format_help(ctx, formatter)

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
        complete_var = complete_var or COMPLETE_VAR
        if not is_completing():  # a shell reads everything a completion prints
            _warn_about_language_variable()
        requested = script_request(argv, _language(argv))
        if requested is not None:
            sys.exit(requested)
        try:
            status = super().main(argv, prog_name, complete_var, False, **extra)
        except typer.Abort:
            # Click turns Ctrl-C into Abort; it is an interruption, not a plan problem.
            raise KeyboardInterrupt from None
        except Exception as error:
            if not _is_usage_error(error):
                raise
            _report_usage_error(error, _language(argv), argv)
            sys.exit(int(ExitStatus.USAGE))
        sys.exit(status if isinstance(status, int) else 0)

    def _main_shell_completion(self, ctx_args: Any, prog_name: str, complete_var: str | None = None) -> None:
        """Answer a shell's completion request, or offer nothing: never an error or a traceback into the shell."""
        try:
            prepare()
            super()._main_shell_completion(ctx_args, prog_name, complete_var)
        except Exception:  # noqa: BLE001 - what the shell would show is completions or nothing
            sys.exit(0)

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


def _warn_about_language_variable() -> None:
    """A RECTIPLAN_LANG that names neither language is not silently ignored: one line says what is used instead."""
    value = os.environ.get("RECTIPLAN_LANG")
    if value and language_named(value) is None:
        fallback = detect_language(None, os.environ)
        language = word(f"lang.{fallback}", fallback)
        sys.stderr.write(text("warning.bad_lang_env", fallback, value=value, language=language) + "\n")


def _language(argv: list[str]) -> str:
    requested = None
    for index, argument in enumerate(argv):
        if argument == "--lang" and index + 1 < len(argv):
            requested = argv[index + 1]
        elif argument.startswith("--lang="):
            requested = argument.partition("=")[2]
    return detect_language(requested, os.environ)


_NOT_A_CHOICE = r"'(.*)' is not one of (.*?)\.?$"
# Click's wording, and Typer's own coercion's (pydantic-like) for the same mistake.
_NOT_AN_INTEGER = r"'(.*)' is not a valid integer\.?$|^Input should be a valid integer"
_NO_SUCH_COMMAND = r"No such command (['\"])(.*)\1\."
_REQUIRES_VALUE = r"Option '(.*)' requires (?:an argument|\d+ arguments)\."
_TAKES_NO_VALUE = r"Option '(.*)' does not take a value\."
_EXTRA_ARGUMENTS = r"Got unexpected extra arguments? ?(?:\(s\))? \((.*)\)"


def _report_usage_error(error: Any, lang: str, argv: Sequence[str] = ()) -> None:
    """Click's usage errors in the user's language, every line of them: Click's English is only matched, never shown
    under zh unless Click says something this function does not know."""
    kind = type(error).__name__
    context = getattr(error, "ctx", None)
    if kind == "NoArgsIsHelpError":
        # `rectiplan` alone: the help (Typer's rich help prints itself; plain Click returns it), no empty error line.
        if error.format_message().strip():
            sys.stdout.write(error.format_message().rstrip("\n") + "\n")
        return
    lines = []
    dash_hint = None
    if context is not None:
        usage = context.get_usage().removeprefix("Usage: ")
        lines.append(text("usage.usage", lang, usage=usage))
        lines.append(text("usage.try", lang, command=context.command_path))
    hint = getattr(error, "param_hint", None)
    param = getattr(error, "param", None)
    if hint is None and param is not None:
        is_argument = getattr(param, "param_type_name", "") == "argument"
        hint = getattr(param, "metavar", None) if is_argument else None
        hint = hint.strip("[]. ") if hint else hint  # "ID..." in the usage line, "ID" in the message
        hint = hint or " / ".join(getattr(param, "opts", ()))
    message = (getattr(error, "message", None) or error.format_message()).removeprefix("Value error, ")
    choice = re.search(_NOT_A_CHOICE, message)
    integer = re.search(_NOT_AN_INTEGER, message)
    if choice:
        message = text("usage.not_a_choice", lang, value=choice[1], choices=choice[2].replace("'", ""))
    elif integer:
        message = text("usage.not_an_integer", lang)
    unknown_command = re.match(_NO_SUCH_COMMAND, message)
    requires_value = re.match(_REQUIRES_VALUE, message)
    takes_no_value = re.match(_TAKES_NO_VALUE, message)
    extra_arguments = re.match(_EXTRA_ARGUMENTS, message)
    if unknown_command:
        name = unknown_command[2]
        detail = text("usage.no_such_command", lang, command=name)
        commands = sorted(getattr(getattr(context, "command", None), "commands", None) or ())
        near = difflib.get_close_matches(name, commands, n=1)
        if near:
            detail += text("closest", lang, closest=near[0])
    elif message == "Missing command.":
        detail = text("usage.missing_command", lang)
    elif requires_value:
        detail = text("usage.requires_value", lang, option=requires_value[1])
    elif takes_no_value:
        detail = text("usage.takes_no_value", lang, option=takes_no_value[1])
    elif extra_arguments:
        detail = text("usage.extra_arguments", lang, arguments=extra_arguments[1])
    elif kind == "NoSuchOption":
        possibilities = getattr(error, "possibilities", None) or []
        detail = text("usage.no_such_option", lang, option=error.option_name)
        # Click offers every option that starts alike (`--as`: --as-of, --lang, --plan?); name the nearest one.
        near = difflib.get_close_matches(error.option_name, possibilities, n=1, cutoff=0) if possibilities else []
        if near:
            detail += text("closest", lang, closest=near[0])
        dash_hint = _dash_text_hint(error.option_name, context, argv, lang)
    elif kind == "MissingParameter":
        detail = text("usage.missing", lang, param=hint or (param.human_readable_name if param else ""))
    elif kind == "BadParameter" and hint:
        detail = text(
            "usage.bad_value", lang, param=hint if isinstance(hint, str) else " / ".join(hint), message=message
        )
    else:
        detail = message
    lines.append(text("usage.error", lang, detail=detail))
    if dash_hint:
        lines.append(dash_hint)
    # Everything here may echo what was typed (an option, a value, an extra argument): through the one sanitizer.
    sys.stderr.write("\n".join(printable(line, newlines=True) for line in lines) + "\n")


_OPTION_LIKE = r"--?[A-Za-z][A-Za-z0-9-]*"
# Arguments that take free text, where a leading "-" (a list dash, a minus) is ordinary.
_TEXT_METAVARS = frozenset({"TEXT", "MATERIAL..."})
_SHELL_PLAIN = r"[^\s'\"\\$`!*?;&|<>(){}\[\]#~]+"


def _dash_text_hint(option: str, context: Any, argv: Sequence[str], lang: str) -> str | None:
    """For `note 2 "-已发文"`: Click took the text for an option (-已); say how to give it, with the user's own
    command line rewritten. Only for a command that has arguments, and a word that is text rather than a
    mistyped option (not option-like, or given where the command takes free text)."""
    command = getattr(context, "command", None)
    arguments = [param for param in getattr(command, "params", ()) if param.param_type_name == "argument"]
    if not arguments or "--" in argv:
        return None
    takes_text = any(param.metavar in _TEXT_METAVARS for param in arguments)
    if re.fullmatch(_OPTION_LIKE, option) and not takes_text:
        return None
    word_given = next((argument for argument in argv if argument.startswith(option)), option)
    rest = list(argv)
    if word_given in rest:
        rest.remove(word_given)
    program = context.find_root().command_path if context is not None else "rectiplan"
    shown = [*rest, "--", word_given]
    example = " ".join([program, *(part if re.fullmatch(_SHELL_PLAIN, part) else shlex.quote(part) for part in shown)])
    return text("usage.dash_text", lang, example=printable(example))


class _Argument(TyperArgument):
    def display_type_rich(self, ctx: Any) -> str | None:
        return None  # the metavar (ID, PATH) says it; Typer would add `<list[str]>`


def _plain_metavars(params: list[Any], ctx: Any) -> list[Any]:
    """Help that shows what to type, not Python type names: nothing after a flag (not `<bool>`), `table|json|csv`
    rather than `<table|json|csv>`, no `<list[str]>` beside an argument."""
    for param in params:
        if param.param_type_name == "argument":
            param.__class__ = _Argument
        elif param.metavar is None:
            param.metavar = "" if getattr(param, "is_flag", False) else param.display_type(ctx).strip("<>")
        if param.name == "help":
            param.help = "Show this help and exit. 显示帮助。"
        elif param.name in _COMPLETION_HELP:
            # Typer's own options (added after the group is built), English only and with no sign that they take a
            # shell, which script_request reads.
            param.metavar = "[SHELL]"
            param.help = _COMPLETION_HELP[param.name]
    return params


_COMPLETION_HELP = {
    "install_completion": "Install completion for the current shell, or for SHELL (bash, zsh, fish, powershell, "
    "pwsh). 安装命令补全。",
    "show_completion": "Print the completion script for the current shell, or for SHELL, to copy it or customize "
    "the installation. 显示命令补全脚本。",
}


class _Unbuilt:
    """A parameter's coercion before Typer builds it. Typer builds a pydantic TypeAdapter for every parameter of
    the command it runs, given or not (about 4 million instructions each); a missing value (None) needs none:
    Typer's RuntimeParam.coerce answers it, unchanged, without the adapter. Any other value builds and uses it."""

    def __init__(self, build: Any) -> None:
        self._build = build

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if value is None:  # as RuntimeParam.coerce
            return () if param.multiple or param.nargs == -1 else None
        return self._build().coerce(value, param=param, ctx=ctx)


def _defer_coercion() -> None:
    """Typer's parameters build their coercion on the first value that is not None (see _Unbuilt)."""
    from typer.core import _TyperParameter

    built = getattr(_TyperParameter, "get_runtime_param", None)
    if built is None or getattr(built, "deferred", False):
        return  # another Typer: its own way

    def get_runtime_param(self: Any) -> Any:
        if self._runtime_param is None:
            return _Unbuilt(lambda: built(self))
        return self._runtime_param

    get_runtime_param.deferred = True  # type: ignore[attr-defined]
    _TyperParameter.get_runtime_param = get_runtime_param  # type: ignore[method-assign]


_defer_coercion()


class _Command(TyperCommand):
    """A command with plain metavars in its help, and `ID...` rather than `{ID}...` in its usage line."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _plain_metavars(super().get_params(ctx), ctx)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        with _folding_help():
            super().format_help(ctx, formatter)

    def invoke(self, ctx: Any) -> Any:
        from ..launch import resume_collector

        resume_collector()  # start-up is over: the command's own work runs with the collector as usual
        return super().invoke(ctx)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name != "argument":
                continue
            name = (param.metavar or param.name.upper()).strip("[]. ")
            name = name if param.required else f"[{name}]"
            pieces.append(name + ("..." if param.nargs != 1 else ""))
        return pieces


# The longest line of a list of choices in help (`--format`): longer lists go on several lines.
CHOICE_LINE = 12


@contextlib.contextmanager
def _folding_help() -> Iterator[None]:
    """Typer's help panels are Rich tables whose columns cut a cell with "…": a word too long for its column, and
    (a Rich bug) any line that fills its column exactly, since the space after its last word counts against it.
    While help is printed, the panels' tables fold instead: every word of the help is shown, at any width."""
    from rich.columns import Columns
    from rich.table import Table
    from rich.text import Text
    from typer import rich_utils

    from ..formats.layout import usable_width

    class FoldingTable(Table):
        def add_column(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("overflow", "fold")
            super().add_column(*args, **kwargs)

        def add_row(self, *renderables: Any, **kwargs: Any) -> None:
            while len(self.columns) < len(renderables):  # Rich would add them itself, cutting with "…"
                self.add_column()
            super().add_row(*(_choice_lines(renderable) for renderable in renderables), **kwargs)

    def _choice_lines(renderable: Any) -> Any:
        # A long list of choices `ics|md|csv|json|xlsx|docx` is one word to Rich, folded anywhere (`doc` / `x`):
        # set it on lines of a few choices each, broken after a `|`, so every choice name stays whole.
        if not isinstance(renderable, Text) or len(renderable.plain) <= CHOICE_LINE:
            return renderable
        if not re.fullmatch(r"[\w.-]+(\|[\w.-]+)+", renderable.plain):
            return renderable
        lines = [""]
        for choice in renderable.plain.split("|"):
            if lines[-1] and len(lines[-1]) + len(choice) + 1 > CHOICE_LINE:
                lines[-1] += "|"
                lines.append(choice)
            else:
                lines[-1] += ("|" if lines[-1] else "") + choice
        return Text("\n".join(lines), style=renderable.style, overflow=renderable.overflow)

    class FoldingColumns(Columns):
        # An option's help is a Rich Columns of texts (help, default, env var), laid out by a table of its own.
        def __init__(self, renderables: Any = None, *args: Any, **kwargs: Any) -> None:
            for renderable in renderables or ():
                if isinstance(renderable, Text) and renderable.overflow is None:
                    renderable.overflow = "fold"
            super().__init__(renderables, *args, **kwargs)

    make_console = rich_utils._get_rich_console

    class Unpadded:
        """The console's output with the spaces Rich pads its lines with (blank and Usage lines, panel cells) taken
        off their ends: piped help has no line ending in spaces. Rich writes a whole rendering at once."""

        def __init__(self, stream: Any) -> None:
            self.stream = stream

        def write(self, text: str) -> int:
            self.stream.write(re.sub(r"[ \t]+(?=\n|$)", "", text))
            return len(text)

        def __getattr__(self, name: str) -> Any:
            return getattr(self.stream, name)

    def bounded_console(stderr: bool = False) -> Any:
        # Typer's console takes COLUMNS (or TERMINAL_WIDTH) as it is: COLUMNS=99999999999 padded help to 100 GB.
        console = make_console(stderr)
        console.width = usable_width(console.width)
        if not console.is_terminal:
            console.file = Unpadded(console.file)  # type: ignore[assignment]  # a stand-in for the stream
        return console

    originals = (rich_utils.Table, rich_utils.Columns, make_console)  # type: ignore[attr-defined]
    rich_utils.Table, rich_utils.Columns = FoldingTable, FoldingColumns  # type: ignore[attr-defined]
    rich_utils._get_rich_console = bounded_console
    try:
        yield
    finally:
        rich_utils.Table, rich_utils.Columns, rich_utils._get_rich_console = originals  # type: ignore[attr-defined]


def _print_version(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:  # completing `rectiplan --version ...` prints no version
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("rectiplan")
        except PackageNotFoundError:  # run from a source tree that was never installed
            from .. import __version__ as number
        sys.stdout.write(f"rectiplan {number}\n")
        raise typer.Exit()


app = typer.Typer(
    name="rectiplan",
    cls=_Group,
    help="Track rectification plans (整改方案) kept as YAML: list items, flag overdue ones, validate plan files. "
    "跟踪整改方案。",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _options(
    lang: LangOption = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit. 版本号。"),
    ] = False,
) -> None:
    # `rectiplan --lang en list` as well as `rectiplan list --lang en`; the command's own --lang wins.
    if lang is not None and language_named(lang) is None:
        message = text("error.bad_lang", detect_language(None, os.environ), value=lang)
        raise typer.BadParameter(message, param_hint="--lang")
    GLOBAL_LANG.set(lang)


__all__ = ["COMMANDS", "ExitStatus", "app", "main"]


def main() -> None:
    # `rectiplan list | head`: end quietly when the reader goes away, as Unix tools do, not with Click's exit 1.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    _prepare_streams()
    status = _run()
    if status == ExitStatus.INTERRUPTED:
        # Said and flushed by _stop. A normal exit would let the interpreter see the KeyboardInterrupt that Click
        # turned into exit 130 and end the process by SIGINT after all (returncode -2 rather than 130).
        os._exit(status)
    sys.exit(status)


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


@contextlib.contextmanager
def _without_pydantic_plugins() -> Iterator[None]:
    """The command line builds its plan models without Pydantic plugins, unless PYDANTIC_DISABLE_PLUGINS says
    otherwise (set to anything, even empty, it is left as it is: empty loads every plugin). Pydantic looks for
    plugins in every installed package's entry points when it builds the first model (≈11 million instructions,
    2-3 ms: 1% of `overdue`); plugins observe validation (logfire), and the plan models are the command line's
    own business. Typer does the same for the models of its options. Only for the run: the library, and a program
    that calls main(), see the variable as it was."""
    if "PYDANTIC_DISABLE_PLUGINS" in os.environ:
        yield
        return
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
    try:
        yield
    finally:
        os.environ.pop("PYDANTIC_DISABLE_PLUGINS", None)


def _run() -> int:
    """Run the command and flush its output; every way of failing becomes one line on stderr and an exit code."""
    argv = sys.argv[1:]
    try:
        # From here on Ctrl-C is a KeyboardInterrupt this function reports (launch ended the run quietly until now).
        signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            with _without_pydantic_plugins():
                app()
            status: Any = 0
        except SystemExit as done:
            status = done.code
        if status == ExitStatus.INTERRUPTED:  # Typer turns Ctrl-C into a quiet exit 130
            raise KeyboardInterrupt
        sys.stdout.flush()
        # The work is done and written: a Ctrl-C from now on has nothing to interrupt. Ignored, it also cannot
        # kill the interpreter while it shuts down (Python restores the default handler then, but not over
        # SIG_IGN), which ended a finished run with -2 instead of its exit status.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except KeyboardInterrupt:
        return _stop(ExitStatus.INTERRUPTED, text("error.interrupted", _message_language(argv)))
    except UnicodeEncodeError as error:
        encoding = getattr(sys.stdout, "encoding", None) or error.encoding
        key = "error.output_encoding" if _command_of(argv) in _WITH_JSON else "error.output_encoding_text"
        return _stop(ExitStatus.OUTPUT, text(key, _message_language(argv), encoding=encoding))
    except OSError as error:
        reason = error.strerror or str(error)
        if error.errno not in _OUTPUT_ERRNOS:
            # Not a write error: reading is handled (and located) long before; still one line, not a traceback.
            return _stop(ExitStatus.USAGE, f"{reason}: {printable(str(error.filename or ''))}".rstrip(": "))
        return _stop(ExitStatus.OUTPUT, text("error.output", _message_language(argv), reason=reason))
    except Exception as error:  # noqa: BLE001 - a bug or exhausted memory: still one line and a documented code
        detail = printable(f"{type(error).__name__}: {error}".rstrip(": "))
        return _stop(ExitStatus.INTERNAL, text("error.unexpected", _message_language(argv), error=detail))
    if status is None:
        return 0
    return status if isinstance(status, int) else int(ExitStatus.USAGE)


# The commands that have a --format json to suggest when the output encoding cannot show a table.
_WITH_JSON = frozenset({"list", "overdue", "due", "show", "summary", "validate"})


def _command_of(argv: list[str]) -> str | None:
    arguments = iter(argv)
    for argument in arguments:
        if argument == "--lang":
            next(arguments, None)
        elif not argument.startswith("-"):
            return argument
    return None


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
