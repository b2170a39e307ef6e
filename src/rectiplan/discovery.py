"""Which plan files a command reads when none are named, and where the bundled plan lives."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from .errors import RectiplanError

BUNDLED_PLAN = "2020_social_evaluation.yaml"
# Compared without case: Windows saves `PLAN.YAML` as readily as `plan.yaml`, and it is the same plan.
PLAN_SUFFIXES = (".yaml", ".yml")


class PlanSource(NamedTuple):
    """A plan file to read, how to name it to the user, and the folder it was found in (None when it was named
    directly): a file found in a folder may not lead out of it through a symbolic link."""

    path: Path
    display: str
    within: Path | None = None


class Skipped(NamedTuple):
    """A name in a plan folder that looks like a plan but is not a file that can be one.

    `why` is "folder", "special" (a FIFO, socket or device), "dangling" (a link to nothing) or "loop" (a link that
    leads back to itself)."""

    display: str
    why: str


@dataclass(frozen=True)
class Discovery:
    """The plan files to read, what was passed over in their folders, and whether it is only the bundled plan."""

    sources: list[PlanSource]
    skipped: list[Skipped] = field(default_factory=list)
    bundled: bool = False


class DiscoveryError(RectiplanError):
    """A named folder holds no plan files, or cannot be listed."""

    def __init__(self, folder: str, reason: str | None = None, skipped: Sequence[Skipped] = ()) -> None:
        code = "error.folder_unreadable" if reason else "error.no_plans"
        super().__init__(code, path=folder, reason=reason)
        self.folder = folder
        self.reason = reason
        self.skipped = list(skipped)


class EmptyPathError(RectiplanError, ValueError):
    """An empty path was named: it would silently mean the current folder."""

    def __init__(self) -> None:
        super().__init__("error.empty_path")


def bundled_plan_path() -> Path:
    """The plan shipped with the package: installed beside the code, or in `plans/` of a source checkout."""
    installed = Path(str(resources.files("rectiplan") / "bundled" / BUNDLED_PLAN))
    if installed.is_file():
        return installed
    # An editable install runs the code from src/, where the plan is not copied: use the checkout's own file.
    return Path(__file__).resolve().parents[2] / "plans" / BUNDLED_PLAN


def discover(named: Sequence[str], environ: Mapping[str, str], cwd: Path) -> Discovery:
    """The plan files to read: those named, else $RECTIPLAN_PLAN, else ./plans/, else the bundled plan.

    A named folder means every *.yaml / *.yml file directly in it (suffix in any case), in name order. A file named
    twice is read once. An empty name is refused (EmptyPathError) rather than read as the current folder.
    """
    if named:
        if any(not name for name in named):
            raise EmptyPathError()
        return _unique(*_expand(named, cwd))
    from_env = [part for part in environ.get("RECTIPLAN_PLAN", "").split(os.pathsep) if part.strip()]
    if from_env:
        return _unique(*_expand(from_env, cwd))
    local = cwd / "plans"
    # plans/ may be a link to a folder beside it, but not out of the current folder: a merge request can add one.
    if _outward_link(local):
        return Discovery([PlanSource(local, "plans", within=cwd)])
    try:
        local_files, skipped = _plan_files(local) if local.is_dir() else ([], [])
    except OSError as error:
        raise DiscoveryError(_shown(local.relative_to(cwd)), error.strerror or type(error).__name__) from None
    if local_files:
        sources = [PlanSource(path, _shown(path.relative_to(cwd)), within=local) for path in local_files]
        found = _unique(sources, [Skipped(_shown(path.relative_to(cwd)), why) for path, why in skipped])
        return found
    bundled = bundled_plan_path()
    return Discovery([PlanSource(bundled, _shown(bundled))], [], bundled=True)


def leads_out(real: str, within: Path) -> bool:
    """Whether the resolved path `real` lies outside the folder `within` (the folder itself counts as outside: a
    link to its own folder would read the folder, not a plan in it)."""
    folder = os.path.realpath(within)
    return real == folder or os.path.commonpath([real, folder]) != folder


def _outward_link(path: Path) -> bool:
    """Whether `path` is a symbolic link that leads out of its own folder (or to nothing, or in a loop: reading it
    then says which)."""
    try:
        if not path.is_symlink():
            return False
        return leads_out(os.path.realpath(path, strict=True), path.parent)
    except (OSError, RuntimeError, ValueError):
        return True


def _outward_folder_link(path: Path, cwd: Path) -> Path | None:
    """The first folder on the way to `path`, at or below the current folder, that is a link leading out of its own
    folder: `plans/x.yaml` with `plans` a link to /etc would read outside, as a link named directly may not.
    Folders above the current one, or elsewhere, were chosen by whoever typed the path and are not checked."""
    base = os.path.normpath(os.path.abspath(cwd))
    for depth in range(1, len(path.parts)):
        prefix = Path(*path.parts[:depth])
        lexical = os.path.normpath(os.path.join(base, prefix))
        if lexical == base or os.path.commonpath([lexical, base]) != base:
            continue
        if _outward_link(prefix):
            return prefix
    return None


def _expand(named: Sequence[str], cwd: Path) -> tuple[list[PlanSource], list[Skipped]]:
    sources: list[PlanSource] = []
    passed_over: list[Skipped] = []
    for name in named:
        path = Path(name)
        through = _outward_folder_link(path, cwd)
        if through is not None:
            # Refused as the link it goes through: reading reports that link, and nothing behind it is opened.
            sources.append(PlanSource(through, _shown(through), within=through.parent))
            continue
        try:
            linked_folder = path.is_symlink() and path.is_dir()
        except OSError:
            linked_folder = False
        if linked_folder and _outward_link(path):
            # A link to a folder is listed only when its target is inside the link's own folder, as for a file.
            sources.append(PlanSource(path, _shown(name), within=path.parent))
            continue
        try:
            is_folder = path.is_dir()
        except OSError:  # a name too long for the file system, say: reading it will say what is wrong
            is_folder = False
        if not is_folder:
            # Named directly, a link may still stay within its own folder only: CI jobs name files by a glob
            # (`validate plans/*.yaml`) or from a merge request's diff, and the link came with the merge request.
            try:
                linked = path.is_symlink()
            except OSError:  # a name too long, say: reading it says what is wrong
                linked = False
            sources.append(PlanSource(path, _shown(name), within=path.parent if linked else None))
            continue
        try:
            files, skipped = _plan_files(path)
        except OSError as error:
            raise DiscoveryError(_shown(name), error.strerror or type(error).__name__) from None
        passed_over.extend(Skipped(_shown(skipped_path), why) for skipped_path, why in skipped)
        if not files:
            raise DiscoveryError(_shown(name), skipped=passed_over)
        sources.extend(PlanSource(file, _shown(file), within=path) for file in files)
    return sources, passed_over


def _unique(sources: list[PlanSource], skipped: list[Skipped]) -> Discovery:
    """Each file read once (a symbolic or hard link to a file already listed is left out). A link that reading will
    refuse stands only for itself, never for its target: a plan named beside it is still read."""
    seen: set[tuple[str, object]] = set()
    unique = []
    for source in sources:
        try:
            real = source.path.resolve(strict=True)
            refused = source.within is not None and leads_out(str(real), source.within)
            # A hard link is the same file under another name: the same device and inode.
            identity = (real.stat().st_dev, real.stat().st_ino)
            key = ("refused", source.path.absolute()) if refused else ("read", identity)
        except (OSError, RuntimeError):  # a link loop: Python before 3.13 raises RuntimeError; reading says it
            key = ("refused", source.path.absolute())
        if key not in seen:
            seen.add(key)
            unique.append(source)
    return Discovery(unique, skipped)


def _plan_files(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The plan files directly in a folder, and the names that look like plans but cannot be read as files.

    A link is kept when it leads to a regular file (reading refuses it if that file is outside the folder) or to
    a special file (refused the same way, so that a link planted in the folder is never silently ignored)."""
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for path in sorted(folder.iterdir()):
        if not path.name.lower().endswith(PLAN_SUFFIXES) or path.name.lower() in PLAN_SUFFIXES:
            continue
        linked = path.is_symlink()
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            skipped.append((path, "dangling"))
            continue
        except OSError as error:
            if error.errno == errno.ELOOP:
                skipped.append((path, "loop"))
            else:  # no permission, say: reading it reports why, as for a file named directly
                files.append(path)
            continue
        if stat.S_ISDIR(mode):
            skipped.append((path, "folder"))
        elif stat.S_ISREG(mode) or linked:
            files.append(path)
        else:
            skipped.append((path, "special"))
    return files, skipped


def _shown(path: object) -> str:
    """A path as text that can always be printed: bytes that are not UTF-8 in a file name show as \\xNN."""
    return os.fsencode(str(path)).decode("utf-8", errors="backslashreplace")
