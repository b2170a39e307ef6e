"""The YAML `rectiplan import` writes survives any cell text: what a cell holds is what the plan reads back."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from import_tables import write_csv

from rectiplan.importing import import_file
from rectiplan.importing.emit import emit_plan
from rectiplan.validate import load_plan_bytes

TRICKY = [
    "no", "on", "yes", "off", "~", "null", "1", "0x10", "1e3", ".inf", "2021-06-30", "12:30", "- a", "* a", "& a",
    "! a", "% a", "@ a", "` a", "# a", "a # b", "a: b", "'a'", '"a"', "[a]", "{a: b}", "? a", "| a", "> a", "a\nb",
    "a\r\nb", "a\rb", "\t a", "a\x85b", "a\u2028b", "a\ufeffb", "a\x7fb", "a\x1bb", "a\\nb", "---", "...",
]  # fmt: skip
# Any text, blank-free at the ends (the import trims cells), and not blank (a plan's text never is).
cell_text = st.text(min_size=1).map(str.strip).filter(bool)


def _plan(value: str) -> dict[str, Any]:
    return {
        "title": value,
        "items": [
            {
                "id": 1,
                "topic": value,
                "issue": value,
                "measures": [value, {"text": value, "divisions": ["办公室"]}],
                "evidence": [value],
                "deadline": date(2021, 6, 30),
                "divisions": ["办公室"],
                "leader": value,
                "owner": value,
                "notes": value,
                "progress": [{"on": date(2021, 6, 1), "text": value, "by": value}],
            }
        ],
    }


def check_emitted(value: str, comment: str) -> None:
    text = emit_plan(_plan(value), {("items", 0, "issue"): [comment]}, [comment])
    loaded = load_plan_bytes(text.encode("utf-8"), "p.yaml")
    assert loaded.plan is not None, (text, loaded.problems)
    item = loaded.plan.items[0]
    assert loaded.plan.title == item.topic == item.issue == item.leader == item.owner == item.notes == value
    assert [m.text for m in item.measures] == [value, value] and item.evidence == [value]
    assert item.progress[0].text == item.progress[0].by == value


@settings(max_examples=300, deadline=None)
@given(value=cell_text, comment=st.text())
@example(value="no", comment="a\nb # c")
def test_any_text_survives_the_emitter(value: str, comment: str) -> None:
    check_emitted(value, comment)


@pytest.mark.parametrize("value", TRICKY)
def test_tricky_texts_survive_the_emitter(value: str) -> None:
    check_emitted(value, value)


# CSV is the one format that can carry any character but NUL (Word and Excel refuse control characters).
csv_cell = st.text(alphabet=st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), min_size=1).filter(
    lambda t: t.strip()
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=csv_cell)
@example(value="'\t")  # found by hypothesis: read as a guarded formula, a tab, so the issue was blank
def test_any_cell_text_survives_import_and_load(tmp_path: Path, value: str) -> None:
    rows = [
        ["序号", "主题", "整改内容", "整改措施", "计划完成时间", "责任处室", "备注"],
        ["1", "主题", value, "措施", "2021-06-30", "办公室", value],
    ]
    path = write_csv(tmp_path / "t.csv", rows)
    result = import_file(path, "t.csv", lang="en", title="T")
    loaded = load_plan_bytes(result.yaml_text.encode("utf-8"), "t.yaml")
    assert loaded.plan is not None, (result.yaml_text, loaded.problems)
    # One line break in a cell is "\n" whichever way the file ended its lines.
    expected = value.replace("\r\n", "\n").strip()
    assert loaded.plan.items[0].issue == expected
    assert loaded.plan.items[0].notes == expected
