"""The bundled 2020 plan matches its source document cell by cell.

``plans/2020_social_evaluation.yaml`` was transcribed by hand from the Word
attachment "附件 2020年度自治区科技厅社会评价意见建议整改方案".  A text dump of
that table is kept in ``tests/data/2020_social_evaluation_plan.txt`` (an exact
copy of the seed; tests never read anything outside the repository).

Dump format: a line "附件", the title line, then a header row of 8 cells and
one block per table row, blocks separated by blank lines.  Every cell starts
with a tab; a line without a leading tab continues the previous cell.

These tests prove that nothing was lost, added or altered in transcription:
scalar cells are compared for exact equality, list cells (measures, evidence)
must be reproduced by their entries verbatim, with only numbering prefixes,
whitespace and separators left over.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rectiplan.validate import load_plan

TESTS_DIR = Path(__file__).resolve().parent
SEED_PATH = TESTS_DIR / "data" / "2020_social_evaluation_plan.txt"
PLAN_PATH = TESTS_DIR.parent / "plans" / "2020_social_evaluation.yaml"

HEADER = ["序号", "主题", "整改内容", "整改措施", "整改检验形式", "计划完成时间", "责任处室", "责任人"]
(ID, TOPIC, ISSUE, MEASURES, EVIDENCE, DEADLINE, DIVISIONS, RESPONSIBLE) = range(8)
N_ITEMS = 31
ITEM_IDS = list(range(1, N_ITEMS + 1))

# A numbering prefix at the start of an entry: "1." "1、" "（1）" "(1)".
# "3月31日" is not a prefix (no "." or "、" after the digits).
NUMBERING_PREFIX = re.compile(r"^(\d+[.、]|（\d+）|\(\d+\))")
# A numbering marker anywhere inside an entry means two parts were merged
# (e.g. item 22 evidence "…三类定义3.自治区…").  Digits followed by a digit
# ("6、7、9月") or preceded by a digit or "." ("2.5") are not markers.
EMBEDDED_NUMBERING = re.compile(r"(?<![\d.])\d+[.、](?!\d)|（\d+）|\(\d+\)")
# What may remain of a measures/evidence cell once its entries are removed.
LEFTOVER = re.compile(r"[\d.（）()\s]*")
# Separators and group markers in a 责任处室 cell.
DIVISION_MARKERS = re.compile(r"（\d+）|[、，；]")

# 责任处室 cells that assign divisions to groups of measures.
GROUPED_DIVISIONS = {
    3: {
        "cell": "（1）办公室；（2）高新处、区域处",
        "item": ["办公室", "高新处", "区域处"],
        "measures": [["办公室"], ["高新处", "区域处"]],
    },
    26: {
        "cell": "（1）规配处、审批办，（2）基础处",
        "item": ["规配处", "审批办", "基础处"],
        "measures": [["规配处", "审批办"]] * 2 + [["基础处"]] * 3,
    },
}


def parse_seed(path: Path) -> tuple[str, list[str], list[list[str]]]:
    """Return (title, header cells, data rows) of the tab-separated dump."""
    preamble: list[str] = []
    rows: list[list[str]] = []
    row: list[str] | None = None
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("\t"):
            if row is None:
                row = []
                rows.append(row)
            row.append(line[1:])
        elif line == "":
            row = None
        elif row is None:
            assert not rows, f"text between rows: {line!r}"
            preamble.append(line)
        else:
            row[-1] += "\n" + line  # continuation line of a multi-line cell
    assert len(preamble) == 2 and preamble[0] == "附件", preamble
    return preamble[1], rows[0], rows[1:]


SEED_TITLE, SEED_HEADER, SEED_ROWS = parse_seed(SEED_PATH)
ROW_BY_ID = {int(row[ID]): row for row in SEED_ROWS if row and row[ID].isdigit()}


@pytest.fixture(scope="module")
def load_result():
    return load_plan(PLAN_PATH)


@pytest.fixture(scope="module")
def plan(load_result):
    assert load_result.problems == []
    return load_result.plan


@pytest.fixture(scope="module")
def items_by_id(plan):
    return {item.id: item for item in plan.items}


@pytest.fixture(params=ITEM_IDS, ids=lambda i: f"item{i}")
def pair(request, items_by_id):
    """(seed row, plan item) for one item id."""
    item_id = request.param
    assert item_id in items_by_id, f"plan has no item {item_id}"
    return ROW_BY_ID[item_id], items_by_id[item_id]


def removed_entries(entries: list[str], cell: str) -> str:
    """Remove entries from cell, in order and non-overlapping; return the rest.

    Fails if an entry does not occur verbatim after the previous one.
    """
    pos = 0
    rest = []
    for entry in entries:
        at = cell.find(entry, pos)
        assert at >= 0, f"entry not found verbatim (in order) in cell:\n{entry!r}\ncell:\n{cell!r}"
        rest.append(cell[pos:at])
        pos = at + len(entry)
    rest.append(cell[pos:])
    return "".join(rest)


def assert_entries_reproduce_cell(entries: list[str], cell: str) -> None:
    assert entries, "no entries"
    for entry in entries:
        assert isinstance(entry, str)
        assert entry, "empty entry"
        assert "\n" not in entry, f"entry spans lines: {entry!r}"
        assert entry == entry.strip(), f"entry has surrounding whitespace: {entry!r}"
        assert not NUMBERING_PREFIX.match(entry), f"entry keeps its numbering prefix: {entry!r}"
        assert not EMBEDDED_NUMBERING.search(entry), f"entry holds several numbered parts: {entry!r}"
    leftover = removed_entries(entries, cell)
    assert LEFTOVER.fullmatch(leftover), f"text lost from cell: {leftover!r}"
    numbers = re.findall(r"\d+", leftover)
    if numbers:
        # A numbered cell: one entry per number, numbered 1..n.
        assert numbers == [str(n) for n in range(1, len(entries) + 1)], (numbers, entries)
    else:
        # An unnumbered cell: one entry per line.
        assert len(entries) == len(cell.split("\n")), entries


# --- the seed itself ---------------------------------------------------------


def test_seed_has_31_rows_of_8_cells():
    assert SEED_HEADER == HEADER
    assert [len(row) for row in SEED_ROWS] == [8] * N_ITEMS
    assert [row[ID] for row in SEED_ROWS] == [str(i) for i in ITEM_IDS]


# --- the plan as a whole -----------------------------------------------------


def test_plan_loads_without_problems(load_result):
    assert load_result.problems == []
    assert load_result.plan is not None


def test_plan_title_is_seed_title(plan):
    assert SEED_TITLE == "2020年度自治区科技厅社会评价意见建议整改方案"
    assert plan.title == SEED_TITLE


def test_plan_has_items_1_to_31_in_order(plan):
    assert [item.id for item in plan.items] == ITEM_IDS


# --- cell by cell ------------------------------------------------------------


def test_topic(pair):
    row, item = pair
    assert item.topic == row[TOPIC]


def test_issue_is_whole_cell(pair):
    row, item = pair
    assert item.issue == row[ISSUE]


def test_deadline(pair):
    row, item = pair
    assert item.deadline.isoformat() == row[DEADLINE]


def test_leader_and_owner(pair):
    row, item = pair
    assert f"{item.leader}/{item.owner}" == row[RESPONSIBLE]


def test_measures_reproduce_cell(pair):
    row, item = pair
    assert_entries_reproduce_cell([m.text for m in item.measures], row[MEASURES])


def test_evidence_reproduces_cell(pair):
    row, item = pair
    assert_entries_reproduce_cell(list(item.evidence), row[EVIDENCE])


def test_divisions(pair):
    row, item = pair
    cell = row[DIVISIONS]
    assert all(item.divisions), item.divisions
    assert not any(DIVISION_MARKERS.search(d) for d in item.divisions), item.divisions
    assert DIVISION_MARKERS.sub("", cell) == "".join(item.divisions)
    if item.id not in GROUPED_DIVISIONS:
        assert item.divisions == cell.split("、")


def test_measures_have_own_divisions_only_in_grouped_items(pair):
    _row, item = pair
    own = [m.divisions for m in item.measures]
    if item.id in GROUPED_DIVISIONS:
        assert all(own), own
    else:
        assert own == [[] for _ in item.measures]


@pytest.mark.parametrize("item_id", sorted(GROUPED_DIVISIONS), ids=lambda i: f"item{i}")
def test_grouped_divisions(item_id, items_by_id):
    expected = GROUPED_DIVISIONS[item_id]
    item = items_by_id[item_id]
    assert ROW_BY_ID[item_id][DIVISIONS] == expected["cell"]
    assert item.divisions == expected["item"]
    assert [m.divisions for m in item.measures] == expected["measures"]


def test_bundled_plan_is_written_for_people():
    """Block style only, Chinese unescaped, one value a line (nothing folded or wrapped), a header comment."""
    text = PLAN_PATH.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("# ")
    shapes = re.compile(r"(\s*#.*|\s*(- )?[a-z_]+:( [^\[{|>\"'].*)?|\s*- [^\[{|>].*|)")
    assert [line for line in lines if not shapes.fullmatch(line)] == []
    assert "\\u" not in text and "\\x" not in text
