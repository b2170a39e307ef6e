"""Load a plan file and check it completely: YAML, the Pydantic schema and the rules that span fields.

Every finding becomes a located Problem; all of a file's problems are collected, not just the first.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import (
    EXTENSION_KEYS,
    ITEM_KEYS,
    MEASURE_KEYS,
    PLAN_KEYS,
    PROGRESS_KEYS,
    TEXT_LIST_KEYS,
    WARN_DAYS_KEYS,
)
from .problems import Problem, Severity, sort_problems
from .source import ALIASED, MAX_INT_DIGITS, Document, Loc, LongNumber, parse_document, read_document

if TYPE_CHECKING:
    # Only for the annotations: importing the model builds the Pydantic classes, which `validate` delays until a
    # file is checked.
    from .model import Plan

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
    "销号日期": "closed_on",
    "销号时间": "closed_on",
    "佐证材料": "materials",
    "进展情况": "progress",
    "整改进展": "progress",
    "延期": "extensions",
    "处室名录": "divisions",
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
    plan: Plan | None = None
    problems: list[Problem] = field(default_factory=list)
    # The text that was validated, for excerpts under its problems: never a second reading of the path.
    text: str | None = None

    @property
    def ok(self) -> bool:
        return not any(problem.severity is Severity.ERROR for problem in self.problems)


def load_plan(path: Path, display: str | None = None, *, within: Path | None = None) -> LoadResult:
    """Read, parse and validate one plan file. Never raises for a bad file. `within`: see read_document.

    The garbage collector is left as it is: pausing it makes a large plan load about three times faster, and is
    the caller's choice for its own process (the CLI makes it: cli.session.collector_paused)."""
    return _check(read_document(path, display, within=within))


def load_plan_bytes(raw: bytes, display: str) -> LoadResult:
    """The same as load_plan, for plan text already in memory."""
    return _check(parse_document(raw, display))


def load_document(path: Path, display: str | None = None, *, within: Path | None = None) -> tuple[Document, LoadResult]:
    """As load_plan, keeping the document too: an edit needs its bytes and node tree."""
    doc = read_document(path, display, within=within)
    return doc, _check(doc)


def load_document_bytes(raw: bytes, display: str) -> tuple[Document, LoadResult]:
    """As load_plan_bytes, keeping the document too."""
    doc = parse_document(raw, display)
    return doc, _check(doc)


def item_change_is_valid(doc: Document, data: dict[str, Any], index: int) -> bool:
    """Whether `data`, the data of the valid plan `doc` with only item `index` changed, is still a valid plan: that
    item against the model (the plan model checks items one by one) and every rule that spans items. An edit uses
    this to avoid re-validating 10,000 unchanged items; on False it re-reads the whole file to locate the problems.
    """
    from pydantic import ValidationError

    from .model import Item

    item = data["items"][index]
    try:
        Item.model_validate(item)
    except ValidationError:
        return False
    # The rules that span items look at ids and division names only: when those are the item's old ones, what they
    # found before still holds, and the item's own rules are checked on a plan of that one item.
    before = doc.data["items"][index]
    alone = all(before.get(key) == item.get(key) for key in ("id", "divisions", "measures"))
    scope = {**data, "items": [item]} if alone else data
    return not any(problem.severity is Severity.ERROR for problem in _cross_checks(doc, scope))


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
            problems.append(doc.problem(loc, kind, **context, **_value_hints(kind, loc, value)))
        elif isinstance(value, LongNumber) and _EXPECTED_BY_ERROR.get(kind) == "integer":
            problems.append(doc.problem(loc, "bad-value", detail=f"< 10^{MAX_INT_DIGITS}", value=repr(value)))
        elif kind in _EXPECTED_BY_ERROR:
            expected = _EXPECTED_BY_ERROR[kind]
            # `divisions: 计划处`: show the list it should be, with the key and the value as written.
            is_text_list = expected == "list" and loc[-1] in TEXT_LIST_KEYS and isinstance(value, str)
            example = {"key": loc[-1], "value": value} if is_text_list else {}
            problems.append(doc.problem(loc, "wrong-type", expected=expected, got=describe(value), **example))
        elif kind == "greater_than_equal":
            problems.append(doc.problem(loc, "bad-value", detail=f">= {context.get('ge')}", value=repr(value)))
        else:
            problems.append(doc.problem(loc, "bad-value", detail=detail["msg"], value=repr(value)))
    return problems


