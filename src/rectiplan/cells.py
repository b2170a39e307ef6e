"""What the cells of a published rectification table (整改方案) mean: headings, numbered lists, units, people and
deadlines as people write them by hand, read into plan values with a note of everything that had to be interpreted.

Pure text functions, no I/O: the readers of `rectiplan import` (docx, xlsx, csv) hand each cell's text here. Exact
inverses of what rectiplan itself writes are in `sheet.py` (`decode_*`), which uses these where the forms agree.
"""

from __future__ import annotations

import bisect
import calendar
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Generic, NamedTuple, TypeVar

from . import sheet

T = TypeVar("T")


@dataclass(frozen=True)
class Interpretation:
    """One thing the import had to interpret in a cell, for the report: `what` is a message key in messages.py
    (under `import.`), `params` its placeholders."""

    what: str
    params: dict[str, str]


@dataclass(frozen=True)
class Read(Generic[T]):
    """What a cell means (`value`), what was interpreted to get it (`notes`: reported, not errors), and, when the
    cell could not be read, its text as found (`unread`), to be written into the plan with a comment."""

    value: T
    notes: tuple[Interpretation, ...] = ()
    unread: str | None = None


def _note(what: str, **params: object) -> Interpretation:
    return Interpretation(what, {key: str(value) for key, value in params.items()})


# --- headings ------------------------------------------------------------------------------------------------------

# The field each heading a published table uses stands for, beside the 台账's own headings (sheet.LEDGER) and the
# field names themselves. Keys are written as people write them; they are normalized once, below.
_PUBLISHED_HEADINGS: dict[str, tuple[str, ...]] = {
    "id": ("序号", "编号", "序", "No", "No.", "Number", "#"),
    "topic": ("主题", "类别", "问题类别", "问题类型", "类型", "分类", "方面", "领域"),
    "issue": (
        "整改内容", "存在问题", "存在的问题", "问题", "反馈问题", "整改任务", "重点任务", "主要问题", "具体问题",
        "问题表现", "问题描述", "整改问题", "整改事项", "反馈意见", "意见建议", "问题清单",
    ),
    "measures": ("整改措施", "工作措施", "整改举措", "具体措施", "主要措施", "措施", "具体整改措施"),
    "evidence": (
        "整改检验形式", "检验形式", "整改成效", "佐证材料", "成果形式", "完成标志", "整改成果", "预期成效",
        "成效体现", "佐证资料",
    ),
    "deadline": (
        "计划完成时间", "完成时限", "整改时限", "时限", "完成时间", "整改期限", "完成期限", "时间节点",
        "办结时限", "整改完成时限", "计划完成时限", "整改完成时间",
    ),
    "divisions": ("责任处室", "责任单位", "责任部门", "责任科室", "承办单位", "责任主体", "承办处室"),
    "lead_divisions": ("牵头单位", "牵头处室", "牵头部门", "主责单位", "牵头责任单位"),
    "assist_divisions": ("配合单位", "协办单位", "配合处室", "协办处室", "配合部门", "协助单位", "参与单位"),
    "people": ("责任人", "责任人员", "负责人"),
    "leader": ("责任领导", "分管领导", "牵头领导", "分管厅领导", "责任厅领导", "leader"),
    "owner": ("具体责任人", "经办人", "联系人", "owner"),
    "status": ("整改状态",),
}  # fmt: skip
_ENGLISH_HEADINGS: dict[str, tuple[str, ...]] = {
    "issue": ("Issue", "Problem", "Problems"),
    "measures": ("Measure", "Actions", "Corrective measures"),
    "deadline": ("Due", "Due date", "Due by"),
    "divisions": ("Division", "Unit", "Units", "Responsible units"),
    "people": ("Person", "People", "Responsible person"),
}


def normalize_heading(text: str) -> str:
    """A heading as compared: NFKC (full-width brackets and letters as half-width), no blanks or line breaks
    anywhere ("完成 时限"), no trailing colon or asterisk, lower case."""
    folded = unicodedata.normalize("NFKC", text)
    folded = re.sub(r"\s+", "", folded)
    folded = folded.strip("*※:")
    return folded.lower()


def _headings() -> dict[str, str]:
    headings: dict[str, str] = {}
    for table in (_PUBLISHED_HEADINGS, _ENGLISH_HEADINGS):
        for key, names in table.items():
            for name in names:
                headings.setdefault(normalize_heading(name), key)
    for column in sheet.LEDGER:
        for name in (column.zh, column.en, column.key):
            # The 台账's own headings win over the published synonyms: an exported sheet reads back exactly.
            headings[normalize_heading(name)] = column.key
    for key in _PUBLISHED_HEADINGS:
        headings.setdefault(normalize_heading(key), key)
    return headings


HEADINGS: dict[str, str] = _headings()
FIELDS: frozenset[str] = frozenset(HEADINGS.values())

_TRAILING_NOTE = re.compile(r"\([^()]*\)$")


def match_heading(text: str, extra: Mapping[str, str] = {}) -> str | None:
    """The field a column heading stands for (a key of FIELDS), or None for a column the plan has no field for.
    `extra` maps the user's own headings to fields (`--column 'HEADING=field'`) and wins over the built-in ones.
    A trailing note in brackets ("完成时限（年月日）") is ignored when the whole heading is not known."""
    heading = normalize_heading(text)
    own = {normalize_heading(name): field for name, field in extra.items()}
    for candidate in (heading, _TRAILING_NOTE.sub("", heading)):
        if not candidate:
            continue
        field = own.get(candidate) or HEADINGS.get(candidate)
        if field is not None:
            return field
    return None


