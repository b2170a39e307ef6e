"""Edits change exactly the intended bytes of a plan full of comments, in every variant the loader reads (LF, CRLF
with a byte order mark, UTF-16) and with either parser, and re-read as exactly the intended data."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

import rectiplan.source
from rectiplan import edit
from rectiplan.edit import EditRefused, Loaded, open_plan
from rectiplan.model import Status
from rectiplan.splice import scalar
from rectiplan.validate import load_plan_bytes

TODAY = date(2021, 9, 10)

COMMENTED = """\
# 测试方案: a plan full of comments
title: 测试方案   # the title
timezone: Asia/Shanghai

items:
  # before item 1
  - id: 1   # the first
    topic: 反馈问题整改  # topic comment
    issue: "引号里的问题"
    measures:
      - 措施一
      # between measures
      - 措施二
    evidence: [培训通知, 签到表]
    deadline: 2021-08-31
    divisions:
      - 农村处
    leader: 唐咸来
    owner: 潘红雄   # owner comment
      # deeper: still about the owner

    # after item 1: about item 2

  - id: 2
    topic: 热点难点工作
    issue: 第二个问题
    measures: [措施]
    evidence: []
    deadline: 2021-06-30
    divisions: [社发处]
    status: 已完成   # 中文状态
    done_on: '2021-07-01'
    materials:
      - docs/a.pdf  # the first material
    progress:
      - on: 2021-06-01
        text: 开始
      # between entries
      - on: 2021-06-15
        text: 中期检查
    # the last line of item 2
  - {id: 3, topic: 本系统干部职工, issue: 第三个问题, measures: [措施], evidence: [], deadline: 2021-10-31, divisions: [规配处]}
"""


def variant_bytes(text: str, variant: str) -> bytes:
    if variant == "lf":
        return text.encode("utf-8")
    if variant == "crlf-bom":
        return codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8")
    assert variant == "utf-16"
    return codecs.BOM_UTF16_LE + text.encode("utf-16-le")


@pytest.fixture(params=["libyaml", "pure-python"])
def loader(request, monkeypatch):
    """Both parsers: their marks count the byte order mark differently."""
    if request.param == "pure-python":
        monkeypatch.setattr(rectiplan.source, "LOADER", rectiplan.source.PurePythonLoader)
    return request.param


@pytest.fixture(autouse=True, params=["quick", "full"])
def reread(request, monkeypatch):
    """Both checks of an edit: the item's own lines re-read, and the whole file re-read."""
    monkeypatch.setattr(edit, "FULL_REREAD", request.param == "full")
    return request.param


@pytest.fixture(params=["lf", "crlf-bom", "utf-16"])
def variant(request):
    return request.param


def loaded(tmp_path: Path, content: bytes) -> Loaded:
    path = tmp_path / "plan.yaml"
    path.write_bytes(content)
    plan = open_plan(path)
    assert plan.result.ok, plan.result.problems
    return plan