def _value_hints(kind: str, loc: Loc, value: Any) -> dict[str, Any]:
    """What the writer most likely meant by a bad status or date, for the message's hint."""
    from .dates import deadline_meant
    from .model import STATUS_BY_NAME, STATUS_LABELS_ZH, STATUS_SYNONYMS, Status, status_meant

    if not isinstance(value, str):
        return {}
    if kind == "bad-status":
        meant = status_meant(value)
        return {"suggestion": meant} if meant else {}
    if kind != "bad-date":
        return {}
    typed = value.strip().lower()
    status = STATUS_BY_NAME.get(typed) or STATUS_SYNONYMS.get(typed)
    if status is not None:
        # `deadline: 长期坚持`: a status written where the date goes.
        shown = STATUS_LABELS_ZH[status] if not typed.isascii() else status.value
        # An ongoing item needs no deadline at all: the fix is to leave it out, not to find a date.
        no_date_needed = status is Status.ONGOING and loc[-1] == "deadline"
        return {"key": loc[-1], "status": shown, **({"ongoing": True} if no_date_needed else {})}
    day = deadline_meant(value)
    if isinstance(day, int):
        return {"key": loc[-1], "month": day}
    return {"key": loc[-1], "meant": day.isoformat()} if day else {}


# Separators a Chinese input method types between list entries; YAML sees one entry with the separator inside.
_FULLWIDTH_SEPARATORS = re.compile("[，、；]")


def _fullwidth_separators(doc: Document, loc: Loc, names: Any) -> list[Problem]:
    """`divisions: [政务服务中心，办公室]` is one division to YAML: report the separator, show the list meant."""
    if not isinstance(names, list):
        return []
    problems = []
    for index, name in enumerate(names):
        found = _FULLWIDTH_SEPARATORS.search(name) if isinstance(name, str) else None
        if found is None:
            continue
        line, column = doc.position((*loc, index))
        node = doc.scalar_at((*loc, index))
        if node is not None and "\n" not in name and node.start_mark.line == node.end_mark.line:
            quote = 1 if node.style in ("'", '"') else 0
            column += quote + found.start()
        parts = [
            part.strip() for entry in names if isinstance(entry, str) for part in _FULLWIDTH_SEPARATORS.split(entry)
        ]
        fixed = f"{loc[-1]}: [{', '.join(part for part in parts if part)}]"
        problems.append(
            Problem(
                doc.path, line, column, "fullwidth-separator", {"value": name, "separator": found[0], "fixed": fixed}
            )
        )
    return problems


def _suggest(loc: Loc, key: str) -> str | None:
    # Full-width letters typed with a Chinese input method (ｔｏｐｉｃ) are the same key to a person.
    typed = unicodedata.normalize("NFKC", key).strip()
    if typed in CHINESE_KEYS:
        return CHINESE_KEYS[typed]
    allowed = PLAN_KEYS if len(loc) == 1 else ITEM_KEYS
    for container, keys in (
        ("measures", MEASURE_KEYS),
        ("progress", PROGRESS_KEYS),
        ("extensions", EXTENSION_KEYS),
        ("warn_days", WARN_DAYS_KEYS),
    ):
        if container in loc:
            allowed = keys
    close = difflib.get_close_matches(typed.lower(), allowed, n=1, cutoff=0.6)
    return close[0] if close else None


def _cross_checks(doc: Document, data: dict[str, Any]) -> list[Problem]:
    """Rules that span fields or items, checked on the raw data so they are found even beside shape errors."""
    from .model import Status, status_named

    problems = _warn_days_order(doc, data)
    items = data.get("items")
    if not isinstance(items, list):
        return problems
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
        problems.extend(_fullwidth_separators(doc, ("items", index, "divisions"), item.get("divisions")))
        measures = item.get("measures")
        for measure_index, measure in enumerate(measures if isinstance(measures, list) else []):
            if isinstance(measure, dict):
                loc = ("items", index, "measures", measure_index, "divisions")
                problems.extend(_fullwidth_separators(doc, loc, measure.get("divisions")))
        status = item.get("status", "pending")
        named = status_named(status) if isinstance(status, str) else None
        is_done = named is Status.DONE
        if is_done and item.get("done_on") is None:
            problems.append(doc.problem(("items", index, "status"), "done-on-missing"))
        elif not is_done and item.get("done_on") is not None and _known_status(status):
            shown = status if isinstance(status, str) else str(status)
            problems.append(doc.problem(("items", index, "done_on"), "done-on-unexpected", status=shown))
        if named is not Status.ONGOING:  # only an ongoing item may have no deadline
            if "deadline" not in item and not _misspelt(item, index, "deadline"):
                missing = doc.problem(("items", index), "missing-key", key="deadline")
                if (missing.line, missing.column) not in doc.merged_at:  # the merge key is the fault there
                    problems.append(missing)
            elif "deadline" in item and item["deadline"] is None:
                problems.append(doc.problem(("items", index, "deadline"), "empty-value"))
        problems.extend(_closing(doc, index, item, is_done=is_done))
        problems.extend(_dates_in_order(doc, index, item))
    problems.extend(_division_names(doc, data, items))
    return problems


