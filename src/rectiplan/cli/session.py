"""What every command does around its one core call: choose the language, find and load the plans, report
their problems, read dates, and turn bad input into a usage error."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, NoReturn

import typer

from ..formats.interface import Output
from ..messages import detect_language, join_list, language_named, printable, text, word
from .exit_status import ExitStatus

if TYPE_CHECKING:
    from ..api import DayOrToday
    from ..dates import DateError
    from ..discovery import PlanSource, Skipped
    from ..errors import UnknownName
    from ..formats.interface import Row
    from ..model import Plan, Status
    from ..query import Entry
    from ..validate import LoadResult
    from .options import Filters


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


class Selection(NamedTuple):
    """The loaded plans, all their items, those that pass the filters, and today in the (first) plan's zone."""

    plans: list[tuple[str, Plan]]
    entries: list[Entry]
    matching: list[Entry]
    today: date
    # Each entry's as-of date (--as-of, else today in its plan's zone); the due filters judge deadlines on it.
    as_of: Callable[[Entry], date]
    # --as-of as the library takes it (a date, "today", or None), for the question the command asks of the library.
    as_of_day: DayOrToday | None = None

    def rows(self) -> list[Row]:
        """The matching items as rows to show or export, each with its as-of date and how late it is then."""
        from ..formats.interface import Row
        from ..query import days_overdue

        rows = []
        for entry in self.matching:
            when = self.as_of(entry)
            rows.append(Row(entry, days_overdue(entry.item, when), when))
        return rows


# `rectiplan --lang en list`: the language given before the command, set by the group's callback on every run.
GLOBAL_LANG: ContextVar[str | None] = ContextVar("GLOBAL_LANG", default=None)


