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


# --- finding 14: plain scalars YAML 1.1 or 1.2 reads as something else ------------------------------------------

# The YAML 1.2 core schema and the YAML 1.1 type regexes, as the specs write them (no YAML library asked).
_YAML_NOT_TEXT = [
    r"null|Null|NULL|~|",
    r"true|True|TRUE|false|False|FALSE",
    r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+",
    r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.nan|\.NaN|\.NAN",
    r"y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF",
    r"[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+",
    r"[-+]?([0-9][0-9_]*)?\.[0-9.]*([eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*",
    (
        r"[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}"
        r"(\.[0-9]*)?(([ \t]*)Z|[-+][0-9]{1,2}(:[0-9]{2})?)?"
    ),
]


def _cased(word: str) -> st.SearchStrategy[str]:
    return st.lists(st.booleans(), min_size=len(word), max_size=len(word)).map(
        lambda upper: "".join(c.upper() if u else c for c, u in zip(word, upper))
    )


_SIGN = st.sampled_from(["", "+", "-"])
_DIGITS = st.text("0123456789", min_size=1, max_size=5)
_NOT_TEXT_FORMS = st.one_of(
    st.sampled_from(["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"]).flatmap(_cased),
    st.builds(lambda s, d: s + d, _SIGN, _DIGITS),
    st.builds(lambda s, d: f"{s}0o{d}", _SIGN, st.text("01234567", min_size=1, max_size=4)),
    st.builds(lambda s, d: f"{s}0x{d}", _SIGN, st.text("0123456789abcdefABCDEF_", min_size=1, max_size=4)),
    st.builds(lambda s, d: f"{s}0b{d}", _SIGN, st.text("01_", min_size=1, max_size=4)),
    st.builds(lambda s, a, b: f"{s}{a}:{b}", _SIGN, _DIGITS, st.integers(0, 59)),
    st.builds(
        lambda s, a, b, e, x: f"{s}{a}.{b}{e}{x}",
        _SIGN,
        st.text("0123456789", max_size=3),
        st.text("0123456789", max_size=3),
        st.sampled_from(["e", "E", "e+", "e-", "E-"]),
        _DIGITS,
    ),
    st.builds(lambda s, d, e: f"{s}{d}e{e}", _SIGN, _DIGITS, _DIGITS),
    st.builds(lambda s, w: f"{s}.{w}", _SIGN, st.sampled_from(["inf", "nan"]).flatmap(_cased)),
    st.builds(
        lambda y, m, d, t: f"{y:04d}-{m}-{d}{t}",
        st.integers(1000, 2999),
        st.integers(1, 12),
        st.integers(1, 28),
        st.sampled_from(["", "T10:00:00", " 10:00:00.5 Z", "t1:02:03+8", "  01:02:03 -5:30"]),
    ),
)


@settings(max_examples=500, deadline=None)
@given(_NOT_TEXT_FORMS)
def test_every_scalar_yaml_could_read_as_no_text_is_quoted(value: str) -> None:
    import re

    from rectiplan.importing.emit import scalar

    written = scalar(value)
    assert yaml.safe_load(f"key: {written}")["key"] == value
    assert yaml.load(f"key: {written}", Loader=yaml.BaseLoader)["key"] == value
    if any(re.fullmatch(pattern, value) for pattern in _YAML_NOT_TEXT):
        assert written.startswith('"'), value


def test_the_forms_of_the_finding_are_quoted() -> None:
    from rectiplan.importing.emit import scalar

    for value in ("0o17", "1e3", "1E3", "+1e3", "y", "Y", "n", "N", "yEs", ".inf", ".NaN", "0b101", "1:20"):
        assert scalar(value) == f'"{value}"'
    assert scalar("措施甲") == "措施甲"
    assert scalar("2021年6月") == "2021年6月"


# --- finding 22: a lone surrogate from a file name or --title ------------------------------------------------


def test_a_title_with_bytes_that_are_not_utf8_is_written_loadable(run: Callable[..., Result], tmp_path: Path) -> None:
    text = f"{HEAD}\n1,问题甲,措施甲,2021年6月30日,办公室\n"
    result, plan = imported_csv(run, tmp_path, text, "--title", "方案\udcff")
    assert result.exit_code == 0, result.output
    assert plan["title"] == "方案\ufffd"
    assert "not UTF-8" in result.stderr
    named = tmp_path / "bad\udcffname.csv"
    named.write_text(text, encoding="utf-8")
    result = run("import", str(named))
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(result.stdout)["title"] == "bad\ufffdname"


