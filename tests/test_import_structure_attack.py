"""`rectiplan import` against the attack of review 3 (the structure, cells and YAML findings): group and footnote
rows, headless columns, division cells, 台账-only columns, YAML scalars, surrogates, huge ids, numbering inside a
sentence, a heading-synonym row, a merged cell read once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from import_tables import lost_pieces
from typer.testing import Result

from rectiplan import sheet

HEAD = "序号,整改内容,整改措施,完成时限,责任处室"


def imported_csv(run: Callable[..., Result], tmp_path: Path, text: str, *args: str) -> tuple[Result, Any]:
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    result = run("import", str(path), *args)
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1), result.output
    return result, yaml.safe_load(result.stdout)


# --- finding 3: a units line then a grouped line -------------------------------------------------------------


def test_grouped_units_after_a_units_line_are_kept_when_groups_do_not_match(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    text = f'{HEAD}\n1,问题甲,措施甲,2021年6月30日,"办公室\n（1）人事处；（2）财务处"\n'
    _, plan = imported_csv(run, tmp_path, text)
    assert plan["items"][0]["divisions"] == ["办公室", "人事处", "财务处"]


_UNIT = st.sampled_from(["甲处", "乙局", "丙中心", "丁办", "戊局", "己科", "辛站", "庚室"])
_NUMBER = st.sampled_from(["（1）", "（2）", "（3）", "1.", "2、", "①", "②", "（一）", ""])
_SEP = st.sampled_from(["、", "；", "，", " ", "\n"])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_UNIT, min_size=1, max_size=3),
    st.lists(st.tuples(_NUMBER, st.lists(_UNIT, min_size=1, max_size=2), _SEP), min_size=1, max_size=4),
    st.integers(0, 4),
)
def test_decode_divisions_never_loses_a_unit(
    first: list[str], groups: list[tuple[str, list[str], str]], measures: int
) -> None:
    rest = "".join(number + "、".join(units) + sep for number, units, sep in groups)
    text = "、".join(first) + "\n" + rest
    item, per_measure = sheet.decode_divisions(text, measures)
    found = [*item, *(unit for own in per_measure or [] for unit in own)]
    every = [*first, *(unit for _, units, _ in groups for unit in units)]
    assert lost_pieces(every, {"units": found}) == []