# --- numbered lists ------------------------------------------------------------------------------------------------

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CN = "一二三四五六七八九"

# A numbering marker: `1.` `1．` `1、` (arabic), `（1）` `(1)` (paren), `1）` `1)` (close), `①` (circled), `（一）`
# (cnparen) and `一、` (cn). Not after a digit or a point (2021.6, 2.5) nor after 第 (第1.2条, 第（1）项).
_FAMILIES = ("arabic", "paren", "close", "circled", "cnparen", "cn")
_MARKER = re.compile(
    # The lookahead first lets the regex engine skip to the characters a marker can start with (4 times faster).
    r"(?=[\d（(①-⑳一二三四五六七八九十])(?<![\d.．第])(?:"
    r"(?P<arabic>\d{1,2})(?P<punct>[.．、])"
    r"|[（(](?P<paren>\d{1,2})[）)]"
    r"|(?<![（(])(?P<close>\d{1,2})[）)]"
    r"|(?P<circled>[①-⑳])"
    r"|[（(](?P<cnparen>[一二三四五六七八九十]{1,3})[）)]"
    r"|(?<![一二三四五六七八九十])(?P<cn>[一二三四五六七八九十]{1,3})、"
    r")"
)


def _cn_value(numeral: str) -> int:
    """一 … 九十九; 0 for what is no such number (十十)."""
    tens, _, ones = numeral.rpartition("十")
    if "十" in tens or (numeral.count("十") and len(tens) > 1) or len(ones) > 1:
        return 0
    if "十" not in numeral:
        return _CN.index(numeral) + 1 if len(numeral) == 1 else 0
    return (_CN.index(tens) + 1 if tens else 1) * 10 + (_CN.index(ones) + 1 if ones else 0)


@dataclass(frozen=True)
class _Marker:
    start: int
    end: int
    value: int
    family: str
    punct: str
    line_start: bool
    cell_start: bool
    before_digit: bool
    # At the start of a line or after a sentence's end or a colon: where a numbering can begin (its 1).
    entry_start: bool = False


# What may stand before the 1 of a numbering inside a line (a sentence end, a colon, a comma): `（1）…（2）` or
# `①…②` after other words is text (高一（1）班和（2）班, 按照①号文件), never a numbering that would drop the digits.
_ENTRY_ENDS = frozenset("。；;：:，,")


def _markers(text: str) -> list[_Marker]:
    found = []
    first_visible = len(text) - len(text.lstrip())
    for match in _MARKER.finditer(text):
        family = next(name for name in _FAMILIES if match[name] is not None)
        raw = match[family]
        if family == "circled":
            value = _CIRCLED.index(raw) + 1
        elif family in ("cnparen", "cn"):
            value = _cn_value(raw)
        else:
            value = int(raw)
        back = match.start()
        while back > 0 and text[back - 1] in " \t\u3000":
            back -= 1
        cell_start = match.start() <= first_visible
        line_start = cell_start or (back > 0 and text[back - 1] in "\r\n")
        before_digit = text[match.end() : match.end() + 1].isdigit()
        punct = match["punct"] or ""
        entry_start = line_start or (back > 0 and text[back - 1] in _ENTRY_ENDS)
        found.append(
            _Marker(match.start(), match.end(), value, family, punct, line_start, cell_start, before_digit, entry_start)
        )
    return found


def _eligible(marker: _Marker) -> bool:
    if marker.value < 1:
        return False
    # `6、7、9月` and `2.5万元` glued into a sentence are quantities, not numbering; `1.3月31日…` at the start of
    # a line is item 1 about 31 March (the bundled plan's item 10).
    if marker.family == "arabic" and marker.before_digit:
        return marker.line_start
    # `一、` inside a sentence is a word (统一、规范): as numbering it opens a line.
    if marker.family == "cn":
        return marker.line_start
    return True


def _quantity_like(marker: _Marker) -> bool:
    return marker.family == "arabic" and marker.before_digit


def _chain(markers: list[_Marker]) -> list[_Marker]:
    """The numbering of a cell: the markers of one family numbered 1, 2, 3… in order, preferring markers at the
    start of a line (a nested `1、…2、…` inside a `1.` entry is text); the family whose 1 comes first wins."""
    best: list[_Marker] = []
    # family -> value -> its markers in order: each step of a chain looks only at the markers of the next value.
    by_value: dict[str, dict[int, list[_Marker]]] = {}
    for marker in markers:
        if _eligible(marker):
            by_value.setdefault(marker.family, {}).setdefault(marker.value, []).append(marker)
    for own in by_value.values():
        starts = [marker for marker in own.get(1, []) if marker.entry_start]
        if not starts:
            continue
        chain = [starts[0]]
        while True:
            candidates = own.get(chain[-1].value + 1, [])
            following = candidates[bisect.bisect_left([m.start for m in candidates], chain[-1].end) :]
            # `1、2级` then `2.5万元`: a marker before a digit may be a quantity, so it takes part in a numbering only
            # written the same way (`1.3月…` then `2.4月…`), never one that changes its punctuation.
            mixed_ok = not any(_quantity_like(m) for m in chain)
            following = [m for m in following if m.punct == chain[0].punct or (mixed_ok and not _quantity_like(m))]
            if not following:
                break
            on_lines = [m for m in following if m.line_start] if all(m.line_start for m in chain) else []
            same = [m for m in on_lines if m.punct == chain[0].punct]
            chain.append((same or on_lines or following)[0])
        # One marker alone counts only at the very start of the cell, and `1.` not before a digit (`1.2万元`).
        lone = chain[0] if len(chain) == 1 else None
        if lone is not None and (not lone.cell_start or (lone.family == "arabic" and lone.before_digit)):
            continue
        if not best or chain[0].start < best[0].start:
            best = chain
    return best


