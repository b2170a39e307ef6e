"""Tables, blocks and `show` for people: nothing is ever cut off, and lines break by the Chinese rules."""

from __future__ import annotations

import io
import itertools
import json
import re
from collections import Counter

import pytest
from conftest import BUNDLED, plan_text
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from rectiplan.formats import FORMAT_BY_NAME, Listing, Output, Row
from rectiplan.formats.layout import CLOSING, OPENING, wrap
from rectiplan.formats.table import status_label
from rectiplan.query import days_overdue, entries_of
from rectiplan.validate import load_plan

BOX_AND_SPACE = re.compile(r"[\s┌─┬┐│├┼┤└┴┘┄+|·]")
AS_OF = __import__("datetime").date(2021, 9, 1)


def _listing(plans: int) -> Listing:
    plan = load_plan(BUNDLED).plan
    named = [(f"plans/{'第二' if index else ''}2020_social_evaluation.yaml", plan) for index in range(plans)]
    # Twelve items a plan hold every kind of cell the bundled plan has (long issues, several divisions, late and
    # not late, Latin and digits), and keep 400 renderings quick.
    entries = [entry for entry in entries_of(named) if entry.item.id <= 12]
    rows = [Row(entry, days_overdue(entry.item, AS_OF)) for entry in entries]
    return Listing("list", rows, total=len(entries), as_of=(AS_OF,), many_plans=plans > 1)


def _shown_characters(listing: Listing, lang: str, *, wide: bool) -> Counter[str]:
    wanted: Counter[str] = Counter()
    for row in listing.rows:
        item = row.entry.item
        fields = [str(item.id), item.issue, item.deadline.isoformat(), *item.all_divisions(), item.leader or "",
                  item.owner or "", status_label(item.status, lang)]  # fmt: skip
        if wide:
            fields.append(item.topic)
        if listing.many_plans:
            fields.append(row.entry.source.rsplit("/", 1)[-1])
        wanted.update(BOX_AND_SPACE.sub("", "".join(fields)))
    return wanted


