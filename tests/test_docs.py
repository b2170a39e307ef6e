"""The README tells the truth: its examples are the real output, and it documents every command, format, exit
code, problem code and environment variable. `python tests/test_docs.py --update` rewrites the examples."""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
EXAMPLE_ENV = {"COLUMNS": "100", "LANG": "zh_CN.UTF-8", "RECTIPLAN_PLAN": "", "RECTIPLAN_LANG": "", "LC_ALL": ""}
CONSOLE_BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)


def run_example(command: str) -> str:
    from rectiplan.cli import app

    words = shlex.split(command)
    assert words[0] == "rectiplan", command
    previous = Path.cwd()
    os.chdir(ROOT)  # examples run from the repository root, where ./plans/ is found
    try:
        result = CliRunner().invoke(app, words[1:], env=EXAMPLE_ENV, catch_exceptions=False)
    finally:
        os.chdir(previous)
    return "".join(line.rstrip() + "\n" for line in result.output.splitlines())


def examples(text: str) -> list[tuple[str, str]]:
    """(command, the output written under it) for every `$ rectiplan …` line in a console block."""
    found = []
    for block in CONSOLE_BLOCK.findall(text):
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, output = chunk.partition("\n")
            found.append((command, output))
    return found


def render(text: str) -> str:
    def fill(match: re.Match[str]) -> str:
        parts = []
        for command, _ in examples(match.group(0)):
            parts.append(f"$ {command}\n{run_example(command)}")
        return "```console\n" + "".join(parts) + "```"

    return CONSOLE_BLOCK.sub(fill, text)


README_TEXT = README.read_text(encoding="utf-8")


@pytest.mark.parametrize(("command", "written"), examples(README_TEXT), ids=[c for c, _ in examples(README_TEXT)])
def test_readme_example_is_real_output(command, written):
    assert written == run_example(command), "README is stale: run python tests/test_docs.py --update"


def test_readme_has_the_tour_the_issue_asks_for():
    commands = [command for command, _ in examples(README_TEXT)]
    for wanted in ("list --division 农村处", "overdue --as-of 2021-09-01", "show 3", "validate examples/broken_plan"):
        assert any(wanted in command for command in commands), wanted


def test_ci_runs_the_readme_commands():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' && pytest"
    assert test_command in ci.splitlines()
    assert f"```sh\n{test_command}\n```" in README_TEXT
    assert "```sh\npython3 -m venv .venv && . .venv/bin/activate && pip install . && rectiplan overdue\n```" in README_TEXT


def test_every_command_has_help_and_a_readme_entry():
    from rectiplan.cli import app

    names = [command.name for command in app.registered_commands]
    assert names == ["list", "overdue", "show", "validate", "schema", "due", "summary", "remind", "report"]
    for name in names:
        result = CliRunner().invoke(app, [name, "--help"], env={"COLUMNS": "120"})
        assert result.exit_code == 0 and "Usage" in result.output
        assert f"`rectiplan {name}" in README_TEXT


def test_every_format_exit_code_problem_code_and_variable_is_documented():
    from rectiplan.cli.exit_status import ExitStatus
    from rectiplan.formats import FORMAT_BY_NAME
    from rectiplan.problems import CODES
    from rectiplan.report import PROBLEM_FORMATS

    for name in [*FORMAT_BY_NAME, *PROBLEM_FORMATS]:
        assert f"`{name}`" in README_TEXT or f"{name}\\|" in README_TEXT or f"\\|{name}" in README_TEXT, name
    for status in ExitStatus:
        assert f"\n| {status.value} | " in README_TEXT, status
    for code in CODES:
        assert f"| `{code}` |" in README_TEXT, code
    for variable in ("RECTIPLAN_PLAN", "RECTIPLAN_LANG", "NO_COLOR", "LANG"):
        assert f"`{variable}`" in README_TEXT


def test_every_problem_code_has_a_message_in_both_languages():
    from rectiplan.messages import PROBLEM_MESSAGES
    from rectiplan.problems import CODES

    assert set(PROBLEM_MESSAGES) == set(CODES)
    assert all(set(messages) == {"en", "zh"} for messages in PROBLEM_MESSAGES.values())


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/test_docs.py --update")
    README.write_text(render(README_TEXT), encoding="utf-8")
