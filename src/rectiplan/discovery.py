"""Which plan files a command reads when none are named, and where the bundled plan lives."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

BUNDLED_PLAN = "2020_social_evaluation.yaml"
PLAN_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class PlanSource:
    """A plan file to read, and how to name it to the user."""

    path: Path
    display: str


class NoPlansError(Exception):
    """A folder named as a plan source holds no plan files."""

    def __init__(self, folder: str) -> None:
        super().__init__(folder)
        self.folder = folder


def bundled_plan_path() -> Path:
    """The plan shipped with the package: installed beside the code, or in `plans/` of a source checkout."""
    installed = Path(str(resources.files("rectiplan") / "bundled" / BUNDLED_PLAN))
    if installed.is_file():
        return installed
    # An editable install runs the code from src/, where the plan is not copied: use the checkout's own file.
    return Path(__file__).resolve().parents[2] / "plans" / BUNDLED_PLAN


def discover(named: Sequence[str], environ: Mapping[str, str], cwd: Path) -> list[PlanSource]:
    """The plan files to read: those named, else $RECTIPLAN_PLAN, else ./plans/, else the bundled plan.

    A named folder means every *.yaml / *.yml file directly in it, in name order.
    """
    if named:
        return _expand(named)
    from_env = environ.get("RECTIPLAN_PLAN", "").strip()
    if from_env:
        import os

        return _expand([part for part in from_env.split(os.pathsep) if part])
    local = cwd / "plans"
    if local.is_dir() and _plan_files(local):
        return [PlanSource(path, str(path.relative_to(cwd))) for path in _plan_files(local)]
    bundled = bundled_plan_path()
    return [PlanSource(bundled, str(bundled))]


def _expand(named: Sequence[str]) -> list[PlanSource]:
    sources: list[PlanSource] = []
    for name in named:
        path = Path(name)
        if path.is_dir():
            files = _plan_files(path)
            if not files:
                raise NoPlansError(name)
            sources.extend(PlanSource(file, str(file)) for file in files)
        else:
            sources.append(PlanSource(path, name))
    return sources


def _plan_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir() if path.suffix in PLAN_SUFFIXES and path.is_file())