def _misspelt(item: dict[str, Any], index: int, key: str) -> bool:
    """Whether an unknown key of the item is a near miss of `key`: then it is reported once, as the misspelling."""
    return any(
        isinstance(written, str) and written not in ITEM_KEYS and _suggest(("items", index, written), written) == key
        for written in item
    )


def _date_or_none(value: Any) -> Any:
    """The date a raw value means, or None when it is not one (the model reports that as bad-date)."""
    from .model import parse_plan_date

    if value is None:
        return None
    try:
        return parse_plan_date(value)
    except ValueError:  # PydanticCustomError is a ValueError
        return None


def _closing(doc: Document, index: int, item: dict[str, Any], *, is_done: bool) -> list[Problem]:
    """销号 comes after completion: only a done item is closed, and not before the day it was done."""
    if item.get("closed_on") is None:
        return []
    loc = ("items", index, "closed_on")
    if not is_done:
        return [doc.problem(loc, "closed-not-done")]
    closed_on, done_on = _date_or_none(item.get("closed_on")), _date_or_none(item.get("done_on"))
    if closed_on is not None and done_on is not None and closed_on < done_on:
        return [doc.problem(loc, "closed-before-done", closed_on=closed_on.isoformat(), done_on=done_on.isoformat())]
    return []


def _dates_in_order(doc: Document, index: int, item: dict[str, Any]) -> list[Problem]:
    """Progress entries are kept oldest first; each extension moves the deadline later than the one before it."""
    problems = []
    progress = item.get("progress")
    if isinstance(progress, list):
        latest = None
        for entry_index, entry in enumerate(progress):
            on = _date_or_none(entry.get("on")) if isinstance(entry, dict) else None
            if on is None:
                continue
            if latest is not None and on < latest:
                loc = ("items", index, "progress", entry_index, "on")
                problems.append(doc.problem(loc, "progress-order", on=on.isoformat(), previous=latest.isoformat()))
            else:
                latest = on
    extensions = item.get("extensions")
    if isinstance(extensions, list):
        current = _date_or_none(item.get("deadline"))
        for entry_index, entry in enumerate(extensions):
            to = _date_or_none(entry.get("to")) if isinstance(entry, dict) else None
            if to is None:
                continue
            if current is not None and to <= current:
                loc = ("items", index, "extensions", entry_index, "to")
                problems.append(
                    doc.problem(loc, "extension-not-later", to=to.isoformat(), previous=current.isoformat())
                )
            else:
                current = to
    return problems


def _warn_days_order(doc: Document, data: dict[str, Any]) -> list[Problem]:
    warn_days = data.get("warn_days")
    if not isinstance(warn_days, dict):
        return []
    yellow, orange = warn_days.get("yellow", 20), warn_days.get("orange", 10)
    numbers = all(isinstance(value, int) and not isinstance(value, bool) and value >= 1 for value in (yellow, orange))
    if numbers and yellow <= orange:
        at = "orange" if "orange" in warn_days else "yellow"
        return [doc.problem(("warn_days", at), "warn-days-order", yellow=yellow, orange=orange)]
    return []


def _named_divisions(items: list[Any]) -> Iterator[tuple[Loc, str]]:
    """Every division an item or a measure names, with where it stands, in file order."""
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        divisions = item.get("divisions")
        if isinstance(divisions, list):
            for division_index, division in enumerate(divisions):
                if isinstance(division, str):
                    yield ("items", index, "divisions", division_index), division
        measures = item.get("measures")
        if not isinstance(measures, list):
            continue
        for measure_index, measure in enumerate(measures):
            own = measure.get("divisions") if isinstance(measure, dict) else None
            if isinstance(own, list):
                for division_index, division in enumerate(own):
                    if isinstance(division, str):
                        yield ("items", index, "measures", measure_index, "divisions", division_index), division


