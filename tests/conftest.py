"""Shared fixtures: the CLI runner, the bundled plan, and small plan files written on demand."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from rectiplan.cli import app

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "plans" / "2020_social_evaluation.yaml"

MINIMAL_ITEM = """\
  - id: {id}
    topic: 反馈问题整改
    issue: 问题{id}
    measures:
      - 措施{id}
    evidence:
      - 培训通知
    deadline: {deadline}
    divisions:
      - {division}
    leader: 唐咸来
    owner: 潘红雄
"""


def plan_text(*items: dict[str, Any], header: str = "title: 测试方案\n") -> str:
    """A valid plan with one item per mapping of MINIMAL_ITEM's fields (id, deadline, division) plus extra lines."""
    body = []
    for index, fields in enumerate(items, 1):
        values = {"id": index, "deadline": "2021-08-31", "division": "农村处", **fields}
        extra = values.pop("extra", "")
        body.append(MINIMAL_ITEM.format(**values) + extra)
    return header + "items:\n" + "".join(body)


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., Result]:
    """Invoke the CLI from an empty folder, English unless told, on the bundled plan unless --plan is given."""
    monkeypatch.chdir(tmp_path)
    for name in ("RECTIPLAN_PLAN", "RECTIPLAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)

    def invoke(*args: str, env: dict[str, str] | None = None, plan: Path | None = BUNDLED) -> Result:
        argv: Sequence[str] = list(args)
        reading = ("list", "overdue", "show", "due", "summary", "remind", "report")
        if plan is not None and args and args[0] in reading and "--plan" not in args:
            argv = [*argv, "--plan", str(plan)]
        return CliRunner().invoke(app, argv, env={"COLUMNS": "100", **(env or {})}, catch_exceptions=False)

    return invoke


@pytest.fixture
def write_plan(tmp_path: Path) -> Callable[..., Path]:
    counter = iter(range(1_000_000))

    def write(text: str, name: str | None = None) -> Path:
        path = tmp_path / (name or f"plan{next(counter)}.yaml")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


def ids_of(result: Result) -> list[int]:
    return [record["id"] for record in json.loads(result.stdout)]
