"""The command line: parses arguments, calls the core, hands the result to a renderer."""

from __future__ import annotations

import sys

import typer

from .exit_status import ExitStatus
from .list import list_items
from .overdue import overdue_items
from .schema import print_schema
from .show import show_item
from .validate import validate_plans

app = typer.Typer(
    name="rectiplan",
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
    # Plan text is Chinese: never let a legacy console code page (cp936, latin-1) turn it into an encoding crash.
    for stream in (sys.stdout, sys.stderr):
        if (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
            try:
                stream.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
            except (AttributeError, ValueError):
                pass
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        # `rectiplan list | head` closed the pipe: not an error worth a traceback.
        sys.stderr.close()
        sys.exit(0)
