"""The problem formats CI servers read (`validate --format github|gitlab`): pure functions from problems to the
text a CI runner parses, one module each. The formats for people and editors (pretty, parsable, json) are in
`report`."""

from __future__ import annotations

import os


def repository_path(path: str, cwd: str, *, sep: str = os.sep) -> str:
    """A problem's path as CI servers match it against the repository: relative to the working directory (the job
    runs in the checkout), with forward slashes on every system, without a leading `./`; a path outside the working
    directory stays as it is. `sep` is the system's separator, a parameter so that Windows paths can be tested
    anywhere."""
    if sep != "/":
        path, cwd = path.replace(sep, "/"), cwd.replace(sep, "/")
    inside = cwd.rstrip("/") + "/"
    path = path.removeprefix(inside)
    while path.startswith("./"):
        path = path[2:].lstrip("/")
    return path
