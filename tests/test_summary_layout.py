"""`summary` for people: a table when ten columns fit, else a block of labelled figures per group; at every width
every figure and group name is printed whole, nothing is cut with "…", and no line ends in spaces."""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from datetime import date

import pytest
from conftest import BUNDLED
from rich.cells import cell_len

from rectiplan.formats import Output
from rectiplan.messages import text
from rectiplan.query import entries_of
from rectiplan.render_summary import FIGURES, group_label, percent, render_summary, summary_records
from rectiplan.summary import summarize
from rectiplan.validate import load_plan

AS_OF = date(2021, 9, 1)
NUMBER = re.compile(r"\d+(?:\.\d+)?%?")


def _render(by: str, lang: str, width: int, monkeypatch: pytest.MonkeyPatch) -> tuple[str, list[str], list[str]]:
    monkeypatch.setenv("COLUMNS", str(width))
    entries = entries_of([(str(BUNDLED), load_plan(BUNDLED).plan)])
    summary = summarize(entries, lambda entry: AS_OF, by)
    stream = io.StringIO()
    render_summary(summary, Output(stream, lang), "table")
    records = summary_records(summary)
    labels = [group_label(record["group"], by, lang) for record in records]
    values = [str(record[figure]) for record in records for figure in FIGURES]
    values += [percent(record["completion_rate"]) for record in records]
    return stream.getvalue(), labels, values


@pytest.mark.parametrize("by", ["division", "topic", "month", "person"])
def test_every_figure_and_group_name_is_printed_whole_at_every_width(by, monkeypatch):
    for lang, widths in (("zh", range(201)), ("en", range(0, 201, 3))):
        headers = "".join(text(f"summary.col.{figure}", lang) for figure in (*FIGURES, "completion_rate"))
        for width in widths:
            out, labels, values = _render(by, lang, width, monkeypatch)
            assert "…" not in out, (by, lang, width)
            lines = out.splitlines()
            assert all(not line.endswith(" ") for line in lines), (by, lang, width)
            if width >= 2:  # a line may only be wider than the terminal when one character is
                assert all(cell_len(line) <= width for line in lines), (by, lang, width)
            printed = Counter(re.sub(r"\s", "", out))
            wanted = Counter(re.sub(r"\s", "", "".join(labels) + "".join(values) + headers))
            assert not wanted - printed, (by, lang, width, dict(wanted - printed))
            if width >= 10:  # the date of the note, 2021-09-01, is one word of 10
                note_date = AS_OF.isoformat()
                expected = Counter(NUMBER.findall(" ".join([*labels, *values, note_date])))
                assert Counter(NUMBER.findall(out)) == expected, (by, lang, width)
            for label in labels:
                if width >= cell_len(label) + 2:
                    assert any(label in line for line in lines), (by, lang, width, label)


def test_summary_is_a_table_when_it_fits_and_blocks_below(run):
    wide = run("summary", "--as-of", "2021-09-01", "--lang", "en", env={"COLUMNS": "80"}).stdout
    assert wide.splitlines()[1].split() == ["Division", "Items", "Done", "late", "progress", "Pending", "Ongoing",
                                            "Overdue", "soon", "Rate"]  # fmt: skip
    narrow = run("summary", "--as-of", "2021-09-01", "--lang", "zh", env={"COLUMNS": "60"}).stdout
    assert narrow.startswith("农村处：事项数 12 · 已完成 0")
    assert "完成率 0.0%" in narrow
    topic = run("summary", "--as-of", "2021-09-01", "--by", "topic", "--lang", "en", env={"COLUMNS": "70"}).stdout
    topics = len(json.loads(run("summary", "--by", "topic", "-f", "json").stdout))
    assert len(re.findall(r"Rate [-0-9]", topic)) == topics and "…" not in topic


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--as-of", "2021-09-01"],
        ["overdue", "--as-of", "2021-09-01"],
        ["due", "--as-of", "2021-09-01", "--within", "60"],
        ["show", "1", "3", "--as-of", "2021-09-01"],
        ["summary", "--as-of", "2021-09-01"],
        ["summary", "--as-of", "2021-09-01", "--by", "month"],
        ["remind", "--as-of", "2021-09-01"],
    ],
)
def test_no_line_for_people_ends_in_spaces(run, args):
    for lang in ("zh", "en"):
        for width in ("40", "60", "80", "100", "130", "160"):
            out = run(*args, "--lang", lang, env={"COLUMNS": width}).stdout
            assert out.strip(), (args, lang, width)
            trailing = [line for line in out.splitlines() if line.endswith(" ")]
            assert not trailing, (args, lang, width, trailing[:3])


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_no_line_ends_in_spaces_on_a_colour_terminal_either(monkeypatch):
    from rectiplan.formats import FORMAT_BY_NAME, Listing, Row
    from rectiplan.query import days_overdue

    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    entries = entries_of([(str(BUNDLED), load_plan(BUNDLED).plan)])
    for width in (40, 80, 100, 160):
        monkeypatch.setenv("COLUMNS", str(width))
        summary_stream, list_stream = _Terminal(), _Terminal()
        render_summary(summarize(entries, lambda entry: AS_OF, "division"), Output(summary_stream, "zh"), "table")
        rows = [Row(entry, days_overdue(entry.item, AS_OF), AS_OF) for entry in entries]
        FORMAT_BY_NAME["table"].render(Listing("list", rows, len(rows), (AS_OF,)), Output(list_stream, "zh"))
        for stream in (summary_stream, list_stream):
            assert "\x1b[" in stream.getvalue()  # styled: the terminal path, not the plain one
            lines = ANSI.sub("", stream.getvalue()).splitlines()
            assert not [line for line in lines if line.endswith(" ")], width