# (the edit, the lines replaced: old text -> new text, applied once to COMMENTED)
CASES: dict[str, tuple[Callable[[Loaded], edit.Edit], list[tuple[str, str]]]] = {
    # Item 1 has no status; the file writes statuses in Chinese (item 2), so the new one is Chinese too.
    "start": (
        lambda plan: edit.set_status(plan, 1, Status.IN_PROGRESS, today=TODAY),
        [("      # deeper: still about the owner\n", "      # deeper: still about the owner\n    status: 进行中\n")],
    ),
    "done adds status and done_on": (
        lambda plan: edit.mark_done(plan, 1, on=date(2021, 9, 1), today=TODAY),
        [
            (
                "      # deeper: still about the owner\n",
                "      # deeper: still about the owner\n    status: 已完成\n    done_on: 2021-09-01\n",
            )
        ],
    ),
    "done on a done item changes done_on only, keeping its quotes": (
        lambda plan: edit.mark_done(plan, 2, on=date(2021, 7, 2), today=TODAY),
        [("    done_on: '2021-07-01'\n", "    done_on: '2021-07-02'\n")],
    ),
    "set-status pending on a done item removes done_on, in Chinese": (
        lambda plan: edit.set_status(plan, 2, Status.PENDING, today=TODAY),
        [("    status: 已完成   # 中文状态\n    done_on: '2021-07-01'\n", "    status: 未开始   # 中文状态\n")],
    ),
    "note creates progress": (
        lambda plan: edit.add_note(plan, 1, "培训: 第一期 #1", on=date(2021, 9, 1), by="潘红雄", today=TODAY),
        [
            (
                "      # deeper: still about the owner\n",
                (
                    "      # deeper: still about the owner\n    progress:\n      - on: 2021-09-01\n"
                    '        text: "培训: 第一期 #1"\n        by: 潘红雄\n'
                ),
            )
        ],
    ),
    "note appends after the last entry": (
        lambda plan: edit.add_note(plan, 2, "验收", on=date(2021, 7, 1), by=None, today=TODAY),
        [("        text: 中期检查\n", "        text: 中期检查\n      - on: 2021-07-01\n        text: 验收\n")],
    ),
    "extend": (
        lambda plan: edit.extend(plan, 1, to=date(2021, 12, 31), reason="等待批复", approved_on=None, today=TODAY),
        [
            (
                "      # deeper: still about the owner\n",
                (
                    "      # deeper: still about the owner\n    extensions:\n      - to: 2021-12-31\n"
                    "        reason: 等待批复\n"
                ),
            )
        ],
    ),
    "attach appends to a block list, keeping its comment": (
        lambda plan: edit.attach(plan, 2, ["桂科办字〔2021〕12号", "2021"]),
        [
            (
                "      - docs/a.pdf  # the first material\n",
                '      - docs/a.pdf  # the first material\n      - 桂科办字〔2021〕12号\n      - "2021"\n',
            )
        ],
    ),
    "close": (
        lambda plan: edit.close(plan, 2, on=date(2021, 7, 5), today=TODAY),
        [("    done_on: '2021-07-01'\n", "    done_on: '2021-07-01'\n    closed_on: 2021-07-05\n")],
    ),
    "a flow-style item gets its key inside the braces": (
        lambda plan: edit.set_status(plan, 3, Status.IN_PROGRESS, today=TODAY),
        [("divisions: [规配处]}", "divisions: [规配处], status: 进行中}")],
    ),
    "a flow-style item gets a flow list": (
        lambda plan: edit.attach(plan, 3, ["a, b", "c"]),
        [("divisions: [规配处]}", 'divisions: [规配处], materials: ["a, b", c]}')],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_an_edit_changes_exactly_the_intended_bytes(case, tmp_path, loader, variant):
    make, replacements = CASES[case]
    expected_text = COMMENTED
    for old, new in replacements:
        assert expected_text.count(old) == 1, old
        expected_text = expected_text.replace(old, new)
    plan = loaded(tmp_path, variant_bytes(COMMENTED, variant))
    result = make(plan)
    assert result.before == variant_bytes(COMMENTED, variant)
    assert result.after == variant_bytes(expected_text, variant)
    assert load_plan_bytes(result.after, "plan.yaml").ok


def test_a_flow_list_under_an_item_gets_the_entry_before_its_bracket(tmp_path, loader):
    text = COMMENTED.replace("    materials:\n      - docs/a.pdf  # the first material\n", "    materials: [a.pdf]\n")
    result = edit.attach(loaded(tmp_path, text.encode()), 2, ["b.pdf"])
    assert result.after == text.replace("materials: [a.pdf]", "materials: [a.pdf, b.pdf]").encode()


def test_a_file_without_a_final_line_break_gets_one_before_the_new_lines(tmp_path, loader):
    text = COMMENTED.split("  - {id: 3")[0].replace("    # the last line of item 2\n", "")
    text = text.replace("        text: 中期检查\n", "        text: 中期检查")
    result = edit.attach(loaded(tmp_path, text.encode()), 2, ["b.pdf"])
    expected = text.replace(
        "      - docs/a.pdf  # the first material\n", "      - docs/a.pdf  # the first material\n      - b.pdf\n"
    )
    assert result.after == expected.encode()


ITEM_2 = """\
  - id: 2
    topic: 热点难点工作
    issue: 第二个问题
    measures: [措施]
    evidence: []
    deadline: 2021-06-30
    divisions: [社发处]
"""
ITEM_1_HEAD = """\
title: 测试方案
items:
  - id: 1
    topic: 反馈问题整改
    issue: 问题
    measures: [措施]
    evidence: []
    deadline: 2021-08-31
"""

# Layouts people write, each with the text where `attach 1 b.pdf` must put its lines: (plan, old, new).
LAYOUTS = {
    "a literal block last": (
        ITEM_1_HEAD + "    divisions: [农村处]\n    notes: |\n      第一行\n      第二行\n\n" + ITEM_2,
        "      第二行\n",
        "      第二行\n    materials:\n      - b.pdf\n",
    ),
    "a kept literal block last (its blank line is its own)": (
        ITEM_1_HEAD + "    divisions: [农村处]\n    notes: |+\n      第一行\n\n" + ITEM_2,
        "      第一行\n\n",
        "      第一行\n\n    materials:\n      - b.pdf\n",
    ),
    "lists not indented under their keys": (
        ITEM_1_HEAD.replace("  - id: 1\n", "- id: 1\n").replace("\n    ", "\n  ")
        + "  divisions:\n  - 农村处\n# a comment at column 0\n"
        + ITEM_2.replace("  - id: 2", "- id: 2").replace("\n    ", "\n  "),
        "  - 农村处\n",
        "  - 农村处\n  materials:\n  - b.pdf\n",
    ),
    "the dash on a line of its own": (
        ITEM_1_HEAD.replace("  - id: 1\n", "  -\n    id: 1\n") + "    divisions: [农村处]\n",
        "    divisions: [农村处]\n",
        "    divisions: [农村处]\n    materials:\n      - b.pdf\n",
    ),
    "a flow list over several lines": (
        ITEM_1_HEAD + "    divisions: [农村处]\n    materials: [\n      a.pdf,\n    ]\n" + ITEM_2,
        "      a.pdf,\n",
        "      a.pdf, b.pdf,\n",
    ),
    "an empty flow list": (
        ITEM_1_HEAD + "    divisions: [农村处]\n    materials: [ ]  # none yet\n" + ITEM_2,
        "    materials: [ ]  # none yet\n",
        "    materials: [ b.pdf]  # none yet\n",
    ),
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_layouts_people_write(layout, tmp_path, loader):
    text, old, new = LAYOUTS[layout]
    assert text.count(old) == 1
    result = edit.attach(loaded(tmp_path, text.encode()), 1, ["b.pdf"])
    assert result.after == text.replace(old, new).encode()


def test_empty_values_get_their_value_after_the_colon(tmp_path, loader):
    text = ITEM_1_HEAD + "    divisions: [农村处]\n    done_on:   # not yet\n    closed_on: ~\n    notes:\n"
    plan = loaded(tmp_path, text.encode())
    done = edit.mark_done(plan, 1, on=date(2021, 9, 1), today=TODAY)
    assert (
        done.after
        == (
            text.replace("    done_on:   # not yet\n", "    done_on: 2021-09-01   # not yet\n") + "    status: done\n"
        ).encode()
    )
    (tmp_path / "plan.yaml").write_bytes(done.after.replace(b"notes:\n", b"notes:\n    materials: [a.pdf]\n"))
    closed = edit.close(open_plan(tmp_path / "plan.yaml"), 1, on=date(2021, 9, 2), today=TODAY)
    assert b"    closed_on: 2021-09-02\n" in closed.after and b"~" not in closed.after


def test_the_status_is_written_in_the_language_the_other_items_use(tmp_path):
    text = COMMENTED.replace("    status: 已完成   # 中文状态\n    done_on: '2021-07-01'\n", "    status: 进行中\n")
    text = text.replace("    # the last line of item 2\n", "").split("  - {id: 3")[0]
    result = edit.mark_done(loaded(tmp_path, text.encode()), 1, on=date(2021, 9, 1), today=TODAY)
    assert b"    status: \xe5\xb7\xb2\xe5\xae\x8c\xe6\x88\x90\n    done_on: 2021-09-01\n" in result.after  # 已完成


# --- refusals ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda plan: edit.mark_done(plan, 1, on=date(2021, 9, 11), today=TODAY), "edit.future"),
        (lambda plan: edit.close(plan, 2, on=date(2021, 9, 11), today=TODAY), "edit.future"),
        (lambda plan: edit.add_note(plan, 1, "x", on=date(2021, 9, 11), by=None, today=TODAY), "edit.future"),
        (lambda plan: edit.close(plan, 1, on=TODAY, today=TODAY), "edit.close_not_done"),
        (lambda plan: edit.close(plan, 2, on=date(2021, 6, 30), today=TODAY), "edit.close_before_done"),
        (
            lambda plan: edit.extend(plan, 1, to=date(2021, 8, 31), reason="x", approved_on=None, today=TODAY),
            "edit.not_later",
        ),
        (lambda plan: edit.set_status(plan, 99, Status.DONE, today=TODAY), "edit.no_item"),
    ],
)
def test_an_edit_that_would_be_wrong_is_refused(make, code, tmp_path):
    with pytest.raises(EditRefused) as refused:
        make(loaded(tmp_path, COMMENTED.encode()))
    assert refused.value.code == code


def test_close_needs_materials(tmp_path):
    text = COMMENTED.replace("    materials:\n      - docs/a.pdf  # the first material\n", "")
    with pytest.raises(EditRefused) as refused:
        edit.close(loaded(tmp_path, text.encode()), 2, on=TODAY, today=TODAY)
    assert refused.value.code == "edit.close_no_materials"


def test_an_invalid_plan_is_never_edited(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(COMMENTED.replace("deadline: 2021-08-31", "deadline: 2021-02-30"), encoding="utf-8")
    with pytest.raises(EditRefused) as refused:
        edit.set_status(open_plan(path), 1, Status.IN_PROGRESS, today=TODAY)
    assert refused.value.code == "edit.invalid_plan"
    assert [problem.code for problem in refused.value.problems] == ["bad-date"]


def test_a_result_the_validator_refuses_is_returned_with_its_problems(tmp_path):
    # A closed item reopened by hand would be refused by the verb; here the validator's own rule is the last word:
    # a progress entry older than the last one is out of order.
    with pytest.raises(EditRefused) as refused:
        edit.add_note(loaded(tmp_path, COMMENTED.encode()), 2, "补记", on=date(2021, 6, 2), by=None, today=TODAY)
    assert refused.value.code == "edit.invalid_result"
    assert refused.value.problems


def test_reopening_a_closed_item_is_refused(tmp_path):
    text = COMMENTED.replace("    done_on: '2021-07-01'\n", "    done_on: '2021-07-01'\n    closed_on: 2021-07-05\n")
    with pytest.raises(EditRefused) as refused:
        edit.set_status(loaded(tmp_path, text.encode()), 2, Status.IN_PROGRESS, today=TODAY)
    assert refused.value.code == "edit.reopen_closed"


def test_an_edit_with_nothing_to_change_changes_nothing(tmp_path):
    plan = loaded(tmp_path, COMMENTED.encode())
    assert not edit.mark_done(plan, 2, on=date(2021, 7, 1), today=TODAY).changed
    assert not edit.attach(plan, 2, ["docs/a.pdf"]).changed
    assert not edit.set_status(plan, 2, Status.DONE, today=date(2021, 7, 1)).changed


def test_the_guard_refuses_what_does_not_read_back_as_intended(tmp_path, monkeypatch):
    import rectiplan.splice

    # A splicer that forgets to quote: `a: b` under `text` would be read back as a mapping, not the text.
    monkeypatch.setattr(rectiplan.splice, "scalar", lambda value, **_: value)
    with pytest.raises(EditRefused) as refused:
        edit.attach(loaded(tmp_path, COMMENTED.encode()), 2, ["a: b"])
    assert refused.value.code in ("edit.guard", "edit.invalid_result")


def test_the_quick_check_needs_no_second_reading_of_the_whole_file(tmp_path, monkeypatch, reread):
    def whole_file_read_again(*args: object) -> None:
        raise AssertionError("the whole file was read again")

    plan = loaded(tmp_path, COMMENTED.encode())
    monkeypatch.setattr(edit, "load_document_bytes", whole_file_read_again)
    if reread == "quick":
        for make, _ in CASES.values():
            assert make(plan).changed


def test_a_refused_result_is_located_in_the_edited_file(tmp_path):
    with pytest.raises(EditRefused) as refused:
        edit.add_note(loaded(tmp_path, COMMENTED.encode()), 2, "补记", on=date(2021, 6, 2), by=None, today=TODAY)
    # The new entry follows the entry of lines 39-40, so its `on` is on line 41 of the file as it would be.
    assert [(problem.line, problem.column, problem.code) for problem in refused.value.problems] == [
        (41, 13, "progress-order")
    ]


# --- quoting ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("培训通知", "培训通知"),
        ("docs/a b.pdf", "docs/a b.pdf"),
        ("2021", '"2021"'),
        ("true", '"true"'),
        ("null", '"null"'),
        ("", '""'),
        ("- 列表", '"- 列表"'),
        ("a: b", '"a: b"'),
        ("a #b", '"a #b"'),
        (" 前后空格 ", '" 前后空格 "'),
        ('他说"好"', '"他说\\"好\\""'),
        ("两行\n文本", '"两行\\n文本"'),
        ("\u2028", '"\\L"'),
        ("@张三", '"@张三"'),
    ],
)
def test_values_are_quoted_only_when_needed(value, written, tmp_path):
    assert scalar(value) == written
    document = f"title: {scalar(value)}\n".encode()
    from rectiplan.source import parse_document

    assert parse_document(document, "x").data == {"title": value}


