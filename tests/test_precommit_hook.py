"""The pre-commit hook as the README's local configuration runs it: the installed rectiplan, on the plans a commit
changes. The hook repository itself (.pre-commit-hooks.yaml, installed by pre-commit with pip) is tried with
`pre-commit try-repo` by tests/precommit_check.py, which .ci/run runs: it downloads from PyPI, and takes 20-40 s
a run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import BUNDLED, ROOT

BROKEN = ROOT / "examples" / "broken_plan.yaml"


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def committed_repository(folder: Path, files: dict[str, Path | str]) -> Path:
    """A git repository holding `files` (by their name in it: a copy of a path, or a text), committed."""
    folder.mkdir()
    for name, source in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(source, str):
            target.write_text(source, encoding="utf-8")
        elif source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copyfile(source, target)
    git(folder, "init", "-q")
    git(folder, "config", "user.email", "test@example.com")
    git(folder, "config", "user.name", "test")
    git(folder, "config", "commit.gpgsign", "false")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "test")
    return folder


def test_the_readme_local_hook_runs_the_installed_rectiplan(tmp_path):
    from test_ci_formats import readme_yaml

    [local] = [block for block in readme_yaml(".pre-commit-config.yaml") if "repo: local" in block]
    files = {"plans/good.yaml": BUNDLED, "plans/broken.yaml": BROKEN, ".pre-commit-config.yaml": local}
    user_repo = committed_repository(tmp_path / "user", files)
    # `language: system` runs what PATH finds: the rectiplan installed beside this interpreter.
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    environ = {**os.environ, "PATH": path, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "RECTIPLAN_LANG": "en"}
    command = [sys.executable, "-m", "pre_commit", "run", "--files"]
    good = subprocess.run(
        [*command, "plans/good.yaml"], check=False, cwd=user_repo, env=environ, capture_output=True, text=True
    )
    assert good.returncode == 0, good.stdout + good.stderr
    broken = subprocess.run(
        [*command, "plans/broken.yaml"], check=False, cwd=user_repo, env=environ, capture_output=True, text=True
    )
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "plans/broken.yaml:19:9: id 1 is used twice (first on line 5) [duplicate-id]" in broken.stdout


def test_the_hook_checks_a_plan_that_is_a_symbolic_link(tmp_path):
    # identify tags a link "symlink" only: with pre-commit's default `types: [file]` the hook would skip it, and the
    # commit would pass what `rectiplan validate` in CI then refuses.
    import yaml
    from test_ci_formats import readme_yaml

    [local] = [block for block in readme_yaml(".pre-commit-config.yaml") if "repo: local" in block]
    [manifest] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = yaml.safe_load(local)["repos"][0]["hooks"]
    assert (manifest["types"], manifest["types_or"]) == (hook["types"], hook["types_or"]) == ([], ["file", "symlink"])
    files = {"outside.yaml": BROKEN, ".pre-commit-config.yaml": local}
    user_repo = committed_repository(tmp_path / "user", files)
    (user_repo / "plans").mkdir()
    (user_repo / "plans" / "link.yaml").symlink_to("../outside.yaml")
    git(user_repo, "add", "-A")
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    environ = {**os.environ, "PATH": path, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "RECTIPLAN_LANG": "en"}
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--files", "plans/link.yaml"],
        check=False, cwd=user_repo, env=environ, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr
    assert "plans/link.yaml" in result.stdout and "symlink-refused" in result.stdout
