"""`validate --format gitlab`: the problems as a GitLab Code Quality report, the JSON a job publishes with
`artifacts: reports: codequality:` so that merge requests show what they add and what they fix.

The fields are those GitLab's "Implement a custom tool" section requires (doc/ci/testing/code_quality.md):
`description`, `check_name`, `fingerprint`, `severity` (info, minor, major, critical or blocker), `location.path`
and `location.lines.begin`; GitLab ignores the rest of the Code Climate specification it is a subset of.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..messages import problem_message
from ..problems import Problem, Severity
from . import repository_path

# What a problem's parameters say about where it is, or how often a name is used elsewhere, rather than what it
# is: an edit elsewhere in the file changes them, and must not make GitLab see a new problem and a fixed one.
_VOLATILE_PARAMS = frozenset({"first_line", "uses"})

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor"}


def code_quality_report(
    problems: Sequence[Problem], lang: str, cwd: str, root: str | None = None
) -> list[dict[str, Any]]:
    """One Code Quality issue per problem, its description in `lang`. `root`: the checkout ($CI_PROJECT_DIR),
    which paths are relative to when the files are inside it (see repository_path)."""
    seen: Counter[tuple[str, str, str]] = Counter()
    issues = []
    for problem in problems:
        path = repository_path(problem.path, cwd, root=root)
        identity = _identity(problem)
        occurrence = seen[path, problem.code, identity]
        seen[path, problem.code, identity] += 1
        issues.append(
            {
                "description": problem_message(problem, lang),
                "check_name": problem.code,
                "fingerprint": fingerprint(path, problem.code, identity, occurrence),
                "severity": SEVERITY[problem.severity],
                # A problem about the whole file (line 0) is shown on its first line: GitLab requires a line.
                "location": {"path": path, "lines": {"begin": max(problem.line, 1)}},
            }
        )
    return issues


def fingerprint(path: str, code: str, identity: str, occurrence: int) -> str:
    """What GitLab compares between the target branch's report and the merge request's to tell new problems from
    fixed ones. Made of the file, the code, what the problem is about (the key, the value, the id, the division:
    never its line, nor the language of the message) and its rank among problems alike in everything else in
    that file, so that a problem keeps its fingerprint when lines are added or removed above it, and two alike
    problems in one file (two empty values) still have two fingerprints."""
    text = "\0".join((path, code, identity, str(occurrence)))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _identity(problem: Problem) -> str:
    """What the problem is about: its parameters, and where it is in the data by the item's id (a `done_on` missing
    from item 3 and from item 7 are two problems; fixing item 3's must not make item 7's look fixed)."""
    params = {name: value for name, value in problem.params.items() if name not in _VOLATILE_PARAMS}
    if problem.where:
        params["@where"] = problem.where
    return json.dumps(params, sort_keys=True, ensure_ascii=False, default=str)
