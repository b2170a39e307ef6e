"""The pre-commit hook, for real: `pre-commit try-repo` installs rectiplan from this source tree the way pre-commit
installs any hook (pip, in a fresh environment: this needs PyPI, and takes 20-40 s a run) and runs the
`rectiplan-validate` hook of .pre-commit-hooks.yaml in a temporary git repository holding a good plan and a broken
one. Too slow for every `pytest`, it is not collected by default (not test_*.py): .ci/run runs it by name,
`pytest tests/precommit_check.py`.

try-repo reads a git repository, and takes only files git tracks: the tree under test is copied to a temporary
repository and committed there, so the hook is tried as this working tree has it (new files included), whether or
not this is a git checkout. try-repo installs each run into a store of its own, so there is one run per outcome.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUNDLED, ROOT
from test_precommit_hook import BROKEN, committed_repository

# What pip needs to build and install rectiplan from source (see pyproject: the wheel's files and force-include).
SOURCE_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "src", "plans")


@pytest.fixture(scope="module")
def try_hook(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("precommit")
    hook_repo = committed_repository(base / "rectiplan", {name: ROOT / name for name in SOURCE_FILES})
    plans: dict[str, Path | str] = {"plans/good.yaml": BUNDLED, "plans/broken.yaml": BROKEN, "notes/other.yaml": BROKEN}
    user_repo = committed_repository(base / "user", plans)
    environ = {
        **os.environ,
        "PRE_COMMIT_HOME": str(base / "cache"),  # nothing written to the user's ~/.cache
        "RECTIPLAN_LANG": "en",
        "PRE_COMMIT_COLOR": "never",
    }

    def run(*files: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "rectiplan-validate", "--files"]
        return subprocess.run(
            [*command, *files], check=False, cwd=user_repo, env=environ, capture_output=True, text=True, timeout=600
        )

    return run


def test_the_hook_passes_a_good_plan_and_leaves_other_yaml_alone(try_hook):
    # notes/other.yaml is broken too, but not a plan: the hook's `files` pattern keeps it out.
    result = try_hook("plans/good.yaml", "notes/other.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "rectiplan validate" in result.stdout and "Passed" in result.stdout


def test_the_hook_fails_a_broken_plan_with_its_located_problems(try_hook):
    result = try_hook("plans/good.yaml", "plans/broken.yaml")
    assert result.returncode == 1, result.stdout + result.stderr
    output = result.stdout
    assert "Failed" in output and "- exit code: 1" in output
    for where in ("12:15", "17:13", "19:9", "20:5", "25:13"):
        assert f"plans/broken.yaml:{where}: " in output
    assert "[duplicate-id]" in output
    assert "plans/good.yaml:" not in output
    assert "5 problem(s) in 1 of 2 plan file(s)" in output  # one run over both files: the good one passed
