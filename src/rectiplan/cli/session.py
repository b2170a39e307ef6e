"""What every command does around its one core call: choose the language, find and load the plans, report
their problems, read dates, and turn bad input into a usage error."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from ..formats.interface import Output
from ..messages import LANGUAGES, detect_language, printable, text
from .exit_status import ExitStatus

if TYPE_CHECKING:
    from ..discovery import Skipped
    from ..model import Plan
    from ..query import Entry
    from ..validate import LoadResult


# An exit status set aside until the command has answered (see `defer_exit`); the command line's entry point
# (cli._Group.invoke) starts each run with None and ends the run with the status found here.
DEFERRED_EXIT: ContextVar[int | None] = ContextVar("rectiplan_deferred_exit", default=None)
# Which status wins when a run has several reasons to fail: the README's order. Any other status (an output
# error, an interruption) ends the run as it is: it says the answer itself did not get through.
EXIT_PRECEDENCE = (ExitStatus.USAGE, ExitStatus.PLAN_PROBLEMS, ExitStatus.OVERDUE, ExitStatus.OK)


def defer_exit(status: ExitStatus) -> None:
    """End the command with `status` once it has answered: a plan with problems beside valid ones still fails
    the run, after the answer from the valid ones."""
    previous = DEFERRED_EXIT.get()
    DEFERRED_EXIT.set(status if previous is None else first_in_precedence(previous, status))


def first_in_precedence(*statuses: int) -> int:
    """A file or usage error (2) over plan problems (1) over overdue items (3) over success (0)."""
    return min(statuses, key=lambda status: EXIT_PRECEDENCE.index(status) if status in EXIT_PRECEDENCE else -1)


@dataclass(frozen=True)
class Selection:
    """The loaded plans, all their items, those that pass the filters, and today in the (first) plan's zone."""

    plans: list[tuple[str, Plan]]
    entries: list[Entry]
    matching: list[Entry]
    today: date


