"""From the table's records to plan data: each cell read with `cells` (published tables) or `sheet.decode_*`
(the tracking columns of an exported 台账), every interpretation and every unreadable cell kept for the report.

A cell that cannot be read is written into the plan as found, with a comment naming its row and column, so that
`rectiplan validate` points at it: never guessed, never dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .. import cells, sheet
from ..model import ITEM_KEYS, Status, status_named
from ..source import MAX_INT_DIGITS
from .grid import CellValue, value_text
from .structure import Column, Record, Table

# The 台账's columns worked out as of a date: written for people, never read back.
IGNORED_KEYS = frozenset(column.key for column in sheet.LEDGER if not column.imported)
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")
_ID = re.compile(r"\s*(\d+)\s*[.、．]?\s*")
# Between names in one cell: a 责任领导 or 责任人 column of its own naming several people.
_NAMES_APART = re.compile(r"[/／、，,；;\n]")


@dataclass(frozen=True)
class Finding:
    """One line of the report about a cell: where (source place, column heading), the message key and params,
    and whether the cell could not be read (then written as found)."""

    place: tuple[int, int]
    heading: str
    what: str
    params: dict[str, Any]
    unread: bool = False


@dataclass
class Assembled:
    data: dict[str, Any]
    # Comments above keys: path in data → (message key, params) of each.
    comments: dict[tuple[str | int, ...], list[tuple[str, dict[str, Any]]]]
    findings: list[Finding]
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    # Whether the table is an exported 台账 (is_ledger): only there are IGNORED_KEYS columns left unread.
    ledger: bool = False


def is_ledger(table: Table) -> bool:
    """Whether the table reads as rectiplan's own 台账 export: its 状态 and 当前期限 columns both headed as
    sheet.LEDGER writes them. A published table's 预警 or 天数 column is someone's text, kept in notes."""
    written = {column.key: (column.zh, column.en) for column in sheet.LEDGER}
    found = {column.key for column in table.columns if column.key and column.heading in written.get(column.key, ())}
    return {"status", "effective_deadline"} <= found


def _text(value: CellValue) -> str:
    return value_text(value)


class _ItemReader:
    """Reads one record into an item mapping, noting what it interpreted."""

    def __init__(self, record: Record, columns: list[Column], out: Assembled, index: int) -> None:
        self.record = record
        self.out = out
        self.index = index
        self.place = record.places[0]
        self.by_key: dict[str, list[tuple[Column, CellValue]]] = {}
        self.unknown: list[tuple[Column, CellValue]] = []
        # Text a cell held that no field took (a second name for the same person): kept in notes.
        self.left_over: list[str] = []
        for column in columns:
            value = record.values.get(column.index)
            if value is None:
                continue
            if column.key is None or (column.key in IGNORED_KEYS and not out.ledger):
                self.unknown.append((column, value))
            elif column.key not in IGNORED_KEYS:
                self.by_key.setdefault(column.key, []).append((column, value))

    def heading(self, key: str) -> str:
        found = self.by_key.get(key)
        return found[0][0].heading if found else key

    def text(self, key: str) -> str | None:
        """The text of the key's column(s), several joined by line breaks (a heading merged over two columns)."""
        found = self.by_key.get(key)
        if not found:
            return None
        return "\n".join(_text(value) for _, value in found).strip() or None

    def part_texts(self, key: str) -> list[str | None]:
        """Each source row's own text for the key (None where the row has none: empty, or merged from above)."""
        found = self.by_key.get(key)
        if not found:
            return []
        texts: list[str | None] = []
        for part in self.record.parts:
            pieces = [_text(part[column.index]) for column, _ in found if column.index in part]
            texts.append("\n".join(pieces).strip() or None)
        return texts

    def first_row_text(self, key: str) -> str | None:
        """The key's text from the first row that has one. An item spread over several rows whose rows name other
        people: those are not glued onto the first row's, but reported and kept in notes."""
        texts = [part for part in self.part_texts(key) if part]
        if len(texts) < 2:
            return self.text(key)
        for other in dict.fromkeys(texts[1:]):
            if other != texts[0]:
                heading = self.heading(key)
                self.out.findings.append(
                    Finding(self.place, heading, "import.people_rows", {"kept": texts[0], "other": other})
                )
                self.left_over.append(f"{heading}：{other}")
        return texts[0]

    def note(self, key: str, read: cells.Read[Any]) -> None:
        for interpretation in read.notes:
            self.out.findings.append(Finding(self.place, self.heading(key), interpretation.what, interpretation.params))

    def unread(self, key: str, field_key: str, found: str) -> str:
        """Record a cell written as found; returns the text to write."""
        heading = self.heading(key)
        self.out.findings.append(Finding(self.place, heading, "import.unread", {"text": found}, unread=True))
        path = ("items", self.index, field_key)
        self.out.comments.setdefault(path, []).append(
            ("import.comment_unread", {"row": self.place[1], "table": self.place[0], "column": heading})
        )
        return found


