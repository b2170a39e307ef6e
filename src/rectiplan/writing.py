"""Replace a plan file with new bytes so that it is never half-written and never overwrites someone else's change.

As git does with `index.lock`: a lock file beside the plan (created exclusively), a check under the lock that the
file still holds the bytes the edit was computed from, a temporary file in the same folder written and fsynced,
the old file's mode copied, an atomic rename over the plan, the folder fsynced, the lock removed. Whatever fails
or is killed on the way, the plan file is either the old one, whole, or the new one, whole.

A symbolic link is followed: the file it points to is replaced (with its lock and temporary file beside it), and
the link stays a link. Given `within` and `identity`, the path must still lead, inside `within`, to the very file
that was read (same device and inode): checked before the lock is taken, so no lock or temporary file is made
elsewhere, and again under the lock. A link swapped in since the read is refused, never followed out of the folder.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import RectiplanError

LOCK_SUFFIX = ".lock"
TEMP_SUFFIX = ".tmp"  # never .yaml: a temporary file left by a killed writer is not read as a plan

# Called once the temporary file is written and fsynced, just before the rename; tests use it to kill the writer.
AFTER_TEMP_WRITTEN: Callable[[Path], None] | None = None


class WriteRefused(RectiplanError):
    """Nothing was written. `code` is a message key in `messages.TEXT`; `params` fill it."""


def lock_path(plan: Path) -> Path:
    target = Path(os.path.realpath(plan))
    return target.with_name(target.name + LOCK_SUFFIX)


def file_identity(path: Path) -> tuple[int, int] | None:
    """The device and inode `path` leads to now, or None when it leads nowhere."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return status.st_dev, status.st_ino


def replace_file(
    plan: Path,
    expected: bytes,
    new: bytes,
    *,
    shown: str | None = None,
    within: Path | None = None,
    identity: tuple[int, int] | None = None,
) -> None:
    """Write `new` over `plan` if it still holds exactly `expected`; raise WriteRefused otherwise. `within`: the
    folder the path may not lead out of (as for reading); `identity`: the (device, inode) of the file read."""
    shown = shown if shown is not None else str(plan)
    target = Path(os.path.realpath(plan))
    _check_same_file(plan, target, within, identity, shown)
    lock = lock_path(plan)
    try:
        descriptor = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        raise WriteRefused("write.locked", path=shown, lock=str(lock)) from None
    except OSError as error:
        raise WriteRefused("write.failed", path=shown, reason=error.strerror or type(error).__name__) from None
    try:
        os.write(descriptor, f"{os.getpid()}\n".encode())
        os.close(descriptor)
        # Again under the lock: what the path leads to now is what is replaced.
        if Path(os.path.realpath(plan)) != target:
            raise WriteRefused("write.moved", path=shown)
        _check_same_file(plan, target, within, identity, shown)
        _replace_locked(target, expected, new, shown)
    finally:
        try:
            os.unlink(lock)
        except OSError:
            pass


def _check_same_file(
    plan: Path, target: Path, within: Path | None, identity: tuple[int, int] | None, shown: str
) -> None:
    if within is not None:
        folder = os.path.realpath(within)
        if str(target) == folder or os.path.commonpath([str(target), folder]) != folder:
            raise WriteRefused("write.moved", path=shown)
    if identity is not None and file_identity(target) != identity:
        raise WriteRefused("write.moved", path=shown)