def _numbering(text: str) -> list[_Marker]:
    return _chain(_markers(text))


def _form(marker: _Marker) -> str:
    forms = {"arabic": f"1{marker.punct}", "paren": "（1）", "close": "1）", "circled": "①", "cnparen": "（一）"}
    return forms.get(marker.family, "一、")


def split_numbered(text: str) -> Read[list[str]]:
    """A measures or evidence cell as its entries, numbering removed: `1.…` `1、…` `（1）…` `(1)…` `1）…` `①…`, one a
    line, inline (`1、…；2、…`) or glued to the text before (`…定义3.自治区…`). Numbering counts only as a sequence
    1, 2, 3…; dates and quantities (`3月31日`, `2.5万元`, `6、7、9月`, `2021.6`, `第1.2条`) are text. Every other
    character is kept, separators such as a trailing `；` too; text before the `1` is an entry of its own. An
    unnumbered cell is one entry (its line breaks kept); a blank cell none."""
    chain = _numbering(text)
    if not chain:
        stripped = text.strip()
        return Read([stripped] if stripped else [])
    bounds = [0] + [point for marker in chain for point in (marker.start, marker.end)] + [len(text)]
    pieces = [text[bounds[i] : bounds[i + 1]].strip() for i in range(0, len(bounds), 2)]
    entries = [piece for piece in pieces if piece]
    if len(chain) == 1:  # `1、措施` alone: nothing was split, only the number removed
        notes = [_note("import.numbering_removed_one", form=_form(chain[0]))]
    else:
        notes = [_note("import.numbering_removed", count=len(chain), form=_form(chain[0]))]
    if pieces[0]:
        # "具体措施：1.…2.…": the words before the numbering are no measure of their own, but dropping them
        # would lose them; an entry of their own, said so, for the user to merge or delete.
        notes.append(_note("import.numbering_preamble", text=pieces[0]))
    return Read(entries, tuple(notes))


# --- units ---------------------------------------------------------------------------------------------------------

_OPEN = "（(《‘「【〔["
_CLOSE = "）)》’」】〕]"
_UNIT_SEPARATORS = frozenset("、，,；;\n")


def _quote_end(text: str, start: int) -> int | None:
    """Where the quotation opened by the `“` at `start` closes: at the first `”` that is not doubled (`””` inside a
    quotation stands for one `”`, as rectiplan writes a quoted name holding one: quote_text); None when nothing
    closes it. What stands between is text, whatever brackets or `“` it holds: they do not nest."""
    index = start + 1
    while (index := text.find("”", index)) >= 0:
        if text.startswith("””", index):
            index += 2
            continue
        return index
    return None


class _Structure(NamedTuple):
    inside: list[bool]  # for each character, whether it stands inside brackets or a quotation
    quoted: list[bool]  # for each character, whether it stands inside a quotation (its marks included)
    balanced: bool  # whether every bracket and quotation mark pairs up


def _structure(text: str) -> _Structure:
    """How a cell's text is bracketed: brackets nest; a `“` starts a quotation closed by its `”` (_quote_end) whose
    text is taken literally (`“A（”` holds no open bracket); a `“` nothing closes, a `”` no quotation closes and a
    closing bracket with none open are plain characters, but the text is not balanced."""
    inside: list[bool] = []
    quoted: list[bool] = []
    depth = 0
    balanced = True
    closing = True  # whether a `“` may still be closed: see _masked
    index = 0
    while index < len(text):
        char = text[index]
        if char == "“" and closing:
            end = _quote_end(text, index)
            closing = end is not None
            if end is not None:
                inside.extend([True] * (end + 1 - index))
                quoted.extend([True] * (end + 1 - index))
                index = end + 1
                continue
        if char in "“”":
            balanced = False
        elif char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            if depth:
                depth -= 1
            else:
                balanced = False
        inside.append(depth > 0)
        quoted.append(False)
        index += 1
    return _Structure(inside, quoted, balanced and not depth)


def quote_text(text: str) -> str:
    """`“text”`, a `”` inside doubled so that the quotation closes where it ends (_quote_end)."""
    return "“" + text.replace("”", "””") + "”"


def _wrapped(text: str) -> bool:
    """Whether the text is one quotation, `“…”`, the opening mark closed by the last character only."""
    return text.startswith("“") and _quote_end(text, 0) == len(text) - 1


def _unwrapped(text: str) -> str:
    """What a quotation (_wrapped) holds: the inverse of quote_text."""
    return text[1:-1].replace("””", "”")


def _blank_or_unbalanced(text: str) -> bool:
    """A name or unit that written bare would not read back as itself, wherever it stands in a cell: blanks around
    it are stripped, and a bracket or quotation mark it does not pair would take in, or leave out, what follows."""
    return text != text.strip() or not _structure(text).balanced