class Session:
    def __init__(self, lang: str | None) -> None:
        lang = GLOBAL_LANG.get() if lang is None else lang
        if lang is not None and language_named(lang) is None:
            message = text("error.bad_lang", detect_language(None, os.environ), value=lang)
            raise typer.BadParameter(message, param_hint="--lang")
        self.lang = detect_language(lang, os.environ)
        self.out = Output(sys.stdout, self.lang)
        self.err = Output(sys.stderr, self.lang)
        # The one reading of the clock; the core is always handed dates.
        self.now = datetime.now(timezone.utc)
        # Every plan file found to read: a command that writes a file must never write over one of them.
        self.plan_paths: list[Path] = []

    def fail(self, message: str, status: ExitStatus = ExitStatus.USAGE) -> NoReturn:
        self.err.stream.write(f"rectiplan: {printable(message)}\n")
        raise typer.Exit(int(status))

    def load_results(self, named: Sequence[str] | None, *, bundled: bool = True) -> list[LoadResult]:
        from ..api import load_sources

        sources = self.sources(named, bundled=bundled)
        with collector_paused():
            return load_sources(sources)

    def sources(self, named: Sequence[str] | None, *, bundled: bool = True) -> list[PlanSource]:
        """The plan files a command reads; what discovery passed over, and the use of the bundled plan, are said on
        stderr; a folder without plans, or an empty path, ends the command, and so does falling back to the
        bundled plan when `bundled` is false."""
        from ..discovery import DiscoveryError, EmptyPathError, discover

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
        self.plan_paths += [source.path for source in found.sources]
        if found.bundled and not bundled:
            self.fail(text("error.nothing_to_validate", self.lang))
        if found.bundled:
            # A folder full of the user's own YAML files and no plans/: say that the answer is about the demo plan.
            shown = printable(found.sources[0].display)
            self.err.stream.write(text("notice.bundled", self.lang, path=shown) + "\n")
        return found.sources

    def _report_skipped(self, skipped: Sequence[Skipped]) -> None:
        for entry in skipped:
            why = text(f"skipped.{entry.why}", self.lang)
            # A file name can hold terminal control characters: printed through the one sanitizer.
            self.err.stream.write(text("notice.skipped", self.lang, path=printable(entry.display), why=why) + "\n")

    def load(self, named: Sequence[str] | None) -> list[tuple[str, Plan]]:
        """The valid plans. The problems of the others go to stderr; the command answers from the valid ones and
        ends with exit 2 (a file error) or 1 (plan problems), set aside with `defer_exit`. With no valid plan at
        all, the command ends here."""
        from ..api import Loaded
        from ..report import render_problems

        loaded = Loaded(self.load_results(named))
        valid = loaded.plans
        if loaded.problems:
            # Warnings (a probable typo) are only shown; a plan with errors is left out and decides the exit status.
            render_problems(loaded.problems, self.err, style="parsable")
            if loaded.ok:
                return valid
            status = ExitStatus.USAGE if loaded.unreadable else ExitStatus.PLAN_PROBLEMS
            message = "error.left_out" if valid else "error.problems_found"
            for result in loaded.left_out:
                self.err.stream.write(text(message, self.lang, path=printable(result.path)) + "\n")
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
        """Each item's "as of" date: the one given, else today in that item's plan's zone (`today` written out
        means the same: each plan's own today, never the first plan's for all)."""
        from ..api import as_of_each
        from ..dates import is_today_word

        if option is not None and not is_today_word(option):
            return as_of_each(self.parse_date(option, "--as-of", self.today(plans)), self.now)
        return as_of_each(None, self.now)

    def check_days(self, value: int | None, option: str) -> None:
        """A number of days is 0 or more (Typer's own range check would answer in English only)."""
        if value is not None and value < 0:
            raise typer.BadParameter(text("error.negative_days", self.lang, value=value), param_hint=option)

    def parse_date(self, value: str, option: str, today: date) -> date:
        from ..dates import DateError, parse_date_argument

        value = _from_locale(value) or value
        try:
            return parse_date_argument(value, today)
        except DateError as error:
            raise typer.BadParameter(self._date_error(error), param_hint=option) from None

    def _date_error(self, error: DateError) -> str:
        if error.day is not None:
            weekday = word(f"weekday{error.day.weekday()}", self.lang)
            return text("error.wrong_weekday", self.lang, value=error.value, date=error.day, weekday=weekday)
        if error.impossible:
            return text("error.impossible_date", self.lang, value=error.value)
        if error.timed:
            return text("error.timed_date", self.lang, value=error.value)
        return text("error.zoned_date" if error.zoned else "error.bad_date", self.lang, value=error.value)

    def parse_status(self, name: str, param: str) -> Status:
        """A status name or label; an unknown one is refused with the "did you mean" `validate` gives (完成: 已完成)."""
        from ..api import status_of
        from ..errors import UnknownStatus

        name = _from_locale(name) or name  # `set-status 1 已完成` under LANG=C, as for --status
        try:
            return status_of(name)
        except UnknownStatus as unknown:
            raise typer.BadParameter(self._unknown_name(unknown), param_hint=param) from None

    def select(self, named: Sequence[str] | None, filters: Filters, *, as_of: str | None = None) -> Selection:
        """Load the plans and apply the filters the listing commands share with the library's `select`: here only
        the text typed is read (dates, the locale's bytes); an unknown name is a usage error on its option."""
        from .. import api
        from ..query import entries_of

        plans = self.load(named)
        entries = entries_of(plans)
        today = self.today(plans)
        try:
            due_before = self._day(_from_locale(filters.due_before), "--due-before", today)
            due_after = self._day(_from_locale(filters.due_after), "--due-after", today)
            as_of_day = self._day(as_of, "--as-of", today)
        except typer.BadParameter:
            # A name typed wrong is reported before a date typed wrong, as it always was: let the library check
            # the names (on no dates) first.
            self._select(entries, filters)
            raise
        matching = self._select(entries, filters, due_before, due_after, as_of_day)
        as_of_date = api.as_of_each(as_of_day if isinstance(as_of_day, date) else None, self.now)
        return Selection(plans, entries, matching, today, as_of_date, as_of_day)

    def _select(
        self,
        entries: list[Entry],
        filters: Filters,
        due_before: DayOrToday | None = None,
        due_after: DayOrToday | None = None,
        as_of: DayOrToday | None = None,
    ) -> list[Entry]:
        from .. import api
        from ..errors import UnknownDivision, UnknownName, UnknownPerson, UnknownStatus

        try:
            return api.select(
                entries,
                division=_from_locale_all(filters.divisions),
                person=_from_locale_all(filters.people),
                topic=_from_locale(filters.topic),
                status=_from_locale_all(filters.statuses),
                due_before=due_before,
                due_after=due_after,
                search=_from_locale(filters.search),
                as_of=as_of,
                now=self.now,
            )
        except UnknownName as unknown:
            options = {UnknownDivision: "--division", UnknownPerson: "--person", UnknownStatus: "--status"}
            raise typer.BadParameter(self._unknown_name(unknown), param_hint=options[type(unknown)]) from None

    def _day(self, value: str | None, option: str, today: date) -> DayOrToday | None:
        """A date option as the library takes it: a date, or "today" (each plan's own today) for the words for it."""
        from ..api import TODAY
        from ..dates import is_today_word

        if value is None:
            return None
        return TODAY if is_today_word(value) else self.parse_date(value, option, today)

    def _unknown_name(self, unknown: UnknownName) -> str:
        # The name, the known names and the suggestion are plan text on their way to a terminal.
        shown = printable(unknown.suggestion) if unknown.suggestion else None
        hints = {
            "closest_en": text("closest", "en", closest=shown) if shown else "",
            "closest_zh": text("closest", "zh", closest=shown) if shown else "",
        }
        listed = join_list((printable(one) for one in unknown.known), self.lang)
        return text(unknown.code, self.lang, name=printable(unknown.name), known=listed, **hints)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Loading makes millions of objects and no reference cycles, and the cyclic garbage collector would walk them
    again at every few thousand allocations: with it paused, a 100,000-item plan loads about three times faster.
    Reference counting still frees everything as usual. The pause is process-wide, so it is the command line's
    choice, for the length of one load; the library (rectiplan.api) never switches the collector."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _from_locale(value: str | None) -> str | None:
    """A command-line argument as the user typed it. Under a non-UTF-8 locale (LANG=C on older Pythons, an
    ISO-8859-1 locale) Python decodes the UTF-8 bytes a terminal sends for 农村处 as surrogate escapes or as
    Latin-1 mojibake, and no plan would match; the original bytes, when they are valid UTF-8, say what was meant.
    In a UTF-8 locale this changes nothing: the bytes decode to the same text."""
    if value is None or value.isascii():
        return value
    try:
        return os.fsencode(value).decode("utf-8")
    except (UnicodeError, ValueError):
        return value


def _from_locale_all(values: Sequence[str] | None) -> list[str] | None:
    return None if values is None else [_from_locale(value) or value for value in values]