def _read_id(reader: _ItemReader, fallback: int, numbered: bool) -> int | str:
    if not numbered:
        return fallback
    text = reader.text("id") or ""
    match = _ID.fullmatch(unicodedata.normalize("NFKC", text))
    # A 序号 longer than a plan's loader reads as a number (and than int() converts) is written as found.
    if match and len(match.group(1)) <= MAX_INT_DIGITS:
        number = int(match.group(1))
        if number >= 1:
            return number
    return reader.unread("id", "id", text)


def _read_date(reader: _ItemReader, key: str) -> date | str | None:
    found = reader.by_key.get(key)
    if not found:
        return None
    value = found[0][1]
    if isinstance(value, datetime):
        # A day is asked for: the time of day is no part of it (it stays in the report's reading of the cell).
        return value.date()
    if isinstance(value, date):
        return value
    decoded = _decode("decode_date", value)
    if isinstance(decoded, date):
        return decoded
    read = cells.read_deadline(value, None)
    if read.unread is None and read.value[0] is not None and read.value[1] is None and not read.notes:
        return read.value[0]
    return reader.unread(key, key, value)


def _decode(name: str, text: str) -> Any:
    """sheet.decode_<name>(text), or None when the cell is not in the form rectiplan writes."""
    function: Callable[[str], Any] | None = getattr(sheet, name, None)
    if function is None:
        return None
    try:
        return function(text)
    except (ValueError, TypeError):
        return None


def assemble(table: Table, year: int | None, title: str) -> Assembled:
    out = Assembled({}, {}, [])
    out.ledger = is_ledger(table)
    keys = {column.key for column in table.columns}
    if not out.ledger:
        for column in table.columns:
            if column.key in IGNORED_KEYS:
                out.notes.append(("import.unknown_column", {"heading": column.heading}))
    if year is None:
        written: list[date] = []
        yearless = False  # whether any deadline cell lacks a year: the chosen year is said only then
        for record in table.records:
            for column in table.columns:
                if column.key != "deadline" or column.index not in record.values:
                    continue
                value = record.values[column.index]
                read = None if isinstance(value, date) else cells.read_deadline(value, None)
                day = value if isinstance(value, date) else read.value[0] if read else None
                if day is not None:
                    written.append(day)
                if read is not None and any(note.what == "import.deadline_no_year" for note in read.notes):
                    yearless = True
        chosen = cells.default_year(title, written)
        year = chosen.value
        for interpretation in chosen.notes if yearless else ():
            out.notes.append((interpretation.what, interpretation.params))
    else:
        out.notes.append(("import.year_given", {"year": year}))
    if "topic" not in keys and not any(record.group for record in table.records):
        out.notes.append(("import.topic_is_title", {"title": title}))
    items = []
    for index, record in enumerate(table.records):
        items.append(_item(record, table, out, index, year, title, "topic" in keys))
    out.data = {"title": title, "items": items}
    return out