def split_units(text: str) -> list[str]:
    """Units (处室, 单位) listed in a cell: `A、B，C；D` or one a line; a separator inside brackets or a quotation is
    part of the name (`高新处（含火炬中心、生产力中心）`). Blanks and a final `。` around a name are dropped."""
    units: list[str] = []
    current: list[str] = []
    inside = _structure(text).inside
    for index, char in enumerate(text):
        if not inside[index] and char in _UNIT_SEPARATORS:
            units.append("".join(current))
            current = []
        else:
            current.append(char)
    units.append("".join(current))
    cleaned = (unit.strip().rstrip("。.").strip() for unit in units)
    return [unit for unit in cleaned if unit]


def merge_lead_assist(lead: list[str], assist: list[str]) -> list[str]:
    """The item's divisions from a 牵头单位 and a 配合单位 column: both are responsible, the lead units first, each
    unit once."""
    return list(dict.fromkeys([*lead, *assist]))


_GROUP = re.compile(
    r"[（(](\d{1,2})[）)]|(?<![\d.．第])(\d{1,2})[.．、](?!\d)|([①-⑳])|[（(]([一二三四五六七八九十]{1,3})[）)]"
)


_LIST_JOIN = re.compile(r"[\s、，,；;和及与]*")
_RANGE_JOIN = re.compile(r"\s*[-—－~～至到]+\s*")


def _groups(text: str) -> tuple[str, list[tuple[list[int], str]]] | None:
    """(text before the first group, [(the measure numbers a group covers, its text)]) for a grouped division
    cell, numbers increasing from any start; None when the cell has no such groups. Numbers with nothing between
    them share the units after them (`（1）（2）A`), and so does a range (`（3）—（5）B` covers 3, 4 and 5)."""
    found: list[tuple[int, re.Match[str]]] = []
    for match in _GROUP.finditer(_masked(text)):
        if match[3] is not None:
            number = _CIRCLED.index(match[3]) + 1
        elif match[4] is not None:
            number = _cn_value(match[4])
        else:
            number = int(match[1] or match[2])
        if number < 1 or (found and number <= found[-1][0]):
            return None
        found.append((number, match))
    if not found:
        return None
    preamble = text[: found[0][1].start()]
    groups: list[tuple[list[int], str]] = []
    pending: list[int] = []
    for index, (number, match) in enumerate(found):
        end = found[index + 1][1].start() if index + 1 < len(found) else len(text)
        between = text[match.end() : end]
        last = index + 1 == len(found)
        if pending and pending[-1] < 0:
            # The end of a range: it covers every number from its start.
            pending[-1:] = list(range(-pending[-1], number))
        if not last and _RANGE_JOIN.fullmatch(between):
            pending.append(-number)
        elif not last and _LIST_JOIN.fullmatch(between):
            pending.append(number)
        else:
            groups.append(([*pending, number], between))
            pending = []
    return preamble, groups


_ROLE = r"(牵头|主责|配合|协办|协助|参与)(?:单位|处室|部门|科室)?"
_ROLE_LABEL = re.compile(_ROLE + r"\s*[:：]")
# Greedy `(.+)`, the blanks stripped after: a lazy `(.+?)\s*` rescans a run of blanks from each of its blanks.
_ROLE_SUFFIX = re.compile(r"(.+)[（(]" + _ROLE + r"[）)]")
_LEAD_ROLES = frozenset({"牵头", "主责"})


def _units_lead_first(text: str) -> tuple[list[str], bool]:
    """The units of a cell, lead units first when the cell says which lead and which assist: by labels
    (`牵头单位：A；配合单位：B、C`) or after a name (`A（牵头）、B（配合）`); the labels and marks are dropped. The
    second value says whether there were any."""
    labels = list(_ROLE_LABEL.finditer(_masked(text)))
    sections: list[tuple[str | None, str]] = [(None, text[: labels[0].start()] if labels else text)]
    for index, label in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(text)
        sections.append((label[1], text[label.end() : end]))
    lead: list[str] = []
    plain: list[str] = []
    assist: list[str] = []
    for role, section in sections:
        for unit in split_units(section):
            marked = _ROLE_SUFFIX.fullmatch(unit)
            own_role = marked[2] if marked else role
            name = unquoted_unit(marked[1].rstrip() if marked else unit)
            (plain if own_role is None else lead if own_role in _LEAD_ROLES else assist).append(name)
    units = list(dict.fromkeys([*lead, *plain, *assist]))
    return units, bool(lead or assist)


# What stands in for a quoted character: no separator, digit or bracket.
_MASK = "\ufffc"


def _masked(text: str) -> str:
    """The text with what stands inside each quotation `“…”` (_structure) blanked out, position for position: a
    number or a role label in a quoted unit is part of its name (`“科室（1）”`), not a group or a role."""
    masked = list(text)
    index = 0
    while (index := text.find("“", index)) >= 0:
        end = _quote_end(text, index)
        if end is None:
            # Nothing closes this `“`: every `”` after it is doubled, so nothing closes a later one either, and not
            # looking keeps a cell of many `“””` linear.
            break
        masked[index + 1 : end] = _MASK * (end - index - 1)
        index = end + 1
    return "".join(masked)


def first_line_break(text: str) -> int:
    """Where the first line break outside quotations stands (a quoted unit may hold one: `“A\nB”`), -1 if none."""
    return _masked(text).find("\n")


