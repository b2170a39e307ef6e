"""Load a plan file and check it completely: YAML, the Pydantic schema and the rules that span fields.

Every finding becomes a located Problem; all of a file's problems are collected, not just the first.
"""

from __future__ import annotations

import difflib
import gc
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .problems import Problem, Severity, sort_problems
from .source import ALIASED, MAX_INT_DIGITS, Document, Loc, LongNumber, parse_document, read_document

PLAN_KEYS = ("title", "issuer", "timezone", "items")
ITEM_KEYS = (
    "id", "topic", "issue", "measures", "evidence", "deadline", "divisions",
    "leader", "owner", "status", "done_on", "notes",
)  # fmt: skip
MEASURE_KEYS = ("text", "divisions")

# People paste the Word table's column headings as keys; point them at the format's names.
CHINESE_KEYS = {
    "标题": "title",
    "序号": "id",
    "主题": "topic",
    "整改内容": "issue",
    "整改措施": "measures",
    "整改检验形式": "evidence",
    "计划完成时间": "deadline",
    "完成时限": "deadline",
    "责任处室": "divisions",
    "责任单位": "divisions",
    "责任人": "leader / owner",
    "状态": "status",
    "完成时间": "done_on",
    "备注": "notes",
}

_EXPECTED_BY_ERROR = {
    "string_type": "text",
    "int_type": "integer",
    "int_parsing": "integer",
    "int_from_float": "integer",
    "list_type": "list",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "dict_type": "mapping",
}
_OWN_CODES = frozenset({"bad-date", "bad-status", "bad-timezone", "empty-value"})


@dataclass
class LoadResult:
    """A plan file as loaded: `plan` is set only when the file has no problem at all."""

    path: str
    plan: Any = None  # rectiplan.model.Plan; typed loosely so importing this module stays cheap
    problems: list[Problem] = field(default_factory=list)
    # The text that was validated, for excerpts under its problems: never a second reading of the path.
    text: str | None = None

    @property
    def ok(self) -> bool:
        return not any(problem.severity is Severity.ERROR for problem in self.problems)


def load_plan(path: Path, display: str | None = None, *, within: Path | None = None) -> LoadResult:
    """Read, parse and validate one plan file. Never raises for a bad file. `within`: see read_document."""
    with _collector_paused():
        return _check(read_document(path, display, within=within))


def load_plan_bytes(raw: bytes, display: str) -> LoadResult:
    """The same as load_plan, for plan text already in memory."""
    with _collector_paused():
        return _check(parse_document(raw, display))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading makes millions of objects and no reference cycles, and the cyclic garbage collector would walk them
    again at every few thousand allocations: with it paused, a 100,000-item plan loads about three times faster.
    Reference counting still frees everything as usual. The pause is process-wide, for the length of one load."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check(doc: Document) -> LoadResult:
    result = LoadResult(doc.path, problems=list(doc.problems), text=doc.text)
    if doc.root is None:
        return result
    if not isinstance(doc.data, dict):
        result.problems.append(doc.problem((), "not-a-mapping", got=describe(doc.data)))
        return result

    from pydantic import ValidationError

    from .model import Plan

    model_problems: list[Problem] = []
    plan = None
    try:
        plan = Plan.model_validate(doc.data)
    except ValidationError as error:
        model_problems.extend(_from_pydantic(doc, error))
    model_problems.extend(_cross_checks(doc, doc.data))
    # A value the source step already refused (an alias, a tag) is None to the model: one problem per place.
    taken = {(problem.line, problem.column) for problem in result.problems}
    result.problems.extend(problem for problem in model_problems if (problem.line, problem.column) not in taken)
    result.problems = sort_problems(result.problems)
    if result.ok:
        result.plan = plan
    return result


