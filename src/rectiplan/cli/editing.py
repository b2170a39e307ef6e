"""What every editing command does around its one library call (rectiplan.api): read the plans, find the one that
holds the item, read today in its zone, then map the Edit or the refusal to output and an exit status."""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..messages import join_list, printable, text
from .complete import complete_item_id
from .exit_status import ExitStatus
from .session import Session, _from_locale, collector_paused

if TYPE_CHECKING:
    from ..edit import Edit, Loaded
    from ..model import Plan

ItemArgument = Annotated[
    str,
    typer.Argument(metavar="ID", help="The item's number (序号).", show_default=False, autocompletion=complete_item_id),
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", "-n", help="Print the change as a unified diff and write nothing. 试运行。")
]
OnOption = Annotated[
    str | None,
    typer.Option("--on", metavar="DATE", help="The date (2021-09-01, 2021年9月1日, today). Default: today. 日期。"),
]


class EditSession:
    """One editing command: the session, the item's number, and the plan file that holds it, read and valid."""

    def __init__(self, lang: str | None, named: list[str] | None, item: str) -> None:
        from ..query import today_in
        from .show import _item_number

        self.session = Session(lang)
        self.lang = self.session.lang
        self.item_id = _item_number(item, self.lang)
        try:
            self.plan = self._find(named)
            self.today = today_in(_plan_of(self.plan).timezone, self.session.now)
        except BaseException:
            gc.unfreeze()  # see _find; a refusal ends the command, which may be one of many in a test process
            raise

    def _find(self, named: list[str] | None) -> Loaded:
        from ..api import open_sources, plan_holding
        from ..edit import EditRefused
        from ..errors import AmbiguousItem, NoSuchItem
        from ..problems import FILE_ERROR_CODES
        from ..report import render_problems

        session = self.session
        sources = session.sources(named)
        # The plans are read with the cyclic collector paused, so their millions of objects (node trees kept for
        # the edit) are all still "young": the first collection after it would walk them all, and cost this command
        # a quarter of its time. They hold no cycles and live until the command ends: leave them out of collections
        # until then (`apply` unfreezes them), frozen before the collector runs again, not after its first walk.
        collecting = gc.isenabled()
        gc.disable()
        try:
            plans = open_sources(sources)
            gc.freeze()
        finally:
            if collecting:
                gc.enable()
        problems = [problem for plan in plans for problem in plan.result.problems]
        if problems:  # as every command does: warnings are shown; an invalid plan is reported, never edited
            render_problems(problems, session.err, style="parsable")
        if not all(plan.result.ok for plan in plans):
            if any(problem.code in FILE_ERROR_CODES for problem in problems):
                raise typer.Exit(int(ExitStatus.USAGE))
            for plan in plans:
                if not plan.result.ok:
                    shown = printable(text("edit.invalid_plan", self.lang, path=plan.doc.path))
                    session.err.stream.write(shown + "\n")
            raise typer.Exit(int(ExitStatus.PLAN_PROBLEMS))
        try:
            return plan_holding(plans, self.item_id)
        except EditRefused as bundled:  # the plan shipped with rectiplan: a usage error, work on a copy
            session.fail(text(bundled.code, self.lang, **bundled.params))
        except (AmbiguousItem, NoSuchItem) as not_one:
            raise typer.BadParameter(not_one.message(self.lang), param_hint="ID") from None

    def date(self, value: str | None, option: str) -> date:
        """A date option, `today` (in the plan's zone) when not given."""
        return self.today if value is None else self.session.parse_date(value, option, self.today)

    def text_argument(self, value: str, param: str) -> str:
        """Text to write into the plan: not blank, and real text (an argument in another encoding than UTF-8
        arrives with undecodable bytes, which must not end up in the plan as escapes). Under a locale that is not
        UTF-8 the UTF-8 a terminal sent is recovered first, as for --division."""
        value = _from_locale(value) or value
        if not value.strip():
            raise typer.BadParameter(text("error.empty_text", self.lang, param=param), param_hint=param)
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise typer.BadParameter(text("error.not_utf8", self.lang, param=param), param_hint=param) from None
        return value

    def apply(self, verb: Callable[..., Edit], *args: Any, dry_run: bool, **options: Any) -> None:
        """Make the edit with the library's `verb` (rectiplan.api.start, .done...) on the plan and item found, with
        `args` and `options`; print the refusal, or the diff (--dry-run), or what changed once it is written."""
        try:
            self._apply(verb, args, options, dry_run=dry_run)
        finally:
            gc.unfreeze()

    def _apply(
        self, verb: Callable[..., Edit], args: tuple[Any, ...], options: dict[str, Any], *, dry_run: bool
    ) -> None:
        from ..edit import EditRefused
        from ..report import render_problems
        from ..writing import WriteRefused

        session = self.session
        try:
            # An edit re-reads the item (or the whole file) it changed: the same pause as for loading.
            with collector_paused():
                edit = verb(self.plan, self.item_id, *args, dry_run=dry_run, **options)
        except EditRefused as refused:
            message = text(refused.code, self.lang, **self._shown(refused.params))
            session.err.stream.write(f"rectiplan: {printable(message)}\n")
            if refused.problems:
                render_problems(refused.problems, session.err, style="parsable")
            raise typer.Exit(int(ExitStatus.PLAN_PROBLEMS)) from None
        except WriteRefused as refused:
            status = ExitStatus.USAGE if refused.code == "write.failed" else ExitStatus.CONFLICT
            session.fail(text(refused.code, self.lang, **refused.params), status)
        # The file name and the text given are on their way to a terminal: one line, through the one sanitizer.
        summary = printable(text(edit.action, self.lang, path=edit.path, **self._shown(edit.params)))
        if not edit.changed:
            session.out.stream.write(summary + "\n")
            return
        if dry_run:
            session.out.stream.write(printable_diff(edit.diff()))
            session.out.stream.write(text("edit.dry_run", self.lang, summary=summary) + "\n")
            return
        session.out.stream.write(summary + "\n")

    def _shown(self, params: dict[str, Any]) -> dict[str, Any]:
        """Statuses in the user's language."""
        shown = dict(params)
        if "status" in shown and f"status.{shown['status']}" in _STATUS_KEYS:
            shown["status"] = text(f"status.{shown['status']}", self.lang)
        if isinstance(shown.get("materials"), list):
            quoted = "“{}”" if self.lang == "zh" else '"{}"'
            shown["materials"] = join_list((quoted.format(printable(one)) for one in shown["materials"]), self.lang)
        return shown


def printable_diff(diff: str) -> str:
    """The diff of --dry-run, which a person reads: every line through the one sanitizer, and still a valid diff
    (a character is replaced, never a line dropped or split: U+2028 becomes U+FFFD here, not a line break)."""
    lines = diff.split("\n")
    return "\n".join(printable(line.translate(_NO_BREAKS), newlines=True) for line in lines)


_NO_BREAKS = {0x2028: "\N{REPLACEMENT CHARACTER}", 0x2029: "\N{REPLACEMENT CHARACTER}"}


def _plan_of(loaded: Loaded) -> Plan:
    """The plan of a file `_find` returned: only valid plans get that far."""
    plan = loaded.result.plan
    assert plan is not None, loaded.path
    return plan


_STATUS_KEYS = frozenset({"status.pending", "status.in_progress", "status.done", "status.ongoing"})