def _unit_needs_quotes(unit: str) -> bool:
    """Whether a unit written bare in a 责任处室 cell would read back as something else: several units or a
    stripped one (a separator outside brackets, a line break, blanks or a final `。` around it), a lead or assist
    unit (`农村处（牵头）`, `牵头：…`), a group number (`科室（1）`), numbering with the next unit (`科室2、…`), or
    (quoted_unit's own mark) a quotation that would be unquoted."""
    return (
        _blank_or_unbalanced(unit)
        or split_units(unit) != [unit]
        or bool(_ROLE_SUFFIX.fullmatch(unit) or _ROLE_LABEL.search(unit) or _GROUP.search(unit))
        or unit[-1:].isdigit()
        or (_wrapped(unit) and _unit_needs_quotes(_unwrapped(unit)))
    )


def quoted_unit(unit: str) -> str:
    """A unit as a 责任处室 cell writes it: in `“…”` when written bare it would not read back as itself
    (`“高新处、区域处联合组”`, `“科室2”`, `“A（”`), as it is otherwise (nearly every unit)."""
    return quote_text(unit) if _unit_needs_quotes(unit) else unit


def unquoted_unit(text: str) -> str:
    """The inverse of quoted_unit: `“…”` around a unit is dropped only where quoted_unit would have put it."""
    if _wrapped(text) and _unit_needs_quotes(inner := _unwrapped(text)):
        return inner
    return text


def read_divisions(text: str, measure_count: int) -> Read[tuple[list[str], list[list[str]] | None]]:
    """责任处室: (the item's divisions in order, each measure's own divisions or None).

    `（1）办公室；（2）高新处、区域处` (`，` between groups too, `(1)`, `1.`, `①` or `（一）`) gives measure n the units
    of group n when the groups are numbered 1…measure_count, or name measures by number with gaps (`（1）A；（3）B`:
    measure 2 names none; an empty last group `（3）` too). A group may cover several measures: `（1）（2）A` or
    `（3）—（5）B`. When groups 1…k are fewer than the measures (which group covers which measure is not written,
    as in the bundled plan's item 26), or name a measure there is not, the item gets every unit and no measure its
    own, with a note. No unit is ever dropped: text before the first group counts for the item as well.

    Lead and assisting units told apart in the cell (`牵头单位：A；配合单位：B`, `A（牵头）、B`) are all the item's, the
    lead ones first, noted; the labels are dropped."""
    grouped = _groups(text)
    if grouped is None:
        units, roles = _units_lead_first(text)
        return Read((units, None), (*(_roles_note(units) if roles else ()), *_maybe_two_notes(units)))
    preamble, groups = grouped
    preamble_units, roles = _units_lead_first(preamble)
    group_units = []
    for _, group_text in groups:
        found, group_roles = _units_lead_first(group_text)
        group_units.append(found)
        roles = roles or group_roles
    item = merge_lead_assist(preamble_units, [unit for group in group_units for unit in group])
    notes = (*(_roles_note(item) if roles else ()), *_maybe_two_notes(item))
    numbers = [number for covered, _ in groups for number in covered]
    consecutive = numbers == list(range(1, len(numbers) + 1))
    if numbers[-1] > measure_count or (consecutive and len(numbers) < measure_count):
        note = _note("import.divisions_groups_unmatched", groups=len(groups), measures=measure_count)
        return Read((item, None), (note, *notes))
    per_measure: list[list[str]] = [[] for _ in range(measure_count)]
    for (covered, _), group in zip(groups, group_units):
        for number in covered:
            per_measure[number - 1] = group
    return Read((item, per_measure), (_note("import.divisions_grouped", groups=len(groups)), *notes))


def _roles_note(units: list[str]) -> tuple[Interpretation, ...]:
    return (_note("import.divisions_roles", units="、".join(units)),)


# Two Chinese names with blanks between them (`办公室 人事处`); an English name's blanks are its own.
_BLANK_BETWEEN_NAMES = re.compile(r"[\u4e00-\u9fff][ \t\u3000]+[\u4e00-\u9fff]")


def _maybe_two_notes(units: list[str]) -> tuple[Interpretation, ...]:
    """A unit that may be two: `办公室/人事处` or `办公室 人事处` is kept as one name (a unit's name may hold a slash
    or a blank), but said, since published tables also separate units so; a slash inside brackets or quotes is
    the name's own (`高新处（含火炬中心/生产力中心）`)."""
    return tuple(
        _note("import.divisions_maybe_two", units=unit)
        for unit in units
        if not _wrapped(unit) and (_outside_brackets(unit, _SLASH) or _BLANK_BETWEEN_NAMES.search(unit))
    )


# --- people --------------------------------------------------------------------------------------------------------

_SLASH = re.compile(r"[/／]")  # blanks around it are stripped from the names, not matched (quadratic on blanks)
_PEERS = re.compile(r"[、，,；;]")
_CJK_NAME = re.compile(r"[\u4e00-\u9fff·]{2,6}")


