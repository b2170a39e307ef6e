"""Random sequences of edits on generated plans (comments, quoting, flow and block lists, CRLF, a byte order mark):
every edit either is refused and changes nothing, or leaves a valid plan whose bytes outside the edited item are
identical and whose removed lines are only the status and dates it rewrites."""

from __future__ import annotations

import difflib
import json
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from rectiplan import edit
from rectiplan.edit import EditRefused, open_plan
from rectiplan.model import Status
from rectiplan.splice import Splicer
from rectiplan.validate import load_plan_bytes

TODAY = date(2021, 12, 31)
START = date(2021, 6, 1)
REWRITTEN = re.compile(r"^\s*(status|done_on|closed_on):")

texts = st.text(alphabet="ab中文:# -'\"\\,[]{}@&*!|>%", min_size=1, max_size=8).filter(lambda value: value.strip())


def written(value: str, draw: Any) -> str:
    """Plain when it is simple, else as a JSON string (a valid YAML double-quoted scalar)."""
    if re.fullmatch(r"[a-z中文]+", value) and draw(st.booleans()):
        return value
    return json.dumps(value, ensure_ascii=False)


@st.composite
def plans(draw: Any) -> bytes:
    lines = ["# generated plan", "title: 方案  # title"]
    for number in range(1, draw(st.integers(1, 3)) + 1):
        flow_lists = draw(st.booleans())
        measures = [written(draw(texts), draw) for _ in range(draw(st.integers(1, 2)))]
        if draw(st.booleans()):
            lines.append("  # about the next item")
        if number == 1:
            lines.append("items:")
        if draw(st.integers(0, 5)) == 0:  # now and then an item written as one flow mapping
            topic, issue = json.dumps(draw(texts), ensure_ascii=False), json.dumps(draw(texts), ensure_ascii=False)
            lines.append(
                f"  - {{id: {number}, topic: {topic}, issue: {issue}, measures: [{', '.join(measures)}], "
                "evidence: [], deadline: 2021-07-15, divisions: [农村处]}"
            )
            continue
        lines += [
            f"  - id: {number}",
            f"    topic: {written(draw(texts), draw)}",
            f"    issue: {written(draw(texts), draw)}",
        ]
        if flow_lists:
            lines.append(f"    measures: [{', '.join(measures)}]")
        else:
            lines += ["    measures:"] + [f"      - {measure}" for measure in measures]
            if draw(st.booleans()):
                lines.append("      # after the measures")
        lines += ["    evidence: []", f"    deadline: 2021-{draw(st.integers(7, 12))}-15", "    divisions: [农村处]"]
        status = draw(st.sampled_from([None, "pending", "进行中", "done", "已完成"]))
        if status is not None:
            lines.append(f"    status: {status}" + ("   # status" if draw(st.booleans()) else ""))
        if status in ("done", "已完成"):
            lines.append("    done_on: 2021-07-01")
        if draw(st.booleans()):
            lines += ["    materials:", f"      - {written(draw(texts), draw)}  # material"]
        tail = draw(st.sampled_from(["", "notes", "literal", "empty done_on"]))
        if tail == "notes":
            lines.append(f"    notes: {written(draw(texts), draw)}")
        elif tail == "literal":
            header = draw(st.sampled_from(["|", ">"])) + draw(st.sampled_from(["", "+", "-", "2", "+2", "2-"]))
            lines += ["    notes: " + header, "      第一行", "      第二行"]
            if draw(st.booleans()):  # a trailing blank line: with `+` it is part of the text
                lines.append("      " if draw(st.booleans()) else "")
        elif tail == "empty done_on" and status not in ("done", "已完成"):
            lines.append("    done_on:" + draw(st.sampled_from(["", "  # later"])))
        if draw(st.booleans()):
            lines.append("")
    newline = "\r\n" if draw(st.booleans()) else "\n"
    bom = "\ufeff" if draw(st.booleans()) else ""
    final = newline if draw(st.integers(0, 3)) else ""  # now and then no line break at the end of the file
    return (bom + newline.join(lines) + final).encode("utf-8")