def test_every_edit_message_has_both_languages_with_the_same_fields():
    import string

    from rectiplan.messages import TEXT

    keys = [key for key in TEXT if key.startswith(("edit.", "write."))]
    assert len(keys) > 20
    for key in keys:
        fields = {
            lang: {name for _, name, _, _ in string.Formatter().parse(TEXT[key][lang]) if name} for lang in ("en", "zh")
        }
        assert fields["en"] == fields["zh"], key


def test_the_quick_check_rests_on_a_plan_model_that_checks_items_one_by_one():
    """`validate.item_change_is_valid` validates only the edited item against the model: that is the whole plan's
    validation only while no validator of the plan model looks across items. One added here must be run there."""
    from rectiplan.model import Plan

    decorators = Plan.__pydantic_decorators__
    assert not decorators.model_validators and not decorators.field_validators, "see validate.item_change_is_valid"


# --- removing done_on wherever it stands ------------------------------------------------------------------------

FLOW_DONE = (
    "title: X\nitems:\n  - {id: 1, topic: T, issue: I, measures: [m], deadline: 2026-12-31, divisions: [A], "
    "evidence: [], status: done, done_on: 2026-03-01}\n"
)
BLOCK_DONE_FIRST = (
    "title: X\nitems:\n  - done_on: 2021-02-01  # finished\n    id: 1\n    topic: T\n    issue: I\n    measures: [m]\n"
    "    deadline: 2026-12-31\n    divisions: [A]\n    evidence: []\n    status: done\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (FLOW_DONE, FLOW_DONE.replace("status: done, done_on: 2026-03-01}", "status: in_progress}")),
        (
            FLOW_DONE.replace("{id: 1,", "{done_on: 2026-03-01, id: 1,").replace(", done_on: 2026-03-01}", "}"),
            FLOW_DONE.replace("status: done, done_on: 2026-03-01}", "status: in_progress}"),
        ),
        (
            BLOCK_DONE_FIRST,
            BLOCK_DONE_FIRST.replace("done_on: 2021-02-01  # finished\n    ", "").replace(
                "status: done", "status: in_progress"
            ),
        ),
    ],
    ids=["flow, last", "flow, first", "block, first key behind the dash"],
)
def test_leaving_done_removes_done_on_wherever_it_stands(text, expected, tmp_path, loader):
    result = edit.set_status(loaded(tmp_path, text.encode()), 1, Status.IN_PROGRESS, today=TODAY)
    assert result.after == expected.encode()