def _division_names(doc: Document, data: dict[str, Any], items: list[Any]) -> list[Problem]:
    """With a 处室名录, every division named must be in it; without one, names one character apart look like typos."""
    roster = data.get("divisions")
    named = list(_named_divisions(items))
    if isinstance(roster, list) and roster:
        known = [name for name in roster if isinstance(name, str)]
        problems = []
        for loc, division in named:
            if division not in known:
                near = difflib.get_close_matches(division, known, n=1, cutoff=0.5)
                problems.append(
                    doc.problem(loc, "unknown-division", division=division, suggestion=near[0] if near else None)
                )
        return problems
    if roster is not None:
        return []  # a roster that is not a list, or empty, is reported as such
    return _similar_divisions(doc, named)


def _similar_divisions(doc: Document, named: list[tuple[Loc, str]]) -> list[Problem]:
    """Two names one character apart (计化处 / 计划处) are most likely one division typed wrong: a warning, not an
    error, since real names can be that close (一处 / 二处). The rarer spelling is the likelier typo (on a tie, the
    one written later): each such name is warned about once, at its first use, naming the most used spelling it is
    one character from. Once per name, not once per pair: 2,000 names all one character apart are 2,000 warnings,
    not two million."""
    count: dict[str, int] = {}
    first: dict[str, Loc] = {}
    for loc, division in named:
        count[division] = count.get(division, 0) + 1
        first.setdefault(division, loc)
    names = list(count)
    # Higher is more established: used more often, then written earlier.
    rank = {name: (count[name], -index) for index, name in enumerate(names)}
    partner: dict[str, str] = {}
    for members in _one_substitution_groups(names):
        ordered = sorted(members, key=rank.__getitem__, reverse=True)
        for place, name in enumerate(ordered[1:], 1):
            # The most established name ahead of it that is one character away. Names in a group differ at one
            # position only, so the first one ahead usually is; a number for a number (一处 / 二处) is passed over,
            # and there are only twenty-odd numerals, so the look-back stays short.
            better = next((other for other in ordered[:place] if _one_character_apart(name, other)), None)
            if better is not None and (name not in partner or rank[better] > rank[partner[name]]):
                partner[name] = better
    problems = []
    for rare, common in partner.items():
        problem = doc.problem(first[rare], "similar-division", division=rare, other=common, uses=count[common])
        problems.append(replace(problem, severity=Severity.WARNING))
    return problems


def _one_substitution_groups(names: list[str]) -> list[list[str]]:
    """Groups of names of equal length that are the same but at one position: each name is filed under a key per
    position with that character wildcarded (`计?处`), so only names that share a key are ever compared (10,000
    names compared pairwise took 79 s)."""
    # The key holds hashes of the text before and after the wildcard, not the text: slicing a 100,000-character name
    # at every position would be quadratic in its length. A collision only adds a name the caller checks anyway.
    groups: dict[tuple[int, int, int, int], list[str]] = {}
    for name in names:
        size = len(name)
        before = [0] * (size + 1)
        for at, char in enumerate(name):
            before[at + 1] = (before[at] * _HASH_BASE + ord(char) + 1) % _HASH_MODULUS
        after = [0] * (size + 1)
        for at in range(size - 1, -1, -1):
            after[at] = (after[at + 1] * _HASH_BASE + ord(name[at]) + 1) % _HASH_MODULUS
        for at in range(size):
            groups.setdefault((size, at, before[at], after[at + 1]), []).append(name)
    return [members for members in groups.values() if len(members) > 1]


_HASH_BASE = 1_000_003
_HASH_MODULUS = (1 << 61) - 1


# Numbered divisions (一处 / 二处, 综合一处 / 综合二处) differ by one character on purpose.
_NUMERALS = frozenset("0123456789０１２３４５６７８９一二三四五六七八九十")


def _one_character_apart(first: str, second: str) -> bool:
    """The same length and exactly one position different, unless that difference is one number for another."""
    if len(first) != len(second):
        return False
    different = [(a, b) for a, b in zip(first, second) if a != b]
    return len(different) == 1 and not (different[0][0] in _NUMERALS and different[0][1] in _NUMERALS)


def _known_status(status: Any) -> bool:
    # An unknown status is its own problem; "done_on but not done" beside it would only repeat it.
    from .model import status_named

    return isinstance(status, str) and status_named(status) is not None


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
                problems.append(doc.problem(loc, "measure-division", division=division, known=list(known)))
    return problems