def _item(
    record: Record, table: Table, out: Assembled, index: int, year: int | None, title: str, has_topic: bool
) -> dict[str, Any]:
    reader = _ItemReader(record, table.columns, out, index)
    item: dict[str, Any] = {key: None for key in ITEM_KEYS}
    item["id"] = _read_id(reader, index + 1, table.numbered)
    notes: list[str] = []
    topic = reader.text("topic")
    if topic is None and not has_topic:
        topic = record.group or title
    elif record.group:
        # A group row over a table that has its own topic column: the group's text is kept with the item.
        notes.append(record.group)
    # Group rows with nothing under them (structure.Record.stray): kept, first in the notes.
    notes += record.stray
    item["topic"] = topic
    item["issue"] = reader.text("issue")
    measures: list[Any] = []
    # An item over several rows (a continuation row, or 序号 merged down): each row's cell is read on its own, so a
    # row's measure is an entry of its own and `counts` says how many measures each row gave.
    counts: list[int] = []
    measure_parts = reader.part_texts("measures")
    if sum(1 for part in measure_parts if part) > 1:
        for part in measure_parts:
            measures += cells.split_numbered(part or "").value
            counts.append(len(measures) - sum(counts))
        # Numbered across the rows (1. in one, 2. in the next): the whole reads the numbering as one list.
        read = cells.split_numbered(reader.text("measures") or "")
        if len(read.value) == len(measures):
            measures = list(read.value)
            reader.note("measures", read)
        reader.out.findings.append(
            Finding(reader.place, reader.heading("measures"), "import.measures_by_row", {"rows": len(counts)})
        )
    else:
        measures_text = reader.text("measures")
        if measures_text is not None:
            read = cells.split_numbered(measures_text)
            reader.note("measures", read)
            measures = list(read.value)
    item["measures"] = measures or None
    evidence: list[str] = []
    evidence_parts = reader.part_texts("evidence")
    if sum(1 for part in evidence_parts if part) > 1:
        for part in evidence_parts:
            evidence += cells.split_numbered(part or "").value
        read_whole = cells.split_numbered(reader.text("evidence") or "")
        if len(read_whole.value) == len(evidence):
            evidence = list(read_whole.value)
            reader.note("evidence", read_whole)
    else:
        evidence_text = reader.text("evidence")
        if evidence_text is not None:
            read_evidence = cells.split_numbered(evidence_text)
            reader.note("evidence", read_evidence)
            evidence = list(read_evidence.value)
    item["evidence"] = evidence
    status_from_deadline = _deadline(reader, item, year)
    if not (counts and _divisions_by_row(reader, item, measures, counts)):
        _divisions(reader, item, measures)
    _people(reader, item)
    status = _status(reader, item)
    if status is None:
        status = status_from_deadline
    elif status_from_deadline is not None and status_from_deadline != status:
        # The status column wins; what the deadline cell said is kept with the item.
        reader.left_over.append(f"{reader.heading('deadline')}：{reader.text('deadline')}")
    if status == "pending":
        status = None  # the default, which the house style leaves out
    item["status"] = status
    item["done_on"] = _read_date(reader, "done_on")
    item["closed_on"] = _read_date(reader, "closed_on")
    _tracking_lists(reader, item)
    own_notes = reader.text("notes")
    if own_notes is not None:
        notes.insert(0, own_notes)
    notes += reader.left_over
    for column, value in reader.unknown:
        notes.append(f"{column.heading}：{_text(value).strip()}")
    item["notes"] = "\n".join(notes) if notes else None
    return item


def _deadline(reader: _ItemReader, item: dict[str, Any], year: int | None) -> str | None:
    found = reader.by_key.get("deadline")
    if not found:
        return None
    value: Any = found[0][1] if len(found) == 1 else reader.text("deadline")
    if isinstance(value, str) and _SERIAL.fullmatch(value.strip()):
        # A date cell whose format was lost (General): its Excel serial number; cells.py reads it, with a note.
        value = float(value)
    if isinstance(value, str) and status_named(value) is Status.ONGOING:
        # An ongoing item without a deadline, as the English docx export writes it (`ongoing`; 长期坚持 in
        # Chinese, which cells.py reads among the published forms).
        item["deadline"] = None
        return Status.ONGOING.value
    read = cells.read_deadline_value(value, year)
    reader.note("deadline", read)
    deadline, status = read.value
    if (
        read.unread is not None
        and deadline is None
        and status == "in_progress"
        and "import.deadline_immediate" in {note.what for note in read.notes}
    ):
        # 立行立改 alone: understood (in progress, reported so), but there is no deadline to write. Not written as
        # a bad date: the plan's validation asks for the missing deadline, and a comment at the item says which
        # cell said what.
        reader.out.comments.setdefault(("items", reader.index, "status"), []).append(
            (
                "import.comment_immediate",
                {
                    "row": reader.place[1],
                    "table": reader.place[0],
                    "column": reader.heading("deadline"),
                    "text": _text(value).strip(),
                },
            )
        )
        item["deadline"] = None
    elif read.unread is not None:
        item["deadline"] = reader.unread("deadline", "deadline", read.unread or _text(value))
    else:
        item["deadline"] = deadline
    return status


