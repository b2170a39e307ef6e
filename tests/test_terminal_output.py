"""Text that reaches a terminal: plan text and file names are sanitized, data written to a pipe stays exact."""

from __future__ import annotations

import csv
import io
import os
import sys

import pytest
from conftest import plan_text

from rectiplan.formats import FORMAT_BY_NAME, Listing, Output, Row
from rectiplan.messages import printable
from rectiplan.query import entries_of
from rectiplan.validate import load_plan

# Terminal-driving and display-reordering characters a plan or a file name can carry.
HOSTILE = ["\x1b[2J", "\x1b]8;;http://x\x07", "\x9b31m", "\x9d0;t\x9c", "\u202e", "\u2066", "\u2069", "\u200f",
           "\u061c", "\u2028", "\u2029"]  # fmt: skip
FORBIDDEN = set("\x1b\x07\x9b\x9d\x9c\u202e\u2066\u2069\u200f\u061c\u2028\u2029")


def _clean(output: str) -> bool:
    return not FORBIDDEN & set(output)


def test_printable_covers_c0_c1_del_bidi_and_unicode_line_breaks():
    for value in HOSTILE + ["\x7f", "\x85", "\u202a", "\u2067", "\u2068", "\u200e"]:
        cleaned = printable("a" + value + "b")
        assert all(char not in cleaned for char in value if not char.isprintable() or char in FORBIDDEN), repr(value)
    assert printable("a\u2028b", newlines=True) == "a\nb"
    assert printable("a\u2029b") == "a b"



def test_unknown_division_message_sanitizes_the_known_names_and_the_suggestion(run, write_plan):
    plan = write_plan(plan_text({"division": '"农村\\e]8;;http://evil\\a处\\u202e"'}))
    for lang in ("en", "zh"):
        result = run("list", "--division", "农村处", "--lang", lang, plan=plan)
        assert result.exit_code == 2
        assert "农村" in result.stderr and _clean(result.stderr), repr(result.stderr)
    person = write_plan(plan_text({}).replace("owner: 潘红雄", 'owner: "潘\\e[2J红雄"'))
    result = run("list", "--person", "潘红雄", plan=person)
    assert result.exit_code == 2 and "\x1b" not in result.stderr


@pytest.mark.parametrize("value", ['"a\\u202eb\\u2066c\\u2069d\\u200fe"', '"a\\u2028b\\u2029c\\L"', '"\\x9b31m\\x9d0;t\\x9c"'])
def test_bidi_controls_and_unicode_line_breaks_never_reach_tables_or_show(run, write_plan, value):
    plan = write_plan(plan_text({}).replace("issue: 问题1", f"issue: {value}").replace("topic: 反馈问题整改", f"topic: {value}"))
    for args in (["list"], ["list", "--lang", "zh"], ["show", "1", "--as-of", "2021-09-01"]):
        for width in ("40", "100", "160"):
            result = run(*args, plan=plan, env={"COLUMNS": width})
            assert result.exit_code == 0
            assert _clean(result.stdout), (args, width, repr(result.stdout))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names")
def test_file_names_in_problem_lines_are_sanitized(run, tmp_path):
    name = "bad\x1b[31m\u202e.yaml"
    (tmp_path / name).write_text("title: x\nitems: []\n", encoding="utf-8")
    for style in ("pretty", "parsable"):
        result = run("validate", "--format", style, str(tmp_path / name))
        assert result.exit_code == 1
        assert "must not be empty" in result.stdout and _clean(result.stdout), repr(result.stdout)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _csv_of(write_plan, stream: io.StringIO) -> list[list[str]]:
    plan = write_plan(plan_text({}).replace("issue: 问题1", 'issue: "x\\e]8;;http://x\\a\\u202ey\\x9bz"'))
    result = load_plan(plan)
    listing = Listing("list", [Row(entry) for entry in entries_of([(str(plan), result.plan)])], total=1, as_of=())
    FORMAT_BY_NAME["csv"].render(listing, Output(stream, "en"))
    return list(csv.reader(io.StringIO(stream.getvalue().lstrip("\ufeff"))))


def test_csv_on_a_terminal_is_sanitized_and_in_a_pipe_is_exact(write_plan):
    terminal = _csv_of(write_plan, _Terminal())
    assert _clean("".join(terminal[1])) and "x" in terminal[1][3]
    piped = _csv_of(write_plan, io.StringIO())
    assert piped[1][3] == "x\x1b]8;;http://x\x07\u202ey\x9bz"


def test_json_in_a_pipe_keeps_every_character(run, write_plan):
    plan = write_plan(plan_text({}).replace("issue: 问题1", 'issue: "x\\u202ey\\e"'))
    import json

    assert json.loads(run("list", "-f", "json", plan=plan).stdout)[0]["issue"] == "x\u202ey\x1b"