def test_a_done_on_with_a_comment_in_the_way_is_refused_in_one_line(run, write_plan):
    path = write_plan(FLOW_DONE.replace(" status: done, done_on:", " status: done, # why\n     done_on:"))
    before = path.read_bytes()
    for args in (["start", "1"], ["set-status", "1", "pending"], ["set-status", "1", "ongoing"]):
        result = run(*args, "--plan", str(path))
        assert result.exit_code == 1
        assert result.stderr == (
            "rectiplan: item 1: done_on (line 4) cannot be removed where it stands (a comment or a line break is "
            "in the way); remove it by hand\n"
        )
        assert path.read_bytes() == before


def _refusals_raised() -> list[tuple[str, set[str]]]:
    """Every `EditRefused(...)`/`SpliceError(...)` in edit.py and splice.py: its code and the fields it passes."""
    import ast

    import rectiplan.splice

    found = []
    for module in (edit, rectiplan.splice):
        for node in ast.walk(ast.parse(Path(module.__file__).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("EditRefused", "SpliceError"):
                first = node.args[0]
                if isinstance(first, ast.Constant):
                    found.append((first.value, {keyword.arg for keyword in node.keywords if keyword.arg}))
    return found


def test_every_refusal_reaches_a_one_line_message_in_both_languages():
    """A refusal's fields may be named like text()'s own parameters (`key`): each must fill its message."""
    from rectiplan.messages import text

    refusals = _refusals_raised()
    assert {"edit.cannot_remove", "edit.not_scalar", "edit.key_exists", "edit.future"} <= {c for c, _ in refusals}
    for code, fields in refusals:
        # The edit adds the item's id to a splicer's refusal, and the CLI the path to an action.
        params = {name: "x" for name in fields | {"id", "path"}}
        for lang in ("en", "zh"):
            message = text(code, lang, **params)
            assert "\n" not in message and "{" not in message.replace("{...}", ""), (code, message)


# --- a block scalar that ends the file without a line break -----------------------------------------------------

NO_FINAL_BREAK = ITEM_1_HEAD + "    divisions: [A]\n    notes: {header}\n      第一行\n      last line"


@pytest.mark.parametrize(
    ("header", "written"), [("|", "|-"), (">", ">-"), ("|2", "|2-"), ("|+", "|-"), ("+2", "2-"), ("|-", "|-")]
)
def test_a_block_scalar_ending_the_file_keeps_its_text(header, written, tmp_path, loader):
    header = header if header[0] in "|>" else "|" + header
    written = written if written[0] in "|>" else "|" + written
    text = NO_FINAL_BREAK.format(header=header)
    result = edit.set_status(loaded(tmp_path, text.encode()), 1, Status.IN_PROGRESS, today=TODAY)
    expected = text.replace(f"notes: {header}\n", f"notes: {written}\n") + "\n    status: in_progress\n"
    assert result.after == expected.encode()
    before, after = load_plan_bytes(text.encode(), "p.yaml"), load_plan_bytes(result.after, "p.yaml")
    assert after.plan.items[0].notes == before.plan.items[0].notes


def test_a_kept_block_ending_the_file_in_blank_space_keeps_its_text(run, write_plan):
    """The new line goes before the last, blank, line (which is not part of the text): nothing to change there."""
    text = NO_FINAL_BREAK.format(header="|+") + "\n      "
    path = write_plan(text)
    result = run("start", "1", "--plan", str(path))
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == text.replace("last line\n", "last line\n    status: in_progress\n")
    assert load_plan_bytes(path.read_bytes(), "p.yaml").plan.items[0].notes == "第一行\nlast line\n"


def test_refusals_carry_fields_named_like_their_own_parameters():
    """As for text(): a field called `code`, `problems` or `key` is a field, never a clash."""
    from rectiplan.messages import text
    from rectiplan.splice import SpliceError
    from rectiplan.writing import WriteRefused

    assert EditRefused("edit.key_exists", code="c", problems="p", key="k").params == {
        "code": "c", "problems": "p", "key": "k"
    }  # fmt: skip
    assert SpliceError("edit.key_exists", code="c").params == {"code": "c"}
    assert WriteRefused("write.failed", code="c").params == {"code": "c"}
    assert text("edit.key_exists", "en", id=1, key="k", lang="x") == "item 1: k is already there"


def test_an_empty_done_on_at_the_end_of_a_file_without_a_line_break_gets_its_date(tmp_path, loader):
    # Found by the property test: the new status line was spliced in before the date written after `done_on:`.
    text = ITEM_1_HEAD + "    divisions: [农村处]\n    done_on:"
    done = edit.mark_done(loaded(tmp_path, text.encode()), 1, on=date(2021, 9, 1), today=TODAY)
    assert done.after == (text + " 2021-09-01\n    status: done\n").encode()
