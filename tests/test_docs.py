"""The README tells the truth: its examples are the real output, and it documents every command, format, exit
code, problem code and environment variable. `python tests/test_docs.py --update` rewrites the examples.

Examples run from the repository root, where ./plans/ is found; nothing there is ever written. An example whose
command names the plan `week.yaml` (`--plan week.yaml`) runs instead in a temporary folder that starts with a copy
of the bundled plan named week.yaml, after every earlier `week.yaml` example of the README, in README order: so a
README tour can edit the copy step by step, and each step shows the state the steps before it left. Such examples
must give their dates (`--on 2021-09-15`): "today" is not the same on every day the tests run.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
EXAMPLE_ENV = {"COLUMNS": "100", "LANG": "zh_CN.UTF-8", "RECTIPLAN_PLAN": "", "RECTIPLAN_LANG": "", "LC_ALL": ""}
CONSOLE_BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)
EDITED_PLAN = "week.yaml"


def edits_the_copy(command: str) -> bool:
    return EDITED_PLAN in shlex.split(command)


def run_examples(commands: Sequence[str]) -> list[str]:
    """The outputs of the commands, run in order; those that name week.yaml share one fresh copy of the bundled plan."""
    with tempfile.TemporaryDirectory(prefix="rectiplan-readme-") as folder:
        shutil.copyfile(ROOT / "plans" / "2020_social_evaluation.yaml", Path(folder) / EDITED_PLAN)
        return [_run(command, Path(folder) if edits_the_copy(command) else ROOT) for command in commands]


def run_example(command: str, earlier: Sequence[str] = ()) -> str:
    """The output of one example, after the earlier examples that edit week.yaml."""
    return run_examples([*(before for before in earlier if edits_the_copy(before)), command])[-1]


def _run(command: str, folder: Path) -> str:
    from rectiplan.cli import app

    words = shlex.split(command)
    assert words[0] == "rectiplan", command
    previous = Path.cwd()
    os.chdir(folder)
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
    outputs = iter(run_examples([command for command, _ in examples(text)]))

    def fill(match: re.Match[str]) -> str:
        parts = []
        for command, _ in examples(match.group(0)):
            parts.append(f"$ {command}\n{next(outputs)}")
        return "```console\n" + "".join(parts) + "```"

    return CONSOLE_BLOCK.sub(fill, text)


README_TEXT = README.read_text(encoding="utf-8")


EXAMPLES = examples(README_TEXT)

# The script of "Python library" and the output printed under it.
LIBRARY_EXAMPLE = re.compile(r"## Python library\n.*?```python\n(.*?)```\n\nprints:\n\n```text\n(.*?)```", re.DOTALL)


def run_library_example(script: str) -> str:
    """The script's output, run by this Python in a temporary folder holding a copy of the bundled plan as week.yaml."""
    with tempfile.TemporaryDirectory(prefix="rectiplan-readme-") as folder:
        shutil.copyfile(ROOT / "plans" / "2020_social_evaluation.yaml", Path(folder) / EDITED_PLAN)
        env = {**os.environ, "PYTHONIOENCODING": "utf-8", "RECTIPLAN_PLAN": ""}
        done = subprocess.run(
            [sys.executable, "-c", script], check=False, cwd=folder, env=env, capture_output=True, text=True
        )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return done.stdout


def render_library_example(text: str) -> str:
    match = LIBRARY_EXAMPLE.search(text)
    assert match, "README: no Python library script"
    return text[: match.start(2)] + run_library_example(match.group(1)) + text[match.end(2) :]


@pytest.mark.parametrize("index", range(len(EXAMPLES)), ids=[command for command, _ in EXAMPLES])
def test_readme_example_is_real_output(index):
    command, written = EXAMPLES[index]
    earlier = [before for before, _ in EXAMPLES[:index]]
    assert written == run_example(command, earlier), "README is stale: run python tests/test_docs.py --update"


def test_readme_library_script_is_real_output():
    match = LIBRARY_EXAMPLE.search(README_TEXT)
    assert match, "README: no Python library script"
    script, written = match.groups()
    assert written == run_library_example(script), "README is stale: run python tests/test_docs.py --update"


def test_examples_that_edit_run_on_a_copy_in_order_and_leave_plans_alone():
    plans_before = {path: path.read_bytes() for path in (ROOT / "plans").iterdir()}
    start, started_again = run_examples(
        ["rectiplan start 1 --plan week.yaml --lang en", "rectiplan start 1 --plan week.yaml --lang en"]
    )
    assert start == "week.yaml: item 1 started (status in_progress)\n"
    assert started_again == "week.yaml: item 1 is already so; nothing to change\n"  # the second saw the first
    assert run_example("rectiplan start 1 --plan week.yaml --lang en", earlier=["rectiplan list"]) == start
    assert {path: path.read_bytes() for path in (ROOT / "plans").iterdir()} == plans_before


def test_readme_has_the_tour_the_issue_asks_for():
    commands = [command for command, _ in examples(README_TEXT)]
    for wanted in ("list --division 农村处", "overdue --as-of 2021-09-01", "show 3", "validate examples/broken_plan"):
        assert any(wanted in command for command in commands), wanted
    # A week of 台账 work on a copy of the bundled plan, each verb and each report in it.
    week = [command.split()[1] for command in commands if edits_the_copy(command)]
    for verb in ("start", "note", "extend", "done", "attach", "close", "due", "summary", "remind", "report"):
        assert verb in week, verb


def test_ci_runs_the_readme_commands():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = (
        "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test,lint]' && ruff check . && "
        "ruff format --check . && mypy && .ci/wheel && .ci/pre-commit && pytest"
    )
    assert test_command in ci.splitlines()
    # pytest last: CI reads its summary as the closing line; and nothing after it may hide its exit status (5: none)
    assert ci.rstrip().splitlines()[-1] == test_command and "set -euo pipefail" in ci
    assert f"```sh\n{test_command}\n```" in README_TEXT
    assert (
        "```sh\npython3 -m venv .venv && . .venv/bin/activate && pip install . && rectiplan overdue\n```" in README_TEXT
    )


def test_every_command_has_help_and_a_readme_entry():
    from rectiplan.cli import COMMANDS, app

    # The commands are registered by name in cli.COMMANDS (built when needed), not with `app.command`.
    names = list(COMMANDS)
    assert names == list(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    assert names == [
        "list", "overdue", "show", "validate", "schema", "due", "summary", "remind", "report",
        "start", "done", "set-status", "note", "extend", "attach", "close", "export", "import",
    ]  # fmt: skip
    for name in names:
        result = CliRunner().invoke(app, [name, "--help"], env={"COLUMNS": "120"})
        assert result.exit_code == 0 and "Usage" in result.output
        assert f"`rectiplan {name}" in README_TEXT


def test_every_format_exit_code_problem_code_and_variable_is_documented():
    from rectiplan.cli.exit_status import ExitStatus
    from rectiplan.exports import EXPORT_MODULES
    from rectiplan.formats import FORMAT_BY_NAME
    from rectiplan.problems import CODES
    from rectiplan.report import PROBLEM_FORMATS

    for name in EXPORT_MODULES:
        assert f"| `{name}` |" in README_TEXT, name
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
    README.write_text(render_library_example(render(README_TEXT)), encoding="utf-8")
