"""Files as the file system and editors give them: links, special files, races, odd line breaks, huge numbers.

Nothing outside a plan folder is ever read through a link, nothing but a regular file is ever opened for reading,
and every position is the one an editor shows.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import plan_text

import rectiplan.source
from rectiplan.validate import load_plan, load_plan_bytes

POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo") or sys.platform == "win32", reason="POSIX file system only")
LOADERS = [pytest.param(None, id="default"), pytest.param("pure", id="pure-python")]


@pytest.fixture(params=LOADERS)
def loader(request, monkeypatch):
    """Each position test runs with libyaml (when present) and with PyYAML's own parser: both must agree."""
    if request.param == "pure":
        monkeypatch.setattr(rectiplan.source, "LOADER", rectiplan.source.PurePythonLoader)


def located(raw: bytes) -> list[tuple[int, int, str]]:
    return [(problem.line, problem.column, problem.code) for problem in load_plan_bytes(raw, "x.yaml").problems]


# --- huge numbers ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("digits", [641, 4301, 50_000])
def test_a_huge_whole_number_is_a_located_problem_not_a_traceback(digits, loader):
    number = "9" * digits
    raw = plan_text({}).replace("  - id: 1\n", f"  - id: {number}\n").encode()
    problems = load_plan_bytes(raw, "x.yaml").problems
    assert [(p.line, p.column, p.code) for p in problems] == [(3, 9, "bad-value")]
    assert f"({digits} digits)" in problems[0].params["value"]


def test_a_huge_number_anywhere_is_typed_without_converting_it(loader):
    number = "-" + "7" * 5000
    raw = f"title: {number}\nitems: {number}\nextra: {number}\nnotes: [{number}]\n".encode()
    assert located(raw) == [(2, 8, "wrong-type"), (3, 1, "unknown-key"), (4, 1, "unknown-key")]
    # Where text is expected it stays the text it is.
    plan = plan_text({"extra": f"    notes: {number}\n"}, header=f"title: {number}\n")
    result = load_plan_bytes(plan.encode(), "x.yaml")
    assert result.problems == []
    assert result.plan.title == number and result.plan.items[0].notes == number


def test_a_huge_number_at_the_top_is_described_as_a_number(run, tmp_path):
    plan = tmp_path / "top.yaml"
    plan.write_text("9" * 5000 + "\n", encoding="utf-8")
    result = run("validate", "--format", "parsable", str(plan))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"{plan}:1:1: the top level must be a mapping with title and items, not a number [not-a-mapping]"


# --- line breaks ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("odd", ["\x85", "\u2028", "\u2029"])
def test_nel_and_unicode_separators_are_not_line_breaks(odd, loader):
    # YAML 1.2 and editors break lines only at LF, CR and CRLF; the parsers also count these three (YAML 1.1).
    raw = f"title: \"a{odd}b\"\nissuer: 'c{odd}d'\nitems: []\ntpoic: x\n".encode()
    assert located(raw) == [(3, 8, "empty-value"), (4, 1, "unknown-key")]
    raw = f'title: "a{odd}b{odd}c"\nitems: [1, 2\n'.encode()
    assert located(raw) == [(2, 8, "yaml-syntax")]  # the unclosed bracket, where it opens
    raw = f"title: a{odd}b: c\n".encode()  # in a plain scalar the parsers see a second key, on a line of its own
    assert (1, 10, "unknown-key") in located(raw)


@pytest.mark.parametrize("newline", ["\r", "\r\n"])
def test_old_mac_and_windows_line_ends_locate_every_kind_of_problem(newline, loader):
    raw = "title: x\nitems: []\ntpoic: y\nbad: \x01\n".replace("\n", newline).encode()
    assert located(raw) == [(4, 6, "yaml-syntax")]  # a reader error, counted from a byte offset
    raw = "title: x\nitems: []\ntpoic: y\ntpoic: z\n".replace("\n", newline).encode()
    assert located(raw) == [(2, 8, "empty-value"), (3, 1, "unknown-key"), (4, 1, "duplicate-key")]
    raw = "title: x\n\n\nitems: [\xff]\n".replace("\n", newline).encode("latin-1")
    assert located(raw) == [(4, 9, "encoding")]


def test_the_excerpt_shows_the_line_that_is_reported(run, tmp_path):
    plan = tmp_path / "odd.yaml"
    plan.write_bytes('title: "甲\u2028乙"\rissuer: "丙\x85丁"\r\nitems: []\rtpoic: x\r'.encode())
    lines = run("validate", str(plan)).stdout.splitlines()
    assert lines[0] == f'{plan}:3:8: must not be empty [empty-value]'
    assert lines[1] == "    3 | items: []"
    assert lines[3] == f'{plan}:4:1: unknown key "tpoic" [unknown-key]'
    assert lines[4] == "    4 | tpoic: x"


def test_the_loaded_text_keeps_its_encoding_bom_and_line_ends():
    from rectiplan.source import parse_document

    doc = parse_document(b"\xef\xbb\xbftitle: x\r\nitems: []\r\n", "x.yaml")
    assert (doc.text, doc.encoding, doc.bom, doc.newline) == ("title: x\r\nitems: []\r\n", "utf-8", True, "\r\n")
    doc = parse_document("title: 甲\ritems: []\r".encode("utf-16"), "x.yaml")
    assert (doc.text, doc.encoding, doc.bom, doc.newline) == ("title: 甲\ritems: []\r", "utf-16", True, "\r")


# --- excerpts come from what was validated --------------------------------------------------------------------


def test_excerpts_show_the_validated_text_even_if_the_file_changes_after(run, tmp_path, monkeypatch):
    import rectiplan.validate

    plan = tmp_path / "plan.yaml"
    plan.write_text("titel: 原来的内容\nitems: []\n", encoding="utf-8")
    original = rectiplan.validate.load_plan

    def load_then_replace(*args, **kwargs):
        result = original(*args, **kwargs)
        plan.write_text("titel: 别的文件\nitems: []\n", encoding="utf-8")
        return result

    monkeypatch.setattr(rectiplan.validate, "load_plan", load_then_replace)
    out = run("validate", str(plan)).stdout
    assert "    1 | titel: 原来的内容" in out and "别的文件" not in out


def test_two_files_shown_under_one_name_each_get_their_own_excerpt(run, tmp_path, monkeypatch):
    import rectiplan.validate

    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("titel: 第一个\nitems: []\n", encoding="utf-8")
    second.write_text("title: x\nitems: []\nnote: 第二个\n", encoding="utf-8")
    original = rectiplan.validate.load_plan
    monkeypatch.setattr(rectiplan.validate, "load_plan", lambda path, display=None, **kw: original(path, "plan.yaml", **kw))
    lines = run("validate", str(first), str(second)).stdout.splitlines()
    assert "    1 | titel: 第一个" in lines and "    3 | note: 第二个" in lines
    assert "    1 | title: x" not in lines