def _divisions(reader: _ItemReader, item: dict[str, Any], measures: list[Any]) -> None:
    divisions: list[str] = []
    per_measure: list[list[str]] | None = None
    for key in ("divisions", "lead_divisions", "assist_divisions"):
        text = reader.text(key)
        if text is None:
            continue
        read = cells.read_divisions(text, len(measures))
        reader.note(key, read)
        # The exported 台账's form too (the item's units on a line before grouped ones), which reads the same
        # as cells.read_divisions for every published form.
        units, own = sheet.decode_divisions(text, len(measures))
        divisions = cells.merge_lead_assist(divisions, units)
        if own is not None and per_measure is None and key != "assist_divisions":
            per_measure = own
    if reader.by_key.get("lead_divisions") and reader.by_key.get("assist_divisions"):
        reader.out.findings.append(
            Finding(reader.place, reader.heading("lead_divisions"), "import.lead_assist", {"count": len(divisions)})
        )
    if per_measure is not None and any(per_measure):
        for number, own_divisions in enumerate(per_measure):
            if own_divisions and number < len(measures):
                measures[number] = {"text": measures[number], "divisions": own_divisions}
    item["divisions"] = divisions or None


def _divisions_by_row(reader: _ItemReader, item: dict[str, Any], measures: list[Any], counts: list[int]) -> bool:
    """An item over several rows, two or more of which name their own 责任处室: each row's units are its measures'
    (a row with none shares the units of the row above, as a merged cell does). False when this does not apply."""
    texts = reader.part_texts("divisions")
    if sum(1 for part in texts if part) < 2 or reader.text("lead_divisions") or reader.text("assist_divisions"):
        return False
    units: list[str] = []
    per_measure: list[list[str]] = []
    current: list[str] = []
    for count, part in zip(counts, texts):
        own: list[list[str]] | None = None
        if part is not None:
            read = cells.read_divisions(part, count)
            reader.note("divisions", read)
            current, own = read.value
            units = cells.merge_lead_assist(units, current)
        per_measure += own if own is not None else [current] * count
    if len({tuple(group) for group in per_measure}) > 1:
        for number, own_divisions in enumerate(per_measure):
            if own_divisions and number < len(measures):
                measures[number] = {"text": measures[number], "divisions": own_divisions}
    item["divisions"] = units or None
    return True


def _people(reader: _ItemReader, item: dict[str, Any]) -> None:
    text = reader.first_row_text("people")
    if text is not None:
        read = cells.read_people(text)
        reader.note("people", read)
        if read.unread is not None:
            item["leader"] = reader.unread("people", "leader", read.unread)
        else:
            item["leader"], item["owner"] = read.value
    for key in ("leader", "owner"):
        own = reader.first_row_text(key)
        if own is not None and _NAMES_APART.search(own):
            # Not split: who of them leads is not written. Said, since --person finds them only by the whole text.
            reader.out.findings.append(
                Finding(reader.place, reader.heading(key), "import.people_several", {"name": own})
            )
        if own is not None:
            if item[key] is not None and item[key] != own:
                # Both 责任人 and a column of its own: the own column wins; the other name is kept in notes.
                reader.out.findings.append(
                    Finding(reader.place, reader.heading(key), "import.people_both", {"kept": own, "other": item[key]})
                )
                reader.left_over.append(f"{reader.heading('people')}：{item[key]}")
            item[key] = own


def _status(reader: _ItemReader, item: dict[str, Any]) -> str | None:
    text = reader.text("status")
    if text is None:
        return None
    status = status_named(text)
    if status is not None:
        return status.value
    return reader.unread("status", "status", text)


def _tracking_lists(reader: _ItemReader, item: dict[str, Any]) -> None:
    materials = reader.text("materials")
    if materials is not None:
        item["materials"] = sheet.decode_list(materials)
    for key in ("progress", "extensions"):
        text = reader.text(key)
        if text is None:
            continue
        decoded = _decode(f"decode_{key}", text)
        if decoded is None:
            # Written as found, as the entry's text (reason), so that validation asks for the missing date (on,
            # to) of that entry, not for a mapping; the report says what each line should start with.
            found = reader.unread(key, key, text)
            hint = "import.progress_needs_date" if key == "progress" else "import.extension_needs_date"
            reader.out.findings.append(Finding(reader.place, reader.heading(key), hint, {}))
            item[key] = [{"text": found} if key == "progress" else {"reason": found}]
        else:
            item[key] = [_plain(entry) for entry in decoded]


def _plain(entry: Any) -> Any:
    """A decoded progress entry or extension as plain data, in the model's key order, None values left out."""
    if hasattr(entry, "model_dump"):
        return {key: value for key, value in entry.model_dump().items() if value is not None}
    return entry