def describe(value: Any) -> str:
    """What kind of YAML value this is, in the words messages use."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float, LongNumber)):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return type(value).__name__


def _from_pydantic(doc: Document, error: Any) -> list[Problem]:
    details = error.errors(include_url=False)
    # `tpoic:` is both an unknown key and a missing `topic`: one mistake, reported once, as the misspelling.
    misspelt = {
        (tuple(detail["loc"][:-1]), _suggest(tuple(detail["loc"]), str(detail["loc"][-1])))
        for detail in details
        if detail["type"] == "extra_forbidden"
    }
    problems = []
    for detail in details:
        loc: Loc = tuple(detail["loc"])
        kind: str = detail["type"]
        value = detail.get("input")
        context = detail.get("ctx") or {}
        if value is ALIASED:
            continue  # reported where the alias stands
        if kind == "missing":
            if (loc[:-1], loc[-1]) in misspelt:
                continue
            problem = doc.problem(loc[:-1], "missing-key", key=loc[-1])
            if (problem.line, problem.column) not in doc.merged_at:
                problems.append(problem)
        elif kind == "extra_forbidden":
            key = str(loc[-1])
            problems.append(doc.problem(loc, "unknown-key", at_key=True, key=key, suggestion=_suggest(loc, key)))
        elif value is None or (kind == "too_short" and value in ([], "")):
            problems.append(doc.problem(loc, "empty-value"))
        elif kind in _OWN_CODES:
            problems.append(doc.problem(loc, kind, **context))
        elif isinstance(value, LongNumber) and _EXPECTED_BY_ERROR.get(kind) == "integer":
            problems.append(doc.problem(loc, "bad-value", detail=f"< 10^{MAX_INT_DIGITS}", value=repr(value)))
        elif kind in _EXPECTED_BY_ERROR:
            problems.append(doc.problem(loc, "wrong-type", expected=_EXPECTED_BY_ERROR[kind], got=describe(value)))
        elif kind == "greater_than_equal":
            problems.append(doc.problem(loc, "bad-value", detail=f">= {context.get('ge')}", value=repr(value)))
        else:
            problems.append(doc.problem(loc, "bad-value", detail=detail["msg"], value=repr(value)))
    return problems


def _suggest(loc: Loc, key: str) -> str | None:
    # Full-width letters typed with a Chinese input method (ｔｏｐｉｃ) are the same key to a person.
    typed = unicodedata.normalize("NFKC", key).strip()
    if typed in CHINESE_KEYS:
        return CHINESE_KEYS[typed]
    allowed = PLAN_KEYS if len(loc) == 1 else MEASURE_KEYS if "measures" in loc else ITEM_KEYS
    close = difflib.get_close_matches(typed.lower(), allowed, n=1, cutoff=0.6)
    return close[0] if close else None


def _cross_checks(doc: Document, data: dict[str, Any]) -> list[Problem]:
    """Rules that span fields or items, checked on the raw data so they are found even beside shape errors."""
    from .model import Status, status_named

    items = data.get("items")
    if not isinstance(items, list):
        return []
    problems = []
    first_index_by_id: dict[int, int] = {}
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        item_id = item.get("id")
        if isinstance(item_id, int) and not isinstance(item_id, bool):
            if item_id in first_index_by_id:
                first_line, _ = doc.position(("items", first_index_by_id[item_id], "id"))
                problems.append(doc.problem(("items", index, "id"), "duplicate-id", id=item_id, first_line=first_line))
            else:
                first_index_by_id[item_id] = index
        problems.extend(_measure_divisions(doc, index, item))
        status = item.get("status", "pending")
        is_done = isinstance(status, str) and status_named(status) is Status.DONE
        if is_done and item.get("done_on") is None:
            problems.append(doc.problem(("items", index, "status"), "done-on-missing"))
        elif not is_done and item.get("done_on") is not None:
            shown = status if isinstance(status, str) else str(status)
            problems.append(doc.problem(("items", index, "done_on"), "done-on-unexpected", status=shown))
    return problems


def _measure_divisions(doc: Document, index: int, item: dict[str, Any]) -> list[Problem]:
    divisions = item.get("divisions")
    measures = item.get("measures")
    if not isinstance(divisions, list) or not isinstance(measures, list):
        return []
    known = [division for division in divisions if isinstance(division, str)]
    if not known:
        return []  # the empty item divisions are the problem, reported as such
    problems = []
    for measure_index, measure in enumerate(measures):
        own = measure.get("divisions") if isinstance(measure, dict) else None
        if not isinstance(own, list):
            continue
        for division_index, division in enumerate(own):
            if isinstance(division, str) and division not in known:
                loc = ("items", index, "measures", measure_index, "divisions", division_index)
                problems.append(doc.problem(loc, "measure-division", division=division, known="、".join(known)))
    return problems