def _outside_brackets(text: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """The matches of `pattern` that stand outside brackets and quotations (`张三（副厅长/党组成员）`: the slash is
    the name's), by the rule of split_units; when the brackets do not pair up, all of them outside quotations (a
    typo such as an unclosed `（` would otherwise hide every separator after it)."""
    structure = _structure(text)
    inside = structure.inside if structure.balanced else structure.quoted
    return [match for match in pattern.finditer(text) if not inside[match.start()]]


def _name_needs_quotes(name: str) -> bool:
    """Whether a name written bare in a 责任人 cell would read back as something else: a slash of its own (read as
    the one between leader and owner), blanks around it, a bracket or quotation mark it does not pair, or (the
    quotes' own mark) a quotation that would be unquoted."""
    return (
        bool(_outside_brackets(name, _SLASH))
        or _blank_or_unbalanced(name)
        or (_wrapped(name) and _name_needs_quotes(_unwrapped(name)))
    )


def quoted_name(name: str) -> str:
    """A person's name as a 责任人 cell writes it: in `“…”` when written bare it would not read back as itself
    (`“唐咸来/潘红雄”/张士军`, `“（A”`, `“ A”`), or when it is itself such a quotation (`““A/B”””`), so that
    `unquoted_name` undoes exactly what this does; any other name (nearly every one) as it is."""
    return quote_text(name) if _name_needs_quotes(name) else name


def unquoted_name(text: str) -> str:
    """The inverse of quoted_name: `“…”` around a name is dropped only where quoted_name would have put it."""
    if _wrapped(text) and _name_needs_quotes(inner := _unwrapped(text)):
        return inner
    return text


def read_people(text: str) -> Read[tuple[str | None, str | None]]:
    """责任人: (leader, owner).

    - `A/B` (or `A／B`, blanks around the slash) is leader A and owner B, as the bundled plan reads; `/B` is an
      owner alone and `A/` a leader alone (how rectiplan writes them).
    - One name stands where the leader stands, noted: a 责任人 column of one name each names the one person
      answerable, and rectiplan writes a leader alone that way. (A table that has a 责任领导 column as well means
      its 责任人 column as owners: the importer passes such a column's text as owner, not through here.)
    - Names joined by 、 or ， with no slash (`A、B`) are peers, not leader and owner: kept together as the leader's
      text, noted. `A、B/C` is leader `A、B` and owner C.
    - Two lines of one name each, or two Chinese names apart by blanks (`A  B`), are leader and owner, noted.
    - More than one slash splits at the first (owner `B/C`), noted.
    - A slash inside brackets or quotes is part of a name: `张三（副厅长/党组成员）/李四`; a name quoted because of its
      slash (`“唐咸来/潘红雄”/张士军`, as rectiplan writes such a name: `quoted_name`) is read without the quotes,
      noted.
    """
    stripped = text.strip()
    if not stripped:
        return Read((None, None))
    slashes = _outside_brackets(stripped, _SLASH)
    if not slashes:
        lines = [line.strip() for line in stripped.splitlines() if line.strip()]
        words = stripped.split()
        if len(lines) == 2 or (len(words) == 2 and all(_CJK_NAME.fullmatch(word) for word in words)):
            first, second = lines if len(lines) == 2 else words
            return Read((first, second), (_note("import.people_two", leader=first, owner=second),))
        name = unquoted_name(stripped)
        if name != stripped:
            return Read((name, None), (_note("import.people_quoted", name=name),))
        what = "import.people_peers" if _PEERS.search(stripped) else "import.people_one_name"
        return Read((stripped, None), (_note(what, name=stripped),))
    separator = slashes[0]
    before, after = stripped[: separator.start()].strip(), stripped[separator.end() :].strip()
    notes: tuple[Interpretation, ...] = ()
    if len(slashes) > 1:
        notes = (_note("import.people_slashes", leader=before, owner=after),)
    leader, owner = unquoted_name(before) or None, unquoted_name(after) or None
    notes += tuple(
        _note("import.people_quoted", name=name)
        for name, written in ((leader, before), (owner, after))
        if name is not None and name != written
    )
    return Read((leader, owner), notes)


# --- deadlines -----------------------------------------------------------------------------------------------------

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_Y = r"(?:(?P<{0}>\d{{4}})\s*年\s*(?:度\s*)?)?"
_DEADLINE = re.compile(
    "|".join(
        [
            r"(?P<full>(?P<fy>\d{4})\s*(?P<fs>[-/.])\s*(?P<fm>\d{1,2})\s*(?P=fs)\s*(?P<fd>\d{1,2})\s*[日号]?)",
            r"(?P<ym>(?P<ymy>\d{4})\s*[-/.]\s*(?P<ymm>\d{1,2})(?![\d]))",
            rf"(?P<day>{_Y.format('dy')}(?P<dm>\d{{1,2}})\s*月\s*(?P<dd>\d{{1,2}})\s*[日号])",
            rf"(?P<month>{_Y.format('my')}(?P<mm>\d{{1,2}})\s*月\s*份?\s*(?P<mp>底|末|中下旬|上旬|中旬|下旬)?)",
            r"(?P<yearend>(?:(?P<ey>\d{4})\s*年\s*(?:度\s*)?年?|年)\s*(?:底|末|内|终))",
            rf"(?P<half>{_Y.format('hy')}(?P<hp>上|下)半年)",
            # `(?:第\s*)?`, not `第?\s*`: the latter scans every run of blanks from each of its blanks (quadratic).
            rf"(?P<quarter>{_Y.format('qy')}(?:第\s*)?(?P<qn>[一二三四1-4])\s*季度?(?:末|底)?)",
            r"(?P<year>(?P<yy>\d{4})\s*年(?:度)?)",
            r"(?P<ongoing>长期坚持|长期|持续推进|持续|常态化|久久为功)",
            r"(?P<immediate>立行立改|立即整改|即知即改|立查立改|马上就办)",
            r"(?P<done>已完成|已整改|已办结|已落实|已整改到位|已完成整改)",
        ]
    )
)
# What may stand around the dates and words above without changing what the cell means, longest first. Read by
# a greedy scan, not a `(?:…)*` pattern, which backtracks exponentially over 完成整改完成整改… when it fails.
_FILLER = re.compile(
    r"[\s,，;；、。.:：()（）\-—－~～]+|以前|之前|为止|截止|截至|完成整改|整改完成|全部完成|基本完成|整改到位|完成"
    r"|整改|到位|前|止|至|到|并|且|及|和|今"
)


def _is_filler(text: str) -> bool:
    position = 0
    while position < len(text):
        match = _FILLER.match(text, position)
        if match is None:
            return False
        position = match.end()
    return True


# Dates in Chinese numerals, as some documents write them: 二〇二一年 (each digit), 十二月, 三十一日 (numbers).
_CN_YEAR = re.compile(r"[〇○零一二三四五六七八九]{4}(?=\s*年)")
_CN_MONTH = re.compile(r"(?<![一二三四五六七八九十〇○零])[一二三四五六七八九十]{1,3}(?=\s*[月日号])")
_CN_YEAR_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")


def _arabic(text: str) -> str:
    """Chinese-numeral years, months and days as digits: 二〇二一年六月三十日 → 2021年6月30日."""
    text = _CN_YEAR.sub(lambda match: match[0].translate(_CN_YEAR_DIGITS), text)
    return _CN_MONTH.sub(lambda match: str(_cn_value(match[0]) or match[0]), text)


_MIDNIGHT = re.compile(r"(?<=\d)[\sT]+0?0:00(?::00(?:\.0+)?)?$")


def _end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def read_deadline(text: str, year: int | None) -> Read[tuple[date | None, str | None]]:
    """计划完成时间: (deadline, status or None); the status is a model.Status value.

    - A date in any form the plan format reads (2021-08-31, 2021/8/31, 2021.8.31, 2021年8月31日), with `前`,
      `完成` and the like around it.
    - The end of a period, noted: `2021年6月底` and `2021年6月` are 30 June, `6月上旬`/`中旬`/`下旬` the 10th, 20th
      and last day, `2021年底前` 31 December, `2021年上半年` 30 June, `第三季度` 30 September, `2021年` and
      `2021.6` the end of that year and month.
    - Without a year (`6月底前`) the year given, noted with it; the year of an earlier date in the same cell comes
      first (`2021年6月、12月底前`). No year at all: unread, noted.
    - Several dates: the latest, noted. A cell with other words besides (`…完成第一阶段`) is unread: never guessed.
    - `长期坚持`/`长期`/`持续推进`/`常态化`: status ongoing, no deadline needed; with a date: that date and ongoing.
    - `立行立改`: status in_progress (the work started at once); with a date that date; without one the deadline is
      unread (the plan needs one), noted.
    - `已完成`: status done, noted: the day it was done and the deadline are not in the cell, so the plan asks for
      them (a done item needs done_on); nothing is invented. A date beside it is taken as the deadline, never as
      the day done.
    - Several status words: the furthest along (done, then ongoing, then in progress).
    - A blank cell: no deadline, no status, nothing unread (the plan's validation asks for the deadline).
    """
    # Each run of blanks as one space: blanks mean nothing in a date, and the patterns below have `\s*` on both
    # sides of optional parts, which would rescan a long run of blanks from each of its blanks.
    folded = _arabic(re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).strip()))
    # A date cell saved as text by a program that writes the time too ("2021-08-31 00:00:00"): midnight is no
    # part of a deadline; any other time is left in, and the cell is unread.
    folded = _MIDNIGHT.sub("", folded)
    if not folded:
        return Read((None, None))
    notes: list[Interpretation] = []
    found: list[date] = []
    statuses: list[str] = []
    needs_year = False
    position = 0
    cell_year: int | None = None
    for match in _DEADLINE.finditer(folded):
        if not _is_filler(folded[position : match.start()]):
            return Read((None, None), unread=text)
        position = match.end()
        # The alternative that matched (lastgroup would name a group inside it).
        kind = next(
            name
            for name in (
                "full", "ym", "day", "month", "yearend", "half", "quarter", "year", "ongoing", "immediate", "done",
            )
            if match[name] is not None
        )  # fmt: skip
        if kind == "ongoing":
            statuses.append("ongoing")
            continue
        if kind == "immediate":
            statuses.append("in_progress")
            notes.append(_note("import.deadline_immediate", text=match[0]))
            continue
        if kind == "done":
            statuses.append("done")
            continue
        written_year = {
            "full": match["fy"], "ym": match["ymy"], "day": match["dy"], "month": match["my"],
            "yearend": match["ey"], "half": match["hy"], "quarter": match["qy"], "year": match["yy"],
        }[kind]  # fmt: skip
        if written_year is not None:
            cell_year = int(written_year)
            the_year = cell_year
        elif cell_year is not None:
            the_year = cell_year
        elif year is not None:
            the_year = year
            notes.append(_note("import.deadline_year", text=match[0].strip(), year=year))
        else:
            needs_year = True
            continue
        try:
            day, period = _day_of(kind, match, the_year)
        except ValueError:
            return Read((None, None), unread=text)
        if period:
            notes.append(_note("import.deadline_period", text=match[0].strip(), date=day.isoformat()))
        found.append(day)
    if not _is_filler(folded[position:]):
        return Read((None, None), unread=text)
    # The furthest along of the words: 立行立改，已完成 is done; 立行立改，长期坚持 is ongoing.
    status = next((word for word in ("done", "ongoing", "in_progress") if word in statuses), None)
    if needs_year:
        notes.append(_note("import.deadline_no_year", text=text.strip()))
        return Read((None, status), tuple(notes), unread=text)
    if not found and status is None:
        return Read((None, None), tuple(notes), unread=text)
    if len(found) == 1:
        # One date in the cell: the report quotes the cell as written (`2021年底前`, `二〇二一年六月底`), not the
        # part of its normalized text the date was read from.
        notes = [_as_written(note, text.strip()) for note in notes]
    if len(found) > 1:
        notes.append(_note("import.deadline_latest", date=max(found).isoformat(), count=len(found)))
    deadline = max(found) if found else None
    if status == "done":
        # The date beside 已完成 may be the deadline or the day it was done: kept as the deadline, and the day
        # done is asked for, never taken from it.
        if deadline is None:
            notes.append(_note("import.deadline_done", text=text.strip()))
        else:
            notes.append(_note("import.deadline_done_dated", text=text.strip(), date=deadline.isoformat()))
    if deadline is not None and status == "ongoing":
        notes.append(_note("import.deadline_ongoing_dated", text=text.strip(), date=deadline.isoformat()))
    if deadline is None and status == "in_progress":
        return Read((None, status), tuple(notes), unread=text)
    return Read((deadline, status), tuple(notes))