verbs = st.tuples(
    st.sampled_from(["start", "done", "pending", "note", "extend", "attach", "close"]),
    st.integers(1, 3),
    texts,
    st.integers(0, 200),
)


def apply(path: Path, verb: str, item_id: int, words: str, days: int) -> edit.Edit:
    plan = open_plan(path)
    day = START + timedelta(days=days)
    if verb == "start":
        return edit.set_status(plan, item_id, Status.IN_PROGRESS, today=TODAY)
    if verb == "pending":
        return edit.set_status(plan, item_id, Status.PENDING, today=TODAY)
    if verb == "done":
        return edit.mark_done(plan, item_id, on=day, today=TODAY)
    if verb == "note":
        return edit.add_note(plan, item_id, words, on=day, by=words if days % 2 else None, today=TODAY)
    if verb == "extend":
        return edit.extend(plan, item_id, to=day + timedelta(days=200), reason=words, approved_on=None, today=TODAY)
    if verb == "attach":
        return edit.attach(plan, item_id, [words])
    return edit.close(plan, item_id, on=day, today=TODAY)


@contextmanager
def full_reread() -> Iterator[None]:
    edit.FULL_REREAD = True
    try:
        yield
    finally:
        edit.FULL_REREAD = False


def item_region(path: Path, item_id: int) -> tuple[int, int]:
    """The text indexes where the item's lines start and where the lines that may follow it end."""
    plan = open_plan(path)
    index = next(number for number, item in enumerate(plan.doc.data["items"]) if item["id"] == item_id)
    splicer = Splicer(plan.doc)
    node = splicer.item_node(index)
    indent = node.value[0][0].start_mark.column
    return splicer.line_start(splicer.start(node)), splicer.after_value(node, indent)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(), st.lists(verbs, min_size=1, max_size=6))
def test_random_edits_keep_the_plan_valid_and_every_untouched_byte(content: bytes, steps: list[Any]) -> None:
    assert load_plan_bytes(content, "plan.yaml").ok, content.decode()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_bytes(content)
        for verb, item_id, words, days in steps:
            before = path.read_bytes()
            try:
                result = apply(path, verb, item_id, words, days)
            except EditRefused as refused:
                with full_reread(), pytest.raises(EditRefused) as refused_too:
                    apply(path, verb, item_id, words, days)
                assert refused_too.value.code == refused.code
                assert refused.code != "edit.guard", (verb, before.decode())
                event(f"refused {refused.code}")
                continue
            with full_reread():
                assert apply(path, verb, item_id, words, days).after == result.after  # the quick check agrees
            if not result.changed:
                continue
            assert load_plan_bytes(result.after, "plan.yaml").ok
            old_text = before.decode("utf-8-sig")
            new_text = result.after.decode("utf-8-sig")
            assert result.after.startswith(b"\xef\xbb\xbf") == before.startswith(b"\xef\xbb\xbf")
            start, end = item_region(path, item_id)
            assert new_text.startswith(old_text[:start]) and new_text.endswith(old_text[end:])
            old_lines, new_lines = old_text.splitlines(keepends=True), new_text.splitlines(keepends=True)
            for tag, first, last, _, _ in difflib.SequenceMatcher(None, old_lines, new_lines).get_opcodes():
                if tag in ("replace", "delete"):
                    for line in old_lines[first:last]:
                        # A `|`/`>` ending the file without a line break gets `-` to keep its text (splice).
                        chomped = re.match(r"^\s*notes: [|>]", line) and not old_text.endswith("\n")
                        unbroken = not line.endswith("\n")  # the last line, which gets its line break
                        assert REWRITTEN.match(line) or "{" in line or chomped or unbroken, (verb, line)
            # Line breaks: the file's own, on every new line.
            assert ("\r\n" in new_text) == ("\r\n" in old_text) or "\r\n" not in old_text
            if "\r\n" in old_text:
                assert new_text.count("\n") == new_text.count("\r\n")
            path.write_bytes(result.after)
            event(f"written {verb}")