def _replace_locked(target: Path, expected: bytes, new: bytes, shown: str) -> None:
    try:
        with open(target, "rb") as handle:
            current = handle.read(len(expected) + 1)
        mode = os.stat(target).st_mode & 0o7777
    except OSError as error:
        raise WriteRefused("write.failed", path=shown, reason=error.strerror or type(error).__name__) from None
    if current != expected:
        raise WriteRefused("write.changed", path=shown)
    # The rename needs only the folder to be writable: a plan made read-only must not be replaced behind that,
    # not even by root, whom os.access lets write anything: no write bit at all means "leave this file alone".
    if not os.access(target, os.W_OK) or not mode & 0o222:
        raise WriteRefused("write.failed", path=shown, reason=os.strerror(13))
    folder = target.parent
    temp_name: str | None = None
    try:
        descriptor, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=TEMP_SUFFIX)
        with os.fdopen(descriptor, "wb") as handle:
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            handle.write(new)
            handle.flush()
            os.fsync(handle.fileno())
        if AFTER_TEMP_WRITTEN is not None:
            AFTER_TEMP_WRITTEN(Path(temp_name))
        os.replace(temp_name, target)
        temp_name = None
        _fsync_folder(folder)
    except OSError as error:
        raise WriteRefused("write.failed", path=shown, reason=error.strerror or type(error).__name__) from None
    finally:
        if temp_name is not None:
            try:
                os.unlink(temp_name)
            except OSError:
                pass


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; folders cannot be opened for this on Windows, where it is not needed."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def output_path(output: str | os.PathLike[str], shown: str | None = None) -> Path:
    """The path an output name gives, or WriteRefused when the name cannot be a file: "output.empty" (Path("") is
    ".", the current folder: the message says what was really given), "output.slash" (a trailing slash names a
    folder, and the shell's `>` refuses it; Path() would drop it and write a file under the folder's name)."""
    raw = os.fspath(output)
    shown = shown if shown is not None else raw
    if raw == "":
        raise WriteRefused("output.empty", path=shown)
    if raw.endswith(("/", os.sep)) or (os.altsep is not None and raw.endswith(os.altsep)):
        raise WriteRefused("output.slash", path=shown)
    return Path(raw)


def write_output(
    output: str | os.PathLike[str],
    data: bytes,
    *,
    force: bool,
    shown: str | None = None,
    protected: Sequence[str | os.PathLike[str]] = (),
) -> None:
    """Write an export to `output` whole or not at all: a temporary file beside it, fsynced, then linked into place
    (refused when the path exists, even if it appeared a moment ago) or, with `force`, renamed over it (keeping
    its mode). A device or pipe named as the output (`/dev/stdout`) is written as a stream: there is no file to
    keep whole. `protected`: the plan files the output was made from, never replaced, not even with `force`
    (compared as files, by device and inode, so a link or another spelling of the name is caught too). Raises
    WriteRefused: "output.empty", "output.slash", "output.exists", "output.folder" and "output.is_plan" mean
    nothing was tried, "write.failed" that writing failed (the disk is full, no permission) and nothing was left
    behind."""
    shown = shown if shown is not None else os.fspath(output)
    path = output_path(output, shown)
    try:
        status: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise WriteRefused("write.failed", path=shown, reason=error.strerror or type(error).__name__) from None
    if status is not None:
        if stat.S_ISDIR(status.st_mode):
            raise WriteRefused("output.folder", path=shown)
        for plan in protected:
            if file_identity(Path(plan)) == (status.st_dev, status.st_ino):
                raise WriteRefused("output.is_plan", path=shown)
        if not stat.S_ISREG(status.st_mode):
            _write_stream(path, data, shown)
            return
        if not force:
            raise WriteRefused("output.exists", path=shown)
    # A link is followed (the file it leads to is replaced; the link stays a link), as the shell's `>` would.
    target = Path(os.path.realpath(path))
    temp: Path | None = None
    try:
        temp, descriptor = _new_temp_file(target)
        with os.fdopen(descriptor, "wb") as handle:
            if status is not None and hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), status.st_mode & 0o7777)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if status is None and not force:
            _link_into_place(temp, target, shown)
        else:
            os.replace(temp, target)
            temp = None
        _fsync_folder(target.parent)
    except OSError as error:
        raise WriteRefused("write.failed", path=shown, reason=error.strerror or type(error).__name__) from None
    finally:
        if temp is not None:
            try:
                os.unlink(temp)
            except OSError:
                pass


def _new_temp_file(target: Path) -> tuple[Path, int]:
    """A new file beside `target`, created with mode 0o666 so that the umask decides its mode, as for any new file
    (mkstemp's 0o600 would make an export nobody else in the office can open)."""
    for _ in range(100):
        temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
        try:
            return temp, os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(target.parent))


def _link_into_place(temp: Path, target: Path, shown: str) -> None:
    """Put the finished file at `target` only if nothing is there: a hard link fails when the name exists, where a
    rename would silently replace a file made since the check. Without hard links (some network and FAT file
    systems), a rename after one more check."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise WriteRefused("output.exists", path=shown) from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS):
            raise
        if os.path.lexists(target):
            raise WriteRefused("output.exists", path=shown) from None
        os.replace(temp, target)
        return
    os.unlink(temp)


def _write_stream(path: Path, data: bytes, shown: str) -> None:
    try:
        with open(path, "wb") as handle:
            handle.write(data)
    except OSError as error:
        raise WriteRefused("write.failed", path=shown, reason=error.strerror or type(error).__name__) from None