_QUOTING_THE_DATE = frozenset({"import.deadline_year", "import.deadline_period"})


def _as_written(note: Interpretation, written: str) -> Interpretation:
    return Interpretation(note.what, {**note.params, "text": written}) if note.what in _QUOTING_THE_DATE else note


def _day_of(kind: str | None, match: re.Match[str], year: int) -> tuple[date, bool]:
    """The day a matched deadline means in `year`, and whether it is the end of a period rather than a day."""
    if kind == "full":
        return date(year, int(match["fm"]), int(match["fd"])), False
    if kind == "day":
        return date(year, int(match["dm"]), int(match["dd"])), False
    if kind == "ym":
        return _end_of_month(year, int(match["ymm"])), True
    if kind == "month":
        month = int(match["mm"])
        part = match["mp"]
        if part in ("上旬", "中旬"):
            return date(year, month, 10 if part == "上旬" else 20), True
        return _end_of_month(year, month), True
    if kind == "half":
        return (date(year, 6, 30) if match["hp"] == "上" else date(year, 12, 31)), True
    if kind == "quarter":
        quarter = _CN_DIGITS[match["qn"]]
        return _end_of_month(year, quarter * 3), True
    return date(year, 12, 31), True  # yearend, year


# Excel's day 0 is 1899-12-30 (it counts 1900 as a leap year, so serials from 61 on are right from here).
_EXCEL_EPOCH = date(1899, 12, 30)