# --- finding 25: a 序号 of thousands of digits -----------------------------------------------------------------


def test_a_huge_id_is_written_as_found_with_a_comment(run: Callable[..., Result], tmp_path: Path) -> None:
    text = f"{HEAD}\n{'9' * 5000},问题甲,措施甲,2021年6月30日,办公室\n"
    result, plan = imported_csv(run, tmp_path, text)
    assert result.exit_code == 1, result.output
    assert plan["items"][0]["id"] == "9" * 5000
    assert "could not be read" in result.stderr
    lines = result.stdout.splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("  - id:"))
    assert lines[at - 1].strip().startswith("# ")


# --- finding 2: a column without a heading -------------------------------------------------------------------


def test_a_column_without_a_heading_goes_into_notes(run: Callable[..., Result], tmp_path: Path) -> None:
    text = f"{HEAD},\n1,问题甲,措施甲,2021年6月30日,办公室,这一列没有表头但有重要内容\n2,问题乙,措施乙,2021年6月30日,办公室,\n"
    result, plan = imported_csv(run, tmp_path, text)
    assert result.exit_code == 0, result.output
    assert plan["items"][0]["notes"] == "列6：这一列没有表头但有重要内容"
    assert "notes" not in plan["items"][1]
    assert "column 6 has no heading" in result.stderr


def test_an_empty_column_without_a_heading_is_not_mentioned(run: Callable[..., Result], tmp_path: Path) -> None:
    result, _ = imported_csv(run, tmp_path, f"{HEAD},\n1,问题甲,措施甲,2021年6月30日,办公室,\n")
    assert "no heading" not in result.stderr


# --- finding 8: 预警, 当前期限, 天数 columns in a published table -------------------------------------------------


def test_warning_and_days_columns_of_a_published_table_go_into_notes(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    text = f"{HEAD},预警,Level,剩余/逾期天数\n1,问题甲,措施甲,2021年6月30日,办公室,需重点督办的说明,高优先级,还剩十天\n"
    result, plan = imported_csv(run, tmp_path, text)
    assert result.exit_code == 0, result.output
    assert plan["items"][0]["notes"] == "预警：需重点督办的说明\nLevel：高优先级\n剩余/逾期天数：还剩十天"
    assert "column '预警' has no field" in result.stderr


def test_the_worked_out_columns_of_an_exported_ledger_are_not_read(run: Callable[..., Result], tmp_path: Path) -> None:
    text = f"{HEAD},状态,当前期限,预警\n1,问题甲,措施甲,2021年6月30日,办公室,进行中,2021-06-30,逾期\n"
    result, plan = imported_csv(run, tmp_path, text)
    assert "notes" not in plan["items"][0]
    assert "预警" not in result.stderr


def test_a_column_cannot_be_named_a_worked_out_field(run: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(f"{HEAD},X\n1,问题甲,措施甲,2021年6月30日,办公室,文字\n", encoding="utf-8")
    for field in ("days", "level", "effective_deadline"):
        result = run("import", str(path), "--column", f"X={field}")
        assert result.exit_code == 2, result.output


# --- finding 1: group rows with nothing under them, a `二、…` continuation row ---------------------------------


def _nothing_lost(text: str, plan: Any) -> None:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text)))[1:]
    assert lost_pieces([cell for row in rows for cell in row[:3] + row[4:] if cell], plan) == []


def test_a_group_row_above_another_group_row_is_kept(run: Callable[..., Result], tmp_path: Path) -> None:
    text = f"{HEAD}\n一、作风方面,,,,\n二、会风文风,,,,\n1,问题甲,措施甲,2021年6月30日,办公室\n"
    result, plan = imported_csv(run, tmp_path, text)
    assert result.exit_code == 0, result.output
    item = plan["items"][0]
    assert item["topic"] == "二、会风文风"
    assert item["notes"] == "一、作风方面"
    assert "no item under it" in result.stderr
    _nothing_lost(text, plan)


