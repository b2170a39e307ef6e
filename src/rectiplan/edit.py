"""The edits of the daily 台账 loop — start, done, set a status, note progress, extend, attach materials, close —
computed on the exact bytes of a valid plan file, and checked before anything is written.

Each edit splices the few lines it needs (`splice`), then re-reads the new bytes with the same loader and validator
as `validate`: the result must be exactly the old data with the intended change (else the splicer is wrong and
the edit is refused), and must be a valid plan (else the problems are returned and nothing is written). Writing
is `writing.replace_file`'s job.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from .dates import DateError, parse_year_first
from .errors import RectiplanError
from .model import STATUS_LABELS_ZH, Status, status_named
from .problems import FILE_ERROR_CODES, Problem, Severity
from .source import Document, parse_document
from .splice import SpliceError, Splicer, Value
from .validate import LoadResult, item_change_is_valid, load_document, load_document_bytes


@dataclass(frozen=True)
class Loaded:
    """A plan file as read for editing: where it is, its document (bytes and node tree), what validation found."""

    path: Path
    doc: Document
    result: LoadResult
    within: Path | None = None
    identity: tuple[int, int] | None = None  # (device, inode) of the file read: the one a write may replace


# Never the identity of a file: a plan that changed files while it was read is never written.
_NO_FILE = (-1, -1)


def open_plan(path: Path, display: str | None = None, *, within: Path | None = None) -> Loaded:
    """Read and check a plan to edit; `within` as for reading (a link may not lead out of its folder)."""
    from .writing import file_identity

    identity = file_identity(path)
    doc, result = load_document(path, display, within=within)
    if file_identity(path) != identity:
        identity = _NO_FILE
    return Loaded(path, doc, result, within, identity)


@dataclass(frozen=True)
class Edit:
    """One edit of one plan file: the bytes before and after, and what changed, for the one-line report.

    `action` is a message key in `messages.TEXT`; `params` fill it. `before == after` when nothing needs to change.
    """

    path: str
    item_id: int
    before: bytes
    after: bytes
    action: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        return unified_diff(self.before, self.after, self.path)


class EditRefused(RectiplanError):
    """The edit is not made. `code` is a message key in `messages.TEXT`; `problems` are those the edited plan
    would have had (for "edit.invalid_result"), that the plan has (for "edit.invalid_plan"), or why the file could
    not be read at all (for "edit.unreadable_plan": not found, a folder, too large...).

    With problems, `message()` names the first error and how many there are: a script that prints the error must
    learn what is wrong without re-reading the plan (the command line lists them all after the key's text)."""

    def __init__(self, code: str, problems: Sequence[Problem] = (), /, **params: Any) -> None:
        super().__init__(code, **params)
        self.problems = list(problems)

    def message(self, lang: str = "en") -> str:
        detailed = _WITH_FIRST_PROBLEM.get(self.code)
        errors = [problem for problem in self.problems if problem.severity is Severity.ERROR] or self.problems
        if detailed is None or not errors:
            return RectiplanError.message(self._with_status_label(lang), lang)
        from .messages import printable, problem_message, text

        first = errors[0]
        count = len(errors)
        if lang == "zh":
            location = {
                "at": f"（第 {first.line} 行第 {first.column} 列）" if first.line else "",
                "problems": f"{count} 个问题",
            }
        else:
            at = f" at line {first.line}, column {first.column}" if first.line else ""
            location = {"at": at, "problems": f"{count} problem" + ("" if count == 1 else "s")}
        params = dict(self.params)
        if "path" in params:  # a file name may hold control characters; a script prints this message as it is
            params["path"] = printable(str(params["path"]))
        problem = problem_message(first, lang)
        return text(detailed, lang, **params, **location, problem=problem, code=first.code)

    def _with_status_label(self, lang: str) -> RectiplanError:
        """This refusal with its `status` (a Status value, `pending`) as the language's label (未开始), as the command
        line says it; `params` keep the value, for a program."""
        from .messages import TEXT

        status = self.params.get("status")
        key = f"status.{status}"
        if not isinstance(status, str) or key not in TEXT:
            return self
        from .messages import text

        return RectiplanError(self.code, **{**self.params, "status": text(key, lang)})


# The refusals that carry problems, and the message that says the first of them (see EditRefused.message).
_WITH_FIRST_PROBLEM = {
    "edit.unreadable_plan": "edit.unreadable_plan_first",
    "edit.invalid_plan": "edit.invalid_plan_first",
    "edit.invalid_result": "edit.invalid_result_first",
}


# --- the verbs ------------------------------------------------------------------------------------------------------


def set_status(plan: Loaded, item_id: int, status: Status, *, today: date) -> Edit:
    """Give the item another status. `done` is `mark_done` on today (a done item stays as it is: its `done_on` is
    not moved). Leaving `done` removes `done_on`; a closed (销号) item is not reopened."""
    change = _Change(plan, item_id)
    current = change.status()
    if current is status:
        return change.unchanged()
    if status is Status.DONE:
        return mark_done(plan, item_id, on=None, today=today)
    params: dict[str, Any] = {"status": status.value}
    if current is Status.DONE:
        closed_on = change.item.get("closed_on")
        if closed_on is not None:
            raise EditRefused("edit.reopen_closed", id=item_id, closed_on=str(closed_on))
        params["done_on"] = str(change.item.get("done_on"))
        change.remove("done_on")
    change.set("status", change.status_word(status))
    action = "edit.started" if status is Status.IN_PROGRESS else "edit.status"
    return change.finish(action + ("_reopened" if "done_on" in params else ""), **params)


def mark_done(plan: Loaded, item_id: int, *, on: date | None, today: date) -> Edit:
    """Status done, completed on `on` (not after today; None: today).

    A done item keeps its `done_on` unless `on` names another day: moving it to today unasked would turn an item
    finished on time into one done late. Named, the date is corrected (and said so), except on a closed (销号) item,
    whose record is not rewritten by a command."""
    if on is not None:
        _not_future(on, today, "done_on")
    change = _Change(plan, item_id)
    done_on = change.item.get("done_on")
    if change.status() is Status.DONE and done_on is not None:
        if on is None:
            unchanged = change.unchanged()
            return replace(unchanged, action="edit.already_done", params={**unchanged.params, "date": str(done_on)})
        if _date_of(done_on) == on:
            return change.unchanged()
        closed_on = change.item.get("closed_on")
        if closed_on is not None:
            raise EditRefused("edit.done_on_closed", id=item_id, done_on=str(done_on), closed_on=str(closed_on))
        change.set("done_on", on.isoformat(), after=("status",))
        return change.finish("edit.done_on_changed", previous=str(done_on), date=on.isoformat())
    day = on or today
    if change.status() is not Status.DONE:
        change.set("status", change.status_word(Status.DONE))
    change.set("done_on", day.isoformat(), after=("status",))
    return change.finish("edit.done", date=day.isoformat())


def add_note(plan: Loaded, item_id: int, note: str, *, on: date, by: str | None, today: date) -> Edit:
    """Append a progress entry (进展情况) `{on, text, by}`."""
    _not_future(on, today, "on")
    change = _Change(plan, item_id)
    entry = {"on": on.isoformat(), "text": note, **({"by": by} if by else {})}
    change.append("progress", [entry])
    return change.finish("edit.noted", date=on.isoformat())


def extend(plan: Loaded, item_id: int, *, to: date, reason: str, approved_on: date | None, today: date) -> Edit:
    """Append an extension (延期) to `to`, which must be later than the deadline in force, for an item not done.

    `approved_on` is when the extension takes force; the CLI gives today when the user names no day, because one
    written without it counts from the start and would change what was overdue, or done late, on every past date.
    An extension approved after its own new deadline gives no time, and is refused."""
    if approved_on is not None:
        _not_future(approved_on, today, "approved_on")
    change = _Change(plan, item_id)
    if change.status() is Status.DONE:
        raise EditRefused("edit.extend_done", id=item_id, done_on=str(change.item.get("done_on", "-")))
    current = change.effective_deadline()
    if current is not None and to <= current:
        raise EditRefused("edit.not_later", id=item_id, date=to.isoformat(), current=current.isoformat())
    if approved_on is not None and approved_on > to:
        raise EditRefused(
            "edit.approved_after_to", id=item_id, date=to.isoformat(), approved_on=approved_on.isoformat()
        )
    # Extensions are kept in the order they were granted: one approved before the last one would make the deadline
    # in force on the days between depend on which was written last.
    last_approved = _last_approval(change.item.get("extensions") or [])
    if last_approved is not None and (approved_on is None or approved_on < last_approved):
        raise EditRefused(
            "edit.approved_before_last",
            id=item_id,
            approved_on=approved_on.isoformat() if approved_on else "-",
            last=last_approved.isoformat(),
        )
    entry = {"to": to.isoformat(), "reason": reason}
    if approved_on is not None:
        entry["approved_on"] = approved_on.isoformat()
    change.append("extensions", [entry])
    previous = current.isoformat() if current else "-"
    return change.finish("edit.extended", date=to.isoformat(), previous=previous)


def _last_approval(extensions: Sequence[Any]) -> date | None:
    approvals = [_date_of(entry.get("approved_on")) for entry in extensions if isinstance(entry, dict)]
    known = [day for day in approvals if day is not None]
    return max(known) if known else None


def attach(plan: Loaded, item_id: int, materials: Sequence[str]) -> Edit:
    """Append materials (佐证材料); those already listed are not listed twice."""
    change = _Change(plan, item_id)
    listed = change.item.get("materials") or []
    new = [material for material in dict.fromkeys(materials) if material not in listed]
    if not new:
        # Say which were already listed: "item 3 is already so" leaves the user wondering what "so" is.
        unchanged = change.unchanged()
        given = list(dict.fromkeys(materials))
        return replace(unchanged, action="edit.already_attached", params={**unchanged.params, "materials": given})
    change.append("materials", new)
    return change.finish("edit.attached", count=len(new))


def close(plan: Loaded, item_id: int, *, on: date, today: date) -> Edit:
    """Close the item (销号) on `on`: only a done item with at least one material, not before its completion."""
    _not_future(on, today, "closed_on")
    change = _Change(plan, item_id)
    status = change.status()
    if status is not Status.DONE:
        raise EditRefused("edit.close_not_done", id=item_id, status=status.value if status else "?")
    if not change.item.get("materials"):
        raise EditRefused("edit.close_no_materials", id=item_id)
    closed_on = change.item.get("closed_on")
    if closed_on is not None:
        # The 销号 date is a record of when it happened: closing again does not move it (a hand edit can).
        if _date_of(closed_on) == on:
            return change.unchanged()
        raise EditRefused("edit.already_closed", id=item_id, closed_on=str(closed_on))
    done_on = _date_of(change.item.get("done_on"))
    if done_on is not None and on < done_on:
        raise EditRefused("edit.close_before_done", date=on.isoformat(), done_on=done_on.isoformat())
    change.set("closed_on", on.isoformat(), after=("done_on", "status"))
    return change.finish("edit.closed", date=on.isoformat())


# --- one change to one item -------------------------------------------------------------------------------------------


class _Change:
    """The splices of one edit, and the data the file must hold after them."""

    def __init__(self, plan: Loaded, item_id: int) -> None:
        if not plan.result.ok or not isinstance(plan.doc.data, dict):
            problems = plan.result.problems
            # Not found, a folder, too large: a file the command line would answer with exit 2, not a plan problem.
            unreadable = any(problem.code in FILE_ERROR_CODES for problem in problems)
            code = "edit.unreadable_plan" if unreadable else "edit.invalid_plan"
            raise EditRefused(code, problems, path=plan.doc.path)
        self.doc = plan.doc
        items: list[Any] = plan.doc.data["items"]
        found = [index for index, item in enumerate(items) if item.get("id") == item_id]
        if not found:
            raise EditRefused("edit.no_item", id=item_id, path=plan.doc.path)
        self.index = found[0]
        self.item: dict[str, Any] = items[self.index]
        self.item_id = item_id
        self.intended: dict[str, Any] = dict(self.item)
        try:
            self.splicer = Splicer(plan.doc)
        except SpliceError as error:  # about the whole file: say which one
            raise EditRefused(error.code, **{"path": plan.doc.path, **error.params}) from None
        self.node = self.splicer.item_node(self.index)

    def status(self) -> Status | None:
        value = self.item.get("status", "pending")
        return status_named(value) if isinstance(value, str) else None

    def status_word(self, status: Status) -> str:
        """The status as this file writes statuses: 已完成 where the item (else most items) use Chinese labels."""
        chinese = set(STATUS_LABELS_ZH.values())
        own = self.item.get("status")
        if isinstance(own, str):
            in_chinese = own.strip() in chinese
        else:
            written = [item.get("status") for item in self.doc.data["items"] if isinstance(item.get("status"), str)]
            in_chinese = sum(word.strip() in chinese for word in written) * 2 > len(written) > 0
        return STATUS_LABELS_ZH[status] if in_chinese else status.value

    def effective_deadline(self) -> date | None:
        extensions = self.item.get("extensions") or []
        last = extensions[-1].get("to") if extensions and isinstance(extensions[-1], dict) else None
        return _date_of(last) or _date_of(self.item.get("deadline"))

    def set(self, key: str, value: str, *, after: Sequence[str] = ()) -> None:
        self._guarded(lambda: self.splicer.set_scalar(self.node, key, value, after=after))
        self.intended[key] = value

    def remove(self, key: str) -> None:
        self._guarded(lambda: self.splicer.remove_key(self.node, key))
        self.intended.pop(key, None)

    def append(self, key: str, entries: Sequence[Value], *, after: Sequence[str] = ()) -> None:
        self._guarded(lambda: self.splicer.append(self.node, key, entries, after=after))
        listed = self.intended.get(key)
        added = [dict(entry) if isinstance(entry, Mapping) else entry for entry in entries]
        self.intended[key] = [*(listed if isinstance(listed, list) else []), *added]

    def _guarded(self, splice: Any) -> None:
        try:
            splice()
        except SpliceError as error:
            raise EditRefused(error.code, id=self.item_id, **error.params) from None

    def unchanged(self) -> Edit:
        return Edit(self.doc.path, self.item_id, self.doc.raw, self.doc.raw, "edit.unchanged", {"id": self.item_id})

    def finish(self, action: str, /, **params: Any) -> Edit:
        """Re-read the spliced bytes as `validate` would; refuse unless they hold exactly the intended data and are a
        valid plan."""
        try:
            after = self.splicer.result_bytes()
        except SpliceError as error:
            raise EditRefused(error.code, id=self.item_id, **error.params) from None
        data = self.doc.data
        items = list(data["items"])
        items[self.index] = self.intended
        intended = {**data, "items": items}
        done = Edit(self.doc.path, self.item_id, self.doc.raw, after, action, {"id": self.item_id, **params})
        if FULL_REREAD is False and self._item_reads_back(intended):
            return done
        new_doc, result = load_document_bytes(after, self.doc.path)
        if new_doc.data != intended:
            raise EditRefused("edit.guard", id=self.item_id)
        if not result.ok:
            raise EditRefused("edit.invalid_result", result.problems, id=self.item_id)
        return done

    def _item_reads_back(self, intended: dict[str, Any]) -> bool:
        """The quick proof, for a block list of items: every change lies within the item's own lines, the text
        before and after them is the old text, those lines read on their own give exactly the intended item, and
        the plan with that item is valid. The rest of the file was read and validated a moment ago; the item's
        lines start at a line start, with its `- `, and end where the old item's lines ended (before a line at or
        left of the item's keys, or the end), so they read the same inside the file as on their own.
        When any of this does not hold, the whole file is read again instead."""
        splicer = self.splicer
        items_node = splicer.pair(self.doc.root, "items")[1]  # type: ignore[arg-type, index]
        if getattr(items_node, "flow_style", False):
            return False
        old = splicer.text
        start = splicer.line_start(splicer.start(self.node))
        if not re.fullmatch(r" *- +", old[start : splicer.start(self.node)]):
            return False
        end = splicer.after_value(self.node, self.node.value[0][0].start_mark.column)
        if not all(start <= first and last <= end for first, last in splicer.changed_spans()):
            return False
        new = splicer.result()
        new_end = end + len(new) - len(old)
        if new[:start] != old[:start] or new[new_end:] != old[end:]:
            return False
        region = parse_document(new[start:new_end].encode("utf-8"), self.doc.path)
        if region.problems or region.data != [self.intended]:
            return False
        return item_change_is_valid(self.doc, intended, self.index)


# Tests set this to check every edit by reading the whole edited file again, as the quick proof's reference.
FULL_REREAD = False


def _not_future(day: date, today: date, name: str) -> None:
    if day > today:
        raise EditRefused("edit.future", field=name, date=day.isoformat(), today=today.isoformat())


def _date_of(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return parse_year_first(value)
    except DateError:
        return None


# --- showing an edit ------------------------------------------------------------------------------------------------

_HUNK = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@")


def unified_diff(before: bytes, after: bytes, path: str, context: int = 3) -> str:
    """A unified diff of two versions of a plan; only the changed region is compared, so a 10k-item plan costs
    no more than a small one."""
    from .splice import source_text

    old, new = _lines(source_text(before).text), _lines(source_text(after).text)
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    skip = max(0, head - context)
    keep_tail = max(0, tail - context)
    lines = difflib.unified_diff(
        old[skip : len(old) - keep_tail], new[skip : len(new) - keep_tail], fromfile=path, tofile=path, n=context
    )

    def shifted(line: str) -> str:
        match = _HUNK.match(line)
        if not match:
            return line
        return (
            f"@@ -{int(match[1]) + skip}{match[2] or ''} +{int(match[3]) + skip}{match[4] or ''} @@"
            + line[match.end() :]
        )

    return "".join(shifted(line) for line in lines)


def _lines(text: str) -> list[str]:
    # Split at line feeds only (YAML's other breaks are inside values here), and show CRLF lines without the CR.
    parts = text.split("\n")
    if parts and parts[-1] == "":
        parts.pop()
    return [part.removesuffix("\r") + "\n" for part in parts]
