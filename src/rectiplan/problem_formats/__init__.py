"""The problem formats CI servers read (`validate --format github|gitlab`): pure functions from problems to the
text a CI runner parses, one module each. The formats for people and editors (pretty, parsable, json) are in
`report`."""

from __future__ import annotations

import os
import posixpath

# The checkout's root folder, as each CI server names it: problem paths are relative to it when they lie inside it,
# so that a job run in a subfolder (`working-directory: sub`) still names files as the repository does.
ROOT_VARIABLES = {"github": "GITHUB_WORKSPACE", "gitlab": "CI_PROJECT_DIR"}


def repository_path(path: str, cwd: str, *, root: str | None = None, sep: str = os.sep) -> str:
    """A problem's path as CI servers match it against the repository: relative to `root` (the checkout) when the
    file is inside it, else to the working directory `cwd`, with forward slashes on every system, normalized
    (`plans//a.yaml`, `./plans/../plans/a.yaml` and the absolute path all give `plans/a.yaml`, so that annotations
    find the file and fingerprints do not depend on how the path was typed); a path outside both stays as it is,
    normalized. The folders are compared as they really are too (a working folder reached through a symbolic link,
    whose name `os.getcwd()` resolves), but the file's own name is kept: a linked plan is named as the link. `sep`
    is the system's separator, a parameter so that Windows paths can be tested anywhere (lexically only)."""
    if sep != "/":
        path, cwd = path.replace(sep, "/"), cwd.replace(sep, "/")
        root = root.replace(sep, "/") if root else root
    # A Windows path with a drive (`C:/work/a.yaml`) is absolute too, though posixpath cannot tell.
    absolute = path if sep != "/" and path[1:3] == ":/" else posixpath.join(cwd, path)
    absolute = posixpath.normpath(absolute)
    for base in (root, cwd) if root else (cwd,):
        inside = _relative(absolute, posixpath.normpath(base))
        if inside is None and sep == os.sep:
            folder, name = posixpath.split(absolute)
            try:
                inside = _relative(posixpath.join(os.path.realpath(folder), name), os.path.realpath(base))
            except (OSError, ValueError):  # a name the system cannot take (a NUL): only the lexical answer
                pass
        if inside is not None:
            return inside
    return posixpath.normpath(path)


def _relative(path: str, folder: str) -> str | None:
    """`path` relative to `folder` when it lies inside it (both normalized, absolute), else None."""
    prefix = folder.rstrip("/") + "/"
    return path.removeprefix(prefix) if path.startswith(prefix) else None