class Session:
    def __init__(self, lang: str | None) -> None:
        if lang is not None and lang.strip().lower()[:2] not in LANGUAGES:
            message = text("error.bad_lang", detect_language(None, os.environ), value=lang)
            raise typer.BadParameter(message, param_hint="--lang")
        self.lang = detect_language(lang, os.environ)
        self.out = Output(sys.stdout, self.lang)
        self.err = Output(sys.stderr, self.lang)
        # The one reading of the clock; the core is always handed dates.
        self.now = datetime.now(timezone.utc)

    def fail(self, message: str, status: ExitStatus = ExitStatus.USAGE) -> NoReturn:
        self.err.stream.write(f"rectiplan: {message}\n")
        raise typer.Exit(int(status))

    def load_results(self, named: Sequence[str] | None) -> list[LoadResult]:
        from ..discovery import DiscoveryError, EmptyPathError, discover
        from ..validate import load_plan

        try:
            found = discover(list(named or ()), os.environ, Path.cwd())
        except EmptyPathError:
            self.fail(text("error.empty_path", self.lang))
        except DiscoveryError as error:
            self._report_skipped(error.skipped)
            if error.reason:
                self.fail(text("error.folder_unreadable", self.lang, path=error.folder, reason=error.reason))
            self.fail(text("error.no_plans", self.lang, path=error.folder))
        self._report_skipped(found.skipped)
        if found.bundled:
            # A folder full of the user's own YAML files and no plans/: say that the answer is about the demo plan.
            shown = printable(found.sources[0].display)
            self.err.stream.write(text("notice.bundled", self.lang, path=shown) + "\n")
        return [load_plan(source.path, source.display, within=source.within) for source in found.sources]

    def _report_skipped(self, skipped: Sequence[Skipped]) -> None:
        for entry in skipped:
            why = text(f"skipped.{entry.why}", self.lang)
            # A file name can hold terminal control characters: printed through the one sanitizer.
            self.err.stream.write(text("notice.skipped", self.lang, path=printable(entry.display), why=why) + "\n")

    def load(self, named: Sequence[str] | None) -> list[tuple[str, Plan]]:
        """The valid plans. The problems of the others go to stderr; the command answers from the valid ones and
        ends with exit 2 (a file error) or 1 (plan problems), set aside with `defer_exit`. With no valid plan at
        all, the command ends here."""
        from ..problems import FILE_ERROR_CODES
        from ..report import render_problems

        results = self.load_results(named)
        problems = [problem for result in results for problem in result.problems]
        valid = [(result.path, result.plan) for result in results if result.plan is not None]
        if problems:
            render_problems(problems, self.err, style="parsable")
            file_error = any(problem.code in FILE_ERROR_CODES for problem in problems)
            status = ExitStatus.USAGE if file_error else ExitStatus.PLAN_PROBLEMS
            message = "error.left_out" if valid else "error.problems_found"
            for result in results:
                if result.plan is None and not any(problem.code in FILE_ERROR_CODES for problem in result.problems):
                    self.err.stream.write(text(message, self.lang, path=result.path) + "\n")
            if not valid:
                raise typer.Exit(int(status))
            defer_exit(status)
        return valid

    def today(self, plans: Sequence[tuple[str, Plan]]) -> date:
        """Today in the (first) plan's time zone: a CI job in UTC at 20:00 on the 31st already sees the 1st."""
        from ..model import DEFAULT_TIMEZONE
        from ..query import today_in

        zone = plans[0][1].timezone if plans else DEFAULT_TIMEZONE
        return today_in(zone, self.now)

    def as_of(self, option: str | None, plans: Sequence[tuple[str, Plan]]) -> Callable[[Entry], date]:
        """Each item's "as of" date: the one given, else today in that item's plan's zone."""
        from ..query import today_in

        if option is not None:
            fixed = self.parse_date(option, "--as-of", self.today(plans))
            return lambda entry: fixed
        by_zone: dict[str, date] = {}

        def today_of(entry: Entry) -> date:
            zone = entry.plan.timezone
            if zone not in by_zone:
                by_zone[zone] = today_in(zone, self.now)
            return by_zone[zone]

        return today_of

    def parse_date(self, value: str, option: str, today: date) -> date:
        from ..dates import DateError, parse_date_argument

        try:
            return parse_date_argument(value, today)
        except DateError as error:
            message = "error.impossible_date" if error.impossible else "error.bad_date"
            raise typer.BadParameter(text(message, self.lang, value=value), param_hint=option) from None

    def select(
        self,
        named: Sequence[str] | None,
        *,
        divisions: Sequence[str] | None,
        people: Sequence[str] | None,
        topic: str | None,
        statuses: Sequence[str] | None,
        due_before: str | None,
        due_after: str | None,
        search: str | None,
    ) -> Selection:
        """Load the plans and apply the filters that `list` and `overdue` share, after checking every name."""
        from ..model import status_named
        from ..query import ItemFilter, entries_of, known_divisions, known_people, select

        plans = self.load(named)
        entries = entries_of(plans)
        today = self.today(plans)
        self._check_names(divisions or (), known_divisions(entries), "error.unknown_division", "--division")
        self._check_names(people or (), known_people(entries), "error.unknown_person", "--person")
        parsed_statuses = []
        for name in statuses or ():
            status = status_named(name)
            if status is None:
                raise typer.BadParameter(text("error.unknown_status", self.lang, name=name), param_hint="--status")
            parsed_statuses.append(status)
        item_filter = ItemFilter(
            divisions=tuple(divisions or ()),
            people=tuple(people or ()),
            topic=topic,
            statuses=tuple(parsed_statuses),
            due_before=None if due_before is None else self.parse_date(due_before, "--due-before", today),
            due_after=None if due_after is None else self.parse_date(due_after, "--due-after", today),
            search=search,
        )
        return Selection(plans, entries, select(entries, item_filter), today)

    def _check_names(self, names: Sequence[str], known: list[str], message: str, option: str) -> None:
        from ..query import closest

        for name in names:
            if name not in known:
                near = closest(name, known)
                hints = {
                    "closest_en": text("closest", "en", closest=near) if near else "",
                    "closest_zh": text("closest", "zh", closest=near) if near else "",
                }
                raise typer.BadParameter(
                    text(message, self.lang, name=name, known="、".join(known), **hints), param_hint=option
                )