def test_a_trailing_footnote_row_goes_into_the_last_item(run: Callable[..., Result], tmp_path: Path) -> None:
    text = f"{HEAD}\n1,问题甲,措施甲,2021年6月30日,办公室\n二、尾部说明：本表解释权归督查室,,,,\n"
    result, plan = imported_csv(run, tmp_path, text)
    assert result.exit_code == 0, result.output
    assert plan["items"][0]["notes"] == "二、尾部说明：本表解释权归督查室"
    assert "no item under it" in result.stderr
    _nothing_lost(text, plan)


def test_a_continuation_row_holding_a_chinese_numbered_measure_continues(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    text = f"{HEAD}\n1,问题甲,1.措施甲,2021年6月30日,办公室\n,,二、每季度开展一次督查,,\n"
    result, plan = imported_csv(run, tmp_path, text)
    assert result.exit_code == 0, result.output
    assert "二、每季度开展一次督查" in yaml.safe_dump(plan["items"][0], allow_unicode=True)
    _nothing_lost(text, plan)


# --- finding 18: one heading-like cell under the header -------------------------------------------------------


def test_a_lone_heading_synonym_under_the_header_is_no_second_header(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    text = f"{HEAD}\n问题清单,,,,\n1,问题甲,措施甲,2021年6月30日,办公室\n2,问题乙,措施乙,2021年6月30日,人事处\n"
    result, plan = imported_csv(run, tmp_path, text)
    assert "two rows" not in result.stderr
    # A row of its own (unmerged in a CSV: a data row whose 序号 cannot be read, said with a comment).
    assert [item["id"] for item in plan["items"]] == ["问题清单", 1, 2]
    assert [item.get("issue") for item in plan["items"]] == [None, "问题甲", "问题乙"]


def test_a_merged_heading_synonym_row_under_the_header_is_a_group_row(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    from import_tables import write_xlsx

    rows: list[Any] = [
        HEAD.split(","),
        ["问题清单", "", "", "", ""],
        ["1", "问题甲", "措施甲", "2021年6月30日", "办公室"],
    ]
    path = write_xlsx(tmp_path / "g.xlsx", rows, merges=[((1, 0), (1, 4))])
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    plan = yaml.safe_load(result.stdout)
    assert "two rows" not in result.stderr
    assert plan["items"] == [
        {
            "id": 1,
            "topic": "问题清单",
            "issue": "问题甲",
            "measures": ["措施甲"],
            "evidence": [],
            "deadline": plan["items"][0]["deadline"],
            "divisions": ["办公室"],
        }
    ]


# --- finding 27: a cell merged across two columns under a heading merged the same way --------------------------


def test_a_cell_merged_across_a_merged_heading_is_read_once(run: Callable[..., Result], tmp_path: Path) -> None:
    from import_tables import write_docx, write_xlsx

    rows: list[Any] = [
        ["序号", "整改内容", "整改措施", "", "完成时限", "责任处室"],
        ["1", "问题甲", "措施甲", "", "2021年6月30日", "办公室"],
        ["2", "问题乙", "措施乙", "措施乙补充", "2021年6月30日", "人事处"],
    ]
    merges = [((0, 2), (0, 3)), ((1, 2), (1, 3))]
    for writer, suffix in ((write_docx, "docx"), (write_xlsx, "xlsx")):
        path = writer(tmp_path / f"m.{suffix}", rows, merges=merges)
        result = run("import", str(path), "--title", "T")
        assert result.exit_code == 0, result.output
        first, second = yaml.safe_load(result.stdout)["items"]
        assert first["measures"] == ["措施甲"]
        assert second["measures"] == ["措施乙\n措施乙补充"]


# --- finding 24: `（1）…（2）` inside a sentence ------------------------------------------------------------------


def test_numbering_inside_a_sentence_is_text() -> None:
    from rectiplan.cells import split_numbered

    for text in ("组织高一（1）班和（2）班开展学习", "按照①号文件和②号文件执行", "完成一期1)号楼、2)号楼改造"):
        assert split_numbered(text).value == [text]
    assert split_numbered("1、甲；2、乙").value == ["甲；", "乙"]
    assert split_numbered("具体措施：（1）甲；（2）乙").value == ["具体措施：", "甲；", "乙"]
    assert split_numbered("措施如下，①甲②乙").value == ["措施如下，", "甲", "乙"]
    assert split_numbered("1.制定实施细则，明确定义3.自治区").value == ["制定实施细则，明确定义3.自治区"]
    assert split_numbered("1.甲定义2.乙定义3.自治区").value == ["甲定义", "乙定义", "自治区"]
