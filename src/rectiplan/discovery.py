"""Which plan files a command reads when none are named, and where the bundled plan lives."""

from __future__ import annotations

import os
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


class DiscoveryError(Exception):
    """A named folder holds no plan files, or cannot be listed."""

    def __init__(self, folder: str, reason: str | None = None) -> None:
        super().__init__(folder)
        self.folder = folder
        self.reason = reason


def bundled_plan_path() -> Path:
    """The plan shipped with the package: installed beside the code, or in `plans/` of a source checkout."""
    installed = Path(str(resources.files("rectiplan") / "bundled" / BUNDLED_PLAN))
    if installed.is_file():
        return installed
    # An editable install runs the code from src/, where the plan is not copied: use the checkout's own file.
    return Path(__file__).resolve().parents[2] / "plans" / BUNDLED_PLAN


def discover(named: Sequence[str], environ: Mapping[str, str], cwd: Path) -> list[PlanSource]:
    """The plan files to read: those named, else $RECTIPLAN_PLAN, else ./plans/, else the bundled plan.

    A named folder means every *.yaml / *.yml file directly in it, in name order. A file named twice is read once.
    """
    if named:
        return _unique(_expand(named))
    from_env = [part for part in environ.get("RECTIPLAN_PLAN", "").split(os.pathsep) if part.strip()]
    if from_env:
        return _unique(_expand(from_env))
    local = cwd / "plans"
    local_files = _plan_files(local) if local.is_dir() else []
    if local_files:
        return [PlanSource(path, _shown(path.relative_to(cwd))) for path in local_files]
    bundled = bundled_plan_path()
    return [PlanSource(bundled, _shown(bundled))]


def _expand(named: Sequence[str]) -> list[PlanSource]:
    sources: list[PlanSource] = []
    for name in named:
        path = Path(name)
        try:
            is_folder = path.is_dir()
        except OSError:  # a name too long for the file system, say: reading it will say what is wrong
            is_folder = False
        if not is_folder:
            sources.append(PlanSource(path, _shown(name)))
            continue
        try:
            files = _plan_files(path)
        except OSError as error:
            raise DiscoveryError(_shown(name), error.strerror or type(error).__name__) from None
        if not files:
            raise DiscoveryError(_shown(name))
        sources.extend(PlanSource(file, _shown(file)) for file in files)
    return sources


def _unique(sources: list[PlanSource]) -> list[PlanSource]:
    seen: set[Path] = set()
    unique = []
    for source in sources:
        try:
            key = source.path.resolve()
        except OSError:
            key = source.path
        if key not in seen:
            seen.add(key)
            unique.append(source)
    return unique


def _plan_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir() if path.suffix in PLAN_SUFFIXES and path.is_file())


def _shown(path: object) -> str:
    """A path as text that can always be printed: bytes that are not UTF-8 in a file name show as \\xNN."""
    return os.fsencode(str(path)).decode("utf-8", errors="backslashreplace")
