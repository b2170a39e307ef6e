"""Output safety beyond the table: bounded widths, start-up interruption, sanitized edit and usage messages,
summary's encodings, locale recovery for edit text, and visible zero-width characters."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from conftest import plan_text

from rectiplan import cli
from rectiplan.formats.layout import text_width

MAX_WIDTH = 1000  # the README promises it

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and locales")


# --- a huge COLUMNS --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args", [["list"], ["summary"], ["report"], ["list", "--help"], ["--help"]], ids=" ".join
)
def test_a_huge_columns_is_clamped_for_tables_and_help(run, args):
    # COLUMNS=99999999999 asked for 100 GB lines; a width beyond MAX_WIDTH stands in for it here.
    result = run(*args, env={"COLUMNS": str(MAX_WIDTH * 5)})
    assert result.exit_code == 0, result.output
    assert max(text_width(line) for line in result.stdout.splitlines()) <= MAX_WIDTH


def test_an_unexpected_error_is_one_line_and_exit_70(monkeypatch, capsys):
    def exhausted() -> None:
        raise MemoryError

    monkeypatch.setattr(cli, "app", exhausted)
    monkeypatch.setattr(sys, "argv", ["rectiplan", "--lang", "en", "list"])
    with pytest.raises(SystemExit) as ended:
        cli.main()
    assert ended.value.code == 70
    errors = capsys.readouterr().err
    assert errors.startswith("rectiplan: unexpected error (MemoryError)") and errors.count("\n") == 1
