"""Hostile and odd files: whatever the bytes, loading ends with problems or a plan, never an exception."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import BUNDLED, plan_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rectiplan.problems import CODES
from rectiplan.source import MAX_FILE_BYTES
from rectiplan.validate import load_plan, load_plan_bytes

BUNDLED_BYTES = BUNDLED.read_bytes()


def assert_well_formed(result, raw: bytes) -> None:
    assert (result.plan is None) == bool(result.problems)
    # CR alone breaks a line too (old Mac files), as problems are located.
    line_count = len(re.split(rb"\r\n|\r|\n", raw))
    for problem in result.problems:
        assert problem.code in CODES
        assert 0 <= problem.line <= line_count + 1
        assert problem.column >= 0


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_never_raise(raw):
    assert_well_formed(load_plan_bytes(raw, "fuzz.yaml"), raw)


YAMLISH = st.lists(
    st.sampled_from(list("abc: -[]{}&*!|>'\"#%@`,?\n\t 01.整改处\\~") + ["\r\n", "  ", "- ", "items:", "id: "]),
    max_size=80,
).map("".join)


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH)
def test_random_yaml_like_text_never_raises(text):
    raw = text.encode("utf-8")
    assert_well_formed(load_plan_bytes(raw, "fuzz.yaml"), raw)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_edits_of_the_real_plan_never_raise(data):
    start = data.draw(st.integers(0, len(BUNDLED_BYTES) - 1))
    length = data.draw(st.integers(0, 40))
    insert = data.draw(
        st.binary(max_size=20) | st.sampled_from([b"\t", b": ", b"- ", b"*a", b"&a ", b"!!set ", b"\n  "])
    )
    raw = BUNDLED_BYTES[:start] + insert + BUNDLED_BYTES[start + length :]
    assert_well_formed(load_plan_bytes(raw, "edited.yaml"), raw)


def test_a_python_tag_never_runs(tmp_path):
    marker = tmp_path / "ran"
    raw = f'title: !!python/object/apply:os.system ["touch {marker}"]\nitems: []\n'.encode()
    result = load_plan_bytes(raw, "evil.yaml")
    assert not marker.exists()
    assert next(problem.code for problem in result.problems) == "yaml-tag"


def test_an_alias_bomb_is_refused_without_expanding_it():
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)]
    raw = ("\n".join(lines) + "\ntitle: x\nitems: *a9\n").encode()
    result = load_plan_bytes(raw, "bomb.yaml")
    assert result.plan is None
    assert "yaml-alias" in {problem.code for problem in result.problems}


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    result = load_plan(huge)
    assert [(problem.code, problem.params["size"]) for problem in result.problems] == [
        ("file-too-large", MAX_FILE_BYTES + 1)
    ]


def test_missing_file_and_folder_are_file_errors(tmp_path):
    assert [p.code for p in load_plan(tmp_path / "missing.yaml").problems] == ["file-not-found"]
    assert [p.code for p in load_plan(tmp_path).problems] == ["file-unreadable"]


def test_byte_order_marks_and_windows_line_ends_are_fine():
    text = plan_text({}, {})
    for raw in (
        b"\xef\xbb\xbf" + text.encode("utf-8"),
        text.replace("\n", "\r\n").encode("utf-8"),
        text.encode("utf-16"),  # Notepad's "Unicode"
    ):
        result = load_plan_bytes(raw, "ok.yaml")
        assert result.problems == []
        assert [item.issue for item in result.plan.items] == ["问题1", "问题2"]


def test_gbk_file_is_located_and_named():
    raw = plan_text({}).encode("gb18030")
    [problem] = load_plan_bytes(raw, "gbk.yaml").problems
    assert (problem.line, problem.column, problem.code, problem.params["guess"]) == (1, 8, "encoding", "GB18030")


def test_bundled_plan_loads_cleanly_from_the_installed_package():
    from rectiplan.discovery import bundled_plan_path

    path = bundled_plan_path()
    assert path.read_bytes() == BUNDLED_BYTES
    result = load_plan(Path(path))
    assert result.problems == [] and len(result.plan.items) == 31


def test_loading_leaves_the_garbage_collector_as_it_found_it():
    import gc

    assert gc.isenabled()
    load_plan(BUNDLED)
    load_plan_bytes(b"title: [", "broken.yaml")
    assert gc.isenabled()
    gc.disable()
    try:
        load_plan(BUNDLED)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_pure_python_parser_finds_the_same_problems(monkeypatch):
    """Where PyYAML comes without libyaml, every example must still end in the same located problems."""
    import rectiplan.source

    examples = sorted((Path(__file__).parent / "examples" / "invalid").glob("*.yaml"))
    with_libyaml = {path.name: [(p.line, p.column, p.code) for p in load_plan(path).problems] for path in examples}
    monkeypatch.setattr(rectiplan.source, "LOADER", rectiplan.source.PurePythonLoader)
    differences = {}
    for path in examples:
        found = [(p.line, p.column, p.code) for p in load_plan(path).problems]
        if found != with_libyaml[path.name]:
            differences[path.name] = (with_libyaml[path.name], found)
    # Past libyaml's own nesting limit the pure parser runs into Python's recursion limit instead, which knows no
    # position: the same finding, at the top of the file.
    assert differences == {"too_deep_for_libyaml.yaml": ([(16, 1009, "too-deep")], [(1, 1, "too-deep")])}
