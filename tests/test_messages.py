"""Every message says the same things in both languages: the same placeholders in zh and en, so a message filled
in one language never fails (KeyError) or leaves a value out in the other."""

from __future__ import annotations

import re
from string import Formatter

import pytest

from rectiplan import messages

# The tables whose entries are {"en": template, "zh": template}.
TABLES = ("PROBLEM_MESSAGES", "PROBLEM_HINTS", "YAML_SLIPS", "WORDS", "TEXT")
ENTRIES = [(table, key) for table in TABLES for key in getattr(messages, table)]


def placeholders(template: str, lang: str) -> set[str]:
    """The fields a template fills (`{name}`, `{name!r}`, `{byte:02X}`, `{a.b}` all name their first part), with
    this language's own suffix taken off: `{got_en}` in English is the same value as `{got_zh}` in Chinese, put in
    each language's words by messages._problem_params."""
    names = {name for _, name, _, _ in Formatter().parse(template) if name is not None}
    return {re.sub(rf"_{lang}$", "", re.split(r"[.\[]", name)[0]) for name in names}


def test_placeholders_reads_fields_as_format_does():
    assert placeholders("{name!r} at {line}:{column} byte 0x{byte:02X} {a.b}", "en") == {
        "name", "line", "column", "byte", "a",
    }  # fmt: skip
    assert placeholders("{got_en}", "en") == placeholders("{got_zh}", "zh") == {"got"}
    # The other language's suffix is a different field: English text must never show the Chinese value.
    assert placeholders("{got_zh}", "en") != placeholders("{got_zh}", "zh")
    assert placeholders("{a}", "en") != placeholders("{b}", "zh")


@pytest.mark.parametrize(("table", "key"), ENTRIES, ids=[f"{table}:{key}" for table, key in ENTRIES])
def test_each_message_has_the_same_placeholders_in_zh_and_en(table, key):
    entry = getattr(messages, table)[key]
    assert set(entry) == {"en", "zh"}
    assert placeholders(entry["en"], "en") == placeholders(entry["zh"], "zh")