def read_deadline_value(value: object, year: int | None) -> Read[tuple[date | None, str | None]]:
    """A deadline cell as a reader gives it: a datetime or date (a real Excel date), an Excel serial number
    (a date cell read without its format), or text (read_deadline)."""
    if isinstance(value, datetime):
        if value.time() != datetime.min.time():
            shown = value.strftime("%Y-%m-%d %H:%M")
            return Read(
                (value.date(), None), (_note("import.deadline_time", text=shown, date=value.date().isoformat()),)
            )
        return Read((value.date(), None))
    if isinstance(value, date):
        return Read((value, None))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # Serials of 1982..2173: a plan's deadlines, not a number someone typed (a year, a count of days).
        if 30000 <= value < 100000:
            day = _EXCEL_EPOCH + timedelta(days=int(value))
            return Read((day, None), (_note("import.deadline_serial", value=value, date=day.isoformat()),))
        return Read((None, None), unread=str(value))
    if value is None:
        return Read((None, None))
    return read_deadline(str(value), year)


# --- the year of year-less deadlines -------------------------------------------------------------------------------

_TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:年|-|—|－|至|~)")


def year_of_title(title: str) -> int | None:
    """The year a title names: `2020年度…整改方案` → 2020; None when it names none.

    This is the year the plan is *about*; its deadlines often fall in the next one (the bundled 2020年度 plan's
    deadlines are all in 2021), so it is only the last resort for year-less deadlines: see default_year."""
    match = _TITLE_YEAR.search(_arabic(unicodedata.normalize("NFKC", title)))
    return int(match[1]) if match else None


def default_year(title: str, written: Iterable[date]) -> Read[int | None]:
    """The year for deadlines written without one (`6月底前`) when `--year` is not given: the year most of the
    table's fully written deadlines fall in (the earliest of equals), else the title's year, noted either way.
    Adding one to a 年度 title's year is not safe (a plan for 2021 published in 2021 is titled 2021年…), so it
    is never done; the note tells the user to pass --year when the guess is wrong."""
    years: dict[int, int] = {}
    for day in written:
        years[day.year] = years.get(day.year, 0) + 1
    if years:
        chosen = min(years, key=lambda year: (-years[year], year))
        return Read(chosen, (_note("import.year_from_deadlines", year=chosen),))
    titled = year_of_title(title)
    if titled is not None:
        return Read(titled, (_note("import.year_from_title", year=titled),))
    return Read(None)