def _render(listing: Listing, width: int, lang: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    stream = io.StringIO()
    FORMAT_BY_NAME["table"].render(listing, Output(stream, lang))
    return stream.getvalue()


@pytest.mark.parametrize("plans", [1, 2])
def test_every_character_of_every_shown_field_is_printed_at_every_width(plans, monkeypatch):
    listing = _listing(plans)
    for lang, widths in (("zh", range(201)), ("en", range(0, 201, 7))):
        for width in widths:
            out = _render(listing, width, lang, monkeypatch)
            printed = Counter(BOX_AND_SPACE.sub("", out))
            wanted = _shown_characters(listing, lang, wide=False)
            missing = wanted - printed
            assert not missing, (lang, width, dict(missing))
            if width >= 2:  # a line may only be wider than the terminal when one character is
                assert all(cell_len(line) <= width for line in out.splitlines()), (lang, width)


def test_a_table_too_narrow_for_its_columns_becomes_blocks(monkeypatch):
    # Two plans at 64-72 columns once squeezed the issue to one character or cropped the people column.
    for width in range(60, 80):
        out = _render(_listing(2), width, "zh", monkeypatch)
        for line in out.splitlines():
            if line.startswith("│"):
                issue_cell = line.split("│")[3]
                assert cell_len(issue_cell.strip()) == 0 or cell_len(issue_cell) >= 20


def _segments(out: str) -> list[str]:
    """Each line of text inside a table cell or after show's label, without the padding."""
    segments = []
    for line in out.splitlines():
        parts = line.split("│")[1:-1] if line.startswith("│") else [line]
        segments += [part.strip() for part in parts if part.strip()]
    return segments


def _check_breaks(out: str, sources: list[str]) -> None:
    segments = _segments(out)
    for segment in segments:
        assert segment[0] not in CLOSING, segment
        assert segment[-1] not in OPENING, segment
    joined = "\n".join(segments)
    for source in sources:
        for run in re.findall(r"[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*", source):
            assert run in joined, run


def test_list_lines_never_start_with_closing_punctuation_nor_split_numbers(run):
    records = json.loads(run("list", "-f", "json").stdout)
    for width in ("40", "50", "64", "80", "100", "120", "160"):
        for lang in ("zh", "en"):
            out = run("list", "--as-of", "2021-09-01", "--lang", lang, env={"COLUMNS": width}).stdout
            _check_breaks(out, [record["issue"] for record in records])


def test_show_lines_follow_the_same_rules(run):
    for record in json.loads(run("list", "-f", "json").stdout):
        for width in ("60", "80", "100"):
            out = run("show", str(record["id"]), "--as-of", "2021-09-01", "--lang", "zh", env={"COLUMNS": width}).stdout
            lines = [line[14:].strip() for line in out.splitlines()[1:]]  # past the label gutter
            lines = [re.sub(r"^\d+\. ", "", line) for line in lines if line]
            for line in lines:
                assert line[0] not in CLOSING and line[-1] not in OPENING, (record["id"], width, line)
            measures = [measure["text"] for measure in record["measures"]]
            for run_ in re.findall(r"[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*", " ".join([record["issue"], *measures])):
                assert run_ in out, (record["id"], width, run_)


@given(st.text(alphabet="中文字，。、（）「」“”ab12 -", max_size=40), st.integers(min_value=0, max_value=30))
def test_wrap_keeps_every_character_and_the_rules(text, width):
    lines = wrap(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert cell_len(line) <= max(width, 2)
    for before, after in itertools.pairwise(lines):
        # A rule is broken only when the unbreakable group is longer than the whole line.
        if after and after[0] in CLOSING or before and before[-1] in OPENING:
            assert cell_len(before) + cell_len(after) > max(width, 1)


def test_wrap_examples():
    assert wrap("硬化，希望", 4) == ["硬", "化，希", "望"] or wrap("硬化，希望", 4)[1][0] != "，"
    assert wrap("田明新在2020年大概", 10) == ["田明新在", "2020年大概"]
    assert wrap("ab cd", 2) == ["ab", "cd"]
    assert wrap("中", 0) == ["中"]
    assert wrap("（一）加强指导", 6) == ["（一）", "加强指", "导"]


def test_narrow_layouts_tell_divisions_from_people(run):
    medium = run("list", "--division", "规配处", "--lang", "zh", env={"COLUMNS": "90"}).stdout
    lines = medium.splitlines()
    divisions = next(i for i, line in enumerate(lines) if "│    8 │" in line)
    assert "规配处" in lines[divisions] and "┄┄┄" in lines[divisions + 1] and "蹇兴超/陈丹" in lines[divisions + 2]
    block = run("list", "--division", "规配处", "--lang", "zh", env={"COLUMNS": "60"}).stdout
    assert "责任处室：规配处 · 责任人：蹇兴超/陈丹 · 状态：未开始" in block
    english = run("list", "--division", "规配处", env={"COLUMNS": "60"}).stdout
    assert "Division: 规配处 · People: 蹇兴超/陈丹 · Status: pending" in english


def test_the_width_agrees_with_rich_for_every_character():
    from rectiplan.formats.layout import text_width

    # Every character of the Basic Multilingual Plane but the surrogates, and a sample of the planes above it;
    # each is measured twice, the second time from the table of widths seen.
    codes = [*range(0x80, 0xD800), *range(0xE000, 0x10000), *range(0x10000, 0x110000, 97)]
    for code in codes:
        text = chr(code) * 3
        assert text_width(text) == cell_len(text), hex(code)
        assert text_width(text) == cell_len(text), hex(code)
    for sample in (
        "整改内容：加强调研指导（办公室）",
        "a“b”—c…" * 5,
        "éü中文" * 9,
        "한국어 かな" * 4,
        "e\u0301\u200b中",
    ):
        assert text_width(sample) == cell_len(sample)


def test_trailing_spaces_make_no_empty_line():
    # Found by hypothesis: the space after an opening quote at width 0 became a line of its own.
    assert wrap("“ ", 0) == ["“"]
    assert wrap("ab  ", 2) == ["ab"]
    assert wrap("   ", 1) == [""]


@pytest.mark.parametrize("symbol", ["❤️", "1️⃣", "👨\u200d👩\u200d👧", "👍🏽", "e\u0301"])
def test_a_symbol_made_of_several_characters_is_measured_whole_and_never_broken(symbol):
    from rectiplan.formats.layout import text_width

    text = f"整改{symbol}措施" * 3
    assert text_width(text) == cell_len(text)
    for width in range(1, 12):
        lines = wrap(text, width)
        assert "".join(lines) == text
        assert all(symbol in line for line in lines if symbol[0] in line), (width, lines)


def test_a_table_with_emoji_sequences_keeps_its_borders_in_line(run, write_plan):
    path = write_plan(plan_text({"issue": "重点整改❤️1️⃣👨\u200d👩\u200d👧事项" * 4}))
    result = run("list", "--plan", str(path), "--as-of", "2021-09-01", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    widths = {cell_len(line) for line in result.stdout.splitlines() if line.startswith(("│", "├", "┌", "└"))}
    assert widths == {80} or len(widths) == 1


@pytest.mark.parametrize("columns", ["40", "60", "80", "100"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_show_keeps_the_divisions_of_a_measure_on_one_line(run, columns, lang):
    # The new user's: "(by 办公" and "室)" on two lines at 80 columns.
    result = run("show", "3", "--as-of", "2021-09-01", "--lang", lang, env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    suffix = "(by 办公室)" if lang == "en" else "（由办公室负责）"
    assert any(suffix in line for line in result.stdout.splitlines()), result.stdout
